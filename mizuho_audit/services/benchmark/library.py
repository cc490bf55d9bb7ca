"""The questionnaire as a framework library in CISO Assistant's YAML format, so that a larger body (a
prefecture, a shared service) can load the town's checklist there.

The layout follows CISO Assistant's library loader: the library's ``urn``, ``locale``, ``ref_id``, ``name``,
``version`` (an integer) and ``objects``; ``objects.framework`` with its ``urn``, ``ref_id`` and
``requirement_nodes``; each node with its ``urn`` and, below the top, its ``parent_urn``. URNs are lowercase,
``urn:<packager>:risk:<kind>:<name>`` with only letters, digits and ``-._:()[]`` in the name. Chapters and
sections are headings (``assessable: false``); the items are the requirements assessed.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ...domain.questionnaire import Item, Questionnaire
from ...domain.wareki import fiscal_year_label

PACKAGER = "mizuho-audit"
PROVIDER = "瑞穂町"
LOCALE = "ja"


def urn_part(text: str) -> str:
    """A piece of a URN: lowercase, each character CISO Assistant does not accept replaced by ``-``."""
    return re.sub(r"[^0-9a-z\-._]", "-", text.lower())


def _version_number(version: str) -> int:
    """CISO Assistant's library version is an integer that grows: '2026.1' -> 20261."""
    digits = "".join(re.findall(r"\d+", version))
    return int(digits) if digits else 1


def _item_node(item: Item, urn: str, parent: str) -> dict[str, Any]:
    annotation = f"実施している: {item.criteria_done}"
    if item.criteria_partial:
        annotation += f"\n一部実施している: {item.criteria_partial}"
    node: dict[str, Any] = {"urn": urn, "assessable": True, "depth": 3, "parent_urn": parent, "ref_id": item.id,
                            "description": item.question, "annotation": annotation}
    if item.evidence:
        node["typical_evidence"] = "\n".join(item.evidence)
    return node


def library_document(q: Questionnaire) -> dict[str, Any]:
    """The library of one questionnaire (a plain structure for a YAML dumper)."""
    ref = urn_part(f"{q.id}-{q.fiscal_year}")
    framework_urn = f"urn:{PACKAGER}:risk:framework:{ref}"
    node_base = f"urn:{PACKAGER}:risk:req_node:{ref}"
    nodes: list[dict[str, Any]] = []
    for chapter in q.chapters:
        chapter_urn = f"{node_base}:ch-{urn_part(chapter.id)}"
        nodes.append({"urn": chapter_urn, "assessable": False, "depth": 1, "ref_id": chapter.id,
                      "name": chapter.title, "description": f"方針 {chapter.clause}" if chapter.clause else ""})
        for section in chapter.sections:
            section_urn = f"{node_base}:sec-{urn_part(section.id)}"
            nodes.append({"urn": section_urn, "assessable": False, "depth": 2, "parent_urn": chapter_urn,
                          "ref_id": section.id, "name": section.title})
            for item in section.items:
                nodes.append(_item_node(item, f"{node_base}:{urn_part(item.id)}", section_urn))
    description = (f"{q.title}（{fiscal_year_label(q.fiscal_year)}の版 {q.version}）。"
                   f"出典: {q.policy_title}（{q.policy_edition}）")
    return {
        "urn": f"urn:{PACKAGER}:risk:library:{ref}",
        "locale": LOCALE,
        "ref_id": ref,
        "name": q.title,
        "description": description,
        "copyright": f"© {PROVIDER}",
        "version": _version_number(q.version),
        "provider": PROVIDER,
        "packager": PACKAGER,
        "objects": {"framework": {
            "urn": framework_urn,
            "ref_id": ref,
            "name": q.title,
            "description": description,
            "requirement_nodes": nodes,
        }},
    }


def library_yaml(q: Questionnaire) -> bytes:
    """The library as UTF-8 YAML (a safe dumper; Japanese written as it is, not escaped)."""
    text = yaml.safe_dump(library_document(q), allow_unicode=True, sort_keys=False, width=1000,
                          default_flow_style=False)
    return text.encode("utf-8")
