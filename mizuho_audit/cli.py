"""The command line. Without a subcommand it starts the window.

Exit codes: 0 success; 1 the input was checked and has problems; 2 wrong usage;
3 the database or a file could not be opened or written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .i18n import LANGUAGES, _, language_from_environment, set_language
from .paths import default_db_path, shipped_questionnaires_dir, town_questionnaires_dir
from .questionnaires.problems import ValidationFailed
from .storage.connection import SqliteError, StoreError, describe_os_error, store_error

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mizuho-audit", description=_("瑞穂町 情報セキュリティ自己点検・監査ツール"))
    p.add_argument("--db", type=Path, help=_("データベースファイル（既定: ユーザーのデータフォルダ）"))
    p.add_argument("--role", choices=["department", "auditor"], default=None,
                   help=_("新しいデータベースを作るときの種類（部署用 / 監査担当用）。作成後は変えられません"))
    p.add_argument("--user", default=None, help=_("操作者の氏名（記録に残ります）"))
    p.add_argument("--self-test", action="store_true",
                   help=_("インストールの自己テスト（一時フォルダで提出・署名・画面を確かめる。"
                          "利用者のデータには触れません）"))
    p.add_argument("--lang", choices=sorted(LANGUAGES), default=None,
                   help=_("表示の言語（ja: 日本語、en: 英語。既定: 環境変数 MIZUHO_AUDIT_LANG、なければ日本語）。"
                          "書き出す文書は常に日本語です"))
    sub = p.add_subparsers(dest="command", metavar=_("コマンド"))

    demo = sub.add_parser("demo", help=_("デモ用のデータベースを作る"))
    demo.add_argument("--dir", type=Path, required=True, help=_("作成先のフォルダ"))
    demo.add_argument("--year", type=int, default=2026, help=_("年度（西暦、既定 2026）"))
    demo.add_argument("--seed", type=int, default=None, help=_("乱数の種（同じ種なら同じデータ）"))
    demo.add_argument("--screenshot", action="store_true",
                      help=_("住民課のチェックリストの画面を window.png に保存する"))

    q = sub.add_parser("questionnaire", help=_("チェックリストと部署マスタの検証・報告・取込"))
    qsub = q.add_subparsers(dest="qcommand", metavar=_("操作"), required=True)
    v = qsub.add_parser("validate", help=_("ファイルを検証する（指定なし: 使用中のすべて）"))
    v.add_argument("files", nargs="*", type=Path)
    r = qsub.add_parser("report", help=_("網羅性の報告（条項・章・系・部署ごとの項目数）"))
    r.add_argument("--json", action="store_true", help=_("JSONで出力する"))
    r.add_argument("--year", type=int, default=None, help=_("対象の年度（既定: 最新）"))
    imp = qsub.add_parser("import", help=_("町のチェックリストまたは部署マスタを取り込む（検証してから）"))
    imp.add_argument("file", type=Path)
    from . import cli_reports, cli_workflow

    cli_workflow.add_parsers(sub)
    cli_reports.add_parsers(sub)
    return p


def cli_workflow_error() -> tuple[type[Exception], ...]:
    """Errors that carry a message for the user (in their language) and mean "the input has problems"."""
    from .cli_workflow import CliError
    from .services.answering.carryover import CarryOverError
    from .services.answering.evidence import EvidenceError
    from .services.findings.result_notice import ResultNoticeError
    from .services.signing.signing import SigningError
    from .services.submission.excel_template import TemplateError
    from .services.submission.notice import NoticeError
    from .services.submission.submission import SubmissionFileError
    from .services.submission.workflow import WorkflowError
    from .services.workspace import AnswerRejected

    return (CliError, WorkflowError, CarryOverError, SubmissionFileError, NoticeError, SigningError, EvidenceError,
            AnswerRejected, ResultNoticeError, TemplateError)


def _print_problems(problems: Sequence[object]) -> None:
    for pr in problems:
        print(str(pr), file=sys.stderr)
    print(_("問題が {count} 件あります。").format(count=len(problems)), file=sys.stderr)


def _choose_language(argv: list[str]) -> str:
    """Set the language from ``--lang`` (before the subcommand), else MIZUHO_AUDIT_LANG, else Japanese.

    Done before the parser is built, so that its help texts are in that language too.
    """
    early = argparse.ArgumentParser(add_help=False)
    for option in ("--lang", "--db", "--role", "--user"):  # the global options that take a value
        early.add_argument(option)
    early.add_argument("rest", nargs=argparse.REMAINDER)  # from the subcommand on: its options are its own
    try:
        known, _unknown = early.parse_known_args(argv)
    except SystemExit:  # e.g. "--lang" without a value: the real parser reports it
        known = argparse.Namespace(lang=None)
    return set_language(language_from_environment(known.lang))


def run(argv: list[str]) -> int:
    _choose_language(argv)
    parser = _parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from .selftest import run_self_test

        return run_self_test()
    db_path: Path = args.db or default_db_path()
    try:
        if args.command is None:
            from .app import run_gui

            return run_gui(db_path, lang=args.lang)  # without --lang: the environment, else the saved choice
        if args.command == "demo":
            return _demo(args)
        if args.command == "questionnaire":
            return _questionnaire(args)
        if args.command in ("export", "report", "sign", "verify"):
            from . import cli_reports

            return cli_reports.run(args)
        from . import cli_workflow

        return cli_workflow.run(args)
    except cli_workflow_error() as exc:
        print(_("エラー: {error}").format(error=exc), file=sys.stderr)
        return int(getattr(exc, "code", EXIT_PROBLEMS))
    except ValidationFailed as exc:
        _print_problems(exc.problems)
        return EXIT_PROBLEMS
    except StoreError as exc:
        print(_("エラー: {error}").format(error=exc), file=sys.stderr)
        return int(getattr(exc, "code", EXIT_STORE))
    except SqliteError as exc:  # e.g. "database is locked" by a window, "database or disk is full"
        print(_("エラー: {error}").format(error=store_error(exc, db_path)), file=sys.stderr)
        return EXIT_STORE
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(_("エラー: {error}").format(error=describe_os_error(exc)), file=sys.stderr)
        return EXIT_STORE
    except KeyError as exc:
        print(_("エラー: {name} が見つかりません。").format(name=str(exc).strip(chr(39))), file=sys.stderr)
        return EXIT_PROBLEMS


def _demo(args: argparse.Namespace) -> int:
    from .services.admin.demo import DEFAULT_SEED, build_demo

    seed = args.seed if args.seed is not None else DEFAULT_SEED
    summary = build_demo(args.dir, args.year, seed)
    years = _("・").join(_("{year}年度").format(year=y) for y in summary.years)
    print(_("デモ用データベースを作成しました: {path}").format(path=summary.path.resolve()))
    print(_("  部署 {departments} 件、年度 {years}（乱数の種 {seed}）"
            ).format(departments=summary.departments, years=years, seed=seed))
    print(_("  {year}年度: 提出済 {submitted}、回答中 {in_progress}、未着手 {not_started}"
            ).format(year=args.year, submitted=summary.submitted, in_progress=summary.in_progress,
                     not_started=summary.not_started))
    submissions = [f for f in summary.files if f.suffix == ".pdf"]
    if submissions:
        print(_("  署名付きの提出ファイル {count} 件: {folder}"
                ).format(count=len(submissions), folder=(args.dir / 'submissions').resolve()))
        print(_("  デモ認証局: {folder}、信頼する証明書: {trust}"
                ).format(folder=(args.dir / 'ca').resolve(), trust=(args.dir / 'trust.pem').resolve()))
        print(_("  証明書と認証局の鍵のパスフレーズ: {source}"
                ).format(source=summary.passphrase_source))
    if summary.auditor_db:
        print(_("監査担当用データベース: {path}（提出 {imported} 件を取込、"
                "指摘案 {findings} 件）"
                ).format(path=summary.auditor_db.resolve(), imported=summary.imported, findings=summary.findings))
        print(_("  パスフレーズ: {source}"
                ).format(source=summary.auditor_passphrase_source))
    if args.screenshot:
        from .app import save_window_screenshot

        shot = save_window_screenshot(summary.path, args.dir / "window.png", "jumin", args.year)
        print(_("住民課の画面: {shot}").format(shot=shot.resolve()))
    print(_("画面で開くには: mizuho-audit --db {path}").format(path=summary.path.resolve()))
    return EXIT_OK


def _questionnaire(args: argparse.Namespace) -> int:
    from .questionnaires.catalog import import_departments, import_questionnaire, load_catalog, validate_paths

    shipped, town = shipped_questionnaires_dir(), town_questionnaires_dir()
    if args.qcommand == "validate":
        if args.files:
            problems = validate_paths(list(args.files), shipped, town)
            if problems:
                _print_problems(problems)
                return EXIT_PROBLEMS
            print(_("問題はありません（{count} ファイル）。").format(count=len(args.files)))
            return EXIT_OK
        catalog = load_catalog(shipped, town)
        n = sum(len(list(q.items())) for q in catalog.questionnaires)
        print(_("問題はありません: チェックリスト {count} 版（計 {items} 項目）、"
                "部署 {departments} 件。"
                ).format(count=len(catalog.questionnaires), items=n, departments=len(catalog.master.departments)))
        return EXIT_OK
    if args.qcommand == "report":
        from .questionnaires.coverage import coverage_report, print_report

        catalog = load_catalog(shipped, town)
        report = coverage_report(catalog, args.year)
        print_report(report, as_json=args.json)
        return EXIT_OK if report.ok else EXIT_PROBLEMS
    if args.qcommand == "import":
        from .questionnaires.yamlsafe import load_yaml_file

        data = load_yaml_file(args.file).data
        fmt = data.get("format") if isinstance(data, dict) else None
        if fmt in ("mizuho-audit/item-mapping@1", "mizuho-audit/department-changes@1"):
            from .questionnaires.catalog import import_mapping_or_changes

            kind = import_mapping_or_changes(args.file, shipped, town)
            message = _("項目の対応表を取り込みました: {town}") if kind == "mapping" \
                else _("組織改正の対応表を取り込みました: {town}")
            print(message.format(town=town))
            return EXIT_OK
        if isinstance(data, dict) and data.get("format") == "mizuho-audit/departments@1":
            master = import_departments(args.file, shipped, town)
            print(_("部署マスタ（版 {version}、{count} 部署）を取り込みました: {town}"
                    ).format(version=master.version, count=len(master.departments), town=town))
        else:
            q = import_questionnaire(args.file, shipped, town)
            print(_("チェックリスト「{title}」（版 {version}、{count} 項目）を取り込みました: {town}"
                    ).format(title=q.title, version=q.version, count=len(list(q.items())), town=town))
        return EXIT_OK
    return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(sys.argv[1:]))

