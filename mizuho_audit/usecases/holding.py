"""Holding a database: one writer at a time, whoever has it open (window or command), on any PC.

The rule lives here so the window and the command line cannot drift apart: a second writer is refused
with 「使用中: 氏名（PC名）、9時12分から」; a holder that is gone (its process ended on this PC, or its
file not refreshed for a while on another PC) is taken over only when the person confirms.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from .. import clock
from ..errors import StoreProblem
from ..i18n import _
from ..paths import prepare_db_folder
from ..storage.holder import STALE_AFTER_S, Holder, HolderBusy, HolderLock, read_holder


class DatabaseInUse(StoreProblem):
    """Someone else holds the database (exit code 3). ``stale``: the holder looks gone and the database
    may be taken over after a confirmation; ``holder_line`` is 「使用中: 氏名（PC名）、9時12分から」."""

    def __init__(self, holder: Holder, stale: bool) -> None:
        self.holder = holder
        self.stale = stale
        self.holder_line = in_use_line(holder)
        if stale:
            text = _("{line}\nただし、そのプログラムはもう動いていないようです（{why}）。"
                     "確認のうえで引き継ぐことができます。").format(line=self.holder_line, why=gone_reason(holder))
        else:
            text = _("{line}\nほかの人が開いているため、書き込めません（何も変更していません）。"
                     "その人が閉じてから、もう一度開いてください。").format(line=self.holder_line)
        super().__init__(text)


def _clock_text(moment_iso: str) -> str:
    moment = clock.parse_moment(moment_iso)
    if moment is None:
        return ""
    time_text = _("{hour}時{minute:02d}分").format(hour=moment.hour, minute=moment.minute)
    if moment.date() == clock.today():
        return time_text
    return _("{month}月{day}日 {time}").format(month=moment.month, day=moment.day, time=time_text)


def in_use_line(holder: Holder) -> str:
    """「使用中: 氏名（PC名）、9時12分から」 (Japan time; the date too when it is not today)."""
    name = holder.user or _("名前不明")
    since = _clock_text(holder.since)
    if not since:
        return _("使用中: {name}（{pc}）").format(name=name, pc=holder.host)
    return _("使用中: {name}（{pc}）、{since}から").format(name=name, pc=holder.host, since=since)


def gone_reason(holder: Holder) -> str:
    """Why the holder looks gone, in the user's words."""
    age = holder.heartbeat_age()
    if holder.on_this_pc and (age is None or age <= STALE_AFTER_S):
        return _("このパソコンのそのプログラム（プロセス番号 {pid}）は終了しています").format(pid=holder.pid)
    minutes = int((age or 0) // 60)
    return _("{minutes} 分以上、応答がありません（パソコンの電源が切れたか、ネットワークから外れた可能性があります）"
             ).format(minutes=minutes)


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "不明"


def hold(db_path: Path, user: str | None, take_over: bool = False) -> HolderLock:
    """Hold ``db_path`` for ``user`` (the login name when none is given), or raise :class:`DatabaseInUse`."""
    lock = HolderLock(db_path, user or login_name())
    try:
        prepare_db_folder(db_path)  # a new database in a new folder: the holder file comes first
        lock.acquire(take_over=take_over)
    except HolderBusy as exc:
        raise DatabaseInUse(exc.holder, exc.stale) from None
    except OSError as exc:
        from ..oserrors import describe_os_error

        raise StoreProblem(_("データベースのフォルダに使用中の印（{path}）を作れません: {error}").format(
            path=lock.path, error=describe_os_error(exc))) from exc
    return lock


def holder_of(db_path: Path) -> DatabaseInUse | None:
    """Who holds ``db_path`` now (as the refusal a second writer would get), or None."""
    holder = read_holder(db_path)
    return None if holder is None else DatabaseInUse(holder, holder.is_stale())
