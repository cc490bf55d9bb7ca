"""Entry point: no arguments starts the window; subcommands run the command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):  # Japanese text on a console that cannot show it: never crash
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    from .cli import run

    try:
        return run(args)
    except BrokenPipeError:  # output piped into a command that stopped reading (e.g. head)
        return 0


if __name__ == "__main__":
    sys.exit(main())
