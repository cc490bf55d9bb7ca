"""Entry of the ``mizuho-audit-selftest`` executable in the PyInstaller bundle (console).

Runs :func:`mizuho_audit.selftest.run_self_test` and exits with its code, so a build can be
checked before ``mizuho-audit --self-test`` is wired into the command line.
"""

from __future__ import annotations

import io
import sys

from mizuho_audit.selftest import run_self_test

if __name__ == "__main__":
    # UTF-8 also when piped or redirected (a Windows pipe would otherwise get the ANSI code page, which
    # cannot hold Japanese on every PC); the console itself shows Unicode either way.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    sys.exit(run_self_test())
