"""Filtering the checklist tree: すべて / 未回答 / 要改善 / 自分の担当, and a free-text search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, QTimer

from ..domain.names import same_person
from .checklist_model import ASSIGNEE_ROLE, ITEM_ID_ROLE, STATE_ROLE, ChecklistModel
from .labels import QT_TRANSLATE_NOOP

# Shown through QCoreApplication.translate("ChecklistFilter", ...).
FILTERS: dict[str, str] = {"all": QT_TRANSLATE_NOOP("ChecklistFilter", "すべて"),
                           "unanswered": QT_TRANSLATE_NOOP("ChecklistFilter", "未回答"),
                           "improve": QT_TRANSLATE_NOOP("ChecklistFilter", "要改善・記入不足"),
                           "review": QT_TRANSLATE_NOOP("ChecklistFilter", "要再確認（前年度から引継ぎ）"),
                           "mine": QT_TRANSLATE_NOOP("ChecklistFilter", "自分の担当")}


class ChecklistFilter(QSortFilterProxyModel):
    """Keeps items matching the mode and search; chapters and sections stay when a child matches."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._mode = "all"
        self._text = ""
        self._pinned: str | None = None
        self.me: Callable[[], str] = lambda: ""  # the person the window is opened for (自分の担当)
        self.setRecursiveFilteringEnabled(True)

    def pin(self, item_id: str | None) -> None:
        """Keep the item being worked on in the list even when its answer leaves the filter (a 要再確認 item
        confirmed, an unanswered one answered): it goes when another item is chosen, never under the cursor."""
        if item_id == self._pinned:
            return
        self._pinned = item_id
        if self._mode != "all":  # the one left behind goes, once the view has moved on
            QTimer.singleShot(0, self, self._refilter)

    def refilter(self) -> None:
        """Filter again (who answers what, or the person, changed): only 自分の担当 depends on them."""
        if self._mode == "mine":
            self._refilter()

    def _refilter(self) -> None:
        self.beginFilterChange()
        self.endFilterChange()

    def set_mode(self, mode: str) -> None:
        if mode not in FILTERS:
            raise KeyError(mode)
        self.beginFilterChange()
        self._mode = mode
        self._pinned = None  # a filter chosen anew shows only what it names
        self.endFilterChange()

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self._pinned = None  # a filter chosen anew shows only what it names
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        item_id = model.data(index, ITEM_ID_ROLE)
        if item_id is None:  # chapter or section: shown only when all is shown, or through a child
            return self._mode == "all" and not self._text
        if not (item_id == self._pinned and self._pinned is not None) and not self._mode_accepts(model, index):
            return False  # the one worked on stays through the mode, never through the search
        if self._text:
            assert isinstance(model, ChecklistModel)
            node_text = str(model.data(index))
            item = model.item(item_id)
            hay = " ".join([node_text, item.criteria_done, item.criteria_partial, item.clause,
                            " ".join(item.evidence)]).casefold() if item else node_text.casefold()
            return self._text in hay
        return True

    def _mode_accepts(self, model: Any, index: QModelIndex) -> bool:
        state = model.data(index, STATE_ROLE)
        if self._mode == "unanswered":
            return bool(state == "unanswered")
        if self._mode == "improve":  # 一部実施・実施していない still 要再確認 are in it too (the manual's 3.6)
            return state in ("improve", "incomplete") or (
                state == "review" and isinstance(model, ChecklistModel)
                and model.rated_to_improve(str(model.data(index, ITEM_ID_ROLE))))
        if self._mode == "review":
            return bool(state == "review")
        if self._mode == "mine":
            return same_person(model.data(index, ASSIGNEE_ROLE), self.me())
        return True
