"""How the auditor's database's self-check names what it found: the department, the submission, the finding,
the log entry (see :mod:`.integrity_check`)."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..i18n import _

DECISION_WORDS = {"accepted": "受理", "returned": "差戻し", None: "未判断"}


class Words:
    """How the check names what it found: the department, the submission, the finding, the entry."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.names = dict(conn.execute("SELECT id, name FROM departments").fetchall())
        self.names["*"] = "全庁"
        self.received: dict[int, str] = {}

    def department(self, dep: object) -> str:
        return str(self.names.get(dep, dep))

    def submission(self, row: dict[str, Any]) -> str:
        return _("{department}の{year}年度の提出（第{version}版、受付番号 {id}、{file}）").format(
            department=self.department(row.get("department_id")), year=row.get("fiscal_year"),
            version=row.get("submission_version"), id=row.get("id"), file=row.get("file_name"))

    def row(self, table: str, row_key: object, row: dict[str, Any] | None) -> str:
        r = row or {}
        if table == "received_submissions":
            return self.submission(r) if row else _("受付番号 {id} の提出").format(id=row_key)
        if table == "received_files":
            return _("{submission}の取り込んだファイル").format(
                submission=self.received.get(int(str(row_key)), _("受付番号 {id} の提出").format(id=row_key)))
        if table == "findings":
            if not row:
                return _("指摘事項 {id}").format(id=row_key)
            return _("指摘事項 {id}（{department}、{year}年度「{title}」）").format(
                id=row_key, department=self.department(r.get("department_id")), year=r.get("fiscal_year"),
                title=r.get("title"))
        if table == "report_details":
            return _("{year}年度の報告書の記載（総括・宛先・文書番号）").format(year=row_key)
        if table == "closed_years":
            return _("{year}年度の年度締め").format(year=row_key)
        if table == "settings":
            if str(row_key).startswith("deadline:"):
                return _("{year}年度の提出期限").format(year=str(row_key).split(":", 1)[1])
            return _("設定「{key}」").format(key=row_key)
        if table == "questionnaires":
            if not row:
                return _("チェックリスト（番号 {key}）").format(key=row_key)
            return _("チェックリスト「{title}」（版 {version}）").format(title=r.get("title"), version=r.get("version"))
        if table == "trust_roots":
            if not row:
                return _("信頼する証明書（指紋 {fingerprint}…）").format(fingerprint=str(row_key)[:16])
            return _("信頼する証明書「{subject}」（指紋 {fingerprint}…）").format(subject=r.get("subject"),
                                                                            fingerprint=str(row_key)[:16])
        if table == "crls":
            return _("信頼する証明書（指紋 {fingerprint}…）の失効リスト").format(fingerprint=str(row_key)[:16])
        if table == "signers":
            if not row:
                return _("署名者の登録 {id}").format(id=row_key)
            return _("署名者の登録 {id}（{holder}）").format(id=row_key, holder=r.get("holder_name"))
        if table == "benchmark_packs":
            if not row:
                return _("得点パック（番号 {id}）").format(id=row_key)
            return _("{town}の{year}年度の得点パック（番号 {id}）").format(
                town=r.get("town"), year=r.get("fiscal_year"), id=row_key)
        if table == "operation_log":
            if not row:
                return _("操作履歴の {seq} 番目の記録").format(seq=row_key)
            return _("操作履歴の {seq} 番目の記録（{at} {action}）").format(seq=row_key, at=r.get("at"),
                                                                 action=r.get("action"))
        return f"{table} {row_key}"
