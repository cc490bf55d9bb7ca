"""Security: private folders, passphrases that never leave the user's head, auditor-only commands."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from mizuho_audit.cli import run
from mizuho_audit.paths import backups_dir, default_db_path, user_data_dir
from mizuho_audit.services.admin import backup as bk
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.storage.repository import Store
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.usecases.session import Session

from .test_cli_workflow import _answers_file
from .test_window import FakeDialogs

AUDITOR_SECRET = "Aud1t-Secret-Pass-7391"
KEY_SECRET = "P12-Key-Secret-4482"
WRONG_SECRET = "Wrong-Guess-Pass-5530"
SECRETS = (AUDITOR_SECRET, KEY_SECRET, WRONG_SECRET)



@pytest.fixture(autouse=True)
def _small_catalog(mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line loads the small test checklist instead of the shipped one (much faster)."""
    monkeypatch.setattr("mizuho_audit.services.workspace.shipped_questionnaires_dir", lambda: mini_dir)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="folder modes exist on POSIX only (Windows: the user's profile ACL)")
def test_data_and_backup_folders_are_private(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = user_data_dir()
    assert not data.exists()
    assert run(["log", "verify"]) == 0  # the default database, in the data folder created now
    assert _mode(data) == 0o700 and _mode(default_db_path()) == 0o600
    out = bk.automatic_backup(default_db_path())
    assert _mode(backups_dir()) == 0o700 and _mode(out.parent) == 0o700 and _mode(out) == 0o600
    # A data folder that an older version left readable is made private again.
    data.chmod(0o755)
    bk.automatic_backup(default_db_path())
    assert _mode(data) == 0o700
    # A database in a new folder of the user's choice: the folder is created private ...
    Store.open(tmp_path / "new" / "d.db").close()
    assert _mode(tmp_path / "new") == 0o700 and _mode(tmp_path / "new" / "d.db") == 0o600
    # ... while an existing folder (e.g. a shared drive) keeps its permissions.
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    Store.open(shared / "d.db").close()
    assert _mode(shared) == 0o755


class SecretDialogs(FakeDialogs):
    def __init__(self, p12: Path, out: Path) -> None:
        super().__init__()
        self.p12, self.out = p12, out

    def save_file(self, parent: Any, title: str, default: str, filters: str) -> str | None:
        return str(self.out)

    def open_file(self, parent: Any, title: str, filters: str) -> str | None:
        return str(self.p12)

    def ask_secret(self, parent: Any, title: str, label: str) -> str | None:
        return KEY_SECRET


def _files_holding_secrets(root: Path) -> list[tuple[str, str]]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for secret in SECRETS:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    if secret.encode(encoding) in raw:
                        found.append((str(path.relative_to(root)), secret))
    return found


def test_passphrases_are_never_written_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
                                                capsys: pytest.CaptureFixture[str],
                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MIZUHO_AUDIT_PASSPHRASE", KEY_SECRET)
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_SECRET)
    t = tmp_path
    dept = ["--db", str(t / "dept.db"), "--user", "瑞穂 花子"]
    aud = ["--db", str(t / "audit.db"), "--role", "auditor", "--user", "監査 一郎"]
    assert run(["ca", "init", "--out", str(t / "ca")]) == 0
    assert run(["ca", "issue", "--ca", str(t / "ca"), "--name", "瑞穂 太郎", "--title", "住民課長",
                "--out", str(t / "taro.p12")]) == 0
    assert run([*aud, "trust", "add", str(t / "ca" / "ca-cert.pem"), "--yes"]) == 0
    assert run([*dept, "log", "verify"]) == 0
    _answers_file(t / "dept.db", t / "answers.json")
    assert run([*dept, "answers", "import", "--department", "jumin", "--year", "2026", str(t / "answers.json")]) == 0
    assert run([*dept, "submit", "--department", "jumin", "--year", "2026", "--approver-name", "瑞穂 太郎",
                "--approver-title", "住民課長"]) == 0
    assert run([*dept, "submission", "export", "--department", "jumin", "--year", "2026",
                "--out", str(t / "jumin.pdf"), "--p12", str(t / "taro.p12")]) == 0
    assert run([*aud, "signer", "add", str(t / "jumin.pdf"), "--as", "提出", "--department", "jumin", "--yes"]) == 0
    assert run([*aud, "import", "--require-trusted", str(t / "jumin.pdf")]) == 0
    assert run([*aud, "accept", "--department", "jumin", "--year", "2026"]) == 0
    for db in ("dept", "audit"):
        assert run(["--db", str(t / f"{db}.db"), "log", "export", "--out", str(t / f"{db}-log.csv")]) == 0
        assert run(["--db", str(t / f"{db}.db"), "backup", "--out", str(t / f"{db}-backup.db")]) == 0
        bk.automatic_backup(t / f"{db}.db")

    # A wrong passphrase is refused without being repeated back.
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", WRONG_SECRET)
    assert run(["--db", str(t / "audit.db"), "log", "verify"]) == 3

    # The window: signing with a PKCS#12 asks its passphrase and keeps it nowhere.
    ws = Workspace.open(t / "dept.db")
    w = MainWindow(Session(ws), SecretDialogs(t / "taro.p12", t / "window.pdf"))
    qtbot.addWidget(w)
    w.select("jumin", 2026)
    w.workflow.export_file()
    assert w.dialogs.errors == [] and (t / "window.pdf").exists()  # type: ignore[attr-defined]
    assert all(KEY_SECRET not in (v or "") for _, v in ws.store.db.execute("SELECT key, value FROM settings"))
    w.close()
    ws.close()

    captured = capsys.readouterr()
    for secret in SECRETS:
        assert secret not in captured.out and secret not in captured.err and secret not in caplog.text
    assert "パスフレーズが違います" in captured.err
    # Every file written: databases, WAL, backups, the exported logs, settings, trust roots, the CA ...
    assert {p.name for p in t.glob("*.db")} >= {"dept.db", "audit.db", "dept-backup.db", "audit-backup.db"}
    assert list(backups_dir().rglob("auto-*.db"))
    assert _files_holding_secrets(t) == []


AUDITOR_COMMANDS = {
    "import": ["import", "{t}/answers.json"],
    "accept": ["accept", "--department", "jumin", "--year", "2026"],
    "return": ["return", "--department", "jumin", "--year", "2026", "--reason", "r", "--out", "{t}/out/notice.pdf"],
    "findings": ["findings", "propose", "--year", "2026"],
    "findings export": ["findings", "export", "--year", "2026", "--out", "{t}/out/f.csv"],
    "status": ["status", "--year", "2026", "--missing-csv", "{t}/out/missing.csv"],
    "deadline": ["deadline", "--year", "2026", "--date", "2026-12-01"],
    "report": ["report", "pdf", "--year", "2026", "--out", "{t}/out/report.pdf"],
    "export excel": ["export", "excel", "--year", "2026", "--out", "{t}/out/audit.xlsx"],
    "notice result": ["notice", "result", "--year", "2026", "--out", "{t}/out/results"],
}


@pytest.mark.parametrize("command", sorted(AUDITOR_COMMANDS))
def test_auditor_actions_are_refused_on_a_department_database(command: str, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(tmp_path / "dept.db"), "--user", "瑞穂 花子"]
    assert run([*db, "log", "verify"]) == 0
    (tmp_path / "answers.json").write_text("{}", encoding="utf-8")
    (tmp_path / "out").mkdir()
    store = Store.open(tmp_path / "dept.db")
    log_before = len(store.log_entries())
    store.close()
    capsys.readouterr()
    args = [a.format(t=tmp_path) for a in AUDITOR_COMMANDS[command]]
    assert run([*db, *args]) == 1
    err = capsys.readouterr().err
    assert "監査担当用のデータベース" in err and "Traceback" not in err
    assert list((tmp_path / "out").iterdir()) == []  # nothing written
    store = Store.open(tmp_path / "dept.db")
    assert len(store.log_entries()) == log_before  # nothing recorded
    store.close()
