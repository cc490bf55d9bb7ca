"""Composition root of the window: font, store, catalog, first-start questions, main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .paths import ensure_private_dir, font_path


def _qt_platform_hint() -> None:
    """Without a screen on Linux, Qt would abort; tell the user what to do instead."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
            and not os.environ.get("QT_QPA_PLATFORM"):
        raise SystemExit("画面（ディスプレイ）がありません。画面のない環境では "
                         "`mizuho-audit demo --dir DIR` でデモを作成できます。")


_HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)


def quiet_harmless_qt_messages() -> None:
    """Drop Qt's offscreen-platform chatter that means nothing to a user; pass everything else on."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if not message.startswith(_HARMLESS_QT_MESSAGES):
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def load_app_font() -> str | None:
    """Load the shipped IPAexGothic so the window looks the same on every machine."""
    from PySide6.QtGui import QFontDatabase

    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None


def apply_app_font(app: object) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    family = load_app_font()
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)


def open_workspace_interactively(db_path: Path) -> object | None:
    """Open the database, asking the kind on first start and the auditor's passphrase when needed."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    from .services.workspace import Workspace
    from .storage.repository import PassphraseRequired, WrongPassphrase
    from .ui.start_dialogs import PassphraseDialog, RoleDialog

    role: str | None = None
    passphrase: str | None = None
    if not db_path.exists():
        dialog = RoleDialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        role = dialog.role()
        if role == "auditor":
            pd = PassphraseDialog(creating=True)
            if pd.exec() != QDialog.DialogCode.Accepted:
                return None
            passphrase = pd.passphrase()
    message = ""
    for _attempt in range(5):
        try:
            return Workspace.open(db_path, role=role, passphrase=passphrase)
        except (PassphraseRequired, WrongPassphrase) as exc:
            if passphrase is not None:
                message = str(exc) + " もう一度入力してください。"
            pd = PassphraseDialog(creating=False, message=message)
            if pd.exec() != QDialog.DialogCode.Accepted:
                return None
            passphrase = pd.passphrase()
    QMessageBox.critical(None, "データベースを開けません", "パスフレーズが違います。")
    return None


def run_gui(db_path: Path) -> int:
    _qt_platform_hint()
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .questionnaires.problems import ValidationFailed
    from .services.workspace import Workspace
    from .storage.connection import StoreError
    from .ui.main_window import MainWindow

    quiet_harmless_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("mizuho-audit")
    app.setApplicationDisplayName("瑞穂町 情報セキュリティ自己点検")
    apply_app_font(app)
    try:
        ensure_private_dir(db_path.parent)
        workspace = open_workspace_interactively(db_path)
    except ValidationFailed as exc:
        box = QMessageBox(QMessageBox.Icon.Critical, "チェックリストを読み込めません",
                          f"チェックリストまたは部署マスタのファイルに問題が {len(exc.problems)} 件あります。"
                          "管理者に連絡してください。")
        box.setDetailedText("\n".join(str(p) for p in exc.problems))
        box.exec()
        return 1
    except (StoreError, OSError) as exc:
        QMessageBox.critical(None, "データベースを開けません", str(exc))
        return 3
    if workspace is None:
        return 0
    assert isinstance(workspace, Workspace)
    if workspace.store.role == "auditor":
        from .ui.auditor_window import AuditorWindow

        window: object = AuditorWindow(workspace)
    else:
        window = MainWindow(workspace)
    window.show()  # type: ignore[attr-defined]
    if not window.user:  # type: ignore[attr-defined]
        window.change_user()  # type: ignore[attr-defined]
    try:
        return app.exec()
    finally:
        workspace.close()


def save_window_screenshot(db_path: Path, out: Path, department_id: str, year: int) -> Path:
    """Render the window on ``db_path`` without a screen and save it as PNG (headless demo, manual)."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from .services.workspace import Workspace
    from .ui.dialogs import Dialogs
    from .ui.main_window import MainWindow

    quiet_harmless_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_app_font(app)
    workspace = Workspace.open(db_path)
    try:
        window = MainWindow(workspace, Dialogs(), user="デモ")
        window.resize(1280, 820)
        window.show()
        window.select(department_id, year)
        first = window.model.item_ids()[0] if window.model.item_ids() else None
        if first:
            window.select_item(first)
        app.processEvents()
        window.grab().save(str(out))
        window.close()
    finally:
        workspace.close()
    return out
