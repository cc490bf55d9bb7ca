"""指摘事項 of one 年度 for the auditor: a filtered list, an edit form, proposal from the answers,
manual entry, deletion and carrying the open ones into the next 年度."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.records import FindingRecord
from ..errors import AppError
from ..usecases import findings
from ..usecases.findings import TOWN_WIDE
from ..usecases.session import Session
from . import labels
from .appearance import text_width
from .dialogs import Dialogs
from .finding_form import FindingForm, ManualFindingDialog, _combo, _labels, _select
from .findings_model import ALL, ID_ROLE, TOWN_WIDE_LABEL, FindingsFilter, FindingsModel

# The names other modules import from here, wherever they now live.
__all__ = [
    "ALL",
    "ID_ROLE",
    "TOWN_WIDE_LABEL",
    "FindingsFilter",
    "FindingsModel",
    "FindingsWidget",
    "ManualFindingDialog",
]


class FindingsWidget(FindingForm, QWidget):
    """The auditor's 指摘事項 of one 年度. Every change goes to the store, which logs it."""

    changed = Signal()  # findings were added, edited, deleted or carried
    carried = Signal(int)  # open findings were carried into this 年度

    def __init__(self, session: Session, dialogs: Dialogs, actor: Callable[[], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialogs = dialogs
        self.actor = actor
        self.year = 0
        self.current_id: int | None = None
        self._loading = False
        self._dirty = False
        self.names = {d.id: d.name for d in session.departments()}
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_form())
        splitter.setStretchFactor(0, 2)  # the list (and its 見出し) gets the room; the form stays usable
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._load(None)

    # -- layout ------------------------------------------------------------------------------------
    def _build_list(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        filters = QHBoxLayout()
        self.department_filter = _combo(self.tr("部署で絞り込む"), {ALL: self.tr("すべての部署"),
                                                                     TOWN_WIDE: labels.town_wide(), **self.names})
        self.grade_filter = _combo(self.tr("区分で絞り込む"), {ALL: self.tr("すべての区分"), **_labels(labels.GRADES)})
        self.chapter_filter = _combo(self.tr("章で絞り込む"), {ALL: self.tr("すべての章")})  # filled per 年度
        for text, combo, chars in ((self.tr("部署(&B):"), self.department_filter, 12),
                                   (self.tr("区分(&K):"), self.grade_filter, 6),
                                   (self.tr("章(&Z):"), self.chapter_filter, 10)):
            caption = QLabel(text)
            caption.setBuddy(combo)
            # As wide as a few characters, not as the longest department's name: the list keeps its room.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
            filters.addWidget(caption)
            filters.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self._filter_changed)
        # On a line of its own under the filters, the whole width: one line in any language at the default size.
        self.count_label = QLabel()
        self.count_label.setObjectName("findingsCount")
        self.count_label.setWordWrap(True)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        v.addLayout(filters)
        v.addWidget(self.count_label)
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("指摘事項"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several at once (Shift/Ctrl+click, Ctrl+A): confirmed or deleted in one action.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # one line per finding; the whole text is in the tooltip and the form
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FindingsModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # Long department names and origins would squeeze the 見出し: narrower, elided, whole in the tooltip.
        for col, usual in ((FindingsModel.COL_DEPARTMENT, "高齢者福祉課"),
                           (FindingsModel.COL_SOURCE, labels.label(labels.FINDING_SOURCES, "carried"))):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, text_width(self.table, usual) + 16)  # a usual value, whole
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the store's order until a header is clicked
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        v.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.propose_button = QPushButton(self.tr("指摘案を作成(&P)"))
        self.propose_button.setToolTip(self.tr("提出された回答から、重要項目の未実施・一部実施と、多くの部署に共通する課題を"
                                               "指摘案にします（同じ指摘は二度作りません）。"))
        self.propose_button.clicked.connect(self.propose)
        self.add_button = QPushButton(self.tr("手入力で追加(&N)…"))
        self.add_button.clicked.connect(self.add_manual)
        self.confirm_button = QPushButton(self.tr("確認済みにする(&J)"))
        self.confirm_button.setToolTip(
            self.tr("選択した指摘案をまとめて確認済みにします（Ctrl+A で表示中のすべてを選択）。"))
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.delete_button = QPushButton(self.tr("削除(&L)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.carry_button = QPushButton(self.tr("未完了を次年度へ引き継ぐ(&C)"))
        self.carry_button.setToolTip(self.tr("確認済みで、状況が未対応・対応中の指摘事項を次の年度へ引き継ぎます。"))
        self.carry_button.clicked.connect(self.carry_open)
        for b in (self.propose_button, self.confirm_button, self.add_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.carry_button)
        v.addLayout(buttons)
        return page

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
        self.names = {d.id: d.name for d in self.session.departments()}
        questionnaire = self.session.questionnaire_for_year(self.year) if self.year else None
        chapters = [] if questionnaire is None else list(questionnaire.chapters)
        self._fill_chapters({ch.id: ch.title for ch in chapters})
        self.model.set_rows(findings.findings(self.session, self.year), self.names,
                            {it.id: ch.id for ch in chapters for it in ch.items()})
        self.select(keep)
        self._update_count()

    def _fill_chapters(self, titles: dict[str, str]) -> None:
        """The chapter filter lists the 年度's chapters; the chosen one stays chosen where it still exists."""
        combo = self.chapter_filter
        chosen = str(combo.currentData() or ALL)
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(self.tr("すべての章"), ALL)
            for chapter_id, title in titles.items():
                combo.addItem(title, chapter_id)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
        finally:
            combo.blockSignals(False)
        if str(combo.currentData()) != self.proxy.chapter:
            self._filter_changed()

    def _update_count(self) -> None:
        rows = self.model.rows
        unconfirmed = sum(not f.confirmed for f in rows)
        text = self.tr("{0}: {1} 件").format(labels.fiscal_year(self.year), len(rows))
        if self.proxy.rowCount() != len(rows):
            text += self.tr("（表示 {0} 件）").format(self.proxy.rowCount())
        if unconfirmed:
            text += self.tr("　未確認 {0} 件").format(unconfirmed)
        chosen = self.selected_ids()
        if len(chosen) > 1:
            text += self.tr("　選択 {0} 件").format(len(chosen))
        self.count_label.setText(text)
        self._update_actions()
        self.carry_button.setText(self.tr("未完了を{0}へ引き継ぐ(&C)").format(labels.fiscal_year(self.year + 1))
                                  if self.year else self.tr("未完了を次年度へ引き継ぐ(&C)"))

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
            # This one alone, whatever keys are held (selectRow would extend the selection while Ctrl is down).
            flags = QItemSelectionModel.SelectionFlag
            self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
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
        self.proxy.set_filter(str(self.department_filter.currentData()), str(self.grade_filter.currentData()),
                              str(self.chapter_filter.currentData() or ALL))
        self._update_count()
        if self.current_id is not None and not self._proxy_index(self.current_id).isValid():
            self.maybe_save()  # the finding in the form is filtered away
            self._load(None)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._loading:
            return
        chosen = self.selected_ids()
        if len(chosen) > 1:  # several: the form shows none of them, the actions take them all
            if self.current_id is not None:
                self.maybe_save()
                self._load(None)
        else:
            finding_id = chosen[0] if chosen else None
            if finding_id != self.current_id:
                self.select(finding_id)  # asks about unsaved edits first; saving reloads the list
        self._update_count()

    def selected_ids(self) -> list[int]:
        """The findings selected in the list, in the list's order."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [int(i.data(ID_ROLE)) for i in rows]

    def _update_actions(self) -> None:
        chosen = set(self.selected_ids())
        self.delete_button.setEnabled(bool(chosen))
        self.confirm_button.setEnabled(any(f.id in chosen and not f.confirmed for f in self.model.rows))

    # -- actions -------------------------------------------------------------------------------------
    def maybe_save(self) -> None:
        """Unsaved edits are not lost silently: ask before leaving the finding."""
        if self._dirty and self.current() is not None:
            f = self.current()
            title = f.title if f else ""
            if self.dialogs.question(self, self.tr("指摘事項の保存"),
                                     self.tr("「{0}」の変更を保存しますか？").format(title)):
                self.save()
            self._set_dirty(False)

    def save(self) -> bool:
        changes = self.changes()
        if not changes or self.current_id is None:
            return False
        if not changes.get("title", True) or not changes.get("text", True):
            self.dialogs.error(self, self.tr("保存できません"), self.tr("見出しと指摘内容は空にできません。"))
            return False
        actor = self.actor()
        if actor is None:
            return False
        try:
            findings.update(self.session, self.current_id, changes)
        except AppError as exc:
            self.dialogs.error(self, self.tr("保存できません"), str(exc))
            return False
        self._set_dirty(False)
        self.refresh()
        self.changed.emit()
        return True

    def propose(self) -> list[int]:
        actor = self.actor()
        if actor is None:
            return []
        ids = findings.propose(self.session, self.year)
        self.refresh()
        if ids:
            self.changed.emit()
            self.dialogs.info(self, self.tr("指摘案を作成しました"),
                              self.tr("{0} 件の指摘案を作成しました。内容と区分を確かめ、「確認済み」にしたものが"
                                      "部署への結果通知に載ります。").format(len(ids)))
        else:
            self.dialogs.info(self, self.tr("指摘案"),
                              self.tr("新しい指摘案はありません（提出がまだないか、同じ指摘はすでにあります）。"))
        return ids

    def _system_owner(self) -> str:
        owner = findings.system_owner(self.session)
        return owner if owner != TOWN_WIDE else next(iter(self.names), TOWN_WIDE)

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
        fid = findings.add_manual(self.session, self.year, v["department_id"], grade=v["grade"], title=v["title"],
                                  text=v["text"], recommendation=v["recommendation"], due=v["due"],
                                  item_id=v["item_id"], responsible=v["responsible"])
        self.department_filter.setCurrentIndex(0)
        self.grade_filter.setCurrentIndex(0)
        self.refresh()
        self.select(fid)
        self.changed.emit()
        return fid

    def confirm_selected(self) -> int:
        """Every selected proposal confirmed in one action (each confirmation logged); the number confirmed."""
        self.maybe_save()
        chosen = set(self.selected_ids())
        ids = [f.id for f in self.model.rows if f.id in chosen and not f.confirmed]
        if not ids or self.actor() is None:
            return 0
        done = findings.confirm(self.session, ids)
        self.refresh()
        self.changed.emit()
        return done

    def delete_selected(self) -> bool:
        chosen = self.selected_ids()
        if not chosen:
            return False
        if len(chosen) == 1:
            f = next((r for r in self.model.rows if r.id == chosen[0]), None)
            question = self.tr("指摘事項「{0}」を削除しますか？").format(f.title if f else "")
        else:
            question = self.tr("選択した {0} 件の指摘事項を削除しますか？").format(len(chosen))
        if not self.dialogs.question(self, self.tr("指摘事項の削除"), question,
                                     self.tr("削除したことは操作履歴に残ります。")):
            return False
        actor = self.actor()
        if actor is None:
            return False
        findings.delete_many(self.session, chosen)
        self._set_dirty(False)
        self.current_id = None
        self.refresh()
        self.changed.emit()
        return True

    def carry_open(self) -> list[int]:
        self.maybe_save()
        target = self.year + 1
        label = labels.fiscal_year(target)
        if not self.dialogs.question(self, self.tr("次年度への引継ぎ"),
                                     self.tr("確認済みで未完了（未対応・対応中）の指摘事項を{0}へ引き継ぎますか？").format(label),
                                     self.tr("未確認の指摘案、完了したもの、良好事例は引き継ぎません。"
                                             "すでに引き継いだものは二度引き継ぎません。")):
            return []
        actor = self.actor()
        if actor is None:
            return []
        ids = findings.carry(self.session, self.year)
        if ids:
            self.changed.emit()
            self.carried.emit(target)
            self.dialogs.info(self, self.tr("引き継ぎました"),
                              self.tr("{0} 件の指摘事項を{1}へ引き継ぎました。年度を{1}に切り替えると確認できます。"
                                      ).format(len(ids), label))
        else:
            self.dialogs.info(self, self.tr("引継ぎ"), self.tr("{0}へ引き継ぐ指摘事項はありません。").format(label))
        return ids
