"""The department window at the pace of real work (issue 18): a carried-over checklist confirmed by
keyboard, one Alt+K after another, and a progress that counts 要再確認 and 記入不足 apart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from mizuho_audit.domain.assessment import Answer
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.usecases.session import Session

from .conftest import SHIPPED
from .test_window import FakeDialogs

DEPARTMENT, YEAR, CARRIED = "kikaku", 2026, 100


def _carried(i: int, item_id: str) -> Answer:
    """Last year's answers as carry-over leaves them: most done, some plans without this year's date."""
    if i % 10 == 3:
        return Answer(item_id, "partial", note="一部", plan_content="整備する")  # no due date: 記入不足 when confirmed
    return Answer(item_id, "done", note="前年どおり")


@pytest.fixture
def carried(tmp_path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    ws = Workspace.open(tmp_path / "dept.db", shipped_dir=SHIPPED, town_dir=tmp_path / "town")
    cl = ws.checklist(DEPARTMENT, YEAR)
    items = [it.id for it in cl.questionnaire.items()]
    assert len(items) > CARRIED
    ws.store.carry_answers(cl.assessment.id, [_carried(i, item_id) for i, item_id in enumerate(items[:CARRIED])],
                           source_assessments=[], actor="前年 担当", details={"from_year": YEAR - 1})
    w = MainWindow(Session(ws), FakeDialogs())
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)  # keyboard shortcuts need an active window
    w.select(DEPARTMENT, YEAR)
    yield w
    w.close()
    ws.close()


def _review_left(w: MainWindow) -> int:
    return sum(1 for i in w.model.item_ids() if (a := w.model.answer(i)) is not None and a.needs_review)


def _select_first_review(w: MainWindow) -> None:
    """Where the window is after 前年度の回答を引き継ぐ: the 要再確認 filter, its first item selected."""
    w.filter_combo.setCurrentIndex(w.filter_combo.findData("review"))
    first = next(i for i in w.model.item_ids() if (a := w.model.answer(i)) is not None and a.needs_review)
    w.select_item(first)


def test_alt_k_a_hundred_times_confirms_a_hundred_carried_items(carried: MainWindow, qtbot: QtBot) -> None:
    w = carried
    _select_first_review(w)
    assert _review_left(w) == CARRIED
    for n in range(CARRIED, 0, -1):
        # Each time: an item (never a heading) is selected, its banner shows, so Alt+K confirms it.
        assert w.current_item_id() is not None
        assert w.panel.review_box.isVisible(), w.current_item_id()
        QTest.keyClick(w, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda n=n: _review_left(w) == n - 1, timeout=3000)  # a mnemonic clicks a moment later
    assert _review_left(w) == 0
    cl = w.checklist
    assert cl is not None
    assert not any(a.needs_review for a in w.session.workspace.answers(cl).values())
    # None left: the list shows everything again, an item selected and its panel filled in.
    assert w.filter_combo.currentData() == "all"
    assert w.current_item_id() is not None and w.panel.title.text().startswith(w.current_item_id() or "?")
    assert not w.panel.review_box.isVisible()


def test_confirming_in_the_full_list_moves_to_the_next_carried_item(carried: MainWindow, qtbot: QtBot) -> None:
    w = carried
    ids = w.model.item_ids()
    w.select_item(ids[0])
    w.workflow.confirm_carried(ids[0])
    assert w.current_item_id() == ids[1] and w.panel.review_box.isVisible()
    w.select_item(ids[CARRIED - 1])  # the last carried item: on to the first one still 要再確認
    w.workflow.confirm_carried(ids[CARRIED - 1])
    assert w.current_item_id() == ids[1] and w.panel.review_box.isVisible()


def test_progress_counts_review_and_incomplete_apart_from_answered(carried: MainWindow) -> None:
    w = carried
    total = len(w.model.item_ids())
    # Carried over, nothing confirmed: no item is answered yet, whatever ratings they carry.
    assert (w.progress_bar.value(), w.progress_bar.maximum()) == (0, total)
    assert w.progress_counts.text() == f"要再確認 {CARRIED}　記入不足 0　未回答 {total - CARRIED}"
    ids = w.model.item_ids()
    for item_id in ids[:10]:  # the fourth is a plan without its date: confirmed, it is still 記入不足
        w.workflow.confirm_carried(item_id)
    assert w.progress_bar.value() == 9
    assert w.progress_counts.text() == f"要再確認 {CARRIED - 10}　記入不足 1　未回答 {total - CARRIED}"
    cl = w.checklist
    assert cl is not None
    w.session.workspace.save(cl, ids[3], "plan_due", f"{YEAR}-12-28", "瑞穂 花子")
    w.answer_changed(ids[3])
    assert w.progress_bar.value() == 10
    assert w.progress_counts.text() == f"要再確認 {CARRIED - 10}　記入不足 0　未回答 {total - CARRIED}"
    # What the bar says is what blocks submission: every item not answered is one the submission lacks.
    from mizuho_audit.usecases import submission

    assert len(submission.missing_items(w.session, cl)) == total - w.progress_bar.value()


def test_progress_in_the_domain(workspace: Workspace) -> None:
    from mizuho_audit.domain.assessment import progress

    q = workspace.checklist("jumin", 2026).questionnaire  # done, partial (a plan), not_done, na (a reason)
    items = list(q.items())
    assert len(items) >= 4
    items = items[:4]
    answers = {items[0].id: Answer(items[0].id, "done"),
               items[1].id: Answer(items[1].id, "done", needs_review=True),
               items[2].id: Answer(items[2].id, "partial", plan_content="直す")}  # no date: 記入不足
    p = progress(items, answers, q, 2026)
    assert (p.answered, p.review, p.incomplete, p.unanswered, p.total) == (1, 1, 1, 1, 4)
    assert p.ratio == pytest.approx(1 / 4)
    answers[items[2].id] = Answer(items[2].id, "partial", plan_content="直す", plan_due="2027-03-31")
    assert progress(items, answers, q, 2026).answered == 2


class _Saying(FakeDialogs):
    """Records every question and note the window shows, with its title, and answers yes."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[tuple[str, str]] = []

    def question(self, parent: object, title: str, text: str, details: str = "") -> bool:
        self.said.append((title, text))
        return True

    def info(self, parent: object, title: str, text: str) -> None:
        self.said.append((title, text))

    def error(self, parent: object, title: str, text: str, details: str = "") -> None:
        self.said.append((title, text))


def test_carry_over_speaks_of_reiwa_and_says_plainly_when_there_is_nothing(carried: MainWindow) -> None:
    w = carried
    dialogs = w.dialogs = _Saying()
    w.workflow.carry_over()  # 企画課 answered nothing in 令和7年度 (its 要再確認 answers were put in directly)
    (q_title, question), (title, note) = dialogs.said
    assert q_title == "前年度の回答を引き継ぐ"
    assert question.startswith("令和7年度の回答を、まだ回答していない項目に引き継ぎます。")
    assert title == "引き継ぐ回答はありません"
    assert note.startswith("この部署の令和7年度の回答は、このデータにはありません。")
    for text in (question, note):
        assert "2025" not in text and "対応表" not in text and "組織改正" not in text and "管理者" not in text


# -- the plan's due date --------------------------------------------------------------------------------


def _plan_item(w: MainWindow) -> str:
    """A carried 一部実施 item whose plan has no date yet, shown in the panel."""
    item_id = w.model.item_ids()[3]
    w.select_item(item_id)
    assert w.panel.plan_box.isVisibleTo(w) and w.panel.plan_due.is_unset()
    return item_id


def _type_into(w: MainWindow, text: str) -> None:
    """Type a date whole and press Enter, as a person does (Japanese through the input method)."""
    field = w.panel.plan_due
    field.setFocus()
    field.selectAll()
    if text.isascii():
        QTest.keyClicks(field, text)
        assert field.lineEdit().text() == text  # not refused key by key
    else:
        from PySide6.QtGui import QInputMethodEvent
        from PySide6.QtWidgets import QApplication

        commit = QInputMethodEvent()
        commit.setCommitString(text)
        QApplication.sendEvent(field.lineEdit(), commit)
    QTest.keyClick(field, Qt.Key.Key_Return)


def _saved_due(w: MainWindow, item_id: str) -> str:
    cl = w.checklist
    assert cl is not None
    return w.session.workspace.answers(cl)[item_id].plan_due


@pytest.mark.parametrize("typed", ["2026/9/30", "令和8年9月30日", "９／３０", "R8.9.30", "2026-09-30"])
def test_a_due_date_typed_as_people_write_it_is_taken(carried: MainWindow, typed: str) -> None:
    w = carried
    item_id = _plan_item(w)
    _type_into(w, typed)
    assert _saved_due(w, item_id) == "2026-09-30"
    assert w.panel.plan_due.text() == "2026-09-30"
    assert not w.panel.plan_due_error.isVisibleTo(w)
    assert not w.dialogs.errors  # type: ignore[attr-defined]


def test_a_due_date_before_the_year_is_shown_as_an_error_at_once(carried: MainWindow) -> None:
    w = carried
    item_id = _plan_item(w)
    _type_into(w, "2026/3/31")
    assert w.panel.plan_due_error.isVisibleTo(w)
    assert "令和8年4月1日から" in w.panel.plan_due_error.text()
    assert _saved_due(w, item_id) == "" and not w.dialogs.errors  # type: ignore[attr-defined]
    _type_into(w, "令和9年3月31日")  # put right: the error goes and the date is kept
    assert not w.panel.plan_due_error.isVisibleTo(w)
    assert _saved_due(w, item_id) == "2027-03-31"


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # offscreen
@pytest.mark.parametrize(("today", "page"), [((2026, 12, 5), (2026, 12)), ((2027, 6, 1), (2027, 3))])
def test_the_calendar_opens_at_today_or_the_end_of_the_year(carried: MainWindow, qtbot: QtBot,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            today: tuple[int, int, int], page: tuple[int, int]) -> None:
    from datetime import UTC, datetime

    from mizuho_audit import clock

    monkeypatch.setattr(clock, "_utc_now", lambda: datetime(*today, 3, 0, tzinfo=UTC))
    w = carried
    _plan_item(w)
    field = w.panel.plan_due
    field.setFocus()
    from PySide6.QtCore import QPoint

    QTest.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() - 4, field.height() // 2))
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == page  # not January 2000
    assert calendar.locale().language() == calendar.locale().Language.Japanese
    QTest.keyClick(calendar, Qt.Key.Key_Escape)
    assert field.is_unset()  # opening the calendar chose nothing


def test_the_item_worked_on_stays_listed_until_another_is_chosen(carried: MainWindow, qtbot: QtBot) -> None:
    w = carried
    _select_first_review(w)
    first = w.current_item_id()
    assert first is not None
    w.tree.setFocus()
    qtbot.keyClick(w.tree, Qt.Key.Key_2)  # answered anew: confirmed, so no longer 要再確認, but still worked on
    assert w.current_item_id() == first and w.panel.plan_box.isVisibleTo(w)
    assert w.proxy.mapFromSource(w.model.index_of_item(first)).isValid()
    second = w.model.item_ids()[1]
    w.select_item(second)  # moving on: the answered item leaves the 要再確認 list
    qtbot.waitUntil(lambda: not w.proxy.mapFromSource(w.model.index_of_item(first)).isValid())
    assert w.current_item_id() == second
    # Choosing a filter the shown item is not in: the first item listed is shown, never a heading.
    w.filter_combo.setCurrentIndex(w.filter_combo.findData("unanswered"))
    shown = w.current_item_id()
    assert shown is not None and w.model.answer(shown) is None and w.panel.title.text().startswith(shown)
    qtbot.keyClick(w.tree, Qt.Key.Key_1)  # answered while the 未回答 filter shows: it stays under the cursor
    assert w.current_item_id() == shown and w.proxy.mapFromSource(w.model.index_of_item(shown)).isValid()


def test_a_typed_due_date_is_kept_when_moving_on_by_keyboard(carried: MainWindow) -> None:
    w = carried
    item_id = _plan_item(w)
    field = w.panel.plan_due
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "2026/9/30")
    QTest.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 次の未回答, no Enter
    assert w.current_item_id() != item_id
    assert _saved_due(w, item_id) == "2026-09-30"
