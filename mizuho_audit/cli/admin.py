"""Administration: ``demo``, ``ca init|issue|revoke``, ``trust add|list``, ``backup``, ``restore``, ``log``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..domain.vocabulary import ROLE_AUDITOR
from ..i18n import _
from ..usecases import administration as admin
from .common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    KEY_ENV,
    P12_ENV,
    CliError,
    db_path,
    key_passphrase,
    prompt,
    session,
)
from .parser import Commands


def add_parsers(c: Commands) -> None:
    p = c.command("demo", demo, _("デモ用のデータベースを作る"))
    p.add_argument("--dir", type=Path, required=True, help=_("作成先のフォルダ"))
    p.add_argument("--year", type=int, default=2026, help=_("年度（西暦、既定 2026）"))
    p.add_argument("--seed", type=int, default=None, help=_("乱数の種（同じ種なら同じデータ）"))
    p.add_argument("--screenshot", action="store_true", help=_("住民課のチェックリストの画面を window.png に保存する"))

    ca_help = _("町の認証局（LGPKI がない場合）")
    p = c.subcommand("ca", "init", ca_init, _("認証局を作る（鍵は MIZUHO_AUDIT_PASSPHRASE で保護）"), ca_help)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--name", default="瑞穂町 自己点検 認証局")
    p = c.subcommand("ca", "issue", ca_issue, _("署名用の証明書（PKCS#12）を発行する"))
    p.add_argument("--ca", type=Path, required=True)
    p.add_argument("--name", required=True, help=_("氏名"))
    p.add_argument("--title", required=True, help=_("職名"))
    p.add_argument("--department", default="", help=_("部署名"))
    p.add_argument("--out", type=Path, required=True, help=_("出力（.p12）"))
    p = c.subcommand("ca", "revoke", ca_revoke, _("証明書を失効させる"))
    p.add_argument("--ca", type=Path, required=True)
    p.add_argument("--serial", required=True, help=_("シリアル番号（16進）"))
    p.add_argument("--reason", required=True)

    trust_help = _("信頼する証明書（町の認証局・LGPKI）")
    p = c.subcommand("trust", "add", trust_add, _("信頼する証明書を登録する"), trust_help)
    p.add_argument("file", type=Path)
    c.subcommand("trust", "list", trust_list, _("信頼する証明書の一覧"))

    p = c.command("backup", backup, _("データベースのバックアップを作る（整合性を確かめたコピー）"))
    p.add_argument("--out", type=Path, required=True, help=_("バックアップの保存先ファイル"))
    p = c.command("restore", restore, _("バックアップから復元する（現在のファイルは残します）"))
    p.add_argument("--from", dest="source", type=Path, required=True, help=_("復元するバックアップファイル"))
    p.add_argument("--force-role-change", action="store_true",
                   help=_("部署用と監査担当用の種類が違うファイルでも置き換える"))

    log_help = _("操作履歴")
    p = c.subcommand("log", "verify", log_verify, _("改ざん（変更・挿入・削除）がないか確かめる"), log_help)
    p.add_argument("--submission", type=Path, action="append", default=[],
                   help=_("このデータベースから書き出した署名済みの提出ファイル（末尾の削除も検出）"))
    p = c.subcommand("log", "export", log_export, _("CSV に書き出す"))
    p.add_argument("--out", type=Path, required=True)


def demo(args: argparse.Namespace) -> int:
    seed = admin.DEMO_SEED if args.seed is None else args.seed
    summary = admin.build_demo(args.dir, args.year, seed)
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
        print(_("  証明書と認証局の鍵のパスフレーズ: {source}").format(source=summary.passphrase_source))
    if summary.auditor_db:
        print(_("監査担当用データベース: {path}（提出 {imported} 件を取込、指摘事項 {findings} 件）"
                ).format(path=summary.auditor_db.resolve(), imported=summary.imported, findings=summary.findings))
        print(_("  パスフレーズ: {source}").format(source=summary.auditor_passphrase_source))
    if args.screenshot:
        from ..app import save_window_screenshot

        shot = save_window_screenshot(summary.path, args.dir / "window.png", "jumin", args.year)
        print(_("住民課の画面: {shot}").format(shot=shot.resolve()))
    print(_("画面で開くには: mizuho-audit --db {path}").format(path=summary.path.resolve()))
    return EXIT_OK


def ca_init(args: argparse.Namespace) -> int:
    secret = key_passphrase(_("認証局の鍵のパスフレーズ"), twice=True)
    if not secret:
        raise CliError(_("認証局の鍵のパスフレーズを環境変数 {variable} で指定してください。").format(variable=KEY_ENV),
                       EXIT_USAGE)
    info = admin.ca_init(args.out, secret, args.name)
    print(_("認証局を作りました: {path}（指紋 SHA-256 {fingerprint}）").format(path=info.cert_path,
                                                                     fingerprint=info.fingerprint_sha256))
    print(_("この証明書（ca-cert.pem）を、監査担当と各部署の「信頼する証明書」に登録してください。"))
    return EXIT_OK


def ca_issue(args: argparse.Namespace) -> int:
    secret = key_passphrase(_("認証局の鍵のパスフレーズ"))
    if not secret:
        raise CliError(_("パスフレーズを環境変数 {variable} で指定してください。").format(variable=KEY_ENV), EXIT_USAGE)
    # The holder's own passphrase: MIZUHO_AUDIT_P12_PASSPHRASE (or a prompt); never the CA's by surprise.
    own = os.environ.get(P12_ENV) or prompt(_("発行する証明書（PKCS#12）のパスフレーズ"), twice=True)
    issued = admin.ca_issue(args.ca, secret, name=args.name, title=args.title, department=args.department,
                            out=args.out, p12_passphrase=own.encode("utf-8") if own else secret)
    print(_("証明書を発行しました: {path}（シリアル {serial}）。").format(path=issued.p12_path,
                                                                 serial=issued.serial_hex))
    if not own:
        print(_("PKCS#12 のパスフレーズは認証局の鍵と同じです。本人用のパスフレーズで発行し直すには、"
                "環境変数 {variable} を指定してください。").format(variable=P12_ENV))
    return EXIT_OK


def ca_revoke(args: argparse.Namespace) -> int:
    admin.ca_revoke(args.ca, args.serial, args.reason, key_passphrase())
    print(_("証明書 {serial} を失効させました。").format(serial=args.serial))
    return EXIT_OK


def trust_add(args: argparse.Namespace) -> int:
    for name in admin.trust_add(args.file):
        print(_("信頼する証明書に登録しました: {name}").format(name=name))
    return EXIT_OK


def trust_list(args: argparse.Namespace) -> int:
    names, folder = admin.trust_list()
    for name in names:
        print(name)
    print(_("{count} 件（{folder}）").format(count=len(names), folder=folder))
    return EXIT_OK


def backup(args: argparse.Namespace) -> int:
    """Works on the file: no passphrase needed."""
    out = admin.backup_file(db_path(args), args.out)
    print(_("バックアップを作成しました（整合性を確認済み）: {out}").format(out=out))
    return EXIT_OK


def restore(args: argparse.Namespace) -> int:
    db = db_path(args)
    result = admin.restore(db, args.source, allow_role_change=args.force_role_change, actor=args.user or "(アプリ)")
    print(_("復元しました: {db}（{kind}、{source} から）").format(db=db, kind=result.check.role_label,
                                                       source=args.source))
    if result.kept is not None:
        print(_("復元前のデータベースは次の名前で残しています: {kept}").format(kept=result.kept))
    for w in result.warnings:
        print(_("注意: {warning}").format(warning=w), file=sys.stderr)
    if result.check.role == ROLE_AUDITOR:
        print(_("監査担当用のデータベースです。開くときは、このバックアップを作ったときのパスフレーズが必要です。"))
    return EXIT_OK


def log_verify(args: argparse.Namespace) -> int:
    """The log's chain; on an auditor's database the whole self-check (every problem printed, exit 1)."""
    try:
        with session(args, inspect=True) as s:
            problems: list[object] = list(admin.verify_log(s, args.submission))
            n = len(admin.log_entries(s))
            counts = admin.integrity_counts(s) if s.is_auditor else None
    except admin.IntegrityFailure as exc:  # could not even be migrated: say what was found
        problems, counts, n = list(exc.problems), None, 0
    if problems:
        for p in problems:
            print(_("改ざんの疑い: {problem}").format(problem=p), file=sys.stderr)
        print(_("問題が {count} 件あります。").format(count=len(problems)), file=sys.stderr)
        return EXIT_PROBLEMS
    print(_("操作履歴 {count} 件: 変更・挿入・削除は見つかりませんでした。").format(count=n))
    if counts is not None:
        print(_("監査担当用データベースの自己点検: 提出 {received} 件（取り込んだファイル {kept} 件を読み直し、"
                "署名と回答を確認）、指摘事項 {findings} 件、改ざん検出の印 {macs} 件 — "
                "アプリの外での変更は見つかりませんでした。").format(**counts))
    return EXIT_OK


def log_export(args: argparse.Namespace) -> int:
    with session(args) as s:
        admin.export_log(s, args.out)
    print(_("操作履歴を書き出しました: {out}").format(out=args.out))
    return EXIT_OK
