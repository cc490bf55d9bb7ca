"""One window per database: a lock file ``<db>.lock`` held while the window is open.

SQLite alone would let two windows write the same database in turn, each showing stale answers
and overwriting the other's. :class:`QLockFile` works the same on Windows and POSIX (no
``fcntl``), and recognises a stale lock left by a process that crashed or was killed on this
computer. The command line does not take this lock: it relies on SQLite's own locking.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QSysInfo

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    """The lock of one database for this window. :meth:`acquire` once, :meth:`release` on exit."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._lock = QLockFile(str(self.path))
        # A window holds its lock for hours: never treat the lock as stale by age, only when the
        # process that wrote it is gone (Qt checks the PID and host written in the file).
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        """Take the lock now (a stale lock of a dead process is removed); False when held by another."""
        return bool(self._lock.tryLock(0))

    def is_held(self) -> bool:
        return bool(self._lock.isLocked())

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def refusal(self) -> str:
        """Why the database cannot be opened now (in the user's language), naming the holder when Qt can tell."""
        error = self._lock.error()
        if error == QLockFile.LockError.PermissionError:
            return translate(
                "DatabaseLock", "データベースのフォルダに書き込めないため、開けません"
                "（ロックファイル {0} を作れません）。フォルダの権限を確認してください。").format(self.path)
        holder, elsewhere = "", False
        info = self._lock.getLockInfo()
        if isinstance(info, tuple) and len(info) >= 3 and info[0]:
            pid, host, app = info[0], info[1], info[2]
            holder = translate("DatabaseLock", "（コンピューター {0} のプログラム {1}、プロセス番号 {2}）"
                                                ).format(host, app, pid)
            elsewhere = bool(host) and host != QSysInfo.machineHostName()
        if elsewhere:
            # Qt cannot see whether a process on another computer is still running (shared folder).
            after = translate(
                "DatabaseLock", "そのコンピューターでウィンドウを閉じてください。そのコンピューターで異常終了していて"
                "開けない場合に限り、ロックファイル {0} を削除してください。").format(self.path)
        else:
            after = translate(
                "DatabaseLock",
                "（そのウィンドウのプログラムが異常終了していた場合は、自動的に開けるようになります。）")
        return translate(
            "DatabaseLock", "このデータベースは、すでに別のウィンドウで開かれています{0}。\n{1}\n\n"
            "同じデータベースを二つのウィンドウで同時に開くと、入力した内容が食い違うおそれがあるため、"
            "開きませんでした。開いているウィンドウを使うか、それを閉じてから開き直してください。{2}").format(
                holder, self.db_path, after)
