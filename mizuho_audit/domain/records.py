"""Plain records read from the store (rows with names)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import _


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
    trust: str | None = None  # trusted | exception | unsigned: how the file was taken in
    exception_reason: str | None = None  # the auditor's reason for taking an untrusted file in


@dataclass(frozen=True)
class FindingRecord:
    id: int
    fiscal_year: int
    department_id: str
    item_id: str
    source: str
    grade: str
    title: str
    text: str
    recommendation: str
    due: str
    responsible: str
    status: str
    confirmed: int
    carried_from: int | None
    department_report: str
    reported_status: str
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str


@dataclass(frozen=True)
class FollowupRecord:
    id: int
    finding_ref: int
    fiscal_year: int
    department_id: str
    grade: str
    title: str
    text: str
    recommendation: str
    due: str
    item_id: str
    file_sha256: str
    imported_at: str


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: str
    actor: str
    role: str
    action: str
    target: str
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class LogProblem:
    seq: int
    message: str

    def __str__(self) -> str:
        return _("{seq} 番目: {message}").format(seq=self.seq, message=self.message) if self.seq else self.message


@dataclass(frozen=True)
class HistoryEntry:
    item_id: str
    field: str
    old_value: str | None
    new_value: str | None
    changed_by: str
    changed_at: str


@dataclass(frozen=True)
class TrustRootRecord:
    """A root certificate the database trusts (the town CA, an LGPKI root)."""

    fingerprint: str  # SHA-256 of the DER, hex
    subject: str
    der: bytes
    added_at: str
    added_by: str


@dataclass(frozen=True)
class SignerRecord:
    """Who may sign what: a certificate registered for a department's submission or a field of the report."""

    id: int
    fingerprint: str | None
    subject: str
    issuer: str
    holder_name: str
    holder_title: str
    match: str  # fingerprint | subject (an LGPKI certificate renewed under the same name and issuer)
    role: str  # submission | author | reviewer | approver
    department_id: str | None
    valid_from: str  # ISO date
    valid_to: str
    added_at: str
    added_by: str
    removed_at: str | None
    removed_by: str | None
    removed_reason: str | None

    @property
    def active(self) -> bool:
        return self.removed_at is None
