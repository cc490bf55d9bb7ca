"""Evidence files attached to an answer: stored in the database with their SHA-256."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from ..storage.records import AttachmentRecord
from .workspace import Checklist, Workspace

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
_FORBIDDEN = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')


class EvidenceError(Exception):
    """An attachment that cannot be stored; the message is for the user."""


def sanitize_name(name: str) -> str:
    """The file name without any folder part or control characters, safe on Windows too."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    base = _FORBIDDEN.sub("_", base).strip().strip(".").strip()
    if len(base) > 120:
        stem, dot, ext = base.rpartition(".")
        base = (stem[:110] + dot + ext[:9]) if dot and len(ext) <= 9 else base[:120]
    if base.split(".")[0].upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                                      *(f"LPT{i}" for i in range(10))}:
        base = "_" + base
    return base or "添付ファイル"


def attach(ws: Workspace, cl: Checklist, item_id: str, source: Path, actor: str, now: str | None = None) -> int:
    try:
        cl.questionnaire.item(item_id)
    except KeyError as exc:
        raise EvidenceError(f"項目 {item_id} はこのチェックリストにありません。") from exc
    try:
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise EvidenceError(f"ファイルが大きすぎます（{size / 1024 / 1024:.1f} MB）。"
                                f"添付できるのは1ファイル {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB までです。")
        with source.open("rb") as fh:
            content = fh.read(MAX_ATTACHMENT_BYTES + 1)
    except OSError as exc:
        raise EvidenceError(f"ファイルを読めません: {source.name}（{exc.strerror or exc}）") from exc
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise EvidenceError("ファイルが大きすぎます。"
                            f"添付できるのは1ファイル {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB までです。")
    digest = hashlib.sha256(content).hexdigest()
    return ws.store.add_attachment(cl.assessment.id, item_id, name=sanitize_name(source.name), content=content,
                                   sha256=digest, actor=actor, now=now)


def save_copy(ws: Workspace, record: AttachmentRecord, dest: Path) -> Path:
    """Write the attachment to ``dest``, checking its content against the stored SHA-256."""
    content = ws.store.attachment_content(record.id)
    if hashlib.sha256(content).hexdigest() != record.sha256:
        raise EvidenceError(f"添付ファイル「{record.name}」の内容が記録と一致しません（破損の可能性）。")
    tmp = dest.with_name(dest.name + ".part")
    try:
        tmp.write_bytes(content)
        tmp.replace(dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise EvidenceError(f"保存できません: {dest}（{exc.strerror or exc}）") from exc
    return dest
