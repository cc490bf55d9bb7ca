"""The department's item panel (issue 18): a new item is read from its question down, a search never leaves an
item outside the list in the panel, and the 要改善・記入不足 filter shows 一部実施 items still 要再確認."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from mizuho_audit.ui.main_window import MainWindow

from .test_department_pace import CARRIED, carried

__all__ = ["carried"]  # the fixture: a checklist with 100 answers carried over from last year

_NOTHING = "左の一覧から項目を選んでください。"


def _listed(w: MainWindow, item_id: str) -> bool:
    return w.proxy.mapFromSource(w.model.index_of_item(item_id)).isValid()


def _shown(w: MainWindow) -> str | None:
    """The item the panel shows (its id opens the question), None when it shows none."""
    title = w.panel.title.text()
    return None if title == _NOTHING else title.split("\u3000", 1)[0]


def test_selecting_an_item_scrolls_the_panel_to_its_top(carried: MainWindow, qtbot: QtBot) -> None:
    w = carried
    w.resize(900, 500)  # small enough that an item with its plan needs the scrollbar
    ids = w.model.item_ids()
    w.select_item(ids[3])  # 一部実施: the plan's fields are shown below the rating
    bar = w.panel.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # read down to the plan
    w.select_item(ids[4])
    assert bar.value() == 0 and _shown(w) == ids[4]
    bar.setValue(bar.maximum())
    w.go_next_unanswered()  # by keyboard too (Ctrl+N)
    assert bar.value() == 0 and _shown(w) == w.current_item_id()


def test_with_a_search_the_panel_shows_only_an_item_in_the_list(carried: MainWindow, qtbot: QtBot) -> None:
    w = carried
    ids = w.model.item_ids()
    w.select_item(ids[0])
    other = w.model.item(ids[CARRIED + 5])
    assert other is not None
    w.search.setText(other.question)  # one item matches; the one shown is not it
    shown = _shown(w)
    assert shown is not None and shown == w.current_item_id() and _listed(w, shown)
    assert not _listed(w, ids[0]) or other.question in str(w.model.item(ids[0]))
    w.search.setText("該当する項目のない言葉ｘｙｚ")  # nothing listed: nothing shown, never the last item
    assert w.current_item_id() is None and _shown(w) is None
    w.search.setText(other.question[:4])  # listed again: the panel shows one of them
    qtbot.waitUntil(lambda: _shown(w) is not None)
    shown = _shown(w)
    assert shown is not None and shown == w.current_item_id() and _listed(w, shown)


def test_a_search_with_a_filter_keeps_the_item_answered_but_only_while_it_matches(carried: MainWindow,
                                                                               qtbot: QtBot) -> None:
    w = carried
    ids = w.model.item_ids()
    item = w.model.item(ids[CARRIED + 1])
    assert item is not None
    w.filter_combo.setCurrentIndex(w.filter_combo.findData("unanswered"))
    w.select_item(item.id)
    w.search.setText(item.question)
    assert w.current_item_id() == item.id
    w.tree.setFocus()
    qtbot.keyClick(w.tree, "1")  # answered: leaves 未回答 but is worked on, and still matches the search
    assert w.current_item_id() == item.id and _listed(w, item.id) and _shown(w) == item.id


def test_the_improve_filter_shows_partial_items_still_to_be_reviewed(carried: MainWindow) -> None:
    w = carried
    ids = w.model.item_ids()
    partial = [ids[i] for i in range(CARRIED) if i % 10 == 3]  # carried 一部実施, not confirmed yet
    assert all((a := w.model.answer(i)) is not None and a.needs_review for i in partial)
    w.select_item(ids[CARRIED + 2])  # an unanswered item: not pinned into the list
    w.filter_combo.setCurrentIndex(w.filter_combo.findData("improve"))
    listed = [i for i in ids if _listed(w, i)]
    assert listed == partial  # and not the carried 実施している ones
    shown = _shown(w)
    assert shown in partial and shown == w.current_item_id()
