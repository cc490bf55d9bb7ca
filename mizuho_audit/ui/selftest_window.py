"""The window part of the self-test: the main window shown offscreen, QtCharts, the platform plugin."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import paths
from ..i18n import _
from ..selftest import _USER, CheckFailed, _need, _State
from .dialogs import Dialogs


@contextlib.contextmanager
def _qt_messages_to(sink: list[str]) -> Iterator[None]:
    """Collect Qt's messages while the window is up; the offscreen platform's chatter is dropped.

    The previous handler (e.g. pytest-qt's) still receives everything else, and is restored afterwards.
    """
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    from ..app import _HARMLESS_QT_MESSAGES

    previous: Any = None

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message.startswith(_HARMLESS_QT_MESSAGES):
            return
        if mode != QtMsgType.QtDebugMsg and mode != QtMsgType.QtInfoMsg:
            sink.append(message)
        if previous is not None:
            previous(mode, context, message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


_NATIVE_PLATFORM = {"win32": "qwindows", "darwin": "qcocoa"}  # everything else: X11 (xcb)


def _native_platform_plugin() -> str:
    """The platform plugin the window needs on a real screen must be shipped, though the test runs offscreen."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    name = _NATIVE_PLATFORM.get(sys.platform, "qxcb")
    # Where Qt itself looks for plugins (QLibraryInfo, QT_PLUGIN_PATH, the application folder).
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]
    folders += [Path(p) for p in QCoreApplication.libraryPaths()]
    if not any(f.stem.removeprefix("lib") == name for folder in folders for f in (folder / "platforms").glob("*")):
        raise CheckFailed(_("画面表示用のプラグイン {name} がありません: {folders}"
                            ).format(name=name, folders=', '.join(map(str, dict.fromkeys(folders)))))
    return name


def _dialogs_refused(seen: list[str]) -> Dialogs:
    """Stands in for ``ui.dialogs.Dialogs``: a dialog during the self-test is noted (a failure), never waited for."""

    class NoDialogs(Dialogs):
        def __getattribute__(self, name: str) -> Any:
            if name.startswith("_"):
                return super().__getattribute__(name)

            def refuse(*args: Any, **kwargs: Any) -> None:
                seen.append(f"{name}: {args[1] if len(args) > 1 else ''}")  # (parent, title, ...)

            return refuse

    return NoDialogs()


def check_window(st: _State) -> str:
    # Offscreen unless the caller chose a platform: the test needs no screen and flashes no window.
    # Only applies when this process has not created its QApplication yet.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..app import load_app_font
    from ..usecases.session import Session
    from .main_window import MainWindow

    ws, cl = _need(st.workspace, _("データベース")), _need(st.checklist, _("回答と提出"))
    with _qt_messages_to(st.qt_messages):
        app = QApplication.instance() or QApplication(sys.argv[:1])
        family = load_app_font()
        if not family:
            raise CheckFailed(_("画面用フォントを読み込めません: {path}").format(path=paths.font_path()))
        dialogs: list[str] = []
        window = MainWindow(Session(ws), _dialogs_refused(dialogs), user=_USER)
        try:
            window.resize(1024, 700)
            window.show()
            window.select(cl.department.id, cl.year)
            app.processEvents()
            rows = window.model.rowCount()
            image = window.grab()
            if rows == 0 or image.isNull():
                raise CheckFailed(_("チェックリストが表示されません"))
            if dialogs:
                raise CheckFailed(_("想定外のダイアログ: {names}").format(names=_("、").join(dialogs)))
            charts = _draw_chart()
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    native = _native_platform_plugin()
    return (_("メイン画面を表示して閉じた（{platform}、フォント {family}、{charts}、"
              "画面用プラグイン {native} あり）"
              ).format(platform=QApplication.platformName(), family=family, charts=charts, native=native))


def _draw_chart() -> str:
    """QtCharts comes from PySide6-Addons; the auditor's dashboard needs it."""
    from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView

    bars = QBarSet("テスト")
    bars.append([1.0, 2.0])
    series = QBarSeries()
    series.append(bars)
    chart = QChart()
    chart.addSeries(series)
    view = QChartView(chart)
    view.resize(200, 150)
    ok = not view.grab().isNull()
    view.deleteLater()
    if not ok:
        raise CheckFailed(_("グラフ（QtCharts）を描画できません"))
    return _("グラフ描画可")
