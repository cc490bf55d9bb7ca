"""Qt's own dialogs (the file dialog, the calendar) speak the app's language, as the rest of the window does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QApplication, QCalendarWidget, QDialogButtonBox, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from mizuho_audit import app as app_module
from mizuho_audit import i18n


@pytest.fixture(params=["ja", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    lang = str(request.param)
    i18n.set_language(lang)
    installed = app_module.install_translations(qapp, lang, stretched=False)
    yield lang
    app_module.remove_translations(qapp, installed)
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_the_file_dialog_speaks_the_apps_language(language: str, qtbot: QtBot) -> None:
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on a desktop without one
    qtbot.addWidget(dialog)
    texts = {b.text() for box in dialog.findChildren(QDialogButtonBox) for b in box.findChildren(QPushButton)}
    assert ("キャンセル" in texts) == (language == "ja"), texts
    assert ("Cancel" in texts) == (language == "en"), texts


def test_the_calendar_names_months_in_the_apps_language(language: str, qtbot: QtBot) -> None:
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    calendar.setSelectedDate(QDate(2026, 9, 30))
    month = calendar.locale().standaloneMonthName(9)
    assert month == ("9月" if language == "ja" else "September"), (language, month, QLocale().name())
