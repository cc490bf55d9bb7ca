"""OSCAL: the checklist as a catalog and the 年度's results as assessment-results, both loaded with
compliance-trestle's OSCAL models; an OSCAL catalog taken in as the start of a town's own checklist."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from trestle.oscal.assessment_results import Model as ResultsModel
from trestle.oscal.catalog import Model as CatalogModel

from mizuho_audit.cli import run
from mizuho_audit.paths import town_questionnaires_dir
from mizuho_audit.questionnaires.catalog import load_catalog
from mizuho_audit.services.findings import findings
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.usecases import reports
from mizuho_audit.usecases.session import Session

from .auditor_setup import AUDITOR_PASSPHRASE, build
from .conftest import SHIPPED


@pytest.fixture
def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    out = tmp_path / "jikotenken-2026.json"
    assert run(["export", "oscal", "catalog", "--year", "2026", "--out", str(out)]) == 0
    assert "OSCAL カタログを書き出しました" in capsys.readouterr().out
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_the_catalog_loads_into_trestles_model(exported: dict[str, Any]) -> None:
    model = CatalogModel.parse_obj(exported)
    catalog = model.catalog
    q = load_catalog(SHIPPED).for_year(2026)
    assert q is not None
    assert catalog.metadata.oscal_version.__root__ == "1.1.2" and catalog.metadata.version == "2026.1"
    assert len(catalog.groups) == len(q.chapters) == 9
    controls = [c for g in catalog.groups for c in g.controls]
    assert [c.id for c in controls] == [it.id for it in q.items()] and len(controls) == 316
    first = controls[0]
    parts = {p.name: p for p in first.parts}
    assert parts["statement"].prose == q.item("ORG-001").question
    criteria = [p.prose for p in parts["assessment-objective"].parts]
    assert criteria == [q.item("ORG-001").criteria_done, q.item("ORG-001").criteria_partial]
    assert [p.prose for p in parts["evidence"].parts] == list(q.item("ORG-001").evidence)
    assert {p.name: p.value for p in first.props}["section"] == "1.1"
    # A mapped item links to its ISO control, and the link resolves to a back-matter resource naming it.
    phy = next(c for c in controls if c.id == "PHY-012")
    iso = next(link for link in phy.links if link.text == "ISO/IEC 27001 A.7.2")
    resource = next(r for r in catalog.back_matter.resources if f"#{r.uuid}" == iso.href)
    assert "Physical entry" in resource.title and {p.name: p.value for p in resource.props} == {
        "framework": "iso27001", "reference-id": "A.7.2"}


def test_trestle_refuses_what_is_not_oscal(exported: dict[str, Any]) -> None:
    """The check above can fail: a control without its id, or a group id that is not a token, is refused."""
    from pydantic.v1 import ValidationError

    broken = json.loads(json.dumps(exported))
    del broken["catalog"]["groups"][0]["controls"][0]["id"]
    with pytest.raises(ValidationError):
        CatalogModel.parse_obj(broken)
    broken = json.loads(json.dumps(exported))
    broken["catalog"]["groups"][0]["id"] = "1"
    with pytest.raises(ValidationError):
        CatalogModel.parse_obj(broken)


def test_export_again_gives_the_same_ids(exported: dict[str, Any], tmp_path: Path) -> None:
    again = tmp_path / "again.json"
    assert run(["export", "oscal", "catalog", "--year", "2026", "--out", str(again)]) == 0
    second = json.loads(again.read_text(encoding="utf-8"))
    for doc in (exported, second):
        doc["catalog"]["metadata"].pop("last-modified")
    assert second == exported


def test_no_checklist_for_the_year_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "none.json"
    assert run(["export", "oscal", "catalog", "--year", "2031", "--out", str(out)]) == 1
    assert "2031年度のチェックリストがありません" in capsys.readouterr().err and not out.exists()


def _as_new_version(exported: dict[str, Any], path: Path, version: str = "2026.2") -> Path:
    exported["catalog"]["metadata"]["version"] = version
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    return path


def test_round_trip_export_import_gives_the_same_items(exported: dict[str, Any], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    src = _as_new_version(exported, tmp_path / "own.json")
    assert run(["questionnaire", "validate", str(src)]) == 0
    assert "問題はありません（1 ファイル）" in capsys.readouterr().out
    assert run(["questionnaire", "import", str(src)]) == 0
    out = capsys.readouterr().out
    assert "OSCAL カタログからチェックリスト「令和8年度 情報セキュリティ自己点検チェックリスト」" \
           "（版 2026.2、316 項目、参照のある項目 316）を取り込みました" in out
    town = town_questionnaires_dir()
    assert (town / "mizuho-jikotenken-2026.2.yaml").is_file()
    assert (town / "crosswalk-mizuho-jikotenken-2026.2.yaml").is_file()
    catalog = load_catalog(SHIPPED, town)
    original, imported = catalog.find("mizuho-jikotenken", "2026.1"), catalog.find("mizuho-jikotenken", "2026.2")
    assert original is not None and imported is not None
    assert list(imported.items()) == list(original.items())
    assert [(c.id, c.title, [(s.id, s.title) for s in c.sections]) for c in imported.chapters] == \
        [(c.id, c.title, [(s.id, s.title) for s in c.sections]) for c in original.chapters]
    assert imported.references == original.references
    assert imported.scale == original.scale and imported.rotation_groups == original.rotation_groups
    assert run(["questionnaire", "validate"]) == 0


def test_a_broken_catalog_is_refused_and_nothing_installed(exported: dict[str, Any], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    control = exported["catalog"]["groups"][0]["controls"][1]
    control["parts"] = [p for p in control["parts"] if p["name"] != "assessment-objective"]
    control["props"] = [p for p in control["props"] if p["name"] != "clause"]
    src = _as_new_version(exported, tmp_path / "broken.json")
    for command in ("validate", "import"):  # validate says before import what import would refuse
        assert run(["questionnaire", command, str(src)]) == 1
        err = capsys.readouterr().err
        assert f"{src}: 項目 ORG-002 の 「clause」: 必須の「clause」がありません。" in err
        assert "項目 ORG-002 の 「done」: 必須の「done」がありません。" in err
    not_json = tmp_path / "notes.json"
    not_json.write_text("{\"catalog\": [", encoding="utf-8")
    assert run(["questionnaire", "import", str(not_json)]) == 1
    assert "JSON の書き方に誤りがあります" in capsys.readouterr().err
    other = tmp_path / "profile.json"
    other.write_text(json.dumps({"profile": {}}), encoding="utf-8")
    assert run(["questionnaire", "import", str(other)]) == 1
    assert "OSCAL のカタログ" in capsys.readouterr().err
    town = town_questionnaires_dir()
    assert not town.exists() or not list(town.iterdir())


@pytest.fixture
def desk(tmp_path: Path, mini_dir: Path) -> Iterator[Workspace]:
    dept, aud = build(tmp_path, mini_dir, {
        "jumin": {"ORG-001": "partial", "NET-001": "not_done", "ORG-002": "na"},
        "zeimu": {"ORG-001": "partial", "NET-001": "partial"},
        "kosodate": {"HUM-001": "not_done"},
    })
    assert findings.propose(aud, 2026, "監査 一郎")
    for f in aud.store.findings(2026):
        aud.store.update_finding(f.id, {"confirmed": 1}, actor="監査 一郎")
    yield aud
    dept.close()
    aud.close()


def test_the_results_load_into_trestles_model(desk: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    written, departments = reports.write_oscal_results(Session(desk, "監査 一郎"), 2026, out)
    assert written == out and departments == 3
    model = ResultsModel.parse_obj(json.loads(out.read_text(encoding="utf-8")))
    results = {r.title: r for r in model.assessment_results.results}
    assert set(results) == {"住民課の自己点検（2026年度）", "税務課の自己点検（2026年度）",
                            "子育て応援課の自己点検（2026年度）"}
    jumin = results["住民課の自己点検（2026年度）"]
    asked = [c.control_id for c in jumin.reviewed_controls.control_selections[0].include_controls]
    observed = {next(p.value for p in o.props if p.name == "item-id"): o for o in jumin.observations}
    assert set(observed) == set(asked)
    assert observed["ORG-001"].title == "ORG-001 一部実施している"
    na = observed["ORG-002"].description
    assert na.startswith("評価: 該当しない") and "該当しない理由: 該当なし" in na
    judged = {f.target.target_id: f.target.status.state.value for f in jumin.findings
              if not f.title.startswith("指摘事項")}
    assert judged["NET-001_smt"] == "not-satisfied" and judged["ORG-001_smt"] == "not-satisfied"
    assert judged["HUM-001_smt"] == "satisfied"
    assert "ORG-002_smt" not in judged  # 該当しない: observed, not judged
    audit = [f for f in jumin.findings if f.title.startswith("指摘事項")]
    assert audit and all(f.target.status.state.value == "not-satisfied" for f in audit)
    assert desk.store.log_entries()[-1].action == "oscal_exported"


def test_the_results_command_and_a_year_without_submissions(desk: Workspace, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "audit.db"  # the auditor's database of the desk
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    out = tmp_path / "結果.json"
    assert run(["export", "oscal", "results", "--db", str(db), "--year", "2026", "--out", str(out)]) == 0
    assert "OSCAL の評価結果を書き出しました" in capsys.readouterr().out
    first = json.loads(out.read_text(encoding="utf-8"))
    ResultsModel.parse_obj(first)
    assert "\\u" not in out.read_text(encoding="utf-8")  # Japanese as it is
    assert run(["export", "oscal", "results", "--db", str(db), "--year", "2026", "--out", str(out)]) == 0
    again = json.loads(out.read_text(encoding="utf-8"))
    assert [r["uuid"] for r in again["assessment-results"]["results"]] == \
        [r["uuid"] for r in first["assessment-results"]["results"]]
    empty = tmp_path / "2025.json"
    assert run(["export", "oscal", "results", "--db", str(db), "--year", "2025", "--out", str(empty)]) == 1
    assert "2025年度に取り込んだ提出がありません" in capsys.readouterr().err and not empty.exists()


def test_the_auditor_window_exports_both_from_the_report_menu(desk: Workspace, tmp_path: Path, qtbot: Any) -> None:
    from mizuho_audit.ui.auditor_window import AuditorWindow

    from .test_auditor_window import AuditorDialogs

    dialogs = AuditorDialogs()
    w = AuditorWindow(Session(desk), dialogs, user="監査 一郎")
    qtbot.addWidget(w)
    menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "報告(&R)")
    texts = [a.text() for a in menu.actions()]
    assert "チェックリストを OSCAL カタログで書き出す(&O)…" in texts and "監査結果を OSCAL で書き出す(&A)…" in texts
    dialogs.save_path = str(tmp_path / "catalog.json")
    assert w.reports.oscal.export_catalog() == tmp_path / "catalog.json"
    catalog = CatalogModel.parse_obj(json.loads((tmp_path / "catalog.json").read_text(encoding="utf-8"))).catalog
    assert [c.id for g in catalog.groups for c in g.controls] == ["ORG-001", "ORG-002", "NET-001", "NET-002",
                                                               "HUM-001", "HUM-002"]
    dialogs.save_path = str(tmp_path / "results.json")
    assert w.reports.oscal.export_results() == tmp_path / "results.json"
    ResultsModel.parse_obj(json.loads((tmp_path / "results.json").read_text(encoding="utf-8")))
    assert "OSCAL の評価結果を書き出しました（3 部署）" in dialogs.infos[-1]
    w.close()


def test_the_auditor_window_exports_the_ciso_assistant_library(desk: Workspace, tmp_path: Path, qtbot: Any) -> None:
    import yaml

    from mizuho_audit.ui.auditor_window import AuditorWindow

    from .ciso_library_rules import library_problems
    from .test_auditor_window import AuditorDialogs

    dialogs = AuditorDialogs()
    w = AuditorWindow(Session(desk), dialogs, user="監査 一郎")
    qtbot.addWidget(w)
    menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "報告(&R)")
    assert "チェックリストを CISO Assistant のライブラリで書き出す(&L)…" in [a.text() for a in menu.actions()]
    dialogs.save_path = str(tmp_path / "lib.yaml")
    assert w.reports.oscal.export_library() == tmp_path / "lib.yaml"
    library = yaml.safe_load((tmp_path / "lib.yaml").read_text(encoding="utf-8"))
    assert library_problems(library) == []
    assessable = [n["ref_id"] for n in library["objects"]["framework"]["requirement_nodes"] if n["assessable"]]
    assert assessable == ["ORG-001", "ORG-002", "NET-001", "NET-002", "HUM-001", "HUM-002"]
    assert "CISO Assistant のライブラリを書き出しました（6 項目）" in dialogs.infos[-1]
    w.close()
