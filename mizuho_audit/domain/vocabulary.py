"""The app's own words, each in one place: roles, settings keys, file names, signature fields.

The town's words (the answer scale, which ratings fail, importance weights) live in the questionnaire
data instead; see :mod:`mizuho_audit.domain.questionnaire`.
"""

from __future__ import annotations

# The two kinds of database.
ROLE_DEPARTMENT = "department"
ROLE_AUDITOR = "auditor"

# Settings stored in the database (the person, the last choice, the last approver, report people).
SETTING_USER = "user_name"
SETTING_LAST_YEAR = "last_year"
SETTING_LAST_DEPARTMENT = "last_department"
SETTING_APPROVER_NAME = "last_approver_name"
SETTING_APPROVER_TITLE = "last_approver_title"
SETTING_REPORT_REVIEWER = "report_reviewer"
SETTING_REPORT_APPROVER = "report_approver"


def deadline_setting(year: int) -> str:
    """The setting that holds the submission deadline of a 年度."""
    return f"deadline:{year}"


# The files of the town's small CA (``ca init --out DIR``).
CA_CERT_FILE = "ca-cert.pem"
CA_KEY_FILE = "ca-key.pem"
CA_CRL_FILE = "ca.crl"
CA_REVOKED_FILE = "revoked.json"
CA_ISSUED_DIR = "issued"

# The signature fields of the audit report, in the order they are signed, and the reason each records.
AUTHOR_FIELD = "作成者"
REVIEWER_FIELD = "確認者"
APPROVER_FIELD = "承認者"
REPORT_FIELDS = (AUTHOR_FIELD, REVIEWER_FIELD, APPROVER_FIELD)
REPORT_ROLES_FILE = "report-roles.json"  # embedded in the report: the names printed for each field
SIGNING_REASONS = {AUTHOR_FIELD: "監査報告書の作成", REVIEWER_FIELD: "監査報告書の確認",
                   APPROVER_FIELD: "監査報告書の承認"}

# Who may sign what (the signer register): the roles, the words people use for them, and the report field of each.
SIGNER_ROLES = ("submission", "author", "reviewer", "approver")
ROLE_WORDS = {"提出": "submission", "作成": "author", "確認": "reviewer", "承認": "approver"}
ROLE_NAMES = {"submission": "提出の承認", "author": "監査報告書の作成", "reviewer": "監査報告書の確認",
              "approver": "監査報告書の承認"}
FIELD_ROLES = {AUTHOR_FIELD: "author", REVIEWER_FIELD: "reviewer", APPROVER_FIELD: "approver"}


def signer_role(word: str) -> str | None:
    """提出 / 作成 / 確認 / 承認 (or the role's own key) -> the role key; None for anything else."""
    text = word.strip()
    return ROLE_WORDS.get(text, text if text in SIGNER_ROLES else None)


# The states of a department's work on the auditor's board.
BOARD_STATUSES = ("not_started", "in_progress", "submitted", "accepted", "returned")
MISSING_STATUSES = ("not_started", "in_progress", "returned")  # not yet submitted, for the missing list


def role_word(role: str) -> str:
    """Who acted, as the log's documents say it (always Japanese: documents stay Japanese)."""
    return {ROLE_DEPARTMENT: "部署", ROLE_AUDITOR: "監査担当"}.get(role, role)


# The operation log's actions as the exported log (a document, always Japanese) names them.
LOG_ACTIONS = {
    "database_created": "作成", "submitted": "提出", "reopened": "提出の取消し", "attachment_added": "添付の追加",
    "attachment_removed": "添付の削除", "carried_over": "前年度からの引継ぎ",
    "submission_exported": "提出ファイルの書き出し",
    "answers_exported": "回答の書き出し", "answers_imported": "回答の取込", "notice_imported": "差戻し通知の取込",
    "submission_imported": "提出の取込", "accepted": "受理", "returned": "差戻し", "acceptance_undone": "受理の取消し",
    "notice_written": "差戻し通知の書き出し", "deadline_set": "提出期限の設定", "findings_proposed": "指摘案の作成",
    "finding_added": "指摘事項の追加", "finding_updated": "指摘事項の変更", "finding_deleted": "指摘事項の削除",
    "findings_carried": "指摘事項の次年度への引継ぎ", "findings_exported": "指摘事項の書き出し",
    "result_notice_written": "結果通知の書き出し", "result_notice_imported": "結果通知の取込",
    "template_exported": "Excel回答用紙の書き出し", "excel_exported": "監査結果（Excel）の書き出し",
    "oscal_exported": "監査結果（OSCAL）の書き出し",
    "report_exported": "監査報告書（PDF）の書き出し", "report_signed": "監査報告書への署名", "year_closed": "年度締め",
    "year_reopened": "年度締めの解除", "report_details_set": "報告書の総括・宛先・文書番号の記入",
    "database_restored": "バックアップからの復元", "integrity_sealed": "改ざん検出の封印",
    "trust_root_added": "信頼する証明書の登録", "trust_root_removed": "信頼する証明書の登録取消し",
    "crl_updated": "失効リストの更新", "signer_added": "署名者の登録", "signer_removed": "署名者の登録取消し",
    "themes_assigned": "年度のテーマの割当て", "themes_removed": "年度のテーマの取消し",
    "themes_exported": "テーマの割当ての書き出し", "themes_installed": "テーマの割当ての取込",
    "assignments_set": "担当の割り当て", "assignments_removed": "担当の割り当ての取消し",
    "assignments_handed_over": "担当の引継ぎ（人事異動など）",
    "benchmark_exported": "得点パックの書き出し", "benchmark_imported": "他団体の得点パックの取込",
}
