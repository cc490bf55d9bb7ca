"""A row of controls that wraps onto more lines when its width is too small for all of them (radio buttons,
buttons): at a large font size a narrow panel shows every control, with no scrollbar to the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget


class FlowRow(QWidget):
    """Controls side by side while they fit; else in as many columns as fit (at least one), in order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget] = []
        self._columns = 0
        self._stretch: QWidget | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)

    def add(self, widget: QWidget, *, stretch: bool = False) -> None:
        """Add ``widget``; with ``stretch``, it takes the room left over while all are on one line."""
        self._widgets.append(widget)
        if stretch:
            self._stretch = widget
        self._columns = 0  # placed anew
        self._reflow(self.width() if self.isVisible() else 10**6)

    def clear(self) -> None:
        for w in self._widgets:
            self._grid.removeWidget(w)
        self._widgets = []
        self._stretch = None
        self._columns = 0

    def columns(self) -> int:
        return self._columns

    def _fits(self, columns: int, width: int) -> bool:
        spacing = max(self._grid.horizontalSpacing(), 0)
        widths = [0] * columns
        for i, w in enumerate(self._widgets):
            widths[i % columns] = max(widths[i % columns], w.sizeHint().width())
        return sum(widths) + spacing * (columns - 1) <= width

    def _reflow(self, width: int) -> None:
        count = len(self._widgets)
        columns = next((c for c in range(count, 1, -1) if self._fits(c, width)), 1) if count else 1
        if columns == self._columns:
            return
        self._columns = columns
        for w in self._widgets:
            self._grid.removeWidget(w)
        for c in range(count + 1):
            self._grid.setColumnStretch(c, 0)
        for i, w in enumerate(self._widgets):
            self._grid.addWidget(w, i // columns, i % columns)
        one_line = columns == count and self._stretch is not None
        stretched = self._widgets.index(self._stretch) if one_line and self._stretch is not None else columns
        self._grid.setColumnStretch(stretched, 1)  # else the controls keep to the left, as in a row
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # 表示 → 文字の大きさ: the controls grew or shrank
            QTimer.singleShot(0, self, self.refit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def refit(self) -> None:
        """After a change of font: place the controls again for the present width."""
        self._columns = 0
        self._reflow(self.width())

    def minimumSizeHint(self) -> QSize:
        widest = max((w.minimumSizeHint().width() for w in self._widgets), default=0)
        return QSize(widest, self._grid.minimumSize().height())

    def hasHeightForWidth(self) -> bool:
        return False
