"""The reports: ``export excel``, ``report pdf``, ``sign`` (年度締め with the approver) and ``verify``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.vocabulary import REPORT_FIELDS, ROLE_AUDITOR
from ..i18n import _
from ..usecases import reports
from .common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    CliError,
    db_path,
    existing_session,
    key_passphrase,
    session,
    warn,
)
from .parser import Commands

if TYPE_CHECKING:
    from ..usecases.session import Session


def add_parsers(c: Commands) -> None:
    p = c.subcommand("export", "excel", export_excel, _("（監査担当）監査結果のワークブック"),
                     _("書き出し（Excel、OSCAL、CISO Assistant のライブラリ、得点パック）"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p = c.subcommand("report", "pdf", report_pdf, _("PDF の監査報告書（署名欄つき）"), _("（監査担当）監査報告書"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--author", default=None, help=_("作成者（既定: 設定の氏名）"))
    p.add_argument("--reviewer", default=None, help=_("確認者"))
    p.add_argument("--approver", default=None, help=_("承認者"))
    p = c.subcommand("report", "summary", report_summary, _("報告書の総括（監査担当の判断）を記入する"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--from", dest="source", type=Path, required=True,
                   help=_("総括のテキストファイル（UTF-8 / Shift_JIS）"))
    p = c.subcommand("report", "cover", report_cover, _("報告書の表紙の宛先と文書番号を記入する"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--addressee", required=True, help=_("宛先（例: 瑞穂町最高情報セキュリティ責任者 様）"))
    p.add_argument("--number", required=True, help=_("文書番号（例: 瑞情監第12号）"))
    p = c.command("sign", sign, _("PDF に電子署名する（PAdES、見える印影つき）"))
    p.add_argument("file", type=Path)
    p.add_argument("--p12", type=Path, required=True, help=_("署名に使う証明書（PKCS#12）"))
    p.add_argument("--field", default=None,
                   help=_("署名欄の名前（既定: 次の空いている欄。{fields} の順）").format(
                       fields="・".join(REPORT_FIELDS)))
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--reason", default=None, help=_("署名の理由（既定: 欄に応じて 作成・確認・承認）"))
    p.add_argument("--ca", type=Path, default=None, help=_("町の認証局のフォルダ（失効情報 ca.crl を埋め込む）"))
    p.add_argument("--crl", type=Path, action="append", default=[], help=_("失効リスト（LGPKI など）"))
    p.add_argument("--trust", type=Path, action="append", default=[])
    p.add_argument("--timestamp-url", default=None,
                   help=_("町のタイムスタンプサーバ（RFC 3161）の URL。指定すると PAdES B-T（ネットワークを使います）"))
    p.add_argument("--box", default=None, help=_("署名欄がないとき印影を置く枠 x1,y1,x2,y2（pt、左下が原点）"))
    p.add_argument("--page", type=int, default=-1, help=_("印影を置くページ（1から。既定: 最後のページ）"))
    p.add_argument("--close-year", type=int, default=None,
                   help=_("（監査担当）承認者の署名で、この年度を締める（--db で監査担当用データベースを指定）"))
    p = c.command("verify", verify, _("PDF の電子署名を確かめる（すべて有効なら終了コード 0）。--db のデータベースの"
                                      "信頼する証明書・失効リスト、監査担当用なら署名者の登録も使う"))
    p.add_argument("file", type=Path)
    p.add_argument("--trust", type=Path, action="append", default=[])
    p.add_argument("--crl", type=Path, action="append", default=[])


def export_excel(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        out = reports.write_workbook(s, args.year, args.out)
    print(_("監査結果のワークブックを書き出しました: {out}").format(out=out))
    return EXIT_OK


def report_pdf(args: argparse.Namespace) -> int:
    """Never waits for an answer: a 速報 is marked and said so, unconfirmed proposals are warned of."""
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        marked = reports.preliminary(s, args.year)
        unconfirmed = reports.unconfirmed_findings(s, args.year)
        out = reports.write_report(s, args.year, args.out, author=args.author, reviewer=args.reviewer or "",
                                   approver=args.approver or "", marked=marked)
    print(_("監査報告書を書き出しました: {out}（署名欄: {fields}）").format(out=out, fields="・".join(REPORT_FIELDS)))
    if marked:
        print(marked.message())
    if unconfirmed:
        warn(_("注意: 確認していない指摘案が {count} 件あります。報告書には確認済みの指摘事項だけが載ります。"
               ).format(count=unconfirmed))
    return EXIT_OK


def report_summary(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        got = reports.set_summary_from_file(s, args.year, args.source)
    print(_("{year}年度の総括を記入しました（{count} 文字）。").format(year=args.year, count=len(got.summary)))
    return EXIT_OK


def report_cover(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        reports.set_cover(s, args.year, addressee=args.addressee, document_number=args.number)
    print(_("{year}年度の報告書の宛先と文書番号を記入しました。").format(year=args.year))
    return EXIT_OK


def _box(text: str | None) -> tuple[float, ...] | None:
    if not text:
        return None
    try:
        x1, y1, x2, y2 = (float(v) for v in text.split(","))
    except ValueError as exc:
        raise CliError(_("--box は x1,y1,x2,y2 の4つの数で書いてください。"), EXIT_USAGE) from exc
    return (x1, y1, x2, y2)


def sign(args: argparse.Namespace) -> int:
    box = _box(args.box)
    page = args.page - 1 if args.page > 0 else args.page

    def run(s: Session | None) -> reports.Signed:
        return reports.sign(s, args.file, args.out, p12=args.p12, passphrase=key_passphrase(), field=args.field,
                            reason=args.reason, close_year=args.close_year,
                            trust_files=[*args.trust, *reports.ca_certificate(args.ca)],
                            crls=[*args.crl, *reports.ca_crl(args.ca)], box=box, page=page,
                            timestamp_url=args.timestamp_url)

    if args.close_year is None:
        done = run(None)
    else:
        if not db_path(args).exists():
            raise CliError(_("年度締めには監査担当用のデータベースが必要です（--db）。何も書き出していません。"))
        with session(args) as s:
            done = run(s)
    print(_("署名しました（署名欄「{field}」）: {out}").format(field=done.field, out=done.out))
    if done.closed_year is not None:
        print(_("{year}年度を締めました（以後の取込と指摘事項の変更には、理由を付けた解除が必要です）。"
                ).format(year=done.closed_year))
    return EXIT_OK


def verify(args: argparse.Namespace) -> int:
    with existing_session(args) as s:
        found = reports.verify(args.file, trust_files=args.trust, crls=args.crl, session=s)
        roles = reports.role_problems(args.file, found, s)
    if not found:
        print(_("電子署名がありません（未署名）。"))
        return EXIT_PROBLEMS
    for r in found:
        print(r.summary_ja)
        for problem in roles.get(r.field_name, []):
            print(_("  役割の確認: {problem}").format(problem=problem))
    ok = reports.all_ok(found) and not roles
    print(_("すべての署名が有効です。") if ok else _("確認が必要な署名があります。"))
    return EXIT_OK if ok else EXIT_PROBLEMS
