"""Store operations for the themes (テーマ) added to a 年度 for chosen departments. Mixed into Store."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any, Protocol

from .. import clock
from .connection import AppDatabase, transaction
from .findings_store import _closed_guard


class _StoreLike(Protocol):
    db: AppDatabase

    def _log(self, conn: sqlite3.Connection, actor: str, action: str, target: str, details: dict[str, Any],
             now: str | None) -> str: ...


class ThemeStoreMixin:
    def theme_assignments(self: _StoreLike, fiscal_year: int) -> dict[str, tuple[str, ...]]:
        """Department id -> the themes added for it in the 年度 (sorted)."""
        found: dict[str, list[str]] = {}
        for dep, theme in self.db.execute("SELECT department_id, theme_id FROM theme_assignments "
                                          "WHERE fiscal_year = ? ORDER BY department_id, theme_id", [fiscal_year]):
            found.setdefault(str(dep), []).append(str(theme))
        return {dep: tuple(themes) for dep, themes in found.items()}

    def change_theme_assignments(self: _StoreLike, fiscal_year: int, *, add: Mapping[str, set[str]],
                                 remove: Mapping[str, set[str]], actor: str, action: str,
                                 details: dict[str, Any] | None = None, replace: bool = False,
                                 now: str | None = None) -> int:
        """Add and remove (department, theme) pairs of a 年度 in one transaction (``replace``: every other
        pair of the 年度 goes), logged; the number of pairs that changed. A closed 年度 is refused."""
        stamp = now or clock.now_iso()
        changed = 0
        with _closed_guard(), transaction(self.db) as conn:
            current = {(str(d), str(t)) for d, t in conn.execute(
                "SELECT department_id, theme_id FROM theme_assignments WHERE fiscal_year = ?", [fiscal_year])}
            wanted_in = {(d, t) for d, themes in add.items() for t in themes}
            wanted_out = {(d, t) for d, themes in remove.items() for t in themes}
            if replace:
                wanted_out |= current - wanted_in
            for dep, theme in sorted(wanted_out & current):
                conn.execute("DELETE FROM theme_assignments WHERE fiscal_year = ? AND department_id = ? "
                             "AND theme_id = ?", [fiscal_year, dep, theme])
                changed += 1
            for dep, theme in sorted(wanted_in - current):
                conn.execute("INSERT INTO theme_assignments (fiscal_year, department_id, theme_id, assigned_at, "
                             "assigned_by) VALUES (?, ?, ?, ?, ?)", [fiscal_year, dep, theme, stamp, actor])
                changed += 1
            if changed:
                added = sorted(f"{d}:{t}" for d, t in wanted_in - current)
                removed = sorted(f"{d}:{t}" for d, t in wanted_out & current)
                self._log(conn, actor, action, f"year:{fiscal_year}",
                          {"added": added, "removed": removed, **(details or {})}, stamp)
        return changed
