"""Exchange with others: the checklist as a CISO Assistant library, the anonymised score pack, other towns'
packs imported into the auditor's database and compared per chapter (the command line and the dashboard)."""

from __future__ import annotations

import copy
import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mizuho_audit.cli import run
from mizuho_audit.services.intake.consolidation import consolidate
from mizuho_audit.services.signing import ca
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui.dashboard import DashboardWidget
from mizuho_audit.usecases.session import Session

from .auditor_setup import AUDITOR_PASSPHRASE, build
from .ciso_library_rules import library_problems

KEY = "key-secret-1"
ROOT = Path(__file__).resolve().parent.parent
DEPARTMENTS = ("kikaku", "jumin", "zeimu", "daiichi_sho")
RATINGS = ("done", "done", "partial", "not_done", "na")


@pytest.fixture
def env(tmp_path: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("mizuho_audit.services.workspace.shipped_questionnaires_dir", lambda: mini_dir)
    monkeypatch.setenv("MIZUHO_AUDIT_PASSPHRASE", KEY)
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    return tmp_path


def _town(base: Path, mini_dir: Path, seed: int) -> Path:
    """An auditor's database whose departments answered at random (a different town for each seed)."""
    rng = random.Random(seed)
    items = ("ORG-001", "ORG-002", "NET-001", "NET-002", "HUM-001", "HUM-002")
    answers = {dep: {it: rng.choice(RATINGS) for it in items} for dep in DEPARTMENTS}
    base.mkdir()
    dept, aud = build(base, mini_dir, answers, town=base / "town")
    dept.close()
    aud.close()
    return base / "audit.db"


def _pack(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


# -- the CISO Assistant library ------------------------------------------------------------------------------
def test_the_library_loads_by_ciso_assistants_rules(tmp_path: Path) -> None:
    """`export library --year Y --out FILE.yaml` with the shipped checklist, no database."""
    out = tmp_path / "lib.yaml"
    assert run(["export", "library", "--year", "2026", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "\\u" not in text and "組織体制" in text  # Japanese as it is, readable
    doc = yaml.safe_load(text)
    assert library_problems(doc) == []
    nodes = doc["objects"]["framework"]["requirement_nodes"]
    items = [n for n in nodes if n["assessable"]]
    assert len(items) > 300 and all(n["depth"] == 3 for n in items)
    chapters = [n for n in nodes if n["depth"] == 1]
    assert [c["ref_id"] for c in chapters] == [str(i) for i in range(1, 10)] and not any(c["assessable"]
                                                                                       for c in chapters)
    org1 = next(n for n in nodes if n["ref_id"] == "ORG-001")
    assert org1["urn"] == "urn:mizuho-audit:risk:req_node:mizuho-jikotenken-2026:org-001"
    assert "CISO" in org1["description"]
    assert not list(tmp_path.glob("userdata/*.db"))  # no database made


def test_the_checker_catches_a_broken_library(tmp_path: Path) -> None:
    out = tmp_path / "lib.yaml"
    assert run(["export", "library", "--year", "2026", "--out", str(out)]) == 0
    good = yaml.safe_load(out.read_text(encoding="utf-8"))
    nodes = good["objects"]["framework"]["requirement_nodes"]

    def broken(change: Any) -> list[str]:
        doc = copy.deepcopy(good)
        change(doc, doc["objects"]["framework"]["requirement_nodes"])
        return library_problems(doc)

    assert any("missing version" in p for p in broken(lambda d, _n: d.pop("version")))
    assert any("framework: missing ref_id" in p for p in broken(lambda d, _n: d["objects"]["framework"].pop("ref_id")))
    assert any("duplicate urn" in p for p in broken(lambda _d, n: n.append(dict(n[-1]))))
    assert any("is not a node before it" in p for p in broken(lambda _d, n: n[2].update(parent_urn=n[2]["urn"] + "x")))
    assert any("depth" in p for p in broken(lambda _d, n: n[2].update(depth=2)))
    assert any("not lowercase" in p for p in broken(lambda _d, n: n[2].update(urn=n[2]["urn"].upper())))
    assert any("URN_REGEX" in p for p in broken(lambda _d, n: n[2].update(urn=n[2]["urn"] + " 組織")))
    assert any("missing urn" in p for p in broken(lambda _d, n: n[3].pop("urn")))
    assert any("no requirement_nodes" in p for p in broken(lambda _d, n: n.clear()))
    assert len(nodes) > 0


def test_a_year_without_a_checklist_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "lib.yaml"
    assert run(["export", "library", "--year", "1999", "--out", str(out)]) == 1
    assert "1999年度のチェックリストがありません" in capsys.readouterr().err and not out.exists()


# -- the score pack ------------------------------------------------------------------------------------------
def test_the_pack_has_the_dashboards_scores_and_nothing_of_the_departments(
        env: Path, mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _town(env / "a", mini_dir, 1)
    out = env / "pack.json"
    assert run(["export", "benchmark", "--db", str(db), "--year", "2026", "--out", str(out)]) == 0
    assert "署名していません" in capsys.readouterr().err  # unsigned: a warning
    raw = out.read_bytes()
    text = raw.decode("utf-8")
    assert "\\u" not in text and "瑞穂町" in text  # plain UTF-8
    pack = json.loads(text)
    ws = Workspace.open(db, shipped_dir=mini_dir, town_dir=env / "a" / "town", passphrase=AUDITOR_PASSPHRASE)
    try:
        cons = consolidate(ws, 2026)
        names = [d.name for d in ws.departments()]
        notes = [a.get("plan_content") for r in cons.results for a in r.snapshot["answers"] if a.get("plan_content")]
    finally:
        ws.close()
    assert pack["departments"] == 4 and pack["fiscal_year"] == 2026
    assert pack["total"] == round(cons.town.total.score or 0, 1)
    assert {c["id"]: c["score"] for c in pack["chapters"]} == {
        c: (None if t.score is None else round(t.score, 1)) for c, t in cons.town.chapters.items()}
    assert pack["questionnaire"]["sha256"] == cons.questionnaire.content_hash if cons.questionnaire else False
    assert sum(pack["ratings"].values()) == sum(cons.town.total.ratings.values())
    assert notes and not any(n in text for n in notes)
    assert not any(n in text for n in names) and not any(f'"{d}"' in text for d in DEPARTMENTS)
    assert not (env / "pack.json.sig").exists()


def test_a_pack_naming_a_department_is_not_written(env: Path, mini_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = _town(env / "a", mini_dir, 1)
    out = env / "pack.json"
    assert run(["export", "benchmark", "--db", str(db), "--year", "2026", "--out", str(out), "--town", "住民課"]) == 1
    err = capsys.readouterr().err
    assert "部署名「住民課」" in err and "何も書き出し" in err and not out.exists()


def _other_town(env: Path, mini_dir: Path, seed: int, town: str) -> Path:
    db = _town(env / f"t{seed}", mini_dir, seed)
    out = env / f"{town}.json"
    assert run(["export", "benchmark", "--db", str(db), "--year", "2026", "--out", str(out), "--town", town]) == 0
    return out


def test_a_pack_with_a_department_name_or_an_answer_text_is_refused(env: Path, mini_dir: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The import checks a pack against the database's own department names and answer texts."""
    own = _town(env / "own", mini_dir, 1)
    clean = _other_town(env, mini_dir, 2, "比較町")
    pack = _pack(clean)
    bad_name = env / "bad-name.json"
    bad_name.write_text(json.dumps({**pack, "town": "住民課"}, ensure_ascii=False), encoding="utf-8")
    ws = Workspace.open(own, passphrase=AUDITOR_PASSPHRASE, shipped_dir=mini_dir, town_dir=env / "own" / "town")
    try:
        plan = next(a["plan_content"] for r in consolidate(ws, 2026).results for a in r.snapshot["answers"]
                    if a.get("plan_content"))
    finally:
        ws.close()
    bad_text = env / "bad-text.json"
    pack["chapters"][0]["title"] = plan  # an answer text of this database
    bad_text.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    extra = env / "extra.json"
    extra.write_text(json.dumps({**_pack(clean), "note": "住民課の回答"}, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    for path, expected in ((bad_name, "部署名「住民課」"), (bad_text, f"回答・指摘事項の文章「{plan}」"),
                           (extra, "得点パックの形式に合いません")):
        assert run(["benchmark", "import", "--db", str(own), str(path)]) == 1
        assert expected in capsys.readouterr().err
    with sqlite3.connect(own) as conn:
        assert conn.execute("SELECT COUNT(*) FROM benchmark_packs").fetchone()[0] == 0


def test_two_towns_compare_on_the_dashboard(env: Path, mini_dir: Path, qtbot: QtBot,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Two other towns (different seeds) import into the town's database; the dashboard's comparison shows the
    median of the two, the town's percentile among them and how many towns."""
    own = _town(env / "own", mini_dir, 1)
    b, c = _other_town(env, mini_dir, 2, "比較町"), _other_town(env, mini_dir, 3, "参考村")
    capsys.readouterr()
    assert run(["benchmark", "import", "--db", str(own), str(b), str(c)]) == 0
    out = capsys.readouterr().out
    assert "比較町・2026年度、署名なし" in out and "参考村" in out
    assert run(["benchmark", "import", "--db", str(own), str(b)]) == 0  # again: skipped
    assert "取込済みのため飛ばしました" in capsys.readouterr().out
    assert run(["benchmark", "compare", "--db", str(own), "--year", "2026", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    totals = sorted(x for x in (_pack(b)["total"], _pack(c)["total"]))
    whole = table["rows"][0]
    assert whole["towns"] == 2 and whole["median"] == round((totals[0] + totals[1]) / 2, 1)
    own_total = whole["score"]
    below = sum(t < own_total for t in totals) + 0.5 * sum(t == own_total for t in totals)
    assert whole["percentile"] == round(100 * below / 2, 1)
    assert sorted(table["towns"]) == ["参考村", "比較町"]

    ws = Workspace.open(own, passphrase=AUDITOR_PASSPHRASE, shipped_dir=mini_dir, town_dir=env / "own" / "town")
    try:
        w = DashboardWidget(Session(ws))
        qtbot.addWidget(w)
        view = w.benchmark
        model = view.model
        assert w.tabs.tabText(w.tabs.indexOf(view)) == "他団体との比較"
        assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())] == [
            "章", "町の得点", "他団体の中央値", "パーセンタイル", "団体数", "前年度", "増減"]
        cells = [model.data(model.index(0, col)) for col in range(model.columnCount())]
        assert cells[1:5] == [f"{own_total:.1f}", f"{whole['median']:.1f}", f"{whole['percentile']:.1f}", "2"]
        assert "比べる団体 2" in view.summary.text() and "署名なし" in view.summary.text()
    finally:
        ws.close()


def test_a_signed_pack_is_verified_and_a_changed_one_refused(env: Path, mini_dir: Path, qtbot: QtBot,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    info = ca.init_ca(env / "ca", KEY.encode())
    ca.issue_certificate(env / "ca", KEY.encode(), name="比較 花子", title="監査担当", department="総務課",
                         out_p12=env / "signer.p12", p12_passphrase=KEY.encode())
    other = _town(env / "other", mini_dir, 2)
    out = env / "比較町.json"
    assert run(["export", "benchmark", "--db", str(other), "--year", "2026", "--out", str(out), "--town", "比較町",
                "--p12", str(env / "signer.p12")]) == 0
    sig = env / "比較町.json.sig"
    assert sig.exists() and "分離署名を書き出しました" in capsys.readouterr().out
    own = _town(env / "own", mini_dir, 1)
    changed = env / "changed" / "比較町.json"
    changed.parent.mkdir()
    text = out.read_text(encoding="utf-8")
    changed.write_text(text.replace('"departments": 4', '"departments": 5'), encoding="utf-8")
    (changed.parent / sig.name).write_bytes(sig.read_bytes())
    assert run(["benchmark", "import", "--db", str(own), str(changed)]) == 1
    assert "署名が得点パックの内容と一致しません" in capsys.readouterr().err
    assert run(["benchmark", "import", "--db", str(own), str(out)]) == 0
    assert "署名あり・発行元を信頼していません（比較 花子）" in capsys.readouterr().out  # the other town's CA
    own2 = _town(env / "own2", mini_dir, 3)
    assert run(["trust", "add", str(info.cert_path), "--db", str(own2), "--yes"]) == 0
    assert run(["benchmark", "import", "--db", str(own2), str(out)]) == 0
    assert "署名あり・検証済（比較 花子）" in capsys.readouterr().out
    ws = Workspace.open(own2, passphrase=AUDITOR_PASSPHRASE, shipped_dir=mini_dir, town_dir=env / "own2" / "town")
    try:
        w = DashboardWidget(Session(ws))
        qtbot.addWidget(w)
        assert "比較町（署名あり/検証済）" in w.benchmark.summary.text()
    finally:
        ws.close()


def test_last_years_own_pack_is_the_previous_column(env: Path, mini_dir: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    own = _town(env / "own", mini_dir, 1)
    out = env / "own-2026.json"
    assert run(["export", "benchmark", "--db", str(own), "--year", "2026", "--out", str(out)]) == 0
    last = _pack(out)
    last.update(fiscal_year=2025, total=50.0)
    for ch in last["chapters"]:
        ch["score"] = 40.0
    previous = env / "own-2025.json"
    previous.write_text(json.dumps(last, ensure_ascii=False), encoding="utf-8")
    assert run(["benchmark", "import", "--db", str(own), str(previous)]) == 0
    capsys.readouterr()
    assert run(["benchmark", "compare", "--db", str(own), "--year", "2026", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert table["previous_source"] == "pack" and table["towns"] == []
    assert table["rows"][0]["previous"] == 50.0
    assert table["rows"][0]["change"] == round(table["rows"][0]["score"] - 50.0, 1)
    assert all(r["previous"] == 40.0 for r in table["rows"][1:])


def test_a_pack_of_another_checklist_is_taken_with_a_warning(env: Path, mini_dir: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    own = _town(env / "own", mini_dir, 1)
    b = _other_town(env, mini_dir, 2, "比較町")
    pack = _pack(b)
    pack["questionnaire"]["sha256"] = "0" * 64
    b.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert run(["benchmark", "import", "--db", str(own), str(b)]) == 0
    assert "別のチェックリストで作られています" in capsys.readouterr().err
    assert run(["benchmark", "compare", "--db", str(own), "--year", "2026"]) == 0
    captured = capsys.readouterr()
    assert "比較町 の得点パックは別のチェックリスト" in captured.err and "他団体の中央値" in captured.out


def test_a_pack_changed_outside_the_app_is_found(env: Path, mini_dir: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    own = _town(env / "own", mini_dir, 1)
    b = _other_town(env, mini_dir, 2, "比較町")
    assert run(["benchmark", "import", "--db", str(own), str(b)]) == 0
    assert run(["log", "verify", "--db", str(own)]) == 0
    with sqlite3.connect(own) as conn:
        conn.execute("DROP TRIGGER benchmark_packs_no_update")
        conn.execute("UPDATE benchmark_packs SET content = CAST(REPLACE(CAST(content AS TEXT), '比較町', '他町') "
                     "AS BLOB)")
    capsys.readouterr()
    assert run(["log", "verify", "--db", str(own)]) == 1
    err = capsys.readouterr().err
    assert "得点パック" in err and "アプリの外で変更されています" in err


class _Dialogs:
    """The dialogs the comparison tab opens: the files chosen, and what it reports."""

    def __init__(self, files: list[str]) -> None:
        self.files = files
        self.shown: list[tuple[str, str, str]] = []

    def open_files(self, _parent: Any, _title: str, _filters: str) -> list[str]:
        return self.files

    def info(self, _parent: Any, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def error(self, _parent: Any, title: str, text: str, details: str = "") -> None:
        self.shown.append(("error", title, text + details))


def test_the_dashboards_button_imports_packs(env: Path, mini_dir: Path, qtbot: QtBot) -> None:
    own = _town(env / "own", mini_dir, 1)
    b = _other_town(env, mini_dir, 2, "比較町")
    bad = env / "bad.json"
    bad.write_text(json.dumps({**_pack(b), "town": "住民課"}, ensure_ascii=False), encoding="utf-8")
    ws = Workspace.open(own, passphrase=AUDITOR_PASSPHRASE, shipped_dir=mini_dir, town_dir=env / "own" / "town")
    try:
        dialogs = _Dialogs([str(b), str(bad)])
        w = DashboardWidget(Session(ws), dialogs=dialogs)  # type: ignore[arg-type]
        qtbot.addWidget(w)
        view = w.benchmark
        assert "まだ取り込まれていません" in view.summary.text() and view.model.data(view.model.index(0, 4)) == "0"
        qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
        kind, _title, text = dialogs.shown[-1]
        assert kind == "error" and "部署名「住民課」" in text and "bad.json" in text
        assert "比較町.json: 取り込みました（比較町・令和8年度、署名なし）" in text  # the good one was taken
        assert view.model.data(view.model.index(0, 4)) == "1" and "比べる団体 1" in view.summary.text()
        assert [p.town for p in ws.store.benchmark_packs()] == ["比較町"]
    finally:
        ws.close()


def test_the_dashboards_button_writes_a_signed_pack(env: Path, mini_dir: Path, qtbot: QtBot) -> None:
    ca.init_ca(env / "ca", KEY.encode())
    ca.issue_certificate(env / "ca", KEY.encode(), name="監査 一郎", title="監査担当", department="総務課",
                         out_p12=env / "signer.p12", p12_passphrase=KEY.encode())
    own = _town(env / "own", mini_dir, 1)
    out = env / "pack.json"

    class Dialogs(_Dialogs):
        def save_file(self, *_a: Any) -> str:
            return str(out)

        def open_file(self, *_a: Any) -> str:
            return str(env / "signer.p12")

        def ask_secret(self, *_a: Any) -> str:
            return KEY

    ws = Workspace.open(own, passphrase=AUDITOR_PASSPHRASE, shipped_dir=mini_dir, town_dir=env / "own" / "town")
    try:
        dialogs = Dialogs([])
        w = DashboardWidget(Session(ws), dialogs=dialogs)  # type: ignore[arg-type]
        qtbot.addWidget(w)
        qtbot.mouseClick(w.benchmark.export_button, Qt.MouseButton.LeftButton)
        assert dialogs.shown[-1][0] == "info" and "分離署名: pack.json.sig" in dialogs.shown[-1][2]
    finally:
        ws.close()
    assert _pack(out)["town"] == "瑞穂町" and (env / "pack.json.sig").exists()
