"""Rows ``city 300 departments``: a city-sized body (~500,000 people with its schools) through the auditor's
pipeline, at 60, 150 and 300 departments.

Each department answers every item that applies to its traits (not only the year's rotation: the submissions
record no rotation, so the whole checklist for the traits is asked and checked). Four kinds of department take
turns: offices with every trait, counters, schools and small offices, so the checklists differ (~150-292
items). The city is built directly as JSON submissions (signing 300 PDFs would take minutes; the signed
import has its own row), then, in a child process per size: ``import_many`` into a new auditor database,
``consolidate``, ``write_audit_workbook``, ``write_audit_report`` and two signatures (作成者, 承認者) with a local
CA's certificates and its CRL. The child's peak memory is its ``ru_maxrss``.

Targets (the issue): the pipeline at 300 departments under 30 s (wall time); growth linear (the pipeline and
each step at 300 at most 2.3× their time at 150, in CPU time of the child: on this shared machine the wall
time of one step can double with the load of other jobs, which would hide or fake a growth); peak memory under
500 MB. Run alone: ``python bench/bench_city.py``.
"""

from __future__ import annotations

import gc
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from bench_auditor import ALL_TRAITS, YEAR
from common import ROOT, Row, table

SIZES = (60, 150, 300)
LINEAR = 2.3  # time(300) / time(150) at most this (2.0 is linear)
PIPELINE_LIMIT = 30.0  # seconds at 300 departments
MEMORY_LIMIT_MB = 500.0
STEPS = ("import", "consolidate", "workbook", "report", "sign")
PROFILES = (  # the kinds of department, in turn
    ALL_TRAITS,
    ["my_number", "lgwan", "internet", "counter", "mobile", "outsourcing"],
    ["school", "internet", "mobile", "sns", "website"],
    ["lgwan", "internet"],
)
CA_PASS = b"bench-city-ca"


class CityRow(Row):
    """A row whose reference is the same step at 150 departments (growth), not a bare library."""

    def target(self) -> str:
        ratio = f"≤{self.max_ratio:g}× the 150 run"
        if self.limit is None:
            return ratio
        limit = f"<{self.limit:g} MB" if self.unit == "MB" else f"<{self.limit:g} s"
        return limit if self.max_ratio == float("inf") else f"{limit} & {ratio}"


def city(tmp: Path, n: int) -> tuple[Path, Path]:
    """The checklist folder with a master of ``n`` departments, and a folder of one JSON submission each."""
    from mizuho_audit.services.submission.submission import FILE_FORMAT
    from mizuho_audit.services.submission.workflow import SNAPSHOT_FORMAT, snapshot_hash
    from mizuho_audit.services.workspace import Workspace

    qdir = tmp / "q"
    qdir.mkdir()
    shutil.copy(ROOT / "questionnaires" / "policy.yaml", qdir)
    shutil.copy(ROOT / "questionnaires" / "jikotenken-2026.yaml", qdir)
    shipped = yaml.safe_load((ROOT / "questionnaires" / "departments.yaml").read_text(encoding="utf-8"))["traits"]
    traits = dict.fromkeys([*ALL_TRAITS, "school", "assembly", "education_board", *shipped])
    master = ["format: mizuho-audit/departments@1", 'version: "city"', "title: city", "traits:"]
    master += [f"  {t}: {t}" for t in traits]
    master += ["bodies:", "  - {id: city, name: 市}", "departments:"]
    master += [f"  - {{id: c{i:03d}, name: 部署{i:03d}, body: city, traits: [{', '.join(PROFILES[i % 4])}]}}"
               for i in range(n)]
    (qdir / "departments.yaml").write_text("\n".join(master) + "\n", encoding="utf-8")
    ws = Workspace.open(tmp / "seed.db", shipped_dir=qdir, town_dir=tmp / "town")
    q = ws.catalog.for_year(YEAR)
    assert q is not None
    inbox = tmp / "in"
    inbox.mkdir()
    ratings = ["done", "done", "partial", "not_done", "na", "done"]
    for i, dep in enumerate(ws.catalog.master.departments):
        answers = []
        for j, it in enumerate(q.checklist_for(dep.traits).items()):
            rating = ratings[(i + j) % len(ratings)]
            plan = rating in ("partial", "not_done")
            answers.append({"item_id": it.id, "rating": rating, "note": "記録で確認した。",
                            "reason": "該当なし" if rating == "na" else "",
                            "plan_content": "手順を見直す。" if plan else "", "plan_owner": "係長" if plan else "",
                            "plan_due": f"{YEAR + 1}-03-31" if plan else "", "needs_review": False,
                            "attachments": []})
        snap = {"format": SNAPSHOT_FORMAT, "department": {"id": dep.id, "name": dep.name, "body": "市",
                                                          "division": ""},
                "fiscal_year": YEAR, "questionnaire": {"id": q.id, "version": q.version,
                                                       "content_hash": q.content_hash, "title": q.title},
                "submission_version": 1, "approver": {"name": "課長", "title": "課長", "date": "2026-11-20"},
                "submitted_at": "2026-11-20T10:00:00+09:00", "submitted_by": "担当", "answers": answers}
        env = {"format": FILE_FORMAT, "snapshot": snap, "snapshot_hash": snapshot_hash(snap),
               "log_hash": "0" * 64, "exported_at": "2026-11-20T10:00:00+09:00"}
        (inbox / f"{dep.id}.json").write_text(json.dumps(env, ensure_ascii=False), encoding="utf-8")
    ws.close()
    return qdir, inbox


def child(n: int, tmp: Path) -> dict[str, float]:
    """One city of ``n`` departments through the pipeline (in this process); times, pages and peak memory."""
    from mizuho_audit.services.intake.consolidation import consolidate
    from mizuho_audit.services.intake.intake import import_many
    from mizuho_audit.services.reports.audit_report import APPROVER_FIELD, AUTHOR_FIELD, write_audit_report
    from mizuho_audit.services.reports.excel_report import write_audit_workbook
    from mizuho_audit.services.signing import ca
    from mizuho_audit.services.signing.signing import sign_pdf
    from mizuho_audit.services.workspace import Workspace

    qdir, inbox = city(tmp, n)
    ca.init_ca(tmp / "ca", CA_PASS)
    p12 = {}
    for field_name, person in ((AUTHOR_FIELD, "瑞穂 太郎"), (APPROVER_FIELD, "瑞穂 花子")):
        p12[field_name] = tmp / f"{person}.p12"
        ca.issue_certificate(tmp / "ca", CA_PASS, name=person, title="監査担当", department="総務課",
                             out_p12=p12[field_name], p12_passphrase=None)
    times: dict[str, float] = {}

    def timed(step: str, fn: object) -> object:
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()  # type: ignore[operator]
        times[step] = time.perf_counter() - start
        times[f"{step}_cpu"] = time.process_time() - cpu
        return result

    ws = Workspace.open(tmp / "auditor.db", shipped_dir=qdir, town_dir=tmp / "town", role="auditor",
                        passphrase="city-pass")
    try:
        results = timed("import", lambda: import_many(ws, [inbox], actor="bench"))
        assert all(r.outcome == "imported" for r in results), [r.message for r in results][:3]  # type: ignore[attr-defined]
        cons = timed("consolidate", lambda: consolidate(ws, YEAR))
        assert len(cons.results) == n  # type: ignore[attr-defined]
        timed("workbook", lambda: write_audit_workbook(ws, YEAR, tmp / "city.xlsx", actor="bench"))
        timed("report", lambda: write_audit_report(ws, YEAR, tmp / "city.pdf", actor="bench", author="瑞穂 太郎",
                                                   reviewer="瑞穂 次郎", approver="瑞穂 花子"))

        def sign() -> bytes:
            pdf = (tmp / "city.pdf").read_bytes()
            for field_name, reason in ((AUTHOR_FIELD, "作成"), (APPROVER_FIELD, "承認")):
                pdf = sign_pdf(pdf, p12[field_name], None, field_name=field_name, reason=reason,
                               crls=[tmp / "ca" / ca.CRL])
            (tmp / "city-signed.pdf").write_bytes(pdf)
            return pdf

        signed = timed("sign", sign)
    finally:
        ws.close()
    pdf = bytes(signed)  # type: ignore[call-overload]
    times["pages"] = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    times["answers"] = sum(len(json.loads(f.read_text(encoding="utf-8"))["snapshot"]["answers"])
                           for f in inbox.iterdir())
    times["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return times


def run_size(n: int, tmp: Path) -> dict[str, float]:
    folder = tmp / f"city-{n}"
    folder.mkdir()
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(n), str(folder)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"city of {n}: {out.stderr[-2000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    shutil.rmtree(folder, ignore_errors=True)
    return result


def city_rows(tmp: Path) -> tuple[list[Row], list[str]]:
    runs = {n: run_size(n, tmp) for n in SIZES}
    big, mid = runs[SIZES[-1]], runs[SIZES[-2]]

    def pipeline(r: dict[str, float], suffix: str = "") -> float:
        return sum(r[s + suffix] for s in STEPS)

    rows: list[Row] = [CityRow(f"city {SIZES[-1]} departments: pipeline", pipeline(big), pipeline(mid),
                               limit=PIPELINE_LIMIT, max_ratio=float("inf"))]
    rows.append(CityRow(f"city {SIZES[-1]} departments: growth of the pipeline (CPU)", pipeline(big, "_cpu"),
                        pipeline(mid, "_cpu"), max_ratio=LINEAR))
    rows += [CityRow(f"city {SIZES[-1]} departments: {step} (CPU)", big[f"{step}_cpu"], mid[f"{step}_cpu"],
                     max_ratio=LINEAR) for step in STEPS]
    rows.append(CityRow(f"city {SIZES[-1]} departments: peak memory", big["maxrss_mb"], mid["maxrss_mb"],
                        unit="MB", limit=MEMORY_LIMIT_MB, max_ratio=float("inf")))
    lo, hi = SIZES[0], SIZES[-1]
    slope = (pipeline(big) - pipeline(mid)) / (hi - SIZES[-2])
    slope_cpu = (pipeline(big, "_cpu") - pipeline(mid, "_cpu")) / (hi - SIZES[-2])
    notes = ["city: " + "; ".join(
        f"{n} departments ({runs[n]['answers']:.0f} answers): pipeline {pipeline(runs[n]):.1f} s ("
        + ", ".join(f"{s} {runs[n][s]:.2f}" for s in STEPS) + f"), report {runs[n]['pages']:.0f} pages, "
        f"peak {runs[n]['maxrss_mb']:.0f} MB" for n in SIZES),
        f"city: slope {slope * 1000:.0f} ms per department wall, {slope_cpu * 1000:.0f} ms CPU ({SIZES[-2]} → {hi}; "
        f"at {lo} the report still has the departments' own pages); CPU time of the pipeline "
        + ", ".join(f"{n}: {pipeline(runs[n], '_cpu'):.1f} s" for n in SIZES)
        + f" (300/150 {pipeline(big, '_cpu') / pipeline(mid, '_cpu'):.2f}, 150/60 "
        f"{pipeline(mid, '_cpu') / pipeline(runs[lo], '_cpu'):.2f}); the pipeline row is wall time, the growth "
        "rows CPU time (the machine is shared: wall time at one size can double with the load)"]
    return rows, notes


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]), Path(sys.argv[3]))))
        return
    with tempfile.TemporaryDirectory(prefix="mizuho-bench-") as t:
        rows, notes = city_rows(Path(t))
    print(table(rows))
    print("\n" + "\n".join(f"- {n}" for n in notes))


if __name__ == "__main__":
    main()
