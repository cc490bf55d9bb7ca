"""Crosswalks: the references of each item to the guideline, ISO/IEC 27001, NIST CSF and IPA 自社診断 are
data, validated like the checklists, counted in the coverage report and shown in the item panel."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from pytestqt.qtbot import QtBot

from mizuho_audit.cli import run
from mizuho_audit.domain.frameworks import CSF, FRAMEWORKS, GUIDELINE, IPA, ISO27001
from mizuho_audit.questionnaires.catalog import load_catalog
from mizuho_audit.questionnaires.coverage import coverage_report, render_table

from .conftest import SHIPPED

CROSSWALK = SHIPPED / "crosswalk-2026.yaml"


def test_the_vocabularies_are_the_published_ids() -> None:
    iso = FRAMEWORKS[ISO27001].ids
    expected = [f"A.5.{n}" for n in range(1, 38)] + [f"A.6.{n}" for n in range(1, 9)] + \
        [f"A.7.{n}" for n in range(1, 15)] + [f"A.8.{n}" for n in range(1, 35)]
    assert list(iso) == expected and len(iso) == 93
    assert iso["A.5.15"] == "Access control"
    assert iso["A.8.34"] == "Protection of information systems during audit testing"
    csf = FRAMEWORKS[CSF].ids
    assert len(csf) == 106 and next(iter(csf)) == "GV.OC-01" and list(csf)[-1] == "RC.CO-04"
    assert "ID.AM-06" not in csf and "PR.AA-05" in csf  # withdrawn in 2.0 / kept
    assert list(FRAMEWORKS[IPA].ids) == [str(n) for n in range(1, 26)]
    assert {"4.2", "5.4", "8.5", "9.3"} <= set(FRAMEWORKS[GUIDELINE].ids)


def test_every_item_of_2026_has_references_and_the_report_counts_them() -> None:
    catalog = load_catalog(SHIPPED)
    q = catalog.for_year(2026)
    assert q is not None
    items = list(q.items())
    assert all(q.references.get(it.id) for it in items)
    assert q.references["PHY-012"] == (("guideline", "4.2"), ("iso27001", "A.7.2"), ("csf", "PR.AA-06"),
                                       ("ipa", "15"))
    report = coverage_report(catalog, 2026)
    # The counts, made again from the file itself: ids cited by at least one item, items citing the framework.
    data = yaml.safe_load(CROSSWALK.read_text(encoding="utf-8"))["items"]
    for key in (GUIDELINE, ISO27001, CSF, IPA):
        cited = {str(ref) for refs in data.values() for ref in refs.get(key, ())}
        assert report.frameworks[key]["covered"] == len(cited)
        assert report.frameworks[key]["items_with_reference"] == sum(1 for refs in data.values() if key in refs)
    iso = report.frameworks[ISO27001]
    assert iso["of"] == 93 and iso["covered"] >= 80 and iso["items_with_reference"] >= len(items) - 5
    assert report.frameworks[CSF]["of"] == 106 and report.frameworks[CSF]["covered"] >= 60
    assert report.frameworks[IPA]["covered"] == 25
    assert "A.8.4" in iso["not_covered"]  # no item asks about source code
    table = render_table(report)
    assert f"| ISO/IEC 27001:2022 附属書A | {iso['covered']} / 93 | {iso['items_with_reference']} / {len(items)} |" \
        in table
    assert report.ok, report.problems


def test_report_json_has_the_coverage_per_framework(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["questionnaire", "report", "--json", "--year", "2026"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["frameworks"]["iso27001"]["of"] == 93
    assert data["frameworks"]["csf"]["items_with_reference"] >= data["items"] * 0.95


def _broken(tmp_path: Path, replacements: list[tuple[str, str]]) -> Path:
    text = CROSSWALK.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    out = tmp_path / "crosswalk-town.yaml"
    out.write_text(text, encoding="utf-8")
    return out


def _line(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_validate_accepts_the_shipped_crosswalk_and_refuses_unknown_ids(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["questionnaire", "validate", str(CROSSWALK)]) == 0
    bad = _broken(tmp_path, [("ORG-002: {guideline: [\"1\"], iso27001: [A.5.2]",
                              "ORG-002: {guideline: [\"1\"], iso27001: [A.5.38]"),
                             ("ORG-003:", "ORG-999:"),
                             ("csf: [GV.RR-02, RS.MA-01], ipa: [\"24\"]", "csf: [GV.XX-02, RS.MA-01], ipa: [26]")])
    capsys.readouterr()
    assert run(["questionnaire", "validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:{_line(bad, 'ORG-002:')}: 項目 ORG-002 の 「iso27001」:" in err and "A.5.38" in err
    assert f"{bad}:{_line(bad, 'ORG-999:')}: 項目 ORG-999 の 「items」:" in err
    assert "GV.XX-02" in err and "26" in err
    assert "問題が 4 件あります" in err
    unknown = _broken(tmp_path, [("ORG-001: {guideline:", "ORG-001: {cobit: [APO13], guideline:")])
    assert run(["questionnaire", "validate", str(unknown)]) == 1
    assert "cobit" in capsys.readouterr().err


def test_import_installs_the_towns_crosswalk_which_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = _broken(tmp_path, [("PHY-012: {guideline: [\"4.2\"], iso27001: [A.7.2]",
                              "PHY-012: {guideline: [\"4.2\"], iso27001: [A.7.2, A.7.4]")])
    assert run(["questionnaire", "import", str(own)]) == 0
    assert "他の枠組みとの対応表（mizuho-jikotenken 版 2026.1、316 項目）を取り込みました" in capsys.readouterr().out
    from mizuho_audit.paths import town_questionnaires_dir

    town = town_questionnaires_dir()
    assert (town / "crosswalk-mizuho-jikotenken-2026.1.yaml").is_file()
    q = load_catalog(SHIPPED, town).for_year(2026)
    assert q is not None and ("iso27001", "A.7.4") in q.references["PHY-012"]
    bad = _broken(tmp_path, [("ORG-001:", "ORG-998:")])
    bad.rename(tmp_path / "bad.yaml")
    before = sorted(p.name for p in town.iterdir())
    assert run(["questionnaire", "import", str(tmp_path / "bad.yaml")]) == 1
    assert sorted(p.name for p in town.iterdir()) == before


@pytest.fixture
def referenced_dir(mini_dir: Path) -> Path:
    (mini_dir / "crosswalk-mini.yaml").write_text(
        "format: mizuho-audit/crosswalk@1\nquestionnaire: {id: mini, version: \"2026.1\"}\nitems:\n"
        "  ORG-001: {guideline: [\"1\"], iso27001: [A.5.2], csf: [GV.RR-02], ipa: [25]}\n", encoding="utf-8")
    return mini_dir


@pytest.fixture
def window(tmp_path: Path, referenced_dir: Path, qtbot: QtBot) -> Iterator[object]:
    from mizuho_audit.services.workspace import Workspace
    from mizuho_audit.ui.main_window import MainWindow
    from mizuho_audit.usecases.session import Session

    from .test_window import FakeDialogs

    ws = Workspace.open(tmp_path / "dept.db", shipped_dir=referenced_dir, town_dir=tmp_path / "town")
    w = MainWindow(Session(ws), FakeDialogs())
    qtbot.addWidget(w)
    w.show()
    w.select("jumin", 2026)
    yield w
    w.close()
    ws.close()


def test_the_item_panel_shows_the_references(window: object) -> None:
    from mizuho_audit.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.select_item("ORG-001")
    label = window.panel.references
    assert label.isVisible()
    assert label.text() == "参照: ガイドライン 1 / ISO/IEC 27001 A.5.2 / NIST CSF GV.RR-02 / IPA 自社診断 25"
    window.select_item("ORG-002")  # no reference: nothing shown
    assert not window.panel.references.isVisible()


def test_the_shipped_crosswalk_cites_only_items_of_its_checklist() -> None:
    text = CROSSWALK.read_text(encoding="utf-8")
    cited = re.findall(r"^  ([A-Z]{2,5}-\d{3}):", text, re.M)
    checklist = (SHIPPED / "jikotenken-2026.yaml").read_text(encoding="utf-8")
    asked = re.findall(r"^\s+- id: ([A-Z]{2,5}-\d{3})$", checklist, re.M)
    assert sorted(cited) == sorted(asked) and len(cited) == len(set(cited))


def test_a_checklist_that_lost_an_item_keeps_working_and_the_crosswalk_problem_is_reported(tmp_path: Path) -> None:
    """A 2026.1 without ORG-008 (edited in place): the catalog still loads (without the crosswalk that cites
    it), and the crosswalk's problem is kept for `questionnaire validate` and the coverage report."""
    folder = tmp_path / "q"
    folder.mkdir()
    for name in ("policy.yaml", "departments.yaml", "crosswalk-2026.yaml"):
        (folder / name).write_bytes((SHIPPED / name).read_bytes())
    text = (SHIPPED / "jikotenken-2026.yaml").read_text(encoding="utf-8")
    start = text.index("          - id: ORG-008")
    end = text.index("          - id:", start + 10)
    (folder / "jikotenken-2026.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    catalog = load_catalog(folder)
    q = catalog.for_year(2026)
    assert q is not None and "ORG-008" not in [it.id for it in q.items()] and not q.references
    line = _line(CROSSWALK, "ORG-008:")
    assert [str(p) for p in catalog.crosswalk_problems] == [
        f"{folder / 'crosswalk-2026.yaml'}:{line}: 項目 ORG-008 の 「items」: "
        "チェックリスト「令和8年度 情報セキュリティ自己点検チェックリスト」（版 2026.1）にない項目です。"]
    assert any("ORG-008" in p for p in coverage_report(catalog, 2026).problems)
