"""The auditor's year on year: which items of a department improved and which declined since last year, read
from the submissions the auditor received (not from what a department says about itself), following the
version mapping between the two checklists and the 組織改正 table."""

from __future__ import annotations

from ...domain.questionnaire import Questionnaire
from ...domain.year_on_year import Rated, YearOnYear, compare, rated
from ..workspace import Workspace
from .consolidation import Consolidation, DepartmentResult


def _before(ws: Workspace, now: Questionnaire, last: DepartmentResult) -> dict[str, Rated] | None:
    """Last year's rating behind each of this year's items (None: the two versions have no mapping)."""
    old = last.checklist
    mapping = None
    if (old.id, old.version) != (now.id, now.version):
        mapping = ws.catalog.mapping_between(old, now)
        if mapping is None:
            return None
    found: dict[str, Rated] = {}
    for it in now.items():
        sources = mapping.sources_of(it.id, old, now) if mapping else [(it.id, "same")]
        candidates = [rated(old, sid, last.ratings.get(sid)) for sid, _kind in sources if sid in last.ratings]
        counted = [c for c in candidates if c.value is not None]
        if counted:  # merged items: the most cautious, as carry-over takes it
            found[it.id] = min(counted, key=lambda c: c.value if c.value is not None else 0.0)
    return found


def department_year_on_year(ws: Workspace, cons: Consolidation, previous: Consolidation | None,
                            department_id: str) -> YearOnYear | None:
    """The department's items that rose and fell against its (or its predecessors') submission of the year
    before; None when there is nothing to compare."""
    r = cons.result(department_id)
    if r is None or previous is None:
        return None
    before: dict[str, Rated] = {}
    for pred in ws.catalog.department_changes.predecessors(department_id, cons.year):
        last = previous.result(pred)
        if last is None:
            continue
        for item_id, b in (_before(ws, r.checklist, last) or {}).items():
            if item_id not in before or (b.value or 0.0) < (before[item_id].value or 0.0):
                before[item_id] = b
    if not before:
        return None
    now = {i: rated(r.checklist, i, rating) for i, rating in r.ratings.items()}
    return compare(r.checklist.items(), now, before, previous.year)
