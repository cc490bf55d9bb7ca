"""結果通知: the auditor's result notice to one department, and the department taking it in.

An A4 PDF (取扱注意, "n / N") with the department's scores beside the town's, by chapter, and the
confirmed 指摘事項 it receives. Like the 差戻し notice, it carries its content as an embedded JSON
(``mizuho-audit-result.json``) and is signed by the auditor; the department's tool reads the JSON back
and keeps the findings as follow-ups, which come back in next 年度's checklist as 改善報告.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

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

from ..domain.departments import Department
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import TownScores
from ..domain.wareki import fiscal_year_label, wareki_date
from ..i18n import _, current_language
from ..oserrors import os_reason
from ..storage.findings_store import FindingRecord
from ..storage.repository import now_iso
from .consolidation import Consolidation, DepartmentResult, consolidate
from .findings import GRADE_LABELS, TOWN_WIDE, for_department
from .pdf_fonts import (
    FONT_NAME,
    JapaneseStyles,
    japanese_styles,
    make_style,
    markup,
    register_japanese_font,
    table_style,
)
from .signing import SignatureCheck, SigningError, TrustRoot, attach_file, embedded_files, sign_pdf, verify_pdf
from .submission import write_atomic
from .submission_pdf import HANDLING_MARK, NumberedCanvas
from .workspace import Workspace

RESULT_FORMAT = "mizuho-audit/result-notice@1"
RESULT_FILE = "mizuho-audit-result.json"
SIGNATURE_FIELD = "監査担当"
TITLE = "情報セキュリティ自己点検 結果通知"
GRADE_ORDER = ("major", "minor", "observation", "good")
_GRADE_COLORS = {"major": "#c62828", "minor": "#a35f00", "observation": "#1f5f8b", "good": "#1b7f3b"}

_PAGE_W, _PAGE_H = A4
_MARGIN_X = 18 * mm
_BODY_W = _PAGE_W - 2 * _MARGIN_X
_RED = colors.HexColor("#c62828")
_GRID = colors.HexColor("#9aa3ad")
_LABEL_BG = colors.HexColor("#f1f3f6")
_HEAD_BG = colors.HexColor("#dfe6ee")
_GREY = colors.HexColor("#666666")
_DEPT_COLOR = colors.HexColor("#1f3a5f")
_TOWN_COLOR = colors.HexColor("#b8c2cc")


class ResultNoticeError(Exception):
    """A result notice that cannot be written or taken in; the message is for the user (in their language)."""


@dataclass
class ImportedResult:
    """What a department took in from a result notice."""

    department_id: str
    department_name: str
    fiscal_year: int
    findings: int  # findings in the notice
    added: int  # of those, newly stored (0 when the notice was taken in before)
    signature: SignatureCheck
    file_sha256: str
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Small formatting helpers


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _difference(dept: float | None, town: float | None) -> str:
    if dept is None or town is None:
        return "—"
    diff = round(dept - town, 1)
    return "±0.0" if diff == 0 else f"{diff:+.1f}".replace("-", "−")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _wareki_iso(value: object) -> str:
    """'2027-03-31' (or an ISO date-time) -> '令和9年3月31日'; other text is shown as written."""
    s = "" if value is None else str(value).strip()
    if not s:
        return ""
    try:
        return wareki_date(date.fromisoformat(s[:10]))
    except ValueError:
        return s


def _fit(text: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` on one line."""
    if pdfmetrics.stringWidth(text, FONT_NAME, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", FONT_NAME, size) > width:
        text = text[:-1]
    return text + "…"


def _chapter_label(chapter_id: str, title: str) -> str:
    return f"第{chapter_id}章 {title}" if chapter_id.isdigit() else f"{chapter_id} {title}".strip()


def _sorted_findings(findings: Sequence[FindingRecord]) -> list[FindingRecord]:
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
    header = _fit(header, 8, _BODY_W - 32 * mm)
    footer = _fit(footer, 7, _BODY_W / 2 - 12 * mm)

    def decorate(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        box_w, box_h = 26 * mm, 8 * mm
        x, y = _PAGE_W - _MARGIN_X - box_w, _PAGE_H - 8 * mm - box_h
        canvas.setStrokeColor(_RED)
        canvas.setLineWidth(1.2)
        canvas.rect(x, y, box_w, box_h, stroke=1, fill=0)
        canvas.setFillColor(_RED)
        canvas.setFont(FONT_NAME, 11)
        canvas.drawCentredString(x + box_w / 2, y + 2.4 * mm, HANDLING_MARK)
        canvas.setFillColor(_GREY)
        canvas.setFont(FONT_NAME, 8)
        canvas.drawString(_MARGIN_X, y + 2.6 * mm, header)
        canvas.setStrokeColor(_GRID)
        canvas.setLineWidth(0.5)
        canvas.line(_MARGIN_X, y - 2 * mm, _PAGE_W - _MARGIN_X, y - 2 * mm)
        canvas.line(_MARGIN_X, 14 * mm, _PAGE_W - _MARGIN_X, 14 * mm)
        canvas.setFont(FONT_NAME, 7)
        canvas.drawString(_MARGIN_X, 10 * mm, footer)
        canvas.drawRightString(_PAGE_W - _MARGIN_X, 10 * mm, "瑞穂町")
        canvas.restoreState()

    return decorate


def _kv_table(rows: list[tuple[str, str]], st: JapaneseStyles, label_w: float = 30 * mm) -> Table:
    table = Table([[Paragraph(k, st.label), Paragraph(v, st.cell)] for k, v in rows],
                  colWidths=[label_w, _BODY_W - label_w], hAlign="LEFT")
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
        ("BACKGROUND", (0, 0), (0, -1), _LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _score_boxes(dept_score: float | None, town_score: float | None, departments: int) -> Table:
    s = _styles()
    diff = _difference(dept_score, town_score)
    diff_color = "#c62828" if diff.startswith("−") else "#1f3a5f"
    cells = [
        [Paragraph("部署の得点", s.big_label), Paragraph(f"町全体（{departments} 部署）", s.big_label),
         Paragraph("町全体との差", s.big_label)],
        [Paragraph(f'{_score(dept_score)}<font size="10"> 点</font>', s.big_number),
         Paragraph(f'{_score(town_score)}<font size="10"> 点</font>', s.big_number),
         Paragraph(f'<font color="{diff_color}">{diff}</font>', s.big_number)],
    ]
    table = Table(cells, colWidths=[_BODY_W / 3] * 3, hAlign="LEFT")
    table.setStyle(table_style([
        ("BOX", (0, 0), (0, -1), 1.0, _DEPT_COLOR),
        ("BOX", (1, 0), (1, -1), 0.5, _GRID),
        ("BOX", (2, 0), (2, -1), 0.5, _GRID),
        ("BACKGROUND", (0, 0), (-1, 0), _LABEL_BG),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
    ]))
    return table


def _chapter_rows(result: DepartmentResult, town: TownScores) -> list[tuple[str, str, float | None, float | None]]:
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
        diff = _difference(dept, whole)
        diff_markup = f'<font color="#c62828">{diff}</font>' if diff.startswith("−") else diff
        data.append([Paragraph(markup(_chapter_label(cid, title) if cid else title), st.cell),
                     Paragraph(_score(dept), st.cell_number), Paragraph(_score(whole), st.cell_number),
                     Paragraph(diff_markup, st.cell_number)])
    table = Table(data, colWidths=[_BODY_W - 3 * number_w, number_w, number_w, number_w], repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(table_style([
        ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
        ("BACKGROUND", (0, -1), (-1, -1), _LABEL_BG),
        ("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.HexColor("#4a5968")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def _chart(rows: list[tuple[str, str, float | None, float | None]], department_name: str) -> Drawing:
    """Department vs town per chapter as horizontal bars (chapter titles are long)."""
    bar_group = 17.0
    label_w = 62 * mm
    plot_h = max(1, len(rows)) * bar_group
    height = plot_h + 30
    drawing = Drawing(_BODY_W, height, initialFontName=FONT_NAME)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 14
    chart.width, chart.height = _BODY_W - label_w - 24, plot_h
    # Within a group the last series is drawn on top: the town first, so the department's bar leads.
    chart.data = [[r[3] for r in rows], [r[2] for r in rows]]
    chart.categoryAxis.categoryNames = [_fit(_chapter_label(cid, title), 7.5, label_w - 8) for cid, title, *_ in rows]
    chart.categoryAxis.reverseDirection = 1  # 第1章 at the top, as in the table
    chart.categoryAxis.labels.fontName = FONT_NAME
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = _GRID
    chart.valueAxis.valueMin = 0  # or reportlab starts the axis at the smallest bar and short bars vanish
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = FONT_NAME
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = _GRID
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
    name = _fit(department_name, 8, 160)
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
        rows.append(("改善期限", markup(_wareki_iso(f.due))))
    if f.responsible.strip():
        rows.append(("担当", markup(names.get(f.responsible, f.responsible))))
    label_w = 26 * mm
    data: list[list[Any]] = [[Paragraph(head, st.cell), ""]]
    data += [[Paragraph(k, st.label), Paragraph(v, st.cell)] for k, v in rows]
    table = Table(data, colWidths=[label_w, _BODY_W - label_w], splitInRow=1, hAlign="LEFT")
    table.setStyle(table_style([
        ("SPAN", (0, 0), (-1, 0)),
        ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
        ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(color)),
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
        ("BACKGROUND", (0, 1), (0, -1), _LABEL_BG),
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


def render_result_notice(cons_result: DepartmentResult, town: TownScores, findings: Sequence[FindingRecord], *,
                         department: Department, year: int, issued_by: str, issued_at: date,
                         department_names: Mapping[str, str] | None = None) -> bytes:
    """The 結果通知 of one department as an A4 PDF.

    ``cons_result`` is the department's entry of :func:`consolidate`, ``town`` the town's scores of
    the same consolidation, ``findings`` the confirmed findings it receives
    (:func:`~mizuho_audit.services.findings.for_department`), ``issued_at`` the date printed (和暦).
    ``department_names`` maps department ids to names, for the responsible department of a finding.
    """
    if cons_result.department.id != department.id:
        raise ValueError(f"result of {cons_result.department.id} given for {department.id}")
    register_japanese_font()
    st = _styles().base
    names = dict(department_names or {})
    names.setdefault(department.id, department.name)
    title = f"{fiscal_year_label(year)} {TITLE}"
    snap = cons_result.snapshot
    submitted = _wareki_iso(snap.get("submitted_at"))
    version = cons_result.received.submission_version
    on_day = issued_at.date() if isinstance(issued_at, datetime) else issued_at

    rows = _chapter_rows(cons_result, town)
    total = (cons_result.scores.total.score, town.total.score)
    ordered = _sorted_findings(findings)
    story: list[Flowable] = [
        Paragraph(markup(title), st.title),
        Spacer(1, 2 * mm),
        _kv_table([
            ("宛先", markup(f"{department.display_name}　情報セキュリティ管理者 様")),
            ("発行", markup(f"監査担当　{issued_by}")),
            ("日付", markup(wareki_date(on_day))),
            ("対象の提出", markup(f"第{version}版" + (f"（{submitted} 提出）" if submitted else ""))),
        ], st),
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
        buffer, pagesize=A4, leftMargin=_MARGIN_X, rightMargin=_MARGIN_X, topMargin=24 * mm, bottomMargin=20 * mm,
        title=f"{title} {department.name}", author=f"瑞穂町 監査担当 {issued_by}", subject=title,
        creator="mizuho-audit", initialFontName=FONT_NAME, lang="ja-JP",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    decorate = _page_decorator(f"{title}　{department.name}", f"発行 監査担当 {issued_by}　{wareki_date(on_day)}")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Writing (auditor)


def _payload(result: DepartmentResult, town: TownScores, findings: Sequence[FindingRecord], *, year: int,
             issued_by: str, issued_at: str) -> dict[str, Any]:
    dep = result.department
    chapters = [{"id": cid, "title": title, "department": _rounded(d), "town": _rounded(t)}
                for cid, title, d, t in _chapter_rows(result, town)]
    return {
        "format": RESULT_FORMAT,
        "department": {"id": dep.id, "name": dep.name},
        "fiscal_year": year,
        "submission_version": result.received.submission_version,
        "snapshot_hash": result.received.snapshot_hash,
        "issued_by": issued_by,
        "issued_at": issued_at,
        "scores": {"total": {"department": _rounded(result.scores.total.score), "town": _rounded(town.total.score)},
                   "chapters": chapters},
        "findings": [{"id": f.id, "fiscal_year": f.fiscal_year, "department_id": dep.id, "grade": f.grade,
                      "title": f.title, "text": f.text, "recommendation": f.recommendation, "due": f.due,
                      "item_id": f.item_id, "responsible": f.responsible, "town_wide": f.department_id == TOWN_WIDE}
                     for f in _sorted_findings(findings)],
    }


def notice_file_name(year: int, department: Department) -> str:
    """``2026-jumin-住民課-結果通知.pdf`` (characters Windows forbids in file names are replaced)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", department.name).strip(" .") or department.id
    return f"{year}-{department.id}-{name}-結果通知.pdf"


def _year(year: int) -> str:
    """The 年度 in a message: 令和8年度 in Japanese, FY2026 in English."""
    return fiscal_year_label(year) if current_language() == "ja" else _("{year}年度").format(year=year)


def _result_of(ws: Workspace, cons: Consolidation, year: int, department_id: str) -> DepartmentResult:
    try:
        label = ws.department(department_id).name
    except KeyError:
        raise ResultNoticeError(_("部署「{department}」はこのデータベースにありません。"
                                  ).format(department=department_id)) from None
    result = cons.result(department_id)
    if result is None:
        raise ResultNoticeError(_("{department}の{year}の提出は取り込まれていません。"
                                  "結果通知は、提出を取り込んだ部署にだけ作成できます。"
                                  ).format(department=label, year=_year(year)))
    if result.received.decision == "returned":
        raise ResultNoticeError(_("{department}の{year}の提出は差戻し中です。"
                                  "再提出を取り込んでから結果通知を作成してください。"
                                  ).format(department=label, year=_year(year)))
    return result


def _write_one(ws: Workspace, cons: Consolidation, year: int, department_id: str, out: Path, *, actor: str,
               p12: Path | None, passphrase: bytes | None) -> Path:
    result = _result_of(ws, cons, year, department_id)
    mine = for_department(ws, year, department_id)
    stamp = now_iso()
    pdf = render_result_notice(result, cons.town, mine, department=result.department, year=year, issued_by=actor,
                               issued_at=datetime.fromisoformat(stamp),
                               department_names={d.id: d.name for d in ws.departments()})
    data = _payload(result, cons.town, mine, year=year, issued_by=actor, issued_at=stamp)
    try:
        pdf = attach_file(pdf, RESULT_FILE, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
                          "結果通知（機械読み取り用）")
        if p12 is not None:
            pdf = sign_pdf(pdf, p12, passphrase, field_name=SIGNATURE_FIELD, reason="自己点検の結果通知")
    except SigningError as exc:
        raise ResultNoticeError(str(exc)) from exc
    write_atomic(out, pdf)
    ws.store.log(actor, "result_notice_written", f"department:{department_id}/{year}",
                 {"file": out.name, "file_sha256": hashlib.sha256(pdf).hexdigest(), "signed": p12 is not None,
                  "findings": len(mine), "submission_version": result.received.submission_version})
    return out


def write_result_notice(ws: Workspace, year: int, department_id: str, out: Path, *, actor: str,
                        p12: Path | None = None, passphrase: bytes | None = None) -> Path:
    """Write one department's 結果通知 (signed when ``p12`` is given) and log it in the auditor's store."""
    return _write_one(ws, consolidate(ws, year), year, department_id, out, actor=actor, p12=p12,
                      passphrase=passphrase)


def write_all_result_notices(ws: Workspace, year: int, folder: Path, *, actor: str, p12: Path | None = None,
                             passphrase: bytes | None = None,
                             progress: Callable[[int, int, Path], None] | None = None) -> list[Path]:
    """A 結果通知 for every department whose submission was taken in (and is not 差戻し中).

    ``progress(done, total, file)`` is called before each file and once at the end.
    """
    cons = consolidate(ws, year)
    targets = [r.department for r in cons.results if r.received.decision != "returned"]
    written: list[Path] = []
    for i, dep in enumerate(targets):
        out = folder / notice_file_name(year, dep)
        if progress:
            progress(i, len(targets), out)
        written.append(_write_one(ws, cons, year, dep.id, out, actor=actor, p12=p12, passphrase=passphrase))
    if progress:
        progress(len(targets), len(targets), Path())
    return written


# ---------------------------------------------------------------------------------------------
# Taking it in (department)

_FOLLOWUP_TEXT = ("title", "text", "recommendation", "due", "item_id")


def _followup_rows(data: dict[str, Any], department_id: str, year: int, file: str) -> list[dict[str, Any]]:
    """The findings of the JSON as rows for ``Store.add_followups``; anything malformed is refused."""
    broken = ResultNoticeError(_("{file}: 結果通知の指摘事項が読めません（ファイルが壊れています）。"
                                 ).format(file=file))
    raw = data.get("findings")
    if not isinstance(raw, list):
        raise broken
    rows = []
    for f in raw:
        if not isinstance(f, dict) or not isinstance(f.get("id"), int) or f.get("grade") not in GRADE_LABELS:
            raise broken
        if f.get("department_id") != department_id or f.get("fiscal_year") != year:
            raise ResultNoticeError(_("{file}: 結果通知に別の部署または年度の指摘事項が含まれています。"
                                      ).format(file=file))
        if not all(isinstance(f.get(k, ""), str) for k in _FOLLOWUP_TEXT):
            raise broken
        rows.append({"id": f["id"], "fiscal_year": year, "department_id": department_id, "grade": f["grade"],
                     **{k: f.get(k, "") for k in _FOLLOWUP_TEXT}})
    return rows


def import_result_notice(ws: Workspace, path: Path, actor: str,
                         trust_roots: Sequence[TrustRoot] | None = None) -> ImportedResult:
    """A department takes in its 結果通知: the findings are kept as follow-ups (taking it in twice adds nothing).

    A changed file is refused; an unsigned one, or one signed by someone not trusted, is taken in with a warning.
    """
    try:
        raw = path.read_bytes()
    except (OSError, ValueError) as exc:
        raise ResultNoticeError(_("{file}: ファイルを読めません（{reason}）。"
                                  ).format(file=path.name, reason=os_reason(exc))) from exc
    try:
        check = verify_pdf(raw, list(trust_roots or []))
        files = embedded_files(raw)
    except SigningError as exc:
        raise ResultNoticeError(f"{path.name}: {exc}") from exc
    if check.status == "invalid":
        raise ResultNoticeError(_("{file}: {problem} この結果通知は取り込めません。"
                                  ).format(file=path.name, problem=check.message))
    not_ours = ResultNoticeError(_("{file}: 自己点検の結果通知のファイルではありません。").format(file=path.name))
    try:
        data = json.loads(files[RESULT_FILE].decode("utf-8"))
    except (KeyError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise not_ours from exc
    if not isinstance(data, dict) or data.get("format") != RESULT_FORMAT:
        raise not_ours
    dep = data.get("department")
    year = data.get("fiscal_year")
    if not isinstance(dep, dict) or not isinstance(dep.get("id"), str) or not isinstance(year, int):
        raise not_ours
    dep_id = dep["id"]
    dep_name = str(dep.get("name") or dep_id)
    try:
        ws.department(dep_id)
    except KeyError:
        raise ResultNoticeError(_("{file}: このデータベースには {department}（{id}）がありません。"
                                  "部署マスタを確認してください。"
                                  ).format(file=path.name, department=dep_name, id=dep_id)) from None
    rows = _followup_rows(data, dep_id, year, path.name)
    sha = hashlib.sha256(raw).hexdigest()
    added = ws.store.add_followups(rows, file_sha256=sha, actor=actor)
    imported = ImportedResult(dep_id, dep_name, year, len(rows), added, check, sha)
    if check.status != "valid":
        imported.warnings.append(check.message)
    if rows and added == 0:
        imported.warnings.append(_("この結果通知の指摘事項はすでに取り込まれています。"))
    return imported
