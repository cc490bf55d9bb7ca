"""Keyboard and screen-reader use of the windows: names on every control, Tab through the department
window, the shortcuts, and the font size setting."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from mizuho_audit import preferences
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.usecases.session import Session

from .test_i18n_ui import Desk, auditor, department_window, desk, every_dialog

__all__ = ["desk"]  # the fixture, shared with the English tests

_INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QAbstractItemView)


def _is_part_of_another_control(w: QWidget) -> bool:
    """Inner pieces (a date edit's line edit, a table's corner button, a tab bar's arrows) are named by
    the control they belong to."""
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox | QAbstractItemView | QTabBar | QLineEdit):
            return True
        parent = parent.parentWidget()
    return isinstance(w, QHeaderView)


def unnamed_controls(top: QWidget) -> list[str]:
    """Controls a screen reader could not name: no accessible name, no caption (buddy) and no text."""
    buddies = {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for w in top.findChildren(QWidget):
        if not isinstance(w, _INTERACTIVE) or _is_part_of_another_control(w) or w.objectName().startswith("qt_"):
            continue
        if w.accessibleName() or id(w) in buddies:
            continue
        if isinstance(w, QAbstractButton) and w.text().replace("&", "").strip():
            continue
        missing.append(f"{type(w).__name__} {w.objectName()!r} in {type(top).__name__}")
    return missing


def test_every_control_has_a_name(desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    w = department_window(desk, qtbot)
    a = auditor(desk, qtbot)
    problems = unnamed_controls(w) + unnamed_controls(a)
    for d in every_dialog(desk, qtbot, monkeypatch):
        problems += unnamed_controls(d)
    assert not problems


def test_captions_point_at_their_fields(desk: Desk, qtbot: QtBot) -> None:
    """Alt+letter of a caption moves to its field (年度(&Y), 部署(&D) ...)."""
    w = department_window(desk, qtbot)
    captions = {label.text(): label.buddy() for label in w.findChildren(QLabel) if label.buddy() is not None}
    assert captions["年度(&Y):"] is w.year_combo and captions["部署(&D):"] is w.department_combo
    assert captions["実施状況・根拠:"] is w.panel.note and captions["期限:"] is w.panel.plan_due


def _focus_chain(window: QWidget, qtbot: QtBot, start: QWidget, steps: int = 60) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    chain = [start]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start:
            break
        chain.append(now)
    return chain


def test_tab_reaches_the_main_controls_in_order(desk: Desk, qtbot: QtBot) -> None:
    w = department_window(desk, qtbot)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)  # not QApplication.activeWindow(): see tests/test_window.py
    chain = _focus_chain(w, qtbot, w.year_combo)
    panel = w.panel
    rating = next((b for b in panel.rating_buttons if b in chain), None)  # Tab enters the group once
    assert rating is not None, [c.accessibleName() or type(c).__name__ for c in chain]
    wanted = [w.year_combo, w.department_combo, w.filter_combo, w.search, w.tree, rating,
              panel.note, panel.plan_content, panel.plan_owner, panel.plan_due]
    for widget in wanted:
        assert widget in chain, (type(widget).__name__, widget.accessibleName(), [c.accessibleName() for c in chain])
    positions = [chain.index(widget) for widget in wanted]
    assert positions == sorted(positions), [c.accessibleName() or type(c).__name__ for c in chain]
    # The evidence list and its buttons come after the text fields, and Tab goes round.
    assert chain.index(w.workflow.evidence.view) > chain.index(panel.plan_due)


def test_keyboard_shortcuts(desk: Desk, qtbot: QtBot) -> None:
    w = department_window(desk, qtbot)
    keys = {s.key().toString() for s in w.findChildren(QShortcut)}
    keys |= {a.shortcut().toString() for a in w.findChildren(QAction) if not a.shortcut().isEmpty()}
    assert {"1", "2", "3", "4", "Ctrl+N", "Ctrl+F", "Ctrl+Shift+S"} <= keys
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)  # not QApplication.activeWindow(): see tests/test_window.py
    w.tree.setFocus()
    qtbot.keySequence(w, QKeySequence("Ctrl+F"))
    assert QApplication.focusWidget() is w.search
    w.tree.setFocus()
    qtbot.keyClick(w.tree, Qt.Key.Key_3)
    assert w.panel.rating_buttons[2].isChecked()
    a = auditor(desk, qtbot)
    assert [a.tabs.tabText(i)[:2] for i in range(3)] == ["提出", "指摘", "集計"]
    assert all("&" in a.tabs.tabText(i) for i in range(3))  # Alt+1, Alt+2, Alt+3


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[QFont]:
    """The application font as it was; put back afterwards (the font is global)."""
    before = QFont(qapp.font())
    yield before
    qapp.setFont(before)


def test_font_size_applies_at_once_and_is_remembered(desk: Desk, qtbot: QtBot, app_font: QFont) -> None:
    w = department_window(desk, qtbot)
    menu = w.view_menu
    menu.choose_font_size("normal")
    QApplication.processEvents()
    normal = QApplication.font().pointSizeF()
    family = QApplication.font().family()
    column = w.tree.header().sectionSize(1)
    menu.font_actions["xlarge"].trigger()
    QApplication.processEvents()  # the widgets take the new font from the event queue
    assert QApplication.font().pointSizeF() == pytest.approx(normal * preferences.FONT_SIZES["xlarge"], abs=0.1)
    assert QApplication.font().family() == family  # the shipped font, larger
    assert w.panel.note.font().pointSizeF() == pytest.approx(QApplication.font().pointSizeF(), abs=0.1)
    assert w.panel.title.font().pointSizeF() > QApplication.font().pointSizeF()  # the question stays larger
    assert w.tree.header().sectionSize(1) > column  # the status column follows the font
    assert menu.font_actions["xlarge"].isChecked()
    assert preferences.load().font_size == "xlarge"
    menu.choose_font_size("small")
    QApplication.processEvents()
    assert QApplication.font().pointSizeF() < normal
    assert json.loads(preferences.preferences_path().read_text(encoding="utf-8"))["font_size"] == "small"
    # The next window starts with the saved choice checked.
    w2 = MainWindow(Session(desk.dept), w.dialogs, user="x")
    qtbot.addWidget(w2)
    assert w2.view_menu.font_actions["small"].isChecked()


def test_preferences_file_is_written_whole_and_read_forgivingly(tmp_path: Path) -> None:
    path = tmp_path / "prefs" / "preferences.json"
    assert preferences.load(path) == preferences.Preferences()  # no file: the defaults
    preferences.save(preferences.Preferences(language="en", font_size="large"), path)
    assert preferences.load(path) == preferences.Preferences("en", "large")
    assert [p.name for p in path.parent.iterdir()] == ["preferences.json"]  # no temporary file left
    path.write_text("{not json", encoding="utf-8")
    assert preferences.load(path) == preferences.Preferences()
    path.write_text(json.dumps({"language": "fr", "font_size": "huge"}), encoding="utf-8")
    assert preferences.load(path) == preferences.Preferences()  # unknown values: the defaults
    assert preferences.update(path, font_size="small").font_size == "small"
    assert preferences.load(path).font_size == "small"


def _within_viewport(w: MainWindow, widget: QWidget) -> bool:
    """The whole of ``widget`` shows in the item panel's viewport (not behind a scrollbar nor cut off)."""
    viewport = w.panel.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    from PySide6.QtCore import QRect

    return viewport.rect().contains(QRect(top_left, widget.size()))


def test_at_the_largest_font_the_item_panel_shows_the_question_and_every_rating(desk: Desk, qtbot: QtBot,
                                                                                 app_font: QFont) -> None:
    w = department_window(desk, qtbot)
    w.view_menu.font_actions["xlarge"].trigger()
    QApplication.processEvents()
    w2 = MainWindow(Session(desk.dept), w.dialogs, user="瑞穂 花子")  # a window opened at 特大: its default size
    qtbot.addWidget(w2)
    w2.select("kikaku", 2026)
    w2.show()
    qtbot.waitExposed(w2)
    for window in (w, w2):  # changed to 特大 while open, and opened at 特大
        QApplication.processEvents()
        panel = window.panel
        assert not panel.horizontalScrollBar().isVisible(), window.size()
        panel.verticalScrollBar().setValue(0)
        assert panel.title.width() <= panel.viewport().width()  # the question wraps within the panel
        panel.ensureWidgetVisible(panel.rating_box)
        QApplication.processEvents()
        assert len(panel.rating_buttons) == 4
        for button in panel.rating_buttons:
            assert button.isVisible() and _within_viewport(window, button), (button.text(), window.size())
