"""The operation log (操作履歴): the dialog with its tamper check, and the CSV export for Excel."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from .. import clock
from ..domain.records import LogEntry, LogProblem
from ..errors import AppError
from ..usecases.administration import log_entries, verify_log, write_log_csv
from ..usecases.session import Session
from .appearance import resize_initially
from .dialogs import Dialogs
from .labels import QT_TRANSLATE_NOOP
from .table_models import (
    _OK_STYLE,
    _PROBLEM_STYLE,
    RowsTableModel,
    TableRow,
    _fit_columns,
    _table,
    _wrap_label,
    format_size,
    format_time,
)

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

ROLE_LABELS: dict[str, str] = {"department": QT_TRANSLATE_NOOP("LogDialog", "部署"),
                               "auditor": QT_TRANSLATE_NOOP("LogDialog", "監査担当")}
ACTION_LABELS: dict[str, str] = {
    "database_created": QT_TRANSLATE_NOOP("LogDialog", "作成"),
    "submitted": QT_TRANSLATE_NOOP("LogDialog", "提出"),
    "reopened": QT_TRANSLATE_NOOP("LogDialog", "提出の取消し"),
    "attachment_added": QT_TRANSLATE_NOOP("LogDialog", "添付の追加"),
    "attachment_removed": QT_TRANSLATE_NOOP("LogDialog", "添付の削除"),
    "carried_over": QT_TRANSLATE_NOOP("LogDialog", "前年度からの引継ぎ"),
    "submission_exported": QT_TRANSLATE_NOOP("LogDialog", "提出ファイルの書き出し"),
    "answers_exported": QT_TRANSLATE_NOOP("LogDialog", "回答の書き出し"),
    "answers_imported": QT_TRANSLATE_NOOP("LogDialog", "回答の取込"),
    "notice_imported": QT_TRANSLATE_NOOP("LogDialog", "差戻し通知の取込"),
    "submission_imported": QT_TRANSLATE_NOOP("LogDialog", "提出の取込"),
    "accepted": QT_TRANSLATE_NOOP("LogDialog", "受理"),
    "returned": QT_TRANSLATE_NOOP("LogDialog", "差戻し"),
    "acceptance_undone": QT_TRANSLATE_NOOP("LogDialog", "受理の取消し"),
    "notice_written": QT_TRANSLATE_NOOP("LogDialog", "差戻し通知の書き出し"),
    "deadline_set": QT_TRANSLATE_NOOP("LogDialog", "提出期限の設定"),
    "findings_proposed": QT_TRANSLATE_NOOP("LogDialog", "指摘案の作成"),
    "finding_added": QT_TRANSLATE_NOOP("LogDialog", "指摘事項の追加"),
    "finding_updated": QT_TRANSLATE_NOOP("LogDialog", "指摘事項の変更"),
    "finding_deleted": QT_TRANSLATE_NOOP("LogDialog", "指摘事項の削除"),
    "findings_carried": QT_TRANSLATE_NOOP("LogDialog", "指摘事項の次年度への引継ぎ"),
    "result_notice_written": QT_TRANSLATE_NOOP("LogDialog", "結果通知の書き出し"),
    "result_notice_imported": QT_TRANSLATE_NOOP("LogDialog", "結果通知の取込"),
    "template_exported": QT_TRANSLATE_NOOP("LogDialog", "Excel回答用紙の書き出し"),
    "excel_exported": QT_TRANSLATE_NOOP("LogDialog", "監査結果（Excel）の書き出し"),
    "oscal_exported": QT_TRANSLATE_NOOP("LogDialog", "監査結果（OSCAL）の書き出し"),
    "report_exported": QT_TRANSLATE_NOOP("LogDialog", "監査報告書（PDF）の書き出し"),
    "report_signed": QT_TRANSLATE_NOOP("LogDialog", "監査報告書への署名"),
    "year_closed": QT_TRANSLATE_NOOP("LogDialog", "年度締め"),
    "year_reopened": QT_TRANSLATE_NOOP("LogDialog", "年度締めの解除"),
    "findings_exported": QT_TRANSLATE_NOOP("LogDialog", "指摘事項の書き出し"),
    "report_details_set": QT_TRANSLATE_NOOP("LogDialog", "報告書の総括・宛先・文書番号の記入"),
    "database_restored": QT_TRANSLATE_NOOP("LogDialog", "バックアップからの復元"),
    "trust_root_added": QT_TRANSLATE_NOOP("LogDialog", "信頼する証明書の登録"),
    "trust_root_removed": QT_TRANSLATE_NOOP("LogDialog", "信頼する証明書の登録取消し"),
    "crl_updated": QT_TRANSLATE_NOOP("LogDialog", "失効リストの更新"),
    "signer_added": QT_TRANSLATE_NOOP("LogDialog", "署名者の登録"),
    "signer_removed": QT_TRANSLATE_NOOP("LogDialog", "署名者の登録取消し"),
    "themes_assigned": QT_TRANSLATE_NOOP("LogDialog", "年度のテーマの割当て"),
    "themes_removed": QT_TRANSLATE_NOOP("LogDialog", "年度のテーマの取消し"),
    "themes_exported": QT_TRANSLATE_NOOP("LogDialog", "テーマの割当ての書き出し"),
    "themes_installed": QT_TRANSLATE_NOOP("LogDialog", "テーマの割当ての取込"),
    "benchmark_exported": QT_TRANSLATE_NOOP("LogDialog", "得点パックの書き出し"),
    "benchmark_imported": QT_TRANSLATE_NOOP("LogDialog", "他団体の得点パックの取込"),
    "integrity_sealed": QT_TRANSLATE_NOOP("LogDialog", "改ざん検出の封印"),
    "assignments_set": QT_TRANSLATE_NOOP("LogDialog", "担当の割り当て"),
    "assignments_removed": QT_TRANSLATE_NOOP("LogDialog", "担当の割り当ての取消し"),
    "assignments_handed_over": QT_TRANSLATE_NOOP("LogDialog", "担当の引継ぎ（人事異動など）"),
}
_DETAIL_LABELS: dict[str, str] = {
    "version": QT_TRANSLATE_NOOP("LogDialog", "版"),
    "snapshot_hash": QT_TRANSLATE_NOOP("LogDialog", "ハッシュ"),
    "approver": QT_TRANSLATE_NOOP("LogDialog", "承認者"),
    "approver_title": QT_TRANSLATE_NOOP("LogDialog", "職名"),
    "approved_on": QT_TRANSLATE_NOOP("LogDialog", "承認日"),
    "reason": QT_TRANSLATE_NOOP("LogDialog", "理由"),
    "notice": QT_TRANSLATE_NOOP("LogDialog", "通知"),
    "name": QT_TRANSLATE_NOOP("LogDialog", "ファイル"),
    "size": QT_TRANSLATE_NOOP("LogDialog", "サイズ"),
    "sha256": "SHA-256",
    "from_year": QT_TRANSLATE_NOOP("LogDialog", "引継元の年度"),
    "departments": QT_TRANSLATE_NOOP("LogDialog", "部署"),
    "questionnaires": QT_TRANSLATE_NOOP("LogDialog", "チェックリスト"),
    "answers": QT_TRANSLATE_NOOP("LogDialog", "件数"),
    "from": QT_TRANSLATE_NOOP("LogDialog", "引継元"),
    "file": QT_TRANSLATE_NOOP("LogDialog", "ファイル"),
    "path": QT_TRANSLATE_NOOP("LogDialog", "保存先"),
    "role": QT_TRANSLATE_NOOP("LogDialog", "種類"),
    "to": QT_TRANSLATE_NOOP("LogDialog", "引継先"),
    "count": QT_TRANSLATE_NOOP("LogDialog", "件数"),
    "assignee": QT_TRANSLATE_NOOP("LogDialog", "担当者"),
    "title": QT_TRANSLATE_NOOP("LogDialog", "割り当てた人の職名"),
    "targets": QT_TRANSLATE_NOOP("LogDialog", "章・項目"),
}
_SHORT_DETAILS = 160  # characters of 内容 in the table; the tooltip and the CSV have everything


def _tr(text: str) -> str:
    """A label of this module's tables (context LogDialog) in the user's language."""
    return translate("LogDialog", text)


def action_label(action: str) -> str:
    return _tr(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def role_label(role: str) -> str:
    return _tr(ROLE_LABELS[role]) if role in ROLE_LABELS else role


def _detail_value(key: str, value: Any, full: bool = False) -> str:
    if not full and isinstance(value, str) and ("hash" in key or key == "sha256") and len(value) > 16:
        return value[:12] + "…"
    if key == "role" and isinstance(value, str):
        return role_label(value)
    if key == "size" and isinstance(value, int):
        return format_size(value)
    if isinstance(value, list | tuple):
        return translate("LogDialog", "、").join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def describe_details(details: dict[str, Any], full: bool = False) -> str:
    """A log entry's details as 「label: value」 pairs: one line with hashes shortened, or (``full``)
    one pair per line with every value whole."""
    parts = [f"{_tr(_DETAIL_LABELS[k]) if k in _DETAIL_LABELS else k}: {_detail_value(k, v, full)}"
             for k, v in details.items() if v is not None and v != "" and v != []]
    return "\n".join(parts) if full else translate("LogDialog", "　").join(parts).replace("\n", " ")


# -- 操作履歴 ------------------------------------------------------------------------------------------


class LogDialog(QDialog):
    """The operation log, with a tamper check and a CSV export for Excel."""

    HEADERS = (QT_TRANSLATE_NOOP("LogDialog", "番号"), QT_TRANSLATE_NOOP("LogDialog", "日時"),
               QT_TRANSLATE_NOOP("LogDialog", "操作者"), QT_TRANSLATE_NOOP("LogDialog", "役割"),
               QT_TRANSLATE_NOOP("LogDialog", "操作"), QT_TRANSLATE_NOOP("LogDialog", "対象"),
               QT_TRANSLATE_NOOP("LogDialog", "内容"))

    @classmethod
    def for_session(cls, session: Session, dialogs: Dialogs, parent: QWidget) -> LogDialog:
        """The log of the open database, its check, and the export through the administration use cases."""
        return cls(log_entries(session), lambda: verify_log(session),
                   lambda name: dialogs.save_file(parent, translate("LogDialog", "操作履歴の書き出し"), name,
                                                  "CSV (*.csv)"),
                   parent)

    def __init__(self, entries: list[LogEntry], verify: Callable[[], list[LogProblem]],
                 choose_save: Callable[[str], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("操作履歴"))
        self._entries = list(entries)
        self._verify = verify
        self._choose_save = choose_save
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(self.tr(
            "記録は1件ごとに直前の記録とハッシュでつながっています。「検証」で、記録の変更・削除がないかを確かめます。")))
        self.model = RowsTableModel([_tr(h) for h in self.HEADERS], centered=(0,), parent=self)
        self.model.set_rows(self._row(e) for e in self._entries)
        self.view = _table(self.model, self.tr("操作履歴"))
        _fit_columns(self.view, stretch=6)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.view, 1)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("選んだ記録の内容"))
        self.detail.setPlaceholderText(self.tr("記録を選ぶと、その内容をすべてここに表示します。"))
        self.detail.setMaximumHeight(self.detail.fontMetrics().lineSpacing() * 5 + 12)
        layout.addWidget(self.detail)
        self.view.selectionModel().currentChanged.connect(lambda cur, _prev: self._show_detail(cur.row()))
        self.result_label = _wrap_label()
        self.result_label.setObjectName("logVerifyResult")
        self.result_label.setAccessibleName(self.tr("検証の結果"))
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        self.verify_button = QPushButton(self.tr("検証(&V)"))
        self.verify_button.clicked.connect(self.run_verify)
        self.export_button = QPushButton(self.tr("書き出し (CSV)(&E)…"))
        self.export_button.clicked.connect(self.export_csv)
        buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_initially(self, 1100, 560)
        self.view.scrollToBottom()

    @staticmethod
    def _row(e: LogEntry) -> TableRow:
        details = describe_details(e.details)
        short = details if len(details) <= _SHORT_DETAILS else details[:_SHORT_DETAILS] + "…"
        full = describe_details(e.details, full=True)
        cells = (str(e.seq), format_time(e.at), e.actor, role_label(e.role), action_label(e.action), e.target, short)
        return TableRow(cells, key=str(e.seq), tooltips=("", e.at, "", "", e.action, "", full))

    def _show_detail(self, row: int) -> None:
        if not (0 <= row < len(self._entries)):
            self.detail.clear()
            return
        e = self._entries[row]
        head = self.tr("{0} 番目　{1}　{2}（{3}）　{4}　{5}").format(
            e.seq, format_time(e.at), e.actor, role_label(e.role), action_label(e.action), e.target)
        body = describe_details(e.details, full=True)
        self.detail.setPlainText(f"{head}\n{body}" if body else head)

    def run_verify(self) -> list[LogProblem]:
        """Check the chain; show the result and highlight the entries with problems."""
        try:
            problems = self._verify()
        except (AppError, OSError) as exc:  # a damaged database must not close the dialog; say what happened
            self.result_label.setStyleSheet(_PROBLEM_STYLE)
            self.result_label.setText(self.tr("検証できませんでした: {0}").format(exc))
            return []
        rows = {e.seq: i for i, e in enumerate(self._entries)}
        self.model.set_highlighted(rows[p.seq] for p in problems if p.seq in rows)
        if not problems:
            self.result_label.setStyleSheet(_OK_STYLE)
            self.result_label.setText(self.tr("改ざんは見つかりませんでした（{0}件）。").format(len(self._entries)))
        else:
            shown = [str(p) for p in problems[:20]]
            if len(problems) > 20:
                shown.append(self.tr("ほか {0} 件").format(len(problems) - 20))
            self.result_label.setStyleSheet(_PROBLEM_STYLE)
            self.result_label.setText(self.tr("問題が {0} 件見つかりました（該当する記録を赤で示します）:\n").format(
                len(problems)) + "\n".join(shown))
            first = min((rows[p.seq] for p in problems if p.seq in rows), default=None)
            if first is not None:
                self.view.scrollTo(self.model.index(first, 0))
        return problems

    def export_csv(self) -> Path | None:
        """Write the whole log (full details and hashes) as UTF-8 CSV with BOM, which Excel opens."""
        chosen = self._choose_save(self.tr("操作履歴_{0}.csv").format(clock.today().isoformat()))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        try:
            write_log_csv(self._entries, path)
        except OSError as exc:
            self.result_label.setStyleSheet(_PROBLEM_STYLE)
            self.result_label.setText(self.tr("書き出せませんでした: {0}（{1}）").format(path, exc.strerror or exc))
            return None
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("{0} 件を書き出しました: {1}").format(len(self._entries), path))
        return path
