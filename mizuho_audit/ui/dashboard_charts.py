"""The dashboard's charts (章別の棒グラフ, the radar of one department, the town's trend), built from a
consolidation. Chart texts use the application font, which charts do not inherit."""

from __future__ import annotations

import math
from typing import TypeVar

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QPolarChart,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QApplication

from ..usecases.intake import Consolidation
from . import labels
from .dashboard_models import TOWN, score_text, short_chapter_label, town_name

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

ChartT = TypeVar("ChartT", bound=QChart)
TOWN_COLOR = "#37474f"
DEPARTMENT_COLOR = "#1565c0"


def chart_font(scale: float = 1.0, bold: bool = False) -> QFont:
    """The application font (set globally by the app) for chart texts, which do not inherit it."""
    font = QFont(QApplication.font())
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


def _styled(chart: ChartT, title: str) -> ChartT:
    chart.setTitle(title)
    chart.setTitleFont(chart_font(1.15, bold=True))
    chart.legend().setFont(chart_font())
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    for axis in chart.axes():
        axis.setLabelsFont(chart_font(0.9))
        axis.setTitleFont(chart_font())
    return chart


def _score_axis(title: str | None = None) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, 100)
    axis.setTickCount(6)
    axis.setLabelFormat("%d")
    axis.setTitleText(translate("Dashboard", "得点") if title is None else title)
    return axis


def bar_chart(cons: Consolidation) -> QChart:
    """The town's score per chapter, as horizontal bars: the chapter titles stay readable."""
    chart = QChart()
    q = cons.questionnaire
    if not cons.results or q is None:
        return _styled(chart, translate("Dashboard", "{0}: 提出がありません").format(
            labels.fiscal_year(cons.year)))
    bars = QBarSet(labels.town())
    bars.setColor(QColor(DEPARTMENT_COLOR))
    bars.setLabelColor(QColor("#000000"))
    bars.setLabelFont(chart_font(0.85))
    chapter_names = []
    for ch in reversed(q.chapters):  # horizontal bars are drawn from the bottom: chapter 1 on top
        score = cons.town.chapters[ch.id].score if ch.id in cons.town.chapters else None
        bars.append(round(score, 1) if score is not None else 0.0)
        chapter_names.append(short_chapter_label(ch, 15))
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    series.setBarWidth(0.6)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(chapter_names)
    value = _score_axis()
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(value, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(value)
    chart.legend().setVisible(False)
    total = score_text(cons.town.total.score)
    return _styled(chart, translate("Dashboard", "町全体の章別得点（{0}、合計 {1}）").format(
        labels.fiscal_year(cons.year), total))


def _edge_at_start(last: tuple[float, float], first: tuple[float, float], n: int) -> float:
    """Radius where the straight edge from the last chapter's point to the first one's crosses the
    spoke at angle -0.5 (the start of the angular axis), for a polygon that closes across it."""
    def xy(point: tuple[float, float]) -> tuple[float, float]:
        angle = 2 * math.pi * (point[0] + 0.5) / n  # 0 on the start spoke
        return point[1] * math.cos(angle), point[1] * math.sin(angle)

    (x0, y0), (x1, y1) = xy(last), xy(first)
    if y0 == y1:
        return (last[1] + first[1]) / 2
    t = y0 / (y0 - y1)
    return max(0.0, x0 + t * (x1 - x0))


def radar_chart(cons: Consolidation, department_id: str | None) -> QPolarChart:
    """One department's chapter scores against the town's."""
    chart = QPolarChart()
    q = cons.questionnaire
    result = cons.result(department_id) if department_id else None
    if q is None or result is None:
        return _styled(chart, translate("Dashboard", "部署を選んでください") if cons.results
                       else translate("Dashboard", "提出がありません"))
    n = len(q.chapters)
    angular = QCategoryAxis()
    # Half a step of offset: the radial axis's numbers, drawn straight up, fall between two chapters.
    angular.setRange(-0.5, n - 0.5)
    angular.setStartValue(-0.5)
    angular.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for i, ch in enumerate(q.chapters):
        angular.append(short_chapter_label(ch, 9), i)
    radial = _score_axis("")
    radial.setTickCount(6)
    chart.addAxis(angular, QPolarChart.PolarOrientation.PolarOrientationAngular)
    chart.addAxis(radial, QPolarChart.PolarOrientation.PolarOrientationRadial)
    for name, tallies, color, width in ((town_name(TOWN), cons.town.chapters, TOWN_COLOR, 2),
                                        (result.department.name, result.scores.chapters, DEPARTMENT_COLOR, 3)):
        line = QLineSeries()
        line.setName(name)
        line.setPen(QPen(QColor(color), width))
        # Markers go on a scatter series: the line's own would also mark the closing points added below.
        marks = QScatterSeries()
        marks.setName(name)
        marks.setColor(QColor(color))
        marks.setBorderColor(QColor(color))
        marks.setMarkerSize(4.0 * width)
        points = [(float(i), score) for i, ch in enumerate(q.chapters)
                  if ch.id in tallies and (score := tallies[ch.id].score) is not None]
        for angle, radius in points:
            line.append(angle, radius)
            marks.append(angle, radius)
        if len(points) > 2:
            # The polygon's last edge crosses the axis's start: end it on both sides of that spoke.
            edge = _edge_at_start(points[-1], points[0], n)
            line.insert(0, QPointF(-0.5, edge))
            line.append(n - 0.5, edge)
        for series in (line, marks):
            chart.addSeries(series)
            series.attachAxis(angular)
            series.attachAxis(radial)
        for marker in chart.legend().markers(marks):
            marker.setVisible(False)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart = _styled(chart, translate("Dashboard", "{0}と町全体（章別得点）").format(result.department.name))
    angular.setLabelsFont(chart_font(0.85))  # long chapter names would shrink the plot
    return chart


def trend_chart(years: list[int], town: dict[int, float | None]) -> QChart:
    """The town's total score per 年度."""
    chart = QChart()
    points = [(i, town.get(y)) for i, y in enumerate(years)]
    if not any(s is not None for _i, s in points):
        return _styled(chart, translate("Dashboard", "推移を示す提出がありません"))
    series = QLineSeries()
    series.setName(translate("Dashboard", "{0}の合計得点").format(labels.town()))
    series.setPen(QPen(QColor(DEPARTMENT_COLOR), 3))
    series.setPointsVisible(True)
    series.setPointLabelsVisible(True)
    series.setPointLabelsFont(chart_font(0.9, bold=True))
    series.setPointLabelsFormat("@yPoint")
    series.setPointLabelsClipping(False)
    for i, s in points:
        if s is not None:
            series.append(i, round(s, 1))
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append([labels.fiscal_year(y) for y in years])
    y = _score_axis()
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    chart.legend().setVisible(False)
    return _styled(chart, translate("Dashboard", "{0}の合計得点の推移").format(labels.town()))
