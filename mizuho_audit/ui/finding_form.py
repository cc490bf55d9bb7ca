"""Editing one 指摘事項: the form beside the list (mixed into the findings widget), the dialog for a
finding written by hand, and the small input helpers both use."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.records import FindingRecord
from ..usecases.findings import TOWN_WIDE
from ..usecases.session import Session
from . import labels
from .appearance import resize_initially
from .date_edit import DateEdit

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

_NO_DATE = QDate(2000, 1, 1)  # the date edit's 「未設定」


def _plain_edit(name: str, height: int = 72) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


def _date_edit(name: str) -> QDateEdit:
    edit = DateEdit()
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText(translate("FindingForm", "未設定"))
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


def _labels(table: dict[str, str]) -> dict[str, str]:
    """A table of :mod:`.labels` (grades, statuses ...) with each label in the user's language."""
    return {key: labels.label(table, key) for key in table}


def _combo(name: str, items: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for key, label in items.items():
        combo.addItem(label, key)
    return combo


class ManualFindingDialog(QDialog):
    """A finding the auditor writes by hand (e.g. from an interview or a site visit)."""

    def __init__(self, departments: dict[str, str], owner: str, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("指摘事項を手入力で追加"))
        self._owner = owner
        form = QFormLayout()
        self.department_combo = _combo(self.tr("部署"), {TOWN_WIDE: labels.town_wide(), **departments})
        self.responsible_combo = _combo(self.tr("担当部署"), departments)
        self.grade_combo = _combo(self.tr("区分"), _labels(labels.GRADES))
        self.item_edit = QLineEdit()
        self.item_edit.setAccessibleName(self.tr("項目"))
        self.item_edit.setPlaceholderText(self.tr("例: NET-001（なければ空欄）"))
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("見出し"))
        self.text_edit = _plain_edit(self.tr("指摘内容"))
        self.recommendation_edit = _plain_edit(self.tr("推奨事項"))
        self.due_edit = _date_edit(self.tr("期限"))
        _set_date(self.due_edit, f"{year + 1}-03-31")
        for label, widget in ((self.tr("部署(&D):"), self.department_combo),
                              (self.tr("担当部署(&O):"), self.responsible_combo),
                              (self.tr("区分(&G):"), self.grade_combo), (self.tr("項目(&I):"), self.item_edit),
                              (self.tr("見出し(&T):"), self.title_edit), (self.tr("指摘内容(&X):"), self.text_edit),
                              (self.tr("推奨事項(&R):"), self.recommendation_edit),
                              (self.tr("期限(&U):"), self.due_edit)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("追加"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.department_combo.currentIndexChanged.connect(self._department_changed)
        self.title_edit.textChanged.connect(self._update)
        self.text_edit.textChanged.connect(self._update)
        self._department_changed()
        resize_initially(self, 620, 520)

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


class FindingForm:
    """The edit form of the selected finding: its layout, loading a finding into it, and what it changes.

    Mixed into :class:`~.findings_editor.FindingsWidget`, which owns the list, the data and the actions.
    """

    # Provided by FindingsWidget.
    session: Session
    names: dict[str, str]
    current_id: int | None
    _loading: bool
    _dirty: bool
    delete_button: QPushButton

    if TYPE_CHECKING:
        def current(self) -> FindingRecord | None: ...

        def save(self) -> bool: ...

    def _build_form(self) -> QWidget:
        box = QGroupBox(translate("FindingForm", "選んだ指摘事項"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # captions above the fields when narrow
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        self.origin_label.setStyleSheet("color: #555;")
        self.grade_combo = _combo(translate("FindingForm", "区分"), _labels(labels.GRADES))
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(translate("FindingForm", "見出し"))
        self.text_edit = _plain_edit(translate("FindingForm", "指摘内容"))
        self.recommendation_edit = _plain_edit(translate("FindingForm", "推奨事項"))
        self.due_edit = _date_edit(translate("FindingForm", "期限"))
        self.responsible_combo = _combo(translate("FindingForm", "担当部署"), self.names)
        self.status_combo = _combo(translate("FindingForm", "状況"), _labels(labels.FINDING_STATUS))
        self.confirmed_check = QCheckBox(translate("FindingForm", "確認済み（部署への結果通知に載せる）"))
        self.confirmed_check.setAccessibleName(translate("FindingForm", "確認済み"))
        self.report_view = _plain_edit(translate("FindingForm", "部署の改善報告"), 56)
        self.report_view.setReadOnly(True)
        self.report_view.setPlaceholderText(translate("FindingForm", "（部署からの改善報告はまだありません）"))
        form.addRow(self.origin_label)
        rows: tuple[tuple[str, QWidget], ...] = (
            (translate("FindingForm", "区分(&G):"), self.grade_combo),
            (translate("FindingForm", "見出し(&T):"), self.title_edit),
            (translate("FindingForm", "指摘内容(&X):"), self.text_edit),
            (translate("FindingForm", "推奨事項(&R):"), self.recommendation_edit),
            (translate("FindingForm", "期限(&U):"), self.due_edit),
            (translate("FindingForm", "担当部署(&O):"), self.responsible_combo),
            (translate("FindingForm", "状況(&S):"), self.status_combo), ("", self.confirmed_check),
            (translate("FindingForm", "部署の改善報告:"), self.report_view))
        for text, widget in rows:
            caption = QLabel(text)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        self.save_button = QPushButton(translate("FindingForm", "保存(&V)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(translate("FindingForm", "元に戻す"))
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

    def _load(self, f: FindingRecord | None) -> None:
        self._loading = True
        try:
            self.current_id = f.id if f else None
            for w in (self.grade_combo, self.title_edit, self.text_edit, self.recommendation_edit, self.due_edit,
                      self.responsible_combo, self.status_combo, self.confirmed_check, self.report_view):
                w.setEnabled(f is not None)
            self.delete_button.setEnabled(f is not None)
            if f is None:
                self.origin_label.setText(translate("FindingForm", "一覧から指摘事項を選んでください。"))
                for e in (self.title_edit, self.text_edit, self.recommendation_edit, self.report_view):
                    e.clear()
                self.due_edit.setDate(_NO_DATE)
                self.confirmed_check.setChecked(False)
            else:
                where = labels.town_wide() if f.department_id == TOWN_WIDE else self.names.get(f.department_id, "")
                origin = translate("FindingForm", "{0}　{1}　由来: {2}").format(
                    where, f.item_id, labels.label(labels.FINDING_SOURCES, f.source)).replace("　　", "　")
                if f.carried_from:
                    origin += translate("FindingForm", "（元の指摘 No.{0}）").format(f.carried_from)
                self.origin_label.setText(translate("FindingForm", "No.{0}　{1}\n最終更新: {2} {3}").format(
                    f.id, origin, f.updated_at[:16].replace("T", " "), f.updated_by))
                _select(self.grade_combo, f.grade)
                self.title_edit.setText(f.title)
                self.title_edit.setCursorPosition(0)  # show the beginning of a long title
                self.text_edit.setPlainText(f.text)
                self.recommendation_edit.setPlainText(f.recommendation)
                _set_date(self.due_edit, f.due)
                _select(self.responsible_combo, f.responsible,
                        translate("FindingForm", "（未定）") if f.responsible == TOWN_WIDE else f.responsible)
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
        q = self.session.questionnaire_for_year(f.fiscal_year)
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
