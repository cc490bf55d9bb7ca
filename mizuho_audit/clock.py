"""The app's one clock: every time made for people (stored stamps, 作成日, printed dates) is Japan time.

The town works in Japan time whatever zone the PC (or a server that builds the reports) is set to:
a report built at 03:48 on 5 December in Tokyo must not say 4 December because the machine runs on
UTC. Japan has no daylight saving time, so a fixed +09:00 offset is exact and needs no time-zone
database (Windows has none for ``zoneinfo`` without the ``tzdata`` package).

Machine-facing times that are UTC by definition (certificate validity, CRLs) keep using UTC.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

JST = timezone(timedelta(hours=9), "JST")

# The source of the current moment; tests replace it to pin the clock.
_utc_now: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731


def now() -> datetime:
    """The current moment in Japan time (aware, +09:00)."""
    return _utc_now().astimezone(JST)


def now_iso() -> str:
    """The current moment as stored: ``2026-12-05T03:48:12+09:00``."""
    return now().isoformat(timespec="seconds")


def today() -> date:
    """Today's date in Japan."""
    return now().date()


def in_japan(moment: datetime) -> datetime:
    """``moment`` in Japan time. A naive moment is taken as already Japan time (as the app writes them)."""
    return moment.replace(tzinfo=JST) if moment.tzinfo is None else moment.astimezone(JST)


def japan_iso(moment: datetime) -> str:
    """``moment`` in Japan time, as stored (ISO 8601 with +09:00, to the second)."""
    return in_japan(moment).isoformat(timespec="seconds")


def parse_moment(text: str) -> datetime | None:
    """A stored ISO moment in Japan time (a stamp written on a machine in another zone is converted);
    a bare date counts as midnight in Japan. None when ``text`` is not a date."""
    s = text.strip()
    if not s:
        return None
    try:
        return in_japan(datetime.fromisoformat(s))
    except ValueError:
        return None


def japan_date_of(text: str) -> date | None:
    """The day in Japan of a stored ISO moment or date (None when it is not one)."""
    moment = parse_moment(text)
    return None if moment is None else moment.date()
