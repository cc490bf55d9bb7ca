"""The auditor's Excel workbook of a 年度: summary, heat map, departments, findings, plans and every answer.

Every number is a value (no formulas: a reader without recalculation sees the same numbers), dates are real
dates shown in 和暦 (number format ``[$-411]ggge"年"m"月"d"日"``, understood by Excel and LibreOffice), and the
file is written to a temporary file and renamed, so a failure never leaves half a workbook behind.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.chart import BarChart, Reference  # type: ignore[import-untyped]
from openpyxl.chart.label import DataLabelList  # type: ignore[import-untyped]
from openpyxl.formatting.rule import ColorScaleRule  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.pagebreak import Break  # type: ignore[import-untyped]

from ... import clock
from ...domain.departments import Department
from ...domain.plans import OVERDUE_LABEL, is_overdue, rating_carries_plan, strip_carry_markers
from ...domain.questionnaire import TIER_LABELS, Item, Questionnaire
from ...domain.records import FindingRecord, FollowupRecord
from ...domain.wareki import wareki_date
from ...fileio import write_atomic
from ...i18n import _
from ..findings.findings import GRADE_LABELS, SOURCE_LABELS, STATUS_LABELS, TOWN_WIDE, numbers, report_order
from ..intake.consolidation import Consolidation, DepartmentResult, consolidate
from ..intake.status_board import SIGNATURE_JA, STATUS_JA, BoardRow, board
from ..workspace import FOLLOWUP_PREFIX, Workspace, with_followups
from .excel_styles import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    FONT,
    LINE_HEIGHT,
    NO_SCORE,
    Book,
    Column,
    Sheet,
    chapter_header,
    iso_date,
    iso_datetime,
    label_lines,
    rating_label,
    score_cell,
)

__all__ = ["DATETIME_FORMAT", "DATE_FORMAT", "FONT", "LINE_HEIGHT", "NO_SCORE", "SCALE_HIGH", "SCALE_LOW", "SCALE_MID",
           "SCALE_NOTE", "Column", "Progress", "write_audit_workbook"]

Progress = Callable[[int, int, str], None]

# Fixed thresholds, so that a colour means the same score in every 年度 and every sheet.
SCALE_LOW, SCALE_MID, SCALE_HIGH = 50, 75, 100
SCALE_NOTE = f"色: {SCALE_LOW}点以下 赤 → {SCALE_MID}点 黄 → {SCALE_HIGH}点 緑。「—」は評価の対象となる項目がない章。"
# Row colours: a department that has not submitted, one whose submission was returned, a date passed.
NOT_SUBMITTED_FILL, NOT_SUBMITTED_FILL_NAME = "FCE4D6", "薄い赤"
RETURNED_FILL, RETURNED_FILL_NAME = "FFF2CC", "薄い黄"
OVERDUE_FILL = "FCE4D6"


# -- public entry --
def write_audit_workbook(ws: Workspace, year: int, out: Path, *, actor: str, now: date | None = None,
                         progress: Progress | None = None) -> Path:
    """Write the 年度's audit workbook to ``out`` (atomically) and log ``excel_exported``.

    ``progress(done, total, text)`` is called between sheets; an exception it raises (cancel) stops the job
    before anything is written.
    """
    today = now or clock.today()
    # The sheets are named in Japanese (the town's document); the other steps in the user's language.
    steps = [_("集計"), "概要", "ヒートマップ", "部署別", "指摘事項", "改善計画", "全回答", _("保存"), _("完了")]

    def step(i: int) -> None:
        if progress is not None:
            progress(i, len(steps) - 1, steps[i])

    with _no_cyclic_gc():
        step(0)
        cons = consolidate(ws, year)
        rows = board(ws, year, today)
        found = ws.store.findings(year)
        book = Book(year, today, actor)
        step(1)
        _summary(book, cons, rows, found)
        step(2)
        _heat_map(book, cons)
        step(3)
        _departments(book, cons, rows)
        step(4)
        _findings(book, found, {d.id: d for d in ws.departments()}, cons.questionnaire)
        answers = _AnswerRows(ws, cons)
        step(5)
        _plans(book, answers)
        step(6)
        n_answers = _all_answers(book, answers)
        step(7)
        buffer = io.BytesIO()
        book.wb.save(buffer)
    write_atomic(out, buffer.getvalue())
    ws.store.log(actor, "excel_exported", f"year:{year}",
                 {"file": out.name, "departments": len(cons.results), "answers": n_answers, "findings": len(found)})
    step(8)
    return out


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector while hundreds of thousands of cells pile up: it would scan them again and
    again for nothing (a third of the time for 60 departments × 300 items). Reference counting still frees."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# -- 概要 --
_LABEL_WIDTH = 50  # the first column of 概要, holding every table's labels


def _summary(book: Book, cons: Consolidation, rows: list[BoardRow], found: list[FindingRecord]) -> None:
    sheet = book.sheet("概要", landscape=False, title_rows="1:2", freeze="A3")
    sheet.widths((_LABEL_WIDTH, 13, 13, 13))
    sheet.put([(book.title, "mz_title")], 24)
    q = cons.questionnaire
    made = f"作成日 {wareki_date(book.today)}"
    if q is not None:
        made += f"　チェックリスト: {q.title}（版 {q.version}）"
    sheet.put([(made, "mz_plain")])
    sheet.skip()
    town = cons.town.total
    sheet.put([("町全体の点数（100点満点・重要度で重み付け）", "mz_header"), (score_cell(town), "mz_total_score")])
    sheet.skip()

    status = {s: sum(1 for b in rows if b.status == s) for s in STATUS_JA}
    sheet.table([Column("提出状況", _LABEL_WIDTH), Column("部署数", 13, "int")], [
        ("対象部署", len(rows)),
        ("提出済（受理・差戻しを含む）", len(cons.results)),
        ("　うち受理", status["accepted"]),
        ("　うち差戻し", status["returned"]),
        ("未提出", len(cons.missing)),
    ], autofilter=False, set_widths=False)
    sheet.skip()

    keys = [o.key for o in q.scale] if q is not None else []
    keys += sorted(k for k in town.ratings if k not in keys)
    total = sum(town.ratings.values())
    sheet.table([Column("評価", _LABEL_WIDTH), Column("件数", 13, "int"), Column("割合", 13, "pct")],
                [(rating_label(q, k), town.ratings.get(k, 0), town.ratings.get(k, 0) / total if total else 0.0)
                 for k in keys], autofilter=False, set_widths=False)
    sheet.skip()

    sheet.table([Column("指摘事項（区分別）", _LABEL_WIDTH), Column("確定", 13, "int"), Column("案", 13, "int"),
                 Column("期限超過", 13, "int")],
                [(GRADE_LABELS[g], sum(1 for f in found if f.grade == g and f.confirmed),
                  sum(1 for f in found if f.grade == g and not f.confirmed),
                  sum(1 for f in found if f.grade == g and f.confirmed and f.status != "done"
                      and is_overdue(f.due, book.today)))
                 for g in GRADE_LABELS], autofilter=False, set_widths=False)
    sheet.skip()

    tiers = sorted(cons.town.tiers.items(), key=lambda kv: (list(TIER_LABELS).index(kv[0])
                                                            if kv[0] in TIER_LABELS else 99, kv[0]))
    sheet.table([Column("系", _LABEL_WIDTH), Column("点数", 13, "score"), Column("評価した項目", 13, "int")],
                [(TIER_LABELS.get(k, k), score_cell(t), t.counted) for k, t in tiers], autofilter=False,
                set_widths=False)
    sheet.skip()

    chapters = list(q.chapters) if q is not None else []
    header, last = sheet.table(
        [Column("章", _LABEL_WIDTH, "wrap"), Column("点数", 13, "score"), Column("評価した項目", 13, "int"),
         Column("該当しない", 13, "int")],
        [(f"{c.id} {c.title}", score_cell(t), t.counted if t else 0, t.excluded if t else 0)
         for c in chapters for t in [cons.town.chapters.get(c.id)]], autofilter=False, set_widths=False)
    if chapters:
        sheet.ws.row_breaks.append(Break(id=last))  # the chart starts a page rather than being cut by one
        sheet.skip()
        rows_covered = _chapter_chart(sheet, header, last)
        sheet.skip(rows_covered)

    failing = cons.failing_items(limit=10)
    if failing:
        sheet.skip()
        sheet.put([("一部実施・未実施と回答した部署の多い項目（上位10）", "mz_heading")], 18)
        sheet.table([Column("項目", _LABEL_WIDTH, "wrap"), Column("一部・未実施", 13, "int"),
                     Column("回答部署", 13, "int"), Column("割合", 13, "pct")],
                    [(f"{f.item.id} {f.item.question}", f.failing, f.answered, f.rate) for f in failing],
                    autofilter=False, set_widths=False)


def _chapter_chart(sheet: Sheet, header_row: int, last_row: int) -> int:
    """A bar chart of the town's score by chapter, anchored below the last row; returns the rows it covers."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = "章別の点数（町全体）"
    chart.legend = None
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 20
    chart.x_axis.scaling.orientation = "maxMin"  # chapter 1 at the top, as in the table
    chart.x_axis.delete = False  # openpyxl 3.1 hides the axes unless told otherwise
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.add_data(Reference(sheet.ws, min_col=2, min_row=header_row, max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(sheet.ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    for hidden in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(chart.dataLabels, hidden, False)  # LibreOffice shows what is not switched off
    chart.gapWidth = 60
    rows = max(14, 2 * (last_row - header_row) + 4)
    chart.width = 17.5
    chart.height = rows * 0.5
    sheet.ws.add_chart(chart, f"A{sheet.row + 1}")
    return rows


# -- ヒートマップ --
def _heat_map(book: Book, cons: Consolidation) -> None:
    sheet = book.sheet("ヒートマップ", landscape=True, title_rows="1:2", freeze="C3")
    chapters = list(cons.questionnaire.chapters) if cons.questionnaire is not None else []
    columns = [Column("機関", 16, "wrap"), Column("部署", 20, "wrap"),
               *(Column(chapter_header(c.id, c.title, None), 13, "score") for c in chapters),
               Column("合計", 9, "score")]
    town = ["町全体", "（全提出部署）", *(score_cell(cons.town.chapters.get(c.id)) for c in chapters),
            score_cell(cons.town.total)]
    body = [[r.department.body_name, r.department.name, *(score_cell(r.scores.chapters.get(c.id)) for c in chapters),
             score_cell(r.scores.total)] for r in cons.results]
    _first, last = sheet.table(columns, [town, *body], autofilter=False,
                               first_style=["mz_total", "mz_total"] + ["mz_total_score"] * (len(chapters) + 1))
    sheet.ws.conditional_formatting.add(
        f"C2:{get_column_letter(len(columns))}{last}",
        ColorScaleRule(start_type="num", start_value=SCALE_LOW, start_color="F8696B",
                       mid_type="num", mid_value=SCALE_MID, mid_color="FFEB84",
                       end_type="num", end_value=SCALE_HIGH, end_color="63BE7B"))
    sheet.skip()
    sheet.put([(SCALE_NOTE, "mz_plain")])


# -- 部署別 --
def _departments(book: Book, cons: Consolidation, rows: list[BoardRow]) -> None:
    sheet = book.sheet("部署別", landscape=True, title_rows="1:1", freeze="C2")
    chapters = list(cons.questionnaire.chapters) if cons.questionnaire is not None else []
    columns = [Column("機関", 14, "wrap"), Column("部署", 16, "wrap"), Column("状況", 7, "center"),
               Column("期限超過", 9, "center"), Column("署名", 8, "center"), Column("提出日時", 19, "datetime"),
               Column("署名者", 12, "wrap"), Column("承認者", 22, "wrap"), Column("版", 4, "int"),
               Column("合計", 7, "score")]
    columns += [Column(chapter_header(c.id, c.title, None), 13, "score") for c in chapters]
    results = {r.department.id: r for r in cons.results}
    body = []
    for b in rows:
        res = results.get(b.department)
        scores = [score_cell(res.scores.chapters.get(c.id)) if res else "" for c in chapters]
        body.append([b.body, b.name, STATUS_JA.get(b.status, b.status), "○" if b.overdue else "",
                     SIGNATURE_JA.get(b.signature or "", b.signature or ""),
                     iso_datetime(b.submitted_at), b.signer or "", b.approver or "",
                     b.version or "", score_cell(res.scores.total) if res else "", *scores])
    colors = {STATUS_JA["not_started"]: NOT_SUBMITTED_FILL, STATUS_JA["returned"]: RETURNED_FILL}
    sheet.table(columns, body, fill=lambda values: colors.get(values[2]))
    sheet.skip()
    sheet.put([(f"色: 未提出の部署（{NOT_SUBMITTED_FILL_NAME}）、差戻し中の部署（{RETURNED_FILL_NAME}）。",
                 "mz_plain")])


# -- 指摘事項 --
def _findings(book: Book, found: list[FindingRecord], deps: dict[str, Department],
              q: Questionnaire | None) -> None:
    """Every finding: the confirmed ones numbered 1..n as in the report, then the proposals (番号 「案」)."""
    sheet = book.sheet("指摘事項", landscape=True, title_rows="1:1", freeze="B2")
    names = [d.name for d in deps.values()]

    def dep_name(dep_id: str) -> str:
        if dep_id == TOWN_WIDE:
            return "全庁"
        d = deps.get(dep_id)
        return d.name if d else dep_id

    def report(f: FindingRecord) -> str:
        if not f.department_report and not f.reported_status:
            return ""
        text = strip_carry_markers(f.department_report, names)
        label = rating_label(q, f.reported_status) if f.reported_status else ""
        return f"{label}: {text}" if label and text else label or text

    order = list(deps)
    numbered = numbers(found, order)
    confirmed = report_order((f for f in found if f.confirmed), order)
    proposals = report_order((f for f in found if not f.confirmed), order)
    # 推奨事項 is the longest text (the criteria and the department's plan): the widest column.
    columns = [Column("番号", 5, "center"), Column("区分", 8, "center"), Column("部署", 12, "wrap"),
               Column("項目", 9), Column("見出し", 18, "wrap"), Column("指摘内容", 32, "wrap"),
               Column("推奨事項", 44, "wrap"), Column("指摘の改善期限", 15, "date"), Column("期限超過", 9, "center"),
               Column("担当部署", 11, "wrap"), Column("状況", 7, "center"), Column("確定", 5, "center"),
               Column("由来", 12, "wrap"), Column("部署の改善報告", 24, "wrap")]
    sheet.table(columns, [
        (numbered.get(f.id, "案"), GRADE_LABELS.get(f.grade, f.grade), dep_name(f.department_id), f.item_id, f.title,
         strip_carry_markers(f.text, names), strip_carry_markers(f.recommendation, names), iso_date(f.due),
         OVERDUE_LABEL if f.status != "done" and is_overdue(f.due, book.today) else "",
         "（未定）" if f.responsible == TOWN_WIDE else dep_name(f.responsible),
         STATUS_LABELS.get(f.status, f.status), "確定" if f.confirmed else "案", SOURCE_LABELS.get(f.source, f.source),
         report(f)) for f in [*confirmed, *proposals]], fill=lambda values: OVERDUE_FILL if values[8] else None)


# -- the answers (改善計画, 全回答) --
@dataclass(frozen=True)
class _Answer:
    result: DepartmentResult
    item: Item | None
    chapter: str  # the chapter's short label, broken into lines at word seams
    section: str
    data: dict[str, Any]
    rating: str  # the label of the answer on the scale, e.g. 実施している
    carries_plan: bool  # 一部・未実施: the answer has an improvement plan (実施している / 該当しない never)


class _AnswerRows:
    """Every answer of every current submission, with its item, chapter and section, in checklist order."""

    def __init__(self, ws: Workspace, cons: Consolidation) -> None:
        self.year = cons.year
        self.results = cons.results
        self._names = [d.name for d in ws.departments()]
        self._followups = _followup_items(ws, cons)

    def clean(self, value: object) -> str:
        """A department's text without the carry-over markers (【企画課 AST-902】)."""
        return strip_carry_markers("" if value is None else str(value), self._names).strip()

    def __iter__(self) -> Iterator[_Answer]:
        for r in self.results:
            where: dict[str, tuple[Item, str, str]] = {}
            for ch in r.checklist.chapters:
                for sec in ch.sections:
                    chapter = label_lines(chapter_header(ch.id, ch.title, None), _CHAPTER_WIDTH)
                    for it in sec.items:
                        where[it.id] = (it, chapter, f"{sec.id} {sec.title}")
            labels = {o.key: o.label for o in r.checklist.scale}
            for a in r.snapshot.get("answers", []):
                item_id = str(a.get("item_id", ""))
                found = where.get(item_id) or self._followups.get(item_id)
                key = a.get("rating")
                label = labels.get(key, str(key)) if key else "未回答"
                plan = rating_carries_plan(r.checklist, key)
                if found is None:
                    yield _Answer(r, None, "", "", a, label, plan)
                else:
                    yield _Answer(r, found[0], found[1], found[2], a, label, plan)


def _followup_items(ws: Workspace, cons: Consolidation) -> dict[str, tuple[Item, str, str]]:
    """The 改善報告 items (last year's findings) as the departments saw them."""
    refs = {int(a["item_id"][len(FOLLOWUP_PREFIX):]) for r in cons.results for a in r.snapshot.get("answers", [])
            if str(a.get("item_id", "")).startswith(FOLLOWUP_PREFIX) and a["item_id"][len(FOLLOWUP_PREFIX):].isdigit()}
    if not refs or cons.questionnaire is None:
        return {}
    prev = [f for f in ws.store.findings(cons.year - 1) if f.id in refs]
    records = [FollowupRecord(id=0, finding_ref=f.id, fiscal_year=f.fiscal_year, department_id=f.department_id,
                              grade=f.grade, title=f.title, text=f.text, recommendation=f.recommendation, due=f.due,
                              item_id=f.item_id, file_sha256="", imported_at="") for f in prev]
    chapter = with_followups(cons.questionnaire, records).chapters[-1]
    sec = chapter.sections[0]
    label = label_lines(f"{chapter.id} {chapter.title}", _CHAPTER_WIDTH)
    return {it.id: (it, label, f"{sec.id} {sec.title}") for it in sec.items}


def _plans(book: Book, answers: _AnswerRows) -> None:
    """The departments' improvement plans: rows answered 一部・未実施 only (実施している and 該当しない carry
    none), each marked 期限超過 when its due date has passed on the day of the export."""
    sheet = book.sheet("改善計画", landscape=True, title_rows="1:1", freeze="C2")
    columns = [Column("機関", 12, "wrap"), Column("部署", 14, "wrap"), Column("項目", 9), Column("重要度", 7, "center"),
               Column("質問", 32, "wrap"), Column("評価", 16, "wrap"), Column("改善計画の内容", 34, "wrap"),
               Column("担当", 12, "wrap"), Column("計画の期限", 15, "date"), Column("期限超過", 9, "center")]
    rows = []
    for a in answers:
        plan = answers.clean(a.data.get("plan_content"))
        if not plan or not a.carries_plan:
            continue
        d = a.result.department
        due = a.data.get("plan_due")
        rows.append((d.body_name, d.name, a.data.get("item_id", ""),
                     a.item.importance if a.item else "", a.item.question if a.item else "", a.rating, plan,
                     answers.clean(a.data.get("plan_owner")), iso_date(due),
                     OVERDUE_LABEL if is_overdue(due, book.today) else ""))
    sheet.table(columns, rows, fill=lambda values: OVERDUE_FILL if values[-1] else None)
    sheet.skip()
    sheet.put([(f"{OVERDUE_LABEL}: 計画の期限が、このワークブックの作成日（{wareki_date(book.today)}）より前の計画。",
                "mz_plain")])


# 全回答 prints landscape on A4 at about 8 pt: ten columns (no 年度, 機関 or 節: the 年度 is in the title,
# the 機関 on 部署別; the plan's owner and due date in its cell: 改善計画 has them in columns of their own),
# the department, chapter and item frozen at the left.
_CHAPTER_WIDTH = 12


def _plan_text(answers: _AnswerRows, a: _Answer) -> str:
    if not a.carries_plan:
        return ""
    plan = answers.clean(a.data.get("plan_content"))
    owner = answers.clean(a.data.get("plan_owner"))
    due = iso_date(a.data.get("plan_due"))
    details = "、".join(x for x in (f"担当: {owner}" if owner else "",
                                   f"期限: {wareki_date(due) if isinstance(due, date) else due}" if due else "") if x)
    return "\n".join(x for x in (plan, f"（{details}）" if details else "") if x)


def _all_answers(book: Book, answers: _AnswerRows) -> int:
    sheet = book.sheet("全回答", landscape=True, title_rows="1:1", freeze="D2")
    columns = [Column("部署", 12, "wrap"), Column("章", _CHAPTER_WIDTH, "wrap"), Column("項目", 9),
               Column("質問", 30, "wrap"), Column("重要度", 7, "center"), Column("評価", 16, "wrap"),
               Column("点数", 5, "center"), Column("実施状況・根拠／\n該当しない理由", 28, "wrap"),
               Column("改善計画（担当・期限）", 30, "wrap"), Column("添付", 5, "int")]
    count = 0

    def rows() -> Iterable[Sequence[Any]]:
        nonlocal count
        for a in answers:
            count += 1
            d = a.result.department
            item_id = str(a.data.get("item_id", ""))
            value = a.result.scores.items.get(item_id)  # None: 該当しない, unanswered or not scored
            note = answers.clean(a.data.get("note"))
            reason = answers.clean(a.data.get("reason"))
            yield (d.name, a.chapter, item_id, a.item.question if a.item else "",
                   a.item.importance if a.item else "", a.rating, "" if value is None else round(100 * value),
                   "\n".join(x for x in (note, f"（該当しない理由）{reason}" if reason else "") if x),
                   _plan_text(answers, a), len(a.data.get("attachments") or []))

    sheet.table(columns, rows())
    return count
