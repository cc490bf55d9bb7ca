"""Domain rules without Qt or SQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mizuho_audit.domain.assessment import Answer, missing_fields, needs_improvement, progress
from mizuho_audit.domain.questionnaire import Rule
from mizuho_audit.domain.wareki import fiscal_year_label, fiscal_year_of, wareki_date
from mizuho_audit.questionnaires.catalog import load_catalog


def test_rule_matches_traits() -> None:
    rule = Rule(all_of=frozenset({"lgwan"}), any_of=frozenset({"sns", "website"}), none_of=frozenset({"school"}))
    assert rule.matches(frozenset({"lgwan", "sns"}))
    assert not rule.matches(frozenset({"lgwan"}))  # none of any_of
    assert not rule.matches(frozenset({"sns"}))  # all_of missing
    assert not rule.matches(frozenset({"lgwan", "website", "school"}))  # excluded
    assert Rule().matches(frozenset())


def test_checklist_depends_on_department_traits(mini_dir: Path) -> None:
    catalog = load_catalog(mini_dir)
    q = catalog.questionnaires[0]
    ids = {d.id: [it.id for it in q.checklist_for(d.traits).items()] for d in catalog.master.departments}
    assert "NET-001" in ids["jumin"]  # マイナンバー事務
    assert "NET-001" not in ids["hisho"]
    assert "NET-002" in ids["kikaku"] and "NET-002" not in ids["jumin"]  # system side only
    assert "HUM-002" in ids["daiichi_sho"] and "HUM-001" not in ids["daiichi_sho"]  # school variant


def test_missing_fields_follow_the_scale(mini_dir: Path) -> None:
    q = load_catalog(mini_dir).questionnaires[0]
    assert missing_fields(None, q) == ["rating"]
    assert missing_fields(Answer("ORG-001", "done"), q) == []
    assert missing_fields(Answer("ORG-001", "na"), q) == ["reason"]
    assert missing_fields(Answer("ORG-001", "na", reason="窓口がないため"), q) == []
    assert missing_fields(Answer("ORG-001", "partial"), q) == ["plan_content", "plan_due"]
    assert missing_fields(Answer("ORG-001", "not_done", plan_content="対応する", plan_due="2027-03-31"), q) == []
    assert needs_improvement(Answer("ORG-001", "partial"), q)
    assert not needs_improvement(Answer("ORG-001", "done"), q)


def test_progress_counts_rated_items(mini_dir: Path) -> None:
    q = load_catalog(mini_dir).questionnaires[0]
    items = list(q.items())
    p = progress(items, {"ORG-001": Answer("ORG-001", "done"), "ORG-002": Answer("ORG-002", None, note="x")}, q)
    assert (p.answered, p.total, p.unanswered) == (1, len(items), len(items) - 1)


def test_wareki() -> None:
    assert fiscal_year_label(2026) == "令和8年度"
    assert fiscal_year_label(2019) == "令和元年度"
    assert wareki_date(date(2026, 11, 26)) == "令和8年11月26日"
    assert wareki_date(date(2019, 4, 30)) == "平成31年4月30日"
    assert fiscal_year_of(date(2027, 3, 31)) == 2026
    assert fiscal_year_of(date(2027, 4, 1)) == 2027
