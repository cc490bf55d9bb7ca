"""The thorough half of the auditor's database's self-check: every kept submission file read again.

The fast check (:mod:`mizuho_audit.storage.integrity`, on open and before every export) compares MACs and
hashes. This one, run by ``mizuho-audit log verify``, also opens each kept file the way the import did: a PDF's
signature must still be intact and by the signer recorded, and the answers inside the file (the embedded JSON of
a PDF, the JSON file itself) must be the stored snapshot, hash for hash. A workbook's answers were read from its
cells at import; for it the file's SHA-256 (fast check) is the proof.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from ...i18n import _
from ..signing.signing import SigningError, embedded_files, verify_pdf
from ..submission.submission import EMBEDDED_NAME
from ..submission.workflow import snapshot_hash
from ..workspace import Workspace

Progress = Callable[[int, int], None]


def _envelope_of(raw: bytes, kind: str) -> Any:
    if kind == "pdf":
        files = embedded_files(raw)
        if EMBEDDED_NAME not in files:
            return None
        return json.loads(files[EMBEDDED_NAME].decode("utf-8"))
    return json.loads(raw.decode("utf-8"))


def kept_file_problems(ws: Workspace, progress: Progress | None = None) -> list[str]:
    """What differs between each kept file and what the database recorded from it ([] when all agree)."""
    store = ws.store
    received = {r.id: r for r in store.received(current_only=False)}
    names = {d.id: d.name for d in ws.departments()}
    problems: list[str] = []
    kept = store.kept_files()
    for n, rid in enumerate(kept):
        if progress:
            progress(n, len(kept))
        rec = received.get(rid)
        raw = store.kept_file(rid)
        if rec is None or raw is None or hashlib.sha256(raw).hexdigest() != rec.file_sha256:
            continue  # the fast check reports these
        what = _("{department}の{year}年度の提出（第{version}版、受付番号 {id}、{file}）").format(
            department=names.get(rec.department_id, rec.department_id), year=rec.fiscal_year,
            version=rec.submission_version, id=rec.id, file=rec.file_name)
        if rec.file_kind not in ("pdf", "json"):
            continue
        try:
            if rec.file_kind == "pdf":
                check = verify_pdf(raw, [])
                if check.status == "invalid":
                    problems.append(_("{what}: 取り込んだファイルの電子署名が無効です（{message}）。").format(
                        what=what, message=check.message))
                elif rec.signature_status not in (None, "unsigned") and check.status == "unsigned":
                    problems.append(_("{what}: 取り込んだファイルに、記録された電子署名がありません。"
                                      ).format(what=what))
                elif rec.signer_name and check.signer_name != rec.signer_name:
                    problems.append(_("{what}: 取り込んだファイルの署名者（{signer}）が、記録された署名者（{recorded}）"
                                      "と違います。").format(what=what, signer=check.signer_name,
                                                             recorded=rec.signer_name))
            envelope = _envelope_of(raw, rec.file_kind)
        except (SigningError, UnicodeDecodeError, ValueError, RecursionError):
            problems.append(_("{what}: 取り込んだファイルを読めません。").format(what=what))
            continue
        snap = envelope.get("snapshot") if isinstance(envelope, dict) else None
        if not isinstance(snap, dict) or envelope.get("snapshot_hash") != rec.snapshot_hash \
                or snapshot_hash(snap) != rec.snapshot_hash:
            problems.append(_("{what}: 取り込んだファイルの中の回答が、保存されている回答と一致しません。"
                              ).format(what=what))
    if progress:
        progress(len(kept), len(kept))
    return problems
