"""提出: ``submit``, ``reopen``, ``submission export|verify``, and ``notice import`` (the department's side)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import clock
from ..i18n import _
from ..usecases import answering, submission
from .common import EXIT_OK, EXIT_PROBLEMS, CliError, existing_session, key_passphrase, session
from .parser import Commands, dep_year


def add_parsers(c: Commands) -> None:
    p = c.command("submit", submit, _("承認を受けて提出する（回答が確定します）"))
    dep_year(p)
    p.add_argument("--approver-name", required=True, help=_("承認者（情報セキュリティ管理者）の氏名"))
    p.add_argument("--approver-title", required=True, help=_("承認者の職名"))
    p.add_argument("--approved-on", default=None, help=_("承認日（既定: 今日）"))
    p = c.command("reopen", reopen, _("提出を取り消して回答中に戻す（理由が必要）"))
    dep_year(p)
    p.add_argument("--reason", required=True)
    group_help = _("提出ファイル")
    p = c.subcommand("submission", "export", export_file, _("提出ファイル（PDF、--p12 で署名）または JSON を書き出す"),
                     group_help)
    dep_year(p)
    p.add_argument("--out", type=Path, required=True, help=_("出力ファイル（.pdf または .json）"))
    p.add_argument("--p12", type=Path, default=None, help=_("署名に使う証明書（PKCS#12）"))
    p.add_argument("--crl", type=Path, action="append", default=[],
                   help=_("署名に埋め込む失効リスト（町の認証局の ca.crl など。PAdES B-LT）"))
    p = c.subcommand("submission", "verify", verify_file,
                     _("提出ファイルの署名と内容を確かめる（--db のデータベースの信頼する証明書と失効リストも使う）"))
    p.add_argument("file", type=Path)
    p.add_argument("--trust", type=Path, action="append", default=[], help=_("信頼する証明書（PEM）"))
    p.add_argument("--crl", type=Path, action="append", default=[], help=_("失効リスト（CRL）"))
    p = c.subcommand("notice", "import", import_notice,
                     _("（部署）差戻し通知（回答中に戻す）または結果通知（指摘事項）を取り込む"),
                     _("差戻し通知・結果通知"))
    p.add_argument("file", type=Path)
    p.add_argument("--trust", type=Path, action="append", default=[])


def submit(args: argparse.Namespace) -> int:
    approver = submission.Approver(args.approver_name, args.approver_title,
                                   args.approved_on or clock.today().isoformat())
    with session(args) as s:
        cl = answering.open_checklist(s, args.department, args.year)
        try:
            rec = submission.submit(s, cl, approver)
        except submission.IncompleteError as exc:
            raise CliError(f"{exc}\n{submission.describe_missing(exc.missing)}") from exc
    print(_("提出しました（第{version}版、回答データ SHA-256: {hash}）。").format(version=rec.version,
                                                                          hash=rec.snapshot_hash))
    return EXIT_OK


def reopen(args: argparse.Namespace) -> int:
    with session(args) as s:
        submission.reopen(s, answering.open_checklist(s, args.department, args.year), args.reason)
    print(_("提出を取り消し、回答中に戻しました。"))
    return EXIT_OK


def export_file(args: argparse.Namespace) -> int:
    with session(args) as s:
        cl = answering.open_checklist(s, args.department, args.year)
        out = submission.export_file(s, cl, args.out, p12=args.p12,
                                     passphrase=key_passphrase() if args.p12 else None, crl_files=args.crl)
    if args.p12:
        print(_("提出ファイルを書き出しました: {out}（署名あり）").format(out=out))
    else:
        print(_("提出ファイルを書き出しました: {out}（未署名）").format(out=out))
    return EXIT_OK


def verify_file(args: argparse.Namespace) -> int:
    with existing_session(args) as s:
        sf = submission.read_file(args.file, args.trust, args.crl, s)
    snap = sf.snapshot
    print(_("部署: {department}　年度: {year}　第{version}版"
            ).format(department=snap['department']['name'], year=snap['fiscal_year'],
                     version=snap.get('submission_version')))
    print(_("承認者: {title} {name}（{date}）"
            ).format(title=snap['approver']['title'], name=snap['approver']['name'], date=snap['approver']['date']))
    sig = sf.signature
    print(_("署名: {signature}").format(signature=sig.message if sig else _("電子署名がありません（JSON）。")))
    print(_("回答データ SHA-256: {hash}（内容は一致しています）").format(hash=sf.snapshot_hash))
    for w in sf.warnings:
        print(_("注意: {warning}").format(warning=w))
    return EXIT_OK if sf.signature_status == "valid" and not sf.warnings else EXIT_PROBLEMS


def import_notice(args: argparse.Namespace) -> int:
    with session(args) as s:
        got = submission.import_notice(s, args.file, args.trust)
    for w in got.warnings:
        print(_("注意: {warning}").format(warning=w), file=sys.stderr)
    if got.kind == "result":
        print(_("結果通知を取り込みました（指摘事項 {added} 件）。"
                "次年度のチェックリストに改善報告の項目として現れます。").format(added=got.added))
    else:
        print(_("差戻し通知を取り込みました。理由: {reason}").format(reason=got.reason))
    return EXIT_OK
