"""The auditor's window: import submissions, see who submitted, accept or return them, edit 指摘事項.

Long work (the import of many signed files) runs on a worker thread; while it runs the window's
controls are disabled, so nothing else touches the database at the same time.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import clock
from ..domain.vocabulary import MISSING_STATUSES
from ..errors import AppError
from ..oserrors import describe_os_error
from ..usecases import intake
from ..usecases.intake import BoardRow, ImportResult
from ..usecases.session import Session
from . import labels
from .appearance import resize_initially, text_width
from .auditor_import import OUTCOME_JA, ImportingWindow, ImportRun, outcome_label
from .board_model import SORT_ROLE, BoardModel, board_summary
from .date_edit import DateEdit
from .dialogs import Dialogs
from .findings_editor import FindingsWidget
from .worker import Cancelled, Progress, Worker, single_thread_pool
from .workflow_dialogs import LogDialog, ReasonDialog

__all__ = ["MISSING_STATUSES", "OUTCOME_JA", "SORT_ROLE", "AuditorWindow", "BoardModel", "ImportRun",
           "ImportingWindow", "board_summary", "outcome_label", "run_import"]


def run_import(session: Session, paths: list[Path], *, progress: Progress, require_trusted: bool = False,
               confirm_changes: bool = False, exception_reason: str = "") -> ImportRun:
    """Import file by file, reporting each; on cancel, hand back what was done (Qt-free: runs on a worker)."""
    files = intake.submission_files(paths)
    done: list[ImportResult] = []
    try:
        for i, f in enumerate(files):
            progress(i, len(files), f.name)
            done.extend(intake.import_files(session, [f], refuse_unsigned=require_trusted,
                                            confirm_changes=confirm_changes, exception_reason=exception_reason))
        progress(len(files), len(files), "")
    except Cancelled:
        return ImportRun(done, files[len(done):])
    return ImportRun(done)


class AuditorWindow(ImportingWindow):
    """監査担当: the submissions of every department for a 年度, and the 指摘事項."""

    refreshed = Signal(int)  # the 年度 shown, after the database was read again

    def __init__(self, session: Session, dialogs: Dialogs | None = None, user: str = "") -> None:
        super().__init__()
        self.session = session
        self.dialogs = dialogs or Dialogs()
        if user:
            session.use_user(user)
        self.user = session.user
        self.pool = single_thread_pool(self)
        self.worker: Worker | None = None
        self._busy_text = ""
        self.setWindowTitle(self.tr("瑞穂町 情報セキュリティ自己点検 — 監査担当"))
        resize_initially(self, 1280, 760)
        self.setAcceptDrops(not session.read_only)
        central = QWidget()
        layout = QVBoxLayout(central)
        self.damage_banner: QLabel | None = None
        if session.read_only:
            self._show_damage(layout)
        top = QHBoxLayout()
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(self.tr("年度"))
        for y in intake.years_with_work(session):
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
        self.require_trusted = QCheckBox(self.tr("署名のないファイルは取り込まない(&T)"))
        self.require_trusted.setToolTip(self.tr("署名のあるファイルは、信頼できる登録済みの署名者のものだけを取り込みます"
                                                "（いつも）。これを選ぶと、署名のない回答用紙・JSON も取り込みません"
                                                "（コマンドの --require-trusted と同じ）。"))
        top.addWidget(self.require_trusted)
        top.addWidget(self.import_files_button)
        top.addWidget(self.import_folder_button)
        for control in (self.import_files_button, self.import_folder_button, self.require_trusted):
            control.setEnabled(not session.read_only)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_board_tab(), self.tr("提出状況(&1)"))
        self.findings = FindingsWidget(session, self.dialogs, self.actor)
        self.findings.carried.connect(self._add_year)
        self.tabs.addTab(self.findings, self.tr("指摘事項(&2)"))
        from .dashboard import DashboardWidget

        self.dashboard = DashboardWidget(session, dialogs=self.dialogs)
        self.tabs.addTab(self.dashboard, self.tr("集計・分析(&3)"))
        self.refreshed.connect(self.dashboard.set_year)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        menu = self.menuBar().addMenu(self.tr("管理(&A)"))
        for text, handler in ((self.tr("操作履歴(&L)…"), self.show_log),
                              (self.tr("信頼する証明書の登録(&T)…"), self.add_trust_root),
                              (self.tr("失効リスト（CRL）を入れる(&C)…"), self.add_crl),
                              (self.tr("署名者の登録(&S)…"), self.edit_signers),
                              (self.tr("年度のテーマ(&H)…"), self.edit_themes),
                              (self.tr("監査担当者の名前(&N)…"), self.change_user)):
            act = QAction(text, self)
            act.triggered.connect(handler)
            menu.addAction(act)
        from .backup_actions import BackupActions

        self.backup_actions = BackupActions(self, session, self.dialogs, menu, reload=self.refresh,
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
        self._ready_message = self.tr("監査担当用データベース: {0}").format(session.path)
        self.statusBar().showMessage(self._ready_message)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "table"):  # 表示 → 文字の大きさ
            self.table.resizeColumnsToContents()

    def _show_damage(self, layout: QVBoxLayout) -> None:
        """A read-only look at a database that failed its self-check: said at the top, in red, with the list."""
        damage = self.session.damage
        self.setWindowTitle(self.tr("瑞穂町 情報セキュリティ自己点検 — 監査担当（読み取り専用・改ざんの疑い）"))
        banner = QLabel(self.tr("このデータベースはアプリの外で変更された疑いがあるため、読み取り専用で開いています"
                                "（見つかった問題 {0} 件）。表示される内容は変更後のものかもしれません。取込・判断・"
                                "報告書などの作成はできません。管理 → バックアップから復元 で戻してください。"
                                ).format(len(damage)))
        banner.setWordWrap(True)
        banner.setStyleSheet("color: #b71c1c; font-weight: bold; border: 1px solid #b71c1c; padding: 6px;")
        banner.setToolTip("\n".join(str(p) for p in damage))
        banner.setAccessibleName(self.tr("改ざんの疑い"))
        layout.addWidget(banner)
        self.damage_banner = banner

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
        # Fitted to the contents when the rows change (refresh), not on every sort and show: with ResizeToContents
        # Qt measured every cell of a city's 300 rows again each time (~0.3 s per click on a header).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
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
        due = intake.deadline(self.session, year)
        self.model.set_rows(intake.board(self.session, year), due)
        self.table.resizeColumnsToContents()
        self.summary.setText(board_summary(self.model.rows))
        if due:
            self.deadline_edit.setDate(QDate(due.year, due.month, due.day))
            self.deadline_label.setText(self.tr("（{0}まで）").format(labels.long_date(due)))
        else:
            today = clock.today()
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
        if self.session.read_only:
            self.session.use_user(name)  # nothing is written to a database open for a look
        else:
            self.session.remember_user(name)
        return True

    def actor(self) -> str | None:
        """The auditor's name for the log, asked once."""
        return self.user if self.user or self.change_user() else None

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None:
            self.worker.cancel()
        self.pool.waitForDone()
        self.findings.maybe_save()
        super().closeEvent(event)

    def import_paths(self, paths: list[Path]) -> Worker | None:
        """Import files and folders on the worker; when done, confirm re-submissions and show every outcome.

        Returns the worker (its ``signals.finished`` fires after the first pass); ``import_done``
        fires once everything is settled."""
        if self.is_busy() or (not self.user and not self.change_user()):
            return None
        session, trusted_only = self.session, self.require_trusted.isChecked()

        def job(progress: Progress) -> ImportRun:
            return run_import(session, paths, progress=progress, require_trusted=trusted_only)

        def first_pass(run: object) -> None:
            assert isinstance(run, ImportRun)
            self._set_busy(False)
            confirmed = [r.path for r in run.results if r.outcome == "needs_confirmation" and self._confirm(r)]
            if not confirmed:
                self._import_finished(run, None)
                return

            def again(progress: Progress) -> ImportRun:
                return run_import(session, confirmed, progress=progress, require_trusted=trusted_only,
                                  confirm_changes=True)

            self._start(again, self.tr("確認した再提出を取り込んでいます"),
                        lambda second: self._import_finished(run, second if isinstance(second, ImportRun) else None))

        return self._start(job, self.tr("提出ファイルを取り込んでいます"), first_pass)

    # -- status board -----------------------------------------------------------------------
    def apply_deadline(self) -> None:
        d = self.deadline_edit.date()
        day = date(d.year(), d.month(), d.day())
        year = self.year()
        if intake.deadline(self.session, year) == day or self.actor() is None:
            return
        intake.set_deadline(self.session, year, day)
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
            intake.export_missing(rows, path)
        except OSError as exc:
            self.dialogs.error(self, self.tr("書き出せません"), describe_os_error(exc))
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
            intake.accept(self.session, row.department, self.year())
        except AppError as exc:
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
        try:
            intake.return_submission(self.session, row.department, self.year(), dialog.reason(), Path(out),
                                     p12=Path(p12) if p12 else None, passphrase=secret.encode() if secret else None)
        except (AppError, OSError) as exc:
            self.dialogs.error(self, self.tr("差し戻せません"), str(exc))
        self.refresh()

    # -- administration ----------------------------------------------------------------------
    def show_log(self) -> None:
        LogDialog.for_session(self.session, self.dialogs, self).exec()

    def add_trust_root(self) -> None:
        from .trust_actions import add_trust_root

        if add_trust_root(self, self.session, self.dialogs):
            self.refresh()

    def add_crl(self) -> None:
        from .trust_actions import add_crl

        if add_crl(self, self.session, self.dialogs):
            self.refresh()

    def edit_themes(self) -> None:
        """The themes added to the 年度 shown, per department (saved, and written to the departments' file)."""
        from .themes_dialog import ThemesDialog

        year = self.year_combo.currentData()
        if year is None:
            return
        try:
            dialog = ThemesDialog(self.session, int(year), self.dialogs, self)
        except AppError as exc:
            self.dialogs.error(self, self.tr("テーマを開けません"), str(exc))
            return
        self.dialogs.exec(dialog)

    def edit_signers(self) -> None:
        from .trust_actions import SignerDialog

        self.dialogs.exec(SignerDialog(self.session, self.dialogs, self))
        self.refresh()
