"""Who answers what, in the department's window: the 情報セキュリティ責任者 assigns in 管理 → 担当の割り当て, the
tree shows the 担当, a member of staff opening the window sees 自分の担当 first, and the handover on 人事異動
is one step in the dialog and one entry in the log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui.assignments_dialog import AssignmentsDialog
from mizuho_audit.ui.checklist_model import ASSIGNEE_COLUMN, ITEM_ID_ROLE
from mizuho_audit.ui.log_dialog import LogDialog
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.usecases.session import Session

from .test_window import FakeDialogs

HEAD = "瑞穂 一郎"  # the 課's 情報セキュリティ責任者


class Dialogs(FakeDialogs):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.opened: list[QDialog] = []
        self.questions: list[str] = []

    def exec(self, dialog: QDialog) -> int:
        self.opened.append(dialog)  # left open: the test drives it
        return 0

    def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
        self.questions.append(text)
        return True


def _window(db: Path, mini_dir: Path, qtbot: QtBot, user: str) -> MainWindow:
    ws = Workspace.open(db, shipped_dir=mini_dir, town_dir=db.parent / "town")
    w = MainWindow(Session(ws), Dialogs(user), user=user)
    qtbot.addWidget(w)
    w.show()
    w.select("jumin", 2026)
    return w


def _close(w: MainWindow) -> None:
    w.close()
    w.session.workspace.close()


def _listed(w: MainWindow) -> list[str]:
    """The items the tree lists now, top to bottom."""
    found: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(w.proxy.rowCount(parent)):
            index = w.proxy.index(row, 0, parent)
            if (item := w.proxy.data(index, ITEM_ID_ROLE)) is not None:
                found.append(str(item))
            walk(index)

    walk(QModelIndex())
    return found


def _assignee_shown(w: MainWindow, item_id: str) -> str:
    index = w.model.index_of_item(item_id)
    return str(w.model.data(index.siblingAtColumn(ASSIGNEE_COLUMN)))


def _open_dialog(w: MainWindow) -> AssignmentsDialog:
    dialogs = w.dialogs
    assert isinstance(dialogs, Dialogs)
    action = next(a for a in w.admin_menu.actions() if "担当の割り当て" in a.text())
    assert isinstance(action, QAction)
    action.trigger()  # 管理 → 担当の割り当て
    dialog = dialogs.opened[-1]
    assert isinstance(dialog, AssignmentsDialog)
    return dialog


def _assign(qtbot: QtBot, dialog: AssignmentsDialog, name: str, *keys: str) -> None:
    dialog.select(*keys)
    line = dialog.name_combo.lineEdit()
    line.clear()
    line.insert(name)  # as an IME commits it (QTest types ASCII only)
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)


def test_assign_show_mine_and_hand_over_in_the_window(tmp_path: Path, mini_dir: Path, qtbot: QtBot,
                                                      qtmodeltester: Any) -> None:
    db = tmp_path / "住民課.db"
    # The 責任者 opens the window: nobody is assigned yet, the 担当 column is not shown.
    w = _window(db, mini_dir, qtbot, HEAD)
    assert w.tree.isColumnHidden(ASSIGNEE_COLUMN)
    dialog = _open_dialog(w)
    assert dialog.assigner.text() == HEAD and dialog.title_edit.text() == "情報セキュリティ責任者"
    _assign(qtbot, dialog, "佐藤", "chapter:1")
    _assign(qtbot, dialog, "鈴木", "item:NET-001")
    _assign(qtbot, dialog, "佐藤", "item:HUM-001")
    assert w.dialogs.errors == []  # type: ignore[attr-defined]
    # The dialog: the chapter's own 担当, its items through it, an item of its own.
    assert dialog.who("chapter:1") == "佐藤"
    assert dialog.who("item:ORG-001") == "（章: 佐藤）"
    assert dialog.who("item:NET-001") == "鈴木"
    progress = {dialog.progress.topLevelItem(i).text(0): dialog.progress.topLevelItem(i).text(1)  # type: ignore[union-attr]
                for i in range(dialog.progress.topLevelItemCount())}
    assert progress == {"佐藤": "0 / 3", "鈴木": "0 / 1"}
    # The window's tree shows who answers what at once, chapters with their people.
    assert not w.tree.isColumnHidden(ASSIGNEE_COLUMN)
    assert [_assignee_shown(w, i) for i in ("ORG-001", "ORG-002", "NET-001", "HUM-001")] == ["佐藤", "佐藤", "鈴木",
                                                                                          "佐藤"]
    chapter = w.model.index(0, ASSIGNEE_COLUMN)
    assert w.model.data(chapter) == "佐藤"
    assert "担当 鈴木" in str(w.model.data(w.model.index_of_item("NET-001"), Qt.ItemDataRole.AccessibleTextRole))
    qtmodeltester.check(w.model)
    _close(w)

    # 佐藤 opens the window: 自分の担当 first, starting at the first of 佐藤's items.
    w = _window(db, mini_dir, qtbot, "佐藤")
    qtbot.waitUntil(lambda: w.filter_combo.currentData() == "mine")
    assert _listed(w) == ["ORG-001", "ORG-002", "HUM-001"]
    assert w.current_item_id() == "ORG-001"
    assert "自分の担当 3 項目" in w.statusBar().currentMessage()
    qtmodeltester.check(w.proxy)
    # Answering keeps the item listed; すべて shows everything again, and 自分の担当 can be chosen again.
    w.tree.setFocus()
    qtbot.keyClick(w.tree, Qt.Key.Key_1)
    assert _listed(w) == ["ORG-001", "ORG-002", "HUM-001"]
    w.filter_combo.setCurrentIndex(w.filter_combo.findData("all"))
    assert _listed(w) == ["ORG-001", "ORG-002", "NET-001", "HUM-001"]
    w.filter_combo.setCurrentIndex(w.filter_combo.findData("mine"))
    assert _listed(w) == ["ORG-001", "ORG-002", "HUM-001"]
    _close(w)

    # 佐藤 is moved to another 課 mid-year: the 責任者 hands everything over to 田中 in one step.
    w = _window(db, mini_dir, qtbot, HEAD)
    assert w.filter_combo.currentData() == "all"  # nothing of the 責任者's own: everything, as before
    dialog = _open_dialog(w)
    dialog.from_combo.setCurrentIndex(dialog.from_combo.findText("佐藤"))
    dialog.to_combo.lineEdit().insert("田中")
    assert dialog.reason_edit.text() == "人事異動"
    qtbot.mouseClick(dialog.handover_button, Qt.MouseButton.LeftButton)
    assert w.dialogs.questions and "佐藤 さんの担当をすべて 田中 さんに" in w.dialogs.questions[-1]  # type: ignore[attr-defined]
    assert w.dialogs.errors == []  # type: ignore[attr-defined]
    assert dialog.who("chapter:1") == "田中" and dialog.who("item:HUM-001") == "田中"
    assert [_assignee_shown(w, i) for i in ("ORG-001", "ORG-002", "NET-001", "HUM-001")] == ["田中", "田中", "鈴木",
                                                                                          "田中"]
    # The log, as the window shows it: one entry for the handover, with both names, the count and the reason.
    log = LogDialog.for_session(w.session, w.dialogs, w)
    qtbot.addWidget(log)
    rows = [[str(log.model.data(log.model.index(r, c))) for c in range(log.model.columnCount())]
            for r in range(log.model.rowCount())]
    handovers = [r for r in rows if r[4] == "担当の引継ぎ（人事異動など）"]
    assert len(handovers) == 1
    assert handovers[0][2] == HEAD and all(t in handovers[0][6] for t in ("佐藤", "田中", "2", "人事異動"))
    assert sum(r[4] == "担当の割り当て" for r in rows) == 3
    _close(w)

    # 田中 now opens the window to 自分の担当 (佐藤's former items).
    w = _window(db, mini_dir, qtbot, "田中")
    qtbot.waitUntil(lambda: w.filter_combo.currentData() == "mine")
    assert _listed(w) == ["ORG-001", "ORG-002", "HUM-001"]
    assert w.current_item_id() == "ORG-002"  # ORG-001 was answered by 佐藤: the first unanswered of 田中's
    _close(w)


def test_the_dialog_refuses_without_a_choice_and_by_keyboard(tmp_path: Path, mini_dir: Path, qtbot: QtBot) -> None:
    w = _window(tmp_path / "住民課.db", mini_dir, qtbot, HEAD)
    dialog = _open_dialog(w)
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)  # nothing chosen
    assert w.dialogs.errors[-1][0] == "章・項目を選んでください"  # type: ignore[attr-defined]
    # Keyboard: the first chapter is chosen with the arrow keys, the name typed, 割り当てる pressed by its key
    # (keys apart from the window's menus: 管理(&A), 回答(&R), 提出(&S), 表示(&W), ヘルプ(&H)).
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.tree.setFocus()
    dialog.tree.setCurrentItem(None)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Down)
    assert dialog.selected_targets() == ["chapter:1"]
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # 担当者(&N)
    assert dialog.name_combo.hasFocus() or dialog.name_combo.lineEdit().hasFocus()
    dialog.name_combo.lineEdit().insert("佐藤")
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # 選んだ章・項目に割り当てる(&G)
    qtbot.waitUntil(lambda: dialog.who("chapter:1") == "佐藤")  # a button's key presses it after a moment
    assert all(widget.accessibleName() for widget in (dialog.tree, dialog.name_combo, dialog.from_combo,
                                                       dialog.to_combo, dialog.reason_edit, dialog.progress))
    dialog.close()
    _close(w)


def test_the_window_opens_for_the_user_given(tmp_path: Path, qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``mizuho-audit --db 住民課.db --user 佐藤``: the window works as 佐藤, and shows 佐藤's items first."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from mizuho_audit.cli import run
    from mizuho_audit.domain.vocabulary import SETTING_LAST_DEPARTMENT, SETTING_LAST_YEAR

    db = tmp_path / "住民課.db"
    assert run(["--db", str(db), "--user", HEAD, "assign", "add", "--department", "jumin", "--year", "2026",
                "--to", "佐藤", "--chapter", "1"]) == 0
    ws = Workspace.open(db)
    ws.store.set_setting(SETTING_LAST_DEPARTMENT, "jumin")  # the 課's own, as its window left it
    ws.store.set_setting(SETTING_LAST_YEAR, "2026")
    ws.close()
    monkeypatch.setattr("mizuho_audit.app.quiet_harmless_qt_messages", lambda: None)
    seen: list[tuple[str, str, str]] = []

    def look_then_leave(_app: Any) -> int:
        """The event loop for a moment, then back as if the window had been closed (never quit())."""
        QTest.qWait(300)
        seen.extend((w.user, str(w.filter_combo.currentData()), w.user_button.text())
                    for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", look_then_leave)
    font = qapp.font()
    try:
        assert run(["--db", str(db), "--user", "佐藤"]) == 0
    finally:
        qapp.setFont(font)
    assert seen == [("佐藤", "mine", "佐藤")]
