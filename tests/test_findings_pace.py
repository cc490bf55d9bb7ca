"""The auditor runs through a year's proposals at the pace of real work: many selected, confirmed or
deleted in one action, sorted by severity, filtered by chapter (issue: the window at the pace of real work)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui.auditor_window import AuditorWindow
from mizuho_audit.ui.findings_editor import FindingsModel
from mizuho_audit.usecases.session import Session

from .auditor_setup import build
from .test_auditor_window import AuditorDialogs

YEAR = 2026
ITEMS = ("ORG-001", "ORG-002", "NET-001", "NET-002")
GRADES = ("observation", "minor", "major", "good")


@pytest.fixture
def proposals(tmp_path: Path, mini_dir: Path) -> Iterator[Workspace]:
    """An auditor's database with 160 unconfirmed proposals over four items and three departments."""
    dept, aud = build(tmp_path, mini_dir, {"jumin": {}, "zeimu": {}, "kikaku": {}})
    rows = [{"fiscal_year": YEAR, "department_id": ("jumin", "zeimu", "kikaku")[i % 3], "item_id": ITEMS[i % 4],
             "source": "high_item", "grade": GRADES[i % 4], "title": f"指摘案 {i:03d}", "text": "記録がない。",
             "responsible": ("jumin", "zeimu", "kikaku")[i % 3], "due": "2027-03-31"} for i in range(160)]
    aud.store.add_findings(rows, actor="監査 一郎", action="findings_proposed")
    yield aud
    aud.close()
    dept.close()


def _window(aud: Workspace, qtbot: QtBot, dialogs: AuditorDialogs) -> AuditorWindow:
    w = AuditorWindow(Session(aud), dialogs, user="監査 一郎")
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)  # keyboard shortcuts need an active window
    w.tabs.setCurrentWidget(w.findings)
    return w


def test_150_proposals_confirmed_in_one_action(proposals: Workspace, qtbot: QtBot) -> None:
    dialogs = AuditorDialogs()
    w = _window(proposals, qtbot, dialogs)
    fw = w.findings
    assert "未確認 160 件" in fw.count_label.text()
    # Leave ten aside (重大 of 住民課 stays to be read one by one), select the rest by keyboard.
    fw.department_filter.setCurrentIndex(fw.department_filter.findData("zeimu"))
    assert fw.proxy.rowCount() == 53
    fw.department_filter.setCurrentIndex(0)
    fw.table.setFocus()
    QTest.keyClick(fw.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(fw.selected_ids()) == 160 and "選択 160 件" in fw.count_label.text()
    assert not fw.title_edit.isEnabled()  # several chosen: the form edits none of them
    keep = [fw.proxy.index(r, 0) for r in range(fw.proxy.rowCount())
            if fw.model.rows[fw.proxy.mapToSource(fw.proxy.index(r, 0)).row()].title.endswith(tuple("0123456789"))
            and int(fw.model.rows[fw.proxy.mapToSource(fw.proxy.index(r, 0)).row()].title[-3:]) >= 150]
    for index in keep:  # Ctrl+click takes ten out of the selection
        fw.table.scrollTo(index)
        rect = fw.table.visualRect(index)
        QTest.mouseClick(fw.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                         rect.center())
    assert len(fw.selected_ids()) == 150
    assert fw.confirm_button.isEnabled()
    log_before = len(proposals.store.log_entries())
    QTest.keyClick(fw.table, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # 確認済みにする(&J)
    qtbot.waitUntil(lambda: not fw.confirm_button.isEnabled())  # a mnemonic clicks the button a moment later
    confirmed = [f for f in proposals.store.findings(YEAR) if f.confirmed]
    assert len(confirmed) == 150 and all(int(f.title[-3:]) < 150 for f in confirmed)
    assert len(proposals.store.log_entries()) - log_before == 150  # each confirmation logged
    assert "未確認 10 件" in fw.count_label.text() and dialogs.questions == []
    assert [fw.model.index(r, FindingsModel.COL_CONFIRMED).data() for r in range(fw.model.rowCount())].count("○") == 150
    w.close()


def test_sorted_by_severity_and_filtered_by_chapter(proposals: Workspace, qtbot: QtBot) -> None:
    w = _window(proposals, qtbot, AuditorDialogs())
    fw = w.findings
    fw.table.sortByColumn(FindingsModel.COL_GRADE, Qt.SortOrder.AscendingOrder)
    shown = [fw.proxy.index(r, FindingsModel.COL_GRADE).data() for r in range(fw.proxy.rowCount())]
    assert shown[0] == "重大" and shown[-1] == "良好事例"
    assert shown.index("軽微") == 40 and shown.index("観察事項") == 80  # 重大, 軽微, 観察事項, 良好事例 in blocks of 40
    # The chapter filter lists the 年度's chapters; chapter 3 keeps the NET items only.
    titles = [fw.chapter_filter.itemText(i) for i in range(fw.chapter_filter.count())]
    assert titles[:2] == ["すべての章", "組織体制"] and "情報システム全体の強靱性の向上" in titles
    fw.chapter_filter.setCurrentIndex(titles.index("情報システム全体の強靱性の向上"))
    items = {fw.proxy.index(r, 1).data() for r in range(fw.proxy.rowCount())}
    assert items == {"NET-001", "NET-002"} and "表示 80 件" in fw.count_label.text()
    w.close()


def test_several_deleted_after_one_question(proposals: Workspace, qtbot: QtBot) -> None:
    dialogs = AuditorDialogs()
    w = _window(proposals, qtbot, dialogs)
    fw = w.findings
    fw.grade_filter.setCurrentIndex(fw.grade_filter.findData("good"))
    fw.table.selectAll()
    assert len(fw.selected_ids()) == 40
    dialogs.answers = [False]
    fw.delete_button.click()
    assert len(proposals.store.findings(YEAR)) == 160 and "選択した 40 件" in dialogs.questions[-1]
    dialogs.answers = [True]
    fw.delete_button.click()
    assert len(proposals.store.findings(YEAR)) == 120 and len(dialogs.questions) == 2
    assert [e.action for e in proposals.store.log_entries()[-40:]] == ["finding_deleted"] * 40
    assert fw.proxy.rowCount() == 0 and not fw.delete_button.isEnabled()
    w.close()
