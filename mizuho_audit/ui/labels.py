"""The window's names for the core's keys (statuses, grades, fields ...) and its dates, in the user's language.

The core keeps its labels in Japanese (the reports and the files use them); the window shows them
through Qt's translation, looked up when shown (never at import, so a translator installed later
counts). The Japanese text here is the same as the core's, so the Japanese window reads as before.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication

from ..domain.wareki import fiscal_year_label, wareki_date

_CONTEXT = "Labels"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate under ``context``; it is translated where it is shown.

    Qt's own QT_TRANSLATE_NOOP is typed as returning ``object``; this one keeps the tables ``dict[str, str]``."""
    return text


# The assessment of a department (domain.assessment.STATUS_LABELS).
ASSESSMENT_STATUS = {
    "not_started": QT_TRANSLATE_NOOP("Labels", "未着手"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "回答中"),
    "submitted": QT_TRANSLATE_NOOP("Labels", "提出済"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "受理"),
    "returned": QT_TRANSLATE_NOOP("Labels", "差戻し"),
}
# A department on the auditor's board (services.status_board.STATUS_JA).
BOARD_STATUS = {
    "not_started": QT_TRANSLATE_NOOP("Labels", "未提出"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "回答中"),
    "submitted": QT_TRANSLATE_NOOP("Labels", "提出済"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "受理"),
    "returned": QT_TRANSLATE_NOOP("Labels", "差戻し"),
}
# The signature of a submission (services.status_board.SIGNATURE_JA).
SIGNATURE = {
    "valid": QT_TRANSLATE_NOOP("Labels", "有効"),
    "unsigned": QT_TRANSLATE_NOOP("Labels", "未署名"),
    "invalid": QT_TRANSLATE_NOOP("Labels", "無効"),
    "untrusted": QT_TRANSLATE_NOOP("Labels", "信頼されていない"),
    "exception": QT_TRANSLATE_NOOP("Labels", "例外"),
}
SIGNATURE_TIPS = {
    "valid": QT_TRANSLATE_NOOP("Labels", "信頼する証明書で署名され、署名後に変更されていません。"),
    "unsigned": QT_TRANSLATE_NOOP("Labels", "電子署名がありません。承認者が承認したことを別の方法で確かめてください。"),
    "untrusted": QT_TRANSLATE_NOOP("Labels", "署名はありますが、証明書が信頼する証明書として登録されていません"
                                             "（管理 → 信頼する証明書の登録）。"),
    "invalid": QT_TRANSLATE_NOOP("Labels", "署名が正しくありません。"),
    "exception": QT_TRANSLATE_NOOP("Labels", "信頼できる登録済みの署名ではありませんが、監査担当が理由を付けて"
                                             "例外として取り込みました。理由は監査報告書に載ります。"),
}
# A signature taken as trusted that the database no longer accepts (services.intake.signature_recheck).
SIGNATURE_NOW = {
    "revoked": QT_TRANSLATE_NOOP("Labels", "失効"),
    "no_root": QT_TRANSLATE_NOOP("Labels", "信頼されなくなった"),
    "not_registered": QT_TRANSLATE_NOOP("Labels", "署名者が登録されていない"),
    "not_approver": QT_TRANSLATE_NOOP("Labels", "承認者と不一致"),
    "unreadable": QT_TRANSLATE_NOOP("Labels", "確認できない"),
}
SIGNATURE_NOW_TIPS = {
    "revoked": QT_TRANSLATE_NOOP("Labels", "取込の後、署名者の証明書が失効しました（失効リストの更新）。"),
    "no_root": QT_TRANSLATE_NOOP("Labels", "取込の後、この署名につながる信頼する証明書が登録から外されました。"),
    "not_registered": QT_TRANSLATE_NOOP("Labels", "取込の後、署名者の登録が終わったか外されたため、この部署の"
                                                  "承認者として登録されていません。"),
    "not_approver": QT_TRANSLATE_NOOP("Labels", "記録された承認者が、署名した証明書の本人ではありません。"),
    "unreadable": QT_TRANSLATE_NOOP("Labels", "取り込んだファイルを読み直せないため、署名を確かめ直せません。"),
}
# The fields of an answer (domain.assessment.FIELD_LABELS), and what can be missing (services.workflow).
FIELDS = {
    "rating": QT_TRANSLATE_NOOP("Labels", "評価"),
    "note": QT_TRANSLATE_NOOP("Labels", "実施状況・根拠"),
    "reason": QT_TRANSLATE_NOOP("Labels", "該当しない理由"),
    "plan_content": QT_TRANSLATE_NOOP("Labels", "改善計画の内容"),
    "plan_owner": QT_TRANSLATE_NOOP("Labels", "改善計画の担当"),
    "plan_due": QT_TRANSLATE_NOOP("Labels", "改善計画の期限"),
    "attachments": QT_TRANSLATE_NOOP("Labels", "添付ファイル"),
    "needs_review": QT_TRANSLATE_NOOP("Labels", "前年度からの引継ぎの確認（要再確認）"),
}
# The questionnaire's fixed vocabulary (domain.questionnaire): the policy's words, not an item's text.
CIA = {
    "C": QT_TRANSLATE_NOOP("Labels", "機密性"),
    "I": QT_TRANSLATE_NOOP("Labels", "完全性"),
    "A": QT_TRANSLATE_NOOP("Labels", "可用性"),
}
TIERS = {
    "my_number": QT_TRANSLATE_NOOP("Labels", "マイナンバー利用事務系"),
    "lgwan": QT_TRANSLATE_NOOP("Labels", "LGWAN接続系"),
    "internet": QT_TRANSLATE_NOOP("Labels", "インターネット接続系"),
}
IMPORTANCE = {
    "高": QT_TRANSLATE_NOOP("Labels", "高"),
    "中": QT_TRANSLATE_NOOP("Labels", "中"),
    "低": QT_TRANSLATE_NOOP("Labels", "低"),
}
# 指摘事項 (services.findings).
GRADES = {
    "major": QT_TRANSLATE_NOOP("Labels", "重大"),
    "minor": QT_TRANSLATE_NOOP("Labels", "軽微"),
    "observation": QT_TRANSLATE_NOOP("Labels", "観察事項"),
    "good": QT_TRANSLATE_NOOP("Labels", "良好事例"),
}
FINDING_STATUS = {
    "open": QT_TRANSLATE_NOOP("Labels", "未対応"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "対応中"),
    "done": QT_TRANSLATE_NOOP("Labels", "完了"),
}
FINDING_SOURCES = {
    "high_item": QT_TRANSLATE_NOOP("Labels", "重要項目の未実施・一部"),
    "common_item": QT_TRANSLATE_NOOP("Labels", "多くの部署で未実施・一部"),
    "manual": QT_TRANSLATE_NOOP("Labels", "手入力"),
    "carried": QT_TRANSLATE_NOOP("Labels", "前年度から継続"),
}
# How this year's item relates to last year's (services.carryover.KIND_LABELS).
CHANGE_KINDS = {
    "same": QT_TRANSLATE_NOOP("Labels", "変更なし"),
    "changed": QT_TRANSLATE_NOOP("Labels", "文言・基準を変更"),
    "split": QT_TRANSLATE_NOOP("Labels", "分割"),
    "merged": QT_TRANSLATE_NOOP("Labels", "統合"),
    "new": QT_TRANSLATE_NOOP("Labels", "新規"),
}
# The kind of database (storage.repository.ROLE_LABELS).
DATABASE_ROLES = {
    "department": QT_TRANSLATE_NOOP("Labels", "部署用"),
    "auditor": QT_TRANSLATE_NOOP("Labels", "監査担当用"),
}


def _translated(text: str, disambiguation: str | None = None) -> str:
    """``text`` (a Japanese source text of this module's context) in the user's language."""
    return QCoreApplication.translate(_CONTEXT, text, disambiguation)


def label(table: dict[str, str], key: str | None) -> str:
    """The label of ``key`` in one of the tables above; an unknown key as it is."""
    if key is None:
        return ""
    text = table.get(key)
    return _translated(text) if text is not None else key


def assessment_status(key: str) -> str:
    return label(ASSESSMENT_STATUS, key)


def board_status(key: str) -> str:
    return label(BOARD_STATUS, key)


def signature(key: str | None) -> str:
    return label(SIGNATURE, key) if key else ""


def signature_tip(key: str | None) -> str:
    return label(SIGNATURE_TIPS, key) if key in SIGNATURE_TIPS else ""


def signature_now(key: str | None) -> str:
    """The current state of a signature no longer accepted (after a change of trust root, signer or CRL)."""
    return label(SIGNATURE_NOW, key) if key else ""


def signature_now_tip(key: str | None) -> str:
    return label(SIGNATURE_NOW_TIPS, key) if key in SIGNATURE_NOW_TIPS else ""


def field(key: str) -> str:
    return label(FIELDS, key)


def importance(key: str) -> str:
    return label(IMPORTANCE, key)


def town_wide() -> str:
    """A finding about the whole town rather than one department (全庁)."""
    return QCoreApplication.translate("Labels", "全庁")


def town() -> str:
    """The whole town's row and line in the dashboard (町全体)."""
    return QCoreApplication.translate("Labels", "町全体")


def fiscal_year(year: int) -> str:
    """The 年度 as the user reads it: 令和8年度 in Japanese, FY2026 in English."""
    # The English text names {year} and leaves {wareki} out.
    return QCoreApplication.translate("Labels", "{wareki}", "fiscal year").format(
        wareki=fiscal_year_label(year), year=year)


def fiscal_year_choice(year: int) -> str:
    """A 年度 in a list to choose from: 令和8年度（2026）."""
    return QCoreApplication.translate("Labels", "{wareki}（{year}）", "fiscal year choice").format(
        wareki=fiscal_year_label(year), year=year)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def long_date(day: dt.date) -> str:
    """A day as officials write it: 令和8年11月30日 in Japanese, November 30, 2026 in English."""
    # The English text uses {english} (or {iso}) and leaves {wareki} out.
    return QCoreApplication.translate("Labels", "{wareki}", "date").format(
        wareki=wareki_date(day), iso=day.isoformat(), english=f"{_MONTHS[day.month - 1]} {day.day}, {day.year}")


def separator() -> str:
    """Between the items of a list in a sentence: 「、」 in Japanese, ", " in English."""
    return QCoreApplication.translate("Labels", "、")


def moment(when: dt.datetime, japanese: str) -> str:
    """A moment already written in Japanese (``japanese``), or in English as 2026-11-20 10:15 (JST)."""
    jst = when.astimezone(dt.timezone(dt.timedelta(hours=9)))
    return QCoreApplication.translate("Labels", "{wareki}", "date and time").format(
        wareki=japanese, iso=jst.strftime("%Y-%m-%d %H:%M"))


_MNEMONIC = re.compile(r"\(&\w\)|&(?=\w)")


def plain(text: str) -> str:
    """A caption without its keyboard mnemonic and colon, as an accessible name: 「理由(&R):」 -> 「理由」."""
    return _MNEMONIC.sub("", text).replace("&&", "&").rstrip(":： ").strip()
