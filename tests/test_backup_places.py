"""Automatic backups in two places: next to the database (the 課's shared folder) and in the user's own folder."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mizuho_audit.paths import default_db_path, user_data_dir
from mizuho_audit.services.admin import backup as bk
from mizuho_audit.storage import backup as storage_backup
from mizuho_audit.usecases import answering
from mizuho_audit.usecases.session import Session

START = datetime(2026, 6, 1, 9, 0)


@pytest.fixture
def shared_db(tmp_path: Path) -> Path:
    db = tmp_path / "share" / "soumu.db"
    db.parent.mkdir()
    s = Session.open(db)
    answering.open_checklist(s, "jumin", 2026)
    s.close()
    return db


def test_a_backup_goes_next_to_the_database_and_to_the_users_folder(shared_db: Path) -> None:
    out = bk.automatic_backup(shared_db, now=START)
    beside = shared_db.parent / "soumu-backups" / out.name
    assert out.parent == bk.backups_folder(shared_db) and user_data_dir() in out.parents
    assert beside.read_bytes() == out.read_bytes()
    assert bk.inspect_database(beside).role == "department"  # the copy next to it is a sound database
    assert [b.path for b in bk.list_backups(shared_db)] == [out]  # one backup, listed once


def test_each_place_keeps_the_newest(shared_db: Path) -> None:
    for hour in range(4):
        bk.automatic_backup(shared_db, keep=2, now=START + timedelta(hours=hour))
    kept = ["auto-20260601-120000.db", "auto-20260601-110000.db"]  # 9:00 … 12:00 Japan time
    assert sorted((p.name for p in (shared_db.parent / "soumu-backups").iterdir()), reverse=True) == kept
    assert [b.path.name for b in bk.list_backups(shared_db)] == kept


def test_a_backup_taken_on_another_pc_is_found_next_to_the_database(shared_db: Path) -> None:
    mine = bk.automatic_backup(shared_db, now=START)
    mine.unlink()  # as if taken on a colleague's PC: only the copy in the shared folder is here
    [found] = bk.list_backups(shared_db)
    assert found.path == shared_db.parent / "soumu-backups" / mine.name
    assert bk.latest_good_backup(shared_db) == found


def test_the_users_copy_stands_when_the_shared_folder_cannot_be_written(
        shared_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: Path, dest: Path) -> None:
        raise PermissionError(13, "Permission denied", str(dest))

    monkeypatch.setattr(storage_backup, "_copy_into_place", refuse)
    out = bk.automatic_backup(shared_db, now=START)
    assert out.is_file() and not (shared_db.parent / "soumu-backups" / out.name).exists()


def test_a_database_in_the_users_own_folder_is_backed_up_once() -> None:
    db = default_db_path()
    Session.open(db).close()
    out = bk.automatic_backup(db, now=START)
    assert out.parent == bk.backups_folder(db)
    assert not list(db.parent.glob("*-backups"))
