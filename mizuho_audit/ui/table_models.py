"""The pieces the workflow dialogs share: one read-only table model for every list, the table view
that shows it, and small formatting helpers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView

Index = QModelIndex | QPersistentModelIndex

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the item id (or record id) a row stands for

_HIGHLIGHT = QColor("#fde2e1")
_OK_STYLE = "color: #1b6e20;"
_PROBLEM_STYLE = "color: #b00020;"


# -- helpers -----------------------------------------------------------------------------------


def _wrap_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _table(model: QAbstractTableModel | QSortFilterProxyModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setHighlightSections(False)
    return view


def _fit_columns(view: QTableView, stretch: int, wrap: bool = False) -> None:
    """Columns as wide as their content, one column taking the rest; rows grow for wrapped text."""
    header = view.horizontalHeader()
    for col in range(view.model().columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if col == stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(col, mode)
    view.setWordWrap(wrap)
    if wrap:
        # Wrapped questions need air between rows, or two-line rows run into each other.
        view.setStyleSheet("QTableView::item { padding: 3px 2px; }")
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def _to_date(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def format_size(size: int) -> str:
    """Bytes as the file manager shows them: KB below 1 MB, MB above."""
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB" if size else "0 KB"
    return f"{size / 1024 / 1024:.1f} MB"


def format_time(stamp: str) -> str:
    """'2026-11-20T10:15:03+09:00' -> '2026-11-20 10:15:03' (anything else as is)."""
    return stamp[:19].replace("T", " ") if len(stamp) >= 19 and stamp[10] == "T" else stamp


# -- one table model for every list here -------------------------------------------------------


@dataclass(frozen=True)
class TableRow:
    """One prepared row: the text of each column, and what the row stands for."""

    cells: tuple[str, ...]
    key: str = ""
    tooltips: tuple[str, ...] = ()  # per column; "" for none
    tags: frozenset[str] = frozenset()  # for filtering (e.g. "changed", "review")


class RowsTableModel(QAbstractTableModel):
    """Read-only table of prepared rows; some rows can be highlighted (e.g. log problems)."""

    def __init__(self, headers: Sequence[str], centered: Iterable[int] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._centered = frozenset(centered)
        self._rows: list[TableRow] = []
        self._highlighted: frozenset[int] = frozenset()

    def set_rows(self, rows: Iterable[TableRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._highlighted = frozenset()
        self.endResetModel()

    def row(self, row: int) -> TableRow:
        return self._rows[row]

    def set_highlighted(self, rows: Iterable[int]) -> None:
        self._highlighted = frozenset(r for r in rows if 0 <= r < len(self._rows))
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._headers) - 1),
                                  [Qt.ItemDataRole.BackgroundRole])

    def highlighted(self) -> frozenset[int]:
        return self._highlighted

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, col = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.cells[col] if col < len(row.cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = row.tooltips[col] if col < len(row.tooltips) else ""
            return tip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self._centered:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self._highlighted:
            return QBrush(_HIGHLIGHT)
        if role == KEY_ROLE:
            return row.key
        return None

