"""Themes (テーマ) of a 年度: the auditor adds a themed set of items for chosen departments, writes the choice
to a file, and each department takes the file into its database (see :mod:`mizuho_audit.services.themes`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import clock
from ..domain.departments import Department
from ..questionnaires.weight import MAX_ITEMS_PER_YEAR, MAX_MINUTES_PER_YEAR, is_system_side, year_load
from ..services import themes as service
from ..services.themes import ThemeProblem, ThemesInstalled
from .session import Session, use_case

__all__ = ["MAX_ITEMS_PER_YEAR", "MAX_MINUTES_PER_YEAR", "ThemeProblem", "ThemesInstalled"]


@dataclass(frozen=True)
class ThemeInfo:
    id: str
    title: str
    items: int  # items in the theme's set
    note: str = ""


@dataclass(frozen=True)
class YearPlan:
    """What a 年度 asks: the rotation group due, the themes the checklist offers, who has which, and the load."""

    year: int
    group: str  # "" when every item is asked every year
    themes: list[ThemeInfo]
    departments: list[Department]
    assigned: dict[str, tuple[str, ...]]
    loads: dict[str, tuple[int, int]] = field(default_factory=dict)  # department -> (items, minutes) this 年度

    def limited(self, department_id: str) -> bool:
        """Whether the year's limits (66 items, 180 minutes) apply to the department (not the system side)."""
        return not any(is_system_side(d.traits) for d in self.departments if d.id == department_id)


@use_case
def year_plan(s: Session, year: int) -> YearPlan:
    q = service.questionnaire_of(s.workspace, year)
    assigned = s.workspace.store.theme_assignments(year)
    departments = s.master_departments()
    loads = {}
    for d in departments:
        load = year_load(q, d.traits, None, [t for t in assigned.get(d.id, ()) if t in {x.id for x in q.themes}])
        loads[d.id] = (load.items, load.minutes)
    return YearPlan(year, q.due_group if q.rotates else "",
                    [ThemeInfo(t.id, t.title, len(t.items), t.note) for t in q.themes], departments, assigned, loads)


@use_case
def load_with(s: Session, year: int, department_id: str, themes: Iterable[str]) -> tuple[int, int]:
    """(items, minutes) the department would answer in the 年度 with these themes."""
    q = service.questionnaire_of(s.workspace, year)
    known = {t.id for t in q.themes}
    load = year_load(q, s.department(department_id).traits, None, [t for t in themes if t in known])
    return load.items, load.minutes


@use_case
def assign(s: Session, year: int, theme_ids: Iterable[str], department_ids: Iterable[str]) -> int:
    """Add themes for departments (the auditor); refused, with nothing changed, for an unknown theme or
    department or a unit taken over the year's limits."""
    s.require_auditor()
    return service.assign(s.workspace, year, theme_ids, department_ids, actor=s.actor)


@use_case
def unassign(s: Session, year: int, theme_ids: Iterable[str], department_ids: Iterable[str]) -> int:
    s.require_auditor()
    return service.unassign(s.workspace, year, theme_ids, department_ids, actor=s.actor)


@use_case
def set_year(s: Session, year: int, table: Mapping[str, Iterable[str]]) -> int:
    """The 年度's themes made exactly ``table`` (department -> themes), as the window edits them."""
    s.require_auditor()
    return service.set_year(s.workspace, year, table, actor=s.actor)


@use_case
def export(s: Session, year: int, out: Path) -> Path:
    """The file departments take in (``questionnaire import FILE``), logged."""
    s.require_auditor()
    return service.write_file(s.workspace, year, out, actor=s.actor, issued_at=clock.now_iso())


def is_theme_file(path: Path) -> bool:
    """Whether ``path`` is a theme file (read quietly: a file that cannot be read is not one)."""
    from ..questionnaires.yamlsafe import YamlProblem, load_yaml_file

    try:
        return service.is_theme_file(load_yaml_file(path).data)
    except YamlProblem:
        return False


@use_case
def install(s: Session, path: Path) -> ThemesInstalled:
    """Take the auditor's theme file into this database: the 年度's themes become the file's (checked first;
    nothing changes on a problem)."""
    return service.install_file(s.workspace, path, actor=s.actor)
