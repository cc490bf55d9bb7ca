"""The JSON the app exchanges (submission snapshot, answers file, 差戻し notice) described by JSON Schema.

A file made by hand or by another program is checked against these before anything is read from it;
:func:`first_problem` names the first field that does not fit, in the words of the importer's messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_TEXT: dict[str, Any] = {"type": "string"}
_TEXT_OR_NULL: dict[str, Any] = {"type": ["string", "null"]}
_COUNT: dict[str, Any] = {"type": "integer"}
_ANSWER_TEXTS = ("rating", "note", "reason", "plan_content", "plan_owner", "plan_due")

_ANSWER: dict[str, Any] = {
    "type": "object",
    "required": ["item_id"],
    "properties": {"item_id": _TEXT, **{k: _TEXT_OR_NULL for k in _ANSWER_TEXTS},
                   "attachments": {"type": "array", "items": {
                       "type": "object", "required": ["name", "sha256"],
                       "properties": {"name": _TEXT, "sha256": _TEXT}}}},
}

_CHANGES: dict[str, Any] = {"type": "array", "items": {
    "type": "object", "required": ["item_id", "before", "after"],
    "properties": {"item_id": _TEXT, "previous_item_id": _TEXT, "before": _TEXT, "after": _TEXT}}}

SNAPSHOT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "mizuho-audit/submission@1 (the answers a department submitted, hashed and signed)",
    "type": "object",
    "required": ["format", "department", "fiscal_year", "questionnaire", "approver", "answers"],
    "properties": {
        "format": {"const": "mizuho-audit/submission@1"},
        "department": {"type": "object", "required": ["id", "name"], "properties": {"id": _TEXT, "name": _TEXT}},
        "fiscal_year": _COUNT,
        "questionnaire": {"type": "object", "required": ["id", "version", "content_hash"],
                          "properties": {"id": _TEXT, "version": _TEXT, "content_hash": _TEXT,
                                         "title": _TEXT_OR_NULL}},
        "approver": {"type": "object", "required": ["name", "title", "date"],
                     "properties": {"name": _TEXT, "title": _TEXT, "date": _TEXT}},
        "submission_version": _COUNT,
        "submitted_at": _TEXT,
        "submitted_by": _TEXT,
        "answers": {"type": "array", "items": _ANSWER},
        # Under a rotation: the items (and themes) the department was asked in the 年度.
        "asked": {"type": "object", "required": ["items"],
                  "properties": {"group": _TEXT, "themes": {"type": "array", "items": _TEXT},
                                 "items": {"type": "array", "items": _TEXT}}},
        # Which items improved and which declined since last year, as the department's database saw it.
        "since_last_year": {"type": "object", "required": ["from_year"],
                            "properties": {"from_year": _COUNT, "compared": _COUNT, "improved": _CHANGES,
                                           "declined": _CHANGES}},
    },
}

ANSWERS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "mizuho-audit/answers@1 (a department's answers as plain JSON, not a submission)",
    "type": "object",
    "required": ["format", "department", "fiscal_year", "questionnaire", "answers"],
    "properties": {
        "format": {"const": "mizuho-audit/answers@1"},
        "department": _TEXT,
        "fiscal_year": _COUNT,
        "questionnaire": {"type": "object", "required": ["content_hash"], "properties": {"content_hash": _TEXT}},
        "answers": {"type": "array", "items": {**_ANSWER, "properties": {
            "item_id": _TEXT, **{k: _TEXT_OR_NULL for k in _ANSWER_TEXTS}}}},
    },
}

NOTICE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "mizuho-audit/notice@1 (a 差戻し notice from the auditor)",
    "type": "object",
    "required": ["format", "kind", "department", "fiscal_year", "submission_version", "snapshot_hash", "reason",
                 "issued_by", "issued_at"],
    "properties": {
        "format": {"const": "mizuho-audit/notice@1"},
        "kind": {"const": "returned"},
        "department": {"type": "object", "required": ["id", "name"], "properties": {"id": _TEXT, "name": _TEXT}},
        "fiscal_year": _COUNT, "submission_version": _COUNT, "snapshot_hash": _TEXT, "reason": _TEXT,
        "issued_by": _TEXT, "issued_at": _TEXT,
    },
}


_KNOWN = frozenset({"$schema", "title", "type", "required", "properties", "items", "const"})
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "null": (type(None),), "object": (dict,),
                                              "array": (list,), "integer": (int,)}
_Check = Callable[[Any], bool]
_compiled: dict[int, tuple[dict[str, Any], _Check]] = {}


def _never(_data: Any) -> bool:
    return False


def _compile(schema: dict[str, Any]) -> _Check:
    """A check that ``data`` surely fits ``schema``, for the keywords the schemas above use (a submission's ~300
    answers go through ``jsonschema`` in ~10 ms, through this in a fraction of one).

    Never looser than JSON Schema: a keyword it does not know, a schema without a type beyond a const, or a
    value it is not sure of (a const that is not a string, an integral float) gives False, and
    :func:`first_problem` asks ``jsonschema`` instead."""
    if not _KNOWN.issuperset(schema):
        return _never
    const = schema.get("const")
    if "const" in schema and not isinstance(const, str):
        return _never
    kind = schema.get("type")
    if kind is None:
        if {"required", "properties", "items"} & set(schema):
            return _never
        return lambda data: isinstance(data, str) and data == const
    kinds = kind if isinstance(kind, list) else [kind]
    if any(k not in _PYTHON_TYPES for k in kinds):
        return _never
    types = tuple(t for k in kinds for t in _PYTHON_TYPES[k])
    exclude_bool = "integer" in kinds
    required = tuple(schema.get("required", ()))
    # A property whose schema is only a type is checked here, without a call (an answer has ~9 of them).
    properties = tuple((key, _compile(sub), _plain(sub)) for key, sub in schema.get("properties", {}).items())
    items = _compile(schema["items"]) if "items" in schema else None

    def check(data: Any) -> bool:
        if not isinstance(data, types) or (exclude_bool and isinstance(data, bool)):
            return False
        if const is not None and data != const:
            return False
        if isinstance(data, dict):
            for key in required:
                if key not in data:
                    return False
            for key, sub, plain in properties:
                if key in data:
                    value = data[key]
                    if plain is None:
                        if not sub(value):
                            return False
                    elif not isinstance(value, plain[0]) or (plain[1] and isinstance(value, bool)):
                        return False
        elif items is not None and isinstance(data, list):
            for value in data:
                if not items(value):
                    return False
        return True

    return check


def _plain(schema: dict[str, Any]) -> tuple[tuple[type, ...], bool] | None:
    """The types of a schema that says nothing but its type (and a title), and whether booleans are out (an
    integer): what :func:`_compile`'s check of the same schema tests, no more; None for any other schema."""
    if not set(schema) <= {"type", "title", "$schema"}:
        return None
    kind = schema.get("type")
    kinds: list[str] = kind if isinstance(kind, list) else [kind] if isinstance(kind, str) else []
    if not kinds or any(k not in _PYTHON_TYPES for k in kinds):
        return None
    return tuple(t for k in kinds for t in _PYTHON_TYPES[k]), "integer" in kinds


def _fits(schema: dict[str, Any], data: Any) -> bool:
    """Whether ``data`` surely fits ``schema`` (see :func:`_compile`; False: ask ``jsonschema``)."""
    found = _compiled.get(id(schema))
    if found is None or found[0] is not schema:
        found = (schema, _compile(schema))
        _compiled[id(schema)] = found
    return found[1](data)


def first_problem(schema: dict[str, Any], data: Any) -> tuple[str, str, int | None] | None:
    """The first place ``data`` does not fit ``schema``: (kind, top-level field, row number in a list).

    ``kind`` is ``missing`` (a required field is absent) or ``wrong`` (present with the wrong type or value).
    None when it fits. Booleans are not counts (JSON Schema already says so for "integer").
    """
    if _fits(schema, data):
        return None
    import jsonschema  # only for data the compiled check is not sure of (~35 ms to import)

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.absolute_path).__len__(), str(e.path)))
    if not errors:
        return None
    error = errors[0]
    path = list(error.absolute_path)
    if error.validator == "required" and not path:
        missing = next((k for k in schema["required"] if k not in data), "") if isinstance(data, dict) else ""
        return "missing", str(missing), None
    field = str(path[0]) if path else ""
    row = int(path[1]) + 1 if len(path) > 1 and isinstance(path[1], int) else None
    return "wrong", field, row
