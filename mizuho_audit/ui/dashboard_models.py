"""The dashboard's item models: the heat map (with its sorting proxy), the trend and the failing items,
and the score colours and texts they share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication

from ..domain.questionnaire import Chapter, Questionnaire, ScaleOption
from ..domain.scoring import Tally
from ..usecases.intake import Consolidation, FailingItem
from . import labels
from .labels import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

Index = QModelIndex | QPersistentModelIndex
SCORE_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw score (float or None) of a cell
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
TOWN = "町全体"  # marks the whole town's row; shown as labels.town()
NO_SCORE = "—"
# Red → yellow → green, light enough for black text; grey where nothing counted.
_STOPS = ((0.0, (239, 154, 154)), (50.0, (255, 224, 130)), (100.0, (129, 199, 132)))
_GREY = QColor("#d6d6d6")
_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def score_color(score: float | None) -> QColor:
    """Background of a score cell on the red (0) – yellow (50) – green (100) scale."""
    if score is None:
        return QColor(_GREY)
    s = min(max(score, 0.0), 100.0)
    for (lo, c0), (hi, c1) in pairwise(_STOPS):
        if s <= hi:
            t = (s - lo) / (hi - lo)
            return QColor(*(round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True)))
    return QColor(*_STOPS[-1][1])


def score_text(score: float | None) -> str:
    return NO_SCORE if score is None else f"{score:.1f}"


def chapter_label(chapter: Chapter) -> str:
    return f"{chapter.id} {chapter.title}"


def short_chapter_label(chapter: Chapter, limit: int | None = None) -> str:
    """'8 業務委託と外部サービスの利用': without the parenthesised part, cut to ``limit`` characters."""
    title = re.sub(r"（[^）]*）", "", chapter.title) or chapter.title
    if limit is not None and len(title) > limit:
        title = title[: limit - 1] + "…"
    return f"{chapter.id} {title}"


def _tr(text: str) -> str:
    return translate("Dashboard", text)


def town_name(name: str) -> str:
    """A row's name as shown: the whole town's in the user's language, a department's as it is."""
    return labels.town() if name == TOWN else name


def tally_tooltip(tally: Tally | None, scale: Sequence[ScaleOption]) -> str:
    """Counts behind a score: how many items were answered how."""
    if tally is None:
        return translate("Dashboard", "対象となる項目がありません。")
    lines = [translate("Dashboard", "得点 {0}（重要度で重み付け）").format(score_text(tally.score))]
    counts = [f"{o.label} {tally.ratings.get(o.key, 0)}" for o in scale if tally.ratings.get(o.key)]
    if tally.ratings.get(""):
        counts.append(translate("Dashboard", "未回答 {0}").format(tally.ratings[""]))
    if counts:
        lines.append(labels.separator().join(counts))
    lines.append(translate("Dashboard", "得点の対象 {0} 項目（対象外 {1} 項目）").format(
        tally.counted, tally.excluded))
    return "\n".join(lines)


class _TableModel(QAbstractTableModel):
    """Read-only table with fixed headers; subclasses fill ``rows`` and implement ``cell``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.header_tips: list[str] = []  # full texts where a header is shortened
        self.rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.headers)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips[section] if section < len(self.header_tips) else self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) \
                or not (0 <= index.column() < len(self.headers)):
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int) -> Any:
        raise NotImplementedError

    def _reset(self, headers: list[str], rows: list[Any], tips: list[str] | None = None) -> None:
        self.beginResetModel()
        self.headers = headers
        self.header_tips = tips or []
        self.rows = rows
        self.endResetModel()


class HeatMapModel(_TableModel):
    """Department × chapter scores of a consolidation, with a last row for the whole town."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.chapters: list[Chapter] = []
        self.scale: tuple[ScaleOption, ...] = ()
        # (short name, long name, tallies by chapter id, total tally)
        self.rows: list[tuple[str, str, dict[str, Tally], Tally]] = []

    def set_consolidation(self, cons: Consolidation) -> None:
        q = cons.questionnaire
        self.chapters = list(q.chapters) if q and cons.results else []
        self.scale = q.scale if q else ()
        rows = [(r.department.name, r.department.display_name, r.scores.chapters, r.scores.total)
                for r in cons.results]
        if rows:
            rows.append((TOWN, translate("Dashboard", "{0}（提出 {1} 部署の回答をまとめた得点）").format(
                labels.town(), len(rows)), cons.town.chapters, cons.town.total))
        if not rows:
            self._reset([], [])
            return
        department, total = translate("Dashboard", "部署"), translate("Dashboard", "合計")
        self._reset([department, *(short_chapter_label(c) for c in self.chapters), total], rows,
                    [department, *(chapter_label(c) for c in self.chapters),
                     translate("Dashboard", "合計（全項目）")])

    def is_town(self, row: int) -> bool:
        return row == len(self.rows) - 1 and self.rows[row][0] == TOWN

    def tally(self, row: int, column: int) -> Tally | None:
        _short, _long, chapters, total = self.rows[row]
        if column == len(self.headers) - 1:
            return total
        return chapters.get(self.chapters[column - 1].id)

    def cell(self, row: int, column: int, role: int) -> Any:
        short, long, _chapters, _total = self.rows[row]
        if role == Qt.ItemDataRole.FontRole and self.is_town(row):
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return town_name(short)
            if role == Qt.ItemDataRole.ToolTipRole:
                return long
            if role == SORT_ROLE:
                return row
            return None
        tally = self.tally(row, column)
        score = tally.score if tally else None
        if role == Qt.ItemDataRole.DisplayRole:
            return score_text(score)
        if role in (SCORE_ROLE, SORT_ROLE):
            return score if role == SCORE_ROLE or score is not None else -1.0
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(score_color(score))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_CENTER)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{long}\n{self.header_tips[column]}\n{tally_tooltip(tally, self.scale)}"
        return None


class TownLastProxy(QSortFilterProxyModel):
    """Sorts the heat map by a column's score while the 町全体 row stays at the bottom."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        if isinstance(model, HeatMapModel):
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            if model.is_town(left.row()):
                return not ascending
            if model.is_town(right.row()):
                return ascending
        return bool(super().lessThan(left, right))


class TrendModel(_TableModel):
    """Each department's total score per 年度 (following 組織改正), and the town's."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.years: list[int] = []
        self.rows: list[tuple[str, str, dict[int, float | None]]] = []

    def set_trend(self, years: list[int], rows: list[tuple[str, str, dict[int, float | None]]],
                  town: dict[int, float | None]) -> None:
        self.years = list(years)
        all_rows = [r for r in rows if any(v is not None for v in r[2].values())]
        if all_rows:
            all_rows.append((TOWN, TOWN, town))
        headers = [translate("Dashboard", "部署"), *(labels.fiscal_year(y) for y in years)]
        if len(years) > 1:
            headers.append(translate("Dashboard", "前年度比"))
        self._reset(headers if all_rows else [], all_rows)

    def change(self, row: int) -> float | None:
        series = self.rows[row][2]
        if len(self.years) < 2:
            return None
        now, before = series.get(self.years[-1]), series.get(self.years[-2])
        return None if now is None or before is None else now - before

    def cell(self, row: int, column: int, role: int) -> Any:
        name, long, _series = self.rows[row]
        if role == Qt.ItemDataRole.FontRole and name == TOWN and row == len(self.rows) - 1:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if column == 0:
            return town_name(name) if role == Qt.ItemDataRole.DisplayRole \
                else town_name(long) if role == Qt.ItemDataRole.ToolTipRole else None
        if column <= len(self.years):
            score = self.rows[row][2].get(self.years[column - 1])
            if role == Qt.ItemDataRole.DisplayRole:
                return score_text(score)
            if role == SCORE_ROLE:
                return score
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(score_color(score))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#000000"))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(_CENTER)
            return None
        delta = self.change(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return NO_SCORE if delta is None else f"{delta:+.1f}"
        if role == SCORE_ROLE:
            return delta
        if role == Qt.ItemDataRole.ForegroundRole and delta is not None and abs(delta) >= 0.05:
            return QBrush(QColor("#1b6e20" if delta > 0 else "#b00020"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT)
        return None


class FailingItemsModel(_TableModel):
    """The items answered 一部実施 / 未実施 by the most departments."""

    HEADERS = (QT_TRANSLATE_NOOP("Dashboard", "項目"), QT_TRANSLATE_NOOP("Dashboard", "質問"),
               QT_TRANSLATE_NOOP("Dashboard", "章"), QT_TRANSLATE_NOOP("Dashboard", "重要度"),
               QT_TRANSLATE_NOOP("Dashboard", "一部・未実施の部署数 / 対象部署数"),
               QT_TRANSLATE_NOOP("Dashboard", "割合"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[FailingItem] = []
        self._chapters: dict[str, str] = {}
        self._chapter_tips: dict[str, str] = {}
        self._names: dict[str, str] = {}

    def set_items(self, items: list[FailingItem], questionnaire: Questionnaire | None,
                  names: dict[str, str]) -> None:
        chapters = questionnaire.chapters if questionnaire else ()
        self._chapters = {c.id: short_chapter_label(c) for c in chapters}
        self._chapter_tips = {c.id: chapter_label(c) for c in chapters}
        self._names = names
        self._reset([_tr(h) for h in self.HEADERS] if items else [], list(items))

    def cell(self, row: int, column: int, role: int) -> Any:
        f: FailingItem = self.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return (f.item.id, f.item.question, self._chapters.get(f.item.chapter_id, f.item.chapter_id),
                    labels.importance(f.item.importance), f"{f.failing} / {f.answered}", f"{100 * f.rate:.1f}%")[column]
        if role == SCORE_ROLE and column == 5:
            return f.rate
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return f.item.question
            if column == 2:
                return self._chapter_tips.get(f.item.chapter_id, f.item.chapter_id)
            return translate("Dashboard", "一部実施・未実施の部署: ") + labels.separator().join(
                self._names.get(d, d) for d in f.departments)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(_CENTER)
        return None
