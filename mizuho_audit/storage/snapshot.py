"""Consistent copies of the database file: SQLite's backup API, checked, then renamed into place.

A copy is never half-written: it is built in a temporary file beside the target, checked with
``PRAGMA integrity_check``, made durable (fsync), and only then renamed to its name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from ..i18n import _
from .connection import CorruptDatabase, StoreError, connect, store_error


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_database_files(path: Path) -> None:
    """Delete a database file and its -wal/-shm companions (a failed temporary copy)."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def temporary_path(folder: Path, name: str) -> Path:
    """An empty private file in ``folder`` to build a copy in (mode 0o600 on POSIX)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    os.close(fd)
    return Path(tmp)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA integrity_check``: an empty list when the database is sound."""
    rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def copy_database(source: sqlite3.Connection, out: Path) -> Path:
    """Copy the database open on ``source`` to ``out`` atomically; the copy is integrity-checked.

    Raises :class:`CorruptDatabase` when the copy is not sound (the source is damaged) and
    :class:`StoreError` / :class:`OSError` when it cannot be written; ``out`` is then untouched.
    """
    tmp = temporary_path(out.parent, out.name)
    try:
        dst = connect(tmp)
        try:
            try:
                source.backup(dst.conn)
            except sqlite3.Error as exc:
                raise store_error(exc) from exc
            problems = integrity_problems(dst.conn)
        finally:
            dst.conn.close()  # the last connection: the copy's WAL is checkpointed into the file
        if problems:
            raise CorruptDatabase(_("データベースが壊れているため、正しいコピーを作れませんでした"
                                    "（{problem}）。").format(problem=problems[0]))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
        fsync_dir(out.parent)
    except BaseException:
        remove_database_files(tmp)
        raise
    return out


__all__ = ["CorruptDatabase", "StoreError", "copy_database", "fsync_dir", "integrity_problems",
           "remove_database_files", "temporary_path"]
