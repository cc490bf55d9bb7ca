"""``export oscal catalog|results``: the checklist and the 年度's results in OSCAL 1.1 (JSON)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.vocabulary import ROLE_AUDITOR
from ..i18n import _
from ..usecases import reports
from .common import EXIT_OK, session
from .parser import Commands, global_options


def add_parsers(c: Commands) -> None:
    export = c.group("export", _("書き出し（Excel、OSCAL、CISO Assistant のライブラリ、得点パック）"))
    oscal = export.add_parser("oscal", help=_("OSCAL 1.1（JSON）の書き出し: チェックリストのカタログ、年度の結果"),
                              parents=[global_options(after_subcommand=True)])
    kinds = oscal.add_subparsers(dest="oscal_kind", metavar=_("種類"), required=True)
    p = kinds.add_parser("catalog", help=_("チェックリストを OSCAL のカタログとして書き出す（データベース不要）"),
                         parents=[global_options(after_subcommand=True)])
    p.set_defaults(func=export_catalog)
    p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))
    p.add_argument("--out", type=Path, required=True, help=_("出力（.json）"))
    p = kinds.add_parser("results", help=_("（監査担当）年度の集計結果を OSCAL の評価結果として書き出す"),
                         parents=[global_options(after_subcommand=True)])
    p.set_defaults(func=export_results)
    p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))
    p.add_argument("--out", type=Path, required=True, help=_("出力（.json）"))


def export_catalog(args: argparse.Namespace) -> int:
    q = reports.write_oscal_catalog(args.year, args.out)
    print(_("OSCAL カタログを書き出しました: {out}（{title} 版 {version}、章 {chapters}、項目 {items}）").format(
        out=args.out, title=q.title, version=q.version, chapters=len(q.chapters), items=len(list(q.items()))))
    return EXIT_OK


def export_results(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        out, departments = reports.write_oscal_results(s, args.year, args.out)
    print(_("OSCAL の評価結果を書き出しました: {out}（{year}年度、{departments} 部署）").format(
        out=out, year=args.year, departments=departments))
    return EXIT_OK
