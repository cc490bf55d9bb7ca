"""The trust a database holds and who may sign what: ``trust add|list|remove|crl``, ``signer add|list|remove``.

A certificate is shown in the words it is confirmed by (名前, 組織, 有効期間, 指紋) before it is trusted or
registered; ``--yes`` confirms on the command line, otherwise a person at a terminal is asked."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..domain.vocabulary import ROLE_AUDITOR, ROLE_NAMES, signer_role
from ..i18n import _
from ..usecases import administration as admin
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, CliError, Done, key_passphrase, session
from .parser import Commands


def add_parsers(c: Commands) -> None:
    trust_help = _("信頼する証明書（町の認証局・LGPKI）と失効リスト（データベースに保存）")
    p = c.subcommand("trust", "add", trust_add, _("信頼する証明書を登録する（指紋を確かめて）"), trust_help)
    p.add_argument("file", type=Path)
    p.add_argument("--yes", action="store_true", help=_("表示した証明書を確認なしで登録する"))
    c.subcommand("trust", "list", trust_list, _("信頼する証明書と失効リストの一覧"))
    p = c.subcommand("trust", "remove", trust_remove, _("信頼する証明書の登録をやめる"))
    p.add_argument("--fingerprint", required=True, help=_("指紋（SHA-256。先頭 8 文字以上）"))
    p.add_argument("--reason", required=True)
    p = c.subcommand("trust", "crl", trust_crl, _("信頼する認証局の失効リスト（CRL）を入れる（新しいものだけ）"))
    p.add_argument("file", type=Path)

    signer_help = _("（監査担当）署名者の登録: だれが何に署名できるか")
    p = c.subcommand("signer", "add", signer_add, _("署名者を登録する（部署の提出の承認、報告書の作成・確認・承認）"),
                     signer_help)
    p.add_argument("file", type=Path, help=_("証明書（.pem / .cer / .p12）、または署名済みの PDF（その署名者）"))
    p.add_argument("--as", dest="signs_as", required=True, metavar=_("役割"),
                   help=_("何に署名できるか: 提出（部署の提出の承認）・作成・確認・承認（監査報告書）"))
    p.add_argument("--department", default=None, help=_("部署ID（提出のとき）"))
    p.add_argument("--from", dest="valid_from", default=None, help=_("署名できる期間の始め（例: 2026-04-01）"))
    p.add_argument("--to", dest="valid_to", default=None, help=_("署名できる期間の終わり"))
    p.add_argument("--match", choices=["fingerprint", "subject"], default="fingerprint",
                   help=_("照合: fingerprint（この証明書だけ）/ subject（名前と発行者: LGPKI の更新後も同じ人）"))
    p.add_argument("--yes", action="store_true", help=_("表示した証明書を確認なしで登録する"))
    p = c.subcommand("signer", "list", signer_list, _("登録されている署名者の一覧"))
    p.add_argument("--all", action="store_true", help=_("登録をやめたものも表示する"))
    p = c.subcommand("signer", "remove", signer_remove, _("署名者の登録をやめる（記録は残ります）"))
    p.add_argument("--id", type=int, required=True)
    p.add_argument("--reason", required=True)


def confirmed(lines: list[str], question: str, yes: bool) -> bool:
    """Show what is about to be trusted; True when ``--yes`` was given or the person at the terminal says so."""
    for line in lines:
        print("  " + line)
    if yes:
        return True
    if not sys.stdin.isatty():
        raise CliError(_("内容（特に指紋）を確かめてから、--yes を付けてもう一度実行してください。"
                         "何も変更していません。"))
    answer = input(question + " [y/N]: ").strip().lower()
    return answer in ("y", "yes", "はい")


def trust_add(args: argparse.Namespace) -> int:
    candidates = admin.trust_candidates(args.file)
    with session(args) as s:
        trusted = {summary.fingerprint for summary in admin.trust_list(s)}
        for summary in candidates:
            if summary.fingerprint in trusted:
                continue
            print(_("信頼する証明書として登録します:"))
            if not confirmed(summary.lines(), _("登録しますか"), args.yes):
                print(_("登録しませんでした。"))
                raise Done(EXIT_PROBLEMS)  # a database created for this is not left behind
        added = admin.trust_add(s, args.file)
    for summary in added:
        print(_("信頼する証明書に登録しました: {name}").format(name=summary.name))
    if not added:
        print(_("すでに登録されています。"))
    return EXIT_OK


def trust_list(args: argparse.Namespace) -> int:
    with session(args, reading=True) as s:
        roots = admin.trust_list(s)
        dates = admin.crl_dates(s)
    for summary in roots:
        crl = dates.get(summary.fingerprint)
        print(summary.name)
        for line in summary.lines()[1:]:
            print("  " + line)
        line = _("失効リスト: {start} 発行、次の更新 {next}").format(start=crl[0][:10], next=(crl[1] or "—")[:10]) \
            if crl else _("失効リスト: なし（trust crl で入れてください）")
        print("  " + line)
    print(_("{count} 件").format(count=len(roots)))
    return EXIT_OK


def trust_remove(args: argparse.Namespace) -> int:
    with session(args) as s:
        summary = admin.trust_remove(s, args.fingerprint, args.reason)
    print(_("信頼する証明書の登録をやめました: {name}").format(name=summary.name))
    return EXIT_OK


def trust_crl(args: argparse.Namespace) -> int:
    with session(args) as s:
        got = admin.trust_crl(s, args.file)
    if got.stored:
        print(_("失効リストを入れました: {issuer}（{start} 発行、失効 {count} 件）").format(
            issuer=got.issuer, start=got.this_update.date().isoformat(), count=got.revoked))
    else:
        print(_("このデータベースには、同じか新しい失効リストがすでにあります。"))
    return EXIT_OK


def _day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CliError(_("{option} の日付「{value}」は読めません（例: 2026-04-01）。").format(
            option=option, value=text), EXIT_USAGE) from exc


def signer_add(args: argparse.Namespace) -> int:
    role = signer_role(args.signs_as)
    if role is None:
        raise CliError(_("役割「{role}」は 提出・作成・確認・承認 のどれかです。").format(role=args.signs_as),
                       EXIT_USAGE)
    if role == "submission" and not args.department:
        raise CliError(_("提出の承認者には --department（部署ID）が必要です。"), EXIT_USAGE)
    passphrase = key_passphrase() if args.file.suffix.lower() in (".p12", ".pfx") else None
    summary = admin.signer_candidate(args.file, passphrase)
    what = ROLE_NAMES[role] + (f"（{args.department}）" if role == "submission" else "")
    print(_("署名者として登録します（{what}）:").format(what=what))
    if not confirmed(summary.lines(), _("登録しますか"), args.yes):
        print(_("登録しませんでした。"))
        return EXIT_PROBLEMS
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        number = admin.signer_add(s, args.file, role=role, department_id=args.department,
                                  valid_from=_day(args.valid_from, "--from"), valid_to=_day(args.valid_to, "--to"),
                                  match=args.match, passphrase=passphrase)
    print(_("署名者として登録しました（番号 {id}）。").format(id=number))
    return EXIT_OK


def signer_list(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR, reading=True) as s:
        found = admin.signer_list(s, with_removed=args.all)
    print("\t".join((_("番号"), _("役割"), _("部署"), _("氏名"), _("職名"), _("期間"), _("照合"), _("指紋"))))
    for r in found:
        period = f"{r.valid_from}〜{r.valid_to}"
        gone = _("（{day} 登録をやめた: {reason}）").format(day=(r.removed_at or "")[:10], reason=r.removed_reason) \
            if r.removed_at else ""
        print(f"{r.id}\t{ROLE_NAMES[r.role]}\t{r.department_id or ''}\t{r.holder_name}\t{r.holder_title}\t{period}\t"
              f"{r.match}\t{(r.fingerprint or '')[:16]}{gone}")
    print(_("{count} 件").format(count=len(found)))
    return EXIT_OK


def signer_remove(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        admin.signer_remove(s, args.id, args.reason)
    print(_("番号 {id} の署名者の登録をやめました。").format(id=args.id))
    return EXIT_OK
