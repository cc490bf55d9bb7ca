"""Administration: ``demo``, ``ca init|issue|revoke``, ``trust add|list``, ``backup``, ``restore``, ``log``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..domain.vocabulary import ROLE_AUDITOR, signer_role
from ..i18n import _
from .common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    KEY_ENV,
    P12_ENV,
    CliError,
    db_path,
    held,
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
    p.add_argument("--department-id", default="", help=_("部署ID（証明書に書き込み、署名者の登録に使う）"))
    p.add_argument("--as", dest="signs_as", default="", metavar=_("役割"),
                   help=_("何に署名する証明書か: 提出・作成・確認・承認（証明書に書き込む）"))
    p.add_argument("--register", type=Path, default=None, metavar="DB",
                   help=_("発行した証明書を、この監査担当用データベースの署名者に登録する"))
    p = c.subcommand("ca", "revoke", ca_revoke,
                     _("証明書を失効させ、失効リスト（ca.crl）を作り直す（--db のデータベースにも入れる）"))
    p.add_argument("--ca", type=Path, required=True)
    p.add_argument("--serial", required=True, help=_("シリアル番号（16進）"))
    p.add_argument("--reason", required=True)


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
    from ..usecases import administration as admin  # (loaded when the command runs)

    seed = admin.DEMO_SEED if args.seed is None else args.seed
    summary = admin.build_demo(args.dir, args.year, seed)
    years = _("・").join(_("{year}年度").format(year=y) for y in summary.years)
    print(_("デモ用データベースを作成しました: {path}").format(path=summary.path.resolve()))
    print(_("  部署 {departments} 件、年度 {years}（乱数の種 {seed}）"
            ).format(departments=summary.departments, years=years, seed=seed))
    print(_("  {year}年度: 提出済 {submitted}、回答中 {in_progress}、未着手 {not_started}"
            ).format(year=args.year, submitted=summary.submitted, in_progress=summary.in_progress,
                     not_started=summary.not_started))
    if summary.rotation_group:
        print(_("  {year}年度に尋ねる項目: 毎年の項目と {group} 群。町全体の項目は事務局（{central}）が一度だけ答え、"
                "学校は {schools} 校がそれぞれ答え、{supplement}は補足の項目だけに答えます").format(
                    year=args.year, group=summary.rotation_group, central=summary.central, schools=summary.schools,
                    supplement=_("・").join(summary.supplement)))
    if summary.themes:
        themes = _("、").join(_("{department}（{themes}）").format(department=d, themes=_("・").join(t))
                             for d, t in summary.themes.items())
        print(_("  テーマ: {themes}。割当てのファイル: {file}").format(
            themes=themes, file=summary.themes_file.resolve() if summary.themes_file else "—"))
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
        if summary.benchmark_packs:
            print(_("  他団体との比較: 得点パック {count} 件を取込済み（{folder}）").format(
                count=len(summary.benchmark_packs), folder=summary.benchmark_packs[0].parent.resolve()))
    if args.screenshot:
        from ..app import save_window_screenshot

        shot = save_window_screenshot(summary.path, args.dir / "window.png", "jumin", args.year)
        print(_("住民課の画面: {shot}").format(shot=shot.resolve()))
    print(_("画面で開くには: mizuho-audit --db {path}").format(path=summary.path.resolve()))
    return EXIT_OK


def ca_init(args: argparse.Namespace) -> int:
    from ..usecases import administration as admin  # (loaded when the command runs)

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
    from ..usecases import administration as admin  # (loaded when the command runs)

    secret = key_passphrase(_("認証局の鍵のパスフレーズ"))
    if not secret:
        raise CliError(_("パスフレーズを環境変数 {variable} で指定してください。").format(variable=KEY_ENV), EXIT_USAGE)
    # The holder's own passphrase: MIZUHO_AUDIT_P12_PASSPHRASE (or a prompt); never the CA's by surprise.
    own = os.environ.get(P12_ENV) or prompt(_("発行する証明書（PKCS#12）のパスフレーズ"), twice=True)
    role = signer_role(args.signs_as) if args.signs_as else ""
    if role is None:
        raise CliError(_("役割「{role}」は 提出・作成・確認・承認 のどれかです。").format(role=args.signs_as),
                       EXIT_USAGE)
    if args.register is not None and not role:
        raise CliError(_("--register には --as（と提出なら --department-id）が必要です。"), EXIT_USAGE)
    issued = admin.ca_issue(args.ca, secret, name=args.name, title=args.title, department=args.department,
                            out=args.out, p12_passphrase=own.encode("utf-8") if own else secret,
                            department_id=args.department_id, role=role)
    print(_("証明書を発行しました: {path}（シリアル {serial}）。").format(path=issued.p12_path,
                                                                 serial=issued.serial_hex))
    if not own:
        print(_("PKCS#12 のパスフレーズは認証局の鍵と同じです。本人用のパスフレーズで発行し直すには、"
                "環境変数 {variable} を指定してください。").format(variable=P12_ENV))
    if args.register is not None:
        register_args = argparse.Namespace(**{**vars(args), "db": args.register, "role": None})
        with session(register_args) as s:
            number = admin.signer_add(s, issued.cert_path, role=role, department_id=args.department_id or None)
        print(_("署名者として登録しました（番号 {id}、{db}）。").format(id=number, db=args.register))
    return EXIT_OK


def ca_revoke(args: argparse.Namespace) -> int:
    """The CRL is rewritten in the CA's folder; the database of --db (or the default one, when it exists and
    trusts this CA) keeps it too, so imports and checks there know of the revocation at once."""
    from ..usecases import administration as admin  # (loaded when the command runs)

    secret = key_passphrase()
    if not secret:
        raise CliError(_("認証局の鍵のパスフレーズを環境変数 {variable} で指定してください（失効リストに署名します）。"
                         ).format(variable=KEY_ENV), EXIT_USAGE)
    explicit = getattr(args, "db", None) is not None
    update = explicit or db_path(args).exists()
    if update:
        with session(args) as s:
            update = admin.trusts_ca(s, args.ca)
        if explicit and not update:
            raise CliError(_("{db} は、この認証局を信頼する証明書として登録していません。先に trust add で登録して"
                             "ください。失効はまだ行っていません。").format(db=db_path(args)))
    crl = admin.ca_revoke(args.ca, args.serial, args.reason, secret)
    print(_("証明書 {serial} を失効させ、失効リストを作り直しました: {crl}").format(serial=args.serial, crl=crl))
    if update:
        with session(args) as s:
            got = admin.trust_crl(s, crl)
        print(_("データベースの失効リストを更新しました（{issuer}、失効 {count} 件）。").format(
            issuer=got.issuer, count=got.revoked) if got.stored else _("データベースの失効リストはすでに最新です。"))
    return EXIT_OK


def backup(args: argparse.Namespace) -> int:
    """Works on the file: no passphrase needed."""
    from ..usecases import administration as admin  # (loaded when the command runs)

    out = admin.backup_file(db_path(args), args.out)
    print(_("バックアップを作成しました（整合性を確認済み）: {out}").format(out=out))
    return EXIT_OK


def restore(args: argparse.Namespace) -> int:
    from ..usecases import administration as admin  # (loaded when the command runs)

    db = db_path(args)
    with held(args):  # replacing the file while a window writes to it would lose that window's work
        result = admin.restore(db, args.source, allow_role_change=args.force_role_change,
                               actor=args.user or "(アプリ)")
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
    from ..usecases import administration as admin  # (loaded when the command runs)

    try:
        with session(args, inspect=True, reading=True) as s:
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
    from ..usecases import administration as admin  # (loaded when the command runs)

    with session(args, reading=True) as s:
        admin.export_log(s, args.out)
    print(_("操作履歴を書き出しました: {out}").format(out=args.out))
    return EXIT_OK
