"""管理 → 信頼する証明書 / 失効リスト / 署名者の登録: the trust the database holds, in the window.

Every certificate is shown in the words it is confirmed by (名前, 組織, 有効期間, 指紋) before it is trusted
or registered; every change goes through the administration use cases, which log it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.vocabulary import ROLE_NAMES, SIGNER_ROLES
from ..errors import AppError
from ..usecases import administration as admin
from ..usecases.session import Session
from .appearance import resize_initially
from .dialogs import Dialogs
from .table_models import RowsTableModel, TableRow, _fit_columns, _table, _wrap_label

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
_ERRORS = (AppError, OSError)




def add_trust_root(parent: QWidget, session: Session, dialogs: Dialogs) -> bool:
    """Choose a CA certificate, see it (fingerprint included), confirm, and trust it in this database."""
    path = dialogs.open_file(parent, translate("TrustActions", "信頼する証明書（町の認証局・LGPKI）"),
                             translate("TrustActions", "証明書 (*.pem *.crt *.cer *.der)"))
    if not path:
        return False
    try:
        candidates = admin.trust_candidates(Path(path))
    except _ERRORS as exc:
        dialogs.error(parent, translate("TrustActions", "登録できません"), str(exc))
        return False
    for summary in candidates:
        text = translate("TrustActions",
                         "次の証明書を、信頼する証明書として登録しますか。指紋が、認証局から別の方法（紙・電話など）で"
                         "知らされたものと同じか確かめてください。") + "\n\n" + "\n".join(summary.lines())
        if not dialogs.question(parent, translate("TrustActions", "信頼する証明書の登録"), text):
            return False
    try:
        added = admin.trust_add(session, Path(path))
    except _ERRORS as exc:
        dialogs.error(parent, translate("TrustActions", "登録できません"), str(exc))
        return False
    names = "\n".join(s.name for s in added) or translate("TrustActions", "（すでに登録されています）")
    dialogs.info(parent, translate("TrustActions", "登録しました"),
                 translate("TrustActions", "信頼する証明書に登録しました:\n") + names)
    return bool(added)


def add_crl(parent: QWidget, session: Session, dialogs: Dialogs) -> bool:
    """Take a trusted CA's CRL (the town CA's ca.crl) into this database."""
    path = dialogs.open_file(parent, translate("TrustActions", "失効リスト（CRL）"),
                             translate("TrustActions", "失効リスト (*.crl *.pem *.der)"))
    if not path:
        return False
    try:
        got = admin.trust_crl(session, Path(path))
    except _ERRORS as exc:
        dialogs.error(parent, translate("TrustActions", "入れられません"), str(exc))
        return False
    if got.stored:
        dialogs.info(parent, translate("TrustActions", "失効リスト"),
                     translate("TrustActions", "{0} の失効リスト（{1} 発行、失効 {2} 件）を入れました。"
                                               "以後の取込と確認で使います。").format(
                         got.issuer, got.this_update.date().isoformat(), got.revoked))
    else:
        dialogs.info(parent, translate("TrustActions", "失効リスト"),
                     translate("TrustActions", "同じか新しい失効リストがすでに入っています。"))
    return got.stored


class SignerDialog(QDialog):
    """The register of who may sign what: the list, 登録… and 登録をやめる…."""

    HEADERS = ("番号", "役割", "部署", "氏名", "職名", "期間", "指紋")

    def __init__(self, session: Session, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.dialogs = session, dialogs
        self.setWindowTitle(self.tr("署名者の登録"))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(self.tr(
            "各部署の提出に署名できる人（承認者）と、監査報告書の作成・確認・承認に署名できる人です。"
            "登録のない署名の提出は取り込まれません。")))
        self.model = RowsTableModel([translate("TrustActions", h) for h in self.HEADERS], centered=(0,), parent=self)
        self.view = _table(self.model, self.tr("署名者の一覧"))
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName(self.tr("役割"))
        for role in SIGNER_ROLES:
            self.role_combo.addItem(ROLE_NAMES[role], role)
        self.department_combo = QComboBox()
        self.department_combo.setAccessibleName(self.tr("部署"))
        for d in session.departments():
            self.department_combo.addItem(f"{d.name}（{d.id}）", d.id)
        self.role_combo.currentIndexChanged.connect(
            lambda _i: self.department_combo.setEnabled(self.role_combo.currentData() == "submission"))
        form = QFormLayout()
        form.addRow(self.tr("役割(&R):"), self.role_combo)
        form.addRow(self.tr("部署(&D):"), self.department_combo)
        row.addLayout(form, 1)
        self.add_button = QPushButton(self.tr("証明書を選んで登録(&A)…"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("登録をやめる(&X)…"))
        self.remove_button.clicked.connect(self.remove)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_initially(self, 980, 520)
        self.refresh()

    def refresh(self) -> None:
        rows = []
        for r in admin.signer_list(self.session):
            rows.append(TableRow((str(r.id), ROLE_NAMES[r.role], r.department_id or "", r.holder_name, r.holder_title,
                                  f"{r.valid_from}〜{r.valid_to}", (r.fingerprint or "")[:16]), key=str(r.id)))
        self.model.set_rows(rows)
        _fit_columns(self.view, stretch=3)

    def add(self) -> bool:
        """A certificate (.pem/.cer/.p12) or a signed PDF (its signer), shown and confirmed, then registered."""
        path = self.dialogs.open_file(self, self.tr("登録する証明書、または署名済みの提出ファイル"),
                                      self.tr("証明書・PDF (*.pem *.crt *.cer *.der *.p12 *.pfx *.pdf)"))
        if not path:
            return False
        role = str(self.role_combo.currentData())
        department = str(self.department_combo.currentData()) if role == "submission" else None
        secret: bytes | None = None
        if Path(path).suffix.lower() in (".p12", ".pfx"):
            value = self.dialogs.ask_secret(self, self.tr("パスフレーズ"), self.tr("証明書（PKCS#12）のパスフレーズ:"))
            if value is None:
                return False
            secret = value.encode("utf-8")
        try:
            summary = admin.signer_candidate(Path(path), secret)
        except _ERRORS as exc:
            self.dialogs.error(self, self.tr("登録できません"), str(exc))
            return False
        what = ROLE_NAMES[role] + (f"（{department}）" if department else "")
        text = self.tr("次の証明書を「{0}」に登録しますか。").format(what) + "\n\n" + "\n".join(summary.lines())
        if not self.dialogs.question(self, self.tr("署名者の登録"), text):
            return False
        try:
            admin.signer_add(self.session, Path(path), role=role, department_id=department, passphrase=secret)
        except _ERRORS as exc:
            self.dialogs.error(self, self.tr("登録できません"), str(exc))
            return False
        self.refresh()
        return True

    def remove(self) -> bool:
        index = self.view.currentIndex()
        if not index.isValid():
            self.dialogs.info(self, self.tr("登録をやめる"), self.tr("一覧から署名者を選んでください。"))
            return False
        signer_id = int(self.model.row(index.row()).key)
        reason = self.dialogs.ask_text(self, self.tr("登録をやめる"), self.tr("理由（例: 人事異動）:"))
        if not reason:
            return False
        try:
            admin.signer_remove(self.session, signer_id, reason)
        except _ERRORS as exc:
            self.dialogs.error(self, self.tr("登録をやめられません"), str(exc))
            return False
        self.refresh()
        return True
