"""The look of the auditor's workbook: named styles, page set-up (取扱注意, "n / N"), table sheets
written row by row with estimated row heights, and the cell values (scores, 和暦 dates, labels)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import Cell  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.page import PageMargins  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from ... import clock
from ...domain.questionnaire import Questionnaire
from ...domain.scoring import Tally, rounded
from ...domain.wareki import fiscal_year_label, wareki_date
from .label_breaks import break_label

# ＭＳ Ｐゴシック: on every Japanese Windows, and its compact lines keep estimated row heights close to Excel's.
FONT = "ＭＳ Ｐゴシック"
LINE_HEIGHT = 12.5  # points per line of 10-point text in Excel (LibreOffice needs a little less)
DATE_FORMAT = '[$-411]ggge"年"m"月"d"日"'
DATETIME_FORMAT = '[$-411]ggge"年"m"月"d"日" h:mm'
NO_SCORE = "—"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_CELL = 32767


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: header, width (Excel characters) and how its cells look."""

    title: str
    width: float
    kind: str = "text"  # text | wrap | center | score | int | pct | date | datetime


class Book:
    """The workbook with its named styles, and the page set-up every sheet shares."""

    def __init__(self, year: int, today: date, actor: str) -> None:
        self.year = year
        self.today = today
        self.title = f"{fiscal_year_label(year)} 情報セキュリティ自己点検 結果"
        # Not write-only: with a style on every cell it is no faster (60 departments × 300 items, about 17,500
        # rows × 16 columns, take about 4 s either way), and a normal workbook keeps the whole API.
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.wb.properties.title = self.title
        self.wb.properties.creator = actor
        self._styles: dict[str, Any] = {}
        self._add_styles()

    def _add_styles(self) -> None:
        side = Side(style="thin", color="A6A6A6")
        border = Border(left=side, right=side, top=side, bottom=side)
        font = Font(name=FONT, size=10)
        top = Alignment(vertical="top")
        styles = [
            NamedStyle("mz_header", font=Font(name=FONT, size=10, bold=True), border=border,
                       fill=PatternFill("solid", fgColor="DDEBF7"),
                       alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
            NamedStyle("mz_text", font=font, border=border, alignment=top),
            NamedStyle("mz_wrap", font=font, border=border, alignment=Alignment(vertical="top", wrap_text=True)),
            NamedStyle("mz_center", font=font, border=border, alignment=Alignment(horizontal="center", vertical="top")),
            NamedStyle("mz_score", font=font, border=border, alignment=Alignment(horizontal="right", vertical="top"),
                       number_format="0.0"),
            NamedStyle("mz_int", font=font, border=border, alignment=top, number_format="0"),
            NamedStyle("mz_pct", font=font, border=border, alignment=top, number_format="0.0%"),
            NamedStyle("mz_date", font=font, border=border, alignment=top, number_format=DATE_FORMAT),
            NamedStyle("mz_datetime", font=font, border=border, alignment=top, number_format=DATETIME_FORMAT),
            NamedStyle("mz_plain", font=font, alignment=Alignment(vertical="top", wrap_text=False)),
            NamedStyle("mz_title", font=Font(name=FONT, size=16, bold=True)),
            NamedStyle("mz_heading", font=Font(name=FONT, size=12, bold=True)),
            NamedStyle("mz_total", font=Font(name=FONT, size=10, bold=True), border=border,
                       fill=PatternFill("solid", fgColor="F2F2F2"), alignment=top),
            NamedStyle("mz_total_score", font=Font(name=FONT, size=10, bold=True), border=border,
                       alignment=Alignment(horizontal="right", vertical="top"), number_format="0.0"),
        ]
        for s in styles:
            self.wb.add_named_style(s)

    def cell(self, sheet: Worksheet, value: Any, style: str) -> Cell:
        """A cell with one of the named styles. The style's array is looked up once per workbook: setting
        ``cell.style`` on each of 300,000 cells takes seconds."""
        if style not in self._styles:
            template = Cell(sheet, row=1, column=1)
            template.style = style
            self._styles[style] = template._style
        cell = Cell(sheet, row=1, column=1, value=_clean(value), style_array=self._styles[style])
        if cell.data_type == "f":
            cell.data_type = "s"  # a department's text that happens to start with "=" stays text, never a formula
        return cell

    def sheet(self, name: str, *, landscape: bool, title_rows: str, freeze: str) -> Sheet:
        sheet = self.wb.create_sheet(name)
        sheet.freeze_panes = freeze
        sheet.print_title_rows = title_rows
        setup = sheet.page_setup
        setup.paperSize = Worksheet.PAPERSIZE_A4
        setup.orientation = "landscape" if landscape else "portrait"
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages tall as needed
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)
        sheet.print_options.horizontalCentered = True
        head = sheet.oddHeader
        head.center.text = "取扱注意"
        head.center.size = 12
        head.center.color = "C00000"
        head.right.text = f"作成日 {wareki_date(self.today)}"
        head.right.size = 8
        foot = sheet.oddFooter
        foot.left.text = "&A"
        foot.left.size = 8
        foot.center.text = "&P / &N"
        foot.center.size = 8
        foot.right.text = self.title
        foot.right.size = 8
        return Sheet(self, sheet)


def _clean(value: Any) -> Any:
    """Text Excel can store (no control characters, at most 32,767 characters); other values as they are."""
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)[:_MAX_CELL]
    return value


class Sheet:
    """A sheet written top to bottom, one row of styled cells at a time."""

    def __init__(self, book: Book, sheet: Worksheet) -> None:
        self.book = book
        self.ws = sheet
        self.row = 0  # the last row written

    def widths(self, widths: Iterable[float]) -> None:
        for c, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(c)].width = width

    def put(self, cells: Iterable[tuple[Any, str]], height: float | None = None) -> int:
        """Append one row of (value, style) cells; returns its number."""
        self.row += 1
        if height is not None:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append([self.book.cell(self.ws, value, style) for value, style in cells])
        return self.row

    def skip(self, rows: int = 1) -> None:
        for _row in range(rows):
            self.put([])

    def table(self, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, autofilter: bool = True,
              set_widths: bool = True, first_style: Sequence[str] | None = None,
              fill: Callable[[Sequence[Any]], str | None] | None = None) -> tuple[int, int]:
        """A header row and the rows below it; returns (header row, last row).

        ``first_style`` styles the first data row differently (the 町全体 row of the heat map); ``fill`` gives
        a row a background colour (RRGGBB) by its values (未提出, 期限超過), or None to leave it white.
        """
        if set_widths:
            self.widths(col.width for col in columns)
        titles = [label_lines(col.title, col.width) for col in columns]
        header = self.put(((title, "mz_header") for title in titles),
                          row_height([(title, col.width) for title, col in zip(titles, columns, strict=True)],
                                     always=True))
        styles = [f"mz_{col.kind}" for col in columns]
        wrapped = [(i, col.width) for i, col in enumerate(columns) if col.kind == "wrap"]
        for n, values in enumerate(rows):
            row = self.put(zip(values, first_style if n == 0 and first_style else styles, strict=True),
                           row_height([(values[i], width) for i, width in wrapped]))
            color = fill(values) if fill is not None else None
            if color:
                for cell in self.ws[row]:
                    cell.fill = PatternFill("solid", fgColor=color)
        if autofilter and self.row > header:
            self.ws.auto_filter.ref = f"A{header}:{get_column_letter(len(columns))}{self.row}"
        return header, self.row


def label_lines(text: str, width: float) -> str:
    """A short label (a chapter's or a department's name, a header) broken into lines that fit a column
    ``width`` characters wide, at the seams of words (:func:`~.label_breaks.break_label`): Excel and
    LibreOffice break Japanese anywhere, an explicit line break at a seam keeps a name whole."""
    if "\n" in text:
        return text
    return break_label(text, max(width - 0.7, 1.0), _units)


def _units(text: str) -> float:
    """Width of ``text`` in column units (a full-width character 1.9, others 1; see :func:`_lines`)."""
    wide = (len(text.encode("utf-8")) - len(text)) // 2
    return 1.9 * wide + (len(text) - wide)


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide, as Excel lays out 10-point text.

    A column unit is the width of a digit of the default font (7 px); a full-width character (kanji, kana) of
    10-point ＭＳ Ｐゴシック is 13.3 px, so 1.9 units, and others about one. Each paragraph starts a line.
    LibreOffice sets columns wider, so there the estimate leaves a little room.
    """
    avail = max(width - 0.7, 1.0)
    n = 0
    for para in text.split("\n"):
        wide = (len(para.encode("utf-8")) - len(para)) // 2  # characters of three UTF-8 bytes: full width
        n += max(1, math.ceil((1.9 * wide + (len(para) - wide)) / avail))
    return n


def row_height(cells: Iterable[tuple[Any, float]], *, always: bool = False) -> float | None:
    """The height (points) that shows every line of a row's wrapped cells, or None for one line.

    Set explicitly because LibreOffice keeps the default height of a row written without one, which cuts
    wrapped text; with a height, Excel and LibreOffice show the same rows. ``always`` gives a one-line row
    its height too (a header, so that it is never cut).
    """
    lines = max((_lines(v, w) for v, w in cells if isinstance(v, str) and (len(v) > (w - 0.7) / 1.9 or "\n" in v)),
                default=1)
    return lines * LINE_HEIGHT + 4 if lines > 1 or always else None


def score_cell(t: Tally | None) -> float | str:
    s = rounded(t.score) if t is not None else None
    return NO_SCORE if s is None else s


def iso_date(value: Any) -> date | str:
    text = str(value or "").strip()
    try:
        return date.fromisoformat(text[:10]) if text else ""
    except ValueError:
        return text


def iso_datetime(value: Any) -> datetime | str:
    """The moment in Japan time, without the offset Excel cannot store."""
    text = str(value or "").strip()
    moment = clock.parse_moment(text)
    return text if moment is None else moment.replace(tzinfo=None, second=0, microsecond=0)


def chapter_header(chapter_id: str, title: str, limit: int | None = 14) -> str:
    """A short label for a chapter (what is in brackets left out; the full title is on 概要), cut with 「…」
    after ``limit`` characters when one is given."""
    short = re.sub(r"（[^）]*）", "", title)
    if limit is not None and len(short) > limit:
        short = short[: limit - 1] + "…"
    return f"{chapter_id} {short}"


def rating_label(q: Questionnaire | None, key: str | None) -> str:
    if not key:
        return "未回答"
    if q is None:
        return key
    try:
        return q.option(key).label
    except KeyError:
        return key
