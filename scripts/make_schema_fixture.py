"""Freeze a database of a schema version under tests/fixtures/ (run once per release).

``python scripts/make_schema_fixture.py [VERSION]`` (default: the current version) builds the database
with only the migrations up to VERSION.

The fixture holds the small test checklist and a few answers, so the migration tests can check
that a user's answers survive every later schema change.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from mizuho_audit.services.workspace import Workspace
from mizuho_audit.storage import migrations

version = int(sys.argv[1]) if len(sys.argv) > 1 else migrations.SCHEMA_VERSION
migrations.MIGRATIONS = migrations.MIGRATIONS[:version]
migrations.SCHEMA_VERSION = version

ROOT = Path(__file__).resolve().parent.parent
out = ROOT / "tests" / "fixtures" / f"schema_v{version}.db"
with tempfile.TemporaryDirectory() as tmp:
    q = Path(tmp) / "q"
    q.mkdir()
    for f in ("questionnaires/policy.yaml", "questionnaires/departments.yaml", "tests/fixtures/mini/mini-2026.yaml"):
        shutil.copy(ROOT / f, q)
    db = Path(tmp) / "fixture.db"
    ws = Workspace.open(db, shipped_dir=q, town_dir=Path(tmp) / "town", now="2026-10-01T09:00:00+09:00")
    cl = ws.checklist("jumin", 2026, now="2026-10-01T09:00:00+09:00")
    ws.save(cl, "ORG-001", "rating", "done", "瑞穂 太郎", now="2026-10-01T09:01:00+09:00")
    ws.save(cl, "ORG-001", "note", "掲示を確認した。", "瑞穂 太郎", now="2026-10-01T09:02:00+09:00")
    ws.save(cl, "NET-001", "rating", "partial", "瑞穂 太郎", now="2026-10-01T09:03:00+09:00")
    ws.save(cl, "NET-001", "plan_content", "残りの端末に設定する。", "瑞穂 太郎", now="2026-10-01T09:04:00+09:00")
    ws.save(cl, "NET-001", "plan_due", "2027-03-31", "瑞穂 太郎", now="2026-10-01T09:05:00+09:00")
    ws.close()
    # One self-contained file (no -wal beside it).
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    shutil.copy(db, out)
print(out)
