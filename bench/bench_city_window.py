"""The auditor's window with a city of 300 departments (issue 19): sorting the board, the heat map and
switching tabs, each under 100 ms.

Run alone: ``python bench/bench_city_window.py``. The window works on an auditor's database holding 300
departments' imported submissions; each operation is timed from the call to the end of the paint it causes
(``processEvents`` after it). Bare: the same operation on a ``QStandardItemModel`` table of the same rows and
columns (sorted by Qt's own proxy) in a shown window, so that the ratio shows what the app adds.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench_city import city
from common import Row, median, table

from mizuho_audit.services.intake.intake import import_many
from mizuho_audit.services.workspace import Workspace

CITY = 300


def city_setup(tmp: Path, count: int = CITY) -> tuple[Path, Path]:
    """(checklist folder, auditor database) for the city of ``bench_city`` (``count`` departments, each answering
    every item that applies to it), every submission imported."""
    qdir, inbox = city(tmp, count)
    db = tmp / "city.db"
    ws = Workspace.open(db, shipped_dir=qdir, town_dir=tmp / "town", role="auditor", passphrase="bench-pass")
    try:
        ws.store.db.conn.execute("PRAGMA synchronous = OFF")  # only to build the city quickly
        results = import_many(ws, [inbox], actor="bench")
        assert all(r.outcome == "imported" for r in results), [r.message for r in results][:3]
    finally:
        ws.close()
    return qdir, db
# --- end of the city builder ----------------------------------------------------------------------------------


def _timed(app: object, fn: object, samples: list[float]) -> None:
    t = time.perf_counter()
    fn()  # type: ignore[operator]
    app.processEvents()  # type: ignore[attr-defined]
    samples.append(time.perf_counter() - t)


def city_window_rows(tmp: Path, repeat: int = 8) -> tuple[list[Row], str]:
    from bench_window import _app
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTableView, QTabWidget

    from mizuho_audit.ui.auditor_window import AuditorWindow
    from mizuho_audit.ui.dialogs import Dialogs
    from mizuho_audit.usecases.session import Session

    t_build = time.perf_counter()
    folder = tmp / "city-window"  # its own folder: bench_all's town already has tmp/q
    folder.mkdir(exist_ok=True)
    qdir, db = city_setup(folder)
    built = time.perf_counter() - t_build
    app = _app()
    ws = Workspace.open(db, shipped_dir=qdir, town_dir=tmp / "city-town", passphrase="bench-pass")
    window = AuditorWindow(Session(ws), Dialogs(), user="ベンチ")
    window.resize(1280, 820)
    window.show()
    app.processEvents()  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(window.dashboard)  # the dashboard drawn once, as the auditor has seen it
    app.processEvents()  # type: ignore[attr-defined]
    window.tabs.setCurrentIndex(0)
    app.processEvents()  # type: ignore[attr-defined]
    board_rows = window.model.rowCount()
    heat = window.dashboard.heat_model

    def bare_table(model_rows: int, columns: int, tabs: QTabWidget) -> tuple[QTableView, QStandardItemModel]:
        model = QStandardItemModel(model_rows, columns)
        for r in range(model_rows):
            for c in range(columns):
                item = QStandardItem(f"{(r * 37 + c * 11) % 1000 / 10:.1f}" if c else f"部署{r:03d}")
                item.setData((r * 37 + c * 11) % 1000, Qt.ItemDataRole.UserRole)
                model.setItem(r, c, item)
        proxy = QSortFilterProxyModel(tabs)
        proxy.setSourceModel(model)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        view = QTableView()
        view.setModel(proxy)
        view.setSortingEnabled(True)
        return view, model

    bare_window = QMainWindow()
    bare_window.resize(1280, 820)
    bare_tabs = QTabWidget()
    bare_board, _m1 = bare_table(board_rows, window.model.columnCount(), bare_tabs)
    bare_heat, _m2 = bare_table(heat.rowCount(), heat.columnCount(), bare_tabs)
    bare_tabs.addTab(bare_board, "board")
    bare_tabs.addTab(bare_heat, "heat")
    bare_window.setCentralWidget(bare_tabs)
    bare_window.show()
    app.processEvents()  # type: ignore[attr-defined]

    ours: dict[str, list[float]] = {"sort": [], "heat": [], "tabs": []}
    bare: dict[str, list[float]] = {"sort": [], "heat": [], "tabs": []}
    try:
        board_cols = list(range(window.model.columnCount()))
        for i in range(repeat):
            col = board_cols[i % len(board_cols)]
            order = Qt.SortOrder.AscendingOrder if i % 2 == 0 else Qt.SortOrder.DescendingOrder
            _timed(app, lambda c=col, o=order: window.table.sortByColumn(c, o), ours["sort"])
            _timed(app, lambda c=col, o=order: bare_board.sortByColumn(c, o), bare["sort"])
        # The heat map: switching to the dashboard (its heat map tab) and sorting it by a chapter.
        window.tabs.setCurrentWidget(window.dashboard)
        window.dashboard.tabs.setCurrentIndex(0)
        app.processEvents()  # type: ignore[attr-defined]
        bare_tabs.setCurrentIndex(1)
        app.processEvents()  # type: ignore[attr-defined]
        for i in range(repeat):
            col = 1 + i % max(1, heat.columnCount() - 1)
            order = Qt.SortOrder.AscendingOrder if i % 2 == 0 else Qt.SortOrder.DescendingOrder
            _timed(app, lambda c=col, o=order: window.dashboard.heat_table.sortByColumn(c, o), ours["heat"])
            _timed(app, lambda c=col, o=order: bare_heat.sortByColumn(c, o), bare["heat"])
        # Switching tabs: 提出状況 → 指摘事項 → 集計・分析 → 提出状況 …
        for i in range(repeat * 3):
            _timed(app, lambda n=i: window.tabs.setCurrentIndex((n + 1) % window.tabs.count()), ours["tabs"])
            _timed(app, lambda n=i: bare_tabs.setCurrentIndex((n + 1) % 2), bare["tabs"])
    finally:
        window.close()
        bare_window.close()
        ws.close()
    rows = [Row(f"city window: sort the board ({board_rows} rows, p50)", median(ours["sort"]), median(bare["sort"]),
                unit="ms", limit=0.1),
            Row(f"city window: sort the heat map ({heat.rowCount()} rows, p50)", median(ours["heat"]),
                median(bare["heat"]), unit="ms", limit=0.1),
            Row("city window: switch tabs (p50)", median(ours["tabs"]), median(bare["tabs"]), unit="ms", limit=0.1)]
    worst = {k: max(v) * 1000 for k, v in ours.items()}
    note = (f"city window: {CITY} departments imported in {built:.0f} s (built for the bench); {repeat} sorts, "
            f"{repeat * 3} tab switches; slowest ours: sort {worst['sort']:.0f} ms, heat map {worst['heat']:.0f} ms, "
            f"tabs {worst['tabs']:.0f} ms")
    return rows, note


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="mizuho-bench-city-") as t:
        rows, note = city_window_rows(Path(t))
    print(table(rows))
    print(f"\n- {note}")


if __name__ == "__main__":
    sys.exit(main())
