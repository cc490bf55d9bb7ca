"""Store operations for 指摘事項 (auditor) and follow-ups (department). Mixed into Store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Any, Protocol

from .. import clock
from ..domain.records import FindingRecord, FollowupRecord
from ..i18n import _
from .connection import AppDatabase, StoreError, transaction

EDITABLE = ("grade", "title", "text", "recommendation", "due", "responsible", "status", "confirmed",
            "department_report", "reported_status")






_F_COLS = ", ".join(f.name for f in fields(FindingRecord))
_FU_COLS = ", ".join(f.name for f in fields(FollowupRecord))


def _now() -> str:
    return clock.now_iso()


class YearClosedError(StoreError):
    """A write to a closed 年度 (年度締め) was refused."""


@contextmanager
def _closed_guard() -> Iterator[None]:
    """Turn the closed-year trigger's refusal into a message for the user."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        if "closed" in str(exc):
            raise YearClosedError(_("この年度は締められています（報告書に承認者が署名済み）。変更するには、"
                                    "理由を付けて年度締めを解除してください。")) from exc
        raise


class _StoreLike(Protocol):
    db: AppDatabase

    def _log(self, conn: sqlite3.Connection, actor: str, action: str, target: str, details: dict[str, Any],
             now: str | None) -> str: ...


class FindingsStoreMixin:
    def findings(self: _StoreLike, fiscal_year: int | None = None,
                 department_id: str | None = None) -> list[FindingRecord]:
        sql = f"SELECT {_F_COLS} FROM findings WHERE 1 = 1"
        params: list[Any] = []
        if fiscal_year is not None:
            sql += " AND fiscal_year = ?"
            params.append(fiscal_year)
        if department_id is not None:
            sql += " AND department_id = ?"
            params.append(department_id)
        return [FindingRecord(*r) for r in self.db.execute(sql + " ORDER BY id", params).fetchall()]

    def finding(self: _StoreLike, finding_id: int) -> FindingRecord:
        row = self.db.execute(f"SELECT {_F_COLS} FROM findings WHERE id = ?", [finding_id]).fetchone()
        if row is None:
            raise KeyError(finding_id)
        return FindingRecord(*row)

    def add_findings(self: _StoreLike, rows: list[dict[str, Any]], *, actor: str, action: str,
                     now: str | None = None) -> list[int]:
        stamp = now or _now()
        ids = []
        with _closed_guard(), transaction(self.db) as conn:
            for r in rows:
                cur = conn.execute(
                    "INSERT INTO findings (fiscal_year, department_id, item_id, source, grade, title, text, "
                    "recommendation, due, responsible, status, confirmed, carried_from, created_at, created_by, "
                    "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [r["fiscal_year"], r["department_id"], r.get("item_id", ""), r["source"], r["grade"], r["title"],
                     r["text"], r.get("recommendation", ""), r.get("due", ""), r["responsible"],
                     r.get("status", "open"), int(r.get("confirmed", 0)), r.get("carried_from"), stamp, actor,
                     stamp, actor])
                ids.append(int(cur.lastrowid or 0))
            if rows:
                self._log(conn, actor, action, f"year:{rows[0]['fiscal_year']}",
                          {"findings": len(rows), "finding_ids": ids}, stamp)
        return ids

    def update_finding(self: _StoreLike, finding_id: int, changes: dict[str, Any], *, actor: str,
                       now: str | None = None) -> None:
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise StoreError(_("変更できない項目です: {names}").format(names=', '.join(sorted(unknown))))
        if not changes:
            return
        stamp = now or _now()
        try:
            with _closed_guard(), transaction(self.db) as conn:
                sets = ", ".join(f"{k} = ?" for k in changes)
                cur = conn.execute(f"UPDATE findings SET {sets}, updated_at = ?, updated_by = ? WHERE id = ?",
                                   [*changes.values(), stamp, actor, finding_id])
                if cur.rowcount == 0:
                    raise StoreError(_("その指摘事項はありません。"))
                self._log(conn, actor, "finding_updated", f"finding:{finding_id}", dict(changes), stamp)
        except sqlite3.IntegrityError as exc:
            raise StoreError(_("値が正しくありません: {error}").format(error=exc)) from exc

    def delete_finding(self: _StoreLike, finding_id: int, *, actor: str, now: str | None = None) -> None:
        stamp = now or _now()
        with _closed_guard(), transaction(self.db) as conn:
            row = conn.execute("SELECT title, department_id FROM findings WHERE id = ?", [finding_id]).fetchone()
            if row is None:
                return
            conn.execute("UPDATE findings SET carried_from = NULL WHERE carried_from = ?", [finding_id])
            conn.execute("DELETE FROM findings WHERE id = ?", [finding_id])
            self._log(conn, actor, "finding_deleted", f"finding:{finding_id}",
                      {"title": row[0], "department": row[1]}, stamp)

    # -- 年度締め --------------------------------------------------------------------------------
    def closed_year(self: _StoreLike, fiscal_year: int) -> dict[str, str] | None:
        row = self.db.execute("SELECT closed_at, closed_by, report_sha256 FROM closed_years WHERE fiscal_year = ?",
                              [fiscal_year]).fetchone()
        return None if row is None else {"closed_at": row[0], "closed_by": row[1], "report_sha256": row[2]}

    def close_year(self: _StoreLike, fiscal_year: int, *, actor: str, report_sha256: str = "",
                   now: str | None = None) -> None:
        stamp = now or _now()
        with transaction(self.db) as conn:
            conn.execute("INSERT OR REPLACE INTO closed_years (fiscal_year, closed_at, closed_by, report_sha256) "
                         "VALUES (?, ?, ?, ?)", [fiscal_year, stamp, actor, report_sha256])
            self._log(conn, actor, "year_closed", f"year:{fiscal_year}", {"report_sha256": report_sha256}, stamp)

    def reopen_year(self: _StoreLike, fiscal_year: int, *, reason: str, actor: str, now: str | None = None) -> None:
        if not reason.strip():
            raise StoreError(_("年度締めを解除する理由を入力してください。"))
        stamp = now or _now()
        with transaction(self.db) as conn:
            cur = conn.execute("DELETE FROM closed_years WHERE fiscal_year = ?", [fiscal_year])
            if cur.rowcount == 0:
                raise StoreError(_("{year}年度は締められていません。").format(year=fiscal_year))
            self._log(conn, actor, "year_reopened", f"year:{fiscal_year}", {"reason": reason}, stamp)

    # -- department side -------------------------------------------------------------------
    def add_followups(self: _StoreLike, rows: list[dict[str, Any]], *, file_sha256: str, actor: str,
                      now: str | None = None) -> int:
        stamp = now or _now()
        n = 0
        with transaction(self.db) as conn:
            for r in rows:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO followups (finding_ref, fiscal_year, department_id, grade, title, text, "
                    "recommendation, due, item_id, file_sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [r["id"], r["fiscal_year"], r["department_id"], r["grade"], r["title"], r["text"],
                     r.get("recommendation", ""), r.get("due", ""), r.get("item_id", ""), file_sha256, stamp])
                n += cur.rowcount
            self._log(conn, actor, "result_notice_imported", f"file:{file_sha256[:12]}", {"findings": n}, stamp)
        return n

    def followups(self: _StoreLike, department_id: str, fiscal_year: int) -> list[FollowupRecord]:
        rows = self.db.execute(f"SELECT {_FU_COLS} FROM followups WHERE department_id = ? AND fiscal_year = ? "
                               "ORDER BY finding_ref", [department_id, fiscal_year]).fetchall()
        return [FollowupRecord(*r) for r in rows]
