"""Start a 年度 from last year's answers: through the item mapping between questionnaire versions
and the department changes of 組織改正. Carried answers are marked 要再確認 until confirmed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...domain.assessment import Answer, Assessment
from ...domain.plans import plan_due_problem
from ...domain.questionnaire import Questionnaire
from ...domain.wareki import fiscal_year_label
from ...domain.year_on_year import Rated, YearOnYear, compare, rated
from ...errors import InputProblem
from ...i18n import _, current_language
from ...questionnaires.mapping import ItemMapping
from ..workspace import Checklist, Workspace


class CarryOverError(InputProblem):
    """Carry-over is not possible; the message is for the user."""


class NothingToCarry(CarryOverError):
    """Last year has no answers of this department (or of the departments it follows from)."""


def _year(year: int) -> str:
    """The 年度 in a message: 令和7年度 in Japanese, FY2025 in English."""
    return fiscal_year_label(year) if current_language() == "ja" else _("{year}年度").format(year=year)


@dataclass(frozen=True)
class ItemChange:
    """One row of "what changed since last year" for this year's item."""

    item_id: str
    kind: str  # same | changed | split | merged | new
    previous_ids: tuple[str, ...]
    previous_question: str
    previous_rating: str | None
    current_rating: str | None
    needs_review: bool
    note: str = ""


KIND_LABELS = {"same": "変更なし", "changed": "文言・基準を変更", "split": "分割", "merged": "統合", "new": "新規"}


@dataclass(frozen=True)
class CarryResult:
    checklist: Checklist
    carried: int
    sources: list[Assessment]


def _source_assessments(ws: Workspace, department_id: str, year: int) -> list[Assessment]:
    previous = year - 1
    preds = ws.catalog.department_changes.predecessors(department_id, year)
    found = []
    for pred in preds:
        matches = [a for a in ws.store.assessments(previous) if a.department_id == pred]
        if matches:
            found.append(matches[-1])
    return found


def _mapping(ws: Workspace, old: Questionnaire, new: Questionnaire) -> ItemMapping | None:
    if (old.id, old.version) == (new.id, new.version):
        return None  # the same questionnaire: identity
    m = ws.catalog.mapping_between(old, new)
    if m is None:
        raise CarryOverError(_("{year}の回答を今年度のチェックリストの項目に当てはめる準備ができていないため、"
                               "引き継げません。事務局に連絡してください（チェックリスト {old} から {new} への"
                               "項目の対応表がありません）。").format(year=_year(new.fiscal_year - 1),
                                                                     old=old.version, new=new.version))
    return m


def _sources_for(item_id: str, mapping: ItemMapping | None, old: Questionnaire,
                 new: Questionnaire) -> list[tuple[str, str]]:
    if mapping is None:
        return [(item_id, "same")]
    return mapping.sources_of(item_id, old, new)


def _combine(item_id: str, found: list[tuple[str, Answer]], q: Questionnaire) -> Answer:
    """One answer from several (merged items or merged departments): the most cautious rating."""
    if len(found) == 1:
        a = found[0][1]
        return Answer(item_id, a.rating, a.note, a.reason, a.plan_content, a.plan_owner, a.plan_due)

    def score(a: Answer) -> float:
        if not a.rating:
            return 2.0
        try:
            s = q.option(a.rating).score
        except KeyError:
            return 2.0
        return 1.5 if s is None else s

    worst = min((a for _, a in found), key=score)

    def joined(field: str) -> str:
        parts = [f"【{label}】{getattr(a, field)}" for label, a in found if getattr(a, field)]
        return "\n".join(parts)

    dues = sorted(a.plan_due for _, a in found if a.plan_due)
    return Answer(item_id, worst.rating, joined("note"), joined("reason"), joined("plan_content"),
                  joined("plan_owner"), dues[0] if dues else "")


def _previous_by_item(ws: Workspace, cl: Checklist, sources: list[Assessment]
                      ) -> dict[str, list[tuple[str, str, Answer, Questionnaire]]]:
    """For each item of ``cl``: last year's answers it follows from (label, last year's item id, answer, last
    year's questionnaire), through the version mapping and the 組織改正 table."""
    new_full = ws.questionnaire_for_key(cl.assessment.questionnaire_key)
    names = {d.id: d.name for d in ws.departments()}
    per_source = []
    for src in sources:
        old = ws.questionnaire_for_key(src.questionnaire_key)
        per_source.append((src, old, _mapping(ws, old, new_full), ws.store.answers(src.id)))
    found: dict[str, list[tuple[str, str, Answer, Questionnaire]]] = {}
    for it in cl.questionnaire.items():
        for src, old, mapping, answers in per_source:
            for source_id, _kind in _sources_for(it.id, mapping, old, new_full):
                a = answers.get(source_id)
                if a is not None and (a.rating or a.note):
                    label = names.get(src.department_id, src.department_id)
                    shown = f"{label} {source_id}" if len(per_source) > 1 or source_id != it.id else label
                    found.setdefault(it.id, []).append((shown, source_id, a, old))
    return found


def carry_over(ws: Workspace, department_id: str, year: int, actor: str, now: str | None = None) -> CarryResult:
    """Last year's answers into this year's items (only the items asked this 年度: an answer to an item not
    asked stays where it is, unshown), each marked 要再確認."""
    cl = ws.checklist(department_id, year, now=now)
    if ws.store.status_of(cl.assessment.id) == "submitted":
        raise CarryOverError(_("提出済みのチェックリストには引き継げません。"))
    sources = _source_assessments(ws, department_id, year)
    if not sources:
        raise NothingToCarry(_("この部署の{year}の回答は、このデータにはありません。引き継ぐ回答がないので、"
                               "今年度の回答を一から入力してください。前年度に別の課の名前や別のパソコンで"
                               "回答していた場合は、事務局に相談してください。").format(year=_year(year - 1)))
    carried: list[Answer] = []
    olds: set[str] = set()
    for item_id, found in _previous_by_item(ws, cl, sources).items():
        olds.update(f"{old.id} {old.version}" for *_rest, old in found)
        a = _combine(item_id, [(label, answer) for label, _sid, answer, _old in found], cl.questionnaire)
        if plan_due_problem(a.plan_due, year):  # last year's date is past: the department sets a new one
            a = replace(a, plan_due="")
        carried.append(a)
    details = {"from_year": year - 1, "departments": [s.department_id for s in sources],
               "questionnaires": sorted(olds)}
    count = ws.store.carry_answers(cl.assessment.id, carried, source_assessments=[s.id for s in sources],
                                   actor=actor, details=details, now=now)
    return CarryResult(ws.checklist(department_id, year), count, sources)


@dataclass(frozen=True)
class LastYear:
    """Last year's answer to an item of this year's checklist (the most cautious one when it follows from
    several: merged items or departments)."""

    item_id: str  # last year's item (the first, when several)
    answer: Answer
    rated: Rated  # as it counts on last year's scale


def last_year_answers(ws: Workspace, cl: Checklist) -> dict[str, LastYear]:
    """Item id -> last year's answer it follows from, for every item of ``cl`` that has one."""
    sources = _source_assessments(ws, cl.department.id, cl.year)
    if not sources:
        return {}
    try:
        found = _previous_by_item(ws, cl, sources)
    except CarryOverError:  # no mapping to last year's version: nothing to show beside this year's
        return {}
    result = {}
    for item_id, rows in found.items():
        a = _combine(item_id, [(label, answer) for label, _sid, answer, _old in rows], cl.questionnaire)
        source_id, old = rows[0][1], rows[0][3]
        result[item_id] = LastYear(source_id, a, rated(old, source_id, a.rating))
    return result


def year_on_year(ws: Workspace, cl: Checklist) -> YearOnYear | None:
    """Which items improved and which declined since last year (None: no answers of last year)."""
    before = {i: y.rated for i, y in last_year_answers(ws, cl).items()}
    if not before:
        return None
    now = {i: rated(cl.questionnaire, i, a.rating) for i, a in ws.answers(cl).items()}
    return compare(cl.questionnaire.items(), now, before, cl.year - 1)


def changes_since_last_year(ws: Workspace, cl: Checklist) -> list[ItemChange]:
    """For each item of this year's checklist: how it relates to last year's item and answer."""
    sources = _source_assessments(ws, cl.department.id, cl.year)
    new_full = ws.questionnaire_for_key(cl.assessment.questionnaire_key)
    current = ws.answers(cl)
    rows = []
    src = sources[0] if sources else None
    old = ws.questionnaire_for_key(src.questionnaire_key) if src else None
    mapping = None
    if old is not None:
        try:
            mapping = _mapping(ws, old, new_full)
        except CarryOverError:
            old = None
    old_answers = ws.store.answers(src.id) if src else {}
    for it in cl.questionnaire.items():
        cur = current.get(it.id)
        if old is None:
            rows.append(ItemChange(it.id, "new", (), "", None, cur.rating if cur else None,
                                   bool(cur and cur.needs_review)))
            continue
        links = _sources_for(it.id, mapping, old, new_full)
        if not links:
            rows.append(ItemChange(it.id, "new", (), "", None, cur.rating if cur else None,
                                   bool(cur and cur.needs_review)))
            continue
        prev_ids = tuple(s for s, _ in links)
        kind = links[0][1]
        prev_q = ""
        try:
            prev_q = old.item(prev_ids[0]).question
        except KeyError:
            prev_q = ""
        prev_a = old_answers.get(prev_ids[0])
        note = mapping.links[prev_ids[0]].note if mapping and prev_ids[0] in mapping.links else ""
        rows.append(ItemChange(it.id, kind, prev_ids, prev_q, prev_a.rating if prev_a else None,
                               cur.rating if cur else None, bool(cur and cur.needs_review), note))
    return rows
