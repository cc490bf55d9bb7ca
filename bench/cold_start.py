"""Child process of the cold-start benchmark: start, show a window, report when it was first painted.

``python bench/cold_start.py ours T0_NS DB`` starts the app as ``mizuho-audit --db DB`` does (``cli.main.run``: the
command line parsed, then ``app.run_gui``: app font, store, catalog, ``MainWindow`` on the department and 年度
remembered in the database).
``python bench/cold_start.py bare T0_NS`` shows an empty ``QMainWindow`` with PySide6 alone.

``T0_NS`` is ``time.monotonic_ns()`` taken by the parent just before it started this process (the clock is the
same for every process on Linux, Windows and macOS), so the time includes the interpreter's start and every
import. The child prints one JSON line: seconds from T0 to the window shown and to the end of its first paint
(the event loop is back after the first paint of the window), then quits.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

MODE, T0 = sys.argv[1], int(sys.argv[2])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def since_t0() -> float:
    return (time.monotonic_ns() - T0) / 1e9


def watch(app: object, window_type: type) -> None:
    """Note the first Show and the first Paint of the ``window_type`` window, then quit once that round of
    painting is over.

    The window's own ``showEvent``/``paintEvent`` are wrapped (the top-level window is painted first in a round,
    before its children). An application-wide Python event filter, used until 2026-12-05, made every event of
    every object of the app cross into Python and PySide wrap each object, Qt's internal ones included: a cost
    of the measurement that grew with the number of widgets (~30 ms on the app's window, ~0 on the bare one)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    marks: dict[str, float] = {}
    shown, painted = window_type.showEvent, window_type.paintEvent

    def done() -> None:
        marks["painted"] = since_t0()
        print(json.dumps({"shown_s": marks.get("shown"), "painted_s": marks["painted"],
                          "first_paint_event_s": marks["paint_event"]}), flush=True)
        app.quit()

    def show_event(self: Any, event: Any) -> None:
        marks.setdefault("shown", since_t0())
        shown(self, event)

    def paint_event(self: Any, event: Any) -> None:
        if "paint_event" not in marks:
            marks["paint_event"] = since_t0()
            QTimer.singleShot(0, done)  # runs once this round of painting is over
        painted(self, event)

    window_type.showEvent = show_event  # type: ignore[method-assign]
    window_type.paintEvent = paint_event  # type: ignore[method-assign]


def ours(db: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtWidgets import QApplication

    from mizuho_audit.cli.main import run
    from mizuho_audit.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])  # run_gui takes the running instance
    watch(app, MainWindow)
    code = run(["--db", str(db)])  # the command line parsed as `mizuho-audit --db DB`, then run_gui
    if code != 0:
        raise SystemExit(code)


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Window(QMainWindow):  # a class of its own, as the app's MainWindow is, for watch() to wrap
        pass

    app = QApplication(sys.argv[:1])
    watch(app, Window)
    window = Window()
    window.resize(1280, 820)
    window.show()
    app.exec()


if __name__ == "__main__":
    if MODE == "ours":
        ours(Path(sys.argv[3]))
    else:
        bare()
