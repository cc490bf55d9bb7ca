"""The auditor's intake: ``import``, ``accept``, ``return``, ``status``, ``deadline``."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ..domain.vocabulary import BOARD_STATUSES, ROLE_AUDITOR
from ..i18n import _
from ..usecases import intake
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, CliError, Done, key_passphrase, session
from .parser import Commands, dep_year


def add_parsers(c: Commands) -> None:
    p = c.command("import", import_files, _("（監査担当）提出ファイルを取り込む"))
    p.add_argument("files", type=Path, nargs="+", help=_("提出ファイル（PDF・JSON・Excel 回答用紙）またはフォルダ"))
    p.add_argument("--trust", type=Path, action="append", default=[],
                   help=_("この取込だけで信頼する証明書（指紋を表示し、--yes で確認）"))
    p.add_argument("--crl", type=Path, action="append", default=[], help=_("失効リスト（データベースのものに加えて）"))
    p.add_argument("--require-trusted", action="store_true",
                   help=_("署名のないファイル（回答用紙・JSON）も取り込まない（署名のあるファイルは、"
                          "信頼できる登録済みの署名者のものだけを取り込むのが既定です）"))
    p.add_argument("--allow-untrusted", action="store_true",
                   help=_("信頼できない・登録されていない署名のファイルを、例外として取り込む（--reason が必要。"
                          "操作履歴と報告書に残ります）"))
    p.add_argument("--reason", default="", help=_("例外として取り込む理由"))
    p.add_argument("--yes", action="store_true", help=_("確認なしで取り込む: --trust の証明書、再提出（変更あり）、"
                                                              "問題のない項目だけの Excel 回答用紙"))
    p = c.command("accept", accept, _("（監査担当）提出を受理する"))
    dep_year(p)
    p = c.command("return", return_submission, _("（監査担当）提出を差し戻し、差戻し通知を書き出す"))
    dep_year(p)
    p.add_argument("--reason", required=True)
    p.add_argument("--out", type=Path, required=True, help=_("差戻し通知（PDF）"))
    p.add_argument("--p12", type=Path, default=None, help=_("署名に使う証明書（PKCS#12）"))
    p = c.command("status", status, _("（監査担当）部署ごとの提出状況"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--json", action="store_true", help=_("JSON で出力する"))
    p.add_argument("--missing-csv", type=Path, default=None, help=_("未提出の部署を CSV に書き出す"))
    p = c.command("deadline", set_deadline, _("（監査担当）提出期限を決める"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--date", required=True, help=_("期限（例: 2026-12-25）"))


def status_word(key: str) -> str:
    """A status of the board in the user's language."""
    labels = {"not_started": _("未提出"), "in_progress": _("回答中"), "submitted": _("提出済"), "accepted": _("受理"),
              "returned": _("差戻し")}
    return labels.get(key, key)


def signature_word(key: str) -> str:
    labels = {"valid": _("有効"), "unsigned": _("未署名"), "invalid": _("無効"), "untrusted": _("信頼されていない"),
              "exception": _("例外"),
              # a signature taken as trusted that the database no longer accepts (trust root, CRL, signer changed)
              "revoked": _("失効"), "no_root": _("信頼されなくなった"), "not_registered": _("署名者が登録されていない"),
              "not_approver": _("承認者と不一致"), "unreadable": _("確認できない")}
    return labels.get(key, key)


def import_files(args: argparse.Namespace) -> int:
    outcome = {"imported": _("取込"), "duplicate": _("変更なし"), "refused": _("拒否"),
               "needs_confirmation": _("要確認")}
    if args.allow_untrusted and not args.reason.strip():
        raise CliError(_("--allow-untrusted には、例外として取り込む理由（--reason）が必要です。"), EXIT_USAGE)
    if args.reason.strip() and not args.allow_untrusted:
        raise CliError(_("--reason は --allow-untrusted と一緒に使います。"), EXIT_USAGE)
    for f in args.trust:  # a root trusted for this import only is shown and confirmed like trust add
        from ..usecases.administration import trust_candidates
        from .trust import confirmed

        for summary in trust_candidates(f):
            print(_("この取込だけで信頼する証明書:"))
            if not confirmed(summary.lines(), _("信頼して取り込みますか"), args.yes):
                raise CliError(_("取り込みませんでした。"))
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        results = intake.import_files(s, args.files, trust_files=args.trust, crl_files=args.crl,
                                      refuse_unsigned=args.require_trusted,
                                      exception_reason=args.reason if args.allow_untrusted else "",
                                      confirm_changes=args.yes)
        for r in results:
            print(f"[{outcome[r.outcome]}] {r.message}")
            for w in r.warnings:
                print(_("    注意: {warning}").format(warning=w))
            if r.outcome == "needs_confirmation":
                for d in r.changes[:20]:
                    print(f"    {d.item_id} {d.field}: {d.old!r} → {d.new!r}")
        counts = {k: sum(r.outcome == k for r in results) for k in outcome}
        print(_("取込 {imported}、変更なし {duplicate}、要確認 {needs_confirmation}、拒否 {refused}"
                ).format(imported=counts['imported'], duplicate=counts['duplicate'],
                         needs_confirmation=counts['needs_confirmation'], refused=counts['refused']))
        if counts["refused"] or counts["needs_confirmation"]:
            if not counts["imported"] and not counts["duplicate"]:
                raise Done(EXIT_PROBLEMS)  # nothing taken in: a database made for this import is not kept
            return EXIT_PROBLEMS
    return EXIT_OK


def accept(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        intake.accept(s, args.department, args.year)
    print(_("受理しました。"))
    return EXIT_OK


def return_submission(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        s.require_auditor()
        intake.return_submission(s, args.department, args.year, args.reason, args.out, p12=args.p12,
                                 passphrase=key_passphrase() if args.p12 else None)
    print(_("差し戻しました。部署に渡す差戻し通知: {out}").format(out=args.out))
    return EXIT_OK


def status(args: argparse.Namespace) -> int:
    with session(args, role_if_new=ROLE_AUDITOR, reading=True) as s:
        rows = intake.board(s, args.year)
        if args.missing_csv:
            intake.export_missing(rows, args.missing_csv)
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=1))
    else:
        print("\t".join((_("部署"), _("状態"), _("提出日"), _("署名"), _("署名者"), _("点数"))))
        for r in rows:
            score = "" if r.score is None else f"{r.score:5.1f}"
            mark = _(" 期限超過") if r.overdue else ""
            signature = signature_word(r.signature) if r.signature else ""
            if r.signature_now:
                signature = _("{now}（取込時: {then}）").format(now=signature_word(r.signature_now), then=signature)
            signer = _("{signer} ≠ 承認者").format(signer=r.signer) if r.signer_differs else r.signer or ""
            print(f"{r.name}\t{status_word(r.status)}{mark}\t{(r.submitted_at or '')[:10]}\t"
                  f"{signature}\t{signer}\t{score}")
        counts = {k: sum(r.status == k for r in rows) for k in BOARD_STATUSES}
        print(_("　").join(f"{status_word(k)} {v}" for k, v in counts.items() if v))
    if args.missing_csv:
        print(_("未提出の部署を書き出しました: {out}").format(out=args.missing_csv))
    return EXIT_OK


def set_deadline(args: argparse.Namespace) -> int:
    try:
        day = date.fromisoformat(args.date)
    except ValueError as exc:
        raise CliError(_("期限「{date}」は日付として読めません（例: 2026-12-25）。").format(date=args.date),
                       EXIT_USAGE) from exc
    with session(args, role_if_new=ROLE_AUDITOR) as s:
        intake.set_deadline(s, args.year, day)
    print(_("{year}年度の提出期限を {day} にしました。").format(year=args.year, day=day.isoformat()))
    return EXIT_OK
