"""Benchmark: 60 synthesised departments × ~300 items imported and consolidated, against bare baselines.

Also the synthesis every other benchmark uses (:func:`setup`). Run alone: ``python bench/bench_auditor.py``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import yaml
from common import ROOT, Row, best_of, table

from mizuho_audit.services.intake.consolidation import consolidate
from mizuho_audit.services.intake.intake import import_many
from mizuho_audit.services.submission.submission import FILE_FORMAT
from mizuho_audit.services.submission.workflow import SNAPSHOT_FORMAT, snapshot_hash
from mizuho_audit.services.workspace import Workspace

DEPARTMENTS = 60
ALL_TRAITS = ["my_number", "lgwan", "internet", "runs_systems", "server_room", "owns_system", "outsourcing",
              "cloud", "sns", "website", "counter", "mobile"]
YEAR = 2026


def setup(tmp: Path) -> tuple[Path, list[Path]]:
    """The checklist folder (60 departments with every trait) and one JSON submission file per department."""
    qdir = tmp / "q"
    qdir.mkdir()
    shutil.copy(ROOT / "questionnaires" / "policy.yaml", qdir)
    shutil.copy(ROOT / "questionnaires" / "jikotenken-2026.yaml", qdir)
    master = ["format: mizuho-audit/departments@1", 'version: "bench"', "title: bench", "traits:"]
    # Every trait the shipped master defines (the checklist refers to them), the departments' ones first.
    shipped = yaml.safe_load((ROOT / "questionnaires" / "departments.yaml").read_text(encoding="utf-8"))["traits"]
    traits = dict.fromkeys([*ALL_TRAITS, "school", "assembly", "education_board", *shipped])
    master += [f"  {t}: {t}" for t in traits]
    master += ["bodies:", "  - {id: town, name: 町}", "departments:"]
    master += [f"  - {{id: d{i:02d}, name: 部署{i:02d}, body: town, traits: [{', '.join(ALL_TRAITS)}]}}"
               for i in range(DEPARTMENTS)]
    (qdir / "departments.yaml").write_text("\n".join(master) + "\n", encoding="utf-8")
    ws = Workspace.open(tmp / "seed.db", shipped_dir=qdir, town_dir=tmp / "town")
    q = ws.catalog.for_year(2026)
    assert q is not None
    files = []
    ratings = ["done", "done", "partial", "not_done", "na"]
    for i, dep in enumerate(ws.catalog.master.departments):
        cl = q.checklist_for(dep.traits)
        answers = [{"item_id": it.id, "rating": ratings[(i + j) % 5], "note": "記録で確認した。",
                    "reason": "該当なし" if ratings[(i + j) % 5] == "na" else "", "plan_content": "",
                    "plan_owner": "", "plan_due": "", "needs_review": False, "attachments": []}
                   for j, it in enumerate(cl.items())]
        snap = {"format": SNAPSHOT_FORMAT, "department": {"id": dep.id, "name": dep.name, "body": "町",
                                                          "division": ""},
                "fiscal_year": 2026, "questionnaire": {"id": q.id, "version": q.version,
                                                       "content_hash": q.content_hash, "title": q.title},
                "submission_version": 1, "approver": {"name": "課長", "title": "課長", "date": "2026-11-20"},
                "submitted_at": "2026-11-20T10:00:00+09:00", "submitted_by": "担当", "answers": answers}
        env = {"format": FILE_FORMAT, "snapshot": snap, "snapshot_hash": snapshot_hash(snap), "log_hash": "0" * 64,
               "exported_at": "2026-11-20T10:00:00+09:00"}
        f = tmp / "in" / f"{dep.id}.json"
        f.parent.mkdir(exist_ok=True)
        f.write_text(json.dumps(env, ensure_ascii=False), encoding="utf-8")
        files.append(f)
    ws.close()
    return qdir, files




def open_auditor(tmp: Path, qdir: Path, db: Path) -> Workspace:
    """A new auditor database, opened as the app opens it (catalog, scrypt of the passphrase)."""
    return Workspace.open(db, shipped_dir=qdir, town_dir=tmp / "town", role="auditor", passphrase="bench-pass")


def import_all(ws: Workspace, tmp: Path) -> Workspace:
    """Every submission imported (checked, stored, logged) into the open database."""
    results = import_many(ws, [tmp / "in"], actor="bench")
    assert all(r.outcome == "imported" for r in results), [r.message for r in results][:3]
    return ws


def ours_import(tmp: Path, qdir: Path, db: Path) -> Workspace:
    """A new auditor database with every submission imported (checked, stored, logged); left open."""
    return import_all(open_auditor(tmp, qdir, db), tmp)


def bare_import(files: list[Path], db: Path) -> None:
    """``json.loads`` of each file and one INSERT + COMMIT per file, WAL + synchronous=FULL."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, dep TEXT, snapshot TEXT, sha TEXT)")
    for f in files:
        raw = f.read_bytes()
        data = json.loads(raw)
        conn.execute("BEGIN")
        conn.execute("INSERT INTO r (dep, snapshot, sha) VALUES (?, ?, ?)",
                     [data["snapshot"]["department"]["id"], json.dumps(data["snapshot"]),
                      hashlib.sha256(raw).hexdigest()])
        conn.execute("COMMIT")
    conn.close()


def consolidation_row(ws: Workspace, runs: int = 3) -> Row:
    """Step 5: ``consolidate`` against a fair plain-Python baseline on the same stored data: read the current
    snapshots from the database, ``json.loads`` each, and sum weight × value per department, per chapter and for
    the town (a dict lookup per answer)."""
    q = ws.catalog.for_year(YEAR)
    assert q is not None
    weights = {it.id: float(q.weights[it.importance]) for it in q.items()}
    chapter_of = {it.id: ch.id for ch in q.chapters for it in ch.items()}
    values = {o.key: o.score for o in q.scale}
    conn = ws.store.db.conn

    def bare_cons() -> dict[str, tuple[float, float]]:
        rows = conn.execute("SELECT department_id, snapshot FROM received_submissions WHERE fiscal_year = ? AND "
                            "superseded_by IS NULL", [YEAR]).fetchall()
        sums: dict[str, tuple[float, float]] = {}
        town_points = town_weight = 0.0
        for dep, text in rows:
            snap = json.loads(text)
            points = weight = 0.0
            chapters: dict[str, list[float]] = {}
            for a in snap["answers"]:
                v = values[a["rating"]]
                if v is not None:
                    w = weights[a["item_id"]]
                    points += w * v
                    weight += w
                    tally = chapters.setdefault(chapter_of[a["item_id"]], [0.0, 0.0])
                    tally[0] += w * v
                    tally[1] += w
            sums[dep] = (points, weight)
            sums.update({f"{dep}/{c}": (t[0], t[1]) for c, t in chapters.items()})
            town_points += points
            town_weight += weight
        sums["town"] = (town_points, town_weight)
        return sums

    t_ours = t_bare = float("inf")
    for _ in range(runs):  # in turn
        t_ours = min(t_ours, best_of(1, lambda: consolidate(ws, YEAR)))
        t_bare = min(t_bare, best_of(1, bare_cons))
    return Row(f"5 consolidate {DEPARTMENTS} × ~300 answers", t_ours, t_bare, unit="ms")


def answer_count(files: list[Path]) -> int:
    return sum(len(json.loads(f.read_text(encoding="utf-8"))["snapshot"]["answers"]) for f in files)


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        qdir, files = setup(tmp)
        runs = [0]

        def ours() -> None:
            runs[0] += 1
            ours_import(tmp, qdir, tmp / f"a{runs[0]}.db").close()

        def bare() -> None:
            runs[0] += 1
            bare_import(files, tmp / f"b{runs[0]}.db")

        rows = [Row(f"4 import {DEPARTMENTS} submission files", best_of(3, ours), best_of(3, bare))]
        ws = ours_import(tmp, qdir, tmp / "final.db")
        try:
            rows.append(consolidation_row(ws))
        finally:
            ws.close()
        items = answer_count(files)
    print(f"{DEPARTMENTS} departments, {items} answers in all (~{items // DEPARTMENTS} per department)\n")
    print(table(rows))


if __name__ == "__main__":
    main()
