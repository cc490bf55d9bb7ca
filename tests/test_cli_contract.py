"""The command line as its documentation says: global options anywhere, the right kind of database made,
nothing written before every check has passed, the next empty signature field, CSV a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from mizuho_audit.cli import run
from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.signing import verify_report
from mizuho_audit.storage.repository import Store

from .auditor_setup import AUDITOR_PASSPHRASE, answer, build

KEY = "key-secret-1"


@pytest.fixture
def env(tmp_path: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("mizuho_audit.services.workspace.shipped_questionnaires_dir", lambda: mini_dir)
    monkeypatch.setenv("MIZUHO_AUDIT_PASSPHRASE", KEY)
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    monkeypatch.delenv("MIZUHO_AUDIT_P12_PASSPHRASE", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _certificates(env: Path, register_in: Path | None = None) -> Path:
    info = ca.init_ca(env / "ca", KEY.encode())
    if register_in is not None:
        assert run(["trust", "add", str(info.cert_path), "--db", str(register_in), "--yes"]) == 0
    for name, file, role in (("監査 一郎", "author.p12", "作成"), ("確認 次郎", "reviewer.p12", "確認"),
                             ("町 太郎", "approver.p12", "承認")):
        issued = ca.issue_certificate(env / "ca", KEY.encode(), name=name, title="監査担当", department="総務課",
                                      out_p12=env / file, p12_passphrase=KEY.encode())
        if register_in is not None:
            assert run(["signer", "add", str(issued.cert_path), "--as", role, "--db", str(register_in),
                        "--yes"]) == 0
    return env / "ca"


def test_global_options_before_or_after_the_subcommand(env: Path, mini_dir: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from mizuho_audit.services.workspace import Workspace

    db = env / "dept.db"
    ws = Workspace.open(db, shipped_dir=mini_dir, town_dir=env / "town")
    answer(ws, "jumin", 2026, {})
    ws.close()
    common = ["--department", "jumin", "--year", "2026"]
    # Exactly as the issue writes it: --db after the subcommand.
    assert run(["submission", "export", "--db", str(db), *common, "--out", str(env / "a.json")]) == 0
    assert run(["--db", str(db), "submission", "export", *common, "--out", str(env / "b.json")]) == 0
    assert json.loads((env / "a.json").read_text(encoding="utf-8"))["snapshot"]["department"]["id"] == "jumin"
    # --user after the subcommand is recorded as the person.
    assert run(["reopen", *common, "--reason", "直す", "--db", str(db), "--user", "瑞穂 花子"]) == 0
    store = Store.open(db)
    assert store.log_entries()[-1].actor == "瑞穂 花子"
    store.close()
    # --role after the subcommand makes the kind of a new database; --lang after it sets the language.
    new = env / "new-auditor.db"
    assert run(["deadline", "--year", "2026", "--date", "2026-12-25", "--db", str(new), "--role", "auditor"]) == 0
    store = Store.open(new, passphrase=AUDITOR_PASSPHRASE)
    assert store.role == "auditor"
    store.close()
    capsys.readouterr()
    assert run(["status", "--year", "2026", "--db", str(db), "--lang", "en"]) == 1
    assert "works only on an auditor's database" in capsys.readouterr().err


def test_import_on_a_new_path_makes_an_auditors_database(env: Path, mini_dir: Path) -> None:
    dept, aud = build(env, mini_dir, {"jumin": {}})
    dept.close()
    aud.close()
    submission = env / "sub" / "2026-jumin.json"
    new = env / "NEW.db"
    assert run(["import", "--db", str(new), str(submission)]) == 0
    store = Store.open(new, passphrase=AUDITOR_PASSPHRASE)
    assert store.role == "auditor" and len(store.received(2026)) == 1
    store.close()
    # A refused command leaves no new file behind.
    broken = env / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    refused = env / "REFUSED.db"
    assert run(["import", "--db", str(refused), str(broken)]) == 1
    assert not refused.exists() and not Path(str(refused) + "-wal").exists()
    assert run(["accept", "--db", str(env / "NOTHING.db"), "--department", "jumin", "--year", "2026"]) == 1
    assert not (env / "NOTHING.db").exists()


def _report(env: Path, mini_dir: Path) -> Path:
    dept, aud = build(env, mini_dir, {"jumin": {}})
    dept.close()
    aud.close()
    assert run(["--db", str(env / "audit.db"), "report", "pdf", "--year", "2026", "--out", str(env / "r.pdf"),
                "--author", "監査 一郎", "--reviewer", "確認 次郎", "--approver", "町 太郎"]) == 0
    return env / "r.pdf"


def test_close_year_is_checked_before_anything_is_written(env: Path, mini_dir: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    report = _report(env, mini_dir)
    _certificates(env)
    out = env / "signed.pdf"
    # The author's field cannot close the year: refused, and no signed file is left behind.
    assert run(["sign", str(report), "--p12", str(env / "author.p12"), "--field", "作成者", "--out", str(out),
                "--close-year", "2026", "--db", str(env / "audit.db")]) == 1
    assert not out.exists() and "年度締めは「承認者」の署名で行います" in capsys.readouterr().err
    # A department's database cannot close the auditor's year.
    assert run(["sign", str(report), "--p12", str(env / "approver.p12"), "--field", "承認者", "--out", str(out),
                "--close-year", "2026", "--db", str(env / "dept.db")]) == 1
    assert not out.exists()
    store = Store.open(env / "audit.db", passphrase=AUDITOR_PASSPHRASE)
    assert store.closed_year(2026) is None
    store.close()


def test_sign_fills_the_next_empty_field_with_its_reason(env: Path, mini_dir: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    report = _report(env, mini_dir)
    ca_dir = _certificates(env, register_in=env / "audit.db")
    one, two, three = env / "one.pdf", env / "two.pdf", env / "three.pdf"
    assert run(["sign", str(report), "--p12", str(env / "author.p12"), "--out", str(one), "--ca", str(ca_dir)]) == 0
    assert "署名欄「作成者」" in capsys.readouterr().out
    # The approver cannot close the year from the reviewer's field: refused, nothing written.
    assert run(["sign", str(one), "--p12", str(env / "approver.p12"), "--out", str(two), "--ca", str(ca_dir),
                "--close-year", "2026", "--db", str(env / "audit.db")]) == 1
    assert "確認者" in capsys.readouterr().err and not two.exists()
    assert run(["sign", str(one), "--p12", str(env / "reviewer.p12"), "--out", str(two), "--ca", str(ca_dir)]) == 0
    assert "署名欄「確認者」" in capsys.readouterr().out
    assert run(["sign", str(two), "--p12", str(env / "approver.p12"), "--out", str(three), "--ca", str(ca_dir),
                "--close-year", "2026", "--db", str(env / "audit.db")]) == 0
    out = capsys.readouterr().out
    assert "署名欄「承認者」" in out and "2026年度を締めました" in out
    reports = verify_report(three.read_bytes(), [])
    assert [(r.field_name, r.reason) for r in reports] == [("作成者", "監査報告書の作成"),
                                                           ("確認者", "監査報告書の確認"),
                                                           ("承認者", "監査報告書の承認")]
    assert run(["sign", str(three), "--p12", str(env / "author.p12"), "--out", str(env / "four.pdf")]) == 1
    assert "すべて署名があります" in capsys.readouterr().err and not (env / "four.pdf").exists()


def test_log_export_defuses_formulas_and_writes_details_as_json(env: Path, mini_dir: Path) -> None:
    db = env / "audit.db"
    assert run(["deadline", "--year", "2026", "--date", "2026-12-25", "--db", str(db), "--role", "auditor",
                "--user", "=HYPERLINK(\"http://x\")"]) == 0
    assert run(["log", "export", "--db", str(db), "--out", str(env / "log.csv")]) == 0
    rows = list(csv.reader(io.StringIO((env / "log.csv").read_text(encoding="utf-8-sig"), newline="")))
    deadline = next(r for r in rows if r[5] == "deadline_set")
    assert deadline[2] == "'=HYPERLINK(\"http://x\")"  # a cell Excel shows as text, never runs
    assert json.loads(deadline[7]) == {"deadline": "2026-12-25"}  # details as JSON, not Python repr
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_status_json_keeps_its_shape(env: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dept, aud = build(env, mini_dir, {"jumin": {"ORG-001": "not_done"}})
    dept.close()
    aud.close()
    capsys.readouterr()
    assert run(["status", "--db", str(env / "audit.db"), "--year", "2026", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert isinstance(rows, list) and rows
    for r in rows:
        assert {"department", "name", "status", "version", "signature", "score"} <= set(r)
        assert r["status"] in ("not_started", "in_progress", "submitted", "accepted", "returned")
    jumin = next(r for r in rows if r["department"] == "jumin")
    assert jumin["status"] == "submitted" and jumin["version"] == 1 and jumin["signature"] == "unsigned"
    assert isinstance(jumin["score"], float)


def test_an_unknown_year_or_department_is_said_once(env: Path, mini_dir: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from mizuho_audit.services.workspace import Workspace

    db = env / "dept.db"
    Workspace.open(db, shipped_dir=mini_dir, town_dir=env / "town").close()
    capsys.readouterr()
    assert run(["answers", "export", "--db", str(db), "--department", "jumin", "--year", "2030",
                "--out", str(env / "a.json")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "エラー: 2030年度のチェックリストがありません。"  # not "…ありません。 が見つかりません。"
    assert run(["answers", "export", "--db", str(db), "--department", "nosuch", "--year", "2026",
                "--out", str(env / "a.json")]) == 1
    assert capsys.readouterr().err.strip() == "エラー: nosuch が見つかりません。"
    assert not (env / "a.json").exists()
