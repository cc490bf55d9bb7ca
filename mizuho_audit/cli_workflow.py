"""Command-line handlers for the workflow: submit, export, import, decisions, certificates, the log.

Passphrases are never taken from the command line: the auditor's database passphrase comes from
``MIZUHO_AUDIT_AUDITOR_PASSPHRASE`` (or a prompt), the PKCS#12 / CA key passphrase from
``MIZUHO_AUDIT_PASSPHRASE`` (or a prompt).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path

from .i18n import _
from .paths import default_db_path
from .services.workspace import Workspace
from .storage.connection import StoreError
from .storage.repository import ROLE_AUDITOR, PassphraseRequired

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3
AUDITOR_ENV = "MIZUHO_AUDIT_AUDITOR_PASSPHRASE"
KEY_ENV = "MIZUHO_AUDIT_PASSPHRASE"
P12_ENV = "MIZUHO_AUDIT_P12_PASSPHRASE"  # the passphrase of a certificate being issued


class CliError(Exception):
    """A problem to report on stderr with exit code ``code``."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.code = code


def _prompt(label: str, twice: bool = False) -> str | None:
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(f"{label}: ")
    if twice and getpass.getpass(_("{label}（確認）: ").format(label=label)) != first:
        raise CliError(_("パスフレーズが一致しません。"), EXIT_USAGE)
    return first


def auditor_passphrase(creating: bool) -> str:
    value = os.environ.get(AUDITOR_ENV) or _prompt(_("監査担当用データベースのパスフレーズ"), twice=creating)
    if not value:
        raise CliError(_("監査担当用データベースのパスフレーズを環境変数 {variable} で指定してください。"
                         ).format(variable=AUDITOR_ENV), EXIT_USAGE)
    if creating and len(value) < 8:
        raise CliError(_("監査担当用データベースのパスフレーズは8文字以上にしてください。"), EXIT_USAGE)
    return value


def key_passphrase(label: str | None = None, twice: bool = False) -> bytes | None:
    value = os.environ.get(KEY_ENV) or _prompt(label or _("証明書（PKCS#12）または認証局の鍵のパスフレーズ"), twice)
    return value.encode("utf-8") if value else None


def open_workspace(args: argparse.Namespace) -> Workspace:
    """Open ``--db`` (created with ``--role`` when new); an auditor's database asks its passphrase."""
    db: Path = args.db or default_db_path()
    role = getattr(args, "role", None)
    creating = not db.exists()
    passphrase = auditor_passphrase(True) if creating and role == "auditor" else None
    try:
        return Workspace.open(db, role=role, passphrase=passphrase)
    except PassphraseRequired:
        if passphrase is not None:
            raise
        return Workspace.open(db, role=role, passphrase=auditor_passphrase(False))


def actor_of(args: argparse.Namespace, ws: Workspace) -> str:
    name = getattr(args, "user", None) or ws.store.get_setting("user_name")
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = "不明"
    return str(name)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register the workflow subcommands on the main parser."""
    def dep_year(p: argparse.ArgumentParser) -> None:
        p.add_argument("--department", required=True, help=_("部署ID（例: jumin）"))
        p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))

    p = sub.add_parser("submit", help=_("承認を受けて提出する（回答が確定します）"))
    dep_year(p)
    p.add_argument("--approver-name", required=True, help=_("承認者（情報セキュリティ管理者）の氏名"))
    p.add_argument("--approver-title", required=True, help=_("承認者の職名"))
    p.add_argument("--approved-on", default=None, help=_("承認日（既定: 今日）"))
    p = sub.add_parser("reopen", help=_("提出を取り消して回答中に戻す（理由が必要）"))
    dep_year(p)
    p.add_argument("--reason", required=True)
    p = sub.add_parser("carry-over", help=_("前年度の回答を引き継ぐ（要再確認の印が付きます）"))
    dep_year(p)

    sp = sub.add_parser("submission", help=_("提出ファイル")).add_subparsers(dest="subcommand", required=True)
    p = sp.add_parser("export", help=_("提出ファイル（PDF、--p12 で署名）または JSON を書き出す"))
    dep_year(p)
    p.add_argument("--out", type=Path, required=True, help=_("出力ファイル（.pdf または .json）"))
    p.add_argument("--p12", type=Path, default=None, help=_("署名に使う証明書（PKCS#12）"))
    p = sp.add_parser("verify", help=_("提出ファイルの署名と内容を確かめる"))
    p.add_argument("file", type=Path)
    p.add_argument("--trust", type=Path, action="append", default=[], help=_("信頼する証明書（PEM）"))

    ap = sub.add_parser("answers", help=_("回答の JSON 書き出し・取込")).add_subparsers(dest="subcommand",
                                                                                   required=True)
    p = ap.add_parser("export")
    dep_year(p)
    p.add_argument("--out", type=Path, required=True)
    p = ap.add_parser("import")
    dep_year(p)
    p.add_argument("file", type=Path)
    p.add_argument("--yes", action="store_true", help=_("（Excel 回答用紙）問題のある項目を除いて取り込む"))

    p = sub.add_parser("import", help=_("（監査担当）提出ファイルを取り込む"))
    p.add_argument("files", type=Path, nargs="+", help=_("提出ファイル（PDF・JSON）またはフォルダ"))
    p.add_argument("--trust", type=Path, action="append", default=[], help=_("信頼する証明書（PEM）"))
    p.add_argument("--require-trusted", action="store_true", help=_("信頼できる署名のないファイルは取り込まない"))
    p.add_argument("--yes", action="store_true", help=_("再提出（変更あり）も確認なしで取り込む"))
    p = sub.add_parser("accept", help=_("（監査担当）提出を受理する"))
    dep_year(p)
    p = sub.add_parser("return", help=_("（監査担当）提出を差し戻し、差戻し通知を書き出す"))
    dep_year(p)
    p.add_argument("--reason", required=True)
    p.add_argument("--out", type=Path, required=True, help=_("差戻し通知（PDF）"))
    p.add_argument("--p12", type=Path, default=None, help=_("署名に使う証明書（PKCS#12）"))
    np_ = sub.add_parser("notice", help=_("差戻し通知・結果通知")).add_subparsers(dest="subcommand", required=True)
    p = np_.add_parser("import", help=_("（部署）差戻し通知（回答中に戻す）または結果通知（指摘事項）を取り込む"))
    p.add_argument("file", type=Path)
    p.add_argument("--trust", type=Path, action="append", default=[])
    p = np_.add_parser("result", help=_("（監査担当）部署ごとの結果通知（署名付き PDF）を書き出す"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--department", default=None, help=_("部署ID（省略: 提出したすべての部署）"))
    p.add_argument("--out", type=Path, required=True, help=_("出力ファイル（部署指定時）またはフォルダ"))
    p.add_argument("--p12", type=Path, default=None, help=_("署名に使う証明書（PKCS#12）"))

    p = sub.add_parser("status", help=_("（監査担当）部署ごとの提出状況"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--json", action="store_true", help=_("JSON で出力する"))
    p.add_argument("--missing-csv", type=Path, default=None, help=_("未提出の部署を CSV に書き出す"))
    p = sub.add_parser("deadline", help=_("（監査担当）提出期限を決める"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--date", required=True, help=_("期限（例: 2026-12-25）"))
    fp = sub.add_parser("findings", help=_("（監査担当）指摘事項")).add_subparsers(dest="subcommand", required=True)
    p = fp.add_parser("propose", help=_("回答から指摘案を作る（同じものは二度作りません）"))
    p.add_argument("--year", type=int, required=True)
    p = fp.add_parser("list", help=_("指摘事項の一覧"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--department", default=None)
    p.add_argument("--json", action="store_true")
    p = fp.add_parser("export", help=_("指摘事項を CSV に書き出す"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p = fp.add_parser("confirm", help=_("指摘案を確定する（--all ですべて）"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("ids", type=int, nargs="*")
    p.add_argument("--all", action="store_true")
    p = fp.add_parser("carry", help=_("未完了の指摘事項を次年度へ引き継ぐ"))
    p.add_argument("--year", type=int, required=True, help=_("引き継ぐ元の年度"))

    cp = sub.add_parser("ca", help=_("町の認証局（LGPKI がない場合）")).add_subparsers(dest="subcommand", required=True)
    p = cp.add_parser("init", help=_("認証局を作る（鍵は MIZUHO_AUDIT_PASSPHRASE で保護）"))
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--name", default="瑞穂町 自己点検 認証局")
    p = cp.add_parser("issue", help=_("署名用の証明書（PKCS#12）を発行する"))
    p.add_argument("--ca", type=Path, required=True)
    p.add_argument("--name", required=True, help=_("氏名"))
    p.add_argument("--title", required=True, help=_("職名"))
    p.add_argument("--department", default="", help=_("部署名"))
    p.add_argument("--out", type=Path, required=True, help=_("出力（.p12）"))
    p = cp.add_parser("revoke", help=_("証明書を失効させる"))
    p.add_argument("--ca", type=Path, required=True)
    p.add_argument("--serial", required=True, help=_("シリアル番号（16進）"))
    p.add_argument("--reason", required=True)

    tp = sub.add_parser("trust", help=_("信頼する証明書（町の認証局・LGPKI）")).add_subparsers(dest="subcommand",
                                                                                     required=True)
    p = tp.add_parser("add")
    p.add_argument("file", type=Path)
    tp.add_parser("list")

    p = sub.add_parser("backup", help=_("データベースのバックアップを作る（整合性を確かめたコピー）"))
    p.add_argument("--out", type=Path, required=True, help=_("バックアップの保存先ファイル"))
    p = sub.add_parser("restore", help=_("バックアップから復元する（現在のファイルは残します）"))
    p.add_argument("--from", dest="source", type=Path, required=True, help=_("復元するバックアップファイル"))
    p.add_argument("--force-role-change", action="store_true",
                   help=_("部署用と監査担当用の種類が違うファイルでも置き換える"))

    lp = sub.add_parser("log", help=_("操作履歴")).add_subparsers(dest="subcommand", required=True)
    p = lp.add_parser("verify", help=_("改ざん（変更・挿入・削除）がないか確かめる"))
    p.add_argument("--submission", type=Path, action="append", default=[],
                   help=_("このデータベースから書き出した署名済みの提出ファイル（末尾の削除も検出）"))
    p = lp.add_parser("export", help=_("CSV に書き出す"))
    p.add_argument("--out", type=Path, required=True)


def run(args: argparse.Namespace) -> int:
    """Dispatch one workflow command; raise CliError for a reportable problem."""
    cmd = args.command
    from .cli_admin import _backup, _ca, _trust

    if cmd == "ca":
        return _ca(args)
    if cmd == "trust":
        return _trust(args)
    if cmd == "submission" and args.subcommand == "verify":
        return _verify_file(args)
    if cmd in ("backup", "restore"):
        return _backup(args)
    ws = open_workspace(args)
    try:
        return _with_workspace(args, ws)
    finally:
        ws.close()


# Commands of the auditor's desk: refused on a department's database before anything is done.
AUDITOR_COMMANDS = frozenset({"import", "accept", "return", "status", "deadline", "findings"})


def require_auditor(args: argparse.Namespace, ws: Workspace) -> None:
    """Refuse an auditor's command on a department's database, with one clear message."""
    auditor_only = args.command in AUDITOR_COMMANDS or (args.command == "notice"
                                                        and getattr(args, "subcommand", "") == "result")
    if auditor_only and ws.store.role != ROLE_AUDITOR:
        raise CliError(_("このコマンドは監査担当用のデータベースでだけ使えます。指定されたのは部署用のデータベースです"
                         "（--db で監査担当用のデータベースを指定してください）。何も変更していません。"))


def _with_workspace(args: argparse.Namespace, ws: Workspace) -> int:
    from .services.submission import workflow

    require_auditor(args, ws)
    cmd, actor = args.command, actor_of(args, ws)
    if cmd == "submit":
        cl = ws.checklist(args.department, args.year)
        approver = workflow.Approver(args.approver_name, args.approver_title,
                                     args.approved_on or date.today().isoformat())
        try:
            rec = workflow.submit(ws, cl, approver, actor)
        except workflow.IncompleteError as exc:
            raise CliError(f"{exc}\n{workflow.describe_missing(exc.missing)}") from exc
        print(_("提出しました（第{version}版、回答データ SHA-256: {hash}）。"
                ).format(version=rec.version, hash=rec.snapshot_hash))
        return EXIT_OK
    if cmd == "reopen":
        workflow.reopen(ws, ws.checklist(args.department, args.year), args.reason, actor)
        print(_("提出を取り消し、回答中に戻しました。"))
        return EXIT_OK
    if cmd == "carry-over":
        from .services.answering.carryover import carry_over

        result = carry_over(ws, args.department, args.year, actor)
        print(_("前年度の回答 {count} 件を引き継ぎました（要再確認の印が付いています）。"
                ).format(count=result.carried))
        return EXIT_OK
    if cmd == "submission":
        from .services.submission.submission import export_submission

        cl = ws.checklist(args.department, args.year)
        out = export_submission(ws, cl, args.out, actor=actor, p12=args.p12,
                                passphrase=key_passphrase() if args.p12 else None)
        if args.p12:
            print(_("提出ファイルを書き出しました: {out}（署名あり）").format(out=out))
        else:
            print(_("提出ファイルを書き出しました: {out}（未署名）").format(out=out))
        return EXIT_OK
    if cmd == "answers":
        from .services.submission.submission import export_answers_json, import_answers_json

        cl = ws.checklist(args.department, args.year)
        if args.subcommand == "export":
            print(_("回答を書き出しました: {out}"
                    ).format(out=export_answers_json(ws, cl, args.out, actor)))
        elif args.file.suffix.lower() == ".xlsx":
            from .services.submission.excel_template import apply_template_to_checklist, check_template_for_checklist

            plan = check_template_for_checklist(ws, args.file, department_id=args.department)
            if plan.problems and not args.yes:
                hint = _("問題のない項目だけを取り込むには --yes を付けてください。")
                raise CliError("\n".join([*plan.report_lines(), hint]))
            print("\n".join(apply_template_to_checklist(ws, plan, actor=actor, confirmed=args.yes).report_lines()))
        else:
            n = import_answers_json(ws, cl, args.file, actor)
            print(_("回答を取り込みました（変更 {count} 件）。").format(count=n))
        return EXIT_OK
    if cmd == "import":
        return _import(args, ws, actor)
    if cmd == "accept":
        from .services.intake.intake import accept

        accept(ws, args.department, args.year, actor)
        print(_("受理しました。"))
        return EXIT_OK
    if cmd == "return":
        from .services.submission.notice import write_return_notice

        current = ws.store.received(args.year, args.department)
        if not current:
            raise CliError(_("{department} の{year}年度の提出は取り込まれていません。"
                             ).format(department=args.department, year=args.year))
        write_return_notice(ws, current[-1], args.reason, args.out, actor=actor, p12=args.p12,
                            passphrase=key_passphrase() if args.p12 else None)
        print(_("差し戻しました。部署に渡す差戻し通知: {out}").format(out=args.out))
        return EXIT_OK
    if cmd == "notice" and args.subcommand == "result":
        from .services.findings.result_notice import write_all_result_notices, write_result_notice

        secret = key_passphrase() if args.p12 else None
        if args.department:
            out = write_result_notice(ws, args.year, args.department, args.out, actor=actor, p12=args.p12,
                                      passphrase=secret)
            print(_("結果通知を書き出しました: {out}").format(out=out))
        else:
            paths = write_all_result_notices(ws, args.year, args.out, actor=actor, p12=args.p12, passphrase=secret)
            print(_("結果通知 {count} 件を書き出しました: {out}").format(count=len(paths), out=args.out))
        return EXIT_OK
    if cmd == "notice":
        from .services.signing.trust import roots_from
        from .services.submission.notice import import_any_notice

        kind, got = import_any_notice(ws, args.file, actor, roots_from(args.trust))
        for w in got.warnings:
            print(_("注意: {warning}").format(warning=w), file=sys.stderr)
        if kind == "result":
            print(_("結果通知を取り込みました（指摘事項 {added} 件）。"
                    "次年度のチェックリストに改善報告の項目として現れます。").format(added=got.added))
        else:
            print(_("差戻し通知を取り込みました。理由: {reason}").format(reason=got.data['reason']))
        return EXIT_OK
    if cmd == "log":
        from .cli_admin import _log

        return _log(args, ws)
    if cmd in ("status", "deadline", "findings"):
        from .cli_audit import run_audit

        return run_audit(args, ws, actor)
    raise CliError(_("不明なコマンドです: {command}").format(command=cmd), EXIT_USAGE)


def _import(args: argparse.Namespace, ws: Workspace, actor: str) -> int:
    from .services.intake.intake import import_many
    from .services.signing.trust import roots_from

    results = import_many(ws, args.files, actor=actor, trust_roots=roots_from(args.trust),
                          require_trusted=args.require_trusted, confirm_changes=args.yes)
    labels = {"imported": _("取込"), "duplicate": _("変更なし"), "refused": _("拒否"),
              "needs_confirmation": _("要確認")}
    for r in results:
        print(f"[{labels[r.outcome]}] {r.message}")
        for w in r.warnings:
            print(_("    注意: {warning}").format(warning=w))
        if r.outcome == "needs_confirmation":
            for d in r.changes[:20]:
                print(f"    {d.item_id} {d.field}: {d.old!r} → {d.new!r}")
    counts = {k: sum(r.outcome == k for r in results) for k in labels}
    print(_("取込 {imported}、変更なし {duplicate}、要確認 {needs_confirmation}、"
            "拒否 {refused}"
            ).format(imported=counts['imported'], duplicate=counts['duplicate'],
                     needs_confirmation=counts['needs_confirmation'], refused=counts['refused']))
    return EXIT_OK if counts["refused"] == 0 and counts["needs_confirmation"] == 0 else EXIT_PROBLEMS


def _verify_file(args: argparse.Namespace) -> int:
    from .services.signing.trust import roots_from
    from .services.submission.submission import SubmissionFileError, read_submission

    try:
        sf = read_submission(args.file, roots_from(args.trust))
    except SubmissionFileError as exc:
        raise CliError(str(exc)) from exc
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

__all__ = ["CliError", "StoreError", "add_parsers", "run"]
