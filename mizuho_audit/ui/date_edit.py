"""A date field that Tab leaves, like every other field.

QDateEdit uses Tab to move between its year, month and day; while it shows its special value
(「未設定」) Tab does not get out of it at all, which traps a keyboard user. Here Tab moves on to the
next field; the parts of the date are still reached with the arrow keys, and the calendar opens
with Alt+Down (F4 on Windows).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QWidget


class DateEdit(QDateEdit):
    """A QDateEdit that Tab and Shift+Tab leave."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
