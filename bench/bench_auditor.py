"""Benchmark: 60 synthesised departments × ~300 items imported and consolidated, against bare baselines."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mizuho_audit.services.consolidation import consolidate  # noqa: E402
from mizuho_audit.services.intake import import_many  # noqa: E402
from mizuho_audit.services.submission import FILE_FORMAT  # noqa: E402
from mizuho_audit.services.workflow import SNAPSHOT_FORMAT, snapshot_hash  # noqa: E402
from mizuho_audit.services.workspace import Workspace  # noqa: E402

DEPARTMENTS = 60
ALL_TRAITS = ["my_number", "lgwan", "internet", "runs_systems", "server_room", "owns_system", "outsourcing",
              "cloud", "sns", "website", "counter", "mobile"]


def best_of(n: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def setup(tmp: Path) -> tuple[Path, list[Path]]:
    qdir = tmp / "q"
    qdir.mkdir()
    shutil.copy(ROOT / "questionnaires" / "policy.yaml", qdir)
    shutil.copy(ROOT / "questionnaires" / "jikotenken-2026.yaml", qdir)
    master = ["format: mizuho-audit/departments@1", 'version: "bench"', "title: bench", "traits:"]
    master += [f"  {t}: {t}" for t in [*ALL_TRAITS, "school", "assembly", "education_board"]]
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


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        qdir, files = setup(tmp)
        items = sum(len(json.loads(f.read_text(encoding="utf-8"))["snapshot"]["answers"]) for f in files)
        run = [0]

        def ours_import() -> Workspace:
            run[0] += 1
            ws = Workspace.open(tmp / f"a{run[0]}.db", shipped_dir=qdir, town_dir=tmp / "town", role="auditor",
                                passphrase="bench-pass")
            results = import_many(ws, [tmp / "in"], actor="bench")
            assert all(r.outcome == "imported" for r in results), [r.message for r in results][:3]
            return ws

        def bare_import() -> None:
            run[0] += 1
            conn = sqlite3.connect(tmp / f"b{run[0]}.db", isolation_level=None)
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

        t_ours_import = best_of(3, ours_import)
        t_bare_import = best_of(3, bare_import)
        ws = ours_import()
        t_ours_cons = best_of(3, lambda: consolidate(ws, 2026))
        q = ws.catalog.for_year(2026)
        assert q is not None
        weights = {it.id: q.weights[it.importance] for it in q.items()}
        values = {o.key: o.score for o in q.scale}
        snaps = [json.loads(r.snapshot) for r in ws.store.received(2026)]

        def bare_cons() -> float:
            total = weight = 0.0
            for s in snaps:
                for a in s["answers"]:
                    v = values[a["rating"]]
                    if v is not None:
                        total += weights[a["item_id"]] * v
                        weight += weights[a["item_id"]]
            return 100 * total / weight

        t_bare_cons = best_of(3, bare_cons)
        ws.close()
    print(f"{DEPARTMENTS} departments, {items} answers in all (~{items // DEPARTMENTS} per department)\n")
    print(f"| {'step':<44} | {'ours (s)':>9} | {'bare (s)':>9} | {'ratio':>6} |")
    print(f"|{'-' * 46}|{'-' * 11}|{'-' * 11}|{'-' * 8}|")
    for name, ours, bare in (("import (check, store, log) every submission", t_ours_import, t_bare_import),
                             ("consolidate (all scores, heat map)", t_ours_cons, t_bare_cons)):
        print(f"| {name:<44} | {ours:9.3f} | {bare:9.3f} | {ours / bare:6.1f} |")


if __name__ == "__main__":
    main()
