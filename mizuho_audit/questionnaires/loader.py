"""Read questionnaire, department master and policy files into domain objects, validated.

Every problem found is reported (not just the first), each with the file, the line, the
item id and the field, so an administrator editing a file can fix them all in one go.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema

from ..domain.departments import Body, Department, DepartmentMaster
from ..domain.questionnaire import (
    CORE,
    AcceptedOverlap,
    Chapter,
    FactCheck,
    Item,
    Questionnaire,
    RequiredTopic,
    Review,
    Rule,
    ScaleOption,
    Section,
    Theme,
    fold_spelling,
    spelling_clashes,
)
from ..i18n import _
from .problems import Problem, ValidationFailed
from .schema import DEPARTMENTS_SCHEMA, POLICY_SCHEMA, QUESTIONNAIRE_SCHEMA
from .yamlsafe import YamlDocument, YamlProblem, load_yaml_file


def _type_names() -> dict[str, str]:
    return {"string": _("文字列"), "integer": _("整数"), "number": _("数値"), "array": _("リスト"),
            "object": _("項目の集まり（マッピング）"), "boolean": "true/false", "null": _("空")}


@dataclass(frozen=True)
class Policy:
    id: str
    title: str
    edition: str
    clauses: dict[str, str]
    required_coverage: tuple[str, ...]
    # Words one of which the question of an item citing the clause must contain (narrow clauses only).
    clause_terms: dict[str, tuple[str, ...]] = field(default_factory=dict)


def content_hash(data: Any) -> str:
    """SHA-256 over a canonical JSON of the parsed content (comments and layout do not count)."""
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def questionnaire_hash(data: dict[str, Any]) -> str:
    """The content hash of a questionnaire: what was answered, without the scale's ``aliases``.

    The aliases only say how the Excel answer workbook is read (1, ○, はい → 実施している); leaving them
    out keeps a version's hash (and the workbooks and submissions that name it) when the town adds a
    spelling, and keeps the hashes of the versions made before aliases existed.
    """
    scale = data.get("scale")
    if not isinstance(scale, list):
        return content_hash(data)
    plain = [{k: v for k, v in s.items() if k != "aliases"} if isinstance(s, dict) else s for s in scale]
    return content_hash({**data, "scale": plain})


def _read(path: Path) -> YamlDocument:
    try:
        return load_yaml_file(path)
    except YamlProblem as exc:
        raise ValidationFailed([Problem(str(path), exc.message, exc.line)]) from exc


def _item_id_at(data: Any, path: tuple[str | int, ...]) -> str:
    """The id of the questionnaire item (or department) enclosing ``path``, if any."""
    node = data
    found = ""
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str) and ("question" in node or "traits" in node):
            found = node["id"]
    return found


def _shown(value: Any) -> str:
    """A value as the user wrote it (YAML-like, shortened), for messages; never Python's repr."""
    if value is None:
        return _("空")
    try:
        text = json.dumps(value, ensure_ascii=False, default=str, skipkeys=True)
    except (TypeError, ValueError, RecursionError):  # e.g. an integer of 10,000 digits
        return _("（表示できない値）")
    return text if len(text) <= 60 else text[:60] + "…"


def _kind(value: Any) -> str:
    for t, name in ((bool, "true/false"), (str, _("文字列")), (int, _("数値")), (float, _("数値")), (list, _("リスト")),
                    (dict, _("項目の集まり（マッピング）"))):
        if isinstance(value, t):
            return name
    return _("値")


def _schema_message(err: jsonschema.ValidationError) -> tuple[str, str]:
    """A message for the user and the field name for one schema error."""
    path = list(err.absolute_path)
    # The field is the nearest named key (a value inside a list, e.g. models[0], belongs to models).
    field = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
    v = err.validator
    if not path and v == "type":
        return (_("ファイル全体を「キー: 値」の形（マッピング）で書いてください（書かれているのは{kind}: "
                  "{shown}）。").format(kind=_kind(err.instance), shown=_shown(err.instance))), ""
    if v == "required":
        missing = str(err.message).split("'")[1] if "'" in err.message else str(err.message)
        return _("必須の「{missing}」がありません。").format(missing=missing), missing
    if v == "additionalProperties":
        schema = err.schema if isinstance(err.schema, dict) else {}
        extra = sorted({k if isinstance(k, str) else "null" if k is None else _shown(k) for k in err.instance}
                       - set(schema.get("properties", {}))) if isinstance(err.instance, dict) else []
        return _("知らない項目名です: {names}（綴りを確認してください）。"
                 ).format(names=', '.join(extra)), ", ".join(extra)
    if v == "type":
        expected = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        names = _("・").join(_type_names().get(str(t), str(t)) for t in expected)
        return _("{names}で書いてください（書かれている値: {shown}）。"
                 ).format(names=names, shown=_shown(err.instance)), field
    if v == "enum":
        allowed = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        options = _("・").join(str(o) for o in allowed)
        return _("次のいずれかを書いてください: {options}（書かれている値: {shown}）。"
                 ).format(options=options, shown=_shown(err.instance)), field
    if v == "const":
        return _("「{expected}」と書いてください（書かれている値: {shown}）。"
                 ).format(expected=err.validator_value, shown=_shown(err.instance)), field
    if v == "pattern":
        return _("形式が違います（書かれている値: {shown}、形式: {pattern}）。"
                 ).format(shown=_shown(err.instance), pattern=err.validator_value), field
    if v in ("minItems", "minProperties", "minLength"):
        return _("空にはできません。"), field
    if v == "uniqueItems":
        return _("同じ値が重複しています。"), field
    if v in ("minimum", "maximum", "exclusiveMinimum"):
        return _("値の範囲外です（書かれている値: {shown}）。").format(shown=_shown(err.instance)), field
    return _("値が正しくありません（書かれている値: {shown}）。").format(shown=_shown(err.instance)), field


def _schema_problems(doc: YamlDocument, schema: dict[str, Any], file: str) -> list[Problem]:
    if doc.data is None:
        return [Problem(file, _("ファイルが空です（内容が何も書かれていません）。"))]
    import jsonschema  # only when files are validated: a cached catalog starts without it

    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for err in sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(err.absolute_path)
        message, field = _schema_message(err)
        problems.append(Problem(file, message, doc.line_of(path), _item_id_at(doc.data, path), field))
    return problems


def load_policy(path: Path) -> Policy:
    doc = _read(path)
    problems = _schema_problems(doc, POLICY_SCHEMA, str(path))
    if problems:
        raise ValidationFailed(problems)
    d = doc.data
    clauses = {str(k): str(v) for k, v in d["clauses"].items()}
    for key in ("required_coverage", "clause_terms"):
        unknown = [str(c) for c in d.get(key, ()) if c not in clauses]
        if unknown:
            problems.append(Problem(str(path), _("条項一覧にない条項です: {names}").format(names=', '.join(unknown)),
                                    doc.line_of((key,)), "", key))
    if problems:
        raise ValidationFailed(problems)
    clause_terms = {str(k): tuple(str(t) for t in v) for k, v in d.get("clause_terms", {}).items()}
    return Policy(d["id"], d["title"], d["edition"], clauses, tuple(d["required_coverage"]), clause_terms)


def load_departments(path: Path) -> DepartmentMaster:
    file = str(path)
    doc = _read(path)
    problems = _schema_problems(doc, DEPARTMENTS_SCHEMA, file)
    if problems:
        raise ValidationFailed(problems)
    d = doc.data
    traits = {str(k): str(v) for k, v in d["traits"].items()}
    bodies = []
    body_ids: set[str] = set()
    for i, b in enumerate(d["bodies"]):
        if b["id"] in body_ids:
            problems.append(Problem(file, _("機関ID「{id}」が重複しています。"
                                            ).format(id=b['id']), doc.line_of(("bodies", i)),
                                    b["id"], "id"))
        body_ids.add(b["id"])
        bodies.append(Body(b["id"], b["name"]))
    body_names = {b.id: b.name for b in bodies}
    departments = []
    seen: set[str] = set()
    for i, dep in enumerate(d["departments"]):
        where = doc.line_of(("departments", i))
        if dep["id"] in seen:
            problems.append(Problem(file, _("部署ID「{id}」が重複しています。"
                                            ).format(id=dep['id']), where, dep["id"], "id"))
        seen.add(dep["id"])
        if dep["body"] not in body_names:
            problems.append(Problem(file, _("機関「{body}」が bodies にありません。").format(body=dep['body']),
                                    doc.line_of(("departments", i, "body")), dep["id"], "body"))
        for t in dep["traits"]:
            if t not in traits:
                problems.append(Problem(file, _("特性「{trait}」は traits に定義されていません。").format(trait=t),
                                        doc.line_of(("departments", i, "traits")), dep["id"], "traits"))
        if dep.get("active", True):
            departments.append(Department(
                id=dep["id"], name=dep["name"], body_id=dep["body"], body_name=body_names.get(dep["body"], ""),
                division=dep.get("division", ""), traits=frozenset(dep["traits"]), note=dep.get("note", ""),
            ))
    if problems:
        raise ValidationFailed(problems)
    return DepartmentMaster(str(d["version"]), d["title"], traits, tuple(bodies), tuple(departments), file)


def load_questionnaire(path: Path, policy: Policy | None = None, traits: set[str] | None = None) -> Questionnaire:
    """Load and validate one questionnaire file.

    ``policy`` enables the clause check, ``traits`` the check of applicability rules.
    """
    doc = _read(path)
    return questionnaire_from_document(doc, str(path), policy, traits)


def questionnaire_from_document(doc: YamlDocument, file: str, policy: Policy | None,
                                traits: set[str] | None) -> Questionnaire:
    problems = _schema_problems(doc, QUESTIONNAIRE_SCHEMA, file)
    if problems:
        raise ValidationFailed(problems)
    d = doc.data
    scale = tuple(
        ScaleOption(s["key"], s["label"], None if s["score"] is None else float(s["score"]),
                    bool(s.get("requires_reason", False)), bool(s.get("requires_plan", False)),
                    tuple(s.get("aliases", ())))
        for s in d["scale"]
    )
    keys = [s.key for s in scale]
    if len(set(keys)) != len(keys):
        problems.append(Problem(file, _("評価の key が重複しています。"), doc.line_of(("scale",)), "", "scale"))
    for i, opt in enumerate(scale):
        if any(not fold_spelling(a) for a in opt.aliases):
            problems.append(Problem(file, _("評価「{label}」の aliases に空白だけの書き方があります。"
                                            ).format(label=opt.label), doc.line_of(("scale", i, "aliases")),
                                    "", "aliases"))
    for spelling, first, second in spelling_clashes(scale):
        problems.append(Problem(file, _("書き方「{spelling}」が評価「{first}」と「{second}」の両方に付いています"
                                        "（一つの書き方は一つの選択肢にだけ付けてください）。"
                                        ).format(spelling=spelling, first=first.label, second=second.label),
                                doc.line_of(("scale", keys.index(second.key))), "", "aliases"))
    if not any(s.score is not None for s in scale):
        problems.append(Problem(file, _("点数を持つ評価が一つもありません。"), doc.line_of(("scale",)), "", "scale"))

    seen_items: dict[str, int] = {}
    seen_chapters: set[str] = set()
    chapters = []
    for ci, ch in enumerate(d["chapters"]):
        cpath: tuple[str | int, ...] = ("chapters", ci)
        if ch["id"] in seen_chapters:
            problems.append(Problem(file, _("章ID「{id}」が重複しています。"
                                            ).format(id=ch['id']), doc.line_of(cpath), "", "id"))
        seen_chapters.add(ch["id"])
        _check_clause(ch["clause"], policy, file, doc.line_of((*cpath, "clause")), "", problems)
        sections = []
        seen_sections: set[str] = set()
        for si, sec in enumerate(ch["sections"]):
            spath = (*cpath, "sections", si)
            if sec["id"] in seen_sections:
                problems.append(Problem(file, _("節ID「{id}」が重複しています。"
                                                ).format(id=sec['id']), doc.line_of(spath), "", "id"))
            seen_sections.add(sec["id"])
            items = []
            for ii, it in enumerate(sec["items"]):
                ipath = (*spath, "items", ii)
                iid = it["id"]
                if iid in seen_items:
                    problems.append(Problem(file, _("項目ID が重複しています（{line}行目にも同じID）。"
                                                    ).format(line=seen_items[iid]),
                                            doc.line_of(ipath), iid, "id"))
                else:
                    seen_items[iid] = doc.line_of(ipath)
                _check_clause(it["clause"], policy, file, doc.line_of((*ipath, "clause")), iid, problems)
                for r in it.get("related", []):
                    _check_clause(r, policy, file, doc.line_of((*ipath, "related")), iid, problems, "related")
                rule_data = it.get("applies_if", {})
                _unknown_traits(rule_data, traits, file, doc, (*ipath, "applies_if"), iid, "applies_if", problems)
                items.append(Item(
                    id=iid, question=it["question"].strip(),
                    criteria_done=it["criteria"]["done"].strip(), criteria_partial=it["criteria"]["partial"].strip(),
                    evidence=tuple(it["evidence"]), clause=it["clause"], importance=it["importance"],
                    cia=tuple(it["cia"]), tiers=tuple(it.get("tiers", ())),
                    respondent=it.get("respondent", "all"),
                    rule=_rule(rule_data),
                    related=tuple(it.get("related", ())), guidance=it.get("guidance", "").strip(),
                    chapter_id=ch["id"], section_id=sec["id"],
                    rotation=it.get("rotation", CORE), minutes=it.get("minutes"),
                    answered_by=it.get("answered_by", "department"), models=tuple(it.get("models", ())),
                ))
            sections.append(Section(sec["id"], sec["title"], tuple(items)))
        chapters.append(Chapter(ch["id"], ch["title"], ch["clause"], tuple(sections)))
    review = _review(d.get("review", {}), doc, file, set(seen_items), traits, problems)
    all_items = [it for ch in chapters for sec in ch.sections for it in sec.items]
    groups, due = _rotation(d, doc, file, all_items, seen_items, problems)
    themes = _themes(d.get("themes", ()), doc, file, set(seen_items), problems)
    supplement = d.get("supplement_only", [])
    _unknown_traits({"supplement_only": supplement} if supplement else {}, traits, file, doc, (), "", "",
                    problems)
    model = d.get("network_model", "")
    if not model:
        for it in all_items:
            if it.models:
                problems.append(Problem(file, _("項目が尋ねる構成（models）を決めていますが、ファイルの先頭に町の構成"
                                                "（network_model）が書かれていません。"),
                                        seen_items[it.id], it.id, "models"))
                break
    if problems:
        raise ValidationFailed(problems)
    minutes = {"office": 3, "technical": 5, "system": 8, **d.get("answer_minutes", {})}
    return Questionnaire(
        id=d["id"], version=str(d["version"]), title=d["title"], fiscal_year=int(d["fiscal_year"]),
        policy_title=d["policy"]["title"], policy_edition=d["policy"]["edition"],
        weights={k: float(v) for k, v in d["weights"].items()}, scale=scale, chapters=tuple(chapters),
        content_hash=questionnaire_hash(d), source=file, data=d, review=review, network_model=model,
        rotation_groups=groups, due_group=due, themes=themes, answer_minutes=minutes,
        supplement_only=frozenset(supplement),
    )


def _rotation(d: dict[str, Any], doc: YamlDocument, file: str, items: list[Item], lines: dict[str, int],
              problems: list[Problem]) -> tuple[tuple[str, ...], str]:
    """The rotation groups and the group due this 年度; every item's group must be one of them."""
    rotation = d.get("rotation")
    groups: tuple[str, ...] = tuple(rotation["groups"]) if rotation else ()
    due = str(rotation["due"]) if rotation else ""
    if rotation and due not in groups:
        problems.append(Problem(file, _("この年度に尋ねる群「{due}」が、ローテーションの群（{groups}）にありません。"
                                        ).format(due=due, groups=_("・").join(groups)),
                                doc.line_of(("rotation", "due")), "", "rotation.due"))
    for it in items:
        if it.rotation == CORE or it.rotation in groups:
            continue
        if groups:
            message = _("ローテーションの群「{group}」は、ファイルの先頭の rotation.groups（{groups}）にありません。"
                        ).format(group=it.rotation, groups=_("・").join(groups))
        else:
            message = _("ローテーションの群「{group}」を使っていますが、ファイルの先頭に rotation（群の一覧と"
                        "この年度の群）が書かれていません。").format(group=it.rotation)
        problems.append(Problem(file, message, lines.get(it.id, 0), it.id, "rotation"))
    return groups, due


def _themes(data: Any, doc: YamlDocument, file: str, item_ids: set[str], problems: list[Problem]
            ) -> tuple[Theme, ...]:
    themes = []
    seen: set[str] = set()
    for i, t in enumerate(data):
        if t["id"] in seen:
            problems.append(Problem(file, _("テーマのID「{id}」が重複しています。").format(id=t["id"]),
                                    doc.line_of(("themes", i, "id")), "", "themes.id"))
        seen.add(t["id"])
        for iid in t["items"]:
            if iid not in item_ids:
                problems.append(Problem(file, _("テーマ「{title}」の項目はチェックリストにありません。"
                                                ).format(title=t["title"]),
                                        doc.line_of(("themes", i, "items")), iid, "themes.items"))
        themes.append(Theme(t["id"], t["title"], tuple(t["items"]), t.get("note", "")))
    return tuple(themes)


def _rule(data: dict[str, Any]) -> Rule:
    return Rule(frozenset(data.get("all_of", ())), frozenset(data.get("any_of", ())),
                frozenset(data.get("none_of", ())))


def _unknown_traits(rule_data: dict[str, Any], traits: set[str] | None, file: str, doc: YamlDocument,
                    path: tuple[str | int, ...], item: str, field_prefix: str, problems: list[Problem]) -> None:
    if traits is None:
        return
    for key, names in rule_data.items():
        for name in names:
            if name not in traits:
                problems.append(Problem(file, _("部署マスタにない特性「{name}」です。").format(name=name),
                                        doc.line_of((*path, key)), item,
                                        f"{field_prefix}.{key}" if field_prefix else key))


def _review(data: dict[str, Any], doc: YamlDocument, file: str, item_ids: set[str], traits: set[str] | None,
            problems: list[Problem]) -> Review:
    accepted = []
    for i, entry in enumerate(data.get("accepted_overlaps", ())):
        for iid in entry["items"]:
            if iid not in item_ids:
                problems.append(Problem(file, _("チェックリストにない項目です（accepted_overlaps）。"),
                                        doc.line_of(("review", "accepted_overlaps", i, "items")), iid, "items"))
        accepted.append(AcceptedOverlap(frozenset(entry["items"]), entry["reason"].strip()))
    topics = []
    for i, entry in enumerate(data.get("required_topics", ())):
        reach = entry.get("reach", {})
        _unknown_traits(reach, traits, file, doc, ("review", "required_topics", i, "reach"), "", "reach", problems)
        topics.append(RequiredTopic(entry["title"], tuple(entry["terms"]), _rule(reach)))
    facts = tuple(FactCheck(f["term"], f["right"], tuple(f["wrong"]), f.get("note", ""))
                  for f in data.get("facts", ()))
    return Review(tuple(accepted), tuple(topics), facts)


def questionnaire_from_data(data: dict[str, Any], source: str, policy: Policy | None = None) -> Questionnaire:
    """Rebuild a questionnaire from content stored in a database (validated again)."""
    return questionnaire_from_document(YamlDocument(data, {}), source, policy, None)


def _check_clause(clause: str, policy: Policy | None, file: str, line: int, item: str,
                  problems: list[Problem], field: str = "clause") -> None:
    if policy is not None and clause not in policy.clauses:
        problems.append(Problem(file, _("方針に条項「{clause}」はありません（{title}の条項一覧を参照）。"
                                        ).format(clause=clause, title=policy.title),
                                line, item, field))
