"""情報セキュリティ自己点検結果報告書: the auditor's report on one 年度, for the town's files.

One A4 PDF: a cover, an approval page (作成・確認・承認) with two empty signature fields in boxes the
layout keeps free, a table of contents, then 1 概要, 2 グラフ, 3 章別の分析, 4 指摘事項と改善の提言 and
5 付録 (per department: scores by chapter and the items answered 一部・未実施 with their plans). The full
answer lists stay in the submissions and the workbook: 18,000 wrapped rows would take many seconds.

The table of contents is computed in one layout pass: its pages are reserved before layout (the
headings are known by then), each heading's page is recorded as it is laid out, and the entries are
drawn when the canvas writes the pages out, where it also draws "n / N". A second pass (multiBuild)
would double the time of a 60-department report. Bookmarks are bound at that point as well: while
the pages are held back, reportlab's page references would all point at the first page.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from reportlab.graphics.charts.barcharts import HorizontalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.charts.legends import Legend  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing, Line, String  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from ..domain.questionnaire import TIER_LABELS, Chapter, Item, Questionnaire
from ..domain.scoring import Tally
from ..domain.wareki import fiscal_year_label, wareki_date
from ..storage.findings_store import FindingRecord
from .consolidation import FAILING, Consolidation, DepartmentResult, consolidate
from .findings import GRADE_LABELS, STATUS_LABELS, TOWN_WIDE
from .pdf_fonts import (
    FONT_NAME,
    JapaneseStyles,
    japanese_styles,
    make_style,
    markup,
    register_japanese_font,
    table_style,
)
from .pdf_layout import (
    BODY_H,
    BODY_W,
    GREY,
    GRID,
    HEAD_BG,
    HEADER_TEXT_W,
    LABEL_BG,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    RED,
    TOWN,
    NumberedCanvas,
    chapter_label,
    difference_text,
    draw_footer,
    draw_handling_mark,
    draw_header_rule,
    draw_header_text,
    fit,
    score_text,
    wareki_of_iso_date,
)
from .status_board import SIGNATURE_JA, deadline
from .submission import write_atomic
from .workspace import Workspace

TITLE = "情報セキュリティ自己点検結果報告書"
AUTHOR_FIELD = "作成者"
APPROVER_FIELD = "承認者"
APPROVAL_PAGE_INDEX = 1  # 0-based: the page after the cover
GRADE_ORDER = ("major", "minor", "observation", "good")
TOWN_WIDE_LABEL = "全庁"

# The two signature boxes on the approval page, in PDF points from the lower left corner (x1, y1, x2, y2):
# whole points, as PDF form fields take them; 18 mm margins, 10 mm apart, 32–66 mm above the page's foot.
# The page template keeps its frame above them, so a visible stamp placed in a box covers no text.
SIGNATURE_BOXES: dict[str, tuple[int, int, int, int]] = {
    AUTHOR_FIELD: (51, 91, 283, 187),
    APPROVER_FIELD: (311, 91, 544, 187),
}
_SIG_Y1, _SIG_Y2 = SIGNATURE_BOXES[AUTHOR_FIELD][1], SIGNATURE_BOXES[AUTHOR_FIELD][3]
_APPROVAL_FRAME_BOTTOM = _SIG_Y2 + 14 * mm  # room for the boxes' captions

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
    heading3: ParagraphStyle  # not kept with the next flowable: that is a long table which must split


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
    """Takes the rest of the frame; the entries are drawn there once every heading has its page."""

    def __init__(self, outline: _Outline) -> None:
        super().__init__()
        self._outline = outline

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, max(0.0, avail_height - 1)
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


def _running_header(title: str, outline: _Outline) -> Callable[[Canvas, BaseDocTemplate], None]:
    """The report's title and the section laid out last on the page, drawn when the page is complete."""

    def draw(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        text = "　｜　".join([title, " ／ ".join(outline.page_running)]) if outline.page_running else title
        canvas.saveState()
        draw_header_text(canvas, fit(text, 8, HEADER_TEXT_W))
        canvas.restoreState()

    return draw


def _decorator(footer: str, outline: _Outline, *, cover: bool = False,
               approval: bool = False) -> Callable[[Canvas, BaseDocTemplate], None]:
    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        if cover:
            draw_handling_mark(canvas, 16, 36 * mm, 12 * mm, PAGE_H - 14 * mm)
        else:
            draw_handling_mark(canvas)
            draw_header_rule(canvas)
        draw_footer(canvas, footer, TOWN)
        if approval:
            outline.approval_pages.append(doc.page)
            _draw_signature_boxes(canvas)
        canvas.restoreState()

    return decorate


def _draw_signature_boxes(canvas: Canvas) -> None:
    captions = {AUTHOR_FIELD: "作成者の電子署名", APPROVER_FIELD: "承認者の電子署名"}
    for name, (x1, y1, x2, y2) in SIGNATURE_BOXES.items():
        canvas.setFillColor(colors.black)
        canvas.setFont(FONT_NAME, 9)
        canvas.drawString(x1, y2 + 2.5 * mm, captions[name])
        canvas.setFillColor(GREY)
        canvas.setFont(FONT_NAME, 7)
        canvas.drawRightString(x2, y2 + 2.5 * mm, f"署名欄「{name}」")
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.6)
        canvas.setDash(3, 2)
        canvas.rect(x1, y1, x2 - x1, y2 - y1, stroke=1, fill=0)
        canvas.setDash()
    canvas.setFillColor(GREY)
    canvas.setFont(FONT_NAME, 7)
    canvas.drawString(MARGIN_X, _SIG_Y1 - 4.5 * mm,
                      "枠内は電子署名の表示欄です（PAdES）。署名した後に本書を変更すると、署名は無効と表示されます。")


# ---------------------------------------------------------------------------------------------
# Figures derived from the consolidation


@dataclass
class _ItemCount:
    item: Item
    partial: int = 0
    not_done: int = 0
    answered: int = 0

    @property
    def failing(self) -> int:
        return self.partial + self.not_done


def _item_counts(cons: Consolidation) -> dict[str, _ItemCount]:
    counts: dict[str, _ItemCount] = {}
    for r in cons.results:
        for it in r.checklist.items():
            rating = r.ratings.get(it.id)
            if not rating:
                continue
            try:
                counted = r.checklist.option(rating).score is not None
            except KeyError:
                continue
            c = counts.setdefault(it.id, _ItemCount(it))
            c.answered += counted
            c.partial += rating == "partial"
            c.not_done += rating == "not_done"
    return counts


def _previous_town(ws: Workspace, year: int) -> Consolidation | None:
    try:
        previous = consolidate(ws, year - 1)
    except (KeyError, ValueError):
        return None
    return previous if previous.results else None


# ---------------------------------------------------------------------------------------------
# The report


@dataclass
class _Report:
    ws: Workspace
    year: int
    cons: Consolidation
    findings: list[FindingRecord]
    unconfirmed: int
    author: str
    reviewer: str
    approver: str
    issued_on: date
    previous: Consolidation | None
    outline: _Outline = field(default_factory=_Outline)

    def __post_init__(self) -> None:
        self.st = _styles()
        self.b = self.st.base
        self.names = {d.id: d.name for d in self.ws.departments()}
        self.all_departments = len(self.ws.catalog.master.departments)
        self.counts = _item_counts(self.cons)

    # -- basics ----------------------------------------------------------------------------
    @property
    def questionnaire(self) -> Questionnaire | None:
        return self.cons.questionnaire

    @property
    def chapters(self) -> tuple[Chapter, ...]:
        return self.questionnaire.chapters if self.questionnaire else ()

    @property
    def title(self) -> str:
        return f"{fiscal_year_label(self.year)} {TITLE}"

    def heading(self, text: str, level: int, in_toc: bool = True) -> _Heading:
        style = (self.b.heading1, self.b.heading2, self.b.heading3)[min(level, 2)]
        return _Heading(text, style, self.outline.add(text, level, in_toc))

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup(text), style or self.b.body)

    def kv_table(self, rows: list[tuple[str, str]], label_w: float = 32 * mm, *, width: float = BODY_W,
                 align: str = "LEFT") -> Table:
        table = Table([[Paragraph(markup(k), self.b.label), Paragraph(v, self.b.cell)] for k, v in rows],
                      colWidths=[label_w, width - label_w], hAlign=align)
        table.setStyle(table_style([
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        return table

    def grid_table(self, data: list[list[Any]], widths: Sequence[float], extra: Sequence[tuple[object, ...]] = (),
                   *, repeat: int = 1) -> Table:
        table = Table(data, colWidths=list(widths), repeatRows=repeat, hAlign="LEFT")
        table.setStyle(table_style([
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BACKGROUND", (0, 0), (-1, repeat - 1), HEAD_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]))
        return table

    def new_page(self) -> Flowable:
        """Each main section starts a page; a report without submissions stays short instead."""
        return PageBreak() if self.cons.results else Spacer(1, 6 * mm)

    def header_cells(self, *labels: str) -> list[Paragraph]:
        return [Paragraph(markup(label), self.b.cell_header) for label in labels]

    # -- cover, approval, contents -----------------------------------------------------------
    def cover(self) -> list[Flowable]:
        s = self.st
        submitted = len(self.cons.results)
        facts = [
            ("対象年度", markup(f"{fiscal_year_label(self.year)}（{wareki_date(date(self.year, 4, 1))}〜"
                               f"{wareki_date(date(self.year + 1, 3, 31))}）")),
            ("対象", markup(f"全 {self.all_departments} 部署（提出 {submitted} 部署）")),
            ("町全体の得点", markup(f"{score_text(self.cons.town.total.score)} 点（100 点満点）"
                                    if self.cons.results else "—（提出なし）")),
        ]
        return [
            _Anchor(self.outline.add("表紙", 0, in_toc=False)),
            Spacer(1, 40 * mm),
            Paragraph(markup(fiscal_year_label(self.year)), s.cover_year),
            Spacer(1, 2 * mm),
            Paragraph(markup(TITLE), s.cover_title),
            Spacer(1, 8 * mm),
            Paragraph(markup(f"「{self.ws.catalog.policy.title}」7 に基づく自己点検の結果"), s.base.subtitle),
            Spacer(1, 30 * mm),
            self.kv_table(facts, 30 * mm, width=120 * mm, align="CENTER"),
            Spacer(1, 40 * mm),
            Paragraph(markup(wareki_date(self.issued_on)), s.cover_date),
            Spacer(1, 4 * mm),
            Paragraph("瑞穂町", s.cover_town),
            Spacer(1, 2 * mm),
            Paragraph("情報セキュリティ監査担当", s.cover_date),
            Spacer(1, 16 * mm),
            Paragraph("本書には取扱注意の情報（部署ごとの対策の実施状況）が含まれます。"
                      "閲覧は業務上必要な職員に限り、複製・庁外への提供をしないでください。", s.base.small),
        ]

    def approval(self) -> list[Flowable]:
        b = self.b
        on = wareki_date(self.issued_on)
        rows: list[list[Any]] = [self.header_cells("区分", "役割", "氏名", "日付", "電子署名")]
        for role, duty, name, sign in (("作成", "報告書を作成した者", self.author, f"署名欄「{AUTHOR_FIELD}」"),
                                       ("確認", "内容を確認した者", self.reviewer, "—"),
                                       ("承認", "報告書を承認した者", self.approver, f"署名欄「{APPROVER_FIELD}」")):
            rows.append([Paragraph(f"<b>{role}</b>", b.cell), Paragraph(duty, b.cell),
                         Paragraph(markup(name.strip() or "—"), b.cell), Paragraph(markup(on), b.cell),
                         Paragraph(markup(sign), b.cell)])
        table = Table(rows, colWidths=[16 * mm, 38 * mm, BODY_W - 120 * mm, 34 * mm, 32 * mm], hAlign="LEFT")
        table.setStyle(table_style([
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("BACKGROUND", (0, 1), (0, -1), LABEL_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 1), (-1, -1), 9),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
        ]))
        return [
            _Anchor(self.outline.add("報告書の作成・確認・承認", 0, in_toc=False)),
            Paragraph("報告書の作成・確認・承認", self.st.toc_title),
            self.para(f"{fiscal_year_label(self.year)}の情報セキュリティ自己点検の結果を取りまとめ、次のとおり"
                      "作成、確認及び承認した。"),
            Spacer(1, 5 * mm),
            table,
            Spacer(1, 6 * mm),
            self.kv_table([
                ("報告書", markup(self.title)),
                ("対象年度", markup(fiscal_year_label(self.year))),
                ("作成日", markup(on)),
                ("電子署名", "作成者と承認者が、この頁の下の署名欄に電子署名する。"
                             "署名の検証は、PDF 閲覧ソフトの署名パネルまたは自己点検ツールで行う。"),
            ]),
        ]

    def contents(self) -> list[Flowable]:
        flow: list[Flowable] = [_Anchor(self.outline.add("目次", 0, in_toc=False)),
                                Paragraph("目次", self.st.toc_title)]
        for i in range(self.outline.slots_needed()):
            flow += [_TocSlot(self.outline)] if i == 0 else [PageBreak(), _TocSlot(self.outline)]
        return flow

    # -- 1 概要 --------------------------------------------------------------------------------
    def overview(self) -> list[Flowable]:
        flow: list[Flowable] = [self.heading("1 概要", 0), self.heading("1.1 点検の範囲と方法", 1)]
        flow += [self.kv_table(self.scope_rows()), Spacer(1, 5 * mm), self.heading("1.2 結果の要旨", 1)]
        if not self.cons.results:
            flow.append(self.para(
                f"{fiscal_year_label(self.year)}は、提出された自己点検がない（全 {self.all_departments} 部署が"
                "未提出）。このため、得点と評価は集計していない。未提出の部署は付録に示す。"))
            return flow
        flow += [self.key_figures(), Spacer(1, 4 * mm), self.para(self.summary_text()), Spacer(1, 4 * mm)]
        flow += [KeepTogether([self.heading("1.3 評価の内訳", 1), self.rating_table()]), Spacer(1, 4 * mm)]
        tiers = self.tier_table()
        if tiers is not None:
            flow += [KeepTogether([self.heading("1.4 系統（三層）別の得点", 1), tiers,
                                   Spacer(1, 1 * mm),
                                   self.para("系統に関係する項目だけで計算した得点です。", self.b.small)])]
        return flow

    def scope_rows(self) -> list[tuple[str, str]]:
        policy = self.ws.catalog.policy
        clause = policy.clauses.get("7", "情報セキュリティ監査及び自己点検の実施")
        q = self.questionnaire
        bodies = "・".join(b.name for b in self.ws.catalog.master.bodies)
        rows = [("根拠", markup(f"{policy.title}（{policy.edition}）7「{clause}」")),
                ("対象年度", markup(f"{fiscal_year_label(self.year)}（{wareki_date(date(self.year, 4, 1))}から"
                                    f"{wareki_date(date(self.year + 1, 3, 31))}まで）")),
                ("対象", markup(f"{bodies}の全 {self.all_departments} 部署。"
                                f"提出 {len(self.cons.results)} 部署、未提出 {len(self.cons.missing)} 部署。"))]
        if q is not None:
            items = sum(1 for _ in q.items())
            rows.append(("方法", markup(
                f"自己点検。各部署がチェックリスト「{q.title}」（版 {q.version}、全 {items} 項目のうち部署に該当する"
                "項目）に回答し、情報セキュリティ管理者（所属長）の承認を得て電子署名付きで提出した。"
                "監査担当は、提出ファイルの署名と内容を確認して受け付け、集計した。")))
            values = "、".join(f"「{o.label}」{o.score:g}" for o in q.scale if o.score is not None)
            excluded = "・".join(f"「{o.label}」" for o in q.scale if o.score is None)
            rows.append(("評価の尺度", markup(values + (f"。{excluded}は計算から除く。" if excluded else "。"))))
            rows.append(("重み", markup("重要度 " + "・".join(f"{k} {v:g}" for k, v in q.weights.items()))))
        else:
            rows.append(("方法", "自己点検（この年度のチェックリストは登録されていない）。"))
        rows.append(("得点の計算", markup(
            "得点 ＝ 100 × Σ（項目の重み × 評価の値）÷ Σ（項目の重み）。対象は評価が計算に入る項目だけ"
            "（該当しない・未回答は除く）。章・系統・部署の得点はそれぞれに含まれる項目で、町全体の得点は"
            "提出したすべての部署の項目を合わせて計算する（項目の多い部署ほど大きく効く）。")))
        due = deadline(self.ws, self.year)
        if due is not None:
            rows.append(("提出期限", markup(wareki_date(due))))
        rows.append(("集計日", markup(wareki_date(self.issued_on))))
        return rows

    def key_figures(self) -> Table:
        s = self.st
        grade_counts = {g: sum(1 for f in self.findings if f.grade == g) for g in GRADE_ORDER}
        labels = ["町全体の得点", "提出した部署", "未提出の部署", "指摘事項（確認済み）"]
        values = [f'{score_text(self.cons.town.total.score)}<font size="9"> 点</font>',
                  f'{len(self.cons.results)}<font size="9"> 部署</font>',
                  f'{len(self.cons.missing)}<font size="9"> 部署</font>',
                  f'{len(self.findings)}<font size="9"> 件</font>']
        notes = ["100 点満点", f"全 {self.all_departments} 部署のうち", "付録に一覧",
                 "<br/>".join(f"{GRADE_LABELS[g]} {n:,}" for g, n in grade_counts.items() if n) or "なし"]
        data = [[Paragraph(x, s.big_label) for x in labels], [Paragraph(v, s.big_number) for v in values],
                [Paragraph(n, s.big_label) for n in notes]]
        table = Table(data, colWidths=[BODY_W / 4] * 4, hAlign="LEFT")
        table.setStyle(table_style([
            ("BOX", (0, 0), (0, -1), 1.0, _NAVY),
            *[("BOX", (i, 0), (i, -1), 0.5, GRID) for i in range(1, 4)],
            ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
        ]))
        return table

    def chapter_scores(self) -> list[tuple[Chapter, float | None]]:
        return [(c, t.score if (t := self.cons.town.chapters.get(c.id)) else None) for c in self.chapters]

    def summary_text(self) -> str:
        town = self.cons.town
        text = (f"{fiscal_year_label(self.year)}は、全 {self.all_departments} 部署のうち "
                f"{len(self.cons.results)} 部署が自己点検を提出し、"
                f"町全体の得点は {score_text(town.total.score)} 点であった。")
        if self.previous is not None and self.previous.town.total.score is not None:
            text += (f"前年度（{score_text(self.previous.town.total.score)} 点）との差は "
                     f"{difference_text(town.total.score, self.previous.town.total.score)} 点である。")
        scored = [(c, v) for c, v in self.chapter_scores() if v is not None]
        if len(scored) >= 2:
            best = max(scored, key=lambda cv: cv[1] or 0.0)
            worst = min(scored, key=lambda cv: cv[1] or 0.0)
            if score_text(best[1]) == score_text(worst[1]):
                text += f"章別の得点はいずれも {score_text(best[1])} 点で、章による差はない。"
            else:
                text += (f"章別では「{chapter_label(best[0].id, best[0].title)}」が最も高く"
                         f"（{score_text(best[1])} 点）、「{chapter_label(worst[0].id, worst[0].title)}」が最も低い"
                         f"（{score_text(worst[1])} 点）。")
        failing = sum(c.failing for c in self.counts.values())
        text += (f"「一部実施している」「実施していない」の回答は延べ {failing} 件で、各部署は改善計画を定めている。"
                 f"監査担当が確認した指摘事項は {len(self.findings)} 件である（「4 指摘事項と改善の提言」）。")
        return text

    def rating_table(self) -> Table:
        ratings = self.cons.town.total.ratings
        total = sum(ratings.values()) or 1
        scale = self.questionnaire.scale if self.questionnaire else ()
        rows: list[list[Any]] = [self.header_cells("評価", "値", "回答数", "割合")]
        for opt in scale:
            n = ratings.get(opt.key, 0)
            rows.append([Paragraph(markup(opt.label), self.b.cell), "—" if opt.score is None else f"{opt.score:g}",
                         f"{n:,}", f"{100 * n / total:.1f}%"])
        unanswered = ratings.get("", 0) + sum(v for k, v in ratings.items() if k and k not in {o.key for o in scale})
        if unanswered:
            rows.append([Paragraph("未回答・その他", self.b.cell), "—", f"{unanswered:,}",
                         f"{100 * unanswered / total:.1f}%"])
        rows.append([Paragraph("合計", self.b.cell), "", f"{sum(ratings.values()):,}", "100.0%"])
        return self.grid_table(rows, [BODY_W - 75 * mm, 20 * mm, 30 * mm, 25 * mm], [
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("BACKGROUND", (0, -1), (-1, -1), LABEL_BG),
        ])

    def tier_table(self) -> Table | None:
        tiers = [(TIER_LABELS.get(k, k), t) for k, t in self.cons.town.tiers.items() if t.counted]
        if not tiers:
            return None
        order = list(TIER_LABELS.values())
        tiers.sort(key=lambda lt: order.index(lt[0]) if lt[0] in order else len(order))
        rows: list[list[Any]] = [self.header_cells("系統", "得点", "評価した回答数")]
        rows += [[Paragraph(markup(label), self.b.cell), score_text(t.score), f"{t.counted:,}"] for label, t in tiers]
        return self.grid_table(rows, [BODY_W - 60 * mm, 25 * mm, 35 * mm], [("ALIGN", (1, 1), (-1, -1), "RIGHT")])

    # -- 2 グラフ ------------------------------------------------------------------------------
    def charts(self) -> list[Flowable]:
        flow: list[Flowable] = [self.new_page(), self.heading("2 グラフ", 0)]
        if not self.cons.results:
            return [*flow, self.para("提出された自己点検がないため、グラフはない。")]
        caption = "町全体の章別の得点（100 点満点）。"
        if self.previous is not None:
            caption += "薄い棒は前年度の得点。"
        flow += [KeepTogether([self.heading("2.1 章別の得点（町全体）", 1), self.chapter_chart(),
                               self.para(caption, self.b.small)]), Spacer(1, 6 * mm)]
        ranked = sorted(self.cons.results, key=lambda r: -(r.scores.total.score or -1.0))
        chunks = [ranked[i:i + _CHART_ROWS_PER_DRAWING] for i in range(0, len(ranked), _CHART_ROWS_PER_DRAWING)]
        for i, chunk in enumerate(chunks):
            chart = self.department_chart(chunk)
            if i == 0:
                flow += [CondPageBreak(chart.height + 30 * mm), self.heading("2.2 部署別の得点", 1)]
            flow += [chart, Spacer(1, 2 * mm)]
        flow += [self.para("部署の合計得点（高い順）。破線は町全体の得点。町全体を下回る部署は橙色。", self.b.small),
                 PageBreak(), self.heading("2.3 部署別・章別の得点一覧", 1), self.heat_map(), Spacer(1, 2 * mm),
                 self.heat_legend()]
        return flow

    def _bar_chart(self, labels: list[str], series: list[list[float | None]], label_w: float, row_h: float,
                   label_size: float, *, wrap: bool) -> tuple[Drawing, HorizontalBarChart]:
        plot_h = max(1, len(labels)) * row_h
        drawing = Drawing(BODY_W, plot_h + 34, initialFontName=FONT_NAME)
        chart = HorizontalBarChart()
        chart.x, chart.y = label_w, 16
        chart.width, chart.height = BODY_W - label_w - 30, plot_h
        chart.data = series
        # Chapter titles may take two lines; department names are cut to one (their rows are narrow).
        chart.categoryAxis.categoryNames = [
            _wrap(x, label_w - 10, label_size) if wrap else fit(x, label_size, label_w - 8) for x in labels]
        chart.categoryAxis.labels.leading = label_size * 1.2
        chart.categoryAxis.reverseDirection = 1  # the first row at the top, as in the tables
        chart.categoryAxis.labels.fontName = FONT_NAME
        chart.categoryAxis.labels.fontSize = label_size
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -4
        chart.categoryAxis.strokeColor = GRID
        chart.valueAxis.valueMin = 0  # or reportlab starts at the smallest bar and short bars vanish
        chart.valueAxis.valueMax = 100
        chart.valueAxis.valueStep = 20
        chart.valueAxis.labels.fontName = FONT_NAME
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.strokeColor = GRID
        chart.valueAxis.visibleGrid = 1
        chart.valueAxis.gridStrokeColor = colors.HexColor("#e3e7ec")
        chart.bars.strokeColor = None
        chart.barLabelFormat = "%.1f"
        chart.barLabels.fontName = FONT_NAME
        chart.barLabels.fontSize = 6.5
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 2
        chart.barLabels.fillColor = colors.HexColor("#333333")
        drawing.add(chart)
        return drawing, chart

    def chapter_chart(self) -> Drawing:
        scores = self.chapter_scores()
        labels = [chapter_label(c.id, c.title) for c, _ in scores]
        series: list[list[float | None]] = [[v for _, v in scores]]
        previous = self.previous
        if previous is not None:
            series.insert(0, [t.score if (t := previous.town.chapters.get(c.id)) else None for c, _ in scores])
        drawing, chart = self._bar_chart(labels, series, 62 * mm, 24.0 if previous else 20.0, 8, wrap=True)
        chart.barSpacing = 0.5
        chart.groupSpacing = 5
        chart.bars[len(series) - 1].fillColor = _NAVY
        if previous is not None:
            chart.bars[0].fillColor = _LIGHT
            legend = Legend()
            legend.fontName = FONT_NAME
            legend.fontSize = 8
            legend.x, legend.y = 62 * mm, drawing.height - 4
            legend.alignment = "right"
            legend.columnMaximum = 1
            legend.dxTextSpace = 4
            legend.strokeColor = None
            legend.deltax = 90
            legend.colorNamePairs = [(_NAVY, fiscal_year_label(self.year)), (_LIGHT, fiscal_year_label(self.year - 1))]
            drawing.add(legend)
        return drawing

    def department_chart(self, results: list[DepartmentResult]) -> Drawing:
        town = self.cons.town.total.score
        labels = [r.department.name for r in results]
        drawing, chart = self._bar_chart(labels, [[r.scores.total.score for r in results]], 48 * mm, 12.0, 7.5,
                                         wrap=False)
        chart.barWidth = 7
        chart.groupSpacing = 3.5
        chart.bars[0].fillColor = _NAVY
        for i, r in enumerate(results):
            score = r.scores.total.score
            if town is not None and score is not None and score < town:
                chart.bars[(0, i)].fillColor = _BELOW
        if town is not None:
            x = chart.x + chart.width * town / 100
            drawing.add(Line(x, chart.y, x, chart.y + chart.height + 4, strokeColor=RED, strokeWidth=0.8,
                             strokeDashArray=[3, 2]))
            drawing.add(String(x, chart.y + chart.height + 7, f"町全体 {score_text(town)}", fontName=FONT_NAME,
                               fontSize=7, fillColor=RED, textAnchor="middle"))
        return drawing

    def heat_map(self) -> Table:
        chapters = self.chapters
        name_w = 46 * mm
        number_w = (BODY_W - name_w) / (len(chapters) + 1)
        head = self.header_cells("部署", "合計", *(f"第{c.id}章" if c.id.isdigit() else c.id for c in chapters))
        rows: list[list[Any]] = [head]
        extra: list[tuple[object, ...]] = [("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("FONTSIZE", (0, 1), (-1, -1), 7.5)]
        for row, r in enumerate(self.cons.results, start=1):
            values = [r.scores.total.score, *(t.score if (t := r.scores.chapters.get(c.id)) else None
                                              for c in chapters)]
            rows.append([fit(r.department.name, 7.5, name_w - 8), *(score_text(v) for v in values)])
            for col, v in enumerate(values, start=1):
                band = _band(v)
                if band:
                    extra.append(("BACKGROUND", (col, row), (col, row), colors.HexColor(band)))
        town = self.cons.town
        rows.append(["町全体", score_text(town.total.score),
                     *(score_text(t.score if (t := town.chapters.get(c.id)) else None) for c in chapters)])
        extra += [("BACKGROUND", (0, -1), (-1, -1), LABEL_BG), ("LINEABOVE", (0, -1), (-1, -1), 1.0, _NAVY)]
        return self.grid_table(rows, [name_w, *([number_w] * (len(chapters) + 1))], extra)

    def heat_legend(self) -> Flowable:
        cells = [[f"  {caption}" for _, _, caption in _BANDS]]
        table = Table(cells, colWidths=[BODY_W / 4] * 4, hAlign="LEFT")
        table.setStyle(table_style([
            *[("BACKGROUND", (i, 0), (i, 0), colors.HexColor(color)) for i, (_, color, _) in enumerate(_BANDS)],
            ("FONTSIZE", (0, 0), (-1, -1), 7.5),
            ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ]))
        names = "、".join(chapter_label(c.id, c.title) for c in self.chapters)
        return KeepTogether([table, Spacer(1, 2 * mm), self.para(f"章: {names}。", self.b.small)])

    # -- 3 章別の分析 ---------------------------------------------------------------------------
    def chapter_analysis(self) -> list[Flowable]:
        flow: list[Flowable] = [self.new_page(), self.heading("3 章別の分析", 0)]
        if not self.cons.results:
            return [*flow, self.para("提出された自己点検がないため、章別の分析はない。")]
        flow.append(self.para("章ごとに、町全体の得点、得点の高い部署と低い部署、「一部実施している」「実施していない」"
                              "と回答した部署の多い項目を示す。", self.b.body))
        for n, (chapter, score) in enumerate(self.chapter_scores(), start=1):
            flow += self.chapter_block(n, chapter, score)
        return flow

    def chapter_block(self, n: int, chapter: Chapter, score: float | None) -> list[Flowable]:
        b = self.b
        ranked = sorted(((r.department.name, t.score) for r in self.cons.results
                         if (t := r.scores.chapters.get(chapter.id)) is not None and t.score is not None),
                        key=lambda ns: -(ns[1] or 0.0))
        tally = self.cons.town.chapters.get(chapter.id, Tally())
        head = (f"町全体の得点 <b>{score_text(score)} 点</b>"
                f"（対象 {len(ranked)} 部署、評価した回答 {tally.counted:,} 件）"
                f'<font color="#555555">　方針 {markup(chapter.clause)}</font>')
        rows = [("得点の高い部署",
                 "、".join(f"{markup(name)} {score_text(v)}" for name, v in ranked[:_TOP_DEPARTMENTS]))]
        if len(ranked) > _TOP_DEPARTMENTS:
            low = ranked[-_TOP_DEPARTMENTS:][::-1]
            rows.append(("得点の低い部署", "、".join(f"{markup(name)} {score_text(v)}" for name, v in low)))
        flow: list[Flowable] = [CondPageBreak(70 * mm),
                                self.heading(f"3.{n} {chapter_label(chapter.id, chapter.title)}", 1),
                                Paragraph(head, b.body), Spacer(1, 2 * mm), self.kv_table(rows), Spacer(1, 3 * mm)]
        failing = sorted((c for c in self.counts.values() if c.item.chapter_id == chapter.id and c.failing),
                         key=lambda c: (-c.failing, -c.not_done, c.item.id))
        if not failing:
            return [*flow, self.para("この章に「一部実施している」「実施していない」の回答はない。")]
        shown = failing[:_CHAPTER_ITEMS_SHOWN]
        data: list[list[Any]] = [self.header_cells("項目", "質問", "重要度", "一部", "未実施", "割合")]
        for c in shown:
            rate = f"{100 * c.failing / c.answered:.0f}%" if c.answered else "—"
            data.append([c.item.id, Paragraph(markup(c.item.question), b.cell), c.item.importance, str(c.partial),
                         str(c.not_done), rate])
        widths = [19 * mm, BODY_W - 75 * mm, 14 * mm, 14 * mm, 14 * mm, 14 * mm]
        table = self.grid_table(data, widths, [("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                                               ("ALIGN", (2, 1), (2, -1), "CENTER")])
        caption = "「一部実施している」「実施していない」の多い項目"
        flow += [CondPageBreak(35 * mm), Paragraph(caption, self.st.heading3), table]
        note = "一部・未実施は回答した部署の数、割合はその項目を評価した部署に占める割合。"
        if len(failing) > len(shown):
            note += f"ほか {len(failing) - len(shown)} 項目（部署ごとの項目は付録を参照）。"
        return [*flow, Spacer(1, 1 * mm), self.para(note, b.small)]

    # -- 4 指摘事項 ------------------------------------------------------------------------------
    def findings_section(self) -> list[Flowable]:
        flow: list[Flowable] = [self.new_page(), self.heading("4 指摘事項と改善の提言", 0)]
        intro = (f"監査担当が確認した指摘事項は {len(self.findings)} 件である。重大・軽微の指摘事項を受けた部署は、"
                 "改善の提言に沿って期限までに改善し、次年度の自己点検で改善の状況を報告する。")
        if self.unconfirmed:
            intro += f"確認前の指摘案 {self.unconfirmed} 件は本書に含めていない。"
        flow.append(self.para(intro))
        if not self.findings:
            return [*flow, Spacer(1, 2 * mm), self.para("確認済みの指摘事項はない。")]
        grades = [g for g in GRADE_ORDER if any(f.grade == g for f in self.findings)]
        grades += sorted({f.grade for f in self.findings} - set(GRADE_ORDER))
        order = {d.id: i for i, d in enumerate(self.ws.departments())}
        for n, grade in enumerate(grades, start=1):
            group = sorted((f for f in self.findings if f.grade == grade),
                           key=lambda f: (f.department_id != TOWN_WIDE, order.get(f.department_id, 10**6), f.item_id,
                                          f.id))
            flow.append(self.heading(f"4.{n} {GRADE_LABELS.get(grade, grade)}（{len(group)} 件）", 1))
            for f in group:
                flow += self.finding_block(f)
        return flow

    def finding_block(self, f: FindingRecord) -> list[Flowable]:
        color = colors.HexColor(_GRADE_COLORS.get(f.grade, "#555555"))
        label_w = 20 * mm
        text_w = BODY_W - label_w - 2 * _CELL_PAD
        target = TOWN_WIDE_LABEL if f.department_id == TOWN_WIDE else self.names.get(f.department_id, f.department_id)
        facts = target + (f"（項目 {f.item_id}）" if f.item_id else "")
        if f.grade != "good":
            who = self.names.get(f.responsible, f.responsible) or "—"
            facts += (f"　期限 {wareki_of_iso_date(f.due) or '—'}　担当 {who}　"
                      f"状況 {STATUS_LABELS.get(f.status, f.status)}")
        if f.source == "carried":
            facts += "　前年度から継続"
        rows = [[GRADE_LABELS.get(f.grade, f.grade), _wrap(f.title, text_w, 9)],
                ["対象", _wrap(facts, text_w, _CELL_SIZE)],
                ["内容" if f.grade == "good" else "指摘の内容", _wrap(f.text, text_w, _CELL_SIZE)]]
        if f.recommendation.strip():
            rows.append(["改善の提言", _wrap(f.recommendation, text_w, _CELL_SIZE)])
        table = Table(rows, colWidths=[label_w, BODY_W - label_w], hAlign="LEFT")
        table.setStyle(_text_table_style([
            ("FONTSIZE", (0, 0), (-1, 0), 9),
            ("LEADING", (0, 0), (-1, 0), 13),
            ("TEXTCOLOR", (0, 0), (0, 0), color),
            ("LINEBEFORE", (0, 0), (0, -1), 3, color),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("BACKGROUND", (0, 1), (0, -1), LABEL_BG),
            ("FONTSIZE", (0, 1), (0, -1), 8),
            ("TEXTCOLOR", (0, 1), (0, -1), colors.HexColor("#333333")),
        ]))
        return [KeepTogether([table, Spacer(1, 2.5 * mm)])]

    # -- 5 付録 --------------------------------------------------------------------------------
    def appendix(self) -> list[Flowable]:
        flow: list[Flowable] = [self.new_page(), self.heading("5 付録 部署別の結果", 0), self.para(
            "提出した部署ごとに、章別の得点と、「一部実施している」「実施していない」と回答した項目（改善計画を含む）"
            "を示す。すべての回答は、各部署の提出ファイルと集計ワークブックで確認できる。")]
        for n, r in enumerate(self.cons.results, start=1):
            flow += self.department_block(n, r)
        flow += self.missing_block(len(self.cons.results) + 1)
        return flow

    def department_block(self, n: int, r: DepartmentResult) -> list[Flowable]:
        dep = r.department
        snap = r.snapshot
        raw_approver = snap.get("approver")
        approver: dict[str, Any] = raw_approver if isinstance(raw_approver, dict) else {}
        decision = {"accepted": "受理", "returned": "差戻し"}.get(r.received.decision or "", "受付済")
        signature = SIGNATURE_JA.get(r.received.signature_status or "", "—")
        facts = [
            ("所属", markup(dep.display_name)),
            ("提出", markup(f"第{r.received.submission_version}版　"
                            f"{wareki_of_iso_date(snap.get('submitted_at')) or '—'}　"
                            f"（{decision}、電子署名: {signature}）")),
            ("承認者", markup(f"{approver.get('title', '')} {approver.get('name', '')}".strip() or "—")),
            ("合計得点", markup(f"{score_text(r.scores.total.score)} 点"
                               f"（町全体 {score_text(self.cons.town.total.score)} 点、"
                               f"差 {difference_text(r.scores.total.score, self.cons.town.total.score)}）")),
        ]
        # Each department on pages of its own (the first follows the appendix' introduction).
        flow: list[Flowable] = [PageBreak() if n > 1 else Spacer(1, 3 * mm), self.heading(f"5.{n} {dep.name}", 1),
                                self.kv_table(facts, 24 * mm),
                                Spacer(1, 3 * mm), self.department_chapters(r), Spacer(1, 4 * mm)]
        failing = [it for it in r.checklist.items() if r.ratings.get(it.id) in FAILING]
        caption = f"「一部実施している」「実施していない」と回答した項目（{len(failing)} 件）"
        flow += [CondPageBreak(40 * mm), Paragraph(caption, self.st.heading3)]
        if not failing:
            return [*flow, self.para("該当する項目はない。")]
        answers = {str(a.get("item_id")): a for a in snap.get("answers", []) if isinstance(a, dict)}
        widths = [19 * mm, BODY_W - 103 * mm, 26 * mm, 58 * mm]
        question_w, plan_w = widths[1] - 2 * _CELL_PAD, widths[3] - 2 * _CELL_PAD
        data: list[list[Any]] = [self.header_cells("項目", "質問", "評価", "改善計画")]
        extra: list[tuple[object, ...]] = [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG)]
        for row, it in enumerate(failing, start=1):
            rating = str(r.ratings.get(it.id))
            a = answers.get(it.id, {})
            plan = str(a.get("plan_content") or "").strip()
            details = "　".join(x for x in (f"担当: {a['plan_owner']}" if a.get("plan_owner") else "",
                                            f"期限: {wareki_of_iso_date(a['plan_due'])}" if a.get("plan_due") else "")
                               if x)
            if not plan:
                extra.append(("TEXTCOLOR", (3, row), (3, row), RED))
            data.append([it.id, _wrap(it.question, question_w, _CELL_SIZE), r.checklist.option(rating).label,
                         _wrap("\n".join(x for x in (plan or "（記入なし）", details) if x), plan_w, _CELL_SIZE)])
            extra.append(("TEXTCOLOR", (2, row), (2, row), colors.HexColor(_RATING_COLORS.get(rating, "#333333"))))
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(_text_table_style(extra))
        flow.append(table)
        return flow

    def department_chapters(self, r: DepartmentResult) -> Table:
        rows: list[list[Any]] = [self.header_cells("章", "得点", "町全体", "差", "一部", "未実施")]
        for c in r.checklist.chapters:
            score = t.score if (t := r.scores.chapters.get(c.id)) else None
            town = t.score if (t := self.cons.town.chapters.get(c.id)) else None
            diff = difference_text(score, town)
            items = [it.id for it in c.items()]
            rows.append([Paragraph(markup(chapter_label(c.id, c.title)), self.b.cell), score_text(score),
                         score_text(town),
                         Paragraph(f'<font color="#c62828">{diff}</font>' if diff.startswith("−") else diff,
                                   self.b.cell_number),
                         str(sum(1 for i in items if r.ratings.get(i) == "partial")),
                         str(sum(1 for i in items if r.ratings.get(i) == "not_done"))])
        number_w = 17 * mm
        return self.grid_table(rows, [BODY_W - 5 * number_w, *([number_w] * 5)],
                               [("ALIGN", (1, 1), (-1, -1), "RIGHT")])

    def missing_block(self, n: int) -> list[Flowable]:
        flow: list[Flowable] = [self.new_page(), self.heading(f"5.{n} 未提出の部署", 1)]
        missing = self.cons.missing
        if not missing:
            return [*flow, self.para(f"全 {self.all_departments} 部署が提出した。")]
        flow.append(self.para(f"次の {len(missing)} 部署は、{wareki_date(self.issued_on)}までに自己点検を提出していない"
                              "（本書の集計に含まれていない）。"))
        data: list[list[Any]] = [self.header_cells("部署", "所属")]
        data += [[Paragraph(markup(d.name), self.b.cell), Paragraph(markup(d.display_name), self.b.cell)]
                 for d in missing]
        return [*flow, Spacer(1, 2 * mm), self.grid_table(data, [55 * mm, BODY_W - 55 * mm])]

    def closing(self) -> list[Flowable]:
        return [Spacer(1, 8 * mm), Paragraph("以上", make_style("ar-end", 10.5, alignment=2))]

    # -- assembly ------------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        front = [*self.cover(), NextPageTemplate("approval"), PageBreak(),
                 *self.approval(), NextPageTemplate("page"), PageBreak()]
        body = [*self.overview(), *self.charts(), *self.chapter_analysis(), *self.findings_section(),
                *self.appendix(), *self.closing()]
        # The contents come last: their pages are reserved for the headings made above.
        return [*front, *self.contents(), PageBreak(), *body]


def _build(report: _Report) -> bytes:
    buffer = io.BytesIO()
    outline = report.outline
    doc = _ReportDoc(
        buffer, outline, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=report.title, author=f"瑞穂町 {report.author}".strip(),
        subject=f"{report.title}（瑞穂町）", creator="mizuho-audit", initialFontName=FONT_NAME, lang="ja-JP",
    )

    def frame(bottom: float = MARGIN_BOTTOM) -> Frame:
        return Frame(MARGIN_X, bottom, BODY_W, PAGE_H - MARGIN_TOP - bottom, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    footer = f"{report.title}　{wareki_date(report.issued_on)}"
    header = _running_header(report.title, outline)
    doc.addPageTemplates([
        PageTemplate(id="cover", frames=[frame()], onPage=_decorator(footer, outline, cover=True)),
        PageTemplate(id="approval", frames=[frame(_APPROVAL_FRAME_BOTTOM)],
                     onPage=_decorator(footer, outline, approval=True), onPageEnd=header),
        PageTemplate(id="page", frames=[frame()], onPage=_decorator(footer, outline), onPageEnd=header),
    ])
    doc.build(report.story(), canvasmaker=_canvas_maker(outline))
    if outline.approval_pages != [APPROVAL_PAGE_INDEX + 1]:
        # The signature fields are placed on this page by number: never let them land elsewhere.
        raise RuntimeError(f"approval page laid out on pages {outline.approval_pages}")
    return buffer.getvalue()


def render_audit_report(ws: Workspace, year: int, *, author: str, reviewer: str, approver: str,
                        issued_on: date) -> bytes:
    """The 年度's 情報セキュリティ自己点検結果報告書 as an A4 PDF (no signature fields yet).

    Built from :func:`consolidate` and the confirmed findings of ``year``. ``author``, ``reviewer``
    and ``approver`` are printed in the approval block (作成・確認・承認) dated ``issued_on`` (和暦).
    A year without submissions still gives a report that says so.
    """
    register_japanese_font()
    cons = consolidate(ws, year)
    findings = ws.store.findings(year)
    report = _Report(ws, year, cons, [f for f in findings if f.confirmed], sum(1 for f in findings if not f.confirmed),
                     author, reviewer, approver, issued_on, _previous_town(ws, year) if cons.results else None)
    return _build(report)


def add_signature_fields(pdf: bytes) -> bytes:
    """``pdf`` with the two empty signature fields 作成者 and 承認者 in the boxes of the approval page."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for name, box in SIGNATURE_BOXES.items():
        append_signature_field(writer, SigFieldSpec(sig_field_name=name, on_page=APPROVAL_PAGE_INDEX, box=box))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_audit_report(ws: Workspace, year: int, out: Path, *, actor: str, author: str, reviewer: str,
                       approver: str, issued_on: date | None = None) -> Path:
    """Render the report, add the empty signature fields, write ``out`` atomically and log its SHA-256."""
    on_day = issued_on or date.today()
    pdf = add_signature_fields(render_audit_report(ws, year, author=author, reviewer=reviewer, approver=approver,
                                                   issued_on=on_day))
    write_atomic(out, pdf)
    ws.store.log(actor, "report_exported", f"year:{year}", {
        "file": out.name, "sha256": hashlib.sha256(pdf).hexdigest(), "issued_on": on_day.isoformat(),
        "author": author, "reviewer": reviewer, "approver": approver,
    })
    return out
