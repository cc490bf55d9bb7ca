"""管理 → バックアップを作成… / バックアップから復元…, the automatic backups, and the offer to restore.

Automatic backups run on a worker thread with their own SQLite connection (WAL lets them read
while the window writes), so they never delay the window. A restore closes the window's store,
replaces the file (see :func:`mizuho_audit.usecases.administration.restore`) and reopens it in the same window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import clock
from ..domain.vocabulary import ROLE_AUDITOR
from ..errors import AppError
from ..oserrors import describe_os_error
from ..usecases.session import Session
from . import labels
from .appearance import resize_initially
from .dialogs import Dialogs
from .worker import Progress, Worker, single_thread_pool

if TYPE_CHECKING:
    from ..usecases.administration import BackupInfo

# The administration use cases (the backup code) are imported where used: the window's start does not need them.

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

STARTUP_BACKUP_DELAY_MS = 3000  # after the window has shown and settled
_ROLE = Qt.ItemDataRole.UserRole


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def _message(exc: BaseException) -> str:
    return describe_os_error(exc) if isinstance(exc, OSError) else str(exc)


class BackupChooser(QDialog):
    """The automatic backups with their dates; or another file chosen with 「ファイルを選ぶ…」."""

    def __init__(self, parent: QWidget | None, db_path: Path, backups: list[BackupInfo], text: str,
                 selected: Path | None = None) -> None:
        from ..usecases import administration as admin

        super().__init__(parent)
        self.setWindowTitle(self.tr("バックアップから復元"))
        self.chosen: Path | None = None
        self._folder = admin.backups_folder(db_path)
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("自動バックアップ"))
        for b in backups:
            item = QListWidgetItem(f"{b.label}　（{_size(b.size)}）")
            item.setData(_ROLE, str(b.path))
            self.list.addItem(item)
            if b.path == selected or (selected is None and self.list.count() == 1):
                self.list.setCurrentItem(item)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("選んだバックアップから復元"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(backups))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        other = QPushButton(self.tr("ファイルを選ぶ(&F)…"))
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        other.clicked.connect(self._choose_file)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_initially(self, 560, 360)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("復元するバックアップファイル"), str(self._folder),
                                              self.tr("データベース (*.db *.bak);;すべてのファイル (*)"))
        if path:
            self.chosen = Path(path)
            super().accept()

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = Path(str(item.data(_ROLE)))
        super().accept()


def choose_backup(parent: QWidget | None, db_path: Path, backups: list[BackupInfo], text: str,
                  selected: Path | None = None) -> Path | None:
    """The seam for choosing what to restore (tests replace this function)."""
    dialog = BackupChooser(parent, db_path, backups, text, selected)
    return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


def offer_restore(dialogs: Dialogs, db_path: Path, problem: AppError) -> bool:
    """The database is damaged: list the automatic backups and restore the one chosen. True when restored."""
    from ..usecases import administration as admin

    good = admin.latest_good_backup(db_path)
    if good is None:
        found = translate("BackupActions", "自動バックアップはありますが、どれも使えません") \
            if admin.backups(db_path) else translate("BackupActions", "自動バックアップがありません")
        dialogs.error(None, translate("BackupActions", "データベースを開けません"),
                      translate("BackupActions", "{0}\n\n{1}。ファイルは変更していません。バックアップファイルを"
                                "お持ちなら、mizuho-audit restore で復元できます。").format(problem, found))
        return False
    chosen = choose_backup(None, db_path, admin.backups(db_path),
                           translate("BackupActions", "{0}\n\n自動バックアップから復元できます。"
                                                      "使える最新のバックアップは {1} のものです（選択済み）。"
                                                      "復元すると、壊れたファイルは別の名前で残します。"
                                                      ).format(problem, good.label),
                           selected=good.path)
    if chosen is None:
        return False
    try:
        result = admin.restore(db_path, chosen)
    except (AppError, OSError) as exc:
        dialogs.error(None, translate("BackupActions", "復元できません"), _message(exc))
        return False
    kept = translate("BackupActions", "\n壊れていたファイルは次の名前で残しています:\n{0}").format(
        result.kept) if result.kept else ""
    dialogs.info(None, translate("BackupActions", "復元しました"),
                 translate("BackupActions", "バックアップから復元しました。{0}").format(kept))
    return True


class BackupActions(QObject):
    """The backup menu items of a window, its automatic backups, and restoring into it."""

    automatic_done = Signal(str)  # the backup file written ("" when it failed)

    def __init__(self, window: QMainWindow, session: Session, dialogs: Dialogs, menu: QMenu,
                 reload: Callable[[], None], settle: Callable[[], None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.dialogs = dialogs
        self._reload = reload
        self._settle = settle or (lambda: None)
        self.pool = single_thread_pool(self)
        self._worker: Worker | None = None
        self._changes_at_backup: int | None = None
        menu.addSeparator()
        for text, handler in ((self.tr("バックアップを作成(&B)…"), self.create_backup),
                              (self.tr("バックアップから復元(&R)…"), self.restore_backup)):
            act = QAction(text, window)
            act.triggered.connect(lambda _checked=False, h=handler: h())
            menu.addAction(act)

    @property
    def db_path(self) -> Path:
        path = self.session.path
        assert path is not None
        return path

    # -- automatic backups -------------------------------------------------------------------
    def schedule_automatic(self, delay_ms: int = STARTUP_BACKUP_DELAY_MS) -> None:
        """Back up once the window is up (call after ``show()``; it never delays the window). Not for a database
        open read-only after failing its self-check: its copies would push the good backups out."""
        if self.session.read_only:
            return
        QTimer.singleShot(delay_ms, self, self.start_automatic)

    def start_automatic(self) -> Worker | None:
        """An automatic backup on the worker thread, from its own connection to the file."""
        from ..usecases import administration as admin

        if self.session.closed or (self._worker is not None and not self._worker.is_done()):
            return None  # the window has closed its database (a timer that fires after the end)
        db_path, keep = self.db_path, admin.backups_kept(self.session)
        changes = admin.change_count(self.session)

        def job(_progress: Progress) -> object:
            return admin.automatic_backup_of(db_path, keep)

        worker = Worker(job)
        worker.signals.finished.connect(lambda out: self._automatic_finished(str(out), changes))
        worker.signals.failed.connect(self._automatic_failed)
        self._worker = worker
        self.pool.start(worker)
        return worker

    def _automatic_finished(self, out: str, changes: int) -> None:
        self._changes_at_backup = changes
        self.window.statusBar().showMessage(self.tr("自動バックアップを作成しました: {0}").format(out), 8000)
        self.automatic_done.emit(out)

    def _automatic_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(self.tr("自動バックアップを作成できませんでした: {0}").format(message),
                                            15000)
        self.automatic_done.emit("")

    def wait(self) -> None:
        """Let a running automatic backup finish (before closing or replacing the database)."""
        self.pool.waitForDone()

    def backup_on_exit(self) -> Path | None:
        """The automatic backup when the window has closed, unless nothing changed since the last one."""
        from ..usecases import administration as admin

        self.wait()
        try:
            if self.session.path is None or self.session.read_only \
                    or self._changes_at_backup == admin.change_count(self.session):
                return None
            out = admin.automatic_backup_open(self.session)
            self._changes_at_backup = admin.change_count(self.session)
        except (AppError, OSError):  # also a database closed after a failed restore
            return None  # leaving must not fail; the next start makes a backup again
        return out

    # -- by hand --------------------------------------------------------------------------------
    def create_backup(self) -> Path | None:
        from ..usecases import administration as admin

        default = self.tr("{0}-バックアップ-{1}.db").format(self.db_path.stem, f"{clock.now():%Y%m%d-%H%M}")
        out = self.dialogs.save_file(self.window, self.tr("バックアップの保存先"), default,
                                     self.tr("データベース (*.db)"))
        if not out:
            return None
        try:
            written = admin.backup_open(self.session, Path(out))
        except (AppError, OSError) as exc:
            self.dialogs.error(self.window, self.tr("バックアップを作成できません"), _message(exc))
            return None
        self.dialogs.info(self.window, self.tr("バックアップを作成しました"),
                          self.tr("バックアップを作成しました（整合性を確認済み）:\n{0}\n\n"
                                  "USB メモリなどに保存するときは、持ち出しの規程に従ってください。").format(written))
        return written

    def restore_backup(self, source: Path | None = None) -> bool:
        """Choose a backup, check it, close the database, restore, and reopen it in this window."""
        from ..usecases import administration as admin

        backups = admin.backups(self.db_path)
        chosen = source or choose_backup(
            self.window, self.db_path, backups,
            self.tr("復元するバックアップを選んでください。現在のデータベースは、復元前のコピーとして別の名前で残します。"))
        if chosen is None:
            return False
        try:
            check = admin.inspect(chosen)
        except (AppError, OSError) as exc:
            self.dialogs.error(self.window, self.tr("復元できません"), _message(exc))
            return False
        role = self.session.role
        if check.role != role:
            self.dialogs.error(self.window, self.tr("復元できません"),
                               self.tr("このデータベースは{0}ですが、選んだファイルは{1}です。"
                                       "種類の違うデータベースでは置き換えません。").format(
                                   labels.label(labels.DATABASE_ROLES, role),
                                   labels.label(labels.DATABASE_ROLES, check.role)))
            return False
        passphrase: str | None = None
        if role == ROLE_AUDITOR:
            passphrase = self.dialogs.ask_secret(self.window, self.tr("パスフレーズ"),
                                                 self.tr("復元するデータベース（監査担当用）のパスフレーズ:"))
            if not passphrase:
                return False
            if not admin.opens_with(check, passphrase):
                self.dialogs.error(self.window, self.tr("復元できません"),
                                   self.tr("パスフレーズが違います。何も変更していません。"))
                return False
        when = next((b.label for b in backups if b.path == chosen), chosen.name)
        if not self.dialogs.question(self.window, self.tr("バックアップから復元"),
                                     self.tr("現在のデータベースを、{0} のバックアップの内容で置き換えます。"
                                             "それ以降に入力した内容は、復元後のデータベースにはありません"
                                             "（復元前のファイルは別の名前で残します）。続けますか。").format(when)):
            return False
        self._settle()
        self.wait()
        admin.close_database(self.session)
        failure: BaseException | None = None
        kept: Path | None = None
        try:
            kept = admin.restore(self.db_path, chosen, actor=self._actor()).kept
        except (AppError, OSError) as exc:
            failure = exc
        if not self._reopen(passphrase):
            self.window.close()
            return False
        self._changes_at_backup = None
        self._reload()
        if failure is not None:
            self.dialogs.error(self.window, self.tr("復元できません"),
                               self.tr("{0}\n元のデータベースを開き直しました。").format(_message(failure)))
            return False
        self.dialogs.info(self.window, self.tr("復元しました"),
                          self.tr("{0} のバックアップから復元しました。").format(when)
                          + (self.tr("\n復元前のデータベースは次の名前で残しています:\n{0}").format(kept)
                             if kept else ""))
        return True

    def _actor(self) -> str:
        return str(getattr(self.window, "user", "") or "(アプリ)")  # the log's actor: data, always Japanese

    def _reopen(self, passphrase: str | None) -> bool:
        from ..usecases import administration as admin

        for _attempt in range(3):
            try:
                admin.reopen_database(self.session, passphrase)
                return True
            except (admin.PassphraseRequired, admin.WrongPassphrase):
                passphrase = self.dialogs.ask_secret(self.window, self.tr("パスフレーズ"),
                                                     self.tr("データベース（監査担当用）のパスフレーズ:"))
                if not passphrase:
                    break
            except (AppError, OSError) as exc:
                self.dialogs.error(self.window, self.tr("データベースを開き直せません"), _message(exc))
                return False
        self.dialogs.error(self.window, self.tr("データベースを開き直せません"),
                           self.tr("パスフレーズが入力されなかったため、データベースを開き直せません。ウィンドウを閉じます。"))
        return False
