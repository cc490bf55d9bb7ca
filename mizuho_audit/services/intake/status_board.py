"""The auditor's status board: every department of the master for a 年度, with what was received."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from ... import clock
from ..workspace import Workspace
from .consolidation import consolidate

STATUS_JA = {"not_started": "未提出", "in_progress": "回答中", "submitted": "提出済", "accepted": "受理",
             "returned": "差戻し"}
SIGNATURE_JA = {"valid": "有効", "unsigned": "未署名", "invalid": "無効", "untrusted": "信頼されていない",
                "exception": "例外"}


@dataclass(frozen=True)
class BoardRow:
    department: str
    name: str
    body: str
    status: str  # not_started | in_progress | submitted | accepted | returned
    submitted_at: str | None
    signature: str | None  # valid | unsigned | invalid | untrusted | exception (taken with a reason) | None
    signer: str | None
    approver: str | None
    version: int | None
    received_id: int | None
    file_name: str | None
    score: float | None = None
    overdue: bool = False  # not submitted by the deadline, or submitted after it
    exception_reason: str | None = None  # why the auditor took it by exception
    # A signature the database's trust roots, CRLs and signer register no longer accept:
    # no_root | revoked | not_registered | not_approver | unreadable (None while it is still acceptable)
    signature_now: str | None = None
    signature_problem: str | None = None  # why, in the user's language
    signer_differs: bool = False  # the certificate's holder is not the recorded approver (an exception)

    def as_json(self) -> dict[str, object]:
        return {"department": self.department, "name": self.name, "body": self.body, "status": self.status,
                "submitted_at": self.submitted_at, "signature": self.signature, "signer": self.signer,
                "approver": self.approver, "version": self.version, "exception_reason": self.exception_reason,
                "signature_now": self.signature_now, "signature_problem": self.signature_problem,
                "signer_differs": self.signer_differs,
                "score": None if self.score is None else round(self.score, 1), "overdue": self.overdue}


def deadline(ws: Workspace, year: int) -> date | None:
    value = ws.store.get_setting(f"deadline:{year}")
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def set_deadline(ws: Workspace, year: int, day: date, actor: str) -> None:
    ws.store.set_deadline(year, day.isoformat(), actor=actor)


def board(ws: Workspace, year: int, today: date | None = None) -> list[BoardRow]:
    """Every department of the master for the 年度, with its status, signature, score and deadline mark."""
    from .signature_recheck import ACCEPTABLE, recheck_signatures, signer_differs  # pyHanko: when it is shown

    rows = []
    due = deadline(ws, year)
    today = today or clock.today()
    cons = consolidate(ws, year)
    scores = {r.department.id: r.scores.total.score for r in cons.results}
    received = {r.department_id: r for r in ws.store.received(year)}
    rechecked = recheck_signatures(ws, year)
    for d in ws.catalog.master.departments:
        r = received.get(d.id)
        if r is None:
            rows.append(BoardRow(d.id, d.name, d.body_name, "not_started", None, None, None, None, None, None, None,
                                 None, bool(due and today > due)))
            continue
        snap = json.loads(r.snapshot)
        status = {"accepted": "accepted", "returned": "returned"}.get(r.decision or "", "submitted")
        approver = f"{snap['approver'].get('title', '')} {snap['approver'].get('name', '')}".strip()
        submitted = str(snap.get("submitted_at") or "")
        day = clock.japan_date_of(submitted)
        late = bool(due and day and day > due)
        signature = "exception" if r.trust == "exception" else r.signature_status
        now = rechecked.get(r.id)
        # A file taken by exception was never acceptable: only what no exception covers (a signature made
        # after its certificate's revocation, learnt from a later CRL) changes its row.
        lapsed = now is not None and now.state != ACCEPTABLE and (r.trust == "trusted" or now.beyond_exception)
        rows.append(BoardRow(d.id, d.name, d.body_name, status, submitted or None, signature,
                             r.signer_name, approver, r.submission_version, r.id, r.file_name,
                             scores.get(d.id), late, r.exception_reason if r.trust == "exception" else None,
                             now.state if now and lapsed else None,
                             "\n".join(now.reasons) if now and lapsed else None,
                             signer_differs(r.signer_name, snap["approver"].get("name"))))
    return rows

