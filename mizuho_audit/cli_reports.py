"""Command-line handlers for the reports: Excel exports, the PDF audit report, signing and verifying."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from .cli_workflow import EXIT_OK, EXIT_PROBLEMS, CliError, actor_of, key_passphrase, open_workspace
from .i18n import _
from .storage.repository import ROLE_AUDITOR

APPROVER_FIELD = "承認者"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    ep = sub.add_parser("export", help=_("Excel の書き出し")).add_subparsers(dest="subcommand", required=True)
    p = ep.add_parser("excel", help=_("（監査担当）監査結果のワークブック"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p = ep.add_parser("template", help=_("部署の Excel 回答用紙（アプリを使わない部署向け）"))
    p.add_argument("--department", required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    rp = sub.add_parser("report", help=_("（監査担当）監査報告書")).add_subparsers(dest="subcommand", required=True)
    p = rp.add_parser("pdf", help=_("PDF の監査報告書（署名欄つき）"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--author", default=None, help=_("作成者（既定: 設定の氏名）"))
    p.add_argument("--reviewer", default=None, help=_("確認者"))
    p.add_argument("--approver", default=None, help=_("承認者"))
    p = sub.add_parser("sign", help=_("PDF に電子署名する（PAdES、見える印影つき）"))
    p.add_argument("file", type=Path)
    p.add_argument("--p12", type=Path, required=True, help=_("署名に使う証明書（PKCS#12）"))
    p.add_argument("--field", default=APPROVER_FIELD, help=_("署名欄の名前（既定: 承認者）"))
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--reason", default="監査報告書の承認")
    p.add_argument("--ca", type=Path, default=None, help=_("町の認証局のフォルダ（失効情報 ca.crl を埋め込む）"))
    p.add_argument("--crl", type=Path, action="append", default=[], help=_("失効リスト（LGPKI など）"))
    p.add_argument("--trust", type=Path, action="append", default=[])
    p.add_argument("--timestamp-url", default=None,
                   help=_("町のタイムスタンプサーバ（RFC 3161）の URL。指定すると PAdES B-T（ネットワークを使います）"))
    p.add_argument("--box", default=None, help=_("署名欄がないとき印影を置く枠 x1,y1,x2,y2（pt、左下が原点）"))
    p.add_argument("--page", type=int, default=-1, help=_("印影を置くページ（1から。既定: 最後のページ）"))
    p.add_argument("--close-year", type=int, default=None,
                   help=_("（監査担当）承認者の署名で、この年度を締める（--db で監査担当用データベースを指定）"))
    p = sub.add_parser("verify", help=_("PDF の電子署名を確かめる（すべて有効なら終了コード 0）"))
    p.add_argument("file", type=Path)
    p.add_argument("--trust", type=Path, action="append", default=[])
    p.add_argument("--crl", type=Path, action="append", default=[])


def run(args: argparse.Namespace) -> int:
    if args.command == "verify":
        return _verify(args)
    if args.command == "sign" and args.close_year is None:
        return _sign(args, None)
    ws = open_workspace(args)
    try:
        actor = actor_of(args, ws)
        if args.command == "sign":
            return _sign(args, (ws, actor))
        if args.command == "export" and args.subcommand == "template":
            from .services.submission.excel_template import write_template

            out = write_template(ws, args.department, args.year, args.out, actor=actor)
            print(_("Excel 回答用紙を書き出しました: {out}").format(out=out))
            return EXIT_OK
        if ws.store.role != ROLE_AUDITOR:
            raise CliError(_("監査担当用のデータベースを指定してください（--db）。"))
        if args.command == "export":
            from .services.reports.excel_report import write_audit_workbook

            out = write_audit_workbook(ws, args.year, args.out, actor=actor)
            print(_("監査結果のワークブックを書き出しました: {out}").format(out=out))
            return EXIT_OK
        from .services.reports.audit_report import write_audit_report

        out = write_audit_report(ws, args.year, args.out, actor=actor, author=args.author or actor,
                                 reviewer=args.reviewer or "", approver=args.approver or "")
        print(_("監査報告書を書き出しました: {out}（署名欄: 作成者・承認者）").format(out=out))
        return EXIT_OK
    finally:
        ws.close()


def _crls(args: argparse.Namespace) -> list[Path]:
    crls = list(args.crl)
    if getattr(args, "ca", None) is not None and (args.ca / "ca.crl").exists():
        crls.append(args.ca / "ca.crl")
    return crls


def _sign(args: argparse.Namespace, auditor: tuple[object, str] | None) -> int:
    from .services.signing.signing import SigningError, sign_pdf
    from .services.signing.trust import roots_from
    from .services.submission.submission import write_atomic

    trust = list(args.trust) + ([args.ca / "ca-cert.pem"] if args.ca is not None else [])
    box = None
    if args.box:
        try:
            x1, y1, x2, y2 = (float(v) for v in args.box.split(","))
        except ValueError as exc:
            raise CliError(_("--box は x1,y1,x2,y2 の4つの数で書いてください。"), 2) from exc
        box = (x1, y1, x2, y2)
    page = args.page - 1 if args.page > 0 else args.page
    try:
        pdf = args.file.read_bytes()
        # A laid-out empty field (作成者 / 承認者 of the report) always gets the visible stamp; elsewhere the
        # stamp needs a box, and without one the signature is invisible.
        signed = sign_pdf(pdf, args.p12, key_passphrase(), field_name=args.field, reason=args.reason,
                          visible=box is not None, box=box, page=page, trust_roots=roots_from(trust),
                          crls=_crls(args), timestamp_url=args.timestamp_url)
    except OSError as exc:
        raise CliError(_("ファイルを読めません: {error}").format(error=exc)) from exc
    except SigningError as exc:
        raise CliError(str(exc)) from exc
    write_atomic(args.out, signed)
    print(_("署名しました（署名欄「{field}」）: {out}").format(field=args.field, out=args.out))
    if auditor is not None:
        from .services.workspace import Workspace

        ws, actor = auditor
        assert isinstance(ws, Workspace)
        if ws.store.role != ROLE_AUDITOR:
            raise CliError(_("年度締めには監査担当用のデータベースが必要です（--db）。"))
        if args.field != APPROVER_FIELD:
            raise CliError(_("年度締めは「{field}」の署名で行います。").format(field=APPROVER_FIELD))
        digest = hashlib.sha256(signed).hexdigest()
        ws.store.log(actor, "report_signed", f"year:{args.close_year}", {"file": args.out.name, "sha256": digest,
                                                                        "field": args.field})
        ws.store.close_year(args.close_year, actor=actor, report_sha256=digest)
        print(_("{year}年度を締めました（以後の取込と指摘事項の変更には、理由を付けた解除が必要です）。").format(year=args.close_year))
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from .services.signing.signing import SigningError, all_ok, verify_report
    from .services.signing.trust import roots_from

    try:
        reports = verify_report(args.file.read_bytes(), roots_from(args.trust), crls=_crls(args))
    except OSError as exc:
        raise CliError(_("ファイルを読めません: {error}").format(error=exc)) from exc
    except SigningError as exc:
        raise CliError(str(exc)) from exc
    if not reports:
        print(_("電子署名がありません（未署名）。"))
        return EXIT_PROBLEMS
    for r in reports:
        print(r.summary_ja)
    ok = all_ok(reports)
    print(_("すべての署名が有効です。") if ok else _("確認が必要な署名があります。"))
    return EXIT_OK if ok else EXIT_PROBLEMS
