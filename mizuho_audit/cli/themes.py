"""``themes assign|remove|list|export``: the themed sets the auditor adds to a 年度 for chosen departments.

A department takes the exported file in with ``questionnaire import FILE`` (see :mod:`.questionnaire`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import _
from ..usecases import themes
from ..usecases.session import Session
from .common import EXIT_OK, session
from .parser import Commands


def add_parsers(c: Commands) -> None:
    group_help = _("年度のテーマ（監査担当が部署を選んで加える項目の集まり）")
    for name, func, text in (("assign", assign, _("部署にテーマを加える（監査担当）")),
                             ("remove", remove, _("部署からテーマを外す（監査担当）"))):
        p = c.subcommand("themes", name, func, text, group_help)
        p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))
        p.add_argument("--theme", nargs="+", required=True, metavar="T", help=_("テーマID（例: outsourcing）"))
        p.add_argument("--department", nargs="+", required=True, metavar="ID", help=_("部署ID（例: zeimu）"))
    p = c.subcommand("themes", "list", show, _("年度の群・テーマと、部署ごとのテーマ・項目数・分を表示する"))
    p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))
    p = c.subcommand("themes", "export", export,
                     _("テーマの割当てを部署に配るファイルに書き出す（部署は questionnaire import で取り込む）"))
    p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))
    p.add_argument("--out", type=Path, required=True, help=_("出力（.yaml）"))


def assign(args: argparse.Namespace) -> int:
    with session(args) as s:
        added = themes.assign(s, args.year, args.theme, args.department)
        print(_("テーマを加えました（{count} 件）。部署に配るファイルは themes export で書き出します。"
                ).format(count=added))
        _print_plan(s, args.year)
    return EXIT_OK


def remove(args: argparse.Namespace) -> int:
    with session(args) as s:
        removed = themes.unassign(s, args.year, args.theme, args.department)
        print(_("テーマを外しました（{count} 件）。").format(count=removed))
        _print_plan(s, args.year)
    return EXIT_OK


def show(args: argparse.Namespace) -> int:
    with session(args) as s:
        _print_plan(s, args.year)
    return EXIT_OK


def export(args: argparse.Namespace) -> int:
    with session(args) as s:
        out = themes.export(s, args.year, args.out)
        print(_("テーマの割当てを書き出しました: {file}（各部署は mizuho-audit questionnaire import で取り込みます）"
                ).format(file=out))
    return EXIT_OK


def _print_plan(s: Session, year: int) -> None:
    plan = themes.year_plan(s, year)
    asked = _("毎年の項目と {group} 群").format(group=plan.group) if plan.group else _("すべての項目")
    print(_("{year}年度: {asked}").format(year=year, asked=asked))
    titles = {t.id: t.title for t in plan.themes}
    offered = _("、").join(_("{id}（{title}）").format(id=t.id, title=t.title) for t in plan.themes)
    print(_("テーマ: {themes}").format(themes=offered or _("なし")))
    for d in plan.departments:
        chosen = plan.assigned.get(d.id, ())
        if not chosen:
            continue
        items, minutes = plan.loads.get(d.id, (0, 0))
        print(_("  {name}（{id}）: {themes} — {items} 項目・{minutes} 分").format(
            name=d.name, id=d.id, themes=_("、").join(titles.get(t, t) for t in chosen), items=items, minutes=minutes))
    if not any(plan.assigned.values()):
        print(_("  テーマを加えた部署はありません。"))
