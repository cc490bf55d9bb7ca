"""The audit report's section 1 総括: the auditor's judgement, the top risks, the departments holding most
重大 findings, the departments not yet submitted (by name) and what became of last year's findings.

It opens the report's body, right after the table of contents, so that it falls within the first pages
a reader turns: everything in it is short (tables of at most five rows, names in a sentence).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer  # type: ignore[import-untyped]

from ...domain.wareki import fiscal_year_label
from ...storage.findings_store import FindingRecord
from ..findings.findings import GRADE_LABELS, TOWN_WIDE
from .audit_report_base import _ReportBase
from .audit_report_text import _CELL_SIZE, _wrap
from .pdf_fonts import markup
from .pdf_layout import BODY_W, LABEL_BG, chapter_label, score_text

NOT_WRITTEN = "（未記入）"
_TOP = 5
_PREVIOUS_GRADES = ("major", "minor", "observation")


@dataclass
class _Outcome:
    total: int = 0
    done: int = 0
    in_progress: int = 0
    open: int = 0
    reported: int = 0


class _ReportSummary(_ReportBase):
    def summary_section(self) -> list[Flowable]:
        flow: list[Flowable] = [self.heading("1 総括", 0)]
        if self.preliminary:
            flow.append(self.para("本書は速報である。" + "".join(self.preliminary.reasons())
                                  + "確定した結果は、すべての提出を受理した後に改めて報告する。", self.st.cover_mark))
            flow.append(Spacer(1, 2 * mm))
        flow += [self.heading("1.1 監査担当の所見", 1), *self.judgement(), Spacer(1, 2 * mm)]
        flow += self.top_risks()
        flow += self.major_departments()
        flow += self.not_submitted()
        flow += self.last_year()
        return flow

    # -- 1.1 -------------------------------------------------------------------------------------
    def judgement(self) -> list[Flowable]:
        text = self.details.summary.strip()
        if not text:
            return [self.para(NOT_WRITTEN)]
        paragraphs = [p.strip("\n") for p in text.split("\n\n") if p.strip()]
        return [Paragraph(markup(p), self.st.summary) for p in paragraphs]

    # -- 1.2 -------------------------------------------------------------------------------------
    def top_risks(self) -> list[Flowable]:
        head = self.heading("1.2 主なリスク", 1)
        if not self.cons.results:
            return [head, self.para("提出された自己点検がないため、評価していない。")]
        ranked = sorted((c for c in self.counts.values() if c.failing),
                        key=lambda c: (-c.lost, -c.not_done, c.item.id))[:_TOP]
        majors = sum(1 for f in self.findings if f.grade == "major")
        sentence = f"確認済みの重大な指摘事項は {majors} 件である（一覧は「5.1 重大な指摘事項の一覧」）。"
        scored = [(c, v) for c, v in self.chapter_scores() if v is not None]
        if scored:
            worst = min(scored, key=lambda cv: cv[1] or 0.0)
            sentence += (f"章別の得点が最も低いのは「{chapter_label(worst[0].id, worst[0].title)}」"
                         f"（{score_text(worst[1])} 点）である。")
        if not ranked:
            return [head, self.para(sentence + "「一部実施している」「実施していない」の回答はない。")]
        intro = ("町全体で失われた得点（項目の重要度の重み × 未実施の度合い、全部署の合計）の大きい項目を、"
                 f"上位 {len(ranked)} 件示す。" + sentence)
        question_w = BODY_W - 88 * mm
        data: list[list[Any]] = [self.header_cells("順位", "項目", "内容", "重要度", "未実施", "一部", "割合")]
        for n, c in enumerate(ranked, start=1):
            rate = f"{100 * c.failing / c.answered:.0f}%" if c.answered else "—"
            data.append([str(n), c.item.id, _wrap(c.item.question, question_w - 8, _CELL_SIZE), c.item.importance,
                         str(c.not_done), str(c.partial), rate])
        table = self.grid_table(data, [12 * mm, 19 * mm, question_w, 15 * mm, 14 * mm, 14 * mm, 14 * mm],
                                [("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (3, 1), (3, -1), "CENTER"),
                                 ("ALIGN", (4, 1), (-1, -1), "RIGHT"), ("VALIGN", (0, 1), (-1, -1), "TOP")])
        note = self.para("未実施・一部は、そう回答した部署の数。割合は、その項目を評価した部署に占める割合。",
                         self.b.small)
        return [KeepTogether([head, self.para(intro), Spacer(1, 2 * mm), table, Spacer(1, 1 * mm), note])]

    # -- 1.3 -------------------------------------------------------------------------------------
    def major_departments(self) -> list[Flowable]:
        head = self.heading("1.3 重大な指摘事項の多い部署", 1)
        counts: dict[str, dict[str, int]] = {}
        for f in self.findings:
            if f.grade in ("major", "minor"):
                counts.setdefault(f.department_id, {"major": 0, "minor": 0})[f.grade] += 1
        ranked = sorted(((d, c) for d, c in counts.items() if c["major"]),
                        key=lambda dc: (-dc[1]["major"], -dc[1]["minor"], self.order.index(dc[0])
                                        if dc[0] in self.order else 10**6))
        if not ranked:
            return [head, self.para("確認済みの重大な指摘事項はない。")]
        shown = ranked[:_TOP]
        data: list[list[Any]] = [self.header_cells("部署", "重大", "軽微", "合計得点", "町全体との差")]
        town = self.cons.town.total.score
        for dep_id, c in shown:
            r = self.cons.result(dep_id)
            score = r.scores.total.score if r is not None else None
            diff = "—" if score is None or town is None else f"{score - town:+.1f}".replace("-", "−")
            data.append([Paragraph(markup(self.department_name(dep_id)), self.b.cell), str(c["major"]),
                         str(c["minor"]), score_text(score), diff])
        number_w = 24 * mm
        table = self.grid_table(data, [BODY_W - 4 * number_w, *([number_w] * 4)],
                                [("ALIGN", (1, 1), (-1, -1), "RIGHT")])
        text = f"重大な指摘事項を受けた部署は {len(ranked)} 部署である。"
        if len(ranked) > len(shown):
            text += f"件数の多い {len(shown)} 部署を示す。"
        # The heading inside: keepWithNext does not hold a heading to a KeepTogether.
        return [KeepTogether([head, self.para(text), Spacer(1, 2 * mm), table])]

    # -- 1.4 -------------------------------------------------------------------------------------
    def not_submitted(self) -> list[Flowable]:
        head = self.heading("1.4 未提出の部署", 1)
        missing = self.cons.missing
        if missing:
            text = (f"全 {self.all_departments} 部署のうち、次の {len(missing)} 部署が自己点検を提出していない"
                    f"（本書の集計に含まれていない）: {'、'.join(d.name for d in missing)}。")
        else:
            text = f"全 {self.all_departments} 部署が自己点検を提出した。"
        flow: list[Flowable] = [head, self.para(text)]
        pending = [r.department.name for r in self.cons.results if r.received.decision is None]
        returned = [r.department.name for r in self.cons.results if r.received.decision == "returned"]
        if pending:
            flow.append(self.para(f"提出のうち、監査担当が受理していないもの（{len(pending)} 部署）: "
                                  f"{'、'.join(pending)}。"))
        if returned:
            flow.append(self.para(f"差戻し中の提出（{len(returned)} 部署。本書の集計には差戻し前の回答を含む）: "
                                  f"{'、'.join(returned)}。"))
        return flow

    # -- 1.5 -------------------------------------------------------------------------------------
    def last_year(self) -> list[Flowable]:
        previous_label = fiscal_year_label(self.year - 1)
        head = self.heading("1.5 前年度の指摘事項のその後", 1)
        earlier = [f for f in self.previous_findings if f.confirmed and f.grade in _PREVIOUS_GRADES]
        if not earlier:
            return [head, self.para(f"{previous_label}の確認済みの指摘事項（良好事例を除く）はない。")]
        carried = {f.carried_from: f for f in self.ws.store.findings(self.year) if f.carried_from is not None}
        by_grade = {g: _Outcome() for g in _PREVIOUS_GRADES}
        for f in earlier:
            outcome = by_grade[f.grade]
            outcome.total += 1
            later: FindingRecord | None = carried.get(f.id)
            status = later.status if later is not None and f.status != "done" else f.status
            if status == "done":
                outcome.done += 1
            elif status == "in_progress":
                outcome.in_progress += 1
            else:
                outcome.open += 1
            outcome.reported += bool(later is not None and (later.department_report or later.reported_status))
        data: list[list[Any]] = [self.header_cells("区分", "件数", "完了", "対応中", "未対応", "改善報告あり")]
        for grade, o in by_grade.items():
            if o.total:
                data.append([GRADE_LABELS[grade], str(o.total), str(o.done), str(o.in_progress), str(o.open),
                             str(o.reported)])
        total = _Outcome(*(sum(getattr(o, k) for o in by_grade.values())
                           for k in ("total", "done", "in_progress", "open", "reported")))
        data.append(["合計", str(total.total), str(total.done), str(total.in_progress), str(total.open),
                     str(total.reported)])
        number_w = 24 * mm
        table = self.grid_table(data, [BODY_W - 5 * number_w, *([number_w] * 5)],
                                [("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("BACKGROUND", (0, -1), (-1, -1), LABEL_BG)])
        still = total.in_progress + total.open
        text = (f"{previous_label}に確認した指摘事項は {total.total} 件で、完了 {total.done} 件、"
                f"対応中 {total.in_progress} 件、未対応 {total.open} 件である。")
        if still:
            continued = sum(1 for f in earlier if f.id in carried)
            text += (f"完了していない指摘事項のうち {continued} 件は本年度の指摘事項に引き継いだ"
                     "（「前年度から継続」）。各部署は本年度の自己点検で改善の状況を報告している（改善報告）。")
        town_wide = sum(1 for f in earlier if f.department_id == TOWN_WIDE)
        if town_wide:
            text += f"うち全庁の指摘事項は {town_wide} 件。"
        # The heading inside: keepWithNext does not hold a heading to a KeepTogether.
        return [KeepTogether([head, self.para(text), Spacer(1, 2 * mm), table])]

