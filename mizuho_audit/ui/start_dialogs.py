"""First-start questions: which kind of database, and the auditor's passphrase; and what to do with an auditor's
database that failed its self-check."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .appearance import font_factor, screen_size

MIN_PASSPHRASE = 8


class RoleDialog(QDialog):
    """Asked once when a new database is created: 部署用 or 監査担当用 (cannot change later)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("データベースの種類"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("このパソコンで初めて使います。データベースの種類を選んでください。"
                               "種類はあとから変えられません。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.department = QRadioButton(self.tr("部署用: 自分の課の自己点検に回答し、承認を受けて提出する"))
        self.auditor = QRadioButton(self.tr("監査担当用: 各課の提出を取り込み、集計・監査する（パスフレーズで保護）"))
        self.department.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.department)
        group.addButton(self.auditor)
        layout.addWidget(self.department)
        layout.addWidget(self.auditor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def role(self) -> str:
        return "auditor" if self.auditor.isChecked() else "department"


class PassphraseDialog(QDialog):
    """The auditor's database passphrase: set twice when creating, asked once when opening."""

    def __init__(self, creating: bool, parent: QWidget | None = None, message: str = "") -> None:
        super().__init__(parent)
        self.creating = creating
        self.setWindowTitle(self.tr("監査担当用データベースのパスフレーズ"))
        self.setMinimumWidth(min(round(460 * max(font_factor(self), 1.0)), screen_size(self).width()))
        layout = QVBoxLayout(self)
        text = (self.tr("監査担当用のデータベースを保護するパスフレーズを決めてください（8文字以上）。"
                        "忘れるとデータベースを開けません。") if creating else
                self.tr("監査担当用のデータベースです。パスフレーズを入力してください。"))
        intro = QLabel(message or text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("パスフレーズ"))
        first_label = QLabel(self.tr("パスフレーズ:"))
        first_label.setBuddy(self.first)
        form.addRow(first_label, self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(self.tr("パスフレーズ（確認）"))
        if creating:
            second_label = QLabel(self.tr("もう一度:"))
            second_label.setBuddy(self.second)
            form.addRow(second_label, self.second)
        layout.addLayout(form)
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._check)
        self.second.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        problem = ""
        if self.creating:
            if len(self.first.text()) < MIN_PASSPHRASE:
                problem = self.tr("{0}文字以上にしてください。").format(MIN_PASSPHRASE)
            elif self.first.text() != self.second.text():
                problem = self.tr("二つの入力が一致しません。")
        elif not self.first.text():
            problem = " "
        self.problem.setText(problem.strip())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)

    def passphrase(self) -> str:
        return self.first.text()


class DamageClosed(Exception):
    """The user closed the damaged database's dialog: nothing is opened."""


def ask_about_damage(dialogs: Any, exc: Any) -> bool:
    """The auditor's database failed its self-check: say so plainly and ask what to do. True: a read-only look;
    False: restore from a backup; :class:`DamageClosed` when the user closes."""
    translate = QCoreApplication.translate  # lupdate reads translate("App", "…")
    text = translate("App", "この監査担当用データベースは、アプリの外で（SQLite の道具などで）変更された疑いがあります"
                            "（見つかった問題 {0} 件、「詳細」に一覧）。\n\n"
                            "このまま使うと、変更された提出・判断・指摘事項が報告書などに入るおそれがあるため、"
                            "通常どおりには開きません。\n\n"
                            "・読み取り専用で開く: 内容を確かめられます。取込・判断・指摘事項の変更、"
                            "報告書などの作成はできません。\n"
                            "・バックアップから復元: 自動バックアップから選んで戻します"
                            "（今のファイルは別の名前で残します）。"
                     ).format(len(exc.problems))
    choices = [translate("App", "読み取り専用で開く"), translate("App", "バックアップから復元…"),
               translate("App", "閉じる")]
    choice = dialogs.choose(None, translate("App", "データベースに改ざんの疑いがあります"), text, choices,
                            details="\n".join(str(p) for p in exc.problems))
    if choice == 0:
        return True
    if choice == 1:
        return False
    raise DamageClosed


def tell_sealed(dialogs: Any) -> None:
    """An auditor's database from an earlier version was sealed by this open: say so (an auditor who sees this
    for a database sealed before must treat it as tampered)."""
    translate = QCoreApplication.translate
    dialogs.info(None, translate("App", "改ざん検出の封印"),
                 translate("App", "この監査担当用データベースに、改ざん検出の封印をしました"
                                  "（以前の版のアプリで作られたため）。これより前の記録は、封印した"
                                  "時点の内容を正しいものとして扱います。以前にも封印済みだったはずの"
                                  "データベースなら、改ざんの疑いがあります。"))
