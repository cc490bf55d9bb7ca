"""An OSCAL catalog (JSON) read as the start of a town's own checklist: groups become chapters, controls
items, the statement the question, the assessment objectives the 判断基準, the evidence part the evidence
examples; the links to back-matter resources become the crosswalk. What a catalog cannot say (the answer
scale, the weights, the rotation) comes from the checklist in use, so the result validates like any other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..domain.frameworks import FRAMEWORKS
from ..domain.questionnaire import Questionnaire
from ..fileio import write_atomic
from ..i18n import _
from .catalog import Catalog, install_problems, load_catalog
from .crosswalk import crosswalk_from_document
from .loader import questionnaire_from_document
from .oscal_catalog import _MANY, _ONE, _RULES, props_of
from .problems import Problem, ValidationFailed
from .schema import CROSSWALK_FORMAT
from .yamlsafe import YamlDocument

_BASE_KEYS = ("weights", "scale", "network_model", "rotation", "answer_minutes", "supplement_only")


def is_oscal_catalog(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("catalog"), dict)


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ValidationFailed([Problem(str(path), _("ファイルを読めません: {error}").format(error=exc))]) from exc
    except UnicodeDecodeError as exc:
        raise ValidationFailed([Problem(str(path), _("UTF-8 のテキストではありません。"))]) from exc
    except json.JSONDecodeError as exc:
        raise ValidationFailed([Problem(str(path), _("JSON の書き方に誤りがあります（{line}行 {column}文字目）。"
                                                     ).format(line=exc.lineno, column=exc.colno), exc.lineno)]
                               ) from exc


def _prose(part: dict[str, Any]) -> str:
    return str(part.get("prose", "")).strip()


def _parts(node: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [p for p in node.get("parts", ()) or () if isinstance(p, dict) and p.get("name") == name]


def _one(node: dict[str, Any], name: str, default: str = "") -> str:
    values = props_of(node, name)
    return values[0] if values else default


def _item(control: dict[str, Any]) -> dict[str, Any]:
    statement = _parts(control, "statement")
    item: dict[str, Any] = {"id": _one(control, "label", str(control.get("id", ""))),
                            "question": _prose(statement[0]) if statement else str(control.get("title", ""))}
    objectives = [sub for obj in _parts(control, "assessment-objective")
                  for sub in (_parts(obj, "assessment-objective") or [obj])]
    criteria: dict[str, str] = {}
    for n, obj in enumerate(objectives):
        key = _one(obj, "rating") or ("done", "partial", "")[min(n, 2)]
        if key in ("done", "partial") and key not in criteria:
            criteria[key] = _prose(obj)
    item["criteria"] = criteria
    evidence = _parts(control, "evidence")
    item["evidence"] = [_prose(p) for e in evidence for p in _parts(e, "item") if _prose(p)]
    guidance = _parts(control, "guidance")
    if guidance and _prose(guidance[0]):
        item["guidance"] = _prose(guidance[0])
    for name in _ONE:
        value = _one(control, name.replace("_", "-"))
        if value:
            item[name] = int(value) if name == "minutes" and value.isdigit() else value
    for name in _MANY:
        values = props_of(control, name)
        if values:
            item[name] = values
    rule = {r: props_of(control, "applies-" + r.replace("_", "-")) for r in _RULES}
    if any(rule.values()):
        item["applies_if"] = {r: v for r, v in rule.items() if v}
    return item


def _controls(node: dict[str, Any]) -> list[dict[str, Any]]:
    """A group's controls, each followed by its own sub-controls (enhancements become items too)."""
    found = []
    for c in node.get("controls", ()) or ():
        if isinstance(c, dict):
            found += [c, *_controls(c)]
    return found


def _references(catalog: dict[str, Any], control: dict[str, Any]) -> dict[str, list[str]]:
    resources = {str(r.get("uuid")): r for r in (catalog.get("back-matter") or {}).get("resources", ()) or ()
                 if isinstance(r, dict)}
    refs: dict[str, list[str]] = {}
    for link in control.get("links", ()) or ():
        resource = resources.get(str(link.get("href", "")).removeprefix("#")) if isinstance(link, dict) else None
        if resource is None:
            continue
        key, ref = _one(resource, "framework"), _one(resource, "reference-id")
        if key in FRAMEWORKS and ref:
            refs.setdefault(key, []).append(ref)
    return refs


def questionnaire_data(doc: dict[str, Any], base: Questionnaire | None, file: str
                       ) -> tuple[dict[str, Any], dict[str, dict[str, list[str]]]]:
    """The checklist content (as its YAML would hold it) and the crosswalk references of a catalog."""
    catalog = doc["catalog"]
    meta = catalog.get("metadata") if isinstance(catalog.get("metadata"), dict) else {}
    groups = [g for g in catalog.get("groups", ()) or () if isinstance(g, dict)]
    if not groups:
        raise ValidationFailed([Problem(file, _("OSCAL カタログに章（groups）がありません。"))])
    base_data = base.data if base is not None else {}
    year = _one(meta, "fiscal-year")
    data: dict[str, Any] = {
        "format": "mizuho-audit/questionnaire@1",
        "id": _one(meta, "questionnaire-id") or base_data.get("id", ""),
        "version": str(meta.get("version", "")),
        "title": str(meta.get("title", "")),
        "fiscal_year": int(year) if year.isdigit() else base_data.get("fiscal_year"),
        "policy": {"title": _one(meta, "policy-title") or base_data.get("policy", {}).get("title", ""),
                   "edition": _one(meta, "policy-edition") or base_data.get("policy", {}).get("edition", "")},
    }
    data.update({k: base_data[k] for k in _BASE_KEYS if k in base_data})
    references: dict[str, dict[str, list[str]]] = {}
    chapters = []
    for g in groups:
        chapter_id = _one(g, "chapter") or _one(g, "label") or str(g.get("id", "")).removeprefix("ch-")
        sections: dict[str, dict[str, Any]] = {}
        for control in _controls(g):
            section_id = _one(control, "section") or f"{chapter_id}.1"
            section = sections.setdefault(section_id, {
                "id": section_id, "title": _one(control, "section-title") or str(g.get("title", "")), "items": []})
            item = _item(control)
            section["items"].append(item)
            refs = _references(catalog, control)
            if refs:
                references[item["id"]] = refs
        chapter: dict[str, Any] = {"id": chapter_id, "title": str(g.get("title", "")),
                                   "sections": list(sections.values())}
        if _one(g, "clause"):
            chapter["clause"] = _one(g, "clause")
        chapters.append(chapter)
    data["chapters"] = chapters
    ids = {it["id"] for ch in chapters for sec in ch["sections"] for it in sec["items"]}
    themes = [{**t, "items": [i for i in t["items"] if i in ids]} for t in base_data.get("themes", ())]
    if any(t["items"] for t in themes):
        data["themes"] = [t for t in themes if t["items"]]
    review = dict(base_data.get("review", {}))
    if "accepted_overlaps" in review:
        review["accepted_overlaps"] = [o for o in review["accepted_overlaps"] if set(o["items"]) <= ids]
    review = {k: v for k, v in review.items() if v}
    if review:
        data["review"] = review
    return data, references


def _converted(src: Path, catalog: Catalog) -> tuple[Questionnaire, dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The catalog in ``src`` as a checklist (validated like a checklist file) and its crosswalk;
    raises ValidationFailed with every problem."""
    doc = read_json(src)
    if not is_oscal_catalog(doc):
        raise ValidationFailed([Problem(str(src), _("OSCAL のカタログ（最上位に catalog がある JSON）ではありません。"
                                                    ))])
    meta = doc["catalog"].get("metadata") if isinstance(doc["catalog"].get("metadata"), dict) else {}
    year = next(iter(props_of(meta, "fiscal-year")), "")
    base = (catalog.for_year(int(year)) if year.isdigit() else None) or (
        catalog.questionnaires[-1] if catalog.questionnaires else None)
    data, references = questionnaire_data(doc, base, str(src))
    q = questionnaire_from_document(YamlDocument(data, {}), str(src), catalog.policy, set(catalog.master.traits))
    crosswalk_data = {"format": CROSSWALK_FORMAT, "questionnaire": {"id": q.id, "version": q.version},
                      "items": references}
    if references:
        crosswalk_from_document(YamlDocument(crosswalk_data, {}), str(src), {(q.id, q.version): q})
    return q, data, crosswalk_data, references


def oscal_catalog_problems(src: Path, shipped_dir: Path, town_dir: Path) -> list[Problem]:
    """What ``questionnaire validate`` says of an OSCAL catalog: the problems that would stop its import as a
    checklist ([] when it converts and validates)."""
    try:
        _converted(src, load_catalog(shipped_dir, town_dir))
    except ValidationFailed as exc:
        return list(exc.problems)
    return []


def import_oscal_catalog(src: Path, shipped_dir: Path, town_dir: Path) -> tuple[Questionnaire, int]:
    """An OSCAL catalog as the town's own checklist (and its crosswalk, when its controls have references):
    converted, validated like a checklist file, then installed. Returns the checklist and the number of
    items with references. Nothing is installed when a problem is found."""
    catalog = load_catalog(shipped_dir, town_dir)
    q, data, crosswalk_data, references = _converted(src, catalog)
    problems = install_problems(q, src, catalog, town_dir)
    if problems:
        raise ValidationFailed(problems)
    header = "# OSCAL カタログから取り込んだチェックリスト（questionnaire import）\n"
    write_atomic(town_dir / f"{q.id}-{q.version}.yaml", (header + _yaml(data)).encode("utf-8"))
    if references:
        header = "# OSCAL カタログのリンクから作った対応表（questionnaire import）\n"
        write_atomic(town_dir / f"crosswalk-{q.id}-{q.version}.yaml", (header + _yaml(crosswalk_data)).encode("utf-8"))
    return q, len(references)


def _yaml(data: Any) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
