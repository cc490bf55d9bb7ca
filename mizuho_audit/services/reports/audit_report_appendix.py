"""The audit report's appendix: each department's result on pages of its own (its chapters, the items it
answered 一部 / 未実施 with its plans) and the departments not submitted; and the report's way of writing a
plan's due date (期限超過 on the report's date)."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, Table  # type: ignore[import-untyped]

from ...domain.plans import OVERDUE_LABEL, is_overdue
from ...domain.wareki import wareki_date
from ..intake.consolidation import DepartmentResult
from ..intake.status_board import SIGNATURE_JA
from ..intake.year_on_year import department_year_on_year
from ..submission.submission_pdf_year import asked_text
from .audit_report_base import _ReportBase
from .audit_report_text import _CELL_PAD, _CELL_SIZE, _RATING_COLORS, _text_table_style, _wrap
from .pdf_fonts import markup
from .pdf_layout import BODY_W, HEAD_BG, RED, chapter_label, difference_text, score_text, wareki_of_iso_date

YEAR_LISTED = 8  # per direction: the year-on-year list stays short
# Beyond this many submissions the per-department pages (~5 a department) move to the workbook: a city's 300
# departments would make a report of over a thousand pages that nobody reads through.
APPENDIX_DEPARTMENTS = 60
WORKBOOK_SHEETS = "「部署別」（章別の得点）、「改善計画」（一部実施・未実施の項目と部署の改善計画）、「全回答」"


def _label(r: DepartmentResult, key: str) -> str:
    try:
        return r.checklist.option(key).label
    except KeyError:
        return key or "—"


class _ReportAppendix(_ReportBase):
    def overdue(self, due: object, status: str = "open") -> bool:
        return status != "done" and is_overdue(due, self.issued_on)

    def due_text(self, due: object, status: str = "open", *, narrow: bool = False) -> str:
        """The date in 和暦, with （期限超過） when it has passed on the report's date (on a line of its own
        in a ``narrow`` column, rather than broken inside the word)."""
        text = wareki_of_iso_date(due) or "—"
        if not self.overdue(due, status):
            return text
        return f"{text}\n（{OVERDUE_LABEL}）" if narrow else f"{text}（{OVERDUE_LABEL}）"

    # -- 5 付録 --------------------------------------------------------------------------------
    def departments_in_workbook(self) -> bool:
        """Whether the departments' own results are left to the workbook (more than :data:`APPENDIX_DEPARTMENTS`)."""
        return len(self.cons.results) > APPENDIX_DEPARTMENTS

    def appendix(self) -> list[Flowable]:
        if self.departments_in_workbook():
            return self.appendix_in_workbook()
        flow: list[Flowable] = [self.new_page(), self.heading("6 付録 部署別の結果", 0), self.para(
            "提出した部署ごとに、章別の得点と、「一部実施している」「実施していない」と回答した項目（部署の改善計画を"
            "含む）を示す。計画の期限は部署が定めた期限で、指摘事項の「指摘の改善期限」とは別に示す。"
            f"{OVERDUE_LABEL}は、計画の期限が本書の日付より前のもの。"
            "すべての回答は、各部署の提出ファイルと集計ワークブックで確認できる。")]
        for n, r in enumerate(self.cons.results, start=1):
            flow += self.department_block(n, r)
        flow += self.missing_block(len(self.cons.results) + 1)
        flow += self.anchors_block(len(self.cons.results) + 2)
        return flow

    def appendix_in_workbook(self) -> list[Flowable]:
        """The appendix of a large body: where each department's results are, then the missing and anchors."""
        count = len(self.cons.results)
        flow: list[Flowable] = [
            self.new_page(), self.heading("6 付録 部署別の結果", 0),
            self.heading("6.1 部署ごとの結果（集計ワークブック）", 1),
            self.para(f"提出した部署が {count} 部署と多いため、部署ごとの結果（章別の得点、「一部実施している」"
                      "「実施していない」と回答した項目と部署の改善計画）は本書に載せず、集計ワークブック（同じ年度の監査結果の"
                      f"ワークブック。mizuho-audit export excel で書き出す Excel ファイル）の{WORKBOOK_SHEETS}シートに"
                      f"示す（本書に部署ごとのページを設けるのは {APPENDIX_DEPARTMENTS} 部署までとしている）。"
                      "町全体・章別の集計、指摘事項は本書の各章に、各部署の提出と回答データのハッシュ値は 6.3 に示す。"
                      "すべての回答は、各部署の提出ファイルでも確認できる。")]
        flow += self.missing_block(2)
        flow += self.anchors_block(3)
        return flow

    def anchors_block(self, n: int) -> list[Flowable]:  # audit_report_anchors.py
        raise NotImplementedError

    def department_block(self, n: int, r: DepartmentResult) -> list[Flowable]:
        dep = r.department
        snap = r.snapshot
        raw_approver = snap.get("approver")
        approver: dict[str, Any] = raw_approver if isinstance(raw_approver, dict) else {}
        decision = {"accepted": "受理", "returned": "差戻し"}.get(r.received.decision or "", "受付済")
        signature = SIGNATURE_JA.get(r.received.signature_status or "", "—")
        if r.received.trust == "exception":
            signature = f"例外として取込（理由: {r.received.exception_reason or '記録なし'}）"
        facts = [
            ("所属", markup(dep.display_name)),
            ("提出", markup(f"第{r.received.submission_version}版　"
                            f"{wareki_of_iso_date(snap.get('submitted_at')) or '—'}　"
                            f"（{decision}、電子署名: {signature}）")),
            ("承認者", markup(f"{approver.get('title', '')} {approver.get('name', '')}".strip() or "—")),
            ("合計得点", markup(f"{score_text(r.scores.total.score)} 点"
                               f"（町全体 {score_text(self.cons.town.total.score)} 点、"
                               f"差 {difference_text(r.scores.total.score, self.cons.town.total.score)}）")),
            *self.asked_facts(r),
        ]
        # Each department on pages of its own (the first follows the appendix' introduction).
        flow: list[Flowable] = [PageBreak() if n > 1 else Spacer(1, 3 * mm), self.heading(f"6.{n} {dep.name}", 1),
                                self.kv_table(facts, 24 * mm),
                                Spacer(1, 3 * mm), self.department_chapters(r), Spacer(1, 4 * mm),
                                *self.year_on_year(r)]
        failing = [it for it in r.checklist.items() if r.checklist.fails(r.ratings.get(it.id))]
        caption = f"「一部実施している」「実施していない」と回答した項目（{len(failing)} 件）"
        flow += [CondPageBreak(40 * mm), Paragraph(caption, self.st.heading3)]
        if not failing:
            return [*flow, self.para("該当する項目はない。")]
        answers = {str(a.get("item_id")): a for a in snap.get("answers", []) if isinstance(a, dict)}
        numbered = {f.item_id: self.numbers[f.id] for f in self.findings
                    if f.department_id == dep.id and f.id in self.numbers}
        widths = [19 * mm, BODY_W - 103 * mm, 26 * mm, 58 * mm]
        question_w, plan_w = widths[1] - 2 * _CELL_PAD, widths[3] - 2 * _CELL_PAD
        data: list[list[Any]] = [self.header_cells("項目", "質問", "評価", "部署の改善計画")]
        extra: list[tuple[object, ...]] = [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG)]
        for row, it in enumerate(failing, start=1):
            rating = str(r.ratings.get(it.id))
            a = answers.get(it.id, {})
            plan = self.clean(a.get("plan_content"))
            owner = self.clean(a.get("plan_owner"))
            details = "\n".join(x for x in (f"担当: {owner}" if owner else "",
                                             f"計画の期限: {self.due_text(a['plan_due'], narrow=True)}"
                                             if a.get("plan_due") else "") if x)
            if not plan or self.overdue(a.get("plan_due")):
                extra.append(("TEXTCOLOR", (3, row), (3, row), RED))
            label = r.checklist.option(rating).label + (f"\n指摘 {numbered[it.id]}" if it.id in numbered else "")
            data.append([it.id, _wrap(it.question, question_w, _CELL_SIZE), label,
                         _wrap("\n".join(x for x in (plan or "（記入なし）", details) if x), plan_w, _CELL_SIZE)])
            extra.append(("TEXTCOLOR", (2, row), (2, row), colors.HexColor(_RATING_COLORS.get(rating, "#333333"))))
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(_text_table_style(extra))
        flow.append(table)
        return flow

    def asked_facts(self, r: DepartmentResult) -> list[tuple[str, str]]:
        """What the department was asked this 年度, and (for the 事務局's unit) the items it answered for the town."""
        facts = []
        asked = asked_text(r.snapshot, r.checklist)
        if asked:
            facts.append(("尋ねた項目", markup(f"{asked}（{sum(1 for _ in r.checklist.items())} 項目）")))
        central = self.cons.central
        if central is not None and central.department.id == r.department.id:
            count = sum(1 for _ in central.checklist.items())
            facts.append(("町全体の事項", markup(
                f"情報セキュリティ事務局として町全体の {count} 項目に回答（得点 "
                f"{score_text(central.scores.total.score)} 点）。この得点は部署の合計得点に含めず、町全体の得点に"
                "一度だけ数える。")))
        return facts

    def year_on_year(self, r: DepartmentResult) -> list[Flowable]:
        """前年度からの変化: the items whose rating rose and fell against last year's submission (a short list)."""
        changes = department_year_on_year(self.ws, self.cons, self.previous, r.department.id)
        if changes is None:
            return []
        flow: list[Flowable] = [CondPageBreak(30 * mm), Paragraph(
            markup(f"前年度からの変化（評価が上がった項目 {len(changes.improved)} 件、下がった項目 "
                   f"{len(changes.declined)} 件。両年度の評価を比べた {changes.compared} 項目のうち）"),
            self.st.heading3)]
        rows = [("上がった", c) for c in changes.improved[:YEAR_LISTED]] + \
               [("下がった", c) for c in changes.declined[:YEAR_LISTED]]
        if not rows:
            return [*flow, self.para("評価が変わった項目はない。")]
        questions = {it.id: it.question for it in r.checklist.items()}
        widths = [16 * mm, 19 * mm, BODY_W - 95 * mm, 60 * mm]
        data: list[list[Any]] = [self.header_cells("変化", "項目", "質問", "前年度 → 今年度")]
        for word, c in rows:
            data.append([word, c.item_id, _wrap(questions.get(c.item_id, ""), widths[2] - 2 * _CELL_PAD, _CELL_SIZE),
                         Paragraph(markup(f"{_label(r, c.before)} → {_label(r, c.after)}"), self.b.cell)])
        flow.append(self.grid_table(data, widths))
        left = max(0, len(changes.improved) - YEAR_LISTED) + max(0, len(changes.declined) - YEAR_LISTED)
        if left:
            flow.append(self.para(f"ほか {left} 件（集計ワークブックの全回答で確認できる）。", self.b.small))
        return [*flow, Spacer(1, 4 * mm)]

    def department_chapters(self, r: DepartmentResult) -> Table:
        rows: list[list[Any]] = [self.header_cells("章", "得点", "町全体", "差", "一部", "未実施")]
        for c in r.checklist.chapters:
            score = t.score if (t := r.scores.chapters.get(c.id)) else None
            town = t.score if (t := self.cons.town.chapters.get(c.id)) else None
            diff = difference_text(score, town)
            items = [it.id for it in c.items()]
            rows.append([Paragraph(markup(chapter_label(c.id, c.title)), self.b.cell), score_text(score),
                         score_text(town),
                         Paragraph(f'<font color="#c62828">{diff}</font>' if diff.startswith("−") else diff,
                                   self.b.cell_number),
                         str(sum(1 for i in items if r.ratings.get(i) == "partial")),
                         str(sum(1 for i in items if r.ratings.get(i) == "not_done"))])
        number_w = 17 * mm
        return self.grid_table(rows, [BODY_W - 5 * number_w, *([number_w] * 5)],
                               [("ALIGN", (1, 1), (-1, -1), "RIGHT")])

    def missing_block(self, n: int) -> list[Flowable]:
        flow: list[Flowable] = [self.new_page(), self.heading(f"6.{n} 未提出の部署", 1)]
        missing = self.cons.missing
        if not missing:
            return [*flow, self.para(f"全 {self.all_departments} 部署が提出した。")]
        flow.append(self.para(f"次の {len(missing)} 部署は、{wareki_date(self.issued_on)}までに自己点検を提出していない"
                              "（本書の集計に含まれていない）。"))
        data: list[list[Any]] = [self.header_cells("部署", "所属")]
        data += [[Paragraph(markup(d.name), self.b.cell), Paragraph(markup(d.display_name), self.b.cell)]
                 for d in missing]
        return [*flow, Spacer(1, 2 * mm), self.grid_table(data, [55 * mm, BODY_W - 55 * mm])]
