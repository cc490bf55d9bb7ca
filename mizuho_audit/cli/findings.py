"""指摘事項: ``findings propose|confirm|list|export|carry`` and ``notice result``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..domain.vocabulary import ROLE_AUDITOR
from ..i18n import _
from ..usecases import findings, reports
from .common import EXIT_OK, CliError, key_passphrase, session, warn
from .parser import Commands


def add_parsers(c: Commands) -> None:
    group_help = _("（監査担当）指摘事項")
    p = c.subcommand("findings", "propose", propose, _("回答から指摘案を作る（同じものは二度作りません）"), group_help)
    p.add_argument("--year", type=int, required=True)
    p = c.subcommand("findings", "list", list_findings, _("指摘事項の一覧"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--department", default=None)
    p.add_argument("--json", action="store_true")
    p = c.subcommand("findings", "export", export, _("指摘事項を CSV に書き出す"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p = c.subcommand("findings", "confirm", confirm, _("指摘案を確定する（--all ですべて）"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("ids", type=int, nargs="*")
    p.add_argument("--all", action="store_true")
    p = c.subcommand("findings", "carry", carry, _("未完了の指摘事項を次年度へ引き継ぐ"))
    p.add_argument("--year", type=int, required=True, help=_("引き継ぐ元の年度"))
    p = c.subcommand("notice", "result", result_notices, _("（監査担当）部署ごとの結果通知（署名付き PDF）を書き出す"),
                     _("差戻し通知・結果通知"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--department", default=None, help=_("部署ID（省略: 提出したすべての部署）"))
    p.add_argument("--out", type=Path, required=True, help=_("出力ファイル（部署指定時）またはフォルダ"))
    p.add_argument("--p12", type=Path, default=None, help=_("署名に使う証明書（PKCS#12）"))


def grade_word(key: str) -> str:
    labels = {"major": _("重大"), "minor": _("軽微"), "observation": _("観察事項"), "good": _("良好事例")}
    return labels.get(key, key)


def status_word(key: str) -> str:
    labels = {"open": _("未対応"), "in_progress": _("対応中"), "done": _("完了")}
    return labels.get(key, key)


def propose(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        ids = findings.propose(s, args.year)
    print(_("指摘案を {count} 件作りました（確定前です。内容を確認して確定してください）。").format(count=len(ids)))
    return EXIT_OK


def confirm(args: argparse.Namespace) -> int:
    if not args.all and not args.ids:
        raise CliError(_("確定する指摘事項の番号を指定するか、--all を付けてください。"), 2)
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        n = findings.confirm_all(s, args.year) if args.all else findings.confirm(s, args.ids)
    print(_("{count} 件を確定しました。").format(count=n))
    return EXIT_OK


def carry(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        ids = findings.carry(s, args.year)
    print(_("未完了の指摘事項 {count} 件を {year}年度へ引き継ぎました。").format(count=len(ids), year=args.year + 1))
    return EXIT_OK


def list_findings(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR, reading=True) as s:
        found = findings.findings(s, args.year, args.department)
    if args.json:
        print(json.dumps([findings.as_dict(f) for f in found], ensure_ascii=False, indent=1))
        return EXIT_OK
    for f in found:
        dep = _("全庁") if f.department_id == findings.TOWN_WIDE else f.department_id
        confirmed = _("確定") if f.confirmed else _("案")
        print(f"{f.id}\t{dep}\t{grade_word(f.grade)}\t{status_word(f.status)}\t{confirmed}\t{f.title}")
    return EXIT_OK


def export(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        findings.export_csv(s, args.year, args.out)
    print(_("指摘事項を書き出しました: {out}").format(out=args.out))
    return EXIT_OK


def result_notices(args: argparse.Namespace) -> int:
    secret = key_passphrase() if args.p12 else None
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        unconfirmed = reports.unconfirmed_findings(s, args.year)
        paths = reports.write_result_notices(s, args.year, args.out, department_id=args.department, p12=args.p12,
                                             passphrase=secret)
    if unconfirmed:
        warn(_("注意: 確認していない指摘案が {count} 件あります。結果通知には確認済みの指摘事項だけが載ります。"
               ).format(count=unconfirmed))
    if args.department:
        print(_("結果通知を書き出しました: {out}").format(out=paths[0]))
    else:
        print(_("結果通知 {count} 件を書き出しました: {out}").format(count=len(paths), out=args.out))
    return EXIT_OK
