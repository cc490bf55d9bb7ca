"""Answering a department's checklist: open it, save answers, evidence, carry-over, the answer files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.assessment import Answer
from ..domain.records import AttachmentRecord, HistoryEntry
from ..services.answering import evidence
from ..services.answering.carryover import CarryResult, ItemChange, LastYear, NothingToCarry
from ..services.workspace import AnswerRejected, CentralAnswers, Checklist
from .session import Session, use_case

if TYPE_CHECKING:
    from ..services.submission.excel_template_checklist import ChecklistImport
    from ..services.submission.excel_template_format import TemplateError

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "Answer",
    "AnswerRejected",
    "AttachmentRecord",
    "CarryResult",
    "CentralAnswers",
    "Checklist",
    "HistoryEntry",
    "ItemChange",
    "LastYear",
    "NothingToCarry",
    "TemplateError",
]

MAX_ATTACHMENT_BYTES = evidence.MAX_ATTACHMENT_BYTES


def __getattr__(name: str) -> Any:
    """``TemplateError`` on first use, so that starting the window does not load the Excel template code."""
    if name == "TemplateError":
        from ..services.submission.excel_template_format import TemplateError

        return TemplateError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@use_case
def open_checklist(s: Session, department_id: str, year: int) -> Checklist:
    """A department's checklist for a 年度 (started on first use), with last year's findings to report on."""
    s.require_department()
    return s.workspace.checklist(department_id, year)


@use_case
def answers(s: Session, cl: Checklist) -> dict[str, Answer]:
    return s.workspace.answers(cl)


@use_case
def answer(s: Session, cl: Checklist, item_id: str) -> Answer | None:
    return s.workspace.answers(cl).get(item_id)


@use_case
def status(s: Session, cl: Checklist) -> str:
    """``in_progress``, ``submitted`` (frozen) or ``returned``."""
    return s.workspace.store.status_of(cl.assessment.id)


@use_case
def is_frozen(s: Session, cl: Checklist) -> bool:
    return status(s, cl) == "submitted"


@use_case
def save(s: Session, cl: Checklist, item_id: str, field: str, value: str) -> bool:
    """Validate and save one field of one answer at once; True when something changed."""
    return s.workspace.save(cl, item_id, field, value, s.actor)


@use_case
def incomplete_items(s: Session, cl: Checklist) -> list[tuple[str, list[str]]]:
    return s.workspace.incomplete_items(cl)


@use_case
def history(s: Session, cl: Checklist, item_id: str | None = None) -> list[HistoryEntry]:
    return s.workspace.store.history(cl.assessment.id, item_id)


# -- carry-over ------------------------------------------------------------------------------
@use_case
def carry_over(s: Session, department_id: str, year: int) -> CarryResult:
    """Start the 年度 from last year's answers, each marked 要再確認."""
    from ..services.answering.carryover import carry_over as carry

    s.require_department()
    return carry(s.workspace, department_id, year, s.actor)


@use_case
def changes_since_last_year(s: Session, cl: Checklist) -> list[ItemChange]:
    from ..services.answering.carryover import changes_since_last_year as changes

    return changes(s.workspace, cl)


@use_case
def last_year(s: Session, cl: Checklist) -> dict[str, LastYear]:
    """Last year's answer to each item that has one (shown beside this year's)."""
    from ..services.answering.carryover import last_year_answers

    return last_year_answers(s.workspace, cl)


@use_case
def central_answers(s: Session, cl: Checklist) -> CentralAnswers | None:
    """The 事務局's answers to the items it answers once for the town that concern this department, when this
    database holds them (read only; the department is not asked them)."""
    return s.workspace.central_answers(cl)


@use_case
def confirm_carried(s: Session, cl: Checklist, item_id: str) -> None:
    """前年どおりで確認: the carried answer stands as this year's (logged)."""
    s.workspace.store.confirm_answer(cl.assessment.id, item_id, actor=s.actor)


# -- evidence --------------------------------------------------------------------------------
@use_case
def attachments(s: Session, cl: Checklist, item_id: str | None = None) -> list[AttachmentRecord]:
    return s.workspace.store.attachments(cl.assessment.id, item_id)


@use_case
def attach(s: Session, cl: Checklist, item_id: str, source: Path) -> int:
    return evidence.attach(s.workspace, cl, item_id, source, s.actor)


@use_case
def save_attachment(s: Session, record: AttachmentRecord, dest: Path) -> Path:
    """Write the attachment to ``dest`` after checking it against its recorded SHA-256."""
    return evidence.save_copy(s.workspace, record, dest)


@use_case
def remove_attachment(s: Session, record: AttachmentRecord) -> None:
    s.workspace.store.remove_attachment(record.id, actor=s.actor)


# -- the answer files ------------------------------------------------------------------------
@use_case
def export_answers(s: Session, cl: Checklist, out: Path) -> Path:
    """The answers as plain JSON (not a submission)."""
    from ..services.submission.submission import export_answers_json

    return export_answers_json(s.workspace, cl, out, s.actor)


@use_case
def import_answers(s: Session, cl: Checklist, path: Path) -> int:
    """Answers from a JSON answers file or a submission file; the number of fields changed."""
    from ..services.submission.submission import import_answers_json

    return import_answers_json(s.workspace, cl, path, s.actor)


@use_case
def check_answer_workbook(s: Session, cl: Checklist, path: Path) -> ChecklistImport:
    """Read a filled Excel answer workbook and say what it would change, every problem with its cell,
    and each spelling read as an answer (○ → 実施している); nothing is written."""
    from ..services.submission.excel_template_checklist import check_template_for_checklist

    s.require_department()
    return check_template_for_checklist(s.workspace, path, department_id=cl.department.id)


@use_case
def apply_answer_workbook(s: Session, plan: ChecklistImport, *, confirmed: bool = False) -> ChecklistImport:
    """Take the workbook's sound rows in. A workbook with problems needs ``confirmed`` (the person has seen
    them); without it nothing is written and a :class:`TemplateError` says why."""
    from ..services.submission.excel_template_checklist import apply_template_to_checklist

    return apply_template_to_checklist(s.workspace, plan, actor=s.actor, confirmed=confirmed)


@use_case
def write_answer_workbook(s: Session, department_id: str, year: int, out: Path) -> Path:
    """The protected Excel answer workbook for a department without the app."""
    from ..services.submission.excel_template_write import write_template

    return write_template(s.workspace, department_id, year, out, actor=s.actor)
