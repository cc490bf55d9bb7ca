"""Year on year: which of a department's items improved and which declined since last year.

An item improved when this year's rating is worth more on the scale than last year's (一部実施 → 実施), and
declined when it is worth less. Only items counted in both years are compared: 該当しない and unanswered
ones are neither better nor worse. Last year's item may have another id (the version mapping renamed,
split or merged it); ``previous_id`` says which one was compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .questionnaire import Item, Questionnaire


@dataclass(frozen=True)
class Rated:
    """One answer's rating and what it is worth on its checklist's scale (None: not counted)."""

    item_id: str
    rating: str | None
    value: float | None


@dataclass(frozen=True)
class RatingChange:
    item_id: str
    previous_id: str
    before: str  # last year's rating key
    after: str  # this year's rating key


@dataclass(frozen=True)
class YearOnYear:
    """The items of one department whose rating moved since ``from_year``."""

    from_year: int
    improved: tuple[RatingChange, ...] = ()
    declined: tuple[RatingChange, ...] = ()
    compared: int = 0  # items counted in both years

    def to_json(self) -> dict[str, Any]:
        def rows(changes: tuple[RatingChange, ...]) -> list[dict[str, str]]:
            return [{"item_id": c.item_id, "previous_item_id": c.previous_id, "before": c.before, "after": c.after}
                    for c in changes]

        return {"from_year": self.from_year, "compared": self.compared, "improved": rows(self.improved),
                "declined": rows(self.declined)}

    @classmethod
    def from_json(cls, data: object) -> YearOnYear | None:
        """Read back what :meth:`to_json` wrote; None for anything else (an older or foreign file)."""
        if not isinstance(data, dict) or not isinstance(data.get("from_year"), int):
            return None

        def rows(key: str) -> tuple[RatingChange, ...]:
            found = data.get(key)
            if not isinstance(found, list):
                return ()
            return tuple(RatingChange(str(r.get("item_id", "")), str(r.get("previous_item_id", "")),
                                      str(r.get("before", "")), str(r.get("after", "")))
                         for r in found if isinstance(r, dict))

        compared = data.get("compared")
        return cls(int(data["from_year"]), rows("improved"), rows("declined"),
                   compared if isinstance(compared, int) else 0)


def rated(questionnaire: Questionnaire, item_id: str, rating: str | None) -> Rated:
    """An answer as it counts on ``questionnaire``'s scale."""
    value = None
    if rating:
        try:
            value = questionnaire.option(rating).score
        except KeyError:
            value = None
    return Rated(item_id, rating, value)


def compare(items: Iterable[Item], now: Mapping[str, Rated], before: Mapping[str, Rated],
            from_year: int) -> YearOnYear:
    """This year's answers (by item id) against last year's (keyed by this year's item id), item by item in
    the checklist's order."""
    improved: list[RatingChange] = []
    declined: list[RatingChange] = []
    compared = 0
    for it in items:
        a, b = now.get(it.id), before.get(it.id)
        if a is None or b is None or a.value is None or b.value is None:
            continue
        compared += 1
        change = RatingChange(it.id, b.item_id, str(b.rating), str(a.rating))
        if a.value > b.value:
            improved.append(change)
        elif a.value < b.value:
            declined.append(change)
    return YearOnYear(from_year, tuple(improved), tuple(declined), compared)
