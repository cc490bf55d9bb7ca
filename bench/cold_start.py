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

MODE, T0 = sys.argv[1], int(sys.argv[2])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def since_t0() -> float:
    return (time.monotonic_ns() - T0) / 1e9


def watch(app: object, window_type: type) -> None:
    """Install an application-wide filter that notes the first Show and Paint of a ``window_type`` window."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(app, QApplication)
    show, paint = QEvent.Type.Show, QEvent.Type.Paint
    marks: dict[str, float] = {}

    def done() -> None:
        marks["painted"] = since_t0()
        print(json.dumps({"shown_s": marks.get("shown"), "painted_s": marks["painted"],
                          "first_paint_event_s": marks["paint_event"]}), flush=True)
        app.quit()

    class Watcher(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            kind = event.type()
            if kind == show and "shown" not in marks and isinstance(obj, window_type):
                marks["shown"] = since_t0()
            elif kind == paint and "paint_event" not in marks and isinstance(obj, QWidget) \
                    and isinstance(obj.window(), window_type):
                marks["paint_event"] = since_t0()
                QTimer.singleShot(0, done)  # runs once this round of painting is over
            return False

    watcher = Watcher(app)
    app.installEventFilter(watcher)
    app.setProperty("_bench_watcher", watcher)  # keep it alive


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

    app = QApplication(sys.argv[:1])
    watch(app, QMainWindow)
    window = QMainWindow()
    window.resize(1280, 820)
    window.show()
    app.exec()


if __name__ == "__main__":
    if MODE == "ours":
        ours(Path(sys.argv[3]))
    else:
        bare()
