"""The department's workflow: completeness check, submit with approval, reopen, and the
canonical snapshot whose SHA-256 identifies exactly what was submitted."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from ...domain.assessment import FIELD_LABELS, PLAN_DUE_RANGE, field_label, missing_fields
from ...domain.plans import rating_carries_plan
from ...domain.records import SubmissionRecord
from ...errors import InputProblem
from ...i18n import _
from ..answering.carryover import year_on_year
from ..workspace import Checklist, Workspace

SNAPSHOT_FORMAT = "mizuho-audit/submission@1"
MISSING_LABELS = {**FIELD_LABELS, "needs_review": "前年度からの引継ぎの確認（要再確認）",
                  PLAN_DUE_RANGE: "改善計画の期限（年度の4月1日から3年以内の日付に）"}


class IncompleteError(InputProblem):
    """Submission refused: items are missing something; ``missing`` lists (item id, fields)."""

    def __init__(self, missing: list[tuple[str, list[str]]]) -> None:
        super().__init__(_("未完了の項目が {count} 件あります。").format(count=len(missing)))
        self.missing = missing


class WorkflowError(InputProblem):
    """A workflow step that is not allowed now; the message is for the user."""


@dataclass(frozen=True)
class Approver:
    """情報セキュリティ管理者 who approves the submission."""

    name: str
    title: str
    date: str  # ISO date

    def validate(self) -> None:
        if not self.name.strip() or not self.title.strip():
            raise WorkflowError(_("承認者の氏名と職名を入力してください。"))
        try:
            date.fromisoformat(self.date)
        except ValueError as exc:
            raise WorkflowError(_("承認日「{date}」は日付として読めません（例: 2026-11-20）。"
                                  ).format(date=self.date)) from exc


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def snapshot_hash(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


def check_complete(ws: Workspace, cl: Checklist) -> list[tuple[str, list[str]]]:
    """Every item rated, 該当しない with a reason, 一部/未実施 with a plan and a date within the 年度's window
    (:func:`~mizuho_audit.domain.plans.plan_due_problem`), carried answers confirmed."""
    answers = ws.answers(cl)
    result = []
    for it in cl.questionnaire.items():
        a = answers.get(it.id)
        missing = missing_fields(a, cl.questionnaire, cl.year)
        if a is not None and a.needs_review:
            missing.append("needs_review")
        if missing:
            result.append((it.id, missing))
    return result


def missing_label(field: str) -> str:
    """What is missing, for a message in the user's language (MISSING_LABELS stays Japanese)."""
    return _("前年度からの引継ぎの確認（要再確認）") if field == "needs_review" else field_label(field)


def describe_missing(missing: list[tuple[str, list[str]]], limit: int = 30) -> str:
    lines = [f"{item}: {_('、').join(missing_label(f) for f in fields)}" for item, fields in missing[:limit]]
    if len(missing) > limit:
        lines.append(_("ほか {count} 件").format(count=len(missing) - limit))
    return "\n".join(lines)


def build_snapshot(ws: Workspace, cl: Checklist, approver: Approver, *, version: int, submitted_at: str,
                   submitted_by: str) -> dict[str, Any]:
    q = cl.questionnaire
    answers = ws.answers(cl)
    attachments: dict[str, list[dict[str, Any]]] = {}
    for rec in ws.store.attachments(cl.assessment.id):
        attachments.setdefault(rec.item_id, []).append({"name": rec.name, "size": rec.size, "sha256": rec.sha256})
    full = ws.questionnaire_for_key(cl.assessment.questionnaire_key)
    rows = []
    for it in q.items():
        a = answers[it.id]
        # 実施している / 該当しない carry no plan: one left from an earlier rating is not submitted.
        plan = rating_carries_plan(q, a.rating)
        rows.append({
            "item_id": it.id, "rating": a.rating, "note": a.note, "reason": a.reason,
            "plan_content": a.plan_content if plan else "", "plan_owner": a.plan_owner if plan else "",
            "plan_due": a.plan_due if plan else "",
            "needs_review": a.needs_review, "attachments": attachments.get(it.id, []),
        })
    d = cl.department
    # Recorded only where they say something (a checklist under a rotation; a department with last year's
    # answers), so a submission of a checklist that asks everything every year stays as it always was.
    extra: dict[str, Any] = {}
    if full.rotates:
        extra["asked"] = cl.asked_record()
    changes = year_on_year(ws, cl)
    if changes is not None:
        extra["since_last_year"] = changes.to_json()
    return {
        **extra,
        "format": SNAPSHOT_FORMAT,
        "department": {"id": d.id, "name": d.name, "body": d.body_name, "division": d.division},
        "fiscal_year": cl.year,
        "questionnaire": {"id": full.id, "version": full.version, "content_hash": full.content_hash,
                          "title": full.title},
        "submission_version": version,
        "approver": {"name": approver.name.strip(), "title": approver.title.strip(), "date": approver.date},
        "submitted_at": submitted_at,
        "submitted_by": submitted_by,
        "answers": rows,
    }


def submit(ws: Workspace, cl: Checklist, approver: Approver, actor: str, now: str | None = None) -> SubmissionRecord:
    """提出: refuse when incomplete; freeze the answers and keep the hashed snapshot."""
    from ...storage.repository import now_iso

    approver.validate()
    status = ws.store.status_of(cl.assessment.id)
    if status == "submitted":
        raise WorkflowError(_("すでに提出済みです。"))
    if status == "not_started":
        raise WorkflowError(_("まだ回答がありません。"))
    missing = check_complete(ws, cl)
    if missing:
        raise IncompleteError(missing)
    stamp = now or now_iso()
    version = len(ws.store.submissions(cl.assessment.id)) + 1
    snap = build_snapshot(ws, cl, approver, version=version, submitted_at=stamp, submitted_by=actor)
    return ws.store.submit(cl.assessment.id, snapshot=canonical_json(snap), snapshot_hash=snapshot_hash(snap),
                           approver_name=approver.name.strip(), approver_title=approver.title.strip(),
                           approved_on=approver.date, actor=actor, now=stamp)


def reopen(ws: Workspace, cl: Checklist, reason: str, actor: str, now: str | None = None) -> None:
    """The approver takes a submission back (with a reason, logged); the next one is a new version."""
    if ws.store.status_of(cl.assessment.id) != "submitted":
        raise WorkflowError(_("提出済みではありません。"))
    ws.store.reopen(cl.assessment.id, reason=reason, actor=actor, now=now)


def latest_submission(ws: Workspace, cl: Checklist) -> SubmissionRecord | None:
    subs = ws.store.submissions(cl.assessment.id)
    return subs[-1] if subs else None
