"""Opening the database: WAL (the rollback journal in a network location), synchronous=FULL, foreign keys
on, explicit transactions.

Every connection the app opens goes through :func:`connect`, so every one of them has the same
durability settings. WAL does not work on a network file system (:mod:`.location`): there the database
uses the rollback journal, and one holder at a time writes it (:mod:`.holder`). SQLite's errors are
turned into :class:`StoreError` with a message for the user by :func:`store_error` (what happened, and
whether anything was changed).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import StoreProblem
from ..i18n import _
from ..oserrors import describe_os_error as describe_os_error
from .location import is_network_location

# How long a connection waits for another one (another window, a command) to finish writing.
BUSY_TIMEOUT_S = 5.0


# The database library's own errors, for layers that must not speak SQLite themselves.
SqliteError = sqlite3.Error


class StoreError(StoreProblem):
    """A problem with the database file, with a message for the user (in their language)."""


class CorruptDatabase(StoreError):
    """The file is not an SQLite database, or its pages are damaged; it was not changed."""


class DatabaseBusy(StoreError):
    """Another program holds the database (SQLite's lock); nothing was changed."""


class DiskFull(StoreError):
    """The disk is full; the transaction was rolled back."""


_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_FULL_CODE = 13  # SQLITE_FULL
_READONLY_CODES = {3, 8}  # SQLITE_PERM, SQLITE_READONLY
_IO_CODES = {10, 14}  # SQLITE_IOERR, SQLITE_CANTOPEN


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def store_error(exc: sqlite3.Error, path: Path | str | None = None) -> StoreError:
    """The user's message for an SQLite error, as the matching :class:`StoreError`."""
    code, text = _primary_code(exc), str(exc).lower()
    where = f": {path}" if path is not None else ""
    if code in _BUSY_CODES or "locked" in text or "busy" in text:
        return DatabaseBusy(_("データベースは別の画面またはコマンドが使用中のため、書き込めませんでした"
                              "（database is locked）{where}。この操作は保存されていません。"
                              "使用中の画面や処理が終わってから、もう一度実行してください。").format(where=where))
    if code == _FULL_CODE or "disk is full" in text or "database or disk is full" in text:
        return DiskFull(_("ディスクの空きが足りないため、保存できませんでした{where}。この操作は保存されていません"
                          "（それまでの内容はそのまま残っています）。空きを作ってから、もう一度実行してください。"
                          ).format(where=where))
    if code in _CORRUPT_CODES or "malformed" in text or "not a database" in text:
        return CorruptDatabase(_("データベースファイルを開けません（壊れているか、データベースではありません）{where}。"
                                 "ファイルは変更していません。バックアップから復元できます。").format(where=where))
    if code in _READONLY_CODES or "readonly" in text or "read-only" in text:
        return StoreError(_("データベースに書き込めません（読み取り専用の場所か、書き込みの権限がありません）{where}。"
                            ).format(where=where))
    if code in _IO_CODES or "disk i/o" in text or "unable to open" in text:
        return StoreError(_("データベースファイルを読み書きできません（ディスクやネットワークの障害）{where}。"
                            "この操作は保存されていません。").format(where=where))
    return StoreError(_("データベースの処理に失敗しました{where}（{error}）。この操作は保存されていません。"
                        ).format(where=where, error=exc))


class AppDatabase:
    """The database as the app opens it: its ``sqlite3`` connection (``conn``), ``execute`` and ``table_names``.
    ``before_commit`` (set by the store of an auditor's database) runs inside every :func:`transaction` just
    before its COMMIT: it seals the rows the transaction wrote.

    The app's own thin class, no longer a subclass of sqlite-utils' ``Database``: the app used nothing else of
    it, and importing sqlite-utils (click, dateutil, pluggy) cost 40-53 ms of every start of the window (measured
    with ``python -X importtime``; the start is checked by bench/bench_window.py row 1). It behaves as that class
    did on the app's connections (``isolation_level=None``: nothing is committed behind the app's back), with
    SQLite's recursive triggers on, as sqlite-utils set them."""

    before_commit: Callable[[sqlite3.Connection], None] | None = None
    batch_depth: int = 0  # inside :func:`batch`: each transaction is a savepoint of the batch's one
    batch_thread: int | None = None  # the thread whose transactions join the batch

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute("PRAGMA recursive_triggers = ON")

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def table_names(self) -> list[str]:
        """The names of the database's tables."""
        return [str(r[0]) for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def connect(path: Path | str, *, exclusive: bool = False, timeout: float | None = None,
            read_only: bool = False) -> AppDatabase:
    """Open (or create) the database with the durability settings every connection must have.

    ``exclusive`` takes SQLite's exclusive locking mode (used to make sure no other program has the
    file open, before a restore replaces it); ``timeout`` overrides :data:`BUSY_TIMEOUT_S`;
    ``read_only`` opens an existing file that SQLite itself refuses to write (someone else holds it).
    """
    if read_only:
        return _connect_read_only(Path(path), BUSY_TIMEOUT_S if timeout is None else timeout)
    memory = str(path) == ":memory:"
    new = not memory and not Path(path).exists()
    if not memory and not Path(path).parent.exists():
        from ..paths import ensure_private_dir

        ensure_private_dir(Path(path).parent)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_S if timeout is None else timeout)
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    try:
        if new and os.name == "posix":
            # The file (and the -wal/-shm files SQLite creates with the same mode) for its owner only.
            Path(path).chmod(0o600)
        if exclusive:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        # A database that is not SQLite at all fails on the first statement that reads it.
        conn.execute("PRAGMA foreign_keys = ON")
        journal = journal_mode_for(path)
        mode = conn.execute(f"PRAGMA journal_mode = {journal}").fetchone()[0]
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        conn.close()
        raise store_error(exc, path) from exc
    if not memory and str(mode).lower() != journal.lower():
        conn.close()
        raise StoreError(_("データベースを書き込み可能な状態で開けません: {path}").format(path=path))
    return AppDatabase(conn)


def journal_mode_for(path: Path | str) -> str:
    """``WAL`` on this PC's disk, ``DELETE`` (the rollback journal) in a network location."""
    return "DELETE" if is_network_location(path) else "WAL"


def _file_uri(path: Path) -> str:
    """SQLite's URI of a file: ``file:///C:/x.db``, ``file:////server/share/x.db`` (a UNC path), ``file:///x.db``."""
    posix = path.as_posix()
    if posix.startswith("//"):
        return "file:////" + quote(posix[2:], safe="/:")
    return "file://" + ("" if posix.startswith("/") else "/") + quote(posix, safe="/:")


def _connect_read_only(path: Path, timeout: float) -> AppDatabase:
    if not path.is_file():
        raise StoreError(_("データベースが見つかりません: {path}").format(path=path))
    uri = _file_uri(path.resolve()) + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=timeout)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA schema_version").fetchone()  # not SQLite at all: fails here
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    return AppDatabase(conn)


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    # After SQLITE_FULL or an I/O error SQLite may already have rolled back; a second ROLLBACK
    # would raise and hide the real error.
    if conn.in_transaction:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


@contextmanager
def transaction(db: AppDatabase) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (also a failed COMMIT): all or nothing.

    The database's ``before_commit`` hook (:class:`AppDatabase`) runs inside the transaction, before COMMIT.
    Inside :func:`batch` it is a SAVEPOINT instead, released or rolled back to: still all or nothing, made
    durable (and sealed) with the batch."""
    conn = db.conn
    depth = getattr(db, "batch_depth", 0)
    if depth and conn.in_transaction and getattr(db, "batch_thread", None) == threading.get_ident():
        name = f"step{depth}"
        conn.execute(f"SAVEPOINT {name}")
        db.batch_depth = depth + 1
        try:
            yield conn
        except BaseException:
            with suppress(sqlite3.Error):
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        finally:
            db.batch_depth = depth
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        hook = getattr(db, "before_commit", None)
        if hook is not None:
            hook(conn)
    except BaseException:
        _rollback_quietly(conn)
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        _rollback_quietly(conn)
        raise


@contextmanager
def batch(db: AppDatabase) -> Iterator[None]:
    """Many transactions as one: each :func:`transaction` inside is a savepoint (all or nothing on its own),
    and one COMMIT (one ``fsync``, the rows sealed once by ``before_commit``) ends them all. On an error that
    leaves the batch, what was complete is committed (it was reported as done) and the error raised."""
    conn = db.conn
    if getattr(db, "batch_depth", 0) or conn.in_transaction:
        yield  # already in a batch or a transaction: nothing to gather
        return
    conn.execute("BEGIN IMMEDIATE")
    db.batch_depth = 1
    # Only this thread's transactions join the batch; another thread's write is refused as it is inside any
    # transaction ("cannot start a transaction within a transaction"), never mixed into this one.
    db.batch_thread = threading.get_ident()
    failed: BaseException | None = None
    try:
        yield
    except BaseException as exc:
        failed = exc
        raise
    finally:
        db.batch_depth = 0
        db.batch_thread = None
        if conn.in_transaction:  # (SQLite rolls back by itself after some I/O errors)
            try:
                hook = getattr(db, "before_commit", None)
                if hook is not None:
                    hook(conn)
                conn.execute("COMMIT")
            except BaseException:
                _rollback_quietly(conn)
                if failed is None:
                    raise


@contextmanager
def synced_at_the_end(db: AppDatabase) -> Iterator[None]:
    """For a database that is new and rebuilt whole when anything goes wrong (the demo's): SQLite does not wait
    for the disk after each of thousands of saves (``synchronous=OFF``); at the end the database is
    checkpointed with ``synchronous=FULL`` (written to the disk and flushed once)."""
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
