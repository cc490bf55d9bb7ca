"""Ending the window cleanly when the system asks it to (SIGTERM at shutdown or logout, SIGHUP when the terminal
or the remote session goes away): the event loop ends as if the window were closed, so the last answer is
saved, the backup on exit is made and the database is released for the next person, instead of leaving a lock
that someone must take over."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer


def end_on_termination(app: QCoreApplication) -> Callable[[], None]:
    """Install the handlers; return the function that puts the previous ones back."""
    previous: dict[int, Any] = {}

    def ask_to_end(_signum: int, _frame: FrameType | None) -> None:
        app.exit(0)  # every running event loop ends, an open dialog's too
        QTimer.singleShot(0, lambda: app.exit(0))  # and the window's, when it had not started yet

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:  # Windows has no SIGHUP
            continue
        with contextlib.suppress(ValueError, OSError):  # not the main thread: leave the defaults
            previous[number] = signal.signal(number, ask_to_end)
    # Python runs a signal handler only when it gets control: give it control a few times a second.
    pulse = QTimer(app)
    pulse.timeout.connect(lambda: None)
    pulse.start(250)

    def restore() -> None:
        pulse.stop()
        pulse.deleteLater()
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore
