"""Crosswalks: for each item of a checklist, the sections, controls and items of other frameworks it
answers to (the 総務省 guideline, ISO/IEC 27001:2022 Annex A, NIST CSF 2.0, IPA 自社診断).

A crosswalk is data (``crosswalk-*.yaml`` beside the checklists), validated like them: every framework id
must be in the closed vocabularies of :mod:`.frameworks`, every item id in the checklist it names.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..domain.frameworks import FRAMEWORKS, ORDER, display_name
from ..domain.questionnaire import Questionnaire
from ..i18n import _
from .loader import _schema_problems
from .problems import Problem, ValidationFailed
from .schema import CROSSWALK_FORMAT, CROSSWALK_SCHEMA
from .yamlsafe import YamlDocument, YamlProblem, load_yaml_file


@dataclass(frozen=True)
class Crosswalk:
    questionnaire_id: str
    version: str
    refs: dict[str, dict[str, tuple[str, ...]]]  # item id -> framework key -> ids
    source: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # item id -> line in the file

    def references(self, item_id: str) -> list[tuple[str, str]]:
        """(framework key, id) of one item, in the order of :data:`ORDER`."""
        refs = self.refs.get(item_id, {})
        return [(key, ref) for key in ORDER for ref in refs.get(key, ())]


def with_references(q: Questionnaire, crosswalk: Crosswalk | None) -> Questionnaire:
    """The checklist carrying its items' references (shown in the window, exported to OSCAL)."""
    if crosswalk is None:
        return q
    refs = {it.id: tuple(crosswalk.references(it.id)) for it in q.items()}
    return replace(q, references={k: v for k, v in refs.items() if v})


def is_crosswalk(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == CROSSWALK_FORMAT


def load_crosswalk(path: Path, questionnaires: dict[tuple[str, str], Questionnaire] | None = None) -> Crosswalk:
    """Read and check a crosswalk: its framework ids and, with ``questionnaires`` (by id and version), that
    its checklist is there and has each item. Every problem is reported at once."""
    file = str(path)
    try:
        doc = load_yaml_file(path)
    except YamlProblem as exc:
        raise ValidationFailed([Problem(file, exc.message, exc.line)]) from exc
    return crosswalk_from_document(doc, file, questionnaires)


def crosswalk_from_document(doc: YamlDocument, file: str,
                            questionnaires: dict[tuple[str, str], Questionnaire] | None = None) -> Crosswalk:
    problems = _schema_problems(doc, CROSSWALK_SCHEMA, file)
    if problems:
        raise ValidationFailed(problems)
    d = doc.data
    refs: dict[str, dict[str, tuple[str, ...]]] = {}
    for item_id, by_framework in d["items"].items():
        refs[item_id] = {}
        for key, values in by_framework.items():
            framework = FRAMEWORKS[key]
            ids = tuple(str(v) for v in values)
            unknown = [v for v in ids if v not in framework.ids]
            if unknown:
                problems.append(Problem(file, _("{framework} にない ID です: {ids}").format(
                    framework=display_name(key), ids=_("、").join(unknown)),
                    doc.line_of(("items", item_id, key)), item_id, key))
            refs[item_id][key] = ids
    named = d["questionnaire"]
    crosswalk = Crosswalk(named["id"], str(named["version"]), refs, file,
                          {iid: doc.line_of(("items", iid)) for iid in refs})
    if questionnaires is not None:
        q = questionnaires.get((crosswalk.questionnaire_id, crosswalk.version))
        if q is None:
            problems.append(Problem(file, _("対応表のチェックリスト（{id} 版 {version}）がありません。"
                                            "先にチェックリストを取り込んでください。").format(
                id=crosswalk.questionnaire_id, version=crosswalk.version),
                doc.line_of(("questionnaire",)), "", "questionnaire"))
        else:
            problems += check_crosswalk(crosswalk, q)
    if problems:
        raise ValidationFailed(problems)
    return crosswalk


def check_crosswalk(crosswalk: Crosswalk, q: Questionnaire) -> list[Problem]:
    """Items of the crosswalk that the checklist does not have."""
    known = {it.id for it in q.items()}
    return [Problem(crosswalk.source, _("チェックリスト「{title}」（版 {version}）にない項目です。").format(
        title=q.title, version=q.version), crosswalk.lines.get(iid, 0), iid, "items")
        for iid in crosswalk.refs if iid not in known]


def framework_coverage(crosswalk: Crosswalk | None, q: Questionnaire) -> dict[str, dict[str, Any]]:
    """Per framework: how many of its ids at least one item cites, and how many items cite it."""
    items = [it.id for it in q.items()]
    result: dict[str, dict[str, Any]] = {}
    for key in ORDER:
        framework = FRAMEWORKS[key]
        cited: set[str] = set()
        with_ref = 0
        for iid in items:
            refs = crosswalk.refs.get(iid, {}).get(key, ()) if crosswalk else ()
            cited.update(refs)
            with_ref += bool(refs)
        result[key] = {"name": display_name(key), "covered": len(cited), "of": len(framework.ids),
                       "items_with_reference": with_ref, "items": len(items),
                       "not_covered": [i for i in framework.ids if i not in cited]}
    return result
