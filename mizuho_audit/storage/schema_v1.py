"""Schema version 1: the tables a database started from, before the later steps of :mod:`.migrations`.

Frozen like every step: a database made by any version of the app went through exactly this. Kept apart so the
steps that follow stay readable in one file.
"""

from __future__ import annotations

import sqlite3

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


def v1_apply(conn: sqlite3.Connection) -> None:
    """The first schema, in the migration's transaction."""
    for stmt in _V1_SQL:
        conn.execute(stmt)
