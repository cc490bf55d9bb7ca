"""What the auditor issues: the audit workbook, the PDF audit report, each department's 結果通知,
and signing (the approver's signature closes the 年度) and verifying PDFs."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.vocabulary import (
    APPROVER_FIELD,
    CA_CERT_FILE,
    CA_CRL_FILE,
    REPORT_FIELDS,
    SETTING_REPORT_APPROVER,
    SETTING_REPORT_REVIEWER,
    SIGNING_REASONS,
)
from ..errors import InputProblem
from ..fileio import write_atomic
from ..i18n import _
from .session import Session, use_case

if TYPE_CHECKING:  # pyHanko loads when a signature is checked
    from ..domain.questionnaire import Questionnaire
    from ..services.reports.preliminary import Preliminary
    from ..services.reports.report_details import ReportDetails
    from ..services.signing.signature_check import SignatureReport

__all__ = ["SignatureReport", "Signed"]


def __getattr__(name: str) -> Any:
    """``SignatureReport`` on first use."""
    if name == "SignatureReport":
        from ..services.signing.signature_check import SignatureReport

        return SignatureReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


Progress = Callable[[int, int, str], None]


@use_case
def write_workbook(s: Session, year: int, out: Path, progress: Progress | None = None) -> Path:
    """The audit workbook: 概要, ヒートマップ, 部署別, 指摘事項, 改善計画, 全回答 (logged)."""
    from ..services.reports.excel_report import write_audit_workbook

    s.require_auditor()
    s.require_intact(_("監査結果のワークブックを作ること"))
    return write_audit_workbook(s.workspace, year, out, actor=s.actor, progress=progress)


def report_people(s: Session) -> tuple[str, str]:
    """The reviewer and approver named on the last report (to fill the form)."""
    return s.setting(SETTING_REPORT_REVIEWER, "") or "", s.setting(SETTING_REPORT_APPROVER, "") or ""


@use_case
def preliminary(s: Session, year: int) -> Preliminary:
    """Whether a report built today is a 速報 (deadline not passed, submissions not yet 受理), and why."""
    from ..services.reports.preliminary import preliminary_reasons

    s.require_auditor()
    return preliminary_reasons(s.workspace, year)


@use_case
def unconfirmed_findings(s: Session, year: int) -> int:
    """Proposals the auditor has not confirmed yet (a report or 結果通知 leaves them out)."""
    s.require_auditor()
    return sum(1 for f in s.workspace.store.findings(year) if not f.confirmed)


@use_case
def details(s: Session, year: int) -> ReportDetails:
    """The 年度's 総括, 宛先 and 文書番号 ("" where none is written)."""
    from ..services.reports.report_details import report_details

    s.require_auditor()
    return report_details(s.workspace, year)


@use_case
def set_summary(s: Session, year: int, text: str) -> ReportDetails:
    """The auditor's judgement (総括) of the 年度, printed first in the report (logged; "" removes it)."""
    from ..services.reports.report_details import set_report_summary

    s.require_auditor()
    return set_report_summary(s.workspace, year, text, actor=s.actor)


@use_case
def set_summary_from_file(s: Session, year: int, path: Path) -> ReportDetails:
    """The 総括 from a text file (UTF-8 or Shift_JIS)."""
    from ..services.reports.report_details import read_summary_file

    return set_summary(s, year, read_summary_file(path))


@use_case
def set_cover(s: Session, year: int, *, addressee: str, document_number: str) -> ReportDetails:
    """The report cover's 宛先 and 文書番号 (logged)."""
    from ..services.reports.report_details import set_report_cover

    s.require_auditor()
    return set_report_cover(s.workspace, year, addressee=addressee, document_number=document_number,
                            actor=s.actor)


@use_case
def write_report(s: Session, year: int, out: Path, *, author: str | None = None, reviewer: str = "",
                 approver: str = "", marked: Preliminary | None = None) -> Path:
    """The PDF audit report with its empty signature fields (logged with its SHA-256). ``marked`` is the
    速報 decision shown to the user (:func:`preliminary`); without it, it is made for today."""
    from ..services.reports.audit_report import write_audit_report

    s.require_auditor()
    s.require_intact(_("監査報告書を作ること"))
    path = write_audit_report(s.workspace, year, out, actor=s.actor, author=author or s.actor, reviewer=reviewer,
                              approver=approver, preliminary=marked)
    s.remember(SETTING_REPORT_REVIEWER, reviewer)
    s.remember(SETTING_REPORT_APPROVER, approver)
    return path


@use_case
def write_result_notices(s: Session, year: int, out: Path, *, department_id: str | None = None,
                         p12: Path | None = None, passphrase: bytes | None = None) -> list[Path]:
    """The signed 結果通知 of one department (``out`` a file) or of every department (``out`` a folder)."""
    from ..services.findings.result_notice import write_all_result_notices, write_result_notice

    s.require_auditor()
    s.require_intact(_("結果通知を作ること"))
    if department_id:
        return [write_result_notice(s.workspace, year, department_id, out, actor=s.actor, p12=p12,
                                    passphrase=passphrase)]
    return write_all_result_notices(s.workspace, year, out, actor=s.actor, p12=p12, passphrase=passphrase)


# -- signing ---------------------------------------------------------------------------------
def ca_crl(ca_dir: Path | None) -> list[Path]:
    """The CRL the town's CA keeps in its folder, when there is one."""
    if ca_dir is None or not (ca_dir / CA_CRL_FILE).exists():
        return []
    return [ca_dir / CA_CRL_FILE]


def crl_beside(p12: Path) -> list[Path]:
    """The town CA's CRL kept in the same folder as a signer's certificate (how admin.md hands it out)."""
    crl = p12.parent / CA_CRL_FILE
    return [crl] if crl.exists() else []


def ca_certificate(ca_dir: Path | None) -> list[Path]:
    return [] if ca_dir is None else [ca_dir / CA_CERT_FILE]


def next_empty_field(pdf: bytes) -> str | None:
    """The report's next field to sign, in order (作成者, 確認者 if present, 承認者); None when all are signed."""
    from ..services.signing.signing import signature_fields

    fields = signature_fields(pdf)
    return next((f for f in REPORT_FIELDS if f in fields and not fields[f]), None)


@dataclass(frozen=True)
class Signed:
    out: Path
    field: str
    sha256: str
    closed_year: int | None


@use_case
def sign(s: Session | None, src: Path, out: Path, *, p12: Path, passphrase: bytes | None,
         field: str | None = None, reason: str | None = None, close_year: int | None = None,
         trust_files: list[Path] | None = None, crls: list[Path] | None = None, box: tuple[float, ...] | None = None,
         page: int = -1, timestamp_url: str | None = None, year: int | None = None) -> Signed:
    """Sign a PDF (PAdES, a visible stamp in a laid-out field). Without ``field`` the report's next empty
    field is signed; the reason follows the field. ``close_year`` (the approver's signature, on the
    auditor's database) closes the 年度. Every check is made before anything is written."""
    from ..services.signing.signing import sign_pdf
    from ..services.signing.trust import crls_for, roots_for

    try:
        pdf = src.read_bytes()
    except OSError as exc:
        raise InputProblem(_("ファイルを読めません: {error}").format(error=exc)) from exc
    chosen = field or next_empty_field(pdf)
    if chosen is None:
        raise InputProblem(_("この PDF の署名欄（{fields}）にはすべて署名があります。"
                             ).format(fields="・".join(REPORT_FIELDS)))
    if close_year is not None:
        if s is None:
            raise InputProblem(_("年度締めには監査担当用のデータベースが必要です（--db）。"))
        s.require_auditor()
        s.require_intact(_("年度を締めること"))
        if chosen != APPROVER_FIELD:
            raise InputProblem(_("年度締めは「{field}」の署名で行います（この署名は「{chosen}」の欄です）。"
                                 "何も書き出していません。").format(field=APPROVER_FIELD, chosen=chosen))
    from ..services.signing.report_roles import signing_problems
    from ..services.signing.signing import certificate_of

    problems = signing_problems(s.workspace if s else None, pdf, chosen, certificate_of(p12, passphrase))
    if problems:
        raise InputProblem(_("署名欄「{field}」には署名できません。何も書き出していません。").format(field=chosen)
                           + "".join("\n  - " + p for p in problems))
    signed = sign_pdf(pdf, p12, passphrase, field_name=chosen, reason=reason or SIGNING_REASONS.get(chosen, "署名"),
                      visible=box is not None, box=None if box is None else (box[0], box[1], box[2], box[3]),
                      page=page, trust_roots=roots_for(s.workspace if s else None, trust_files or []),
                      crls=crls_for(s.workspace if s else None, crls or []),
                      timestamp_url=timestamp_url)
    digest = hashlib.sha256(signed).hexdigest()
    write_atomic(out, signed)
    if s is not None and s.is_auditor:
        year = close_year or year
        s.workspace.store.log(s.actor, "report_signed", f"year:{year}" if year else f"file:{out.name}",
                              {"file": out.name, "sha256": digest, "field": chosen})
        if close_year is not None:
            s.workspace.store.close_year(close_year, actor=s.actor, report_sha256=digest)
    return Signed(out, chosen, digest, close_year)


@use_case
def closed_year(s: Session, year: int) -> dict[str, str] | None:
    return s.workspace.store.closed_year(year)


@use_case
def reopen_year(s: Session, year: int, reason: str) -> None:
    """Lift 年度締め with a reason (logged)."""
    s.require_auditor()
    s.workspace.store.reopen_year(year, reason=reason, actor=s.actor)


def verify(pdf: Path, *, trust_files: list[Path] | None = None, crls: list[Path] | None = None,
           session: Session | None = None) -> list[SignatureReport]:
    """Every signature of ``pdf``: who, when, intact, trusted, valid at signing (nothing fetched). Trusted by
    ``trust_files`` and the open database's roots; revocation by its CRLs and ``crls``."""
    from ..services.signing.signing import verify_report
    from ..services.signing.trust import crls_for, roots_for

    ws = session.workspace if session is not None else None
    try:
        data = pdf.read_bytes()
    except OSError as exc:
        raise InputProblem(_("ファイルを読めません: {error}").format(error=exc)) from exc
    return verify_report(data, roots_for(ws, trust_files or []), crls=crls_for(ws, crls or []))


def role_problems(pdf: Path, reports: list[SignatureReport], session: Session | None = None) -> dict[str, list[str]]:
    """For an audit report: each field whose signer is not the person printed, signed out of turn, shares a
    certificate with another field, or (an auditor's database) is not registered for the field's role."""
    from ..services.signing.report_roles import role_problems as problems_of

    return problems_of(session.workspace if session is not None else None, pdf.read_bytes(), reports)


def all_ok(reports: list[SignatureReport]) -> bool:
    """At least one signature, and every one intact, trusted and valid."""
    return bool(reports) and all(r.ok for r in reports)


# -- OSCAL -------------------------------------------------------------------------------------
def write_oscal_catalog(year: int, out: Path, session: Session | None = None) -> Questionnaire:
    """The 年度's checklist (the open database's catalog, or the installed one) as an OSCAL 1.1 catalog,
    with the crosswalk's references as links. Needs no database."""
    from ..paths import shipped_questionnaires_dir, town_questionnaires_dir
    from ..questionnaires.catalog import load_catalog
    from ..services.reports.oscal import write_catalog

    catalog = session.workspace.catalog if session is not None else load_catalog(
        shipped_questionnaires_dir(), town_questionnaires_dir())
    q = catalog.for_year(year)
    if q is None:
        raise InputProblem(_("{year}年度のチェックリストがありません。何も書き出していません。").format(year=year))
    write_catalog(q, out)
    return q


@use_case
def write_oscal_results(s: Session, year: int, out: Path) -> tuple[Path, int]:
    """The 年度's consolidated results as OSCAL assessment-results (logged); (file, departments)."""
    from ..services.reports.oscal import write_results

    s.require_auditor()
    s.require_intact(_("OSCAL の監査結果を作ること"))
    return write_results(s.workspace, year, out, actor=s.actor)
