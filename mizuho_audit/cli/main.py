"""``run(argv)``: the language, the parser, the handler, and the one mapping of errors to exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from ..errors import AppError
from ..i18n import _, language_from_environment, set_language
from ..logs import log_path, setup_logging
from ..oserrors import describe_os_error
from ..paths import default_db_path
from .common import EXIT_INTERNAL, EXIT_PROBLEMS, EXIT_STORE, CliError, Done, handler_of

log = logging.getLogger(__name__)


def print_problems(problems: Sequence[object]) -> None:
    for pr in problems:
        print(str(pr), file=sys.stderr)
    print(_("問題が {count} 件あります。").format(count=len(problems)), file=sys.stderr)


def _language_option(argv: list[str]) -> str | None:
    """The value of ``--lang`` wherever it is written (before ``--``), read before the parser is built
    so that the parser's help texts are in that language too."""
    value = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    return value


def _window_options(argv: list[str]) -> argparse.Namespace | None:
    """The global options when ``argv`` asks for the window only (``mizuho-audit [--db P] [--lang L] ...``),
    read without building every command's parser (~40 ms of the window's start); None for anything else
    (a command, --help, --self-test, a mistake), which the whole parser reads and answers as before."""
    from .parser import global_options

    parser = global_options(after_subcommand=False)
    parser.exit_on_error = False
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def run(argv: list[str]) -> int:
    set_language(language_from_environment(_language_option(argv)))
    setup_logging()
    args = _window_options(argv)
    if args is None:
        from .parser import build_parser

        args = build_parser().parse_args(argv)
    if getattr(args, "self_test", False):
        from ..selftest import run_self_test

        return run_self_test()
    handler = handler_of(args)
    if handler is None:
        from ..app import run_gui

        # Without --lang: the environment, else the saved language; --role: the kind of a new database; --user: who.
        return run_gui(args.db or default_db_path(), lang=args.lang, role=args.role, user=args.user)
    # Here, not at the top: the window's start does not need the administration module (~10 ms with the
    # backup code it loads; the start is measured by bench/bench_window.py row 1).
    from ..usecases.administration import ValidationFailed

    try:
        return handler(args)
    except Done as exc:
        return exc.code
    except CliError as exc:
        print(_("エラー: {error}").format(error=exc), file=sys.stderr)
        return exc.code
    except ValidationFailed as exc:
        print_problems(exc.problems)
        return EXIT_PROBLEMS
    except AppError as exc:  # every refusal of the core carries its message and its exit code
        print(_("エラー: {error}").format(error=exc), file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(_("エラー: {error}").format(error=describe_os_error(exc)), file=sys.stderr)
        return EXIT_STORE
    except KeyError as exc:  # an unknown department or 年度 named on the command line
        name = str(exc.args[0]) if exc.args else ""
        said = name if name.endswith("。") else _("{name} が見つかりません。").format(name=name)  # a sentence as is
        print(_("エラー: {error}").format(error=said), file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception:  # a bug: say so, keep the details in the log for support
        log.exception("unexpected error in %s", getattr(handler, "__name__", "?"))
        print(_("予期しないエラーが起きました（プログラムの不具合です）。処理は完了していない可能性があります。"
                "詳しい記録: {log}").format(log=log_path()), file=sys.stderr)
        return EXIT_INTERNAL
