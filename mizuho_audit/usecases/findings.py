"""指摘事項: proposed from the answers, edited and confirmed by the auditor, exported, carried on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain.questionnaire import SYSTEM_TRAIT
from ..domain.records import FindingRecord
from ..fileio import write_csv
from ..i18n import _
from ..services.findings.findings import GRADE_LABELS, SOURCE_LABELS, STATUS_LABELS, TOWN_WIDE, as_dict
from .session import Session, use_case

__all__ = ["GRADE_LABELS", "SOURCE_LABELS", "STATUS_LABELS", "TOWN_WIDE", "FindingRecord", "as_dict"]


@use_case
def findings(s: Session, year: int | None = None, department_id: str | None = None) -> list[FindingRecord]:
    s.require_auditor()
    return s.workspace.store.findings(year, department_id)


@use_case
def propose(s: Session, year: int) -> list[int]:
    """Proposals from the current submissions (idempotent: nothing proposed twice); not yet confirmed."""
    from ..services.findings import findings as service

    s.require_auditor()
    return service.propose(s.workspace, year, s.actor)


@use_case
def update(s: Session, finding_id: int, changes: dict[str, Any]) -> None:
    """Edit a finding (grade, text, due, responsible, status, confirmed …); logged with what changed."""
    s.require_auditor()
    s.workspace.store.update_finding(finding_id, changes, actor=s.actor)


@use_case
def confirm(s: Session, finding_ids: list[int]) -> int:
    """Confirm the given proposals; the number confirmed."""
    s.require_auditor()
    for fid in finding_ids:
        s.workspace.store.update_finding(fid, {"confirmed": 1}, actor=s.actor)
    return len(finding_ids)


@use_case
def confirm_all(s: Session, year: int) -> int:
    """Confirm every proposal of the 年度 still unconfirmed."""
    return confirm(s, [f.id for f in findings(s, year) if not f.confirmed])


@use_case
def add_manual(s: Session, year: int, department_id: str, *, grade: str, title: str, text: str,
               recommendation: str = "", due: str = "", item_id: str = "", responsible: str = "") -> int:
    """A finding the auditor writes (confirmed at once)."""
    from ..services.findings import findings as service

    s.require_auditor()
    fid = service.add_manual(s.workspace, year, department_id, grade=grade, title=title, text=text,
                             recommendation=recommendation, due=due, item_id=item_id, actor=s.actor)
    if responsible and responsible != department_id:
        s.workspace.store.update_finding(fid, {"responsible": responsible}, actor=s.actor)
    return fid


@use_case
def delete(s: Session, finding_id: int) -> None:
    s.require_auditor()
    s.workspace.store.delete_finding(finding_id, actor=s.actor)


@use_case
def delete_many(s: Session, finding_ids: list[int]) -> int:
    """Delete the given findings (proposals the auditor dismisses), each deletion logged; the number deleted."""
    s.require_auditor()
    for fid in finding_ids:
        s.workspace.store.delete_finding(fid, actor=s.actor)
    return len(finding_ids)


@use_case
def carry(s: Session, from_year: int) -> list[int]:
    """Open findings (未対応・対応中) continue into the next 年度."""
    from ..services.findings import findings as service

    s.require_auditor()
    return service.carry_open(s.workspace, from_year, from_year + 1, s.actor)


def system_owner(s: Session) -> str:
    """The department answering for town-wide findings (the 情報システム担当), or 全庁."""
    return next((d.id for d in s.departments() if SYSTEM_TRAIT in d.traits), TOWN_WIDE)


EXPORT_HEADER = ["番号", "年度", "部署", "項目", "区分", "見出し", "指摘内容", "推奨事項", "期限", "担当部署",
                 "状況", "確定", "由来", "部署の改善報告"]


@use_case
def export_csv(s: Session, year: int, out: Path) -> Path:
    """The 年度's findings as CSV for Excel (formulas defused)."""
    s.require_intact(_("指摘事項を書き出すこと"))
    rows = [[f.id, f.fiscal_year, "全庁" if f.department_id == TOWN_WIDE else f.department_id, f.item_id,
             GRADE_LABELS[f.grade], f.title, f.text, f.recommendation, f.due, f.responsible, STATUS_LABELS[f.status],
             "○" if f.confirmed else "", SOURCE_LABELS[f.source], f.department_report] for f in findings(s, year)]
    path = write_csv(out, EXPORT_HEADER, rows)
    s.workspace.store.log(s.actor, "findings_exported", f"year:{year}", {"file": out.name, "rows": len(rows)})
    return path
