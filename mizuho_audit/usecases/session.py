"""A database opened for a person: what every use case works on."""

from __future__ import annotations

import functools
import getpass
import logging
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from ..domain.departments import Department
from ..domain.questionnaire import Questionnaire
from ..domain.vocabulary import ROLE_AUDITOR, ROLE_DEPARTMENT, SETTING_USER
from ..errors import AppError, RoleRefused, StoreProblem
from ..i18n import _
from ..questionnaires.problems import ValidationFailed as ValidationFailed
from ..services.workspace import Workspace
from ..storage.connection import CorruptDatabase as CorruptDatabase
from ..storage.connection import SqliteError, StoreError, store_error
from ..storage.holder import HolderLock
from ..storage.integrity import IntegrityProblem
from ..storage.repository import IntegrityFailure as IntegrityFailure
from ..storage.repository import PassphraseRequired as PassphraseRequired
from ..storage.repository import WrongPassphrase as WrongPassphrase
from ..storage.repository import role_label
from . import holding

# Re-exported (``X as X``): the refusals of Session.open the front ends catch, the same classes as .administration's,
# which the start of the window does not import (it loads the backup code).

P = ParamSpec("P")
R = TypeVar("R")
log = logging.getLogger(__name__)


def use_case(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the database library's own errors into a :class:`~mizuho_audit.errors.StoreProblem` with a
    message for the user (a locked or full database, a damaged file), so front ends catch one family."""

    name = f"{func.__module__.rsplit('.', 1)[-1]}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        log.debug("use case %s", name)  # names only: never an answer's text or a passphrase
        try:
            return func(*args, **kwargs)
        except SqliteError as exc:
            session = next((a for a in args if isinstance(a, Session)), None)
            log.warning("use case %s: database error %s", name, type(exc).__name__)
            if session is not None and session.read_only:
                if session.damage:
                    raise ReadOnlyLook(_("改ざんの疑いがあるため、このデータベースは読み取り専用で開いています。"
                                         "変更・取込・書き出しはできません。バックアップから復元してください。"
                                         )) from exc
                raise StoreProblem(_("読み取り専用で開いているため、変更できません（何も変更していません）。"
                                     "書き込むには、使用中の人が閉じてから開き直してください。")) from exc
            raise store_error(exc, session.path if session else None) from exc
        except AppError as exc:
            log.info("use case %s refused: %s", name, type(exc).__name__)
            raise

    return wrapper


class ReadOnlyLook(StoreError):
    """A write was refused: the auditor's database failed its self-check and is open for a look only."""


class Session:
    """One open database and the person working on it (recorded in every log entry)."""

    def __init__(self, workspace: Workspace, user: str | None = None, holder: HolderLock | None = None) -> None:
        self.workspace = workspace  # for the core's use cases only: front ends never reach into it
        self._user = user
        self._holder = holder
        self.closed = False

    @classmethod
    def open(cls, db_path: Path, *, role: str | None = None, passphrase: str | None = None,
             user: str | None = None, shipped_dir: Path | None = None, town_dir: Path | None = None,
             now: str | None = None, read_only_if_damaged: bool = False, hold: bool = False,
             take_over: bool = False, read_only: bool = False) -> Session:
        """Open (or create, as ``role``) the database with the checklists of this installation.

        ``hold``: take the holder file first (every window and writing command does), refused with
        :class:`~mizuho_audit.usecases.holding.DatabaseInUse` while someone else holds it; ``take_over``
        replaces a holder that is gone (confirmed by the person). ``read_only``: open without holding,
        for reading only, while someone else holds it.

        An auditor's database is checked first (changed outside the app?): one that fails is refused with
        :class:`~mizuho_audit.storage.repository.IntegrityFailure` listing what was found, or, with
        ``read_only_if_damaged``, opened read-only (:attr:`read_only`, :attr:`damage`)."""
        holder = holding.hold(db_path, user, take_over) if hold and not read_only else None
        try:
            ws = Workspace.open(db_path, shipped_dir=shipped_dir, town_dir=town_dir, now=now, role=role,
                                passphrase=passphrase, inspect=read_only_if_damaged, read_only=read_only)
        except SqliteError as exc:
            if holder is not None:
                holder.release()
            raise store_error(exc, db_path) from exc
        except BaseException:
            if holder is not None:
                holder.release()
            raise
        session = cls(ws, user, holder)
        if holder is not None and not user and session.user:
            holder.refresh(user=session.user)  # the name remembered in the database
        return session

    def close(self) -> None:
        self.closed = True
        try:
            self.workspace.close()
        finally:
            if self._holder is not None:
                self._holder.release()

    @property
    def read_only(self) -> bool:
        """Opened for reading only: someone else holds the database (or took it over), or, with
        ``read_only_if_damaged``, it failed its self-check (:attr:`damage` says what was found)."""
        return bool(self.workspace.store.read_only)

    @use_case
    def check_holder(self) -> bool:
        """Whether someone else took the database over from this session (seen by the heartbeat); from
        then on SQLite refuses this session's writes."""
        if self._holder is None or not self._holder.lost:
            return False
        if not self.workspace.store.read_only:
            self.workspace.store.stop_writing()
        return True

    @property
    def holds(self) -> bool:
        """Whether this session still holds the database (False once another PC took it over)."""
        return self._holder is not None and self._holder.held and not self._holder.lost


    # -- the database ----------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        return self.workspace.store.path

    @property
    def role(self) -> str:
        return self.workspace.store.role

    @property
    def is_auditor(self) -> bool:
        return self.role == ROLE_AUDITOR

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    def require_auditor(self) -> None:
        """Refuse an auditor's step on a department's database, before anything is done."""
        if self.role != ROLE_AUDITOR:
            raise RoleRefused(_("この操作は監査担当用のデータベースでだけできます。"
                                "指定されたのは部署用のデータベースです"
                                "（--db で監査担当用のデータベースを指定してください）。何も変更していません。"))

    # -- the auditor's database checks itself ----------------------------------------------------
    @property
    def damage(self) -> list[IntegrityProblem]:
        """What the self-check found when the database was opened ([] when it passed)."""
        return list(self.workspace.store.problems_at_open)

    @property
    def sealed_now(self) -> bool:
        """This open sealed an auditor's database made before the self-check (it says so once)."""
        return self.workspace.store.sealed_now

    def require_intact(self, purpose: str = "") -> None:
        """Refuse with :class:`~mizuho_audit.storage.repository.IntegrityFailure` (listing what was changed) when
        the auditor's database fails its self-check now. Every export an auditor issues (workbook, report,
        結果通知, 差戻し notice, findings CSV) calls it first; ``purpose`` names what is refused."""
        self.workspace.store.require_intact(purpose)

    def require_department(self) -> None:
        if self.role != ROLE_DEPARTMENT:
            raise RoleRefused(_("この操作は部署用のデータベースでだけできます。"
                                "指定されたのは監査担当用のデータベースです。何も変更していません。"))

    # -- the person ------------------------------------------------------------------------
    @property
    def user(self) -> str:
        """The name given for this session, else the one remembered in the database ("" when none)."""
        return self._user or self.workspace.store.get_setting(SETTING_USER, "") or ""

    @property
    def actor(self) -> str:
        """The name recorded in the log: the user, else the account's login name."""
        if self.user:
            return self.user
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "不明"

    def use_user(self, name: str) -> None:
        """Record ``name`` for this session only (not remembered for the next start)."""
        self._user = name
        if self._holder is not None:
            self._holder.refresh(user=name)  # the holder file names the person, not the login

    @use_case
    def remember_user(self, name: str) -> None:
        """Use ``name`` from now on and remember it in the database for the next start."""
        self.use_user(name)
        if not self.read_only:
            self.workspace.store.set_setting(SETTING_USER, name)

    @use_case
    def setting(self, key: str, default: str | None = None) -> str | None:
        return self.workspace.store.get_setting(key, default)

    @use_case
    def remember(self, key: str, value: str) -> None:
        """Keep a choice of the user's (not logged: no work is changed; not kept when reading only)."""
        if not self.read_only:
            self.workspace.store.set_setting(key, value)

    # -- the catalog -----------------------------------------------------------------------
    def years(self) -> list[int]:
        return self.workspace.years()

    def departments(self) -> list[Department]:
        return self.workspace.departments()

    def master_departments(self) -> list[Department]:
        """The departments of the master in use, in its order."""
        return list(self.workspace.catalog.master.departments)

    def department(self, department_id: str) -> Department:
        return self.workspace.department(department_id)

    def questionnaire_for_year(self, year: int) -> Questionnaire | None:
        return self.workspace.catalog.for_year(year)

    @use_case
    def reload_catalog(self) -> None:
        self.workspace.reload_catalog()
