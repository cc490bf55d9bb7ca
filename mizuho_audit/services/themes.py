"""Themes (テーマ) the auditor adds to a 年度 for chosen departments, and how the choice reaches them.

The auditor decides in the auditor's database (:func:`assign`, :func:`unassign`, :func:`set_year`, each
logged) and writes the 年度's choice to a town data file (:func:`write_file`, format
``mizuho-audit/theme-assignments@1``), which is handed out like the department master. A department
takes it into its own database with the same door as the other town files (``questionnaire import FILE``
or 管理 → チェックリスト・部署マスタの取込): :func:`install_file` checks it and replaces that 年度's themes.
Kept in the database rather than the PC's folder, so that every PC answering for a 課 from its shared
database asks the same items. An assignment that would take a unit (other than the system side) over the
year's limits (66 items, 180 minutes) is refused, so a theme adds depth without breaking the afternoon.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..domain.questionnaire import Questionnaire
from ..domain.wareki import fiscal_year_label
from ..errors import InputProblem
from ..fileio import write_atomic
from ..i18n import _
from ..questionnaires.problems import Problem, ValidationFailed
from ..questionnaires.weight import MAX_ITEMS_PER_YEAR, MAX_MINUTES_PER_YEAR, is_system_side, year_load
from ..questionnaires.yamlsafe import YamlDocument, YamlProblem, load_yaml_file
from .workspace import Workspace

THEMES_FORMAT = "mizuho-audit/theme-assignments@1"


class ThemeProblem(InputProblem):
    """A theme assignment that cannot be made; the message says why and that nothing changed."""


@dataclass(frozen=True)
class ThemesInstalled:
    """A theme file taken into a database."""

    fiscal_year: int
    departments: int  # departments with at least one theme
    changed: int  # (department, theme) pairs added or removed


def questionnaire_of(ws: Workspace, year: int) -> Questionnaire:
    q = ws.catalog.for_year(year)
    if q is None:
        raise ThemeProblem(_("{year}年度のチェックリストがありません。何も変更していません。").format(year=year))
    return q


def _problems(ws: Workspace, q: Questionnaire, year: int, wanted: Mapping[str, Iterable[str]]) -> list[str]:
    """Why these themes per department cannot be the 年度's (unknown ids, a unit over the limits)."""
    known_themes = {t.id for t in q.themes}
    departments = {d.id: d for d in ws.departments()}
    problems: list[str] = []
    for dep_id, themes in wanted.items():
        themes = list(themes)
        if dep_id not in departments:
            problems.append(_("部署「{id}」は部署マスタにありません。").format(id=dep_id))
            continue
        unknown = [t for t in themes if t not in known_themes]
        if unknown:
            problems.append(_("テーマ「{ids}」は{year}年度のチェックリストにありません（あるのは {known}）。").format(
                ids=_("、").join(unknown), year=year,
                known=_("、").join(sorted(known_themes)) or _("なし")))
            continue
        dep = departments[dep_id]
        if themes and not is_system_side(dep.traits):
            load = year_load(q, dep.traits, None, themes)
            if load.items > MAX_ITEMS_PER_YEAR or load.minutes > MAX_MINUTES_PER_YEAR:
                problems.append(_("テーマを加えると、{name}の{year}年度の項目は {items} 項目・{minutes} 分になり、上限"
                                  "（{max_items} 項目・{max_minutes} 分）を超えます。テーマを減らすか、別の年度に"
                                  "してください。").format(name=dep.name, year=year,
                                                        items=load.items, minutes=load.minutes,
                                                        max_items=MAX_ITEMS_PER_YEAR,
                                                        max_minutes=MAX_MINUTES_PER_YEAR))
    return problems


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ThemeProblem("\n".join([*problems, _("何も変更していません。")]))


def assign(ws: Workspace, year: int, theme_ids: Iterable[str], department_ids: Iterable[str], *, actor: str) -> int:
    """Add the themes for the departments (each checked); the number of assignments added."""
    q = questionnaire_of(ws, year)
    themes, departments = list(dict.fromkeys(theme_ids)), list(dict.fromkeys(department_ids))
    if not themes or not departments:
        raise ThemeProblem(_("テーマと部署を一つ以上指定してください。何も変更していません。"))
    current = ws.store.theme_assignments(year)
    wanted = {d: sorted({*current.get(d, ()), *themes}) for d in departments}
    _refuse(_problems(ws, q, year, wanted))
    return ws.store.change_theme_assignments(year, add={d: set(themes) for d in departments}, remove={},
                                             actor=actor, action="themes_assigned")


def unassign(ws: Workspace, year: int, theme_ids: Iterable[str], department_ids: Iterable[str], *,
             actor: str) -> int:
    """Take the themes away from the departments; the number of assignments removed."""
    q = questionnaire_of(ws, year)
    themes, departments = list(dict.fromkeys(theme_ids)), list(dict.fromkeys(department_ids))
    _refuse(_problems(ws, q, year, {d: themes for d in departments}) if themes and departments else
            [_("テーマと部署を一つ以上指定してください。")])
    return ws.store.change_theme_assignments(year, add={}, remove={d: set(themes) for d in departments},
                                             actor=actor, action="themes_removed")


def set_year(ws: Workspace, year: int, wanted: Mapping[str, Iterable[str]], *, actor: str) -> int:
    """Make the 年度's themes exactly ``wanted`` (department -> themes), as the window's table edits them."""
    q = questionnaire_of(ws, year)
    table = {d: sorted(set(t)) for d, t in wanted.items()}
    _refuse(_problems(ws, q, year, table))
    return ws.store.change_theme_assignments(year, add={d: set(t) for d, t in table.items()}, remove={},
                                             replace=True, actor=actor, action="themes_assigned")


# -- the town data file --------------------------------------------------------------------------

def file_text(ws: Workspace, year: int, assigned: Mapping[str, Iterable[str]], *, issued_by: str,
              issued_at: str) -> str:
    """The 年度's themes (department -> themes) as the YAML file departments take in."""
    q = questionnaire_of(ws, year)
    titles = {t.id: t.title for t in q.themes}
    names = {d.id: d.name for d in ws.departments()}
    table = {d: list(themes) for d, themes in sorted(assigned.items()) if list(themes)}
    head = [f"# {fiscal_year_label(year)} 自己点検のテーマの割当て（監査担当が作成。編集しないでください）",
            "# 各課は「管理 → チェックリスト・部署マスタの取込」または mizuho-audit questionnaire import で"
            "取り込みます。",
            "# テーマ: " + "、".join(f"{t.id} = {t.title}" for t in q.themes)]
    body = {"format": THEMES_FORMAT, "fiscal_year": year, "questionnaire": {"id": q.id, "version": q.version},
            "issued_at": issued_at, "issued_by": issued_by, "assignments": table}
    import yaml  # PyYAML only when a file is written

    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, default_flow_style=None, width=200)
    notes = [f"#   {d}（{names.get(d, d)}）: " + "、".join(titles.get(t, t) for t in themes)
             for d, themes in table.items()]
    return "\n".join([*head, *(["# 割当て:", *notes] if notes else ["# 割当て: なし"]), text])


def write_file(ws: Workspace, year: int, out: Path, *, actor: str, issued_at: str) -> Path:
    """The auditor's file of the 年度's themes, for the departments (logged)."""
    text = file_text(ws, year, ws.store.theme_assignments(year), issued_by=actor, issued_at=issued_at)
    write_atomic(out, text.encode("utf-8"))
    ws.store.log(actor, "themes_exported", f"year:{year}", {"file": out.name})
    return out


def is_theme_file(data: object) -> bool:
    return isinstance(data, dict) and data.get("format") == THEMES_FORMAT


def read_file(ws: Workspace, path: Path) -> tuple[int, dict[str, tuple[str, ...]], str]:
    """(年度, department -> themes, issued_at) of a theme file, checked against this database's checklists and
    master; every problem listed with its line."""
    try:
        doc = load_yaml_file(path)
    except YamlProblem as exc:
        raise ValidationFailed([Problem(str(path), exc.message, exc.line)]) from exc
    data = doc.data
    if not is_theme_file(data):
        raise ValidationFailed([Problem(str(path), _("テーマの割当てのファイルではありません（format: {format}）。"
                                                     ).format(format=THEMES_FORMAT))])
    year = data.get("fiscal_year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise ValidationFailed([Problem(str(path), _("年度（fiscal_year）が整数ではありません。"),
                                        doc.line_of(("fiscal_year",)), field="fiscal_year")])
    raw = data.get("assignments") or {}
    if not isinstance(raw, dict) or not all(isinstance(v, list) and all(isinstance(t, str) for t in v)
                                            for v in raw.values()):
        raise ValidationFailed([Problem(str(path), _("assignments は「部署ID: [テーマID, …]」の形で書いてください。"),
                                        doc.line_of(("assignments",)), field="assignments")])
    wanted = {str(d): tuple(dict.fromkeys(v)) for d, v in raw.items()}
    q = ws.catalog.for_year(year)
    if q is None:
        raise ValidationFailed([Problem(str(path), _("{year}年度のチェックリストがありません。先にチェックリストを"
                                                     "取り込んでください。").format(year=year),
                                        doc.line_of(("fiscal_year",)))])
    named = data.get("questionnaire")
    if isinstance(named, dict) and named.get("id") not in (None, q.id):
        raise ValidationFailed([Problem(str(path), _("チェックリスト「{id}」のテーマです（この年度は「{expected}」）。"
                                                     ).format(id=named.get("id"), expected=q.id),
                                        doc.line_of(("questionnaire",)))])
    problems = [Problem(str(path), p, _line(doc, wanted, p)) for p in _problems(ws, q, year, wanted)]
    if problems:
        raise ValidationFailed(problems)
    return year, wanted, str(data.get("issued_at") or "")


def _line(doc: YamlDocument, wanted: Mapping[str, object], problem: str) -> int:
    for dep in wanted:
        if f"「{dep}」" in problem:
            return doc.line_of(("assignments", dep))
    return doc.line_of(("assignments",))


def install_file(ws: Workspace, path: Path, *, actor: str, now: str | None = None) -> ThemesInstalled:
    """Take the auditor's theme file in: the 年度's themes become the file's (logged); nothing changes on a
    problem."""
    year, wanted, issued_at = read_file(ws, path)
    changed = ws.store.change_theme_assignments(
        year, add={d: set(t) for d, t in wanted.items()}, remove={}, replace=True, actor=actor,
        action="themes_installed", details={"file": path.name, "issued_at": issued_at}, now=now)
    return ThemesInstalled(year, sum(1 for t in wanted.values() if t), changed)
