"""The demo's helpers: worker processes that render the submissions' pages and a thread that makes the
certificates' RSA keys, beside the main process that answers, issues and signs (issue 19: the demo under 10 s)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

from ..workspace import Checklist, Workspace

DEMO_KEY_BITS = 2048  # the demo's throwaway certificates (real ones: 3072, ca.new_key's default)


def _render_pages(arguments: dict[str, Any]) -> bytes:
    """One submission's pages (run in a worker process by :meth:`Helpers.render`)."""
    from ..submission.submission_pdf import render_submission_pdf

    return render_submission_pdf(**arguments)


def _workers() -> Executor:
    """Two processes render the submissions' pages while this one issues the certificates and signs.

    Only where processes can be forked from a source install (Linux, macOS): a frozen build would start the
    app again in each worker, and a spawned worker spends longer importing than rendering. Elsewhere, and on
    one CPU, the pages are rendered here, one after another."""
    import multiprocessing

    if (os.cpu_count() or 1) < 2 or getattr(sys, "frozen", False) \
            or "fork" not in multiprocessing.get_all_start_methods():
        return _InProcess()
    # From Python 3.12 on, forking a process that has threads is deprecated: a fork server instead.
    method = "fork" if sys.version_info < (3, 12) else "forkserver"
    return ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context(method))


class _InProcess(Executor):
    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


class Helpers:
    """Two worker processes that render the submissions' pages and a thread that makes the certificates' keys,
    started before the departments answer, so that both work beside the answering and the signing.

    The workers are forked before the thread exists (a process with threads is not forked)."""

    def __init__(self, keys: int) -> None:
        from ..signing import ca

        self.workers = _workers()
        self.workers.submit(int).result()  # both workers are forked now
        self.key_thread = ThreadPoolExecutor(max_workers=1)
        # The demo CA's certificates are throwaway: 2048-bit keys (the size of most certificates in use), whose making
        # costs a third of the 3072 bits of a real certificate; 37 keys took ~7 s of the demo's ~20 s of CPU.
        self.keys = iter([self.key_thread.submit(ca.new_key, DEMO_KEY_BITS) for _ in range(keys)])
        self.pages: dict[tuple[int, str], tuple[str, Future[bytes]]] = {}

    def render(self, ws: Workspace, year: int, department_id: str, cl: Checklist) -> None:
        from ..submission.submission import page_arguments

        arguments = page_arguments(ws, cl, signed=True)
        self.pages[(year, department_id)] = (arguments["snapshot_hash"],
                                             self.workers.submit(_render_pages, arguments))

    def pages_of(self, ws: Workspace, year: int, department_id: str, cl: Checklist) -> bytes:
        """The pages of the submission as it is now (rendered here if it changed after it was handed out)."""
        from ..submission.submission import page_arguments

        arguments = page_arguments(ws, cl, signed=True)
        rendered, future = self.pages.get((year, department_id), ("", None))
        if future is None or rendered != arguments["snapshot_hash"]:
            return _render_pages(arguments)
        return future.result()

    def key(self) -> Any:
        return next(self.keys).result()

    def close(self) -> None:
        self.key_thread.shutdown(wait=True, cancel_futures=True)
        self.workers.shutdown(wait=True, cancel_futures=True)


