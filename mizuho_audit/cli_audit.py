"""Command-line handlers for the auditor's desk: status board, deadline, findings."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date

from .cli_workflow import EXIT_OK, CliError
from .i18n import _
from .services.findings import findings
from .services.intake.status_board import SIGNATURE_JA, STATUS_JA, board, export_missing, set_deadline
from .services.workspace import Workspace
from .storage.repository import ROLE_AUDITOR


def _status(key: str) -> str:
    """A status of the board in the user's language (STATUS_JA is the town's documents' wording)."""
    labels = {"not_started": _("未提出"), "in_progress": _("回答中"), "submitted": _("提出済"), "accepted": _("受理"),
              "returned": _("差戻し")}
    return labels.get(key, STATUS_JA.get(key, key))


def _signature(key: str) -> str:
    labels = {"valid": _("有効"), "unsigned": _("未署名"), "invalid": _("無効"), "untrusted": _("信頼されていない")}
    return labels.get(key, SIGNATURE_JA.get(key, key))


def _grade(key: str) -> str:
    labels = {"major": _("重大"), "minor": _("軽微"), "observation": _("観察事項"), "good": _("良好事例")}
    return labels.get(key, findings.GRADE_LABELS.get(key, key))


def _finding_status(key: str) -> str:
    labels = {"open": _("未対応"), "in_progress": _("対応中"), "done": _("完了")}
    return labels.get(key, findings.STATUS_LABELS.get(key, key))


def run_audit(args: argparse.Namespace, ws: Workspace, actor: str) -> int:
    if ws.store.role != ROLE_AUDITOR:
        raise CliError(_("監査担当用のデータベースを指定してください（--db）。"))
    if args.command == "status":
        rows = board(ws, args.year)
        if args.json:
            print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=1))
        else:
            print("\t".join((_("部署"), _("状態"), _("提出日"), _("署名"), _("署名者"), _("点数"))))
            for r in rows:
                score = "" if r.score is None else f"{r.score:5.1f}"
                mark = _(" 期限超過") if r.overdue else ""
                signature = _signature(r.signature) if r.signature else ""
                print(f"{r.name}\t{_status(r.status)}{mark}\t{(r.submitted_at or '')[:10]}\t"
                      f"{signature}\t{r.signer or ''}\t{score}")
            counts = {k: sum(r.status == k for r in rows) for k in STATUS_JA}
            print(_("　").join(f"{_status(k)} {v}" for k, v in counts.items() if v))
        if args.missing_csv:
            export_missing(rows, args.missing_csv)
            print(_("未提出の部署を書き出しました: {out}").format(out=args.missing_csv))
        return EXIT_OK
    if args.command == "deadline":
        try:
            day = date.fromisoformat(args.date)
        except ValueError as exc:
            raise CliError(_("期限「{date}」は日付として読めません（例: 2026-12-25）。"
                             ).format(date=args.date), 2) from exc
        set_deadline(ws, args.year, day, actor)
        print(_("{year}年度の提出期限を {day} にしました。").format(year=args.year, day=day.isoformat()))
        return EXIT_OK
    sub = args.subcommand
    if sub == "propose":
        ids = findings.propose(ws, args.year, actor)
        print(_("指摘案を {count} 件作りました（確定前です。内容を確認して確定してください）。").format(count=len(ids)))
    elif sub == "confirm":
        targets = [f.id for f in ws.store.findings(args.year) if not f.confirmed] if args.all else args.ids
        for fid in targets:
            ws.store.update_finding(fid, {"confirmed": 1}, actor=actor)
        print(_("{count} 件を確定しました。").format(count=len(targets)))
    elif sub == "carry":
        ids = findings.carry_open(ws, args.year, args.year + 1, actor)
        print(_("未完了の指摘事項 {count} 件を {year}年度へ引き継ぎました。"
                ).format(count=len(ids), year=args.year + 1))
    elif sub == "list":
        found = ws.store.findings(args.year, args.department)
        if args.json:
            print(json.dumps([findings.as_dict(f) for f in found], ensure_ascii=False, indent=1))
        else:
            for f in found:
                dep = _("全庁") if f.department_id == findings.TOWN_WIDE else f.department_id
                confirmed = _("確定") if f.confirmed else _("案")
                print(f"{f.id}\t{dep}\t{_grade(f.grade)}\t{_finding_status(f.status)}\t{confirmed}\t{f.title}")
    else:
        from .services.submission.submission import write_atomic

        buffer = io.StringIO(newline="")
        w = csv.writer(buffer)
        w.writerow(["番号", "年度", "部署", "項目", "区分", "見出し", "指摘内容", "推奨事項", "期限", "担当部署",
                    "状況", "確定", "由来", "部署の改善報告"])
        for f in ws.store.findings(args.year):
            w.writerow([f.id, f.fiscal_year, "全庁" if f.department_id == findings.TOWN_WIDE else f.department_id,
                        f.item_id, findings.GRADE_LABELS[f.grade], f.title, f.text, f.recommendation, f.due,
                        f.responsible, findings.STATUS_LABELS[f.status], "○" if f.confirmed else "",
                        findings.SOURCE_LABELS[f.source], f.department_report])
        write_atomic(args.out, buffer.getvalue().encode("utf-8-sig"))
        print(_("指摘事項を書き出しました: {out}").format(out=args.out))
    return EXIT_OK
