"""The 提出状況 board: every department of the master for a 年度 with its status, deadline mark, score
and signature, and the counts line above it."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..domain.vocabulary import BOARD_STATUSES
from ..usecases.intake import BoardRow
from . import labels
from .labels import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_COLORS = {"not_started": "#6b6b6b", "submitted": "#0d47a1", "accepted": "#1b6e20", "returned": "#b00020"}
_STATUS_ORDER = {"not_started": 0, "returned": 1, "submitted": 2, "accepted": 3}
_OVERDUE_BG = QColor("#fde2e1")
_WARN = QColor("#b35c00")
_LATE = QColor("#b00020")


class BoardModel(QAbstractTableModel):
    """Every department of the master for a 年度: status, deadline mark, score and signature."""

    HEADERS = (QT_TRANSLATE_NOOP("BoardModel", "部署"), QT_TRANSLATE_NOOP("BoardModel", "機関"),
               QT_TRANSLATE_NOOP("BoardModel", "状態"), QT_TRANSLATE_NOOP("BoardModel", "期限"),
               QT_TRANSLATE_NOOP("BoardModel", "スコア"), QT_TRANSLATE_NOOP("BoardModel", "版"),
               QT_TRANSLATE_NOOP("BoardModel", "提出日時"), QT_TRANSLATE_NOOP("BoardModel", "署名"),
               QT_TRANSLATE_NOOP("BoardModel", "署名者"), QT_TRANSLATE_NOOP("BoardModel", "承認者"),
               QT_TRANSLATE_NOOP("BoardModel", "ファイル"))
    COL_STATUS, COL_DEADLINE, COL_SCORE, COL_VERSION, COL_SIGNATURE, COL_SIGNER = 2, 3, 4, 5, 7, 8

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[BoardRow] = []
        self.due: date | None = None
        self._shown: dict[int, tuple[str, ...]] = {}  # row -> its texts, made once per set_rows

    def set_rows(self, rows: list[BoardRow], due: date | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.due = due
        self._shown = {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return translate("BoardModel", self.HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    @staticmethod
    def deadline_mark(r: BoardRow) -> str:
        if not r.overdue:
            return ""
        return translate("BoardModel", "期限超過") if r.status == "not_started" \
            else translate("BoardModel", "期限後提出")

    def _texts(self, row: int) -> tuple[str, ...]:
        """The row's texts, column by column: made once (a sort asks for every row's key many times)."""
        texts = self._shown.get(row)
        if texts is None:
            texts = self._shown[row] = self._row_texts(self.rows[row])
        return texts

    def _display(self, r: BoardRow, col: int) -> str:
        return self._row_texts(r)[col]

    def _row_texts(self, r: BoardRow) -> tuple[str, ...]:
        return (r.name, r.body, labels.board_status(r.status), self.deadline_mark(r),
                  "" if r.score is None else f"{r.score:.1f}",
                  self.tr("第{0}版").format(r.version) if r.version else "",
                  (r.submitted_at or "")[:16].replace("T", " "), self.signature_text(r),
                  self.signer_text(r), r.approver or "", r.file_name or "")

    @staticmethod
    def signature_text(r: BoardRow) -> str:
        """The signature as it stands now: a signature no longer accepted says so."""
        return labels.signature_now(r.signature_now) if r.signature_now else labels.signature(r.signature)

    @staticmethod
    def signer_text(r: BoardRow) -> str:
        """The signer, marked when the certificate's holder is not the recorded approver."""
        if not r.signer_differs:
            return r.signer or ""
        return translate("BoardModel", "{0} ≠ 承認者").format(r.signer or "")

    def _tooltip(self, r: BoardRow, col: int) -> str | None:
        due = self.due.isoformat() if self.due else ""
        if col == self.COL_DEADLINE and r.overdue:
            if r.status == "not_started":
                return self.tr("期限超過: 提出期限（{0}）を過ぎても提出がありません。").format(due)
            return self.tr("期限後提出: 提出期限（{0}）の後に提出されました。").format(due)
        if col == self.COL_SIGNATURE and r.signature_now:
            tip = labels.signature_now_tip(r.signature_now)
            if r.signature_problem:
                tip += "\n" + r.signature_problem
            return tip + "\n" + self.tr("取込の時点: {0}").format(labels.signature(r.signature))
        if col == self.COL_SIGNER and r.signer_differs:
            return self.tr("署名した証明書の本人（{0}）は、記録された承認者（{1}）ではありません。"
                           "例外として取り込まれた提出です。").format(r.signer or "", r.approver or "")
        if col == self.COL_SIGNATURE and r.signature:
            tip = labels.signature_tip(r.signature)
            if r.exception_reason:
                tip += "\n" + self.tr("理由: {0}").format(r.exception_reason)
            return tip or None
        return None

    def _sort_key(self, row: int, col: int) -> Any:
        r = self.rows[row]
        if col == self.COL_STATUS:
            return _STATUS_ORDER.get(r.status, 0)
        if col == self.COL_SCORE:
            return -1.0 if r.score is None else r.score
        if col == self.COL_VERSION:
            return r.version or 0
        return self._texts(row)[col]

    def _warned(self, r: BoardRow, col: int) -> bool:
        """Shown in bold: a deadline mark, a signature not (or no longer) valid, a signer not the approver."""
        if col == self.COL_SIGNATURE:
            return bool(r.signature_now) or r.signature not in (None, "valid")
        return col == self.COL_DEADLINE or (col == self.COL_SIGNER and r.signer_differs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts(index.row())[col]
        if role == SORT_ROLE:
            return self._sort_key(index.row(), col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, col)
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue:
            return QBrush(_OVERDUE_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.COL_STATUS:
                return QBrush(QColor(_COLORS.get(r.status, "#000000")))
            if col == self.COL_DEADLINE:
                return QBrush(_LATE)
            if col == self.COL_SIGNATURE and r.signature_now:
                return QBrush(_LATE)
            if (col == self.COL_SIGNATURE and r.signature not in (None, "valid")) \
                    or (col == self.COL_SIGNER and r.signer_differs):
                return QBrush(_WARN)
        if role == Qt.ItemDataRole.FontRole and self._warned(r, col):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_SCORE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


def board_summary(rows: list[BoardRow]) -> str:
    """The counts line above the board (rich text: warnings in colour)."""
    n = {k: sum(r.status == k for r in rows) for k in BOARD_STATUSES}
    overdue = sum(r.overdue and r.status == "not_started" for r in rows)
    late = sum(r.overdue and r.status != "not_started" for r in rows)
    parts = [translate("BoardModel", "全 {0} 部署").format(len(rows)),
             translate("BoardModel", "提出済 {0}").format(n["submitted"]),
             translate("BoardModel", "受理 {0}").format(n["accepted"]),
             translate("BoardModel", "差戻し {0}").format(n["returned"]),
             translate("BoardModel", "未提出 {0}").format(n["not_started"])
             + (translate("BoardModel", "（うち期限超過 {0}）").format(overdue) if overdue else "")]
    lapsed = sum(r.signature_now is not None for r in rows)
    warnings = [translate("BoardModel", "期限後提出 {0}").format(late) if late else "",
                translate("BoardModel", "署名が認められなくなった提出 {0}").format(lapsed) if lapsed else "",
                *(f"{labels.signature(s)} {c}" for s in ("unsigned", "untrusted", "exception")
                  if (c := sum(r.signature == s for r in rows)))]
    gap = translate("BoardModel", "　")
    text = gap.join(escape(p) for p in parts)
    shown = [escape(w) for w in warnings if w]
    if shown:
        text += f"{gap}<span style='color:{_WARN.name()}; font-weight:bold'>" + gap.join(shown) + "</span>"
    return text
