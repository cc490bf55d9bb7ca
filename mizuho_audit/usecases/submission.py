"""A department submits its answers with the head's approval, exports the submission file, and takes
in what the auditor sends back (a 差戻し notice or a 結果通知)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.records import SubmissionRecord
from ..domain.vocabulary import SETTING_APPROVER_NAME, SETTING_APPROVER_TITLE
from ..services.submission.workflow import Approver, IncompleteError, WorkflowError, describe_missing
from ..services.workspace import Checklist
from .session import Session, use_case

if TYPE_CHECKING:
    from ..services.submission.submission import SubmissionFile

__all__ = ["Approver", "IncompleteError", "SubmissionRecord", "WorkflowError", "describe_missing"]


@dataclass(frozen=True)
class StatusLine:
    """What the window shows about a checklist's submission."""

    status: str  # in_progress | submitted | returned | not_started
    version: int | None  # the latest submission's version
    approver_name: str
    return_reason: str  # the latest 差戻し reason, while the checklist is open again


@use_case
def missing_items(s: Session, cl: Checklist) -> list[tuple[str, list[str]]]:
    """What still blocks 提出: (item id, fields missing)."""
    from ..services.submission.workflow import check_complete

    return check_complete(s.workspace, cl)


@use_case
def last_approver(s: Session) -> tuple[str, str]:
    """The approver's name and title given at the last submission (to fill the form)."""
    return s.setting(SETTING_APPROVER_NAME, "") or "", s.setting(SETTING_APPROVER_TITLE, "") or ""


@use_case
def certificate_holder(p12: Path, passphrase: bytes | None) -> tuple[str, str]:
    """The name and title of the holder of the certificate in ``p12`` (to fill the approver from it)."""
    from ..services.signing.holder import holder_of
    from ..services.signing.signing import certificate_of

    return holder_of(certificate_of(p12, passphrase))


@use_case
def submit(s: Session, cl: Checklist, approver: Approver, *, p12: Path | None = None,
           passphrase: bytes | None = None) -> SubmissionRecord:
    """提出: refused while anything is missing; the answers are frozen and hashed (logged). With ``p12``, the
    certificate the submission is to be signed with, an approver other than its holder is refused here, as
    the auditor's import would refuse the file."""
    from ..services.submission import workflow

    s.require_department()
    if p12 is not None:
        from ..services.signing.holder import approver_refusal
        from ..services.signing.signing import certificate_of

        refusal = approver_refusal(approver.name, approver.title, certificate_of(p12, passphrase))
        if refusal:
            raise WorkflowError(refusal)
    record = workflow.submit(s.workspace, cl, approver, s.actor)
    s.remember(SETTING_APPROVER_NAME, approver.name)
    s.remember(SETTING_APPROVER_TITLE, approver.title)
    return record


@use_case
def reopen(s: Session, cl: Checklist, reason: str) -> None:
    """The approver takes a submission back (with a reason, logged); the next one is a new version."""
    from ..services.submission import workflow

    workflow.reopen(s.workspace, cl, reason, s.actor)


@use_case
def status_line(s: Session, cl: Checklist) -> StatusLine:
    store = s.workspace.store
    status = store.status_of(cl.assessment.id)
    subs = store.submissions(cl.assessment.id)
    notices = store.notices(cl.department.id, cl.year)
    return StatusLine(status, subs[-1].version if subs else None, subs[-1].approver_name if subs else "",
                      str(notices[-1]["reason"]) if notices and status != "submitted" else "")


@use_case
def export_file(s: Session, cl: Checklist, out: Path, *, p12: Path | None = None,
                passphrase: bytes | None = None, crl_files: list[Path] | None = None) -> Path:
    """The submission file: a PDF carrying the answers (PAdES-signed with ``p12``, the approver's own
    certificate, with the CRLs kept in the database and ``crl_files`` embedded), or JSON."""
    from ..services.signing.trust import crls_for
    from ..services.submission.submission import export_submission

    return export_submission(s.workspace, cl, out, actor=s.actor, p12=p12, passphrase=passphrase,
                             crls=crls_for(s.workspace, crl_files or []))


@dataclass(frozen=True)
class NoticeTaken:
    """A notice taken in: ``kind`` is ``returned`` (差戻し) or ``result`` (結果通知)."""

    kind: str
    fiscal_year: int
    reason: str  # the 差戻し reason
    findings: int  # the findings of a 結果通知
    added: int  # of those, newly stored (0 when the notice was taken in before)
    warnings: list[str]


@use_case
def import_notice(s: Session, path: Path, trust_files: list[Path] | None = None) -> NoticeTaken:
    """Take in what the auditor sent: a 差戻し puts the checklist back to 回答中; a 結果通知 brings the
    findings that reappear in next year's checklist."""
    from ..services.signing.trust import roots_for
    from ..services.submission.notice import import_any_notice

    s.require_department()
    kind, got = import_any_notice(s.workspace, path, s.actor, roots_for(s.workspace, trust_files or []))
    if kind == "result":
        return NoticeTaken("result", int(got.fiscal_year), "", int(got.findings), int(got.added), list(got.warnings))
    data: dict[str, Any] = got.data
    return NoticeTaken("returned", int(data.get("fiscal_year", 0) or 0), str(data["reason"]), 0, 0, list(got.warnings))


def read_file(path: Path, trust_files: list[Path] | None = None, crl_files: list[Path] | None = None,
              session: Session | None = None) -> SubmissionFile:
    """A submission file read back and checked: who signed, whether it was altered, the answers' hash
    (trusted by ``trust_files`` and the open database's roots; revocation by its CRLs and ``crl_files``)."""
    from ..services.signing.trust import crls_for, roots_for
    from ..services.submission.submission import read_submission

    ws = session.workspace if session is not None else None
    return read_submission(path, roots_for(ws, trust_files or []), crls_for(ws, crl_files or []))
