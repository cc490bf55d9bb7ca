"""The printable record of one department's submitted self-inspection (提出版の PDF).

Built from the submission snapshot (the JSON-ready answers that get hashed and signed) and the
department's filtered checklist: a cover page, a summary by chapter, then every item with its
answer. Every page is marked 取扱注意 and numbered "n / N".
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

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
from .submission_pdf_year import asked_text, year_on_year_section

NEEDS_REVIEW_MARK = "要再確認"
IMPROVEMENT_LABEL = "要改善"
__all__ = ["HANDLING_MARK", "IMPROVEMENT_LABEL", "NEEDS_REVIEW_MARK", "NumberedCanvas", "render_submission_pdf"]

_REVIEW_BG = colors.HexColor("#fff4d6")


# ---------------------------------------------------------------------------------------------
# Reading the snapshot


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


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
    styles: JapaneseStyles
    department_names: tuple[str, ...] = ()

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


def _page_decorator(ctx: _Context) -> Callable[[Canvas, BaseDocTemplate], None]:
    dept_name = _text(ctx.department.get("name"))
    header_left = fit(ctx.report_title + (f"　{dept_name}" if dept_name else ""), 8, HEADER_TEXT_W)
    version = _text(ctx.snapshot.get("submission_version"))
    footer_left = f"{ctx.checklist.id} 版 {ctx.checklist.version}" + (f"　提出版 {version}" if version else "")
    footer_right = f"回答データ SHA-256 {ctx.snapshot_hash[:16]}…" if ctx.snapshot_hash else ""

    def decorate(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_page(canvas, header_left, footer_left, footer_right)

    return decorate


# ---------------------------------------------------------------------------------------------
# Cover page


def _kv_table(rows: list[tuple[str, str]], styles: JapaneseStyles, label_w: float = 42 * mm) -> Table:
    return kv_table([(markup(k), v) for k, v in rows], styles, label_w)


def _cover(ctx: _Context) -> list[Flowable]:
    s = ctx.styles
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

    flow: list[Flowable] = [
        Spacer(1, 18 * mm),
        Paragraph(markup(ctx.report_title), s.title),
        Spacer(1, 10 * mm),
        Paragraph(markup(_text(dept.get("name")) or _text(dept.get("id"))), s.display),
        Paragraph(markup(org), s.subtitle),
        Spacer(1, 12 * mm),
        Paragraph("提出の内容", s.heading2),
        _kv_table([
            ("部署", markup("　".join(p for p in (org, _text(dept.get("name"))) if p))),
            ("チェックリスト", markup(f"{q_title}（版 {q_version}）")),
            ("チェックリストの内容ハッシュ", markup(q_hash or "—")),
            ("提出版", markup(f"第{_text(snap.get('submission_version')) or '—'}版")),
            ("提出者", markup(_text(snap.get("submitted_by")) or "—")),
            ("提出日時", markup(wareki_of_iso_datetime(snap.get("submitted_at")) or "—")),
            ("項目数", markup(f"{len(items)} 項目（{IMPROVEMENT_LABEL} {improvement} 項目、"
                             f"{NEEDS_REVIEW_MARK} {review} 項目）")),
            *([("今年度に尋ねた項目", markup(asked))] if (asked := asked_text(snap, ctx.checklist)) else []),
        ], s),
        Paragraph("承認（情報セキュリティ管理者）", s.heading2),
        _kv_table([
            ("職", markup(_text(approver.get("title")) or "—")),
            ("氏名", markup(_text(approver.get("name")) or "—")),
            ("承認日", markup(wareki_of_iso_date(approver.get("date")) or "—")),
        ], s),
        Paragraph("回答データの確認", s.heading2),
        _kv_table([
            ("回答データの SHA-256", markup(ctx.snapshot_hash or "—")),
            ("電子署名", markup(ctx.signature_note or "—")),
        ], s),
        Spacer(1, 2 * mm),
        Paragraph(
            "本書は、上記の SHA-256 を持つ回答データ（JSON）から作成しました。提出パッケージの回答データの"
            "ハッシュ値と照合すると、本書が同じ回答を表していることを確かめられます。", s.small),
    ]
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


def _summary(ctx: _Context) -> list[Flowable]:
    s = ctx.styles
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
    number_widths = _number_column_widths(headers, s.cell_header.fontSize)
    chapter_w = BODY_W - sum(number_widths)

    def number_cells(values: list[int]) -> list[Paragraph]:
        shown = values if unanswered_any else values[:-1]
        return [Paragraph(str(v), s.cell_number) for v in shown]

    data: list[list[Any]] = [[Paragraph("章", s.cell_header), *(Paragraph(markup(h), s.cell_header) for h in headers)]]
    for chapter, values in zip(ctx.checklist.chapters, rows, strict=True):
        data.append([Paragraph(markup(_chapter_heading(chapter.id, chapter.title)), s.cell), *number_cells(values)])
    totals = [sum(col) for col in zip(*rows, strict=True)] if rows else [0] * (len(scale) + 3)
    data.append([Paragraph("合計", s.cell), *number_cells(totals)])

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
    improvement_labels = "・".join(f"「{opt.label}」" for opt in scale if _needs_improvement(opt))
    return [
        Paragraph("1. 章別の集計", s.heading1),
        table,
        Spacer(1, 3 * mm),
        Paragraph(markup(f"{IMPROVEMENT_LABEL}: 評価が{improvement_labels}の項目（改善計画の対象）。"
                         "該当しない項目は点数の計算から除きます。"), s.small),
        *year_on_year_section(ctx.snapshot, ctx.checklist, s),
    ]


# ---------------------------------------------------------------------------------------------
# Every item


def _rating_markup(option: ScaleOption | None, key: str) -> str:
    if option is None:
        if not key:
            return '<font color="#c62828">未回答</font>'
        return markup(key)
    if option.score is None:
        color = "#555555"
    elif option.score >= 1.0:
        color = "#1b7f3b"
    elif option.score > 0:
        color = "#a35f00"
    else:
        color = "#c62828"
    return f'<font color="{color}">■ {markup(option.label)}</font>'


def _plan_markup(ctx: _Context, answer: dict[str, Any]) -> str:
    parts = []
    if ctx.text(answer, "plan_content"):
        parts.append("内容: " + markup(ctx.text(answer, "plan_content")))
    extra = []
    if ctx.text(answer, "plan_owner"):
        extra.append("担当: " + markup(ctx.text(answer, "plan_owner")))
    if _text(answer.get("plan_due")):
        extra.append("期限: " + markup(wareki_of_iso_date(answer.get("plan_due"))))
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
        suffix = f'<font color="#555555">（{markup("、".join(details))}）</font>' if details else ""
        lines.append("・" + markup(_text(att.get("name")) or "（名前なし）") + suffix)
    return "<br/>".join(lines)


_LABEL_W = 28 * mm


def _item_block(ctx: _Context, item_id: str, item: Item | None, answer: dict[str, Any]) -> list[Flowable]:
    s = ctx.styles
    key = _text(answer.get("rating"))
    option = ctx.option(key)
    review = bool(answer.get("needs_review"))
    head = "評価: " + _rating_markup(option, key)
    if review:
        head += f'　<font color="#c62828">【{NEEDS_REVIEW_MARK}】</font>'
    if item is not None and item.importance:
        head += f'　<font color="#555555">重要度 {markup(item.importance)}</font>'

    rows: list[tuple[str, str]] = [
        ("質問", markup(item.question) if item else '<font color="#555555">（チェックリストにない項目）</font>'),
        ("実施状況・根拠", markup(ctx.text(answer, "note")) or '<font color="#777777">（記入なし）</font>'),
    ]
    if ctx.text(answer, "reason"):
        rows.append(("該当しない理由", markup(ctx.text(answer, "reason"))))
    # 実施している / 該当しない carry no plan (an older snapshot may still hold one from an earlier rating).
    plan = _plan_markup(ctx, answer) if carries_plan(option) or (option is None and key) else ""
    if plan:
        rows.append(("改善計画", plan))
    attachments = answer.get("attachments")
    if isinstance(attachments, list) and attachments:
        rows.append(("添付", _attachments_markup(attachments)))

    data: list[list[Any]] = [[Paragraph(f"<b>{markup(item_id)}</b>", s.cell), Paragraph(head, s.cell)]]
    data += [[Paragraph(label, s.label), Paragraph(value, s.cell)] for label, value in rows]
    # splitInRow: one very long answer may be taller than a page. No repeatRows: combined with a
    # heading kept with its next block, reportlab then drew the id row twice on the same page.
    table = Table(data, colWidths=[_LABEL_W, BODY_W - _LABEL_W], splitInRow=1, hAlign="LEFT")
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), _REVIEW_BG if review else HEAD_BG),
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
    # Below the summary when the page has room for it (a short summary left page 2 nearly empty).
    flow: list[Flowable] = [CondPageBreak(BODY_H / 3), Spacer(1, 6 * mm)]
    headings: list[Flowable] = [Paragraph("2. 回答の内容", s.heading1)]
    for chapter in ctx.checklist.chapters:
        clause = f'<font size="8" color="#555555">　方針 {markup(chapter.clause)}</font>' if chapter.clause else ""
        headings.append(Paragraph(markup(_chapter_heading(chapter.id, chapter.title)) + clause, s.heading2))
        for section in chapter.sections:
            headings.append(Paragraph(markup(f"{section.id} {section.title}".strip()), s.heading3))
            blocks: list[Flowable] = []
            for item in section.items:
                blocks += _item_block(ctx, item.id, item, ctx.answers.get(item.id, {}))
            flow += _with_headings(headings, blocks)
            headings = []
        flow += headings
    known = {item.id for item in ctx.checklist.items()}
    strays = [item_id for item_id in ctx.answers if item_id not in known]
    if strays:
        # Never drop answers silently: the signed snapshot holds them, so the printout shows them.
        stray_blocks: list[Flowable] = []
        for item_id in strays:
            stray_blocks += _item_block(ctx, item_id, None, ctx.answers[item_id])
        flow += _with_headings([Paragraph("チェックリストにない回答", s.heading2)], stray_blocks)
    return flow


# ---------------------------------------------------------------------------------------------


def render_submission_pdf(snapshot: dict[str, Any], checklist: Questionnaire, *, snapshot_hash: str,
                          signature_note: str, department_names: Iterable[str] = ()) -> bytes:
    """The submission as an A4 PDF: cover, summary by chapter, every item with its answer.

    ``snapshot`` is the ``mizuho-audit/submission@1`` dict, ``checklist`` the department's filtered
    questionnaire, ``snapshot_hash`` the SHA-256 (hex) of the canonical snapshot JSON and
    ``signature_note`` one line on the electronic signature (or its absence) for the cover.
    ``department_names`` (the master's) lets carry-over markers such as 【企画課】 be recognised and left out.
    """
    register_japanese_font()
    own = _text((snapshot.get("department") or {}).get("name")) if isinstance(snapshot.get("department"), dict) else ""
    ctx = _Context(snapshot=snapshot, checklist=checklist, answers=_answers_by_item(snapshot),
                   snapshot_hash=snapshot_hash, signature_note=signature_note, styles=japanese_styles(),
                   department_names=(*department_names, *([own] if own else [])))
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
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()
