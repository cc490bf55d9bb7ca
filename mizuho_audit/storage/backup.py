"""Backups of the database, and restoring one.

A backup is made with SQLite's backup API (a consistent copy even while the window is writing),
checked with ``PRAGMA integrity_check`` and renamed into place, so a backup file is either whole
and sound or absent. Automatic backups go to ``<data folder>/backups/<database>-<hash>/`` (the user's own
folder) and, for a database elsewhere (e.g. the 課's shared folder), one copy next to it in
``<db folder>/<database>-backups/``; in each the newest :data:`DEFAULT_KEEP` (a setting) are kept.

A restore checks that the file is a sound mizuho-audit database no newer than the app, keeps a
copy of the current file beside it, and replaces the file. It must run with no connection open on
the database (the window closes its store first); another program still using it is detected and
the restore refused (on Windows the file could not be replaced anyway).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import clock
from ..i18n import _
from ..paths import backups_beside, backups_dir, ensure_private_dir, prepare_db_folder
from . import oplog
from .connection import AppDatabase, DatabaseBusy, StoreError, connect, store_error, transaction
from .migrations import SCHEMA_VERSION
from .passphrase import check_passphrase
from .repository import ROLE_DEPARTMENT, Store, role_label
from .snapshot import copy_database, fsync_dir, integrity_problems, remove_database_files, temporary_path

DEFAULT_KEEP = 10
SETTING_KEEP = "backup_keep"  # how many automatic backups to keep (settings table)
AUTO_PREFIX = "auto-"
_STAMP = "%Y%m%d-%H%M%S"
# Tables every released schema has (version 1 on); a file without them is not ours.
REQUIRED_TABLES = frozenset({"settings", "questionnaires", "departments", "fiscal_years", "assessments", "answers",
                             "answer_history"})
PROBE_TIMEOUT_S = 1.0
EXIT_PROBLEMS, EXIT_STORE = 1, 3
log = logging.getLogger(__name__)


class BackupError(StoreError):
    """A backup or restore that was refused or failed; ``code`` is the command line's exit code."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.code = self.exit_code = code


@dataclass(frozen=True)
class BackupInfo:
    """One automatic backup file."""

    path: Path
    taken_at: datetime
    size: int

    @property
    def label(self) -> str:
        return self.taken_at.strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class DatabaseCheck:
    """What a candidate file for a restore turned out to be."""

    path: Path
    role: str  # department / auditor (a version-1 database counts as a department's)
    schema_version: int
    passphrase_hash: str | None
    created_at: str | None

    @property
    def role_label(self) -> str:
        return role_label(self.role)


@dataclass(frozen=True)
class RestoreResult:
    db_path: Path
    source: Path
    kept: Path | None  # the copy of the file that was replaced
    check: DatabaseCheck
    warnings: tuple[str, ...]


# -- making backups ---------------------------------------------------------------------------
def backup(source: Store | Path, out: Path) -> Path:
    """Write a checked, consistent copy of the database (an open :class:`Store` or a file) to ``out``."""
    db_path = source.path if isinstance(source, Store) else Path(source)
    if db_path is not None and out.exists() and db_path.exists() and os.path.samefile(out, db_path):
        raise BackupError(_("バックアップの保存先にデータベース自身は指定できません。"), EXIT_PROBLEMS)
    if isinstance(source, Store):
        return copy_database(source.db.conn, out)
    if db_path is None or not db_path.is_file():
        raise BackupError(_("データベースが見つかりません: {path}").format(path=db_path), EXIT_STORE)
    db = connect(db_path)
    try:
        return copy_database(db.conn, out)
    finally:
        db.conn.close()


def backups_folder(db_path: Path) -> Path:
    """The folder of ``db_path``'s automatic backups (one per database, so two never mix)."""
    digest = hashlib.sha256(str(db_path.resolve()).encode("utf-8")).hexdigest()[:8]
    return backups_dir() / f"{db_path.stem[:40]}-{digest}"


def keep_count(store: Store) -> int:
    """How many automatic backups to keep (the ``backup_keep`` setting, at least 1)."""
    try:
        return max(1, int(store.get_setting(SETTING_KEEP) or DEFAULT_KEEP))
    except ValueError:
        return DEFAULT_KEEP


def _free_name(folders: list[Path], stamp: str) -> str:
    name, n = f"{AUTO_PREFIX}{stamp}.db", 1
    while any((f / name).exists() for f in folders):
        n += 1
        name = f"{AUTO_PREFIX}{stamp}-{n}.db"
    return name


def automatic_backup(source: Store | Path, db_path: Path | None = None, keep: int = DEFAULT_KEEP,
                     now: datetime | None = None) -> Path:
    """Back up into the user's own automatic-backup folder and, for a database outside it, next to the
    database too; delete all but the newest ``keep`` in each. Returns the copy in the user's folder.

    The copy next to the database is a byte copy of the checked one (the database is read once); when
    it cannot be written (the shared folder is away, no right to create a folder there), the user's copy
    still stands and :class:`BackupError` is not raised: the failure is logged."""
    path = db_path or (source.path if isinstance(source, Store) else Path(source))
    if path is None:
        raise BackupError(_("メモリ上のデータベースはバックアップできません。"), EXIT_STORE)
    folder = ensure_private_dir(backups_folder(path))
    beside = backups_beside(path)
    stamp = clock.in_japan(now or clock.now()).strftime(_STAMP)
    name = _free_name([folder] + ([beside] if beside else []), stamp)
    out = backup(source, folder / name)
    if beside is not None:
        try:
            beside.mkdir(parents=True, exist_ok=True)
            _copy_into_place(out, beside / name)
        except OSError:
            log.warning("automatic backup: no copy next to the database", exc_info=True)
    prune(path, keep)
    return out


def _copy_into_place(source: Path, dest: Path) -> None:
    """A byte copy that appears whole or not at all (a temporary name, then a rename)."""
    tmp = temporary_path(dest.parent, dest.name)
    try:
        shutil.copyfile(source, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _parse(path: Path) -> datetime | None:
    stamp = path.stem[len(AUTO_PREFIX):len(AUTO_PREFIX) + 15]
    try:
        return datetime.strptime(stamp, _STAMP)
    except ValueError:
        return None


def _in_folder(folder: Path | None) -> list[BackupInfo]:
    found = []
    with contextlib.suppress(OSError):  # a shared folder that is away lists nothing
        for f in folder.glob(f"{AUTO_PREFIX}*.db") if folder is not None and folder.is_dir() else ():
            taken = _parse(f)
            if taken is not None and f.is_file():
                found.append(BackupInfo(f, taken, f.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The automatic backups of ``db_path``, newest first: those in the user's folder, and those next to
    the database that the user's folder lacks (taken on another PC, or the user's copy is gone)."""
    mine = _in_folder(backups_folder(db_path))
    names = {b.path.name for b in mine}
    beside = [b for b in _in_folder(backups_beside(db_path)) if b.path.name not in names]
    return sorted(mine + beside, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def prune(db_path: Path, keep: int) -> list[Path]:
    """Delete the automatic backups beyond the newest ``keep`` in each folder; return what was deleted."""
    removed = []
    for folder in (backups_folder(db_path), backups_beside(db_path)):
        for old in _in_folder(folder)[max(1, keep):]:
            with contextlib.suppress(OSError):  # a file someone has open stays until next time
                old.path.unlink()
                removed.append(old.path)
    return removed


# -- checking a file ----------------------------------------------------------------------------
def _role_of(db: AppDatabase) -> tuple[str, str | None, str | None]:
    if "database_info" not in db.table_names():
        return ROLE_DEPARTMENT, None, None
    info = {str(k): str(v) for k, v in db.execute("SELECT key, value FROM database_info").fetchall()}
    return info.get("role", ROLE_DEPARTMENT), info.get("passphrase_hash"), info.get("created_at")


def _copy_with_wal(source: Path, dest: Path) -> None:
    """Copy a database file, with its WAL when it has one (committed changes may still be only there)."""
    shutil.copyfile(source, dest)
    wal = Path(f"{source}-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        shutil.copyfile(wal, Path(f"{dest}-wal"))


def _check_copy(copy: Path, shown: Path) -> DatabaseCheck:
    """Check a private copy of a candidate file (so the user's file is never changed by opening it)."""
    name = shown.name
    try:
        db = connect(copy)
    except StoreError as exc:
        raise BackupError(_("「{name}」は mizuho-audit のデータベースではありません（データベースとして読めません）。"
                            ).format(name=name), EXIT_PROBLEMS) from exc
    try:
        problems = integrity_problems(db.conn)
        if problems:
            raise BackupError(_("「{name}」は壊れています（{problem}）。別のバックアップを選んでください。"
                                ).format(name=name, problem=problems[0]))
        if not set(db.table_names()) >= REQUIRED_TABLES:
            raise BackupError(_("「{name}」は mizuho-audit のデータベースではありません（必要な表がありません）。"
                                ).format(name=name))
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version < 1:
            raise BackupError(_("「{name}」は mizuho-audit のデータベースではありません（スキーマの版がありません）。"
                                ).format(name=name))
        if version > SCHEMA_VERSION:
            raise BackupError(_("「{name}」は新しい版のアプリで作られています（スキーマ {version}、"
                                "このアプリは {supported} まで）。アプリを更新してから復元してください。"
                                ).format(name=name, version=version, supported=SCHEMA_VERSION))
        role, passphrase_hash, created_at = _role_of(db)
    except sqlite3.Error as exc:
        raise BackupError(_("「{name}」を読めません（{error}）。").format(name=name, error=store_error(exc))) from exc
    finally:
        db.conn.close()
    return DatabaseCheck(shown, role, version, passphrase_hash, created_at)


def inspect_database(path: Path) -> DatabaseCheck:
    """Whether ``path`` is a sound mizuho-audit database this app can open, and of which kind."""
    if not path.is_file():
        raise BackupError(_("ファイルが見つかりません: {path}").format(path=path), EXIT_PROBLEMS)
    with tempfile.TemporaryDirectory(prefix="mizuho-audit-check-") as tmp:
        copy = Path(tmp) / "candidate.db"
        _copy_with_wal(path, copy)
        return _check_copy(copy, path)


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest automatic backup that passes the checks of a restore."""
    for b in list_backups(db_path):
        try:
            inspect_database(b.path)
        except (StoreError, OSError):
            continue
        return b
    return None


def opens_with(check: DatabaseCheck, passphrase: str) -> bool:
    """Whether ``passphrase`` opens the auditor's database that was checked."""
    return check.passphrase_hash is not None and check_passphrase(passphrase, check.passphrase_hash)


# -- restoring ----------------------------------------------------------------------------------
def _keep_current(db_path: Path, stamp: str) -> Path:
    """A byte copy of the current file (and its WAL), whatever state it is in, beside it."""
    keep, n = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}{db_path.suffix or '.db'}"), 1
    while keep.exists():
        n += 1
        keep = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}-{n}{db_path.suffix or '.db'}")
    shutil.copy2(db_path, keep)
    wal = Path(f"{db_path}-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        shutil.copy2(wal, Path(f"{keep}-wal"))
    return keep


def _current_role(db_path: Path) -> str | None:
    """The kind of the current database, or None when it cannot be read (damaged).

    Raises :class:`BackupError` (exit 3) when another program has the database open: SQLite's
    exclusive lock cannot be taken while any other connection is open on the file.
    """
    busy = BackupError(_("データベースは別の画面またはコマンドが使用中です。閉じてから、もう一度復元してください。"
                         "何も変更していません。"), EXIT_STORE)
    try:
        db = connect(db_path, exclusive=True, timeout=PROBE_TIMEOUT_S)
    except DatabaseBusy as exc:
        raise busy from exc
    except StoreError:
        return None
    try:
        db.conn.execute("BEGIN EXCLUSIVE")
        db.conn.execute("COMMIT")
        return _role_of(db)[0]
    except sqlite3.Error as exc:
        if isinstance(store_error(exc), DatabaseBusy):
            raise busy from exc
        return None
    finally:
        db.conn.close()


def _log_restore(copy: Path, check: DatabaseCheck, db_path: Path, kept: Path | None, actor: str,
                 at: datetime) -> None:
    """Record the restore in the restored database's own operation log (what replaced what)."""
    db = connect(copy)
    try:
        if "operation_log" not in db.table_names():
            return  # a version-1 database: its log starts when it is migrated
        with transaction(db) as conn:
            oplog.append(conn, actor=actor, role=check.role, action="database_restored", target=db_path.name,
                         details={"from": check.path.name, "kept": kept.name if kept else None},
                         at=clock.japan_iso(at))
    finally:
        db.conn.close()


def restore(db_path: Path, from_file: Path, *, allow_role_change: bool = False, actor: str = "(アプリ)",
            now: datetime | None = None) -> RestoreResult:
    """Replace the database at ``db_path`` by ``from_file`` after checking it; keep the current file.

    No connection may be open on ``db_path`` (close the store first). A 部署用 database is never
    replaced by a 監査担当用 one or the other way round unless ``allow_role_change``. The restore is
    recorded in the restored database's operation log.
    """
    source = Path(from_file)
    if not source.is_file():
        raise BackupError(_("復元するファイルが見つかりません: {source}").format(source=source), EXIT_PROBLEMS)
    if db_path.exists() and os.path.samefile(source, db_path):
        raise BackupError(_("復元するファイルが、データベースそのものです。バックアップを選んでください。"))
    folder = prepare_db_folder(db_path)
    tmp = temporary_path(folder, db_path.name)
    kept: Path | None = None
    replaced = False
    try:
        _copy_with_wal(source, tmp)
        check = _check_copy(tmp, source)  # the last connection: a copied WAL is checkpointed into ``tmp``
        warnings: list[str] = []
        if db_path.exists():
            kept = _keep_current(db_path, clock.in_japan(now or clock.now()).strftime(_STAMP))
            current = _current_role(db_path)
            if current is None:
                warnings.append(_("現在のデータベースは壊れていて、種類（部署用／監査担当用）を確かめられませんでした。"))
            elif current != check.role and not allow_role_change:
                raise BackupError(
                    _("現在のデータベースは{current}、「{name}」は"
                      "{chosen}です。種類の違うデータベースでは置き換えません"
                      "（どうしても置き換えるときは --force-role-change）。何も変更していません。"
                      ).format(current=role_label(current), name=source.name, chosen=check.role_label))
            elif current != check.role:
                warnings.append(_("データベースの種類が{before}から{after}に変わりました。"
                                  ).format(before=role_label(current), after=check.role_label))
            # A WAL left beside the old file would be replayed into the restored one.
            for sidecar in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
                sidecar.unlink(missing_ok=True)
        _log_restore(tmp, check, db_path, kept, actor, now or clock.now())
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db_path)
        replaced = True
        fsync_dir(folder)
    except BaseException:
        remove_database_files(tmp)
        if kept is not None and not replaced:  # nothing changed: the copy of the current file is not needed
            remove_database_files(kept)
        raise
    return RestoreResult(db_path, source, kept, check, tuple(warnings))

