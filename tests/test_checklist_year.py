"""A department's checklist for a 年度 (core, the rotation group due, chosen themes, central items only
for the 事務局), the right unit for each school and body, traits that fit the network model, and the
weight limits of the coverage report, each shown to fail when its problem is put back."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from mizuho_audit.cli import run
from mizuho_audit.domain.questionnaire import CENTRAL_TRAIT, CORE, Questionnaire
from mizuho_audit.questionnaires.catalog import Catalog, load_catalog
from mizuho_audit.questionnaires.coverage import coverage_report
from mizuho_audit.questionnaires.problems import ValidationFailed
from mizuho_audit.questionnaires.weight import MAX_ITEMS_PER_YEAR, MAX_MINUTES_PER_YEAR, year_load

from .conftest import SHIPPED

CHECKLIST = "jikotenken-2026.yaml"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(SHIPPED)


@pytest.fixture(scope="module")
def q(catalog: Catalog) -> Questionnaire:
    found = catalog.for_year(2026)
    assert found is not None
    return found


def _ids(q: Questionnaire) -> set[str]:
    return {it.id for it in q.items()}


def _traits(catalog: Catalog, dep: str) -> frozenset[str]:
    return catalog.master.get(dep).traits


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "questionnaires"
    shutil.copytree(SHIPPED, folder)
    return folder


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    return coverage_report(load_catalog(folder), 2026).problems


# ---- the year's checklist ----

def test_a_year_asks_the_core_and_the_group_due(catalog: Catalog, q: Questionnaire) -> None:
    assert q.rotation_groups == ("A", "B", "C") and q.due_group == "A"
    traits = _traits(catalog, "jumin")
    year = q.checklist_for_year(traits)
    assert {it.rotation for it in year.items()} == {CORE, "A"}
    everything = q.checklist_for(traits)  # the whole catalogue the department may be asked
    assert {it.rotation for it in everything.items()} == {CORE, "A", "B", "C"}
    assert _ids(year) < _ids(everything)
    # Every 重要度 高 item is core: asked every year.
    assert all(it.rotation == CORE for it in q.items() if it.importance == "高")
    # The items of the group not due come round in their own year.
    b = {it.id for it in everything.items() if it.rotation == "B"}
    assert b and not b & _ids(year)


def test_themes_add_their_items_for_a_chosen_department(catalog: Catalog, q: Questionnaire) -> None:
    traits = _traits(catalog, "zeimu")
    plain = _ids(q.checklist_for_year(traits))
    with_theme = _ids(q.checklist_for_year(traits, ["outsourcing"]))
    theme = set(q.theme("outsourcing").items)
    applicable = _ids(q.checklist_for(traits))
    assert with_theme == plain | (theme & applicable)
    assert with_theme - plain  # some outsourcing items were not due this year
    # A theme never gives a department an item that does not apply to it.
    assert not _ids(q.checklist_for_year(_traits(catalog, "kaikei"), ["outsourcing"])) & \
        {"EXT-001", "EXT-047", "EXT-007"}
    with pytest.raises(KeyError):
        q.checklist_for_year(traits, ["no_such_theme"])


def test_central_items_are_answered_once_by_the_security_office(catalog: Catalog, q: Questionnaire) -> None:
    central = {it.id for it in q.items() if it.answered_by == "central"}
    assert {"HUM-012", "EVL-014", "ORG-011", "HUM-032"} <= central
    offices = [d for d in catalog.master.departments if CENTRAL_TRAIT in d.traits]
    assert [d.id for d in offices] == ["kikaku"]
    for dep in catalog.master.departments:
        got = _ids(q.checklist_for(dep.traits)) & central
        assert got == (central if dep.id == "kikaku" else set()), dep.id
    # Items about telling staff something are asked of a department only where it must tell them itself.
    told = {"HUM-009", "HUM-010", "HUM-032", "OPS-045", "EVL-013", "EXT-032", "NET-019"}
    assert told <= central


def test_each_school_is_its_own_unit_and_the_ict_side_answers_the_settings(catalog: Catalog,
                                                                            q: Questionnaire) -> None:
    schools = [d for d in catalog.master.departments if "school" in d.traits]
    assert len(schools) >= 2 and all(re.search(r"(小学校|中学校)$", d.name) for d in schools)
    assert len({d.id for d in schools}) == len(schools)
    settings = {"NET-029", "NET-032", "NET-033", "NET-034", "NET-042", "EXT-030", "PHY-039"}
    for school in schools:
        ids = _ids(q.checklist_for(school.traits))
        assert not ids & settings and {"ORG-015", "PHY-040", "NET-030"} <= ids
    ict = [d.id for d in catalog.master.departments if "school_ict" in d.traits]
    assert ict and all(settings <= _ids(q.checklist_for(_traits(catalog, d))) for d in ict)


def test_bodies_served_by_another_office_answer_a_short_supplement(catalog: Catalog, q: Questionnaire) -> None:
    for dep in ("kansa", "shisan_shinsa"):
        traits = _traits(catalog, dep)
        items = list(q.checklist_for(traits).items())
        assert 3 <= len(items) <= 10
        assert all((it.rule.all_of | it.rule.any_of) & traits for it in items)
        assert "ORG-018" in {it.id for it in items}


def test_my_number_terminal_and_my_number_work_are_separate(catalog: Catalog, q: Questionnaire) -> None:
    senkan = _ids(q.checklist_for(_traits(catalog, "senkan")))
    assert {"NET-008", "NET-010"} <= senkan  # the 選挙人名簿 terminal
    assert not senkan & {"OPS-041", "OPS-042"}  # no 個人番号利用事務
    assert {"OPS-041", "NET-008"} <= _ids(q.checklist_for(_traits(catalog, "jumin")))


def test_under_the_alpha_model_every_lgwan_department_gets_the_internet_use_items(catalog: Catalog,
                                                                                    q: Questionnaire) -> None:
    assert q.network_model == "αモデル"
    for dep in ("jumin", "zeimu", "korei", "fukushi", "kaikei", "senkan"):
        ids = _ids(q.checklist_for(_traits(catalog, dep)))
        assert {"EXT-031", "EXT-035"} <= ids, dep
    # An item asked only under β/β' models reaches nobody under α; NET-015 (画面転送) is asked.
    assert not any(q.applies(q.item("NET-043"), d.traits) for d in catalog.master.departments)
    assert q.applies(q.item("NET-015"), _traits(catalog, "kikaku"))


def test_the_network_model_decides_which_items_are_asked(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / CHECKLIST, "network_model: αモデル", "network_model: β'モデル")
    q = load_catalog(folder).for_year(2026)
    assert q is not None and q.asks(q.item("NET-043")) and not q.asks(q.item("NET-015"))


def test_field_work_gets_the_items_for_taking_things_out(catalog: Catalog, q: Questionnaire) -> None:
    assert "mobile" in _traits(catalog, "zeimu")  # 家屋調査
    assert {"PHY-036", "PHY-037", "AST-009"} <= _ids(q.checklist_for(_traits(catalog, "zeimu")))


def test_minutes_come_from_the_item_or_the_default_for_its_kind(q: Questionnaire) -> None:
    assert q.answer_minutes == {"office": 3, "technical": 5, "system": 8}
    assert q.minutes_for(q.item("NET-012")) == 8  # the system side
    assert q.minutes_for(q.item("TEC-015")) == 5  # a business system's screens
    assert q.minutes_for(q.item("AST-010")) == 3  # office
    assert q.minutes_for(q.item("PHY-031")) == 2  # its own estimate


def test_without_a_rotation_every_item_is_asked_every_year(mini_dir: Path) -> None:
    catalog = load_catalog(mini_dir)
    q = catalog.questionnaires[0]
    assert not q.rotation_groups
    for dep in catalog.master.departments:
        assert _ids(q.checklist_for_year(dep.traits)) == _ids(q.checklist_for(dep.traits))


def test_every_unit_answers_in_an_afternoon(catalog: Catalog, q: Questionnaire) -> None:
    for dep in catalog.master.departments:
        if "runs_systems" in dep.traits:
            continue
        for group in q.rotation_groups:
            load = year_load(q, dep.traits, group)
            assert load.items <= MAX_ITEMS_PER_YEAR and load.minutes <= MAX_MINUTES_PER_YEAR, (dep.id, group, load)


# ---- the report: the contract of --json, and each failure put back ----

def test_report_json_gives_the_weight_per_department(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["questionnaire", "report", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["network_model"] == "αモデル" and data["rotation"] == {"groups": ["A", "B", "C"], "due": "A"}
    assert {"my_number", "outsourcing"} <= set(data["themes"])
    for dep in data["departments"].values():
        assert {"items", "items_this_year", "minutes_this_year", "system_side"} <= set(dep)
        assert dep["items_this_year"] <= dep["items"]
    kikaku, jumin = data["departments"]["kikaku"], data["departments"]["jumin"]
    assert kikaku["system_side"] is True and jumin["system_side"] is False
    assert jumin["items_this_year"] <= MAX_ITEMS_PER_YEAR and jumin["minutes_this_year"] <= MAX_MINUTES_PER_YEAR


def test_a_unit_over_the_item_limit_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "departments.yaml", "traits: [lgwan, internet, outsourcing, publishes_web], note: 部の名称は推定}",
          "traits: [my_number, my_number_work, lgwan, internet, internet_terminal, owns_system, outsourcing, cloud,"
          " sns, counter, mobile, personnel, publishes_web], note: 部の名称は推定}")
    problems = _problems(folder)
    assert any("管財課" in p and "上限" in p and "66 項目" in p for p in problems), problems


def test_a_unit_over_the_minute_limit_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / CHECKLIST, "answer_minutes: {office: 3,", "answer_minutes: {office: 6,")
    problems = _problems(folder)
    assert any("住民課" in p and "180 分" in p for p in problems)
    assert not any("企画課" in p and "上限" in p for p in problems)  # the system side is exempt


def test_an_item_that_would_not_come_round_in_three_years_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / CHECKLIST, "rotation: {groups: [A, B, C], due: A}", "rotation: {groups: [A, B, C, D], due: A}")
    _edit(folder / CHECKLIST, "            rotation: C\n", "            rotation: D\n")
    problems = _problems(folder)
    assert any("3年以内に" in p and "D 群" in p for p in problems), problems


def test_an_item_no_unit_is_asked_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / CHECKLIST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("applies_if: {all_of: [school_ict]}", "applies_if: {all_of: [school_ict, assembly]}",
                                 1), encoding="utf-8")
    assert any("どの部署にも届かず" in p for p in _problems(folder))


def test_an_important_item_left_out_of_the_core_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / CHECKLIST
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "          - id: AST-010")
    end = next(i for i in range(start, len(lines)) if lines[i].strip() == "rotation: core")
    lines[end] = lines[end].replace("rotation: core", "rotation: B")
    path.write_text("".join(lines), encoding="utf-8")
    assert any("AST-010" in p and "重要度 高" in p for p in _problems(folder))


def test_a_rotation_that_does_not_advance_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    text = (folder / CHECKLIST).read_text(encoding="utf-8")
    text = text.replace('version: "2026.1"', 'version: "2027.1"').replace("fiscal_year: 2026", "fiscal_year: 2027")
    (folder / "jikotenken-2027.yaml").write_text(text, encoding="utf-8")
    report = coverage_report(load_catalog(folder), 2027)
    assert any("令和9年度" in p and "「B」の番" in p for p in report.problems), report.problems


def test_traits_that_do_not_fit_the_network_model_fail(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "departments.yaml", "traits: [lgwan, internet, owns_system, counter]}",
          "traits: [lgwan, owns_system, counter]}")
    problems = _problems(folder)
    assert any("会計課" in p and "internet" in p and "画面転送" in p for p in problems), problems


# ---- validation of the new fields ----

@pytest.mark.parametrize(("old", "new", "words"), [
    ("            rotation: C\n", "            rotation: E\n", ["rotation", "「E」", "A・B・C"]),
    ("rotation: {groups: [A, B, C], due: A}", "rotation: {groups: [A, B, C], due: D}", ["rotation.due", "「D」"]),
    ("answered_by: central", "answered_by: town", ["answered_by", "department・central"]),
    ("            minutes: 2\n", "            minutes: 0\n", ["minutes", "範囲外"]),
    ("models: [αモデル, α'モデル]", "models: [γモデル]", ["models", "αモデル"]),
    ("    items: [EXT-001, EXT-047,", "    items: [EXT-001, EXT-947,", ["EXT-947", "themes.items", "業務委託"]),
    ("supplement_only: [served_body]", "supplement_only: [served]", ["supplement_only", "served"]),
])
def test_a_wrong_value_gets_a_clear_message(tmp_path: Path, old: str, new: str, words: list[str]) -> None:
    folder = _copy(tmp_path)
    _edit(folder / CHECKLIST, old, new)
    with pytest.raises(ValidationFailed) as info:
        load_catalog(folder)
    messages = [str(p) for p in info.value.problems]
    assert any(f"{CHECKLIST}:" in m and all(w in m for w in words) for m in messages), messages


def test_items_naming_a_model_need_the_towns_model(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / CHECKLIST, "network_model: αモデル\n", "")
    with pytest.raises(ValidationFailed) as info:
        load_catalog(folder)
    assert any("network_model" in str(p) and "NET-015" in str(p) for p in info.value.problems)


def test_the_report_command_exits_non_zero_with_a_problem_line(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    # The town's own master (in the user's data folder) gives 会計課 no internet under αモデル and
    # makes 管財課 carry every trait: the command prints the problems and fails.
    town = tmp_path / "userdata" / "questionnaires"
    town.mkdir(parents=True)
    text = (SHIPPED / "departments.yaml").read_text(encoding="utf-8")
    text = text.replace("traits: [lgwan, internet, owns_system, counter]}", "traits: [lgwan, owns_system, counter]}")
    every = ("my_number, my_number_work, lgwan, internet, internet_terminal, owns_system, outsourcing, cloud, sns,"
             " counter, mobile, personnel, publishes_web")
    text = text.replace("traits: [lgwan, internet, outsourcing, publishes_web], note: 部の名称は推定}",
                        f"traits: [{every}], note: 部の名称は推定}}", 1)
    (town / "departments.yaml").write_text(text, encoding="utf-8")
    assert run(["questionnaire", "report"]) != 0
    out = capsys.readouterr().out
    assert "| 管財課 | 町長部局 |" in out
    assert any(line.startswith("- ") and "管財課" in line and "上限" in line for line in out.splitlines())
    assert any(line.startswith("- ") and "会計課" in line and "internet" in line for line in out.splitlines())
