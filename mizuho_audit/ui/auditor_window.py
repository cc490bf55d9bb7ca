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
    QDate,
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
    QDateEdit,
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

from ..domain.assessment import FIELD_LABELS
from ..domain.wareki import fiscal_year_label, wareki_date
from ..services.intake import ImportResult, accept, import_many, submission_files
from ..services.notice import write_return_notice
from ..services.signing import SigningError
from ..services.status_board import SIGNATURE_JA, STATUS_JA, BoardRow, board, deadline, export_missing, set_deadline
from ..services.submission import SubmissionFileError
from ..services.trust import register_root, registered_roots
from ..services.workspace import Workspace
from ..storage.connection import StoreError
from .dialogs import Dialogs
from .findings_editor import FindingsWidget
from .worker import Cancelled, Job, Progress, Worker, single_thread_pool
from .workflow_dialogs import LogDialog, ReasonDialog, TableRow

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_COLORS = {"not_started": "#6b6b6b", "submitted": "#0d47a1", "accepted": "#1b6e20", "returned": "#b00020"}
_STATUS_ORDER = {"not_started": 0, "returned": 1, "submitted": 2, "accepted": 3}
_OVERDUE_BG = QColor("#fde2e1")
_WARN = QColor("#b35c00")
_LATE = QColor("#b00020")
_SIGNATURE_TIPS = {
    "valid": "信頼する証明書で署名され、署名後に変更されていません。",
    "unsigned": "電子署名がありません。承認者が承認したことを別の方法で確かめてください。",
    "untrusted": "署名はありますが、証明書が信頼する証明書として登録されていません（管理 → 信頼する証明書の登録）。",
    "invalid": "署名が正しくありません。",
}
OUTCOME_JA = {"imported": "取込", "duplicate": "変更なし", "refused": "拒否", "needs_confirmation": "要確認",
              "skipped": "未処理"}
_CHANGE_FIELDS = {**FIELD_LABELS, "attachments": "添付ファイル"}
MISSING_STATUSES = ("not_started", "in_progress", "returned")  # what export_missing writes


class BoardModel(QAbstractTableModel):
    """Every department of the master for a 年度: status, deadline mark, score and signature."""

    HEADERS = ("部署", "機関", "状態", "期限", "スコア", "版", "提出日時", "署名", "署名者", "承認者", "ファイル")
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
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    @staticmethod
    def deadline_mark(r: BoardRow) -> str:
        if not r.overdue:
            return ""
        return "期限超過" if r.status == "not_started" else "期限後提出"

    def _display(self, r: BoardRow, col: int) -> str:
        values = (r.name, r.body, STATUS_JA[r.status], self.deadline_mark(r),
                  "" if r.score is None else f"{r.score:.1f}", f"第{r.version}版" if r.version else "",
                  (r.submitted_at or "")[:16].replace("T", " "), SIGNATURE_JA.get(r.signature or "", ""),
                  r.signer or "", r.approver or "", r.file_name or "")
        return values[col]

    def _tooltip(self, r: BoardRow, col: int) -> str | None:
        due = self.due.isoformat() if self.due else ""
        if col == self.COL_DEADLINE and r.overdue:
            if r.status == "not_started":
                return f"期限超過: 提出期限（{due}）を過ぎても提出がありません。"
            return f"期限後提出: 提出期限（{due}）の後に提出されました。"
        if col == self.COL_SIGNATURE and r.signature:
            return _SIGNATURE_TIPS.get(r.signature)
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
    parts = [f"全 {len(rows)} 部署", f"提出済 {n['submitted']}", f"受理 {n['accepted']}", f"差戻し {n['returned']}",
             f"未提出 {n['not_started']}" + (f"（うち期限超過 {overdue}）" if overdue else "")]
    warnings = [f"期限後提出 {late}" if late else "",
                *(f"{SIGNATURE_JA[s]} {c}" for s in ("unsigned", "untrusted")
                  if (c := sum(r.signature == s for r in rows)))]
    text = "　".join(escape(p) for p in parts)
    shown = [escape(w) for w in warnings if w]
    if shown:
        text += f"　<span style='color:{_WARN.name()}; font-weight:bold'>" + "　".join(shown) + "</span>"
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
    return "\n".join([text, *(f"注意: {w}" for w in r.warnings)])


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
        self.setWindowTitle("瑞穂町 情報セキュリティ自己点検 — 監査担当")
        self.resize(1280, 760)
        self.setAcceptDrops(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("年度")
        years = set(workspace.years()) | {f.fiscal_year for f in workspace.store.findings()}
        for y in sorted(years):
            self.year_combo.addItem(f"{fiscal_year_label(y)}（{y}）", y)
        self.year_combo.setCurrentIndex(self.year_combo.count() - 1)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        year_label = QLabel("年度(&Y):")
        year_label.setBuddy(self.year_combo)
        top.addWidget(year_label)
        top.addWidget(self.year_combo)
        top.addStretch(1)
        hint = QLabel("提出ファイル（PDF・JSON）やフォルダーをこの画面にドラッグしても取り込めます。")
        hint.setStyleSheet("color: #555;")
        top.addWidget(hint)
        self.import_files_button = QPushButton("提出ファイルを取り込む(&I)…")
        self.import_files_button.clicked.connect(self.import_files)
        self.import_folder_button = QPushButton("フォルダから取り込む(&F)…")
        self.import_folder_button.clicked.connect(self.import_folder)
        top.addWidget(self.import_files_button)
        top.addWidget(self.import_folder_button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_board_tab(), "提出状況(&1)")
        self.findings = FindingsWidget(workspace, self.dialogs, self.actor)
        self.findings.carried.connect(self._add_year)
        self.tabs.addTab(self.findings, "指摘事項(&2)")
        from .dashboard import DashboardWidget

        self.dashboard = DashboardWidget(workspace)
        self.tabs.addTab(self.dashboard, "集計・分析(&3)")
        self.refreshed.connect(self.dashboard.set_year)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        menu = self.menuBar().addMenu("管理(&A)")
        for text, handler in (("操作履歴(&L)…", self.show_log), ("信頼する証明書の登録(&T)…", self.add_trust_root),
                              ("監査担当者の名前(&N)…", self.change_user)):
            act = QAction(text, self)
            act.triggered.connect(handler)
            menu.addAction(act)
        from .backup_actions import BackupActions

        self.backup_actions = BackupActions(self, workspace, self.dialogs, menu, reload=self.refresh,
                                            settle=self.findings.maybe_save)
        from .auditor_reports import AuditorReports

        self.reports = AuditorReports(self)
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("取込の進み具合")
        self.progress_bar.setFixedWidth(260)
        self.cancel_button = QPushButton("取り消す")
        self.cancel_button.clicked.connect(self.cancel_job)
        for w in (self.progress_bar, self.cancel_button):
            self.statusBar().addPermanentWidget(w)
            w.hide()
        self._ready_message = f"監査担当用データベース: {workspace.store.path}"
        self.statusBar().showMessage(self._ready_message)
        self.refresh()

    def _build_board_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        row = QHBoxLayout()
        self.deadline_edit = QDateEdit()
        self.deadline_edit.setAccessibleName("提出期限")
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
        label = QLabel("提出期限(&D):")
        label.setBuddy(self.deadline_edit)
        self.deadline_button = QPushButton("期限を設定")
        self.deadline_button.clicked.connect(self.apply_deadline)
        self.deadline_label = QLabel()
        self.export_missing_button = QPushButton("未提出の部署を書き出す(&E)…")
        self.export_missing_button.clicked.connect(self.export_missing_csv)
        self.accept_button = QPushButton("受理(&A)")
        self.accept_button.clicked.connect(self.accept_selected)
        self.return_button = QPushButton("差戻し(&R)…")
        self.return_button.clicked.connect(self.return_selected)
        for w in (label, self.deadline_edit, self.deadline_button, self.deadline_label):
            row.addWidget(w)
        row.addStretch(1)
        for w in (self.export_missing_button, self.accept_button, self.return_button):
            row.addWidget(w)
        v.addLayout(row)
        self.summary = QLabel("")
        self.summary.setAccessibleName("提出状況の集計")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.summary)
        self.model = BoardModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setAccessibleName("提出状況")
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
            self.year_combo.addItem(f"{fiscal_year_label(year)}（{year}）", year)

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
            self.deadline_label.setText(f"（{wareki_date(due)}まで）")
        else:
            today = date.today()
            self.deadline_edit.setDate(QDate(today.year, today.month, today.day))
            self.deadline_label.setText("（未設定）")
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
        name = self.dialogs.ask_text(self, "監査担当者の名前", "監査担当者の名前を入力してください（記録に残ります）:",
                                     self.user)
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
            self.statusBar().showMessage(f"{self._busy_text}（{min(done + 1, total)}/{total}）: {text}")

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.refresh()
        self.dialogs.error(self, "処理できませんでした", message)

    def _on_cancelled(self) -> None:
        self._set_busy(False)
        self.refresh()
        self.statusBar().showMessage("取り消しました。", 5000)

    def cancel_job(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.statusBar().showMessage("取り消しています（処理中のファイルが終わると止まります）…")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None:
            self.worker.cancel()
        self.pool.waitForDone()
        self.findings.maybe_save()
        super().closeEvent(event)

    # -- import -----------------------------------------------------------------------------
    def import_files(self) -> None:
        files = self.dialogs.open_files(self, "提出ファイルを選ぶ",
                                        "提出ファイル・Excel 回答用紙 (*.pdf *.json *.xlsx)")
        if files:
            self.import_paths([Path(f) for f in files])

    def import_folder(self) -> None:
        folder = self.dialogs.open_folder(self, "提出ファイルのフォルダを選ぶ")
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

            self._start(again, "確認した再提出を取り込んでいます",
                        lambda second: self._import_finished(run, second if isinstance(second, ImportRun) else None))

        return self._start(job, "提出ファイルを取り込んでいます", first_pass)

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
        rows = [TableRow((d.item_id, _CHANGE_FIELDS.get(d.field, d.field),
                          self._change_value(r.fiscal_year, d.field, d.old),
                          self._change_value(r.fiscal_year, d.field, d.new)), key=d.item_id,
                         tooltips=("", "", d.old, d.new)) for d in r.changes]
        try:
            name = self.workspace.department(r.department_id).name
        except KeyError:
            name = r.department_id
        text = (f"{name} の{r.fiscal_year}年度の提出（{r.path.name}）は再提出で、前に取り込んだ版から "
                f"{len(r.changes)} か所が変わっています。取り込むと新しい版になり、前の版は履歴に残ります。"
                + "".join(f"\n注意: {w}" for w in r.warnings))
        return self.dialogs.confirm_table(self, "再提出の確認", text, ("項目", "欄", "変更前", "変更後"), rows,
                                          ok_text="取り込む", cancel_text="取り込まない")

    def _import_finished(self, first: ImportRun, second: ImportRun | None) -> None:
        self._set_busy(False)
        redone = {r.path: r for r in second.results} if second else {}
        final = [redone.get(r.path, r) for r in first.results]
        self.refresh()  # the board and the findings
        self._show_results(final, first.skipped + (second.skipped if second else []))
        self.import_done.emit(final)

    def _show_results(self, results: list[ImportResult], skipped: list[Path]) -> None:
        if not results and not skipped:
            self.dialogs.info(self, "取込の結果", "取り込むファイル（.pdf / .json）がありませんでした。")
            return
        names = {d.id: d.name for d in self.workspace.departments()}
        rows = []
        for r in results:
            detail = _detail(r)
            if r.outcome == "needs_confirmation":
                detail += "\n取り込んでいません（もう一度取り込み、変更を確認すると取り込めます）。"
            elif r.outcome == "imported" and r.changes:
                detail += f"\n再提出の変更 {len(r.changes)} か所を確認して取り込みました。"
            rows.append(TableRow((r.path.name, OUTCOME_JA[r.outcome], names.get(r.department_id, r.department_id),
                                  SIGNATURE_JA.get(r.signature or "", ""), detail),
                                 tooltips=(str(r.path), "", "", _SIGNATURE_TIPS.get(r.signature or "", ""), detail)))
        for p in skipped:
            rows.append(TableRow((p.name, OUTCOME_JA["skipped"], "", "", "取り消したため処理していません。"),
                                 tooltips=(str(p), "", "", "", "")))
        counts = {k: sum(r.outcome == k for r in results) for k in OUTCOME_JA}
        counts["skipped"] = len(skipped)
        text = f"{len(rows)} 件のファイル: " + "　".join(f"{OUTCOME_JA[k]} {v}" for k, v in counts.items() if v)
        if counts["refused"]:
            text += "\n拒否したファイルは何も変えていません。理由を確かめ、部署に出し直しを依頼してください。"
        marked = [i for i, r in enumerate(results) if r.outcome in ("refused", "needs_confirmation")]
        self.dialogs.show_table(self, "取込の結果", text, ("ファイル", "結果", "部署", "署名", "内容"), rows,
                                highlighted=marked)

    # -- status board -----------------------------------------------------------------------
    def apply_deadline(self) -> None:
        d = self.deadline_edit.date()
        day = date(d.year(), d.month(), d.day())
        year = self.year()
        if deadline(self.workspace, year) == day or self.actor() is None:
            return
        set_deadline(self.workspace, year, day, self.user)
        self.refresh()
        self.statusBar().showMessage(f"{year}年度の提出期限を {day.isoformat()} にしました（操作履歴に記録しました）。",
                                     8000)

    def export_missing_csv(self) -> Path | None:
        rows = self.model.rows
        missing = [r for r in rows if r.status in MISSING_STATUSES]
        if not missing:
            self.dialogs.info(self, "未提出の部署", "未提出の部署はありません。")
            return None
        out = self.dialogs.save_file(self, "未提出の部署の書き出し", f"{self.year()}年度-未提出の部署.csv",
                                     "CSV (*.csv)")
        if not out:
            return None
        path = Path(out) if Path(out).suffix.lower() == ".csv" else Path(out + ".csv")
        try:
            export_missing(rows, path)
        except OSError as exc:
            self.dialogs.error(self, "書き出せません", f"{path}: {exc.strerror or exc}")
            return None
        self.statusBar().showMessage(f"未提出の {len(missing)} 部署を書き出しました: {path}", 8000)
        return path

    # -- decisions --------------------------------------------------------------------------
    def accept_selected(self) -> None:
        row = self.selected()
        if row is None or row.received_id is None:
            self.dialogs.info(self, "受理", "提出済みの部署を選んでください。")
            return
        if not self.user and not self.change_user():
            return
        try:
            accept(self.workspace, row.department, self.year(), self.user)
        except (StoreError, SubmissionFileError) as exc:
            self.dialogs.error(self, "受理できません", str(exc))
        self.refresh()

    def return_selected(self) -> None:
        row = self.selected()
        if row is None or row.received_id is None:
            self.dialogs.info(self, "差戻し", "提出済みの部署を選んでください。")
            return
        if not self.user and not self.change_user():
            return
        dialog = ReasonDialog("差戻し", f"{row.name} の提出を差し戻します。理由は部署に渡す差戻し通知に書かれ、"
                              "操作履歴に残ります。", self, ok_text="差し戻す")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        out = self.dialogs.save_file(self, "差戻し通知の保存先", f"{self.year()}-{row.department}-差戻し通知.pdf",
                                     "PDF (*.pdf)")
        if not out:
            return
        p12 = self.dialogs.open_file(self, "署名に使う証明書（取消で署名なし）", "PKCS#12 (*.p12 *.pfx)")
        secret = self.dialogs.ask_secret(self, "証明書のパスフレーズ", "パスフレーズ:") if p12 else None
        received = next(r for r in self.workspace.store.received(self.year(), row.department))
        try:
            write_return_notice(self.workspace, received, dialog.reason(), Path(out), actor=self.user,
                                p12=Path(p12) if p12 else None, passphrase=secret.encode() if secret else None)
        except (StoreError, SigningError, OSError) as exc:
            self.dialogs.error(self, "差し戻せません", str(exc))
        self.refresh()

    # -- administration ----------------------------------------------------------------------
    def show_log(self) -> None:
        store = self.workspace.store
        LogDialog(store.log_entries(), store.verify_log,
                  lambda name: self.dialogs.save_file(self, "操作履歴の書き出し", name, "CSV (*.csv)"), self).exec()

    def add_trust_root(self) -> None:
        path = self.dialogs.open_file(self, "信頼する証明書", "証明書 (*.pem *.crt *.cer *.der)")
        if path:
            try:
                names = register_root(Path(path))
            except SigningError as exc:
                self.dialogs.error(self, "登録できません", str(exc))
                return
            self.dialogs.info(self, "登録しました", "\n".join(names))
