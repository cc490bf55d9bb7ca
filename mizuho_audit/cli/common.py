"""What every command handler shares: exit codes, the error it raises, passphrases, the open database.

Passphrases are never taken from the command line: the auditor's database passphrase comes from
``MIZUHO_AUDIT_AUDITOR_PASSPHRASE`` (or a prompt), the PKCS#12 / CA key passphrase from
``MIZUHO_AUDIT_PASSPHRASE`` (or a prompt).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ..paths import default_db_path

if TYPE_CHECKING:
    from ..usecases.session import Session

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_STORE, EXIT_INTERNAL = 0, 1, 2, 3, 4
AUDITOR_ENV = "MIZUHO_AUDIT_AUDITOR_PASSPHRASE"
KEY_ENV = "MIZUHO_AUDIT_PASSPHRASE"
P12_ENV = "MIZUHO_AUDIT_P12_PASSPHRASE"  # the passphrase of a certificate being issued

Handler = Callable[[argparse.Namespace], int]


class CliError(Exception):
    """A problem to report on stderr with exit code ``code``."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.code = code


def prompt(label: str, twice: bool = False) -> str | None:
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(f"{label}: ")
    if twice and getpass.getpass(_("{label}（確認）: ").format(label=label)) != first:
        raise CliError(_("パスフレーズが一致しません。"), EXIT_USAGE)
    return first


def auditor_passphrase(creating: bool) -> str:
    value = os.environ.get(AUDITOR_ENV) or prompt(_("監査担当用データベースのパスフレーズ"), twice=creating)
    if not value:
        raise CliError(_("監査担当用データベースのパスフレーズを環境変数 {variable} で指定してください。"
                         ).format(variable=AUDITOR_ENV), EXIT_USAGE)
    if creating and len(value) < 8:
        raise CliError(_("監査担当用データベースのパスフレーズは8文字以上にしてください。"), EXIT_USAGE)
    return value


def key_passphrase(label: str | None = None, twice: bool = False) -> bytes | None:
    value = os.environ.get(KEY_ENV) or prompt(label or _("証明書（PKCS#12）または認証局の鍵のパスフレーズ"), twice)
    return value.encode("utf-8") if value else None


def db_path(args: argparse.Namespace) -> Path:
    return getattr(args, "db", None) or default_db_path()


def out(message: str) -> None:
    print(message)


def warn(message: str) -> None:
    print(message, file=sys.stderr)


def handler_of(args: argparse.Namespace) -> Handler | None:
    func: Any = getattr(args, "func", None)
    return func if callable(func) else None


def _remove_database_files(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db) + suffix).unlink(missing_ok=True)


@contextmanager
def session(args: argparse.Namespace, *, role_if_new: str | None = None, inspect: bool = False) -> Iterator[Session]:
    """The database of ``--db`` opened for ``--user``: created (as ``--role``, else ``role_if_new``) when it
    does not exist; an auditor's database asks its passphrase. A database this command created is removed
    again when the command fails, so a refused command leaves no new file. An auditor's database that fails
    its self-check is refused (IntegrityFailure), or with ``inspect`` opened read-only (``log verify``)."""
    from ..usecases.administration import PassphraseRequired
    from ..usecases.session import Session

    db = db_path(args)
    creating = not db.exists()
    role = getattr(args, "role", None) or (role_if_new if creating else None)
    passphrase = auditor_passphrase(True) if creating and role == "auditor" else None
    ok = False
    try:
        try:
            s = Session.open(db, role=role, passphrase=passphrase, user=getattr(args, "user", None),
                             read_only_if_damaged=inspect)
        except PassphraseRequired:
            if passphrase is not None:
                raise
            s = Session.open(db, role=role, passphrase=auditor_passphrase(False), user=getattr(args, "user", None),
                             read_only_if_damaged=inspect)
        if s.sealed_now:
            warn(_("この監査担当用データベースに、改ざん検出の封印をしました（以前の版のアプリで作られたため）。"
                   "これより前の記録は、封印した時点の内容を正しいものとして扱います。"
                   "以前にも封印済みだったはずのデータベースなら、改ざんの疑いがあります。"))
        try:
            yield s
            ok = True
        finally:
            s.close()
    finally:
        if creating and not ok:
            _remove_database_files(db)


@contextmanager
def existing_session(args: argparse.Namespace) -> Iterator[Session | None]:
    """The database of ``--db``, or the default one when it exists (its trust roots and CRLs); None when
    there is none: a check that only reads never creates a database."""
    if getattr(args, "db", None) is None and not default_db_path().exists():
        yield None
        return
    with session(args) as s:
        yield s


class Done(Exception):
    """Raised inside :func:`session` to leave with a non-zero exit code after output was printed."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code
