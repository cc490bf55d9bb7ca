"""Dialogs of the submission workflow: approval, missing items, reasons, changes since last year,
the operation log, the evidence list of one item, and the local certificate authority.

They know nothing of the store: the window passes in data and callables, so each dialog is
tested with small in-memory objects.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
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
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.questionnaire import Questionnaire
from ..domain.wareki import wareki_date
from ..services import ca
from ..services.carryover import KIND_LABELS, ItemChange
from ..services.evidence import MAX_ATTACHMENT_BYTES, EvidenceError
from ..services.workflow import MISSING_LABELS, Approver
from ..storage.connection import StoreError
from ..storage.oplog import LogEntry, LogProblem
from ..storage.records import AttachmentRecord
from .dialogs import Dialogs

Index = QModelIndex | QPersistentModelIndex

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the item id (or record id) a row stands for

ROLE_LABELS: dict[str, str] = {"department": "部署", "auditor": "監査担当"}
ACTION_LABELS: dict[str, str] = {
    "database_created": "作成",
    "submitted": "提出",
    "reopened": "提出の取消し",
    "attachment_added": "添付の追加",
    "attachment_removed": "添付の削除",
    "carried_over": "前年度からの引継ぎ",
    "submission_exported": "提出ファイルの書き出し",
    "answers_exported": "回答の書き出し",
    "answers_imported": "回答の取込",
    "notice_imported": "差戻し通知の取込",
    "submission_imported": "提出の取込",
    "accepted": "受理",
    "returned": "差戻し",
    "acceptance_undone": "受理の取消し",
    "notice_written": "差戻し通知の書き出し",
    "deadline_set": "提出期限の設定",
    "findings_proposed": "指摘案の作成",
    "finding_added": "指摘事項の追加",
    "finding_updated": "指摘事項の変更",
    "finding_deleted": "指摘事項の削除",
    "findings_carried": "指摘事項の次年度への引継ぎ",
    "result_notice_written": "結果通知の書き出し",
    "result_notice_imported": "結果通知の取込",
    "template_exported": "Excel回答用紙の書き出し",
    "excel_exported": "監査結果（Excel）の書き出し",
    "report_exported": "監査報告書（PDF）の書き出し",
    "report_signed": "監査報告書への署名",
    "year_closed": "年度締め",
    "year_reopened": "年度締めの解除",
}
_DETAIL_LABELS: dict[str, str] = {
    "version": "版", "snapshot_hash": "ハッシュ", "approver": "承認者", "approver_title": "職名",
    "approved_on": "承認日", "reason": "理由", "notice": "通知", "name": "ファイル", "size": "サイズ",
    "sha256": "SHA-256", "from_year": "引継元の年度", "departments": "部署", "questionnaires": "チェックリスト",
    "answers": "件数", "from": "引継元", "file": "ファイル", "path": "保存先", "role": "種類",
}
_SHORT_DETAILS = 160  # characters of 内容 in the table; the tooltip and the CSV have everything
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HIGHLIGHT = QColor("#fde2e1")
_OK_STYLE = "color: #1b6e20;"
_PROBLEM_STYLE = "color: #b00020;"
MIN_PASSPHRASE = 8


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


def _detail_value(key: str, value: Any, full: bool = False) -> str:
    if not full and isinstance(value, str) and ("hash" in key or key == "sha256") and len(value) > 16:
        return value[:12] + "…"
    if key == "role" and isinstance(value, str):
        return ROLE_LABELS.get(value, value)
    if key == "size" and isinstance(value, int):
        return format_size(value)
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def describe_details(details: dict[str, Any], full: bool = False) -> str:
    """A log entry's details as 「label: value」 pairs: one line with hashes shortened, or (``full``)
    one pair per line with every value whole."""
    parts = [f"{_DETAIL_LABELS.get(k, k)}: {_detail_value(k, v, full)}" for k, v in details.items()
             if v is not None and v != "" and v != []]
    return "\n".join(parts) if full else "　".join(parts).replace("\n", " ")


def _csv_cell(value: str) -> str:
    """Keep Excel from reading a cell as a formula (names and reasons are typed by users)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


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


# -- 提出: approval --------------------------------------------------------------------------------


class ApprovalDialog(QDialog):
    """The 情報セキュリティ管理者 confirms the content; their name, title and date go with the submission."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "", title: str = "",
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("提出の承認")
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(
            "提出すると回答は確定し、変更できなくなります（変更するには、承認者が提出を取り消します）。\n"
            "情報セキュリティ管理者が回答の内容を確認し、承認したうえで提出してください。"))
        form = QFormLayout()
        self.name_edit = QLineEdit(name)
        self.name_edit.setAccessibleName("承認者の氏名")
        self.name_edit.setPlaceholderText("例: 瑞穂 太郎")
        self.title_edit = QLineEdit(title)
        self.title_edit.setAccessibleName("承認者の職名")
        self.title_edit.setPlaceholderText("例: 住民課長")
        self.date_edit = QDateEdit()
        self.date_edit.setAccessibleName("承認日")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        d = today or date.today()
        self.date_edit.setMaximumDate(QDate(d.year, d.month, d.day))  # approval cannot lie in the future
        self.date_edit.setDate(QDate(d.year, d.month, d.day))
        self.wareki = QLabel()
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.wareki, 1)
        for text, widget in (("氏名(&N):", self.name_edit), ("職名(&T):", self.title_edit)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        date_label = QLabel("承認日(&D):")
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, date_row)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("承認して提出")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._update)
        self.title_edit.textChanged.connect(self._update)
        self.date_edit.dateChanged.connect(self._update)
        self._update()
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.name_edit.text().strip() and self.title_edit.text().strip()))
        self.wareki.setText(f"（{wareki_date(_to_date(self.date_edit.date()))}）")

    def approver(self) -> Approver:
        return Approver(self.name_edit.text().strip(), self.title_edit.text().strip(),
                        self.date_edit.date().toString("yyyy-MM-dd"))


# -- 提出 refused: missing items ---------------------------------------------------------------------


class _ChooseItemDialog(QDialog):
    """A table whose rows are items; double-click or 「この項目へ移動」 closes it with that item."""

    def _init_table(self, view: QTableView) -> None:
        self._view = view
        self._chosen: str | None = None
        self.go_button = QPushButton("この項目へ移動(&G)")
        self.go_button.setEnabled(False)
        self.go_button.clicked.connect(lambda: self._choose(view.currentIndex()))
        view.doubleClicked.connect(self._choose)
        view.selectionModel().currentChanged.connect(lambda cur, _prev: self.go_button.setEnabled(cur.isValid()))

    def _choose(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        key = index.siblingAtColumn(0).data(KEY_ROLE)
        if key:
            self._chosen = str(key)
            self.accept()

    def chosen_item(self) -> str | None:
        """The item the user asked to go to (None when closed without choosing)."""
        return self._chosen


class MissingItemsDialog(_ChooseItemDialog):
    """Why 提出 was refused: the items still missing something, with a way to jump to each."""

    HEADERS = ("項目", "質問", "足りないもの")

    def __init__(self, missing: list[tuple[str, list[str]]], questionnaire: Questionnaire,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("提出できません")
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(
            f"次の {len(missing)} 項目に記入が足りないため、提出できません。"
            "項目を選んで「この項目へ移動」を押す（またはダブルクリックする）と、その項目を開きます。"))
        self.model = RowsTableModel(self.HEADERS, parent=self)
        rows = []
        for item_id, fields in missing:
            try:
                question = questionnaire.item(item_id).question
            except KeyError:
                question = ""
            what = "、".join(MISSING_LABELS.get(f, f) for f in fields)
            rows.append(TableRow((item_id, question, what), key=item_id, tooltips=("", question, what)))
        self.model.set_rows(rows)
        self.view = _table(self.model, "記入が足りない項目")
        _fit_columns(self.view, stretch=1, wrap=True)
        layout.addWidget(self.view, 1)
        self._init_table(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("閉じる")
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 460)
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))


# -- reasons (提出の取消し, 差戻し) ----------------------------------------------------------------------


class ReasonDialog(QDialog):
    """Asks for a required reason, e.g. for 提出の取消し or 差戻し; the reason goes into the log."""

    def __init__(self, title: str, explanation: str, parent: QWidget | None = None, *, label: str = "理由(&R):",
                 ok_text: str = "OK") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(explanation))
        caption = QLabel(label)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName(label.replace("(&R)", "").rstrip(":："))
        self.reason_edit.setTabChangesFocus(True)
        caption.setBuddy(self.reason_edit)
        layout.addWidget(caption)
        layout.addWidget(self.reason_edit, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._update)
        self._update()
        self.resize(520, 300)

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()


# -- 前年度からの変更 ------------------------------------------------------------------------------------

CHANGE_FILTERS: dict[str, str] = {"all": "すべて", "changed": "変更・新規のみ", "review": "要再確認のみ"}


class _TagFilter(QSortFilterProxyModel):
    """Keeps the rows carrying a tag (``all``: every row)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tag = "all"

    def set_tag(self, tag: str) -> None:
        self.beginFilterChange()
        self._tag = tag
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._tag == "all":
            return True
        model = self.sourceModel()
        assert isinstance(model, RowsTableModel)
        return self._tag in model.row(source_row).tags


def _rating_label(questionnaire: Questionnaire, key: str | None) -> str:
    if not key:
        return "—"
    try:
        return questionnaire.option(key).label
    except KeyError:
        return key


class ChangesDialog(_ChooseItemDialog):
    """How this year's items relate to last year's: changed wording, split, merged, new, to re-check."""

    HEADERS = ("項目", "種類", "前年度の項目", "前年度の評価", "今年度の評価", "要再確認", "変更の説明")

    def __init__(self, changes: list[ItemChange], questionnaire: Questionnaire,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("前年度からの変更")
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(
            "前年度から引き継いだ回答は「要再確認」になっています。内容を確認し、必要なら直してください。"
            "行をダブルクリックすると、その項目を開きます。"))
        top = QHBoxLayout()
        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName("表示する項目")
        for key, text in CHANGE_FILTERS.items():
            self.filter_combo.addItem(text, key)
        filter_label = QLabel("表示(&S):")
        filter_label.setBuddy(self.filter_combo)
        self.count_label = QLabel()
        top.addWidget(filter_label)
        top.addWidget(self.filter_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout.addLayout(top)

        self.model = RowsTableModel(self.HEADERS, centered=(5,), parent=self)
        self.model.set_rows(self._row(c, questionnaire) for c in changes)
        self.proxy = _TagFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = _table(self.proxy, "前年度からの変更")
        _fit_columns(self.view, stretch=6, wrap=True)
        layout.addWidget(self.view, 1)
        self._init_table(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("閉じる")
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self._update_count()
        self.resize(1000, 520)
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    @staticmethod
    def _row(c: ItemChange, q: Questionnaire) -> TableRow:
        try:
            question = q.item(c.item_id).question
        except KeyError:
            question = ""
        tags = set()
        if c.kind != "same":
            tags.add("changed")
        if c.needs_review:
            tags.add("review")
        cells = (c.item_id, KIND_LABELS.get(c.kind, c.kind), "、".join(c.previous_ids) or "—",
                 _rating_label(q, c.previous_rating), _rating_label(q, c.current_rating),
                 "○" if c.needs_review else "", c.note)
        return TableRow(cells, key=c.item_id, tooltips=(question, "", c.previous_question, "", "", "", c.note),
                        tags=frozenset(tags))

    def set_filter(self, key: str) -> None:
        """すべて / 変更・新規のみ / 要再確認のみ (``all`` / ``changed`` / ``review``)."""
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(key))

    def _filter_changed(self, _index: int) -> None:
        self.proxy.set_tag(str(self.filter_combo.currentData()))
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(f"{self.model.rowCount()} 項目中 {self.proxy.rowCount()} 項目を表示")


# -- 操作履歴 ------------------------------------------------------------------------------------------


class LogDialog(QDialog):
    """The operation log, with a tamper check and a CSV export for Excel."""

    HEADERS = ("番号", "日時", "操作者", "役割", "操作", "対象", "内容")
    CSV_HEADERS = ("番号", "日時", "操作者", "役割", "操作", "操作コード", "対象", "内容", "直前のハッシュ", "ハッシュ")

    def __init__(self, entries: list[LogEntry], verify: Callable[[], list[LogProblem]],
                 choose_save: Callable[[str], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("操作履歴")
        self._entries = list(entries)
        self._verify = verify
        self._choose_save = choose_save
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(
            "記録は1件ごとに直前の記録とハッシュでつながっています。「検証」で、記録の変更・削除がないかを確かめます。"))
        self.model = RowsTableModel(self.HEADERS, centered=(0,), parent=self)
        self.model.set_rows(self._row(e) for e in self._entries)
        self.view = _table(self.model, "操作履歴")
        _fit_columns(self.view, stretch=6)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.view, 1)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("選んだ記録の内容")
        self.detail.setPlaceholderText("記録を選ぶと、その内容をすべてここに表示します。")
        self.detail.setMaximumHeight(self.detail.fontMetrics().lineSpacing() * 5 + 12)
        layout.addWidget(self.detail)
        self.view.selectionModel().currentChanged.connect(lambda cur, _prev: self._show_detail(cur.row()))
        self.result_label = _wrap_label()
        self.result_label.setObjectName("logVerifyResult")
        self.result_label.setAccessibleName("検証の結果")
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("閉じる")
        self.verify_button = QPushButton("検証(&V)")
        self.verify_button.clicked.connect(self.run_verify)
        self.export_button = QPushButton("書き出し (CSV)(&E)…")
        self.export_button.clicked.connect(self.export_csv)
        buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1100, 560)
        self.view.scrollToBottom()

    @staticmethod
    def _row(e: LogEntry) -> TableRow:
        details = describe_details(e.details)
        short = details if len(details) <= _SHORT_DETAILS else details[:_SHORT_DETAILS] + "…"
        full = describe_details(e.details, full=True)
        cells = (str(e.seq), format_time(e.at), e.actor, ROLE_LABELS.get(e.role, e.role),
                 ACTION_LABELS.get(e.action, e.action), e.target, short)
        return TableRow(cells, key=str(e.seq), tooltips=("", e.at, "", "", e.action, "", full))

    def _show_detail(self, row: int) -> None:
        if not (0 <= row < len(self._entries)):
            self.detail.clear()
            return
        e = self._entries[row]
        head = (f"{e.seq} 番目　{format_time(e.at)}　{e.actor}（{ROLE_LABELS.get(e.role, e.role)}）　"
                f"{ACTION_LABELS.get(e.action, e.action)}　{e.target}")
        body = describe_details(e.details, full=True)
        self.detail.setPlainText(f"{head}\n{body}" if body else head)

    def run_verify(self) -> list[LogProblem]:
        """Check the chain; show the result and highlight the entries with problems."""
        try:
            problems = self._verify()
        except Exception as exc:  # a damaged file must not close the dialog; say what happened
            self.result_label.setStyleSheet(_PROBLEM_STYLE)
            self.result_label.setText(f"検証できませんでした: {exc}")
            return []
        rows = {e.seq: i for i, e in enumerate(self._entries)}
        self.model.set_highlighted(rows[p.seq] for p in problems if p.seq in rows)
        if not problems:
            self.result_label.setStyleSheet(_OK_STYLE)
            self.result_label.setText(f"改ざんは見つかりませんでした（{len(self._entries)}件）。")
        else:
            shown = [str(p) for p in problems[:20]]
            if len(problems) > 20:
                shown.append(f"ほか {len(problems) - 20} 件")
            self.result_label.setStyleSheet(_PROBLEM_STYLE)
            self.result_label.setText(f"問題が {len(problems)} 件見つかりました（該当する記録を赤で示します）:\n"
                                      + "\n".join(shown))
            first = min((rows[p.seq] for p in problems if p.seq in rows), default=None)
            if first is not None:
                self.view.scrollTo(self.model.index(first, 0))
        return problems

    def export_csv(self) -> Path | None:
        """Write the whole log (full details and hashes) as UTF-8 CSV with BOM, which Excel opens."""
        chosen = self._choose_save(f"操作履歴_{date.today().isoformat()}.csv")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        try:
            write_log_csv(path, self._entries)
        except OSError as exc:
            self.result_label.setStyleSheet(_PROBLEM_STYLE)
            self.result_label.setText(f"書き出せませんでした: {path}（{exc.strerror or exc}）")
            return None
        self.result_label.setStyleSheet("")
        self.result_label.setText(f"{len(self._entries)} 件を書き出しました: {path}")
        return path


def write_log_csv(path: Path, entries: Iterable[LogEntry]) -> None:
    """The log as CSV for Excel: UTF-8 with BOM, CRLF, one entry per row."""
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(LogDialog.CSV_HEADERS)
            for e in entries:
                writer.writerow([str(e.seq), e.at, _csv_cell(e.actor), ROLE_LABELS.get(e.role, e.role),
                                 ACTION_LABELS.get(e.action, e.action), e.action, _csv_cell(e.target),
                                 _csv_cell(json.dumps(e.details, ensure_ascii=False, sort_keys=True)),
                                 e.prev_hash, e.hash])
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


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


_EXPECTED_ERRORS = (EvidenceError, StoreError, OSError, KeyError)


class AttachmentsWidget(QWidget):
    """The evidence files of one item: add, open, save a copy, remove."""

    HEADERS = ("名前", "サイズ", "追加者", "日時", "SHA-256（先頭12桁）")

    def __init__(self, actions: AttachmentActions, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self._dialogs = dialogs
        self._records: list[AttachmentRecord] = []
        self._read_only = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = RowsTableModel(self.HEADERS, parent=self)
        self.view = _table(self.model, "添付ファイル")
        _fit_columns(self.view, stretch=0)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setMinimumHeight(110)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton("追加(&A)…")
        self.open_button = QPushButton("開く(&O)")
        self.save_button = QPushButton("名前を付けて保存(&S)…")
        self.remove_button = QPushButton("削除")
        self.add_button.clicked.connect(self.add)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = QLabel(f"1ファイル {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB まで")
        self.hint.setObjectName("attachmentHint")
        for b in (self.add_button, self.open_button, self.save_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.hint)
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
            self._dialogs.error(self, "添付ファイルを読めません", str(exc))
        self.model.set_rows(self._row(r) for r in self._records)
        self._update_buttons()

    @staticmethod
    def _row(r: AttachmentRecord) -> TableRow:
        cells = (r.name, format_size(r.size), r.added_by, format_time(r.added_at), r.sha256[:12])
        return TableRow(cells, key=str(r.id), tooltips=(r.name, f"{r.size:,} バイト", "", r.added_at, r.sha256))

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
        tip = "提出済みのため変更できません。" if self._read_only else ""
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
            self._dialogs.error(self, "添付できません", str(exc))
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
            self._dialogs.error(self, "開けません", str(exc))

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
            self._dialogs.error(self, "保存できません", str(exc))

    def remove_selected(self) -> None:
        record = self.selected()
        if record is None or self._read_only:
            return
        if not self._dialogs.question(self, "添付の削除",
                                      f"添付ファイル「{record.name}」を削除しますか？\n（削除したことは操作履歴に残ります）"):
            return
        try:
            self._actions.remove(record)
        except _EXPECTED_ERRORS as exc:
            self._dialogs.error(self, "削除できません", str(exc))
        self.refresh()


# -- 署名用の証明書 (towns without LGPKI) -------------------------------------------------------------------


_CA_ERRORS = (ca.CaError, OSError)


def _passphrase_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


def _check_new_passphrase(first: QLineEdit, second: QLineEdit, what: str) -> str | None:
    """The problem with a new passphrase typed twice, or None."""
    if len(first.text()) < MIN_PASSPHRASE:
        return f"{what}は {MIN_PASSPHRASE} 文字以上にしてください。"
    if first.text() != second.text():
        return f"{what}が確認用と一致しません。もう一度入力してください。"
    return None


class CertificateDialog(QDialog):
    """A small certificate authority for signing submissions, for towns without LGPKI cards."""

    def __init__(self, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("署名用の証明書（LGPKI を使わない場合）")
        self._dialogs = dialogs
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_ca_tab(), "認証局の作成")
        self.tabs.addTab(self._build_issue_tab(), "証明書の発行")
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("閉じる")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(680, 560)

    def _path_row(self, edit: QLineEdit, browse: Callable[[], None]) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        button = QPushButton("参照…")
        button.setAccessibleName(f"{edit.accessibleName()}を選ぶ")
        button.clicked.connect(browse)
        row.addWidget(edit, 1)
        row.addWidget(button)
        return box

    def _build_ca_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_wrap_label(
            "町で1つ作ります。認証局の秘密鍵はパスフレーズで暗号化して保存されます。フォルダーは安全な場所に保管し、"
            "中の ca-cert.pem を、提出ファイルの署名を検証する人（監査担当）に渡してください。"))
        form = QFormLayout()
        self.ca_dir_edit = QLineEdit()
        self.ca_dir_edit.setAccessibleName("認証局のフォルダー")
        self.ca_pass = _passphrase_edit("認証局のパスフレーズ")
        self.ca_pass2 = _passphrase_edit("認証局のパスフレーズ（確認）")
        form.addRow("保存先のフォルダー:",
                    self._path_row(self.ca_dir_edit, lambda: self._browse_folder(self.ca_dir_edit)))
        form.addRow(f"パスフレーズ（{MIN_PASSPHRASE}文字以上）:", self.ca_pass)
        form.addRow("パスフレーズ（確認）:", self.ca_pass2)
        layout.addLayout(form)
        self.create_button = QPushButton("認証局を作成(&C)")
        self.create_button.clicked.connect(self.create_ca)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        self.ca_status = _wrap_label()
        self.ca_status.setAccessibleName("認証局の作成の結果")
        layout.addWidget(self.ca_status)
        layout.addStretch(1)
        return page

    def _build_issue_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_wrap_label(
            "提出を承認する人（情報セキュリティ管理者）ごとに発行します。できたファイル (.p12) とそのパスフレーズは、"
            "本人に別々の方法で渡してください。"))
        form = QFormLayout()
        self.issue_ca_dir = QLineEdit()
        self.issue_ca_dir.setAccessibleName("認証局のフォルダー")
        self.issue_ca_pass = _passphrase_edit("認証局のパスフレーズ")
        self.person_name = QLineEdit()
        self.person_name.setAccessibleName("氏名")
        self.person_title = QLineEdit()
        self.person_title.setAccessibleName("職名")
        self.person_department = QLineEdit()
        self.person_department.setAccessibleName("部署")
        self.p12_path = QLineEdit()
        self.p12_path.setAccessibleName("証明書ファイルの保存先")
        self.p12_pass = _passphrase_edit("証明書ファイルのパスフレーズ")
        self.p12_pass2 = _passphrase_edit("証明書ファイルのパスフレーズ（確認）")
        form.addRow("認証局のフォルダー:", self._path_row(self.issue_ca_dir,
                                                         lambda: self._browse_folder(self.issue_ca_dir)))
        form.addRow("認証局のパスフレーズ:", self.issue_ca_pass)
        form.addRow("氏名:", self.person_name)
        form.addRow("職名:", self.person_title)
        form.addRow("部署:", self.person_department)
        form.addRow("保存先 (.p12):", self._path_row(self.p12_path, self._browse_p12))
        form.addRow(f"ファイルのパスフレーズ（{MIN_PASSPHRASE}文字以上）:", self.p12_pass)
        form.addRow("ファイルのパスフレーズ（確認）:", self.p12_pass2)
        layout.addLayout(form)
        self.issue_button = QPushButton("証明書を発行(&I)")
        self.issue_button.clicked.connect(self.issue)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.issue_button)
        layout.addLayout(row)
        self.issue_status = _wrap_label()
        self.issue_status.setAccessibleName("証明書の発行の結果")
        layout.addWidget(self.issue_status)
        layout.addStretch(1)
        return page

    def _browse_folder(self, edit: QLineEdit) -> None:
        chosen = self._dialogs.open_folder(self, "フォルダーを選ぶ")
        if chosen:
            edit.setText(chosen)

    def _browse_p12(self) -> None:
        default = self.p12_path.text() or (f"{self.person_name.text().strip() or '署名用証明書'}.p12")
        chosen = self._dialogs.save_file(self, "証明書ファイルの保存先", default, "PKCS#12 (*.p12)")
        if chosen:
            self.p12_path.setText(chosen)

    @staticmethod
    def _show(label: QLabel, text: str, ok: bool) -> None:
        label.setStyleSheet(_OK_STYLE if ok else _PROBLEM_STYLE)
        label.setText(text)

    def _busy(self, busy: bool) -> None:
        # Key generation takes a moment (RSA 3072); the window stays put, the buttons wait.
        for b in (self.create_button, self.issue_button):
            b.setEnabled(not busy)
        if busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    def create_ca(self) -> ca.CaInfo | None:
        folder = self.ca_dir_edit.text().strip()
        if not folder:
            self._show(self.ca_status, "保存先のフォルダーを選んでください。", False)
            return None
        problem = _check_new_passphrase(self.ca_pass, self.ca_pass2, "パスフレーズ")
        if problem:
            self._show(self.ca_status, problem, False)
            return None
        self._busy(True)
        try:
            info = ca.init_ca(Path(folder), self.ca_pass.text().encode("utf-8"))
        except _CA_ERRORS as exc:
            self._show(self.ca_status, _error_text(exc), False)
            return None
        finally:
            self._busy(False)
        self.ca_pass.clear()
        self.ca_pass2.clear()
        if not self.issue_ca_dir.text():
            self.issue_ca_dir.setText(folder)
        self._show(self.ca_status,
                   f"認証局を作成しました。\n証明書: {info.cert_path}\n"
                   f"フィンガープリント (SHA-256):\n{info.fingerprint_sha256}\n"
                   f"有効期限: {wareki_date(info.not_after.date())}", True)
        return info

    def issue(self) -> ca.IssuedCert | None:
        folder, out = self.issue_ca_dir.text().strip(), self.p12_path.text().strip()
        required = (("認証局のフォルダー", folder), ("認証局のパスフレーズ", self.issue_ca_pass.text()),
                    ("氏名", self.person_name.text().strip()), ("保存先", out))
        missing = [label for label, value in required if not value]
        if missing:
            self._show(self.issue_status, f"{'、'.join(missing)}を入力してください。", False)
            return None
        problem = _check_new_passphrase(self.p12_pass, self.p12_pass2, "ファイルのパスフレーズ")
        if problem:
            self._show(self.issue_status, problem, False)
            return None
        out_path = Path(out)
        if out_path.suffix.lower() != ".p12":
            out_path = out_path.with_name(out_path.name + ".p12")
        self._busy(True)
        try:
            issued = ca.issue_certificate(
                Path(folder), self.issue_ca_pass.text().encode("utf-8"), name=self.person_name.text(),
                title=self.person_title.text(), department=self.person_department.text(), out_p12=out_path,
                p12_passphrase=self.p12_pass.text().encode("utf-8"))
        except _CA_ERRORS as exc:
            self._show(self.issue_status, _error_text(exc), False)
            return None
        finally:
            self._busy(False)
        for edit in (self.issue_ca_pass, self.p12_pass, self.p12_pass2):
            edit.clear()
        self._show(self.issue_status,
                   f"証明書を発行しました: {issued.p12_path}\nシリアル番号: {issued.serial_hex}\n"
                   f"有効期限: {wareki_date(issued.not_after.date())}", True)
        return issued


def _error_text(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"ファイルを書けません: {exc.filename or ''}（{exc.strerror or exc}）"
    return str(exc)
