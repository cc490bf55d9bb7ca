"""The submission file: one PDF that people read and the auditor imports.

The PDF shows the department's result; the canonical answers travel inside it as an embedded
JSON file with their SHA-256; the whole is PAdES-signed with the approver's certificate when one
is given. The same answers also export and import as plain JSON.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...domain.assessment import valid_iso_date
from ...domain.names import same_person
from ...errors import InputProblem
from ...fileio import write_atomic
from ...i18n import _
from ...oserrors import os_reason
from ..signing.signing import SignatureCheck, SigningError, attach_file, embedded_files, sign_pdf, verify_pdf
from ..signing.signing_common import _reader
from ..workspace import Checklist, Workspace
from .envelopes import ANSWERS_SCHEMA, SNAPSHOT_SCHEMA, first_problem
from .workflow import SNAPSHOT_FORMAT, WorkflowError, canonical_json, latest_submission

FILE_FORMAT = "mizuho-audit/submission-file@1"
EMBEDDED_NAME = "mizuho-audit-submission.json"
MAX_FILE_BYTES = 50 * 1024 * 1024
SIGNATURE_FIELD = "情報セキュリティ管理者"


class SubmissionFileError(InputProblem):
    """A submission file that cannot be used; the message (in the user's language) says why."""


@dataclass
class SubmissionFile:
    """A submission file read back and checked."""

    path: Path
    kind: str  # "pdf" | "json"
    file_sha256: str
    envelope: dict[str, Any]
    signature: SignatureCheck | None
    warnings: list[str] = field(default_factory=list)
    content: bytes = field(default=b"", repr=False)  # the PDF as read (its pages are checked against the data)
    reader: Any = field(default=None, repr=False, compare=False)  # ``content`` parsed once (pyHanko's reader)
    snapshot_json: str = field(default="", repr=False)  # the snapshot's canonical JSON, as hashed (and stored)

    @property
    def snapshot(self) -> dict[str, Any]:
        snap: dict[str, Any] = self.envelope["snapshot"]
        return snap

    @property
    def snapshot_hash(self) -> str:
        return str(self.envelope["snapshot_hash"])

    @property
    def log_hash(self) -> str:
        return str(self.envelope.get("log_hash", ""))

    @property
    def signature_status(self) -> str:
        return "unsigned" if self.signature is None else self.signature.status


def make_envelope(snapshot_json: str, snap_hash: str, log_hash: str, exported_at: str) -> dict[str, Any]:
    return {"format": FILE_FORMAT, "snapshot": json.loads(snapshot_json), "snapshot_hash": snap_hash,
            "log_hash": log_hash, "exported_at": exported_at}


def page_arguments(ws: Workspace, cl: Checklist, *, signed: bool) -> dict[str, Any]:
    """The keyword arguments of ``render_submission_pdf`` for the latest submission of ``cl``: what
    :func:`export_submission` renders (the demo renders its files in other processes with them)."""
    record = latest_submission(ws, cl)
    if record is None:
        raise WorkflowError(_("提出済みの回答がありません。先に承認を受けて提出してください。"))
    if signed:
        note = f"電子署名: {record.approver_title} {record.approver_name} の承認として、証明書で署名しています。"
    else:
        note = "未署名（電子署名なし）。回答のハッシュ値で内容の同一性を確認できます。"
    return {"snapshot": json.loads(record.snapshot), "checklist": cl.questionnaire,
            "snapshot_hash": record.snapshot_hash, "signature_note": note,
            "department_names": [d.name for d in ws.departments()]}


def export_submission(ws: Workspace, cl: Checklist, out: Path, *, actor: str, p12: Path | None = None,
                      passphrase: bytes | None = None, now: str | None = None, crls: list[bytes] | None = None,
                      pages: bytes | None = None) -> Path:
    """Write the latest submission of ``cl`` as a PDF (signed when ``p12`` is given) or JSON (by suffix).

    The certificate must be the recorded approver's (the auditor refuses any other); ``crls`` (the town CA's
    ``ca.crl``) are checked and embedded with the signature (PAdES B-LT). ``pages``: the PDF already rendered
    by ``render_submission_pdf(**page_arguments(ws, cl, signed=p12 is not None))``, else it is rendered here."""
    from ...storage.repository import now_iso
    from .submission_pdf import render_submission_pdf

    record = latest_submission(ws, cl)
    if record is None or ws.store.status_of(cl.assessment.id) != "submitted":
        raise WorkflowError(_("提出済みの回答がありません。先に承認を受けて提出してください。"))
    stamp = now or now_iso()
    log_hash = ws.store.log_head()  # the head at signing: a later cut of the log is detectable
    envelope = make_envelope(record.snapshot, record.snapshot_hash, log_hash, stamp)
    payload = json.dumps(envelope, ensure_ascii=False, indent=1).encode("utf-8")
    if out.suffix.lower() == ".json":
        write_atomic(out, payload)
        kind, signer = "json", None
    else:
        if pages is None:
            pages = render_submission_pdf(**page_arguments(ws, cl, signed=p12 is not None))
        pdf = attach_file(pages, EMBEDDED_NAME, payload, "自己点検の回答（機械読み取り用）")
        signer = None
        if p12 is not None:
            _check_holder(p12, passphrase, record.approver_name, record.approver_title)
            pdf = sign_pdf(pdf, p12, passphrase, field_name=SIGNATURE_FIELD,
                           reason=f"{cl.year}年度 情報セキュリティ自己点検の提出（承認）", crls=crls or [])
            signer = str(p12.name)
        write_atomic(out, pdf)
        kind = "pdf"
    ws.store.log(actor, "submission_exported", f"assessment:{cl.assessment.id}",
                 {"file": out.name, "kind": kind, "version": record.version, "signed": signer is not None,
                  "file_sha256": hashlib.sha256(out.read_bytes()).hexdigest(), "log_hash": log_hash}, stamp)
    return out


def _check_holder(p12: Path, passphrase: bytes | None, approver: str, title: str) -> None:
    """Only the recorded approver's own certificate may sign the submission (stopped here, not at import)."""
    from ..signing.holder import approver_refusal
    from ..signing.signing import certificate_of

    refusal = approver_refusal(approver, title, certificate_of(p12, passphrase))
    if refusal:
        raise WorkflowError(refusal + _("承認者が違うときは、提出を取り消して承認し直してください。"))


def _check_envelope(envelope: Any, file: str) -> tuple[dict[str, Any], str]:
    """The envelope, checked, and its snapshot's canonical JSON (hashed here; the importer stores it)."""
    if not isinstance(envelope, dict) or envelope.get("format") != FILE_FORMAT:
        raise SubmissionFileError(_("{file}: 自己点検の提出ファイルではありません。").format(file=file))
    snap = envelope.get("snapshot")
    if not isinstance(snap, dict) or snap.get("format") != SNAPSHOT_FORMAT:
        raise SubmissionFileError(_("{file}: 回答データの形式が違います。").format(file=file))
    try:
        text = canonical_json(snap)
        same = hashlib.sha256(text.encode("utf-8")).hexdigest() == envelope.get("snapshot_hash")
    except (TypeError, ValueError, RecursionError) as exc:
        raise SubmissionFileError(_("{file}: 回答データの形式が違います。").format(file=file)) from exc
    if not same:
        raise SubmissionFileError(
            _("{file}: 回答データのハッシュ値が一致しません。提出後に回答が書き換えられています。").format(file=file))
    problem = first_problem(SNAPSHOT_SCHEMA, snap)
    if problem is not None:
        kind, key, row = problem
        if kind == "missing":
            raise SubmissionFileError(_("{file}: 回答データに「{key}」がありません。").format(file=file, key=key))
        wrong = _("answers（{number}件目）").format(number=row) if key == "answers" and row else key
        raise SubmissionFileError(_("{file}: 回答データの「{field}」の形式が正しくありません。"
                                    "自己点検ツールが書き出したファイルではない可能性があります。"
                                    ).format(file=file, field=wrong))
    return envelope, text


def read_submission(path: Path, trust_roots: list[Any] | None = None,
                    crls: list[bytes] | None = None) -> SubmissionFile:
    """Read and check a submission file (PDF or JSON); a file changed after signing is refused."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SubmissionFileError(_("{file}: ファイルが大きすぎます（{size:,} バイト）。"
                                        ).format(file=path.name, size=size))
        raw = path.read_bytes()
    except (OSError, ValueError) as exc:
        raise SubmissionFileError(_("{file}: ファイルを読めません（{reason}）。"
                                    ).format(file=path.name, reason=os_reason(exc))) from exc
    return read_submission_bytes(raw, path, trust_roots, crls)


def read_submission_bytes(raw: bytes, path: Path, trust_roots: list[Any] | None = None,
                          crls: list[bytes] | None = None) -> SubmissionFile:
    """Check a submission file's bytes (read from ``path``, or kept by the auditor's database) as
    :func:`read_submission` does."""
    digest = hashlib.sha256(raw).hexdigest()
    if raw[:1024].lstrip().startswith(b"{"):
        try:
            envelope = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: [[[[… nested deep
            raise SubmissionFileError(_("{file}: JSONとして読めません。").format(file=path.name)) from exc
        checked, text = _check_envelope(envelope, path.name)
        return SubmissionFile(path, "json", digest, checked, None,
                              [_("JSON の提出ファイルには電子署名がありません（未署名）。")], snapshot_json=text)
    try:  # parsed once for the signature, the attachment and the pages (a damaged file: verify_pdf says why)
        reader = _reader(raw)
    except SigningError:
        reader = None
    try:
        check = verify_pdf(raw, trust_roots or [], crls=crls or [], reader=reader)
    except SigningError as exc:
        raise SubmissionFileError(f"{path.name}: {exc}") from exc
    if check.status == "invalid":
        raise SubmissionFileError(_("{file}: {problem} このファイルは使えません。"
                                    ).format(file=path.name, problem=check.message))
    try:
        files = embedded_files(raw, reader)
    except SigningError as exc:
        raise SubmissionFileError(f"{path.name}: {exc}") from exc
    if EMBEDDED_NAME not in files:
        raise SubmissionFileError(_("{file}: 回答データ（{name}）が添付されていません。"
                                    "自己点検の提出ファイルではありません。"
                                    ).format(file=path.name, name=EMBEDDED_NAME))
    try:
        envelope = json.loads(files[EMBEDDED_NAME].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SubmissionFileError(_("{file}: 添付の回答データを読めません。").format(file=path.name)) from exc
    checked, text = _check_envelope(envelope, path.name)
    result = SubmissionFile(path, "pdf", digest, checked, check, content=raw, reader=reader, snapshot_json=text)
    if check.status == "unsigned":
        result.warnings.append(_("電子署名がありません（未署名）。"))
    elif check.status == "untrusted":
        result.warnings.append(check.message)
    approver = result.snapshot["approver"].get("name")
    if check.status in ("valid", "untrusted") and not same_person(check.signer_name, approver):
        result.warnings.append(_("署名者（{signer}）と記録された承認者（{approver}）が一致しません。"
                                 ).format(signer=check.signer_name, approver=approver))
    return result


def _text_reason(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return _("文字コードがUTF-8ではありません")
    return os_reason(exc)


def export_answers_json(ws: Workspace, cl: Checklist, out: Path, actor: str) -> Path:
    """The current answers (also before submission) as plain JSON, e.g. to move to another PC."""
    answers = ws.answers(cl)
    full = ws.questionnaire_for_key(cl.assessment.questionnaire_key)
    data = {"format": "mizuho-audit/answers@1", "department": cl.department.id, "fiscal_year": cl.year,
            "questionnaire": {"id": full.id, "version": full.version, "content_hash": full.content_hash},
            "answers": [{"item_id": a.item_id, "rating": a.rating, "note": a.note, "reason": a.reason,
                         "plan_content": a.plan_content, "plan_owner": a.plan_owner, "plan_due": a.plan_due}
                        for a in answers.values()]}
    write_atomic(out, canonical_json(data).encode("utf-8"))
    ws.store.log(actor, "answers_exported", f"assessment:{cl.assessment.id}", {"file": out.name})
    return out


def import_answers_json(ws: Workspace, cl: Checklist, path: Path, actor: str) -> int:
    """Answers from JSON (answers file or a submission file) into a checklist that is not frozen.

    Everything is checked before anything is written; each changed field is saved with history.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SubmissionFileError(_("{file}: ファイルが大きすぎます（{size:,} バイト）。"
                                        ).format(file=path.name, size=size))
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8, or a NUL in the path
        raise SubmissionFileError(_("{file}: ファイルを読めません（{reason}）。"
                                    ).format(file=path.name, reason=_text_reason(exc))) from exc
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise SubmissionFileError(_("{file}: JSONとして読めません。").format(file=path.name)) from exc
    if isinstance(data, dict) and data.get("format") == FILE_FORMAT:
        snap = _check_envelope(data, path.name)[0]["snapshot"]
        data = {"department": snap["department"]["id"], "fiscal_year": snap["fiscal_year"],
                "questionnaire": snap["questionnaire"], "answers": snap["answers"]}
    elif not isinstance(data, dict) or data.get("format") != "mizuho-audit/answers@1":
        raise SubmissionFileError(_("{file}: 回答のJSONファイルではありません。").format(file=path.name))
    full = ws.questionnaire_for_key(cl.assessment.questionnaire_key)
    if data.get("department") != cl.department.id:
        raise SubmissionFileError(_("{file}: 別の部署（{department}）の回答です。"
                                    ).format(file=path.name, department=data.get('department')))
    if data.get("fiscal_year") != cl.year:
        raise SubmissionFileError(
            _("{file}: {year}年度の回答です（開いているのは{open_year}年度）。"
              ).format(file=path.name, year=data.get('fiscal_year'), open_year=cl.year))
    qi = data.get("questionnaire")
    if not isinstance(qi, dict) or qi.get("content_hash") != full.content_hash:
        raise SubmissionFileError(_("{file}: チェックリストの版が違います。").format(file=path.name))
    if ws.store.status_of(cl.assessment.id) == "submitted":
        raise SubmissionFileError(_("{file}: 提出済みのため取り込めません。").format(file=path.name))
    keys = {o.key for o in cl.questionnaire.scale}
    ids = {it.id for it in cl.questionnaire.items()}
    rows = data.get("answers")
    if not isinstance(rows, list):
        raise SubmissionFileError(_("{file}: answers がありません。").format(file=path.name))
    problem = first_problem(ANSWERS_SCHEMA["properties"]["answers"], rows)
    if problem is not None:
        raise SubmissionFileError(_("{file}: answers の {number} 件目の形式が正しくありません。"
                                    ).format(file=path.name, number=int(problem[1]) + 1 if problem[1] else 1))
    for r in rows:
        if r["item_id"] not in ids:
            raise SubmissionFileError(_("{file}: このチェックリストにない項目があります: {item}"
                                        ).format(file=path.name, item=r['item_id'])[:200])
        if r.get("rating") not in keys and r.get("rating") is not None:
            raise SubmissionFileError(
                _("{file}: 項目 {item} の評価「{rating}」は選択肢にありません。"
                  ).format(file=path.name, item=r['item_id'], rating=r.get('rating')))
        due = (r.get("plan_due") or "").strip()
        if due and not valid_iso_date(due):  # checked here so that a bad row cannot leave half the file saved
            raise SubmissionFileError(_("{file}: 項目 {item} の期限「{due}」は日付として読めません。"
                                        ).format(file=path.name, item=r['item_id'], due=due))
    changed = 0
    for r in rows:
        for f in ("rating", "note", "reason", "plan_content", "plan_owner", "plan_due"):
            changed += ws.save(cl, r["item_id"], f, str(r.get(f) or ""), actor)
    ws.store.log(actor, "answers_imported", f"assessment:{cl.assessment.id}", {"file": path.name,
                                                                            "fields": changed})
    return changed
