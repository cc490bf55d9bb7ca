"""The panel for one checklist item: its help, the rating, and the text fields.

Every change is saved at once: a rating on click or key; text after a short pause and when
the field is left, so the history has one entry per edit, not one per keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..clock import today
from ..domain.assessment import Answer
from ..domain.frameworks import reference_text
from ..domain.plans import plan_due_opening, plan_due_problem
from ..domain.questionnaire import Item, Questionnaire
from . import labels
from .appearance import lines_height
from .date_edit import DateEdit
from .flow_row import FlowRow

SAVE_DELAY_MS = 500  # after a pause in typing
SAVE_AT_LEAST_MS = 2000  # and while typing on without a pause, at least this often
_NO_DATE = QDate(2000, 1, 1)

# (item_id, field, value) -> True saved, False unchanged, None failed (the value is kept to retry)
SaveFn = Callable[[str, str, str], bool | None]


class _FlushingTextEdit(QPlainTextEdit):
    """A text box that tells when it loses focus (to save at once)."""

    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class _FlushingLineEdit(QLineEdit):
    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


def _wrap_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ItemPanel(QScrollArea):
    """Shows one item and saves what the user enters through ``save``."""

    confirm_requested = Signal(str)  # item id: keep last year's answer as it is (clears 要再確認)

    def __init__(self, save: SaveFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._item: Item | None = None
        self._questionnaire: Questionnaire | None = None
        self._loading = False
        self._pending: dict[str, str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._deadline = QTimer(self)  # not restarted by each key: a long sentence is saved as it grows
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(SAVE_AT_LEAST_MS)
        self._deadline.timeout.connect(self.flush)
        self._build()
        self.show_item(None, None, None)

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        body = self._body = QWidget()
        layout = QVBoxLayout(body)
        self.title = _wrap_label()
        self.title.setObjectName("itemQuestion")
        self.meta = _wrap_label()
        self.meta.setObjectName("itemMeta")
        self.references = _wrap_label()  # the crosswalk: guideline, ISO/IEC 27001, NIST CSF, IPA
        self.references.setObjectName("itemReferences")
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.references)

        # The 事務局 answers this item for the whole town (shown for reference), and last year's answer.
        self.central_banner = _wrap_label()
        self.central_banner.setObjectName("centralAnswer")
        self.central_banner.setStyleSheet("#centralAnswer { background: #e3eef9; border: 1px solid #1f4e79;"
                                          " padding: 4px; }")
        layout.addWidget(self.central_banner)
        self.last_year = _wrap_label()
        self.last_year.setObjectName("lastYearAnswer")
        self.last_year.setStyleSheet("#lastYearAnswer { background: #f5f5f5; border: 1px solid #9e9e9e;"
                                     " padding: 4px; }")
        layout.addWidget(self.last_year)

        self.review_box = QFrame()
        self.review_box.setObjectName("reviewBox")
        self.review_box.setStyleSheet("#reviewBox { background: #f3e5f5; border: 1px solid #6a1b9a; }")
        review_layout = QHBoxLayout(self.review_box)
        self.review_label = _wrap_label(self.tr("前年度の回答を引き継いでいます（要再確認）。今年度の状況を確かめ、"
                                                "変わりがなければ「前年どおりで確認」を押してください。"))
        self.review_button = QPushButton(self.tr("前年どおりで確認(&K)"))
        self.review_button.clicked.connect(self._confirm_clicked)
        review_layout.addWidget(self.review_label, 1)
        review_layout.addWidget(self.review_button)
        layout.addWidget(self.review_box)

        help_box = QGroupBox(self.tr("判断基準"))
        help_layout = QFormLayout(help_box)
        self.criteria_done = _wrap_label()
        self.criteria_partial = _wrap_label()
        self.evidence = _wrap_label()
        self.guidance = _wrap_label()
        help_layout.addRow(self.tr("実施している:"), self.criteria_done)
        help_layout.addRow(self.tr("一部実施している:"), self.criteria_partial)
        help_layout.addRow(self.tr("根拠資料の例:"), self.evidence)
        help_layout.addRow(self.tr("補足:"), self.guidance)
        layout.addWidget(help_box)

        self.rating_box = QGroupBox(self.tr("評価（キー 1〜4 でも選べます）"))
        self.rating_layout = QHBoxLayout(self.rating_box)
        self.rating_row = FlowRow()  # on two lines, or four, when the panel is narrow (a large font)
        self.rating_layout.addWidget(self.rating_row)
        self.rating_group = QButtonGroup(self)
        self.rating_group.setExclusive(True)
        self.rating_group.idClicked.connect(self._rating_clicked)
        self.rating_buttons: list[QRadioButton] = []
        layout.addWidget(self.rating_box)

        form = QFormLayout()
        self.note = _FlushingTextEdit()
        self.note.setAccessibleName(self.tr("実施状況・根拠"))
        self.note.setPlaceholderText(self.tr("実施している内容と、その根拠となる資料を書いてください。"))
        self.note.setTabChangesFocus(True)  # Tab moves on to the next field (keyboard navigation)
        note_label = QLabel(self.tr("実施状況・根拠:"))
        note_label.setBuddy(self.note)
        form.addRow(note_label, self.note)
        self.reason_label = QLabel(self.tr("該当しない理由:"))
        self.reason = _FlushingTextEdit()
        self.reason.setAccessibleName(self.tr("該当しない理由"))
        self.reason.setTabChangesFocus(True)
        self.reason_label.setBuddy(self.reason)
        form.addRow(self.reason_label, self.reason)
        layout.addLayout(form)

        self.plan_box = QGroupBox(self.tr("改善計画（一部実施・未実施のとき）"))
        plan_form = QFormLayout(self.plan_box)
        self.plan_content = _FlushingTextEdit()
        self.plan_content.setAccessibleName(self.tr("改善計画の内容"))
        self.plan_content.setTabChangesFocus(True)
        self.plan_owner = _FlushingLineEdit()
        self.plan_owner.setAccessibleName(self.tr("改善計画の担当"))
        self.plan_due = DateEdit()
        self.plan_due.setAccessibleName(self.tr("改善計画の期限"))
        self.plan_due.setCalendarPopup(True)
        self.plan_due.setDisplayFormat("yyyy-MM-dd")
        self.plan_due.setMinimumDate(_NO_DATE)
        self.plan_due.setSpecialValueText(self.tr("未設定"))
        self.plan_due.setKeyboardTracking(False)  # saved once typed whole (Enter, leaving), not at each key
        for text, widget in ((self.tr("内容:"), self.plan_content), (self.tr("担当:"), self.plan_owner),
                             (self.tr("期限:"), self.plan_due)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            plan_form.addRow(caption, widget)
        self.plan_due_error = _wrap_label()  # a date outside the 年度's window, shown at once (not saved)
        self.plan_due_error.setObjectName("planDueError")
        self.plan_due_error.setStyleSheet("#planDueError { color: #b00020; }")
        self.plan_due_error.setVisible(False)
        plan_form.addRow("", self.plan_due_error)
        layout.addWidget(self.plan_box)

        self.evidence_box = QGroupBox(self.tr("根拠資料（添付ファイル）"))
        self.evidence_layout = QVBoxLayout(self.evidence_box)
        layout.addWidget(self.evidence_box)

        self.status = QLabel("")
        self.status.setObjectName("saveStatus")
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self._apply_font_sizes()

        for field, widget in (("note", self.note), ("reason", self.reason), ("plan_content", self.plan_content)):
            widget.textChanged.connect(lambda f=field, w=widget: self._text_changed(f, w.toPlainText()))
            widget.left.connect(self.flush)
        self.plan_owner.textEdited.connect(lambda text: self._text_changed("plan_owner", text))
        self.plan_owner.left.connect(self.flush)
        self.plan_due.dateChanged.connect(self._date_changed)

    def _apply_font_sizes(self) -> None:
        """The question a size larger than the text, and the text boxes a number of lines high."""
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        for box, lines in ((self.note, 7), (self.reason, 4), (self.plan_content, 5)):
            box.setMaximumHeight(lines_height(box, lines))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # 表示 → 文字の大きさ
            self._apply_font_sizes()

    def _set_scale(self, questionnaire: Questionnaire) -> None:
        if [b.text() for b in self.rating_buttons] == [f"&{i + 1} {o.label}" for i, o in
                                                        enumerate(questionnaire.scale)]:
            return
        self.rating_row.clear()
        for b in self.rating_buttons:
            self.rating_group.removeButton(b)
            b.deleteLater()
        self.rating_buttons = []
        for i, option in enumerate(questionnaire.scale):
            button = QRadioButton(f"&{i + 1} {option.label}")
            button.setAccessibleName(option.label)
            self.rating_group.addButton(button, i)
            self.rating_row.add(button)
            self.rating_buttons.append(button)
        # Made after the rest of the window: put them back between the review button and the notes for Tab.
        chain = [self.review_button, *self.rating_buttons, self.note]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- showing ------------------------------------------------------------------------
    def show_item(self, item: Item | None, questionnaire: Questionnaire | None, answer: Answer | None,
                  read_only: bool = False, *, last_year: str = "", central: str = "") -> None:
        """Show an item and its answer. ``last_year`` is last year's answer in words (shown beside this
        year's); ``central`` the banner of an item the 事務局 answers for the town (its answer, read only)."""
        self.flush()
        self._loading = True
        if item is None or self._item is None or item.id != self._item.id:
            self.verticalScrollBar().setValue(0)  # another item: read from its question down
        try:
            self._item, self._questionnaire = item, questionnaire
            enabled = item is not None
            self._body.setEnabled(enabled)
            read_only = read_only or bool(central)
            self.central_banner.setText(central)
            self.central_banner.setVisible(bool(central) and enabled)
            self.last_year.setText(last_year)
            self.last_year.setVisible(bool(last_year) and enabled)
            self.evidence_box.setVisible(not central)
            if item is None or questionnaire is None:
                self.title.setText(self.tr("左の一覧から項目を選んでください。"))
                for w in (self.meta, self.references, self.criteria_done, self.criteria_partial, self.evidence,
                          self.guidance):
                    w.setText("")
                self.note.setPlainText("")
                self.reason.setPlainText("")
                self.plan_content.setPlainText("")
                self.plan_owner.setText("")
                self.plan_due.setDate(_NO_DATE)
                self._show_due_problem("")
                self._update_visibility(None)
                self.review_box.setVisible(False)
                self.references.setVisible(False)
                return
            self._set_scale(questionnaire)
            self.title.setText(f"{item.id}　{item.question}")
            separator = self.tr("・")
            tiers = separator.join(labels.label(labels.TIERS, t) for t in item.tiers) or self.tr("全般")
            cia = separator.join(labels.label(labels.CIA, c) for c in item.cia)
            self.meta.setText(self.tr("出典: 方針 {0}　重要度: {1}　{2}　対象: {3}").format(
                item.clause, labels.importance(item.importance), cia, tiers))
            refs = reference_text(questionnaire.references.get(item.id, ()))
            self.references.setText(self.tr("参照: {0}").format(refs) if refs else "")
            self.references.setVisible(bool(refs))
            self.criteria_done.setText(item.criteria_done)
            self.criteria_partial.setText(item.criteria_partial)
            self.evidence.setText(labels.separator().join(item.evidence))
            self.guidance.setText(item.guidance or "—")
            a = answer or Answer(item.id)
            keys = [o.key for o in questionnaire.scale]
            self.rating_group.setExclusive(False)
            for i, b in enumerate(self.rating_buttons):
                b.setChecked(a.rating == keys[i])
            self.rating_group.setExclusive(True)
            self.note.setPlainText(a.note)
            self.reason.setPlainText(a.reason)
            self.plan_content.setPlainText(a.plan_content)
            self.plan_owner.setText(a.plan_owner)
            year = questionnaire.fiscal_year
            self.plan_due.set_fiscal_year(year, plan_due_opening(year, today()))
            due = QDate.fromString(a.plan_due, "yyyy-MM-dd") if a.plan_due else _NO_DATE
            self.plan_due.setDate(due if due.isValid() else _NO_DATE)
            self._show_due_problem(a.plan_due)
            self._update_visibility(a.rating)
            for text_box in (self.note, self.reason, self.plan_content):
                text_box.setReadOnly(read_only)
            self.plan_owner.setReadOnly(read_only)
            self.plan_due.setReadOnly(read_only)
            for b in self.rating_buttons:
                b.setEnabled(not read_only)
            self.status.setText("" if central else self.tr("提出済みのため変更できません。") if read_only else "")
            self.review_box.setVisible(a.needs_review and not read_only)
        finally:
            self._loading = False

    def _update_visibility(self, rating: str | None) -> None:
        q = self._questionnaire
        option = None
        if q is not None and rating:
            try:
                option = q.option(rating)
            except KeyError:
                option = None
        needs_reason = bool(option and option.requires_reason)
        needs_plan = bool(option and option.requires_plan)
        self.reason_label.setVisible(needs_reason)
        self.reason.setVisible(needs_reason)
        self.plan_box.setVisible(needs_plan)

    # -- editing ------------------------------------------------------------------------
    def select_rating(self, index: int) -> None:
        """Choose the rating by its position on the scale (keys 1–4)."""
        if self._item is None or not (0 <= index < len(self.rating_buttons)):
            return
        if not self.rating_buttons[index].isEnabled():
            return
        self.rating_buttons[index].setChecked(True)
        self._rating_clicked(index)

    def set_last_year(self, text: str) -> None:
        """Last year's answer beside this year's (after this year's changed)."""
        self.last_year.setText(text)
        self.last_year.setVisible(bool(text) and self._item is not None)

    def set_evidence_widget(self, widget: QWidget) -> None:
        """Place the attachments widget (owned by the window) in the panel."""
        self.evidence_layout.addWidget(widget)

    def _confirm_clicked(self) -> None:
        if self._item is not None:
            self.flush()
            self.confirm_requested.emit(self._item.id)

    def hide_review(self) -> None:
        self.review_box.setVisible(False)

    def _rating_clicked(self, index: int) -> None:
        if self._loading or self._item is None or self._questionnaire is None:
            return
        key = self._questionnaire.scale[index].key
        self.flush()
        if self._save(self._item.id, "rating", key):
            self.status.setText(self.tr("保存しました。"))
            self.review_box.setVisible(False)  # a changed answer is a confirmed one
        self._update_visibility(key)

    def _text_changed(self, field: str, value: str) -> None:
        if self._loading or self._item is None:
            return
        self._pending[field] = value
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def _date_changed(self, value: QDate) -> None:
        if self._loading or self._item is None:
            return
        due = "" if value == _NO_DATE else value.toString("yyyy-MM-dd")
        if self._show_due_problem(due):
            return  # shown beside the field; the answer keeps its date until a date of the 年度 is chosen
        self._pending["plan_due"] = due
        self.flush()

    def _show_due_problem(self, due: str) -> bool:
        """Show why ``due`` cannot be the plan's date (before the 年度, or too far on); True when it cannot."""
        q = self._questionnaire
        problem = plan_due_problem(due, q.fiscal_year) if q is not None and due else None
        self.plan_due_error.setText(problem or "")
        self.plan_due_error.setVisible(bool(problem))
        return bool(problem)

    def flush(self) -> None:
        """Save every pending text change now."""
        if self.plan_due.hasFocus() and not self._loading:
            self.plan_due.interpretText()  # a date typed but not yet taken (no Enter): take it first
        self._timer.stop()
        self._deadline.stop()
        if self._item is None or not self._pending:
            return
        pending, self._pending = self._pending, {}
        item_id = self._item.id
        saved = failed = False
        for field, value in pending.items():
            result = self._save(item_id, field, value)
            if result is None:
                self._pending.setdefault(field, value)
                failed = True
            saved = saved or bool(result)
        if failed:
            self.status.setText(self.tr("保存できませんでした。入力内容は画面に残っています。"))
        elif saved:
            self.status.setText(self.tr("保存しました。"))

    def has_pending(self) -> bool:
        return bool(self._pending)
