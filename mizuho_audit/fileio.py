"""Writing files so that a crash or a full disk never leaves a half-written one, and CSV that a
spreadsheet cannot run as a formula."""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# A cell that begins with one of these is a formula (or a DDE command) to Excel and LibreOffice.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def write_atomic(out: Path, data: bytes) -> Path:
    """Write to a temporary file beside ``out``, fsync it, then rename: never a half-written file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".tmp-", suffix=out.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def spreadsheet_safe(value: Any) -> str:
    """The cell's text, defused when a spreadsheet would read it as a formula (a leading apostrophe)."""
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, dict | list) else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def write_csv(out: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """Every CSV the app writes: UTF-8 with BOM (Excel reads it), formulas defused, written atomically."""
    import csv  # here: the window's start does not write CSV

    buffer = io.StringIO(newline="")
    w = csv.writer(buffer)
    w.writerow([spreadsheet_safe(h) for h in header])
    for row in rows:
        w.writerow([spreadsheet_safe(v) for v in row])
    return write_atomic(out, buffer.getvalue().encode("utf-8-sig"))
