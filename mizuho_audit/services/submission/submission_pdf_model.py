"""The pages' text of a submission PDF without laying anything out (for the importer's check, :mod:`.page_text`):
the texts :func:`.submission_pdf.render_submission_pdf` draws, in drawing order."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeAlias

from ...domain.questionnaire import Questionnaire
from ..reports.pdf_fonts import markup, register_japanese_font
from ..reports.pdf_layout import (
    HANDLING_MARK,
)
from .submission_pdf_content import (
    ROW_LABELS,
    SIGNATURE_LABEL,
    _answer_events,
    _context,
    _cover_content,
    _item_content,
    _page_furniture,
    _summary_content,
)
from .submission_pdf_year import year_on_year_content, year_on_year_pieces

_TAG = re.compile(r"<[^>]*>")


def plain_text(markup_text: str) -> str:
    """The text a paragraph of this module's markup shows: tags dropped, the three escapes undone."""
    return _TAG.sub("", markup_text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# One text the pages show, in drawing order: (markup, item id, field). The markup is paragraph markup
# (:func:`plain_text` gives its text), or None where the text is not known here (any text may stand there).
# The item id names the answer a piece belongs to ("" for the cover, the summary and the headings); the field
# says what it is: "id", "rating", "review", "importance", "label", or a row of ROW_LABELS ("question", "note",
# "reason", "plan", "attachments"); "cover", "summary", "heading" outside the answers.
TextPiece: TypeAlias = tuple[str | None, str, str]


@dataclass(frozen=True)
class PageTextModel:
    """What the pages of a submission PDF show: on every page ``furniture`` first (取扱注意, the running
    header, the footer's two texts; plain text) and "n / N" last; between them, page after page, ``pieces``."""

    furniture: tuple[str, ...]
    pieces: list[TextPiece]
    # The summary table's header row and its totals row (markup): a table longer than a page repeats its
    # header at the top of the next page.
    summary_header: str = ""
    summary_totals: str = ""


def page_text_model(snapshot: dict[str, Any], checklist: Questionnaire, *, snapshot_hash: str,
                    signature_note: str | None = None, department_names: Iterable[str] = (),
                    unknown_chapters: frozenset[str] = frozenset(),
                    unknown_items: frozenset[str] = frozenset()) -> PageTextModel:
    """The texts :func:`render_submission_pdf` draws for these arguments, in drawing order, without layout.

    ``signature_note`` None: the cover's line on the signature is not known (it is the exporter's).
    ``unknown_chapters`` / ``unknown_items``: chapters whose headings, items whose question and importance
    the caller does not know (e.g. last year's findings as the department saw them): pieces with markup None.
    """
    register_japanese_font()  # fit() measures the running header in the font
    ctx = _context(snapshot, checklist, snapshot_hash, signature_note or "", department_names)
    pieces: list[TextPiece] = []
    add = pieces.append

    cover = _cover_content(ctx)
    for text in (cover.title, cover.display, cover.subtitle):
        add((text, "", "cover"))
    for heading, rows in cover.sections:
        add((heading, "", "cover"))
        for label, value in rows:
            add((markup(label), "", "cover"))
            add((None if label == SIGNATURE_LABEL and signature_note is None else value, "", "cover"))
    add((cover.closing, "", "cover"))

    summary = _summary_content(ctx)
    for text in ("1. 章別の集計", "章", *summary.headers):
        add((text, "", "summary"))
    for chapter, (label, values) in zip(ctx.checklist.chapters, summary.rows, strict=True):
        add((None if chapter.id in unknown_chapters else label, "", "summary"))
        add(("".join(map(str, values)), "", "summary"))
    add(("合計" + "".join(map(str, summary.totals)), "", "summary"))
    add((summary.note, "", "summary"))
    pieces += year_on_year_pieces(year_on_year_content(ctx.snapshot, ctx.checklist), unknown_items)

    for event in _answer_events(ctx):
        if event[0] == "heading":
            add((None if event[3] in unknown_chapters and event[1] > 1 else event[2], "", "heading"))
        elif event[0] == "item":
            item_id = event[1]
            content = _item_content(ctx, item_id, event[2], event[3])
            unknown = item_id in unknown_items
            pieces += ((content.item_id, item_id, "id"), (content.rating, item_id, "rating"),
                       (content.review, item_id, "review"),
                       (None if unknown else content.importance, item_id, "importance"))
            for field, value in content.rows:
                pieces += ((ROW_LABELS[field], item_id, "label"),
                           (None if unknown and field == "question" else value, item_id, field))
    return PageTextModel((HANDLING_MARK, *_page_furniture(ctx)), pieces, "章" + "".join(summary.headers),
                         "合計" + "".join(map(str, summary.totals)))
