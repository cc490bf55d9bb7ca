"""The families of errors the core raises for people: each carries a message in the user's language.

Front ends catch :class:`AppError` once and show ``str(exc)``; the command line exits with ``exit_code``.
- :class:`InputProblem`: the input was checked and has problems (a file, a value, a refused step) — exit 1;
- :class:`StoreProblem`: the database or a file could not be opened or written — exit 3.
"""

from __future__ import annotations


class AppError(Exception):
    """A refusal with a message for the user; nothing was changed unless the message says so."""

    exit_code = 1


class InputProblem(AppError):
    """The input (a file, a value, the state of the work) does not allow this step."""

    exit_code = 1


class StoreProblem(AppError):
    """The database or a file could not be opened or written."""

    exit_code = 3


class RoleRefused(InputProblem):
    """The step belongs to the other kind of database (a department's, or the auditor's)."""
