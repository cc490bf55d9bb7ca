"""Every benchmark on one synthesised town (60 departments × ~300 items), printed as one table.

``bash bench/run.sh`` runs this file. Each row is ours against the bare library doing the same work in the same
run (see README.md); the last column checks the row's targets.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from bench_auditor import DEPARTMENTS, answer_count, setup
from bench_city import city_rows
from bench_city_window import city_window_rows
from bench_demo import demo_rows
from bench_import import signed_import_row
from bench_pages import pages_row
from bench_reports import pipeline_rows
from bench_window import checklist_row, cold_start_row, department_db, save_rows
from common import machine_note, table


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mizuho-bench-") as t:
        tmp = Path(t)
        qdir, files = setup(tmp)
        items = answer_count(files)
        data, db = department_db(tmp, qdir)
        cold, cold_runs = cold_start_row(data, db)
        rows = [cold, checklist_row(data, db), *save_rows(data, db)]
        reports = pipeline_rows(tmp, qdir, files)
        rows += reports.rows
        pages, pages_note = pages_row(tmp, qdir, files)
        rows.append(pages)
        signed, signed_note = signed_import_row(tmp, qdir, files)  # import of signed PDFs, the city (issue 19)
        city, city_notes = city_rows(tmp)
        rows += [signed, *city]
        demo, demo_note = demo_rows(tmp)  # issue 19: the demo, one export, the city's window
        city_window, city_window_note = city_window_rows(tmp)
        rows += demo + city_window
    shown = min(r["shown_s"] for r in cold_runs)
    print(f"mizuho-audit benchmarks, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {machine_note()}")
    print(f"{DEPARTMENTS} departments, {items} answers (~{items // DEPARTMENTS} per department)\n")
    print(table(rows))
    notes = [f"{cold.note}; window shown (before its first paint) at best {shown:.2f} s",
             f"{rows[1].note} switches between two departments; saves: {rows[2].note}, rating and note in turn",
             *reports.notes, pages_note, signed_note, *city_notes, demo_note, city_window_note,
             f"whole run {time.perf_counter() - started:.0f} s"]
    print("\n" + "\n".join(f"- {n}" for n in notes))
    failed = [r.step for r in rows if r.failures]
    print(f"\n{len(rows) - len(failed)} of {len(rows)} rows meet their targets"
          + (f"; missed: {', '.join(failed)}" if failed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
