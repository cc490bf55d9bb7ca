"""The local certificate authority, for towns that sign submissions without LGPKI cards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..errors import AppError
from ..usecases import administration as admin
from . import labels
from .appearance import resize_initially
from .dialogs import Dialogs
from .table_models import _OK_STYLE, _PROBLEM_STYLE, _wrap_label

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

MIN_PASSPHRASE = 8


# -- 署名用の証明書 (towns without LGPKI) -------------------------------------------------------------------


_CA_ERRORS = (AppError, OSError)


def _passphrase_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


def _check_new_passphrase(first: QLineEdit, second: QLineEdit, what: str) -> str | None:
    """The problem with a new passphrase typed twice, or None."""
    if len(first.text()) < MIN_PASSPHRASE:
        return translate("CertificateDialog", "{0}は {1} 文字以上にしてください。").format(
            what, MIN_PASSPHRASE)
    if first.text() != second.text():
        return translate("CertificateDialog", "{0}が確認用と一致しません。もう一度入力してください。"
                                          ).format(what)
    return None


class CertificateDialog(QDialog):
    """A small certificate authority for signing submissions, for towns without LGPKI cards."""

    def __init__(self, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("署名用の証明書（LGPKI を使わない場合）"))
        self._dialogs = dialogs
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_ca_tab(), self.tr("認証局の作成"))
        self.tabs.addTab(self._build_issue_tab(), self.tr("証明書の発行"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_initially(self, 680, 560)

    def _path_row(self, edit: QLineEdit, browse: Callable[[], None]) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        button = QPushButton(self.tr("参照…"))
        button.setAccessibleName(self.tr("{0}を選ぶ").format(edit.accessibleName()))
        button.clicked.connect(browse)
        row.addWidget(edit, 1)
        row.addWidget(button)
        return box

    def _build_ca_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_wrap_label(self.tr(
            "町で1つ作ります。認証局の秘密鍵はパスフレーズで暗号化して保存されます。フォルダーは安全な場所に保管し、"
            "中の ca-cert.pem を、提出ファイルの署名を検証する人（監査担当）に渡してください。")))
        form = QFormLayout()
        self.ca_dir_edit = QLineEdit()
        self.ca_dir_edit.setAccessibleName(self.tr("認証局のフォルダー"))
        self.ca_pass = _passphrase_edit(self.tr("認証局のパスフレーズ"))
        self.ca_pass2 = _passphrase_edit(self.tr("認証局のパスフレーズ（確認）"))
        self._add_row(form, self.tr("保存先のフォルダー:"), self.ca_dir_edit,
                      self._path_row(self.ca_dir_edit, lambda: self._browse_folder(self.ca_dir_edit)))
        self._add_row(form, self.tr("パスフレーズ（{0}文字以上）:").format(MIN_PASSPHRASE), self.ca_pass)
        self._add_row(form, self.tr("パスフレーズ（確認）:"), self.ca_pass2)
        layout.addLayout(form)
        self.create_button = QPushButton(self.tr("認証局を作成(&C)"))
        self.create_button.clicked.connect(self.create_ca)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        self.ca_status = _wrap_label()
        self.ca_status.setAccessibleName(self.tr("認証局の作成の結果"))
        layout.addWidget(self.ca_status)
        layout.addStretch(1)
        return page

    def _build_issue_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_wrap_label(self.tr(
            "提出を承認する人（情報セキュリティ管理者）ごとに発行します。できたファイル (.p12) とそのパスフレーズは、"
            "本人に別々の方法で渡してください。")))
        form = QFormLayout()
        self.issue_ca_dir = QLineEdit()
        self.issue_ca_dir.setAccessibleName(self.tr("認証局のフォルダー"))
        self.issue_ca_pass = _passphrase_edit(self.tr("認証局のパスフレーズ"))
        self.person_name = QLineEdit()
        self.person_name.setAccessibleName(self.tr("氏名"))
        self.person_title = QLineEdit()
        self.person_title.setAccessibleName(self.tr("職名"))
        self.person_department = QLineEdit()
        self.person_department.setAccessibleName(self.tr("部署"))
        self.p12_path = QLineEdit()
        self.p12_path.setAccessibleName(self.tr("証明書ファイルの保存先"))
        self.p12_pass = _passphrase_edit(self.tr("証明書ファイルのパスフレーズ"))
        self.p12_pass2 = _passphrase_edit(self.tr("証明書ファイルのパスフレーズ（確認）"))
        self._add_row(form, self.tr("認証局のフォルダー:"), self.issue_ca_dir,
                      self._path_row(self.issue_ca_dir, lambda: self._browse_folder(self.issue_ca_dir)))
        self._add_row(form, self.tr("認証局のパスフレーズ:"), self.issue_ca_pass)
        self._add_row(form, self.tr("氏名:"), self.person_name)
        self._add_row(form, self.tr("職名:"), self.person_title)
        self._add_row(form, self.tr("部署:"), self.person_department)
        self._add_row(form, self.tr("保存先 (.p12):"), self.p12_path, self._path_row(self.p12_path, self._browse_p12))
        self._add_row(form, self.tr("ファイルのパスフレーズ（{0}文字以上）:").format(MIN_PASSPHRASE), self.p12_pass)
        self._add_row(form, self.tr("ファイルのパスフレーズ（確認）:"), self.p12_pass2)
        layout.addLayout(form)
        self.issue_button = QPushButton(self.tr("証明書を発行(&I)"))
        self.issue_button.clicked.connect(self.issue)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.issue_button)
        layout.addLayout(row)
        self.issue_status = _wrap_label()
        self.issue_status.setAccessibleName(self.tr("証明書の発行の結果"))
        layout.addWidget(self.issue_status)
        layout.addStretch(1)
        return page

    @staticmethod
    def _add_row(form: QFormLayout, text: str, edit: QWidget, field: QWidget | None = None) -> None:
        """A captioned row whose caption is the edit's buddy (the screen reader names it)."""
        caption = QLabel(text)
        caption.setBuddy(edit)
        form.addRow(caption, field or edit)

    def _browse_folder(self, edit: QLineEdit) -> None:
        chosen = self._dialogs.open_folder(self, self.tr("フォルダーを選ぶ"))
        if chosen:
            edit.setText(chosen)

    def _browse_p12(self) -> None:
        default = self.p12_path.text() or f"{self.person_name.text().strip() or self.tr('署名用証明書')}.p12"
        chosen = self._dialogs.save_file(self, self.tr("証明書ファイルの保存先"), default, "PKCS#12 (*.p12)")
        if chosen:
            self.p12_path.setText(chosen)

    @staticmethod
    def _show(label: QLabel, text: str, ok: bool) -> None:
        label.setStyleSheet(_OK_STYLE if ok else _PROBLEM_STYLE)
        label.setText(text)

    def _busy(self, busy: bool) -> None:
        # Key generation takes a moment (RSA 3072); the window stays put, the buttons wait.
        for b in (self.create_button, self.issue_button):
            b.setEnabled(not busy)
        if busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    def create_ca(self) -> admin.CaInfo | None:
        folder = self.ca_dir_edit.text().strip()
        if not folder:
            self._show(self.ca_status, self.tr("保存先のフォルダーを選んでください。"), False)
            return None
        problem = _check_new_passphrase(self.ca_pass, self.ca_pass2, self.tr("パスフレーズ"))
        if problem:
            self._show(self.ca_status, problem, False)
            return None
        self._busy(True)
        try:
            info = admin.ca_init(Path(folder), self.ca_pass.text().encode("utf-8"))
        except _CA_ERRORS as exc:
            self._show(self.ca_status, _error_text(exc), False)
            return None
        finally:
            self._busy(False)
        self.ca_pass.clear()
        self.ca_pass2.clear()
        if not self.issue_ca_dir.text():
            self.issue_ca_dir.setText(folder)
        self._show(self.ca_status,
                   self.tr("認証局を作成しました。\n証明書: {0}\n"
                           "フィンガープリント (SHA-256):\n{1}\n有効期限: {2}").format(
                       info.cert_path, info.fingerprint_sha256, labels.long_date(info.not_after.date())), True)
        return info

    def issue(self) -> admin.IssuedCert | None:
        folder, out = self.issue_ca_dir.text().strip(), self.p12_path.text().strip()
        required = ((self.tr("認証局のフォルダー"), folder),
                    (self.tr("認証局のパスフレーズ"), self.issue_ca_pass.text()),
                    (self.tr("氏名"), self.person_name.text().strip()), (self.tr("保存先"), out))
        missing = [label for label, value in required if not value]
        if missing:
            self._show(self.issue_status, self.tr("{0}を入力してください。").format(labels.separator().join(missing)),
                       False)
            return None
        problem = _check_new_passphrase(self.p12_pass, self.p12_pass2, self.tr("ファイルのパスフレーズ"))
        if problem:
            self._show(self.issue_status, problem, False)
            return None
        out_path = Path(out)
        if out_path.suffix.lower() != ".p12":
            out_path = out_path.with_name(out_path.name + ".p12")
        self._busy(True)
        try:
            issued = admin.ca_issue(
                Path(folder), self.issue_ca_pass.text().encode("utf-8"), name=self.person_name.text(),
                title=self.person_title.text(), department=self.person_department.text(), out=out_path,
                p12_passphrase=self.p12_pass.text().encode("utf-8"))
        except _CA_ERRORS as exc:
            self._show(self.issue_status, _error_text(exc), False)
            return None
        finally:
            self._busy(False)
        for edit in (self.issue_ca_pass, self.p12_pass, self.p12_pass2):
            edit.clear()
        self._show(self.issue_status,
                   self.tr("証明書を発行しました: {0}\nシリアル番号: {1}\n有効期限: {2}").format(
                       issued.p12_path, issued.serial_hex, labels.long_date(issued.not_after.date())), True)
        return issued


def _error_text(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return translate("CertificateDialog", "ファイルを書けません: {0}（{1}）").format(
            exc.filename or "", exc.strerror or exc)
    return str(exc)
