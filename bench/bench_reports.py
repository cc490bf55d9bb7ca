"""The auditor's pipeline on 60 departments: import, Excel workbook, signed PDF report (rows 4, 6, 7, 8).

Every run does the whole pipeline once the app's way and once the bare libraries' way, in turn, so that the
machine's noise falls on both alike. Each step is the fastest of the runs; the pipeline row is the fastest
whole run (the first run, with cold caches, is printed too). Run alone: ``python bench/bench_reports.py``.
"""

from __future__ import annotations

import gc
import io
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from bench_auditor import DEPARTMENTS, YEAR, bare_import, consolidation_row, import_all, open_auditor, setup
from common import Row, table
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko_certvalidator import ValidationContext
from reportlab.graphics.shapes import Drawing  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from mizuho_audit.paths import font_path
from mizuho_audit.services.reports.audit_report import APPROVER_FIELD, AUTHOR_FIELD, write_audit_report
from mizuho_audit.services.reports.excel_report import write_audit_workbook
from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.pdf_hex import pyhanko_as_shipped
from mizuho_audit.services.signing.signing import sign_pdf
from mizuho_audit.services.submission.submission import write_atomic

CA_PASS = b"bench-ca-pass"
BARE_FONT = "BenchGothic"  # the same IPAexGothic file, registered by the bare baseline itself
SIGNERS = ((AUTHOR_FIELD, "author.p12", "自己点検結果の作成"), (APPROVER_FIELD, "approver.p12", "自己点検結果の承認"))


# -- the local CA -------------------------------------------------------------------------------
@dataclass
class Keys:
    ca_dir: Path
    p12: dict[str, Path]
    ca_cert: asn1_x509.Certificate
    crl: bytes


def make_ca(tmp: Path) -> Keys:
    """A local CA in ``tmp/ca`` and the 作成者 / 承認者 certificates (PKCS#12 without a passphrase)."""
    ca_dir = tmp / "ca"
    ca.init_ca(ca_dir, CA_PASS)
    p12 = {}
    for (field_name, file_name, _reason), (person, title) in zip(
            SIGNERS, (("瑞穂 太郎", "監査担当"), ("瑞穂 花子", "情報セキュリティ管理者")), strict=True):
        ca.issue_certificate(ca_dir, CA_PASS, name=person, title=title, department="総務課", out_p12=tmp / file_name,
                             p12_passphrase=None)
        p12[field_name] = tmp / file_name
    cert = asn1_x509.Certificate.load(ca.load_ca_certificate(ca_dir).public_bytes(ca.serialization.Encoding.DER))
    return Keys(ca_dir, p12, cert, (ca_dir / ca.CRL).read_bytes())


# -- the bare PDF: the same paragraphs and table rows, straight through SimpleDocTemplate ----------------
@contextmanager
def captured_story(into: list[Flowable]) -> Iterator[None]:
    """Keep a copy of the flowables the app hands to reportlab (``BaseDocTemplate.build``, public API)."""
    original = BaseDocTemplate.build

    def build(self: BaseDocTemplate, flowables: list[Flowable], *args: Any, **kwargs: Any) -> Any:
        into.extend(flowables)
        return original(self, flowables, *args, **kwargs)

    BaseDocTemplate.build = build
    try:
        yield
    finally:
        BaseDocTemplate.build = original


@dataclass
class Spec:
    """The report's content as plain data: ("p", text, size) | ("t", rows, widths, repeat) | ("d", drawing)
    | ("br",) | ("sp", height)."""

    parts: list[tuple[Any, ...]] = field(default_factory=list)
    paragraphs: int = 0
    table_rows: int = 0
    tables: int = 0

    def add(self, f: Flowable) -> None:
        if isinstance(f, KeepTogether):
            for inner in f._content:
                self.add(inner)
        elif isinstance(f, Paragraph):
            self.paragraphs += 1
            self.parts.append(("p", f.text, f.style.fontSize))
        elif isinstance(f, Table):
            rows = [[("p", c.text) if isinstance(c, Paragraph) else ("s", "" if c is None else str(c)) for c in row]
                    for row in f._cellvalues]
            self.tables += 1
            self.table_rows += len(rows)
            self.paragraphs += sum(1 for row in rows for c in row if c[0] == "p")
            self.parts.append(("t", rows, list(f._colWidths), f.repeatRows))
        elif isinstance(f, Drawing):
            self.parts.append(("d", f))
        elif isinstance(f, PageBreak):
            self.parts.append(("br",))
        elif isinstance(f, Spacer):
            self.parts.append(("sp", f.height))


def register_bare_font() -> None:
    if BARE_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(BARE_FONT, str(font_path())))
        pdfmetrics.registerFontFamily(BARE_FONT, normal=BARE_FONT, bold=BARE_FONT, italic=BARE_FONT,
                                      boldItalic=BARE_FONT)


def bare_pdf(spec: Spec) -> bytes:
    """reportlab alone: Paragraph (CJK wrapping) and Table flowables of the same content in a SimpleDocTemplate."""
    styles: dict[float, ParagraphStyle] = {}

    def style(size: float) -> ParagraphStyle:
        if size not in styles:
            styles[size] = ParagraphStyle(f"bare{size}", fontName=BARE_FONT, fontSize=size, leading=size * 1.5,
                                          wordWrap="CJK")
        return styles[size]

    grid = TableStyle([("FONT", (0, 0), (-1, -1), BARE_FONT, 8), ("GRID", (0, 0), (-1, -1), 0.5, "#9aa3ad"),
                       ("VALIGN", (0, 0), (-1, -1), "TOP")])
    story: list[Flowable] = []
    for part in spec.parts:
        kind = part[0]
        if kind == "p":
            story.append(Paragraph(part[1], style(part[2])))
        elif kind == "t":
            rows = [[Paragraph(text, style(8)) if k == "p" else text for k, text in row] for row in part[1]]
            story.append(Table(rows, colWidths=part[2], repeatRows=part[3], style=grid, hAlign="LEFT"))
        elif kind == "d":
            part[1].__dict__.pop("_postponed", None)  # left by an earlier build that moved it to the next page
            story.append(part[1])
        elif kind == "br":
            story.append(PageBreak())
        else:
            story.append(Spacer(1, part[1]))
    buffer = io.BytesIO()
    pad = 6  # SimpleDocTemplate's frame pads 6 pt on each side: the same body width as the app's pages
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm - pad, rightMargin=18 * mm - pad,
                      topMargin=24 * mm - pad, bottomMargin=20 * mm - pad, title="bare").build(story)
    return buffer.getvalue()


def bare_sign(pdf: bytes, keys: Keys, field_name: str, reason: str) -> bytes:
    """pyHanko alone: ``signers.sign_pdf`` into the existing field, PAdES with the CA's CRL embedded (B-LT, as
    the app does with the CA's CRL), pyHanko's default stamp."""
    signer = signers.SimpleSigner.load_pkcs12(str(keys.p12[field_name]), passphrase=None)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, location="瑞穂町", subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256", embed_validation_info=True,
        validation_context=ValidationContext(trust_roots=[keys.ca_cert], crls=[keys.crl], allow_fetching=False))
    with pyhanko_as_shipped():  # pyHanko as shipped (the app reads hex strings its own way)
        out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer)
    return bytes(out.getvalue())


# -- the bare workbook: the same cells, write-only ----------------------------------------------------
def workbook_cells(path: Path) -> list[tuple[str, list[list[Any]]]]:
    wb = load_workbook(path, read_only=True)
    try:
        return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
    finally:
        wb.close()


def bare_workbook(cells: list[tuple[str, list[list[Any]]]], out: Path) -> None:
    wb = Workbook(write_only=True)
    for title, rows in cells:
        sheet = wb.create_sheet(title)
        for row in rows:
            sheet.append(row)
    wb.save(out)


# -- the runs -------------------------------------------------------------------------------------------
@dataclass
class Run:
    stages: dict[str, float] = field(default_factory=dict)

    def time(self, stage: str, fn: Callable[[], Any]) -> Any:
        gc.collect()
        if hasattr(os, "sync"):
            os.sync()  # the files the step before wrote would otherwise be flushed by this step's first fsync
        t = time.perf_counter()
        result = fn()
        self.stages[stage] = time.perf_counter() - t
        return result

    @property
    def total(self) -> float:
        return sum(self.stages.values())


@dataclass
class Results:
    rows: list[Row]
    notes: list[str]


def pipeline_rows(tmp: Path, qdir: Path, files: list[Path], runs: int = 3) -> Results:
    keys = make_ca(tmp)
    register_bare_font()
    ours_runs: list[Run] = []
    bare_runs: list[Run] = []
    cells: list[tuple[str, list[list[Any]]]] = []
    spec = Spec()
    cons_row: Row | None = None
    pages = ""
    for n in range(runs):
        out = tmp / f"run{n}"
        out.mkdir()
        run = Run()
        # Row 4 is the import into the open database; opening it (catalog, scrypt) counts in the pipeline row.
        ws = run.time("open", lambda: open_auditor(tmp, qdir, out / "auditor.db"))  # noqa: B023
        run.time("import", lambda: import_all(ws, tmp))  # noqa: B023
        try:
            run.time("workbook", lambda: write_audit_workbook(ws, YEAR, out / "audit.xlsx", actor="bench"))  # noqa: B023
            story: list[Flowable] = []
            with captured_story(story if n == 0 else []):
                run.time("report", lambda: write_audit_report(
                    ws, YEAR, out / "report.pdf", actor="bench", author="瑞穂 太郎", reviewer="瑞穂 次郎",  # noqa: B023
                    approver="瑞穂 花子"))

            def sign_ours() -> bytes:
                pdf = (out / "report.pdf").read_bytes()  # noqa: B023
                for field_name, _file, reason in SIGNERS:
                    pdf = sign_pdf(pdf, keys.p12[field_name], None, field_name=field_name, reason=reason,
                                   crls=[keys.ca_dir / ca.CRL])
                write_atomic(out / "report-signed.pdf", pdf)  # noqa: B023
                return pdf

            signed = run.time("sign", sign_ours)
            if n == runs - 1:
                cons_row = consolidation_row(ws)
        finally:
            ws.close()
        ours_runs.append(run)
        if n == 0:  # what the bare side must reproduce, read back outside the timings
            cells = workbook_cells(out / "audit.xlsx")
            for f in story:
                spec.add(f)
            pages = f"{signed.count(b'/Type /Page') - signed.count(b'/Type /Pages')}"

        unsigned = (out / "report.pdf").read_bytes()
        bare = Run()
        bare.time("import", lambda: bare_import(files, out / "bare.db"))  # noqa: B023
        bare.time("workbook", lambda: bare_workbook(cells, out / "bare.xlsx"))  # noqa: B023
        bare.time("report", lambda: (out / "bare.pdf").write_bytes(bare_pdf(spec)))  # noqa: B023

        def sign_bare() -> None:
            pdf = unsigned  # noqa: B023
            for field_name, _file, reason in SIGNERS:
                pdf = bare_sign(pdf, keys, field_name, reason)
            (out / "bare-signed.pdf").write_bytes(pdf)  # noqa: B023

        bare.time("sign", sign_bare)
        bare_runs.append(bare)

    def best(rs: list[Run], stage: str) -> float:
        return min(r.stages[stage] for r in rs)

    rows = [Row(f"4 import {DEPARTMENTS} submission files", best(ours_runs, "import"), best(bare_runs, "import"))]
    assert cons_row is not None
    rows.append(cons_row)
    rows.append(Row("6 Excel workbook (write_audit_workbook)", best(ours_runs, "workbook"),
                    best(bare_runs, "workbook")))
    rows.append(Row("7a report PDF (write_audit_report)", best(ours_runs, "report"), best(bare_runs, "report")))
    rows.append(Row("7b sign it twice (作成者, 承認者)", best(ours_runs, "sign"), best(bare_runs, "sign")))
    rows.append(Row("7 report PDF + 2 signatures", min(r.stages["report"] + r.stages["sign"] for r in ours_runs),
                    min(r.stages["report"] + r.stages["sign"] for r in bare_runs)))
    rows.append(Row("8 pipeline: import + workbook + signed report", min(r.total for r in ours_runs),
                    min(r.total for r in bare_runs), limit=15.0))
    sheet_rows = sum(len(r) for _t, r in cells)
    notes = [
        f"steps 4-8: best of {runs} runs, ours and bare in turn; first (cold) run of the pipeline: ours "
        f"{ours_runs[0].total:.2f} s, bare {bare_runs[0].total:.2f} s",
        f"row 4: the import into the open database; opening it (catalog, scrypt of the passphrase) best "
        f"{best(ours_runs, 'open'):.2f} s, counted in row 8",
        f"workbook: {len(cells)} sheets, {sheet_rows} rows written by both sides",
        f"report: {pages} pages; bare rebuilds its {spec.paragraphs} paragraphs and {spec.tables} tables "
        f"({spec.table_rows} rows)",
    ]
    return Results(rows, notes)


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        qdir, files = setup(tmp)
        result = pipeline_rows(tmp, qdir, files)
    print(table(result.rows))
    print("\n".join(["", *result.notes]))


if __name__ == "__main__":
    main()
