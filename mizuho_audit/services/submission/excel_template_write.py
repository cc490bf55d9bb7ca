"""Writing the Excel answer template (回答用紙): the cover with the 承認 fields, the protected 回答 sheet
with the rating list and date checks, and the hidden sheets that identify it."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.formatting.rule import FormulaRule  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side  # type: ignore[import-untyped]
from openpyxl.workbook.defined_name import DefinedName  # type: ignore[import-untyped]
from openpyxl.workbook.protection import WorkbookProtection  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from ...domain.assessment import Answer
from ...domain.departments import Department
from ...domain.questionnaire import Item, Questionnaire
from ...domain.wareki import fiscal_year_label
from ...fileio import write_atomic
from ...i18n import _
from ...storage.repository import ROLE_AUDITOR, now_iso
from ..workspace import Workspace
from .excel_template_format import (
    ANSWERS,
    APPROVER_LABELS,
    COL,
    COLUMNS,
    COVER,
    FONT_NAME,
    LISTS,
    META,
    RATING_NAME,
    _checksum,
    _identity,
)
from .excel_template_read import PREFILLED

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
_MISSING_FILL = PatternFill("solid", fgColor="F8CBAD")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def write_template(ws: Workspace, department_id: str, year: int, out: Path, *, actor: str,
                   item_ids: Sequence[str] | None = None) -> Path:
    """Write the 回答用紙 of a department's checklist for a 年度 (current answers filled in, if any).

    ``item_ids`` makes a form of those items only (e.g. the ones a damaged workbook could not give),
    in the checklist's order; an id not in the checklist raises KeyError.
    """
    department, checklist, full, answers, themes = _template_checklist(ws, department_id, year)
    items = list(checklist.items())
    if item_ids is not None:
        unknown = [i for i in item_ids if i not in {it.id for it in items}]
        if unknown or not item_ids:
            raise KeyError(_("項目 {items} はこのチェックリストにありません。").format(items=_("、").join(unknown)))
        items = [it for it in items if it.id in set(item_ids)]
    rows = [(it.id, it.question) for it in items]
    identity = _identity(full, department.id, year)
    wb = Workbook()
    cover = wb.active
    cover.title = COVER
    _write_cover(cover, department, full, year, len(items), some_only=item_ids is not None)
    sheet = wb.create_sheet(ANSWERS)
    prefilled = _write_answers(sheet, checklist, items, answers)
    _page_setup(sheet, department, year, landscape=True)
    lists = wb.create_sheet(LISTS)
    for i, opt in enumerate(checklist.scale, start=1):
        lists.cell(row=i, column=1, value=opt.label)
    wb.defined_names[RATING_NAME] = DefinedName(RATING_NAME, attr_text=f"'{LISTS}'!$A$1:$A${len(checklist.scale)}")
    meta = wb.create_sheet(META)
    meta_values = {**identity, "item_count": len(items), "checksum": _checksum(identity, rows),
                   "created_at": now_iso()}
    if item_ids is not None:
        meta_values["items"] = " ".join(it.id for it in items)
    if full.rotates:  # the year's checklist: read back against the same themes (none: an empty value)
        meta_values["themes"] = " ".join(themes)
    # Which answers were written into the form, so that one emptied by the department is noticed.
    meta_values.update({f"{PREFILLED}{item_id}": " ".join(fields) for item_id, fields in prefilled.items()})
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


def _template_checklist(ws: Workspace, department_id: str, year: int
                        ) -> tuple[Department, Questionnaire, Questionnaire, dict[str, Answer], tuple[str, ...]]:
    """(department, its checklist for the 年度, the full questionnaire, current answers, the themes added)."""
    department = ws.department(department_id)
    if ws.store.role == ROLE_AUDITOR:
        # The auditor's database holds no department answers: take the catalog and the themes the auditor
        # added, create no assessment.
        full = ws.catalog.for_year(year)
        if full is None:
            raise KeyError(_("{year}年度のチェックリストがありません。").format(year=year))
        if not full.rotates:
            return department, full.checklist_for(department.traits), full, {}, ()
        themes = ws.themes_for(department_id, year, full)
        return department, full.checklist_for_year(department.traits, themes), full, {}, themes
    cl = ws.checklist(department_id, year)
    return (department, cl.questionnaire, ws.questionnaire_for_key(cl.assessment.questionnaire_key), ws.answers(cl),
            cl.themes)


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


def _write_cover(sheet: Any, department: Department, q: Questionnaire, year: int, count: int, *,
                 some_only: bool = False) -> None:
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 78
    label_font, body = Font(name=FONT_NAME, size=11, bold=True), Font(name=FONT_NAME, size=11)
    title = sheet.cell(row=1, column=1, value=f"{fiscal_year_label(year)} 情報セキュリティ自己点検 回答用紙")
    title.font = Font(name=FONT_NAME, size=16, bold=True)
    sheet.merge_cells("A1:B1")
    sheet.row_dimensions[1].height = 28
    counted = f"{count} 項目" + ("（一部の項目だけの回答用紙）" if some_only else "")
    facts = [("部署", department.display_name), ("年度", f"{fiscal_year_label(year)}（{year}年度）"),
             ("チェックリスト", f"{q.title}（版 {q.version}）"), ("項目数", counted)]
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
        "行の追加・削除・並べ替えや、質問の書き換え、セルの結合はしないでください。色の付いた欄の外にも"
        "書かないでください。取り込むときに確かめ、変わっている行は取り込まれません。",
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


def _write_answers(sheet: Any, checklist: Questionnaire, items: list[Item],
                   answers: dict[str, Answer]) -> dict[str, list[str]]:
    """The 回答 sheet; returns the answer fields written in (item id -> fields), for the _meta sheet."""
    head_font, body = Font(name=FONT_NAME, size=10, bold=True), Font(name=FONT_NAME, size=10)
    for c, (header, width, _f) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=c, value=header)
        cell.font, cell.fill, cell.border = head_font, _HEAD_FILL, _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.row_dimensions[1].height = 28
    chapters = {ch.id: ch for ch in checklist.chapters}
    sections = {sec.id: sec for ch in checklist.chapters for sec in ch.sections}
    prefilled: dict[str, list[str]] = {}
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
                if value not in (None, ""):
                    prefilled.setdefault(it.id, []).append(str(COLUMNS[c - 1][2]))
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
    return prefilled


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
