"""The app's log: the standard ``logging`` module writing to a rotating file in the user's log folder.

What is logged: which use case ran, refusals (their kind, not their text), unexpected errors with their
traceback. Never a passphrase, never answer text: use cases log names and counts only.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .paths import ensure_private_dir, user_log_dir

LOG_FILE = "mizuho-audit.log"
_MAX_BYTES = 1_000_000
_KEEP = 5
_configured: dict[str, Path] = {}


def log_path() -> Path:
    return user_log_dir() / LOG_FILE


class _RotatingLog(logging.Handler):
    """The rotating log file, made on the first record: ``logging.handlers`` (which imports sockets, pickle and
    queues, ~6 ms) is not imported at every start of the window, only when something is logged."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.file is None:
            import logging.handlers

            self.file = logging.handlers.RotatingFileHandler(self.path, maxBytes=_MAX_BYTES, backupCount=_KEEP,
                                                             encoding="utf-8", delay=True)
            self.file.setFormatter(self.formatter)
        self.file.emit(record)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        super().close()


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the app's log records to the rotating file (once per folder); None when the folder cannot be made
    (the app still works: the log is a help for support, not a record of the work — that is the operation log)."""
    path = log_path()
    if _configured.get("path") == path:
        return path
    root = logging.getLogger("mizuho_audit")
    for handler in list(root.handlers):
        if getattr(handler, "_mizuho_audit", False):
            root.removeHandler(handler)
            handler.close()
    try:
        ensure_private_dir(path.parent)
    except OSError:
        return None
    handler = _RotatingLog(path)
    handler._mizuho_audit = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    _configured["path"] = path
    return path


def close_logging() -> None:
    """Close the file (tests, and before the data folder is removed)."""
    root = logging.getLogger("mizuho_audit")
    for handler in list(root.handlers):
        if getattr(handler, "_mizuho_audit", False):
            root.removeHandler(handler)
            handler.close()
    _configured.clear()
