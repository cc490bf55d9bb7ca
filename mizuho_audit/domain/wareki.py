"""和暦 (Japanese era) display of dates and fiscal years."""

from __future__ import annotations

from datetime import date

_REIWA_START = date(2019, 5, 1)


def fiscal_year_label(year: int) -> str:
    """2026 -> '令和8年度'. A 年度 runs from April of ``year`` to March of the next year."""
    if year >= 2019:
        n = year - 2018
        return f"令和{'元' if n == 1 else n}年度"
    return f"平成{year - 1988}年度"


def wareki_date(d: date) -> str:
    """date(2026, 11, 26) -> '令和8年11月26日'."""
    if d >= _REIWA_START:
        n = d.year - 2018
        era = f"令和{'元' if n == 1 else n}年"
    else:
        era = f"平成{d.year - 1988}年"
    return f"{era}{d.month}月{d.day}日"


def fiscal_year_of(d: date) -> int:
    return d.year if d.month >= 4 else d.year - 1
