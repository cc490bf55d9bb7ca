"""Who answers what, in the department's window: the 担当 column of the checklist tree, 「自分の担当」 first
for the person the window is opened for, and 管理 → 担当の割り当て. Composed into :class:`MainWindow`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView

from ..errors import AppError
from ..usecases import assignments
from .appearance import text_width
from .checklist_model import ASSIGNEE_COLUMN

if TYPE_CHECKING:
    from .main_window import MainWindow


class AssignmentActions(QObject):
    """Keeps the window's tree showing who answers each item, and opens the assignment dialog."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self._shown_mine_for: tuple[str, int, str] | None = None  # (department, 年度, person) shown 自分の担当
        self.mine: list[str] = []  # the items of the person the window is opened for, in the checklist's order
        window.proxy.me = lambda: window.user
        header = window.tree.header()
        header.setSectionResizeMode(ASSIGNEE_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(ASSIGNEE_COLUMN, text_width(window.tree, "M" * 9))
        window.tree.setColumnHidden(ASSIGNEE_COLUMN, True)
        window.model.modelReset.connect(self.reload)  # each checklist opened (or read again)
        window.user_button.clicked.connect(self._person_changed)  # after change_user (connected first)
        self.action = QAction(self.tr("担当の割り当て(&T)…"), window)
        self.action.setToolTip(self.tr("章・項目を職員に割り当てる、人事異動で引き継ぐ（課の情報セキュリティ責任者）"))
        self.action.triggered.connect(self.open_dialog)
        window.admin_menu.addAction(self.action)

    def reload(self) -> None:
        """Show who answers each item of the open checklist; the first time a person opens a checklist with
        items of theirs, 「自分の担当」 is shown (after the window has chosen its item)."""
        w = self.w
        if w.checklist is None:
            w.model.set_assignees({})
            w.tree.setColumnHidden(ASSIGNEE_COLUMN, True)
            self.mine = []
            return
        try:
            o = assignments.overview(w.session, w.checklist)
        except AppError:  # the tree still answers; the dialog says what is wrong
            return
        w.model.set_assignees(o.items)
        w.tree.setColumnHidden(ASSIGNEE_COLUMN, not o.items)
        self.mine = o.mine(w.user)
        w.proxy.refilter()
        key = (w.checklist.department.id, w.checklist.year, w.user)
        if self.mine and key != self._shown_mine_for:
            self._shown_mine_for = key
            QTimer.singleShot(0, self, self.show_mine)

    def show_mine(self) -> None:
        """「自分の担当」: only the person's items, the first unanswered of them chosen."""
        w = self.w
        if not self.mine:
            return
        w.filter_combo.setCurrentIndex(w.filter_combo.findData("mine"))
        unanswered = [i for i in self.mine if not ((a := w.model.answer(i)) and a.rating)]
        w.select_item((unanswered or self.mine)[0])
        w.statusBar().showMessage(self.tr("自分の担当 {0} 項目を表示しています（すべての項目は「表示する項目」で"
                                          "「すべて」を選びます）。").format(len(self.mine)), 15000)

    def _person_changed(self) -> None:
        self.reload()

    def open_dialog(self) -> None:
        from .assignments_dialog import AssignmentsDialog

        w = self.w
        if w.checklist is None:
            w.dialogs.error(w, self.tr("担当の割り当て"), self.tr("先に年度と部署を選んでください。"))
            return
        if not w.user and not w.change_user():
            return
        try:
            dialog = AssignmentsDialog(w.session, w.checklist, w.dialogs, w)
        except AppError as exc:
            w.dialogs.error(w, self.tr("担当の割り当てを開けません"), str(exc))
            return
        dialog.changed.connect(self.reload)
        w.dialogs.exec(dialog)
        self.reload()
