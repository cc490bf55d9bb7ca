"""The printable record of one department's submitted self-inspection (提出版の PDF).

Built from the submission snapshot (the JSON-ready answers that get hashed and signed) and the
department's filtered checklist: a cover page, a summary by chapter, then every item with its
answer. Every page is marked 取扱注意 and numbered "n / N".

Every text the pages show comes from the ``*_content`` functions below, as paragraph markup, and
:func:`page_text_model` gives the same texts in drawing order without laying anything out: the
importer compares it with the text the signed pages show (:mod:`.page_text`).
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeAlias

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

from ...domain.plans import carries_plan, strip_carry_markers
from ...domain.questionnaire import Item, Questionnaire, ScaleOption
from ...domain.wareki import fiscal_year_label
from ..reports.pdf_fonts import FONT_NAME, JapaneseStyles, japanese_styles, markup, register_japanese_font, table_style
from ..reports.pdf_layout import (
    BODY_H,
    BODY_W,
    GRID,
    HANDLING_MARK,
    HEAD_BG,
    HEADER_TEXT_W,
    LABEL_BG,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NumberedCanvas,
    draw_page,
    fit,
    kv_table,
    wareki_of_iso_date,
    wareki_of_iso_datetime,
)
from .pdf_identity_font import identity_font

NEEDS_REVIEW_MARK = "要再確認"
IMPROVEMENT_LABEL = "要改善"
__all__ = ["HANDLING_MARK", "IMPROVEMENT_LABEL", "NEEDS_REVIEW_MARK", "ROW_LABELS", "NumberedCanvas", "PageTextModel",
           "TextPiece", "page_text_model", "plain_text", "render_submission_pdf"]

_REVIEW_BG = colors.HexColor("#fff4d6")


# ---------------------------------------------------------------------------------------------
# Reading the snapshot


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _markup(text: str) -> str:
    """:func:`markup`, quicker for the common text that needs no escaping (the importer builds it per item)."""
    if "&" in text or "<" in text or ">" in text or "\n" in text or "\r" in text:
        return markup(text)
    return text


def _file_size(size: Any) -> str:
    try:
        n = int(size)
    except (TypeError, ValueError):
        return ""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _needs_improvement(option: ScaleOption) -> bool:
    """Ratings that call for an improvement plan (一部実施・未実施)."""
    return option.requires_plan or (option.score is not None and option.score < 1.0)


@dataclass(frozen=True)
class _Context:
    snapshot: dict[str, Any]
    checklist: Questionnaire
    answers: dict[str, dict[str, Any]]
    snapshot_hash: str
    signature_note: str
    department_names: tuple[str, ...] = ()

    @property
    def styles(self) -> JapaneseStyles:
        return japanese_styles()

    def text(self, answer: dict[str, Any], key: str) -> str:
        """A field of an answer as printed: without the carry-over markers (【企画課 AST-902】)."""
        return strip_carry_markers(_text(answer.get(key)), self.department_names).strip()

    def part(self, key: str) -> dict[str, Any]:
        """A nested object of the snapshot ({} when absent or malformed)."""
        value = self.snapshot.get(key)
        return value if isinstance(value, dict) else {}

    @property
    def department(self) -> dict[str, Any]:
        return self.part("department")

    @property
    def fiscal_year_label(self) -> str:
        year = self.snapshot.get("fiscal_year", self.checklist.fiscal_year)
        try:
            return fiscal_year_label(int(year))
        except (TypeError, ValueError):
            return _text(year)

    @property
    def report_title(self) -> str:
        return f"{self.fiscal_year_label} 情報セキュリティ自己点検 結果"

    def option(self, key: str) -> ScaleOption | None:
        for opt in self.checklist.scale:
            if opt.key == key:
                return opt
        return None


def _answers_by_item(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for answer in snapshot.get("answers") or ():
        if isinstance(answer, dict) and _text(answer.get("item_id")):
            found[_text(answer["item_id"])] = answer
    return found


# ---------------------------------------------------------------------------------------------
# Page decoration


def _page_furniture(ctx: _Context) -> tuple[str, str, str]:
    """The running header and the footer's two texts (plain text, drawn on every page)."""
    dept_name = _text(ctx.department.get("name"))
    header_left = fit(ctx.report_title + (f"　{dept_name}" if dept_name else ""), 8, HEADER_TEXT_W)
    version = _text(ctx.snapshot.get("submission_version"))
    footer_left = f"{ctx.checklist.id} 版 {ctx.checklist.version}" + (f"　提出版 {version}" if version else "")
    footer_right = f"回答データ SHA-256 {ctx.snapshot_hash[:16]}…" if ctx.snapshot_hash else ""
    return header_left, footer_left, footer_right


def _page_decorator(ctx: _Context) -> Callable[[Canvas, BaseDocTemplate], None]:
    header_left, footer_left, footer_right = _page_furniture(ctx)

    def decorate(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_page(canvas, header_left, footer_left, footer_right)

    return decorate


# ---------------------------------------------------------------------------------------------
# Cover page


def _kv_table(rows: list[tuple[str, str]], styles: JapaneseStyles, label_w: float = 42 * mm) -> Table:
    return kv_table([(markup(k), v) for k, v in rows], styles, label_w)


SIGNATURE_LABEL = "電子署名"


@dataclass(frozen=True)
class _CoverContent:
    """The cover's texts as markup (kv rows: a plain label and a markup value)."""

    title: str
    display: str
    subtitle: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (heading markup, rows)
    closing: str


def _cover_content(ctx: _Context) -> _CoverContent:
    dept = ctx.department
    snap = ctx.snapshot
    questionnaire = ctx.part("questionnaire")
    approver = ctx.part("approver")
    org = "　".join(p for p in (_text(dept.get("body")), _text(dept.get("division"))) if p)
    q_title = _text(questionnaire.get("title")) or ctx.checklist.title
    q_version = _text(questionnaire.get("version")) or ctx.checklist.version
    q_hash = _text(questionnaire.get("content_hash")) or ctx.checklist.content_hash

    items = list(ctx.checklist.items())
    improvement = review = 0
    for item in items:
        answer = ctx.answers.get(item.id, {})
        option = ctx.option(_text(answer.get("rating")))
        improvement += bool(option and _needs_improvement(option))
        review += bool(answer.get("needs_review"))

    return _CoverContent(
        title=_markup(ctx.report_title),
        display=_markup(_text(dept.get("name")) or _text(dept.get("id"))),
        subtitle=_markup(org),
        sections=(
            ("提出の内容", (
                ("部署", _markup("　".join(p for p in (org, _text(dept.get("name"))) if p))),
                ("チェックリスト", _markup(f"{q_title}（版 {q_version}）")),
                ("チェックリストの内容ハッシュ", _markup(q_hash or "—")),
                ("提出版", _markup(f"第{_text(snap.get('submission_version')) or '—'}版")),
                ("提出者", _markup(_text(snap.get("submitted_by")) or "—")),
                ("提出日時", _markup(wareki_of_iso_datetime(snap.get("submitted_at")) or "—")),
                ("項目数", _markup(f"{len(items)} 項目（{IMPROVEMENT_LABEL} {improvement} 項目、"
                                 f"{NEEDS_REVIEW_MARK} {review} 項目）")),
            )),
            ("承認（情報セキュリティ管理者）", (
                ("職", _markup(_text(approver.get("title")) or "—")),
                ("氏名", _markup(_text(approver.get("name")) or "—")),
                ("承認日", _markup(wareki_of_iso_date(approver.get("date")) or "—")),
            )),
            ("回答データの確認", (
                ("回答データの SHA-256", _markup(ctx.snapshot_hash or "—")),
                (SIGNATURE_LABEL, _markup(ctx.signature_note or "—")),
            )),
        ),
        closing=("本書は、上記の SHA-256 を持つ回答データ（JSON）から作成しました。提出パッケージの回答データの"
                 "ハッシュ値と照合すると、本書が同じ回答を表していることを確かめられます。"),
    )


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


def _chapter_heading(chapter_id: str, title: str) -> str:
    return f"第{chapter_id}章 {title}" if chapter_id.isdigit() else f"{chapter_id} {title}".strip()


def _number_column_widths(headers: list[str], font_size: float) -> list[float]:
    """Widths that keep each header on one line where the page allows (labels come from the scale)."""
    padding = 12  # the table's default 6 pt on either side
    wanted = [max(13 * mm, pdfmetrics.stringWidth(h, FONT_NAME, font_size) + padding + 2) for h in headers]
    room = BODY_W - 45 * mm  # the chapter titles keep at least 45 mm
    if sum(wanted) > room:
        wanted = [w * room / sum(wanted) for w in wanted]  # long labels wrap instead
    return wanted


@dataclass(frozen=True)
class _SummaryContent:
    """The summary table's texts (markup): the header row, a row per chapter, the totals; the note below."""

    headers: tuple[str, ...]  # after the first column's "章"
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (chapter markup, numbers)
    totals: tuple[int, ...]
    note: str
    unanswered_column: bool


def _summary_content(ctx: _Context) -> _SummaryContent:
    scale = ctx.checklist.scale
    unanswered_any = False
    rows: list[list[int]] = []
    for chapter in ctx.checklist.chapters:
        counts = [0] * len(scale)
        improvement = unanswered = total = 0
        for item in chapter.items():
            total += 1
            key = _text(ctx.answers.get(item.id, {}).get("rating"))
            index = next((i for i, opt in enumerate(scale) if opt.key == key), None)
            if index is None:
                unanswered += 1
                continue
            counts[index] += 1
            improvement += _needs_improvement(scale[index])
        unanswered_any = unanswered_any or unanswered > 0
        rows.append([total, *counts, improvement, unanswered])

    headers = ["項目数", *(opt.label for opt in scale), IMPROVEMENT_LABEL]
    if unanswered_any:
        headers.append("未回答")
    totals = [sum(col) for col in zip(*rows, strict=True)] if rows else [0] * (len(scale) + 3)

    def shown(values: list[int]) -> tuple[int, ...]:
        return tuple(values if unanswered_any else values[:-1])

    improvement_labels = "・".join(f"「{opt.label}」" for opt in scale if _needs_improvement(opt))
    return _SummaryContent(
        headers=tuple(_markup(h) for h in headers),
        rows=tuple((_markup(_chapter_heading(chapter.id, chapter.title)), shown(values))
                   for chapter, values in zip(ctx.checklist.chapters, rows, strict=True)),
        totals=shown(totals),
        note=_markup(f"{IMPROVEMENT_LABEL}: 評価が{improvement_labels}の項目（改善計画の対象）。"
                    "該当しない項目は点数の計算から除きます。"),
        unanswered_column=unanswered_any,
    )


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
    ]


# ---------------------------------------------------------------------------------------------
# Every item


def _rating_markup(option: ScaleOption | None, key: str) -> str:
    if option is None:
        if not key:
            return '<font color="#c62828">未回答</font>'
        return _markup(key)
    if option.score is None:
        color = "#555555"
    elif option.score >= 1.0:
        color = "#1b7f3b"
    elif option.score > 0:
        color = "#a35f00"
    else:
        color = "#c62828"
    return f'<font color="{color}">■ {_markup(option.label)}</font>'


def _plan_markup(ctx: _Context, answer: dict[str, Any]) -> str:
    parts = []
    if ctx.text(answer, "plan_content"):
        parts.append("内容: " + _markup(ctx.text(answer, "plan_content")))
    extra = []
    if ctx.text(answer, "plan_owner"):
        extra.append("担当: " + _markup(ctx.text(answer, "plan_owner")))
    if _text(answer.get("plan_due")):
        extra.append("期限: " + _markup(wareki_of_iso_date(answer.get("plan_due"))))
    if extra:
        parts.append("　".join(extra))
    return "<br/>".join(parts)


def _attachments_markup(attachments: Iterable[Any]) -> str:
    lines = []
    for att in attachments:
        if not isinstance(att, dict):
            continue
        sha = _text(att.get("sha256"))[:12]
        details = [d for d in (_file_size(att.get("size")), f"SHA-256 {sha}" if sha else "") if d]
        suffix = f'<font color="#555555">（{_markup("、".join(details))}）</font>' if details else ""
        lines.append("・" + _markup(_text(att.get("name")) or "（名前なし）") + suffix)
    return "<br/>".join(lines)


_LABEL_W = 28 * mm

# The labels of an item block's rows (what each row shows).
ROW_LABELS = {"question": "質問", "note": "実施状況・根拠", "reason": "該当しない理由", "plan": "改善計画",
              "attachments": "添付"}


@dataclass(frozen=True)
class _ItemContent:
    """One item block's texts (markup): the id cell, the head cell's parts and the rows below."""

    item_id: str  # markup
    rating: str  # "評価: ■ 実施している"
    review: str  # the 要再確認 mark or ""
    importance: str  # the 重要度 mark or ""
    rows: tuple[tuple[str, str], ...]  # (field, value markup); labels in ROW_LABELS
    needs_review: bool

    @property
    def head(self) -> str:
        return self.rating + self.review + self.importance


def _item_content(ctx: _Context, item_id: str, item: Item | None, answer: dict[str, Any]) -> _ItemContent:
    key = _text(answer.get("rating"))
    option = ctx.option(key)
    review = bool(answer.get("needs_review"))
    rows: list[tuple[str, str]] = [
        ("question", _markup(item.question) if item else '<font color="#555555">（チェックリストにない項目）</font>'),
        ("note", _markup(ctx.text(answer, "note")) or '<font color="#777777">（記入なし）</font>'),
    ]
    if ctx.text(answer, "reason"):
        rows.append(("reason", _markup(ctx.text(answer, "reason"))))
    # 実施している / 該当しない carry no plan (an older snapshot may still hold one from an earlier rating).
    plan = _plan_markup(ctx, answer) if carries_plan(option) or (option is None and key) else ""
    if plan:
        rows.append(("plan", plan))
    attachments = answer.get("attachments")
    if isinstance(attachments, list) and attachments:
        rows.append(("attachments", _attachments_markup(attachments)))
    return _ItemContent(
        item_id=f"<b>{_markup(item_id)}</b>",
        rating="評価: " + _rating_markup(option, key),
        review=f'　<font color="#c62828">【{NEEDS_REVIEW_MARK}】</font>' if review else "",
        importance=(f'　<font color="#555555">重要度 {_markup(item.importance)}</font>'
                    if item is not None and item.importance else ""),
        rows=tuple(rows),
        needs_review=review,
    )


def _item_block(ctx: _Context, content: _ItemContent) -> list[Flowable]:
    s = ctx.styles
    data: list[list[Any]] = [[Paragraph(content.item_id, s.cell), Paragraph(content.head, s.cell)]]
    data += [[Paragraph(ROW_LABELS[field], s.label), Paragraph(value, s.cell)] for field, value in content.rows]
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


# The answers part as a sequence of events: ("heading", level, markup, chapter id), ("item", id, item, answer),
# ("section_end",), ("chapter_end",). _items lays them out; page_text_model reads their texts.
_Event: TypeAlias = tuple[Any, ...]


def _answer_events(ctx: _Context) -> Iterator[_Event]:
    if ctx.checklist.chapters:
        yield "heading", 1, "2. 回答の内容", ""
    for chapter in ctx.checklist.chapters:
        clause = f'<font size="8" color="#555555">　方針 {_markup(chapter.clause)}</font>' if chapter.clause else ""
        yield "heading", 2, _markup(_chapter_heading(chapter.id, chapter.title)) + clause, chapter.id
        for section in chapter.sections:
            yield "heading", 3, _markup(f"{section.id} {section.title}".strip()), chapter.id
            for item in section.items:
                yield "item", item.id, item, ctx.answers.get(item.id, {})
            yield ("section_end",)
        yield ("chapter_end",)
    known = {item.id for item in ctx.checklist.items()}
    strays = [item_id for item_id in ctx.answers if item_id not in known]
    if strays:
        # Never drop answers silently: the signed snapshot holds them, so the printout shows them.
        yield "heading", 2, STRAY_HEADING, ""
        for item_id in strays:
            yield "item", item_id, None, ctx.answers[item_id]
        yield ("section_end",)


STRAY_HEADING = "チェックリストにない回答"


def _items(ctx: _Context) -> list[Flowable]:
    s = ctx.styles
    styles = {1: s.heading1, 2: s.heading2, 3: s.heading3}
    # Below the summary when the page has room for it (a short summary left page 2 nearly empty).
    flow: list[Flowable] = [CondPageBreak(BODY_H / 3), Spacer(1, 6 * mm)]
    headings: list[Flowable] = []
    blocks: list[Flowable] = []
    for event in _answer_events(ctx):
        if event[0] == "heading":
            headings.append(Paragraph(event[2], styles[event[1]]))
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


# ---------------------------------------------------------------------------------------------
# The pages' text, without laying anything out (for the importer's check, :mod:`.page_text`)

_TAG = re.compile(r"<[^>]*>")


def plain_text(markup_text: str) -> str:
    """The text a paragraph of this module's markup shows: tags dropped, the three escapes undone."""
    return _TAG.sub("", markup_text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# One text the pages show, in drawing order: (markup, item id, field). The markup is paragraph markup
# (:func:`plain_text` gives its text), or None where the text is not known here (any text may stand there).
# The item id names the answer a piece belongs to ("" for the cover, the summary and the headings); the field
# says what it is: "id", "rating", "review", "importance", "label", or a row of ROW_LABELS ("question", "note",
# "reason", "plan", "attachments"); "cover", "summary", "heading" outside the answers.
TextPiece: TypeAlias = tuple[str | None, str, str]


@dataclass(frozen=True)
class PageTextModel:
    """What the pages of a submission PDF show: on every page ``furniture`` first (取扱注意, the running
    header, the footer's two texts; plain text) and "n / N" last; between them, page after page, ``pieces``."""

    furniture: tuple[str, ...]
    pieces: list[TextPiece]
    # The summary table's header row and its totals row (markup): a table longer than a page repeats its
    # header at the top of the next page.
    summary_header: str = ""
    summary_totals: str = ""


def page_text_model(snapshot: dict[str, Any], checklist: Questionnaire, *, snapshot_hash: str,
                    signature_note: str | None = None, department_names: Iterable[str] = (),
                    unknown_chapters: frozenset[str] = frozenset(),
                    unknown_items: frozenset[str] = frozenset()) -> PageTextModel:
    """The texts :func:`render_submission_pdf` draws for these arguments, in drawing order, without layout.

    ``signature_note`` None: the cover's line on the signature is not known (it is the exporter's).
    ``unknown_chapters`` / ``unknown_items``: chapters whose headings, items whose question and importance
    the caller does not know (e.g. last year's findings as the department saw them): pieces with markup None.
    """
    register_japanese_font()  # fit() measures the running header in the font
    ctx = _context(snapshot, checklist, snapshot_hash, signature_note or "", department_names)
    pieces: list[TextPiece] = []
    add = pieces.append

    cover = _cover_content(ctx)
    for text in (cover.title, cover.display, cover.subtitle):
        add((text, "", "cover"))
    for heading, rows in cover.sections:
        add((heading, "", "cover"))
        for label, value in rows:
            add((markup(label), "", "cover"))
            add((None if label == SIGNATURE_LABEL and signature_note is None else value, "", "cover"))
    add((cover.closing, "", "cover"))

    summary = _summary_content(ctx)
    for text in ("1. 章別の集計", "章", *summary.headers):
        add((text, "", "summary"))
    for chapter, (label, values) in zip(ctx.checklist.chapters, summary.rows, strict=True):
        add((None if chapter.id in unknown_chapters else label, "", "summary"))
        add(("".join(map(str, values)), "", "summary"))
    add(("合計" + "".join(map(str, summary.totals)), "", "summary"))
    add((summary.note, "", "summary"))

    for event in _answer_events(ctx):
        if event[0] == "heading":
            add((None if event[3] in unknown_chapters and event[1] > 1 else event[2], "", "heading"))
        elif event[0] == "item":
            item_id = event[1]
            content = _item_content(ctx, item_id, event[2], event[3])
            unknown = item_id in unknown_items
            add((content.item_id, item_id, "id"))
            add((content.rating, item_id, "rating"))
            add((content.review, item_id, "review"))
            add((None if unknown else content.importance, item_id, "importance"))
            for field, value in content.rows:
                add((ROW_LABELS[field], item_id, "label"))
                add((None if unknown and field == "question" else value, item_id, field))
    return PageTextModel((HANDLING_MARK, *_page_furniture(ctx)), pieces, "章" + "".join(summary.headers),
                         "合計" + "".join(map(str, summary.totals)))


def _context(snapshot: dict[str, Any], checklist: Questionnaire, snapshot_hash: str, signature_note: str,
             department_names: Iterable[str]) -> _Context:
    own = _text((snapshot.get("department") or {}).get("name")) if isinstance(snapshot.get("department"), dict) else ""
    return _Context(snapshot=snapshot, checklist=checklist, answers=_answers_by_item(snapshot),
                    snapshot_hash=snapshot_hash, signature_note=signature_note,
                    department_names=(*department_names, *([own] if own else [])))


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
