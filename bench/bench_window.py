"""The department's window: cold start, opening a ~300-item checklist, saving one answer (rows 1-3).

Run alone: ``python bench/bench_window.py`` (synthesises its own data).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_auditor import DEPARTMENTS, YEAR, setup
from common import ROOT, Row, median, percentile, table

from mizuho_audit.services.workspace import Workspace
from mizuho_audit.usecases.session import Session

HERE = Path(__file__).resolve().parent
USER = "ベンチ 太郎"
OPENED = ("d00", "d01")  # the two departments the window switches between
RATINGS = ("done", "partial", "not_done", "na")


def department_db(tmp: Path, qdir: Path) -> tuple[Path, Path]:
    """A department's database as the app finds it on a second start: two checklists about half answered,
    the user's name and the last department and 年度 remembered. Returns (data folder, database).

    The synthetic department master is installed as the town's copy in the data folder
    (``MIZUHO_AUDIT_DATA_DIR``), so the app run as a user would run it sees the 60 departments.
    """
    data = tmp / "data"
    (data / "questionnaires").mkdir(parents=True)
    shutil.copy(qdir / "departments.yaml", data / "questionnaires" / "departments.yaml")
    # The synthetic master has none of the shipped reorganisation's schools: the town's own (empty) table.
    (data / "questionnaires" / "department-changes.yaml").write_text(
        "format: mizuho-audit/department-changes@1\nchanges: []\n", encoding="utf-8")
    db = data / "mizuho-audit.db"
    ws = Workspace.open(db, town_dir=data / "questionnaires")
    try:
        ws.store.db.conn.execute("PRAGMA synchronous = OFF")  # only to seed quickly
        for dep in OPENED:
            cl = ws.checklist(dep, YEAR)
            ids = [it.id for it in cl.questionnaire.items()]
            for i, item_id in enumerate(ids[: len(ids) // 2]):
                rating = RATINGS[i % len(RATINGS)]
                ws.save(cl, item_id, "rating", rating, USER)
                ws.save(cl, item_id, "note", "規程と記録で確認した。" if rating != "na" else "", USER)
                if rating == "na":
                    ws.save(cl, item_id, "reason", "該当する業務がない。", USER)
        ws.store.set_setting("user_name", USER)
        ws.store.set_setting("last_year", str(YEAR))
        ws.store.set_setting("last_department", OPENED[0])
    finally:
        ws.close()
    return data, db


def _spawn(args: list[str], env: dict[str, str]) -> dict[str, float]:
    t0 = time.monotonic_ns()
    proc = subprocess.run([sys.executable, str(HERE / "cold_start.py"), args[0], str(t0), *args[1:]], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"cold start ({args[0]}) failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cold_start_row(data: Path, db: Path, runs: int = 5) -> tuple[Row, list[dict[str, float]]]:
    """Row 1: process start to the window painted, ours (``run_gui``) against an empty QMainWindow.

    The two are started in turn (ours, bare, ours, ...) so that the machine's noise falls on both alike.
    Each run works on a fresh copy of the database: a start writes settings and the WAL. One untimed start
    of each first: the user's second start (bytecode compiled, the validated catalog cached).
    """
    env = dict(os.environ, MIZUHO_AUDIT_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen",
               PYTHONPYCACHEPREFIX=str(data.parent / "pycache"))
    # As installed (a wheel or the Windows build ships compiled bytecode), not as a checkout run with
    # PYTHONDONTWRITEBYTECODE: the bytecode goes to a folder of the bench's own.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for warm_up in (["ours", str(db.with_name("cold-warm.db"))], ["bare"]):  # bytecode, catalog cache
        if warm_up[0] == "ours":
            shutil.copy(db, warm_up[1])
        _spawn(warm_up, env)
    ours, bare = [], []
    for i in range(runs):
        copy = db.with_name(f"cold-{i}.db")
        shutil.copy(db, copy)
        ours.append(_spawn(["ours", str(copy)], env))
        bare.append(_spawn(["bare"], env))
    best = min(ours, key=lambda m: m["painted_s"])
    row = Row("1 cold start to window painted", best["painted_s"], min(b["painted_s"] for b in bare),
              limit=1.0, note=f"best of {runs} processes each")
    return row, ours


def _app() -> object:
    from PySide6.QtWidgets import QApplication

    from mizuho_audit.app import apply_app_font, quiet_harmless_qt_messages

    app = QApplication.instance()
    if app is None:
        quiet_harmless_qt_messages()  # as run_gui does: no offscreen-platform chatter
        app = QApplication(sys.argv[:1])
        apply_app_font(app)  # the app's font for both windows, ours and bare
    return app


def checklist_row(data: Path, db: Path, runs: int = 21) -> Row:
    """Row 2: ``MainWindow.select`` of a ~300-item checklist until the first item is shown and painted,
    against a QStandardItemModel tree of the same rows set on a QTreeView (median of ``runs``)."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTreeView

    from mizuho_audit.ui.dialogs import Dialogs
    from mizuho_audit.ui.main_window import MainWindow

    app = _app()
    copy = db.with_name("window.db")
    shutil.copy(db, copy)
    os.environ["MIZUHO_AUDIT_DATA_DIR"] = str(data)
    ws = Workspace.open(copy, town_dir=data / "questionnaires")
    window = MainWindow(Session(ws), Dialogs(), user=USER)
    window.show()
    app.processEvents()  # type: ignore[attr-defined]
    questionnaires = {dep: ws.checklist(dep, YEAR).questionnaire for dep in OPENED}
    states = ("未回答", "回答済", "要改善")

    bare_window = QMainWindow()
    bare_window.resize(1280, 820)
    tree = QTreeView()
    bare_window.setCentralWidget(tree)
    bare_window.show()
    app.processEvents()  # type: ignore[attr-defined]

    def bare_open(dep: str) -> None:
        model = QStandardItemModel()
        model.setHorizontalHeaderLabels(["項目", "状態"])
        first = None
        for ch in questionnaires[dep].chapters:
            chapter = [QStandardItem(f"{ch.id} {ch.title}"), QStandardItem("")]
            for sec in ch.sections:
                section = [QStandardItem(f"{sec.id} {sec.title}"), QStandardItem("")]
                for i, it in enumerate(sec.items):
                    row = [QStandardItem(f"{it.id}  {it.question}"), QStandardItem(states[i % 3])]
                    section[0].appendRow(row)
                    first = first or row[0]
                chapter[0].appendRow(section)
            model.appendRow(chapter)
        old = tree.model()
        tree.setModel(model)
        if old is not None:
            old.deleteLater()
        tree.expandAll()
        if first is not None:
            tree.setCurrentIndex(first.index())
        app.processEvents()  # type: ignore[attr-defined]

    def ours_open(dep: str) -> None:
        window.select(dep, YEAR)
        app.processEvents()  # type: ignore[attr-defined]

    ours, bare = [], []
    try:
        for i in range(runs):
            dep = OPENED[i % 2]  # each time another department: a real switch
            t = time.perf_counter()
            ours_open(dep)
            ours.append(time.perf_counter() - t)
            assert window.current_item_id() is not None
            t = time.perf_counter()
            bare_open(dep)
            bare.append(time.perf_counter() - t)
    finally:
        window.close()
        bare_window.close()
        ws.close()
    items = sum(1 for _ in questionnaires[OPENED[0]].items())
    return Row(f"2 open a {items}-item checklist (p50)", median(ours), median(bare), unit="ms", limit=0.2,
               note=f"median of {runs}")


def save_rows(data: Path, db: Path, saves: int = 300) -> list[Row]:
    """Row 3: ``Workspace.save`` of a rating, then a note, item after item (``saves`` calls in all), against
    a raw sqlite3 UPDATE + COMMIT of a similar row in WAL + synchronous=FULL. Ours and bare alternate."""
    copy = db.with_name("save.db")
    shutil.copy(db, copy)
    ws = Workspace.open(copy, town_dir=data / "questionnaires")
    cl = ws.checklist(OPENED[0], YEAR)
    ids = [it.id for it in cl.questionnaire.items()]
    current = {k: a.rating for k, a in ws.answers(cl).items()}

    conn = sqlite3.connect(data / "bare-save.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE answers (assessment_id INTEGER, item_id TEXT, rating TEXT, note TEXT, "
                 "updated_at TEXT, updated_by TEXT, PRIMARY KEY (assessment_id, item_id))")
    conn.executemany("INSERT INTO answers VALUES (1, ?, NULL, '', '', '')", [(i,) for i in ids])

    ours, bare = [], []
    try:
        for n in range(saves):
            item_id = ids[(n // 2) % len(ids)]
            if n % 2 == 0:
                field = "rating"
                value = next(r for r in RATINGS[n // 2 % 4:] + RATINGS if r != current.get(item_id))
                current[item_id] = value
            else:
                field, value = "note", f"記録で確認した（{n}）。"
            stamp = "2026-11-01T10:00:00+09:00"
            t = time.perf_counter()
            changed = ws.save(cl, item_id, field, value, USER)
            ours.append(time.perf_counter() - t)
            assert changed, (item_id, field, value)
            t = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(f"UPDATE answers SET {field} = ?, updated_at = ?, updated_by = ? "
                         "WHERE assessment_id = 1 AND item_id = ?", [value, stamp, USER, item_id])
            conn.execute("COMMIT")
            bare.append(time.perf_counter() - t)
    finally:
        conn.close()
        ws.close()
    return [Row("3 save one answer field (p50)", percentile(ours, 50), percentile(bare, 50), unit="ms",
                note=f"{saves} saves"),
            Row("3 save one answer field (p99)", percentile(ours, 99), percentile(bare, 99), unit="ms", limit=0.010,
                note=f"{saves} saves")]


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        qdir, _files = setup(tmp)
        data, db = department_db(tmp, qdir)
        rows = [cold_start_row(data, db)[0], checklist_row(data, db), *save_rows(data, db)]
    print(f"{DEPARTMENTS} departments in the master; window on {ROOT}\n")
    print(table(rows))


if __name__ == "__main__":
    main()
