"""指摘事項 of one 年度 for the auditor: a filtered list, an edit form, proposal from the answers,
manual entry, deletion and carrying the open ones into the next 年度."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.questionnaire import SYSTEM_TRAIT
from ..domain.wareki import fiscal_year_label
from ..services import findings
from ..services.findings import GRADE_LABELS, SOURCE_LABELS, STATUS_LABELS, TOWN_WIDE
from ..services.workspace import Workspace
from ..storage.connection import StoreError
from ..storage.findings_store import FindingRecord
from .dialogs import Dialogs

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALL = ""  # filter value: every department / every grade
TOWN_WIDE_LABEL = "全庁"
_GRADE_COLORS = {"major": "#b00020", "minor": "#b35c00", "observation": "#0d47a1", "good": "#1b6e20"}
_NO_DATE = QDate(2000, 1, 1)  # the date edit's 「未設定」


def _plain_edit(name: str, height: int = 72) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText("未設定")
    edit.setDate(_NO_DATE)
    return edit


def _date_text(edit: QDateEdit) -> str:
    return "" if edit.date() == _NO_DATE else edit.date().toString("yyyy-MM-dd")


def _set_date(edit: QDateEdit, iso: str) -> None:
    d = QDate.fromString(iso, "yyyy-MM-dd")
    edit.setDate(d if d.isValid() else _NO_DATE)


def _select(combo: QComboBox, value: str, label: str = "") -> None:
    """Choose the entry holding ``value``; a value the list does not know is added, so nothing is lost."""
    i = combo.findData(value)
    if i < 0:
        combo.addItem(label or value, value)
        i = combo.count() - 1
    combo.setCurrentIndex(i)


def _combo(name: str, items: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for key, label in items.items():
        combo.addItem(label, key)
    return combo


class FindingsModel(QAbstractTableModel):
    """The findings of a 年度, one per row."""

    HEADERS = ("部署", "項目", "区分", "見出し", "状況", "確認済み", "由来", "期限")
    COL_DEPARTMENT, COL_GRADE, COL_TITLE, COL_CONFIRMED, COL_SOURCE = 0, 2, 3, 5, 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[FindingRecord] = []
        self.names: dict[str, str] = {}

    def set_rows(self, rows: list[FindingRecord], names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.names = names
        self.endResetModel()

    def row_of(self, finding_id: int) -> int | None:
        return next((i for i, f in enumerate(self.rows) if f.id == finding_id), None)

    def department_label(self, f: FindingRecord) -> str:
        if f.department_id == TOWN_WIDE:
            owner = self.names.get(f.responsible)
            return f"{TOWN_WIDE_LABEL}（{owner}）" if owner else TOWN_WIDE_LABEL
        return self.names.get(f.department_id, f.department_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
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
            return (self.department_label(f), f.item_id, GRADE_LABELS.get(f.grade, f.grade), f.title,
                    STATUS_LABELS.get(f.status, f.status), "○" if f.confirmed else "",
                    SOURCE_LABELS.get(f.source, f.source), f.due)[col]
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
        return None


class FindingsFilter(QSortFilterProxyModel):
    """By department (its own findings and the town-wide ones it is responsible for) and by grade."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.department = ALL
        self.grade = ALL

    def set_filter(self, department: str, grade: str) -> None:
        self.beginFilterChange()
        self.department, self.grade = department, grade
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, FindingsModel)
        f = model.rows[source_row]
        if self.grade and f.grade != self.grade:
            return False
        if not self.department:
            return True
        if self.department == TOWN_WIDE:
            return f.department_id == TOWN_WIDE
        return f.department_id == self.department or (f.department_id == TOWN_WIDE
                                                      and f.responsible == self.department)


class ManualFindingDialog(QDialog):
    """A finding the auditor writes by hand (e.g. from an interview or a site visit)."""

    def __init__(self, departments: dict[str, str], owner: str, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("指摘事項を手入力で追加")
        self._owner = owner
        form = QFormLayout()
        self.department_combo = _combo("部署", {TOWN_WIDE: TOWN_WIDE_LABEL, **departments})
        self.responsible_combo = _combo("担当部署", departments)
        self.grade_combo = _combo("区分", GRADE_LABELS)
        self.item_edit = QLineEdit()
        self.item_edit.setAccessibleName("項目")
        self.item_edit.setPlaceholderText("例: NET-001（なければ空欄）")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("見出し")
        self.text_edit = _plain_edit("指摘内容")
        self.recommendation_edit = _plain_edit("推奨事項")
        self.due_edit = _date_edit("期限")
        _set_date(self.due_edit, f"{year + 1}-03-31")
        for label, widget in (("部署(&D):", self.department_combo), ("担当部署(&O):", self.responsible_combo),
                              ("区分(&G):", self.grade_combo), ("項目(&I):", self.item_edit),
                              ("見出し(&T):", self.title_edit), ("指摘内容(&X):", self.text_edit),
                              ("推奨事項(&R):", self.recommendation_edit), ("期限(&U):", self.due_edit)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("追加")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.department_combo.currentIndexChanged.connect(self._department_changed)
        self.title_edit.textChanged.connect(self._update)
        self.text_edit.textChanged.connect(self._update)
        self._department_changed()
        self.resize(620, 520)

    def _department_changed(self) -> None:
        dep = str(self.department_combo.currentData())
        # A department's own finding is its own to fix; a town-wide one needs a department in charge.
        _select(self.responsible_combo, self._owner if dep == TOWN_WIDE else dep)
        self.responsible_combo.setEnabled(dep == TOWN_WIDE)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.title_edit.text().strip() and self.text_edit.toPlainText().strip()))

    def values(self) -> dict[str, str]:
        return {"department_id": str(self.department_combo.currentData()),
                "responsible": str(self.responsible_combo.currentData()),
                "grade": str(self.grade_combo.currentData()), "item_id": self.item_edit.text().strip(),
                "title": self.title_edit.text().strip(), "text": self.text_edit.toPlainText().strip(),
                "recommendation": self.recommendation_edit.toPlainText().strip(), "due": _date_text(self.due_edit)}


class FindingsWidget(QWidget):
    """The auditor's 指摘事項 of one 年度. Every change goes to the store, which logs it."""

    changed = Signal()  # findings were added, edited, deleted or carried
    carried = Signal(int)  # open findings were carried into this 年度

    def __init__(self, workspace: Workspace, dialogs: Dialogs, actor: Callable[[], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.dialogs = dialogs
        self.actor = actor
        self.year = 0
        self.current_id: int | None = None
        self._loading = False
        self._dirty = False
        self.names = {d.id: d.name for d in workspace.departments()}
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_form())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._load(None)

    # -- layout ------------------------------------------------------------------------------------
    def _build_list(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        filters = QHBoxLayout()
        self.department_filter = _combo("部署で絞り込む", {ALL: "すべての部署", TOWN_WIDE: TOWN_WIDE_LABEL,
                                                            **self.names})
        self.grade_filter = _combo("区分で絞り込む", {ALL: "すべての区分", **GRADE_LABELS})
        for text, combo in (("部署(&B):", self.department_filter), ("区分(&K):", self.grade_filter)):
            caption = QLabel(text)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo)
            combo.currentIndexChanged.connect(self._filter_changed)
        filters.addStretch(1)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)
        v.addLayout(filters)
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("指摘事項")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # one line per finding; the whole text is in the tooltip and the form
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FindingsModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # Long department names and origins would squeeze the 見出し: narrower, elided, whole in the tooltip.
        for col in (FindingsModel.COL_DEPARTMENT, FindingsModel.COL_SOURCE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, 150)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the store's order until a header is clicked
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        v.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.propose_button = QPushButton("指摘案を作成(&P)")
        self.propose_button.setToolTip("提出された回答から、重要項目の未実施・一部実施と、多くの部署に共通する課題を"
                                       "指摘案にします（同じ指摘は二度作りません）。")
        self.propose_button.clicked.connect(self.propose)
        self.add_button = QPushButton("手入力で追加(&N)…")
        self.add_button.clicked.connect(self.add_manual)
        self.delete_button = QPushButton("削除(&L)")
        self.delete_button.clicked.connect(self.delete_selected)
        self.carry_button = QPushButton("未完了を次年度へ引き継ぐ(&C)")
        self.carry_button.setToolTip("確認済みで、状況が未対応・対応中の指摘事項を次の年度へ引き継ぎます。")
        self.carry_button.clicked.connect(self.carry_open)
        for b in (self.propose_button, self.add_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.carry_button)
        v.addLayout(buttons)
        return page

    def _build_form(self) -> QWidget:
        box = QGroupBox("選んだ指摘事項")
        form = QFormLayout(box)
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        self.origin_label.setStyleSheet("color: #555;")
        self.grade_combo = _combo("区分", GRADE_LABELS)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("見出し")
        self.text_edit = _plain_edit("指摘内容")
        self.recommendation_edit = _plain_edit("推奨事項")
        self.due_edit = _date_edit("期限")
        self.responsible_combo = _combo("担当部署", self.names)
        self.status_combo = _combo("状況", STATUS_LABELS)
        self.confirmed_check = QCheckBox("確認済み（部署への結果通知に載せる）")
        self.confirmed_check.setAccessibleName("確認済み")
        self.report_view = _plain_edit("部署の改善報告", 56)
        self.report_view.setReadOnly(True)
        self.report_view.setPlaceholderText("（部署からの改善報告はまだありません）")
        form.addRow(self.origin_label)
        rows: tuple[tuple[str, QWidget], ...] = (
            ("区分(&G):", self.grade_combo), ("見出し(&T):", self.title_edit), ("指摘内容(&X):", self.text_edit),
            ("推奨事項(&R):", self.recommendation_edit), ("期限(&U):", self.due_edit),
            ("担当部署(&O):", self.responsible_combo), ("状況(&S):", self.status_combo),
            ("", self.confirmed_check), ("部署の改善報告:", self.report_view))
        for text, widget in rows:
            caption = QLabel(text)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        self.save_button = QPushButton("保存(&V)")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("元に戻す")
        self.revert_button.clicked.connect(lambda: self._load(self.current()))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        form.addRow(row)
        for combo in (self.grade_combo, self.responsible_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._edited)
        self.title_edit.textChanged.connect(self._edited)
        self.text_edit.textChanged.connect(self._edited)
        self.recommendation_edit.textChanged.connect(self._edited)
        self.due_edit.dateChanged.connect(self._edited)
        self.confirmed_check.toggled.connect(self._edited)
        self.form = box
        return box

    # -- data ----------------------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        if year != self.year:
            self.maybe_save()
            self.year = year
            self.current_id = None
        self.refresh()

    def refresh(self) -> None:
        """Read the findings again, keeping the selection."""
        self.maybe_save()
        keep = self.current_id
        self.names = {d.id: d.name for d in self.workspace.departments()}
        self.model.set_rows(self.workspace.store.findings(self.year), self.names)
        self.select(keep)
        self._update_count()

    def _update_count(self) -> None:
        rows = self.model.rows
        unconfirmed = sum(not f.confirmed for f in rows)
        text = f"{fiscal_year_label(self.year)}: {len(rows)} 件"
        if self.proxy.rowCount() != len(rows):
            text += f"（表示 {self.proxy.rowCount()} 件）"
        if unconfirmed:
            text += f"　未確認 {unconfirmed} 件"
        self.count_label.setText(text)
        self.carry_button.setText(f"未完了を{fiscal_year_label(self.year + 1)}へ引き継ぐ(&C)" if self.year
                                  else "未完了を次年度へ引き継ぐ(&C)")

    def current(self) -> FindingRecord | None:
        if self.current_id is None:
            return None
        row = self.model.row_of(self.current_id)
        return None if row is None else self.model.rows[row]

    def select(self, finding_id: int | None) -> None:
        """Select a finding (None: nothing); the form shows it."""
        if finding_id != self.current_id:
            self.maybe_save()
        index = self._proxy_index(finding_id)
        self.current_id = finding_id if index.isValid() else None  # so the selection signal has nothing to do
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
        else:
            self.table.clearSelection()
        self._load(self.current())

    def _proxy_index(self, finding_id: int | None) -> QModelIndex:
        row = None if finding_id is None else self.model.row_of(finding_id)
        return self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()

    def show_department(self, department_id: str) -> None:
        self.department_filter.setCurrentIndex(max(self.department_filter.findData(department_id), 0))

    def _filter_changed(self) -> None:
        self.proxy.set_filter(str(self.department_filter.currentData()), str(self.grade_filter.currentData()))
        self._update_count()
        if self.current_id is not None and not self._proxy_index(self.current_id).isValid():
            self.maybe_save()  # the finding in the form is filtered away
            self._load(None)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._loading:
            return
        rows = self.table.selectionModel().selectedRows()
        finding_id = int(rows[0].data(ID_ROLE)) if rows else None
        if finding_id != self.current_id:
            self.select(finding_id)  # asks about unsaved edits first; saving reloads the list

    def _load(self, f: FindingRecord | None) -> None:
        self._loading = True
        try:
            self.current_id = f.id if f else None
            for w in (self.grade_combo, self.title_edit, self.text_edit, self.recommendation_edit, self.due_edit,
                      self.responsible_combo, self.status_combo, self.confirmed_check, self.report_view):
                w.setEnabled(f is not None)
            self.delete_button.setEnabled(f is not None)
            if f is None:
                self.origin_label.setText("一覧から指摘事項を選んでください。")
                for e in (self.title_edit, self.text_edit, self.recommendation_edit, self.report_view):
                    e.clear()
                self.due_edit.setDate(_NO_DATE)
                self.confirmed_check.setChecked(False)
            else:
                where = TOWN_WIDE_LABEL if f.department_id == TOWN_WIDE else self.names.get(f.department_id, "")
                origin = f"{where}　{f.item_id}　由来: {SOURCE_LABELS.get(f.source, f.source)}".replace("　　", "　")
                if f.carried_from:
                    origin += f"（元の指摘 No.{f.carried_from}）"
                self.origin_label.setText(f"No.{f.id}　{origin}\n最終更新: {f.updated_at[:16].replace('T', ' ')} "
                                          f"{f.updated_by}")
                _select(self.grade_combo, f.grade)
                self.title_edit.setText(f.title)
                self.title_edit.setCursorPosition(0)  # show the beginning of a long title
                self.text_edit.setPlainText(f.text)
                self.recommendation_edit.setPlainText(f.recommendation)
                _set_date(self.due_edit, f.due)
                _select(self.responsible_combo, f.responsible,
                        "（未定）" if f.responsible == TOWN_WIDE else f.responsible)
                _select(self.status_combo, f.status)
                self.confirmed_check.setChecked(bool(f.confirmed))
                self.report_view.setPlainText(self._report_text(f))
        finally:
            self._loading = False
        self._set_dirty(False)

    def _report_text(self, f: FindingRecord) -> str:
        if not f.department_report and not f.reported_status:
            return ""
        label = f.reported_status
        q = self.workspace.catalog.for_year(f.fiscal_year)
        if q is not None and f.reported_status:
            with contextlib.suppress(KeyError):
                label = q.option(f.reported_status).label
        return f"【{label}】{f.department_report}" if label else f.department_report

    def _edited(self) -> None:
        if not self._loading and self.current_id is not None:
            self._set_dirty(bool(self.changes()))

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def is_dirty(self) -> bool:
        return self._dirty

    def changes(self) -> dict[str, Any]:
        """What the form changes on the selected finding (only the fields that differ)."""
        f = self.current()
        if f is None:
            return {}
        form: dict[str, Any] = {
            "grade": str(self.grade_combo.currentData()), "title": self.title_edit.text().strip(),
            "text": self.text_edit.toPlainText().strip(),
            "recommendation": self.recommendation_edit.toPlainText().strip(),
            "due": _date_text(self.due_edit), "responsible": str(self.responsible_combo.currentData()),
            "status": str(self.status_combo.currentData()), "confirmed": int(self.confirmed_check.isChecked()),
        }
        return {k: v for k, v in form.items() if getattr(f, k) != v}

    # -- actions -------------------------------------------------------------------------------------
    def maybe_save(self) -> None:
        """Unsaved edits are not lost silently: ask before leaving the finding."""
        if self._dirty and self.current() is not None:
            f = self.current()
            title = f.title if f else ""
            if self.dialogs.question(self, "指摘事項の保存", f"「{title}」の変更を保存しますか？"):
                self.save()
            self._set_dirty(False)

    def save(self) -> bool:
        changes = self.changes()
        if not changes or self.current_id is None:
            return False
        if not changes.get("title", True) or not changes.get("text", True):
            self.dialogs.error(self, "保存できません", "見出しと指摘内容は空にできません。")
            return False
        actor = self.actor()
        if actor is None:
            return False
        try:
            self.workspace.store.update_finding(self.current_id, changes, actor=actor)
        except StoreError as exc:
            self.dialogs.error(self, "保存できません", str(exc))
            return False
        self._set_dirty(False)
        self.refresh()
        self.changed.emit()
        return True

    def propose(self) -> list[int]:
        actor = self.actor()
        if actor is None:
            return []
        ids = findings.propose(self.workspace, self.year, actor)
        self.refresh()
        if ids:
            self.changed.emit()
            self.dialogs.info(self, "指摘案を作成しました",
                              f"{len(ids)} 件の指摘案を作成しました。内容と区分を確かめ、「確認済み」にしたものが"
                              "部署への結果通知に載ります。")
        else:
            self.dialogs.info(self, "指摘案",
                              "新しい指摘案はありません（提出がまだないか、同じ指摘はすでにあります）。")
        return ids

    def _system_owner(self) -> str:
        return next((d.id for d in self.workspace.catalog.master.departments if SYSTEM_TRAIT in d.traits),
                    next(iter(self.names), TOWN_WIDE))

    def new_finding_dialog(self) -> ManualFindingDialog:
        dialog = ManualFindingDialog(self.names, self._system_owner(), self.year, self)
        shown = str(self.department_filter.currentData())
        if shown:  # the department the auditor is looking at
            _select(dialog.department_combo, shown)
        return dialog

    def add_manual(self) -> int | None:
        dialog = self.new_finding_dialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        actor = self.actor()
        if actor is None:
            return None
        v = dialog.values()
        fid = findings.add_manual(self.workspace, self.year, v["department_id"], grade=v["grade"], title=v["title"],
                                  text=v["text"], recommendation=v["recommendation"], due=v["due"],
                                  item_id=v["item_id"], actor=actor)
        if v["responsible"] != v["department_id"]:
            self.workspace.store.update_finding(fid, {"responsible": v["responsible"]}, actor=actor)
        self.department_filter.setCurrentIndex(0)
        self.grade_filter.setCurrentIndex(0)
        self.refresh()
        self.select(fid)
        self.changed.emit()
        return fid

    def delete_selected(self) -> bool:
        f = self.current()
        if f is None:
            return False
        if not self.dialogs.question(self, "指摘事項の削除", f"指摘事項「{f.title}」を削除しますか？",
                                     "削除したことは操作履歴に残ります。"):
            return False
        actor = self.actor()
        if actor is None:
            return False
        self.workspace.store.delete_finding(f.id, actor=actor)
        self._set_dirty(False)
        self.current_id = None
        self.refresh()
        self.changed.emit()
        return True

    def carry_open(self) -> list[int]:
        self.maybe_save()
        target = self.year + 1
        label = fiscal_year_label(target)
        if not self.dialogs.question(self, "次年度への引継ぎ",
                                     f"確認済みで未完了（未対応・対応中）の指摘事項を{label}へ引き継ぎますか？",
                                     "未確認の指摘案、完了したもの、良好事例は引き継ぎません。"
                                     "すでに引き継いだものは二度引き継ぎません。"):
            return []
        actor = self.actor()
        if actor is None:
            return []
        ids = findings.carry_open(self.workspace, self.year, target, actor)
        if ids:
            self.changed.emit()
            self.carried.emit(target)
            self.dialogs.info(self, "引き継ぎました", f"{len(ids)} 件の指摘事項を{label}へ引き継ぎました。"
                                                       f"年度を{label}に切り替えると確認できます。")
        else:
            self.dialogs.info(self, "引継ぎ", f"{label}へ引き継ぐ指摘事項はありません。")
        return ids
