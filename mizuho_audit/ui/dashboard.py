"""The auditor's dashboard for one 年度: ヒートマップ, 章別, 推移 and 未実施の多い項目.

All numbers come from :mod:`services.consolidation`; this module only lays them out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any, TypeVar

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPolarChart,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.questionnaire import Chapter, Questionnaire, ScaleOption
from ..domain.scoring import Tally
from ..domain.wareki import fiscal_year_label
from ..services.consolidation import Consolidation, FailingItem, consolidate, trend
from ..services.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
ChartT = TypeVar("ChartT", bound=QChart)
SCORE_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw score (float or None) of a cell
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
TOWN = "町全体"
NO_SCORE = "—"
TOWN_COLOR = "#37474f"
DEPARTMENT_COLOR = "#1565c0"
# Red → yellow → green, light enough for black text; grey where nothing counted.
_STOPS = ((0.0, (239, 154, 154)), (50.0, (255, 224, 130)), (100.0, (129, 199, 132)))
_GREY = QColor("#d6d6d6")
_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def score_color(score: float | None) -> QColor:
    """Background of a score cell on the red (0) – yellow (50) – green (100) scale."""
    if score is None:
        return QColor(_GREY)
    s = min(max(score, 0.0), 100.0)
    for (lo, c0), (hi, c1) in pairwise(_STOPS):
        if s <= hi:
            t = (s - lo) / (hi - lo)
            return QColor(*(round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True)))
    return QColor(*_STOPS[-1][1])


def score_text(score: float | None) -> str:
    return NO_SCORE if score is None else f"{score:.1f}"


def chapter_label(chapter: Chapter) -> str:
    return f"{chapter.id} {chapter.title}"


def short_chapter_label(chapter: Chapter, limit: int | None = None) -> str:
    """'8 業務委託と外部サービスの利用': without the parenthesised part, cut to ``limit`` characters."""
    title = re.sub(r"（[^）]*）", "", chapter.title) or chapter.title
    if limit is not None and len(title) > limit:
        title = title[: limit - 1] + "…"
    return f"{chapter.id} {title}"


def tally_tooltip(tally: Tally | None, scale: Sequence[ScaleOption]) -> str:
    """Counts behind a score: how many items were answered how."""
    if tally is None:
        return "対象となる項目がありません。"
    lines = [f"得点 {score_text(tally.score)}（重要度で重み付け）"]
    counts = [f"{o.label} {tally.ratings.get(o.key, 0)}" for o in scale if tally.ratings.get(o.key)]
    if tally.ratings.get(""):
        counts.append(f"未回答 {tally.ratings['']}")
    if counts:
        lines.append("、".join(counts))
    lines.append(f"得点の対象 {tally.counted} 項目（対象外 {tally.excluded} 項目）")
    return "\n".join(lines)


def chart_font(scale: float = 1.0, bold: bool = False) -> QFont:
    """The application font (set globally by the app) for chart texts, which do not inherit it."""
    font = QFont(QApplication.font())
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


class _TableModel(QAbstractTableModel):
    """Read-only table with fixed headers; subclasses fill ``rows`` and implement ``cell``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.header_tips: list[str] = []  # full texts where a header is shortened
        self.rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.headers)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips[section] if section < len(self.header_tips) else self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) \
                or not (0 <= index.column() < len(self.headers)):
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int) -> Any:
        raise NotImplementedError

    def _reset(self, headers: list[str], rows: list[Any], tips: list[str] | None = None) -> None:
        self.beginResetModel()
        self.headers = headers
        self.header_tips = tips or []
        self.rows = rows
        self.endResetModel()


class HeatMapModel(_TableModel):
    """Department × chapter scores of a consolidation, with a last row for the whole town."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.chapters: list[Chapter] = []
        self.scale: tuple[ScaleOption, ...] = ()
        # (short name, long name, tallies by chapter id, total tally)
        self.rows: list[tuple[str, str, dict[str, Tally], Tally]] = []

    def set_consolidation(self, cons: Consolidation) -> None:
        q = cons.questionnaire
        self.chapters = list(q.chapters) if q and cons.results else []
        self.scale = q.scale if q else ()
        rows = [(r.department.name, r.department.display_name, r.scores.chapters, r.scores.total)
                for r in cons.results]
        if rows:
            rows.append((TOWN, f"{TOWN}（提出 {len(rows)} 部署の回答をまとめた得点）", cons.town.chapters,
                         cons.town.total))
        if not rows:
            self._reset([], [])
            return
        self._reset(["部署", *(short_chapter_label(c) for c in self.chapters), "合計"], rows,
                    ["部署", *(chapter_label(c) for c in self.chapters), "合計（全項目）"])

    def is_town(self, row: int) -> bool:
        return row == len(self.rows) - 1 and self.rows[row][0] == TOWN

    def tally(self, row: int, column: int) -> Tally | None:
        _short, _long, chapters, total = self.rows[row]
        if column == len(self.headers) - 1:
            return total
        return chapters.get(self.chapters[column - 1].id)

    def cell(self, row: int, column: int, role: int) -> Any:
        short, long, _chapters, _total = self.rows[row]
        if role == Qt.ItemDataRole.FontRole and self.is_town(row):
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return short
            if role == Qt.ItemDataRole.ToolTipRole:
                return long
            if role == SORT_ROLE:
                return row
            return None
        tally = self.tally(row, column)
        score = tally.score if tally else None
        if role == Qt.ItemDataRole.DisplayRole:
            return score_text(score)
        if role in (SCORE_ROLE, SORT_ROLE):
            return score if role == SCORE_ROLE or score is not None else -1.0
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(score_color(score))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_CENTER)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{long}\n{self.header_tips[column]}\n{tally_tooltip(tally, self.scale)}"
        return None


class TownLastProxy(QSortFilterProxyModel):
    """Sorts the heat map by a column's score while the 町全体 row stays at the bottom."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        if isinstance(model, HeatMapModel):
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            if model.is_town(left.row()):
                return not ascending
            if model.is_town(right.row()):
                return ascending
        return bool(super().lessThan(left, right))


class TrendModel(_TableModel):
    """Each department's total score per 年度 (following 組織改正), and the town's."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.years: list[int] = []
        self.rows: list[tuple[str, str, dict[int, float | None]]] = []

    def set_trend(self, years: list[int], rows: list[tuple[str, str, dict[int, float | None]]],
                  town: dict[int, float | None]) -> None:
        self.years = list(years)
        all_rows = [r for r in rows if any(v is not None for v in r[2].values())]
        if all_rows:
            all_rows.append((TOWN, TOWN, town))
        headers = ["部署", *(fiscal_year_label(y) for y in years)]
        if len(years) > 1:
            headers.append("前年度比")
        self._reset(headers if all_rows else [], all_rows)

    def change(self, row: int) -> float | None:
        series = self.rows[row][2]
        if len(self.years) < 2:
            return None
        now, before = series.get(self.years[-1]), series.get(self.years[-2])
        return None if now is None or before is None else now - before

    def cell(self, row: int, column: int, role: int) -> Any:
        name, long, _series = self.rows[row]
        if role == Qt.ItemDataRole.FontRole and name == TOWN and row == len(self.rows) - 1:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if column == 0:
            return name if role == Qt.ItemDataRole.DisplayRole else long if role == Qt.ItemDataRole.ToolTipRole \
                else None
        if column <= len(self.years):
            score = self.rows[row][2].get(self.years[column - 1])
            if role == Qt.ItemDataRole.DisplayRole:
                return score_text(score)
            if role == SCORE_ROLE:
                return score
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(score_color(score))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#000000"))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(_CENTER)
            return None
        delta = self.change(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return NO_SCORE if delta is None else f"{delta:+.1f}"
        if role == SCORE_ROLE:
            return delta
        if role == Qt.ItemDataRole.ForegroundRole and delta is not None and abs(delta) >= 0.05:
            return QBrush(QColor("#1b6e20" if delta > 0 else "#b00020"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT)
        return None


class FailingItemsModel(_TableModel):
    """The items answered 一部実施 / 未実施 by the most departments."""

    HEADERS = ("項目", "質問", "章", "重要度", "一部・未実施の部署数 / 対象部署数", "割合")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[FailingItem] = []
        self._chapters: dict[str, str] = {}
        self._chapter_tips: dict[str, str] = {}
        self._names: dict[str, str] = {}

    def set_items(self, items: list[FailingItem], questionnaire: Questionnaire | None,
                  names: dict[str, str]) -> None:
        chapters = questionnaire.chapters if questionnaire else ()
        self._chapters = {c.id: short_chapter_label(c) for c in chapters}
        self._chapter_tips = {c.id: chapter_label(c) for c in chapters}
        self._names = names
        self._reset(list(self.HEADERS) if items else [], list(items))

    def cell(self, row: int, column: int, role: int) -> Any:
        f: FailingItem = self.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return (f.item.id, f.item.question, self._chapters.get(f.item.chapter_id, f.item.chapter_id),
                    f.item.importance, f"{f.failing} / {f.answered}", f"{100 * f.rate:.1f}%")[column]
        if role == SCORE_ROLE and column == 5:
            return f.rate
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return f.item.question
            if column == 2:
                return self._chapter_tips.get(f.item.chapter_id, f.item.chapter_id)
            return "一部実施・未実施の部署: " + "、".join(self._names.get(d, d) for d in f.departments)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(_CENTER)
        return None


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


def _score_axis(title: str = "得点") -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, 100)
    axis.setTickCount(6)
    axis.setLabelFormat("%d")
    axis.setTitleText(title)
    return axis


def bar_chart(cons: Consolidation) -> QChart:
    """The town's score per chapter, as horizontal bars: the chapter titles stay readable."""
    chart = QChart()
    q = cons.questionnaire
    if not cons.results or q is None:
        return _styled(chart, f"{fiscal_year_label(cons.year)}: 提出がありません")
    bars = QBarSet(TOWN)
    bars.setColor(QColor(DEPARTMENT_COLOR))
    bars.setLabelColor(QColor("#000000"))
    bars.setLabelFont(chart_font(0.85))
    labels = []
    for ch in reversed(q.chapters):  # horizontal bars are drawn from the bottom: chapter 1 on top
        score = cons.town.chapters[ch.id].score if ch.id in cons.town.chapters else None
        bars.append(round(score, 1) if score is not None else 0.0)
        labels.append(short_chapter_label(ch, 15))
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    series.setBarWidth(0.6)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(labels)
    value = _score_axis()
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(value, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(value)
    chart.legend().setVisible(False)
    total = score_text(cons.town.total.score)
    return _styled(chart, f"町全体の章別得点（{fiscal_year_label(cons.year)}、合計 {total}）")


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
        return _styled(chart, "部署を選んでください" if cons.results else "提出がありません")
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
    for name, tallies, color, width in ((TOWN, cons.town.chapters, TOWN_COLOR, 2),
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
    chart = _styled(chart, f"{result.department.name}と町全体（章別得点）")
    angular.setLabelsFont(chart_font(0.85))  # long chapter names would shrink the plot
    return chart


def trend_chart(years: list[int], town: dict[int, float | None]) -> QChart:
    """The town's total score per 年度."""
    chart = QChart()
    points = [(i, town.get(y)) for i, y in enumerate(years)]
    if not any(s is not None for _i, s in points):
        return _styled(chart, "推移を示す提出がありません")
    series = QLineSeries()
    series.setName(f"{TOWN}の合計得点")
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
    x.append([fiscal_year_label(y) for y in years])
    y = _score_axis()
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    chart.legend().setVisible(False)
    return _styled(chart, f"{TOWN}の合計得点の推移")


def _table(model: QAbstractItemModel, name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    # Compact rows: the 町全体 row at the bottom should be in sight without scrolling where possible.
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


def _chart_view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setAccessibleName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(360, 300)
    return view


class DashboardWidget(QWidget):
    """監査担当のダッシュボード: the consolidated scores of one 年度 in four tabs."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.year: int | None = None
        self.consolidation: Consolidation | None = None
        layout = QVBoxLayout(self)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # ヒートマップ
        self.heat_model = HeatMapModel(self)
        self.heat_proxy = TownLastProxy(self)
        self.heat_proxy.setSourceModel(self.heat_model)
        self.heat_table = _table(self.heat_proxy, "ヒートマップ")
        self.heat_table.setSortingEnabled(True)
        self.heat_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # source order until a header is clicked
        header = self.heat_table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.sectionResized.connect(lambda *_args: self._fit_heat_header())
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        heat = QWidget()
        hl = QVBoxLayout(heat)
        hl.addWidget(self.heat_table, 1)
        legend = QLabel(self._legend_html())
        legend.setTextFormat(Qt.TextFormat.RichText)
        hl.addWidget(legend)
        self.tabs.addTab(heat, "ヒートマップ")

        # 章別
        self.bar_view = _chart_view(QChart(), "章別得点")
        self.department_combo = QComboBox()
        self.department_combo.setAccessibleName("部署")
        self.department_combo.currentIndexChanged.connect(lambda _i: self._show_radar())
        self.radar_view = _chart_view(QPolarChart(), "部署と町全体の比較")
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        pick.addWidget(QLabel("部署:"))
        pick.addWidget(self.department_combo, 1)
        rl.addLayout(pick)
        rl.addWidget(self.radar_view, 1)
        chapters = QSplitter(Qt.Orientation.Horizontal)
        chapters.addWidget(self.bar_view)
        chapters.addWidget(right)
        chapters.setSizes([500, 620])
        self.tabs.addTab(chapters, "章別")

        # 推移
        self.trend_model = TrendModel(self)
        self.trend_table = _table(self.trend_model, "年度別の得点")
        self.trend_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.trend_table.horizontalHeader().setStretchLastSection(False)
        self.trend_view = _chart_view(QChart(), "町全体の推移")
        history = QSplitter(Qt.Orientation.Horizontal)
        history.addWidget(self.trend_table)
        history.addWidget(self.trend_view)
        history.setSizes([480, 640])
        self.tabs.addTab(history, "推移")

        # 未実施の多い項目
        self.failing_model = FailingItemsModel(self)
        self.failing_table = _table(self.failing_model, "未実施の多い項目")
        self.failing_table.setWordWrap(False)
        fh = self.failing_table.horizontalHeader()
        fh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        fh.setStretchLastSection(False)
        self.tabs.addTab(self.failing_table, "未実施の多い項目")

        years = workspace.years()
        if years:
            self.set_year(years[-1])

    @staticmethod
    def _legend_html() -> str:
        swatch = "<span style='background-color:{};'>&nbsp;{}&nbsp;</span>"
        parts = [swatch.format(score_color(s).name(), t) for s, t in ((0, "0"), (25, "25"), (50, "50"),
                                                                       (75, "75"), (100, "100"))]
        none = swatch.format(_GREY.name(), NO_SCORE)
        return (f"色は得点（0〜100、重要度で重み付け）: {' '.join(parts)}　{none} 対象の項目なし。"
                "見出しをクリックすると並べ替えます。")

    def set_year(self, year: int) -> None:
        """Consolidate ``year`` (and the earlier 年度 for the trend) and show it."""
        self.year = year
        ws = self.workspace
        years = sorted({y for y in ws.years() if y < year} | {year})
        by_year = {y: consolidate(ws, y) for y in years}
        cons = by_year[year]
        self.consolidation = cons
        self.heat_model.set_consolidation(cons)
        self._fit_heat_columns()
        self._replace_chart(self.bar_view, bar_chart(cons))
        current = self.department_combo.currentData()
        self.department_combo.blockSignals(True)
        self.department_combo.clear()
        for r in cons.results:
            self.department_combo.addItem(r.department.name, r.department.id)
        found = self.department_combo.findData(current)
        self.department_combo.setCurrentIndex(found if found >= 0 else 0 if cons.results else -1)
        self.department_combo.blockSignals(False)
        self._show_radar()
        history = trend(ws, years)
        rows = [(d.name, d.display_name, history.get(d.id, {})) for d in ws.catalog.master.departments]
        town = {y: c.town.total.score for y, c in by_year.items()}
        self.trend_model.set_trend(years, rows, town)
        self._fit_trend_columns()
        self._replace_chart(self.trend_view, trend_chart(years, town))
        names = {d.id: d.name for d in ws.departments()}
        self.failing_model.set_items(cons.failing_items(20), cons.questionnaire, names)
        self._fit_failing_columns()
        self.summary.setText(self._summary_text(cons))

    def refresh(self) -> None:
        """Consolidate the shown 年度 again (after submissions were imported)."""
        if self.year is not None:
            self.set_year(self.year)

    def _summary_text(self, cons: Consolidation) -> str:
        label = fiscal_year_label(cons.year)
        if not cons.results:
            return f"{label}: 取り込んだ提出はまだありません（対象 {len(cons.missing)} 部署）。"
        return (f"{label}: 提出 {len(cons.results)} 部署・未提出 {len(cons.missing)} 部署　"
                f"町全体の得点 {score_text(cons.town.total.score)}")

    def _show_radar(self) -> None:
        if self.consolidation is None:
            return
        dep = self.department_combo.currentData()
        self._replace_chart(self.radar_view, radar_chart(self.consolidation, dep if isinstance(dep, str) else None))

    @staticmethod
    def _replace_chart(view: QChartView, chart: QChart) -> None:
        old = view.chart()
        view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    def _fit_heat_columns(self) -> None:
        if self.heat_model.columnCount():
            self.heat_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._fit_heat_header()

    def _fit_heat_header(self) -> None:
        """Tall enough for the longest wrapped chapter title at the columns' current width."""
        header = self.heat_table.horizontalHeader()
        metrics = header.fontMetrics()
        lines = 1
        for col in range(1, self.heat_model.columnCount()):
            width = max(header.sectionSize(col) - 8, 20)
            text = str(self.heat_model.headerData(col, Qt.Orientation.Horizontal))
            rect = metrics.boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap), text)
            lines = max(lines, -(-rect.height() // metrics.lineSpacing()))
        height = metrics.lineSpacing() * min(max(lines, 2), 6) + 10
        if header.minimumHeight() != height:
            header.setMinimumHeight(height)

    def _fit_trend_columns(self) -> None:
        if self.trend_model.columnCount():
            self.trend_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _fit_failing_columns(self) -> None:
        header = self.failing_table.horizontalHeader()
        if self.failing_model.columnCount():
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
