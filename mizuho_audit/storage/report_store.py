"""Store operations for what the auditor writes into a 年度's report (総括, 宛先, 文書番号). Mixed into Store."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from typing import Any, Protocol

from .. import clock
from ..i18n import _
from .connection import AppDatabase, StoreError, transaction
from .findings_store import _closed_guard

REPORT_TEXT_FIELDS = ("summary", "addressee", "document_number")


@dataclass(frozen=True)
class ReportDetailsRecord:
    fiscal_year: int
    summary: str
    addressee: str
    document_number: str
    updated_at: str
    updated_by: str


class _StoreLike(Protocol):
    db: AppDatabase

    def _log(self, conn: sqlite3.Connection, actor: str, action: str, target: str, details: dict[str, Any],
             now: str | None) -> str: ...


def _logged(field: str, value: str) -> Any:
    """What the log keeps of a change: the short cover texts as written, the judgement by its hash and length."""
    if field == "summary":
        return {"sha256": hashlib.sha256(value.encode("utf-8")).hexdigest(), "chars": len(value)}
    return value


class ReportStoreMixin:
    def report_details(self: _StoreLike, fiscal_year: int) -> ReportDetailsRecord | None:
        row = self.db.execute("SELECT fiscal_year, summary, addressee, document_number, updated_at, updated_by "
                              "FROM report_details WHERE fiscal_year = ?", [fiscal_year]).fetchone()
        return None if row is None else ReportDetailsRecord(*row)

    def set_report_details(self: _StoreLike, fiscal_year: int, changes: dict[str, str], *, actor: str,
                           now: str | None = None) -> bool:
        """Write the given texts of the 年度's report (others stay); logged. False when nothing changed."""
        unknown = set(changes) - set(REPORT_TEXT_FIELDS)
        if unknown:
            raise StoreError(_("変更できない項目です: {names}").format(names=", ".join(sorted(unknown))))
        stamp = now or clock.now_iso()
        with _closed_guard(), transaction(self.db) as conn:
            row = conn.execute(f"SELECT {', '.join(REPORT_TEXT_FIELDS)} FROM report_details WHERE fiscal_year = ?",
                               [fiscal_year]).fetchone()
            old = dict(zip(REPORT_TEXT_FIELDS, row, strict=True)) if row else dict.fromkeys(REPORT_TEXT_FIELDS, "")
            changed = {k: v for k, v in changes.items() if old[k] != v}
            if not changed:
                return False
            new = {**old, **changed}
            conn.execute("INSERT INTO report_details (fiscal_year, summary, addressee, document_number, updated_at, "
                         "updated_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(fiscal_year) DO UPDATE SET "
                         "summary = excluded.summary, addressee = excluded.addressee, "
                         "document_number = excluded.document_number, updated_at = excluded.updated_at, "
                         "updated_by = excluded.updated_by",
                         [fiscal_year, new["summary"], new["addressee"], new["document_number"], stamp, actor])
            self._log(conn, actor, "report_details_set", f"year:{fiscal_year}",
                      {k: _logged(k, v) for k, v in changed.items()}, stamp)
        return True
