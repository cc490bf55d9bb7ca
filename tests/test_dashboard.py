"""The auditor's dashboard: heat map, chapter charts, trend and the items failing most."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QChart, QLineSeries, QPolarChart
from PySide6.QtCore import QAbstractItemModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from mizuho_audit.services.intake.intake import import_submission
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui.dashboard import SCORE_ROLE, TOWN, DashboardWidget, HeatMapModel, score_color
from mizuho_audit.usecases.session import Session

from .auditor_setup import answer, build

# Mini questionnaire weights: 中 2, 低 1, 高 3. Chapter 1: ORG-001 (中), ORG-002 (低); chapter 3: NET-001 (高, my_number
# departments), NET-002 (高, 情報システム担当 only); chapter 5: HUM-001 (中, not schools) or HUM-002 (中, schools).
ANSWERS_2026 = {
    "kikaku": {},  # ORG-001, ORG-002, NET-002, HUM-001 all done
    "jumin": {"ORG-001": "partial"},  # ORG-001, ORG-002, NET-001, HUM-001
    "zeimu": {"ORG-001": "partial", "NET-001": "not_done"},
    "daiichi_sho": {},  # ORG-001, ORG-002, HUM-002: nothing in chapter 3 (瑞穂第一小学校)
}


def _add_year(mini_dir: Path, year: int) -> None:
    """A copy of the mini checklist for another 年度."""
    text = (mini_dir / "mini-2026.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "2026.1"', f'version: "{year}.1"')
    text = text.replace("fiscal_year: 2026", f"fiscal_year: {year}")
    (mini_dir / f"mini-{year}.yaml").write_text(text, encoding="utf-8")


def _submit_year(tmp: Path, dept: Workspace, aud: Workspace, year: int, answers: dict[str, dict[str, str]]) -> None:
    for dep, ratings in answers.items():
        answer(dept, dep, year, ratings)
        out = export_submission(dept, dept.checklist(dep, year), tmp / "sub" / f"{year}-{dep}.json", actor="担当")
        assert import_submission(aud, out, actor="監査 一郎").outcome == "imported"


@pytest.fixture
def auditor(tmp_path: Path, mini_dir: Path) -> Iterator[Workspace]:
    _add_year(mini_dir, 2025)
    dept, aud = build(tmp_path, mini_dir, ANSWERS_2026)
    _submit_year(tmp_path, dept, aud, 2025, {"jumin": {}, "zeimu": {"NET-001": "partial"}})
    yield aud
    dept.close()
    aud.close()


@pytest.fixture
def dashboard(auditor: Workspace, qtbot: QtBot) -> DashboardWidget:
    w = DashboardWidget(Session(auditor))
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    w.set_year(2026)
    return w


def _table(model: QAbstractItemModel, role: int = Qt.ItemDataRole.DisplayRole) -> list[list[object]]:
    return [[model.data(model.index(r, c), role) for c in range(model.columnCount())] for r in range(model.rowCount())]


def _headers(model: QAbstractItemModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_heat_map_shows_the_scores_computed_by_hand(dashboard: DashboardWidget) -> None:
    model = dashboard.heat_model
    assert _headers(model) == ["部署", "1 組織体制", "3 情報システム全体の強靱性の向上", "5 人的セキュリティ", "合計"]
    rows = {r[0]: r[1:] for r in _table(model)}
    assert list(rows) == ["企画課", "住民課", "税務課", "瑞穂第一小学校", TOWN]  # master order, the town last
    # 住民課: ORG-001 中 partial (2×0.5) + ORG-002 低 done (1) over 2 + 1 → 66.7; total (1+1+3+2)/8 = 87.5
    assert rows["住民課"] == ["66.7", "100.0", "100.0", "87.5"]
    assert rows["税務課"] == ["66.7", "0.0", "100.0", "50.0"]  # NET-001 未実施; total (1+1+0+2)/8
    assert rows["企画課"] == ["100.0", "100.0", "100.0", "100.0"]
    assert rows["瑞穂第一小学校"] == ["100.0", "—", "100.0", "100.0"]  # no chapter 3 item applies to a school
    # The town pools every department's items: chapter 1 (2+2+3+3)/12, chapter 3 (3+0+3)/9, total 24/29.
    assert rows[TOWN] == ["83.3", "66.7", "100.0", "82.8"]
    assert model.data(model.index(1, 1), SCORE_ROLE) == pytest.approx(200 / 3)
    assert model.data(model.index(4, 0), Qt.ItemDataRole.FontRole).bold()


def test_heat_map_colours_and_counts(dashboard: DashboardWidget) -> None:
    model = dashboard.heat_model

    def colour(row: int, column: int) -> tuple[int, int, int]:
        c = model.data(model.index(row, column), Qt.ItemDataRole.BackgroundRole).color()
        return c.red(), c.green(), c.blue()

    low, high, none = colour(2, 2), colour(0, 2), colour(3, 2)  # 税務課 0, 企画課 100, 瑞穂第一小学校 —
    assert low != high != none != low
    assert low[0] > low[1] and high[1] > high[0]  # red for low scores, green for high ones
    assert none[0] == none[1] == none[2]  # grey
    assert colour(1, 1) != colour(0, 1)  # 66.7 and 100 differ too
    assert score_color(None).name() == score_color(None).name() != score_color(50).name()
    tip = model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole)
    assert "住民課" in tip and "1 組織体制" in tip
    assert "実施している 1" in tip and "一部実施している 1" in tip and "得点の対象 2 項目" in tip


def test_heat_map_sorts_by_a_column_keeping_the_town_last(dashboard: DashboardWidget) -> None:
    proxy = dashboard.heat_proxy
    total = proxy.columnCount() - 1
    dashboard.heat_table.sortByColumn(total, Qt.SortOrder.AscendingOrder)
    names = [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    assert names[0] == "税務課" and names[1] == "住民課" and names[-1] == TOWN
    dashboard.heat_table.sortByColumn(total, Qt.SortOrder.DescendingOrder)
    names = [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    assert names[-2:] == ["税務課", TOWN]
    dashboard.heat_table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # chapter 3: the school has no score
    names = [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    assert names[0] == "瑞穂第一小学校" and names[1] == "税務課" and names[-1] == TOWN


def test_failing_items_most_first(dashboard: DashboardWidget) -> None:
    model = dashboard.failing_model
    assert _headers(model) == ["項目", "質問", "章", "重要度", "一部・未実施の部署数 / 対象部署数", "割合"]
    rows = _table(model)
    assert [r[0] for r in rows] == ["ORG-001", "NET-001"]
    assert rows[0][2:] == ["1 組織体制", "中", "2 / 4", "50.0%"]
    assert str(rows[0][1]).startswith("部署の情報セキュリティ管理者")
    assert rows[1][2:] == ["3 情報システム全体の強靱性の向上", "高", "1 / 2", "50.0%"]
    assert "住民課" in model.data(model.index(0, 4), Qt.ItemDataRole.ToolTipRole)


def test_chapter_bar_chart_and_radar(dashboard: DashboardWidget) -> None:
    bars = dashboard.bar_view.chart()
    [series] = bars.series()
    assert isinstance(series, QAbstractBarSeries)
    [values] = series.barSets()
    # Chapters from the top down: the bars are given from the bottom up.
    assert [round(values.at(i), 1) for i in range(values.count())] == [100.0, 66.7, 83.3]
    assert bars.titleFont().family() == dashboard.font().family()

    radar = dashboard.radar_view.chart()
    assert isinstance(radar, QPolarChart)
    assert dashboard.department_combo.count() == 4
    assert {s.name() for s in radar.series()} == {TOWN, "企画課"}
    dashboard.department_combo.setCurrentIndex(dashboard.department_combo.findData("zeimu"))
    radar = dashboard.radar_view.chart()
    lines = {s.name(): s for s in radar.series() if isinstance(s, QLineSeries)}
    assert set(lines) == {TOWN, "税務課"}
    points = [(p.x(), round(p.y(), 1)) for p in lines["税務課"].points()]
    assert (0.0, 66.7) in points and (1.0, 0.0) in points and (2.0, 100.0) in points
    assert "税務課" in radar.title()


def test_trend_against_the_year_before(dashboard: DashboardWidget) -> None:
    model = dashboard.trend_model
    assert _headers(model) == ["部署", "令和7年度", "令和8年度", "前年度比"]
    rows = {r[0]: r[1:] for r in _table(model)}
    assert rows["住民課"] == ["100.0", "87.5", "-12.5"]
    # 税務課 2025: NET-001 partial → (2+1+1.5+2)/8 = 81.25
    assert rows["税務課"][:2] == ["81.2", "50.0"]
    assert rows["企画課"] == ["—", "100.0", "—"]
    assert list(rows)[-1] == TOWN
    # Town 2025: (8 + 6.5) / 16; 2026: 24 / 29
    assert rows[TOWN][:2] == ["90.6", "82.8"]
    [line] = dashboard.trend_view.chart().series()
    assert isinstance(line, QLineSeries)
    assert [round(p.y(), 1) for p in line.points()] == [90.6, 82.8]


def test_a_year_without_submissions_shows_empty_tables(dashboard: DashboardWidget, qtbot: QtBot) -> None:
    dashboard.set_year(2024)
    assert dashboard.heat_model.rowCount() == 0 and dashboard.heat_model.columnCount() == 0
    assert dashboard.failing_model.rowCount() == 0
    assert dashboard.trend_model.rowCount() == 0
    assert dashboard.bar_view.chart().series() == [] and dashboard.radar_view.chart().series() == []
    assert dashboard.department_combo.count() == 0
    assert "ありません" in dashboard.summary.text()
    for i in range(dashboard.tabs.count()):  # painting an empty year raises nothing and warns nothing
        dashboard.tabs.setCurrentIndex(i)
        dashboard.grab()
    dashboard.set_year(2026)
    assert dashboard.heat_model.rowCount() == 5


def test_a_later_year_keeps_the_trend(dashboard: DashboardWidget) -> None:
    dashboard.set_year(2027)
    assert dashboard.heat_model.rowCount() == 0 and dashboard.failing_model.rowCount() == 0
    assert _headers(dashboard.trend_model)[-2:] == ["令和9年度", "前年度比"]
    assert dashboard.trend_model.rowCount() > 0


def test_models_pass_the_model_tester(dashboard: DashboardWidget, qtmodeltester: ModelTester) -> None:
    for model in (dashboard.heat_model, dashboard.heat_proxy, dashboard.trend_model, dashboard.failing_model):
        qtmodeltester.check(model, force_py=True)


def test_model_tester_on_an_empty_model(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(HeatMapModel(), force_py=True)


def test_every_tab_paints_without_warnings(dashboard: DashboardWidget) -> None:
    for i in range(dashboard.tabs.count()):
        dashboard.tabs.setCurrentIndex(i)
        assert not dashboard.grab().isNull()
    chart = dashboard.trend_view.chart()
    assert isinstance(chart, QChart) and chart.title()
