"""The demo database and the command line."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mizuho_audit.cli import run
from mizuho_audit.domain.plans import plan_due_ok
from mizuho_audit.services.admin.demo import build_demo
from mizuho_audit.services.reports.report_details import report_details

from .conftest import SHIPPED


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.slow
def test_demo_is_deterministic_and_plausible(tmp_path: Path) -> None:
    a = build_demo(tmp_path / "a", 2026, files=False)
    b = build_demo(tmp_path / "b", 2026, files=False)
    assert _dump(a.path) == _dump(b.path)
    conn = sqlite3.connect(a.path)
    deps = {r[0] for r in conn.execute("SELECT id FROM departments")}
    assert "jumin" in deps and len(deps) == a.departments
    ratings = {r[0] for r in conn.execute("SELECT DISTINCT rating FROM answers WHERE rating IS NOT NULL")}
    assert ratings == {"done", "partial", "not_done", "na"}
    plans = conn.execute("SELECT COUNT(*) FROM answers WHERE plan_content != ''").fetchone()[0]
    assert plans > 50
    statuses = [r[0] for r in conn.execute("SELECT status FROM assessments WHERE fiscal_year = 2026")]
    assert statuses.count("submitted") > len(statuses) // 2
    assert "in_progress" in statuses and "not_started" in statuses
    years = {r[0] for r in conn.execute("SELECT DISTINCT fiscal_year FROM assessments")}
    assert years == {2025, 2026}
    carried = conn.execute("SELECT COUNT(*) FROM assessments WHERE carried_from IS NOT NULL").fetchone()[0]
    assert carried > 10
    # Every submitted plan falls in its 年度's window (none before 4月1日, the carried ones re-planned), and
    # some were due by October or November: past when the auditor reports in December.
    submitted = [(year, a) for year, snap in conn.execute(
        "SELECT a.fiscal_year, s.snapshot FROM submissions s JOIN assessments a ON a.id = s.assessment_id")
        for a in json.loads(snap)["answers"] if a["plan_due"]]
    assert submitted and all(plan_due_ok(a["plan_due"], year) for year, a in submitted)
    assert any(a["plan_due"] < f"{year}-12-01" for year, a in submitted if year == 2026)
    assert all(a["rating"] in ("partial", "not_done") for _year, a in submitted)
    _a_year_of_the_rotation(conn)
    conn.close()


def _a_year_of_the_rotation(conn: sqlite3.Connection) -> None:
    """2026 asks the core and group A (with the themes the auditor added); the 事務局 answered the town's items
    once; each school answered as its own unit; a body served by another office the supplement; 住民課 and
    総務課 submitted (the documented commands and the manual's pictures use them)."""
    from mizuho_audit.questionnaires.catalog import load_catalog

    status = dict(conn.execute("SELECT department_id, status FROM assessments WHERE fiscal_year = 2026"))
    assert status["jumin"] == status["somu"] == status["kikaku"] == "submitted"
    snaps = {dep: json.loads(snap) for dep, snap in conn.execute(
        "SELECT a.department_id, s.snapshot FROM submissions s JOIN assessments a ON a.id = s.assessment_id "
        "WHERE a.fiscal_year = 2026 ORDER BY s.id")}
    assert snaps["jumin"]["asked"]["group"] == "A" and snaps["jumin"]["asked"]["themes"] == ["counter"]
    assert snaps["jumin"]["since_last_year"]["from_year"] == 2025
    assert set(dict(conn.execute("SELECT department_id, theme_id FROM theme_assignments"))) == {
        "jumin", "zeimu", "daiichi_sho"}
    catalog = load_catalog(SHIPPED)
    q = catalog.for_year(2026)
    assert q is not None
    town_items = {it.id for it in q.items() if it.answered_by == "central"}
    this_year = {it.id for it in q.checklist_for_year(catalog.master.get("kikaku").traits).items()} & town_items
    answered = {dep: {a["item_id"] for a in snap["answers"]} for dep, snap in snaps.items()}
    assert this_year and this_year <= answered["kikaku"]
    assert all(not ids & town_items for dep, ids in answered.items() if dep != "kikaku")
    schools = [dep for dep in answered if dep.endswith(("_sho", "_chu"))]
    assert len(schools) >= 3 and "shido" in answered  # and the school ICT side
    assert 3 <= len(answered["shisan_shinsa"]) <= 10


@pytest.mark.slow
def test_demo_writes_signed_submissions_that_verify(tmp_path: Path) -> None:
    from mizuho_audit.services.signing.signing import load_certificates
    from mizuho_audit.services.submission.submission import read_submission

    summary = build_demo(tmp_path / "d", 2026)
    files = sorted((tmp_path / "d" / "submissions").glob("2026-*.pdf"))
    assert len(files) == summary.submitted > 10
    roots = load_certificates(tmp_path / "d" / "trust.pem")
    # The demo's throwaway certificates have 2048-bit keys (quick to make); the CA's own key is a real one's.
    from cryptography.hazmat.primitives.serialization import load_pem_private_key, pkcs12

    from mizuho_audit.services.admin.demo import DEMO_PASSPHRASE
    from mizuho_audit.services.signing import ca

    secret = DEMO_PASSPHRASE.encode("utf-8")
    head_key = pkcs12.load_key_and_certificates((tmp_path / "d" / "certs" / "kikaku.p12").read_bytes(), secret)[0]
    ca_key = load_pem_private_key((tmp_path / "d" / "ca" / ca.CA_KEY).read_bytes(), secret)
    assert head_key is not None and head_key.key_size == 2048 and ca_key.key_size == 3072
    for f in files[:3]:
        sf = read_submission(f, roots)
        assert sf.signature_status == "valid" and not sf.warnings, (f, sf.warnings)
        assert sf.snapshot["department"]["id"] in f.name
    # The auditor's database: every file imported, who is missing, the findings proposed.
    from mizuho_audit.services.intake.status_board import board
    from mizuho_audit.services.workspace import Workspace

    aud = Workspace.open(tmp_path / "d" / "auditor.db", passphrase="demo")
    rows = board(aud, 2026)
    received = [r for r in rows if r.status in ("submitted", "accepted")]
    assert len(received) == summary.submitted and 0 < sum(r.status == "submitted" for r in rows) < len(received)
    assert sum(r.status == "not_started" for r in rows) == summary.departments - summary.submitted
    assert all(r.signature == "valid" and r.score is not None for r in received)
    assert len(aud.store.received(2025)) == summary.departments
    # Last year's findings confirmed, the open ones carried; this year's confirmed; the report's texts written.
    assert all(f.confirmed for f in aud.store.findings(2026)) and any(f.source == "carried"
                                                                      for f in aud.store.findings(2026))
    assert any(f.status == "done" for f in aud.store.findings(2025))
    details = report_details(aud, 2026)
    assert details.summary and details.addressee and details.document_number
    aud.close()


def test_questionnaire_validate_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["questionnaire", "validate"]) == 0
    bad = tmp_path / "bad.yaml"
    text = (SHIPPED / "jikotenken-2026.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("importance: 高", "importance: すごく高い", 1), encoding="utf-8")
    capsys.readouterr()
    assert run(["questionnaire", "validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml:" in err and "importance" in err and "問題が 1 件" in err


def test_questionnaire_report_json() -> None:
    out = subprocess.run([sys.executable, "-m", "mizuho_audit", "questionnaire", "report", "--json"],
                         capture_output=True, text=True, check=False)
    data = json.loads(out.stdout)
    assert {"items", "chapters", "clauses", "tiers", "departments"} <= set(data)
    assert data["items"] == sum(c["items"] for c in data["chapters"].values())
    assert out.returncode == (0 if data["ok"] else 1)


def test_demo_cli_says_where_the_database_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["demo", "--dir", str(tmp_path / "d"), "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert str((tmp_path / "d" / "department.db").resolve()) in out


def test_store_error_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"garbage" * 1000)
    from mizuho_audit.services.workspace import Workspace
    from mizuho_audit.storage.connection import StoreError

    with pytest.raises(StoreError):
        Workspace.open(bad)


def test_questionnaires_readme_has_the_current_coverage_table() -> None:
    from mizuho_audit.questionnaires.catalog import load_catalog
    from mizuho_audit.questionnaires.coverage import coverage_report, render_table

    report = coverage_report(load_catalog(SHIPPED), 2026)
    assert report.ok, report.problems
    assert render_table(report) in (SHIPPED / "README.md").read_text(encoding="utf-8")
    assert report.items >= 150 and min(c["items"] for c in report.chapters.values()) >= 8
    assert all(v > 0 for v in report.tiers.values())
    assert report.departments["jumin"]["items"] > report.departments["kansa"]["items"]
    assert report.departments["kikaku"]["system_side"] and not report.departments["jumin"]["system_side"]


def test_each_department_gets_a_sensible_checklist() -> None:
    from mizuho_audit.questionnaires.catalog import load_catalog

    catalog = load_catalog(SHIPPED)
    q = catalog.for_year(2026)
    assert q is not None

    def items(dep: str) -> list:
        return list(q.checklist_for(catalog.master.get(dep).traits).items())

    def has(dep: str, pred: object) -> bool:
        return any(pred(it) for it in items(dep))  # type: ignore[operator]

    for dep in ("jumin", "zeimu"):
        assert has(dep, lambda it: "my_number" in it.tiers)
    assert not has("kansa", lambda it: "my_number" in it.tiers)
    assert has("hisho", lambda it: "sns" in it.rule.all_of | it.rule.any_of)
    assert not has("zaisei", lambda it: "sns" in it.rule.all_of)
    assert has("gikai", lambda it: "assembly" in it.rule.all_of | it.rule.any_of)
    assert has("daiichi_sho", lambda it: "school" in it.rule.all_of | it.rule.any_of)
    assert not has("daiichi_sho", lambda it: it.respondent == "system")
    system_items = [it for it in items("kikaku") if it.respondent == "system"]
    assert len(system_items) > 50 and not has("jumin", lambda it: it.respondent == "system")
    assert {it.chapter_id for it in system_items} >= {"4", "6", "7"}
