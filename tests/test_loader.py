"""Loading and validating questionnaire files: every kind of bad file gets a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from mizuho_audit.questionnaires.catalog import import_departments, import_questionnaire, load_catalog
from mizuho_audit.questionnaires.problems import ValidationFailed
from mizuho_audit.questionnaires.schema import SCHEMAS

from .conftest import FIXTURES, SHIPPED

MINI = FIXTURES / "mini" / "mini-2026.yaml"


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        load_catalog(folder)
    return [str(p) for p in info.value.problems]


def _edit_mini(folder: Path, old: str, new: str) -> Path:
    path = folder / "mini-2026.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_shipped_catalog_loads() -> None:
    catalog = load_catalog(SHIPPED)
    assert catalog.questionnaires
    assert len(catalog.master.departments) >= 25
    for q in catalog.questionnaires:
        assert q.content_hash and len(q.content_hash) == 64


def test_wrong_type_names_file_line_item_and_field(mini_dir: Path) -> None:
    _edit_mini(mini_dir, "importance: 低", "importance: 最高")
    [msg] = _problems(mini_dir)
    assert "mini-2026.yaml:" in msg and "ORG-002" in msg and "importance" in msg and "高・中・低" in msg
    line = int(msg.split(".yaml:")[1].split(":")[0])
    assert "最高" in (mini_dir / "mini-2026.yaml").read_text(encoding="utf-8").splitlines()[line - 1]


def test_missing_field(mini_dir: Path) -> None:
    _edit_mini(mini_dir, "            evidence: [掲示物, 体制表]\n", "")
    [msg] = _problems(mini_dir)
    assert "ORG-001" in msg and "evidence" in msg and "必須" in msg


def test_misspelt_field_is_refused(mini_dir: Path) -> None:
    _edit_mini(mini_dir, "importance: 中", "importanse: 中")
    msgs = _problems(mini_dir)
    assert any("importanse" in m and "知らない項目名" in m for m in msgs)


def test_duplicate_item_id(mini_dir: Path) -> None:
    _edit_mini(mini_dir, "id: ORG-002", "id: ORG-001")
    msgs = _problems(mini_dir)
    assert any("ORG-001" in m and "重複" in m for m in msgs)


def test_unknown_trait(mini_dir: Path) -> None:
    _edit_mini(mini_dir, "all_of: [my_number]", "all_of: [mynumber]")
    msgs = _problems(mini_dir)
    assert any("NET-001" in m and "mynumber" in m and "applies_if" in m for m in msgs)


def test_clause_the_policy_does_not_have(mini_dir: Path) -> None:
    _edit_mini(mini_dir, 'clause: "6(3)①"', 'clause: "6(3)④"')
    msgs = _problems(mini_dir)
    assert any("NET-001" in m and "6(3)④" in m and "方針に条項" in m for m in msgs)


def test_department_with_empty_checklist(mini_dir: Path) -> None:
    # Give every generic item a rule that the 監査委員 (no internet, no マイナンバー terminal) does not meet.
    path = mini_dir / "mini-2026.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for ch in data["chapters"]:
        for sec in ch["sections"]:
            for it in sec["items"]:
                it["applies_if"] = {"any_of": ["internet", "my_number"]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    msgs = _problems(mini_dir)
    assert any("監査委員" in m and "空" in m for m in msgs)


def test_yaml_syntax_error_gives_the_line(mini_dir: Path) -> None:
    _edit_mini(mini_dir, "title: 推進体制", "title: [推進体制")
    [msg] = _problems(mini_dir)
    assert "YAMLとして読めません" in msg and "mini-2026.yaml:" in msg


def test_alias_bomb_is_refused(mini_dir: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    (mini_dir / "mini-2026.yaml").write_text(bomb, encoding="utf-8")
    [msg] = _problems(mini_dir)
    assert "エイリアス" in msg


def test_duplicate_key_is_refused(mini_dir: Path) -> None:
    _edit_mini(mini_dir, "fiscal_year: 2026\n", "fiscal_year: 2026\nfiscal_year: 2027\n")
    [msg] = _problems(mini_dir)
    assert "fiscal_year" in msg and "二回" in msg


def test_not_utf8_and_too_big(mini_dir: Path) -> None:
    (mini_dir / "mini-2026.yaml").write_bytes("title: 自己点検\n".encode("cp932"))
    assert any("UTF-8" in m for m in _problems(mini_dir))
    (mini_dir / "mini-2026.yaml").write_bytes(b"#" * (6 * 1024 * 1024))
    assert any("大きすぎます" in m for m in _problems(mini_dir))


def test_all_problems_reported_at_once(mini_dir: Path) -> None:
    _edit_mini(mini_dir, "importance: 低", "importance: 最高")
    _edit_mini(mini_dir, "cia: [A]", "cia: [Z]")
    assert len(_problems(mini_dir)) == 2


def test_bad_department_master(mini_dir: Path) -> None:
    path = mini_dir / "departments.yaml"
    text = path.read_text(encoding="utf-8")
    jumin = "traits: [my_number, my_number_work, lgwan, internet, owns_system, outsourcing, counter]"
    path.write_text(text.replace(jumin, jumin.replace("counter]", "counters]"), 1)
                    .replace("{id: hisho,", "{id: jumin,", 1)
                    .replace("body: town, division: 住民部", "body: tokyo, division: 住民部", 1),
                    encoding="utf-8")
    msgs = _problems(mini_dir)
    assert any("jumin" in m and "counters" in m for m in msgs)
    assert any("重複" in m for m in msgs)
    assert any("tokyo" in m for m in msgs)


def test_town_copy_wins_and_import_validates_first(tmp_path: Path, mini_dir: Path) -> None:
    town = tmp_path / "town"
    edited = tmp_path / "new.yaml"
    text = MINI.read_text(encoding="utf-8").replace('version: "2026.1"', 'version: "2026.2"')
    edited.write_text(text.replace("管理者が不在のときの代行者", "課長が不在のときの代行者"), encoding="utf-8")
    q = import_questionnaire(edited, mini_dir, town)
    assert q.version == "2026.2"
    catalog = load_catalog(mini_dir, town)
    assert catalog.for_year(2026) is not None and catalog.for_year(2026).version == "2026.2"  # type: ignore[union-attr]
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("importance: 低", "importance: x"), encoding="utf-8")
    before = sorted(p.name for p in town.iterdir())
    with pytest.raises(ValidationFailed):
        import_questionnaire(broken, mini_dir, town)
    assert sorted(p.name for p in town.iterdir()) == before


def test_department_master_import(tmp_path: Path, mini_dir: Path) -> None:
    town = tmp_path / "town"
    master = tmp_path / "departments.yaml"
    master.write_text((SHIPPED / "departments.yaml").read_text(encoding="utf-8")
                      .replace("name: 住民課", "name: 住民窓口課"), encoding="utf-8")
    import_departments(master, mini_dir, town)
    assert load_catalog(mini_dir, town).master.get("jumin").name == "住民窓口課"


def test_shipped_json_schemas_are_current() -> None:
    for name, schema in SCHEMAS.items():
        shipped = json.loads((SHIPPED / "schema" / name).read_text(encoding="utf-8"))
        assert shipped == schema, f"questionnaires/schema/{name} is stale: run scripts/write_schemas.py"


def test_shipped_questionnaires_validate_against_the_json_schema() -> None:
    import jsonschema

    schema = json.loads((SHIPPED / "schema" / "questionnaire.schema.json").read_text(encoding="utf-8"))
    files = [p for p in SHIPPED.glob("*.yaml") if p.name not in ("policy.yaml", "departments.yaml")]
    assert files
    for p in files:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        if data.get("format") == "mizuho-audit/questionnaire@1":
            jsonschema.validate(data, schema)


