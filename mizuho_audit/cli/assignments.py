"""``assign add|remove|list|handover``: who in the 課 answers which chapters and items of the 年度's checklist.

The person assigning is ``--user`` (the 情報セキュリティ責任者; ``--title`` records their title). Without
``--department`` the department is the one whose checklist the database holds for the 年度.
"""

from __future__ import annotations

import argparse
import json

from ..i18n import _
from ..usecases import answering, assignments
from ..usecases.answering import Checklist
from ..usecases.session import Session
from .common import EXIT_OK, session
from .parser import Commands

GROUP = "assign"


def add_parsers(c: Commands) -> None:
    group_help = _("章・項目の担当者（課の情報セキュリティ責任者が割り当てる）")

    def common(p: argparse.ArgumentParser, *, title: bool = True) -> None:
        p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))
        p.add_argument("--department", help=_("部署ID（省略時: このデータベースにあるその年度の部署）"))
        if title:
            p.add_argument("--title", default=assignments.DEFAULT_TITLE,
                           help=_("割り当てる人（--user）の職名（記録に残ります。既定: 情報セキュリティ責任者）"))

    def targets(p: argparse.ArgumentParser) -> None:
        p.add_argument("--chapter", nargs="+", default=[], metavar="ID", help=_("章の番号（章の項目すべて）"))
        p.add_argument("--item", nargs="+", default=[], metavar="ID", help=_("項目ID（例: ORG-001。章の担当より優先）"))

    p = c.subcommand(GROUP, "add", add, _("章または項目を担当者に割り当てる"), group_help)
    common(p)
    p.add_argument("--to", required=True, metavar=_("氏名"), help=_("担当者の氏名"))
    targets(p)
    p = c.subcommand(GROUP, "remove", remove, _("章または項目の担当の割り当てを取り消す"))
    common(p)
    targets(p)
    p = c.subcommand(GROUP, "list", show, _("担当の一覧と、担当者ごとの進み具合（回答済み / 項目数）"))
    common(p, title=False)
    p.add_argument("--json", action="store_true", help=_("JSON で出力する"))
    p = c.subcommand(GROUP, "handover", handover, _("ある人の担当をすべて別の人に引き継ぐ（人事異動など。1 件の記録）"))
    common(p)
    p.add_argument("--from", dest="from_name", required=True, metavar=_("氏名"), help=_("引き継ぐ人（異動する人）"))
    p.add_argument("--to", required=True, metavar=_("氏名"), help=_("引き継ぐ先の人"))
    p.add_argument("--reason", required=True, help=_("理由（例: 人事異動）"))


def _checklist(s: Session, args: argparse.Namespace) -> Checklist:
    department = assignments.department_for(s, args.year, args.department)
    return answering.open_checklist(s, department, args.year)


def add(args: argparse.Namespace) -> int:
    with session(args) as s:
        cl = _checklist(s, args)
        n = assignments.assign(s, cl, args.to, chapters=args.chapter, items=args.item, title=args.title)
        print(_("{name} さんに割り当てました（変更 {count} 件）。").format(name=" ".join(args.to.split()), count=n))
        _print(s, cl)
    return EXIT_OK


def remove(args: argparse.Namespace) -> int:
    with session(args) as s:
        cl = _checklist(s, args)
        n = assignments.remove(s, cl, chapters=args.chapter, items=args.item, title=args.title)
        print(_("担当の割り当てを取り消しました（{count} 件）。").format(count=n))
        _print(s, cl)
    return EXIT_OK


def handover(args: argparse.Namespace) -> int:
    with session(args) as s:
        cl = _checklist(s, args)
        n = assignments.hand_over(s, cl, args.from_name, args.to, args.reason, title=args.title)
        print(_("{old} さんの担当 {count} 件を {new} さんに引き継ぎました（理由: {reason}）。").format(
            old=" ".join(args.from_name.split()), new=" ".join(args.to.split()), count=n, reason=args.reason.strip()))
        _print(s, cl)
    return EXIT_OK


def show(args: argparse.Namespace) -> int:
    with session(args, reading=True) as s:
        cl = _checklist(s, args)
        if args.json:
            print(json.dumps(_as_json(s, cl), ensure_ascii=False, indent=2))
        else:
            _print(s, cl)
    return EXIT_OK


def _as_json(s: Session, cl: Checklist) -> dict[str, object]:
    o = assignments.overview(s, cl)
    return {"year": cl.year, "department": cl.department.id,
            "assignments": [{"scope": a.scope, "id": a.target_id, "assignee": a.assignee,
                             "assigned_by": a.assigned_by, "assigned_by_title": a.assigned_by_title,
                             "assigned_at": a.assigned_at} for a in o.assignments],
            "items": o.items,
            "people": [{"name": p.name, "answered": p.answered, "total": p.total, "items": list(p.items)}
                       for p in o.people],
            "unassigned": o.unassigned}


def _print(s: Session, cl: Checklist) -> None:
    o = assignments.overview(s, cl)
    q = cl.questionnaire
    print(_("{department}　{year}年度の担当").format(department=cl.department.name, year=cl.year))
    if not o.assignments:
        print(_("  割り当てはまだありません（mizuho-audit assign add で割り当てます）。"))
    chapters = {ch.id: ch.title for ch in q.chapters}
    for a in o.assignments:
        what = (_("章 {id} {title}").format(id=a.target_id, title=chapters.get(a.target_id, ""))
                if a.scope == assignments.CHAPTER else _("項目 {id}").format(id=a.target_id))
        print(_("  {what}: {name}（{by}、{at}）").format(what=what, name=a.assignee, by=a.assigned_by,
                                                       at=a.assigned_at[:16].replace("T", " ")))
    for p in o.people:
        print(_("  {name}: 回答済み {answered} / {total} 項目").format(name=p.name, answered=p.answered,
                                                                       total=p.total))
    if o.unassigned:
        shown = _("、").join(o.unassigned[:10]) + (_("ほか") if len(o.unassigned) > 10 else "")
        print(_("  担当のない項目: {count} 件（{ids}）").format(count=len(o.unassigned), ids=shown))
