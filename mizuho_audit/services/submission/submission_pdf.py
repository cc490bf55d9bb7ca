"""The printable record of one department's submitted self-inspection (提出版の PDF).

Built from the submission snapshot (the JSON-ready answers that get hashed and signed) and the
department's filtered checklist: a cover page, a summary by chapter, then every item with its
answer. Every page is marked 取扱注意 and numbered "n / N".

Every text the pages show comes from the ``*_content`` functions of :mod:`.submission_pdf_content`, as
paragraph markup; this module lays them out, and :func:`page_text_model` (:mod:`.submission_pdf_model`) gives
the same texts in drawing order without laying anything out: the importer compares it with the text the signed
pages show (:mod:`.page_text`).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable
from typing import Any

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from ...domain.questionnaire import Questionnaire
from ..reports.pdf_fonts import FONT_NAME, JapaneseStyles, markup, register_japanese_font, table_style
from ..reports.pdf_layout import (
    BODY_H,
    BODY_W,
    GRID,
    HANDLING_MARK,
    HEAD_BG,
    LABEL_BG,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NumberedCanvas,
    draw_page,
    kv_table,
)
from .pdf_identity_font import HexText, identity_font
from .submission_pdf_content import (
    IMPROVEMENT_LABEL,
    NEEDS_REVIEW_MARK,
    ROW_LABELS,
    _answer_events,
    _Context,
    _context,
    _cover_content,
    _item_content,
    _ItemContent,
    _page_furniture,
    _summary_content,
    _text,
)
from .submission_pdf_model import PageTextModel, TextPiece, page_text_model, plain_text
from .submission_pdf_year import year_on_year_content, year_on_year_section

__all__ = ["HANDLING_MARK", "IMPROVEMENT_LABEL", "NEEDS_REVIEW_MARK", "ROW_LABELS", "NumberedCanvas", "PageTextModel",
           "TextPiece", "page_text_model", "plain_text", "render_submission_pdf"]

_REVIEW_BG = colors.HexColor("#fff4d6")


class _Para(Paragraph):
    """A paragraph that breaks its lines once per width.

    reportlab wraps a table cell's paragraph several times with the same width (the block's height is
    measured here, then again by KeepTogether, the frame and the table's own sizing), and breaking CJK text
    into lines measures it character by character each time. The lines only depend on the text, the style
    and the width, so a second wrap at the same width keeps the lines of the first. A split makes new
    paragraphs (and may change this one's fragments): it forgets the lines first."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._wrapped_at:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._wrapped_at = None
        return super().split(availWidth, availHeight)


# ---------------------------------------------------------------------------------------------
# Page decoration


def _page_decorator(ctx: _Context) -> Callable[[Canvas, BaseDocTemplate], None]:
    header_left, footer_left, footer_right = _page_furniture(ctx)

    def decorate(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_page(canvas, header_left, footer_left, footer_right)

    return decorate


# ---------------------------------------------------------------------------------------------
# Cover page


def _kv_table(rows: list[tuple[str, str]], styles: JapaneseStyles, label_w: float = 42 * mm) -> Table:
    return kv_table([(markup(k), v) for k, v in rows], styles, label_w)


def _cover(ctx: _Context) -> list[Flowable]:
    s = ctx.styles
    content = _cover_content(ctx)
    flow: list[Flowable] = [
        Spacer(1, 18 * mm),
        Paragraph(content.title, s.title),
        Spacer(1, 10 * mm),
        Paragraph(content.display, s.display),
        Paragraph(content.subtitle, s.subtitle),
        Spacer(1, 12 * mm),
    ]
    for heading, rows in content.sections:
        flow += [Paragraph(heading, s.heading2), _kv_table(list(rows), s)]
    flow += [Spacer(1, 2 * mm), Paragraph(content.closing, s.small)]
    return flow


# ---------------------------------------------------------------------------------------------
# Summary by chapter


def _number_column_widths(headers: list[str], font_size: float) -> list[float]:
    """Widths that keep each header on one line where the page allows (labels come from the scale)."""
    padding = 12  # the table's default 6 pt on either side
    wanted = [max(13 * mm, pdfmetrics.stringWidth(h, FONT_NAME, font_size) + padding + 2) for h in headers]
    room = BODY_W - 45 * mm  # the chapter titles keep at least 45 mm
    if sum(wanted) > room:
        wanted = [w * room / sum(wanted) for w in wanted]  # long labels wrap instead
    return wanted


def _summary(ctx: _Context) -> list[Flowable]:
    s = ctx.styles
    scale = ctx.checklist.scale
    content = _summary_content(ctx)
    headers = ["項目数", *(opt.label for opt in scale), IMPROVEMENT_LABEL]
    if content.unanswered_column:
        headers.append("未回答")
    number_widths = _number_column_widths(headers, s.cell_header.fontSize)
    chapter_w = BODY_W - sum(number_widths)

    def number_cells(values: tuple[int, ...]) -> list[Paragraph]:
        return [Paragraph(str(v), s.cell_number) for v in values]

    data: list[list[Any]] = [[Paragraph("章", s.cell_header), *(Paragraph(h, s.cell_header) for h in content.headers)]]
    for chapter, values in content.rows:
        data.append([Paragraph(chapter, s.cell), *number_cells(values)])
    data.append([Paragraph("合計", s.cell), *number_cells(content.totals)])

    table = Table(data, colWidths=[chapter_w, *number_widths], repeatRows=1, hAlign="LEFT")
    improvement_col = len(scale) + 1
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("BACKGROUND", (0, -1), (-1, -1), LABEL_BG),
        ("BACKGROUND", (improvement_col + 1, 1), (improvement_col + 1, -2), colors.HexColor("#fdecea")),
        ("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.HexColor("#4a5968")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return [
        Paragraph("1. 章別の集計", s.heading1),
        table,
        Spacer(1, 3 * mm),
        Paragraph(content.note, s.small),
        *year_on_year_section(year_on_year_content(ctx.snapshot, ctx.checklist), s),
    ]


# ---------------------------------------------------------------------------------------------
# Every item


_LABEL_W = 28 * mm


def _item_block(ctx: _Context, content: _ItemContent) -> list[Flowable]:
    s = ctx.styles
    data: list[list[Any]] = [[_Para(content.item_id, s.cell), _Para(content.head, s.cell)]]
    data += [[_Para(ROW_LABELS[field], s.label), _Para(value, s.cell)] for field, value in content.rows]
    # splitInRow: one very long answer may be taller than a page. No repeatRows: combined with a
    # heading kept with its next block, reportlab then drew the id row twice on the same page.
    table = Table(data, colWidths=[_LABEL_W, BODY_W - _LABEL_W], splitInRow=1, hAlign="LEFT")
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), _REVIEW_BG if content.needs_review else HEAD_BG),
        ("BACKGROUND", (0, 1), (0, -1), LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    gap = Spacer(1, 3 * mm)
    # Keep an ordinary block on one page, but let a tall one start right here: moving it to the
    # next page would only leave the headings above it alone on an empty page.
    _, height = table.wrap(BODY_W, BODY_H)
    return [KeepTogether([table, gap])] if height < BODY_H / 2 else [table, gap]


def _with_headings(headings: list[Flowable], blocks: list[Flowable]) -> list[Flowable]:
    """Headings kept on one page with the first item block below them (never alone at a page's foot).

    Explicitly: reportlab's keepWithNext does not hold a heading to a KeepTogether, and a KeepTogether
    nested in another always moves to the next page (it measures as infinitely tall), so the first block's
    content is taken out of its own."""
    if blocks and isinstance(blocks[0], KeepTogether):
        return [KeepTogether([*headings, *blocks[0]._content]), *blocks[1:]]
    return [*headings, *blocks]


def _items(ctx: _Context) -> list[Flowable]:
    s = ctx.styles
    styles = {1: s.heading1, 2: s.heading2, 3: s.heading3}
    # Below the summary when the page has room for it (a short summary left page 2 nearly empty).
    flow: list[Flowable] = [CondPageBreak(BODY_H / 3), Spacer(1, 6 * mm)]
    headings: list[Flowable] = []
    blocks: list[Flowable] = []
    for event in _answer_events(ctx):
        if event[0] == "heading":
            headings.append(_Para(event[2], styles[event[1]]))
        elif event[0] == "item":
            blocks += _item_block(ctx, _item_content(ctx, event[1], event[2], event[3]))
        elif event[0] == "section_end":
            flow += _with_headings(headings, blocks)
            headings, blocks = [], []
        else:  # the end of a chapter (headings left only when it has no sections)
            flow += headings
            headings = []
    return flow


# ---------------------------------------------------------------------------------------------

_ENCODING_LOCK = threading.Lock()


class _SubmissionCanvas(NumberedCanvas):
    """Page content compressed without ASCII85: the same pages, a fifth smaller, and quicker for the importer
    to read back (:mod:`.page_text` reads every page of every submission; pure-Python ASCII85 decoding would
    cost more than the rest of that check). reportlab reads the setting when it writes the file."""

    def save(self) -> None:
        with _ENCODING_LOCK:  # another submission at the same time must not restore the setting under us
            before = rl_config.useA85
            rl_config.useA85 = 0
            try:
                super().save()
            finally:
                rl_config.useA85 = before

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> HexText:
        """Text in the composite font as hexadecimal strings (:class:`.pdf_identity_font.HexText`)."""
        return HexText(self, x, y, direction=direction)


def render_submission_pdf(snapshot: dict[str, Any], checklist: Questionnaire, *, snapshot_hash: str,
                          signature_note: str, department_names: Iterable[str] = ()) -> bytes:
    """The submission as an A4 PDF: cover, summary by chapter, every item with its answer.

    ``snapshot`` is the ``mizuho-audit/submission@1`` dict, ``checklist`` the department's filtered
    questionnaire, ``snapshot_hash`` the SHA-256 (hex) of the canonical snapshot JSON and
    ``signature_note`` one line on the electronic signature (or its absence) for the cover.
    ``department_names`` (the master's) lets carry-over markers such as 【企画課】 be recognised and left out.
    """
    register_japanese_font()
    ctx = _context(snapshot, checklist, snapshot_hash, signature_note, department_names)
    dept_name = _text(ctx.department.get("name"))
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4,
        leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=f"{ctx.report_title} {dept_name}".strip(), author=f"瑞穂町 {dept_name}".strip(),
        subject=f"回答データ SHA-256 {snapshot_hash}", creator="mizuho-audit",
        initialFontName=FONT_NAME, lang="ja-JP",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_page_decorator(ctx))])
    story = [*_cover(ctx), PageBreak(), *_summary(ctx), *_items(ctx)]
    with identity_font(FONT_NAME):  # one composite font: the importer reads the pages back quickly
        doc.build(story, canvasmaker=_SubmissionCanvas)
    return buffer.getvalue()
