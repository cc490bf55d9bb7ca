"""指摘事項: proposed from the answers, graded and edited by the auditor, carried into the next 年度."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from ...domain.plans import plan_due_ok, strip_carry_markers
from ...domain.questionnaire import SYSTEM_TRAIT
from ...domain.records import FindingRecord
from ..intake.consolidation import FailingItem, consolidate
from ..workspace import Workspace

GRADE_LABELS = {"major": "重大", "minor": "軽微", "observation": "観察事項", "good": "良好事例"}
STATUS_LABELS = {"open": "未対応", "in_progress": "対応中", "done": "完了"}
SOURCE_LABELS = {"high_item": "重要項目の未実施・一部", "common_item": "多くの部署で未実施・一部", "manual": "手入力",
                 "carried": "前年度から継続"}
TOWN_WIDE = "*"  # a finding about the whole town (全庁), owned by its responsible department
COMMON_MIN_DEPARTMENTS = 3
COMMON_MIN_RATE = 0.5


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def propose(ws: Workspace, year: int, actor: str, *, min_departments: int = COMMON_MIN_DEPARTMENTS,
            min_rate: float = COMMON_MIN_RATE) -> list[int]:
    """Propose findings from the current submissions (idempotent: nothing proposed twice).

    - every 高 item a department answered 実施していない (重大) or 一部実施している (軽微);
    - every other item answered 一部 / 未実施 by at least ``min_departments`` departments and at least
      ``min_rate`` of those it applies to: one town-wide 観察事項, owned by the 情報システム担当.
    """
    cons = consolidate(ws, year)
    current = ws.store.findings(year)
    existing = {(f.department_id, f.item_id, f.source) for f in current}
    # Last year's open finding on the same item continues (source carried): not proposed a second time.
    carried = {(f.department_id, f.item_id) for f in current if f.source == "carried" and f.item_id}
    names = [d.name for d in ws.departments()]
    rows: list[dict[str, Any]] = []
    for r in cons.results:
        answers = {a["item_id"]: a for a in r.snapshot.get("answers", [])}
        for it in r.checklist.items():
            rating = r.ratings.get(it.id)
            if it.importance != "高" or not r.checklist.fails(rating):
                continue
            if (r.department.id, it.id, "high_item") in existing or (r.department.id, it.id) in carried:
                continue
            a = answers.get(it.id, {})
            label = r.checklist.option(str(rating)).label
            plan = strip_carry_markers(str(a.get("plan_content") or ""), names).strip()
            # The department's own plan date when it fits the 年度 (an older submission may hold one that
            # does not), else the end of the 年度.
            plan_due = str(a.get("plan_due") or "").strip()
            due = plan_due if plan_due and plan_due_ok(plan_due, year) else f"{year + 1}-03-31"
            text = f"「{it.question}」について「{label}」と回答している。"
            note = strip_carry_markers(str(a.get("note") or ""), names).strip()
            if note:
                text += f"（実施状況: {_short(note, 80)}）"
            rec = f"判断基準「{it.criteria_done}」を満たすよう改善すること。"
            if plan:
                rec += f"部署の改善計画（{_short(plan, 60)}）を期限までに実施し、実施の記録を残すこと。"
            rows.append({"fiscal_year": year, "department_id": r.department.id, "item_id": it.id,
                         "source": "high_item",
                         "grade": "major" if r.checklist.option(str(rating)).worst else "minor",
                         "title": f"{it.id} {_short(it.question)}", "text": text, "recommendation": rec,
                         "due": due, "responsible": r.department.id})
    owner = next((d.id for d in ws.catalog.master.departments if SYSTEM_TRAIT in d.traits), TOWN_WIDE)
    for f in cons.failing_items(limit=10**6):
        if f.item.importance == "高" or f.failing < min_departments or f.rate < min_rate:
            continue
        if (TOWN_WIDE, f.item.id, "common_item") in existing:
            continue
        rows.append(_common_row(year, f, owner))
    return ws.store.add_findings(rows, actor=actor, action="findings_proposed") if rows else []


def _common_row(year: int, f: FailingItem, owner: str) -> dict[str, Any]:
    return {"fiscal_year": year, "department_id": TOWN_WIDE, "item_id": f.item.id, "source": "common_item",
            "grade": "observation", "title": f"全庁: {f.item.id} {_short(f.item.question)}",
            "text": f"{f.answered} 部署のうち {f.failing} 部署（{round(100 * f.rate)}%）が「{f.item.question}」を"
                    "一部実施・未実施と回答している。",
            "recommendation": f"全庁で共通の手順や仕組みを整え、判断基準「{f.item.criteria_done}」を満たせるよう"
                              "各部署を支援すること。",
            "due": f"{year + 1}-03-31", "responsible": owner}


def add_manual(ws: Workspace, year: int, department_id: str, *, grade: str, title: str, text: str,
               recommendation: str = "", due: str = "", item_id: str = "", actor: str) -> int:
    if grade not in GRADE_LABELS:
        raise ValueError(grade)
    [fid] = ws.store.add_findings([{"fiscal_year": year, "department_id": department_id, "item_id": item_id,
                                    "source": "manual", "grade": grade, "title": title, "text": text,
                                    "recommendation": recommendation, "due": due, "responsible": department_id,
                                    "confirmed": 1}], actor=actor, action="finding_added")
    return fid


def carry_open(ws: Workspace, from_year: int, to_year: int, actor: str) -> list[int]:
    """Open findings (未対応・対応中) continue into the next 年度, linked to the original."""
    already = {f.carried_from for f in ws.store.findings(to_year) if f.carried_from is not None}
    rows = []
    for f in ws.store.findings(from_year):
        if f.status == "done" or f.grade == "good" or f.id in already or not f.confirmed:
            continue
        rows.append({"fiscal_year": to_year, "department_id": f.department_id, "item_id": f.item_id,
                     "source": "carried", "grade": f.grade, "title": f.title, "text": f.text,
                     "recommendation": f.recommendation, "due": f.due, "responsible": f.responsible,
                     "status": f.status, "confirmed": 1, "carried_from": f.id})
    return ws.store.add_findings(rows, actor=actor, action="findings_carried") if rows else []


def for_department(ws: Workspace, year: int, department_id: str) -> list[FindingRecord]:
    """The confirmed findings a department receives: its own and the town-wide ones it is responsible for."""
    result = []
    for f in ws.store.findings(year):
        mine = f.department_id == department_id or (f.department_id == TOWN_WIDE and f.responsible == department_id)
        if f.confirmed and mine:
            result.append(f)
    return result


def as_dict(f: FindingRecord) -> dict[str, Any]:
    return asdict(f)


def report_order(found: Iterable[FindingRecord], department_ids: Sequence[str]) -> list[FindingRecord]:
    """Findings as the report and the workbook list them: by grade (重大 first), the town-wide ones first,
    then departments in the master's order, then by item."""
    order = {d: i for i, d in enumerate(department_ids)}
    rank = {g: i for i, g in enumerate(GRADE_LABELS)}
    return sorted(found, key=lambda f: (rank.get(f.grade, len(rank)), f.department_id != TOWN_WIDE,
                                        order.get(f.department_id, 10**6), f.item_id, f.id))


def numbers(found: Iterable[FindingRecord], department_ids: Sequence[str]) -> dict[int, int]:
    """Finding id -> its number (1..n) in the 年度's documents: the confirmed findings in :func:`report_order`.

    The report and the workbook print these numbers, never database ids, so 「指摘 3」 is the same finding
    in both. Proposals not yet confirmed have no number."""
    return {f.id: n for n, f in enumerate(report_order((f for f in found if f.confirmed), department_ids), start=1)}
