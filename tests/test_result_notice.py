"""結果通知: the auditor writes a signed notice per department, the department takes the findings in."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mizuho_audit.services.findings import findings
from mizuho_audit.services.findings.result_notice import (
    RESULT_FILE,
    ResultNoticeError,
    import_result_notice,
    write_all_result_notices,
    write_result_notice,
)
from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.signing import embedded_files, load_certificates, verify_pdf
from mizuho_audit.services.workspace import Workspace

from .auditor_setup import build
from .test_submission_pdf import pages_text, poppler, squeeze

CA_PASS = b"ca-passphrase"
P12_PASS = b"p12-passphrase"
AUDITOR = "監査 一郎"


@dataclass
class Desk:
    dept: Workspace
    aud: Workspace
    tmp: Path
    p12: Path
    roots: list[object]


@pytest.fixture
def desk(tmp_path: Path, mini_dir: Path) -> Iterator[Desk]:
    ca.init_ca(tmp_path / "ca", CA_PASS)
    ca.issue_certificate(tmp_path / "ca", CA_PASS, name=AUDITOR, title="監査担当", department="企画課",
                         out_p12=tmp_path / "audit.p12", p12_passphrase=P12_PASS)
    # 住民課 leaves a 高 item undone (重大); three departments share a failing 中 item, which becomes a
    # town-wide 観察事項 owned by 企画課 (the information-systems department).
    dept, aud = build(tmp_path, mini_dir, {
        "jumin": {"NET-001": "not_done", "ORG-001": "partial"},
        "zeimu": {"ORG-001": "partial"},
        "kosodate": {"ORG-001": "partial"},
        "kikaku": {},
    })
    findings.propose(aud, 2026, AUDITOR)
    for f in aud.store.findings(2026):
        aud.store.update_finding(f.id, {"confirmed": 1}, actor=AUDITOR)
    yield Desk(dept, aud, tmp_path, tmp_path / "audit.p12", list(load_certificates(tmp_path / "ca" / "ca-cert.pem")))
    dept.close()
    aud.close()


def signed_notice(desk: Desk, department_id: str = "jumin") -> Path:
    return write_result_notice(desk.aud, 2026, department_id, desk.tmp / f"{department_id}-result.pdf",
                               actor=AUDITOR, p12=desk.p12, passphrase=P12_PASS)


def test_signed_notice_reads_as_a_result_with_the_finding(desk: Desk) -> None:
    path = signed_notice(desk)
    [finding] = findings.for_department(desk.aud, 2026, "jumin")
    assert finding.item_id == "NET-001" and finding.grade == "major"

    pages = [squeeze(page) for page in pages_text(path)]
    for n, page in enumerate(pages, start=1):
        assert "取扱注意" in page and f"{n}/{len(pages)}" in page
    text = "".join(pages)
    for expected in ("令和8年度情報セキュリティ自己点検結果通知", "住民課", "監査担当監査一郎", squeeze(finding.title),
                     squeeze(finding.recommendation), "重大", "令和9年3月31日", "改善報告"):
        assert expected in text, expected

    for row in poppler("pdffonts", str(path)).splitlines()[2:]:
        emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
        assert emb and emb.group(1) == "yes", row

    raw = path.read_bytes()
    check = verify_pdf(raw, desk.roots)
    assert check.status == "valid" and check.signer_name == AUDITOR
    data = json.loads(embedded_files(raw)[RESULT_FILE])
    assert data["format"] == "mizuho-audit/result-notice@1" and data["department"]["id"] == "jumin"
    assert data["fiscal_year"] == 2026 and {c["id"] for c in data["scores"]["chapters"]} == {"1", "3", "5"}
    assert data["scores"]["total"]["department"] < data["scores"]["total"]["town"]
    [sent] = data["findings"]
    assert sent["id"] == finding.id and sent["department_id"] == "jumin" and sent["due"] == "2027-03-31"
    assert [e.action for e in desk.aud.store.log_entries()][-1] == "result_notice_written"


def test_department_takes_the_findings_in_once(desk: Desk) -> None:
    path = signed_notice(desk)
    result = import_result_notice(desk.dept, path, "瑞穂 花子", desk.roots)
    assert (result.department_id, result.fiscal_year, result.findings, result.added) == ("jumin", 2026, 1, 1)
    assert result.signature.status == "valid" and result.warnings == []
    [followup] = desk.dept.store.followups("jumin", 2026)
    [finding] = findings.for_department(desk.aud, 2026, "jumin")
    assert (followup.finding_ref, followup.grade, followup.title) == (finding.id, "major", finding.title)
    assert followup.recommendation == finding.recommendation and followup.item_id == "NET-001"

    again = import_result_notice(desk.dept, path, "瑞穂 花子", desk.roots)
    assert again.added == 0 and any("すでに取り込まれて" in w for w in again.warnings)
    assert len(desk.dept.store.followups("jumin", 2026)) == 1


def test_town_wide_finding_goes_to_the_responsible_department(desk: Desk) -> None:
    path = signed_notice(desk, "kikaku")
    [sent] = json.loads(embedded_files(path.read_bytes())[RESULT_FILE])["findings"]
    assert sent["department_id"] == "kikaku" and sent["town_wide"] and sent["grade"] == "observation"
    assert "全庁の指摘事項" in squeeze(poppler("pdftotext", str(path), "-"))
    import_result_notice(desk.dept, path, "企画 次郎", desk.roots)
    [followup] = desk.dept.store.followups("kikaku", 2026)
    assert followup.title.startswith("全庁: ORG-001")


def test_changed_notice_is_refused(desk: Desk) -> None:
    raw = bytearray(signed_notice(desk).read_bytes())
    raw[len(raw) // 3] ^= 0x01
    changed = desk.tmp / "changed.pdf"
    changed.write_bytes(bytes(raw))
    with pytest.raises(ResultNoticeError, match=r"changed\.pdf: 署名の後で"):
        import_result_notice(desk.dept, changed, "瑞穂 花子", desk.roots)
    assert desk.dept.store.followups("jumin", 2026) == []


def test_unsigned_notices_for_every_department_and_none_without_submission(desk: Desk) -> None:
    seen: list[tuple[int, int]] = []
    written = write_all_result_notices(desk.aud, 2026, desk.tmp / "out", actor=AUDITOR,
                                       progress=lambda i, n, _f: seen.append((i, n)))
    assert sorted(p.name for p in written) == sorted([
        "2026-jumin-住民課-結果通知.pdf", "2026-zeimu-税務課-結果通知.pdf",
        "2026-kosodate-子育て応援課-結果通知.pdf", "2026-kikaku-企画課-結果通知.pdf"])
    assert seen[-1] == (4, 4)
    zeimu = desk.tmp / "out" / "2026-zeimu-税務課-結果通知.pdf"
    assert "この部署への指摘事項はありません" in squeeze(poppler("pdftotext", str(zeimu), "-"))
    result = import_result_notice(desk.dept, zeimu, "税務 三郎", desk.roots)
    assert result.findings == 0 and result.signature.status == "unsigned" and result.warnings

    with pytest.raises(ResultNoticeError, match="提出は取り込まれていません"):
        write_result_notice(desk.aud, 2026, "kaikei", desk.tmp / "kaikei.pdf", actor=AUDITOR)
    assert not (desk.tmp / "kaikei.pdf").exists()


def test_issued_in_the_signers_name_with_a_visible_stamp_and_a_contact(desk: Desk) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    from mizuho_audit.services.findings.result_notice import CONTACT_SETTING, SIGNATURE_FIELD

    # The database's user (監査 一郎) exports; the notice is signed by 瑞穂 花子 and issued in her name.
    ca.issue_certificate(desk.tmp / "ca", CA_PASS, name="瑞穂 花子", title="情報セキュリティ監査担当",
                         department="総務課", out_p12=desk.tmp / "hanako.p12", p12_passphrase=P12_PASS)
    desk.aud.store.set_setting(CONTACT_SETTING, "内線 1234")
    path = write_result_notice(desk.aud, 2026, "jumin", desk.tmp / "n.pdf", actor=AUDITOR, p12=desk.tmp / "hanako.p12",
                               passphrase=P12_PASS)
    first = squeeze(pages_text(path)[0])
    assert "発行者瑞穂町情報セキュリティ監査担当瑞穂花子" in first and "監査一郎" not in first
    assert "問合せ先瑞穂町情報セキュリティ監査担当瑞穂花子（内線1234）" in first
    assert f"{SIGNATURE_FIELD}瑞穂花子" in first and "署名日時令和" in first  # the stamp, readable on page 1
    raw = path.read_bytes()
    assert verify_pdf(raw, desk.roots).signer_name == "瑞穂 花子"
    assert json.loads(embedded_files(raw)[RESULT_FILE])["issued_by"] == "瑞穂 花子"
    assert desk.aud.store.log_entries()[-1].details["issued_by"] == "瑞穂 花子"
    with path.open("rb") as fh:
        reader = PdfFileReader(fh)
        [(name, value, ref)] = list(enumerate_sig_fields(reader))
        rect = [float(v) for v in ref.get_object()["/Rect"]]
        assert name == SIGNATURE_FIELD and value is not None
        assert rect[2] - rect[0] > 150 and rect[3] - rect[1] > 60  # a visible stamp, not an invisible signature
        assert ref.get_object()["/P"].get_object() == reader.root["/Pages"]["/Kids"][0].get_object()


def test_chart_labels_are_whole_chapter_titles(desk: Desk) -> None:
    path = write_result_notice(desk.aud, 2026, "jumin", desk.tmp / "n.pdf", actor=AUDITOR)
    text = squeeze(poppler("pdftotext", str(path), "-"))
    assert "…" not in text
    for chapter in desk.aud.catalog.for_year(2026).chapters:  # type: ignore[union-attr]
        assert text.count(squeeze(f"第{chapter.id}章 {chapter.title}")) >= 2, chapter.title  # table and chart
