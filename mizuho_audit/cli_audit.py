"""Command-line handlers for the auditor's desk: status board, deadline, findings."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date

from .cli_workflow import EXIT_OK, CliError
from .services import findings
from .services.status_board import SIGNATURE_JA, STATUS_JA, board, export_missing, set_deadline
from .services.workspace import Workspace
from .storage.repository import ROLE_AUDITOR


def run_audit(args: argparse.Namespace, ws: Workspace, actor: str) -> int:
    if ws.store.role != ROLE_AUDITOR:
        raise CliError("監査担当用のデータベースを指定してください（--db）。")
    if args.command == "status":
        rows = board(ws, args.year)
        if args.json:
            print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=1))
        else:
            for r in rows:
                score = "" if r.score is None else f"{r.score:5.1f}"
                mark = " 期限超過" if r.overdue else ""
                print(f"{r.name}\t{STATUS_JA[r.status]}{mark}\t{(r.submitted_at or '')[:10]}\t"
                      f"{SIGNATURE_JA.get(r.signature or '', '')}\t{r.signer or ''}\t{score}")
            counts = {k: sum(r.status == k for r in rows) for k in STATUS_JA}
            print("　".join(f"{STATUS_JA[k]} {v}" for k, v in counts.items() if v))
        if args.missing_csv:
            export_missing(rows, args.missing_csv)
            print(f"未提出の部署を書き出しました: {args.missing_csv}")
        return EXIT_OK
    if args.command == "deadline":
        try:
            day = date.fromisoformat(args.date)
        except ValueError as exc:
            raise CliError(f"期限「{args.date}」は日付として読めません（例: 2026-12-25）。", 2) from exc
        set_deadline(ws, args.year, day, actor)
        print(f"{args.year}年度の提出期限を {day.isoformat()} にしました。")
        return EXIT_OK
    sub = args.subcommand
    if sub == "propose":
        ids = findings.propose(ws, args.year, actor)
        print(f"指摘案を {len(ids)} 件作りました（確定前です。内容を確認して確定してください）。")
    elif sub == "confirm":
        targets = [f.id for f in ws.store.findings(args.year) if not f.confirmed] if args.all else args.ids
        for fid in targets:
            ws.store.update_finding(fid, {"confirmed": 1}, actor=actor)
        print(f"{len(targets)} 件を確定しました。")
    elif sub == "carry":
        ids = findings.carry_open(ws, args.year, args.year + 1, actor)
        print(f"未完了の指摘事項 {len(ids)} 件を {args.year + 1}年度へ引き継ぎました。")
    elif sub == "list":
        found = ws.store.findings(args.year, args.department)
        if args.json:
            print(json.dumps([findings.as_dict(f) for f in found], ensure_ascii=False, indent=1))
        else:
            for f in found:
                dep = "全庁" if f.department_id == findings.TOWN_WIDE else f.department_id
                print(f"{f.id}\t{dep}\t{findings.GRADE_LABELS[f.grade]}\t{findings.STATUS_LABELS[f.status]}\t"
                      f"{'確定' if f.confirmed else '案'}\t{f.title}")
    else:
        from .services.submission import write_atomic

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
        print(f"指摘事項を書き出しました: {args.out}")
    return EXIT_OK
