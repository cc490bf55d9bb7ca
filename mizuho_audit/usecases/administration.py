"""Administration: the checklists and the department master, the town's CA and trust roots, backups,
the operation log, and the demo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.records import LogEntry, LogProblem, SignerRecord
from ..fileio import write_csv
from ..paths import shipped_questionnaires_dir, town_questionnaires_dir
from ..questionnaires.problems import ValidationFailed
from ..services.admin.backup import BackupError, BackupInfo, DatabaseCheck, RestoreResult
from ..storage.connection import CorruptDatabase
from ..storage.integrity import IntegrityProblem
from ..storage.repository import IntegrityFailure, PassphraseRequired, WrongPassphrase
from .session import ReadOnlyLook, Session, use_case

if TYPE_CHECKING:  # the signing code (cryptography) is imported when a CA or trust action runs
    from ..services.signing.ca import CaInfo, IssuedCert
    from ..services.signing.register import CertificateSummary, CrlSummary

__all__ = ["BackupError", "BackupInfo", "CaInfo", "CorruptDatabase", "DatabaseCheck", "IntegrityFailure",
           "IntegrityProblem", "IssuedCert", "LogEntry", "LogProblem", "PassphraseRequired", "ReadOnlyLook",
           "RestoreResult", "ValidationFailed", "WrongPassphrase"]


def __getattr__(name: str) -> Any:
    """``CaInfo`` and ``IssuedCert`` on first use, so that starting the window does not load the signing code."""
    if name in ("CaInfo", "IssuedCert"):
        from ..services.signing import ca

        return getattr(ca, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- checklists and the department master ------------------------------------------------------
@dataclass(frozen=True)
class Installed:
    """A definition file taken in: ``kind`` is questionnaire | departments | mapping | changes | themes (for
    themes, ``year`` is the 年度 and ``count`` the departments given a theme)."""

    kind: str
    title: str
    version: str
    count: int  # items of a checklist, departments of a master
    folder: Path
    year: int = 0  # the 年度 of a theme file
    references: int = 0  # items given references (a crosswalk, or an OSCAL catalog's links)


def install_definition(path: Path, session: Session | None = None) -> Installed:
    """Validate and install the town's own checklist, department master, item mapping, 組織改正 table or
    crosswalk (kept in the user's data folder, never overwritten by an update of the app), or an OSCAL
    catalog (JSON) as the start of the town's own checklist; an open session reloads.
    The auditor's theme file of a 年度 goes into the session's database instead."""
    from ..i18n import _
    from ..questionnaires.catalog import (
        import_crosswalk,
        import_departments,
        import_mapping_or_changes,
        import_questionnaire,
    )
    from ..questionnaires.crosswalk import is_crosswalk
    from ..questionnaires.oscal_import import import_oscal_catalog
    from ..questionnaires.yamlsafe import load_yaml_file
    from ..services import themes
    from .themes import install as install_themes

    shipped, town = shipped_questionnaires_dir(), town_questionnaires_dir()
    if path.suffix.lower() == ".json":
        q, with_refs = import_oscal_catalog(path, shipped, town)
        if session is not None:
            session.reload_catalog()
        return Installed("oscal", q.title, q.version, len(list(q.items())), town, q.fiscal_year, with_refs)
    data = load_yaml_file(path).data
    fmt = data.get("format") if isinstance(data, dict) else None
    if themes.is_theme_file(data):
        if session is None:
            raise themes.ThemeProblem(_("テーマの割当てはデータベースに取り込みます（--db で指定してください）。"))
        taken = install_themes(session, path)
        return Installed("themes", "", "", taken.departments, session.path or town, taken.fiscal_year)
    if fmt in ("mizuho-audit/item-mapping@1", "mizuho-audit/department-changes@1"):
        kind = import_mapping_or_changes(path, shipped, town)
        result = Installed("mapping" if kind == "mapping" else "changes", "", "", 0, town)
    elif is_crosswalk(data):
        crosswalk = import_crosswalk(path, shipped, town)
        result = Installed("crosswalk", crosswalk.questionnaire_id, crosswalk.version, len(crosswalk.refs), town,
                           references=len(crosswalk.refs))
    elif fmt == "mizuho-audit/departments@1":
        master = import_departments(path, shipped, town)
        result = Installed("departments", "", str(master.version), len(master.departments), town)
    else:
        q = import_questionnaire(path, shipped, town)
        result = Installed("questionnaire", q.title, q.version, len(list(q.items())), town)
    if session is not None:
        session.reload_catalog()
    return result


def definition_message(got: Installed) -> str:
    """What was taken in, for a crosswalk or an OSCAL catalog (the other kinds have their own words)."""
    from ..i18n import _

    if got.kind == "crosswalk":
        return _("他の枠組みとの対応表（{id} 版 {version}、{count} 項目）を取り込みました").format(
            id=got.title, version=got.version, count=got.count)
    return _("OSCAL カタログからチェックリスト「{title}」（版 {version}、{count} 項目、参照のある項目 {refs}）を"
             "取り込みました").format(title=got.title, version=got.version, count=got.count, refs=got.references)


def validate_definitions(files: list[Path]) -> list[Any]:
    """Problems of the given checklist / master files (file:line, item, field); [] when fine."""
    from ..questionnaires.catalog import validate_paths
    from ..questionnaires.oscal_import import oscal_catalog_problems

    shipped, town = shipped_questionnaires_dir(), town_questionnaires_dir()
    oscal = [f for f in files if f.suffix.lower() == ".json"]  # an OSCAL catalog, as `questionnaire import` takes
    problems = [p for f in oscal for p in oscal_catalog_problems(f, shipped, town)]
    rest = [f for f in files if f not in oscal]
    return problems + (validate_paths(rest, shipped, town) if rest else [])


def installed_catalog_summary() -> tuple[int, int, int]:
    """(checklists, items, departments) of what this installation uses; raises ValidationFailed."""
    from ..questionnaires.catalog import load_catalog

    catalog = load_catalog(shipped_questionnaires_dir(), town_questionnaires_dir())
    if catalog.crosswalk_problems:
        raise ValidationFailed(catalog.crosswalk_problems)
    return (len(catalog.questionnaires), sum(len(list(q.items())) for q in catalog.questionnaires),
            len(catalog.master.departments))


def coverage(year: int | None = None) -> Any:
    """The coverage report of the checklist in use (``.ok`` tells whether it passes)."""
    from ..questionnaires.catalog import load_catalog
    from ..questionnaires.coverage import coverage_report

    return coverage_report(load_catalog(shipped_questionnaires_dir(), town_questionnaires_dir()), year)


def print_coverage(report: Any, as_json: bool) -> None:
    from ..questionnaires.coverage import print_report

    print_report(report, as_json=as_json)


# -- the town's CA and trust roots ---------------------------------------------------------------
def ca_init(out: Path, passphrase: bytes, name: str = "瑞穂町 自己点検 認証局") -> CaInfo:
    from ..services.signing import ca

    return ca.init_ca(out, passphrase, common_name=name)


def ca_issue(ca_dir: Path, ca_passphrase: bytes, *, name: str, title: str, department: str, out: Path,
             p12_passphrase: bytes, department_id: str = "", role: str = "") -> IssuedCert:
    """A signing certificate of the town's CA; ``department_id`` and ``role`` are written into it."""
    from ..services.signing import ca

    return ca.issue_certificate(ca_dir, ca_passphrase, name=name, title=title, department=department, out_p12=out,
                                p12_passphrase=p12_passphrase, department_id=department_id, role=role)


def ca_revoke(ca_dir: Path, serial_hex: str, reason: str, ca_passphrase: bytes) -> Path:
    """Revoke a certificate of the town's CA and rewrite its signed CRL; the CRL's path."""
    from ..errors import InputProblem
    from ..i18n import _
    from ..services.signing import ca

    try:
        serial = int(serial_hex, 16)
    except ValueError as exc:
        raise InputProblem(_("シリアル番号「{serial}」は16進数ではありません。").format(serial=serial_hex)) from exc
    ca.revoke(ca_dir, serial, reason, ca_passphrase=ca_passphrase)
    return ca_dir / ca.CRL


def trust_candidates(cert_file: Path) -> list[CertificateSummary]:
    """The CA certificates in a file, shown (名前, 組織, 有効期間, 指紋) before they are trusted."""
    from ..services.signing.register import root_candidates

    return [summary for _cert, summary in root_candidates(cert_file)]


@use_case
def trust_add(s: Session, cert_file: Path) -> list[CertificateSummary]:
    """Trust the CA certificates in a file in this database (logged); those trusted already are skipped."""
    from ..services.signing.register import add_roots

    return add_roots(s.workspace, cert_file, actor=s.actor)


@use_case
def trust_list(s: Session) -> list[CertificateSummary]:
    from ..services.signing.register import trusted_summaries

    return trusted_summaries(s.workspace)


@use_case
def trust_remove(s: Session, fingerprint: str, reason: str) -> CertificateSummary:
    from ..services.signing.register import remove_root

    return remove_root(s.workspace, fingerprint, reason=reason, actor=s.actor)


@use_case
def trusts_ca(s: Session, ca_dir: Path) -> bool:
    """Whether this database trusts the town CA of ``ca_dir`` (so its CRL belongs here)."""
    from ..services.signing.ca import load_ca_certificate
    from ..services.signing.register import fingerprint_of

    wanted = fingerprint_of(load_ca_certificate(ca_dir))
    return any(summary.fingerprint == wanted for summary in trust_list(s))


@use_case
def trust_crl(s: Session, crl_file: Path) -> CrlSummary:
    """Keep a trusted CA's CRL (its signature checked) when it is newer than the one kept (logged)."""
    from ..services.signing.register import add_crl

    return add_crl(s.workspace, crl_file, actor=s.actor)


@use_case
def crl_dates(s: Session) -> dict[str, tuple[str, str | None]]:
    return s.workspace.store.crl_dates()


# -- the signer register (the auditor's) -----------------------------------------------------------------
def signer_candidate(cert_file: Path, passphrase: bytes | None = None) -> CertificateSummary:
    """The certificate to register, shown before it is (a .pem/.cer, a .p12, or a signed PDF's signer)."""
    from ..services.signing.register import read_certificates, summarize

    return summarize(read_certificates(cert_file, passphrase)[0])


@use_case
def signer_add(s: Session, cert_file: Path, *, role: str, department_id: str | None = None,
               valid_from: date | None = None, valid_to: date | None = None, match: str = "fingerprint",
               passphrase: bytes | None = None) -> int:
    """Register who may sign what: a department's submission (提出), or the report's 作成 / 確認 / 承認."""
    from ..services.signing.register import read_certificates, register_signer

    s.require_auditor()
    cert = read_certificates(cert_file, passphrase)[0]
    return register_signer(s.workspace, cert, role=role, department_id=department_id, actor=s.actor,
                           valid_from=valid_from, valid_to=valid_to, match=match)


@use_case
def signer_list(s: Session, *, with_removed: bool = False) -> list[SignerRecord]:
    s.require_auditor()
    return s.workspace.store.signers(active_only=not with_removed)


@use_case
def signer_remove(s: Session, signer_id: int, reason: str) -> None:
    s.require_auditor()
    s.workspace.store.remove_signer(signer_id, reason=reason, actor=s.actor)


# -- backups -------------------------------------------------------------------------------------
def backup_file(db: Path, out: Path) -> Path:
    """A checked copy of a database file (no passphrase needed)."""
    from ..services.admin.backup import backup

    return backup(db, out)


@use_case
def backup_open(s: Session, out: Path) -> Path:
    """A checked copy of the open database."""
    from ..services.admin.backup import backup

    return backup(s.workspace.store, out)


def automatic_backup_of(db: Path, keep: int) -> Path:
    """The automatic backup into the data folder's ``backups/`` (from its own connection: any thread)."""
    from ..services.admin.backup import automatic_backup

    return automatic_backup(db, keep=keep)


@use_case
def automatic_backup_open(s: Session) -> Path:
    """The automatic backup of the open database; refused (IntegrityFailure) for an auditor's database that
    fails its self-check now, so that a changed database never pushes the good backups out."""
    from ..services.admin.backup import automatic_backup, keep_count

    s.require_intact()
    return automatic_backup(s.workspace.store, keep=keep_count(s.workspace.store))


@use_case
def backups_kept(s: Session) -> int:
    from ..services.admin.backup import keep_count

    return keep_count(s.workspace.store)


@use_case
def change_count(s: Session) -> int:
    """Changes made through this connection so far (tells whether a backup on exit is needed)."""
    return s.workspace.store.change_count()


def backups(db: Path) -> list[BackupInfo]:
    from ..services.admin.backup import list_backups

    return list_backups(db)


def backups_folder(db: Path) -> Path:
    from ..services.admin.backup import backups_folder as folder

    return folder(db)


def latest_good_backup(db: Path) -> BackupInfo | None:
    from ..services.admin.backup import latest_good_backup as latest

    return latest(db)


def inspect(path: Path) -> DatabaseCheck:
    """What a database or backup file is (kind, schema, whether it is sound), without changing it."""
    from ..services.admin.backup import inspect_database

    return inspect_database(path)


def opens_with(check: DatabaseCheck, passphrase: str) -> bool:
    from ..services.admin.backup import opens_with as check_passphrase

    return check_passphrase(check, passphrase)


def restore(db: Path, source: Path, *, allow_role_change: bool = False, actor: str = "(アプリ)") -> RestoreResult:
    """Replace the database file by a checked backup; the current file is kept under another name."""
    from ..services.admin.backup import restore as run

    return run(db, source, allow_role_change=allow_role_change, actor=actor)


def close_database(s: Session) -> None:
    """Close the session's database file (before it is replaced); reopen it with :func:`reopen_database`."""
    s.workspace.store.close()


@use_case
def reopen_database(s: Session, passphrase: str | None) -> None:
    """Open the session's database file again (e.g. after it was replaced)."""
    from ..services.admin.backup import reattach
    from ..storage.repository import Store

    assert s.path is not None
    reattach(s.workspace, Store.open(s.path, passphrase=passphrase))


# -- the operation log ---------------------------------------------------------------------------
@use_case
def log_entries(s: Session) -> list[LogEntry]:
    return s.workspace.store.log_entries()


@use_case
def verify_log(s: Session, submission_files: list[Path] | None = None, *, thorough: bool = True) -> list[LogProblem]:
    """Edited, inserted or deleted entries; with submission files exported from this (department's)
    database, also a cut tail.

    On an auditor's database, the whole self-check: every sealed row's MAC, every stored snapshot against its
    hash, every kept file against its hash, the log's chain and end, every row against the log's replay, and
    (``thorough``) every kept submission file read again (signature intact, the answers inside it the stored
    ones). Each problem says what was changed (the department's submission, the finding, the log entry)."""
    from ..errors import InputProblem
    from ..i18n import _
    from ..services.submission.submission import read_submission

    expected = []
    if submission_files and s.is_auditor:
        raise InputProblem(_("提出ファイルが記録しているのは部署用データベースの操作履歴です。"
                             "書き出した部署のデータベースで確かめてください。"))
    if s.is_auditor:
        from ..services.intake.integrity_check import kept_file_problems

        problems = [LogProblem(0, str(p)) for p in s.workspace.store.integrity_problems()]
        if thorough:
            problems += [LogProblem(0, m) for m in kept_file_problems(s.workspace)]
        return problems
    for f in submission_files or []:
        expected.append(read_submission(f).log_hash)
    # Who answers what (schema 9) is what the log's assignment entries say.
    return s.workspace.store.verify_log(expected) + s.workspace.store.assignment_problems()


@use_case
def integrity_counts(s: Session) -> dict[str, int]:
    """What the auditor's database's self-check covered: received submissions, kept files, findings, MACs."""
    return s.workspace.store.integrity_counts()


LOG_CSV_HEADER = ["番号", "日時", "操作者", "役割", "操作", "操作コード", "対象", "内容", "直前のハッシュ", "ハッシュ"]


def write_log_csv(entries: list[LogEntry], out: Path) -> Path:
    """The log as CSV for Excel (a record of the town: always Japanese; formulas defused, details as JSON)."""
    from ..domain.vocabulary import LOG_ACTIONS, role_word

    rows = [[e.seq, e.at, e.actor, role_word(e.role), LOG_ACTIONS.get(e.action, e.action), e.action, e.target,
             e.details, e.prev_hash, e.hash] for e in entries]
    return write_csv(out, LOG_CSV_HEADER, rows)


@use_case
def export_log(s: Session, out: Path) -> Path:
    """The whole log of the open database as CSV."""
    return write_log_csv(s.workspace.store.log_entries(), out)


# -- the demo ------------------------------------------------------------------------------------
DEMO_SEED = 20261120  # the seed the README's demo uses


def build_demo(directory: Path, year: int, seed: int = DEMO_SEED) -> Any:
    """The deterministic demonstration: department and auditor databases, CA, signed submissions.
    Refused (:class:`~mizuho_audit.usecases.holding.DatabaseInUse`) while someone holds one of the demo's
    databases, which a run replaces."""
    from ..services.admin.demo import DEMO_DATABASES
    from ..services.admin.demo import build_demo as build
    from .holding import hold

    locks = []
    try:
        for name in DEMO_DATABASES:
            locks.append(hold(directory / name, None))
        return build(directory, year, seed)
    finally:
        for lock in locks:
            lock.release()
