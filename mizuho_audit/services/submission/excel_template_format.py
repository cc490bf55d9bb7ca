"""The layout of the Excel answer template (回答用紙) shared by writing and reading it: the sheets, the
columns, the checksum over the questions, cell addresses, and what a returned workbook reads as."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...domain.assessment import Answer
from ...domain.questionnaire import Questionnaire
from ...errors import InputProblem
from ...i18n import _
from .workflow import Approver, canonical_json

TEMPLATE_FORMAT = "mizuho-audit/excel-template@1"
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


def sheet_ref(sheet: str) -> str:
    """A sheet's name as Excel writes it before ``!``: quoted when it holds spaces or signs."""
    return sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"


def cell_name(column: int, row: int) -> str:
    """A1 form of a cell; ``column`` counts from 1."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]  # openpyxl only when used

    return f"{get_column_letter(column)}{row}"


def field_cell(field_name: str, row: int) -> str:
    """The A1 address of an answer field's cell in a row of the 回答 sheet."""
    return cell_name(COL[field_name] + 1, row)


@dataclass(frozen=True)
class TemplateMessage:
    """One problem or one reinterpretation in a returned workbook, and where it is.

    ``sheet`` is the sheet's name as found in the workbook ("" = the file), ``cell`` an A1 address
    ("J8") or range ("K8:K9"), "" for the whole sheet; ``item_id`` the item(s) of that row.
    """

    text: str
    sheet: str = ""
    cell: str = ""
    item_id: str = ""

    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{sheet_ref(self.sheet)}!{self.cell}"
        if self.sheet:
            return _("{sheet} シート").format(sheet=self.sheet)
        return ""

    def position(self) -> tuple[int, int]:
        """(row, column) of the cell (top left of a range), for sorting; (0, 0) without a cell."""
        from openpyxl.utils import range_boundaries

        try:
            col, row, _c2, _r2 = range_boundaries(self.cell.split(":")[0] if self.cell else "")
        except (TypeError, ValueError):
            return (0, 0)
        return (row or 0, col or 0)

    def __str__(self) -> str:
        where = self.where()
        if where and self.item_id:
            return _("{where}（項目 {item}）: {text}").format(where=where, item=self.item_id, text=self.text)
        if self.item_id:
            return _("項目 {item}: {text}").format(item=self.item_id, text=self.text)
        return f"{where}: {self.text}" if where else self.text


MAX_SHOWN = 200  # problems shown in one error message


class TemplateError(InputProblem):
    """A workbook that cannot be used, or not without confirmation; one line per problem, each naming its
    sheet, cell and item (and the file, when ``file`` is given)."""

    def __init__(self, problems: str | TemplateMessage | Sequence[str | TemplateMessage], file: str = "",
                 *, lines: Sequence[str] | None = None) -> None:
        items = [problems] if isinstance(problems, str | TemplateMessage) else list(problems)
        self.messages = [p if isinstance(p, TemplateMessage) else TemplateMessage(p) for p in items]
        self.file = file
        prefix = f"{file}: " if file else ""
        self.problems = [prefix + str(m) if not str(m).startswith(prefix) else str(m) for m in self.messages]
        if lines is None:
            lines = self.problems[:MAX_SHOWN]
            if len(self.problems) > MAX_SHOWN:
                lines.append(_("ほか {count} 件").format(count=len(self.problems) - MAX_SHOWN))
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


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
    """A returned workbook, checked and normalised: the rows that can be taken and every problem found.

    ``rows`` holds the accepted rows only, in the form's order; ``damaged`` the items of the form whose
    rows cannot be taken (edited, moved, deleted, merged, wrongly filled...). Problems that damage no
    item (a renamed sheet, writing outside the form) are in ``problems`` too: a workbook with any
    problem is taken only when the person confirms.
    """

    path: Path
    file_sha256: str
    department_id: str
    fiscal_year: int
    questionnaire: Questionnaire  # the full questionnaire the template was made from
    rows: list[TemplateRow]
    approver: Approver | None
    filled_by: str = ""
    saved_at: str = ""  # when the workbook was last saved (its document properties), ISO
    notes: list[TemplateMessage] = field(default_factory=list)  # values read in a normalised form
    problems: list[TemplateMessage] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)  # item ids, in the form's order
    items: list[str] = field(default_factory=list)  # the form's item ids, in order
    cleared: list[TemplateMessage] = field(default_factory=list)  # answers written into the form, now emptied
    some_items_only: bool = False  # a form made for some of the checklist's items
    sheet: str = ANSWERS  # the name the 回答 sheet has in this workbook (it may have been renamed)
    themes: tuple[str, ...] | None = None  # the themes of the year's checklist it was made of (None: every item)


@dataclass
class SheetScan:
    """The values of one sheet (non-empty cells only) and its merged ranges, as read from the file."""

    name: str
    cells: dict[int, dict[int, Any]] = field(default_factory=dict)  # row -> column (from 1) -> value
    merged: list[str] = field(default_factory=list)

    def value(self, row: int, column: int) -> Any:
        return self.cells.get(row, {}).get(column)

    def values(self, row: int, count: int) -> tuple[Any, ...]:
        found = self.cells.get(row, {})
        return tuple(found.get(c) for c in range(1, count + 1))

    @property
    def max_row(self) -> int:
        return max(self.cells, default=0)

    def first_cell(self) -> str:
        if not self.cells:
            return ""
        row = min(self.cells)
        return cell_name(min(self.cells[row]), row)


@dataclass
class Book:
    """A workbook as read: its sheets in order, and when it was last saved."""

    sheets: dict[str, SheetScan]
    saved_at: str = ""


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


def _listed(ids: list[str], limit: int = 20) -> str:
    if not ids:
        return ""
    shown = _("、").join(ids[:limit])
    if len(ids) > limit:
        shown += _("ほか {count} 件").format(count=len(ids) - limit)
    return _("（{items}）").format(items=shown)
