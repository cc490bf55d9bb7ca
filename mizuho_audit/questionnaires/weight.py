"""How heavy a 年度 is for each unit: the items and minutes it answers under the rotation, and the
limits that keep the self-inspection answerable in an afternoon.

A unit that is not the system side answers at most ``MAX_ITEMS_PER_YEAR`` items and
``MAX_MINUTES_PER_YEAR`` minutes in any year of the rotation; every item comes round within
``MAX_CYCLE_YEARS`` years. The system side (the unit that runs the systems) is exempt: it answers
the technical and central items for the whole town.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ..domain.departments import DepartmentMaster
from ..domain.questionnaire import CORE, SYSTEM_TRAIT, Questionnaire
from ..domain.wareki import fiscal_year_label
from ..i18n import _

MAX_ITEMS_PER_YEAR = 66
MAX_MINUTES_PER_YEAR = 180
MAX_CYCLE_YEARS = 3


@dataclass(frozen=True)
class YearLoad:
    items: int
    minutes: int


def is_system_side(traits: Collection[str]) -> bool:
    return SYSTEM_TRAIT in traits


def year_load(q: Questionnaire, traits: frozenset[str], group: str | None = None,
              themes: Collection[str] = ()) -> YearLoad:
    """What a unit answers in the year whose rotation group is ``group`` (default: this 年度's)."""
    due = [it for it in q.items() if q.applies(it, traits) and q.due(it, group, themes)]
    return YearLoad(len(due), sum(q.minutes_for(it) for it in due))


def _cycle(q: Questionnaire) -> tuple[str | None, ...]:
    return tuple(q.rotation_groups) or (None,)


def departments_weight(q: Questionnaire, master: DepartmentMaster) -> dict[str, dict[str, Any]]:
    """Per department: every item that applies, what it answers this 年度, and each year of the cycle."""
    rows: dict[str, dict[str, Any]] = {}
    for dep in master.departments:
        this_year = year_load(q, dep.traits)
        rows[dep.id] = {
            "name": dep.name, "body": dep.body_name,
            "items": sum(1 for it in q.items() if q.applies(it, dep.traits)),
            "items_this_year": this_year.items,
            "minutes_this_year": this_year.minutes,
            "system_side": is_system_side(dep.traits),
            "years": {g: vars(year_load(q, dep.traits, g)) for g in q.rotation_groups},
        }
    return rows


def weight_problems(q: Questionnaire, master: DepartmentMaster, previous: Questionnaire | None = None
                    ) -> list[str]:
    """Units over the limits in some year, items that do not come round, a rotation that does not advance."""
    problems = []
    for dep in master.departments:
        if is_system_side(dep.traits):
            continue
        for group in _cycle(q):
            load = year_load(q, dep.traits, group)
            if load.items > MAX_ITEMS_PER_YEAR or load.minutes > MAX_MINUTES_PER_YEAR:
                when = (_("{group} 群の年度").format(group=group) if group else _("毎年度"))
                problems.append(_("部署「{name}」（{id}）は{when}に {items} 項目・{minutes} 分を答えることになり、上限"
                                  "（{max_items} 項目・{max_minutes} 分）を超えます。").format(
                    name=dep.name, id=dep.id, when=when, items=load.items, minutes=load.minutes,
                    max_items=MAX_ITEMS_PER_YEAR, max_minutes=MAX_MINUTES_PER_YEAR))
    groups = q.rotation_groups
    if len(groups) > MAX_CYCLE_YEARS:
        late = list(groups[MAX_CYCLE_YEARS:])
        ids = [it.id for it in q.items() if it.rotation in late]
        problems.append(_("ローテーションが {n} 年で一巡するため、{groups} 群の項目（{count} 項目: {ids}）は3年以内に"
                          "回ってきません。群は {max} つまでにしてください。").format(
            n=len(groups), groups=_("・").join(late), count=len(ids), ids=", ".join(ids[:8]) + ("…" if len(ids) > 8
                                                                                             else ""),
            max=MAX_CYCLE_YEARS))
    for it in q.items():
        if groups and it.importance == "高" and it.rotation != CORE:
            problems.append(_("項目 {id} は重要度 高 のため、毎年尋ねる項目（rotation: core）にしてください。"
                              ).format(id=it.id))
        if q.asks(it) and not any(q.applies(it, d.traits) for d in master.departments):
            problems.append(_("項目 {id} はどの部署にも届かず、回ってくることがありません"
                              "（対象の特性を確かめてください）。").format(id=it.id))
    if previous is not None and previous.rotation_groups and groups and previous.due_group in groups \
            and previous.fiscal_year == q.fiscal_year - 1:
        expected = groups[(groups.index(previous.due_group) + 1) % len(groups)]
        if q.due_group != expected:
            problems.append(_("{year}の群が「{due}」ですが、前年度は「{previous}」だったので「{expected}」の番です"
                              "（同じ群が続くと、3年以内に回ってこない項目が出ます）。").format(
                year=fiscal_year_label(q.fiscal_year), due=q.due_group, previous=previous.due_group,
                expected=expected))
    return problems


def _model_reason(model: str) -> str | None:
    """Why, under this model, every LGWAN-side user also reaches the internet (None: no such rule)."""
    if model in ("αモデル", "α'モデル"):
        return _("{model}では、LGWAN接続系の端末を使う職員も画面転送でインターネットを使います").format(model=model)
    if model in ("βモデル", "β'モデル"):
        return _("{model}では、業務用の端末をインターネット接続系に置きます").format(model=model)
    return None


def model_problems(q: Questionnaire, master: DepartmentMaster) -> list[str]:
    """Department traits that do not fit the network model the questionnaire states."""
    reason = _model_reason(q.network_model)
    if reason is None or "internet" not in master.traits:
        return []
    return [_("部署「{name}」（{id}）に特性 internet がありません。{reason}（インターネットを使う項目が届きません）。"
              ).format(name=d.name, id=d.id, reason=reason)
            for d in master.departments if "lgwan" in d.traits and "internet" not in d.traits]
