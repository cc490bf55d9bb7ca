"""The auditor's notices to a department: 差戻し (return with a reason) as a short signed PDF that
the department imports to see the reason and reopen its checklist."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table  # type: ignore[import-untyped]

from ...domain.records import ReceivedSubmission
from ...domain.wareki import fiscal_year_label, wareki_date
from ...errors import InputProblem
from ...fileio import write_atomic
from ...i18n import _
from ...oserrors import os_reason
from ..reports.pdf_fonts import japanese_styles, markup, register_japanese_font, table_style
from ..signing.signing import SignatureCheck, SigningError, attach_file, embedded_files, sign_pdf, verify_pdf
from ..workspace import Workspace
from .envelopes import NOTICE_SCHEMA, first_problem

NOTICE_FORMAT = "mizuho-audit/notice@1"
NOTICE_FILE = "mizuho-audit-notice.json"


class NoticeError(InputProblem):
    """A notice that cannot be used; the message is for the user."""


@dataclass
class Notice:
    data: dict[str, Any]
    file_sha256: str
    signature: SignatureCheck
    warnings: list[str] = field(default_factory=list)


def _render(data: dict[str, Any]) -> bytes:
    register_japanese_font()
    st = japanese_styles()
    buf = BytesIO()
    title = "情報セキュリティ自己点検 差戻し通知"

    def header(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("IPAexGothic", 9)
        canvas.setStrokeColorRGB(0.75, 0.1, 0.1)
        canvas.setFillColorRGB(0.75, 0.1, 0.1)
        canvas.rect(A4[0] - 40 * mm, A4[1] - 17 * mm, 25 * mm, 8 * mm)
        canvas.drawCentredString(A4[0] - 27.5 * mm, A4[1] - 14.5 * mm, "取扱注意")
        canvas.restoreState()

    doc = SimpleDocTemplate(buf, pagesize=A4, title=title, author=str(data["issued_by"]), leftMargin=20 * mm,
                            rightMargin=20 * mm, topMargin=25 * mm, bottomMargin=20 * mm, invariant=1)
    issued = date.fromisoformat(str(data["issued_at"])[:10])
    rows = [
        ("部署", f"{data['department']['name']}（{data['department']['id']}）"),
        ("年度", fiscal_year_label(int(data["fiscal_year"]))),
        ("対象の提出", f"第{data['submission_version']}版（回答データ SHA-256: {data['snapshot_hash'][:16]}…）"),
        ("通知日", wareki_date(issued)),
        ("通知者", str(data["issued_by"])),
    ]
    table = Table([[Paragraph(k, st.label), Paragraph(markup(v), st.cell)] for k, v in rows],
                  colWidths=[35 * mm, 135 * mm])
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, "#999999"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [Paragraph(title, st.title), Spacer(1, 8 * mm), table, Spacer(1, 8 * mm),
             Paragraph("差戻しの理由", st.heading2), Paragraph(markup(str(data["reason"])), st.body),
             Spacer(1, 8 * mm),
             Paragraph("このファイルを自己点検ツールに取り込むと、理由が表示され、チェックリストが回答中に戻ります。"
                       "修正のうえ、改めて承認を受けて提出してください。", st.small)]
    doc.build(story, onFirstPage=header, onLaterPages=header)
    return buf.getvalue()


def write_return_notice(ws: Workspace, received: ReceivedSubmission, reason: str, out: Path, *, actor: str,
                        p12: Path | None = None, passphrase: bytes | None = None, now: str | None = None) -> Path:
    """Record 差戻し in the auditor's database and write the signed notice file for the department."""
    from ...storage.repository import now_iso

    stamp = now or now_iso()
    snap = json.loads(received.snapshot)
    data = {"format": NOTICE_FORMAT, "kind": "returned", "department": snap["department"],
            "fiscal_year": received.fiscal_year, "submission_version": received.submission_version,
            "snapshot_hash": received.snapshot_hash, "reason": reason.strip(), "issued_by": actor,
            "issued_at": stamp}
    pdf = attach_file(_render(data), NOTICE_FILE, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                      "差戻し通知（機械読み取り用）")
    if p12 is not None:
        pdf = sign_pdf(pdf, p12, passphrase, field_name="監査担当", reason="自己点検の差戻し通知")
    ws.store.decide(received.id, "returned", reason=reason, actor=actor, now=stamp)
    write_atomic(out, pdf)
    ws.store.log(actor, "notice_written", f"department:{received.department_id}/{received.fiscal_year}",
                 {"file": out.name, "file_sha256": hashlib.sha256(pdf).hexdigest(), "signed": p12 is not None})
    return out


def read_notice(path: Path, trust_roots: list[Any] | None = None) -> Notice:
    try:
        raw = path.read_bytes()
    except (OSError, ValueError) as exc:
        raise NoticeError(_("{file}: ファイルを読めません（{reason}）。"
                            ).format(file=path.name, reason=os_reason(exc))) from exc
    try:
        check = verify_pdf(raw, trust_roots or [])
        files = embedded_files(raw)
    except SigningError as exc:
        raise NoticeError(f"{path.name}: {exc}") from exc
    if check.status == "invalid":
        raise NoticeError(_("{file}: {problem} この通知は使えません。").format(file=path.name, problem=check.message))
    try:
        data = json.loads(files[NOTICE_FILE].decode("utf-8"))
    except (KeyError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NoticeError(_("{file}: 差戻し通知のファイルではありません。").format(file=path.name)) from exc
    if not isinstance(data, dict) or data.get("format") != NOTICE_FORMAT:
        raise NoticeError(_("{file}: 差戻し通知のファイルではありません。").format(file=path.name))
    problem = first_problem(NOTICE_SCHEMA, data)
    wrong = problem[1] if problem is not None else ""
    if problem is not None:
        raise NoticeError(_("{file}: 差戻し通知の内容が正しくありません（「{field}」）。"
                            "監査担当に通知を作り直してもらってください。").format(file=path.name, field=wrong))
    notice = Notice(data, hashlib.sha256(raw).hexdigest(), check)
    if check.status != "valid":
        notice.warnings.append(check.message)
    return notice


def import_notice(ws: Workspace, path: Path, actor: str, trust_roots: list[Any] | None = None) -> Notice:
    """A department takes in a 差戻し notice: the reason is recorded and the checklist reopens."""
    notice = read_notice(path, trust_roots)
    d = notice.data
    if ws.store.notice_known(notice.file_sha256):
        notice.warnings.append(_("この通知はすでに取り込まれています。"))
        return notice
    dep = str(d["department"]["id"])
    year = int(d["fiscal_year"])
    matches = [a for a in ws.store.assessments(year) if a.department_id == dep]
    if not matches:
        raise NoticeError(
            _("{file}: このデータベースには {department} の{year}年度の回答がありません。"
              ).format(file=path.name, department=d['department']['name'], year=year))
    assessment = matches[-1]
    subs = ws.store.submissions(assessment.id)
    target = next((s for s in subs if s.version == d["submission_version"]), None)
    if target is None or target.snapshot_hash != d["snapshot_hash"]:
        raise NoticeError(
            _("{file}: 通知の対象の提出（第{version}版）がこのデータベースにありません。"
              ).format(file=path.name, version=d['submission_version']))
    notice_id = ws.store.add_notice(kind=str(d["kind"]), department_id=dep, fiscal_year=year,
                                    submission_version=int(d["submission_version"]), reason=str(d["reason"]),
                                    issued_by=str(d["issued_by"]), issued_at=str(d["issued_at"]),
                                    file_sha256=notice.file_sha256, actor=actor)
    if ws.store.status_of(assessment.id) == "submitted" and subs[-1].version == target.version:
        ws.store.reopen(assessment.id, reason=f"差戻し: {d['reason']}", actor=actor, notice_id=notice_id)
    return notice


def import_any_notice(ws: Workspace, path: Path, actor: str, trust_roots: list[Any] | None = None) -> tuple[str, Any]:
    """A department takes in whatever the auditor sent: a 差戻し notice or a 結果通知.

    Returns ("returned", Notice) or ("result", ImportedResult).
    """
    from ..findings.result_notice import RESULT_FILE, ResultNoticeError, import_result_notice

    try:
        raw = path.read_bytes()
    except (OSError, ValueError) as exc:
        raise NoticeError(_("{file}: ファイルを読めません（{reason}）。"
                            ).format(file=path.name, reason=os_reason(exc))) from exc
    try:
        names = set(embedded_files(raw))
    except SigningError as exc:
        raise NoticeError(f"{path.name}: {exc}") from exc
    if RESULT_FILE in names:
        try:
            return "result", import_result_notice(ws, path, actor, trust_roots)
        except ResultNoticeError as exc:
            raise NoticeError(str(exc)) from exc
    return "returned", import_notice(ws, path, actor, trust_roots)
