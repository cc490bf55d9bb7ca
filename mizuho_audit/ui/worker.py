"""Runs one Qt-free job off the GUI thread, with progress and cancel.

A job is a callable that takes a progress callback ``progress(done, total, text)`` and returns its
result. The callback is where cancelling happens: after :meth:`Worker.cancel` the next call raises
:class:`Cancelled` inside the job, so the job stops between two steps (never halfway through one).
A job that wants to hand back what it finished so far catches :class:`Cancelled` itself.

Signals are emitted from the pool thread and arrive queued in the GUI thread (the signals object
lives there), so slots may touch widgets.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[int, int, str], None]
Job = Callable[[Progress], object]


class Cancelled(Exception):
    """Raised inside a job's progress callback once the user has cancelled."""


class WorkerSignals(QObject):
    """What a running job reports: progress, its result, a failure or that it was cancelled."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Worker(QRunnable):
    """One job on a pool thread. Keep a reference until it has finished (the pool does not own it)."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        # Python keeps the object alive; Qt deleting it after run() would leave a dangling wrapper.
        self.setAutoDelete(False)
        self._job = job
        self._cancel = threading.Event()
        self._done = threading.Event()
        self.signals = WorkerSignals()

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_done(self) -> bool:
        return self._done.is_set()

    def _progress(self, done: int, total: int, text: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.signals.progress.emit(done, total, text)

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except Cancelled:
            self._done.set()
            self.signals.cancelled.emit()
        except Exception as exc:  # a job's failure must reach the user, not kill the thread silently
            traceback.print_exc()
            self._done.set()
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self._done.set()
            self.signals.finished.emit(result)


def single_thread_pool(parent: QObject | None = None) -> QThreadPool:
    """A private pool that runs one job at a time (the SQLite connection is used by one thread at a time)."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool
