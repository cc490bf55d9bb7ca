"""Entry point: no arguments starts the window; subcommands run the command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from .cli import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
