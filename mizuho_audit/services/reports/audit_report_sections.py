"""The audit report's sections 1 概要, 3 章別の分析, 4 指摘事項と改善の提言 and the closing (the appendix is in
:mod:`.audit_report_appendix`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from ...domain.plans import OVERDUE_LABEL, rating_carries_plan
from ...domain.questionnaire import TIER_LABELS, Chapter
from ...domain.records import FindingRecord
from ...domain.scoring import Tally
from ...domain.wareki import fiscal_year_label, wareki_date
from ..findings.findings import GRADE_LABELS, STATUS_LABELS, TOWN_WIDE
from ..intake.status_board import deadline
from .audit_report_appendix import _ReportAppendix
from .audit_report_base import GRADE_ORDER
from .audit_report_text import (
    _CELL_PAD,
    _CELL_SIZE,
    _CHAPTER_ITEMS_SHOWN,
    _GRADE_COLORS,
    _NAVY,
    _TOP_DEPARTMENTS,
    _text_table_style,
    _wrap,
)
from .pdf_fonts import (
    make_style,
    markup,
    table_style,
)
from .pdf_layout import (
    BODY_W,
    GRID,
    HEAD_BG,
    LABEL_BG,
    RED,
    chapter_label,
    difference_text,
    score_text,
)


class _ReportSections(_ReportAppendix):
    # -- 1 概要 --------------------------------------------------------------------------------
    def overview(self) -> list[Flowable]:
        flow: list[Flowable] = [self.new_page(), self.heading("2 概要", 0), self.heading("2.1 点検の範囲と方法", 1)]
        flow += [self.kv_table(self.scope_rows()), Spacer(1, 5 * mm), self.heading("2.2 結果の要旨", 1)]
        if not self.cons.results:
            flow.append(self.para(
                f"{fiscal_year_label(self.year)}は、提出された自己点検がない（全 {self.all_departments} 部署が"
                "未提出）。このため、得点と評価は集計していない。未提出の部署は「1.4 未提出の部署」と付録に示す。"))
            return flow
        flow += [self.key_figures(), Spacer(1, 4 * mm), self.para(self.summary_text()), Spacer(1, 4 * mm)]
        flow += [KeepTogether([self.heading("2.3 評価の内訳", 1), self.rating_table()]), Spacer(1, 4 * mm)]
        tiers = self.tier_table()
        if tiers is not None:
            flow += [KeepTogether([self.heading("2.4 系統（三層）別の得点", 1), tiers,
                                   Spacer(1, 1 * mm),
                                   self.para("系統に関係する項目だけで計算した得点です。", self.b.small)])]
        return flow

    def trust_text(self) -> str:
        """Exactly how the consolidated submissions were taken in: trusted and signed, by exception, unsigned."""
        kinds = {"trusted": 0, "exception": 0, "unsigned": 0}
        exceptions = []
        for r in self.cons.results:
            kind = r.received.trust or ("unsigned" if r.received.signature_status == "unsigned" else "exception")
            kinds[kind] = kinds.get(kind, 0) + 1
            if kind == "exception":
                exceptions.append(f"{r.department.name}（理由: {r.received.exception_reason or '記録なし'}）")
        text = (f"集計した {len(self.cons.results)} 部署のうち、信頼する認証局の証明書で登録済みの承認者が署名したもの "
                f"{kinds['trusted']} 部署、監査担当が理由を付けて例外として受け付けたもの {kinds['exception']} 部署、"
                f"署名のない回答用紙・データ {kinds['unsigned']} 部署。")
        if exceptions:
            text += "例外: " + "、".join(exceptions) + "。"
        return text

    def scope_rows(self) -> list[tuple[str, str]]:
        policy = self.ws.catalog.policy
        clause = policy.clauses.get("7", "情報セキュリティ監査及び自己点検の実施")
        q = self.questionnaire
        bodies = "・".join(b.name for b in self.ws.catalog.master.bodies)
        rows = [("根拠", markup(f"{policy.title}（{policy.edition}）7「{clause}」")),
                ("対象年度", markup(f"{fiscal_year_label(self.year)}（{wareki_date(date(self.year, 4, 1))}から"
                                    f"{wareki_date(date(self.year + 1, 3, 31))}まで）")),
                ("対象", markup(f"{bodies}の全 {self.all_departments} 部署。"
                                f"提出 {len(self.cons.results)} 部署、未提出 {len(self.cons.missing)} 部署。"))]
        if q is not None:
            items = sum(1 for _ in q.items())
            rows.append(("方法", markup(
                f"自己点検。各部署がチェックリスト「{q.title}」（版 {q.version}、全 {items} 項目のうち部署に該当する"
                "項目）に回答し、情報セキュリティ管理者（所属長）の承認を得て提出した。監査担当は、提出ファイルの"
                "署名（信頼する認証局・失効・署名者の登録）と内容を確認して受け付け、集計した。")))
            rows.append(("提出の署名", markup(self.trust_text())))
            values = "、".join(f"「{o.label}」{o.score:g}" for o in q.scale if o.score is not None)
            excluded = "・".join(f"「{o.label}」" for o in q.scale if o.score is None)
            rows.append(("評価の尺度", markup(values + (f"。{excluded}は計算から除く。" if excluded else "。"))))
            rows.append(("重み", markup("重要度 " + "・".join(f"{k} {v:g}" for k, v in q.weights.items()))))
        else:
            rows.append(("方法", "自己点検（この年度のチェックリストは登録されていない）。"))
        rows.append(("得点の計算", markup(
            "得点 ＝ 100 × Σ（項目の重み × 評価の値）÷ Σ（項目の重み）。対象は評価が計算に入る項目だけ"
            "（該当しない・未回答は除く）。章・系統・部署の得点はそれぞれに含まれる項目で、町全体の得点は"
            "提出したすべての部署の項目を合わせて計算する（項目の多い部署ほど大きく効く）。")))
        due = deadline(self.ws, self.year)
        if due is not None:
            rows.append(("提出期限", markup(wareki_date(due))))
        rows.append(("集計日", markup(wareki_date(self.issued_on))))
        return rows

    def key_figures(self) -> Table:
        s = self.st
        grade_counts = {g: sum(1 for f in self.findings if f.grade == g) for g in GRADE_ORDER}
        labels = ["町全体の得点", "提出した部署", "未提出の部署", "指摘事項（確認済み）"]
        values = [f'{score_text(self.cons.town.total.score)}<font size="9"> 点</font>',
                  f'{len(self.cons.results)}<font size="9"> 部署</font>',
                  f'{len(self.cons.missing)}<font size="9"> 部署</font>',
                  f'{len(self.findings)}<font size="9"> 件</font>']
        notes = ["100 点満点", f"全 {self.all_departments} 部署のうち", "「1.4」に部署名",
                 "<br/>".join(f"{GRADE_LABELS[g]} {n:,}" for g, n in grade_counts.items() if n) or "なし"]
        data = [[Paragraph(x, s.big_label) for x in labels], [Paragraph(v, s.big_number) for v in values],
                [Paragraph(n, s.big_label) for n in notes]]
        table = Table(data, colWidths=[BODY_W / 4] * 4, hAlign="LEFT")
        table.setStyle(table_style([
            ("BOX", (0, 0), (0, -1), 1.0, _NAVY),
            *[("BOX", (i, 0), (i, -1), 0.5, GRID) for i in range(1, 4)],
            ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
        ]))
        return table
    def summary_text(self) -> str:
        town = self.cons.town
        text = (f"{fiscal_year_label(self.year)}は、全 {self.all_departments} 部署のうち "
                f"{len(self.cons.results)} 部署が自己点検を提出し、"
                f"町全体の得点は {score_text(town.total.score)} 点であった。")
        if self.previous is not None and self.previous.town.total.score is not None:
            text += (f"前年度（{score_text(self.previous.town.total.score)} 点）との差は "
                     f"{difference_text(town.total.score, self.previous.town.total.score)} 点である。")
        scored = [(c, v) for c, v in self.chapter_scores() if v is not None]
        if len(scored) >= 2:
            best = max(scored, key=lambda cv: cv[1] or 0.0)
            worst = min(scored, key=lambda cv: cv[1] or 0.0)
            if score_text(best[1]) == score_text(worst[1]):
                text += f"章別の得点はいずれも {score_text(best[1])} 点で、章による差はない。"
            else:
                text += (f"章別では「{chapter_label(best[0].id, best[0].title)}」が最も高く"
                         f"（{score_text(best[1])} 点）、「{chapter_label(worst[0].id, worst[0].title)}」が最も低い"
                         f"（{score_text(worst[1])} 点）。")
        failing = sum(c.failing for c in self.counts.values())
        text += (f"「一部実施している」「実施していない」の回答は延べ {failing} 件で、各部署は改善計画を定めている。"
                 f"監査担当が確認した指摘事項は {len(self.findings)} 件である（「5 指摘事項と改善の提言」）。")
        return text

    def rating_table(self) -> Table:
        ratings = self.cons.town.total.ratings
        total = sum(ratings.values()) or 1
        scale = self.questionnaire.scale if self.questionnaire else ()
        rows: list[list[Any]] = [self.header_cells("評価", "値", "回答数", "割合")]
        for opt in scale:
            n = ratings.get(opt.key, 0)
            rows.append([Paragraph(markup(opt.label), self.b.cell), "—" if opt.score is None else f"{opt.score:g}",
                         f"{n:,}", f"{100 * n / total:.1f}%"])
        unanswered = ratings.get("", 0) + sum(v for k, v in ratings.items() if k and k not in {o.key for o in scale})
        if unanswered:
            rows.append([Paragraph("未回答・その他", self.b.cell), "—", f"{unanswered:,}",
                         f"{100 * unanswered / total:.1f}%"])
        rows.append([Paragraph("合計", self.b.cell), "", f"{sum(ratings.values()):,}", "100.0%"])
        return self.grid_table(rows, [BODY_W - 75 * mm, 20 * mm, 30 * mm, 25 * mm], [
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("BACKGROUND", (0, -1), (-1, -1), LABEL_BG),
        ])

    def tier_table(self) -> Table | None:
        tiers = [(TIER_LABELS.get(k, k), t) for k, t in self.cons.town.tiers.items() if t.counted]
        if not tiers:
            return None
        order = list(TIER_LABELS.values())
        tiers.sort(key=lambda lt: order.index(lt[0]) if lt[0] in order else len(order))
        rows: list[list[Any]] = [self.header_cells("系統", "得点", "評価した回答数")]
        rows += [[Paragraph(markup(label), self.b.cell), score_text(t.score), f"{t.counted:,}"] for label, t in tiers]
        return self.grid_table(rows, [BODY_W - 60 * mm, 25 * mm, 35 * mm], [("ALIGN", (1, 1), (-1, -1), "RIGHT")])
    # -- 3 章別の分析 ---------------------------------------------------------------------------
    def chapter_analysis(self) -> list[Flowable]:
        flow: list[Flowable] = [self.new_page(), self.heading("4 章別の分析", 0)]
        if not self.cons.results:
            return [*flow, self.para("提出された自己点検がないため、章別の分析はない。")]
        flow.append(self.para("章ごとに、町全体の得点、得点の高い部署と低い部署、「一部実施している」「実施していない」"
                              "と回答した部署の多い項目を示す。", self.b.body))
        for n, (chapter, score) in enumerate(self.chapter_scores(), start=1):
            flow += self.chapter_block(n, chapter, score)
        return flow

    def chapter_block(self, n: int, chapter: Chapter, score: float | None) -> list[Flowable]:
        b = self.b
        ranked = sorted(((r.department.name, t.score) for r in self.cons.results
                         if (t := r.scores.chapters.get(chapter.id)) is not None and t.score is not None),
                        key=lambda ns: -(ns[1] or 0.0))
        tally = self.cons.town.chapters.get(chapter.id, Tally())
        head = (f"町全体の得点 <b>{score_text(score)} 点</b>"
                f"（対象 {len(ranked)} 部署、評価した回答 {tally.counted:,} 件）"
                f'<font color="#555555">　方針 {markup(chapter.clause)}</font>')
        rows = [("得点の高い部署",
                 "、".join(f"{markup(name)} {score_text(v)}" for name, v in ranked[:_TOP_DEPARTMENTS]))]
        if len(ranked) > _TOP_DEPARTMENTS:
            low = ranked[-_TOP_DEPARTMENTS:][::-1]
            rows.append(("得点の低い部署", "、".join(f"{markup(name)} {score_text(v)}" for name, v in low)))
        flow: list[Flowable] = [CondPageBreak(70 * mm),
                                self.heading(f"4.{n} {chapter_label(chapter.id, chapter.title)}", 1),
                                Paragraph(head, b.body), Spacer(1, 2 * mm), self.kv_table(rows), Spacer(1, 3 * mm)]
        failing = sorted((c for c in self.counts.values() if c.item.chapter_id == chapter.id and c.failing),
                         key=lambda c: (-c.failing, -c.not_done, c.item.id))
        if not failing:
            return [*flow, self.para("この章に「一部実施している」「実施していない」の回答はない。")]
        shown = failing[:_CHAPTER_ITEMS_SHOWN]
        data: list[list[Any]] = [self.header_cells("項目", "質問", "重要度", "一部", "未実施", "割合")]
        for c in shown:
            rate = f"{100 * c.failing / c.answered:.0f}%" if c.answered else "—"
            data.append([c.item.id, Paragraph(markup(c.item.question), b.cell), c.item.importance, str(c.partial),
                         str(c.not_done), rate])
        widths = [19 * mm, BODY_W - 75 * mm, 14 * mm, 14 * mm, 14 * mm, 14 * mm]
        table = self.grid_table(data, widths, [("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                                               ("ALIGN", (2, 1), (2, -1), "CENTER")])
        caption = "「一部実施している」「実施していない」の多い項目"
        flow += [CondPageBreak(35 * mm), Paragraph(caption, self.st.heading3), table]
        note = "一部・未実施は回答した部署の数、割合はその項目を評価した部署に占める割合。"
        if len(failing) > len(shown):
            where = "集計ワークブックの「全回答」" if self.departments_in_workbook() else "付録"
            note += f"ほか {len(failing) - len(shown)} 項目（部署ごとの項目は{where}を参照）。"
        return [*flow, Spacer(1, 1 * mm), self.para(note, b.small)]

    # -- 5 指摘事項 ------------------------------------------------------------------------------
    def findings_section(self) -> list[Flowable]:
        flow: list[Flowable] = [self.new_page(), self.heading("5 指摘事項と改善の提言", 0)]
        intro = (f"監査担当が確認した指摘事項は {len(self.findings)} 件である。重大・軽微の指摘事項を受けた部署は、"
                 "改善の提言に沿って指摘の改善期限までに改善し、次年度の自己点検で改善の状況を報告する。"
                 "指摘事項の番号は、集計ワークブックの「指摘事項」の番号と同じである。")
        if self.unconfirmed:
            intro += f"確認前の指摘案 {self.unconfirmed} 件は本書に含めていない。"
        flow.append(self.para(intro))
        if not self.findings:
            return [*flow, Spacer(1, 2 * mm), self.para("確認済みの指摘事項はない。")]
        flow += self.major_table()
        grades = [g for g in GRADE_ORDER if any(f.grade == g for f in self.findings)]
        grades += sorted({f.grade for f in self.findings} - set(GRADE_ORDER))
        for n, grade in enumerate(grades, start=2):
            group = [f for f in self.findings if f.grade == grade]
            blocks = [b for f in group for b in self.finding_block(f)]
            # The heading stays with the first card (keepWithNext does not hold it to a KeepTogether).
            first = blocks[0]._content if isinstance(blocks[0], KeepTogether) else [blocks[0]]
            flow += [KeepTogether([self.heading(f"5.{n} {GRADE_LABELS.get(grade, grade)}（{len(group)} 件）", 1),
                                   *first]), *blocks[1:]]
        return flow

    def major_table(self) -> list[Flowable]:
        """5.1: the 重大 findings at a glance, numbered as in the cards below and in the workbook."""
        majors = [f for f in self.findings if f.grade == "major"]
        head = self.heading("5.1 重大な指摘事項の一覧", 1)
        if not majors:
            return [head, self.para("重大な指摘事項はない。")]
        widths = [12 * mm, 30 * mm, 19 * mm, BODY_W - 93 * mm, 32 * mm]
        text_w = widths[3] - 2 * _CELL_PAD
        data: list[list[Any]] = [self.header_cells("番号", "部署", "項目", "指摘事項", "指摘の改善期限")]
        extra: list[tuple[object, ...]] = [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                                           ("ALIGN", (0, 1), (0, -1), "RIGHT")]
        for row, f in enumerate(majors, start=1):
            data.append([str(self.numbers.get(f.id, "")), _wrap(self.department_name(f.department_id),
                                                                 widths[1] - 2 * _CELL_PAD, _CELL_SIZE),
                         f.item_id or "—", _wrap(f.title, text_w, _CELL_SIZE),
                         _wrap(self.due_text(f.due, f.status, narrow=True), widths[4] - 2 * _CELL_PAD, _CELL_SIZE)])
            if self.overdue(f.due, f.status):
                extra.append(("TEXTCOLOR", (4, row), (4, row), RED))
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(_text_table_style(extra))
        # A table longer than a page would carry its heading (kept with it) to the next page and leave this
        # one nearly empty: the table starts here when its heading and a few rows fit, and splits by row.
        head.keepWithNext = 0
        return [CondPageBreak(45 * mm), head, table, Spacer(1, 1 * mm),
                self.para(f"{OVERDUE_LABEL}: 指摘の改善期限が本書の日付（{wareki_date(self.issued_on)}）より前で、"
                          "完了していないもの。", self.b.small), Spacer(1, 2 * mm)]

    def department_plan(self, f: FindingRecord) -> str:
        """The department's own 改善計画 on the finding's item, as it submitted it ("" when none)."""
        if f.department_id == TOWN_WIDE or not f.item_id:
            return ""
        a = self.answer_of(f.department_id, f.item_id)
        r = self.cons.result(f.department_id)
        if not a or r is None or not rating_carries_plan(r.checklist, a.get("rating")):
            return ""
        plan = self.clean(a.get("plan_content"))
        details = "　".join(x for x in (f"担当: {self.clean(a.get('plan_owner'))}" if self.clean(a.get("plan_owner"))
                                        else "",
                                        f"計画の期限: {self.due_text(a.get('plan_due'))}" if a.get("plan_due") else "")
                           if x)
        return "\n".join(x for x in (plan, details) if x)

    def finding_block(self, f: FindingRecord) -> list[Flowable]:
        color = colors.HexColor(_GRADE_COLORS.get(f.grade, "#555555"))
        label_w = 24 * mm
        text_w = BODY_W - label_w - 2 * _CELL_PAD
        target = self.department_name(f.department_id)
        facts = target + (f"（項目 {f.item_id}）" if f.item_id else "")
        if f.grade != "good":
            who = self.department_name(f.responsible) if f.responsible != TOWN_WIDE else "（未定）"
            facts += f"　担当 {who}　状況 {STATUS_LABELS.get(f.status, f.status)}"
        if f.source == "carried":
            facts += "　前年度から継続"
        number = self.numbers.get(f.id)
        label = GRADE_LABELS.get(f.grade, f.grade) + (f" {number}" if number else "")
        rows = [[label, _wrap(f.title, text_w, 9)],
                ["対象", _wrap(facts, text_w, _CELL_SIZE)],
                ["内容" if f.grade == "good" else "指摘の内容", _wrap(self.clean(f.text), text_w, _CELL_SIZE)]]
        if f.recommendation.strip():
            rows.append(["改善の提言", _wrap(self.clean(f.recommendation), text_w, _CELL_SIZE)])
        extra: list[tuple[object, ...]] = []
        if f.grade != "good":
            rows.append(["指摘の改善期限", _wrap(self.due_text(f.due, f.status), text_w, _CELL_SIZE)])
            if self.overdue(f.due, f.status):
                extra.append(("TEXTCOLOR", (1, len(rows) - 1), (1, len(rows) - 1), RED))
            plan = self.department_plan(f)
            if plan:
                rows.append(["部署の改善計画", _wrap(plan, text_w, _CELL_SIZE)])
        table = Table(rows, colWidths=[label_w, BODY_W - label_w], hAlign="LEFT")
        table.setStyle(_text_table_style([
            ("FONTSIZE", (0, 0), (-1, 0), 9),
            ("LEADING", (0, 0), (-1, 0), 13),
            ("TEXTCOLOR", (0, 0), (0, 0), color),
            ("LINEBEFORE", (0, 0), (0, -1), 3, color),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("BACKGROUND", (0, 1), (0, -1), LABEL_BG),
            ("FONTSIZE", (0, 1), (0, -1), 7.5),
            ("TEXTCOLOR", (0, 1), (0, -1), colors.HexColor("#333333")),
            *extra,
        ]))
        return [KeepTogether([table, Spacer(1, 2.5 * mm)])]

    def closing(self) -> list[Flowable]:
        return [Spacer(1, 8 * mm), Paragraph("以上", make_style("ar-end", 10.5, alignment=2))]
