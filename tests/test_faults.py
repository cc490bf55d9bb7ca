"""Faults: a damaged database, a second window, a locked database, a full disk, kill -9."""

from __future__ import annotations

import errno
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pytestqt.qtbot import QtBot

from mizuho_audit import app, fileio
from mizuho_audit.cli import run
from mizuho_audit.services.admin import backup as bk
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.storage import connection
from mizuho_audit.storage.connection import CorruptDatabase, transaction
from mizuho_audit.storage.holder import HolderBusy, HolderLock
from mizuho_audit.storage.holder import holder_path as lock_path
from mizuho_audit.storage.repository import Store
from mizuho_audit.ui import backup_actions
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.usecases.session import Session

from .auditor_setup import answer
from .conftest import FIXTURES, ROOT
from .test_window import FakeDialogs

PAGE = 4096



@pytest.fixture(autouse=True)
def _small_catalog(mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line loads the small test checklist instead of the shipped one (much faster)."""
    monkeypatch.setattr("mizuho_audit.services.workspace.shipped_questionnaires_dir", lambda: mini_dir)


def _open(db: Path, qdir: Path) -> Workspace:
    return Workspace.open(db, shipped_dir=qdir, town_dir=db.parent / "town")


def _database_with_pages(db: Path, qdir: Path, note: str = "元の回答") -> None:
    """A department database of a few hundred pages (history rows), so garbage can land in the middle."""
    ws = _open(db, qdir)
    cl = ws.checklist("jumin", 2026)
    ws.save(cl, "ORG-001", "note", note, "山田")
    with transaction(ws.store.db) as conn:
        conn.executemany("INSERT INTO answer_history (assessment_id, item_id, field, old_value, new_value, "
                         "changed_by, changed_at) VALUES (?, 'ORG-002', 'note', '', ?, '山田', '2026-05-01')",
                         [(cl.assessment.id, f"{i:05d} " + "記録" * 100) for i in range(600)])
    ws.close()


def _damage(db: Path, kind: str) -> bytes:
    data = bytearray(db.read_bytes())
    rng = random.Random(7)
    if kind == "garbage_pages":
        middle = len(data) // PAGE // 2
        for page in range(middle - 3, middle + 3):
            data[page * PAGE:(page + 1) * PAGE] = rng.randbytes(PAGE)
    elif kind == "truncated":
        del data[len(data) // 3:]
    else:
        data = bytearray(b"PK\x03\x04 this is a zip archive, not a database " * 200)
    db.write_bytes(bytes(data))
    return bytes(data)


# -- a damaged database ------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["garbage_pages", "truncated", "not_sqlite"])
def test_a_damaged_database_is_refused_clearly_and_left_unchanged(tmp_path: Path, mini_dir: Path,
                                                                   kind: str) -> None:
    db = tmp_path / "dept.db"
    _database_with_pages(db, mini_dir)
    assert len(db.read_bytes()) // PAGE > 60
    damaged = _damage(db, kind)
    with pytest.raises(CorruptDatabase) as refused:
        Store.open(db)
    message = str(refused.value)
    assert ("壊れています" in message or "壊れているか" in message) and "変更していません" in message
    assert db.read_bytes() == damaged
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    assert run(["--db", str(db), "log", "verify"]) == 3  # the command line says the same, exit 3
    assert db.read_bytes() == damaged


def test_the_window_offers_the_latest_good_backup(tmp_path: Path, mini_dir: Path, qtbot: QtBot,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    db = tmp_path / "dept.db"
    _database_with_pages(db, mini_dir, note="良いバックアップの回答")
    good = bk.automatic_backup(db, now=datetime(2026, 6, 1, 9, 0))
    bad = bk.automatic_backup(db, now=datetime(2026, 6, 2, 9, 0))
    _damage(bad, "garbage_pages")  # the newest backup is damaged too: it must not be the one offered
    damaged = _damage(db, "garbage_pages")
    offered: list[tuple[list[str], Path | None, str]] = []
    answer_with: list[Path | None] = [None, good]

    def choose(parent: Any, db_path: Path, backups: list[bk.BackupInfo], text: str,
               selected: Path | None = None) -> Path | None:
        offered.append(([b.label for b in backups], selected, text))
        return answer_with.pop(0)

    monkeypatch.setattr(backup_actions, "choose_backup", choose)
    dialogs = FakeDialogs()
    # Declined: nothing changes, the lock is released.
    assert app.open_session(db, dialogs, shipped_dir=mini_dir, town_dir=tmp_path / "town") == (None, 3)
    assert db.read_bytes() == damaged and not lock_path(db).exists()
    labels, selected, text = offered[0]
    assert labels == ["2026-06-02 09:00:00", "2026-06-01 09:00:00"]  # every backup, with its date
    assert selected == good and "2026-06-01 09:00:00" in text and "壊れ" in text

    session, code = app.open_session(db, dialogs, shipped_dir=mini_dir, town_dir=tmp_path / "town")
    assert session is not None and code == 0
    qtbot.addWidget(session.window)
    assert "壊れていたファイル" in dialogs.infos[-1]
    w: MainWindow = session.window
    w.select("jumin", 2026)
    assert w.model.answer("ORG-001").note == "良いバックアップの回答"
    [kept] = tmp_path.glob("dept.before-restore-*.db")
    assert kept.read_bytes() == damaged  # the damaged file is kept exactly as it was found
    w.close()
    session.close()


# -- a second window on the same database ---------------------------------------------------------------
def test_a_second_window_on_the_same_database_is_refused(tmp_path: Path, mini_dir: Path, qtbot: QtBot) -> None:
    from .test_holding import AskingDialogs

    db = tmp_path / "dept.db"
    _open(db, mini_dir).close()
    first, _ = app.open_session(db, FakeDialogs(), shipped_dir=mini_dir, town_dir=tmp_path / "town")
    assert first is not None
    qtbot.addWidget(first.window)
    second_dialogs = AskingDialogs(False)  # not read-only either
    assert app.open_session(db, second_dialogs, shipped_dir=mini_dir, town_dir=tmp_path / "town") == (None, 3)
    [text] = second_dialogs.questions
    assert text.startswith("使用中: ") and "読み取り専用で開きますか" in text
    first.window.close()
    first.close()
    third, _ = app.open_session(db, FakeDialogs(), shipped_dir=mini_dir, town_dir=tmp_path / "town")
    assert third is not None  # free again once the first window has closed
    qtbot.addWidget(third.window)
    third.window.close()
    third.close()


def test_an_older_windows_lock_left_by_a_killed_process_is_taken_over_when_confirmed(tmp_path: Path) -> None:
    db = tmp_path / "dept.db"
    holder = ("import os, sys\nfrom PySide6.QtCore import QLockFile\n"
              "lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)\n"
              "assert lock.tryLock(0)\nos._exit(0)  # dies holding the lock, like a killed process\n")
    subprocess.run([sys.executable, "-c", holder, str(lock_path(db))], check=True, timeout=60)
    assert lock_path(db).exists()
    with pytest.raises(HolderBusy) as busy:
        HolderLock(db, "山田").acquire()
    assert busy.value.stale  # the process is gone: offered, not taken silently
    lock = HolderLock(db, "山田")
    lock.acquire(take_over=True)
    with pytest.raises(HolderBusy) as busy:
        HolderLock(db, "鈴木").acquire(take_over=True)
    assert not busy.value.stale and busy.value.holder.user == "山田"
    lock.release()


# -- the command line and SQLite's own lock -----------------------------------------------------------
def test_a_locked_database_gives_exit_3_and_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "dept.db"
    dept = ["--db", str(db), "--user", "山田"]
    assert run([*dept, "answers", "export", "--department", "jumin", "--year", "2026",
                "--out", str(tmp_path / "a.json")]) == 0
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO settings (key, value) VALUES ('holder', 'uncommitted')")
    capsys.readouterr()
    assert run([*dept, "answers", "import", "--department", "jumin", "--year", "2026", str(tmp_path / "a.json")]) == 3
    err = capsys.readouterr().err
    assert "使用中" in err and "database is locked" in err and "Traceback" not in err
    holder.execute("ROLLBACK")
    holder.close()
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    assert run([*dept, "answers", "import", "--department", "jumin", "--year", "2026", str(tmp_path / "a.json")]) == 0


# -- a full disk ------------------------------------------------------------------------------------------
class FullDisk:
    """The store's connection, failing like SQLite on a full disk at the statement chosen."""

    def __init__(self, real: sqlite3.Connection, when: Callable[[str], bool]) -> None:
        self._real = real
        self._when = when

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        if self._when(sql):
            raise sqlite3.OperationalError("database or disk is full")
        return self._real.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@pytest.fixture
def window(tmp_path: Path, mini_dir: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    ws = _open(tmp_path / "dept.db", mini_dir)
    w = MainWindow(Session(ws), FakeDialogs())
    qtbot.addWidget(w)
    w.show()
    w.select("jumin", 2026)
    w.select_item("ORG-001")
    yield w
    w.close()
    w.session.workspace.close()


def test_disk_full_while_saving_keeps_the_text_and_the_database(window: MainWindow, tmp_path: Path) -> None:
    ws, cl = window.session.workspace, window.checklist
    assert cl is not None
    ws.save(cl, "ORG-001", "note", "保存済みの文", "瑞穂 花子")
    before = (ws.answers(cl), len(ws.store.history(cl.assessment.id)))
    real = ws.store.db.conn
    # The UPDATE of the answer succeeds, the history row fails: the whole transaction must roll back.
    ws.store.db.conn = FullDisk(real, lambda sql: sql.startswith("INSERT INTO answer_history"))  # type: ignore[assignment]
    window.panel.note.setPlainText("ディスクが一杯のときに入力した文")
    window.panel.flush()
    title, text, details = window.dialogs.errors[-1]  # type: ignore[attr-defined]
    assert title == "保存できません" and "入力内容は画面に残っています" in text
    assert "ディスクの空きが足りない" in details
    assert window.panel.note.toPlainText() == "ディスクが一杯のときに入力した文" and window.panel.has_pending()
    ws.store.db.conn = real
    assert not real.in_transaction
    assert (ws.answers(cl), len(ws.store.history(cl.assessment.id))) == before
    window.panel.flush()  # space again: the kept text is saved on the next try
    assert ws.answers(cl)["ORG-001"].note == "ディスクが一杯のときに入力した文" and not window.panel.has_pending()
    reopened = Store.open(tmp_path / "dept.db")  # and the file still opens (quick_check)
    reopened.close()


def test_a_failed_commit_rolls_back_and_the_connection_stays_usable(tmp_path: Path, mini_dir: Path) -> None:
    ws = _open(tmp_path / "dept.db", mini_dir)
    cl = ws.checklist("jumin", 2026)
    real = ws.store.db.conn
    ws.store.db.conn = FullDisk(real, lambda sql: sql == "COMMIT")  # type: ignore[assignment]
    with pytest.raises(sqlite3.OperationalError, match="full"):
        ws.save(cl, "ORG-001", "rating", "done", "山田")
    ws.store.db.conn = real
    assert not real.in_transaction and ws.answers(cl) == {}
    assert ws.save(cl, "ORG-001", "rating", "done", "山田")
    ws.close()


class HalfWriter:
    """A file whose write stops halfway with ENOSPC, as on a full disk."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh

    def write(self, data: bytes) -> int:
        self._fh.write(data[:len(data) // 2])
        self._fh.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self) -> HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


def _disk_full_on_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen
    monkeypatch.setattr(fileio.os, "fdopen", lambda fd, *a, **k: HalfWriter(real(fd, *a, **k)))


def test_disk_full_while_exporting_leaves_no_half_written_file(window: MainWindow, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    answer(window.session.workspace, "jumin", 2026, {})
    window.refresh_checklist()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    dialogs: Any = window.dialogs
    dialogs.save_file = lambda *a: str(out_dir / "jumin.json")
    _disk_full_on_write(monkeypatch)
    window.workflow.export_file()
    title, text, _ = dialogs.errors[-1]
    assert title == "書き出せません" and "ディスクの空きが足りません" in text  # in Japanese, not the OS's English
    assert list(out_dir.iterdir()) == []  # neither the file nor the temporary one
    # The command line says it in Japanese, exit 3 (the window may stay open: SQLite's WAL allows it).
    capsys.readouterr()
    assert run(["--db", str(tmp_path / "dept.db"), "submission", "export", "--department", "jumin", "--year", "2026",
                "--out", str(out_dir / "jumin.json")]) == 3
    err = capsys.readouterr().err
    assert "ディスクの空きが足りません" in err and "Traceback" not in err
    assert list(out_dir.iterdir()) == []


# -- kill -9 -----------------------------------------------------------------------------------------
WRITER = r"""
import sys
from mizuho_audit.storage.repository import Store
db, assessment, items, n = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), int(sys.argv[4])
store = Store.open(db)
while True:
    item = items[n % len(items)]
    store.save_answer_field(assessment, item, "note", f"save {n}", "瑞穂 太郎")
    print(f"ACK {n} {item}", flush=True)
    n += 1
"""


def test_killed_at_random_moments_no_acknowledged_answer_is_lost(tmp_path: Path, mini_dir: Path) -> None:
    db = tmp_path / "crash.db"
    ws = _open(db, mini_dir)
    cl = ws.checklist("jumin", 2026)
    assessment, items = cl.assessment.id, [it.id for it in cl.questionnaire.items()]
    ws.close()
    rng = random.Random(20260401)
    acked: dict[str, int] = {}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(20):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(assessment), ",".join(items),
                                 str(round_ * 100_000)], stdout=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None
        stop_after, count = rng.randint(1, 30), 0
        for line in proc.stdout:
            _, n, item = line.split()
            acked[item] = int(n)
            count += 1
            if count >= stop_after:
                break
        assert count == stop_after, f"the writer stopped by itself in round {round_}"
        # Killed between two saves or in the middle of one (a commit, an fsync, a checkpoint).
        time.sleep(rng.random() * 0.005)
        proc.kill()
        proc.wait()
        proc.stdout.close()
        store = Store.open(db)  # quick_check passes
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", round_
        saved = store.answers(assessment)
        for item, n in acked.items():
            assert int(saved[item].note.split()[1]) >= n, (round_, item, n, saved[item].note)
        store.close()


# -- durability settings on every connection ---------------------------------------------------------------
class CheckedConnection(sqlite3.Connection):
    """Records the durability settings of every connection when it is closed."""

    seen: ClassVar[list[tuple[str, int, int]]] = []

    def close(self) -> None:
        try:
            row = (str(self.execute("PRAGMA journal_mode").fetchone()[0]),
                   int(self.execute("PRAGMA synchronous").fetchone()[0]),
                   int(self.execute("PRAGMA foreign_keys").fetchone()[0]))
        except sqlite3.Error:
            row = ("unreadable", -1, -1)
        CheckedConnection.seen.append(row)
        super().close()


def test_every_connection_the_app_opens_is_durable(tmp_path: Path, mini_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    real = sqlite3.connect
    opened: list[sqlite3.Connection] = []

    def spy(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(*args, factory=CheckedConnection, **kwargs)
        opened.append(conn)
        return conn

    CheckedConnection.seen = []
    monkeypatch.setattr(sqlite3, "connect", spy)
    db = tmp_path / "dept.db"
    ws = _open(db, mini_dir)  # Store.open
    ws.save(ws.checklist("jumin", 2026), "ORG-001", "rating", "done", "山田")
    bk.automatic_backup(ws.store)  # the window's backup path (its store) ...
    bk.automatic_backup(db)  # ... and the worker thread's (its own connection)
    ws.close()
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_v1.db", old)
    _open(old, mini_dir).close()  # a migration, with its backup first
    assert run(["--db", str(db), "log", "verify"]) == 0  # the command line
    assert run(["--db", str(db), "backup", "--out", str(tmp_path / "b.db")]) == 0
    assert run(["--db", str(db), "restore", "--from", str(tmp_path / "b.db")]) == 0
    assert len(opened) >= 10
    still_open = [c for c in opened if _is_open(c)]
    for c in still_open:
        c.close()
    assert CheckedConnection.seen and set(CheckedConnection.seen) == {("wal", 2, 1)}, CheckedConnection.seen


def _is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return False
    return True


def test_role_given_on_the_command_line_makes_the_new_database_an_auditors(
        tmp_path: Path, mini_dir: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mizuho-audit --db NEW.db --role auditor` (the window): the kind is not asked again, only the passphrase."""
    from PySide6.QtWidgets import QDialog

    from mizuho_audit.ui import start_dialogs

    def never(self: Any) -> int:
        raise AssertionError("the kind was given with --role: not asked")

    def set_passphrase(self: Any) -> int:
        self.first.setText("auditor-secret-1")
        if hasattr(self, "second"):
            self.second.setText("auditor-secret-1")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(start_dialogs.RoleDialog, "exec", never)
    monkeypatch.setattr(start_dialogs.PassphraseDialog, "exec", set_passphrase)
    db = tmp_path / "new" / "auditor.db"
    session, code = app.open_session(db, FakeDialogs(), shipped_dir=mini_dir, town_dir=tmp_path / "town",
                                     role="auditor")
    assert session is not None and code == 0
    qtbot.addWidget(session.window)
    assert session.session.is_auditor and type(session.window).__name__ == "AuditorWindow"
    session.close()
