"""A date field that takes dates as people type them, and that Tab leaves like every other field.

QDateEdit uses Tab to move between its year, month and day; while it shows its special value
(「未設定」) Tab does not get out of it at all, which traps a keyboard user. Here Tab moves on to the
next field; the parts of the date are still reached with the arrow keys, and the calendar opens
with Alt+Down (F4 on Windows).

QDateEdit also takes only its display format, digit by digit. Here a date typed whole is read as
people write it (2026/9/30, 令和8年9月30日, R8.9.30, and with the 年度 known ９／３０); a field that
should take it only at Enter or on leaving turns keyboard tracking off. The calendar of an empty field
opens at a chosen page (today, or the end of the 年度), not at the placeholder date behind 「未設定」.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, QTime
from PySide6.QtGui import QKeyEvent, QMouseEvent, QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

from ..domain.wareki import parse_date
from ..i18n import current_language

# What a date being typed can hold: digits (half and full width), separators, 年月日 and the eras.
_TYPING = re.compile(r"[\s0-9０-９/.\-／．－ー年月日元令和平成昭RHSrhsＲＨＳ]*")
_SEPARATORS = frozenset("/-.")


class DateEdit(QDateEdit):
    """A QDateEdit that Tab and Shift+Tab leave and that reads typed dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fiscal_year: int | None = None
        self._opening: date | None = None
        self._calendar_watched = False
        if current_language() == "ja":  # the calendar's month and day names in the app's language
            self.setLocale(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    # -- the 年度 and the calendar's first page ------------------------------------------------
    def set_fiscal_year(self, year: int | None, opening: date | None = None) -> None:
        """The 年度 a date without its year (９／３０) falls in, and the day the calendar of an empty field
        opens at."""
        self._fiscal_year = year
        self._opening = opening

    def _watch_calendar(self) -> None:
        """Watch the calendar for its first page, once it is about to open: asking for it makes it (a calendar and
        its table, ~3-5 ms), which the start of the window does not need. It opens by a click or a key."""
        if self.calendarPopup() and not self._calendar_watched:
            self._calendar_watched = True
            self.calendarWidget().installEventFilter(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._watch_calendar()
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.calendarPopup() and watched is self.calendarWidget() \
                and self._opening is not None and self.is_unset():
            self.calendarWidget().setCurrentPage(self._opening.year, self._opening.month)
        return super().eventFilter(watched, event)

    def is_unset(self) -> bool:
        """Showing the special value (「未設定」)."""
        return bool(self.specialValueText()) and self.date() == self.minimumDate()

    # -- typed dates -------------------------------------------------------------------------------
    def _typed(self, text: str) -> QDate | None:
        if not text.strip() or text == self.specialValueText():
            return None
        found = parse_date(text, self._fiscal_year)
        if found is None:
            return None
        typed = QDate(found.year, found.month, found.day)
        return typed if self.minimumDate() <= typed <= self.maximumDate() else None

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]
        if self._typed(text) is not None:
            return QValidator.State.Acceptable, text, pos
        result = super().validate(text, pos)
        state = result[0] if isinstance(result, tuple) else result
        if state == QValidator.State.Invalid and _TYPING.fullmatch(text):
            return QValidator.State.Intermediate, text, pos  # on its way to a date written another way
        return result

    def dateTimeFromText(self, text: str) -> QDateTime:
        typed = self._typed(text)
        if typed is not None:
            return QDateTime(typed, QTime(0, 0))
        return super().dateTimeFromText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._watch_calendar()
        edit = self.lineEdit()
        if event.text() and event.text() in _SEPARATORS \
                and edit.text()[edit.cursorPosition():edit.cursorPosition() + 1] != event.text():
            edit.insert(event.text())  # part of a date typed whole: not a jump to the next part of the date
            return
        super().keyPressEvent(event)
