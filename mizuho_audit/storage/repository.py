"""The store: every read and write of the application's data goes through here."""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from .. import clock
from ..domain.assessment import ANSWER_FIELDS, Answer, Assessment
from ..domain.departments import Department, DepartmentMaster
from ..domain.questionnaire import Questionnaire
from ..domain.records import HistoryEntry, LogEntry, LogProblem
from ..domain.vocabulary import ROLE_AUDITOR, ROLE_DEPARTMENT, deadline_setting
from ..domain.wareki import fiscal_year_label
from ..i18n import _
from . import integrity, migrations, oplog
from .assignment_store import AssignmentStoreMixin
from .benchmark_store import BenchmarkStoreMixin
from .connection import AppDatabase, CorruptDatabase, StoreError, batch, connect, store_error, transaction
from .findings_store import FindingsStoreMixin
from .integrity import IntegrityProblem
from .integrity_store import IntegrityFailure as IntegrityFailure
from .integrity_store import IntegrityStoreMixin, integrity_on
from .migrations import migrate, schema_version
from .passphrase import check_passphrase, hash_passphrase
from .report_store import ReportStoreMixin
from .theme_store import ThemeStoreMixin
from .trust_store import TrustStoreMixin
from .workflow_store import FrozenError as FrozenError
from .workflow_store import WorkflowStoreMixin

ROLE_LABELS = {ROLE_DEPARTMENT: "部署用", ROLE_AUDITOR: "監査担当用"}


def role_label(role: str) -> str:
    """The kind of database in the user's language (部署用 / 監査担当用; ROLE_LABELS is always Japanese)."""
    labels = {ROLE_DEPARTMENT: _("部署用"), ROLE_AUDITOR: _("監査担当用")}
    return labels.get(role, role)


class PassphraseRequired(StoreError):
    """The auditor's database needs its passphrase."""


class WrongPassphrase(StoreError):
    """The passphrase given does not open this database."""


def now_iso() -> str:
    """The current moment in Japan time, as stored (see :mod:`mizuho_audit.clock`)."""
    return clock.now_iso()


class Store(IntegrityStoreMixin, WorkflowStoreMixin, FindingsStoreMixin, ReportStoreMixin, TrustStoreMixin,
            ThemeStoreMixin, AssignmentStoreMixin, BenchmarkStoreMixin):
    """One open database. Create with :meth:`open`; close with :meth:`close`."""

    def __init__(self, db: AppDatabase, path: Path | None, role: str = ROLE_DEPARTMENT,
                 read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.role = role
        self._key: bytes | None = None  # the integrity key (auditor's database): in memory only
        # Opened while someone else holds it (SQLite refuses every write), or for a look at a database
        # that failed its check.
        self.read_only = read_only
        self.problems_at_open: list[IntegrityProblem] = []
        self.sealed_now = False  # a database from before schema 7 was sealed by this open

    @classmethod
    def open(cls, path: Path | str, role: str | None = None, passphrase: str | None = None,
             now: str | None = None, read_only: bool = False, *, inspect: bool = False) -> Store:
        """Open (or create) a database.

        ``role`` is chosen when the database is created (``department`` when not given) and can
        never change. An auditor's database is created with a passphrase and needs it to open; it is then
        checked (:mod:`.integrity`) and :class:`IntegrityFailure` raised when it was changed outside the app.
        With ``inspect`` such a database opens read-only instead, its problems in :attr:`problems_at_open`.
        ``read_only``: an existing database of this app's schema, for reading only (someone else holds it).
        """
        p = Path(path)
        if p.exists() and p.is_dir():
            raise StoreError(_("フォルダはデータベースとして開けません: {path}").format(path=p))
        if role is not None and role not in ROLE_LABELS:
            raise StoreError(_("データベースの種類は department か auditor です（指定: {role}）。").format(role=role))
        db = connect(p, read_only=read_only)
        stamp = now or now_iso()
        try:
            # Checked before anything is written (a migration would write into a damaged file).
            result = db.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise CorruptDatabase(_("データベースが壊れています（{result}）: {path}。"
                                        "ファイルは変更していません。バックアップから復元できます。"
                                        ).format(result=result, path=p))
            found = schema_version(db)
            if read_only and found != migrations.SCHEMA_VERSION:
                raise StoreError(_("このデータベースは別の版のアプリの形式のため、読み取り専用では開けません: {path}"
                                   ).format(path=p))
            stored_role = _info(db, "role") if "database_info" in db.table_names() else None
            if stored_role is None and read_only:
                raise StoreError(_("データベースが作成の途中のため、読み取り専用では開けません: {path}").format(path=p))
            if stored_role is not None and role is not None and role != stored_role:
                raise StoreError(_("このデータベースは{stored}です。"
                                   "{wanted}として開くことはできません（種類は作成時に決まり、変えられません）。"
                                   ).format(stored=role_label(stored_role), wanted=role_label(role)))
            key: bytes | None = None
            if stored_role == ROLE_AUDITOR:
                _check_passphrase(db, passphrase)
                assert passphrase is not None
                kdf = _info(db, integrity.KDF_INFO)
                key = integrity.derive_key(passphrase, kdf) if kdf else None
                if key is not None and found < migrations.SCHEMA_VERSION:
                    from .integrity_check import check as integrity_check  # an auditor's database only

                    # Checked under the schema it was sealed with, before a migration re-seals every row.
                    before = integrity_check(db.conn, key)
                    if before.problems:
                        raise IntegrityFailure(before.problems)
            sealed_before = key is not None
            if not read_only:
                migrate(db, p)
            if stored_role is None:
                stored_role, key = _create_identity(db, role or ROLE_DEPARTMENT, passphrase, stamp)
            store = cls(db, p, stored_role, read_only)
            if stored_role == ROLE_AUDITOR and integrity_on():
                assert passphrase is not None
                store._start_integrity(passphrase, key, migrated=sealed_before and found < migrations.SCHEMA_VERSION,
                                       inspect=inspect, now=stamp)
        except sqlite3.Error as exc:
            db.conn.close()
            raise store_error(exc, p) from exc
        except BaseException:
            db.conn.close()
            raise
        return store

    def close(self) -> None:
        self.db.conn.close()

    def stop_writing(self) -> None:
        """Refuse every write on this connection from now on (someone else holds the database now)."""
        self.db.execute("PRAGMA query_only = ON")
        self.read_only = True

    def change_count(self) -> int:
        """Rows changed through this connection so far (whether a backup on exit is needed)."""
        return int(self.db.conn.total_changes)

    def info(self, key: str) -> str | None:
        return _info(self.db, key)

    # -- operation log -------------------------------------------------------------------
    def log(self, actor: str, action: str, target: str, details: dict[str, Any] | None = None,
            now: str | None = None) -> str:
        """Record one action (who, in which role, what, on what) in the hash-chained log."""
        with transaction(self.db) as conn:
            return self._log(conn, actor, action, target, details or {}, now)

    def _log(self, conn: sqlite3.Connection, actor: str, action: str, target: str, details: dict[str, Any],
             now: str | None) -> str:
        return oplog.append(conn, actor=actor, role=self.role, action=action, target=target, details=details,
                            at=now or now_iso())

    def batch(self) -> AbstractContextManager[None]:
        """Many writes made durable and sealed at once (see :func:`.connection.batch`)."""
        return batch(self.db)

    def log_head(self) -> str:
        return oplog.head(self.db.conn)

    def log_head_entry(self) -> tuple[int, str, str]:
        """The number, hash and time of the log's last entry ((0, GENESIS, "") when empty)."""
        row = self.db.execute("SELECT seq, hash, at FROM operation_log ORDER BY seq DESC LIMIT 1").fetchone()
        return (0, oplog.GENESIS, "") if row is None else (int(row[0]), str(row[1]), str(row[2]))

    def log_entries(self) -> list[LogEntry]:
        return oplog.entries(self.db.conn)

    def verify_log(self, expected_hashes: list[str] | None = None) -> list[LogProblem]:
        return oplog.verify(self.db.conn, expected_hashes)

    # -- settings -------------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with transaction(self.db) as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    def set_deadline(self, year: int, value: str, *, actor: str, now: str | None = None) -> None:
        """The 年度's submission deadline and its log entry, in one transaction."""
        with transaction(self.db) as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [deadline_setting(year), value])
            self._log(conn, actor, "deadline_set", f"year:{year}", {"deadline": value}, now)

    # -- questionnaires, departments, years --------------------------------------------------
    def questionnaire_key(self, q: Questionnaire) -> int | None:
        """The key of the exact questionnaire text, when it is stored."""
        row = self.db.execute(
            "SELECT key FROM questionnaires WHERE questionnaire_id = ? AND version = ? AND content_hash = ?",
            [q.id, q.version, q.content_hash]).fetchone()
        return None if row is None else int(row[0])

    def register_questionnaire(self, q: Questionnaire, now: str | None = None) -> int:
        """Store the exact questionnaire text (idempotent); return its key."""
        key = self.questionnaire_key(q)
        if key is not None:
            return key
        content = json.dumps(q.data, ensure_ascii=False, sort_keys=True)
        with transaction(self.db) as conn:
            cur = conn.execute(
                "INSERT INTO questionnaires (questionnaire_id, version, content_hash, title, fiscal_year, content, "
                "loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [q.id, q.version, q.content_hash, q.title, q.fiscal_year, content, now or now_iso()])
            return int(cur.lastrowid or 0)

    def questionnaire_key_by_hash(self, content_hash: str) -> int | None:
        row = self.db.execute("SELECT key FROM questionnaires WHERE content_hash = ?", [content_hash]).fetchone()
        return None if row is None else int(row[0])

    def questionnaire_data(self, key: int) -> dict[str, Any]:
        row = self.db.execute("SELECT content FROM questionnaires WHERE key = ?", [key]).fetchone()
        if row is None:
            raise KeyError(key)
        data: dict[str, Any] = json.loads(row[0])
        return data

    def sync_departments(self, master: DepartmentMaster, now: str | None = None) -> None:
        """Bring the departments table in line with the master (departments are never deleted)."""
        stamp = now or now_iso()
        with transaction(self.db) as conn:
            for d in master.departments:
                conn.execute(
                    "INSERT INTO departments (id, name, body_id, body_name, division, traits, master_version, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "name = excluded.name, body_id = excluded.body_id, body_name = excluded.body_name, "
                    "division = excluded.division, traits = excluded.traits, "
                    "master_version = excluded.master_version, updated_at = excluded.updated_at "
                    "WHERE departments.name IS NOT excluded.name OR departments.traits IS NOT excluded.traits "
                    "OR departments.division IS NOT excluded.division OR departments.body_id IS NOT excluded.body_id",
                    [d.id, d.name, d.body_id, d.body_name, d.division, json.dumps(sorted(d.traits)),
                     master.version, stamp])

    def departments(self) -> list[Department]:
        rows = self.db.execute(
            "SELECT id, name, body_id, body_name, division, traits FROM departments ORDER BY rowid").fetchall()
        return [Department(r[0], r[1], r[2], r[3], r[4], frozenset(json.loads(r[5]))) for r in rows]

    def ensure_fiscal_year(self, year: int) -> None:
        with transaction(self.db) as conn:
            conn.execute("INSERT OR IGNORE INTO fiscal_years (year, label) VALUES (?, ?)",
                         [year, fiscal_year_label(year)])

    # -- assessments ---------------------------------------------------------------------
    def _assessment(self, row: Any) -> Assessment:
        return Assessment(int(row[0]), row[1], int(row[2]), int(row[3]), row[4])

    def open_assessment(self, department_id: str, year: int, questionnaire_key: int,
                        now: str | None = None) -> Assessment:
        """The department's assessment for the 年度 on this questionnaire, created when missing."""
        self.ensure_fiscal_year(year)
        stamp = now or now_iso()
        with transaction(self.db) as conn:
            conn.execute(
                "INSERT OR IGNORE INTO assessments (department_id, fiscal_year, questionnaire_key, status, "
                "created_at, updated_at) VALUES (?, ?, ?, 'not_started', ?, ?)",
                [department_id, year, questionnaire_key, stamp, stamp])
            row = conn.execute(
                "SELECT id, department_id, fiscal_year, questionnaire_key, status FROM assessments "
                "WHERE department_id = ? AND fiscal_year = ? AND questionnaire_key = ?",
                [department_id, year, questionnaire_key]).fetchone()
        return self._assessment(row)

    def assessments(self, year: int | None = None) -> list[Assessment]:
        sql = "SELECT id, department_id, fiscal_year, questionnaire_key, status FROM assessments"
        params: list[Any] = []
        if year is not None:
            sql += " WHERE fiscal_year = ?"
            params.append(year)
        return [self._assessment(r) for r in self.db.execute(sql + " ORDER BY id", params).fetchall()]

    def assessment(self, assessment_id: int) -> Assessment:
        row = self.db.execute("SELECT id, department_id, fiscal_year, questionnaire_key, status FROM assessments "
                              "WHERE id = ?", [assessment_id]).fetchone()
        if row is None:
            raise KeyError(assessment_id)
        return self._assessment(row)

    # -- answers -------------------------------------------------------------------------
    def answers(self, assessment_id: int) -> dict[str, Answer]:
        rows = self.db.execute(
            "SELECT item_id, rating, note, reason, plan_content, plan_owner, plan_due, updated_at, updated_by, "
            "needs_review FROM answers WHERE assessment_id = ?", [assessment_id]).fetchall()
        return {r[0]: Answer(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9])) for r in rows}

    def save_answer_field(self, assessment_id: int, item_id: str, field: str, value: str, user: str,
                          now: str | None = None) -> bool:
        """Save one field of one answer at once, with a history entry; False when nothing changed."""
        if field not in ANSWER_FIELDS:
            raise KeyError(field)
        if not user.strip():
            raise ValueError(_("回答者の名前がありません。"))
        stamp = now or now_iso()
        new: str | None = value if (value or field != "rating") else None
        self._refuse_if_frozen(assessment_id)
        with transaction(self.db) as conn:
            row = conn.execute(f"SELECT {field} FROM answers WHERE assessment_id = ? AND item_id = ?",
                               [assessment_id, item_id]).fetchone()
            old = None if row is None else row[0]
            if row is not None and (old or "") == (new or ""):
                return False
            if row is None:
                conn.execute(
                    f"INSERT INTO answers (assessment_id, item_id, {field}, updated_at, updated_by) "
                    "VALUES (?, ?, ?, ?, ?)", [assessment_id, item_id, new, stamp, user])
            else:
                # Any change confirms an answer carried over from last year (要再確認 is cleared).
                conn.execute(
                    f"UPDATE answers SET {field} = ?, updated_at = ?, updated_by = ?, needs_review = 0 "
                    "WHERE assessment_id = ? AND item_id = ?", [new, stamp, user, assessment_id, item_id])
            conn.execute(
                "INSERT INTO answer_history (assessment_id, item_id, field, old_value, new_value, changed_by, "
                "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", [assessment_id, item_id, field, old, new, user, stamp])
            conn.execute("UPDATE assessments SET status = CASE WHEN status = 'not_started' THEN 'in_progress' "
                         "ELSE status END, updated_at = ? WHERE id = ?", [stamp, assessment_id])
        return True

    def history(self, assessment_id: int, item_id: str | None = None) -> list[HistoryEntry]:
        sql = ("SELECT item_id, field, old_value, new_value, changed_by, changed_at FROM answer_history "
               "WHERE assessment_id = ?")
        params: list[Any] = [assessment_id]
        if item_id is not None:
            sql += " AND item_id = ?"
            params.append(item_id)
        return [HistoryEntry(*r) for r in self.db.execute(sql + " ORDER BY id", params).fetchall()]


def _info(db: AppDatabase, key: str) -> str | None:
    row = db.execute("SELECT value FROM database_info WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def _check_passphrase(db: AppDatabase, passphrase: str | None) -> None:
    if not passphrase:
        raise PassphraseRequired(_("監査担当用のデータベースです。パスフレーズを入力してください。"))
    if not check_passphrase(passphrase, _info(db, "passphrase_hash") or ""):
        raise WrongPassphrase(_("パスフレーズが違います。"))


def _create_identity(db: AppDatabase, role: str, passphrase: str | None,
                     now: str) -> tuple[str, bytes | None]:
    """Write what kind of database this is; an auditor's is sealed at once. The role and the integrity key."""
    if role == ROLE_AUDITOR and not passphrase:
        raise PassphraseRequired(_("監査担当用のデータベースを作るには、パスフレーズを決めてください。"))
    key: bytes | None = None
    with transaction(db) as conn:
        conn.execute("INSERT INTO database_info (key, value) VALUES ('role', ?)", [role])
        conn.execute("INSERT INTO database_info (key, value) VALUES ('created_at', ?)", [now])
        if role == ROLE_AUDITOR and passphrase:
            conn.execute("INSERT INTO database_info (key, value) VALUES ('passphrase_hash', ?)",
                         [hash_passphrase(passphrase)])
        oplog.append(conn, actor="(アプリ)", role=role, action="database_created", target=role,
                     details={"role": role}, at=now)
        if role == ROLE_AUDITOR and passphrase and integrity_on():
            kdf = integrity.new_kdf()
            key = integrity.derive_key(passphrase, kdf)
            conn.execute("INSERT INTO database_info (key, value) VALUES (?, ?)", [integrity.KDF_INFO, kdf])
            integrity.seal(conn, key, actor="(アプリ)", role=role, at=now, reason="created")
    return role, key
