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
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.formatting.rule import FormulaRule  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side  # type: ignore[import-untyped]
from openpyxl.workbook.defined_name import DefinedName  # type: ignore[import-untyped]
from openpyxl.workbook.protection import WorkbookProtection  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]
from openpyxl.xml import DEFUSEDXML  # type: ignore[import-untyped]

from ..domain.assessment import Answer, field_label, missing_fields
from ..domain.departments import Department
from ..domain.questionnaire import Item, Questionnaire
from ..domain.wareki import fiscal_year_label
from ..i18n import _
from ..oserrors import os_reason
from ..storage.repository import ROLE_AUDITOR, now_iso
from .intake import ImportResult, import_checked
from .submission import SubmissionFile, make_envelope, write_atomic
from .workflow import SNAPSHOT_FORMAT, Approver, canonical_json, snapshot_hash
from .workspace import FOLLOWUP_PREFIX, Workspace, with_followups

TEMPLATE_FORMAT = "mizuho-audit/excel-template@1"
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # all members together, as declared in the zip directory
MAX_RATIO = 200  # unpacked : packed, for members over 1 MB
MAX_ROWS = 5000
COVER, ANSWERS, LISTS, META = "表紙", "回答", "_lists", "_meta"
RATING_NAME = "MizuhoRatingOptions"
FONT_NAME = "ＭＳ Ｐゴシック"


def unsigned_warning() -> str:
    return _("Excelの回答用紙には電子署名がありません（未署名）。チェックサムは誤って様式を書き換えたことを"
             "見つけるためのもので、意図的な改ざんは防げません。")

# (header, width, answer field or None). Only the answer columns are unlocked.
COLUMNS: tuple[tuple[str, float, str | None], ...] = (
    ("章", 11, None), ("節", 11, None), ("項目ID", 9, None), ("質問", 38, None), ("補足説明", 24, None),
    ("判断基準（実施している）", 24, None), ("判断基準（一部実施している）", 24, None), ("根拠資料の例", 15, None),
    ("重要度", 6, None), ("評価", 15, "rating"), ("実施状況・根拠", 32, "note"), ("該当しない理由", 20, "reason"),
    ("改善計画の内容", 26, "plan_content"), ("担当", 10, "plan_owner"), ("期限", 11, "plan_due"),
)
HEADERS = tuple(c[0] for c in COLUMNS)
COL = {c[2]: i for i, c in enumerate(COLUMNS) if c[2]}  # answer field -> 0-based column index
ID_COL, QUESTION_COL = HEADERS.index("項目ID"), HEADERS.index("質問")
TEXT_FIELDS = ("note", "reason", "plan_content", "plan_owner")
APPROVER_LABELS = {"name": "承認者 氏名", "title": "承認者 職名", "date": "承認日", "filled_by": "記入者 氏名"}

_SYMBOLS = {"○": "done", "◯": "done", "〇": "done", "△": "partial", "×": "not_done", "✕": "not_done",
            "-": "na", "ー": "na", "−": "na", "―": "na", "‐": "na", "–": "na", "—": "na", "N/A": "na"}
_WESTERN = re.compile(r"(\d{4})(?:[/.-](\d{1,2})[/.-](\d{1,2})|年(\d{1,2})月(\d{1,2})日)")
_ERA = re.compile(r"(R|H|令和|平成)(\d{1,2}|元)(?:[/.-](\d{1,2})[/.-](\d{1,2})|年(\d{1,2})月(\d{1,2})日)")
_ERA_SPAN = {"R": (2018, date(2019, 5, 1), date(9999, 12, 31)), "H": (1988, date(1989, 1, 8), date(2019, 4, 30))}

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
_MISSING_FILL = PatternFill("solid", fgColor="F8CBAD")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


class TemplateError(Exception):
    """A workbook that cannot be used; the message (in the user's language) names the sheet and row of each problem."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        shown = self.problems[:30] + ([_("ほか {count} 件"
                                         ).format(count=len(self.problems) - 30)] if len(self.problems) > 30 else [])
        super().__init__("\n".join(shown))


@dataclass(frozen=True)
class TemplateRow:
    """One answered row of the 回答 sheet, normalised."""

    row: int
    item_id: str
    question: str
    rating: str | None = None
    note: str = ""
    reason: str = ""
    plan_content: str = ""
    plan_owner: str = ""
    plan_due: str = ""

    def answer(self) -> Answer:
        return Answer(self.item_id, self.rating, self.note, self.reason, self.plan_content, self.plan_owner,
                      self.plan_due)


@dataclass
class TemplateAnswers:
    """A returned workbook, checked and normalised."""

    path: Path
    file_sha256: str
    department_id: str
    fiscal_year: int
    questionnaire: Questionnaire  # the full questionnaire the template was made from
    rows: list[TemplateRow]
    approver: Approver | None
    filled_by: str = ""
    saved_at: str = ""  # when the workbook was last saved (its document properties), ISO
    notes: list[str] = field(default_factory=list)  # values read in a normalised form


# -- writing ----------------------------------------------------------------------------------------


def write_template(ws: Workspace, department_id: str, year: int, out: Path, *, actor: str) -> Path:
    """Write the 回答用紙 of a department's checklist for a 年度 (current answers filled in, if any)."""
    department, checklist, full, answers = _template_checklist(ws, department_id, year)
    items = list(checklist.items())
    rows = [(it.id, it.question) for it in items]
    identity = _identity(full, department.id, year)
    wb = Workbook()
    cover = wb.active
    cover.title = COVER
    _write_cover(cover, department, full, year, len(items))
    sheet = wb.create_sheet(ANSWERS)
    _write_answers(sheet, checklist, items, answers)
    _page_setup(sheet, department, year, landscape=True)
    lists = wb.create_sheet(LISTS)
    for i, opt in enumerate(checklist.scale, start=1):
        lists.cell(row=i, column=1, value=opt.label)
    wb.defined_names[RATING_NAME] = DefinedName(RATING_NAME, attr_text=f"'{LISTS}'!$A$1:$A${len(checklist.scale)}")
    meta = wb.create_sheet(META)
    meta_values = {**identity, "item_count": len(items), "checksum": _checksum(identity, rows),
                   "created_at": now_iso()}
    for i, (k, v) in enumerate(meta_values.items(), start=1):
        meta.cell(row=i, column=1, value=k)
        meta.cell(row=i, column=2, value=str(v))
    for hidden in (lists, meta):
        hidden.sheet_state = "veryHidden"
        hidden.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)  # no sheet deleted, renamed or unhidden by mistake
    wb.active = 0
    buf = BytesIO()
    wb.save(buf)
    write_atomic(out, buf.getvalue())
    ws.store.log(actor, "template_exported", f"department:{department.id}/{year}",
                 {"file": out.name, "items": len(items), "checksum": meta_values["checksum"]})
    return out


def _template_checklist(ws: Workspace, department_id: str,
                        year: int) -> tuple[Department, Questionnaire, Questionnaire, dict[str, Answer]]:
    """(department, its checklist, the full questionnaire, current answers) for the template."""
    department = ws.department(department_id)
    if ws.store.role == ROLE_AUDITOR:
        # The auditor's database holds no department answers: take the catalog, create no assessment.
        full = ws.catalog.for_year(year)
        if full is None:
            raise KeyError(_("{year}年度のチェックリストがありません。").format(year=year))
        return department, full.checklist_for(department.traits), full, {}
    cl = ws.checklist(department_id, year)
    return department, cl.questionnaire, ws.questionnaire_for_key(cl.assessment.questionnaire_key), ws.answers(cl)


def _put(cell: Any, value: Any) -> Any:
    """Set a value; text is never taken as a formula and loses characters XML cannot carry."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        if value.startswith("="):
            cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _write_cover(sheet: Any, department: Department, q: Questionnaire, year: int, count: int) -> None:
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 78
    label_font, body = Font(name=FONT_NAME, size=11, bold=True), Font(name=FONT_NAME, size=11)
    title = sheet.cell(row=1, column=1, value=f"{fiscal_year_label(year)} 情報セキュリティ自己点検 回答用紙")
    title.font = Font(name=FONT_NAME, size=16, bold=True)
    sheet.merge_cells("A1:B1")
    sheet.row_dimensions[1].height = 28
    facts = [("部署", department.display_name), ("年度", f"{fiscal_year_label(year)}（{year}年度）"),
             ("チェックリスト", f"{q.title}（版 {q.version}）"), ("項目数", f"{count} 項目")]
    row = 3
    for label, value in facts:
        _put(sheet.cell(row=row, column=1), label).font = label_font
        _put(sheet.cell(row=row, column=2), value).font = body
        row += 1
    steps = [
        "「回答」シートの色の付いた欄（評価・実施状況・根拠・該当しない理由・改善計画の内容・担当・期限）に"
        "記入してください。ほかの欄は変更できません。",
        "評価は、欄を選ぶと出る ▼ の一覧から選んでください"
        "（実施している／一部実施している／実施していない／該当しない）。",
        "判断の目安は、同じ行の「判断基準」の欄にあります。「根拠資料の例」は、確認に使う書類の例です。",
        "「実施状況・根拠」には、何をしているか、どの記録で確かめたかを書いてください。",
        "「該当しない」を選んだ項目は、該当しない理由を書いてください。",
        "「一部実施している」「実施していない」を選んだ項目は、改善計画の内容・担当・期限を書いてください。",
        "期限と承認日は日付で入力してください（例: 2027/3/31）。",
        "行の追加・削除・並べ替えや、質問の書き換えはしないでください。取り込むときに確かめ、"
        "変わっている回答用紙は受け付けられません。",
        "記入が終わったら、情報セキュリティ管理者（課長など）の確認を受け、下の承認欄に記入して、"
        "このファイルのまま返送してください。",
        "シートの保護は誤って書き換えることを防ぐためのもので、パスワードはありません。保護を解除しないでください。",
    ]
    row += 1
    _put(sheet.cell(row=row, column=1), "記入のしかた").font = Font(name=FONT_NAME, size=12, bold=True)
    row += 1
    for n, text in enumerate(steps, start=1):
        number = sheet.cell(row=row, column=1, value=f"{n}.")
        number.font, number.alignment = body, Alignment(horizontal="right", vertical="top")
        cell = _put(sheet.cell(row=row, column=2), text)
        cell.font, cell.alignment = body, _WRAP
        sheet.row_dimensions[row].height = _height(text, 78 * 0.9, 14.5)
        row += 1
    row += 1
    _put(sheet.cell(row=row, column=1), "承認欄").font = Font(name=FONT_NAME, size=12, bold=True)
    row += 1
    for key, label in APPROVER_LABELS.items():
        head = _put(sheet.cell(row=row, column=1), label)
        head.font, head.border, head.fill = label_font, _BORDER, _HEAD_FILL
        cell = sheet.cell(row=row, column=2)
        cell.font, cell.border, cell.fill, cell.protection = body, _BORDER, _INPUT_FILL, _UNLOCKED
        cell.alignment = Alignment(horizontal="left", vertical="center")
        if key == "date":
            cell.number_format = "yyyy/m/d"
            _date_validation(sheet, f"B{row}", "承認日", "承認した日を入力してください（例: 2026/11/20）。")
        sheet.row_dimensions[row].height = 22
        row += 1
    note = _put(sheet.cell(row=row, column=2),
                "記入者 氏名は任意です。承認者の氏名・職名・承認日がない回答用紙は受け付けられません。")
    note.font, note.alignment = Font(name=FONT_NAME, size=9), _WRAP
    sheet.protection.sheet = True
    _page_setup(sheet, department, year, landscape=False)


def _write_answers(sheet: Any, checklist: Questionnaire, items: list[Item], answers: dict[str, Answer]) -> None:
    head_font, body = Font(name=FONT_NAME, size=10, bold=True), Font(name=FONT_NAME, size=10)
    for c, (header, width, _f) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=c, value=header)
        cell.font, cell.fill, cell.border = head_font, _HEAD_FILL, _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.row_dimensions[1].height = 28
    chapters = {ch.id: ch for ch in checklist.chapters}
    sections = {sec.id: sec for ch in checklist.chapters for sec in ch.sections}
    for r, it in enumerate(items, start=2):
        ch, sec = chapters.get(it.chapter_id), sections.get(it.section_id)
        a = answers.get(it.id) or Answer(it.id)
        due: Any = date.fromisoformat(a.plan_due) if a.plan_due else None
        rating = next((o.label for o in checklist.scale if o.key == a.rating), None)
        values: list[Any] = [
            f"{ch.id} {ch.title}" if ch else it.chapter_id, f"{sec.id} {sec.title}" if sec else it.section_id,
            it.id, it.question, it.guidance, it.criteria_done, it.criteria_partial, "、".join(it.evidence),
            it.importance, rating, a.note, a.reason, a.plan_content, a.plan_owner, due]
        for c, value in enumerate(values, start=1):
            cell = _put(sheet.cell(row=r, column=c), value)
            cell.font, cell.border, cell.alignment = body, _BORDER, _WRAP
            if COLUMNS[c - 1][2]:
                cell.fill, cell.protection = _INPUT_FILL, _UNLOCKED
        sheet.cell(row=r, column=COL["plan_due"] + 1).number_format = "yyyy/m/d"
        sheet.row_dimensions[r].height = max(_height(v, COLUMNS[i][1], 13) for i, v in enumerate(values))
    last = len(items) + 1
    letter = {f: sheet.cell(row=1, column=i + 1).column_letter for f, i in COL.items()}
    rating_dv = DataValidation(type="list", formula1=RATING_NAME, allow_blank=True, showDropDown=False,
                               showErrorMessage=True, errorStyle="stop", errorTitle="評価",
                               error="一覧（▼）から選んでください。", showInputMessage=True, promptTitle="評価",
                               prompt="一覧（▼）から選んでください。")
    rating_dv.add(f"{letter['rating']}2:{letter['rating']}{last}")
    sheet.add_data_validation(rating_dv)
    _date_validation(sheet, f"{letter['plan_due']}2:{letter['plan_due']}{last}", "期限",
                     "改善を終える予定の日を入力してください（例: 2027/3/31）。")
    # Required fields still empty are shaded, so the department sees what is missing before sending.
    rate = f"${letter['rating']}2"
    reason_labels = [o.label for o in checklist.scale if o.requires_reason]
    plan_labels = [o.label for o in checklist.scale if o.requires_plan]
    for fields_, labels in ((("reason",), reason_labels), (("plan_content", "plan_due"), plan_labels)):
        if not labels:
            continue
        chosen = "OR(" + ",".join(f'{rate}="{lb}"' for lb in labels) + ")"
        for f in fields_:
            col = letter[f]
            rule = FormulaRule(formula=[f"AND({chosen},LEN(TRIM({col}2))=0)"], fill=_MISSING_FILL)
            sheet.conditional_formatting.add(f"{col}2:{col}{last}", rule)
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = f"A1:{sheet.cell(row=1, column=len(COLUMNS)).column_letter}{last}"
    sheet.print_title_rows = "1:1"
    p = sheet.protection
    p.sheet = True
    p.formatColumns = p.formatRows = p.autoFilter = False  # widths, heights and filters stay usable


def _date_validation(sheet: Any, ref: str, title: str, prompt: str) -> None:
    dv = DataValidation(type="date", operator="between", formula1="36526", formula2="73050", allow_blank=True,
                        showErrorMessage=True, errorStyle="stop", errorTitle=title,
                        error="日付を入力してください（例: 2027/3/31）。", showInputMessage=True,
                        promptTitle=title, prompt=prompt)
    dv.add(ref)
    sheet.add_data_validation(dv)


def _page_setup(sheet: Any, department: Department, year: int, *, landscape: bool) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.8  # room for the header: LibreOffice clips it otherwise
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.oddHeader.center.text = "&B取扱注意"  # &B: bold, whatever the language of Excel
    sheet.oddHeader.center.size = 12
    sheet.oddHeader.right.text = f"{fiscal_year_label(year)} {department.name}"
    sheet.oddFooter.center.text = "&P / &N"


def _height(value: Any, width: float, line: float) -> float:
    """Row height (points) for a cell's wrapped text; CJK characters count two of the column's width units.

    LibreOffice does not fit row heights on opening, so they are estimated (calibrated on Excel's metrics,
    where a width of 24 holds about 13 full-width characters at 10 pt; LibreOffice fits a few more).
    """
    text = "" if value is None else str(value)
    lines = 0
    for para in text.split("\n"):
        units = sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in para)
        lines += max(1, -(-units // max(1, int(width))))
    return line * lines + 5


def _identity(q: Questionnaire, department_id: str, year: int) -> dict[str, Any]:
    return {"format": TEMPLATE_FORMAT, "questionnaire_id": q.id, "questionnaire_version": q.version,
            "content_hash": q.content_hash, "department_id": department_id, "fiscal_year": year}


def _canon(text: Any) -> str:
    return "" if text is None else str(text).replace("\r\n", "\n").replace("\r", "\n").strip()


def _checksum(identity: dict[str, Any], rows: Sequence[tuple[str, str]]) -> str:
    """SHA-256 over the template's identity and the item ids and question texts, in row order."""
    data = {**identity, "fiscal_year": str(identity["fiscal_year"]),
            "rows": [[_canon(i), _canon(q)] for i, q in rows]}
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


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


def _meta(grid: list[tuple[Any, ...]] | None, name: str) -> dict[str, Any]:
    not_template = _("{file}: 自己点検の回答用紙ではありません（管理用の _meta シートがありません）。"
                     ).format(file=name)
    if grid is None:
        raise TemplateError(not_template)
    meta = {str(r[0]): _canon(r[1]) for r in grid if len(r) >= 2 and r[0] is not None}
    if meta.get("format") != TEMPLATE_FORMAT:
        raise TemplateError(not_template)
    missing = [k for k in ("questionnaire_id", "questionnaire_version", "content_hash", "department_id",
                           "fiscal_year", "checksum") if not meta.get(k)]
    if missing or not meta["fiscal_year"].isdigit():
        raise TemplateError(_("_meta シート: 管理情報が欠けています（{fields}）。"
                              ).format(fields=', '.join(missing) or 'fiscal_year'))
    return {**meta, "fiscal_year": int(meta["fiscal_year"])}


def _known_questionnaire(ws: Workspace, meta: dict[str, Any]) -> Questionnaire:
    found = ws.catalog.find(meta["questionnaire_id"], meta["questionnaire_version"])
    if found is not None and found.content_hash == meta["content_hash"]:
        return found
    key = ws.store.questionnaire_key_by_hash(meta["content_hash"])
    if key is None:
        raise TemplateError(_("_meta シート: チェックリスト「{id}」（版 "
                              "{version}）はこのデータベースに登録されていません。"
                              ).format(id=meta['questionnaire_id'],
                                       version=meta['questionnaire_version']))
    return ws.questionnaire_for_key(key)


def _item_rows(grid: list[tuple[Any, ...]]) -> list[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of the item rows below the header; trailing empty rows dropped."""
    if not grid or tuple(_canon(v) for v in grid[0][:len(HEADERS)]) != HEADERS:
        raise TemplateError(_("回答シート 1行目: 見出しが元の様式と違います（列が追加・削除・移動されています）。"))
    rows = [(i, values) for i, values in enumerate(grid[1:], start=2)]
    while rows and all(_canon(v) == "" for v in rows[-1][1]):
        rows.pop()
    return rows


def _check_rows(ws: Workspace, q: Questionnaire, department: Department, year: int, meta: dict[str, Any],
                found: list[tuple[int, tuple[Any, ...]]]) -> None:
    """The rows must be the questionnaire's, unchanged and in order; the checksum must match."""
    read = [(_canon(v[ID_COL]), _canon(v[QUESTION_COL])) for _, v in found]
    checklist = q.checklist_for(department.traits)
    followups = ws.store.followups(department.id, year - 1)
    if followups:
        expected = [(it.id, _canon(it.question)) for it in with_followups(checklist, followups).items()]
    else:
        # Follow-up items this database does not know (e.g. the auditor's): the checksum vouches for them.
        expected = [(it.id, _canon(it.question)) for it in checklist.items()]
        expected += [r for r in read if r[0].startswith(FOLLOWUP_PREFIX)]
    redo = _("行の追加・削除・並べ替えや質問の書き換えをした回答用紙は取り込めません。"
             "新しい回答用紙に記入してください。")
    read_ids, expected_ids = {r[0] for r in read}, {e[0] for e in expected}
    for i in range(max(len(read), len(expected))):
        row_no = i + 2
        if i >= len(read):
            raise TemplateError(_("回答シート {row}行目: 項目 {item} の行がありません"
                                  "（行が削除されています）。{redo}"
                                  ).format(row=row_no, item=expected[i][0], redo=redo))
        rid, rq = read[i]
        if i >= len(expected):
            raise TemplateError(_("回答シート {row}行目: 元の様式にない行です（項目ID「{item}」）。{redo}"
                                  ).format(row=row_no, item=rid, redo=redo))
        eid, eq = expected[i]
        if not rid:
            raise TemplateError(_("回答シート {row}行目: 項目IDがありません。{redo}"
                                  ).format(row=row_no, redo=redo))
        if rid != eid:
            if rid not in expected_ids:
                why = _("項目ID「{item}」は元の様式にありません（IDが書き換えられています）").format(item=rid)
            elif eid not in read_ids:
                why = _("項目 {item} の行がありません（行が削除されています）").format(item=eid)
            else:
                why = _("項目 {item} の行の位置が元の様式と違います（並べ替えられています）").format(item=rid)
            raise TemplateError(_("回答シート {row}行目: {why}。{redo}").format(row=row_no, why=why, redo=redo))
        if rq != eq:
            raise TemplateError(_("回答シート {row}行目（項目 {item}）: 質問の文が元の様式から"
                                  "書き換えられています。{redo}").format(row=row_no, item=rid, redo=redo))
    identity = _identity(q, department.id, year)
    if _checksum(identity, read) != meta["checksum"]:
        raise TemplateError(_("_meta シート: チェックサムが一致しません（管理情報が書き換えられています）。"
                              "新しい回答用紙に記入してください。"))


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _rating(value: Any, scale: dict[str, str], where: str, problems: list[str], notes: list[str]) -> str | None:
    """The scale key of a rating cell: a label (NFKC, spaces ignored) or ○ △ × － N/A; else a problem."""
    shown = _text(value)
    if not shown:
        return None
    k = _key(shown)
    key = next((kk for kk, label in scale.items() if _key(label) == k), None)
    if key is None and _SYMBOLS.get(k) in scale:
        key = _SYMBOLS[k]
    if key is None:
        problems.append(_("{where}: 評価「{value}」は選択肢にありません"
                          "（{options} から選んでください）。"
                          ).format(where=where, value=shown, options=_("／").join(scale.values())))
        return None
    if shown != scale[key]:
        notes.append(_("{where}: 評価「{value}」を「{label}」として読みました。"
                       ).format(where=where, value=shown, label=scale[key]))
    return key


def _date(value: Any, where: str, problems: list[str], notes: list[str]) -> str:
    """An ISO date from a date cell or unambiguous text (2027/3/31, R9.3.31, 令和9年3月31日); else a problem."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    parsed = _parse_date_text(value) if isinstance(value, str) else None
    if parsed is None:
        problems.append(_("{where}「{value}」は日付として読めません（例: 2027/3/31）。"
                          ).format(where=where, value=_text(value)))
        return ""
    notes.append(_("{where}「{value}」を {parsed} として読みました。"
                   ).format(where=where, value=value.strip(), parsed=parsed))
    return parsed


def _parse_date_text(text: str) -> str | None:
    s = _key(text)
    try:
        if m := _WESTERN.fullmatch(s):
            y, mo, d = int(m[1]), int(m[2] or m[4]), int(m[3] or m[5])
            return date(y, mo, d).isoformat()
        if m := _ERA.fullmatch(s):
            offset, first, last = _ERA_SPAN[m[1][0] if m[1][0] in "RH" else {"令": "R", "平": "H"}[m[1][0]]]
            n = 1 if m[2] == "元" else int(m[2])
            found = date(offset + n, int(m[3] or m[5]), int(m[4] or m[6]))
            return found.isoformat() if first <= found <= last else None
    except ValueError:
        return None
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return _canon(value)


def _approver(grid: list[tuple[Any, ...]] | None, required: bool, problems: list[str],
              notes: list[str]) -> tuple[Approver | None, str]:
    if grid is None:
        raise TemplateError(_("「{sheet}」シートがありません。").format(sheet=COVER))
    at = {_canon(r[0]): (i, r[1] if len(r) > 1 else None) for i, r in enumerate(grid, start=1) if r}
    if any(label not in at for label in APPROVER_LABELS.values()):
        raise TemplateError(_("表紙シート: 承認欄が見つかりません（様式が変わっています）。"))
    row = {k: at[label][0] for k, label in APPROVER_LABELS.items()}
    name, title = _text(at[APPROVER_LABELS["name"]][1]), _text(at[APPROVER_LABELS["title"]][1])
    raw_date = at[APPROVER_LABELS["date"]][1]
    filled_by = _text(at[APPROVER_LABELS["filled_by"]][1])
    before = len(problems)
    approved = _date(raw_date, _("表紙シート {row}行目: 承認日").format(row=row['date']), problems, notes)
    if not required:
        del problems[before:]  # the department's own import needs no approval
        return (Approver(name, title, approved) if name and title and approved else None), filled_by
    for key, value, label in (("name", name, _("承認者の氏名")), ("title", title, _("承認者の職名")),
                              ("date", approved or _text(raw_date), _("承認日"))):
        if not value:
            problems.append(_("表紙シート {row}行目: {label}がありません。承認を受けて記入してください。"
                              ).format(row=row[key], label=label))
    return (Approver(name, title, approved) if name and title and approved else None), filled_by


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
