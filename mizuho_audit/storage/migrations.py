"""Schema migrations by ``PRAGMA user_version``: one function per version, applied in order.

Each step runs in its own transaction. Before an existing database is migrated, a copy of the
file is written beside it. A database from a newer version of the app is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import sqlite_utils

from .connection import StoreError, transaction

Migration = Callable[[sqlite3.Connection], None]


_V1_SQL = [
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE questionnaires (
        key INTEGER PRIMARY KEY,
        questionnaire_id TEXT NOT NULL,
        version TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        content TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        UNIQUE (questionnaire_id, version, content_hash)
    )""",
    """CREATE TABLE departments (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        body_id TEXT NOT NULL,
        body_name TEXT NOT NULL,
        division TEXT NOT NULL DEFAULT '',
        traits TEXT NOT NULL,
        master_version TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE fiscal_years (
        year INTEGER PRIMARY KEY,
        label TEXT NOT NULL
    )""",
    """CREATE TABLE assessments (
        id INTEGER PRIMARY KEY,
        department_id TEXT NOT NULL REFERENCES departments(id),
        fiscal_year INTEGER NOT NULL REFERENCES fiscal_years(year),
        questionnaire_key INTEGER NOT NULL REFERENCES questionnaires(key),
        status TEXT NOT NULL DEFAULT 'not_started'
            CHECK (status IN ('not_started', 'in_progress', 'submitted')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (department_id, fiscal_year, questionnaire_key)
    )""",
    """CREATE TABLE answers (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        rating TEXT,
        note TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        plan_content TEXT NOT NULL DEFAULT '',
        plan_owner TEXT NOT NULL DEFAULT '',
        plan_due TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (assessment_id, item_id)
    )""",
    """CREATE TABLE answer_history (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL
    )""",
    "CREATE INDEX answer_history_item ON answer_history (assessment_id, item_id)",
]


def _v1_apply(conn: sqlite3.Connection) -> None:
    for stmt in _V1_SQL:
        conn.execute(stmt)


MIGRATIONS: list[Migration] = [_v1_apply]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def backup_before_migration(db: sqlite_utils.Database, path: Path, from_version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = path.with_name(f"{path.name}.v{from_version}-{stamp}.bak")
    target = sqlite3.connect(str(dest))
    try:
        db.conn.backup(target)
    finally:
        target.close()
    return dest


def migrate(db: sqlite_utils.Database, path: Path | None = None) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`; return the version found before."""
    found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"このデータベースは新しい版のアプリで作られています"
            f"（スキーマ {found}、このアプリは {SCHEMA_VERSION} まで）。"
            "アプリを更新してから開いてください。"
        )
    if found == SCHEMA_VERSION:
        return found
    if found > 0 and path is not None:
        backup_before_migration(db, path, found)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        with transaction(db) as conn:
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
    return found
