"""The auditor's status board: every department of the master for a 年度, with what was received."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .workspace import Workspace

STATUS_JA = {"not_started": "未提出", "in_progress": "回答中", "submitted": "提出済", "accepted": "受理",
             "returned": "差戻し"}
SIGNATURE_JA = {"valid": "有効", "unsigned": "未署名", "invalid": "無効", "untrusted": "信頼されていない"}


@dataclass(frozen=True)
class BoardRow:
    department: str
    name: str
    body: str
    status: str  # not_started | in_progress | submitted | accepted | returned
    submitted_at: str | None
    signature: str | None  # valid | unsigned | invalid | untrusted | None
    signer: str | None
    approver: str | None
    version: int | None
    received_id: int | None
    file_name: str | None
    score: float | None = None


def board(ws: Workspace, year: int) -> list[BoardRow]:
    rows = []
    received = {r.department_id: r for r in ws.store.received(year)}
    for d in ws.catalog.master.departments:
        r = received.get(d.id)
        if r is None:
            rows.append(BoardRow(d.id, d.name, d.body_name, "not_started", None, None, None, None, None, None, None))
            continue
        snap = json.loads(r.snapshot)
        status = {"accepted": "accepted", "returned": "returned"}.get(r.decision or "", "submitted")
        approver = f"{snap['approver'].get('title', '')} {snap['approver'].get('name', '')}".strip()
        rows.append(BoardRow(d.id, d.name, d.body_name, status, snap.get("submitted_at"), r.signature_status,
                             r.signer_name, approver, r.submission_version, r.id, r.file_name))
    return rows
