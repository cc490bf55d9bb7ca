"""管理 → 年度のテーマ: the auditor ticks which departments answer which theme this 年度, sees each one's
items and minutes against the limits, saves, and writes the file the departments take in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import AppError
from ..usecases import themes
from ..usecases.session import Session
from ..usecases.themes import MAX_ITEMS_PER_YEAR, MAX_MINUTES_PER_YEAR, YearPlan
from . import labels
from .appearance import resize_initially
from .dialogs import Dialogs

Index = QModelIndex | QPersistentModelIndex
_OVER = "#b00020"


def short_title(title: str) -> str:
    """A theme's title for a column header (the part before its parenthesis)."""
    return title.split("（")[0] or title


class ThemesModel(QAbstractTableModel):
    """Departments × themes of a 年度, ticked where the theme is added; the year's load of each department.

    Columns: the department, its items and minutes this 年度, then one per theme."""

    FIRST_THEME = 3

    def __init__(self, plan: YearPlan, load: Callable[[str, tuple[str, ...]], tuple[int, int]],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._load = load
        self.chosen = {d.id: set(plan.assigned.get(d.id, ())) for d in plan.departments}
        self.loads = dict(plan.loads)

    def table(self) -> dict[str, list[str]]:
        order = [t.id for t in self.plan.themes]
        return {d: [t for t in order if t in chosen] for d, chosen in self.chosen.items() if chosen}

    def changed(self) -> bool:
        return {d: set(t) for d, t in self.table().items()} != {
            d: set(t) for d, t in self.plan.assigned.items() if t}

    def over(self, department_id: str) -> bool:
        items, minutes = self.loads.get(department_id, (0, 0))
        return self.plan.limited(department_id) and (items > MAX_ITEMS_PER_YEAR or minutes > MAX_MINUTES_PER_YEAR)

    # -- QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.departments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.themes) + 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if section >= self.FIRST_THEME:
            theme = self.plan.themes[section - self.FIRST_THEME]
            if role == Qt.ItemDataRole.DisplayRole:
                return short_title(theme.title)
            if role == Qt.ItemDataRole.ToolTipRole:
                tip = self.tr("{0}（{1} 項目の集まり）").format(theme.title, theme.items)
                return f"{tip}\n{theme.note}" if theme.note else tip
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("部署"), self.tr("今年度の項目"), self.tr("分"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() >= self.FIRST_THEME:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        dep = self.plan.departments[index.row()]
        col = index.column()
        if col >= self.FIRST_THEME:
            theme = self.plan.themes[col - self.FIRST_THEME]
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if theme.id in self.chosen[dep.id] else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                state = self.tr("あり") if theme.id in self.chosen[dep.id] else self.tr("なし")
                return f"{dep.name} {theme.title} {state}"
            return None
        items, minutes = self.loads.get(dep.id, (0, 0))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (dep.name, str(items), str(minutes))[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return dep.display_name
        if role == Qt.ItemDataRole.ForegroundRole and col > 0 and self.over(dep.id):
            return QBrush(QColor(_OVER))
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        col = index.column() if index.isValid() else -1
        if role != Qt.ItemDataRole.CheckStateRole or col < self.FIRST_THEME:
            return False
        dep = self.plan.departments[index.row()]
        theme = self.plan.themes[col - self.FIRST_THEME].id
        on = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        (self.chosen[dep.id].add if on else self.chosen[dep.id].discard)(theme)
        self.loads[dep.id] = self._load(dep.id, tuple(sorted(self.chosen[dep.id])))
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True


class ThemesDialog(QDialog):
    """The 年度's themes per department: tick, save (checked against the limits), write the departments' file."""

    def __init__(self, session: Session, year: int, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.year, self.dialogs = session, year, dialogs
        self.setWindowTitle(self.tr("年度のテーマ（{0}）").format(labels.fiscal_year(year)))
        plan = themes.year_plan(session, year)
        layout = QVBoxLayout(self)
        asked = self.tr("毎年の項目と {0} 群").format(plan.group) if plan.group else self.tr("すべての項目")
        intro = QLabel(self.tr("{0}は{1}を尋ねます。テーマを加えた部署は、そのテーマの項目（部署に当てはまるもの）にも"
                               "答えます。各部署の今年度の項目は {2} 項目・{3} 分までです（システム担当を除く）。"
                               "保存した後、「部署に配るファイルを書き出す」で各課に配り、各課は"
                               "「管理 → チェックリスト・部署マスタの取込」で取り込みます。").format(
                                   labels.fiscal_year(year), asked, MAX_ITEMS_PER_YEAR, MAX_MINUTES_PER_YEAR))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = ThemesModel(plan, lambda dep, chosen: themes.load_with(session, year, dep, chosen), self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("部署ごとのテーマ"))
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("部署に配るファイルを書き出す(&E)…"))
        self.export_button.clicked.connect(self.export)
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("閉じる"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        resize_initially(self, 1000, 720)

    def save(self, *, quiet: bool = False) -> bool:
        """Save the ticks as the 年度's themes; False (and why) when refused."""
        try:
            themes.set_year(self.session, self.year, self.model.table())
        except AppError as exc:
            self.dialogs.error(self, self.tr("保存できません"), str(exc))
            return False
        self.model.plan = themes.year_plan(self.session, self.year)
        if not quiet:
            self.dialogs.info(self, self.tr("保存しました"), self.tr("テーマの割当てを保存しました。"))
        return True

    def export(self) -> None:
        if self.model.changed() and not self.save(quiet=True):
            return
        path = self.dialogs.save_file(self, self.tr("部署に配るファイル"), f"themes-{self.year}.yaml",
                                      "YAML (*.yaml)")
        if not path:
            return
        try:
            out = themes.export(self.session, self.year, Path(path))
        except (AppError, OSError) as exc:
            self.dialogs.error(self, self.tr("書き出せません"), str(exc))
            return
        self.dialogs.info(self, self.tr("書き出しました"),
                          self.tr("{0} を書き出しました。各課に配ってください（取込: 管理 → チェックリスト・"
                                  "部署マスタの取込、または mizuho-audit questionnaire import）。").format(out.name))
