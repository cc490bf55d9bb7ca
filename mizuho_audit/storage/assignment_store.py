"""Store operations for who in the 課 answers what (schema 9). Mixed into Store.

Every change is one transaction with its operation-log entry, so the log says who assigned what to whom, when,
and as what (the assigner's title), and a handover on 人事異動 is one entry however many rows it moves.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any, Protocol

from .. import clock
from ..domain.assignments import Assignment
from ..domain.records import LogProblem
from ..i18n import _
from . import oplog
from .connection import AppDatabase, transaction

_COLUMNS = ("fiscal_year, department_id, scope, target_id, assignee, assigned_by, assigned_by_title, "
            "assigned_at")


class _StoreLike(Protocol):
    db: AppDatabase

    def _log(self, conn: sqlite3.Connection, actor: str, action: str, target: str, details: dict[str, Any],
             now: str | None) -> str: ...


def _rows(conn: sqlite3.Connection, year: int, department_id: str) -> dict[tuple[str, str], Assignment]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM assignments WHERE fiscal_year = ? AND department_id = ? "
                        "ORDER BY scope, target_id", [year, department_id]).fetchall()
    return {(str(r[2]), str(r[3])): Assignment(int(r[0]), *(str(v) for v in r[1:])) for r in rows}


ACTIONS = ("assignments_set", "assignments_removed", "assignments_handed_over")


def logged_assignments(conn: sqlite3.Connection) -> dict[tuple[int, str, str], str]:
    """What the operation log says is assigned: (年度, department, ``scope:id``) -> the person. Every change is
    written with its entry (the one writer is this module), so the log alone says what must be there."""
    found: dict[tuple[int, str, str], str] = {}
    for e in oplog.entries(conn):
        if e.action not in ACTIONS or not e.target.startswith("year:"):
            continue
        try:
            year, dep = int(e.target.split(":", 1)[1]), str(e.details.get("department", ""))
        except ValueError:
            continue
        if e.action == "assignments_removed":
            for key in e.details.get("removed") or {}:
                found.pop((year, dep, str(key)), None)
        else:
            name = str(e.details.get("assignee" if e.action == "assignments_set" else "to", ""))
            for key in e.details.get("targets") or []:
                found[(year, dep, str(key))] = name
    return found


class AssignmentStoreMixin:
    def assignments(self: _StoreLike, year: int, department_id: str) -> list[Assignment]:
        """The department's assignments in the 年度 (chapters first, then items, by id)."""
        return list(_rows(self.db.conn, year, department_id).values())

    def assign(self: _StoreLike, year: int, department_id: str, targets: Iterable[tuple[str, str]],
               assignee: str, *, actor: str, title: str, now: str | None = None) -> int:
        """Give each (scope, id) to ``assignee`` (replacing whoever had it), logged as one entry; the number of
        rows that changed (0, and no entry, when each was already theirs)."""
        stamp = now or clock.now_iso()
        with transaction(self.db) as conn:
            current = _rows(conn, year, department_id)
            changed: list[tuple[str, str]] = []
            replaced: dict[str, str] = {}
            for scope, target in dict.fromkeys(targets):
                old = current.get((scope, target))
                if old is not None and old.assignee == assignee:
                    continue
                if old is not None:
                    replaced[old.key] = old.assignee
                conn.execute(f"INSERT OR REPLACE INTO assignments ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             [year, department_id, scope, target, assignee, actor, title, stamp])
                changed.append((scope, target))
            if changed:
                self._log(conn, actor, "assignments_set", f"year:{year}",
                          {"department": department_id, "assignee": assignee, "title": title,
                           "targets": [f"{s}:{t}" for s, t in changed], "replaced": replaced}, stamp)
        return len(changed)

    def unassign(self: _StoreLike, year: int, department_id: str, targets: Iterable[tuple[str, str]], *,
                 actor: str, title: str, now: str | None = None) -> int:
        """Remove the assignment of each (scope, id) that has one, logged as one entry; the number removed."""
        stamp = now or clock.now_iso()
        with transaction(self.db) as conn:
            current = _rows(conn, year, department_id)
            removed = {current[key].key: current[key].assignee for key in dict.fromkeys(targets) if key in current}
            for key in removed:
                scope, _sep, target = key.partition(":")
                conn.execute("DELETE FROM assignments WHERE fiscal_year = ? AND department_id = ? AND scope = ? "
                             "AND target_id = ?", [year, department_id, scope, target])
            if removed:
                self._log(conn, actor, "assignments_removed", f"year:{year}",
                          {"department": department_id, "title": title, "removed": removed}, stamp)
        return len(removed)

    def hand_over(self: _StoreLike, year: int, department_id: str, keys: Iterable[str], to: str, *,
                  from_name: str, reason: str, actor: str, title: str, now: str | None = None) -> int:
        """Give every assignment in ``keys`` (``scope:id``, all of one person's) to ``to`` in one transaction
        and one log entry naming both people, the count and the reason (人事異動); the number moved."""
        stamp = now or clock.now_iso()
        moved = sorted(set(keys))
        with transaction(self.db) as conn:
            for key in moved:
                scope, _sep, target = key.partition(":")
                conn.execute("UPDATE assignments SET assignee = ?, assigned_by = ?, assigned_by_title = ?, "
                             "assigned_at = ? WHERE fiscal_year = ? AND department_id = ? AND scope = ? "
                             "AND target_id = ?", [to, actor, title, stamp, year, department_id, scope, target])
            if moved:
                self._log(conn, actor, "assignments_handed_over", f"year:{year}",
                          {"department": department_id, "from": from_name, "to": to, "count": len(moved),
                           "reason": reason, "title": title, "targets": moved}, stamp)
        return len(moved)

    def assignment_problems(self: _StoreLike) -> list[LogProblem]:
        """Assignments that are not what the operation log says (changed with another SQLite tool)."""
        conn = self.db.conn
        there = {(int(y), str(d), f"{sc}:{t}"): str(a) for y, d, sc, t, a in conn.execute(
            "SELECT fiscal_year, department_id, scope, target_id, assignee FROM assignments")}
        logged = logged_assignments(conn)
        problems = []
        for key in sorted(set(there) | set(logged)):
            if there.get(key) != logged.get(key):
                year, dep, what = key
                text = _("{year}年度 {department} の {what} の担当: 操作履歴では「{logged}」、データベースでは"
                         "「{there}」です（アプリの外で変更されています）。")
                problems.append(LogProblem(0, text.format(year=year, department=dep, what=what,
                                                          logged=logged.get(key, _("なし")),
                                                          there=there.get(key, _("なし")))))
        return problems
