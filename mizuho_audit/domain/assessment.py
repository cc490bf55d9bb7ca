"""Assessments (one department's checklist for one 年度) and their answers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ..i18n import _
from .plans import plan_due_problem
from .questionnaire import Item, Questionnaire

ANSWER_FIELDS: tuple[str, ...] = ("rating", "note", "reason", "plan_content", "plan_owner", "plan_due")
PLAN_DUE_RANGE = "plan_due_range"  # not a field: the plan's due date lies outside the 年度's window
FIELD_LABELS: dict[str, str] = {
    "rating": "評価",
    "note": "実施状況・根拠",
    "reason": "該当しない理由",
    "plan_content": "改善計画の内容",
    "plan_owner": "改善計画の担当",
    "plan_due": "改善計画の期限",
}



def field_label(field: str) -> str:
    """An answer field's name for a message, in the user's language (FIELD_LABELS stays Japanese)."""
    labels = {"rating": _("評価"), "note": _("実施状況・根拠"), "reason": _("該当しない理由"),
              "plan_content": _("改善計画の内容"), "plan_owner": _("改善計画の担当"), "plan_due": _("改善計画の期限"),
              PLAN_DUE_RANGE: _("改善計画の期限（年度の4月1日から3年以内の日付に）")}
    return labels.get(field, field)


STATUS_LABELS: dict[str, str] = {
    "not_started": "未着手",
    "in_progress": "回答中",
    "submitted": "提出済",
    "accepted": "受理",
    "returned": "差戻し",
}


@dataclass(frozen=True)
class Answer:
    """What a department answered for one item. Empty strings mean "not filled in"."""

    item_id: str
    rating: str | None = None
    note: str = ""
    reason: str = ""
    plan_content: str = ""
    plan_owner: str = ""
    plan_due: str = ""  # ISO date (YYYY-MM-DD) or ""
    updated_at: str = ""
    updated_by: str = ""
    needs_review: bool = False  # 要再確認: carried over from last year, not yet confirmed

    def value(self, field_name: str) -> str:
        v = getattr(self, field_name)
        return "" if v is None else str(v)

    def with_value(self, field_name: str, value: str) -> Answer:
        if field_name not in ANSWER_FIELDS:
            raise KeyError(field_name)
        if field_name == "rating":
            return replace(self, rating=value or None)
        changes: dict[str, Any] = {field_name: value}
        return replace(self, **changes)


@dataclass(frozen=True)
class Assessment:
    id: int
    department_id: str
    fiscal_year: int
    questionnaire_key: int
    status: str


def missing_fields(answer: Answer | None, questionnaire: Questionnaire, fiscal_year: int | None = None) -> list[str]:
    """The fields still needed for this answer to be complete (empty list: complete).

    With ``fiscal_year``, a plan whose due date falls outside that 年度's window
    (:func:`~mizuho_audit.domain.plans.plan_due_problem`) also counts: as :data:`PLAN_DUE_RANGE`.
    """
    if answer is None or not answer.rating:
        return ["rating"]
    try:
        option = questionnaire.option(answer.rating)
    except KeyError:
        return ["rating"]
    missing = []
    if option.requires_reason and not answer.reason.strip():
        missing.append("reason")
    if option.requires_plan:
        if not answer.plan_content.strip():
            missing.append("plan_content")
        if not answer.plan_due:
            missing.append("plan_due")
        elif fiscal_year is not None and plan_due_problem(answer.plan_due, fiscal_year):
            missing.append(PLAN_DUE_RANGE)
    return missing


def needs_improvement(answer: Answer | None, questionnaire: Questionnaire) -> bool:
    if answer is None or not answer.rating:
        return False
    try:
        return questionnaire.option(answer.rating).requires_plan
    except KeyError:
        return False


def valid_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Progress:
    """How far a checklist is: ``answered`` items are complete and confirmed (nothing of theirs blocks
    submission); ``review`` are carried over and still 要再確認; ``incomplete`` have a rating but lack a field
    (a reason, a plan, its date); the rest are unanswered."""

    answered: int
    total: int
    review: int = 0
    incomplete: int = 0

    @property
    def unanswered(self) -> int:
        return self.total - self.answered - self.review - self.incomplete

    @property
    def ratio(self) -> float:
        return self.answered / self.total if self.total else 0.0


def progress(items: list[Item], answers: dict[str, Answer], questionnaire: Questionnaire,
             fiscal_year: int | None = None) -> Progress:
    """Count the items listed as the checklist shows them: 回答済, 要再確認, 記入不足 and 未回答 apart."""
    done = review = incomplete = 0
    for it in items:
        a = answers.get(it.id)
        if a is None or not a.rating:
            continue
        if a.needs_review:
            review += 1
        elif missing_fields(a, questionnaire, fiscal_year):
            incomplete += 1
        else:
            done += 1
    return Progress(done, len(items), review, incomplete)
