"""和暦 (Japanese era) display of dates and fiscal years: the one table of eras."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
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


# A date as people type it: 2027/3/31, 2027-03-31, 2027年3月31日, 令和9年3月31日, R9.3.31, 令和元年5月1日.
_WESTERN = re.compile(r"(\d{4})(?:[/.-](\d{1,2})[/.-](\d{1,2})|年(\d{1,2})月(\d{1,2})日)")
_ERA = re.compile(r"([RHS]|令和|平成|昭和)(\d{1,2}|元)(?:[/.-](\d{1,2})[/.-](\d{1,2})|年(\d{1,2})月(\d{1,2})日)")
_YEARLESS = re.compile(r"(\d{1,2})(?:[/.-](\d{1,2})|月(\d{1,2})日)")
_ERA_LETTERS = {"R": "令和", "H": "平成", "S": "昭和"}


def _plain(text: str) -> str:
    """Full-width digits and signs as half-width, no spaces, letters upper case (R9 = r9 = Ｒ９)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _era_date(era: str, n: int, month: int, day: int) -> date | None:
    """The day in an era, or None when the era had ended (平成32年) or had not begun."""
    starts = [start for start, name in ERAS if name == era]
    if not starts:
        return None
    start = starts[0]
    found = date(start.year + n - 1, month, day)
    later = [s for s, _name in ERAS if s > start]
    return found if found >= start and (not later or found < min(later)) else None


def parse_date(text: str, fiscal_year: int | None = None) -> date | None:
    """A date typed by a person, or None when it cannot be read without guessing.

    Western and 和暦 forms with their year are read; a date without a year (９／３０, 9月30日) is read only
    when ``fiscal_year`` is given, as the day of that 年度 (April to December of the year, January to March
    of the next).
    """
    s = _plain(text)
    try:
        if m := _WESTERN.fullmatch(s):
            return date(int(m[1]), int(m[2] or m[4]), int(m[3] or m[5]))
        if m := _ERA.fullmatch(s):
            era = _ERA_LETTERS.get(m[1], m[1])
            return _era_date(era, 1 if m[2] == "元" else int(m[2]), int(m[3] or m[5]), int(m[4] or m[6]))
        if fiscal_year is not None and (m := _YEARLESS.fullmatch(s)):
            month, day = int(m[1]), int(m[2] or m[3])
            return date(fiscal_year if month >= 4 else fiscal_year + 1, month, day)
    except ValueError:  # 2027/2/30
        return None
    return None


def looks_like_yearless_date(text: str) -> bool:
    """９／３０ or 9月30日: a day without its year."""
    return bool(_YEARLESS.fullmatch(_plain(text)))
