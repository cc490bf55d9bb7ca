"""The checklist as an OSCAL 1.1 catalog, and an OSCAL catalog as the start of a town's own checklist.

Each chapter is a top-level group whose items are its controls; the section, the policy clause and the
other fields of an item are properties in this app's namespace; the question is the statement, the
判断基準 an assessment objective with one part per rating, the evidence examples a part of their own; the
crosswalk references are links to back-matter resources (one per cited guideline section, ISO/IEC 27001
control, NIST CSF subcategory and IPA item). UUIDs are uuid5 of stable names, so a re-export is the same.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from ..domain.frameworks import FRAMEWORKS, ORDER
from ..domain.questionnaire import Item, Questionnaire

OSCAL_VERSION = "1.1.2"
NS = "https://mizuho-audit.example/ns/oscal"  # the namespace of this app's props and parts
UUID_NS = uuid.UUID("6f1d3b64-4d51-5c57-9a0e-6d697a75686f")  # this app's root for uuid5

# Where a reader finds each framework (the back-matter resources link there).
FRAMEWORK_HOME = {
    "guideline": "https://www.soumu.go.jp/denshijiti/jyouhou_policy/",
    "iso27001": "https://www.iso.org/standard/27001",
    "csf": "https://www.nist.gov/cyberframework",
    "ipa": "https://www.ipa.go.jp/security/guide/sme/5minutes.html",
}
# Item fields kept as props (one prop per value for lists); the rule's trait lists as applies-*.
_ONE = ("clause", "importance", "respondent", "rotation", "answered_by", "minutes")
_MANY = ("cia", "tiers", "models", "related")
_RULES = ("all_of", "any_of", "none_of")
CRITERIA_TITLES = {"done": "実施している", "partial": "一部実施している"}


def stable_uuid(*names: object) -> str:
    return str(uuid.uuid5(UUID_NS, "/".join(str(n) for n in names)))


def prop(name: str, value: object, **extra: str) -> dict[str, Any]:
    return {"name": name, "ns": NS, "value": str(value), **extra}


def props_of(node: dict[str, Any], name: str) -> list[str]:
    """The values of the props called ``name`` (in this app's namespace or none)."""
    return [str(p.get("value", "")) for p in node.get("props", ()) or ()
            if isinstance(p, dict) and p.get("name") == name and p.get("ns", NS) == NS]


def metadata(title: str, version: str, modified: datetime, extra: list[dict[str, Any]] | None = None
             ) -> dict[str, Any]:
    data: dict[str, Any] = {"title": title, "last-modified": modified.isoformat(timespec="seconds"),
                            "version": version, "oscal-version": OSCAL_VERSION}
    if extra:
        data["props"] = extra
    return data


def _resource_uuid(key: str, ref: str) -> str:
    return stable_uuid("reference", key, ref)


def _control(item: Item, q: Questionnaire, section_title: str) -> dict[str, Any]:
    iid = item.id
    props = [{"name": "label", "value": iid}, prop("section", item.section_id), prop("section-title", section_title)]
    data = item_fields(item)
    props += [prop(name.replace("_", "-"), data[name]) for name in _ONE if name in data]
    props += [prop(name, v) for name in _MANY for v in data.get(name, ())]
    props += [prop("applies-" + rule.replace("_", "-"), trait)
              for rule in _RULES for trait in data.get("applies_if", {}).get(rule, ())]
    parts: list[dict[str, Any]] = [
        {"id": f"{iid}_smt", "name": "statement", "prose": item.question},
        {"id": f"{iid}_obj", "name": "assessment-objective", "title": "判断基準", "parts": [
            {"id": f"{iid}_obj.{key}", "name": "assessment-objective", "title": CRITERIA_TITLES[key],
             "props": [prop("rating", key)], "prose": text}
            for key, text in (("done", item.criteria_done), ("partial", item.criteria_partial))]},
        {"id": f"{iid}_evd", "name": "evidence", "ns": NS, "title": "根拠資料の例", "parts": [
            {"id": f"{iid}_evd.{n}", "name": "item", "ns": NS, "prose": e} for n, e in enumerate(item.evidence, 1)]},
    ]
    if item.guidance:
        parts.append({"id": f"{iid}_gdn", "name": "guidance", "prose": item.guidance})
    control: dict[str, Any] = {"id": iid, "class": "item", "title": item.question, "props": props, "parts": parts}
    links = [{"href": f"#{_resource_uuid(key, ref)}", "rel": "reference",
              "text": f"{FRAMEWORKS[key].short} {ref}"} for key, ref in q.references.get(iid, ())]
    if links:
        control["links"] = links
    return control


def item_fields(item: Item) -> dict[str, Any]:
    """The fields of an item as its YAML would have them (defaults included)."""
    data: dict[str, Any] = {"clause": item.clause, "importance": item.importance, "respondent": item.respondent,
                            "rotation": item.rotation, "answered_by": item.answered_by,
                            "cia": list(item.cia), "tiers": list(item.tiers), "models": list(item.models),
                            "related": list(item.related)}
    if item.minutes is not None:
        data["minutes"] = item.minutes
    rule = {name: sorted(getattr(item.rule, name)) for name in _RULES if getattr(item.rule, name)}
    if rule:
        data["applies_if"] = rule
    return data


def catalog_document(q: Questionnaire, modified: datetime) -> dict[str, Any]:
    """The OSCAL catalog of a checklist (a dict to write as JSON)."""
    groups = []
    for ch in q.chapters:
        controls = [_control(it, q, sec.title) for sec in ch.sections for it in sec.items]
        groups.append({"id": f"ch-{ch.id}", "class": "chapter", "title": ch.title,
                       "props": [{"name": "label", "value": ch.id}, prop("chapter", ch.id), prop("clause", ch.clause)],
                       "controls": controls})
    extra = [prop("questionnaire-id", q.id), prop("fiscal-year", q.fiscal_year),
             prop("policy-title", q.policy_title), prop("policy-edition", q.policy_edition)]
    catalog: dict[str, Any] = {
        "uuid": stable_uuid("catalog", q.id, q.version, q.content_hash),
        "metadata": metadata(q.title, q.version, modified, extra),
        "groups": groups,
    }
    cited = sorted({ref for refs in q.references.values() for ref in refs},
                   key=lambda r: (ORDER.index(r[0]), list(FRAMEWORKS[r[0]].ids).index(r[1])))
    if cited:
        catalog["back-matter"] = {"resources": [{
            "uuid": _resource_uuid(key, ref),
            "title": f"{FRAMEWORKS[key].name} {ref} {FRAMEWORKS[key].ids[ref]}",
            "props": [prop("framework", key), prop("reference-id", ref)],
            "rlinks": [{"href": FRAMEWORK_HOME[key]}],
        } for key, ref in cited]}
    return {"catalog": catalog}
