"""Command-line handlers for administration: the local CA, trust roots, backups and the operation log."""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path

from .cli_workflow import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, KEY_ENV, P12_ENV, CliError, _prompt, key_passphrase
from .i18n import _
from .paths import default_db_path
from .services.workspace import Workspace
from .storage.repository import ROLE_AUDITOR


def _ca(args: argparse.Namespace) -> int:
    from .services.signing import ca

    try:
        if args.subcommand == "init":
            secret = key_passphrase(_("認証局の鍵のパスフレーズ"), twice=True)
            if not secret:
                raise CliError(_("認証局の鍵のパスフレーズを環境変数 {variable} で指定してください。"
                                 ).format(variable=KEY_ENV), EXIT_USAGE)
            info = ca.init_ca(args.out, secret, common_name=args.name)
            print(_("認証局を作りました: {path}（指紋 SHA-256 {fingerprint}）"
                    ).format(path=info.cert_path, fingerprint=info.fingerprint_sha256))
            print(_("この証明書（ca-cert.pem）を、監査担当と各部署の「信頼する証明書」に登録してください。"))
        elif args.subcommand == "issue":
            secret = key_passphrase(_("認証局の鍵のパスフレーズ"))
            if not secret:
                raise CliError(_("パスフレーズを環境変数 {variable} で指定してください。"
                                 ).format(variable=KEY_ENV), EXIT_USAGE)
            # The holder's own passphrase: MIZUHO_AUDIT_P12_PASSPHRASE (or a prompt); never the CA's by surprise.
            own = os.environ.get(P12_ENV) or _prompt(_("発行する証明書（PKCS#12）のパスフレーズ"), twice=True)
            issued = ca.issue_certificate(args.ca, secret, name=args.name, title=args.title,
                                          department=args.department, out_p12=args.out,
                                          p12_passphrase=own.encode("utf-8") if own else secret)
            print(_("証明書を発行しました: {path}（シリアル {serial}）。").format(path=issued.p12_path,
                                                                         serial=issued.serial_hex))
            if not own:
                print(_("PKCS#12 のパスフレーズは認証局の鍵と同じです。本人用のパスフレーズで発行し直すには、"
                        "環境変数 {variable} を指定してください。").format(variable=P12_ENV))
        else:
            ca.revoke(args.ca, int(args.serial, 16), args.reason, ca_passphrase=key_passphrase())
            print(_("証明書 {serial} を失効させました。").format(serial=args.serial))
    except ca.CaError as exc:
        raise CliError(str(exc)) from exc
    return EXIT_OK


def _trust(args: argparse.Namespace) -> int:
    from .services.signing.trust import register_root, registered_roots, trust_dir

    if args.subcommand == "add":
        for name in register_root(args.file):
            print(_("信頼する証明書に登録しました: {name}").format(name=name))
    else:
        roots = registered_roots()
        for c in roots:
            print(c.subject.human_friendly)
        print(_("{count} 件（{folder}）").format(count=len(roots), folder=trust_dir()))
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    """``backup`` / ``restore``: work on the file; neither needs the auditor's passphrase."""
    from .services.admin.backup import backup, restore

    db: Path = args.db or default_db_path()
    if args.command == "backup":
        out = backup(db, args.out)
        print(_("バックアップを作成しました（整合性を確認済み）: {out}").format(out=out))
        return EXIT_OK
    result = restore(db, args.source, allow_role_change=args.force_role_change, actor=args.user or "(アプリ)")
    print(_("復元しました: {db}（{kind}、{source} から）"
            ).format(db=db, kind=result.check.role_label, source=args.source))
    if result.kept is not None:
        print(_("復元前のデータベースは次の名前で残しています: {kept}").format(kept=result.kept))
    for w in result.warnings:
        print(_("注意: {warning}").format(warning=w), file=sys.stderr)
    if result.check.role == ROLE_AUDITOR:
        print(_("監査担当用のデータベースです。開くときは、このバックアップを作ったときのパスフレーズが必要です。"))
    return EXIT_OK


def _log(args: argparse.Namespace, ws: Workspace) -> int:
    if args.subcommand == "verify":
        from .services.submission.submission import SubmissionFileError, read_submission

        expected = []
        if args.submission and ws.store.role == "auditor":
            raise CliError(_("提出ファイルが記録しているのは部署用データベースの操作履歴です。"
                             "書き出した部署のデータベースで確かめてください。"))
        for f in args.submission:
            try:
                expected.append(read_submission(f).log_hash)
            except SubmissionFileError as exc:
                raise CliError(str(exc)) from exc
        problems = ws.store.verify_log(expected)
        n = len(ws.store.log_entries())
        if problems:
            for p in problems:
                print(_("改ざんの疑い: {problem}").format(problem=p), file=sys.stderr)
            return EXIT_PROBLEMS
        print(_("操作履歴 {count} 件: 変更・挿入・削除は見つかりませんでした。").format(count=n))
        return EXIT_OK
    from .services.submission.submission import write_atomic

    buffer = io.StringIO(newline="")
    w = csv.writer(buffer)
    w.writerow(["番号", "日時", "操作者", "役割", "操作", "対象", "内容", "ハッシュ"])
    for e in ws.store.log_entries():
        w.writerow([e.seq, e.at, e.actor, e.role, e.action, e.target, e.details, e.hash])
    write_atomic(args.out, buffer.getvalue().encode("utf-8-sig"))  # BOM: Excel reads it as UTF-8
    print(_("操作履歴を書き出しました: {out}").format(out=args.out))
    return EXIT_OK
