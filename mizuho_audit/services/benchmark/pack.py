"""The anonymised score pack: a town's scores of one 年度 per chapter and tier, the counts of ratings, the
questionnaire's hash and the number of departments — no department names or ids, no answer text, no findings.

The scores are the dashboard's (:func:`services.intake.consolidation.consolidate` and
:mod:`domain.scoring`), rounded to one decimal. A pack is plain UTF-8 JSON (``ensure_ascii=False``); a pack
read from a file is checked against :data:`PACK_SCHEMA` before anything is taken from it, and every pack,
written or read, against the texts of the auditor's database (:func:`leaks`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from ... import __version__
from ...domain.benchmark import PACK_FORMAT
from ...domain.scoring import Tally, rounded
from ...domain.wareki import fiscal_year_label
from ...errors import InputProblem
from ...i18n import _
from ..intake.consolidation import Consolidation

UNANSWERED = "unanswered"  # the key of unanswered items among the counts of ratings
MIN_TEXT = 4  # answer and finding texts shorter than this are too common to mean a leak
_SCORE: dict[str, Any] = {"type": ["number", "null"], "minimum": 0, "maximum": 100}
# Short, one-line texts only: a pack has no room for free text.
_NAME = {"type": "string", "minLength": 1, "maxLength": 40, "pattern": r"^[^\u0000-\u001f\u007f]*$"}
_TITLE = {"type": "string", "maxLength": 80, "pattern": r"^[^\u0000-\u001f\u007f]*$"}
_ID = {"type": "string", "minLength": 1, "maxLength": 20, "pattern": r"^[0-9A-Za-z_.\-]+$"}
_RATINGS = {"type": "object", "maxProperties": 12, "propertyNames": {"pattern": r"^[a-z_]{1,20}$"},
            "additionalProperties": {"type": "integer", "minimum": 0}}
_GROUP = {"type": "object", "additionalProperties": False, "required": ["id", "score", "ratings"],
          "properties": {"id": _ID, "title": _TITLE, "score": _SCORE, "counted": {"type": "integer", "minimum": 0},
                         "ratings": _RATINGS}}
PACK_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": f"{PACK_FORMAT} (a town's anonymised scores of one 年度)",
    "type": "object",
    "additionalProperties": False,
    "required": ["format", "town", "fiscal_year", "questionnaire", "departments", "total", "chapters", "tiers",
                 "ratings"],
    "properties": {
        "format": {"const": PACK_FORMAT},
        "town": _NAME,
        "fiscal_year": {"type": "integer", "minimum": 2000, "maximum": 2200},
        "fiscal_year_label": _TITLE,
        "questionnaire": {"type": "object", "additionalProperties": False, "required": ["sha256"],
                          "properties": {"id": _ID, "version": _ID, "sha256": {"type": "string",
                                                                                "pattern": "^[0-9a-f]{64}$"}}},
        "departments": {"type": "integer", "minimum": 0, "maximum": 10000},
        "total": _SCORE,
        "chapters": {"type": "array", "maxItems": 100, "items": _GROUP},
        "tiers": {"type": "array", "maxItems": 50, "items": _GROUP},
        "ratings": _RATINGS,
        "created_at": {"type": "string", "maxLength": 40},
        "generator": {"type": "string", "maxLength": 40},
    },
}


def _ratings(tally: Tally) -> dict[str, int]:
    return {(k or UNANSWERED): v for k, v in sorted(tally.ratings.items())}


def _group(gid: str, title: str | None, tally: Tally) -> dict[str, Any]:
    out: dict[str, Any] = {"id": gid}
    if title is not None:
        out["title"] = title
    out.update({"score": rounded(tally.score), "counted": tally.counted, "ratings": _ratings(tally)})
    return out


def build_pack(cons: Consolidation, *, town: str, created_at: str) -> dict[str, Any]:
    """The pack of a consolidated 年度 (refused when nothing was submitted)."""
    q = cons.questionnaire
    if q is None or not cons.results:
        raise InputProblem(_("{year}年度の提出がまだ取り込まれていないため、得点パックを作れません。"
                             ).format(year=cons.year))
    town_scores = cons.town
    chapters = [_group(c.id, c.title, town_scores.chapters.get(c.id, Tally())) for c in q.chapters]
    tiers = [_group(t, None, tally) for t, tally in sorted(town_scores.tiers.items())]
    return {
        "format": PACK_FORMAT,
        "town": town,
        "fiscal_year": cons.year,
        "fiscal_year_label": fiscal_year_label(cons.year),
        "questionnaire": {"id": q.id, "version": q.version, "sha256": q.content_hash},
        "departments": len(cons.results),
        "total": rounded(town_scores.total.score),
        "chapters": chapters,
        "tiers": tiers,
        "ratings": _ratings(town_scores.total),
        "created_at": created_at,
        "generator": f"mizuho-audit {__version__}",
    }


def pack_bytes(pack: dict[str, Any]) -> bytes:
    """Plain UTF-8 JSON: Japanese as it is (no ``\\u`` escapes), one key per line for a reader's eye."""
    return (json.dumps(pack, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_pack(data: bytes, name: str) -> dict[str, Any]:
    """A pack read from a file, checked against :data:`PACK_SCHEMA` (refused with the first misfit)."""
    try:
        pack = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputProblem(_("{name}: 得点パック（UTF-8 の JSON）として読めません。").format(name=name)) from exc
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(PACK_SCHEMA).iter_errors(pack))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or _("（全体）")
        raise InputProblem(_("{name}: 得点パックの形式に合いません（{where}）。").format(name=name, where=where))
    assert isinstance(pack, dict)
    return pack


@dataclass
class Forbidden:
    """What must never be in a pack: the database's department names and ids, answer texts and finding texts."""

    names: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)

    def add_texts(self, values: Iterable[object]) -> None:
        for v in values:
            if isinstance(v, str) and len(v.strip()) >= MIN_TEXT:
                self.texts.add(v.strip())


def _strings(value: Any) -> Iterator[str]:
    """Every string in a pack, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def leaks(pack: dict[str, Any], forbidden: Forbidden) -> list[str]:
    """What of the database the pack contains (a department's name or id, an answer or finding text), as
    messages; empty when it is clean."""
    found: list[str] = []
    strings = list(_strings(pack))
    for name in sorted(forbidden.names):
        if name and any(name in s for s in strings):
            found.append(_("部署名「{name}」").format(name=name))
    for dep_id in sorted(forbidden.ids):
        pattern = re.compile(rf"(?<![0-9A-Za-z_]){re.escape(dep_id)}(?![0-9A-Za-z_])")
        if dep_id and any(pattern.search(s) for s in strings):
            found.append(_("部署ID「{id}」").format(id=dep_id))
    texts = [t for t in forbidden.texts if any(t in s for s in strings)]
    for text in sorted(texts)[:5]:
        found.append(_("回答・指摘事項の文章「{text}」").format(text=text if len(text) <= 30 else text[:29] + "…"))
    if len(texts) > 5:
        found.append(_("ほか {count} 件の文章").format(count=len(texts) - 5))
    return found
