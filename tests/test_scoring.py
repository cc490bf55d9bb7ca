"""Scores against figures computed by hand."""

from __future__ import annotations

import pytest

from mizuho_audit.domain.questionnaire import Chapter, Item, Questionnaire, ScaleOption, Section
from mizuho_audit.domain.scoring import score_department, score_town

SCALE = (ScaleOption("done", "実施している", 1.0), ScaleOption("partial", "一部実施している", 0.5, requires_plan=True),
         ScaleOption("not_done", "実施していない", 0.0, requires_plan=True),
         ScaleOption("na", "該当しない", None, requires_reason=True))


def _item(i: str, importance: str, tiers: tuple[str, ...] = ()) -> Item:
    return Item(i, f"{i}?", "d", "p", ("記録",), "6(4)", importance, ("C",), tiers)


Q = Questionnaire(
    "t", "1", "t", 2026, "p", "e", {"高": 3.0, "中": 2.0, "低": 1.0}, SCALE,
    (Chapter("1", "一", "6(1)", (Section("1.1", "a", (_item("A", "高", ("my_number",)), _item("B", "中"))),
                                 Section("1.2", "b", (_item("C", "低"),)))),
     Chapter("2", "二", "6(2)", (Section("2.1", "c", (_item("D", "高", ("my_number",)), _item("E", "中"))),))),
)


def test_department_scores_by_hand() -> None:
    s = score_department(Q, {"A": "done", "B": "partial", "C": "not_done", "D": "na", "E": "partial"})
    # Chapter 1: (3×1 + 2×0.5 + 1×0) / (3+2+1) = 4/6 = 66.67
    assert s.chapters["1"].score == pytest.approx(66.6667, abs=1e-3)
    # Chapter 2: D is 該当しない (left out): (2×0.5) / 2 = 50
    assert s.chapters["2"].score == pytest.approx(50.0)
    # Department: (3 + 1 + 0 + 1) / (3+2+1+2) = 5/8 = 62.5
    assert s.total.score == pytest.approx(62.5)
    assert (s.total.counted, s.total.excluded) == (4, 1)
    # Sections: 1.1 = (3+1)/5 = 80, 1.2 = 0
    assert s.sections["1.1"].score == pytest.approx(80.0) and s.sections["1.2"].score == 0.0
    # Tier マイナンバー: A done (3×1) and D excluded: 100
    assert s.tiers["my_number"].score == pytest.approx(100.0)
    assert s.total.ratings == {"done": 1, "partial": 2, "not_done": 1, "na": 1}


def test_all_not_applicable_has_no_score() -> None:
    s = score_department(Q, {k: "na" for k in "ABCDE"})
    assert s.total.score is None and s.chapters["1"].score is None


def test_town_pools_weighted_items() -> None:
    a = score_department(Q, {"A": "done", "B": "partial", "C": "not_done", "D": "na", "E": "partial"})  # 5 / 8
    b = score_department(Q, {"A": "not_done", "B": "done", "C": "done", "D": "done", "E": "done"})  # 8 / 11
    town = score_town([("a", a), ("b", b)])
    # (5 + 8) / (8 + 11) = 13/19 = 68.42
    assert town.total.score == pytest.approx(68.421, abs=1e-3)
    # Chapter 1 pooled: a 4/6, b (0+2+1)/6 = 3/6 -> 7/12 = 58.33
    assert town.chapters["1"].score == pytest.approx(58.333, abs=1e-3)
    assert set(town.departments) == {"a", "b"}
