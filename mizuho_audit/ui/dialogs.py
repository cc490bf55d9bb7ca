"""Every modal dialog goes through this one seam, so a test patches one object."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from .workflow_dialogs import TableRow


class Dialogs:
    """Modal dialogs of the app. Tests replace the instance on the window with a fake."""

    def exec(self, dialog: QDialog) -> int:
        """Run one of the app's own dialogs (a test fills it in and accepts or rejects it instead)."""
        return int(dialog.exec())

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        return value.strip() if ok else None

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return path or None

    def open_files(self, parent: QWidget | None, title: str, filters: str) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(parent, title, "", filters)
        return list(paths)

    def open_folder(self, parent: QWidget | None, title: str) -> str | None:
        return QFileDialog.getExistingDirectory(parent, title) or None

    def save_file(self, parent: QWidget | None, title: str, default: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, default, filters)
        return path or None

    def question(self, parent: QWidget | None, title: str, text: str, details: str = "") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if details:
            box.setDetailedText(details)
        return box.exec() == QMessageBox.StandardButton.Yes

    def choose(self, parent: QWidget | None, title: str, text: str, choices: Sequence[str],
               details: str = "") -> int | None:
        """One of several ways on (buttons, the last one cancels); the index chosen, None when closed."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
        buttons = [box.addButton(c, QMessageBox.ButtonRole.RejectRole if i == len(choices) - 1
                                 else QMessageBox.ButtonRole.AcceptRole) for i, c in enumerate(choices)]
        if details:
            box.setDetailedText(details)
        box.exec()
        clicked = box.clickedButton()
        return next((i for i, b in enumerate(buttons) if b is clicked), None)

    def ask_secret(self, parent: QWidget | None, title: str, label: str) -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
        return value if ok and value else None

    def show_table(self, parent: QWidget | None, title: str, text: str, headers: Sequence[str],
                   rows: Sequence[TableRow], highlighted: Iterable[int] = ()) -> None:
        """A list to read (e.g. the result of an import, one row per file)."""
        TableDialog(parent, title, text, headers, rows, highlighted=highlighted).exec()

    def confirm_table(self, parent: QWidget | None, title: str, text: str, headers: Sequence[str],
                      rows: Sequence[TableRow], ok_text: str, cancel_text: str | None = None) -> bool:
        """A list to decide on (e.g. the changes of a re-submission); True when the user chose ``ok_text``."""
        dialog = TableDialog(parent, title, text, headers, rows, ok_text=ok_text, cancel_text=cancel_text)
        return dialog.exec() == QDialog.DialogCode.Accepted


class TableDialog(QDialog):
    """An explanation above a read-only table; either 閉じる, or a choice between two buttons."""

    def __init__(self, parent: QWidget | None, title: str, text: str, headers: Sequence[str],
                 rows: Sequence[TableRow], *, ok_text: str = "", cancel_text: str | None = None,
                 highlighted: Iterable[int] = ()) -> None:
        # Imported here: workflow_dialogs imports this module.
        from .appearance import resize_initially
        from .workflow_dialogs import RowsTableModel, _fit_columns, _table

        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label)
        self.model = RowsTableModel(headers, parent=self)
        self.model.set_rows(rows)
        self.model.set_highlighted(highlighted)
        self.view = _table(self.model, title)
        _fit_columns(self.view, stretch=len(headers) - 1, wrap=True)
        layout.addWidget(self.view, 1)
        if ok_text:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
            buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
            cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
            cancel.setText(cancel_text or self.tr("キャンセル"))
            cancel.setDefault(True)  # taking in changed answers is a decision, not a reflex
        else:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_initially(self, 1000, 560)
