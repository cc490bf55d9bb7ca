"""The auditor's window: import submissions, see who submitted, accept or return them, edit 指摘事項.

Long work (the import of many signed files) runs on a worker thread; while it runs the window's
controls are disabled, so nothing else touches the database at the same time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..services.intake import ImportResult, accept, import_many, submission_files
from ..services.notice import write_return_notice
from ..services.signing import SigningError
from ..services.status_board import STATUS_JA, BoardRow, board, deadline, export_missing, set_deadline
from ..services.submission import SubmissionFileError
from ..services.trust import register_root, registered_roots
from ..services.workspace import Workspace
from ..storage.connection import StoreError
from . import labels
from .appearance import resize_initially, text_width
from .date_edit import DateEdit
from .dialogs import Dialogs
from .findings_editor import FindingsWidget
from .labels import QT_TRANSLATE_NOOP
from .worker import Cancelled, Job, Progress, Worker, single_thread_pool
from .workflow_dialogs import LogDialog, ReasonDialog, TableRow

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_COLORS = {"not_started": "#6b6b6b", "submitted": "#0d47a1", "accepted": "#1b6e20", "returned": "#b00020"}
_STATUS_ORDER = {"not_started": 0, "returned": 1, "submitted": 2, "accepted": 3}
_OVERDUE_BG = QColor("#fde2e1")
_WARN = QColor("#b35c00")
_LATE = QColor("#b00020")
# The outcome of importing one file, shown through translate("AuditorWindow", ...).
OUTCOME_JA = {"imported": QT_TRANSLATE_NOOP("AuditorWindow", "取込"),
              "duplicate": QT_TRANSLATE_NOOP("AuditorWindow", "変更なし"),
              "refused": QT_TRANSLATE_NOOP("AuditorWindow", "拒否"),
              "needs_confirmation": QT_TRANSLATE_NOOP("AuditorWindow", "要確認"),
              "skipped": QT_TRANSLATE_NOOP("AuditorWindow", "未処理")}


def outcome_label(outcome: str) -> str:
    return translate("AuditorWindow", OUTCOME_JA[outcome]) if outcome in OUTCOME_JA else outcome

MISSING_STATUSES = ("not_started", "in_progress", "returned")  # what export_missing writes


class BoardModel(QAbstractTableModel):
    """Every department of the master for a 年度: status, deadline mark, score and signature."""

    HEADERS = (QT_TRANSLATE_NOOP("BoardModel", "部署"), QT_TRANSLATE_NOOP("BoardModel", "機関"),
               QT_TRANSLATE_NOOP("BoardModel", "状態"), QT_TRANSLATE_NOOP("BoardModel", "期限"),
               QT_TRANSLATE_NOOP("BoardModel", "スコア"), QT_TRANSLATE_NOOP("BoardModel", "版"),
               QT_TRANSLATE_NOOP("BoardModel", "提出日時"), QT_TRANSLATE_NOOP("BoardModel", "署名"),
               QT_TRANSLATE_NOOP("BoardModel", "署名者"), QT_TRANSLATE_NOOP("BoardModel", "承認者"),
               QT_TRANSLATE_NOOP("BoardModel", "ファイル"))
    COL_STATUS, COL_DEADLINE, COL_SCORE, COL_VERSION, COL_SIGNATURE = 2, 3, 4, 5, 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[BoardRow] = []
        self.due: date | None = None

    def set_rows(self, rows: list[BoardRow], due: date | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.due = due
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

    def _display(self, r: BoardRow, col: int) -> str:
        values = (r.name, r.body, labels.board_status(r.status), self.deadline_mark(r),
                  "" if r.score is None else f"{r.score:.1f}",
                  self.tr("第{0}版").format(r.version) if r.version else "",
                  (r.submitted_at or "")[:16].replace("T", " "), labels.signature(r.signature),
                  r.signer or "", r.approver or "", r.file_name or "")
        return values[col]

    def _tooltip(self, r: BoardRow, col: int) -> str | None:
        due = self.due.isoformat() if self.due else ""
        if col == self.COL_DEADLINE and r.overdue:
            if r.status == "not_started":
                return self.tr("期限超過: 提出期限（{0}）を過ぎても提出がありません。").format(due)
            return self.tr("期限後提出: 提出期限（{0}）の後に提出されました。").format(due)
        if col == self.COL_SIGNATURE and r.signature:
            return labels.signature_tip(r.signature) or None
        return None

    def _sort_key(self, r: BoardRow, col: int) -> Any:
        if col == self.COL_STATUS:
            return _STATUS_ORDER.get(r.status, 0)
        if col == self.COL_SCORE:
            return -1.0 if r.score is None else r.score
        if col == self.COL_VERSION:
            return r.version or 0
        return self._display(r, col)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, col)
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue:
            return QBrush(_OVERDUE_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.COL_STATUS:
                return QBrush(QColor(_COLORS.get(r.status, "#000000")))
            if col == self.COL_DEADLINE:
                return QBrush(_LATE)
            if col == self.COL_SIGNATURE and r.signature not in (None, "valid"):
                return QBrush(_WARN)
        if role == Qt.ItemDataRole.FontRole and (col == self.COL_DEADLINE
                                                 or (col == self.COL_SIGNATURE and r.signature not in (None, "valid"))):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_SCORE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


def board_summary(rows: list[BoardRow]) -> str:
    """The counts line above the board (rich text: warnings in colour)."""
    n = {k: sum(r.status == k for r in rows) for k in STATUS_JA}
    overdue = sum(r.overdue and r.status == "not_started" for r in rows)
    late = sum(r.overdue and r.status != "not_started" for r in rows)
    parts = [translate("BoardModel", "全 {0} 部署").format(len(rows)),
             translate("BoardModel", "提出済 {0}").format(n["submitted"]),
             translate("BoardModel", "受理 {0}").format(n["accepted"]),
             translate("BoardModel", "差戻し {0}").format(n["returned"]),
             translate("BoardModel", "未提出 {0}").format(n["not_started"])
             + (translate("BoardModel", "（うち期限超過 {0}）").format(overdue) if overdue else "")]
    warnings = [translate("BoardModel", "期限後提出 {0}").format(late) if late else "",
                *(f"{labels.signature(s)} {c}" for s in ("unsigned", "untrusted")
                  if (c := sum(r.signature == s for r in rows)))]
    gap = translate("BoardModel", "　")
    text = gap.join(escape(p) for p in parts)
    shown = [escape(w) for w in warnings if w]
    if shown:
        text += f"{gap}<span style='color:{_WARN.name()}; font-weight:bold'>" + gap.join(shown) + "</span>"
    return text


# -- import ---------------------------------------------------------------------------------------


@dataclass
class ImportRun:
    """What one import job did; ``skipped`` are the files left when the user cancelled."""

    results: list[ImportResult]
    skipped: list[Path] = field(default_factory=list)


def run_import(ws: Workspace, paths: list[Path], *, actor: str, trust_roots: list[Any], progress: Progress,
               confirm_changes: bool = False) -> ImportRun:
    """Import file by file, reporting each; on cancel, hand back what was done (Qt-free: runs on a worker)."""
    files = submission_files(paths)
    done: list[ImportResult] = []
    try:
        for i, f in enumerate(files):
            progress(i, len(files), f.name)
            done.extend(import_many(ws, [f], actor=actor, trust_roots=trust_roots, confirm_changes=confirm_changes))
        progress(len(files), len(files), "")
    except Cancelled:
        return ImportRun(done, files[len(done):])
    return ImportRun(done)


def _local_paths(mime: QMimeData) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


def _detail(r: ImportResult) -> str:
    prefix = f"{r.path.name}: "
    text = r.message[len(prefix):] if r.message.startswith(prefix) else r.message
    return "\n".join([text, *(translate("AuditorWindow", "注意: {0}").format(w) for w in r.warnings)])


class AuditorWindow(QMainWindow):
    """監査担当: the submissions of every department for a 年度, and the 指摘事項."""

    import_done = Signal(list)  # every file's final ImportResult, after confirmations
    refreshed = Signal(int)  # the 年度 shown, after the database was read again

    def __init__(self, workspace: Workspace, dialogs: Dialogs | None = None, user: str = "") -> None:
        super().__init__()
        self.workspace = workspace
        self.dialogs = dialogs or Dialogs()
        self.user = user or workspace.store.get_setting("user_name", "") or ""
        self.pool = single_thread_pool(self)
        self.worker: Worker | None = None
        self._busy_text = ""
        self.setWindowTitle(self.tr("瑞穂町 情報セキュリティ自己点検 — 監査担当"))
        resize_initially(self, 1280, 760)
        self.setAcceptDrops(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(self.tr("年度"))
        years = set(workspace.years()) | {f.fiscal_year for f in workspace.store.findings()}
        for y in sorted(years):
            self.year_combo.addItem(labels.fiscal_year_choice(y), y)
        self.year_combo.setCurrentIndex(self.year_combo.count() - 1)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        year_label = QLabel(self.tr("年度(&Y):"))
        year_label.setBuddy(self.year_combo)
        top.addWidget(year_label)
        top.addWidget(self.year_combo)
        hint = QLabel(self.tr("提出ファイル（PDF・JSON）やフォルダーをこの画面にドラッグしても取り込めます。"))
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)  # shrinks (onto more lines) before the buttons do
        hint.setMinimumWidth(text_width(hint, "M" * 12))
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(hint, 1)
        self.import_files_button = QPushButton(self.tr("提出ファイルを取り込む(&I)…"))
        self.import_files_button.clicked.connect(self.import_files)
        self.import_folder_button = QPushButton(self.tr("フォルダから取り込む(&F)…"))
        self.import_folder_button.clicked.connect(self.import_folder)
        top.addWidget(self.import_files_button)
        top.addWidget(self.import_folder_button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_board_tab(), self.tr("提出状況(&1)"))
        self.findings = FindingsWidget(workspace, self.dialogs, self.actor)
        self.findings.carried.connect(self._add_year)
        self.tabs.addTab(self.findings, self.tr("指摘事項(&2)"))
        from .dashboard import DashboardWidget

        self.dashboard = DashboardWidget(workspace)
        self.tabs.addTab(self.dashboard, self.tr("集計・分析(&3)"))
        self.refreshed.connect(self.dashboard.set_year)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        menu = self.menuBar().addMenu(self.tr("管理(&A)"))
        for text, handler in ((self.tr("操作履歴(&L)…"), self.show_log),
                              (self.tr("信頼する証明書の登録(&T)…"), self.add_trust_root),
                              (self.tr("監査担当者の名前(&N)…"), self.change_user)):
            act = QAction(text, self)
            act.triggered.connect(handler)
            menu.addAction(act)
        from .backup_actions import BackupActions

        self.backup_actions = BackupActions(self, workspace, self.dialogs, menu, reload=self.refresh,
                                            settle=self.findings.maybe_save)
        from .auditor_reports import AuditorReports

        self.reports = AuditorReports(self)
        from .view_menu import ViewMenu

        self.view_menu = ViewMenu(self, self.dialogs)
        from .help_menu import HelpMenu

        self.help_menu = HelpMenu(self)
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("取込の進み具合"))
        self.cancel_button = QPushButton(self.tr("取り消す"))
        self.cancel_button.clicked.connect(self.cancel_job)
        self._fit_progress_bar()
        for w in (self.progress_bar, self.cancel_button):
            self.statusBar().addPermanentWidget(w)
            w.hide()
        self._ready_message = self.tr("監査担当用データベース: {0}").format(workspace.store.path)
        self.statusBar().showMessage(self._ready_message)
        self.refresh()

    def _build_board_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        row = QHBoxLayout()
        self.deadline_edit = DateEdit()
        self.deadline_edit.setAccessibleName(self.tr("提出期限"))
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
        label = QLabel(self.tr("提出期限(&D):"))
        label.setBuddy(self.deadline_edit)
        self.deadline_button = QPushButton(self.tr("期限を設定"))
        self.deadline_button.clicked.connect(self.apply_deadline)
        self.deadline_label = QLabel()
        self.export_missing_button = QPushButton(self.tr("未提出の部署を書き出す(&E)…"))
        self.export_missing_button.clicked.connect(self.export_missing_csv)
        self.accept_button = QPushButton(self.tr("受理(&A)"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.return_button = QPushButton(self.tr("差戻し(&R)…"))
        self.return_button.clicked.connect(self.return_selected)
        for w in (label, self.deadline_edit, self.deadline_button, self.deadline_label):
            row.addWidget(w)
        row.addStretch(1)
        for w in (self.export_missing_button, self.accept_button, self.return_button):
            row.addWidget(w)
        v.addLayout(row)
        self.summary = QLabel("")
        self.summary.setAccessibleName(self.tr("提出状況の集計"))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        self.model = BoardModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("提出状況"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # one line per department; long file names are elided
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the master's order until a header is clicked
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(self._show_findings)
        v.addWidget(self.table, 1)
        return page

    def year(self) -> int:
        return int(self.year_combo.currentData())

    def _add_year(self, year: int) -> None:
        if self.year_combo.findData(year) < 0:
            self.year_combo.addItem(labels.fiscal_year_choice(year), year)

    def _show_findings(self, index: QModelIndex) -> None:
        row = self.selected()
        if row is not None:
            self.findings.show_department(row.department)
        self.tabs.setCurrentWidget(self.findings)

    def refresh(self) -> None:
        if self.is_busy():
            return  # the worker owns the database until it reports back
        year = self.year()
        due = deadline(self.workspace, year)
        self.model.set_rows(board(self.workspace, year), due)
        self.summary.setText(board_summary(self.model.rows))
        if due:
            self.deadline_edit.setDate(QDate(due.year, due.month, due.day))
            self.deadline_label.setText(self.tr("（{0}まで）").format(labels.long_date(due)))
        else:
            today = date.today()
            self.deadline_edit.setDate(QDate(today.year, today.month, today.day))
            self.deadline_label.setText(self.tr("（未設定）"))
        self.findings.set_year(year)
        self.refreshed.emit(year)

    def selected(self) -> BoardRow | None:
        idx = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.rows[idx.row()] if idx.isValid() else None

    def select_department(self, department_id: str) -> None:
        for i, r in enumerate(self.model.rows):
            if r.department == department_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(i, 0)).row())
                return

    def change_user(self) -> bool:
        name = self.dialogs.ask_text(self, self.tr("監査担当者の名前"),
                                     self.tr("監査担当者の名前を入力してください（記録に残ります）:"), self.user)
        if not name:
            return False
        self.user = name
        self.workspace.store.set_setting("user_name", name)
        return True

    def actor(self) -> str | None:
        """The auditor's name for the log, asked once."""
        return self.user if self.user or self.change_user() else None

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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None:
            self.worker.cancel()
        self.pool.waitForDone()
        self.findings.maybe_save()
        super().closeEvent(event)

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

    def import_paths(self, paths: list[Path]) -> Worker | None:
        """Import files and folders on the worker; when done, confirm re-submissions and show every outcome.

        Returns the worker (its ``signals.finished`` fires after the first pass); ``import_done``
        fires once everything is settled."""
        if self.is_busy() or (not self.user and not self.change_user()):
            return None
        ws, actor, roots = self.workspace, self.user, registered_roots()

        def job(progress: Progress) -> ImportRun:
            return run_import(ws, paths, actor=actor, trust_roots=roots, progress=progress)

        def first_pass(run: object) -> None:
            assert isinstance(run, ImportRun)
            self._set_busy(False)
            confirmed = [r.path for r in run.results if r.outcome == "needs_confirmation" and self._confirm(r)]
            if not confirmed:
                self._import_finished(run, None)
                return

            def again(progress: Progress) -> ImportRun:
                return run_import(ws, confirmed, actor=actor, trust_roots=roots, progress=progress,
                                  confirm_changes=True)

            self._start(again, self.tr("確認した再提出を取り込んでいます"),
                        lambda second: self._import_finished(run, second if isinstance(second, ImportRun) else None))

        return self._start(job, self.tr("提出ファイルを取り込んでいます"), first_pass)

    def _change_value(self, year: int, field_name: str, value: str) -> str:
        if field_name == "rating" and value:
            q = self.workspace.catalog.for_year(year)
            try:
                return q.option(value).label if q else value
            except KeyError:
                return value
        return value

    def _confirm(self, r: ImportResult) -> bool:
        """Show a changed re-submission as a diff; True when the auditor takes it in."""
        rows = [TableRow((d.item_id, labels.field(d.field),
                          self._change_value(r.fiscal_year, d.field, d.old),
                          self._change_value(r.fiscal_year, d.field, d.new)), key=d.item_id,
                         tooltips=("", "", d.old, d.new)) for d in r.changes]
        try:
            name = self.workspace.department(r.department_id).name
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
        self.import_done.emit(final)

    def _show_results(self, results: list[ImportResult], skipped: list[Path]) -> None:
        if not results and not skipped:
            self.dialogs.info(self, self.tr("取込の結果"),
                              self.tr("取り込むファイル（.pdf / .json）がありませんでした。"))
            return
        names = {d.id: d.name for d in self.workspace.departments()}
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

    # -- status board -----------------------------------------------------------------------
    def apply_deadline(self) -> None:
        d = self.deadline_edit.date()
        day = date(d.year(), d.month(), d.day())
        year = self.year()
        if deadline(self.workspace, year) == day or self.actor() is None:
            return
        set_deadline(self.workspace, year, day, self.user)
        self.refresh()
        self.statusBar().showMessage(self.tr("{0}年度の提出期限を {1} にしました（操作履歴に記録しました）。").format(
            year, day.isoformat()), 8000)

    def export_missing_csv(self) -> Path | None:
        rows = self.model.rows
        missing = [r for r in rows if r.status in MISSING_STATUSES]
        if not missing:
            self.dialogs.info(self, self.tr("未提出の部署"), self.tr("未提出の部署はありません。"))
            return None
        out = self.dialogs.save_file(self, self.tr("未提出の部署の書き出し"),
                                     self.tr("{0}年度-未提出の部署.csv").format(self.year()), "CSV (*.csv)")
        if not out:
            return None
        path = Path(out) if Path(out).suffix.lower() == ".csv" else Path(out + ".csv")
        try:
            export_missing(rows, path)
        except OSError as exc:
            self.dialogs.error(self, self.tr("書き出せません"), f"{path}: {exc.strerror or exc}")
            return None
        self.statusBar().showMessage(self.tr("未提出の {0} 部署を書き出しました: {1}").format(len(missing), path), 8000)
        return path

    # -- decisions --------------------------------------------------------------------------
    def accept_selected(self) -> None:
        row = self.selected()
        if row is None or row.received_id is None:
            self.dialogs.info(self, self.tr("受理"), self.tr("提出済みの部署を選んでください。"))
            return
        if not self.user and not self.change_user():
            return
        try:
            accept(self.workspace, row.department, self.year(), self.user)
        except (StoreError, SubmissionFileError) as exc:
            self.dialogs.error(self, self.tr("受理できません"), str(exc))
        self.refresh()

    def return_selected(self) -> None:
        row = self.selected()
        if row is None or row.received_id is None:
            self.dialogs.info(self, self.tr("差戻し"), self.tr("提出済みの部署を選んでください。"))
            return
        if not self.user and not self.change_user():
            return
        dialog = ReasonDialog(self.tr("差戻し"),
                              self.tr("{0} の提出を差し戻します。理由は部署に渡す差戻し通知に書かれ、"
                                      "操作履歴に残ります。").format(row.name), self, ok_text=self.tr("差し戻す"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        out = self.dialogs.save_file(self, self.tr("差戻し通知の保存先"),
                                     self.tr("{0}-{1}-差戻し通知.pdf").format(self.year(), row.department),
                                     "PDF (*.pdf)")
        if not out:
            return
        p12 = self.dialogs.open_file(self, self.tr("署名に使う証明書（取消で署名なし）"), "PKCS#12 (*.p12 *.pfx)")
        secret = self.dialogs.ask_secret(self, self.tr("証明書のパスフレーズ"),
                                         self.tr("パスフレーズ:")) if p12 else None
        received = next(r for r in self.workspace.store.received(self.year(), row.department))
        try:
            write_return_notice(self.workspace, received, dialog.reason(), Path(out), actor=self.user,
                                p12=Path(p12) if p12 else None, passphrase=secret.encode() if secret else None)
        except (StoreError, SigningError, OSError) as exc:
            self.dialogs.error(self, self.tr("差し戻せません"), str(exc))
        self.refresh()

    # -- administration ----------------------------------------------------------------------
    def show_log(self) -> None:
        store = self.workspace.store
        LogDialog(store.log_entries(), store.verify_log,
                  lambda name: self.dialogs.save_file(self, self.tr("操作履歴の書き出し"), name, "CSV (*.csv)"),
                  self).exec()

    def add_trust_root(self) -> None:
        path = self.dialogs.open_file(self, self.tr("信頼する証明書"), self.tr("証明書 (*.pem *.crt *.cer *.der)"))
        if path:
            try:
                names = register_root(Path(path))
            except SigningError as exc:
                self.dialogs.error(self, self.tr("登録できません"), str(exc))
                return
            self.dialogs.info(self, self.tr("登録しました"), "\n".join(names))
