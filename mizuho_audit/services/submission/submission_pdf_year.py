"""The submission PDF's words about the 年度: what the department was asked (core, the group due, the themes
added) and which items improved and which declined since last year (a short list, read from the snapshot)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Paragraph, Spacer, Table  # type: ignore[import-untyped]

from ...domain.questionnaire import Questionnaire
from ...domain.wareki import fiscal_year_label
from ...domain.year_on_year import RatingChange, YearOnYear
from ..reports.pdf_fonts import JapaneseStyles, markup, table_style
from ..reports.pdf_layout import BODY_W, GRID, HEAD_BG

MAX_LISTED = 12  # per list: the rest is counted, never printed page after page


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


def _table(rows: tuple[RatingChange, ...], checklist: Questionnaire, s: JapaneseStyles, before: str,
           after: str) -> Table:
    questions = {it.id: it.question for it in checklist.items()}
    data: list[list[Any]] = [[Paragraph(h, s.cell_header) for h in ("項目", "質問", before, after)]]
    for c in rows[:MAX_LISTED]:
        item = c.item_id if c.previous_id in ("", c.item_id) else f"{c.item_id}（前年 {c.previous_id}）"
        data.append([Paragraph(markup(item), s.cell), Paragraph(markup(questions.get(c.item_id, "")), s.cell),
                     Paragraph(markup(_label(checklist, c.before)), s.cell),
                     Paragraph(markup(_label(checklist, c.after)), s.cell)])
    widths = [26 * mm, BODY_W - 90 * mm, 32 * mm, 32 * mm]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                                ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def year_on_year_section(snapshot: dict[str, Any], checklist: Questionnaire, s: JapaneseStyles) -> list[Flowable]:
    """前年度からの変化: the items whose rating rose and fell since last year ([] without last year's answers)."""
    changes = YearOnYear.from_json(snapshot.get("since_last_year"))
    if changes is None:
        return []
    before, after = fiscal_year_label(changes.from_year), fiscal_year_label(changes.from_year + 1)
    flow: list[Flowable] = [
        Paragraph("前年度からの変化", s.heading2),
        Paragraph(markup(f"{before}の回答と比べて、評価が上がった項目 {len(changes.improved)} 件、下がった項目 "
                         f"{len(changes.declined)} 件（両年度とも点数に数える {changes.compared} 項目のうち）。"),
                  s.body)]
    for title, rows in (("評価が上がった項目", changes.improved), ("評価が下がった項目", changes.declined)):
        if not rows:
            continue
        flow += [Spacer(1, 2 * mm), Paragraph(markup(f"{title}（{len(rows)} 件）"), s.heading3),
                 _table(rows, checklist, s, before, after)]
        if len(rows) > MAX_LISTED:
            flow.append(Paragraph(markup(f"ほか {len(rows) - MAX_LISTED} 件（回答の内容を参照）"), s.small))
    return flow
