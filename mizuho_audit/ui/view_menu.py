"""表示 menu of both windows: the language of the window (after a restart) and the font size (at once).

Both are the user's own preferences (:mod:`mizuho_audit.preferences`), saved for the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow

from .. import i18n, preferences
from .appearance import apply_font
from .dialogs import Dialogs
from .labels import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

FONT_SIZE_LABELS = {
    "small": QT_TRANSLATE_NOOP("ViewMenu", "小"),
    "normal": QT_TRANSLATE_NOOP("ViewMenu", "標準"),
    "large": QT_TRANSLATE_NOOP("ViewMenu", "大"),
    "xlarge": QT_TRANSLATE_NOOP("ViewMenu", "特大"),
}


def apply_font_size(key: str) -> None:
    """Show the whole application at the font size ``key`` (small / normal / large / xlarge)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_font(app, preferences.FONT_SIZES.get(key, 1.0))


class ViewMenu(QObject):
    """The 表示 menu: 言語 (日本語 / English) and 文字の大きさ (小 / 標準 / 大 / 特大)."""

    def __init__(self, window: QMainWindow, dialogs: Dialogs) -> None:
        super().__init__(window)
        self.window = window
        self.dialogs = dialogs
        self.menu = window.menuBar().addMenu(self.tr("表示(&W)"))
        prefs = preferences.load()

        self.language_menu = self.menu.addMenu(self.tr("言語（再起動後に切り替わります）(&L)"))
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        shown = i18n.current_language()
        for code, name in i18n.LANGUAGES.items():  # each language by its own name
            act = QAction(name, window)
            act.setCheckable(True)
            act.setChecked(code == (prefs.language or shown))
            act.setStatusTip(self.tr("ウィンドウの言語を選びます。次に起動したときから切り替わります。"))
            act.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            self.language_group.addAction(act)
            self.language_menu.addAction(act)
            self.language_actions[code] = act

        self.font_menu = self.menu.addMenu(self.tr("文字の大きさ(&F)"))
        self.font_group = QActionGroup(self)
        self.font_actions: dict[str, QAction] = {}
        for key, text in FONT_SIZE_LABELS.items():
            act = QAction(translate("ViewMenu", text), window)
            act.setCheckable(True)
            act.setChecked(key == prefs.font_size)
            act.triggered.connect(lambda _checked=False, k=key: self.choose_font_size(k))
            self.font_group.addAction(act)
            self.font_menu.addAction(act)
            self.font_actions[key] = act

    def choose_language(self, code: str) -> None:
        """Save the language for the next start, and say when it takes effect."""
        self.language_actions[code].setChecked(True)
        if preferences.load().language == code:
            return
        preferences.update(language=code)
        if code == i18n.current_language():
            return
        self.dialogs.info(self.window, self.tr("言語"),
                          self.tr("ウィンドウの言語を「{0}」にしました。アプリを再起動すると切り替わります。\n"
                                  "チェックリストの内容と報告書は日本語のままです。").format(i18n.LANGUAGES[code]))

    def choose_font_size(self, key: str) -> None:
        """Apply the font size at once and save it."""
        self.font_actions[key].setChecked(True)
        apply_font_size(key)
        preferences.update(font_size=key)
