"""The ヘルプ menu shows the manual with its pictures inside the app."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from mizuho_audit.paths import docs_dir
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.usecases.session import Session

from .test_window import FakeDialogs


def test_manual_opens_from_the_help_menu(workspace: Workspace, qtbot: QtBot) -> None:
    w = MainWindow(Session(workspace), FakeDialogs())
    qtbot.addWidget(w)
    titles = [a.text() for a in w.menuBar().actions()]
    assert titles[-1] == "ヘルプ(&H)" and titles.index("回答(&R)") < titles.index("管理(&A)")
    w.help_menu.manual()
    dialog = w.help_menu.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "回答" in text and "提出" in text and len(text) > 5000
    manual = (docs_dir() / "manual.md").read_text(encoding="utf-8")
    images = [line for line in manual.splitlines() if "](images/" in line]
    assert images and (docs_dir() / images[0].split("](")[1].split(")")[0]).is_file()
    w.help_menu.admin_guide()
    assert "認証局" in w.help_menu.dialog.browser.toPlainText()  # type: ignore[union-attr]
    w.close()
