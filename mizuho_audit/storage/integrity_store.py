"""The auditor's database's self-check, as the store runs it: on open (sealing a database made before it), on
demand (before every export) and for ``log verify``. Mixed into Store; the checks are in :mod:`.integrity_check`."""

from __future__ import annotations

import json

from ..domain.vocabulary import ROLE_AUDITOR
from ..i18n import _
from . import integrity, migrations
from .connection import AppDatabase, StoreError, transaction
from .integrity import IntegrityProblem


class IntegrityFailure(StoreError):
    """The auditor's database was changed outside the app; ``problems`` says what was found (nothing was
    opened for work, built or written)."""

    def __init__(self, problems: list[IntegrityProblem], *, purpose: str = "") -> None:
        self.problems = list(problems)
        super().__init__(integrity_message(self.problems, purpose))


def integrity_message(problems: list[IntegrityProblem], purpose: str = "", limit: int = 8) -> str:
    """The user's message for a failed check: what was found (the first ``limit``), and what to do."""
    lines = [_("監査担当用データベースに、アプリの外で変更された形跡があります（{count} 件）。"
               "変更された内容が報告書などに入らないよう、{purpose}はできません。"
               ).format(count=len(problems), purpose=purpose or _("このまま開くこと"))]
    lines += [f"- {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(_("- ほか {count} 件").format(count=len(problems) - limit))
    lines.append(_("すべての問題は mizuho-audit log verify で確かめられます。バックアップから復元してください"
                   "（mizuho-audit restore、画面では 管理 → バックアップから復元）。"))
    return "\n".join(lines)


def integrity_on() -> bool:
    """Whether this app's schema has the tables of the self-check (read at run time: the fixture scripts build
    databases of older schemas with this code)."""
    return migrations.SCHEMA_VERSION >= integrity.SINCE_VERSION


class IntegrityStoreMixin:
    db: AppDatabase
    role: str
    _key: bytes | None
    read_only: bool
    problems_at_open: list[IntegrityProblem]
    sealed_now: bool

    def _start_integrity(self, passphrase: str, key: bytes | None, *, migrated: bool, inspect: bool,
                         now: str) -> None:
        from . import integrity_check  # here: a department's database (the window's start) never needs it

        conn = self.db.conn
        if self.read_only and key is not None:  # someone else holds it: check, never write
            self._key = key
            result = integrity_check.check(conn, key)
            if result.problems:
                self._refuse_or_look(result.problems, inspect)
            return
        if key is None:
            # Not sealed yet (created before schema 7): check what can be checked without MACs, then seal.
            first = integrity_check.check(conn, None)
            if first.problems:
                self._refuse_or_look(first.problems, inspect)
                return
            kdf = integrity.new_kdf()
            key = integrity.derive_key(passphrase, kdf)
            with transaction(self.db) as c:
                c.execute("INSERT INTO database_info (key, value) VALUES (?, ?)", [integrity.KDF_INFO, kdf])
                integrity.seal(c, key, actor="(アプリ)", role=self.role, at=now, reason="migrated")
            self.sealed_now = True
        elif migrated:
            with transaction(self.db) as c:
                integrity.seal_everything(c, key)
        self._key = key
        result = integrity_check.check(conn, key)
        if result.problems:
            self._refuse_or_look(result.problems, inspect)
            return
        if result.adoptable:
            with transaction(self.db) as c:
                integrity.adopt(c, key, result.adoptable)
        hook = integrity.install(conn, key)
        if isinstance(self.db, AppDatabase):
            self.db.before_commit = hook

    def _refuse_or_look(self, problems: list[IntegrityProblem], inspect: bool) -> None:
        if not inspect:
            raise IntegrityFailure(problems)
        self.problems_at_open = problems
        self.read_only = True
        self.db.execute("PRAGMA query_only = ON")

    def integrity_problems(self) -> list[IntegrityProblem]:
        """The self-check now: MACs, hashes, the log's chain, end and replay ([] for a department's database)."""
        if self.role != ROLE_AUDITOR or not integrity_on():
            return []
        from . import integrity_check

        return integrity_check.check(self.db.conn, self._key).problems

    def require_intact(self, purpose: str = "") -> None:
        """Refuse (:class:`IntegrityFailure`) when the auditor's database fails its self-check; ``purpose`` names
        what is refused (e.g. 報告書を作ること)."""
        problems = self.integrity_problems()
        if problems:
            raise IntegrityFailure(problems, purpose=purpose)

    def integrity_counts(self) -> dict[str, int]:
        """How many rows the self-check covers (for the auditor's summary)."""
        def count(sql: str) -> int:
            return int(self.db.execute(sql).fetchone()[0])

        return {"received": count("SELECT COUNT(*) FROM received_submissions"),
                "kept": count("SELECT COUNT(*) FROM received_files"),
                "findings": count("SELECT COUNT(*) FROM findings"),
                "macs": count("SELECT COUNT(*) FROM integrity_macs")}

    def kept_files(self) -> list[int]:
        """The received submissions whose imported file is kept."""
        return [int(r[0]) for r in self.db.execute("SELECT received_id FROM received_files ORDER BY received_id")]

    def kept_file(self, received_id: int) -> bytes | None:
        """The bytes of the file a submission was imported from (None when not kept: imported before schema 7)."""
        row = self.db.execute("SELECT content FROM received_files WHERE received_id = ?", [received_id]).fetchone()
        return None if row is None else bytes(row[0])

    def sealing(self) -> dict[str, str] | None:
        """When and why the database was sealed (the first ``integrity_sealed`` entry), None before."""
        row = self.db.execute("SELECT at, details FROM operation_log WHERE action = ? ORDER BY seq LIMIT 1",
                              [integrity.SEALED_ACTION]).fetchone()
        if row is None:
            return None
        try:
            reason = str(json.loads(row[1]).get("reason", ""))
        except (TypeError, ValueError, AttributeError):
            reason = ""
        return {"at": str(row[0]), "reason": reason}
