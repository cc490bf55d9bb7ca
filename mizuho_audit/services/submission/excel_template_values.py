"""The values of an answer workbook's cells as a person typed them: text, dates (with the one table of
eras in :mod:`mizuho_audit.domain.wareki`), and what looks like a date, a sentence or a name."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

from ...domain.wareki import looks_like_yearless_date, parse_date
from .excel_template_format import _canon


def _short(text: str, limit: int = 20) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def _sentence(text: str) -> bool:
    """Text that reads like a plan (a sentence) rather than a name or a post."""
    return "。" in text or "\n" in text or len(text) > 40


def _looks_like_date(text: str) -> bool:
    return bool(_key(text)) and (_parse_date_text(text) is not None or looks_like_yearless_date(text))


def _typed(value: Any) -> str:
    """A cell's value as the person sees it: a date cell as 2027/3/31, text as typed."""
    if isinstance(value, date):
        return _shown_date((value.date() if isinstance(value, datetime) else value).isoformat())
    return _text(value)


def _shown_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.year}/{d.month}/{d.day}"


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _parse_date_text(text: str) -> str | None:
    """An ISO date from text with its year (2027/3/31, 令和9年3月31日, R9.3.31); None otherwise."""
    found = parse_date(text)
    return found.isoformat() if found else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return _canon(value)

