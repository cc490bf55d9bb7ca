"""Freeze an auditor's database of a released schema under tests/fixtures/ (run once, from that release).

``python scripts/make_auditor_fixture.py VERSION`` builds ``tests/fixtures/schema_vVERSION_auditor.db`` with
the code of the checkout it runs in: three departments of the small test checklist submit (JSON files), the
auditor imports them, accepts one, returns one, proposes and edits findings, sets the deadline and the 総括.
From schema 6 (trust in the database) the database also trusts a town CA and keeps its CRL, 住民課長 is in the
signer register, and 住民課 submits a signed PDF instead. Its passphrase is :data:`PASSPHRASE`.

``schema_v5_auditor.db`` and ``schema_v6_auditor.db`` were made by the releases with schema 5 and 6 (before
the auditor's database sealed its rows), so the tests can check that such a database is sealed when it is
first opened with its passphrase, and that an edit made before that is still found.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

from mizuho_audit.services.findings.findings import propose
from mizuho_audit.services.intake.intake import accept, import_submission
from mizuho_audit.services.intake.status_board import set_deadline
from mizuho_audit.services.reports.report_details import set_report_summary
from mizuho_audit.services.submission.notice import write_return_notice
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.submission.workflow import Approver, submit
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.storage import migrations

PASSPHRASE = "fixture-passphrase"
AUDITOR = "監査 一郎"
ANSWERS = {"jumin": {"NET-001": "partial"}, "zeimu": {"ORG-001": "not_done"}, "somu": {}}

version = int(sys.argv[1]) if len(sys.argv) > 1 else migrations.SCHEMA_VERSION
if version != migrations.SCHEMA_VERSION:
    raise SystemExit(f"run this from the release with schema {version} (this checkout has "
                     f"{migrations.SCHEMA_VERSION})")

ROOT = Path(__file__).resolve().parent.parent
out = ROOT / "tests" / "fixtures" / f"schema_v{version}_auditor.db"
with tempfile.TemporaryDirectory() as tmp:
    q = Path(tmp) / "q"
    q.mkdir()
    for f in ("questionnaires/policy.yaml", "questionnaires/departments.yaml", "tests/fixtures/mini/mini-2026.yaml"):
        shutil.copy(ROOT / f, q)
    town = Path(tmp) / "town"
    dept = Workspace.open(Path(tmp) / "dept.db", shipped_dir=q, town_dir=town)
    db = Path(tmp) / "fixture.db"
    aud = Workspace.open(db, shipped_dir=q, town_dir=town, role="auditor", passphrase=PASSPHRASE)
    trusting = version >= 6
    if trusting:
        from mizuho_audit.services.signing import ca
        from mizuho_audit.services.signing.register import add_crl, add_roots, register_signer
        from mizuho_audit.services.signing.signing import certificate_of

        ca.init_ca(Path(tmp) / "ca", b"fixture-ca")
        ca.issue_certificate(Path(tmp) / "ca", b"fixture-ca", name="jumin 課長", title="課長", department="住民課",
                             out_p12=Path(tmp) / "jumin.p12", p12_passphrase=None, days=3650, department_id="jumin",
                             role="submission")
        add_roots(aud, Path(tmp) / "ca" / "ca-cert.pem", actor=AUDITOR)
        add_crl(aud, ca.write_crl(Path(tmp) / "ca", b"fixture-ca"), actor=AUDITOR)
        register_signer(aud, certificate_of(Path(tmp) / "jumin.p12", None), role="submission", department_id="jumin",
                        actor=AUDITOR)
    for dep, ratings in ANSWERS.items():
        cl = dept.checklist(dep, 2026)
        for it in cl.questionnaire.items():
            rating = ratings.get(it.id, "done")
            dept.save(cl, it.id, "rating", rating, "担当")
            if rating in ("partial", "not_done"):
                dept.save(cl, it.id, "plan_content", f"{it.id} を改善する", "担当")
                dept.save(cl, it.id, "plan_due", "2027-03-31", "担当")
        submit(dept, cl, Approver(f"{dep} 課長", "課長", "2026-11-20"), "担当")
        signed = trusting and dep == "jumin"
        file = export_submission(dept, dept.checklist(dep, 2026), Path(tmp) / f"{dep}.{'pdf' if signed else 'json'}",
                                 actor="担当", p12=Path(tmp) / "jumin.p12" if signed else None)
        result = import_submission(aud, file, actor=AUDITOR)
        assert result.outcome == "imported", result.message
    accept(aud, "jumin", 2026, AUDITOR)
    [zeimu] = aud.store.received(2026, "zeimu")
    write_return_notice(aud, zeimu, "計画の担当者を記入してください。", Path(tmp) / "notice.pdf", actor=AUDITOR)
    ids = propose(aud, 2026, AUDITOR)
    assert ids, "the fixture needs findings"
    aud.store.update_finding(ids[0], {"confirmed": 1, "text": "監査担当が書き直した指摘。"}, actor=AUDITOR)
    set_deadline(aud, 2026, date(2026, 12, 18), AUDITOR)
    set_report_summary(aud, 2026, "全体として対策は定着しつつある。", actor=AUDITOR)
    aud.close()
    dept.close()
    # One self-contained file (no -wal beside it).
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    shutil.copy(db, out)
print(out)
