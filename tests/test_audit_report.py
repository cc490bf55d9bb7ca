"""情報セキュリティ自己点検結果報告書: the auditor's report on a 年度, ready for two signatures."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields

from mizuho_audit.services.findings import findings
from mizuho_audit.services.reports.audit_report import (
    APPROVAL_PAGE_INDEX,
    APPROVER_FIELD,
    AUTHOR_FIELD,
    REVIEWER_FIELD,
    SIGNATURE_BOXES,
    write_audit_report,
)
from mizuho_audit.services.workspace import Workspace

from .auditor_setup import build
from .test_submission_pdf import pages_text, poppler, squeeze

AUDITOR = "監査 一郎"
AUTHOR, REVIEWER, APPROVER = "監査 花子", "情報 次郎", "瑞穂 太郎"
ISSUED = date(2027, 3, 15)
MAIN_SECTIONS = ("1 総括", "2 概要", "3 グラフ", "4 章別の分析", "5 指摘事項と改善の提言", "6 付録 部署別の結果")


@dataclass
class Desk:
    aud: Workspace
    tmp: Path
    confirmed_title: str
    unconfirmed_title: str


def make_desk(tmp_path: Path, mini_dir: Path) -> Iterator[Desk]:
    """Four departments submitted and taken in (none 受理 yet), their findings proposed, all but one confirmed."""
    # 住民課 leaves a 高 item undone (重大) and 税務課 does it in part (軽微); three departments share a
    # failing 中 item, which becomes a town-wide 観察事項.
    dept, aud = build(tmp_path, mini_dir, {
        "jumin": {"NET-001": "not_done", "ORG-001": "partial"},
        "zeimu": {"NET-001": "partial", "ORG-001": "partial"},
        "kosodate": {"ORG-001": "partial", "ORG-002": "na"},
        "kikaku": {},
    })
    findings.propose(aud, 2026, AUDITOR)
    proposed = aud.store.findings(2026)
    left_open = next(f for f in proposed if f.department_id == "zeimu")
    aud.store.update_finding(left_open.id, {"title": "確認前の指摘案の題名"}, actor=AUDITOR)
    for f in proposed:
        if f.id != left_open.id:
            aud.store.update_finding(f.id, {"confirmed": 1}, actor=AUDITOR)
    confirmed = next(f for f in proposed if f.department_id == "jumin")
    yield Desk(aud, tmp_path, confirmed.title, "確認前の指摘案の題名")
    dept.close()
    aud.close()


@pytest.fixture
def desk(tmp_path: Path, mini_dir: Path) -> Iterator[Desk]:
    yield from make_desk(tmp_path, mini_dir)


def write(desk: Desk, year: int = 2026, name: str = "report.pdf") -> Path:
    return write_audit_report(desk.aud, year, desk.tmp / name, actor=AUDITOR, author=AUTHOR, reviewer=REVIEWER,
                              approver=APPROVER, issued_on=ISSUED)


def toc_entries(page: str) -> dict[str, int]:
    """'4 指摘事項と改善の提言 ..... 6' lines of the contents page, as {squeezed title: page}."""
    entries = {}
    for line in page.splitlines():
        m = re.match(r"\s*(\d+(?:\.\d+)?\s.*?)\s+(\d+)\s*$", line)
        if m:
            entries[squeeze(m.group(1))] = int(m.group(2))
    return entries


def test_report_reads_as_the_towns_report(desk: Desk) -> None:
    path = write(desk)
    pages = pages_text(path)
    squeezed = [squeeze(p) for p in pages]
    for n, page in enumerate(squeezed, start=1):
        assert "取扱注意" in page and f"{n}/{len(pages)}" in page, n
    text = "".join(squeezed)
    for expected in ("令和8年度情報セキュリティ自己点検結果報告書", "瑞穂町", "令和9年3月15日", "作成", "確認", "承認",
                     squeeze(AUTHOR), squeeze(REVIEWER), squeeze(APPROVER), squeeze(desk.confirmed_title),
                     "住民課", "税務課", "重大", "軽微", "観察事項", "全庁", "未提出の部署", "会計課",
                     "方針", "自己点検", "重み", "一部実施している", "実施していない", "以上"):
        assert expected in text, expected
    assert squeeze(desk.unconfirmed_title) not in text  # proposals not yet confirmed stay out
    assert "令和8年度情報セキュリティ自己点検結果報告書" in squeezed[0] and "瑞穂町" in squeezed[0]

    # The approval page names who made, checked and approved the report, and leaves their dates blank:
    # nobody has signed yet (the signatures record when they do).
    approval = squeezed[APPROVAL_PAGE_INDEX]
    for role, duty, person, field in (("作成", "報告書を作成した者", AUTHOR, AUTHOR_FIELD),
                                      ("確認", "内容を確認した者", REVIEWER, REVIEWER_FIELD),
                                      ("承認", "報告書を承認した者", APPROVER, APPROVER_FIELD)):
        assert f"{role}{duty}{squeeze(person)}署名欄「{field}」" in approval, role
    assert "令和" not in approval.replace("令和8年度", "")  # no date at all on the page people sign

    # The contents list every main section, with the page the section really starts on.
    contents_page = next(i for i, p in enumerate(squeezed) if "目次1総括" in p)
    entries = toc_entries(pages[contents_page])
    for section in MAIN_SECTIONS:
        key = squeeze(section)
        assert key in entries, section
        assert key in squeezed[entries[key] - 1], (section, entries[key])
    assert squeeze("6.1 企画課") in entries  # the appendix has one entry per department


def test_fonts_are_embedded_and_no_helvetica(desk: Desk) -> None:
    rows = poppler("pdffonts", str(write(desk))).splitlines()[2:]
    assert rows
    for row in rows:
        assert "Helvetica" not in row, row
        assert re.search(r"\s(yes)\s+(yes)\s+(yes)\s", row), row  # emb, sub, uni


def test_three_empty_signature_fields_in_boxes_free_of_text(desk: Desk) -> None:
    path = write(desk)
    with path.open("rb") as fh:
        reader = PdfFileReader(fh)
        fields = {name: (value, ref.get_object()) for name, value, ref in enumerate_sig_fields(reader)}
        assert list(fields) == [AUTHOR_FIELD, REVIEWER_FIELD, APPROVER_FIELD]  # the order people sign in
        approval_page = reader.root["/Pages"]["/Kids"][APPROVAL_PAGE_INDEX].get_object()
        for name, (value, field) in fields.items():
            assert value is None, name  # empty: nobody has signed yet
            rect = [float(v) for v in field["/Rect"]]
            assert rect == pytest.approx(list(SIGNATURE_BOXES[name]), abs=0.01)
            assert field["/P"].get_object() == approval_page
    # Nothing is printed inside the boxes, so a visible signature stamp there covers no text.
    page_height = 841.89
    for x1, y1, x2, y2 in SIGNATURE_BOXES.values():
        inside = poppler("pdftotext", "-f", "2", "-l", "2", "-x", str(int(x1) + 1), "-y",
                         str(int(page_height - y2) + 1), "-W", str(int(x2 - x1) - 2), "-H", str(int(y2 - y1) - 2),
                         str(path), "-")
        assert squeeze(inside) == ""


def test_export_is_logged_with_the_files_hash(desk: Desk) -> None:
    path = write(desk)
    entry = desk.aud.store.log_entries()[-1]
    assert entry.action == "report_exported" and entry.actor == AUDITOR and entry.target == "year:2026"
    assert entry.details["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert not list(desk.tmp.glob(".tmp-*"))  # written atomically: no temporary file left behind


def test_year_without_submissions_says_so(tmp_path: Path, mini_dir: Path) -> None:
    dept, aud = build(tmp_path, mini_dir, {})
    try:
        for year in (2026, 2031):  # a year with a checklist but no submission, and one with neither
            path = write_audit_report(aud, year, tmp_path / f"empty-{year}.pdf", actor=AUDITOR, author=AUTHOR,
                                      reviewer=REVIEWER, approver=APPROVER, issued_on=ISSUED)
            text = squeeze("".join(pages_text(path)))
            assert "提出された自己点検がない" in text and "未提出の部署" in text
            assert "会計課" in text  # every department of the master is listed as not submitted
            with path.open("rb") as fh:
                names = {name for name, _, _ in enumerate_sig_fields(PdfFileReader(fh))}
            assert names == {AUTHOR_FIELD, REVIEWER_FIELD, APPROVER_FIELD}
    finally:
        dept.close()
        aud.close()


def test_signatures_fill_the_reserved_fields(desk: Desk) -> None:
    from mizuho_audit.services.signing import ca
    from mizuho_audit.services.signing.signing import load_certificates, sign_pdf, verify_pdf

    ca_dir = desk.tmp / "ca"
    ca.init_ca(ca_dir, b"ca-pass")
    for person, p12 in ((AUTHOR, "author.p12"), (REVIEWER, "reviewer.p12"), (APPROVER, "approver.p12")):
        ca.issue_certificate(ca_dir, b"ca-pass", name=person, title="監査担当", department="企画課",
                             out_p12=desk.tmp / p12, p12_passphrase=None)
    pdf = write(desk).read_bytes()
    pdf = sign_pdf(pdf, desk.tmp / "author.p12", None, field_name=AUTHOR_FIELD, reason="報告書の作成")
    reader = PdfFileReader(io.BytesIO(pdf))
    assert {name for name, value, _ in enumerate_sig_fields(reader) if value is not None} == {AUTHOR_FIELD}
    pdf = sign_pdf(pdf, desk.tmp / "reviewer.p12", None, field_name=REVIEWER_FIELD, reason="報告書の確認")
    pdf = sign_pdf(pdf, desk.tmp / "approver.p12", None, field_name=APPROVER_FIELD, reason="報告書の承認")
    check = verify_pdf(pdf, load_certificates(ca_dir / "ca-cert.pem"))
    assert check.status == "valid" and check.signature_count == 3
    reader = PdfFileReader(io.BytesIO(pdf))
    assert {name for name, value, _ in enumerate_sig_fields(reader) if value is not None} == {
        AUTHOR_FIELD, REVIEWER_FIELD, APPROVER_FIELD}
    # The stamps carry the dates: each person's, in the box of each.
    signed = desk.tmp / "signed.pdf"
    signed.write_bytes(pdf)
    approval = squeeze(pages_text(signed)[APPROVAL_PAGE_INDEX])
    for field, person in ((AUTHOR_FIELD, AUTHOR), (REVIEWER_FIELD, REVIEWER), (APPROVER_FIELD, APPROVER)):
        assert f"{field}{squeeze(person)}" in approval and approval.count("署名日時令和") == 3


def test_contents_of_a_large_town_run_over_two_pages(tmp_path: Path, mini_dir: Path) -> None:
    traits = ["my_number", "lgwan", "internet", "runs_systems", "school", "assembly", "education_board"]
    master = ["format: mizuho-audit/departments@1", 'version: "test"', "title: test", "traits:",
              *(f"  {t}: {t}" for t in traits), "bodies:", "  - {id: town, name: 町長部局}", "departments:",
              *(f"  - {{id: d{i:02d}, name: 第{i}課, body: town, traits: [lgwan, my_number]}}" for i in range(1, 61))]
    (mini_dir / "departments.yaml").write_text("\n".join(master) + "\n", encoding="utf-8")
    names = [f"第{i}課" for i in range(1, 61)]
    dept, aud = build(tmp_path, mini_dir, {f"d{i:02d}": {"ORG-001": "partial"} for i in range(1, 59)})
    try:
        path = write_audit_report(aud, 2026, tmp_path / "all.pdf", actor=AUDITOR, author=AUTHOR,
                                  reviewer=REVIEWER, approver=APPROVER, issued_on=ISSUED)
    finally:
        dept.close()
        aud.close()
    pages = pages_text(path)
    squeezed = [squeeze(p) for p in pages]
    first = APPROVAL_PAGE_INDEX + 1
    contents = range(first, toc_entries(pages[first])[squeeze("1 総括")] - 1)
    assert len(contents) == 2  # 58 departments do not fit one page of contents
    entries: dict[str, int] = {}
    for i in contents:
        entries.update(toc_entries(pages[i]))
    for n, name in enumerate(names[:58], start=1):
        key = squeeze(f"6.{n} {name}")
        assert key in entries, name
        assert key in squeezed[entries[key] - 1], (name, entries[key])
    missing = squeeze("6.59 未提出の部署")
    assert missing in entries and all(n in squeezed[entries[missing] - 1] for n in names[58:])
    # Even with two pages of contents, 総括 names the departments not yet submitted within the first ten pages.
    first_ten = "".join(squeezed[:10])
    assert "1総括" in first_ten and all(f"{n}、" in first_ten or f"{n}。" in first_ten for n in names[58:])
