"""What the town reads in the audit report: 総括 with the auditor's judgement and the departments not yet
submitted within the first ten pages, 宛先 and 文書番号, 速報, numbered 重大 findings, 期限超過, a finding's
due date apart from the department's plan, last year's findings, Japan time, and no internal markers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from mizuho_audit import clock
from mizuho_audit.services.findings import findings
from mizuho_audit.services.intake.intake import accept, import_submission
from mizuho_audit.services.intake.status_board import set_deadline
from mizuho_audit.services.reports.audit_report import write_audit_report
from mizuho_audit.services.reports.excel_report import write_audit_workbook
from mizuho_audit.services.reports.preliminary import preliminary_reasons
from mizuho_audit.services.reports.report_details import set_report_cover, set_report_summary
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.submission.workflow import Approver, submit
from mizuho_audit.services.workspace import Workspace

from .auditor_setup import build
from .test_audit_report import APPROVER, AUDITOR, AUTHOR, ISSUED, REVIEWER, Desk, make_desk, write
from .test_submission_pdf import pages_text, squeeze

JUDGEMENT = "全体として対策は定着しつつあるが、記録媒体の持出し管理に課題が残る。\n\n来年度は研修を重点とする。"


@pytest.fixture
def desk(tmp_path: Path, mini_dir: Path) -> Iterator[Desk]:
    yield from make_desk(tmp_path, mini_dir)


def _accept_all(aud: Workspace, year: int = 2026) -> None:
    for r in aud.store.received(year):
        accept(aud, r.department_id, year, AUDITOR)


def test_summary_heading_always_appears_with_the_unsubmitted_by_name(desk: Desk) -> None:
    pages = [squeeze(p) for p in pages_text(write(desk))]
    first_ten = "".join(pages[:10])
    assert "1総括" in first_ten and "1.1監査担当の所見（未記入）" in first_ten
    submitted = ("jumin", "zeimu", "kosodate", "kikaku")
    missing = [d.name for d in desk.aud.catalog.master.departments if d.id not in submitted]
    assert missing and all(name in first_ten for name in missing)
    for heading in ("1.2主なリスク", "1.3重大な指摘事項の多い部署", "1.4未提出の部署", "1.5前年度の指摘事項のその後"):
        assert heading in first_ten, heading
    # 住民課 holds the one 重大 finding: named among the departments holding most of them.
    body = "".join(pages[3:10])  # after the cover, the approval page and the contents
    section = body[body.index("1.3重大な指摘事項の多い部署"):body.index("1.4未提出の部署")]
    assert "住民課10" in section  # 重大 1, 軽微 0

    set_report_summary(desk.aud, 2026, JUDGEMENT, actor=AUDITOR)
    body = "".join(squeeze(p) for p in pages_text(write(desk))[3:10])
    assert f"1.1監査担当の所見{squeeze(JUDGEMENT)}1.2主なリスク" in body


def test_cover_carries_the_addressee_and_document_number(desk: Desk) -> None:
    cover = squeeze(pages_text(write(desk))[0])
    assert "宛先（未記入）" in cover and "文書番号（未記入）" in cover and "令和9年3月15日" in cover
    set_report_cover(desk.aud, 2026, addressee="瑞穂町最高情報セキュリティ責任者　様", document_number="瑞情監第12号",
                     actor=AUDITOR)
    cover = squeeze(pages_text(write(desk))[0])
    assert "瑞穂町最高情報セキュリティ責任者様" in cover and "瑞情監第12号令和9年3月15日" in cover


def test_a_report_before_the_deadline_or_acceptance_is_marked_preliminary(desk: Desk) -> None:
    # Submissions taken in but not yet 受理: 速報 on the cover and in every page's header.
    decision = preliminary_reasons(desk.aud, 2026, ISSUED)
    assert decision and decision.pending == ("企画課", "住民課", "税務課", "子育て応援課")
    assert "速報" in decision.message()
    pages = [squeeze(p) for p in pages_text(write(desk))]
    assert "情報セキュリティ自己点検結果報告書（速報）" in pages[0] and "受理していない提出がある（4部署）" in pages[0]
    assert all(p.startswith("【速報】") for p in pages[1:]), [p[:20] for p in pages]
    assert desk.aud.store.log_entries()[-1].details["preliminary"]

    _accept_all(desk.aud)
    set_deadline(desk.aud, 2026, date(2026, 12, 18), AUDITOR)
    early = preliminary_reasons(desk.aud, 2026, date(2026, 12, 18))  # on the deadline day, more may arrive
    assert early and early.deadline == date(2026, 12, 18) and not early.not_accepted
    final = preliminary_reasons(desk.aud, 2026, ISSUED)
    assert not final and final.message() == ""
    text = "".join(squeeze(p) for p in pages_text(write(desk)))
    assert "速報" not in text


def test_major_findings_are_numbered_alike_in_the_report_and_the_workbook(desk: Desk) -> None:
    text = "".join(squeeze(p) for p in pages_text(write(desk))[3:])  # the body, after the contents
    major = next(f for f in desk.aud.store.findings(2026) if f.grade == "major")
    assert "5.1重大な指摘事項の一覧番号部署項目指摘事項指摘の改善期限1住民課NET-001" in text
    assert f"重大1{squeeze(major.title)}" in text  # the card carries the same number
    assert f"重大{major.id}{squeeze(major.title)}" not in text or major.id == 1
    book = load_workbook(write_audit_workbook(desk.aud, 2026, desk.tmp / "book.xlsx", actor=AUDITOR, now=ISSUED))
    rows = list(book["指摘事項"].iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == 1 and rows[0][4] == major.title
    confirmed = [r for r in rows if r[10] == "確定"]
    assert [r[0] for r in confirmed] == list(range(1, len(confirmed) + 1))


def test_a_long_list_of_major_findings_starts_under_its_heading(desk: Desk) -> None:
    """5.1 longer than a page starts where the chapter starts and runs on, instead of leaving a page
    that holds only the chapter's heading and its three lines of introduction."""
    rows = [{"fiscal_year": 2026, "department_id": "jumin", "item_id": "NET-001", "source": "manual",
             "grade": "major", "title": f"重大な指摘 {i:02d}", "text": "記録がない。", "responsible": "jumin",
             "due": "2027-03-31", "confirmed": 1} for i in range(60)]
    desk.aud.store.add_findings(rows, actor=AUDITOR, action="finding_added")
    pages = [squeeze(p) for p in pages_text(write(desk))]
    chapter = next(i for i, p in enumerate(pages) if "5指摘事項と改善の提言監査担当が確認した" in p)
    assert "5.1重大な指摘事項の一覧番号部署項目指摘事項指摘の改善期限1住民課" in pages[chapter]
    assert "重大な指摘59" not in pages[chapter]  # the table runs on to the next page


def test_overdue_deadlines_are_flagged_and_named_apart_from_the_plan(desk: Desk) -> None:
    major = next(f for f in desk.aud.store.findings(2026) if f.grade == "major")
    desk.aud.store.update_finding(major.id, {"due": "2027-01-31"}, actor=AUDITOR)
    text = "".join(squeeze(p) for p in pages_text(write(desk))[3:])
    card = text[text.index(f"重大1{squeeze(major.title)}"):]
    card = card[:card.index("5.3")]
    # The finding's own due date (passed on 令和9年3月15日) and the department's plan, each by its name.
    assert "指摘の改善期限令和9年1月31日（期限超過）" in card
    assert "部署の改善計画NET-001を改善する" in card and "計画の期限:令和9年3月31日" in card
    assert "計画の期限:令和9年3月31日（期限超過）" not in card
    later = write_audit_report(desk.aud, 2026, desk.tmp / "later.pdf", actor=AUDITOR, author=AUTHOR,
                               reviewer=REVIEWER, approver=APPROVER, issued_on=date(2027, 4, 2))
    text = "".join(squeeze(p) for p in pages_text(later))
    assert "計画の期限:令和9年3月31日（期限超過）" in text  # the appendix flags the department's plan too


def test_last_years_findings_and_what_became_of_them(desk: Desk) -> None:
    aud = desk.aud
    ids = [findings.add_manual(aud, 2025, dep, grade="major", title=f"{dep} の前年度の指摘", text="未実施。",
                               due="2026-03-31", actor=AUDITOR) for dep in ("jumin", "zeimu", "kikaku")]
    aud.store.update_finding(ids[0], {"status": "done"}, actor=AUDITOR)
    carried = findings.carry_open(aud, 2025, 2026, AUDITOR)
    assert len(carried) == 2
    aud.store.update_finding(carried[0], {"status": "in_progress", "department_report": "台帳を整備中。"},
                             actor=AUDITOR)
    text = "".join(squeeze(p) for p in pages_text(write(desk))[3:10])
    section = text[text.index("1.5前年度の指摘事項のその後"):]
    assert "令和7年度に確認した指摘事項は3件で、完了1件、対応中1件、未対応1件である。" in section
    assert "区分件数完了対応中未対応改善報告あり重大31111" in section
    # A carried finding is due at the end of last 年度: overdue now, and flagged.
    assert "前年度から継続" in "".join(squeeze(p) for p in pages_text(desk.tmp / "report.pdf"))
    assert "（期限超過）" in "".join(squeeze(p) for p in pages_text(desk.tmp / "report.pdf"))


def test_no_carry_over_marker_reaches_the_report(tmp_path: Path, mini_dir: Path) -> None:
    dept, aud = build(tmp_path, mini_dir, {"kikaku": {}})
    try:
        cl = dept.checklist("jumin", 2026)
        for it in cl.questionnaire.items():
            dept.save(cl, it.id, "rating", "done", "担当")
        dept.save(cl, "NET-001", "rating", "not_done", "担当")
        dept.save(cl, "NET-001", "note", "【企画課 NET-902】手順が定まっておらず未実施。", "担当")
        dept.save(cl, "NET-001", "plan_content", "【企画課 NET-902】手順を定める。\n【住民課】手順を定める。", "担当")
        dept.save(cl, "NET-001", "plan_owner", "【企画課 NET-902】担当主任", "担当")
        dept.save(cl, "NET-001", "plan_due", "2027-03-31", "担当")
        submit(dept, cl, Approver("住民 課長", "課長", "2026-11-20"), "担当")
        out = export_submission(dept, dept.checklist("jumin", 2026), tmp_path / "sub" / "jumin.json", actor="担当")
        assert import_submission(aud, out, actor=AUDITOR).outcome == "imported"
        findings.propose(aud, 2026, AUDITOR)
        for f in aud.store.findings(2026):
            aud.store.update_finding(f.id, {"confirmed": 1}, actor=AUDITOR)
        path = write_audit_report(aud, 2026, tmp_path / "r.pdf", actor=AUDITOR, author=AUTHOR, reviewer=REVIEWER,
                                  approver=APPROVER, issued_on=ISSUED)
        text = "".join(squeeze(p) for p in pages_text(path))
        assert "担当主任" in text and "手順を定める。" in text and "手順が定まっておらず未実施。" in text
        assert "【" not in text.replace("【速報】", "") and "NET-902" not in text
    finally:
        dept.close()
        aud.close()


def test_dates_are_japan_time_on_a_machine_set_to_utc(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        # 18:48 UTC on 4 December 2026 is 03:48 on 5 December in Japan.
        monkeypatch.setattr(clock, "_utc_now", lambda: datetime(2026, 12, 4, 18, 48, tzinfo=UTC))
        path = write_audit_report(desk.aud, 2026, desk.tmp / "utc.pdf", actor=AUDITOR, author=AUTHOR,
                                  reviewer=REVIEWER, approver=APPROVER)
        pages = [squeeze(p) for p in pages_text(path)]
        assert "令和8年12月5日" in pages[0] and "令和8年12月4日" not in "".join(pages)
        entry = desk.aud.store.log_entries()[-1]
        assert entry.details["issued_on"] == "2026-12-05" and entry.at == "2026-12-05T03:48:00+09:00"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
