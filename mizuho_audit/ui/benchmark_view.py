"""The dashboard's 他団体との比較 tab: where the town stands per chapter among the other towns whose score
packs were imported (the town's score, their median, the town's percentile, how many towns) and against its
own previous 年度, with the button that imports packs. The numbers come from :mod:`usecases.benchmark`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import AppError
from ..usecases import benchmark
from ..usecases.benchmark import Comparison
from ..usecases.intake import Consolidation
from ..usecases.session import Session
from . import labels
from .dashboard_models import SCORE_ROLE, _TableModel, score_color, score_text, translate
from .dialogs import Dialogs
from .labels import QT_TRANSLATE_NOOP

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _tr(text: str) -> str:
    return translate("BenchmarkView", text)


_SIGNATURE_WORDS = {"verified": QT_TRANSLATE_NOOP("BenchmarkView", "署名あり/検証済"),
                    "untrusted": QT_TRANSLATE_NOOP("BenchmarkView", "署名あり/発行元を信頼していません"),
                    "unsigned": QT_TRANSLATE_NOOP("BenchmarkView", "署名なし")}
_HEADERS = (QT_TRANSLATE_NOOP("BenchmarkView", "章"), QT_TRANSLATE_NOOP("BenchmarkView", "町の得点"),
            QT_TRANSLATE_NOOP("BenchmarkView", "他団体の中央値"), QT_TRANSLATE_NOOP("BenchmarkView", "パーセンタイル"),
            QT_TRANSLATE_NOOP("BenchmarkView", "団体数"), QT_TRANSLATE_NOOP("BenchmarkView", "前年度"),
            QT_TRANSLATE_NOOP("BenchmarkView", "増減"))
_TIPS = (QT_TRANSLATE_NOOP("BenchmarkView", "章"), QT_TRANSLATE_NOOP("BenchmarkView", "町の得点"),
         QT_TRANSLATE_NOOP("BenchmarkView", "取り込んだ他団体の得点の中央値"),
         QT_TRANSLATE_NOOP("BenchmarkView", "他団体のうち町より得点の低い団体の割合（同点は半分と数える）"),
         QT_TRANSLATE_NOOP("BenchmarkView", "得点のある他団体の数"),
         QT_TRANSLATE_NOOP("BenchmarkView", "前年度の町の得点（町自身の前年度の得点パック、なければこのデータベース）"),
         QT_TRANSLATE_NOOP("BenchmarkView", "前年度からの増減"))


def signature_label(status: str) -> str:
    """How a pack's signature was found, in the user's language."""
    return _tr(_SIGNATURE_WORDS[status]) if status in _SIGNATURE_WORDS else status


class ComparisonModel(_TableModel):
    """One row per chapter (the whole town first): 町の得点, 他団体の中央値, パーセンタイル, 団体数, 前年度, 増減."""

    def set_comparison(self, comparison: Comparison | None) -> None:
        self._reset([_tr(h) for h in _HEADERS], list(comparison.rows) if comparison else [],
                    [_tr(t) for t in _TIPS])

    def cell(self, row: int, column: int, role: int) -> Any:
        r = self.rows[row]
        values = [None, r.own, r.median, r.percentile, r.towns, r.previous, r.change]
        value = values[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{r.chapter_id} {r.title}" if r.chapter_id else labels.town()
            if column == 4:
                return str(r.towns)
            if column == 6:
                return "—" if value is None else f"{value:+.1f}"
            return score_text(value)
        if role == SCORE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and column in (1, 2, 5):
            return QBrush(score_color(value))
        if role == Qt.ItemDataRole.ForegroundRole and column in (1, 2, 5):
            return QBrush(QColor("black"))
        return None


class BenchmarkView(QWidget):
    """The comparison table of one 年度 and the import of packs."""

    def __init__(self, session: Session, dialogs: Dialogs | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialogs = dialogs or Dialogs()
        self.year: int | None = None
        self.comparison: Comparison | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.import_button = QPushButton(self.tr("得点パックを取り込む…"))
        self.import_button.setAccessibleName(self.tr("他団体の得点パックを取り込む"))
        self.import_button.clicked.connect(self.import_packs)
        top.addWidget(self.import_button)
        self.export_button = QPushButton(self.tr("得点パックを書き出す…"))
        self.export_button.setAccessibleName(self.tr("この年度の得点パックを書き出す"))
        self.export_button.clicked.connect(self.export_pack)
        top.addWidget(self.export_button)
        for button in (self.import_button, self.export_button):
            button.setEnabled(not session.read_only)
        layout.addLayout(top)
        self.model = ComparisonModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("他団体との比較"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        self.notes = QLabel("")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)

    def set_year(self, year: int, cons: Consolidation | None = None) -> None:
        self.year = year
        self.comparison = benchmark.compare(self.session, year, cons=cons)
        self.model.set_comparison(self.comparison)
        header = self.table.horizontalHeader()
        if self.model.columnCount():
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for col in range(1, self.model.columnCount()):
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.summary.setText(self._summary_text(self.comparison))
        self.notes.setText(self._notes_text(self.comparison))

    def _summary_text(self, c: Comparison) -> str:
        label = labels.fiscal_year(c.year)
        if not c.peers:
            return self.tr("{0}: 他団体の得点パックはまだ取り込まれていません。他団体から受け取った得点パック（JSON）を"
                           "取り込むと、章ごとに町の位置（中央値・パーセンタイル）を示します。").format(label)
        towns = self.tr("、").join(f"{p.town}（{signature_label(p.signature_status)}）" for p in c.peers)
        return self.tr("{0}: 比べる団体 {1}: {2}").format(label, len(c.peers), towns)

    def _notes_text(self, c: Comparison) -> str:
        notes = []
        if c.previous_source == "pack":
            notes.append(self.tr("前年度は町自身の前年度の得点パックの得点です。"))
        elif c.previous_source == "database":
            notes.append(self.tr("前年度はこのデータベースの前年度の得点です。"))
        if c.differing:
            notes.append(self.tr("注意: {0} の得点パックは別のチェックリストで作られています。"
                                 "章は番号で比べていますが、内容が異なる場合があります。"
                                 ).format(self.tr("、").join(c.differing)))
        return " ".join(notes)

    def export_pack(self) -> None:
        """The 年度's score pack for other towns: where to, and (optionally) the certificate to sign it with."""
        if self.year is None:
            return
        out = self.dialogs.save_file(self, self.tr("得点パックの保存先"),
                                     self.tr("{0}-得点パック.json").format(self.year), self.tr("得点パック (*.json)"))
        if not out:
            return
        p12 = self.dialogs.open_file(self, self.tr("署名に使う証明書（取消で署名なし）"), "PKCS#12 (*.p12 *.pfx)")
        secret = self.dialogs.ask_secret(self, self.tr("証明書のパスフレーズ"),
                                         self.tr("パスフレーズ:")) if p12 else None
        try:
            done = benchmark.export_pack(self.session, self.year, Path(out), p12=Path(p12) if p12 else None,
                                         passphrase=secret.encode() if secret else None)
        except (AppError, OSError) as exc:
            self.dialogs.error(self, self.tr("得点パックを書き出せません"), str(exc))
            return
        signed = self.tr("分離署名: {0}").format(done.signature.name) if done.signature else \
            self.tr("署名なし（受け取った団体は改ざんを確かめられません）")
        self.dialogs.info(self, self.tr("得点パックの書き出し"), self.tr("{0} を書き出しました。{1}").format(
            done.out.name, signed))

    def import_packs(self) -> None:
        files = self.dialogs.open_files(self, self.tr("得点パックを選ぶ"), self.tr("得点パック (*.json)"))
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path]) -> None:
        lines: list[str] = []
        failed: list[str] = []
        for path in paths:
            try:
                got = benchmark.import_pack(self.session, path)
            except AppError as exc:
                failed.append(str(exc))
                continue
            done = self.tr("取り込みました") if got.outcome == "imported" else self.tr("取込済み")
            line = self.tr("{0}: {1}（{2}・{3}、{4}）").format(path.name, done, got.town,
                                                          labels.fiscal_year(got.year),
                                                          signature_label(got.signature.status))
            if got.other_questionnaire:
                line += self.tr("。別のチェックリストで作られています（章は番号で比べます）")
            lines.append(line)
        if self.year is not None:
            self.set_year(self.year)
        if failed:
            self.dialogs.error(self, self.tr("取り込めない得点パックがあります"), "\n".join(failed),
                               "\n".join(lines))
        elif lines:
            self.dialogs.info(self, self.tr("得点パックの取込"), "\n".join(lines))
