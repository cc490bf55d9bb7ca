"""Composition root of the window: font, store, catalog, first-start questions, main window."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import preferences
from .i18n import (
    DEFAULT_LANGUAGE,
    current_language,
    language_from_environment,
    qt_catalog_path,
    set_language,
    stretch,
)
from .i18n import stretched as is_stretched
from .paths import ensure_private_dir, font_path, prepare_db_folder, user_data_dir


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for the window's translation without importing Qt at import time."""
    return text


_NO_SCREEN = QT_TRANSLATE_NOOP("App", "画面（ディスプレイ）がありません。画面のない環境では "
                                      "`mizuho-audit demo --dir DIR` でデモを作成できます。")


def _qt_platform_hint(language: str) -> None:
    """Without a screen on Linux, Qt would abort; tell the user what to do instead."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
            and not os.environ.get("QT_QPA_PLATFORM"):
        from PySide6.QtCore import QTranslator

        translator = QTranslator()  # there is no application yet to install it in
        text = translator.translate("App", _NO_SCREEN) if translator.load(str(qt_catalog_path(language))) else ""
        raise SystemExit(text or _NO_SCREEN)


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


def _qt_base_translator(app: object, language: str) -> Any:
    """Qt's own words (OK, Cancel, Close, the file dialogs) in ``language``; None when Qt has none."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)  # type: ignore[arg-type]
    if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return translator
    translator.deleteLater()
    return None


def _app_translator(app: object, language: str) -> Any:
    """The window's own words in ``language`` (the shipped .qm); None for Japanese, the source text."""
    from PySide6.QtCore import QTranslator

    if language == DEFAULT_LANGUAGE:
        return None
    translator = QTranslator(app)  # type: ignore[arg-type]
    if translator.load(str(qt_catalog_path(language))):
        return translator
    translator.deleteLater()
    return None


def install_qt_translations(app: object, language: str = "ja") -> None:
    """Qt's own words (OK, Cancel, Close, the file dialogs) in the user's language."""
    translator = _qt_base_translator(app, language)
    if translator is not None:
        app.installTranslator(translator)  # type: ignore[attr-defined]


def _stretch_translator_class() -> Any:
    from PySide6.QtCore import QTranslator

    class StretchTranslator(QTranslator):
        """Every translated string made longer (``MIZUHO_AUDIT_STRETCH=1``), to check that layouts hold.

        It asks the real translators and stretches their answer; with no translation it stretches
        the source text only for Japanese (the source language), so that in English Qt can still
        look the text up under the base classes' names. None (not "") means "no translation": Qt
        takes an empty string as the translation."""

        def __init__(self, inner: list[QTranslator], source_is_shown: bool, parent: object = None) -> None:
            super().__init__(parent)  # type: ignore[arg-type]
            self.inner = inner
            self.source_is_shown = source_is_shown

        def translate(self, context: str, source: str,
                      disambiguation: str | None = None, n: int = -1) -> str | None:
            if source == "QT_LAYOUT_DIRECTION":
                return None
            for translator in self.inner:
                text = translator.translate(context, source, disambiguation, n)
                if text:
                    return stretch_text(text)
            return stretch_text(source) if self.source_is_shown else None

        def isEmpty(self) -> bool:
            return False

    return StretchTranslator


def stretch_text(text: str) -> str:
    """:func:`i18n.stretch`, with no brace in the added part (so ``.format`` still works)."""
    longer = stretch(text)
    return text + longer[len(text):].replace("{", "").replace("}", "")


def install_translations(app: object, language: str, stretched: bool | None = None) -> list[Any]:
    """Install the window's translation and Qt's own for ``language``; returns what was installed.

    With ``stretched`` (default: ``MIZUHO_AUDIT_STRETCH=1``) one translator wraps both and makes every
    string longer. :func:`remove_translations` takes them out again (tests switch languages)."""
    inner = [t for t in (_app_translator(app, language), _qt_base_translator(app, language)) if t is not None]
    if stretched is None:
        stretched = is_stretched()
    installed = [_stretch_translator_class()(inner, language == DEFAULT_LANGUAGE, app)] if stretched else inner
    for translator in reversed(installed):  # the last installed is asked first: the app's own words first
        app.installTranslator(translator)  # type: ignore[attr-defined]
    from .ui.appearance import use_locale

    use_locale(language)
    return installed


def remove_translations(app: object, translators: list[Any]) -> None:
    for translator in translators:
        app.removeTranslator(translator)  # type: ignore[attr-defined]
    from .ui.appearance import restore_locale

    restore_locale()  # as it was before install_translations


def choose_language(cli_lang: str | None = None) -> str:
    """``--lang`` or ``MIZUHO_AUDIT_LANG`` (or a language the command line already set), else the saved one."""
    explicit = language_from_environment(cli_lang)
    if explicit:
        return explicit
    if current_language() != DEFAULT_LANGUAGE:
        return current_language()
    return preferences.load().language or DEFAULT_LANGUAGE


def apply_app_font(app: object, scale: float = 1.0) -> None:
    """The shipped font at the standard size times ``scale`` (the font size preference)."""
    from PySide6.QtWidgets import QApplication

    from .ui.appearance import apply_font

    assert isinstance(app, QApplication)
    apply_font(app, scale)


def open_database_interactively(db_path: Path, shipped_dir: Path | None = None,
                                town_dir: Path | None = None, dialogs: Any = None, role: str | None = None,
                                **holding: bool) -> object | None:
    """Open the database, asking the kind on first start and the auditor's passphrase when needed.

    An auditor's database that fails its self-check (changed outside the app) is not opened for work: the
    user is told what was found and chooses a read-only look, a restore (``IntegrityFailure`` is raised again
    for :func:`open_session` to offer the backups) or to close. ``holding``: how to hold it (``hold``,
    ``take_over``, ``read_only``; see :meth:`Session.open`). ``role`` (``--role``): the kind of a new
    database, chosen already (the question about the kind is not asked)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialog, QMessageBox

    from .ui.start_dialogs import PassphraseDialog, RoleDialog, ask_about_damage
    from .usecases.session import IntegrityFailure, PassphraseRequired, Session, WrongPassphrase

    passphrase: str | None = None
    if db_path.exists() or holding.get("read_only"):
        role = None  # an existing database has its kind; --role only chooses a new one's
    else:
        if role is None:
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
            return Session.open(db_path, shipped_dir=shipped_dir, town_dir=town_dir, role=role,
                                passphrase=passphrase, hold=holding.get("hold", False),
                                take_over=holding.get("take_over", False), read_only=holding.get("read_only", False))
        except IntegrityFailure as exc:
            if dialogs is None or not ask_about_damage(dialogs, exc):
                raise
            return Session.open(db_path, shipped_dir=shipped_dir, town_dir=town_dir, passphrase=passphrase,
                                read_only_if_damaged=True, hold=holding.get("hold", False),
                                take_over=holding.get("take_over", False), read_only=holding.get("read_only", False))
        except (PassphraseRequired, WrongPassphrase) as exc:
            if passphrase is not None:
                message = str(exc) + QCoreApplication.translate("App", " もう一度入力してください。")
            pd = PassphraseDialog(creating=False, message=message)
            if pd.exec() != QDialog.DialogCode.Accepted:
                return None
            passphrase = pd.passphrase()
    QMessageBox.critical(None, QCoreApplication.translate("App", "データベースを開けません"),
                         QCoreApplication.translate("App", "パスフレーズが違います。"))
    return None


@dataclass
class OpenWindow:
    """An open window on one database (the session holds it, or reads it while someone else does)."""

    window: Any  # MainWindow | AuditorWindow (Qt is imported lazily)
    session: Any  # usecases.session.Session

    def close(self) -> None:
        self.session.close()


def ask_how_to_open(dialogs: Any, refusal: Any) -> dict[str, bool] | None:
    """Someone holds the database: offer to take over a holder that is gone, else to open it read-only.
    Returns how to open it, or None when the user declines."""
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    if refusal.stale and dialogs.question(
            None, translate("App", "データベースは使用中です"),
            translate("App", "{0}\n\n引き継いで開きますか？ その人がまだ入力中でないことを確かめてから"
                             "引き継いでください（いいえ: 読み取り専用で開くかを選べます）。").format(refusal)):
        return {"hold": True, "take_over": True}
    if dialogs.question(None, translate("App", "データベースは使用中です"),
                        translate("App", "{0}\n\n読み取り専用で開きますか？ "
                                         "回答を見ることはできますが、変更はできません。").format(refusal.holder_line)):
        return {"read_only": True}
    return None


def open_session(db_path: Path, dialogs: Any = None, shipped_dir: Path | None = None, town_dir: Path | None = None,
                 role: str | None = None, user: str = "") -> tuple[OpenWindow | None, int]:
    """Lock the database, open it (offering a restore when it is damaged) and build its window, for ``user``
    (``--user``; else the name remembered, or asked).

    Returns the session, or None with the exit code (0: the user cancelled, 1/3: a problem, shown).
    """
    from PySide6.QtCore import QCoreApplication

    from .errors import AppError
    from .oserrors import describe_os_error
    from .ui.dialogs import Dialogs
    from .ui.start_dialogs import DamageClosed, tell_sealed
    from .usecases.holding import DatabaseInUse
    from .usecases.session import CorruptDatabase, IntegrityFailure, Session, ValidationFailed

    dialogs = dialogs or Dialogs()
    try:
        ensure_private_dir(user_data_dir())
        prepare_db_folder(db_path)
    except OSError as exc:
        dialogs.error(None, QCoreApplication.translate("App", "データベースを開けません"), describe_os_error(exc))
        return None, 3
    session: object | None = None
    restored = 0
    how: dict[str, bool] = {"hold": True}
    try:
        while True:
            try:
                session = open_database_interactively(db_path, shipped_dir, town_dir, dialogs, role, **how)
                break
            except DamageClosed:
                break
            except DatabaseInUse as exc:
                chosen = ask_how_to_open(dialogs, exc) if "hold" in how and not how.get("take_over") else None
                if chosen is None:
                    if how.get("take_over") or "hold" not in how:
                        dialogs.error(None, QCoreApplication.translate("App", "データベースは使用中です"), str(exc))
                    return None, 3
                how = chosen
            except (CorruptDatabase, IntegrityFailure) as exc:
                from .ui.backup_actions import offer_restore

                if restored >= 2 or not offer_restore(dialogs, db_path, exc):
                    return None, 3
                restored += 1
    except ValidationFailed as exc:
        dialogs.error(None, QCoreApplication.translate("App", "チェックリストを読み込めません"),
                      QCoreApplication.translate("App", "チェックリストまたは部署マスタのファイルに問題が {0} 件"
                                                        "あります。管理者に連絡してください。").format(len(exc.problems)),
                      details="\n".join(str(p) for p in exc.problems))
        return None, 1
    except (AppError, OSError) as exc:  # e.g. a command holding SQLite's lock for long
        text = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        dialogs.error(None, QCoreApplication.translate("App", "データベースを開けません"), text)
        return None, 3
    if session is None:
        return None, 0
    assert isinstance(session, Session)
    if session.sealed_now:
        tell_sealed(dialogs)
    if session.is_auditor:
        from .ui.auditor_window import AuditorWindow

        window: Any = AuditorWindow(session, dialogs, user=user)
    else:
        from .ui.main_window import MainWindow

        window = MainWindow(session, dialogs, user=user)
    from .ui.holder_watch import HolderWatch

    window.holder_watch = HolderWatch(window, session, dialogs)
    return OpenWindow(window, session), 0


def report_unexpected_errors(dialogs: Any = None) -> None:
    """Unexpected errors (bugs) in the window: written to the log with their traceback and shown in a dialog
    that says where the log is (the windowed build has no console to print to)."""
    import logging

    from PySide6.QtCore import QCoreApplication

    from .logs import log_path

    log = logging.getLogger("mizuho_audit.app")

    def hook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("unexpected error in the window", exc_info=(kind, exc, tb))
        try:
            from .ui.dialogs import Dialogs

            (dialogs or Dialogs()).error(
                None, QCoreApplication.translate("App", "予期しないエラー"),
                QCoreApplication.translate("App", "予期しないエラーが起きました（プログラムの不具合です）。"
                                                  "直前の操作は完了していない可能性があります。入力済みの回答は"
                                                  "保存されています。\n詳しい記録: {0}").format(log_path()),
                details=f"{kind.__name__}: {exc}")
        except Exception:  # the dialog itself failed: the log has it, never loop
            log.exception("could not show the error dialog")

    sys.excepthook = hook


def run_gui(db_path: Path, lang: str | None = None, role: str | None = None, user: str | None = None) -> int:
    """The window on ``db_path``, in ``lang`` (or ``MIZUHO_AUDIT_LANG``, or the language saved in 表示 → 言語);
    ``role`` (``--role``): the kind of the database when the window creates it; ``user`` (``--user``): who works."""
    from .logs import setup_logging

    setup_logging()
    language = set_language(choose_language(lang))  # the core's messages in the same language
    _qt_platform_hint(language)
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    quiet_harmless_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("mizuho-audit")
    installed = install_translations(app, language)
    app.setApplicationDisplayName(QCoreApplication.translate("App", "瑞穂町 情報セキュリティ自己点検"))
    apply_app_font(app, preferences.load().font_scale())
    previous_hook = sys.excepthook
    report_unexpected_errors()
    from .ui.termination import end_on_termination

    restore_signals = end_on_termination(app)
    try:
        session, code = open_session(db_path, role=role, user=user or "")
        if session is None:
            return code
        window = session.window
        try:
            window.show()
            if not window.user and not session.session.read_only:
                window.change_user()
            window.backup_actions.schedule_automatic()  # after show: never delays the window
            return app.exec()
        finally:
            if window.isVisible():  # the event loop was ended without closing it: close it as a person would
                window.close()
            window.backup_actions.backup_on_exit()
            session.close()
            window.deleteLater()
    finally:
        # Leave the application as it was found (another window may follow in the same process).
        remove_translations(app, installed)
        sys.excepthook = previous_hook
        restore_signals()


def save_window_screenshot(db_path: Path, out: Path, department_id: str, year: int) -> Path:
    """Render the window on ``db_path`` without a screen and save it as PNG (headless demo, manual)."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from .ui.dialogs import Dialogs
    from .ui.main_window import MainWindow
    from .usecases.session import Session

    quiet_harmless_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_app_font(app)
    session = Session.open(db_path, user="デモ")
    try:
        window = MainWindow(session, Dialogs())
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
        session.close()
    return out
