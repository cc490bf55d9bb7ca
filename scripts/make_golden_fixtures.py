"""Make the golden fixtures under tests/fixtures/golden/ (run once; the files are committed).

They pin the formats the app exchanges with the outside world, so that a change shows up as a failing
test instead of being recomputed by the code under test:

- ``ca-cert.pem`` and ``signer.p12`` (passphrase ``golden``): a test CA and key, made with fixed dates;
- ``submission-2026-jumin.pdf``: 住民課's submission, signed by that key at a fixed time;
- ``submission-2026-jumin.snapshot.json`` and ``.sha256``: its answers (canonical JSON) and their hash;
- ``answer-workbook-2026-jumin.xlsx``: the Excel answer workbook, filled the way people fill it in.

The checklist and master they use are copies in ``questionnaires/`` (not the shipped ones), so that a change
of the town's content does not move the golden files. Usage: ``.venv/bin/python scripts/make_golden_fixtures.py``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from unittest import mock

import openpyxl

from mizuho_audit.services.signing import ca
from mizuho_audit.services.submission.excel_template_write import write_template
from mizuho_audit.services.submission.submission import export_submission, read_submission
from mizuho_audit.services.submission.workflow import Approver, canonical_json, submit
from mizuho_audit.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
QDIR = GOLDEN / "questionnaires"
JST = dt.timezone(dt.timedelta(hours=9))
CA_DAY = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
SIGNED_AT = dt.datetime(2026, 11, 20, 10, 30, tzinfo=JST)
SUBMITTED_AT = "2026-11-20T10:00:00+09:00"
PASSPHRASE = b"golden"

# The answers: every item 実施, except one 一部 with its plan and one 該当しない with its reason.
PARTIAL, NA = "ORG-002", "NET-001"


def fill(ws: Workspace) -> None:
    cl = ws.checklist("jumin", 2026, now="2026-10-01T09:00:00+09:00")
    for n, it in enumerate(cl.questionnaire.items()):
        at = f"2026-10-01T09:{n:02d}:00+09:00"
        rating = "partial" if it.id == PARTIAL else "na" if it.id == NA else "done"
        ws.save(cl, it.id, "rating", rating, "住民 花子", now=at)
        ws.save(cl, it.id, "note", f"{it.id} の記録を確認した。", "住民 花子", now=at)
        if rating == "partial":
            ws.save(cl, it.id, "plan_content", "手順書を改める。", "住民 花子", now=at)
            ws.save(cl, it.id, "plan_owner", "住民係", "住民 花子", now=at)
            ws.save(cl, it.id, "plan_due", "2027-03-31", "住民 花子", now=at)
        if rating == "na":
            ws.save(cl, it.id, "reason", "該当する端末がない。", "住民 花子", now=at)
    submit(ws, cl, Approver("瑞穂 一郎", "住民課長", "2026-11-20"), "住民 花子", now=SUBMITTED_AT)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        with mock.patch.object(ca, "_now", lambda: CA_DAY):
            ca.init_ca(tmp / "ca", PASSPHRASE, common_name="黄金 試験 認証局", days=7300)
            ca.issue_certificate(tmp / "ca", PASSPHRASE, name="瑞穂 一郎", title="住民課長", department="住民課",
                                 out_p12=tmp / "signer.p12", p12_passphrase=PASSPHRASE)
        shutil.copy(tmp / "ca" / ca.CA_CERT, GOLDEN / "ca-cert.pem")
        shutil.copy(tmp / "signer.p12", GOLDEN / "signer.p12")
        ws = Workspace.open(tmp / "dept.db", shipped_dir=QDIR, town_dir=tmp / "town", now=SUBMITTED_AT)
        fill(ws)
        cl = ws.checklist("jumin", 2026)

        class FixedClock(dt.datetime):
            @classmethod
            def now(cls, tz: dt.tzinfo | None = None) -> FixedClock:  # type: ignore[override]
                moment = SIGNED_AT.astimezone(tz) if tz else SIGNED_AT.replace(tzinfo=None)
                return cls.fromtimestamp(moment.timestamp(), tz)

        pdf = GOLDEN / "submission-2026-jumin.pdf"
        with mock.patch("pyhanko.sign.signers.pdf_signer.datetime", FixedClock):
            export_submission(ws, cl, pdf, actor="住民 花子", p12=GOLDEN / "signer.p12", passphrase=PASSPHRASE)
        sf = read_submission(pdf)
        (GOLDEN / "submission-2026-jumin.snapshot.json").write_text(canonical_json(sf.snapshot) + "\n",
                                                                     encoding="utf-8")
        (GOLDEN / "submission-2026-jumin.sha256").write_text(sf.snapshot_hash + "\n", encoding="ascii")
        ws.close()

        # The workbook, written for a department that has not answered yet, then filled in by hand.
        fresh = Workspace.open(tmp / "fresh.db", shipped_dir=QDIR, town_dir=tmp / "town")
        book_path = GOLDEN / "answer-workbook-2026-jumin.xlsx"
        write_template(fresh, "jumin", 2026, book_path, actor="住民 花子")
        fresh.close()
        book = openpyxl.load_workbook(book_path)
        sheet = book["回答"]
        header = [c.value for c in sheet[1]]
        col = {name: header.index(name) + 1 for name in header if name}
        spellings = ["○", "はい", "１", "実施", " 1 \n", "実施している"]
        for row in range(2, sheet.max_row + 1):
            item = sheet.cell(row, 3).value
            if not item:
                continue
            if item == PARTIAL:
                sheet.cell(row, col["評価"], "△")
                sheet.cell(row, col["改善計画の内容"], "手順書を改める。")
                sheet.cell(row, col["担当"], "住民係")
                sheet.cell(row, col["期限"], "令和9年3月31日")
            elif item == NA:
                sheet.cell(row, col["評価"], "該当なし")
                sheet.cell(row, col["該当しない理由"], "該当する端末がない。")
            else:
                sheet.cell(row, col["評価"], spellings[row % len(spellings)])
            sheet.cell(row, col["実施状況・根拠"], f"{item} の記録を確認した。")
        book.save(book_path)
    print("golden fixtures written to", GOLDEN)


if __name__ == "__main__":
    main()
