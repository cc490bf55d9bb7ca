"""Dialogs of the submission workflow: approval, missing items, reasons, changes since last year,
the operation log, the evidence list of one item, and the local certificate authority.

They know nothing of the store: the window passes in data and callables, so each dialog is
tested with small in-memory objects.

The operation log, the evidence list, the certificate authority and the shared table model live in
log_dialog, attachments_widget, certificate_dialog and table_models; they are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, QObject, QSortFilterProxyModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import clock
from ..domain.questionnaire import Questionnaire
from ..usecases.answering import ItemChange
from ..usecases.submission import Approver
from . import labels
from .appearance import font_factor, resize_initially
from .attachments_widget import AttachmentActions, AttachmentsWidget
from .certificate_dialog import MIN_PASSPHRASE, CertificateDialog
from .date_edit import DateEdit
from .labels import QT_TRANSLATE_NOOP
from .log_dialog import ACTION_LABELS, ROLE_LABELS, LogDialog, describe_details
from .table_models import (
    KEY_ROLE,
    Index,
    RowsTableModel,
    TableRow,
    _fit_columns,
    _table,
    _to_date,
    _wrap_label,
    format_size,
    format_time,
)

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

# The names other modules import from here, wherever they now live.
__all__ = [
    "ACTION_LABELS",
    "CHANGE_FILTERS",
    "KEY_ROLE",
    "MIN_PASSPHRASE",
    "ROLE_LABELS",
    "ApprovalDialog",
    "AttachmentActions",
    "AttachmentsWidget",
    "CertificateDialog",
    "ChangesDialog",
    "LogDialog",
    "MissingItemsDialog",
    "ReasonDialog",
    "RowsTableModel",
    "TableRow",
    "_fit_columns",
    "_table",
    "describe_details",
    "format_size",
    "format_time",
]


# -- 提出: approval --------------------------------------------------------------------------------


class ApprovalDialog(QDialog):
    """The 情報セキュリティ管理者 confirms the content; their name, title and date go with the submission."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "", title: str = "",
                 today: date | None = None, from_certificate: Callable[[], tuple[str, str] | None] | None = None
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("提出の承認"))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(self.tr(
            "提出すると回答は確定し、変更できなくなります（変更するには、承認者が提出を取り消します）。\n"
            "情報セキュリティ管理者が回答の内容を確認し、承認したうえで提出してください。")))
        form = QFormLayout()
        self.name_edit = QLineEdit(name)
        self.name_edit.setAccessibleName(self.tr("承認者の氏名"))
        self.name_edit.setPlaceholderText(self.tr("例: 瑞穂 太郎"))
        self.title_edit = QLineEdit(title)
        self.title_edit.setAccessibleName(self.tr("承認者の職名"))
        self.title_edit.setPlaceholderText(self.tr("例: 住民課長"))
        self.date_edit = DateEdit()
        self.date_edit.setAccessibleName(self.tr("承認日"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        d = today or clock.today()
        self.date_edit.setMaximumDate(QDate(d.year, d.month, d.day))  # approval cannot lie in the future
        self.date_edit.setDate(QDate(d.year, d.month, d.day))
        self.wareki = QLabel()
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.wareki, 1)
        for text, widget in ((self.tr("氏名(&N):"), self.name_edit), (self.tr("職名(&T):"), self.title_edit)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        date_label = QLabel(self.tr("承認日(&D):"))
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, date_row)
        layout.addLayout(form)
        self._from_certificate = from_certificate
        self.certificate_button = QPushButton(self.tr("署名に使う証明書から氏名・職名を入れる(&C)…"))
        self.certificate_button.setToolTip(self.tr("証明書（PKCS#12）で署名した提出ファイルは、承認者が証明書の本人の"
                                                   "ときだけ監査担当に受け付けられます。"))
        self.certificate_button.clicked.connect(self._fill_from_certificate)
        self.certificate_button.setVisible(from_certificate is not None)
        layout.addWidget(self.certificate_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("承認して提出"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._update)
        self.title_edit.textChanged.connect(self._update)
        self.date_edit.dateChanged.connect(self._update)
        self._update()
        self.resize(max(self.sizeHint().width(), round(520 * max(font_factor(self), 1.0))), self.sizeHint().height())

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.name_edit.text().strip() and self.title_edit.text().strip()))
        self.wareki.setText(self.tr("（{0}）").format(labels.long_date(_to_date(self.date_edit.date()))))

    def _fill_from_certificate(self) -> None:
        holder = self._from_certificate() if self._from_certificate is not None else None
        if holder is not None:
            self.name_edit.setText(holder[0])
            if holder[1]:
                self.title_edit.setText(holder[1])

    def approver(self) -> Approver:
        return Approver(self.name_edit.text().strip(), self.title_edit.text().strip(),
                        self.date_edit.date().toString("yyyy-MM-dd"))


# -- 提出 refused: missing items ---------------------------------------------------------------------


class _ChooseItemDialog(QDialog):
    """A table whose rows are items; double-click or 「この項目へ移動」 closes it with that item."""

    def _add_table(self, layout: QVBoxLayout, view: QTableView) -> None:
        """Put the table in the layout, with 閉じる and 「この項目へ移動」 below it."""
        layout.addWidget(view, 1)
        self._init_table(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(translate("_ChooseItemDialog", "閉じる"))
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _init_table(self, view: QTableView) -> None:
        self._view = view
        self._chosen: str | None = None
        self.go_button = QPushButton(translate("_ChooseItemDialog", "この項目へ移動(&G)"))
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

    HEADERS = (QT_TRANSLATE_NOOP("MissingItemsDialog", "項目"), QT_TRANSLATE_NOOP("MissingItemsDialog", "質問"),
               QT_TRANSLATE_NOOP("MissingItemsDialog", "足りないもの"))

    def __init__(self, missing: list[tuple[str, list[str]]], questionnaire: Questionnaire,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("提出できません"))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(self.tr(
            "次の {0} 項目に記入が足りないため、提出できません。"
            "項目を選んで「この項目へ移動」を押す（またはダブルクリックする）と、その項目を開きます。").format(len(missing))))
        self.model = RowsTableModel([translate("MissingItemsDialog", h) for h in self.HEADERS], parent=self)
        rows = []
        for item_id, fields in missing:
            try:
                question = questionnaire.item(item_id).question
            except KeyError:
                question = ""
            what = labels.separator().join(labels.field(f) for f in fields)
            rows.append(TableRow((item_id, question, what), key=item_id, tooltips=("", question, what)))
        self.model.set_rows(rows)
        self.view = _table(self.model, self.tr("記入が足りない項目"))
        _fit_columns(self.view, stretch=1, wrap=True)
        self._add_table(layout, self.view)
        resize_initially(self, 860, 460)
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))


# -- reasons (提出の取消し, 差戻し) ----------------------------------------------------------------------


class ReasonDialog(QDialog):
    """Asks for a required reason, e.g. for 提出の取消し or 差戻し; the reason goes into the log."""

    def __init__(self, title: str, explanation: str, parent: QWidget | None = None, *, label: str | None = None,
                 ok_text: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = label or self.tr("理由(&R):")
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(explanation))
        caption = QLabel(label)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName(labels.plain(label))
        self.reason_edit.setTabChangesFocus(True)
        caption.setBuddy(self.reason_edit)
        layout.addWidget(caption)
        layout.addWidget(self.reason_edit, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text or self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._update)
        self._update()
        resize_initially(self, 520, 300)

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()


# -- 前年度からの変更 ------------------------------------------------------------------------------------

# Shown through translate("ChangesDialog", ...).
CHANGE_FILTERS: dict[str, str] = {"all": QT_TRANSLATE_NOOP("ChangesDialog", "すべて"),
                                  "changed": QT_TRANSLATE_NOOP("ChangesDialog", "変更・新規のみ"),
                                  "review": QT_TRANSLATE_NOOP("ChangesDialog", "要再確認のみ")}


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

    HEADERS = (QT_TRANSLATE_NOOP("ChangesDialog", "項目"), QT_TRANSLATE_NOOP("ChangesDialog", "種類"),
               QT_TRANSLATE_NOOP("ChangesDialog", "前年度の項目"), QT_TRANSLATE_NOOP("ChangesDialog", "前年度の評価"),
               QT_TRANSLATE_NOOP("ChangesDialog", "今年度の評価"), QT_TRANSLATE_NOOP("ChangesDialog", "要再確認"),
               QT_TRANSLATE_NOOP("ChangesDialog", "変更の説明"))

    def __init__(self, changes: list[ItemChange], questionnaire: Questionnaire,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("前年度からの変更"))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap_label(self.tr(
            "前年度から引き継いだ回答は「要再確認」になっています。内容を確認し、必要なら直してください。"
            "行をダブルクリックすると、その項目を開きます。")))
        top = QHBoxLayout()
        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName(self.tr("表示する項目"))
        for key, text in CHANGE_FILTERS.items():
            self.filter_combo.addItem(translate("ChangesDialog", text), key)
        filter_label = QLabel(self.tr("表示(&S):"))
        filter_label.setBuddy(self.filter_combo)
        self.count_label = QLabel()
        top.addWidget(filter_label)
        top.addWidget(self.filter_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout.addLayout(top)

        self.model = RowsTableModel([translate("ChangesDialog", h) for h in self.HEADERS], centered=(5,), parent=self)
        self.model.set_rows(self._row(c, questionnaire) for c in changes)
        self.proxy = _TagFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = _table(self.proxy, self.tr("前年度からの変更"))
        _fit_columns(self.view, stretch=6, wrap=True)
        self._add_table(layout, self.view)
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self._update_count()
        resize_initially(self, 1000, 520)
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
        cells = (c.item_id, labels.label(labels.CHANGE_KINDS, c.kind), labels.separator().join(c.previous_ids) or "—",
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
        self.count_label.setText(self.tr("{0} 項目中 {1} 項目を表示").format(self.model.rowCount(),
                                                                          self.proxy.rowCount()))

