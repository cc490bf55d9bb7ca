"""The audit report's text machinery: 禁則 line breaking and pre-wrapped table cells, the styles, and the
table of contents, bookmarks and running header resolved when the pages are written out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Paragraph,
    Spacer,
)

from .pdf_fonts import (
    FONT_NAME,
    JapaneseStyles,
    japanese_styles,
    make_style,
    markup,
    table_style,
)
from .pdf_layout import (
    BODY_H,
    GRID,
    HEADER_TEXT_W,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    PRELIMINARY_MARK_GAP,
    PRELIMINARY_MARK_W,
    NumberedCanvas,
    draw_header_text,
    draw_preliminary_mark,
    fit,
)

_NAVY = colors.HexColor("#1f3a5f")
_LIGHT = colors.HexColor("#b8c2cc")
_BELOW = colors.HexColor("#c98a2b")
_GRADE_COLORS = {"major": "#c62828", "minor": "#a35f00", "observation": "#1f5f8b", "good": "#1b7f3b"}
_RATING_COLORS = {"partial": "#a35f00", "not_done": "#c62828"}
# Heat map bands: (lowest score, background, caption)
_BANDS = ((90.0, "#d4ecd9", "90 点以上"), (75.0, "#eef5e4", "75 点以上 90 点未満"),
          (60.0, "#fff1cc", "60 点以上 75 点未満"), (0.0, "#f9d9d4", "60 点未満"))

# Line heights of the contents (sections, subsections), roomiest first: the first that needs the fewest
# pages is used, so a list just too long for a page is set a little tighter instead of spilling over.
_TOC_SPACINGS = ((19.0, 14.5), (18.0, 13.5), (17.0, 12.5))
_TOC_FIRST_SLOT = BODY_H - 40  # a safe estimate: the first page also holds the heading 目次 (30 pt)
_TOC_SLOT = BODY_H - 10
_CHAPTER_ITEMS_SHOWN = 12
_TOP_DEPARTMENTS = 3
_CHART_ROWS_PER_DRAWING = 45
_CELL_SIZE = 8.0
_CELL_PAD = 4.0


# ---------------------------------------------------------------------------------------------
# Small helpers


def _band(score: float | None) -> str | None:
    if score is None:
        return None
    return next(color for low, color, _ in _BANDS if score >= low)


# Line breaking for the long tables (appendix, findings). reportlab's CJK Paragraph measures every
# character again on every wrap (a table wraps its cells several times while splitting over pages),
# which took most of the time of a 60-department report; here each text is broken once, with cached
# widths and the usual 禁則 (no 、。」 at the start of a line, no 「（ at its end), into a plain cell.
_NO_START = frozenset("、。，．,.・：:；;？?！!)）]］}｝」』】〕〉》〟’”ーゝゞ々"
                      "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%％")
_NO_END = frozenset("(（[［{｛「『【〔〈《〝‘“")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-./:%@+#]*|\s+|.")


@lru_cache(maxsize=65536)
def _unit_width(token: str) -> float:
    return float(pdfmetrics.stringWidth(token, FONT_NAME, 1.0))


def _wrap(text: str, width: float, size: float) -> str:
    """``text`` broken into lines no wider than ``width`` at ``size`` (lines joined by newlines)."""
    out: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line: list[str] = []
        used = 0.0
        for whole in _TOKEN.findall(raw):
            parts = list(whole) if len(whole) > 1 and _unit_width(whole) * size > width else [whole]
            for tok in parts:
                w = _unit_width(tok) * size
                if line and used + w > width and not tok.isspace():
                    carry: list[str] = []
                    if tok[0] in _NO_START:  # take characters along until the new line starts properly
                        while len(line) > 1:
                            carry.insert(0, line.pop())
                            if carry[0][0] not in _NO_START:
                                break
                    while len(line) > 1 and line[-1][-1] in _NO_END:
                        carry.insert(0, line.pop())
                    out.append("".join(line).rstrip())
                    line, used = carry, sum(_unit_width(t) * size for t in carry)
                if tok.isspace() and not line:
                    continue
                line.append(tok)
                used += w
        out.append("".join(line).rstrip())
    return "\n".join(out)


def _text_table_style(extra: Sequence[tuple[object, ...]]) -> Any:
    """The style of a table of pre-wrapped plain cells (see :func:`_wrap`)."""
    return table_style([
        ("FONTSIZE", (0, 0), (-1, -1), _CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), round(_CELL_SIZE * 1.45, 1)),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        *extra,
    ])


@dataclass(frozen=True)
class _Styles:
    base: JapaneseStyles
    cover_year: ParagraphStyle
    cover_title: ParagraphStyle
    cover_town: ParagraphStyle
    cover_date: ParagraphStyle
    big_number: ParagraphStyle
    big_label: ParagraphStyle
    note: ParagraphStyle
    toc_title: ParagraphStyle
    section: ParagraphStyle  # a main section's heading: apart from what goes before it on the same page
    heading3: ParagraphStyle
    cover_mark: ParagraphStyle
    cover_number: ParagraphStyle
    cover_addressee: ParagraphStyle
    summary: ParagraphStyle  # not kept with the next flowable: that is a long table which must split


@cache
def _styles() -> _Styles:
    return _Styles(
        base=japanese_styles(),
        cover_year=make_style("ar-cover-year", 18, leading=26, alignment=1),
        cover_title=make_style("ar-cover-title", 24, leading=34, alignment=1),
        cover_town=make_style("ar-cover-town", 22, leading=30, alignment=1),
        cover_date=make_style("ar-cover-date", 13, leading=20, alignment=1),
        big_number=make_style("ar-big-number", 20, leading=26, alignment=1),
        big_label=make_style("ar-big-label", 8.5, leading=12, alignment=1, textColor=colors.HexColor("#333333")),
        note=make_style("ar-note", 9.5, leading=15, leftIndent=4 * mm),
        toc_title=make_style("ar-toc-title", 14, leading=20, spaceAfter=10),
        section=make_style("ar-section", 14, leading=20, spaceBefore=16, spaceAfter=6, keepWithNext=1),
        cover_mark=make_style("ar-cover-mark", 10, leading=15, textColor=colors.HexColor("#c62828")),
        cover_number=make_style("ar-cover-number", 10.5, leading=16, alignment=2),
        cover_addressee=make_style("ar-cover-addressee", 12, leading=18),
        summary=make_style("ar-summary", 10, leading=17, firstLineIndent=10),
        heading3=make_style("ar-h3", 10, leading=14, spaceBefore=6, spaceAfter=3, textColor=colors.HexColor("#1f3a5f")),
    )


# ---------------------------------------------------------------------------------------------
# Table of contents and bookmarks, resolved when the pages are written out


@dataclass
class _Entry:
    key: str
    title: str
    level: int
    in_toc: bool
    page: int = 0
    top: float = 0.0


@dataclass
class _Outline:
    """Headings with the pages they landed on, and the pages reserved for the table of contents."""

    entries: list[_Entry] = field(default_factory=list)
    slots: list[tuple[int, float, float]] = field(default_factory=list)  # (page, top, bottom)
    approval_pages: list[int] = field(default_factory=list)
    running: list[str] = field(default_factory=list)  # the section (and subsection) being laid out
    # The page header names the section in effect at the top of the page, or the headings it opens with.
    page_running: list[str] = field(default_factory=list)
    page_has_body: bool = False
    spacing: tuple[float, float] = _TOC_SPACINGS[0]
    _placed: dict[int, list[tuple[_Entry, float]]] | None = None

    def add(self, title: str, level: int, in_toc: bool = True) -> _Entry:
        entry = _Entry(f"s{len(self.entries)}", title, level, in_toc)
        self.entries.append(entry)
        return entry

    def slots_needed(self) -> int:
        """Pages to reserve for the table of contents; also chooses its line spacing."""

        def pages(spacing: tuple[float, float]) -> int:
            slots, room = 1, _TOC_FIRST_SLOT
            for entry in (e for e in self.entries if e.in_toc):
                line = spacing[min(entry.level, 1)]
                if line > room:
                    slots, room = slots + 1, _TOC_SLOT
                room -= line
            return slots

        fewest = min(pages(s) for s in _TOC_SPACINGS)
        self.spacing = next(s for s in _TOC_SPACINGS if pages(s) == fewest)
        return fewest

    def last_slot_height(self) -> float:
        """The height the entries need on the last page of the contents (by the same conservative estimate
        as :meth:`slots_needed`), so that the body may begin below them."""
        room, used = _TOC_FIRST_SLOT, 0.0
        for entry in (e for e in self.entries if e.in_toc):
            line = self.spacing[min(entry.level, 1)]
            if line > room:
                room, used = _TOC_SLOT, 0.0
            room -= line
            used += line
        return used + 12

    def _placement(self) -> dict[int, list[tuple[_Entry, float]]]:
        if self._placed is None:
            self._placed = {}
            slots = iter(self.slots)
            page, top, bottom = next(slots)
            y = top
            for entry in (e for e in self.entries if e.in_toc):
                line = self.spacing[min(entry.level, 1)]
                if y - line < bottom:
                    found = next(slots, None)
                    if found is None:  # slots_needed() is conservative: this would be a bug
                        raise RuntimeError("the table of contents does not fit the pages reserved for it")
                    page, top, bottom = found
                    y = top
                y -= line
                self._placed.setdefault(page, []).append((entry, y + 4))
        return self._placed

    def draw(self, canvas: Canvas, page: int) -> None:
        """Bookmarks for the headings on ``page``, and the table of contents if ``page`` holds part of it."""
        for entry in self.entries:
            if entry.page == page:
                canvas.bookmarkHorizontalAbsolute(entry.key, entry.top)
                canvas.addOutlineEntry(entry.title, entry.key, level=entry.level, closed=entry.level > 0)
        for entry, y in self._placement().get(page, []):
            _draw_toc_line(canvas, entry, y)


def _draw_toc_line(canvas: Canvas, entry: _Entry, y: float) -> None:
    level = min(entry.level, 1)
    size = 10.5 if level == 0 else 9.5
    x0 = MARGIN_X + (0 if level == 0 else 8 * mm)
    x1 = PAGE_W - MARGIN_X
    number = str(entry.page)
    number_w = pdfmetrics.stringWidth(number, FONT_NAME, size)
    text = fit(entry.title, size, x1 - x0 - number_w - 14 * mm)
    text_w = pdfmetrics.stringWidth(text, FONT_NAME, size)
    canvas.saveState()
    canvas.setFillColor(colors.black if level == 0 else colors.HexColor("#222222"))
    canvas.setFont(FONT_NAME, size)
    canvas.drawString(x0, y, text)
    canvas.drawRightString(x1, y, number)
    canvas.setStrokeColor(_LIGHT)
    canvas.setLineWidth(0.8)
    canvas.setDash(0.8, 2.4)
    canvas.line(x0 + text_w + 3 * mm, y + 1.5, x1 - number_w - 3 * mm, y + 1.5)
    canvas.restoreState()
    # Named explicitly: the canvas' own annotation counter is restored with each held-back page.
    canvas.linkAbsolute("", entry.key, Rect=(x0, y - 3, x1, y + size), thickness=0, name=f"toc-{entry.key}")


class _Heading(Paragraph):
    """A heading that is entered in the table of contents and the bookmarks."""

    def __init__(self, text: str, style: ParagraphStyle, entry: _Entry) -> None:
        super().__init__(markup(text), style)
        self.toc_entry = entry


class _Anchor(Flowable):
    """A bookmark without visible text (the cover, the approval page)."""

    _ZEROSIZE = True

    def __init__(self, entry: _Entry) -> None:
        super().__init__()
        self.toc_entry = entry

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _TocSlot(Flowable):
    """Takes the rest of the frame (the last one: what its entries need); the entries are drawn there
    once every heading has its page."""

    def __init__(self, outline: _Outline, last: bool = False) -> None:
        super().__init__()
        self._outline = outline
        self._last = last

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        height = max(0.0, avail_height - 1)
        if self._last:
            height = min(height, self._outline.last_slot_height())
        self.width, self.height = avail_width, height
        return self.width, self.height

    def draw(self) -> None:
        _, top = self.canv.absolutePosition(0, self.height)
        _, bottom = self.canv.absolutePosition(0, 0)
        self._outline.slots.append((self.canv.getPageNumber(), top, bottom))


class _ReportDoc(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, outline: _Outline, **kwargs: Any) -> None:
        super().__init__(buffer, **kwargs)
        self._outline = outline

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = self._outline
        entry: _Entry | None = getattr(flowable, "toc_entry", None)
        if entry is not None:
            if not entry.page:
                entry.page = self.page
                height = getattr(flowable, "height", 0)
                entry.top = min(PAGE_H, self.frame._y + height + flowable.getSpaceAfter() + 4)
            if entry.in_toc:
                del outline.running[entry.level:]
                outline.running.append(entry.title)
                if not outline.page_has_body:
                    outline.page_running = list(outline.running)
        elif not isinstance(flowable, (Spacer, CondPageBreak, ActionFlowable)):
            outline.page_has_body = True

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        self._outline.page_running = list(self._outline.running)
        self._outline.page_has_body = False


def _canvas_maker(outline: _Outline) -> Callable[..., Canvas]:
    class _ReportCanvas(NumberedCanvas):
        def _draw_page_number(self, total: int) -> None:
            super()._draw_page_number(total)
            outline.draw(self, self._pageNumber)

    return _ReportCanvas


# ---------------------------------------------------------------------------------------------
# Page decoration


def _running_header(title: str, outline: _Outline, mark: str = "") -> Callable[[Canvas, BaseDocTemplate], None]:
    """The report's title and the section laid out last on the page, drawn when the page is complete; with
    ``mark`` (速報), that mark in a red box beside 取扱注意 and before the title."""
    width = HEADER_TEXT_W - (PRELIMINARY_MARK_W + PRELIMINARY_MARK_GAP if mark else 0)

    def draw(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        text = "　｜　".join([title, " ／ ".join(outline.page_running)]) if outline.page_running else title
        canvas.saveState()
        if mark:
            draw_preliminary_mark(canvas, mark)
            text = f"【{mark}】{text}"
        draw_header_text(canvas, fit(text, 8, width))
        canvas.restoreState()

    return draw
