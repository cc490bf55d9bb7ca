"""CISO Assistant's library loader rules, as its code applies them (intuitem/ciso-assistant-community:
``StoredLibrary.store_library_content`` in backend/core/models.py, ``LibraryImporter`` / ``FrameworkImporter`` /
``RequirementNodeImporter`` in backend/library/utils.py), for checking an exported library in the tests.

- the library: ``urn``, ``name``, ``version``, ``objects`` present (``REQUIRED_FIELDS``); the URN, lowercased,
  matches the loader's ``URN_REGEX``; ``objects`` holds ``framework`` (not with ``frameworks``);
- the framework: ``ref_id`` and ``urn`` present, at least one requirement node;
- each node: ``urn`` present (the loader lowercases it and its ``parent_urn``).

What the loader leaves to the database (unique URNs, a parent that exists) and what a library shipped with
CISO Assistant always has (``locale``, ``ref_id``, ``assessable``, a ``depth`` one below the parent's, lowercase
URNs of the form ``urn:<packager>:risk:<kind>:...``) are checked too.
"""

from __future__ import annotations

import re
from typing import Any

# The loader's URN_REGEX (backend/core/models.py).
URN_REGEX = re.compile(r"^urn:([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9_-]+))?:"
                       r"([0-9A-Za-z\[\]\(\)\-\._:]+)$")
LIBRARY_REQUIRED = ("urn", "locale", "ref_id", "name", "version", "objects")
FRAMEWORK_REQUIRED = ("urn", "ref_id")
NODE_REQUIRED = ("urn",)


def _urn_problems(urn: Any, where: str, packager: str | None, kind: str) -> list[str]:
    if not isinstance(urn, str) or not urn:
        return [f"{where}: urn missing or not a string"]
    problems = []
    if urn != urn.lower():
        problems.append(f"{where}: urn not lowercase: {urn}")
    m = URN_REGEX.match(urn.lower())
    if m is None:
        return [*problems, f"{where}: urn does not match the loader's URN_REGEX: {urn}"]
    if packager is not None and m.group(1) != packager:
        problems.append(f"{where}: urn's packager {m.group(1)} is not the library's {packager}")
    if m.group(2) != "risk" or m.group(3) != kind:
        problems.append(f"{where}: urn is not urn:<packager>:risk:{kind}:...: {urn}")
    return problems


def library_problems(doc: Any) -> list[str]:
    """Everything in ``doc`` (a parsed library YAML) that CISO Assistant's loader would refuse or mis-load."""
    if not isinstance(doc, dict):
        return ["the library is not a mapping"]
    problems = [f"library: missing {f}" for f in LIBRARY_REQUIRED if not doc.get(f) and doc.get(f) != 0]
    if not isinstance(doc.get("version"), int):
        problems.append("library: version must be an integer")
    packager = doc.get("packager") if isinstance(doc.get("packager"), str) else None
    problems += _urn_problems(doc.get("urn"), "library", packager, "library")
    objects = doc.get("objects")
    if not isinstance(objects, dict) or "framework" not in objects:
        return [*problems, "objects: no framework"]
    if "frameworks" in objects:
        problems.append("objects: both framework and frameworks")
    fw = objects["framework"]
    if not isinstance(fw, dict):
        return [*problems, "framework: not a mapping"]
    problems += [f"framework: missing {f}" for f in FRAMEWORK_REQUIRED if not fw.get(f)]
    problems += _urn_problems(fw.get("urn"), "framework", packager, "framework")
    nodes = fw.get("requirement_nodes")
    if not isinstance(nodes, list) or not nodes:
        return [*problems, "framework: no requirement_nodes"]
    depth: dict[str, int] = {}
    for i, node in enumerate(nodes):
        where = f"requirement_nodes[{i}]"
        if not isinstance(node, dict):
            problems.append(f"{where}: not a mapping")
            continue
        problems += [f"{where}: missing {f}" for f in NODE_REQUIRED if not node.get(f)]
        urn = node.get("urn")
        problems += _urn_problems(urn, where, packager, "req_node")
        if not isinstance(urn, str):
            continue
        key = urn.lower()
        if key in depth:
            problems.append(f"{where}: duplicate urn {urn}")
        if not isinstance(node.get("assessable"), bool):
            problems.append(f"{where}: assessable must be true or false")
        if not node.get("ref_id"):
            problems.append(f"{where}: missing ref_id")
        if not (node.get("name") or node.get("description")):
            problems.append(f"{where}: neither name nor description")
        level = node.get("depth")
        parent = node.get("parent_urn")
        if parent is None:
            if level != 1:
                problems.append(f"{where}: a top node must have depth 1")
        elif not isinstance(parent, str) or parent.lower() not in depth:
            problems.append(f"{where}: parent_urn {parent} is not a node before it")
        elif level != depth[parent.lower()] + 1:
            problems.append(f"{where}: depth {level} is not one below its parent's")
        depth[key] = level if isinstance(level, int) else -1
    return problems
