"""Exchange with others: ``export library`` (the checklist for CISO Assistant), ``export benchmark`` (the
年度's anonymised score pack), ``benchmark import`` and ``benchmark compare`` (where the town stands)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..domain.vocabulary import ROLE_AUDITOR
from ..errors import InputProblem
from ..i18n import _
from ..usecases import benchmark
from .common import EXIT_OK, EXIT_PROBLEMS, key_passphrase, session, warn
from .parser import Commands


def signature_words(status: str) -> str:
    return {"verified": _("署名あり・検証済"), "untrusted": _("署名あり・発行元を信頼していません"),
            "unsigned": _("署名なし")}.get(status, status)


def add_parsers(c: Commands) -> None:
    p = c.subcommand("export", "library", export_library,
                     _("チェックリストを CISO Assistant のライブラリ（YAML）として書き出す（データベース不要）"))
    p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))
    p.add_argument("--out", type=Path, required=True)
    p = c.subcommand("export", "benchmark", export_benchmark,
                     _("（監査担当）他団体と比べるための匿名の得点パック（JSON）。部署名・回答・指摘事項は含みません"))
    p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--p12", type=Path, default=None,
                   help=_("署名に使う証明書（PKCS#12）。指定すると FILE.sig に分離署名を書き出す"))
    p.add_argument("--town", default=benchmark.OWN_TOWN,
                   help=_("団体名（既定: {town}）").format(town=benchmark.OWN_TOWN))
    p = c.subcommand("benchmark", "import", benchmark_import,
                     _("他団体の得点パックを取り込む（FILE.sig があれば署名も確かめる）"),
                     _("（監査担当）他団体との比較"))
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    p = c.subcommand("benchmark", "compare", benchmark_compare,
                     _("章ごとに、町の得点・他団体の中央値・町の順位（パーセンタイル）・団体数・前年度を表示する"))
    p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))
    p.add_argument("--json", action="store_true", help=_("JSON で出力する"))


def export_library(args: argparse.Namespace) -> int:
    out, _count = benchmark.export_library(args.year, args.out)
    print(_("CISO Assistant のライブラリを書き出しました: {out}").format(out=out))
    return EXIT_OK


def export_benchmark(args: argparse.Namespace) -> int:
    passphrase = key_passphrase() if args.p12 is not None else None
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        done = benchmark.export_pack(s, args.year, args.out, town=args.town, p12=args.p12, passphrase=passphrase)
    print(_("得点パックを書き出しました: {out}").format(out=done.out))
    if done.signature is not None:
        print(_("分離署名を書き出しました: {out}").format(out=done.signature))
    else:
        warn(_("注意: 署名していません（--p12 で証明書を指定すると、受け取った団体が改ざんを確かめられます）。"))
    return EXIT_OK


def benchmark_import(args: argparse.Namespace) -> int:
    failed = 0
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        for path in args.files:
            try:
                got = benchmark.import_pack(s, path)
            except InputProblem as exc:
                failed += 1
                warn(_("エラー: {error}").format(error=exc))
                continue
            signature = signature_words(got.signature.status)
            if got.signature.signer:
                signature += f"（{got.signature.signer}）"
            line = (_("取り込みました") if got.outcome == "imported" else _("取込済みのため飛ばしました"))
            print(_("{file}: {outcome}（{town}・{year}年度、{signature}）").format(
                file=path.name, outcome=line, town=got.town, year=got.year, signature=signature))
            if got.other_questionnaire:
                warn(_("注意: {file} は別のチェックリストで作られています。章は番号で比べますが、内容が"
                       "異なる場合があります。").format(file=path.name))
    return EXIT_PROBLEMS if failed else EXIT_OK


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def benchmark_compare(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR, reading=True) as s:
        result = benchmark.compare(s, args.year)
    if args.json:
        rows = [{"chapter": r.chapter_id or None, "title": r.title, "score": _round(r.own),
                 "median": _round(r.median), "percentile": _round(r.percentile), "towns": r.towns,
                 "previous": _round(r.previous), "change": _round(r.change)} for r in result.rows]
        print(json.dumps({"fiscal_year": result.year, "town": result.town,
                          "towns": [p.town for p in result.peers], "previous_source": result.previous_source or None,
                          "other_questionnaire": result.differing, "rows": rows}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not result.peers:
        print(_("{year}年度の他団体の得点パックはまだ取り込まれていません（benchmark import）。"
                ).format(year=args.year))
    header = [_("章"), _("町の得点"), _("他団体の中央値"), _("パーセンタイル"), _("団体数"), _("前年度"), _("増減")]
    print("\t".join(header))
    for r in result.rows:
        change = "—" if r.change is None else f"{r.change:+.1f}"
        title = f"{r.chapter_id} {r.title}" if r.chapter_id else r.title
        print("\t".join([title, _score(r.own), _score(r.median), _score(r.percentile), str(r.towns),
                         _score(r.previous), change]))
    for town in result.differing:
        warn(_("注意: {town} の得点パックは別のチェックリストで作られています（章は番号で比べています）。"
               ).format(town=town))
    return EXIT_OK


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
