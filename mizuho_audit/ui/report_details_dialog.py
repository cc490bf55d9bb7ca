"""報告 → 報告書の総括・宛先・文書番号: the auditor's judgement of the 年度 and the report's cover."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .appearance import resize_initially


class ReportDetailsDialog(QDialog):
    """Edit the 総括 (printed first in the report, （未記入） when empty), the 宛先 and the 文書番号."""

    def __init__(self, year_label: str, summary: str, addressee: str, number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("報告書の総括・宛先・文書番号（{0}）").format(year_label))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("総括は、監査担当の判断として報告書の最初（1 総括）に載ります。"
                               "主なリスク、重大な指摘の多い部署、未提出の部署は、その下にアプリが書き加えます。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.summary = QPlainTextEdit(summary)
        self.summary.setAccessibleName(self.tr("総括"))
        self.summary.setPlaceholderText(self.tr("例: 全体として対策は定着しつつあるが、委託先の管理と持出しの記録に"
                                                "課題がある。重大な指摘 5 件は年度内の改善を求める。"))
        self.addressee = QLineEdit(addressee)
        self.addressee.setAccessibleName(self.tr("宛先"))
        self.addressee.setPlaceholderText(self.tr("例: 瑞穂町最高情報セキュリティ責任者　様"))
        self.number = QLineEdit(number)
        self.number.setAccessibleName(self.tr("文書番号"))
        self.number.setPlaceholderText(self.tr("例: 瑞情監第12号"))
        form.addRow(self.tr("総括(&S):"), self.summary)
        form.addRow(self.tr("宛先(&A):"), self.addressee)
        form.addRow(self.tr("文書番号(&N):"), self.number)
        layout.addLayout(form, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_initially(self, 720, 520)

    def values(self) -> tuple[str, str, str]:
        return self.summary.toPlainText(), self.addressee.text(), self.number.text()
