"""和暦 (Japanese era) display of dates and fiscal years: the one table of eras."""

from __future__ import annotations

import datetime as dt
from datetime import date

# Each era with its first day, newest first (a date before the first listed is shown in 西暦).
ERAS = ((date(2019, 5, 1), "令和"), (date(1989, 1, 8), "平成"), (date(1926, 12, 25), "昭和"))
JST = dt.timezone(dt.timedelta(hours=9), "JST")  # Japan has no daylight saving time


def era_of(d: date) -> tuple[str, int] | None:
    """The era of a day and the year within it: date(2026, 4, 1) -> ('令和', 8)."""
    for start, era in ERAS:
        if d >= start:
            return era, d.year - start.year + 1
    return None


def era_start_year(era: str) -> int | None:
    """The Western year of an era's first year: '令和' -> 2019."""
    return next((start.year for start, name in ERAS if name == era), None)


def _era_year(d: date) -> str:
    found = era_of(d)
    if found is None:
        return f"{d.year}年"
    era, n = found
    return f"{era}{'元' if n == 1 else n}年"


def fiscal_year_label(year: int) -> str:
    """2026 -> '令和8年度'. A 年度 runs from April of ``year`` to March of the next year (named by its April)."""
    return _era_year(date(year, 5, 1)) + "度"


def wareki_date(d: date) -> str:
    """date(2026, 11, 26) -> '令和8年11月26日'."""
    return f"{_era_year(d)}{d.month}月{d.day}日"


def japanese_datetime(moment: dt.datetime) -> str:
    """A moment as Japanese officials write it, in 和暦 and Japan time: 令和8年4月1日 9時05分."""
    local = moment.astimezone(JST)
    return f"{wareki_date(local.date())} {local.hour}時{local.minute:02d}分"


def fiscal_year_of(d: date) -> int:
    return d.year if d.month >= 4 else d.year - 1
