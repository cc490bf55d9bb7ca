"""Row 9: pages = data (issue 12). The importer reads every page of a signed submission back and compares it
with the embedded answers (:func:`mizuho_audit.services.submission.page_text.pages_match`); bare baseline:
pyHanko's validation of the signature of the same file.

The files are the app's own: the synthesised town's submissions (~292 items, ~35 pages each) rendered with
``render_submission_pdf``, the JSON attached and signed with a certificate of a local CA, as
``export_submission`` does. Rendering takes ~1 s a file, so :data:`DISTINCT` different departments are made and
the 60 checks go round them. Ours and bare run in turn, file by file; the row is the best of three rounds of 60.
Run alone: ``python bench/bench_pages.py``.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from bench_auditor import DEPARTMENTS, setup
from common import Row, table
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.pdf_hex import pyhanko_as_shipped
from mizuho_audit.services.signing.pdf_text import page_texts
from mizuho_audit.services.signing.signing import attach_file, sign_pdf
from mizuho_audit.services.submission.page_text import pages_match
from mizuho_audit.services.submission.submission import EMBEDDED_NAME, SIGNATURE_FIELD
from mizuho_audit.services.submission.submission_pdf import render_submission_pdf
from mizuho_audit.services.workspace import Workspace

DISTINCT = 6
CA_PASS = b"bench-ca-pass"
MAX_RATIO = 0.25  # the brief: a few ms a file, a quarter of the validation it comes with


def submission_files(tmp: Path, qdir: Path, files: list[Path]) -> tuple[list[dict[str, Any]], asn1_x509.Certificate]:
    """:data:`DISTINCT` signed submission PDFs, as the importer gets them, with what it checks them against."""
    ca_dir = tmp / "pages-ca"
    ca.init_ca(ca_dir, CA_PASS)
    ca.issue_certificate(ca_dir, CA_PASS, name="課長", title="課長", department="部署00", out_p12=tmp / "head.p12",
                         p12_passphrase=None)
    root = asn1_x509.Certificate.load(ca.load_ca_certificate(ca_dir).public_bytes(ca.serialization.Encoding.DER))
    ws = Workspace.open(tmp / "pages.db", shipped_dir=qdir, town_dir=tmp / "town")
    try:
        names = [d.name for d in ws.departments()]
        made = []
        for path in files[:DISTINCT]:
            envelope = json.loads(path.read_text(encoding="utf-8"))
            snapshot = envelope["snapshot"]
            q = ws.catalog.for_year(snapshot["fiscal_year"])
            assert q is not None
            checklist = q.checklist_for(ws.department(snapshot["department"]["id"]).traits)
            pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=envelope["snapshot_hash"],
                                        signature_note="電子署名: 課長 課長 の承認として、証明書で署名しています。",
                                        department_names=names)
            payload = json.dumps(envelope, ensure_ascii=False, indent=1).encode("utf-8")
            pdf = attach_file(pdf, EMBEDDED_NAME, payload, "自己点検の回答（機械読み取り用）")
            pdf = sign_pdf(pdf, tmp / "head.p12", None, field_name=SIGNATURE_FIELD, reason="提出（承認）")
            made.append({"pdf": pdf, "snapshot": snapshot, "hash": envelope["snapshot_hash"],
                         "checklist": checklist, "names": names})
    finally:
        ws.close()
    return made, root


def ours(file: dict[str, Any]) -> None:
    problems = pages_match(file["pdf"], file["snapshot"], file["checklist"], snapshot_hash=file["hash"],
                           department_names=file["names"])
    assert problems == [], problems[:3]


def bare(file: dict[str, Any], root: asn1_x509.Certificate) -> None:
    with pyhanko_as_shipped():  # pyHanko as shipped (the app reads hex strings its own way)
        reader = PdfFileReader(BytesIO(file["pdf"]), strict=False)
        status = validate_pdf_signature(reader.embedded_signatures[0], ValidationContext(trust_roots=[root]))
    assert status.bottom_line


def pages_row(tmp: Path, qdir: Path, files: list[Path], rounds: int = 3) -> tuple[Row, str]:
    made, root = submission_files(tmp, qdir, files)
    for file in made:  # warm both: the font, the imports, pyHanko's first use
        ours(file)
        bare(file, root)
    best_ours = best_bare = float("inf")
    per_file: list[tuple[float, float]] = []
    for _ in range(rounds):
        total_ours = total_bare = 0.0
        for n in range(DEPARTMENTS):
            file = made[n % len(made)]
            start = time.perf_counter()
            ours(file)
            middle = time.perf_counter()
            bare(file, root)
            end = time.perf_counter()
            total_ours += middle - start
            total_bare += end - middle
            per_file.append((middle - start, end - middle))
        best_ours, best_bare = min(best_ours, total_ours), min(best_bare, total_bare)
    pages = statistics.mean(len(page_texts(f["pdf"])) for f in made)
    items = statistics.mean(len(f["snapshot"]["answers"]) for f in made)
    median_ours = statistics.median(t for t, _b in per_file) * 1000
    median_bare = statistics.median(b for _t, b in per_file) * 1000
    note = (f"row 9: {DEPARTMENTS} checks going round {len(made)} signed submissions ({items:.0f} items, {pages:.0f} "
            f"pages each); per file (median) {median_ours:.1f} ms ours, {median_bare:.1f} ms pyHanko validation")
    row = Row(f"9 pages = data check, {DEPARTMENTS} submission PDFs", best_ours, best_bare, unit="ms",
              max_ratio=MAX_RATIO)
    return row, note


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="mizuho-bench-") as t:
        tmp = Path(t)
        qdir, files = setup(tmp)
        row, note = pages_row(tmp, qdir, files)
    print(table([row]))
    print(f"\n- {note}")


if __name__ == "__main__":
    main()
