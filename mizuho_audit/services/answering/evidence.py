"""Evidence files attached to an answer: stored in the database with their SHA-256."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from ...domain.records import AttachmentRecord
from ...errors import InputProblem
from ...fileio import write_atomic
from ...i18n import _
from ...oserrors import os_reason
from ..workspace import Checklist, Workspace

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_NAME_BYTES = 200  # UTF-8, leaving room for a ".part" suffix under the usual 255-byte limit
_FORBIDDEN = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')


class EvidenceError(InputProblem):
    """An attachment that cannot be stored; the message is for the user."""


def sanitize_name(name: str) -> str:
    """The file name without any folder part or control characters, safe on Windows too."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    base = _FORBIDDEN.sub("_", base).strip().strip(".").strip()
    if len(base) > 120 or len(base.encode("utf-8")) > MAX_NAME_BYTES:
        stem, dot, ext = base.rpartition(".")
        if not (stem and dot and len(ext) <= 9):
            stem, dot, ext = base, "", ""
        stem = stem[:120 - len(dot + ext)]
        # Linux allows 255 bytes per name: 120 kanji (360 bytes) could not be saved back out.
        while stem and len((stem + dot + ext).encode("utf-8")) > MAX_NAME_BYTES:
            stem = stem[:-1]
        base = stem.rstrip() + dot + ext
    if base.split(".")[0].upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                                      *(f"LPT{i}" for i in range(10))}:
        base = "_" + base
    return base or "添付ファイル"


def attach(ws: Workspace, cl: Checklist, item_id: str, source: Path, actor: str, now: str | None = None) -> int:
    try:
        cl.questionnaire.item(item_id)
    except KeyError as exc:
        raise EvidenceError(_("項目 {item} はこのチェックリストにありません。").format(item=item_id)) from exc
    shown = sanitize_name(source.name)
    limit = _("添付できるのは1ファイル {mb} MB までです。"
              ).format(mb=MAX_ATTACHMENT_BYTES // 1024 // 1024)
    try:
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise EvidenceError(_("{file}: ファイルが大きすぎます（{size:,} バイト）。{limit}"
                                  ).format(file=shown, size=size, limit=limit))
        with source.open("rb") as fh:
            content = fh.read(MAX_ATTACHMENT_BYTES + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        raise EvidenceError(_("ファイルを読めません: {file}（{reason}）。"
                              ).format(file=shown, reason=os_reason(exc))) from exc
    if len(content) > MAX_ATTACHMENT_BYTES:  # it grew after it was measured
        raise EvidenceError(_("{file}: ファイルが大きすぎます。{limit}").format(file=shown, limit=limit))
    digest = hashlib.sha256(content).hexdigest()
    return ws.store.add_attachment(cl.assessment.id, item_id, name=sanitize_name(source.name), content=content,
                                   sha256=digest, actor=actor, now=now)


def save_copy(ws: Workspace, record: AttachmentRecord, dest: Path) -> Path:
    """Write the attachment to ``dest``, checking its content against the stored SHA-256."""
    content = ws.store.attachment_content(record.id)
    if hashlib.sha256(content).hexdigest() != record.sha256:
        raise EvidenceError(_("添付ファイル「{name}」の内容が記録と一致しません（破損の可能性）。"
                              ).format(name=record.name))
    try:
        write_atomic(dest, content)
    except OSError as exc:
        raise EvidenceError(_("保存できません: {dest}（{reason}）。").format(dest=dest, reason=os_reason(exc))) from exc
    return dest
