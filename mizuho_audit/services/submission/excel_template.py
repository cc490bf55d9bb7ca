"""The Excel answer template (回答用紙) for departments that do not install the app.

A protected workbook of one department's checklist: the department fills in the answer columns and
the 承認者 on the cover and sends the file back. Reading it back checks that it is this template
(hidden ``_meta`` sheet), that the questions and rows were not changed (SHA-256 over the item ids
and question texts, and a comparison with the questionnaire in this database), and normalises the
values where the meaning is unambiguous (○ → 実施している, 令和9年3月31日 → 2027-03-31). The
checksum and the sheet protection (no password) catch accidents, not forgery: a returned workbook
is an unsigned submission.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.xml import DEFUSEDXML  # type: ignore[import-untyped]

from ...domain.assessment import field_label, missing_fields
from ...i18n import _
from ...oserrors import os_reason
from ...storage.repository import ROLE_AUDITOR, now_iso
from ..intake.intake import ImportResult, import_checked
from ..workspace import Workspace
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
    TemplateAnswers,
    TemplateError,
    TemplateRow,
    _canon,
    unsigned_warning,
)
from .excel_template_read import _approver, _check_rows, _date, _item_rows, _known_questionnaire, _meta, _rating, _text
from .excel_template_read import _parse_date_text as _parse_date_text
from .excel_template_write import write_template
from .submission import SubmissionFile, make_envelope
from .workflow import SNAPSHOT_FORMAT, canonical_json, snapshot_hash

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # all members together, as declared in the zip directory
MAX_RATIO = 200  # unpacked : packed, for members over 1 MB
MAX_ROWS = 5000

__all__ = [
    "ANSWERS", "APPROVER_LABELS", "COL", "COLUMNS", "COVER", "FONT_NAME", "HEADERS", "ID_COL", "LISTS",
    "MAX_FILE_BYTES", "MAX_RATIO", "MAX_ROWS", "MAX_UNCOMPRESSED_BYTES", "META", "QUESTION_COL", "RATING_NAME",
    "TEMPLATE_FORMAT", "TEXT_FIELDS", "TemplateAnswers", "TemplateError", "TemplateRow",
    "import_template_as_submission", "import_template_into_checklist", "read_template", "template_to_submission",
    "unsigned_warning", "write_template",
]


# -- reading ----------------------------------------------------------------------------------------


def read_template(ws: Workspace, path: Path, *, department_id: str | None = None,
                  require_approver: bool = True) -> TemplateAnswers:
    """Read and check a returned 回答用紙; raise :class:`TemplateError` naming the file, sheet and row."""
    try:
        return _read_template(ws, path, department_id, require_approver)
    except TemplateError as exc:
        prefix = f"{path.name}: "
        raise TemplateError([p if p.startswith(prefix) else prefix + p for p in exc.problems]) from exc


def _read_template(ws: Workspace, path: Path, department_id: str | None, require_approver: bool) -> TemplateAnswers:
    raw = _read_bounded(path)
    sheets, saved_at = _load_sheets(raw, path.name)
    meta = _meta(sheets.get(META), path.name)
    q = _known_questionnaire(ws, meta)
    dep = meta["department_id"]
    known = {d.id: d for d in ws.departments()}
    if dep not in known:
        raise TemplateError(_("表紙シート: 部署 {department} は部署マスタにありません。").format(department=dep))
    if department_id is not None and dep != department_id:
        target = known[department_id].name if department_id in known else department_id
        raise TemplateError(_("表紙シート 3行目: この回答用紙は {department}（{id}）のものです。"
                              "取り込み先は {target}（{target_id}）です。"
                              ).format(department=known[dep].name, id=dep, target=target, target_id=department_id))
    year = meta["fiscal_year"]
    if year != q.fiscal_year:
        raise TemplateError(_("_meta シート: 年度が合いません（回答用紙は{year}年度、"
                              "チェックリストは{expected}年度）。").format(year=year, expected=q.fiscal_year))
    grid = sheets.get(ANSWERS)
    if grid is None:
        raise TemplateError(_("{file}: 「{sheet}」シートがありません。").format(file=path.name, sheet=ANSWERS))
    found = _item_rows(grid)
    _check_rows(ws, q, known[dep], year, meta, found)
    scale = {o.key: o.label for o in q.scale}
    problems: list[str] = []
    notes: list[str] = []
    rows = []
    for row_no, values in found:
        item_id = _canon(values[ID_COL])
        where = _("回答シート {row}行目（項目 {item}）").format(row=row_no, item=item_id)
        got: dict[str, str] = {f: _text(values[COL[f]]) for f in TEXT_FIELDS}
        rating = _rating(values[COL["rating"]], scale, where, problems, notes)
        due = _date(values[COL["plan_due"]], _("{where}: 期限").format(where=where), problems, notes)
        rows.append(TemplateRow(row_no, item_id, _canon(values[QUESTION_COL]), rating, plan_due=due, **got))
    approver, filled_by = _approver(sheets.get(COVER), require_approver, problems, notes)
    if problems:
        raise TemplateError([f"{path.name}: {p}" for p in problems])
    return TemplateAnswers(path, hashlib.sha256(raw).hexdigest(), dep, year, q, rows, approver, filled_by,
                           saved_at, notes)


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


def _load_sheets(raw: bytes, name: str) -> tuple[dict[str, list[tuple[Any, ...]]], str]:
    """All cell values of the template's sheets, after checking the zip container; and the saved time."""
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
        sheets = {}
        for sheet_name in wb.sheetnames:
            if sheet_name not in (COVER, ANSWERS, META):
                continue
            sheet = wb[sheet_name]
            sheet.reset_dimensions()  # read every row, whatever the stored dimension says
            grid: list[tuple[Any, ...]] = []
            for values in sheet.iter_rows(max_col=len(COLUMNS), values_only=True):
                if len(grid) >= MAX_ROWS:
                    raise TemplateError(_("{file}: 「{sheet}」シートの行が多すぎます（{limit:,} 行まで）。"
                                          ).format(file=name, sheet=sheet_name, limit=MAX_ROWS))
                grid.append(tuple(values))
            sheets[sheet_name] = grid
        modified = wb.properties.modified
    except TemplateError:
        raise
    except Exception as exc:
        raise TemplateError(not_xlsx) from exc
    finally:
        wb.close()
    saved = ""
    if isinstance(modified, datetime):
        saved = modified.replace(tzinfo=modified.tzinfo or UTC).astimezone().isoformat(timespec="seconds")
    return sheets, saved


# -- into a submission (auditor) or a checklist (department) ------------------------------------------


def template_to_submission(ws: Workspace, answers: TemplateAnswers, path: Path, *,
                           submission_version: int = 1) -> dict[str, Any]:
    """A submission envelope (as services.submission writes) from a complete, approved workbook."""
    if answers.approver is None:
        raise TemplateError(_("{file}: 表紙シート: 承認者の記入がありません。").format(file=path.name))
    problems = []
    for r in answers.rows:
        missing = missing_fields(r.answer(), answers.questionnaire)
        if missing:
            problems.append(_("{file}: 回答シート {row}行目（項目 {item}）: {fields}が未記入です。"
                              ).format(file=path.name, row=r.row, item=r.item_id,
                                       fields=_("・").join(field_label(f) for f in missing)))
    if problems:
        raise TemplateError(problems)
    d = ws.department(answers.department_id)
    q = answers.questionnaire
    snap = {
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


def import_template_as_submission(ws: Workspace, path: Path, *, actor: str, confirm_changes: bool = False,
                                  require_trusted: bool = False) -> ImportResult:
    """The auditor's import of a returned workbook, as an unsigned submission; refused files change nothing."""
    if ws.store.role != ROLE_AUDITOR:
        return ImportResult(path, "refused", _("監査担当用のデータベースで取り込んでください。"))
    try:
        answers = read_template(ws, path)
        current = ws.store.received(answers.fiscal_year, answers.department_id)
        version = current[-1].submission_version + 1 if current else 1
        envelope = template_to_submission(ws, answers, path, submission_version=version)
    except TemplateError as exc:
        return ImportResult(path, "refused", str(exc))
    warnings = [unsigned_warning()]
    if answers.notes:
        warnings.append(_("表記を読み替えた欄が {count} 件あります（例: {example}）。"
                          ).format(count=len(answers.notes), example=answers.notes[0]))
    sf = SubmissionFile(path, "xlsx", answers.file_sha256, envelope, None, warnings)
    return import_checked(ws, sf, path, actor=actor, require_trusted=require_trusted,
                          confirm_changes=confirm_changes, label=_("回答用紙（Excel・未署名）"))


def import_template_into_checklist(ws: Workspace, path: Path, *, actor: str,
                                   department_id: str | None = None) -> int:
    """A filled workbook into the department's own checklist (not when submitted); the number of fields changed.

    Everything is checked before anything is written. Empty cells leave existing answers as they are.
    """
    answers = read_template(ws, path, department_id=department_id, require_approver=False)
    cl = ws.checklist(answers.department_id, answers.fiscal_year)
    if ws.questionnaire_for_key(cl.assessment.questionnaire_key).content_hash != answers.questionnaire.content_hash:
        raise TemplateError(_("{file}: チェックリストの版が、開いている{year}年度のものと違います。"
                              ).format(file=path.name, year=cl.year))
    if ws.store.status_of(cl.assessment.id) == "submitted":
        raise TemplateError(_("{file}: 提出済みのため取り込めません（取り込むには提出を取り下げてください）。"
                              ).format(file=path.name))
    ids = {it.id for it in cl.questionnaire.items()}
    unknown = [r for r in answers.rows if r.item_id not in ids]
    if unknown:
        raise TemplateError([_("{file}: 回答シート {row}行目: 項目 {item} はこのチェックリストにありません。"
                               ).format(file=path.name, row=r.row, item=r.item_id)
                             for r in unknown])
    changed = 0
    for r in answers.rows:
        for f, value in _filled(r):
            changed += ws.save(cl, r.item_id, f, value, actor)
    ws.store.log(actor, "answers_imported", f"assessment:{cl.assessment.id}",
                 {"file": path.name, "kind": "xlsx", "fields": changed, "file_sha256": answers.file_sha256})
    return changed


def _filled(r: TemplateRow) -> Iterable[tuple[str, str]]:
    for f in ("rating", *TEXT_FIELDS, "plan_due"):
        value = getattr(r, f)
        if value:
            yield f, str(value)
