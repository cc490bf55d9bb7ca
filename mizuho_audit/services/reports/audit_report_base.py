"""The audit report's public constants, the figures derived from the consolidation, and the report's
common state and small building blocks (headings, paragraphs, tables) shared by its sections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    Paragraph,
    Spacer,
    Table,
)

from ...domain.plans import strip_carry_markers
from ...domain.questionnaire import Chapter, Item, Questionnaire
from ...domain.records import FindingRecord
from ...domain.scoring import item_weight
from ...domain.vocabulary import APPROVER_FIELD, AUTHOR_FIELD, REPORT_FIELDS, REVIEWER_FIELD
from ...domain.wareki import fiscal_year_label
from ..findings.findings import TOWN_WIDE, numbers, report_order
from ..intake.consolidation import Consolidation, consolidate
from ..workspace import Workspace
from .audit_report_text import _Heading, _Outline, _styles
from .pdf_fonts import (
    markup,
    table_style,
)
from .pdf_layout import (
    BODY_H,
    BODY_W,
    GRID,
    HEAD_BG,
    LABEL_BG,
)
from .preliminary import Preliminary
from .report_details import ReportDetails

TITLE = "情報セキュリティ自己点検結果報告書"
# The signature fields, by these names (``sign --field``), in the order people sign: 作成, 確認, 承認.
SIGNATURE_FIELDS = REPORT_FIELDS  # 作成者, 確認者, 承認者: the app's words, in domain.vocabulary
APPROVAL_PAGE_INDEX = 1  # 0-based: the page after the cover
GRADE_ORDER = ("major", "minor", "observation", "good")
TOWN_WIDE_LABEL = "全庁"

# The three signature boxes on the approval page, in PDF points from the lower left corner (x1, y1, x2, y2):
# whole points, as PDF form fields take them; across the 18 mm margins, 10 pt apart, 32–66 mm above the
# page's foot. The page template keeps its frame above them, so a visible stamp placed in a box covers no text.
SIGNATURE_BOXES: dict[str, tuple[int, int, int, int]] = {
    AUTHOR_FIELD: (51, 91, 208, 187),
    REVIEWER_FIELD: (218, 91, 375, 187),
    APPROVER_FIELD: (385, 91, 542, 187),
}
_SIG_Y1, _SIG_Y2 = SIGNATURE_BOXES[AUTHOR_FIELD][1], SIGNATURE_BOXES[AUTHOR_FIELD][3]
_APPROVAL_FRAME_BOTTOM = _SIG_Y2 + 14 * mm  # room for the boxes' captions
_SECTION_ROOM = 0.55 * BODY_H  # a main section starts on the page when more than this is free


# ---------------------------------------------------------------------------------------------
# Figures derived from the consolidation


@dataclass
class _ItemCount:
    item: Item
    partial: int = 0
    not_done: int = 0
    answered: int = 0
    lost: float = 0.0  # weighted points the town loses on this item (weight × (1 − value), summed)

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
                value = r.checklist.option(rating).score
            except KeyError:
                continue
            c = counts.setdefault(it.id, _ItemCount(it))
            c.answered += value is not None
            c.lost += 0.0 if value is None else item_weight(r.checklist, it) * (1.0 - value)
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
# The report's state and building blocks


@dataclass
class _ReportBase:
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
    details: ReportDetails = field(default_factory=ReportDetails)
    preliminary: Preliminary | None = None
    previous_findings: list[FindingRecord] = field(default_factory=list)
    outline: _Outline = field(default_factory=_Outline)

    def __post_init__(self) -> None:
        self.st = _styles()
        self.b = self.st.base
        departments = self.ws.departments()
        self.names = {d.id: d.name for d in departments}
        self.all_departments = len(self.ws.catalog.master.departments)
        self.counts = _item_counts(self.cons)
        self.order = [d.id for d in departments]
        self.findings = report_order(self.findings, self.order)
        self.numbers = numbers(self.findings, self.order)  # 1..n, as in the workbook

    def clean(self, text: object) -> str:
        """A department's text as printed: without the carry-over markers (【企画課 AST-902】)."""
        return strip_carry_markers("" if text is None else str(text), self.names.values()).strip()

    def department_name(self, department_id: str) -> str:
        return TOWN_WIDE_LABEL if department_id == TOWN_WIDE else self.names.get(department_id, department_id)

    def answer_of(self, department_id: str, item_id: str) -> dict[str, Any]:
        """The department's submitted answer to an item ({} when there is none)."""
        r = self.cons.result(department_id)
        if r is None:
            return {}
        return next((a for a in r.snapshot.get("answers", []) if isinstance(a, dict) and a.get("item_id") == item_id),
                    {})

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
        style = (self.st.section, self.b.heading2, self.b.heading3)[min(level, 2)]
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
        """Each main section starts a new page, or goes on below the last one when most of the page is still
        free: a section never leaves a page nearly empty behind it. A report without submissions stays short."""
        return CondPageBreak(_SECTION_ROOM) if self.cons.results else Spacer(1, 6 * mm)

    def header_cells(self, *labels: str) -> list[Paragraph]:
        return [Paragraph(markup(label), self.b.cell_header) for label in labels]
    def chapter_scores(self) -> list[tuple[Chapter, float | None]]:
        return [(c, t.score if (t := self.cons.town.chapters.get(c.id)) else None) for c in self.chapters]
