"""結果通知: the auditor's result notice to one department, and the department taking it in.

An A4 PDF (取扱注意, "n / N") with the department's scores beside the town's, by chapter, and the
confirmed 指摘事項 it receives. Like the 差戻し notice, it carries its content as an embedded JSON
(``mizuho-audit-result.json``) and is signed by the auditor; the department's tool reads the JSON back
and keeps the findings as follow-ups, which come back in next 年度's checklist as 改善報告.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.x509.oid import NameOID

from ...domain.departments import Department
from ...domain.records import FindingRecord
from ...domain.scoring import TownScores
from ...domain.wareki import fiscal_year_label
from ...errors import InputProblem
from ...fileio import write_atomic
from ...i18n import _, current_language
from ...oserrors import os_reason
from ...storage.repository import now_iso
from ..intake.consolidation import Consolidation, DepartmentResult, consolidate
from ..signing.signing import (
    SignatureCheck,
    SigningError,
    TrustRoot,
    attach_file,
    certificate_of,
    embedded_files,
    sign_pdf,
    verify_pdf,
)
from ..workspace import Workspace
from .findings import GRADE_LABELS, TOWN_WIDE, for_department
from .result_notice_pdf import GRADE_ORDER, TITLE, chapter_rows, render_result_notice, rounded, sorted_findings

RESULT_FORMAT = "mizuho-audit/result-notice@1"
RESULT_FILE = "mizuho-audit-result.json"
SIGNATURE_FIELD = "監査担当"
CONTACT_SETTING = "notice_contact"  # e.g. 内線 1234: added to the 問合せ先 line of the 結果通知
__all__ = ["CONTACT_SETTING", "GRADE_ORDER", "RESULT_FILE", "RESULT_FORMAT", "SIGNATURE_FIELD", "TITLE",
           "ImportedResult", "ResultNoticeError", "import_result_notice", "notice_file_name", "render_result_notice",
           "signer_name", "write_all_result_notices", "write_result_notice"]


class ResultNoticeError(InputProblem):
    """A result notice that cannot be written or taken in; the message is for the user (in their language)."""


@dataclass
class ImportedResult:
    """What a department took in from a result notice."""

    department_id: str
    department_name: str
    fiscal_year: int
    findings: int  # findings in the notice
    added: int  # of those, newly stored (0 when the notice was taken in before)
    signature: SignatureCheck
    file_sha256: str
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Writing (auditor)


def _payload(result: DepartmentResult, town: TownScores, findings: Sequence[FindingRecord], *, year: int,
             issued_by: str, issued_at: str) -> dict[str, Any]:
    dep = result.department
    chapters = [{"id": cid, "title": title, "department": rounded(d), "town": rounded(t)}
                for cid, title, d, t in chapter_rows(result, town)]
    return {
        "format": RESULT_FORMAT,
        "department": {"id": dep.id, "name": dep.name},
        "fiscal_year": year,
        "submission_version": result.received.submission_version,
        "snapshot_hash": result.received.snapshot_hash,
        "issued_by": issued_by,
        "issued_at": issued_at,
        "scores": {"total": {"department": rounded(result.scores.total.score), "town": rounded(town.total.score)},
                   "chapters": chapters},
        "findings": [{"id": f.id, "fiscal_year": f.fiscal_year, "department_id": dep.id, "grade": f.grade,
                      "title": f.title, "text": f.text, "recommendation": f.recommendation, "due": f.due,
                      "item_id": f.item_id, "responsible": f.responsible, "town_wide": f.department_id == TOWN_WIDE}
                     for f in sorted_findings(findings)],
    }


def notice_file_name(year: int, department: Department) -> str:
    """``2026-jumin-住民課-結果通知.pdf`` (characters Windows forbids in file names are replaced)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", department.name).strip(" .") or department.id
    return f"{year}-{department.id}-{name}-結果通知.pdf"


def _year(year: int) -> str:
    """The 年度 in a message: 令和8年度 in Japanese, FY2026 in English."""
    return fiscal_year_label(year) if current_language() == "ja" else _("{year}年度").format(year=year)


def _result_of(ws: Workspace, cons: Consolidation, year: int, department_id: str) -> DepartmentResult:
    try:
        label = ws.department(department_id).name
    except KeyError:
        raise ResultNoticeError(_("部署「{department}」はこのデータベースにありません。"
                                  ).format(department=department_id)) from None
    result = cons.result(department_id)
    if result is None:
        raise ResultNoticeError(_("{department}の{year}の提出は取り込まれていません。"
                                  "結果通知は、提出を取り込んだ部署にだけ作成できます。"
                                  ).format(department=label, year=_year(year)))
    if result.received.decision == "returned":
        raise ResultNoticeError(_("{department}の{year}の提出は差戻し中です。"
                                  "再提出を取り込んでから結果通知を作成してください。"
                                  ).format(department=label, year=_year(year)))
    return result


def signer_name(p12: Path, passphrase: bytes | None) -> str:
    """The name (CN) on the certificate in ``p12``: who a notice signed with it is issued by."""
    try:
        cert = certificate_of(p12, passphrase)
    except SigningError as exc:
        raise ResultNoticeError(str(exc)) from exc
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return " ".join(str(n.value) for n in names).strip()


def _contact(ws: Workspace, issuer: str, contact: str | None) -> str:
    """The 問合せ先 line: as given, or the audit office and the issuer with the stored extension/address."""
    if contact:
        return contact
    extra = (ws.store.get_setting(CONTACT_SETTING) or "").strip()
    return f"瑞穂町 情報セキュリティ監査担当　{issuer}" + (f"（{extra}）" if extra else "")


def _write_one(ws: Workspace, cons: Consolidation, year: int, department_id: str, out: Path, *, actor: str,
               p12: Path | None, passphrase: bytes | None, contact: str | None = None) -> Path:
    result = _result_of(ws, cons, year, department_id)
    mine = for_department(ws, year, department_id)
    stamp = now_iso()
    # The notice is issued in the name of whoever signs it (not of the database's user who runs the export).
    issuer = (signer_name(p12, passphrase) or actor) if p12 is not None else actor
    pdf = render_result_notice(result, cons.town, mine, department=result.department, year=year, issued_by=issuer,
                               issued_at=datetime.fromisoformat(stamp),
                               department_names={d.id: d.name for d in ws.departments()},
                               contact=_contact(ws, issuer, contact),
                               signature_field=SIGNATURE_FIELD if p12 is not None else None)
    data = _payload(result, cons.town, mine, year=year, issued_by=issuer, issued_at=stamp)
    try:
        pdf = attach_file(pdf, RESULT_FILE, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
                          "結果通知（機械読み取り用）")
        if p12 is not None:
            # The field laid out beside the issuer: the signature shows as a visible stamp there.
            pdf = sign_pdf(pdf, p12, passphrase, field_name=SIGNATURE_FIELD, reason="自己点検の結果通知")
    except SigningError as exc:
        raise ResultNoticeError(str(exc)) from exc
    write_atomic(out, pdf)
    ws.store.log(actor, "result_notice_written", f"department:{department_id}/{year}",
                 {"file": out.name, "file_sha256": hashlib.sha256(pdf).hexdigest(), "signed": p12 is not None,
                  "issued_by": issuer, "findings": len(mine),
                  "submission_version": result.received.submission_version})
    return out


def write_result_notice(ws: Workspace, year: int, department_id: str, out: Path, *, actor: str,
                        p12: Path | None = None, passphrase: bytes | None = None, contact: str | None = None) -> Path:
    """Write one department's 結果通知 and log it in the auditor's store.

    Signed when ``p12`` is given, with a visible stamp beside the issuer; the issuer printed is then the
    certificate's holder. ``contact`` is the 問合せ先 line (by default the audit office and the issuer, with
    the ``notice_contact`` setting, e.g. an extension number, in brackets).
    """
    return _write_one(ws, consolidate(ws, year), year, department_id, out, actor=actor, p12=p12,
                      passphrase=passphrase, contact=contact)


def write_all_result_notices(ws: Workspace, year: int, folder: Path, *, actor: str, p12: Path | None = None,
                             passphrase: bytes | None = None, contact: str | None = None,
                             progress: Callable[[int, int, Path], None] | None = None) -> list[Path]:
    """A 結果通知 for every department whose submission was taken in (and is not 差戻し中).

    ``progress(done, total, file)`` is called before each file and once at the end.
    """
    cons = consolidate(ws, year)
    targets = [r.department for r in cons.results if r.received.decision != "returned"]
    written: list[Path] = []
    for i, dep in enumerate(targets):
        out = folder / notice_file_name(year, dep)
        if progress:
            progress(i, len(targets), out)
        written.append(_write_one(ws, cons, year, dep.id, out, actor=actor, p12=p12, passphrase=passphrase,
                                  contact=contact))
    if progress:
        progress(len(targets), len(targets), Path())
    return written


# ---------------------------------------------------------------------------------------------
# Taking it in (department)

_FOLLOWUP_TEXT = ("title", "text", "recommendation", "due", "item_id")


def _followup_rows(data: dict[str, Any], department_id: str, year: int, file: str) -> list[dict[str, Any]]:
    """The findings of the JSON as rows for ``Store.add_followups``; anything malformed is refused."""
    broken = ResultNoticeError(_("{file}: 結果通知の指摘事項が読めません（ファイルが壊れています）。"
                                 ).format(file=file))
    raw = data.get("findings")
    if not isinstance(raw, list):
        raise broken
    rows = []
    for f in raw:
        if not isinstance(f, dict) or not isinstance(f.get("id"), int) or f.get("grade") not in GRADE_LABELS:
            raise broken
        if f.get("department_id") != department_id or f.get("fiscal_year") != year:
            raise ResultNoticeError(_("{file}: 結果通知に別の部署または年度の指摘事項が含まれています。"
                                      ).format(file=file))
        if not all(isinstance(f.get(k, ""), str) for k in _FOLLOWUP_TEXT):
            raise broken
        rows.append({"id": f["id"], "fiscal_year": year, "department_id": department_id, "grade": f["grade"],
                     **{k: f.get(k, "") for k in _FOLLOWUP_TEXT}})
    return rows


def import_result_notice(ws: Workspace, path: Path, actor: str,
                         trust_roots: Sequence[TrustRoot] | None = None) -> ImportedResult:
    """A department takes in its 結果通知: the findings are kept as follow-ups (taking it in twice adds nothing).

    A changed file is refused; an unsigned one, or one signed by someone not trusted, is taken in with a warning.
    """
    try:
        raw = path.read_bytes()
    except (OSError, ValueError) as exc:
        raise ResultNoticeError(_("{file}: ファイルを読めません（{reason}）。"
                                  ).format(file=path.name, reason=os_reason(exc))) from exc
    try:
        check = verify_pdf(raw, list(trust_roots or []))
        files = embedded_files(raw)
    except SigningError as exc:
        raise ResultNoticeError(f"{path.name}: {exc}") from exc
    if check.status == "invalid":
        raise ResultNoticeError(_("{file}: {problem} この結果通知は取り込めません。"
                                  ).format(file=path.name, problem=check.message))
    not_ours = ResultNoticeError(_("{file}: 自己点検の結果通知のファイルではありません。").format(file=path.name))
    try:
        data = json.loads(files[RESULT_FILE].decode("utf-8"))
    except (KeyError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise not_ours from exc
    if not isinstance(data, dict) or data.get("format") != RESULT_FORMAT:
        raise not_ours
    dep = data.get("department")
    year = data.get("fiscal_year")
    if not isinstance(dep, dict) or not isinstance(dep.get("id"), str) or not isinstance(year, int):
        raise not_ours
    dep_id = dep["id"]
    dep_name = str(dep.get("name") or dep_id)
    try:
        ws.department(dep_id)
    except KeyError:
        raise ResultNoticeError(_("{file}: このデータベースには {department}（{id}）がありません。"
                                  "部署マスタを確認してください。"
                                  ).format(file=path.name, department=dep_name, id=dep_id)) from None
    rows = _followup_rows(data, dep_id, year, path.name)
    sha = hashlib.sha256(raw).hexdigest()
    added = ws.store.add_followups(rows, file_sha256=sha, actor=actor)
    imported = ImportedResult(dep_id, dep_name, year, len(rows), added, check, sha)
    if check.status != "valid":
        imported.warnings.append(check.message)
    if rows and added == 0:
        imported.warnings.append(_("この結果通知の指摘事項はすでに取り込まれています。"))
    return imported
