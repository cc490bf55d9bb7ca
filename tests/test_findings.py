"""Consolidation, the findings proposal and carrying open findings into the next 年度."""

from __future__ import annotations

from pathlib import Path

import pytest

from mizuho_audit.services.findings import findings
from mizuho_audit.services.intake.consolidation import consolidate
from mizuho_audit.services.intake.status_board import board

from .auditor_setup import build


@pytest.fixture
def desk(tmp_path: Path, mini_dir: Path):  # type: ignore[no-untyped-def]
    dept, aud = build(tmp_path, mini_dir, {
        "jumin": {"ORG-001": "partial", "NET-001": "not_done"},
        "zeimu": {"ORG-001": "partial", "NET-001": "partial"},
        "kosodate": {"ORG-001": "partial", "ORG-002": "na"},
        "kikaku": {},
    })
    yield dept, aud
    dept.close()
    aud.close()


def test_consolidation_scores_and_missing(desk) -> None:  # type: ignore[no-untyped-def]
    _dept, aud = desk
    cons = consolidate(aud, 2026)
    assert {r.department.id for r in cons.results} == {"jumin", "zeimu", "kosodate", "kikaku"}
    assert len(cons.missing) == len(aud.catalog.master.departments) - 4
    jumin = cons.result("jumin")
    assert jumin is not None
    # 住民課: ORG-001 中 partial (2×0.5), ORG-002 低 done (1), NET-001 高 not_done (0), HUM-001 中 done (2)
    # = (1 + 1 + 0 + 2) / (2 + 1 + 3 + 2) = 4/8 = 50
    assert jumin.scores.total.score == pytest.approx(50.0)
    heat = dict((d.id, row) for d, row in cons.heat_map())
    assert heat["jumin"]["1"] == pytest.approx(100 * 2 / 3)  # (1 + 1) / 3
    top = cons.failing_items()[0]
    assert top.item.id == "ORG-001" and top.failing == 3 and top.answered == 4
    rows = {r.department: r for r in board(aud, 2026)}
    assert rows["jumin"].status == "submitted" and rows["jumin"].signature == "unsigned"
    assert rows["jumin"].score == pytest.approx(50.0)
    assert rows["kaikei"].status == "not_started" and rows["kaikei"].score is None


def test_findings_proposal(desk) -> None:  # type: ignore[no-untyped-def]
    _dept, aud = desk
    ids = findings.propose(aud, 2026, "監査 一郎")
    fs = {(f.department_id, f.item_id): f for f in aud.store.findings(2026)}
    assert len(ids) == len(fs) == 3
    assert fs[("jumin", "NET-001")].grade == "major" and fs[("zeimu", "NET-001")].grade == "minor"
    common = fs[(findings.TOWN_WIDE, "ORG-001")]
    assert common.grade == "observation" and common.responsible == "kikaku" and "3 部署" in common.text
    assert fs[("jumin", "NET-001")].due == "2027-03-31"
    assert findings.propose(aud, 2026, "監査 一郎") == []  # nothing proposed twice
    assert findings.for_department(aud, 2026, "jumin") == []  # not confirmed yet
    f = fs[("jumin", "NET-001")]
    aud.store.update_finding(f.id, {"confirmed": 1, "text": f.text + " 早急に対応が必要。", "grade": "major"},
                             actor="監査 一郎")
    [mine] = findings.for_department(aud, 2026, "jumin")
    assert mine.text.endswith("早急に対応が必要。") and mine.updated_by == "監査 一郎"
    with pytest.raises(Exception, match="変更できない"):
        aud.store.update_finding(f.id, {"fiscal_year": 2030}, actor="x")


def test_open_findings_continue_next_year(desk) -> None:  # type: ignore[no-untyped-def]
    _dept, aud = desk
    findings.propose(aud, 2026, "監査 一郎")
    for f in aud.store.findings(2026):
        aud.store.update_finding(f.id, {"confirmed": 1}, actor="監査 一郎")
    done = next(f for f in aud.store.findings(2026) if f.grade == "minor")
    aud.store.update_finding(done.id, {"status": "done"}, actor="監査 一郎")
    carried = findings.carry_open(aud, 2026, 2027, "監査 一郎")
    assert len(carried) == 2
    nxt = aud.store.findings(2027)
    assert all(f.source == "carried" and f.carried_from is not None for f in nxt)
    assert done.id not in {f.carried_from for f in nxt}
    assert findings.carry_open(aud, 2026, 2027, "監査 一郎") == []


def test_followups_come_back_as_items_and_their_report_reaches_the_finding(tmp_path: Path, mini_dir: Path) -> None:
    from mizuho_audit.services.intake.intake import import_submission
    from mizuho_audit.services.submission.submission import export_submission
    from mizuho_audit.services.workspace import Workspace

    from .auditor_setup import AUDITOR_PASSPHRASE, answer

    aud = Workspace.open(tmp_path / "a.db", shipped_dir=mini_dir, town_dir=tmp_path / "t", role="auditor",
                         passphrase=AUDITOR_PASSPHRASE)
    fid = findings.add_manual(aud, 2025, "jumin", grade="major", title="USB 書き出し禁止の未設定",
                              text="一部の端末で書き出しが可能。", recommendation="全端末に設定する。",
                              due="2026-06-30", actor="監査 一郎")
    [carried_id] = findings.carry_open(aud, 2025, 2026, "監査 一郎")
    # The department took in its 結果通知 (the findings travel inside it).
    dept = Workspace.open(tmp_path / "d.db", shipped_dir=mini_dir, town_dir=tmp_path / "t")
    dept.store.add_followups([findings.as_dict(f) for f in findings.for_department(aud, 2025, "jumin")],
                             file_sha256="0" * 64, actor="瑞穂 花子")
    cl = dept.checklist("jumin", 2026)
    fu = cl.questionnaire.item(f"FU-{fid:03d}")
    assert "USB 書き出し禁止の未設定" in fu.question and fu.importance == "高" and "全端末に設定する" in fu.guidance
    assert cl.questionnaire.chapters[-1].title.startswith("前年度の指摘事項")
    assert dept.checklist("hisho", 2026).questionnaire.chapters[-1].id != "F"  # only the department concerned
    answer(dept, "jumin", 2026, {fu.id: "done"})
    out = export_submission(dept, dept.checklist("jumin", 2026), tmp_path / "j.json", actor="瑞穂 花子")
    assert import_submission(aud, out, actor="監査 一郎").outcome == "imported"
    reported = aud.store.finding(carried_id)
    assert reported.reported_status == "done"
    dept.close()
    aud.close()


def test_closed_year_refuses_imports_and_finding_edits(desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from mizuho_audit.services.intake.intake import import_submission
    from mizuho_audit.services.intake.trust_checks import ImportOptions
    from mizuho_audit.storage.connection import StoreError
    from mizuho_audit.storage.findings_store import YearClosedError

    dept, aud = desk
    [fid, *_] = findings.propose(aud, 2026, "監査 一郎")
    aud.store.close_year(2026, actor="監査 一郎", report_sha256="ab" * 32)
    assert aud.store.closed_year(2026)["closed_by"] == "監査 一郎"  # type: ignore[index]
    with pytest.raises(YearClosedError, match="締められて"):
        aud.store.update_finding(fid, {"text": "変更"}, actor="監査 一郎")
    with pytest.raises(YearClosedError):
        findings.add_manual(aud, 2026, "jumin", grade="minor", title="t", text="x", actor="監査 一郎")
    # A re-submission for the closed year is refused, and nothing changes.
    from mizuho_audit.services.submission.submission import export_submission
    from mizuho_audit.services.submission.workflow import reopen

    cl = dept.checklist("kikaku", 2026)
    reopen(dept, cl, "修正", "課長")
    from .auditor_setup import answer

    answer(dept, "kikaku", 2026, {"ORG-001": "partial"})
    out = export_submission(dept, dept.checklist("kikaku", 2026), tmp_path / "re.json", actor="担当")
    before = len(aud.store.received(2026, current_only=False))
    refused = import_submission(aud, out, actor="監査 一郎", options=ImportOptions(confirm_changes=True))
    assert refused.outcome == "refused" and "締められて" in refused.message
    assert len(aud.store.received(2026, current_only=False)) == before
    with pytest.raises(StoreError, match="理由"):
        aud.store.reopen_year(2026, reason="", actor="監査 一郎")
    aud.store.reopen_year(2026, reason="報告書の誤字訂正", actor="監査 一郎")
    aud.store.update_finding(fid, {"text": "変更"}, actor="監査 一郎")
    actions = [e.action for e in aud.store.log_entries()]
    assert "year_closed" in actions and actions[-2:] == ["year_reopened", "finding_updated"]
