"""The workflow from the command line, end to end: answer, submit, sign, verify, import, return."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mizuho_audit.cli import run
from mizuho_audit.services.workspace import Workspace


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("MIZUHO_AUDIT_PASSPHRASE", "ca-secret-1")
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", "audit-secret-1")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _answers_file(db: Path, out: Path) -> None:
    ws = Workspace.open(db)
    cl = ws.checklist("jumin", 2026)
    q = ws.questionnaire_for_key(cl.assessment.questionnaire_key)
    rows = []
    for i, it in enumerate(cl.questionnaire.items()):
        rating = ["done", "partial", "na"][i % 3]
        rows.append({"item_id": it.id, "rating": rating, "note": "確認済み",
                     "reason": "該当なし" if rating == "na" else "",
                     "plan_content": "改善する" if rating == "partial" else "",
                     "plan_owner": "", "plan_due": "2027-03-31" if rating == "partial" else ""})
    out.write_text(json.dumps({"format": "mizuho-audit/answers@1", "department": "jumin", "fiscal_year": 2026,
                               "questionnaire": {"id": q.id, "version": q.version, "content_hash": q.content_hash},
                               "answers": rows}, ensure_ascii=False), encoding="utf-8")
    ws.close()


def test_department_and_auditor_from_the_command_line(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = env
    assert run(["ca", "init", "--out", str(t / "ca")]) == 0
    assert run(["ca", "issue", "--ca", str(t / "ca"), "--name", "瑞穂 太郎", "--title", "住民課長",
                "--department", "住民課", "--out", str(t / "taro.p12")]) == 0
    dept = ["--db", str(t / "dept.db"), "--user", "瑞穂 花子"]
    assert run([*dept, "submit", "--department", "jumin", "--year", "2026", "--approver-name", "瑞穂 太郎",
                "--approver-title", "住民課長"]) == 1  # nothing answered yet
    assert "まだ回答がありません" in capsys.readouterr().err
    _answers_file(t / "dept.db", t / "answers.json")
    assert run([*dept, "answers", "import", "--department", "jumin", "--year", "2026", str(t / "answers.json")]) == 0
    assert run([*dept, "submit", "--department", "jumin", "--year", "2026", "--approver-name", "瑞穂 太郎",
                "--approver-title", "住民課長", "--approved-on", "2026-11-20"]) == 0
    assert run([*dept, "submission", "export", "--department", "jumin", "--year", "2026",
                "--out", str(t / "jumin.pdf"), "--p12", str(t / "taro.p12")]) == 0
    (t / "inbox").mkdir()
    (t / "inbox" / "jumin.pdf").write_bytes((t / "jumin.pdf").read_bytes())
    capsys.readouterr()
    assert run(["submission", "verify", str(t / "jumin.pdf"), "--trust", str(t / "ca" / "ca-cert.pem")]) == 0
    out = capsys.readouterr().out
    assert "署名は有効です" in out and "瑞穂 太郎" in out
    assert run(["submission", "verify", str(t / "jumin.pdf")]) == 1  # not trusted without the CA

    aud = ["--db", str(t / "audit.db"), "--role", "auditor", "--user", "監査 一郎"]
    assert run([*aud, "import", "--require-trusted", str(t / "jumin.pdf")]) == 1
    assert "拒否" in capsys.readouterr().out
    # Trust is the auditor database's own, confirmed by its fingerprint (--yes); then who may sign for jumin.
    assert run([*aud, "trust", "add", str(t / "ca" / "ca-cert.pem")]) == 1
    assert "--yes" in capsys.readouterr().err
    assert run([*aud, "trust", "add", str(t / "ca" / "ca-cert.pem"), "--yes"]) == 0
    assert run([*aud, "import", str(t / "inbox")]) == 1  # trusted, but the signer is not registered for jumin
    assert "登録されていません" in capsys.readouterr().out
    assert run([*aud, "signer", "add", str(t / "jumin.pdf"), "--as", "提出", "--department", "jumin", "--yes"]) == 0
    assert run([*aud, "import", "--require-trusted", str(t / "inbox")]) == 0  # a folder of submissions
    assert "[取込]" in capsys.readouterr().out
    assert run([*aud, "import", str(t / "answers.json")]) == 1  # not a submission file: refused, nothing changed
    assert "提出ファイルではありません" in capsys.readouterr().out
    assert run([*aud, "return", "--department", "jumin", "--year", "2026", "--reason", "根拠資料を添付してください",
                "--out", str(t / "notice.pdf"), "--p12", str(t / "taro.p12")]) == 0
    assert run([*dept, "notice", "import", str(t / "notice.pdf")]) == 0
    assert "根拠資料を添付してください" in capsys.readouterr().out
    ws = Workspace.open(t / "dept.db")
    cl = ws.checklist("jumin", 2026)
    assert ws.store.status_of(cl.assessment.id) == "in_progress"
    ws.close()
    assert run([*dept, "log", "verify", "--submission", str(t / "jumin.pdf")]) == 0
    assert run([*dept, "log", "export", "--out", str(t / "log.csv")]) == 0
    text = (t / "log.csv").read_text(encoding="utf-8-sig")
    assert "submitted" in text and "notice_imported" in text and "ca-secret" not in text


def test_auditor_database_needs_the_passphrase(env: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(env / "a.db"), "--role", "auditor", "log", "verify"]) == 0
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", "wrong-passphrase")
    assert run(["--db", str(env / "a.db"), "log", "verify"]) == 3
    assert "パスフレーズが違います" in capsys.readouterr().err
    monkeypatch.delenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE")
    assert run(["--db", str(env / "a.db"), "log", "verify"]) == 2
    assert run(["--db", str(env / "a.db"), "--role", "department", "log", "verify"]) in (2, 3)


def test_status_and_findings_commands(env: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from .auditor_setup import AUDITOR_PASSPHRASE, build

    dept, aud = build(env, mini_dir, {"jumin": {"NET-001": "not_done"}, "zeimu": {}})
    dept.close()
    aud.close()
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    db = ["--db", str(env / "audit.db"), "--user", "監査 一郎"]
    capsys.readouterr()
    assert run([*db, "status", "--year", "2026", "--json"]) == 0
    rows = {r["department"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["jumin"]["status"] == "submitted" and rows["jumin"]["signature"] == "unsigned"
    assert 0 <= rows["jumin"]["score"] <= 100 and rows["kaikei"]["status"] == "not_started"
    assert set(rows["jumin"]) >= {"department", "name", "status", "submitted_at", "signature", "score"}
    assert run([*db, "deadline", "--year", "2026", "--date", "2026-01-01"]) == 0
    assert run([*db, "status", "--year", "2026", "--missing-csv", str(env / "missing.csv")]) == 0
    missing = (env / "missing.csv").read_text(encoding="utf-8-sig")
    assert "会計課" in missing and "住民課" not in missing and "○" in missing
    assert run([*db, "findings", "propose", "--year", "2026"]) == 0
    assert run([*db, "findings", "confirm", "--year", "2026", "--all"]) == 0
    capsys.readouterr()
    assert run([*db, "findings", "list", "--year", "2026", "--json"]) == 0
    [finding] = json.loads(capsys.readouterr().out)
    assert finding["department_id"] == "jumin" and finding["grade"] == "major" and finding["confirmed"] == 1
    assert run([*db, "findings", "export", "--year", "2026", "--out", str(env / "f.csv")]) == 0
    assert "重大" in (env / "f.csv").read_text(encoding="utf-8-sig")
    assert run(["--db", str(env / "dept.db"), "status", "--year", "2026"]) == 1  # not an auditor's database


def test_result_notices_from_the_command_line(env: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from .auditor_setup import AUDITOR_PASSPHRASE, build

    dept, aud = build(env, mini_dir, {"jumin": {"NET-001": "not_done"}, "zeimu": {}})
    dept.close()
    aud.close()
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    db = ["--db", str(env / "audit.db"), "--user", "監査 一郎"]
    assert run([*db, "findings", "propose", "--year", "2026"]) == 0
    assert run([*db, "findings", "confirm", "--year", "2026", "--all"]) == 0
    assert run([*db, "notice", "result", "--year", "2026", "--out", str(env / "results")]) == 0
    files = sorted((env / "results").glob("*.pdf"))
    assert len(files) == 2
    jumin = next(f for f in files if "jumin" in f.name)
    capsys.readouterr()
    assert run(["--db", str(env / "dept.db"), "notice", "import", str(jumin)]) == 0
    assert "指摘事項 1 件" in capsys.readouterr().out


def test_sign_twice_and_verify(env: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mizuho_audit.services.submission.submission import export_submission

    from .auditor_setup import build

    dept, aud = build(env, mini_dir, {"jumin": {}})
    pdf = export_submission(dept, dept.checklist("jumin", 2026), env / "s.pdf", actor="担当")
    dept.close()
    aud.close()
    t = env
    assert run(["ca", "init", "--out", str(t / "ca")]) == 0
    for name, out in (("監査 一郎", "author.p12"), ("町 太郎", "approver.p12")):
        assert run(["ca", "issue", "--ca", str(t / "ca"), "--name", name, "--title", "課長", "--out",
                    str(t / out)]) == 0
    assert run(["ca", "revoke", "--ca", str(t / "ca"), "--serial", "1", "--reason", "x"]) == 1  # unknown serial
    assert run(["sign", str(pdf), "--p12", str(t / "author.p12"), "--field", "作成者", "--out", str(t / "1.pdf"),
                "--ca", str(t / "ca")]) == 0
    assert run(["sign", str(t / "1.pdf"), "--p12", str(t / "approver.p12"), "--field", "承認者",
                "--out", str(t / "2.pdf"), "--ca", str(t / "ca")]) == 0
    capsys.readouterr()
    assert run(["verify", str(t / "2.pdf"), "--trust", str(t / "ca" / "ca-cert.pem")]) == 0
    out = capsys.readouterr().out
    assert "監査 一郎" in out and "町 太郎" in out and "すべての署名が有効です" in out
    assert run(["verify", str(t / "2.pdf")]) == 1  # not trusted without the town's CA
    raw = bytearray((t / "2.pdf").read_bytes())
    raw[raw.index(b"/Type /Page") + 2] ^= 1
    (t / "3.pdf").write_bytes(bytes(raw))
    assert run(["verify", str(t / "3.pdf"), "--trust", str(t / "ca" / "ca-cert.pem")]) == 1
    assert run(["verify", str(pdf)]) == 1  # unsigned
