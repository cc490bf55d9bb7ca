"""Scores: defined here and nowhere else.

An item scores what its rating is worth on the scale (実施している 1.0, 一部実施している 0.5,
実施していない 0; 該当しない and unanswered items are left out). A group of items (a section, a chapter,
a tier, a department, the whole town) scores

    100 × Σ (weight of the item's importance × item score) / Σ (weight of the item's importance)

over the items it contains that count, with the questionnaire's weights (高 3, 中 2, 低 1 by default).
The town's score pools every counted item of every department, so a department with more applicable
items weighs more, exactly as its answers do. A group with no counted item has no score (None).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .questionnaire import Item, Questionnaire


@dataclass
class Tally:
    """Weighted points of a group of items; ``score`` is 0–100 or None when nothing counts."""

    points: float = 0.0
    weight: float = 0.0
    counted: int = 0
    excluded: int = 0
    ratings: dict[str, int] = field(default_factory=dict)

    def add(self, weight: float, value: float | None, rating: str | None) -> None:
        key = rating or ""
        self.ratings[key] = self.ratings.get(key, 0) + 1
        if value is None:
            self.excluded += 1
            return
        self.points += weight * value
        self.weight += weight
        self.counted += 1

    def merge(self, other: Tally) -> None:
        self.points += other.points
        self.weight += other.weight
        self.counted += other.counted
        self.excluded += other.excluded
        for k, v in other.ratings.items():
            self.ratings[k] = self.ratings.get(k, 0) + v

    @property
    def score(self) -> float | None:
        return None if self.weight == 0 else 100.0 * self.points / self.weight


def item_value(questionnaire: Questionnaire, rating: str | None) -> float | None:
    """What one answer is worth (0–1), or None when it does not count."""
    if not rating:
        return None
    try:
        return questionnaire.option(rating).score
    except KeyError:
        return None


def item_weight(questionnaire: Questionnaire, item: Item) -> float:
    return float(questionnaire.weights.get(item.importance, 1.0))


@dataclass
class DepartmentScores:
    """One department's scores for one 年度 (all values 0–100 or None)."""

    total: Tally = field(default_factory=Tally)
    chapters: dict[str, Tally] = field(default_factory=dict)
    sections: dict[str, Tally] = field(default_factory=dict)
    tiers: dict[str, Tally] = field(default_factory=dict)
    items: dict[str, float | None] = field(default_factory=dict)


def score_department(checklist: Questionnaire, ratings: Mapping[str, str | None]) -> DepartmentScores:
    """Scores of a department's checklist from its ratings by item id.

    Each answer is added to its section (and its tiers) only; the chapters and the total are the merged
    sections (the same sums, added in another order)."""
    result = DepartmentScores()
    values: dict[str, float | None] = {}
    for option in checklist.scale:
        values.setdefault(option.key, option.score)
    weights = {key: float(w) for key, w in checklist.weights.items()}
    items = result.items
    tiers = result.tiers
    for ch in checklist.chapters:
        chapter = Tally()
        for sec in ch.sections:
            section = Tally()
            counts = section.ratings
            points = weight = 0.0
            counted = excluded = 0
            for it in sec.items:
                rating = ratings.get(it.id)
                value = values.get(rating) if rating else None
                w = weights.get(it.importance, 1.0)
                items[it.id] = value
                key = rating or ""
                counts[key] = counts.get(key, 0) + 1
                if value is None:
                    excluded += 1
                else:
                    points += w * value
                    weight += w
                    counted += 1
                for t in it.tiers:
                    (tiers.get(t) or tiers.setdefault(t, Tally())).add(w, value, rating)
            section.points, section.weight, section.counted, section.excluded = points, weight, counted, excluded
            result.sections.setdefault(sec.id, Tally()).merge(section)
            chapter.merge(section)
        result.chapters.setdefault(ch.id, Tally()).merge(chapter)
        result.total.merge(chapter)
    return result


@dataclass
class TownScores:
    total: Tally = field(default_factory=Tally)
    chapters: dict[str, Tally] = field(default_factory=dict)
    tiers: dict[str, Tally] = field(default_factory=dict)
    departments: dict[str, DepartmentScores] = field(default_factory=dict)


def score_town(departments: Iterable[tuple[str, DepartmentScores]],
               shared: Iterable[DepartmentScores] = ()) -> TownScores:
    """Pool the departments' tallies into the town's scores. ``shared`` are tallies of no department: the
    items the 事務局 answers once for the whole town, counted once here."""
    town = TownScores()

    def pool(scores: DepartmentScores) -> None:
        town.total.merge(scores.total)
        for cid, t in scores.chapters.items():
            town.chapters.setdefault(cid, Tally()).merge(t)
        for tier, t in scores.tiers.items():
            town.tiers.setdefault(tier, Tally()).merge(t)

    for dep_id, scores in departments:
        town.departments[dep_id] = scores
        pool(scores)
    for scores in shared:
        pool(scores)
    return town


def rounded(score: float | None, digits: int = 1) -> float | None:
    return None if score is None else round(score, digits)
