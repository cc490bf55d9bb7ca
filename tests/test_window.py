"""The department's window, driven as a user would: keyboard, mouse, close and reopen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui.checklist_model import STATE_ROLE
from mizuho_audit.ui.dialogs import Dialogs
from mizuho_audit.ui.item_panel import SAVE_DELAY_MS
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.usecases.session import Session


class FakeDialogs(Dialogs):
    def __init__(self, name: str = "瑞穂 花子") -> None:
        self.name = name
        self.errors: list[tuple[str, str, str]] = []
        self.infos: list[str] = []
        self.asked = 0
        self.file: str | None = None

    def error(self, parent: Any, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text, details))

    def info(self, parent: Any, title: str, text: str) -> None:
        self.infos.append(text)

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
        self.asked += 1
        return self.name

    def open_file(self, parent: Any, title: str, filters: str) -> str | None:
        return self.file


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "dept.db"


def _open(db_path: Path, mini_dir: Path, dialogs: FakeDialogs, qtbot: QtBot) -> MainWindow:
    ws = Workspace.open(db_path, shipped_dir=mini_dir, town_dir=db_path.parent / "town")
    w = MainWindow(Session(ws), dialogs)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    # (w.isActiveWindow(), not QApplication.activeWindow(): PySide 6.12 loses a reference to None each time
    # activeWindow() returns None, and enough of them abort Python with "deallocating None")
    qtbot.waitUntil(w.isActiveWindow)  # keyboard shortcuts need an active window
    return w


@pytest.fixture
def window(db_path: Path, mini_dir: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    w = _open(db_path, mini_dir, FakeDialogs(), qtbot)
    w.select("jumin", 2026)
    yield w
    w.close()
    w.session.workspace.close()


def test_shows_the_departments_checklist(window: MainWindow) -> None:
    assert window.current_item_id() == "ORG-001"  # first unanswered
    assert window.model.item_ids() == ["ORG-001", "ORG-002", "NET-001", "HUM-001"]
    assert "住民課" in window.department_combo.currentText()
    assert "令和8年度" in window.year_combo.currentText()


def test_rating_by_keyboard_is_saved_at_once(window: MainWindow, qtbot: QtBot) -> None:
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_3)
    answers = window.session.workspace.answers(window.checklist)  # type: ignore[arg-type]
    assert answers["ORG-001"].rating == "not_done"
    assert answers["ORG-001"].updated_by == "瑞穂 花子"  # the name was asked once
    assert window.panel.plan_box.isVisibleTo(window)  # 未実施 asks for a plan
    qtbot.keyClick(window.tree, Qt.Key.Key_4)
    assert window.panel.reason.isVisibleTo(window) and not window.panel.plan_box.isVisibleTo(window)
    assert window.dialogs.asked == 1  # type: ignore[attr-defined]


def test_rating_by_mouse(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(window.panel.rating_buttons[0], Qt.MouseButton.LeftButton)
    assert window.session.workspace.answers(window.checklist)["ORG-001"].rating == "done"  # type: ignore[arg-type]
    index = window.proxy.mapFromSource(window.model.index_of_item("ORG-001").siblingAtColumn(1))
    assert window.proxy.data(index) == "回答済"
    assert window.progress_bar.value() == 1


def test_typing_saves_once_after_a_pause(window: MainWindow, qtbot: QtBot) -> None:
    window.panel.select_rating(0)
    qtbot.keyClicks(window.panel.note, "checked the board")
    cl = window.checklist
    assert cl is not None

    def saved() -> None:
        assert window.session.workspace.answers(cl)["ORG-001"].note == "checked the board"

    qtbot.waitUntil(saved, timeout=SAVE_DELAY_MS * 6)
    notes = [h for h in window.session.workspace.store.history(cl.assessment.id, "ORG-001") if h.field == "note"]
    assert len(notes) == 1  # one entry per edit, not per keystroke


def test_japanese_text_is_saved_when_leaving_the_field(window: MainWindow, qtbot: QtBot) -> None:
    window.panel.select_rating(1)
    window.panel.plan_content.setPlainText("掲示物を更新する")
    window.panel.plan_owner.setFocus()  # leaving the field saves without waiting
    window.panel.plan_content.left.emit()
    cl = window.checklist
    assert cl is not None
    assert window.session.workspace.answers(cl)["ORG-001"].plan_content == "掲示物を更新する"


def test_close_and_reopen_everything_is_there(db_path: Path, mini_dir: Path, qtbot: QtBot) -> None:
    w = _open(db_path, mini_dir, FakeDialogs(), qtbot)
    w.select("jumin", 2026)
    w.panel.select_rating(1)
    w.panel.note.setPlainText("一部の掲示が古い")
    w.panel.plan_owner.setText("係長")
    w.panel._text_changed("plan_owner", "係長")
    w.select_item("NET-001")  # moving on saves what is pending
    w.tree.setFocus()
    qtbot.keyClick(w.tree, Qt.Key.Key_1)
    w.close()
    w.session.workspace.close()

    dialogs = FakeDialogs()
    w2 = _open(db_path, mini_dir, dialogs, qtbot)
    assert dialogs.asked == 0  # the name is remembered
    assert w2.department_combo.currentData() == "jumin"  # and the last choice
    w2.select_item("ORG-001")
    assert w2.panel.rating_buttons[1].isChecked()
    assert w2.panel.note.toPlainText() == "一部の掲示が古い"
    assert w2.panel.plan_owner.text() == "係長"
    w2.select_item("NET-001")
    assert w2.panel.rating_buttons[0].isChecked()
    w2.close()
    w2.session.workspace.close()


def test_filters_search_and_next_unanswered(window: MainWindow, qtbot: QtBot) -> None:
    window.panel.select_rating(0)  # ORG-001 done
    window.select_item("NET-001")
    window.panel.select_rating(2)  # 未実施, no plan yet -> 記入不足
    window.filter_combo.setCurrentIndex(window.filter_combo.findData("unanswered"))

    def visible_items() -> list[str]:
        found = []
        for ch in range(window.proxy.rowCount()):
            c = window.proxy.index(ch, 0)
            for s in range(window.proxy.rowCount(c)):
                sec = window.proxy.index(s, 0, c)
                for i in range(window.proxy.rowCount(sec)):
                    found.append(window.proxy.data(window.proxy.index(i, 0, sec)).split()[0])
        return found

    assert visible_items() == ["ORG-002", "HUM-001"]
    window.filter_combo.setCurrentIndex(window.filter_combo.findData("improve"))
    assert visible_items() == ["NET-001"]
    index = window.proxy.index(0, 0, window.proxy.index(0, 0, window.proxy.index(0, 0)))
    assert window.proxy.data(index, STATE_ROLE) == "incomplete"
    window.filter_combo.setCurrentIndex(0)
    window.search.setText("USB")
    assert visible_items() == ["NET-001"]
    window.search.clear()
    window.select_item("ORG-001")
    qtbot.keyClick(window.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_item_id() == "ORG-002"


def test_item_models_pass_qtmodeltester(window: MainWindow, qtmodeltester: Any) -> None:
    window.panel.select_rating(0)
    qtmodeltester.check(window.model)
    window.filter_combo.setCurrentIndex(window.filter_combo.findData("unanswered"))
    qtmodeltester.check(window.proxy)


def test_broken_questionnaire_import_changes_nothing(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: mizuho-audit/questionnaire@1\nid: x\n", encoding="utf-8")
    window.dialogs.file = str(bad)  # type: ignore[attr-defined]
    window.import_definitions()
    [(title, text, details)] = window.dialogs.errors  # type: ignore[attr-defined]
    assert "取り込めません" in title and "何も変更していません" in text and "必須" in details
    assert not (Path(str(window.session.workspace.store.path)).parent / "userdata" / "questionnaires").exists()
