"""The submission PDF's words about the 年度: what the department was asked (core, the group due, the themes
added) and which items improved and which declined since last year (a short list, read from the snapshot).

As for the rest of the pages, the texts come from one content function (:func:`year_on_year_content`): the
PDF lays them out (:func:`year_on_year_section`) and the importer's check reads them without laying anything
out (:func:`year_on_year_pieces`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table  # type: ignore[import-untyped]

from ...domain.questionnaire import Questionnaire
from ...domain.wareki import fiscal_year_label
from ...domain.year_on_year import RatingChange, YearOnYear
from ..reports.pdf_fonts import JapaneseStyles, markup, table_style
from ..reports.pdf_layout import BODY_W, GRID, HEAD_BG

MAX_LISTED = 12  # per list: the rest is counted, never printed page after page
YEAR_HEADING = "前年度からの変化"


def asked_text(snapshot: dict[str, Any], checklist: Questionnaire) -> str | None:
    """The year's part of the catalogue the submission answers ("毎年の項目・A 群・テーマ「…」"); None when
    the checklist asks every item every year."""
    asked = snapshot.get("asked")
    if not isinstance(asked, dict):
        return None
    parts = ["毎年の項目"]
    if asked.get("group"):
        parts.append(f"{asked['group']} 群")
    titles = {t.id: t.title for t in checklist.themes}
    themes = [titles.get(str(t), str(t)) for t in asked.get("themes") or []]
    if themes:
        parts.append("テーマ「" + "・".join(themes) + "」")
    return "・".join(parts)


def _label(checklist: Questionnaire, key: str) -> str:
    try:
        return checklist.option(key).label
    except KeyError:
        return key or "—"


@dataclass(frozen=True)
class YearRow:
    item_id: str
    cells: tuple[str, str, str, str]  # markup: the item, its question, last year's rating, this year's


@dataclass(frozen=True)
class YearList:
    title: str  # markup
    headers: tuple[str, str, str, str]  # markup
    rows: tuple[YearRow, ...]
    more: str  # "ほか n 件" (markup), or ""


@dataclass(frozen=True)
class YearContent:
    """前年度からの変化 as the pages show it (markup)."""

    heading: str
    intro: str
    lists: tuple[YearList, ...]


def year_on_year_content(snapshot: dict[str, Any], checklist: Questionnaire) -> YearContent | None:
    """The texts of 前年度からの変化 (None without last year's answers in the snapshot)."""
    changes = YearOnYear.from_json(snapshot.get("since_last_year"))
    if changes is None:
        return None
    before, after = fiscal_year_label(changes.from_year), fiscal_year_label(changes.from_year + 1)
    questions = {it.id: it.question for it in checklist.items()}

    def row(c: RatingChange) -> YearRow:
        item = c.item_id if c.previous_id in ("", c.item_id) else f"{c.item_id}（前年 {c.previous_id}）"
        return YearRow(c.item_id, (markup(item), markup(questions.get(c.item_id, "")),
                                   markup(_label(checklist, c.before)), markup(_label(checklist, c.after))))

    lists = []
    for title, rows in (("評価が上がった項目", changes.improved), ("評価が下がった項目", changes.declined)):
        if rows:
            more = f"ほか {len(rows) - MAX_LISTED} 件（回答の内容を参照）" if len(rows) > MAX_LISTED else ""
            lists.append(YearList(markup(f"{title}（{len(rows)} 件）"),
                                  ("項目", "質問", markup(before), markup(after)),
                                  tuple(row(c) for c in rows[:MAX_LISTED]), markup(more)))
    intro = (f"両年度とも点数に数える {changes.compared} 項目を{before}の回答と比べると、評価が上がった項目 "
             f"{len(changes.improved)} 件、下がった項目 {len(changes.declined)} 件。")
    return YearContent(YEAR_HEADING, markup(intro), tuple(lists))


def year_on_year_section(content: YearContent | None, s: JapaneseStyles) -> list[Flowable]:
    """前年度からの変化 laid out ([] without it): each list kept on one page where it fits, with no header row
    repeated on another page (the importer reads the pages' text in order)."""
    if content is None:
        return []
    flow: list[Flowable] = [Spacer(1, 4 * mm), Paragraph(content.heading, s.heading2), Paragraph(content.intro, s.body)]
    widths = [26 * mm, BODY_W - 90 * mm, 32 * mm, 32 * mm]
    for part in content.lists:
        data: list[list[Any]] = [[Paragraph(h, s.cell_header) for h in part.headers]]
        data += [[Paragraph(cell, s.cell) for cell in r.cells] for r in part.rows]
        table = Table(data, colWidths=widths, hAlign="LEFT")
        table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                                    ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        block: list[Flowable] = [Spacer(1, 2 * mm), Paragraph(part.title, s.heading3), table]
        if part.more:
            block.append(Paragraph(part.more, s.small))
        flow.append(KeepTogether(block))
    return flow


def year_on_year_pieces(content: YearContent | None,
                        unknown_items: Collection[str] = ()) -> list[tuple[str | None, str, str]]:
    """The texts of :func:`year_on_year_section` in drawing order, as the page text model's pieces (the
    question of an item the caller does not know: None)."""
    if content is None:
        return []
    pieces: list[tuple[str | None, str, str]] = [(content.heading, "", "year"), (content.intro, "", "year")]
    for part in content.lists:
        pieces.append((part.title, "", "year"))
        pieces += [(h, "", "year") for h in part.headers]
        for r in part.rows:
            item, question, before, after = r.cells
            pieces += [(item, "", "year"), (None if r.item_id in unknown_items else question, "", "year"),
                       (before, "", "year"), (after, "", "year")]
        if part.more:
            pieces.append((part.more, "", "year"))
    return pieces
