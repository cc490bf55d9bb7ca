"""Schema migrations by ``PRAGMA user_version``: one function per version, applied in order.

Each step runs in its own transaction. Before an existing database is migrated, a copy of the
file is written beside it. A database from a newer version of the app is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from .. import clock
from ..i18n import _
from .connection import AppDatabase, StoreError, transaction
from .schema_v1 import v1_apply as _v1_apply
from .snapshot import copy_database

Migration = Callable[[sqlite3.Connection], None]


def _frozen_guard(table: str, event: str, ref: str) -> str:
    """A trigger that refuses any write to rows of a submitted (frozen) assessment."""
    return (
        f"CREATE TRIGGER {table}_frozen_{event.lower()} BEFORE {event} ON {table} "
        f"WHEN (SELECT status FROM assessments WHERE id = {ref}.assessment_id) = 'submitted' "
        f"BEGIN SELECT RAISE(ABORT, 'frozen: the assessment is submitted'); END"
    )


_V2_SQL = [
    # What kind of database this is (department / auditor); written once, never changed.
    """CREATE TABLE database_info (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TRIGGER database_info_no_update BEFORE UPDATE ON database_info
        BEGIN SELECT RAISE(ABORT, 'database_info cannot change'); END""",
    """CREATE TRIGGER database_info_no_delete BEFORE DELETE ON database_info
        BEGIN SELECT RAISE(ABORT, 'database_info cannot change'); END""",
    "ALTER TABLE answers ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE assessments ADD COLUMN carried_from INTEGER REFERENCES assessments(id)",
    """CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessments(id),
        version INTEGER NOT NULL,
        snapshot TEXT NOT NULL,
        snapshot_hash TEXT NOT NULL,
        approver_name TEXT NOT NULL,
        approver_title TEXT NOT NULL,
        approved_on TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        submitted_by TEXT NOT NULL,
        reopened_at TEXT,
        reopened_by TEXT,
        reopen_reason TEXT,
        UNIQUE (assessment_id, version)
    )""",
    """CREATE TRIGGER submissions_keep_snapshot BEFORE UPDATE OF snapshot, snapshot_hash, version, assessment_id
        ON submissions BEGIN SELECT RAISE(ABORT, 'a submitted snapshot cannot change'); END""",
    """CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
        BEGIN SELECT RAISE(ABORT, 'a submitted snapshot cannot be deleted'); END""",
    """CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessments(id),
        item_id TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        content BLOB NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
    )""",
    "CREATE INDEX attachments_item ON attachments (assessment_id, item_id)",
    _frozen_guard("answers", "INSERT", "NEW"),
    _frozen_guard("answers", "UPDATE", "OLD"),
    _frozen_guard("answers", "DELETE", "OLD"),
    _frozen_guard("attachments", "INSERT", "NEW"),
    _frozen_guard("attachments", "UPDATE", "OLD"),
    _frozen_guard("attachments", "DELETE", "OLD"),
    # 操作履歴: append-only, each entry chained to the one before by its hash.
    """CREATE TABLE operation_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    """CREATE TRIGGER operation_log_no_update BEFORE UPDATE ON operation_log
        BEGIN SELECT RAISE(ABORT, 'the operation log is append-only'); END""",
    """CREATE TRIGGER operation_log_no_delete BEFORE DELETE ON operation_log
        BEGIN SELECT RAISE(ABORT, 'the operation log is append-only'); END""",
    # Notices from the auditor (差戻し) imported into a department database.
    """CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        department_id TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        submission_version INTEGER NOT NULL,
        reason TEXT NOT NULL,
        issued_by TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        file_sha256 TEXT NOT NULL UNIQUE,
        imported_at TEXT NOT NULL
    )""",
    # The auditor's database: every submission file received, and the decision on it.
    """CREATE TABLE received_submissions (
        id INTEGER PRIMARY KEY,
        department_id TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        questionnaire_id TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        submission_version INTEGER NOT NULL,
        snapshot TEXT NOT NULL,
        snapshot_hash TEXT NOT NULL,
        log_hash TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL UNIQUE,
        file_kind TEXT NOT NULL,
        signature_status TEXT,
        signer_name TEXT,
        signer_title TEXT,
        signed_at TEXT,
        received_at TEXT NOT NULL,
        received_by TEXT NOT NULL,
        superseded_by INTEGER REFERENCES received_submissions(id),
        decision TEXT CHECK (decision IN ('accepted', 'returned')),
        decided_at TEXT,
        decided_by TEXT,
        decision_reason TEXT
    )""",
    "CREATE INDEX received_department_year ON received_submissions (department_id, fiscal_year)",
]


def _v2_apply(conn: sqlite3.Connection) -> None:
    for stmt in _V2_SQL:
        conn.execute(stmt)


_V3_SQL = [
    # 指摘事項 (auditor's database): proposed from the answers, graded and edited by the auditor.
    """CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        fiscal_year INTEGER NOT NULL,
        department_id TEXT NOT NULL,
        item_id TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL CHECK (source IN ('high_item', 'common_item', 'manual', 'carried')),
        grade TEXT NOT NULL CHECK (grade IN ('major', 'minor', 'observation', 'good')),
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        recommendation TEXT NOT NULL DEFAULT '',
        due TEXT NOT NULL DEFAULT '',
        responsible TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
        confirmed INTEGER NOT NULL DEFAULT 0,
        carried_from INTEGER REFERENCES findings(id),
        department_report TEXT NOT NULL DEFAULT '',
        reported_status TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
    )""",
    "CREATE INDEX findings_year ON findings (fiscal_year, department_id)",
    # Findings a department received with its 結果通知: they come back as follow-up items next 年度.
    """CREATE TABLE followups (
        id INTEGER PRIMARY KEY,
        finding_ref INTEGER NOT NULL,
        fiscal_year INTEGER NOT NULL,
        department_id TEXT NOT NULL,
        grade TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        recommendation TEXT NOT NULL,
        due TEXT NOT NULL,
        item_id TEXT NOT NULL DEFAULT '',
        file_sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        UNIQUE (finding_ref, department_id, fiscal_year)
    )""",
]


def _v3_apply(conn: sqlite3.Connection) -> None:
    for stmt in _V3_SQL:
        conn.execute(stmt)


_V4_SQL = [
    # 年度締め: once the audit report is signed by its approver, the 年度 is closed in the auditor's
    # database; imports and finding edits for it are refused until a logged reopen.
    # (IF NOT EXISTS: development databases had this table already at version 3.)
    """CREATE TABLE IF NOT EXISTS closed_years (
        fiscal_year INTEGER PRIMARY KEY,
        closed_at TEXT NOT NULL,
        closed_by TEXT NOT NULL,
        report_sha256 TEXT NOT NULL DEFAULT ''
    )""",
    *[f"""CREATE TRIGGER IF NOT EXISTS {table}_closed_{event.lower()} BEFORE {event} ON {table}
        WHEN {ref}.fiscal_year IN (SELECT fiscal_year FROM closed_years)
        BEGIN SELECT RAISE(ABORT, 'closed: the fiscal year is closed'); END"""
      for table, event, ref in (("findings", "INSERT", "NEW"), ("findings", "UPDATE", "OLD"),
                                ("findings", "DELETE", "OLD"), ("received_submissions", "INSERT", "NEW"),
                                ("received_submissions", "UPDATE", "OLD"))],
]


def _v4_apply(conn: sqlite3.Connection) -> None:
    for stmt in _V4_SQL:
        conn.execute(stmt)


_V5_SQL = [
    # What the auditor writes into the 年度's report: the judgement (総括) and the cover's 宛先 and 文書番号.
    # Kept with the 年度 and, like the findings, frozen once the 年度 is closed.
    """CREATE TABLE report_details (
        fiscal_year INTEGER PRIMARY KEY,
        summary TEXT NOT NULL DEFAULT '',
        addressee TEXT NOT NULL DEFAULT '',
        document_number TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
    )""",
    *[f"""CREATE TRIGGER report_details_closed_{event.lower()} BEFORE {event} ON report_details
        WHEN {ref}.fiscal_year IN (SELECT fiscal_year FROM closed_years)
        BEGIN SELECT RAISE(ABORT, 'closed: the fiscal year is closed'); END"""
      for event, ref in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD"))],
]


def _v5_apply(conn: sqlite3.Connection) -> None:
    for stmt in _V5_SQL:
        conn.execute(stmt)


_V6_SQL = [
    # The trust the database itself holds (both kinds): the roots (the town CA, LGPKI roots) and the latest
    # CRL of each, so that trust and revocation are the database's, not a per-user folder's.
    """CREATE TABLE trust_roots (
        fingerprint TEXT PRIMARY KEY,
        subject TEXT NOT NULL,
        der BLOB NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL
    )""",
    """CREATE TABLE crls (
        issuer_fingerprint TEXT PRIMARY KEY REFERENCES trust_roots(fingerprint),
        der BLOB NOT NULL,
        this_update TEXT NOT NULL,
        next_update TEXT,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL
    )""",
    # Who may sign what (the auditor's register): a certificate by its fingerprint, or by subject and issuer
    # (LGPKI certificates are renewed under the same name), for a department's submission or a field of the
    # audit report, with the dates it may sign. Removed rows stay (what was allowed when).
    """CREATE TABLE signers (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT,
        subject TEXT NOT NULL,
        issuer TEXT NOT NULL,
        holder_name TEXT NOT NULL,
        holder_title TEXT NOT NULL DEFAULT '',
        match TEXT NOT NULL CHECK (match IN ('fingerprint', 'subject')),
        role TEXT NOT NULL CHECK (role IN ('submission', 'author', 'reviewer', 'approver')),
        department_id TEXT,
        valid_from TEXT NOT NULL,
        valid_to TEXT NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        removed_at TEXT,
        removed_by TEXT,
        removed_reason TEXT,
        CHECK ((role = 'submission') = (department_id IS NOT NULL))
    )""",
    "CREATE INDEX signers_role ON signers (role, department_id)",
    # How each received file was trusted: a trusted, registered signer; an exception the auditor allowed for
    # that one file (with the reason); or an unsigned input (workbook, JSON).
    "ALTER TABLE received_submissions ADD COLUMN trust TEXT CHECK (trust IN ('trusted', 'exception', 'unsigned'))",
    "ALTER TABLE received_submissions ADD COLUMN exception_reason TEXT",
    """UPDATE received_submissions SET trust = CASE WHEN signature_status = 'unsigned' THEN 'unsigned'
        WHEN signature_status = 'valid' THEN 'trusted' ELSE 'exception' END,
        exception_reason = CASE WHEN signature_status NOT IN ('unsigned', 'valid')
        THEN '（この版より前に取り込まれたもの）' END""",
]


def _v6_apply(conn: sqlite3.Connection) -> None:
    # The rows of a closed 年度 get their trust too: the trigger that guards them is lifted for this one update
    # and put back as it was (in the migration's transaction).
    guard = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
                         "name = 'received_submissions_closed_update'").fetchone()
    if guard is not None:
        conn.execute("DROP TRIGGER received_submissions_closed_update")
    for stmt in _V6_SQL:
        conn.execute(stmt)
    if guard is not None:
        conn.execute(guard[0])


_V7_SQL = [
    # The auditor's database checks itself (see storage/integrity.py): the file each received submission was
    # imported from, kept whole, so its stored answers can be traced back to what was signed.
    """CREATE TABLE received_files (
        received_id INTEGER PRIMARY KEY REFERENCES received_submissions(id),
        content BLOB NOT NULL
    )""",
    """CREATE TRIGGER received_files_no_update BEFORE UPDATE ON received_files
        BEGIN SELECT RAISE(ABORT, 'a received file cannot change'); END""",
    """CREATE TRIGGER received_files_no_delete BEFORE DELETE ON received_files
        BEGIN SELECT RAISE(ABORT, 'a received file cannot be deleted'); END""",
    # One HMAC per row of the tables an auditor's decision rests on, made with a key only the passphrase gives.
    """CREATE TABLE integrity_macs (
        tbl TEXT NOT NULL,
        row_key TEXT NOT NULL,
        mac TEXT NOT NULL,
        PRIMARY KEY (tbl, row_key)
    ) WITHOUT ROWID""",
    # What must still be there: the operation log's last entry (a cut tail is found by it).
    """CREATE TABLE integrity_anchor (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        mac TEXT NOT NULL
    )""",
]


def _v7_apply(conn: sqlite3.Connection) -> None:
    # No passphrase here: the rows of an existing auditor's database are sealed when it is next opened with it.
    for stmt in _V7_SQL:
        conn.execute(stmt)


_V8_SQL = [
    # Themes (テーマ) the auditor adds to a 年度 for chosen departments: decided in the auditor's database, and
    # taken into a department's database from the auditor's file, so that every PC answering for the 課 asks
    # the same items. Frozen, like the findings, once the 年度 is closed.
    """CREATE TABLE theme_assignments (
        fiscal_year INTEGER NOT NULL,
        department_id TEXT NOT NULL,
        theme_id TEXT NOT NULL,
        assigned_at TEXT NOT NULL,
        assigned_by TEXT NOT NULL,
        PRIMARY KEY (fiscal_year, department_id, theme_id)
    )""",
    *[f"""CREATE TRIGGER theme_assignments_closed_{event.lower()} BEFORE {event} ON theme_assignments
        WHEN {ref}.fiscal_year IN (SELECT fiscal_year FROM closed_years)
        BEGIN SELECT RAISE(ABORT, 'closed: the fiscal year is closed'); END"""
      for event, ref in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD"))],
]


def _v8_apply(conn: sqlite3.Connection) -> None:
    for stmt in _V8_SQL:
        conn.execute(stmt)


_V9_SQL = [
    # Who in the 課 answers what (department's database): the 情報セキュリティ責任者 assigns a chapter or an item
    # of a 年度's checklist to a member of staff; an item's own assignment overrides its chapter's. Every
    # change is written with its operation-log entry (storage/assignment_store.py), in one transaction.
    """CREATE TABLE assignments (
        fiscal_year INTEGER NOT NULL,
        department_id TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('chapter', 'item')),
        target_id TEXT NOT NULL,
        assignee TEXT NOT NULL CHECK (length(trim(assignee)) > 0),
        assigned_by TEXT NOT NULL,
        assigned_by_title TEXT NOT NULL DEFAULT '',
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (fiscal_year, department_id, scope, target_id)
    )""",
]


def _v9_apply(conn: sqlite3.Connection) -> None:
    for stmt in _V9_SQL:
        conn.execute(stmt)


_V10_SQL = [
    # Score packs of other towns (and the town's own earlier 年度) the auditor imported for the dashboard's
    # comparison: the file as received, kept whole; append-only (a corrected pack is imported again and the
    # latest of a town and 年度 counts).
    """CREATE TABLE benchmark_packs (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        town TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        questionnaire_hash TEXT NOT NULL,
        content BLOB NOT NULL,
        signature BLOB,
        signature_status TEXT NOT NULL CHECK (signature_status IN ('verified', 'untrusted', 'unsigned')),
        signer TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
    )""",
    """CREATE TRIGGER benchmark_packs_no_update BEFORE UPDATE ON benchmark_packs
        BEGIN SELECT RAISE(ABORT, 'an imported score pack cannot change'); END""",
    """CREATE TRIGGER benchmark_packs_no_delete BEFORE DELETE ON benchmark_packs
        BEGIN SELECT RAISE(ABORT, 'an imported score pack cannot be deleted'); END""",
]


def _v10_apply(conn: sqlite3.Connection) -> None:
    for stmt in _V10_SQL:
        conn.execute(stmt)


MIGRATIONS: list[Migration] = [_v1_apply, _v2_apply, _v3_apply, _v4_apply, _v5_apply, _v6_apply, _v7_apply,
                               _v8_apply, _v9_apply, _v10_apply]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: AppDatabase) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def backup_before_migration(db: AppDatabase, path: Path, from_version: int) -> Path:
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    dest = path.with_name(f"{path.name}.v{from_version}-{stamp}.bak")
    return copy_database(db.conn, dest)


def migrate(db: AppDatabase, path: Path | None = None) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`; return the version found before."""
    found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise StoreError(
            _("このデータベースは新しい版のアプリで作られています"
              "（スキーマ {found}、このアプリは {supported} まで）。"
              "アプリを更新してから開いてください。").format(found=found, supported=SCHEMA_VERSION)
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
