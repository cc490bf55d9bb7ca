"""Store operations of the department workflow: submit, reopen, attachments, carry-over, notices,
and the auditor's received submissions. Mixed into :class:`~.repository.Store`."""

from __future__ import annotations

import sqlite3
from typing import Any, Protocol

from .. import clock
from ..domain.assessment import Answer
from ..domain.records import AttachmentRecord, ReceivedSubmission, SubmissionRecord
from ..i18n import _
from .connection import AppDatabase, StoreError, transaction

_SUBMISSION_COLS = ("id, assessment_id, version, snapshot, snapshot_hash, approver_name, approver_title, approved_on, "
                    "submitted_at, submitted_by, reopened_at, reopened_by, reopen_reason")
_ATTACHMENT_COLS = "id, assessment_id, item_id, name, size, sha256, added_by, added_at"
_RECEIVED_COLS = ", ".join(ReceivedSubmission.__dataclass_fields__)


def _now() -> str:
    return clock.now_iso()


class _StoreLike(Protocol):
    db: AppDatabase
    role: str

    def _log(self, conn: sqlite3.Connection, actor: str, action: str, target: str, details: dict[str, Any],
             now: str | None) -> str: ...


class WorkflowStoreMixin:
    """Submit, reopen, attachments, carry-over, notices and received submissions."""

    # -- status ---------------------------------------------------------------------------
    def status_of(self: _StoreLike, assessment_id: int) -> str:
        row = self.db.execute("SELECT status FROM assessments WHERE id = ?", [assessment_id]).fetchone()
        if row is None:
            raise KeyError(assessment_id)
        return str(row[0])

    def _refuse_if_frozen(self: _StoreLike, assessment_id: int) -> None:
        row = self.db.execute("SELECT status FROM assessments WHERE id = ?", [assessment_id]).fetchone()
        if row is not None and row[0] == "submitted":
            raise FrozenError(_("提出済みのため変更できません。変更するには、承認者が提出を取り消してください。"))

    # -- submit and reopen -----------------------------------------------------------------
    def submit(self: _StoreLike, assessment_id: int, *, snapshot: str, snapshot_hash: str, approver_name: str,
               approver_title: str, approved_on: str, actor: str, now: str | None = None) -> SubmissionRecord:
        stamp = now or _now()
        with transaction(self.db) as conn:
            status = conn.execute("SELECT status FROM assessments WHERE id = ?", [assessment_id]).fetchone()
            if status is None or status[0] != "in_progress":
                raise StoreError(_("回答中のチェックリストだけを提出できます。"))
            row = conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM submissions WHERE assessment_id = ?",
                               [assessment_id]).fetchone()
            version = int(row[0])
            cur = conn.execute(
                "INSERT INTO submissions (assessment_id, version, snapshot, snapshot_hash, approver_name, "
                "approver_title, approved_on, submitted_at, submitted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [assessment_id, version, snapshot, snapshot_hash, approver_name, approver_title, approved_on, stamp,
                 actor])
            conn.execute("UPDATE assessments SET status = 'submitted', updated_at = ? WHERE id = ?",
                         [stamp, assessment_id])
            self._log(conn, actor, "submitted", f"assessment:{assessment_id}",
                      {"version": version, "snapshot_hash": snapshot_hash, "approver": approver_name,
                       "approver_title": approver_title, "approved_on": approved_on}, stamp)
            sub_id = int(cur.lastrowid or 0)
        return self.submission(sub_id)  # type: ignore[attr-defined]

    def reopen(self: _StoreLike, assessment_id: int, *, reason: str, actor: str, now: str | None = None,
               notice_id: int | None = None) -> None:
        """Back to 回答中 with a reason; the submitted snapshot is kept."""
        if not reason.strip():
            raise StoreError(_("取り消しの理由を入力してください。"))
        stamp = now or _now()
        with transaction(self.db) as conn:
            status = conn.execute("SELECT status FROM assessments WHERE id = ?", [assessment_id]).fetchone()
            if status is None or status[0] != "submitted":
                raise StoreError(_("提出済みのチェックリストだけを取り消せます。"))
            conn.execute("UPDATE submissions SET reopened_at = ?, reopened_by = ?, reopen_reason = ? "
                         "WHERE assessment_id = ? AND reopened_at IS NULL", [stamp, actor, reason, assessment_id])
            conn.execute("UPDATE assessments SET status = 'in_progress', updated_at = ? WHERE id = ?",
                         [stamp, assessment_id])
            self._log(conn, actor, "reopened", f"assessment:{assessment_id}",
                      {"reason": reason, "notice": notice_id}, stamp)

    def submission(self: _StoreLike, submission_id: int) -> SubmissionRecord:
        row = self.db.execute(f"SELECT {_SUBMISSION_COLS} FROM submissions WHERE id = ?", [submission_id]).fetchone()
        if row is None:
            raise KeyError(submission_id)
        return SubmissionRecord(*row)

    def submissions(self: _StoreLike, assessment_id: int) -> list[SubmissionRecord]:
        rows = self.db.execute(f"SELECT {_SUBMISSION_COLS} FROM submissions WHERE assessment_id = ? ORDER BY version",
                               [assessment_id]).fetchall()
        return [SubmissionRecord(*r) for r in rows]

    # -- attachments ------------------------------------------------------------------------
    def add_attachment(self: _StoreLike, assessment_id: int, item_id: str, *, name: str, content: bytes,
                       sha256: str, actor: str, now: str | None = None) -> int:
        stamp = now or _now()
        try:
            with transaction(self.db) as conn:
                cur = conn.execute(
                    "INSERT INTO attachments (assessment_id, item_id, name, size, sha256, content, added_by, added_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [assessment_id, item_id, name, len(content), sha256, content, actor, stamp])
                self._log(conn, actor, "attachment_added", f"assessment:{assessment_id}/{item_id}",
                          {"name": name, "size": len(content), "sha256": sha256}, stamp)
                return int(cur.lastrowid or 0)
        except sqlite3.IntegrityError as exc:
            raise _frozen_or(exc) from exc

    def attachments(self: _StoreLike, assessment_id: int, item_id: str | None = None) -> list[AttachmentRecord]:
        sql = f"SELECT {_ATTACHMENT_COLS} FROM attachments WHERE assessment_id = ?"
        params: list[Any] = [assessment_id]
        if item_id is not None:
            sql += " AND item_id = ?"
            params.append(item_id)
        return [AttachmentRecord(*r) for r in self.db.execute(sql + " ORDER BY id", params).fetchall()]

    def attachment_content(self: _StoreLike, attachment_id: int) -> bytes:
        row = self.db.execute("SELECT content FROM attachments WHERE id = ?", [attachment_id]).fetchone()
        if row is None:
            raise KeyError(attachment_id)
        return bytes(row[0])

    def remove_attachment(self: _StoreLike, attachment_id: int, *, actor: str, now: str | None = None) -> None:
        stamp = now or _now()
        try:
            with transaction(self.db) as conn:
                row = conn.execute("SELECT assessment_id, item_id, name, sha256 FROM attachments WHERE id = ?",
                                   [attachment_id]).fetchone()
                if row is None:
                    return
                conn.execute("DELETE FROM attachments WHERE id = ?", [attachment_id])
                self._log(conn, actor, "attachment_removed", f"assessment:{row[0]}/{row[1]}",
                          {"name": row[2], "sha256": row[3]}, stamp)
        except sqlite3.IntegrityError as exc:
            raise _frozen_or(exc) from exc

    # -- carry-over -------------------------------------------------------------------------
    def carry_answers(self: _StoreLike, assessment_id: int, answers: list[Answer], *, source_assessments: list[int],
                      actor: str, details: dict[str, Any], now: str | None = None) -> int:
        """Insert last year's answers (marked 要再確認) for items not answered yet; return how many."""
        stamp = now or _now()
        count = 0
        with transaction(self.db) as conn:
            existing = {r[0] for r in conn.execute("SELECT item_id FROM answers WHERE assessment_id = ?",
                                                   [assessment_id])}
            for a in answers:
                if a.item_id in existing:
                    continue
                conn.execute(
                    "INSERT INTO answers (assessment_id, item_id, rating, note, reason, plan_content, plan_owner, "
                    "plan_due, updated_at, updated_by, needs_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    [assessment_id, a.item_id, a.rating, a.note, a.reason, a.plan_content, a.plan_owner, a.plan_due,
                     stamp, actor])
                conn.execute(
                    "INSERT INTO answer_history (assessment_id, item_id, field, old_value, new_value, changed_by, "
                    "changed_at) VALUES (?, ?, 'carried_over', NULL, ?, ?, ?)",
                    [assessment_id, a.item_id, a.rating, actor, stamp])
                count += 1
            conn.execute("UPDATE assessments SET carried_from = ?, status = CASE WHEN status = 'not_started' "
                         "THEN 'in_progress' ELSE status END, updated_at = ? WHERE id = ?",
                         [source_assessments[0] if source_assessments else None, stamp, assessment_id])
            self._log(conn, actor, "carried_over", f"assessment:{assessment_id}",
                      {**details, "answers": count, "from": source_assessments}, stamp)
        return count

    def confirm_answer(self: _StoreLike, assessment_id: int, item_id: str, *, actor: str,
                       now: str | None = None) -> bool:
        """Confirm a carried-over answer as it is (clears 要再確認)."""
        stamp = now or _now()
        try:
            with transaction(self.db) as conn:
                cur = conn.execute("UPDATE answers SET needs_review = 0, updated_at = ?, updated_by = ? "
                                   "WHERE assessment_id = ? AND item_id = ? AND needs_review = 1",
                                   [stamp, actor, assessment_id, item_id])
                if cur.rowcount:
                    conn.execute(
                        "INSERT INTO answer_history (assessment_id, item_id, field, old_value, new_value, changed_by, "
                        "changed_at) VALUES (?, ?, 'needs_review', '1', '0', ?, ?)",
                        [assessment_id, item_id, actor, stamp])
                return bool(cur.rowcount)
        except sqlite3.IntegrityError as exc:
            raise _frozen_or(exc) from exc

    # -- notices from the auditor ------------------------------------------------------------
    def notice_known(self: _StoreLike, file_sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM notices WHERE file_sha256 = ?", [file_sha256]).fetchone() is not None

    def add_notice(self: _StoreLike, *, kind: str, department_id: str, fiscal_year: int, submission_version: int,
                   reason: str, issued_by: str, issued_at: str, file_sha256: str, actor: str,
                   now: str | None = None) -> int:
        stamp = now or _now()
        with transaction(self.db) as conn:
            cur = conn.execute(
                "INSERT INTO notices (kind, department_id, fiscal_year, submission_version, reason, issued_by, "
                "issued_at, file_sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [kind, department_id, fiscal_year, submission_version, reason, issued_by, issued_at, file_sha256,
                 stamp])
            self._log(conn, actor, "notice_imported", f"department:{department_id}/{fiscal_year}",
                      {"kind": kind, "reason": reason, "issued_by": issued_by, "file_sha256": file_sha256}, stamp)
            return int(cur.lastrowid or 0)

    def notices(self: _StoreLike, department_id: str, fiscal_year: int) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT kind, submission_version, reason, issued_by, issued_at, imported_at "
                               "FROM notices WHERE department_id = ? AND fiscal_year = ? ORDER BY id",
                               [department_id, fiscal_year]).fetchall()
        keys = ("kind", "submission_version", "reason", "issued_by", "issued_at", "imported_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # -- the auditor's received submissions ----------------------------------------------------
    def received_by_file(self: _StoreLike, file_sha256: str) -> ReceivedSubmission | None:
        row = self.db.execute(f"SELECT {_RECEIVED_COLS} FROM received_submissions WHERE file_sha256 = ?",
                              [file_sha256]).fetchone()
        return None if row is None else ReceivedSubmission(*row)

    def received(self: _StoreLike, fiscal_year: int | None = None, department_id: str | None = None,
                 current_only: bool = True) -> list[ReceivedSubmission]:
        sql = f"SELECT {_RECEIVED_COLS} FROM received_submissions WHERE 1 = 1"
        params: list[Any] = []
        if fiscal_year is not None:
            sql += " AND fiscal_year = ?"
            params.append(fiscal_year)
        if department_id is not None:
            sql += " AND department_id = ?"
            params.append(department_id)
        if current_only:
            sql += " AND superseded_by IS NULL"
        return [ReceivedSubmission(*r) for r in self.db.execute(sql + " ORDER BY id", params).fetchall()]

    def add_received(self: _StoreLike, record: dict[str, Any], *, actor: str, content: bytes | None = None,
                     now: str | None = None) -> int:
        """Store one verified submission; an earlier one of the same department and 年度 is superseded.

        ``content`` is the file as imported (its SHA-256 is ``record["file_sha256"]``): kept, so that the stored
        answers can always be traced back to what was signed."""
        stamp = now or _now()
        cols = [c for c in ReceivedSubmission.__dataclass_fields__ if c not in
                ("id", "received_at", "received_by", "superseded_by", "decision", "decided_at", "decided_by",
                 "decision_reason")]
        from .findings_store import _closed_guard

        with _closed_guard(), transaction(self.db) as conn:
            cur = conn.execute(
                f"INSERT INTO received_submissions ({', '.join(cols)}, received_at, received_by) "
                f"VALUES ({', '.join('?' for _ in cols)}, ?, ?)", [record[c] for c in cols] + [stamp, actor])
            new_id = int(cur.lastrowid or 0)
            if content is not None:
                conn.execute("INSERT INTO received_files (received_id, content) VALUES (?, ?)", [new_id, content])
            conn.execute("UPDATE received_submissions SET superseded_by = ? WHERE department_id = ? AND "
                         "fiscal_year = ? AND id != ? AND superseded_by IS NULL",
                         [new_id, record["department_id"], record["fiscal_year"], new_id])
            self._log(conn, actor, "submission_imported", f"department:{record['department_id']}/"
                      f"{record['fiscal_year']}", {"file": record["file_name"], "file_sha256": record["file_sha256"],
                                                   "version": record["submission_version"],
                                                   "signature": record["signature_status"], "received": new_id,
                                                   "snapshot_hash": record["snapshot_hash"],
                                                   "trust": record.get("trust"),
                                                   "exception_reason": record.get("exception_reason")}, stamp)
        return new_id

    def decide(self: _StoreLike, received_id: int, decision: str, *, reason: str, actor: str,
               now: str | None = None) -> None:
        """受理 (accepted) or 差戻し (returned, with a reason) of one received submission."""
        if decision not in ("accepted", "returned"):
            raise ValueError(decision)
        if decision == "returned" and not reason.strip():
            raise StoreError(_("差戻しの理由を入力してください。"))
        stamp = now or _now()
        from .findings_store import _closed_guard

        with _closed_guard(), transaction(self.db) as conn:
            row = conn.execute("SELECT decision, superseded_by, department_id, fiscal_year FROM received_submissions "
                               "WHERE id = ?", [received_id]).fetchone()
            if row is None:
                raise StoreError(_("その提出は取り込まれていません。"))
            if row[1] is not None:
                raise StoreError(_("新しい版が提出されています。最新の提出について判断してください。"))
            if row[0] == "accepted":
                raise StoreError(_("受理済みです。変更するには、理由を付けて受理を取り消してください。"))
            conn.execute("UPDATE received_submissions SET decision = ?, decided_at = ?, decided_by = ?, "
                         "decision_reason = ? WHERE id = ?", [decision, stamp, actor, reason, received_id])
            self._log(conn, actor, decision, f"department:{row[2]}/{row[3]}",
                      {"received": received_id, "reason": reason}, stamp)

    def undo_acceptance(self: _StoreLike, received_id: int, *, reason: str, actor: str,
                        now: str | None = None) -> None:
        """An auditor's logged reopen of an accepted submission."""
        if not reason.strip():
            raise StoreError(_("受理を取り消す理由を入力してください。"))
        stamp = now or _now()
        from .findings_store import _closed_guard

        with _closed_guard(), transaction(self.db) as conn:
            row = conn.execute("SELECT decision, department_id, fiscal_year FROM received_submissions WHERE id = ?",
                               [received_id]).fetchone()
            if row is None or row[0] != "accepted":
                raise StoreError(_("受理済みの提出だけを取り消せます。"))
            conn.execute("UPDATE received_submissions SET decision = NULL, decided_at = ?, decided_by = ?, "
                         "decision_reason = ? WHERE id = ?", [stamp, actor, reason, received_id])
            self._log(conn, actor, "acceptance_undone", f"department:{row[1]}/{row[2]}",
                      {"received": received_id, "reason": reason}, stamp)


class FrozenError(StoreError):
    """A write to a submitted (frozen) assessment was refused."""


def _frozen_or(exc: sqlite3.IntegrityError) -> StoreError:
    if "frozen" in str(exc):
        return FrozenError(_("提出済みのため変更できません。変更するには、承認者が提出を取り消してください。"))
    return StoreError(_("保存できませんでした: {error}").format(error=exc))

