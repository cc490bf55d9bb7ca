"""Whoever has the database open holds it: windows and writing commands, in real processes.

A second writer is refused with 「使用中: 氏名（PC名）、9時12分から」 and exit code 3; the window offers to open
read-only; a holder killed with ``kill -9`` is taken over after a confirmation (``--yes``, a question).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from mizuho_audit import app, clock
from mizuho_audit.storage.holder import Holder, HolderBusy, HolderLock, holder_path, read_holder, this_pc
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.usecases import answering
from mizuho_audit.usecases.holding import DatabaseInUse, in_use_line
from mizuho_audit.usecases.session import Session

from .conftest import ROOT
from .test_window import FakeDialogs


class AskingDialogs(FakeDialogs):
    """Answers the window's questions in turn (and records them)."""

    def __init__(self, *answers: bool) -> None:
        super().__init__()
        self.answers = list(answers)
        self.questions: list[str] = []

    def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
        self.questions.append(text)
        return self.answers.pop(0)


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(MIZUHO_AUDIT_DATA_DIR=str(tmp_path / "userdata"), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT), MIZUHO_AUDIT_LANG="ja")
    return env


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own."""
    return subprocess.run([sys.executable, "-m", "mizuho_audit", *args], env=_env(tmp_path), cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A department's database with one started checklist and 山田太郎 remembered as the window's user."""
    path = tmp_path / "share" / "dept.db"
    path.parent.mkdir()
    s = Session.open(path)
    answering.open_checklist(s, "jumin", 2026)
    s.remember_user("山田太郎")
    s.close()
    assert not holder_path(path).exists()
    return path


def _wait_for_holder(db: Path, proc: subprocess.Popen[str], user: str) -> Holder:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        holder = read_holder(db)
        if holder is not None and holder.user == user and holder.pid == proc.pid:
            return holder
        assert proc.poll() is None, proc.communicate()[0]
        time.sleep(0.1)
    raise AssertionError("the holder did not take the database")


@pytest.fixture
def window_process(db: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Holder]]:
    """The real window (another process) holding the database."""
    proc = subprocess.Popen([sys.executable, "-m", "mizuho_audit", "--db", str(db)], env=_env(tmp_path),
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield proc, _wait_for_holder(db, proc, "山田太郎")
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)


def _expected_line(holder: Holder) -> str:
    since = clock.parse_moment(holder.since)
    assert since is not None
    return f"使用中: 山田太郎（{this_pc()}）、{since.hour}時{since.minute:02d}分から"


@pytest.mark.slow
def test_a_command_is_refused_while_a_window_holds_the_database(
        window_process: tuple[subprocess.Popen[str], Holder], db: Path, tmp_path: Path) -> None:
    _proc, holder = window_process
    refused = cli(tmp_path, "--db", str(db), "--user", "鈴木一郎", "reopen", "--department", "jumin", "--year", "2026",
                  "--reason", "訂正")
    assert refused.returncode == 3, refused.stderr
    assert _expected_line(holder) in refused.stderr and "Traceback" not in refused.stderr
    assert "--yes" not in refused.stderr  # a live holder is never taken over
    assert cli(tmp_path, "--db", str(db), "reopen", "--department", "jumin", "--year", "2026",
               "--reason", "訂正", "--yes").returncode == 3
    # A command that only reads still works, on the database as it is (an export is logged: it writes).
    read = cli(tmp_path, "--db", str(db), "log", "verify")
    assert read.returncode == 0 and "操作履歴" in read.stdout, read.stderr
    out = tmp_path / "log.csv"
    assert cli(tmp_path, "--db", str(db), "log", "export", "--out", str(out)).returncode == 0 and out.exists()
    assert cli(tmp_path, "--db", str(db), "answers", "export", "--department", "jumin", "--year", "2026",
               "--out", str(tmp_path / "a.json")).returncode == 3
    assert read_holder(db).token == holder.token


@pytest.mark.slow
def test_the_window_offers_read_only_opening_while_another_window_holds_it(
        window_process: tuple[subprocess.Popen[str], Holder], db: Path, qtbot: QtBot) -> None:
    _proc, holder = window_process
    declined = AskingDialogs(False)
    assert app.open_session(db, declined) == (None, 3)
    assert _expected_line(holder) in declined.questions[0] and "読み取り専用で開きますか" in declined.questions[0]

    dialogs = AskingDialogs(True)
    opened, code = app.open_session(db, dialogs)
    assert opened is not None and code == 0
    w: MainWindow = opened.window
    qtbot.addWidget(w)
    try:
        assert opened.session.read_only and "読み取り専用" in w.windowTitle()
        w.select("jumin", 2026)
        first = w.model.item_ids()[0]
        w.select_item(first)
        assert not w.panel.rating_buttons[0].isEnabled() and w.panel.note.isReadOnly()
        assert "読み取り専用" in w.panel.status.text()
        assert w._save(first, "note", "書けないはず") is None
        assert "読み取り専用" in str(dialogs.errors[-1]), dialogs.errors
    finally:
        w.close()
        opened.close()
    assert read_holder(db).token == holder.token  # the holder's file is untouched


@pytest.mark.slow
def test_a_holder_killed_with_kill_9_is_taken_over_after_confirmation(
        window_process: tuple[subprocess.Popen[str], Holder], db: Path, tmp_path: Path, qtbot: QtBot) -> None:
    proc, holder = window_process
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert read_holder(db) == holder  # the file stays behind
    args = ["--db", str(db), "--user", "鈴木一郎", "reopen", "--department", "jumin", "--year", "2026",
            "--reason", "訂正"]
    refused = cli(tmp_path, *args)
    assert refused.returncode == 3
    assert _expected_line(holder) in refused.stderr and "--yes" in refused.stderr
    assert "動いていない" in refused.stderr and str(holder.pid) in refused.stderr

    # The window asks; declining the take-over offers reading only, declining that too leaves it as it was.
    dialogs = AskingDialogs(False, False)
    assert app.open_session(db, dialogs) == (None, 3)
    assert "引き継いで開きますか" in dialogs.questions[0] and read_holder(db) == holder
    taking = AskingDialogs(True)
    opened, _code = app.open_session(db, taking)
    assert opened is not None and not opened.session.read_only
    qtbot.addWidget(opened.window)
    assert read_holder(db).pid == os.getpid()
    opened.window.close()
    opened.close()
    assert not holder_path(db).exists()

    # On the command line --yes takes over.
    kill_again = subprocess.Popen([sys.executable, "-c", HOLD_SCRIPT, str(db), "高橋"], env=_env(tmp_path),
                                  stdout=subprocess.PIPE, text=True)
    _wait_for_holder(db, kill_again, "高橋")
    kill_again.kill()
    kill_again.communicate(timeout=30)
    taken = cli(tmp_path, *args, "--yes")
    assert taken.returncode in (0, 1), taken.stderr  # reached the command itself
    assert "使用中" not in taken.stderr and not holder_path(db).exists()


HOLD_SCRIPT = """
import sys, time
from pathlib import Path
from mizuho_audit.usecases.holding import hold
hold(Path(sys.argv[1]), sys.argv[2])
print("held", flush=True)
time.sleep(600)
"""


# -- the rule, without processes ----------------------------------------------------------------------
def _file(db: Path, **fields: Any) -> Holder:
    now = datetime.now(UTC)
    values: dict[str, Any] = dict(user="佐藤", host="PC-OTHER-9", pid=4242, since=clock.now_iso(),
                                  heartbeat=now.isoformat(timespec="seconds"), token="t0")
    values.update(fields)
    holder = Holder(**values)
    holder_path(db).write_text(holder.to_json(), encoding="utf-8")
    return holder


def test_another_pcs_holder_is_gone_only_when_its_heartbeat_is_old(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    _file(db)  # alive on another PC: its process cannot be seen from here
    with pytest.raises(HolderBusy) as busy:
        HolderLock(db, "私").acquire(take_over=True)
    assert not busy.value.stale
    old = (datetime.now(UTC) - timedelta(minutes=6)).isoformat(timespec="seconds")
    _file(db, heartbeat=old)
    with pytest.raises(HolderBusy) as busy:
        HolderLock(db, "私").acquire()
    assert busy.value.stale
    assert "6 分以上、応答がありません" in str(DatabaseInUse(busy.value.holder, True))
    lock = HolderLock(db, "私")
    lock.acquire(take_over=True)
    assert read_holder(db).user == "私"
    lock.release()
    assert not holder_path(db).exists()


def test_the_holder_line_names_person_pc_and_time_in_japan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_utc_now", lambda: datetime(2026, 12, 4, 5, 0, tzinfo=UTC))
    holder = Holder("山田太郎", "PC-12", 1, "2026-12-04T00:12:00+00:00", "", "x")
    assert in_use_line(holder) == "使用中: 山田太郎（PC-12）、9時12分から"
    assert in_use_line(Holder("山田太郎", "PC-12", 1, "2026-12-03T09:05:00+09:00", "", "x")) == \
        "使用中: 山田太郎（PC-12）、12月3日 9時05分から"


def test_a_taken_over_session_stops_writing(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    s = Session.open(db, hold=True, user="山田")
    try:
        checklist = answering.open_checklist(s, "jumin", 2026)
        assert read_holder(db).user == "山田"
        s.use_user("山田太郎")  # the name given in the window is what others see
        assert read_holder(db).user == "山田太郎"
        _file(db, token="someone-else")  # another PC took it over while this one slept
        assert s._holder is not None and not s._holder.refresh()
        assert s.check_holder() and s.read_only
        with pytest.raises(DatabaseInUse.__mro__[1]) as refused:  # StoreProblem
            answering.save(s, checklist, next(checklist.questionnaire.items()).id, "note", "遅れて届いた入力")
        assert "読み取り専用" in str(refused.value)
    finally:
        s.close()
    assert read_holder(db).token == "someone-else"  # theirs is left alone


def test_an_older_windows_qt_lock_file_is_read(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    holder_path(db).write_text(f"999999\nmizuho-audit\n{this_pc()}\n", encoding="utf-8")
    holder = read_holder(db)
    assert holder is not None and holder.pid == 999999 and holder.is_stale()


def test_a_command_creates_its_new_database_in_a_new_folder(tmp_path: Path) -> None:
    from mizuho_audit.cli import run

    db = tmp_path / "new" / "folder" / "dept.db"
    assert run(["--db", str(db), "--user", "山田", "log", "verify"]) == 0
    assert db.exists() and not holder_path(db).exists()


def test_the_demo_does_not_replace_a_database_someone_holds(tmp_path: Path) -> None:
    from mizuho_audit.cli import run

    demo = tmp_path / "demo"
    demo.mkdir()
    lock = HolderLock(demo / "department.db", "山田太郎")
    lock.acquire()
    try:
        assert run(["demo", "--dir", str(demo)]) == 3
        assert not (demo / "department.db").exists() and not (demo / "auditor.db.lock").exists()
    finally:
        lock.release()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_window_ended_by_the_system_releases_the_database(
        window_process: tuple[subprocess.Popen[str], Holder], db: Path, tmp_path: Path) -> None:
    """A shutdown or logout (SIGTERM) ends the window as closing it would: the lock is gone, the next person
    opens the database without a takeover question."""
    proc, _holder = window_process
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    assert not holder_path(db).exists()
    assert "Traceback" not in out
    opened = cli(tmp_path, "--db", str(db), "--user", "佐藤", "carry-over", "--department", "jumin", "--year", "2026")
    assert "使用中" not in opened.stderr
