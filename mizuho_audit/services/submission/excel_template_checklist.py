"""A department takes a filled Excel answer workbook into its own checklist, in two steps: check (what
it would change, every problem with its cell, each spelling read as an answer), then apply (only what
is sound, and only after the person has seen the problems)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...i18n import _
from ..workspace import Checklist, Workspace
from .excel_template import check_template
from .excel_template_format import (
    ID_COL,
    TEXT_FIELDS,
    TemplateAnswers,
    TemplateError,
    TemplateMessage,
    TemplateRow,
    _listed,
    cell_name,
)


@dataclass
class ChecklistImport:
    """A workbook on its way into a department's checklist: checked, then (when confirmed) applied.

    ``answers.rows`` are the rows that can be taken, ``answers.problems`` every problem (each with its
    cell), ``answers.damaged`` the items that will not be taken, ``changes`` what taking the rows changes
    (item id -> fields). After :func:`apply_template_to_checklist`, ``imported`` is True and
    ``changed_items`` lists the items whose answers changed.
    """

    answers: TemplateAnswers
    changes: dict[str, list[str]] = field(default_factory=dict)
    imported: bool = False
    changed_items: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.answers.path

    @property
    def problems(self) -> list[TemplateMessage]:
        return self.answers.problems

    @property
    def notes(self) -> list[TemplateMessage]:
        return self.answers.notes

    def report_lines(self) -> list[str]:
        """What was (or, before confirmation, would be) done, in words for the person importing."""
        a, name = self.answers, self.answers.path.name
        taken = sum(1 for r in a.rows if any(_filled(r)))  # rows with something written in them
        lines = []
        if self.imported:
            lines.append(_("{file}: Excel 回答用紙を取り込みました（取り込んだ項目 {taken} 件、"
                           "うち回答が変わった項目 {changed} 件）。").format(
                               file=name, taken=taken, changed=len(self.changed_items)))
        else:
            lines.append(_("{file}: 回答用紙に問題が {count} 件あります（取り込めない項目 {damaged} 件）。"
                           "回答用紙を直して取り込み直すか、問題のない項目だけを取り込んでください。").format(
                               file=name, count=len(a.problems), damaged=len(a.damaged)))
            lines += [f"  {p}" for p in a.problems]
            lines.append(_("問題のない項目だけを取り込むと: {taken} 項目を取り込み、回答が変わる項目は {changed} 件です"
                           "{items}。").format(taken=taken, changed=len(self.changes),
                                             items=_listed(list(self.changes))))
        if a.notes:
            lines.append(_("表記を読み替えた欄（{count} 件）:").format(count=len(a.notes)))
            lines += [f"  {n}" for n in a.notes]
        if self.imported and a.problems:
            lines.append(_("取り込まなかった項目（{count} 件）: アプリで入力するか、その項目だけの回答用紙に"
                           "記入してください{items}。").format(count=len(a.damaged), items=_listed(a.damaged)))
            lines += [f"  {p}" for p in a.problems]
        elif a.damaged:
            lines.append(_("取り込まない項目: {count} 件{items}。").format(count=len(a.damaged),
                                                                    items=_listed(a.damaged)))
        return lines




class TemplateNeedsConfirmation(TemplateError):
    """A workbook with problems: only its accepted rows can be taken, and only when the person confirms."""

    def __init__(self, plan: ChecklistImport) -> None:
        self.plan = plan
        super().__init__(plan.problems, plan.path.name, lines=plan.report_lines())


def check_template_for_checklist(ws: Workspace, path: Path, *, department_id: str | None = None) -> ChecklistImport:
    """Read and check a filled workbook for the department's own checklist; nothing is written.

    Raises :class:`TemplateError` when nothing can be taken (see :func:`check_template`; also a checklist
    of another version, or already submitted). Otherwise the result says which rows can be taken, what
    they change, and every problem; answers written into the form and then emptied are problems too.
    """
    answers = check_template(ws, path, department_id=department_id, require_approver=False)
    cl = _open_checklist(ws, answers)
    ids = {it.id for it in cl.questionnaire.items()}
    for r in answers.rows:
        if r.item_id not in ids:
            answers.problems.append(TemplateMessage(_("この項目はこのチェックリストにありません。"), answers.sheet,
                                                    cell_name(ID_COL + 1, r.row), r.item_id))
    answers.problems += answers.cleared
    answers.problems.sort(key=lambda m: (bool(m.sheet), m.sheet != answers.sheet, m.position()))
    damaged = {m.item_id for m in answers.cleared} | {r.item_id for r in answers.rows if r.item_id not in ids}
    if damaged:
        answers.damaged = [i for i in answers.items if i in damaged or i in answers.damaged]
        answers.rows = [r for r in answers.rows if r.item_id not in damaged]
        answers.notes = [n for n in answers.notes if n.item_id not in damaged]
    return ChecklistImport(answers, _changes(ws, cl, answers.rows))


def _open_checklist(ws: Workspace, answers: TemplateAnswers) -> Checklist:
    name = answers.path.name
    cl = ws.checklist(answers.department_id, answers.fiscal_year)
    if ws.questionnaire_for_key(cl.assessment.questionnaire_key).content_hash != answers.questionnaire.content_hash:
        raise TemplateError(_("{file}: チェックリストの版が、開いている{year}年度のものと違います。"
                              ).format(file=name, year=cl.year))
    if ws.store.status_of(cl.assessment.id) == "submitted":
        raise TemplateError(_("{file}: 提出済みのため取り込めません（取り込むには提出を取り下げてください）。"
                              ).format(file=name))
    return cl


def _changes(ws: Workspace, cl: Checklist, rows: list[TemplateRow]) -> dict[str, list[str]]:
    current = ws.answers(cl)
    changes = {}
    for r in rows:
        now = current.get(r.item_id)
        fields = [f for f, value in _filled(r) if (getattr(now, f) or "") != value] if now else \
            [f for f, _v in _filled(r)]
        if fields:
            changes[r.item_id] = fields
    return changes


def apply_template_to_checklist(ws: Workspace, plan: ChecklistImport, *, actor: str,
                                confirmed: bool = False) -> ChecklistImport:
    """Take the accepted rows of a checked workbook into the checklist; cells left empty change nothing.

    A workbook with any problem is taken only when ``confirmed`` (the person saw the problems and chose
    to take the rest); otherwise :class:`TemplateNeedsConfirmation` is raised and nothing is written.
    """
    if plan.problems and not confirmed:
        raise TemplateNeedsConfirmation(plan)
    answers = plan.answers
    cl = _open_checklist(ws, answers)
    changed = []
    fields = 0
    for r in answers.rows:
        saved = sum(ws.save(cl, r.item_id, f, value, actor) for f, value in _filled(r))
        fields += saved
        if saved:
            changed.append(r.item_id)
    ws.store.log(actor, "answers_imported", f"assessment:{cl.assessment.id}",
                 {"file": answers.path.name, "kind": "xlsx", "fields": fields, "items": len(changed),
                  "not_imported": answers.damaged, "file_sha256": answers.file_sha256})
    return ChecklistImport(answers, plan.changes, True, changed)


def import_template_into_checklist(ws: Workspace, path: Path, *, actor: str, department_id: str | None = None,
                                   confirmed: bool = False) -> int:
    """Check and take a filled workbook in one call; the number of items whose answers changed.

    Raises :class:`TemplateNeedsConfirmation` for a workbook with problems unless ``confirmed``.
    """
    plan = check_template_for_checklist(ws, path, department_id=department_id)
    return len(apply_template_to_checklist(ws, plan, actor=actor, confirmed=confirmed).changed_items)


def _filled(r: TemplateRow) -> Iterable[tuple[str, str]]:
    for f in ("rating", *TEXT_FIELDS, "plan_due"):
        value = getattr(r, f)
        if value:
            yield f, str(value)


# -- the auditor's import, as an unsigned submission ----------------------------------------------------
