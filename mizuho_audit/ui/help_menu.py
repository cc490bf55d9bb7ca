"""The ヘルプ menu: the manual and the administrator's guide, shown inside the app (also in the bundle)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from .. import __version__
from ..paths import docs_dir


class HelpDialog(QDialog):
    """A Markdown document of docs/ with its pictures, in a browser that follows links."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(self.fontMetrics().horizontalAdvance("あ") * 60, self.fontMetrics().height() * 40)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(title)
        folder = docs_dir()
        self.browser.setSearchPaths([str(folder)])
        path = folder / name
        if path.is_file():
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(folder) + "/"))
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        else:
            self.browser.setPlainText(self.tr("説明書が見つかりません: {0}").format(path))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class HelpMenu(QObject):
    """ヘルプ: the manual, the administrator's guide, about."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        menu = window.menuBar().addMenu(self.tr("ヘルプ(&H)"))
        for text, handler in ((self.tr("使い方（マニュアル）(&M)"), self.manual),
                              (self.tr("管理者向けの説明(&G)"), self.admin_guide),
                              (self.tr("このアプリについて(&A)"), self.about)):
            act = QAction(text, window)
            act.triggered.connect(handler)
            menu.addAction(act)
        self.dialog: HelpDialog | None = None

    def _show(self, name: str, title: str) -> None:
        self.dialog = HelpDialog(name, title, self.window)
        self.dialog.show()

    def manual(self) -> None:
        self._show("manual.md", self.tr("使い方（マニュアル）"))

    def admin_guide(self) -> None:
        self._show("admin.md", self.tr("管理者向けの説明"))

    def about(self) -> None:
        QMessageBox.about(self.window, self.tr("このアプリについて"),
                          self.tr("瑞穂町 情報セキュリティ自己点検・監査ツール（mizuho-audit）版 {0}\n"
                                  "瑞穂町サイバーセキュリティを確保するための方針（令和8年3月）に基づく自己点検と監査のためのツールです。"
                                  ).format(__version__))
