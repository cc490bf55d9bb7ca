"""The Excel answer template (回答用紙) for departments that do not install the app.

A protected workbook of one department's checklist: the department fills in the answer columns and
the 承認者 on the cover and sends the file back. Reading it back checks that it is this template
(hidden ``_meta`` sheet), compares every row with the questionnaire in this database (item id and
question text; SHA-256 over them in ``_meta``), and normalises the values where the questionnaire
says how (its scale's spellings: ○ → 実施している; dates: 令和9年3月31日 → 2027-03-31), listing each
reinterpretation with its cell. Every problem is found in one pass, with its sheet, cell and item.

Importing is two steps, so that nothing is half-imported: :func:`check_template_for_checklist` (the
department) or :func:`check_template` (the auditor) reads and checks, and says which rows can be
taken and which are damaged; :func:`apply_template_to_checklist` takes the accepted rows, and only
with the person's confirmation when there was any problem. The checksum and the sheet protection
(no password) catch accidents, not forgery: a returned workbook is an unsigned submission.
"""

from __future__ import annotations

import hashlib
import zipfile
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.worksheet._reader import WorkSheetParser  # type: ignore[import-untyped]
from openpyxl.xml import DEFUSEDXML  # type: ignore[import-untyped]

from ...clock import japan_iso
from ...domain.assessment import field_label, missing_fields
from ...i18n import _
from ...oserrors import os_reason
from ...storage.repository import ROLE_AUDITOR, now_iso
from ..intake.intake import ImportResult, import_checked
from ..intake.trust_checks import ImportOptions
from ..workspace import FOLLOWUP_PREFIX, Workspace
from .excel_template_format import (
    ANSWERS,
    APPROVER_LABELS,
    COL,
    COLUMNS,
    COVER,
    FONT_NAME,
    HEADERS,
    ID_COL,
    LISTS,
    META,
    QUESTION_COL,
    RATING_NAME,
    TEMPLATE_FORMAT,
    TEXT_FIELDS,
    Book,
    SheetScan,
    TemplateAnswers,
    TemplateError,
    TemplateMessage,
    TemplateRow,
    _listed,
    field_cell,
    unsigned_warning,
)
from .excel_template_read import check_book
from .excel_template_values import _parse_date_text as _parse_date_text
from .excel_template_values import _text
from .excel_template_write import write_template
from .submission import SubmissionFile, make_envelope
from .workflow import SNAPSHOT_FORMAT, canonical_json, snapshot_hash

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # all members together, as declared in the zip directory
MAX_RATIO = 200  # unpacked : packed, for members over 1 MB
MAX_ROWS = 5000
MAX_CELLS = 500_000  # filled cells in all sheets together

__all__ = [
    "ANSWERS", "APPROVER_LABELS", "COL", "COLUMNS", "COVER", "FONT_NAME", "HEADERS", "ID_COL", "LISTS",
    "MAX_FILE_BYTES", "MAX_RATIO", "MAX_ROWS", "MAX_UNCOMPRESSED_BYTES", "META", "QUESTION_COL", "RATING_NAME",
    "TEMPLATE_FORMAT", "TEXT_FIELDS", "TemplateAnswers", "TemplateError", "TemplateMessage",
    "TemplateRow", "check_template",
    "import_template_as_submission", "read_template", "template_to_submission", "unsigned_warning", "write_template",
]




# -- reading ----------------------------------------------------------------------------------------


def check_template(ws: Workspace, path: Path, *, department_id: str | None = None,
                   require_approver: bool = True) -> TemplateAnswers:
    """Read and check a returned 回答用紙 in one pass: the rows that can be taken and every problem found.

    Raises :class:`TemplateError` (each line naming the file) when nothing in the file can be taken: not
    a 回答用紙, another department's or year's, an unknown checklist, the 回答 sheet or its columns gone.
    """
    try:
        raw = _read_bounded(path)
        book = _load_book(raw, path.name)
        return check_book(ws, book, path, hashlib.sha256(raw).hexdigest(), department_id, require_approver)
    except TemplateError as exc:
        raise TemplateError(exc.messages, path.name) from exc


def read_template(ws: Workspace, path: Path, *, department_id: str | None = None,
                  require_approver: bool = True) -> TemplateAnswers:
    """Read and check a returned 回答用紙; raise :class:`TemplateError` listing every problem, if any."""
    answers = check_template(ws, path, department_id=department_id, require_approver=require_approver)
    if answers.problems:
        raise TemplateError(answers.problems, path.name)
    return answers


def _read_bounded(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TemplateError(_("{file}: ファイルが大きすぎます（{size:,} バイト。"
                                  "上限 {limit:,} バイト）。"
                                  ).format(file=path.name, size=size, limit=MAX_FILE_BYTES))
        return path.read_bytes()
    except (OSError, ValueError) as exc:
        raise TemplateError(_("{file}: ファイルを読めません（{reason}）。"
                              ).format(file=path.name, reason=os_reason(exc))) from exc


def _load_book(raw: bytes, name: str) -> Book:
    """The filled cells and merged ranges of every sheet, after checking the zip container; the saved time."""
    if not DEFUSEDXML:
        raise TemplateError(_("defusedxml がインストールされていないため、Excelファイルを安全に読めません。"))
    not_xlsx = _("{file}: Excelファイル（.xlsx）として読めません。自己点検の回答用紙を選んでください。"
                 ).format(file=name)
    try:
        with zipfile.ZipFile(BytesIO(raw)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TemplateError(not_xlsx) from exc
    declared = sum(m.file_size for m in members)
    if declared > MAX_UNCOMPRESSED_BYTES or len(members) > 1000:
        # zipfile stops at the declared size when reading, so the directory bounds what is unpacked.
        raise TemplateError(_("{file}: 展開後のサイズが大きすぎます（{declared:,} バイト）。"
                              "壊れているか、回答用紙ではないファイルです。").format(file=name, declared=declared))
    packed = [m for m in members if m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1)]
    if packed:
        # A sheet of identical rows packs about 40:1; a run of zeros (a zip bomb) about 1000:1.
        raise TemplateError(_("{file}: 圧縮率が異常に高い部分（{filename}）があります。"
                              "壊れているか、回答用紙ではないファイルです。"
                              ).format(file=name, filename=packed[0].filename))
    try:
        wb = load_workbook(BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on files it cannot read
        raise TemplateError(not_xlsx) from exc
    try:
        budget = [MAX_CELLS]
        sheets = {n: _scan(wb, wb[n], name, budget) for n in wb.sheetnames if hasattr(wb[n], "_get_source")}
        modified = wb.properties.modified
    except TemplateError:
        raise
    except Exception as exc:
        raise TemplateError(not_xlsx) from exc
    finally:
        wb.close()
    saved = ""
    if isinstance(modified, datetime):
        saved = japan_iso(modified.replace(tzinfo=modified.tzinfo or UTC))  # Japan time, whatever the machine
    return Book(sheets, saved)


def _scan(wb: Any, sheet: Any, file: str, budget: list[int]) -> SheetScan:
    """One sheet's filled cells (all columns, so that writing outside the form is seen) and merged ranges.

    openpyxl's read-only sheets neither report merged cells nor read a row without padding it to its
    last column, so the sheet's XML goes through openpyxl's own parser (safe with defusedxml) directly.
    """
    scan = SheetScan(sheet.title)
    with sheet._get_source() as src:
        parser = WorkSheetParser(src, wb.shared_strings, data_only=True, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for count, (_row, cells) in enumerate(parser.parse(), start=1):
            if count > MAX_ROWS:
                raise TemplateError(_("{file}: 「{sheet}」シートの行が多すぎます（{limit:,} 行まで）。"
                                      ).format(file=file, sheet=sheet.title, limit=MAX_ROWS))
            for c in cells:
                if _text(c["value"]) == "":
                    continue
                budget[0] -= 1
                if budget[0] < 0:
                    raise TemplateError(_("{file}: 記入のあるセルが多すぎます（{limit:,} 個まで）。"
                                          ).format(file=file, limit=MAX_CELLS))
                scan.cells.setdefault(int(c["row"]), {})[int(c["column"])] = c["value"]
        if parser.merged_cells is not None:
            scan.merged = [str(m.coord) for m in parser.merged_cells.mergeCell]
    return scan


# -- the department's import into its own checklist ---------------------------------------------------


def _incomplete(answers: TemplateAnswers) -> list[TemplateMessage]:
    found = []
    for r in answers.rows:
        missing = missing_fields(r.answer(), answers.questionnaire, answers.fiscal_year)
        if missing:
            found.append(TemplateMessage(_("{fields}が未記入です。").format(
                fields=_("・").join(field_label(f) for f in missing)), answers.sheet, field_cell(missing[0], r.row),
                r.item_id))
    return found


def _blocking(answers: TemplateAnswers) -> tuple[list[TemplateMessage], bool]:
    """Why a workbook cannot be a submission even with confirmation (a submission is every item, approved):
    the problems to add to the workbook's own, and whether it is refused."""
    found = _incomplete(answers)
    if answers.some_items_only:
        found.append(TemplateMessage(_("一部の項目（{count} 項目）だけの回答用紙です。提出として取り込むには、"
                                       "すべての項目の回答用紙が必要です。").format(count=len(answers.items))))
    if answers.damaged:
        found.append(TemplateMessage(_("取り込めない項目が {count} 件あります{items}。提出にはすべての項目の回答が"
                                       "必要です。部署に、直した回答用紙を送り直してもらってください。").format(
                                           count=len(answers.damaged), items=_listed(answers.damaged))))
    if answers.approver is None and not answers.problems:
        found.append(TemplateMessage(_("承認者の記入がありません。"), COVER))
    return found, bool(found) or answers.approver is None


def template_to_submission(ws: Workspace, answers: TemplateAnswers, path: Path, *,
                           submission_version: int = 1) -> dict[str, Any]:
    """A submission envelope (as services.submission writes) from a complete, approved workbook."""
    blocking, refused = _blocking(answers)
    if refused or answers.approver is None:
        raise TemplateError([*answers.problems, *blocking], path.name)
    d = ws.department(answers.department_id)
    q = answers.questionnaire
    asked: dict[str, Any] = {}
    if q.rotates and answers.themes is not None:  # the items the form asked, as a submission from the app says
        asked["asked"] = {"group": q.due_group, "themes": list(answers.themes),
                          "items": [i for i in answers.items if not i.startswith(FOLLOWUP_PREFIX)]}
    snap = {
        **asked,
        "format": SNAPSHOT_FORMAT,
        "department": {"id": d.id, "name": d.name, "body": d.body_name, "division": d.division},
        "fiscal_year": answers.fiscal_year,
        "questionnaire": {"id": q.id, "version": q.version, "content_hash": q.content_hash, "title": q.title},
        "submission_version": submission_version,
        "approver": {"name": answers.approver.name, "title": answers.approver.title, "date": answers.approver.date},
        "submitted_at": answers.saved_at or now_iso(),
        "submitted_by": answers.filled_by or "（Excel回答用紙）",
        "answers": [{"item_id": r.item_id, "rating": r.rating, "note": r.note, "reason": r.reason,
                     "plan_content": r.plan_content, "plan_owner": r.plan_owner, "plan_due": r.plan_due,
                     "needs_review": False, "attachments": []} for r in answers.rows],
    }
    envelope = make_envelope(canonical_json(snap), snapshot_hash(snap), "", now_iso())
    envelope["source"] = {"kind": "excel-template", "file": path.name, "file_sha256": answers.file_sha256}
    return envelope


def import_template_as_submission(ws: Workspace, path: Path, *, actor: str,
                                  options: ImportOptions | None = None) -> ImportResult:
    """The auditor's import of a returned workbook, as an unsigned submission; refused files change nothing.

    Every problem is listed at once. A submission needs every item answered and the approval, so a
    workbook with damaged items or missing answers is refused; problems that lose no answer (a renamed
    sheet, writing outside the form) need ``options.confirm_changes``. Each reinterpreted cell is a warning.
    """
    options = options or ImportOptions()
    if ws.store.role != ROLE_AUDITOR:
        return ImportResult(path, "refused", _("監査担当用のデータベースで取り込んでください。"))
    try:
        answers = check_template(ws, path)
    except TemplateError as exc:
        return ImportResult(path, "refused", str(exc))
    dep, year = answers.department_id, answers.fiscal_year
    blocking, refused = _blocking(answers)
    problems = TemplateError([*answers.problems, *blocking], path.name).problems
    notes = [str(n) for n in answers.notes]
    if refused:
        head = _("{file}: 取り込めません（問題 {count} 件）。").format(file=path.name, count=len(problems))
        return ImportResult(path, "refused", "\n".join([head, *problems]), None, dep, year, "unsigned", notes)
    if problems and not options.confirm_changes:
        head = _("{file}: 回答用紙に、取り込まれない記入などの問題が {count} 件あります。確認してから取り込んでください"
                 "（回答はすべて読めています）。").format(file=path.name, count=len(problems))
        return ImportResult(path, "needs_confirmation", "\n".join([head, *problems]), None, dep, year, "unsigned",
                            notes)
    current = ws.store.received(year, dep)
    version = current[-1].submission_version + 1 if current else 1
    envelope = template_to_submission(ws, answers, path, submission_version=version)
    warnings = [unsigned_warning(), *notes,
                *(_("確認のうえ取り込みました: {problem}").format(problem=p) for p in problems)]
    sf = SubmissionFile(path, "xlsx", answers.file_sha256, envelope, None, warnings)
    return import_checked(ws, sf, path, actor=actor, options=options, label=_("回答用紙（Excel・未署名）"))
