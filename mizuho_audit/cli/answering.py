"""A department's answers: ``carry-over``, ``answers export|import``, ``export template``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import _
from ..usecases import answering
from .common import EXIT_OK, CliError, session
from .parser import Commands, dep_year


def add_parsers(c: Commands) -> None:
    p = c.command("carry-over", carry_over, _("前年度の回答を引き継ぐ（要再確認の印が付きます）"))
    dep_year(p)
    group_help = _("回答の JSON 書き出し・取込")
    p = c.subcommand("answers", "export", export_answers, _("回答を JSON に書き出す"), group_help)
    dep_year(p)
    p.add_argument("--out", type=Path, required=True)
    p = c.subcommand("answers", "import", import_answers, _("回答を JSON または記入済みの Excel 回答用紙から取り込む"))
    dep_year(p)
    p.add_argument("file", type=Path)
    p.add_argument("--yes", action="store_true", help=_("（Excel 回答用紙）問題のある項目を除いて取り込む"))
    p = c.subcommand("export", "template", export_template, _("部署の Excel 回答用紙（アプリを使わない部署向け）"),
                     _("書き出し（Excel、OSCAL、CISO Assistant のライブラリ、得点パック）"))
    dep_year(p)
    p.add_argument("--out", type=Path, required=True)


def carry_over(args: argparse.Namespace) -> int:
    with session(args) as s:
        result = answering.carry_over(s, args.department, args.year)
    print(_("前年度の回答 {count} 件を引き継ぎました（要再確認の印が付いています）。").format(count=result.carried))
    return EXIT_OK


def export_answers(args: argparse.Namespace) -> int:
    with session(args) as s:
        out = answering.export_answers(s, answering.open_checklist(s, args.department, args.year), args.out)
    print(_("回答を書き出しました: {out}").format(out=out))
    return EXIT_OK


def import_answers(args: argparse.Namespace) -> int:
    with session(args) as s:
        cl = answering.open_checklist(s, args.department, args.year)
        if args.file.suffix.lower() == ".xlsx":
            plan = answering.check_answer_workbook(s, cl, args.file)
            if plan.problems and not args.yes:
                hint = _("問題のない項目だけを取り込むには --yes を付けてください。")
                raise CliError("\n".join([*plan.report_lines(), hint]))
            print("\n".join(answering.apply_answer_workbook(s, plan, confirmed=args.yes).report_lines()))
            return EXIT_OK
        n = answering.import_answers(s, cl, args.file)
    print(_("回答を取り込みました（変更 {count} 件）。").format(count=n))
    return EXIT_OK


def export_template(args: argparse.Namespace) -> int:
    with session(args) as s:
        out = answering.write_answer_workbook(s, args.department, args.year, args.out)
    print(_("Excel 回答用紙を書き出しました: {out}").format(out=out))
    return EXIT_OK
