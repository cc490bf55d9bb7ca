"""The auditor's dashboard for one 年度: ヒートマップ, 章別, 推移 and 未実施の多い項目.

All numbers come from :mod:`services.consolidation`; this module only lays them out.
"""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView, QPolarChart
from PySide6.QtCore import QAbstractItemModel, QEvent, Qt
from PySide6.QtGui import QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from ..usecases import intake
from ..usecases.intake import Consolidation
from ..usecases.session import Session
from . import labels
from .appearance import font_factor
from .benchmark_view import BenchmarkView
from .dashboard_charts import DEPARTMENT_COLOR, TOWN_COLOR, bar_chart, chart_font, radar_chart, trend_chart
from .dashboard_models import (
    _GREY,
    NO_SCORE,
    SCORE_ROLE,
    SORT_ROLE,
    TOWN,
    FailingItemsModel,
    HeatMapModel,
    TownLastProxy,
    TrendModel,
    chapter_label,
    score_color,
    score_text,
    short_chapter_label,
    tally_tooltip,
)
from .dialogs import Dialogs

# The names other modules import from here, wherever they now live.
__all__ = [
    "DEPARTMENT_COLOR",
    "NO_SCORE",
    "SCORE_ROLE",
    "SORT_ROLE",
    "TOWN",
    "TOWN_COLOR",
    "DashboardWidget",
    "FailingItemsModel",
    "HeatMapModel",
    "TownLastProxy",
    "TrendModel",
    "bar_chart",
    "chapter_label",
    "chart_font",
    "radar_chart",
    "score_color",
    "score_text",
    "short_chapter_label",
    "tally_tooltip",
    "trend_chart",
]


def _table(model: QAbstractItemModel, name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    _fit_rows(view)
    return view


def _fit_rows(view: QTableView) -> None:
    # Compact rows: the 町全体 row at the bottom should be in sight without scrolling where possible.
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)


def _fit_chart(view: QChartView) -> None:
    factor = max(font_factor(view), 1.0)
    view.setMinimumSize(round(360 * factor), round(300 * factor))


def _chart_view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setAccessibleName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    _fit_chart(view)
    return view


class DashboardWidget(QWidget):
    """監査担当のダッシュボード: the consolidated scores of one 年度 in four tabs."""

    def __init__(self, session: Session, parent: QWidget | None = None, dialogs: Dialogs | None = None) -> None:
        super().__init__(parent)
        self.session = session
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
        self.heat_table = _table(self.heat_proxy, self.tr("ヒートマップ"))
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
        legend.setWordWrap(True)
        hl.addWidget(legend)
        self.tabs.addTab(heat, self.tr("ヒートマップ"))

        # 章別
        self.bar_view = _chart_view(QChart(), self.tr("章別得点"))
        self.department_combo = QComboBox()
        self.department_combo.setAccessibleName(self.tr("部署"))
        self.department_combo.currentIndexChanged.connect(lambda _i: self._show_radar())
        self.radar_view = _chart_view(QPolarChart(), self.tr("部署と町全体の比較"))
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        pick_label = QLabel(self.tr("部署:"))
        pick_label.setBuddy(self.department_combo)
        pick.addWidget(pick_label)
        pick.addWidget(self.department_combo, 1)
        rl.addLayout(pick)
        rl.addWidget(self.radar_view, 1)
        chapters = QSplitter(Qt.Orientation.Horizontal)
        chapters.addWidget(self.bar_view)
        chapters.addWidget(right)
        chapters.setSizes([500, 620])
        self.tabs.addTab(chapters, self.tr("章別"))

        # 推移
        self.trend_model = TrendModel(self)
        self.trend_table = _table(self.trend_model, self.tr("年度別の得点"))
        self.trend_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.trend_table.horizontalHeader().setStretchLastSection(False)
        self.trend_view = _chart_view(QChart(), self.tr("町全体の推移"))
        history = QSplitter(Qt.Orientation.Horizontal)
        history.addWidget(self.trend_table)
        history.addWidget(self.trend_view)
        history.setSizes([480, 640])
        self.tabs.addTab(history, self.tr("推移"))

        # 未実施の多い項目
        self.failing_model = FailingItemsModel(self)
        self.failing_table = _table(self.failing_model, self.tr("未実施の多い項目"))
        self.failing_table.setWordWrap(False)
        fh = self.failing_table.horizontalHeader()
        fh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        fh.setStretchLastSection(False)
        self.tabs.addTab(self.failing_table, self.tr("未実施の多い項目"))

        # 他団体との比較 (score packs imported from other towns, and the town's own last 年度)
        self.benchmark = BenchmarkView(session, dialogs)
        self.tabs.addTab(self.benchmark, self.tr("他団体との比較"))
        self._font_size = self.font().pointSizeF()
        self._charts_stale = False

        years = session.years()
        if years:
            self.set_year(years[-1])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.font().pointSizeF() != self._font_size:
            # 表示 → 文字の大きさ: rows, charts (whose texts do not follow the application font) and headers;
            # the charts are drawn again when the dashboard is (next) shown.
            self._font_size = self.font().pointSizeF()
            for table in (self.heat_table, self.trend_table, self.failing_table):
                _fit_rows(table)
            self._fit_heat_columns()
            for view in (self.bar_view, self.radar_view, self.trend_view):
                _fit_chart(view)
            self._charts_stale = True
            if self.isVisible():
                self._redraw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._charts_stale:
            self._redraw()

    def _redraw(self) -> None:
        self._charts_stale = False
        self.refresh()

    def _legend_html(self) -> str:
        swatch = "<span style='background-color:{};'>&nbsp;{}&nbsp;</span>"
        parts = [swatch.format(score_color(s).name(), t) for s, t in ((0, "0"), (25, "25"), (50, "50"),
                                                                       (75, "75"), (100, "100"))]
        none = swatch.format(_GREY.name(), NO_SCORE)
        return self.tr("色は得点（0〜100、重要度で重み付け）: {0}　{1} 対象の項目なし。"
                       "見出しをクリックすると並べ替えます。").format(" ".join(parts), none)

    def set_year(self, year: int) -> None:
        """Consolidate ``year`` (and the earlier 年度 for the trend) and show it."""
        self.year = year
        s = self.session
        years = sorted({y for y in s.years() if y < year} | {year})
        by_year = {y: intake.consolidate(s, y) for y in years}
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
        history = intake.trend(s, years)
        rows = [(d.name, d.display_name, history.get(d.id, {})) for d in s.master_departments()]
        town = {y: c.town.total.score for y, c in by_year.items()}
        self.trend_model.set_trend(years, rows, town)
        self._fit_trend_columns()
        self._replace_chart(self.trend_view, trend_chart(years, town))
        names = {d.id: d.name for d in s.departments()}
        self.failing_model.set_items(cons.failing_items(20), cons.questionnaire, names)
        self._fit_failing_columns()
        self.benchmark.set_year(year, cons)
        self.summary.setText(self._summary_text(cons))

    def refresh(self) -> None:
        """Consolidate the shown 年度 again (after submissions were imported)."""
        if self.year is not None:
            self.set_year(self.year)

    def _summary_text(self, cons: Consolidation) -> str:
        label = labels.fiscal_year(cons.year)
        if not cons.results:
            return self.tr("{0}: 取り込んだ提出はまだありません（対象 {1} 部署）。").format(label, len(cons.missing))
        return self.tr("{0}: 提出 {1} 部署・未提出 {2} 部署　町全体の得点 {3}").format(
            label, len(cons.results), len(cons.missing), score_text(cons.town.total.score))

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
        # The names' column fitted when the scores change, not each time the map is shown or sorted (a city's
        # 300 names measured again each time).
        if self.heat_model.columnCount():
            self.heat_table.resizeColumnToContents(0)
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
