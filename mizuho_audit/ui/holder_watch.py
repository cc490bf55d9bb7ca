"""The window's side of holding its database: the title says when it is open read-only, and a holder
that was taken over (its PC asleep past the heartbeat) is told so and stops writing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from ..usecases.session import Session

CHECK_MS = 5000


class HolderWatch(QObject):
    """Marks a read-only window and watches whether this window still holds its database."""

    def __init__(self, window: QMainWindow, session: Session, dialogs: Any) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.dialogs = dialogs
        self.told = False
        self.badge = QLabel("")
        self.badge.setObjectName("readOnlyBadge")
        window.statusBar().addPermanentWidget(self.badge)
        self._base_title = window.windowTitle()
        self._mark()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        if not session.read_only:
            self.timer.start()

    def _mark(self) -> None:
        if self.session.read_only:
            self.window.setWindowTitle(self.tr("{0}（読み取り専用）").format(self._base_title))
            self.badge.setText(self.tr("読み取り専用: 変更は保存されません"))

    def check(self) -> bool:
        """Whether the database was taken over; the first time, say so (the window turns read-only)."""
        if self.told or not self.session.check_holder():
            return False
        self.told = True
        self.timer.stop()
        self._mark()
        self.dialogs.error(self.window, self.tr("データベースがほかの人に引き継がれました"),
                           self.tr("このウィンドウが長い間応答しなかったため、ほかの人がこのデータベースを引き継ぎました。"
                                   "これ以降の変更は保存されません。このウィンドウを閉じてください。"))
        return True
