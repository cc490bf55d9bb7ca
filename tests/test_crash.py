"""Killed with kill -9 while saving: every acknowledged answer is still there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from mizuho_audit.services.workspace import Workspace

WRITER = r"""
import sys
from pathlib import Path
from mizuho_audit.services.workspace import Workspace
db, qdir = Path(sys.argv[1]), Path(sys.argv[2])
ws = Workspace.open(db, shipped_dir=qdir, town_dir=db.parent / "town")
cl = ws.checklist("jumin", 2026)
items = [it.id for it in cl.questionnaire.items()]
ratings = ["done", "partial", "not_done", "na"]
n = 0
while True:
    item = items[n % len(items)]
    ws.save(cl, item, "note", f"round {n}", "瑞穂 太郎")
    ws.save(cl, item, "rating", ratings[n % 4], "瑞穂 太郎")
    print(f"ACK {n} {item}", flush=True)
    n += 1
"""


def test_no_acknowledged_answer_is_lost(tmp_path: Path, mini_dir: Path) -> None:
    db = tmp_path / "crash.db"
    for round_ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(mini_dir)],
                                stdout=subprocess.PIPE, text=True, env={**os.environ})
        acked: dict[str, tuple[int, str]] = {}
        assert proc.stdout is not None
        for line in proc.stdout:
            _, n, item = line.split()
            acked[item] = (int(n), f"round {n}")
            if int(n) >= 25 + 10 * round_:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        ws = Workspace.open(db, shipped_dir=mini_dir, town_dir=tmp_path / "town")
        assert ws.store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        answers = ws.answers(ws.checklist("jumin", 2026))
        for item, (n, note) in acked.items():
            # The writer may have saved once more after its last ACK, never less.
            saved_round = int(answers[item].note.split()[1])
            assert saved_round >= n, (item, note, answers[item].note)
        ws.close()
