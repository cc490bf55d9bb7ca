"""The evidence files (根拠資料) of one item: the list with add, open, save a copy and remove."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.records import AttachmentRecord
from ..errors import AppError
from ..usecases.answering import MAX_ATTACHMENT_BYTES
from .dialogs import Dialogs
from .flow_row import FlowRow
from .labels import QT_TRANSLATE_NOOP
from .table_models import RowsTableModel, TableRow, _fit_columns, _table, format_size, format_time

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

# -- 根拠資料 (attachments of one item) ---------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentActions:
    """What the evidence list can do; the window binds these to the store and the current item."""

    list_records: Callable[[], list[AttachmentRecord]]
    add: Callable[[Path], None]
    open_record: Callable[[AttachmentRecord], None]
    save_as: Callable[[AttachmentRecord, Path], None]
    remove: Callable[[AttachmentRecord], None]
    choose_open: Callable[[], str | None]
    choose_save: Callable[[str], str | None]  # default file name -> chosen path


_EXPECTED_ERRORS = (AppError, OSError, KeyError)


class AttachmentsWidget(QWidget):
    """The evidence files of one item: add, open, save a copy, remove."""

    HEADERS = (QT_TRANSLATE_NOOP("AttachmentsWidget", "名前"), QT_TRANSLATE_NOOP("AttachmentsWidget", "サイズ"),
               QT_TRANSLATE_NOOP("AttachmentsWidget", "追加者"), QT_TRANSLATE_NOOP("AttachmentsWidget", "日時"),
               QT_TRANSLATE_NOOP("AttachmentsWidget", "SHA-256（先頭12桁）"))

    def __init__(self, actions: AttachmentActions, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self._dialogs = dialogs
        self._records: list[AttachmentRecord] = []
        self._read_only = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = RowsTableModel([translate("AttachmentsWidget", h) for h in self.HEADERS], parent=self)
        self.view = _table(self.model, self.tr("添付ファイル"))
        _fit_columns(self.view, stretch=0)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * 5 + 40)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("追加(&A)…"))
        self.open_button = QPushButton(self.tr("開く(&O)"))
        self.save_button = QPushButton(self.tr("名前を付けて保存(&S)…"))
        self.remove_button = QPushButton(self.tr("削除"))
        self.add_button.clicked.connect(self.add)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = QLabel(self.tr("1ファイル {0} MB まで").format(MAX_ATTACHMENT_BYTES // 1024 // 1024))
        self.hint.setObjectName("attachmentHint")
        buttons = FlowRow()  # on more lines when the panel is narrow (a large font)
        for b in (self.add_button, self.open_button, self.save_button, self.remove_button, self.hint):
            buttons.add(b)
        row.addWidget(buttons, 1)
        layout.addLayout(row)
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(lambda _s, _d: self._update_buttons())
        self.refresh()

    # -- state ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the list again (after the current item changed, or after adding/removing)."""
        try:
            self._records = list(self._actions.list_records())
        except _EXPECTED_ERRORS as exc:
            self._records = []
            self._dialogs.error(self, self.tr("添付ファイルを読めません"), str(exc))
        self.model.set_rows(self._row(r) for r in self._records)
        self._update_buttons()

    @staticmethod
    def _row(r: AttachmentRecord) -> TableRow:
        cells = (r.name, format_size(r.size), r.added_by, format_time(r.added_at), r.sha256[:12])
        size = translate("AttachmentsWidget", "{0} バイト").format(f"{r.size:,}")
        return TableRow(cells, key=str(r.id), tooltips=(r.name, size, "", r.added_at, r.sha256))

    def records(self) -> list[AttachmentRecord]:
        return list(self._records)

    def set_read_only(self, read_only: bool) -> None:
        """After 提出 the evidence is frozen: it can still be opened and saved, not changed."""
        self._read_only = read_only
        self._update_buttons()

    def selected(self) -> AttachmentRecord | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows or not (0 <= rows[0].row() < len(self._records)):
            return None
        return self._records[rows[0].row()]

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.add_button.setEnabled(not self._read_only)
        self.remove_button.setEnabled(has and not self._read_only)
        self.open_button.setEnabled(has)
        self.save_button.setEnabled(has)
        tip = self.tr("提出済みのため変更できません。") if self._read_only else ""
        self.add_button.setToolTip(tip)
        self.remove_button.setToolTip(tip)

    # -- actions ----------------------------------------------------------------------------
    def add(self) -> None:
        if self._read_only:
            return
        chosen = self._actions.choose_open()
        if not chosen:
            return
        try:
            self._actions.add(Path(chosen))
        except _EXPECTED_ERRORS as exc:
            self._dialogs.error(self, self.tr("添付できません"), str(exc))
            return
        self.refresh()
        self.view.selectRow(len(self._records) - 1)

    def open_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        try:
            self._actions.open_record(record)
        except _EXPECTED_ERRORS as exc:
            self._dialogs.error(self, self.tr("開けません"), str(exc))

    def save_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        chosen = self._actions.choose_save(record.name)
        if not chosen:
            return
        try:
            self._actions.save_as(record, Path(chosen))
        except _EXPECTED_ERRORS as exc:
            self._dialogs.error(self, self.tr("保存できません"), str(exc))

    def remove_selected(self) -> None:
        record = self.selected()
        if record is None or self._read_only:
            return
        if not self._dialogs.question(self, self.tr("添付の削除"),
                                      self.tr("添付ファイル「{0}」を削除しますか？\n（削除したことは操作履歴に残ります）"
                                              ).format(record.name)):
            return
        try:
            self._actions.remove(record)
        except _EXPECTED_ERRORS as exc:
            self._dialogs.error(self, self.tr("削除できません"), str(exc))
        self.refresh()
