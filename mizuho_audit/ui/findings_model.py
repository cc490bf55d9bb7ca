"""The 指摘事項 of one 年度 as a table model, and the filter by department and grade."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ..domain.records import FindingRecord
from ..usecases.findings import TOWN_WIDE
from . import labels
from .labels import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a click on a header sorts by
ALL = ""  # filter value: every department / every grade
TOWN_WIDE_LABEL = "全庁"  # the Japanese name; the window shows labels.town_wide()
_GRADE_COLORS = {"major": "#b00020", "minor": "#b35c00", "observation": "#0d47a1", "good": "#1b6e20"}
_GRADE_RANK = {grade: rank for rank, grade in enumerate(_GRADE_COLORS)}  # 重大 first when sorted by 区分


class FindingsModel(QAbstractTableModel):
    """The findings of a 年度, one per row."""

    HEADERS = (QT_TRANSLATE_NOOP("FindingsModel", "部署"), QT_TRANSLATE_NOOP("FindingsModel", "項目"),
               QT_TRANSLATE_NOOP("FindingsModel", "区分"), QT_TRANSLATE_NOOP("FindingsModel", "見出し"),
               QT_TRANSLATE_NOOP("FindingsModel", "状況"), QT_TRANSLATE_NOOP("FindingsModel", "確認済み"),
               QT_TRANSLATE_NOOP("FindingsModel", "由来"), QT_TRANSLATE_NOOP("FindingsModel", "期限"))
    COL_DEPARTMENT, COL_GRADE, COL_TITLE, COL_CONFIRMED, COL_SOURCE = 0, 2, 3, 5, 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[FindingRecord] = []
        self.names: dict[str, str] = {}
        self.chapters: dict[str, str] = {}  # item id -> its chapter's id in the 年度's checklist

    def set_rows(self, rows: list[FindingRecord], names: dict[str, str],
                 chapters: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.names = names
        self.chapters = chapters or {}
        self.endResetModel()

    def chapter_of(self, f: FindingRecord) -> str:
        return self.chapters.get(f.item_id, "")

    def row_of(self, finding_id: int) -> int | None:
        return next((i for i, f in enumerate(self.rows) if f.id == finding_id), None)

    def department_label(self, f: FindingRecord) -> str:
        if f.department_id == TOWN_WIDE:
            owner = self.names.get(f.responsible)
            return self.tr("{0}（{1}）").format(labels.town_wide(), owner) if owner else labels.town_wide()
        return self.names.get(f.department_id, f.department_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("FindingsModel", self.HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        f, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (self.department_label(f), f.item_id, labels.label(labels.GRADES, f.grade), f.title,
                    labels.label(labels.FINDING_STATUS, f.status), "○" if f.confirmed else "",
                    labels.label(labels.FINDING_SOURCES, f.source), f.due)[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_TITLE:
            return f"{f.title}\n\n{f.text}"
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.COL_DEPARTMENT, self.COL_SOURCE):
            return self.data(index)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_GRADE:
            return QBrush(QColor(_GRADE_COLORS.get(f.grade, "#000000")))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_CONFIRMED:
            return Qt.AlignmentFlag.AlignCenter
        if role == ID_ROLE:
            return f.id
        if role == SORT_ROLE:
            if col == self.COL_GRADE:
                return _GRADE_RANK.get(f.grade, len(_GRADE_RANK))
            return self.data(index)
        return None


class FindingsFilter(QSortFilterProxyModel):
    """By department (its own findings and the town-wide ones it is responsible for), grade and chapter;
    sorted by what a header click chooses (区分 by severity, 重大 first)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.department = ALL
        self.grade = ALL
        self.chapter = ALL
        self.setSortRole(SORT_ROLE)

    def set_filter(self, department: str, grade: str, chapter: str = ALL) -> None:
        self.beginFilterChange()
        self.department, self.grade, self.chapter = department, grade, chapter
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, FindingsModel)
        f = model.rows[source_row]
        if self.grade and f.grade != self.grade:
            return False
        if self.chapter and model.chapter_of(f) != self.chapter:
            return False
        if not self.department:
            return True
        if self.department == TOWN_WIDE:
            return f.department_id == TOWN_WIDE
        return f.department_id == self.department or (f.department_id == TOWN_WIDE
                                                      and f.responsible == self.department)
