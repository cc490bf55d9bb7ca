"""結果通知 as printed: the department's scores beside the town's, by chapter, a chart, and the
confirmed 指摘事項 it receives, on A4 pages marked 取扱注意 and numbered "n / N"."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from reportlab.graphics.charts.barcharts import HorizontalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.charts.legends import Legend  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from ...domain.departments import Department
from ...domain.questionnaire import Questionnaire
from ...domain.records import FindingRecord
from ...domain.scoring import TownScores
from ...domain.wareki import fiscal_year_label, wareki_date
from ..intake.consolidation import DepartmentResult
from ..reports.label_breaks import break_label
from ..reports.pdf_fonts import (
    FONT_NAME,
    JapaneseStyles,
    japanese_styles,
    make_style,
    markup,
    register_japanese_font,
    table_style,
)
from ..reports.pdf_layout import (
    BODY_W,
    GRID,
    HEAD_BG,
    HEADER_TEXT_W,
    LABEL_BG,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    TOWN,
    NumberedCanvas,
    chapter_label,
    difference_text,
    draw_page,
    fit,
    kv_table,
    score_text,
    wareki_of_iso_date,
)
from .findings import GRADE_LABELS, TOWN_WIDE

Box = tuple[int, int, int, int]

TITLE = "情報セキュリティ自己点検 結果通知"
GRADE_ORDER = ("major", "minor", "observation", "good")
_GRADE_COLORS = {"major": "#c62828", "minor": "#a35f00", "observation": "#1f5f8b", "good": "#1b7f3b"}

_DEPT_COLOR = colors.HexColor("#1f3a5f")
_TOWN_COLOR = colors.HexColor("#b8c2cc")


# ---------------------------------------------------------------------------------------------
# Small formatting helpers


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def sorted_findings(findings: Sequence[FindingRecord]) -> list[FindingRecord]:
    rank = {g: i for i, g in enumerate(GRADE_ORDER)}
    return sorted(findings, key=lambda f: (rank.get(f.grade, len(rank)), f.item_id, f.id))


@dataclass(frozen=True)
class _Styles:
    base: JapaneseStyles
    big_number: ParagraphStyle
    big_label: ParagraphStyle
    note: ParagraphStyle


@cache
def _styles() -> _Styles:
    return _Styles(
        base=japanese_styles(),
        big_number=make_style("rn-big-number", 22, leading=28, alignment=1),
        big_label=make_style("rn-big-label", 9, leading=13, alignment=1, textColor=colors.HexColor("#333333")),
        note=make_style("rn-note", 9.5, leading=15, leftIndent=4 * mm),
    )


# ---------------------------------------------------------------------------------------------
# Rendering


def _page_decorator(header: str, footer: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    header = fit(header, 8, HEADER_TEXT_W)
    footer = fit(footer, 7, BODY_W / 2 - 12 * mm)

    def decorate(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_page(canvas, header, footer, TOWN)

    return decorate


def _kv_table(rows: list[tuple[str, str]], st: JapaneseStyles, label_w: float = 30 * mm) -> Table:
    return kv_table(rows, st, label_w)


def _score_boxes(dept_score: float | None, town_score: float | None, departments: int) -> Table:
    s = _styles()
    diff = difference_text(dept_score, town_score)
    diff_color = "#c62828" if diff.startswith("−") else "#1f3a5f"
    cells = [
        [Paragraph("部署の得点", s.big_label), Paragraph(f"町全体（{departments} 部署）", s.big_label),
         Paragraph("町全体との差", s.big_label)],
        [Paragraph(f'{score_text(dept_score)}<font size="10"> 点</font>', s.big_number),
         Paragraph(f'{score_text(town_score)}<font size="10"> 点</font>', s.big_number),
         Paragraph(f'<font color="{diff_color}">{diff}</font>', s.big_number)],
    ]
    table = Table(cells, colWidths=[BODY_W / 3] * 3, hAlign="LEFT")
    table.setStyle(table_style([
        ("BOX", (0, 0), (0, -1), 1.0, _DEPT_COLOR),
        ("BOX", (1, 0), (1, -1), 0.5, GRID),
        ("BOX", (2, 0), (2, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
    ]))
    return table


def chapter_rows(result: DepartmentResult, town: TownScores) -> list[tuple[str, str, float | None, float | None]]:
    """(chapter id, title, department score, town score) for the department's chapters."""
    rows = []
    for chapter in result.checklist.chapters:
        dept = result.scores.chapters.get(chapter.id)
        whole = town.chapters.get(chapter.id)
        rows.append((chapter.id, chapter.title, dept.score if dept else None, whole.score if whole else None))
    return rows


def _chapter_table(rows: list[tuple[str, str, float | None, float | None]],
                   total: tuple[float | None, float | None]) -> Table:
    st = _styles().base
    number_w = 22 * mm
    head = [Paragraph("章", st.cell_header), Paragraph("部署", st.cell_header),
            Paragraph("町全体", st.cell_header), Paragraph("差", st.cell_header)]
    data: list[list[Any]] = [head]
    for cid, title, dept, whole in [*rows, ("", "合計", *total)]:
        diff = difference_text(dept, whole)
        diff_markup = f'<font color="#c62828">{diff}</font>' if diff.startswith("−") else diff
        data.append([Paragraph(markup(chapter_label(cid, title) if cid else title), st.cell),
                     Paragraph(score_text(dept), st.cell_number), Paragraph(score_text(whole), st.cell_number),
                     Paragraph(diff_markup, st.cell_number)])
    table = Table(data, colWidths=[BODY_W - 3 * number_w, number_w, number_w, number_w], repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("BACKGROUND", (0, -1), (-1, -1), LABEL_BG),
        ("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.HexColor("#4a5968")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def _chart(rows: list[tuple[str, str, float | None, float | None]], department_name: str) -> Drawing:
    """Department vs town per chapter as horizontal bars (chapter titles are long)."""
    label_w = 62 * mm
    labels = [break_label(chapter_label(cid, title), label_w - 10,
                          lambda t: pdfmetrics.stringWidth(t, FONT_NAME, 7.5)) for cid, title, *_ in rows]
    # Two lines of label need a taller group than the two bars do: the whole title is shown, never cut.
    bar_group = 20.0 if any("\n" in x for x in labels) else 17.0
    plot_h = max(1, len(rows)) * bar_group
    height = plot_h + 30
    drawing = Drawing(BODY_W, height, initialFontName=FONT_NAME)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 14
    chart.width, chart.height = BODY_W - label_w - 24, plot_h
    # Within a group the last series is drawn on top: the town first, so the department's bar leads.
    chart.data = [[r[3] for r in rows], [r[2] for r in rows]]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.leading = 9
    chart.categoryAxis.reverseDirection = 1  # 第1章 at the top, as in the table
    chart.categoryAxis.labels.fontName = FONT_NAME
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = GRID
    chart.valueAxis.valueMin = 0  # or reportlab starts the axis at the smallest bar and short bars vanish
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = FONT_NAME
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = GRID
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e3e7ec")
    chart.barSpacing = 0.5
    chart.groupSpacing = 4
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = _TOWN_COLOR
    chart.bars[1].fillColor = _DEPT_COLOR
    chart.barLabelFormat = "%.1f"
    chart.barLabels.fontName = FONT_NAME
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.barLabels.fillColor = colors.HexColor("#333333")
    drawing.add(chart)
    legend = Legend()
    legend.fontName = FONT_NAME
    legend.fontSize = 8
    legend.x, legend.y = label_w, height - 4
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dxTextSpace = 4
    legend.strokeColor = None
    name = fit(department_name, 8, 160)
    legend.deltax = pdfmetrics.stringWidth(name, FONT_NAME, 8) + 40
    legend.colorNamePairs = [(_DEPT_COLOR, name), (_TOWN_COLOR, "町全体")]
    drawing.add(legend)
    return drawing


def _score_note(checklist: Questionnaire) -> str:
    values = "、".join(f"「{o.label}」{o.score:g}" for o in checklist.scale if o.score is not None)
    excluded = "・".join(f"「{o.label}」" for o in checklist.scale if o.score is None)
    weights = "・".join(f"{k} {v:g}" for k, v in checklist.weights.items())
    text = f"得点は、回答を{values}とし、項目の重要度（{weights}）で重み付けした 100 点満点の値です。"
    if excluded:
        text += f"{excluded}の項目は計算から除きます。"
    return text + "町全体の得点は、提出したすべての部署の項目を合わせて計算しています。"


def _finding_block(f: FindingRecord, names: Mapping[str, str]) -> list[Flowable]:
    st = _styles().base
    grade = GRADE_LABELS.get(f.grade, f.grade)
    color = _GRADE_COLORS.get(f.grade, "#555555")
    head = f'<font color="{color}">■ {markup(grade)}</font>　<b>{markup(f.title)}</b>'
    notes = []
    if f.department_id == TOWN_WIDE:
        notes.append("全庁の指摘事項（この部署が担当）")
    if f.source == "carried":
        notes.append("前年度から継続")
    if notes:
        head += f'<br/><font size="7.5" color="#555555">{markup("・".join(notes))}</font>'
    rows: list[tuple[str, str]] = [("指摘の内容" if f.grade != "good" else "内容", markup(f.text))]
    if f.recommendation.strip():
        rows.append(("改善の提言", markup(f.recommendation)))
    if f.due.strip():
        rows.append(("改善期限", markup(wareki_of_iso_date(f.due))))
    if f.responsible.strip():
        rows.append(("担当", markup(names.get(f.responsible, f.responsible))))
    label_w = 26 * mm
    data: list[list[Any]] = [[Paragraph(head, st.cell), ""]]
    data += [[Paragraph(k, st.label), Paragraph(v, st.cell)] for k, v in rows]
    table = Table(data, colWidths=[label_w, BODY_W - label_w], splitInRow=1, hAlign="LEFT")
    table.setStyle(table_style([
        ("SPAN", (0, 0), (-1, 0)),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(color)),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("BACKGROUND", (0, 1), (0, -1), LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return [KeepTogether([table, Spacer(1, 3 * mm)])]


def _findings_section(findings: list[FindingRecord], names: Mapping[str, str]) -> list[Flowable]:
    st = _styles().base
    flow: list[Flowable] = [Paragraph("2. 指摘事項", st.heading1)]
    if not findings:
        flow.append(Paragraph("今回の点検では、この部署への指摘事項はありません。", st.body))
        return flow
    counts = "、".join(f"{GRADE_LABELS[g]} {n} 件" for g in GRADE_ORDER
                      if (n := sum(1 for f in findings if f.grade == g)))
    flow += [Paragraph(markup(f"指摘事項は {len(findings)} 件です（{counts}）。"), st.body), Spacer(1, 3 * mm)]
    for f in findings:
        flow += _finding_block(f, names)
    return flow


def _closing(year: int, has_open: bool) -> list[Flowable]:
    st = _styles()
    next_year = fiscal_year_label(year + 1)
    text = ("良好事例を除く指摘事項は、改善期限までに対応してください。完了していない指摘事項は、"
            f"{next_year}の自己点検チェックリストにフォローアップ項目（改善報告）として表示されます。"
            "対応の状況と内容を改善報告として記入し、自己点検とあわせて提出してください。")
    if not has_open:
        text = (f"今回は対応を求める指摘事項はありません。{next_year}の自己点検でも、"
                "引き続き対策の実施と記録をお願いします。")
    return [
        Paragraph("3. 今後の対応", st.base.heading1),
        Paragraph(markup(text), st.note),
        Spacer(1, 4 * mm),
        Paragraph("このファイルを自己点検ツールに取り込むと、指摘事項が部署のデータベースに登録されます。"
                  "本通知には取扱注意の情報が含まれます。部署内での共有にとどめてください。", st.base.small),
    ]


class _SignatureBox(Flowable):
    """The empty box the issuer's visible signature stamp goes in; records where it was drawn."""

    def __init__(self, width: float, height: float, placed: list[tuple[int, Box]]) -> None:
        super().__init__()
        self.width, self.height = width, height
        self._placed = placed

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFont(FONT_NAME, 7.5)
        c.setFillColor(colors.HexColor("#555555"))
        c.drawString(0, self.height - 9, "発行者の電子署名")
        c.setStrokeColor(GRID)
        c.setDash(3, 2)
        c.rect(0, 0, self.width, self.height - 13, stroke=1, fill=0)
        c.restoreState()
        x1, y1 = c.absolutePosition(0, 0)
        x2, y2 = c.absolutePosition(self.width, self.height - 13)
        self._placed.append((c.getPageNumber() - 1, (round(x1), round(y1), round(x2), round(y2))))


def _heading_block(rows: list[tuple[str, str]], st: JapaneseStyles, box: _SignatureBox | None) -> Flowable:
    if box is None:
        return _kv_table(rows, st)
    left_w = BODY_W - box.width - 4 * mm
    table = Table([[kv_table(rows, st, 26 * mm, width=left_w), box]], colWidths=[left_w + 4 * mm, box.width],
                  hAlign="LEFT")
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def render_result_notice(cons_result: DepartmentResult, town: TownScores, findings: Sequence[FindingRecord], *,
                         department: Department, year: int, issued_by: str, issued_at: date,
                         department_names: Mapping[str, str] | None = None, contact: str = "",
                         signature_field: str | None = None) -> bytes:
    """The 結果通知 of one department as an A4 PDF.

    ``cons_result`` is the department's entry of :func:`consolidate`, ``town`` the town's scores of
    the same consolidation, ``findings`` the confirmed findings it receives
    (:func:`~mizuho_audit.services.findings.for_department`), ``issued_at`` the date printed (和暦),
    ``issued_by`` the issuer as printed (the person who signs it). ``department_names`` maps department
    ids to names, for the responsible department of a finding; ``contact`` is the 問合せ先 line.
    With ``signature_field``, page 1 holds an empty signature field of that name, in a box beside the
    issuer, for a visible stamp.
    """
    if cons_result.department.id != department.id:
        raise ValueError(f"result of {cons_result.department.id} given for {department.id}")
    register_japanese_font()
    st = _styles().base
    names = dict(department_names or {})
    names.setdefault(department.id, department.name)
    title = f"{fiscal_year_label(year)} {TITLE}"
    snap = cons_result.snapshot
    submitted = wareki_of_iso_date(snap.get("submitted_at"))
    version = cons_result.received.submission_version
    on_day = issued_at.date() if isinstance(issued_at, datetime) else issued_at

    rows = chapter_rows(cons_result, town)
    total = (cons_result.scores.total.score, town.total.score)
    ordered = sorted_findings(findings)
    placed: list[tuple[int, Box]] = []
    box = _SignatureBox(62 * mm, 32 * mm, placed) if signature_field else None
    story: list[Flowable] = [
        Paragraph(markup(title), st.title),
        Spacer(1, 2 * mm),
        _heading_block([
            ("宛先", markup(f"{department.display_name}　情報セキュリティ管理者 様")),
            ("発行者", markup(f"瑞穂町 情報セキュリティ監査担当　{issued_by}")),
            ("日付", markup(wareki_date(on_day))),
            ("対象の提出", markup(f"第{version}版" + (f"（{submitted} 提出）" if submitted else ""))),
            ("問合せ先", markup(contact or f"瑞穂町 情報セキュリティ監査担当　{issued_by}")),
        ], st, box),
        Spacer(1, 4 * mm),
        Paragraph(markup(f"{fiscal_year_label(year)}の情報セキュリティ自己点検について、提出された回答を集計し、"
                         "監査担当が確認した結果を次のとおり通知します。"), st.body),
        Spacer(1, 4 * mm),
        _score_boxes(total[0], total[1], len(town.departments)),
        Spacer(1, 4 * mm),
        Paragraph("1. 章別の得点", st.heading1),
        _chapter_table(rows, total),
        Spacer(1, 3 * mm),
        KeepTogether([_chart(rows, department.name), Spacer(1, 1 * mm),
                      Paragraph(markup(_score_note(cons_result.checklist)), st.small)]),
        Spacer(1, 4 * mm),
        *_findings_section(ordered, names),
        Spacer(1, 2 * mm),
        *_closing(year, any(f.grade != "good" for f in ordered)),
    ]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{title} {department.name}", author=f"瑞穂町 監査担当 {issued_by}", subject=title,
        creator="mizuho-audit", initialFontName=FONT_NAME, lang="ja-JP",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    decorate = _page_decorator(f"{title}　{department.name}", f"発行 監査担当 {issued_by}　{wareki_date(on_day)}")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    doc.build(story, canvasmaker=NumberedCanvas)
    pdf = buffer.getvalue()
    if signature_field is None:
        return pdf
    if len(placed) != 1:
        raise RuntimeError(f"signature box laid out {len(placed)} times")
    page, rect = placed[0]
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    append_signature_field(writer, SigFieldSpec(sig_field_name=signature_field, on_page=page, box=rect))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
