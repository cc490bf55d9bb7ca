"""The command line: one module per group of commands, dispatched by ``set_defaults(func=...)``.

Exit codes: 0 success; 1 the input was checked and has problems; 2 wrong usage;
3 the database or a file could not be opened or written; 4 an unexpected error (a bug; the log has
the details).
"""

from .main import run

__all__ = ["run"]
