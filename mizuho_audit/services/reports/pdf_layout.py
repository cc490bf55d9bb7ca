"""The page furniture the printed documents share (提出版 PDF, 結果通知, 結果報告書).

A4 with 18 mm side margins; the red 取扱注意 box at the top right, a grey running header and a rule
under it; a rule and a grey footer at the foot; "n / N" centred below (:class:`NumberedCanvas`); the
label/value tables of the cover pages, and the 和暦 of ISO dates as the documents print them.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import Paragraph, Table  # type: ignore[import-untyped]

from ... import clock
from ...domain.wareki import wareki_date
from .pdf_fonts import FONT_NAME, JapaneseStyles, table_style

HANDLING_MARK = "取扱注意"
TOWN = "瑞穂町"

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
BODY_W = PAGE_W - 2 * MARGIN_X
BODY_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
HEADER_Y = PAGE_H - 16 * mm  # the foot of the 取扱注意 box; the running header sits on it
HEADER_TEXT_W = BODY_W - 32 * mm  # the running header's room, left of the box

RED = colors.HexColor("#c62828")
GRID = colors.HexColor("#9aa3ad")
LABEL_BG = colors.HexColor("#f1f3f6")
HEAD_BG = colors.HexColor("#dfe6ee")
GREY = colors.HexColor("#666666")


class NumberedCanvas(Canvas):
    """A canvas that writes "n / N" at the foot of every page once the page count is known.

    Pages are kept in memory until :meth:`save`, so one layout pass is enough.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        self.saveState()
        self.setFont(FONT_NAME, 9)
        self.setFillColor(colors.black)
        self.drawCentredString(PAGE_W / 2, 10 * mm, f"{self._pageNumber} / {total}")
        self.restoreState()


# ---------------------------------------------------------------------------------------------
# Text


def fit(text: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` on one line."""
    if pdfmetrics.stringWidth(text, FONT_NAME, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", FONT_NAME, size) > width:
        text = text[:-1]
    return text + "…"


def wareki_of_iso_date(value: object) -> str:
    """'2027-03-31' (or an ISO date-time, taken in Japan time) -> '令和9年3月31日'; other text is shown as
    written."""
    s = "" if value is None else str(value).strip()
    if not s:
        return ""
    day = clock.japan_date_of(s)
    return s if day is None else wareki_date(day)


def wareki_of_iso_datetime(value: object) -> str:
    """'2026-11-20T10:00:00+09:00' -> '令和8年11月20日 10:00', in Japan time (a stamp recorded on a machine
    set to another zone is converted)."""
    s = "" if value is None else str(value).strip()
    if not s:
        return ""
    moment = clock.parse_moment(s)
    if moment is None:
        return wareki_of_iso_date(s)
    return f"{wareki_date(moment.date())} {moment.hour}:{moment.minute:02d}"


def score_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def difference_text(value: float | None, town: float | None) -> str:
    if value is None or town is None:
        return "—"
    diff = round(value - town, 1)
    return "±0.0" if diff == 0 else f"{diff:+.1f}".replace("-", "−")


def chapter_label(chapter_id: str, title: str) -> str:
    return f"第{chapter_id}章 {title}" if chapter_id.isdigit() else f"{chapter_id} {title}".strip()


# ---------------------------------------------------------------------------------------------
# Page decoration


def draw_handling_mark(canvas: Canvas, size: float = 11, box_w: float = 26 * mm, box_h: float = 8 * mm,
                       top: float = PAGE_H - 8 * mm, text_rise: float | None = None) -> None:
    """The red-bordered 取扱注意 box at the top right; the text ``text_rise`` above the box's foot
    (centred by the font size when not given)."""
    x, y = PAGE_W - MARGIN_X - box_w, top - box_h
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(1.2)
    canvas.rect(x, y, box_w, box_h, stroke=1, fill=0)
    canvas.setFillColor(RED)
    canvas.setFont(FONT_NAME, size)
    rise = (box_h - size) / 2 + size * 0.14 if text_rise is None else text_rise
    canvas.drawCentredString(x + box_w / 2, y + rise, HANDLING_MARK)


PRELIMINARY_MARK_W = 16 * mm  # the 速報 box left of the 取扱注意 box (and the gap between them)
PRELIMINARY_MARK_GAP = 3 * mm


def draw_preliminary_mark(canvas: Canvas, text: str, *, size: float = 11, box_w: float = PRELIMINARY_MARK_W,
                          box_h: float = 8 * mm, top: float = PAGE_H - 8 * mm, right: float | None = None) -> None:
    """A red box filled red with ``text`` (速報) in white, its right edge at ``right`` (by default just left of
    the 取扱注意 box): a preliminary document says so on every page."""
    x2 = right if right is not None else PAGE_W - MARGIN_X - 26 * mm - PRELIMINARY_MARK_GAP
    x, y = x2 - box_w, top - box_h
    canvas.setFillColor(RED)
    canvas.setStrokeColor(RED)
    canvas.rect(x, y, box_w, box_h, stroke=1, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(FONT_NAME, size)
    canvas.drawCentredString(x + box_w / 2, y + (box_h - size) / 2 + size * 0.14, text)


def draw_header_text(canvas: Canvas, text: str) -> None:
    """The running header, grey, left of the 取扱注意 box (``text`` already fitted)."""
    canvas.setFillColor(GREY)
    canvas.setFont(FONT_NAME, 8)
    canvas.drawString(MARGIN_X, HEADER_Y + 2.6 * mm, text)


def draw_header_rule(canvas: Canvas) -> None:
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, HEADER_Y - 2 * mm, PAGE_W - MARGIN_X, HEADER_Y - 2 * mm)


def draw_footer(canvas: Canvas, left: str, right: str) -> None:
    """The rule above the foot and two grey lines of text either side of the page number."""
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, 14 * mm, PAGE_W - MARGIN_X, 14 * mm)
    canvas.setFillColor(GREY)
    canvas.setFont(FONT_NAME, 7)
    canvas.drawString(MARGIN_X, 10 * mm, left)
    canvas.drawRightString(PAGE_W - MARGIN_X, 10 * mm, right)


def draw_page(canvas: Canvas, header: str, footer_left: str, footer_right: str) -> None:
    """Every page of the 提出版 and the 結果通知: 取扱注意, the header and its rule, the footer."""
    canvas.saveState()
    draw_handling_mark(canvas, text_rise=2.4 * mm)
    draw_header_text(canvas, header)
    draw_header_rule(canvas)
    draw_footer(canvas, footer_left, footer_right)
    canvas.restoreState()


def kv_table(rows: list[tuple[str, str]], styles: JapaneseStyles, label_w: float, *, width: float = BODY_W) -> Table:
    """A two-column table of labels (shaded) and values, both paragraph markup, across the body (or ``width``)."""
    table = Table([[Paragraph(k, styles.label), Paragraph(v, styles.cell)] for k, v in rows],
                  colWidths=[label_w, width - label_w], hAlign="LEFT")
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table
