"""Every command of the command line at least once, with its exit code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mizuho_audit.cli import run
from mizuho_audit.services.workspace import Workspace

from .conftest import SHIPPED
from .test_carryover import CHANGES, _master_2025, _master_2026


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("MIZUHO_AUDIT_PASSPHRASE", "ca-secret-1")
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", "audit-secret-1")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_usage_errors_exit_2(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(["no-such-command"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        run(["submit", "--department", "jumin"])  # --year missing
    assert info.value.code == 2
    assert run(["--db", str(env / "x.db"), "deadline", "--year", "2026", "--date", "2026-13-40"]) in (1, 2)


def test_questionnaire_import_and_report(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edited = env / "q.yaml"
    text = (SHIPPED / "jikotenken-2026.yaml").read_text(encoding="utf-8").replace('version: "2026.1"',
                                                                                 'version: "2026.2"')
    edited.write_text(text, encoding="utf-8")
    assert run(["questionnaire", "import", str(edited)]) == 0
    capsys.readouterr()
    assert run(["questionnaire", "report", "--json", "--year", "2026"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == "2026.2"
    broken = env / "b.yaml"
    broken.write_text(text.replace("importance: 高", "importance: 最高", 1), encoding="utf-8")
    assert run(["questionnaire", "import", str(broken)]) == 1
    master = env / "departments.yaml"
    master.write_text((SHIPPED / "departments.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(["questionnaire", "import", str(master)]) == 0


def test_carry_over_reopen_accept_trust_and_answers(env: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    town = env / "userdata" / "questionnaires"
    town.mkdir(parents=True)
    (town / "departments.yaml").write_text(_master_2025(), encoding="utf-8")
    db = env / "dept.db"
    ws = Workspace.open(db, shipped_dir=SHIPPED, town_dir=town)
    cl = ws.checklist("shimin", 2025)
    for it in cl.questionnaire.items():
        ws.save(cl, it.id, "rating", "done", "前年 担当")
    ws.close()
    (town / "departments.yaml").write_text(_master_2026(), encoding="utf-8")
    (town / "department-changes.yaml").write_text(CHANGES, encoding="utf-8")
    d = ["--db", str(db), "--user", "瑞穂 花子"]
    assert run([*d, "carry-over", "--department", "jumin", "--year", "2026"]) == 0
    assert "引き継ぎました" in capsys.readouterr().out
    assert run([*d, "carry-over", "--department", "kaikei", "--year", "2026"]) == 1  # nothing last year
    assert run([*d, "answers", "export", "--department", "jumin", "--year", "2026", "--out", str(env / "a.json")]) == 0
    data = json.loads((env / "a.json").read_text(encoding="utf-8"))
    assert data["department"] == "jumin" and data["answers"]
    assert run([*d, "reopen", "--department", "jumin", "--year", "2026", "--reason", "x"]) == 1  # not submitted
    assert run(["trust", "list"]) == 0
    assert "0 件" in capsys.readouterr().out
    assert run([*d, "log", "verify"]) == 0


def test_accept_and_revoke(env: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    from .auditor_setup import AUDITOR_PASSPHRASE, build

    dept, aud = build(env, mini_dir, {"jumin": {}})
    dept.close()
    aud.close()
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    a = ["--db", str(env / "audit.db"), "--user", "監査 一郎"]
    assert run([*a, "accept", "--department", "jumin", "--year", "2026"]) == 0
    assert run([*a, "accept", "--department", "kaikei", "--year", "2026"]) == 1  # nothing received
    assert run(["ca", "init", "--out", str(env / "ca")]) == 0
    assert run(["ca", "issue", "--ca", str(env / "ca"), "--name", "瑞穂 太郎", "--title", "課長",
                "--out", str(env / "t.p12")]) == 0
    serial = capsys.readouterr().out.split("シリアル ")[1].split("）")[0]
    assert run(["ca", "revoke", "--ca", str(env / "ca"), "--serial", serial, "--reason", "紛失"]) == 0
    assert serial.lower() in json.dumps(json.loads((env / "ca" / "revoked.json").read_text())).lower()
    shutil.rmtree(env / "ca")


def test_mapping_and_department_changes_are_imported_after_checking(env: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    mapping = SHIPPED / "mappings" / "mizuho-jikotenken_2025.1_2026.1.yaml"
    assert run(["questionnaire", "import", str(mapping)]) == 0
    town = env / "userdata" / "questionnaires"
    assert (town / "mappings").is_dir() and list((town / "mappings").glob("*.yaml"))
    broken = env / "map.yaml"
    broken.write_text(mapping.read_text(encoding="utf-8").replace("to: [ORG-003]", "to: [ORG-999]", 1),
                      encoding="utf-8")
    assert run(["questionnaire", "import", str(broken)]) == 1
    assert "ORG-999" in capsys.readouterr().err
    changes = env / "department-changes.yaml"
    changes.write_text("format: mizuho-audit/department-changes@1\nchanges:\n"
                       "  - {year: 2027, kind: renamed, from: jumin, to: jumin, note: 例}\n", encoding="utf-8")
    assert run(["questionnaire", "import", str(changes)]) == 0
    assert (town / "department-changes.yaml").is_file()
    changes.write_text("format: mizuho-audit/department-changes@1\nchanges:\n"
                       "  - {year: 2027, kind: renamed, from: jumin, to: nowhere}\n", encoding="utf-8")
    assert run(["questionnaire", "import", str(changes)]) == 1
