"""Plain records read from the store (rows with names)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SubmissionRecord:
    id: int
    assessment_id: int
    version: int
    snapshot: str
    snapshot_hash: str
    approver_name: str
    approver_title: str
    approved_on: str
    submitted_at: str
    submitted_by: str
    reopened_at: str | None
    reopened_by: str | None
    reopen_reason: str | None


@dataclass(frozen=True)
class AttachmentRecord:
    id: int
    assessment_id: int
    item_id: str
    name: str
    size: int
    sha256: str
    added_by: str
    added_at: str


@dataclass(frozen=True)
class ReceivedSubmission:
    id: int
    department_id: str
    fiscal_year: int
    questionnaire_id: str
    questionnaire_version: str
    content_hash: str
    submission_version: int
    snapshot: str
    snapshot_hash: str
    log_hash: str
    file_name: str
    file_sha256: str
    file_kind: str
    signature_status: str | None
    signer_name: str | None
    signer_title: str | None
    signed_at: str | None
    received_at: str
    received_by: str
    superseded_by: int | None
    decision: str | None
    decided_at: str | None
    decided_by: str | None
    decision_reason: str | None
