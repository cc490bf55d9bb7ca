"""The auditor's intake: import submission files, accept or return them, the status board and deadline,
and the consolidated scores the dashboard shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.records import ReceivedSubmission
from ..domain.vocabulary import MISSING_STATUSES
from ..errors import InputProblem
from ..fileio import write_csv
from ..i18n import _
from ..services.intake.consolidation import Consolidation, DepartmentResult, FailingItem
from ..services.intake.status_board import STATUS_JA, BoardRow
from .session import Session, use_case

if TYPE_CHECKING:  # the import and signature code (pyHanko, the page reader) loads when it is used
    from ..services.intake.intake import AnswerDiff, ImportResult
    from ..services.intake.signature_recheck import SignatureRecheck

__all__ = ["AnswerDiff", "BoardRow", "Consolidation", "DepartmentResult", "FailingItem", "ImportResult",
           "ReceivedSubmission", "SignatureRecheck"]

Progress = Callable[[int, int, Path], None]


def __getattr__(name: str) -> Any:
    """``AnswerDiff``, ``ImportResult`` and ``SignatureRecheck`` on first use (a command that imports nothing
    does not load the import code)."""
    if name in ("AnswerDiff", "ImportResult"):
        from ..services.intake import intake

        return getattr(intake, name)
    if name == "SignatureRecheck":
        from ..services.intake import signature_recheck

        return signature_recheck.SignatureRecheck
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def submission_files(paths: Iterable[Path]) -> list[Path]:
    """Files given directly, and the submission files inside given folders."""
    from ..services.intake.intake import submission_files as files

    return files(paths)


@use_case
def import_files(s: Session, paths: Iterable[Path], *, trust_files: list[Path] | None = None,
                 crl_files: list[Path] | None = None, refuse_unsigned: bool = False, exception_reason: str = "",
                 confirm_changes: bool = False, progress: Progress | None = None) -> list[ImportResult]:
    """Import submission files (PDF, JSON, Excel answer workbooks), each checked, all or nothing per file.

    A signed file needs the database's trust roots (and ``trust_files``, confirmed for this import only)
    and a signer registered for its department, and must not be revoked (the database's CRLs and
    ``crl_files``). ``exception_reason`` takes such a file anyway, deliberately: logged and printed in
    the report. ``refuse_unsigned`` refuses unsigned inputs too."""
    from ..services.intake.intake import import_many
    from ..services.intake.trust_checks import ImportOptions
    from ..services.signing.register import read_certificates

    s.require_auditor()
    s.require_intact(_("提出を取り込むこと"))  # the trust roots, CRLs and signers it rests on among the rest
    roots = tuple(c for f in trust_files or [] for c in read_certificates(f))
    crls = tuple(_read(f) for f in crl_files or [])
    options = ImportOptions(roots=roots, crls=crls, exception_reason=exception_reason,
                            refuse_unsigned=refuse_unsigned, confirm_changes=confirm_changes)
    return import_many(s.workspace, paths, actor=s.actor, options=options, progress=progress)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputProblem(_("{name}: ファイルを読めません。").format(name=path.name)) from exc


def _current(s: Session, department_id: str, year: int) -> ReceivedSubmission:
    current = s.workspace.store.received(year, department_id)
    if not current:
        raise InputProblem(_("{department} の{year}年度の提出は取り込まれていません。"
                             ).format(department=department_id, year=year))
    return current[-1]


@use_case
def accept(s: Session, department_id: str, year: int) -> None:
    """受理 of the department's current submission (logged)."""
    from ..services.intake.intake import accept as accept_current

    s.require_auditor()
    accept_current(s.workspace, department_id, year, s.actor)


@use_case
def return_submission(s: Session, department_id: str, year: int, reason: str, out: Path, *,
                      p12: Path | None = None, passphrase: bytes | None = None) -> Path:
    """差戻し of the department's current submission, with the (signed) notice file for the department."""
    from ..services.submission.notice import write_return_notice

    s.require_auditor()
    s.require_intact(_("差戻し通知を作ること"))
    return write_return_notice(s.workspace, _current(s, department_id, year), reason, out, actor=s.actor,
                               p12=p12, passphrase=passphrase)


@use_case
def board(s: Session, year: int) -> list[BoardRow]:
    """Every department of the master for the 年度: status, signature, score, deadline mark."""
    from ..services.intake.status_board import board as rows

    s.require_auditor()
    return rows(s.workspace, year)


@use_case
def recheck_signatures(s: Session, year: int) -> dict[int, SignatureRecheck]:
    """Received id -> the current state of each signed submission of the 年度, checked again against the
    database's trust roots, CRLs and signer register as they are now (the decision taken stays as it was)."""
    from ..services.intake.signature_recheck import recheck_signatures as recheck

    s.require_auditor()
    return recheck(s.workspace, year)


@use_case
def deadline(s: Session, year: int) -> date | None:
    from ..services.intake.status_board import deadline as due

    return due(s.workspace, year)


@use_case
def set_deadline(s: Session, year: int, day: date) -> None:
    from ..services.intake.status_board import set_deadline as set_due

    s.require_auditor()
    set_due(s.workspace, year, day, s.actor)


def export_missing(rows: list[BoardRow], out: Path) -> Path:
    """The departments not yet submitted, as CSV for Excel."""
    return write_csv(out, ["部署ID", "部署", "機関", "状態", "期限超過"],
                     [[r.department, r.name, r.body, STATUS_JA[r.status], "○" if r.overdue else ""]
                      for r in rows if r.status in MISSING_STATUSES])


@use_case
def consolidate(s: Session, year: int) -> Consolidation:
    from ..services.intake.consolidation import consolidate as run

    return run(s.workspace, year)


@use_case
def trend(s: Session, years: list[int]) -> dict[str, dict[int, float | None]]:
    from ..services.intake.consolidation import trend as run

    return run(s.workspace, years)


@use_case
def years_with_work(s: Session) -> list[int]:
    """Every 年度 with a checklist, a submission or a finding."""
    return sorted(set(s.years()) | {f.fiscal_year for f in s.workspace.store.findings()})
