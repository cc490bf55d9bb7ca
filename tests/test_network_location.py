"""A database in a shared folder: detected, opened with the rollback journal, written by one holder at a time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mizuho_audit.storage import connection
from mizuho_audit.storage.location import STORAGE_ENV, is_network_location, is_unc, mount_type
from mizuho_audit.usecases import answering
from mizuho_audit.usecases.holding import DatabaseInUse
from mizuho_audit.usecases.session import Session

from .test_holding import cli

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fileserver/soumu /mnt/soumu cifs rw,vers=3.1.1 0 0
//fileserver/kikaku\\040ka /mnt/kikaku\\040ka smb3 rw 0 0
nas:/export/kyouiku /srv/kyouiku nfs4 rw 0 0
user@host:/data /home/u/remote fuse.sshfs rw 0 0
tmpfs /mnt/soumu/tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(("path", "fs"), [
    ("/mnt/soumu/jikotenken/soumu.db", "cifs"),
    ("/mnt/kikaku ka/kikaku.db", "smb3"),
    ("/srv/kyouiku/a.db", "nfs4"),
    ("/home/u/remote/a.db", "fuse.sshfs"),
    ("/mnt/soumu/tmp/a.db", "tmpfs"),  # the deepest mount point decides
    ("/mnt/soumuX/a.db", "ext4"),  # a name that only starts like a mount point is not inside it
    ("/home/u/a.db", "ext4"),
])
def test_the_file_system_of_a_path_is_read_from_the_mount_table(path: str, fs: str) -> None:
    assert mount_type(Path(path), MOUNTS) == fs


def test_unc_paths_are_network_locations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STORAGE_ENV, raising=False)
    assert is_unc(r"\\fileserver\soumu\jikotenken.db") and is_unc("//fileserver/soumu/a.db")
    assert is_unc(r"\\?\UNC\fileserver\soumu\a.db")
    assert not is_unc(r"\\?\C:\data\a.db") and not is_unc(r"C:\data\a.db") and not is_unc("/home/a.db")
    assert is_network_location(r"\\fileserver\soumu\jikotenken.db")


def test_the_override_switches_the_detection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STORAGE_ENV, raising=False)
    assert not is_network_location(tmp_path / "a.db")  # the test's own disk
    monkeypatch.setenv(STORAGE_ENV, "network")
    assert is_network_location(tmp_path / "a.db")
    monkeypatch.setenv(STORAGE_ENV, "local")
    assert not is_network_location(r"\\fileserver\soumu\a.db")


def _journal(s: Session) -> str:
    return str(s.workspace.store.db.execute("PRAGMA journal_mode").fetchone()[0]).lower()


def test_a_local_database_keeps_wal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STORAGE_ENV, raising=False)
    s = Session.open(tmp_path / "local.db", hold=True, user="山田")
    try:
        assert _journal(s) == "wal"
    finally:
        s.close()


@pytest.mark.slow
def test_in_a_network_location_the_store_uses_the_rollback_journal_and_one_writer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "share" / "dept.db"
    db.parent.mkdir()
    local = Session.open(db)  # made on a local disk first (WAL), then moved to the share
    answering.open_checklist(local, "jumin", 2026)
    local.close()
    monkeypatch.setenv(STORAGE_ENV, "network")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.3)
    holder = Session.open(db, hold=True, user="山田太郎")
    try:
        assert _journal(holder) == "delete"  # switched from WAL when the holder opened it
        checklist = answering.open_checklist(holder, "jumin", 2026)
        item = next(checklist.questionnaire.items()).id
        answering.save(holder, checklist, item, "note", "共有フォルダで入力")
        assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()

        # A second writer is refused by the holder file, in this process and in another one.
        with pytest.raises(DatabaseInUse) as refused:
            Session.open(db, hold=True, user="鈴木一郎")
        assert "使用中: 山田太郎" in str(refused.value)
        other = cli(tmp_path, "--db", str(db), "--user", "鈴木一郎", "reopen", "--department", "jumin",
                    "--year", "2026", "--reason", "訂正")
        assert other.returncode == 3 and "使用中: 山田太郎" in other.stderr

        # Reading alongside works; and SQLite itself lets one connection write at a time.
        reader = Session.open(db, read_only=True)
        try:
            assert _journal(reader) == "delete"
            assert answering.answers(reader, answering.open_checklist(reader, "jumin", 2026))[item].note == \
                "共有フォルダで入力"
        finally:
            reader.close()
        rogue = sqlite3.connect(db, isolation_level=None, timeout=0.2)
        holder.workspace.store.db.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                rogue.execute("BEGIN IMMEDIATE")
        finally:
            holder.workspace.store.db.execute("ROLLBACK")
            rogue.close()
    finally:
        holder.close()
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
