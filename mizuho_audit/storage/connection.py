"""Opening the database: WAL, synchronous=FULL, foreign keys on, explicit transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils


class StoreError(Exception):
    """A problem with the database file, with a message for the user in Japanese."""


def connect(path: Path | str) -> sqlite_utils.Database:
    """Open (or create) the database with the durability settings every connection must have."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0, check_same_thread=False)
        # A database that is not SQLite at all fails on the first statement.
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"データベースファイルを開けません（壊れているか、データベースではありません）: {path}") from exc
    if str(path) != ":memory:" and str(mode).lower() != "wal":
        raise StoreError(f"データベースを書き込み可能な状態で開けません: {path}")
    return sqlite_utils.Database(conn)


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all or nothing."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
