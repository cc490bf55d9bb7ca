"""The auditor's texts of a 年度's report (総括, 宛先, 文書番号): stored with the 年度 (schema v5), logged,
frozen with the 年度, read from a file in UTF-8 or Shift_JIS."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mizuho_audit.services.reports.report_details import (
    ReportDetailsError,
    read_summary_file,
    report_details,
    set_report_cover,
    set_report_summary,
)
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.storage.migrations import SCHEMA_VERSION, schema_version

from .auditor_setup import AUDITOR_PASSPHRASE
from .conftest import FIXTURES

AUDITOR = "監査 一郎"
JUDGEMENT = "全体として対策は定着しつつあるが、\r\n持出しの管理に課題が残る。  \r\n"


@pytest.fixture
def aud(tmp_path: Path, mini_dir: Path) -> Workspace:
    ws = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                        passphrase=AUDITOR_PASSPHRASE)
    yield ws
    ws.close()


def test_the_judgement_and_cover_are_kept_with_the_year_and_logged(aud: Workspace) -> None:
    assert report_details(aud, 2026).summary == ""
    details = set_report_summary(aud, 2026, JUDGEMENT, actor=AUDITOR)
    assert details.summary == "全体として対策は定着しつつあるが、\n持出しの管理に課題が残る。"
    assert details.updated_by == AUDITOR and details.updated_at.endswith("+09:00")
    entry = aud.store.log_entries()[-1]
    assert (entry.action, entry.target) == ("report_details_set", "year:2026")
    assert entry.details["summary"]["chars"] == len(details.summary)
    set_report_cover(aud, 2026, addressee=" 瑞穂町最高情報セキュリティ責任者　様 ", document_number="瑞情監第12号",
                     actor=AUDITOR)
    details = report_details(aud, 2026)
    assert (details.addressee, details.document_number) == ("瑞穂町最高情報セキュリティ責任者　様", "瑞情監第12号")
    assert details.summary.startswith("全体として")  # the cover leaves the judgement as it was
    assert aud.store.log_entries()[-1].details == {"addressee": "瑞穂町最高情報セキュリティ責任者　様",
                                                   "document_number": "瑞情監第12号"}
    assert report_details(aud, 2025).summary == ""  # another 年度 has its own


def test_a_closed_year_keeps_its_texts(aud: Workspace) -> None:
    set_report_summary(aud, 2026, "所見", actor=AUDITOR)
    aud.store.close_year(2026, actor=AUDITOR)
    with pytest.raises(ReportDetailsError, match="締められています"):
        set_report_summary(aud, 2026, "書き換え", actor=AUDITOR)
    assert report_details(aud, 2026).summary == "所見"


def test_only_the_auditors_database_holds_them(workspace: Workspace) -> None:
    with pytest.raises(ReportDetailsError, match="監査担当用"):
        set_report_summary(workspace, 2026, "所見", actor=AUDITOR)


def test_the_judgement_is_read_from_a_file_in_either_encoding(tmp_path: Path) -> None:
    for encoding in ("utf-8", "utf-8-sig", "cp932"):
        path = tmp_path / f"summary-{encoding}.txt"
        path.write_bytes(JUDGEMENT.encode(encoding))
        assert read_summary_file(path) == "全体として対策は定着しつつあるが、\n持出しの管理に課題が残る。", encoding
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe\x81")
    with pytest.raises(ReportDetailsError, match="文字コード"):
        read_summary_file(binary)
    with pytest.raises(ReportDetailsError, match="読めません"):
        read_summary_file(tmp_path / "none.txt")


def test_a_version_4_database_gains_the_report_texts(tmp_path: Path, mini_dir: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_v4.db", path)
    ws = Workspace.open(path, shipped_dir=mini_dir, town_dir=tmp_path / "town")
    try:
        assert schema_version(ws.store.db) == SCHEMA_VERSION  # every step run, this one and the later ones
        assert ws.store.report_details(2026) is None
        assert ws.store.set_report_details(2026, {"summary": "所見"}, actor=AUDITOR)
        assert ws.store.report_details(2026).summary == "所見"  # type: ignore[union-attr]
        assert ws.answers(ws.checklist("jumin", 2026))["NET-001"].plan_due == "2027-03-31"
    finally:
        ws.close()
