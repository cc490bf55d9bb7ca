"""What the auditor writes into a 年度's audit report: the judgement under 総括, and the cover's 宛先 and
文書番号. Stored with the 年度 in the auditor's database, logged, and frozen with the 年度 (年度締め).

The window edits them in place; the command line sets the judgement from a text file
(``report summary --db DB --year Y --from FILE``): :func:`read_summary_file` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import InputProblem
from ...i18n import _
from ...oserrors import os_reason
from ...storage.connection import StoreError
from ...storage.repository import ROLE_AUDITOR
from ..workspace import Workspace

MAX_SUMMARY_CHARS = 6_000  # about three pages: 総括 with its lists stays within the first ten pages
MAX_COVER_CHARS = 120
_MAX_FILE_BYTES = 4 * MAX_SUMMARY_CHARS


class ReportDetailsError(InputProblem):
    """The report's texts cannot be read or written; the message is for the user (in their language)."""


@dataclass(frozen=True)
class ReportDetails:
    """The auditor's texts of one 年度's report ("" where none is written yet)."""

    summary: str = ""
    addressee: str = ""
    document_number: str = ""
    updated_at: str = ""
    updated_by: str = ""


def report_details(ws: Workspace, year: int) -> ReportDetails:
    """The 年度's 総括, 宛先 and 文書番号 (all empty when the auditor has written none)."""
    rec = ws.store.report_details(year)
    if rec is None:
        return ReportDetails()
    return ReportDetails(rec.summary, rec.addressee, rec.document_number, rec.updated_at, rec.updated_by)


def _write(ws: Workspace, year: int, changes: dict[str, str], actor: str) -> ReportDetails:
    if ws.store.role != ROLE_AUDITOR:
        raise ReportDetailsError(_("報告書の総括・宛先・文書番号は、監査担当用のデータベースでだけ記入できます。"))
    try:
        ws.store.set_report_details(year, changes, actor=actor)
    except StoreError as exc:  # a closed 年度 among them
        raise ReportDetailsError(str(exc)) from exc
    return report_details(ws, year)


def _clean(text: str) -> str:
    """Line ends made plain and trailing blanks taken off each line (what the PDF prints)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def set_report_summary(ws: Workspace, year: int, text: str, *, actor: str) -> ReportDetails:
    """Store the auditor's judgement (総括) of the 年度; an empty text removes it (the report then says （未記入）)."""
    summary = _clean(text)
    if len(summary) > MAX_SUMMARY_CHARS:
        raise ReportDetailsError(_("総括が長すぎます（{count} 文字。{limit} 文字まで）。"
                                   ).format(count=len(summary), limit=MAX_SUMMARY_CHARS))
    return _write(ws, year, {"summary": summary}, actor)


def set_report_cover(ws: Workspace, year: int, *, addressee: str, document_number: str,
                     actor: str) -> ReportDetails:
    """Store the cover's 宛先 (e.g. 瑞穂町最高情報セキュリティ責任者 様) and 文書番号 (e.g. 瑞情監第12号)."""
    # One line each; inner spaces (a full-width one before 様) stay as written.
    values = {"addressee": " ".join(addressee.split("\n")).strip(),
              "document_number": " ".join(document_number.split("\n")).strip()}
    for value in values.values():
        if len(value) > MAX_COVER_CHARS:
            raise ReportDetailsError(_("宛先・文書番号は {limit} 文字までです。").format(limit=MAX_COVER_CHARS))
    return _write(ws, year, values, actor)


def read_summary_file(path: Path) -> str:
    """The text of a judgement written in a file: UTF-8 (with or without BOM) or Shift_JIS (cp932)."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(_MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ReportDetailsError(_("{file}: ファイルを読めません（{reason}）。"
                                   ).format(file=path.name, reason=os_reason(exc))) from exc
    if len(raw) > _MAX_FILE_BYTES:
        raise ReportDetailsError(_("{file}: 総括のファイルが大きすぎます。").format(file=path.name))
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return _clean(text)
    raise ReportDetailsError(_("{file}: 文字コードが読めません（UTF-8 か Shift_JIS のテキストにしてください）。"
                               ).format(file=path.name))
