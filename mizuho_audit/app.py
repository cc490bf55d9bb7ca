"""Composition root of the window: font, store, catalog, first-start questions, main window."""

from __future__ import annotations

import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .paths import ensure_private_dir, font_path, prepare_db_folder, user_data_dir


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
        # A windowed Windows build has no stderr at all.
        if not message.startswith(_HARMLESS_QT_MESSAGES) and sys.stderr is not None:
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


def install_qt_translations(app: object, language: str = "ja") -> None:
    """Qt's own words (OK, Cancel, Close, the file dialogs) in the user's language."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)  # type: ignore[arg-type]
    if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)  # type: ignore[attr-defined]


def apply_app_font(app: object) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    family = load_app_font()
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)


def open_workspace_interactively(db_path: Path, shipped_dir: Path | None = None,
                                 town_dir: Path | None = None) -> object | None:
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
            return Workspace.open(db_path, shipped_dir=shipped_dir, town_dir=town_dir, role=role,
                                  passphrase=passphrase)
        except (PassphraseRequired, WrongPassphrase) as exc:
            if passphrase is not None:
                message = str(exc) + " もう一度入力してください。"
            pd = PassphraseDialog(creating=False, message=message)
            if pd.exec() != QDialog.DialogCode.Accepted:
                return None
            passphrase = pd.passphrase()
    QMessageBox.critical(None, "データベースを開けません", "パスフレーズが違います。")
    return None


@dataclass
class Session:
    """An open window on one database, with the lock that keeps a second window off it."""

    window: Any  # MainWindow | AuditorWindow (Qt is imported lazily)
    workspace: Any  # Workspace
    lock: Any  # DatabaseLock

    def close(self) -> None:
        self.workspace.close()
        self.lock.release()


def open_session(db_path: Path, dialogs: Any = None, shipped_dir: Path | None = None,
                 town_dir: Path | None = None) -> tuple[Session | None, int]:
    """Lock the database, open it (offering a restore when it is damaged) and build its window.

    Returns the session, or None with the exit code (0: the user cancelled, 1/3: a problem, shown).
    """
    from .questionnaires.problems import ValidationFailed
    from .services.workspace import Workspace
    from .storage.connection import CorruptDatabase, StoreError, describe_os_error, store_error
    from .ui.backup_actions import offer_restore
    from .ui.dialogs import Dialogs
    from .ui.instance_lock import DatabaseLock

    dialogs = dialogs or Dialogs()
    try:
        ensure_private_dir(user_data_dir())
        prepare_db_folder(db_path)
    except OSError as exc:
        dialogs.error(None, "データベースを開けません", describe_os_error(exc))
        return None, 3
    lock = DatabaseLock(db_path)
    if not lock.acquire():
        dialogs.error(None, "データベースは使用中です", lock.refusal())
        return None, 3
    workspace: object | None = None
    restored = 0
    try:
        while True:
            try:
                workspace = open_workspace_interactively(db_path, shipped_dir, town_dir)
                break
            except CorruptDatabase as exc:
                if restored >= 2 or not offer_restore(dialogs, db_path, exc):
                    lock.release()
                    return None, 3
                restored += 1
    except ValidationFailed as exc:
        lock.release()
        dialogs.error(None, "チェックリストを読み込めません",
                      f"チェックリストまたは部署マスタのファイルに問題が {len(exc.problems)} 件あります。"
                      "管理者に連絡してください。", details="\n".join(str(p) for p in exc.problems))
        return None, 1
    except (StoreError, OSError, sqlite3.Error) as exc:  # e.g. a command holding SQLite's lock for long
        lock.release()
        if isinstance(exc, sqlite3.Error):
            text = str(store_error(exc, db_path))
        else:
            text = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        dialogs.error(None, "データベースを開けません", text)
        return None, 3
    if workspace is None:
        lock.release()
        return None, 0
    assert isinstance(workspace, Workspace)
    if workspace.store.role == "auditor":
        from .ui.auditor_window import AuditorWindow

        window: Any = AuditorWindow(workspace, dialogs)
    else:
        from .ui.main_window import MainWindow

        window = MainWindow(workspace, dialogs)
    return Session(window, workspace, lock), 0


def run_gui(db_path: Path) -> int:
    _qt_platform_hint()
    from PySide6.QtWidgets import QApplication

    quiet_harmless_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("mizuho-audit")
    app.setApplicationDisplayName("瑞穂町 情報セキュリティ自己点検")
    install_qt_translations(app)
    apply_app_font(app)
    session, code = open_session(db_path)
    if session is None:
        return code
    window = session.window
    try:
        window.show()
        if not window.user:
            window.change_user()
        window.backup_actions.schedule_automatic()  # after show: never delays the window
        return app.exec()
    finally:
        window.backup_actions.backup_on_exit()
        session.close()


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
