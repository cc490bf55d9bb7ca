"""Consolidation of every department's current submission for a 年度: scores by department, chapter,
tier and for the whole town, the heat map, the items failing most, and the trend over 年度."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ...domain.departments import Department
from ...domain.questionnaire import Item, Questionnaire
from ...domain.records import ReceivedSubmission
from ...domain.scoring import DepartmentScores, Tally, TownScores, score_department, score_town
from ..workspace import Workspace, asked_in_snapshot


@dataclass
class DepartmentResult:
    department: Department
    received: ReceivedSubmission
    snapshot: dict[str, Any]
    checklist: Questionnaire
    scores: DepartmentScores
    ratings: dict[str, str | None]


@dataclass
class CentralResult:
    """The items the 事務局 answers once for the whole town: scored apart from its unit's own items, and
    counted once in the town's scores (never per department)."""

    department: Department  # the 事務局's unit that answered them
    checklist: Questionnaire
    scores: DepartmentScores
    ratings: dict[str, str | None]


@dataclass(frozen=True)
class FailingItem:
    item: Item
    failing: int  # departments answering 一部 or 未実施
    answered: int  # departments for which the item counted
    departments: tuple[str, ...]

    @property
    def rate(self) -> float:
        return self.failing / self.answered if self.answered else 0.0


@dataclass
class Consolidation:
    year: int
    questionnaire: Questionnaire | None
    results: list[DepartmentResult] = field(default_factory=list)
    town: TownScores = field(default_factory=TownScores)
    missing: list[Department] = field(default_factory=list)
    central: CentralResult | None = None

    def result(self, department_id: str) -> DepartmentResult | None:
        return next((r for r in self.results if r.department.id == department_id), None)

    def heat_map(self) -> list[tuple[Department, dict[str, float | None]]]:
        """Department × chapter scores (chapters of the 年度's questionnaire)."""
        chapters = [c.id for c in self.questionnaire.chapters] if self.questionnaire else []
        return [(r.department, {c: (r.scores.chapters[c].score if c in r.scores.chapters else None)
                                for c in chapters}) for r in self.results]

    def failing_items(self, limit: int = 20) -> list[FailingItem]:
        """The items answered 一部 / 未実施 by the most departments."""
        counts: dict[str, list[str]] = {}
        answered: dict[str, int] = {}
        items: dict[str, Item] = {}
        for r in self.results:
            for it in r.checklist.items():
                rating = r.ratings.get(it.id)
                if rating and r.checklist.option(rating).score is not None:
                    answered[it.id] = answered.get(it.id, 0) + 1
                    items[it.id] = it
                    if r.checklist.fails(rating):
                        counts.setdefault(it.id, []).append(r.department.id)
        ranked = sorted(counts.items(), key=lambda kv: (-len(kv[1]), -len(kv[1]) / answered[kv[0]], kv[0]))
        return [FailingItem(items[i], len(d), answered[i], tuple(d)) for i, d in ranked[:limit]]


@contextmanager
def _without_collector_pauses() -> Iterator[None]:
    """Python's cyclic garbage collector off while the snapshots are decoded and scored: decoding a city's
    34,500 answers makes millions of container objects, and the collections they trigger went over every
    object alive (a quarter to a half of the time at 300 departments, growing faster than the departments).
    Nothing here makes reference cycles; the collector is on again (if it was) at the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def consolidate(ws: Workspace, year: int) -> Consolidation:
    with _without_collector_pauses():
        return _consolidate(ws, year)


def _consolidate(ws: Workspace, year: int) -> Consolidation:
    departments = {d.id: d for d in ws.departments()}
    result = Consolidation(year, ws.catalog.for_year(year))
    received = {r.department_id: r for r in ws.store.received(year)}
    result.missing = [d for d in ws.catalog.master.departments if d.id not in received]
    checklists: dict[tuple[str, frozenset[str]], Questionnaire] = {}
    for dep_id, rec in received.items():
        found = departments.get(dep_id)
        if found is None:
            continue
        dep = found
        snap = json.loads(rec.snapshot)
        key = ws.store.questionnaire_key_by_hash(rec.content_hash)
        full = ws.questionnaire_for_key(key) if key is not None else ws.catalog.find(
            rec.questionnaire_id, rec.questionnaire_version)
        if full is None:
            continue
        if result.questionnaire is None:
            result.questionnaire = full
        recorded = asked_in_snapshot(snap)
        if recorded is not None:  # judged against exactly what it was asked this 年度
            checklist = full.only(recorded[0])
        else:  # a submission from before the rotation: every item that applied, as always
            memo_key = (full.content_hash, dep.traits)
            checklist = checklists.get(memo_key) or checklists.setdefault(memo_key, full.checklist_for(dep.traits))
        ratings = {a["item_id"]: a.get("rating") for a in snap.get("answers", [])}
        central = {it.id for it in checklist.items() if it.answered_by == "central"}
        own = full.only({it.id for it in checklist.items()} - central) if central else checklist
        result.results.append(DepartmentResult(dep, rec, snap, checklist, score_department(own, ratings), ratings))
        if central and result.central is None:
            town_items = full.only(central)
            result.central = CentralResult(dep, town_items, score_department(town_items, ratings), ratings)
    order = {d.id: i for i, d in enumerate(ws.departments())}
    result.results.sort(key=lambda r: order.get(r.department.id, 10**6))
    result.town = score_town(((r.department.id, r.scores) for r in result.results),
                             [result.central.scores] if result.central else [])
    return result


def trend(ws: Workspace, years: list[int]) -> dict[str, dict[int, float | None]]:
    """Each current department's total score per 年度, following 組織改正 back through the mapping.

    A department that was formed from several (merged) takes their pooled score for earlier years.
    """
    per_year = {y: consolidate(ws, y) for y in sorted(years)}
    out: dict[str, dict[int, float | None]] = {}
    for dep in ws.catalog.master.departments:
        series: dict[int, float | None] = {}
        ids = [dep.id]
        for y in sorted(years, reverse=True):
            cons = per_year[y]
            pooled = Tally()
            for i in ids:
                r = cons.result(i)
                if r is not None:
                    pooled.merge(r.scores.total)
            series[y] = pooled.score
            # Going back one year: the departments this year's ones were formed from.
            prev: list[str] = []
            for i in ids:
                prev.extend(ws.catalog.department_changes.predecessors(i, y))
            ids = prev
        out[dep.id] = dict(sorted(series.items()))
    return out
