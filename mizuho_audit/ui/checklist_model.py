"""The checklist as a tree model: chapter → section → item, with answer status per item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ..domain.assessment import Answer, missing_fields, needs_improvement
from ..domain.questionnaire import Item, Questionnaire
from .labels import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# "unanswered" | "review" | "incomplete" | "improve" | "done" (items only)
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
ASSIGNEE_ROLE = Qt.ItemDataRole.UserRole + 3  # who answers the item ("" when nobody is assigned)
ASSIGNEE_COLUMN = 2

_STATE_TEXT = {"unanswered": QT_TRANSLATE_NOOP("ChecklistModel", "未回答"),
               "review": QT_TRANSLATE_NOOP("ChecklistModel", "要再確認"),
               "incomplete": QT_TRANSLATE_NOOP("ChecklistModel", "記入不足"),
               "improve": QT_TRANSLATE_NOOP("ChecklistModel", "要改善"),
               "done": QT_TRANSLATE_NOOP("ChecklistModel", "回答済"),
               "central": QT_TRANSLATE_NOOP("ChecklistModel", "事務局の回答")}
STATES = tuple(_STATE_TEXT)
_STATE_COLOR = {"unanswered": "#6b6b6b", "review": "#6a1b9a", "incomplete": "#b35c00", "improve": "#b00020",
                "done": "#1b6e20", "central": "#1f4e79"}
_CENTRAL_TITLE = QT_TRANSLATE_NOOP("ChecklistModel", "事務局が町全体として答える項目（{0}の回答・参考）")
_REFERENCE = QT_TRANSLATE_NOOP("ChecklistModel", "参考")

Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.FontRole, ITEM_ID_ROLE, STATE_ROLE,
                    ASSIGNEE_ROLE})
_ASSIGNED = QT_TRANSLATE_NOOP("ChecklistModel", "担当 {0}")


@dataclass
class _Node:
    kind: str  # "root" | "chapter" | "section" | "item"
    title: str
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    item: Item | None = None
    row: int = 0
    central: bool = False  # the 事務局's answer, shown for reference (not this department's item)


def state_text(state: str) -> str:
    """An item's state as the tree shows it (未回答, 要再確認 ...), in the user's language."""
    return translate("ChecklistModel", _STATE_TEXT[state])


class ChecklistModel(QAbstractItemModel):
    """Read-only tree of one department's checklist; answers are pushed in with :meth:`set_answer`."""

    HEADERS = (QT_TRANSLATE_NOOP("ChecklistModel", "項目"), QT_TRANSLATE_NOOP("ChecklistModel", "状態"),
               QT_TRANSLATE_NOOP("ChecklistModel", "担当"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = _Node("root", "")
        self._questionnaire: Questionnaire | None = None
        self._answers: dict[str, Answer] = {}
        self._item_nodes: dict[str, _Node] = {}
        self._central_nodes: dict[str, _Node] = {}
        self._central_answers: dict[str, Answer] = {}
        self._assignees: dict[str, str] = {}  # item id -> who answers it (see set_assignees)

    # -- loading ------------------------------------------------------------------------
    def load(self, questionnaire: Questionnaire, answers: dict[str, Answer],
             central: tuple[str, Questionnaire, dict[str, Answer]] | None = None) -> None:
        """Show a checklist; ``central`` (the 事務局's name, its items, its answers) adds the items the 事務局
        answers for the town as a last chapter, for reference (not counted, not editable)."""
        self.beginResetModel()
        self._questionnaire = questionnaire
        self._answers = dict(answers)
        self._root = _Node("root", "")
        self._item_nodes = {}
        self._central_nodes = {}
        self._central_answers = dict(central[2]) if central else {}
        for ci, ch in enumerate(questionnaire.chapters):
            cn = _Node("chapter", f"{ch.id} {ch.title}", self._root, row=ci)
            self._root.children.append(cn)
            self._add_sections(cn, [(f"{sec.id} {sec.title}", sec.items) for sec in ch.sections], self._item_nodes)
        if central is not None:
            unit, q, _answers = central
            cn = _Node("chapter", translate("ChecklistModel", _CENTRAL_TITLE).format(unit), self._root,
                       row=len(self._root.children), central=True)
            self._root.children.append(cn)
            self._add_sections(cn, [(f"{ch.id} {ch.title}", tuple(ch.items())) for ch in q.chapters],
                               self._central_nodes)
        self.endResetModel()

    @staticmethod
    def _add_sections(parent: _Node, sections: list[tuple[str, tuple[Item, ...]]], into: dict[str, _Node]) -> None:
        for si, (title, items) in enumerate(sections):
            sn = _Node("section", title, parent, row=si, central=parent.central)
            parent.children.append(sn)
            for ii, it in enumerate(items):
                node = _Node("item", it.question, sn, item=it, row=ii, central=parent.central)
                sn.children.append(node)
                into[it.id] = node

    def clear(self) -> None:
        self.beginResetModel()
        self._root = _Node("root", "")
        self._questionnaire = None
        self._answers = {}
        self._item_nodes = {}
        self._central_nodes = {}
        self._central_answers = {}
        self.endResetModel()

    def set_answer(self, answer: Answer) -> None:
        """Show a changed answer; the item, its section and chapter rows are refreshed."""
        self._answers[answer.item_id] = answer
        node = self._item_nodes.get(answer.item_id)
        while node is not None and node.kind != "root":
            left = self.createIndex(node.row, 0, node)
            right = self.createIndex(node.row, 1, node)
            self.dataChanged.emit(left, right)
            node = node.parent

    def set_assignees(self, assignees: dict[str, str]) -> None:
        """Who answers each item (the 担当 column; a chapter or section lists the people of its items)."""
        if assignees == self._assignees:
            return  # what the column shows is already this (each checklist opened without assignments: ~4 ms)
        self._assignees = dict(assignees)
        self._column_changed(self._root, ASSIGNEE_COLUMN)

    def assignee(self, item_id: str) -> str:
        return self._assignees.get(item_id, "")

    def _column_changed(self, node: _Node, column: int) -> None:
        if node.children:
            parent = QModelIndex() if node.kind == "root" else self.createIndex(node.row, 0, node)
            self.dataChanged.emit(self.index(0, column, parent), self.index(len(node.children) - 1, column, parent))
            for child in node.children:
                self._column_changed(child, column)

    def _people(self, node: _Node) -> str:
        """The people who answer the items under a chapter or section, in the order of their first item."""
        names: dict[str, None] = {}
        stack = [node]
        while stack:
            n = stack.pop(0)
            if n.item is not None and not n.central and (who := self._assignees.get(n.item.id)):
                names[who] = None
            stack[:0] = n.children
        return translate("ChecklistModel", "、").join(names)

    # -- queries ------------------------------------------------------------------------
    def answer(self, item_id: str) -> Answer | None:
        """This department's answer, or for an item the 事務局 answers for the town, the 事務局's."""
        if item_id in self._central_nodes:
            return self._central_answers.get(item_id)
        return self._answers.get(item_id)

    def is_central(self, item_id: str) -> bool:
        return item_id in self._central_nodes

    def item_state(self, item: Item) -> str:
        assert self._questionnaire is not None
        if item.id in self._central_nodes:
            return "central"
        a = self._answers.get(item.id)
        if a is None or not a.rating:
            return "unanswered"
        if a.needs_review:
            return "review"
        if missing_fields(a, self._questionnaire, self._questionnaire.fiscal_year):
            return "incomplete"
        if needs_improvement(a, self._questionnaire):
            return "improve"
        return "done"

    def rated_to_improve(self, item_id: str) -> bool:
        """Rated 一部実施 or 実施していない (an improvement plan due), whether confirmed or still 要再確認."""
        return self._questionnaire is not None and needs_improvement(self._answers.get(item_id),
                                                                      self._questionnaire)

    def index_of_item(self, item_id: str) -> QModelIndex:
        node = self._item_nodes.get(item_id) or self._central_nodes.get(item_id)
        return QModelIndex() if node is None else self.createIndex(node.row, 0, node)

    def item(self, item_id: str) -> Item | None:
        node = self._item_nodes.get(item_id) or self._central_nodes.get(item_id)
        return None if node is None else node.item

    def item_ids(self) -> list[str]:
        """This department's items (not the 事務局's, shown for reference)."""
        return list(self._item_nodes)

    def _counts(self, node: _Node) -> tuple[int, int]:
        if node.kind == "item":
            assert node.item is not None
            a = self._answers.get(node.item.id)
            return (1 if a is not None and a.rating else 0, 1)
        done = total = 0
        for child in node.children:
            d, t = self._counts(child)
            done, total = done + d, total + t
        return done, total

    # -- QAbstractItemModel -------------------------------------------------------------
    def _node(self, index: Index) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self.HEADERS) or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        node = self._node(parent)
        if 0 <= row < len(node.children):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index)
        p = node.parent
        if p is None or p.kind == "root":
            return QModelIndex()
        return self.createIndex(p.row, 0, p)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return translate("ChecklistModel", self.HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in _ROLES:  # the view asks many roles: answer the rest at once
            return None
        node = self._node(index)
        col = index.column()
        if node.kind == "item":
            assert node.item is not None
            state = self.item_state(node.item)
            who = "" if node.central else self._assignees.get(node.item.id, "")
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{node.item.id}  {node.item.question}" if col == 0 else state_text(state) if col == 1 else who
            if role == Qt.ItemDataRole.ToolTipRole:
                return node.item.question
            if role == Qt.ItemDataRole.ForegroundRole and col == 1:
                return QBrush(QColor(_STATE_COLOR[state]))
            if role == ITEM_ID_ROLE:
                return node.item.id
            if role == STATE_ROLE:
                return state
            if role == ASSIGNEE_ROLE:
                return who
            if role == Qt.ItemDataRole.AccessibleTextRole:
                assigned = f" {translate('ChecklistModel', _ASSIGNED).format(who)}" if who else ""
                return f"{node.item.id} {node.item.question} {state_text(state)}{assigned}"
            return None
        done, total = self._counts(node)
        if role == Qt.ItemDataRole.FontRole and node.kind == "chapter":
            font = QFont()
            font.setBold(True)
            return font
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == ASSIGNEE_COLUMN:
                return "" if node.central else self._people(node)
            if col == 1 and node.central:
                return translate("ChecklistModel", _REFERENCE)
            return node.title if col == 0 else f"{done} / {total}"
        if role == Qt.ItemDataRole.ForegroundRole and (col == 1 or node.central):
            state = "central" if node.central else "done" if done == total else "unanswered"
            return QBrush(QColor(_STATE_COLOR[state]))
        return None
