"""Administration: the checklists and the department master, the town's CA and trust roots, backups,
the operation log, and the demo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.records import LogEntry, LogProblem
from ..fileio import write_csv
from ..paths import shipped_questionnaires_dir, town_questionnaires_dir
from ..questionnaires.problems import ValidationFailed
from ..services.admin.backup import BackupError, BackupInfo, DatabaseCheck, RestoreResult
from ..services.signing.ca import CaInfo, IssuedCert
from ..storage.connection import CorruptDatabase
from ..storage.integrity import IntegrityProblem
from ..storage.repository import IntegrityFailure, PassphraseRequired, WrongPassphrase
from .session import ReadOnlyLook, Session, use_case

__all__ = ["BackupError", "BackupInfo", "CaInfo", "CorruptDatabase", "DatabaseCheck", "IntegrityFailure",
           "IntegrityProblem", "IssuedCert", "LogEntry", "LogProblem", "PassphraseRequired", "ReadOnlyLook",
           "RestoreResult", "ValidationFailed", "WrongPassphrase"]


# -- checklists and the department master ------------------------------------------------------
@dataclass(frozen=True)
class Installed:
    """A definition file taken in: ``kind`` is questionnaire | departments | mapping | changes."""

    kind: str
    title: str
    version: str
    count: int  # items of a checklist, departments of a master
    folder: Path


def install_definition(path: Path, session: Session | None = None) -> Installed:
    """Validate and install the town's own checklist, department master, item mapping or 組織改正 table
    (kept in the user's data folder, never overwritten by an update of the app); an open session reloads."""
    from ..questionnaires.catalog import import_departments, import_mapping_or_changes, import_questionnaire
    from ..questionnaires.yamlsafe import load_yaml_file

    shipped, town = shipped_questionnaires_dir(), town_questionnaires_dir()
    data = load_yaml_file(path).data
    fmt = data.get("format") if isinstance(data, dict) else None
    if fmt in ("mizuho-audit/item-mapping@1", "mizuho-audit/department-changes@1"):
        kind = import_mapping_or_changes(path, shipped, town)
        result = Installed("mapping" if kind == "mapping" else "changes", "", "", 0, town)
    elif fmt == "mizuho-audit/departments@1":
        master = import_departments(path, shipped, town)
        result = Installed("departments", "", str(master.version), len(master.departments), town)
    else:
        q = import_questionnaire(path, shipped, town)
        result = Installed("questionnaire", q.title, q.version, len(list(q.items())), town)
    if session is not None:
        session.reload_catalog()
    return result


def validate_definitions(files: list[Path]) -> list[Any]:
    """Problems of the given checklist / master files (file:line, item, field); [] when fine."""
    from ..questionnaires.catalog import validate_paths

    return validate_paths(files, shipped_questionnaires_dir(), town_questionnaires_dir())


def installed_catalog_summary() -> tuple[int, int, int]:
    """(checklists, items, departments) of what this installation uses; raises ValidationFailed."""
    from ..questionnaires.catalog import load_catalog

    catalog = load_catalog(shipped_questionnaires_dir(), town_questionnaires_dir())
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
             p12_passphrase: bytes) -> IssuedCert:
    from ..services.signing import ca

    return ca.issue_certificate(ca_dir, ca_passphrase, name=name, title=title, department=department, out_p12=out,
                                p12_passphrase=p12_passphrase)


def ca_revoke(ca_dir: Path, serial_hex: str, reason: str, ca_passphrase: bytes | None) -> None:
    from ..errors import InputProblem
    from ..i18n import _
    from ..services.signing import ca

    try:
        serial = int(serial_hex, 16)
    except ValueError as exc:
        raise InputProblem(_("シリアル番号「{serial}」は16進数ではありません。").format(serial=serial_hex)) from exc
    ca.revoke(ca_dir, serial, reason, ca_passphrase=ca_passphrase)


def trust_add(cert_file: Path) -> list[str]:
    """Register a CA certificate (the town's CA, an LGPKI root) as trusted; the names registered."""
    from ..services.signing.trust import register_root

    return register_root(cert_file)


def trust_list() -> tuple[list[str], Path]:
    from ..services.signing.trust import registered_roots, trust_dir

    return [str(c.subject.human_friendly) for c in registered_roots()], trust_dir()


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
    return s.workspace.store.verify_log(expected)


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
    """The deterministic demonstration: department and auditor databases, CA, signed submissions."""
    from ..services.admin.demo import build_demo as build

    return build(directory, year, seed)
