"""The auditor window's exports in open formats (報告 menu): the 年度's checklist as an OSCAL catalog and as a
CISO Assistant library, and the 年度's consolidated results as OSCAL assessment-results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ..errors import AppError
from ..usecases import benchmark, reports

if TYPE_CHECKING:
    from .auditor_window import AuditorWindow


class OscalActions(QObject):
    """Three menu actions, each asking where to save and saying what was written (or why not)."""

    def __init__(self, window: AuditorWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.w = window
        for text, handler in ((self.tr("チェックリストを OSCAL カタログで書き出す(&O)…"), self.export_catalog),
                              (self.tr("監査結果を OSCAL で書き出す(&A)…"), self.export_results),
                              (self.tr("チェックリストを CISO Assistant のライブラリで書き出す(&L)…"),
                               self.export_library)):
            act = QAction(text, window)
            act.triggered.connect(handler)
            menu.addAction(act)

    def _where(self, default: str) -> Path | None:
        out = self.w.dialogs.save_file(self.w, self.tr("OSCAL の保存先"), default, "OSCAL JSON (*.json)")
        return Path(out) if out else None

    def export_catalog(self) -> Path | None:
        year = self.w.year()
        out = self._where(self.tr("{0}-チェックリスト-oscal.json").format(year))
        if out is None:
            return None
        try:
            q = reports.write_oscal_catalog(year, out, self.w.session)
        except (AppError, OSError) as exc:
            self.w.dialogs.error(self.w, self.tr("書き出せません"), str(exc))
            return None
        self.w.dialogs.info(self.w, self.tr("書き出しました"), self.tr(
            "OSCAL カタログを書き出しました（{0} 版 {1}、{2} 項目）:\n{3}").format(
                q.title, q.version, len(list(q.items())), out))
        return out

    def export_results(self) -> Path | None:
        year = self.w.year()
        if self.w.is_busy() or not self.w.actor():
            return None
        out = self._where(self.tr("{0}-自己点検結果-oscal.json").format(year))
        if out is None:
            return None
        try:
            written, departments = reports.write_oscal_results(self.w.session, year, out)
        except (AppError, OSError) as exc:
            self.w.dialogs.error(self.w, self.tr("書き出せません"), str(exc))
            return None
        self.w.dialogs.info(self.w, self.tr("書き出しました"), self.tr(
            "OSCAL の評価結果を書き出しました（{0} 部署）:\n{1}").format(departments, written))
        return written

    def export_library(self) -> Path | None:
        year = self.w.year()
        chosen = self.w.dialogs.save_file(self.w, self.tr("CISO Assistant のライブラリの保存先"),
                                          self.tr("{0}-チェックリスト-ciso-assistant.yaml").format(year),
                                          "YAML (*.yaml *.yml)")
        if not chosen:
            return None
        try:
            out, items = benchmark.export_library(year, Path(chosen), self.w.session)
        except (AppError, OSError) as exc:
            self.w.dialogs.error(self.w, self.tr("書き出せません"), str(exc))
            return None
        self.w.dialogs.info(self.w, self.tr("書き出しました"), self.tr(
            "CISO Assistant のライブラリを書き出しました（{0} 項目）:\n{1}").format(items, out))
        return out
