"""管理 → 担当の割り当て: the 課's 情報セキュリティ責任者 gives chapters or items to staff, takes them back, and on
人事異動 hands everything of one person over to another in one step (one entry in the operation log)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import AppError
from ..usecases import assignments
from ..usecases.answering import Checklist
from ..usecases.session import Session
from . import labels
from .appearance import resize_initially, text_width
from .dialogs import Dialogs

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1  # "chapter:1" / "item:ORG-001"


class AssignmentsDialog(QDialog):
    """The department's 年度: chapters and items with who answers them; assign, remove, hand over."""

    changed = Signal()  # an assignment was saved (the window's tree shows it at once)

    def __init__(self, session: Session, checklist: Checklist, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.checklist, self.dialogs = session, checklist, dialogs
        self.setWindowTitle(self.tr("担当の割り当て（{0}　{1}）").format(
            checklist.department.name, labels.fiscal_year(checklist.year)))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("課の情報セキュリティ責任者が、章または項目を職員に割り当てます。章の担当はその章の"
                               "項目すべてに及び、項目に割り当てた担当は章の担当より優先します。割り当て・取消し・"
                               "引継ぎは、割り当てた人の氏名と職名とともに操作履歴に記録されます。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        who = QFormLayout()
        self.assigner = QLabel(session.user or self.tr("（未設定: 回答者の名前を入力してください）"))
        self.assigner.setAccessibleName(self.tr("割り当てる人"))
        who.addRow(self.tr("割り当てる人:"), self.assigner)
        self.title_edit = QLineEdit(assignments.DEFAULT_TITLE)
        self.title_edit.setAccessibleName(self.tr("割り当てる人の職名"))
        title_label = QLabel(self.tr("職名(&J):"))
        title_label.setBuddy(self.title_edit)
        who.addRow(title_label, self.title_edit)
        layout.addLayout(who)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("章・項目と担当"))
        self.tree.setHeaderLabels([self.tr("章・項目"), self.tr("担当")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.tree.header().resizeSection(1, text_width(self.tree, "M" * 16))
        self.tree.setToolTip(self.tr("Ctrl や Shift を押しながら選ぶと、いくつもの章・項目を一度に割り当てられます"))
        layout.addWidget(self.tree, 1)

        row = QHBoxLayout()
        self.name_combo = QComboBox()
        self.name_combo.setEditable(True)
        self.name_combo.setAccessibleName(self.tr("担当者の氏名"))
        self.name_combo.setMinimumContentsLength(12)
        name_label = QLabel(self.tr("担当者(&N):"))
        name_label.setBuddy(self.name_combo)
        self.assign_button = QPushButton(self.tr("選んだ章・項目に割り当てる(&G)"))
        self.assign_button.clicked.connect(self.assign_selected)
        self.remove_button = QPushButton(self.tr("割り当てを取り消す(&D)"))
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(name_label)
        row.addWidget(self.name_combo, 1)
        row.addWidget(self.assign_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)

        self.progress = QTreeWidget()
        self.progress.setAccessibleName(self.tr("担当者ごとの進み具合"))
        self.progress.setHeaderLabels([self.tr("担当者"), self.tr("回答済み / 項目数")])
        self.progress.setRootIsDecorated(False)
        self.progress.setMaximumHeight(self.fontMetrics().height() * 8)
        layout.addWidget(self.progress)

        box = QGroupBox(self.tr("人事異動などでの引継ぎ（その人の担当をすべて、一度に）"))
        form = QFormLayout(box)
        self.from_combo = QComboBox()
        self.from_combo.setAccessibleName(self.tr("引き継ぐ人"))
        self.to_combo = QComboBox()
        self.to_combo.setEditable(True)
        self.to_combo.setAccessibleName(self.tr("引き継ぐ先の人"))
        self.reason_edit = QLineEdit(self.tr("人事異動"))
        self.reason_edit.setAccessibleName(self.tr("引継ぎの理由"))
        fields: tuple[tuple[str, QWidget], ...] = (
            (self.tr("引き継ぐ人(&F):"), self.from_combo), (self.tr("引き継ぐ先(&T):"), self.to_combo),
            (self.tr("理由(&E):"), self.reason_edit))
        for text, widget in fields:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.handover_button = QPushButton(self.tr("引き継ぐ(&O)"))
        self.handover_button.clicked.connect(self.hand_over)
        form.addRow("", self.handover_button)
        layout.addWidget(box)

        close = QPushButton(self.tr("閉じる"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        if session.read_only:
            for widget in (self.assign_button, self.remove_button, self.handover_button):
                widget.setEnabled(False)
        self.refresh()
        resize_initially(self, 900, 760)
        self.tree.setFocus()

    # -- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the assignments again and show them, keeping the selection."""
        chosen = set(self.selected_targets())
        o = assignments.overview(self.session, self.checklist)
        own = {a.key: a.assignee for a in o.assignments}
        self.tree.clear()
        for ch in self.checklist.questionnaire.chapters:
            top = self._row(None, f"chapter:{ch.id}", f"{ch.id} {ch.title}", own.get(f"chapter:{ch.id}", ""))
            for it in ch.items():
                inherited = o.chapters.get(ch.id, "")
                mine = own.get(f"item:{it.id}")
                shown = mine or (self.tr("（章: {0}）").format(inherited) if inherited else "")
                self._row(top, f"item:{it.id}", f"{it.id}  {it.question}", shown)
        self.tree.expandAll()
        for item in self._all_rows():
            item.setSelected(item.data(0, TARGET_ROLE) in chosen)
        self.progress.clear()
        for p in o.people:
            QTreeWidgetItem(self.progress, [p.name, f"{p.answered} / {p.total}"])
        if o.unassigned:
            QTreeWidgetItem(self.progress, [self.tr("（担当なし）"), self.tr("{0} 項目").format(len(o.unassigned))])
        names = [p.name for p in o.people]
        for combo, extra in ((self.name_combo, [self.session.user]), (self.to_combo, []), (self.from_combo, [])):
            text = combo.currentText()
            combo.clear()
            combo.addItems(list(dict.fromkeys(n for n in names + extra if n)))
            if combo.isEditable():
                combo.setCurrentText(text)
            else:
                combo.setCurrentIndex(max(combo.findText(text), 0))

    def _row(self, parent: QTreeWidgetItem | None, key: str, text: str, who: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text, who])
        item.setData(0, TARGET_ROLE, key)
        item.setToolTip(0, text)
        if parent is None:
            self.tree.addTopLevelItem(item)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        else:
            parent.addChild(item)
        return item

    def _all_rows(self) -> list[QTreeWidgetItem]:
        rows: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                rows.append(top)
                rows += [c for j in range(top.childCount()) if (c := top.child(j)) is not None]
        return rows

    def selected_targets(self) -> list[str]:
        """The chapters and items chosen, as ``chapter:1`` / ``item:ORG-001``, in the tree's order."""
        return [str(r.data(0, TARGET_ROLE)) for r in self._all_rows() if r.isSelected()]

    def select(self, *keys: str) -> None:
        """Choose chapters and items (``chapter:1``, ``item:ORG-001``) as a click with Ctrl would."""
        for r in self._all_rows():
            r.setSelected(r.data(0, TARGET_ROLE) in keys)

    def who(self, key: str) -> str:
        """The 担当 column of a chapter or item row."""
        return next((r.text(1) for r in self._all_rows() if r.data(0, TARGET_ROLE) == key), "")

    # -- acting -----------------------------------------------------------------------------
    def _split(self) -> tuple[list[str], list[str]] | None:
        keys = self.selected_targets()
        if not keys:
            self.dialogs.error(self, self.tr("章・項目を選んでください"),
                               self.tr("割り当てる（取り消す）章または項目を一覧で選んでください。"))
            return None
        return ([k.split(":", 1)[1] for k in keys if k.startswith("chapter:")],
                [k.split(":", 1)[1] for k in keys if k.startswith("item:")])

    def _done(self, message: str) -> None:
        self.refresh()
        self.changed.emit()
        self.dialogs.info(self, self.tr("担当の割り当て"), message)

    def assign_selected(self) -> None:
        split = self._split()
        if split is None:
            return
        name = self.name_combo.currentText()
        try:
            n = assignments.assign(self.session, self.checklist, name, chapters=split[0], items=split[1],
                                   title=self.title_edit.text())
        except AppError as exc:
            self.dialogs.error(self, self.tr("割り当てられません"), str(exc))
            return
        self._done(self.tr("{0} さんに割り当てました（変更 {1} 件）。").format(" ".join(name.split()), n))

    def remove_selected(self) -> None:
        split = self._split()
        if split is None:
            return
        try:
            n = assignments.remove(self.session, self.checklist, chapters=split[0], items=split[1],
                                   title=self.title_edit.text())
        except AppError as exc:
            self.dialogs.error(self, self.tr("取り消せません"), str(exc))
            return
        self._done(self.tr("担当の割り当てを取り消しました（{0} 件）。").format(n))

    def hand_over(self) -> None:
        old, new, reason = self.from_combo.currentText(), self.to_combo.currentText(), self.reason_edit.text()
        if not old:
            self.dialogs.error(self, self.tr("引き継げません"), self.tr("担当のある人がいません。"))
            return
        text = self.tr("{0} さんの担当をすべて {1} さんに引き継ぎます（理由: {2}）。よろしいですか。")
        if not self.dialogs.question(self, self.tr("担当の引継ぎ"), text.format(old, new, reason)):
            return
        try:
            n = assignments.hand_over(self.session, self.checklist, old, new, reason, title=self.title_edit.text())
        except AppError as exc:
            self.dialogs.error(self, self.tr("引き継げません"), str(exc))
            return
        self._done(self.tr("{0} さんの担当 {1} 件を {2} さんに引き継ぎました。").format(old, n, " ".join(new.split())))
