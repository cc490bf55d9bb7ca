"""The audit report's section 2 グラフ: bar charts of the chapters and departments, and the heat map.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart  # type: ignore[import-untyped]
from reportlab.graphics.charts.legends import Legend  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing, Line, String  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
)

from ...domain.wareki import fiscal_year_label
from ..intake.consolidation import DepartmentResult
from .audit_report_base import _ReportBase
from .audit_report_text import _BANDS, _BELOW, _CHART_ROWS_PER_DRAWING, _LIGHT, _NAVY, _band
from .label_breaks import break_label
from .pdf_fonts import (
    FONT_NAME,
    table_style,
)
from .pdf_layout import (
    BODY_W,
    GRID,
    LABEL_BG,
    RED,
    chapter_label,
    fit,
    score_text,
)


class _ReportCharts(_ReportBase):
    # -- 2 グラフ ------------------------------------------------------------------------------
    def charts(self) -> list[Flowable]:
        flow: list[Flowable] = [self.new_page(), self.heading("3 グラフ", 0)]
        if not self.cons.results:
            return [*flow, self.para("提出された自己点検がないため、グラフはない。")]
        caption = "町全体の章別の得点（100 点満点）。"
        if self.previous is not None:
            caption += "薄い棒は前年度の得点。"
        flow += [KeepTogether([self.heading("3.1 章別の得点（町全体）", 1), self.chapter_chart(),
                               self.para(caption, self.b.small)]), Spacer(1, 6 * mm)]
        ranked = sorted(self.cons.results, key=lambda r: -(r.scores.total.score or -1.0))
        chunks = [ranked[i:i + _CHART_ROWS_PER_DRAWING] for i in range(0, len(ranked), _CHART_ROWS_PER_DRAWING)]
        for i, chunk in enumerate(chunks):
            chart = self.department_chart(chunk)
            if i == 0:
                flow += [CondPageBreak(chart.height + 30 * mm), self.heading("3.2 部署別の得点", 1)]
            flow += [chart, Spacer(1, 2 * mm)]
        flow += [self.para("部署の合計得点（高い順）。破線は町全体の得点。町全体を下回る部署は橙色。", self.b.small),
                 PageBreak(), self.heading("3.3 部署別・章別の得点一覧", 1), self.heat_map(), Spacer(1, 2 * mm),
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
            break_label(x, label_w - 10, lambda t: pdfmetrics.stringWidth(t, FONT_NAME, label_size)) if wrap
            else fit(x, label_size, label_w - 8) for x in labels]
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
        lines = max((break_label(x, 62 * mm - 10, lambda t: pdfmetrics.stringWidth(t, FONT_NAME, 8)).count("\n") + 1
                     for x in labels), default=1)
        row_h = max(24.0 if previous else 20.0, 9.6 * lines + 4)
        drawing, chart = self._bar_chart(labels, series, 62 * mm, row_h, 8, wrap=True)
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
