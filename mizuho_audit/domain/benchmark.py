"""Comparison with other towns: the score packs imported, and where the town stands per chapter among them
(the median of the other towns' scores, the town's percentile rank, how many towns), and against its own
earlier 年度."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

OWN_TOWN = "瑞穂町"  # the name of the town's own score pack

PACK_FORMAT = "mizuho-audit/benchmark@1"
SIGNATURE_STATUSES = ("verified", "untrusted", "unsigned")


@dataclass(frozen=True)
class StoredPack:
    """A score pack kept in the auditor's database (the file as received, and how its signature was found)."""

    id: int
    sha256: str
    town: str
    fiscal_year: int
    questionnaire_hash: str
    content: bytes
    signature_status: str  # verified / untrusted / unsigned
    signer: str
    imported_at: str
    imported_by: str


def median(values: Sequence[float]) -> float | None:
    import statistics  # here: it imports fractions and decimal, which the window's start does not need

    return statistics.median(values) if values else None


def percentile_rank(own: float | None, others: Sequence[float]) -> float | None:
    """The share (0–100) of the other towns scoring below the town, ties counted half; None without either."""
    if own is None or not others:
        return None
    below = sum(1 for v in others if v < own)
    equal = sum(1 for v in others if v == own)
    return 100.0 * (below + 0.5 * equal) / len(others)


@dataclass(frozen=True)
class ComparisonRow:
    """One chapter (or the whole town, ``chapter_id`` "") compared: the town's score, the other towns'
    median and the town's percentile among them, how many towns had a score, and the town's previous 年度."""

    chapter_id: str
    title: str
    own: float | None
    median: float | None
    percentile: float | None
    towns: int
    previous: float | None

    @property
    def change(self) -> float | None:
        return None if self.own is None or self.previous is None else self.own - self.previous


def compare_row(chapter_id: str, title: str, own: float | None, others: Sequence[float | None],
                previous: float | None) -> ComparisonRow:
    scored = [v for v in others if v is not None]
    return ComparisonRow(chapter_id, title, own, median(scored), percentile_rank(own, scored), len(scored), previous)
