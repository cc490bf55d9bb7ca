"""The auditor window's import: jobs on the worker thread (progress, cancel), files chosen or dropped,
re-submissions confirmed as a diff, and every file's outcome shown in a table.

Module-level texts are in the ``AuditorWindow`` translation context; the window's own (``self.tr``) in
``ImportingWindow``'s, which Qt looks up after ``AuditorWindow``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QThreadPool, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QComboBox, QMainWindow, QProgressBar, QPushButton, QTabWidget

from ..usecases.intake import ImportResult
from ..usecases.session import Session
from . import labels
from .appearance import text_width
from .dialogs import Dialogs
from .labels import QT_TRANSLATE_NOOP
from .worker import Job, Worker
from .workflow_dialogs import TableRow

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

# The outcome of importing one file, shown through translate("AuditorWindow", ...).
OUTCOME_JA = {"imported": QT_TRANSLATE_NOOP("AuditorWindow", "取込"),
              "duplicate": QT_TRANSLATE_NOOP("AuditorWindow", "変更なし"),
              "refused": QT_TRANSLATE_NOOP("AuditorWindow", "拒否"),
              "needs_confirmation": QT_TRANSLATE_NOOP("AuditorWindow", "要確認"),
              "skipped": QT_TRANSLATE_NOOP("AuditorWindow", "未処理")}


def outcome_label(outcome: str) -> str:
    return translate("AuditorWindow", OUTCOME_JA[outcome]) if outcome in OUTCOME_JA else outcome


@dataclass
class ImportRun:
    """What one import job did; ``skipped`` are the files left when the user cancelled."""

    results: list[ImportResult]
    skipped: list[Path] = field(default_factory=list)


def _local_paths(mime: QMimeData) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


def _detail(r: ImportResult) -> str:
    prefix = f"{r.path.name}: "
    text = r.message[len(prefix):] if r.message.startswith(prefix) else r.message
    return "\n".join([text, *(translate("AuditorWindow", "注意: {0}").format(w) for w in r.warnings)])


class ImportingWindow(QMainWindow):
    """The part of :class:`~.auditor_window.AuditorWindow` that runs jobs and imports submission files.

    The window builds the widgets named below; ``import_paths`` starts an import (see the window)."""

    import_done = Signal(list)  # every file's final ImportResult, after confirmations

    session: Session
    dialogs: Dialogs
    user: str
    pool: QThreadPool
    worker: Worker | None
    tabs: QTabWidget
    year_combo: QComboBox
    import_files_button: QPushButton
    import_folder_button: QPushButton
    progress_bar: QProgressBar
    cancel_button: QPushButton
    _busy_text: str
    _ready_message: str

    def refresh(self) -> None:
        raise NotImplementedError

    def import_paths(self, paths: list[Path]) -> Worker | None:
        raise NotImplementedError

    # -- jobs on the worker thread -----------------------------------------------------------------
    def is_busy(self) -> bool:
        return self.worker is not None and not self.worker.is_done()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.tabs.setEnabled(not busy)
        for w in (self.year_combo, self.import_files_button, self.import_folder_button):
            w.setEnabled(not busy)
        self.menuBar().setEnabled(not busy)
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.progress_bar.setRange(0, 0)  # busy indicator until the first report
        self.statusBar().showMessage(text if busy else self._ready_message)
        self._busy_text = text

    def _start(self, job: Job, text: str, on_finished: Callable[[object], None]) -> Worker:
        self.pool.waitForDone()  # the previous job has left run() (its signals can arrive just before)
        worker = Worker(job)
        worker.signals.progress.connect(self._on_progress)
        worker.signals.finished.connect(on_finished)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.cancelled.connect(self._on_cancelled)
        self.worker = worker
        self._set_busy(True, text)
        self.pool.start(worker)
        return worker

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        if text and not (self.worker and self.worker.is_cancelled()):
            self.statusBar().showMessage(self.tr("{0}（{1}/{2}）: {3}").format(
                self._busy_text, min(done + 1, total), total, text))

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.refresh()
        self.dialogs.error(self, self.tr("処理できませんでした"), message)

    def _on_cancelled(self) -> None:
        self._set_busy(False)
        self.refresh()
        self.statusBar().showMessage(self.tr("取り消しました。"), 5000)

    def cancel_job(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.statusBar().showMessage(self.tr("取り消しています（処理中のファイルが終わると止まります）…"))

    def _fit_progress_bar(self) -> None:
        """The import's progress bar wide enough for its busy text in the current font."""
        self.progress_bar.setFixedWidth(text_width(self.progress_bar, "M" * 24) + 40)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "progress_bar"):  # 表示 → 文字の大きさ
            self._fit_progress_bar()

    # -- import -----------------------------------------------------------------------------
    def import_files(self) -> None:
        files = self.dialogs.open_files(self, self.tr("提出ファイルを選ぶ"),
                                        self.tr("提出ファイル・Excel 回答用紙 (*.pdf *.json *.xlsx)"))
        if files:
            self.import_paths([Path(f) for f in files])

    def import_folder(self) -> None:
        folder = self.dialogs.open_folder(self, self.tr("提出ファイルのフォルダを選ぶ"))
        if folder:
            self.import_paths([Path(folder)])

    def _accept_drag(self, event: QDragMoveEvent) -> None:
        if not self.is_busy() and _local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData())
        if self.is_busy() or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # Not inside the drop: on Windows the drag's own loop is still running and a dialog would hang it.
        QTimer.singleShot(0, lambda: self.import_paths(paths))

    def _change_value(self, year: int, field_name: str, value: str) -> str:
        if field_name == "rating" and value:
            q = self.session.questionnaire_for_year(year)
            try:
                return q.option(value).label if q else value
            except KeyError:
                return value
        return value

    def _confirm(self, r: ImportResult) -> bool:
        """Show a changed re-submission as a diff (or, for a workbook with problems that lose no answer,
        the problems); True when the auditor takes it in."""
        if not r.changes:
            text = r.message + "".join("\n" + self.tr("注意: {0}").format(w) for w in r.warnings)
            return self.dialogs.question(self, self.tr("取込の確認"), text + "\n" + self.tr("取り込みますか。"))
        rows = [TableRow((d.item_id, labels.field(d.field),
                          self._change_value(r.fiscal_year, d.field, d.old),
                          self._change_value(r.fiscal_year, d.field, d.new)), key=d.item_id,
                         tooltips=("", "", d.old, d.new)) for d in r.changes]
        try:
            name = self.session.department(r.department_id).name
        except KeyError:
            name = r.department_id
        text = (self.tr("{0} の{1}年度の提出（{2}）は再提出で、前に取り込んだ版から "
                        "{3} か所が変わっています。取り込むと新しい版になり、前の版は履歴に残ります。").format(
                    name, r.fiscal_year, r.path.name, len(r.changes))
                + "".join("\n" + self.tr("注意: {0}").format(w) for w in r.warnings))
        headers = (self.tr("項目"), self.tr("欄"), self.tr("変更前"), self.tr("変更後"))
        return self.dialogs.confirm_table(self, self.tr("再提出の確認"), text, headers, rows,
                                          ok_text=self.tr("取り込む"), cancel_text=self.tr("取り込まない"))

    def _import_finished(self, first: ImportRun, second: ImportRun | None) -> None:
        self._set_busy(False)
        redone = {r.path: r for r in second.results} if second else {}
        final = [redone.get(r.path, r) for r in first.results]
        self.refresh()  # the board and the findings
        self._show_results(final, first.skipped + (second.skipped if second else []))
        excepted = self._offer_exceptions(final)
        if excepted:
            final = [excepted.get(r.path, r) for r in final]
            self.refresh()
        self.import_done.emit(final)

    def _offer_exceptions(self, results: list[ImportResult]) -> dict[Path, ImportResult]:
        """A file refused for its signature alone (not trusted, signer not registered, unsigned over signed)
        may be taken deliberately, with a reason that the log and the report keep."""
        from PySide6.QtWidgets import QDialog

        from ..usecases import intake
        from .workflow_dialogs import ReasonDialog

        taken: dict[Path, ImportResult] = {}
        for r in results:
            if r.outcome != "refused" or not r.can_be_excepted:
                continue
            dialog = ReasonDialog(
                self.tr("例外として取り込む"),
                self.tr("{0} は取り込まれませんでした。\n{1}\n\n確かめたうえで取り込む必要があるときは、"
                        "理由を書いて例外として取り込めます。理由は操作履歴と監査報告書に残ります。").format(
                    r.path.name, r.message),
                self, ok_text=self.tr("例外として取り込む"))
            if self.dialogs.exec(dialog) != QDialog.DialogCode.Accepted:
                continue
            [got] = intake.import_files(self.session, [r.path], exception_reason=dialog.reason(), confirm_changes=True)
            taken[r.path] = got
            if got.outcome != "imported":
                self.dialogs.error(self, self.tr("取り込めません"), got.message)
        return taken

    def _show_results(self, results: list[ImportResult], skipped: list[Path]) -> None:
        if not results and not skipped:
            self.dialogs.info(self, self.tr("取込の結果"),
                              self.tr("取り込むファイル（.pdf / .json）がありませんでした。"))
            return
        names = {d.id: d.name for d in self.session.departments()}
        rows = []
        for r in results:
            detail = _detail(r)
            if r.outcome == "needs_confirmation":
                detail += "\n" + self.tr("取り込んでいません（もう一度取り込み、変更を確認すると取り込めます）。")
            elif r.outcome == "imported" and r.changes:
                detail += "\n" + self.tr("再提出の変更 {0} か所を確認して取り込みました。").format(len(r.changes))
            rows.append(TableRow((r.path.name, outcome_label(r.outcome), names.get(r.department_id, r.department_id),
                                  labels.signature(r.signature), detail),
                                 tooltips=(str(r.path), "", "", labels.signature_tip(r.signature), detail)))
        for p in skipped:
            rows.append(TableRow((p.name, outcome_label("skipped"), "", "",
                                  self.tr("取り消したため処理していません。")),
                                 tooltips=(str(p), "", "", "", "")))
        counts = {k: sum(r.outcome == k for r in results) for k in OUTCOME_JA}
        counts["skipped"] = len(skipped)
        text = self.tr("{0} 件のファイル: ").format(len(rows)) + self.tr("　").join(
            f"{outcome_label(k)} {v}" for k, v in counts.items() if v)
        if counts["refused"]:
            text += "\n" + self.tr("拒否したファイルは何も変えていません。"
                                    "理由を確かめ、部署に出し直しを依頼してください。")
        marked = [i for i, r in enumerate(results) if r.outcome in ("refused", "needs_confirmation")]
        headers = (self.tr("ファイル"), self.tr("結果"), self.tr("部署"), self.tr("署名"), self.tr("内容"))
        self.dialogs.show_table(self, self.tr("取込の結果"), text, headers, rows, highlighted=marked)
