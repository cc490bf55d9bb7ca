"""The app's log: the standard ``logging`` module writing to a rotating file in the user's log folder.

What is logged: which use case ran, refusals (their kind, not their text), unexpected errors with their
traceback. Never a passphrase, never answer text: use cases log names and counts only.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from .paths import ensure_private_dir, user_log_dir

LOG_FILE = "mizuho-audit.log"
_MAX_BYTES = 1_000_000
_KEEP = 5
_configured: dict[str, Path] = {}


def log_path() -> Path:
    return user_log_dir() / LOG_FILE


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
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=_MAX_BYTES, backupCount=_KEEP, encoding="utf-8",
                                                       delay=True)
    except OSError:
        return None
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
