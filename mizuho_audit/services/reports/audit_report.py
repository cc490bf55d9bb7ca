"""情報セキュリティ自己点検結果報告書: the auditor's report on one 年度, for the town's files.

One A4 PDF: a cover (宛先, 文書番号, and 速報 when it is one), an approval page (作成・確認・承認) with three
empty signature fields in boxes the layout keeps free, a table of contents, then 1 総括 (the auditor's
judgement, the top risks, the departments holding most 重大 findings, the departments not yet submitted,
last year's findings), 2 概要, 3 グラフ, 4 章別の分析, 5 指摘事項と改善の提言 (the 重大 findings in a
numbered table, then every finding) and 6 付録 (per department: scores by chapter and the items answered
一部・未実施 with their plans; beyond 60 departments those pages move to the workbook, and the appendix says
so). The full answer lists stay in the submissions and the workbook: 18,000 wrapped rows would take many
seconds.

The table of contents is computed in one layout pass: its pages are reserved before layout (the
headings are known by then), each heading's page is recorded as it is laid out, and the entries are
drawn when the canvas writes the pages out, where it also draws "n / N". A second pass (multiBuild)
would double the time of a 60-department report. Bookmarks are bound at that point as well: while
the pages are held back, reportlab's page references would all point at the first page.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from ... import clock
from ...domain.vocabulary import REPORT_ROLES_FILE
from ...domain.wareki import fiscal_year_label, wareki_date
from ...fileio import write_atomic
from ..intake.consolidation import consolidate
from ..signing.pdf_attachments import attach_file
from ..workspace import Workspace
from .audit_report_anchors import _ReportAnchors
from .audit_report_base import (  # noqa: F401  (GRADE_ORDER, TOWN_WIDE_LABEL: public, re-exported)
    _APPROVAL_FRAME_BOTTOM,
    _SIG_Y1,
    APPROVAL_PAGE_INDEX,
    APPROVER_FIELD,
    AUTHOR_FIELD,
    GRADE_ORDER,
    REVIEWER_FIELD,
    SIGNATURE_BOXES,
    SIGNATURE_FIELDS,
    TITLE,
    TOWN_WIDE_LABEL,
    _previous_town,
)
from .audit_report_charts import _ReportCharts
from .audit_report_sections import _ReportSections
from .audit_report_summary import NOT_WRITTEN, _ReportSummary
from .audit_report_text import (
    _Anchor,
    _canvas_maker,
    _Outline,
    _ReportDoc,
    _running_header,
    _TocSlot,
    _wrap,  # noqa: F401  (bench/README.md refers to audit_report._wrap)
)
from .pdf_fonts import (
    FONT_NAME,
    markup,
    register_japanese_font,
    table_style,
)
from .pdf_layout import (
    BODY_W,
    GREY,
    GRID,
    HEAD_BG,
    LABEL_BG,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    RED,
    TOWN,
    draw_footer,
    draw_handling_mark,
    draw_header_rule,
    draw_preliminary_mark,
    score_text,
)
from .preliminary import PRELIMINARY_MARK, Preliminary, preliminary_reasons
from .report_details import report_details


def _decorator(footer: str, outline: _Outline, *, cover: bool = False, approval: bool = False,
               mark: str = "") -> Callable[[Canvas, BaseDocTemplate], None]:
    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        if cover:
            draw_handling_mark(canvas, 16, 36 * mm, 12 * mm, PAGE_H - 14 * mm)
            if mark:
                draw_preliminary_mark(canvas, mark, size=16, box_w=24 * mm, box_h=12 * mm, top=PAGE_H - 14 * mm,
                                      right=PAGE_W - MARGIN_X - 36 * mm - 4 * mm)
        else:
            draw_handling_mark(canvas)
            draw_header_rule(canvas)
        draw_footer(canvas, footer, TOWN)
        if approval:
            outline.approval_pages.append(doc.page)
            _draw_signature_boxes(canvas)
        canvas.restoreState()

    return decorate


_CAPTIONS = {AUTHOR_FIELD: "作成者の電子署名", REVIEWER_FIELD: "確認者の電子署名", APPROVER_FIELD: "承認者の電子署名"}


def _draw_signature_boxes(canvas: Canvas) -> None:
    for name, (x1, y1, x2, y2) in SIGNATURE_BOXES.items():
        canvas.setFillColor(colors.black)
        canvas.setFont(FONT_NAME, 9)
        canvas.drawString(x1, y2 + 2.5 * mm, _CAPTIONS[name])
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
# The report

class _Report(_ReportAnchors, _ReportSummary, _ReportSections, _ReportCharts):
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
        # As a town's documents are headed: the number and date at the top right, the addressee at the left.
        number = self.details.document_number or f"文書番号{NOT_WRITTEN}"
        addressee = self.details.addressee or f"宛先{NOT_WRITTEN}"
        heading = Table([["", Paragraph(markup(f"{number}\n{wareki_date(self.issued_on)}"), s.cover_number)],
                         [Paragraph(markup(addressee), s.cover_addressee), ""]],
                        colWidths=[BODY_W * 0.55, BODY_W * 0.45], hAlign="LEFT")
        heading.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 1), (-1, 1), 10)]))
        flow: list[Flowable] = [
            _Anchor(self.outline.add("表紙", 0, in_toc=False)),
            Spacer(1, 8 * mm),
            heading,
            Spacer(1, 26 * mm if not self.preliminary else 14 * mm),
            Paragraph(markup(fiscal_year_label(self.year)), s.cover_year),
            Spacer(1, 2 * mm),
            Paragraph(markup(TITLE + ("（速報）" if self.preliminary else "")), s.cover_title),
            Spacer(1, 8 * mm),
            Paragraph(markup(f"「{self.ws.catalog.policy.title}」7 に基づく自己点検の結果"), s.base.subtitle),
        ]
        if self.preliminary:
            flow += [Spacer(1, 8 * mm), self.preliminary_box()]
        flow += [
            Spacer(1, 18 * mm if not self.preliminary else 10 * mm),
            self.kv_table(facts, 30 * mm, width=120 * mm, align="CENTER"),
            Spacer(1, 24 * mm if not self.preliminary else 12 * mm),
            Paragraph("瑞穂町", s.cover_town),
            Spacer(1, 2 * mm),
            Paragraph("情報セキュリティ監査担当", s.cover_date),
            Spacer(1, 14 * mm),
            Paragraph("本書には取扱注意の情報（部署ごとの対策の実施状況）が含まれます。"
                      "閲覧は業務上必要な職員に限り、複製・庁外への提供をしないでください。", s.base.small),
        ]
        return flow

    def preliminary_box(self) -> Table:
        assert self.preliminary is not None
        text = ("<b>速報</b>　本書は速報です。" + markup("".join(self.preliminary.reasons()))
                + "確定した結果は、すべての提出を受理した後に改めて報告します。")
        box = Table([[Paragraph(text, self.st.cover_mark)]], colWidths=[130 * mm], hAlign="CENTER")
        box.setStyle(table_style([("BOX", (0, 0), (-1, -1), 1.2, RED), ("TOPPADDING", (0, 0), (-1, -1), 6),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 7), ("LEFTPADDING", (0, 0), (-1, -1), 8),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
        return box

    def approval(self) -> list[Flowable]:
        b = self.b
        rows: list[list[Any]] = [self.header_cells("区分", "役割", "氏名", "日付", "電子署名")]
        # The dates stay blank: each person's signature records when they signed. Nothing is pre-printed.
        for role, duty, name, field_name in (("作成", "報告書を作成した者", self.author, AUTHOR_FIELD),
                                             ("確認", "内容を確認した者", self.reviewer, REVIEWER_FIELD),
                                             ("承認", "報告書を承認した者", self.approver, APPROVER_FIELD)):
            rows.append([Paragraph(f"<b>{role}</b>", b.cell), Paragraph(duty, b.cell),
                         Paragraph(markup(name.strip()), b.cell), "",
                         Paragraph(markup(f"署名欄「{field_name}」"), b.cell)])
        table = Table(rows, colWidths=[16 * mm, 38 * mm, BODY_W - 120 * mm, 34 * mm, 32 * mm], hAlign="LEFT")
        table.setStyle(table_style([
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("BACKGROUND", (0, 1), (0, -1), LABEL_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 1), (-1, -1), 9),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
        ]))
        facts = [("報告書", markup(self.title + ("（速報）" if self.preliminary else ""))),
                 ("対象年度", markup(fiscal_year_label(self.year)))]
        if self.details.document_number:
            facts.append(("文書番号", markup(self.details.document_number)))
        facts.append(("電子署名", "作成者、確認者、承認者の順に、この頁の下のそれぞれの署名欄に電子署名する。"
                                  "日付は署名した日時として電子署名に記録される。署名の検証は、PDF 閲覧ソフトの"
                                  "署名パネルまたは自己点検ツールで行う。"))
        return [
            _Anchor(self.outline.add("報告書の作成・確認・承認", 0, in_toc=False)),
            Paragraph("報告書の作成・確認・承認", self.st.toc_title),
            self.para(f"{fiscal_year_label(self.year)}の情報セキュリティ自己点検の結果を取りまとめ、次のとおり"
                      "作成、確認及び承認する。"),
            Spacer(1, 5 * mm),
            table,
            Spacer(1, 6 * mm),
            self.kv_table(facts),
        ]

    def contents(self) -> list[Flowable]:
        flow: list[Flowable] = [_Anchor(self.outline.add("目次", 0, in_toc=False)),
                                Paragraph("目次", self.st.toc_title)]
        slots = self.outline.slots_needed()
        for i in range(slots):
            slot = _TocSlot(self.outline, last=i == slots - 1)
            flow += [slot] if i == 0 else [PageBreak(), slot]
        return flow

    # -- assembly ------------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        front = [*self.cover(), NextPageTemplate("approval"), PageBreak(),
                 *self.approval(), NextPageTemplate("page"), PageBreak()]
        body = [*self.summary_section(), *self.overview(), *self.charts(), *self.chapter_analysis(),
                *self.findings_section(), *self.appendix(), *self.closing()]
        # The contents come last: their pages are reserved for the headings made above.
        # The body begins below the contents when most of their last page is free.
        return [*front, *self.contents(), self.new_page(), *body]


def _build(report: _Report) -> bytes:
    buffer = io.BytesIO()
    outline = report.outline
    doc = _ReportDoc(
        buffer, outline, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=report.title + ("（速報）" if report.preliminary else ""),
        author=f"瑞穂町 {report.author}".strip(), subject=f"{report.title}（瑞穂町）", creator="mizuho-audit",
        initialFontName=FONT_NAME, lang="ja-JP",
    )

    def frame(bottom: float = MARGIN_BOTTOM) -> Frame:
        return Frame(MARGIN_X, bottom, BODY_W, PAGE_H - MARGIN_TOP - bottom, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    mark = PRELIMINARY_MARK if report.preliminary else ""
    footer = f"{report.title}　{wareki_date(report.issued_on)}"
    header = _running_header(report.title, outline, mark)
    doc.addPageTemplates([
        PageTemplate(id="cover", frames=[frame()], onPage=_decorator(footer, outline, cover=True, mark=mark)),
        # The page people sign carries no date but their signatures'.
        PageTemplate(id="approval", frames=[frame(_APPROVAL_FRAME_BOTTOM)],
                     onPage=_decorator(report.title, outline, approval=True), onPageEnd=header),
        PageTemplate(id="page", frames=[frame()], onPage=_decorator(footer, outline), onPageEnd=header),
    ])
    doc.build(report.story(), canvasmaker=_canvas_maker(outline))
    if outline.approval_pages != [APPROVAL_PAGE_INDEX + 1]:
        # The signature fields are placed on this page by number: never let them land elsewhere.
        raise RuntimeError(f"approval page laid out on pages {outline.approval_pages}")
    return buffer.getvalue()


def render_audit_report(ws: Workspace, year: int, *, author: str, reviewer: str, approver: str,
                        issued_on: date, preliminary: Preliminary | None = None) -> bytes:
    """The 年度's 情報セキュリティ自己点検結果報告書 as an A4 PDF (no signature fields yet).

    Built from :func:`consolidate`, the confirmed findings of ``year`` and of the year before, and the
    auditor's texts (:func:`~.report_details.report_details`). ``author``, ``reviewer`` and ``approver`` are
    printed in the approval block (作成・確認・承認) with blank dates (their signatures record them);
    ``issued_on`` is the document's date on the cover (和暦). ``preliminary`` (:func:`preliminary_reasons`)
    marks it 速報 on the cover and every page when it holds a reason. A year without submissions still gives
    a report that says so.
    """
    register_japanese_font()
    cons = consolidate(ws, year)
    findings = ws.store.findings(year)
    report = _Report(ws, year, cons, [f for f in findings if f.confirmed], sum(1 for f in findings if not f.confirmed),
                     author, reviewer, approver, issued_on, _previous_town(ws, year) if cons.results else None,
                     details=report_details(ws, year), preliminary=preliminary or None,
                     previous_findings=ws.store.findings(year - 1))
    return _build(report)


def add_signature_fields(pdf: bytes) -> bytes:
    """``pdf`` with the three empty signature fields 作成者, 確認者 and 承認者 in the boxes of the approval page."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for name in SIGNATURE_FIELDS:
        append_signature_field(writer, SigFieldSpec(sig_field_name=name, on_page=APPROVAL_PAGE_INDEX,
                                                    box=SIGNATURE_BOXES[name]))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_audit_report(ws: Workspace, year: int, out: Path, *, actor: str, author: str, reviewer: str,
                       approver: str, issued_on: date | None = None, preliminary: Preliminary | None = None) -> Path:
    """Render the report, add the empty signature fields, write ``out`` atomically and log its SHA-256.

    ``issued_on`` defaults to today in Japan. ``preliminary`` is the 速報 decision the caller made (and told
    the user about) with :func:`preliminary_reasons`; when not given it is made here, for that day.
    """
    on_day = issued_on or clock.today()
    decision = preliminary if preliminary is not None else preliminary_reasons(ws, year, on_day)
    rendered = render_audit_report(ws, year, author=author, reviewer=reviewer, approver=approver, issued_on=on_day,
                                   preliminary=decision)
    # Who is to sign which field, as printed on the approval page: signing and verifying check the signers.
    people = {AUTHOR_FIELD: author, REVIEWER_FIELD: reviewer, APPROVER_FIELD: approver, "fiscal_year": year}
    rendered = attach_file(rendered, REPORT_ROLES_FILE, json.dumps(people, ensure_ascii=False).encode("utf-8"),
                           "署名する人（作成者・確認者・承認者）")
    pdf = add_signature_fields(rendered)
    write_atomic(out, pdf)
    ws.store.log(actor, "report_exported", f"year:{year}", {
        "file": out.name, "sha256": hashlib.sha256(pdf).hexdigest(), "issued_on": on_day.isoformat(),
        "author": author, "reviewer": reviewer, "approver": approver, "preliminary": decision.reasons(names=True),
    })
    return out
