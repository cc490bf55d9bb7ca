"""Shared by the benchmarks: paths, timing helpers and the one result table."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# Qt without a screen (run.sh sets it too; here for running a file directly).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MAX_RATIO = 3.0  # no step may be slower than this many times its bare library


def best_of(n: int, fn: Callable[[], object]) -> float:
    """The fastest of ``n`` runs, in seconds (the machine is noisy: the minimum is the least disturbed)."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def percentile(samples: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0-100) by nearest rank, as latency reports use it."""
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


@dataclass
class Row:
    """One line of the table. Times in seconds; ``unit`` only chooses how they are printed."""

    step: str
    ours: float
    bare: float
    unit: str = "s"  # "s" | "ms"
    limit: float | None = None  # absolute target in seconds (ours must be below it), or None
    note: str = ""
    max_ratio: float = MAX_RATIO  # a row may have a stricter target against its bare baseline

    @property
    def ratio(self) -> float:
        return self.ours / self.bare if self.bare > 0 else float("inf")

    @property
    def failures(self) -> list[str]:
        out = []
        if self.limit is not None and self.ours >= self.limit:
            # "bare too": the library alone misses the target as well (the disk or the load, not the app)
            out.append("time, bare too" if self.bare >= self.limit else "time")
        if self.ratio > self.max_ratio:
            out.append("ratio")
        return out

    def target(self) -> str:
        ratio = f"≤{self.max_ratio:g}× bare"
        if self.max_ratio == float("inf") and self.limit is not None:  # an absolute target only
            return f"<{_fmt(self.limit, self.unit, bare=True)}"
        if self.limit is None:
            return ratio
        return f"<{_fmt(self.limit, self.unit, bare=True)} & {ratio}"


def _fmt(seconds: float, unit: str, bare: bool = False) -> str:
    if unit == "MB":  # a row of memory, not time
        return f"{seconds:.0f} MB"
    if unit == "ms":
        value = seconds * 1000
        text = f"{value:.0f}" if bare else (f"{value:.1f}" if value < 100 else f"{value:.0f}")
        return f"{text} ms"
    return f"{seconds:g} s" if bare else f"{seconds:.2f} s"


def _width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters are two wide)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - _width(text))
    return space + text if right else text + space


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table (step, ours, bare, ratio, target, pass/fail)."""
    head = ["step", "ours", "bare", "ratio", "target", "result"]
    body = [[r.step, _fmt(r.ours, r.unit), _fmt(r.bare, r.unit), f"{r.ratio:.2f}×" if r.ratio < 1 else
             f"{r.ratio:.1f}×", r.target(),
             "pass" if not r.failures else "FAIL (" + ", ".join(r.failures) + ")"] for r in rows]
    widths = [max(_width(line[i]) for line in [head, *body]) for i in range(len(head))]
    right = [False, True, True, True, False, False]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(_pad(c, w, r) for c, w, r in zip(cells, widths, right, strict=True)) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":" if r else "-" * (w + 2)) for w, r in zip(widths, right, strict=True))
    return "\n".join([line(head), rule + "|", *(line(b) for b in body)])


def machine_note() -> str:
    cpus = os.cpu_count() or 0
    return (f"{platform.system()} {platform.release()}, {platform.machine()}, {cpus} CPU(s), "
            f"Python {platform.python_version()}")
