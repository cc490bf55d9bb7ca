"""``questionnaire validate|report|import``: the checklists and the department master."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import _
from ..usecases import administration as admin
from ..usecases import themes
from .common import EXIT_OK, EXIT_PROBLEMS, db_path, session
from .parser import Commands


def add_parsers(c: Commands) -> None:
    group_help = _("チェックリストと部署マスタの検証・報告・取込")
    p = c.subcommand("questionnaire", "validate", validate, _("ファイルを検証する（指定なし: 使用中のすべて）"),
                     group_help)
    p.add_argument("files", nargs="*", type=Path)
    p = c.subcommand("questionnaire", "report", report, _("網羅性の報告（条項・章・系・部署ごとの項目数）"))
    p.add_argument("--json", action="store_true", help=_("JSONで出力する"))
    p.add_argument("--year", type=int, default=None, help=_("対象の年度（既定: 最新）"))
    p = c.subcommand("questionnaire", "import", install,
                     _("町のチェックリスト・部署マスタ・項目の対応表・組織改正の対応表・テーマの割当て・"
                       "他の枠組みとの対応表（クロスウォーク）、または OSCAL カタログ（JSON）を"
                       "取り込む（検証してから）"))
    p.add_argument("file", type=Path)


def validate(args: argparse.Namespace) -> int:
    from .main import print_problems

    if args.files:
        problems = admin.validate_definitions(list(args.files))
        if problems:
            print_problems(problems)
            return EXIT_PROBLEMS
        print(_("問題はありません（{count} ファイル）。").format(count=len(args.files)))
        return EXIT_OK
    count, items, departments = admin.installed_catalog_summary()
    print(_("問題はありません: チェックリスト {count} 版（計 {items} 項目）、部署 {departments} 件。"
            ).format(count=count, items=items, departments=departments))
    return EXIT_OK


def report(args: argparse.Namespace) -> int:
    result = admin.coverage(args.year)
    admin.print_coverage(result, as_json=args.json)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def install(args: argparse.Namespace) -> int:
    if themes.is_theme_file(args.file):  # the auditor's themes of a 年度: into this database
        with session(args) as s:
            taken = themes.install(s, args.file)
        print(_("{year}年度のテーマの割当てを取り込みました（テーマのある部署 {departments}、変更 {changed} 件）: {db}"
                ).format(year=taken.fiscal_year, departments=taken.departments,
                         changed=taken.changed, db=db_path(args)))
        return EXIT_OK
    got = admin.install_definition(args.file)
    if got.kind == "mapping":
        print(_("項目の対応表を取り込みました: {town}").format(town=got.folder))
    elif got.kind == "changes":
        print(_("組織改正の対応表を取り込みました: {town}").format(town=got.folder))
    elif got.kind in ("crosswalk", "oscal"):
        print(_("{message}: {town}").format(message=admin.definition_message(got), town=got.folder))
    elif got.kind == "departments":
        print(_("部署マスタ（版 {version}、{count} 部署）を取り込みました: {town}"
                ).format(version=got.version, count=got.count, town=got.folder))
    else:
        print(_("チェックリスト「{title}」（版 {version}、{count} 項目）を取り込みました: {town}"
                ).format(title=got.title, version=got.version, count=got.count, town=got.folder))
    return EXIT_OK
