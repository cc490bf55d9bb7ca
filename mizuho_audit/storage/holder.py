"""Whoever has a database open for writing holds it: the holder file ``<db>.lock`` beside it.

A department's database may live in its folder on the file server, where several people on several PCs
can open it, and SQLite's own locks over SMB are not enough to keep two writers apart. So every window
and every writing command takes this file first, as Office does with its owner file: it says who holds
the database (the name given), on which PC, since when, and it is refreshed every
:data:`HEARTBEAT_S` seconds while held.

A holder is gone (its file stale) when, on this PC, its process no longer runs (a crash, ``kill -9``), or,
on any PC, its file has not been refreshed for :data:`STALE_AFTER_S` seconds (a PC switched off or
cut from the network: another PC cannot see its processes). A stale file is taken over only when the
person confirms; a live holder is never pushed out. A holder that finds its file taken over stops
refreshing it (:attr:`HolderLock.lost`).

Plain files only (no ``fcntl``, no Qt), so the window, the command line and Windows share one rule.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from .. import clock

HEARTBEAT_S = 30.0
STALE_AFTER_S = 300.0  # ten missed heartbeats; PCs of a Windows domain keep their clocks within 5 minutes


def holder_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def this_pc() -> str:
    return platform.node() or os.environ.get("COMPUTERNAME", "") or "?"


@dataclass(frozen=True)
class Holder:
    """What the holder file says: who, on which PC (and process), since when, last refreshed when."""

    user: str
    host: str
    pid: int
    since: str  # Japan time, ISO (clock.now_iso)
    heartbeat: str  # UTC, ISO: compared across PCs
    token: str
    app: str = "mizuho-audit"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        """The holder of a file's text; also the older window's Qt lock file (pid, app, host lines)."""
        try:
            data = json.loads(text)
            return cls(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]),
                       str(data["heartbeat"]), str(data["token"]), str(data.get("app", "mizuho-audit")))
        except (ValueError, KeyError, TypeError):
            pass
        lines = text.splitlines()
        if len(lines) >= 3 and lines[0].strip().isdigit():
            return cls("", lines[2].strip(), int(lines[0]), "", "", "", lines[1].strip() or "?")
        return None

    @property
    def on_this_pc(self) -> bool:
        return self.host.lower() == this_pc().lower()

    def heartbeat_age(self, now: datetime | None = None) -> float | None:
        """Seconds since the holder last refreshed its file (None when the file does not say)."""
        try:
            beat = datetime.fromisoformat(self.heartbeat)
        except ValueError:
            return None
        if beat.tzinfo is None:
            beat = beat.replace(tzinfo=UTC)
        return ((now or datetime.now(UTC)) - beat).total_seconds()

    def is_stale(self, now: datetime | None = None, stale_after: float | None = None) -> bool:
        """Whether the holder is gone: its process ended (this PC), or its file is no longer refreshed."""
        if self.on_this_pc and not process_running(self.pid):
            return True
        age = self.heartbeat_age(now)
        if age is None:  # the older window's file: only this PC can tell
            return False
        return age > (STALE_AFTER_S if stale_after is None else stale_after)


def process_running(pid: int) -> bool:
    """Whether process ``pid`` runs on this PC (a zombie, killed but not yet reaped, does not)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(ok) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    return True


class HolderBusy(Exception):
    """The database is held by ``holder`` (``stale``: it looks gone and may be taken over)."""

    def __init__(self, holder: Holder, stale: bool) -> None:
        super().__init__(holder.user)
        self.holder = holder
        self.stale = stale


def read_holder(db_path: Path) -> Holder | None:
    """The current holder of ``db_path`` (None when nobody holds it, or the file cannot be read)."""
    try:
        text = holder_path(db_path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return Holder.parse(text)


class HolderLock:
    """Holding one database: :meth:`acquire`, then :meth:`release` (a thread refreshes the file meanwhile)."""

    def __init__(self, db_path: Path, user: str, heartbeat_s: float | None = None) -> None:
        self.db_path = db_path
        self.path = holder_path(db_path)
        self.heartbeat_s = HEARTBEAT_S if heartbeat_s is None else heartbeat_s
        self.holder = Holder(user, this_pc(), os.getpid(), clock.now_iso(), _utc_now(), uuid.uuid4().hex)
        self.held = False
        self.lost = False  # another PC took the file over (after our heartbeat had stopped for long)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._guard = threading.Lock()

    def acquire(self, take_over: bool = False) -> None:
        """Hold the database, or raise :class:`HolderBusy` naming the holder. ``take_over``: a stale holder's
        file (never a live one's) is replaced."""
        for _attempt in range(3):
            if self._create():
                self._start()
                return
            current = read_holder(self.db_path) or _unreadable_holder(self.path)
            if current is None:
                continue  # released in between: try to create it again
            stale = current.is_stale()
            if not (stale and take_over):
                raise HolderBusy(current, stale)
            self._remove_stale(current)
        raise HolderBusy(read_holder(self.db_path) or Holder("?", "?", 0, "", "", ""), False)

    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(self.holder.to_json())
            f.flush()
            os.fsync(f.fileno())
        self.held = True
        return True

    def _remove_stale(self, judged: Holder) -> None:
        """Move the stale file aside, and remove it only if it is still the one judged stale."""
        aside = self.path.with_name(f"{self.path.name}.{uuid.uuid4().hex[:8]}.stale")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return  # someone else removed it first: try to create again
        moved = Holder.parse(aside.read_text(encoding="utf-8", errors="replace"))
        if moved is not None and moved.token != judged.token:
            # Another PC took it over in between: put theirs back, unless a third one is there already.
            with contextlib.suppress(OSError):
                os.link(aside, self.path)
        aside.unlink(missing_ok=True)

    def _start(self) -> None:
        self._thread = threading.Thread(target=self._beat, name="holder-heartbeat", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(self.heartbeat_s):
            self.refresh()

    def refresh(self, user: str | None = None) -> bool:
        """Write the file again (a new heartbeat; ``user``: the name given in the window). False when the
        file is no longer ours (taken over): then it is left alone."""
        with self._guard:
            if not self.held or self.lost:
                return False
            current = read_holder(self.db_path)
            if current is None or current.token != self.holder.token:
                self.lost = True
                return False
            fields = asdict(self.holder) | {"heartbeat": _utc_now()}
            if user is not None:
                fields["user"] = user
            self.holder = Holder(**fields)
            temporary = self.path.with_name(f"{self.path.name}.{self.holder.token[:8]}.tmp")
            try:
                temporary.write_text(self.holder.to_json(), encoding="utf-8")
                os.replace(temporary, self.path)
            except OSError:  # the file server is away for a moment: the next heartbeat tries again
                temporary.unlink(missing_ok=True)
            return True

    def release(self) -> None:
        """Stop holding: the file is removed if it is still ours."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        with self._guard:
            if not self.held:
                return
            self.held = False
            current = read_holder(self.db_path)
            if current is not None and current.token == self.holder.token:
                self.path.unlink(missing_ok=True)


def _unreadable_holder(path: Path) -> Holder | None:
    """A file being written this moment, or damaged: read it again, else a holder without a name whose
    heartbeat is the file's time (so that a damaged file becomes stale and can be taken over)."""
    time.sleep(0.2)
    try:
        holder = Holder.parse(path.read_text(encoding="utf-8", errors="replace"))
        written = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    except OSError:
        return None
    return holder or Holder("?", "?", 0, "", written, "")


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
