"""Backups and restore: a checked copy, rotation, the checks of a restore, the command line, the window."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from mizuho_audit import app
from mizuho_audit.cli import run
from mizuho_audit.services.admin import backup as bk
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.storage.migrations import SCHEMA_VERSION
from mizuho_audit.storage.repository import Store
from mizuho_audit.ui import backup_actions
from mizuho_audit.ui.auditor_window import AuditorWindow
from mizuho_audit.usecases.session import Session

from .auditor_setup import AUDITOR_PASSPHRASE
from .test_window import FakeDialogs


@pytest.fixture(autouse=True)
def _small_catalog(mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line loads the small test checklist instead of the shipped one (much faster)."""
    monkeypatch.setattr("mizuho_audit.services.workspace.shipped_questionnaires_dir", lambda: mini_dir)


class Dialogs(FakeDialogs):
    def __init__(self) -> None:
        super().__init__()
        self.save_to: str | None = None
        self.secret: str | None = None
        self.questions: list[str] = []

    def save_file(self, parent: Any, title: str, default: str, filters: str) -> str | None:
        return self.save_to

    def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
        self.questions.append(text)
        return True

    def ask_secret(self, parent: Any, title: str, label: str) -> str | None:
        return self.secret


def _open(db: Path, qdir: Path, **kw: Any) -> Workspace:
    return Workspace.open(db, shipped_dir=qdir, town_dir=db.parent / "town", **kw)


def _note(ws: Workspace) -> str:
    return ws.answers(ws.checklist("jumin", 2026))["ORG-001"].note


@pytest.fixture
def dept(tmp_path: Path, mini_dir: Path) -> Iterator[Workspace]:
    ws = _open(tmp_path / "dept.db", mini_dir)
    ws.save(ws.checklist("jumin", 2026), "ORG-001", "note", "バックアップ前", "山田")
    yield ws
    ws.close()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.name.endswith((".tmp", "-wal")))


def test_backup_is_a_checked_consistent_copy(dept: Workspace, tmp_path: Path, mini_dir: Path) -> None:
    out = bk.backup(dept.store, tmp_path / "copies" / "b.db")
    assert _leftovers(out.parent) == []  # built in a temporary file, renamed into place
    check = bk.inspect_database(out)
    assert (check.role, check.schema_version) == ("department", SCHEMA_VERSION)
    copy = _open(out, mini_dir)
    assert _note(copy) == "バックアップ前"
    copy.close()
    # From the file (the command line's way), while the window's connection is open.
    assert bk.backup(tmp_path / "dept.db", tmp_path / "b2.db").exists()


def test_a_damaged_database_gives_no_backup_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    with pytest.raises(bk.StoreError):
        bk.backup(bad, tmp_path / "out" / "b.db")
    assert not (tmp_path / "out" / "b.db").exists()
    assert not (tmp_path / "out").exists() or _leftovers(tmp_path / "out") == []


def test_automatic_backups_keep_the_newest(dept: Workspace) -> None:
    start = datetime(2026, 4, 1, 9, 0, 0)
    dept.store.set_setting(bk.SETTING_KEEP, "3")
    for i in range(5):
        bk.automatic_backup(dept.store, keep=bk.keep_count(dept.store), now=start + timedelta(hours=i))
    found = bk.list_backups(dept.store.path)  # type: ignore[arg-type]
    assert [b.label for b in found] == ["2026-04-01 13:00:00", "2026-04-01 12:00:00", "2026-04-01 11:00:00"]
    assert found[0].path.parent.parent == bk.backups_dir()
    assert bk.latest_good_backup(dept.store.path) == found[0]  # type: ignore[arg-type]


def test_restore_checks_the_file_and_keeps_the_current_one(dept: Workspace, tmp_path: Path, mini_dir: Path) -> None:
    db = tmp_path / "dept.db"
    saved = bk.backup(dept.store, tmp_path / "saved.db")
    dept.save(dept.checklist("jumin", 2026), "ORG-001", "note", "バックアップ後", "山田")
    # Refused while the database is open (here: the window's store): nothing changes, no copy is left.
    with pytest.raises(bk.BackupError, match="使用中") as busy:
        bk.restore(db, saved)
    assert busy.value.code == 3
    assert [p.name for p in tmp_path.glob("dept.before-restore-*")] == []
    dept.store.close()

    result = bk.restore(db, saved)
    assert result.kept is not None and result.kept.name.startswith("dept.before-restore-")
    ws = _open(db, mini_dir)
    assert _note(ws) == "バックアップ前"
    last = ws.store.log_entries()[-1]  # the restore is in the restored database's own log
    assert last.action == "database_restored" and last.details == {"from": "saved.db", "kept": result.kept.name}
    assert ws.store.verify_log() == []
    ws.close()
    kept = _open(result.kept, mini_dir)
    assert _note(kept) == "バックアップ後"  # what was replaced is still there
    kept.close()
    dept.store = Store.open(db)  # the fixture closes it


@pytest.mark.parametrize("kind", ["text", "other_sqlite", "newer"])
def test_restore_refuses_what_is_not_our_database(tmp_path: Path, dept: Workspace, kind: str) -> None:
    candidate = tmp_path / "candidate.db"
    if kind == "text":
        candidate.write_text("これはデータベースではありません", encoding="utf-8")
    else:
        conn = sqlite3.connect(candidate)
        conn.execute("CREATE TABLE notes (x)")
        if kind == "newer":
            conn.close()
            bk.backup(dept.store, candidate)
            conn = sqlite3.connect(candidate)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.close()
    dept.store.close()
    before = (tmp_path / "dept.db").read_bytes()
    with pytest.raises(bk.BackupError, match=r"データベースではありません|新しい版"):
        bk.restore(tmp_path / "dept.db", candidate)
    assert (tmp_path / "dept.db").read_bytes() == before
    assert list(tmp_path.glob("dept.before-restore-*")) == [] and list(tmp_path.glob(".dept.db.*")) == []
    dept.store = Store.open(tmp_path / "dept.db")


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mini_dir: Path) -> Path:
    monkeypatch.setattr("mizuho_audit.cli.common.default_db_path", lambda: tmp_path / "unused.db")
    return tmp_path


def test_backup_and_restore_from_the_command_line(cli_env: Path, mini_dir: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    t = cli_env
    dept, aud = t / "dept.db", t / "audit.db"
    ws = _open(dept, mini_dir)
    ws.save(ws.checklist("jumin", 2026), "ORG-001", "note", "バックアップ前", "山田")
    ws.close()
    _open(aud, mini_dir, role="auditor", passphrase=AUDITOR_PASSPHRASE).close()
    assert run(["--db", str(dept), "backup", "--out", str(t / "dept-backup.db")]) == 0
    assert run(["--db", str(aud), "backup", "--out", str(t / "audit-backup.db")]) == 0  # no passphrase needed
    assert "整合性を確認済み" in capsys.readouterr().out

    # A department's file never replaces an auditor's database without saying so, nor the other way.
    before = aud.read_bytes()
    assert run(["--db", str(aud), "restore", "--from", str(t / "dept-backup.db")]) == 1
    err = capsys.readouterr().err
    assert "監査担当用" in err and "部署用" in err and "--force-role-change" in err
    assert aud.read_bytes() == before
    assert run(["--db", str(dept), "restore", "--from", str(t / "audit-backup.db")]) == 1

    assert run(["--db", str(aud), "restore", "--from", str(t / "audit-backup.db")]) == 0
    out = capsys.readouterr().out
    assert "復元しました" in out and "before-restore" in out and "パスフレーズが必要" in out
    # The restored auditor database still needs its passphrase to be opened.
    monkeypatch.delenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", raising=False)
    assert run(["--db", str(aud), "log", "verify"]) == 2
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    assert run(["--db", str(aud), "log", "verify"]) == 0

    assert run(["--db", str(dept), "restore", "--from", str(t / "audit-backup.db"), "--force-role-change"]) == 0
    assert "種類が部署用から監査担当用に変わりました" in capsys.readouterr().err
    assert run(["--db", str(dept), "restore", "--from", str(t / "missing.db")]) == 1
    assert run(["--db", str(t / "none.db"), "backup", "--out", str(t / "x.db")]) == 3
    assert not (t / "none.db").exists()  # a backup never creates the database it was asked to copy


def test_window_backup_and_restore(tmp_path: Path, mini_dir: Path, qtbot: QtBot,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "dept.db"
    ws = _open(db, mini_dir)
    ws.save(ws.checklist("jumin", 2026), "ORG-001", "note", "バックアップ前", "山田")
    ws.close()
    dialogs = Dialogs()
    session, code = app.open_session(db, dialogs, shipped_dir=mini_dir, town_dir=tmp_path / "town")
    assert session is not None and code == 0
    w = session.window
    qtbot.addWidget(w)
    w.show()
    w.select("jumin", 2026)
    texts = [a.text() for a in w.admin_menu.actions()]
    assert "バックアップを作成(&B)…" in texts and "バックアップから復元(&R)…" in texts

    dialogs.save_to = str(tmp_path / "by-hand.db")
    assert w.backup_actions.create_backup() == tmp_path / "by-hand.db"
    assert "整合性を確認済み" in dialogs.infos[-1]

    w.select_item("ORG-001")
    w.panel.note.setPlainText("バックアップ後に入力")  # pending: flushed before the restore closes the store
    offered: list[list[bk.BackupInfo]] = []

    def choose(parent: Any, db_path: Path, backups: list[bk.BackupInfo], text: str,
               selected: Path | None = None) -> Path:
        offered.append(backups)
        return tmp_path / "by-hand.db"

    monkeypatch.setattr(backup_actions, "choose_backup", choose)
    assert w.backup_actions.restore_backup()
    assert dialogs.errors == [] and "置き換えます" in dialogs.questions[-1]
    assert "復元しました" in dialogs.infos[-1] and "before-restore" in dialogs.infos[-1]
    assert w.checklist is not None and w.model.answer("ORG-001").note == "バックアップ前"  # reopened, reloaded
    w.session.workspace.save(w.checklist, "ORG-002", "rating", "done", "山田")  # the reopened store works
    kept = next(tmp_path.glob("dept.before-restore-*.db"))
    old = _open(kept, mini_dir)
    assert _note(old) == "バックアップ後に入力"
    old.close()
    w.close()
    session.close()


def test_automatic_backup_after_show_and_on_exit(tmp_path: Path, mini_dir: Path, qtbot: QtBot) -> None:
    db = tmp_path / "dept.db"
    _open(db, mini_dir).close()
    session, _ = app.open_session(db, Dialogs(), shipped_dir=mini_dir, town_dir=tmp_path / "town")
    assert session is not None
    w = session.window
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.backup_actions.automatic_done, timeout=10000) as done:
        w.backup_actions.schedule_automatic(0)
    first = Path(done.args[0])
    assert first.parent == bk.backups_folder(db) and bk.inspect_database(first).role == "department"
    assert w.backup_actions.backup_on_exit() is None  # nothing changed since
    w.select("jumin", 2026)
    w.session.workspace.save(w.checklist, "ORG-001", "rating", "done", "山田")
    w.close()
    assert w.backup_actions.backup_on_exit() is not None
    session.close()


def test_auditor_window_restore_asks_the_passphrase(tmp_path: Path, mini_dir: Path, qtbot: QtBot) -> None:
    db = tmp_path / "audit.db"
    ws = _open(db, mini_dir, role="auditor", passphrase=AUDITOR_PASSPHRASE)
    saved = bk.backup(ws.store, tmp_path / "audit-saved.db")
    dialogs = Dialogs()
    w = AuditorWindow(Session(ws), dialogs, user="監査 一郎")
    qtbot.addWidget(w)
    dialogs.secret = "wrong-passphrase"
    assert not w.backup_actions.restore_backup(saved)
    assert "パスフレーズが違います" in dialogs.errors[-1][1]
    dialogs.secret = AUDITOR_PASSPHRASE
    assert w.backup_actions.restore_backup(saved)
    assert w.session.workspace.store.role == "auditor" and w.session.workspace.store.log_entries()
    w.close()
    ws.close()


def test_restore_takes_the_wal_of_a_copied_database(dept: Workspace, tmp_path: Path, mini_dir: Path) -> None:
    import shutil

    # Copied by hand while the window had it open: the latest answers are only in the -wal file.
    assert (tmp_path / "dept.db-wal").stat().st_size > 0
    shutil.copyfile(tmp_path / "dept.db", tmp_path / "copy.db")
    shutil.copyfile(tmp_path / "dept.db-wal", tmp_path / "copy.db-wal")
    bk.restore(tmp_path / "other.db", tmp_path / "copy.db")
    ws = _open(tmp_path / "other.db", mini_dir)
    assert _note(ws) == "バックアップ前"
    ws.close()
