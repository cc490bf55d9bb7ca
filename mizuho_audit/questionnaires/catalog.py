"""The set of questionnaires, the department master and the policy in use.

The shipped files (``questionnaires/`` in the app) are defaults. The town's own copies live in
the user's data folder and win over the shipped ones; an update of the app never touches them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain.departments import DepartmentMaster
from ..domain.questionnaire import Questionnaire
from ..fileio import write_atomic
from ..i18n import _
from .crosswalk import (
    CROSSWALK_FORMAT,
    Crosswalk,
    crosswalk_from_document,
    is_crosswalk,
    load_crosswalk,
    with_references,
)
from .loader import Policy, load_departments, load_policy, questionnaire_from_document
from .mapping import (
    DEPARTMENT_CHANGES_FORMAT,
    DepartmentChanges,
    ItemMapping,
    check_item_mapping,
    load_department_changes,
    load_item_mapping,
)
from .problems import Problem, ValidationFailed
from .yamlsafe import YamlDocument, YamlProblem, load_yaml_file

POLICY_FILE = "policy.yaml"
DEPARTMENTS_FILE = "departments.yaml"
DEPARTMENT_CHANGES_FILE = "department-changes.yaml"
MAPPINGS_DIR = "mappings"
QUESTIONNAIRE_FORMAT = "mizuho-audit/questionnaire@1"


@dataclass
class Catalog:
    policy: Policy
    master: DepartmentMaster
    questionnaires: list[Questionnaire] = field(default_factory=list)
    mappings: list[ItemMapping] = field(default_factory=list)
    department_changes: DepartmentChanges = field(default_factory=DepartmentChanges)
    # Where the files came from (the shipped folder, then the town's), for the checks that look at files.
    folders: tuple[Path, ...] = ()
    crosswalks: list[Crosswalk] = field(default_factory=list)
    # A crosswalk that no longer fits its checklist (an item removed from it) is left out, not fatal: the
    # app keeps working, and ``questionnaire validate`` and the coverage report list these problems.
    crosswalk_problems: list[Problem] = field(default_factory=list)

    def crosswalk_for(self, q: Questionnaire) -> Crosswalk | None:
        """The references of a checklist's items to other frameworks (the town's own wins)."""
        return next((c for c in self.crosswalks if (c.questionnaire_id, c.version) == (q.id, q.version)), None)

    def mapping_between(self, old: Questionnaire, new: Questionnaire) -> ItemMapping | None:
        for m in self.mappings:
            if (m.from_id, m.from_version, m.to_id, m.to_version) == (old.id, old.version, new.id, new.version):
                return m
        return None

    def years(self) -> list[int]:
        return sorted({q.fiscal_year for q in self.questionnaires})

    def for_year(self, year: int) -> Questionnaire | None:
        """The questionnaire of a 年度 (the latest version where there are several)."""
        candidates = [q for q in self.questionnaires if q.fiscal_year == year]
        if not candidates:
            return None
        return max(candidates, key=lambda q: _version_key(q.version))

    def find(self, questionnaire_id: str, version: str) -> Questionnaire | None:
        for q in self.questionnaires:
            if q.id == questionnaire_id and q.version == version:
                return q
        return None


def _version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in version.replace("-", ".").split("."))


def _questionnaire_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml")
                  if p.name not in (POLICY_FILE, DEPARTMENTS_FILE, DEPARTMENT_CHANGES_FILE))


def _read_document(path: Path) -> YamlDocument:
    try:
        return load_yaml_file(path)
    except YamlProblem as exc:
        raise ValidationFailed([Problem(str(path), exc.message, exc.line)]) from exc


def _load_questionnaire_file(path: Path, policy: Policy, traits: set[str]) -> Questionnaire | None:
    return _questionnaire_of(_read_document(path), path, policy, traits)


def _questionnaire_of(doc: YamlDocument, path: Path, policy: Policy, traits: set[str]) -> Questionnaire | None:
    if not isinstance(doc.data, dict) or doc.data.get("format") != QUESTIONNAIRE_FORMAT:
        return None  # some other YAML file (e.g. a version mapping): not a questionnaire
    return questionnaire_from_document(doc, str(path), policy, traits)


def empty_checklist_problems(master: DepartmentMaster, questionnaire: Questionnaire) -> list[Problem]:
    problems = []
    for dep in master.departments:
        if not any(questionnaire.applies(it, dep.traits) for it in questionnaire.items()):
            problems.append(Problem(
                questionnaire.source, _("部署「{name}」（{id}）のチェックリストが空になります。"
                                        ).format(name=dep.name, id=dep.id),
                0, "", "applies_if"))
    return problems


def load_catalog(shipped_dir: Path, town_dir: Path | None = None) -> Catalog:
    """Load everything, the town's copies first; raise ValidationFailed listing every problem."""
    def pick(name: str) -> Path:
        if town_dir is not None and (town_dir / name).is_file():
            return town_dir / name
        return shipped_dir / name

    problems: list[Problem] = []
    policy = load_policy(pick(POLICY_FILE))
    master = load_departments(pick(DEPARTMENTS_FILE))
    traits = set(master.traits)
    by_key: dict[tuple[str, str], Questionnaire] = {}
    crosswalk_docs: list[tuple[Path, YamlDocument]] = []
    folders = [shipped_dir] + ([town_dir] if town_dir is not None else [])
    for folder in folders:  # later folders (the town's) win
        for path in _questionnaire_files(folder):
            try:
                doc = _read_document(path)  # each file is read once
                if is_crosswalk(doc.data):
                    crosswalk_docs.append((path, doc))
                    continue
                q = _questionnaire_of(doc, path, policy, traits)
            except ValidationFailed as exc:
                problems.extend(exc.problems)
                continue
            if q is not None:
                by_key[(q.id, q.version)] = q
    for q in by_key.values():
        problems.extend(empty_checklist_problems(master, q))
    mappings: dict[tuple[str, str, str, str], ItemMapping] = {}
    for folder in folders:
        mdir = folder / MAPPINGS_DIR
        for path in sorted(mdir.glob("*.yaml")) if mdir.is_dir() else []:
            try:
                m = load_item_mapping(path)
            except ValidationFailed as exc:
                problems.extend(exc.problems)
                continue
            old, new = by_key.get((m.from_id, m.from_version)), by_key.get((m.to_id, m.to_version))
            if old is not None and new is not None:
                problems.extend(check_item_mapping(m, old, new))
                mappings[(m.from_id, m.from_version, m.to_id, m.to_version)] = m
    try:
        changes = load_department_changes(pick(DEPARTMENT_CHANGES_FILE), {d.id for d in master.departments})
    except ValidationFailed as exc:
        problems.extend(exc.problems)
        changes = DepartmentChanges()
    crosswalks: dict[tuple[str, str], Crosswalk] = {}
    crosswalk_problems: list[Problem] = []
    for path, doc in crosswalk_docs:  # the town's crosswalk of a version replaces the shipped one
        try:
            crosswalk = crosswalk_from_document(doc, str(path), by_key)
        except ValidationFailed as exc:
            crosswalk_problems.extend(exc.problems)
            continue
        crosswalks[(crosswalk.questionnaire_id, crosswalk.version)] = crosswalk
    if problems:
        raise ValidationFailed(problems)
    ordered = sorted((with_references(q, crosswalks.get(k)) for k, q in by_key.items()),
                     key=lambda q: (q.fiscal_year, _version_key(q.version)))
    return Catalog(policy, master, ordered, list(mappings.values()), changes, tuple(folders),
                   list(crosswalks.values()), crosswalk_problems)


def crosswalk_in_context(path: Path, questionnaires: dict[tuple[str, str], Questionnaire]) -> Crosswalk:
    """A crosswalk whose framework ids and item ids are all known (ValidationFailed otherwise)."""
    return load_crosswalk(path, questionnaires)


def validate_paths(paths: list[Path], shipped_dir: Path, town_dir: Path | None = None) -> list[Problem]:
    """Validate the given files (questionnaires, a department master or a policy) in context."""
    problems: list[Problem] = []
    known: dict[tuple[str, str], Questionnaire] = {}
    try:
        base = load_catalog(shipped_dir, town_dir)
        policy, master = base.policy, base.master
        known = {(q.id, q.version): q for q in base.questionnaires}
    except ValidationFailed as exc:
        problems.extend(exc.problems)
        try:
            policy = load_policy(shipped_dir / POLICY_FILE)
            master = load_departments(shipped_dir / DEPARTMENTS_FILE)
        except ValidationFailed:
            return problems
    masters = [p for p in paths if _format_of(p) == "mizuho-audit/departments@1"]
    for p in masters:
        try:
            master = load_departments(p)
        except ValidationFailed as exc:
            problems.extend(exc.problems)
    for p in paths:
        fmt = _format_of(p)
        try:
            if fmt == "mizuho-audit/policy@1":
                load_policy(p)
            elif fmt == CROSSWALK_FORMAT:
                crosswalk_in_context(p, {**known, **_readable_questionnaires(paths, policy, set(master.traits))})
            elif fmt == "mizuho-audit/departments@1":
                continue
            else:
                q = _load_questionnaire_file(p, policy, set(master.traits))
                if q is None:
                    problems.append(Problem(str(p), _not_a_questionnaire(load_yaml_file(p).data)))
                else:
                    problems.extend(empty_checklist_problems(master, q))
        except ValidationFailed as exc:
            problems.extend(exc.problems)
    return problems


def _readable_questionnaires(paths: list[Path], policy: Policy, traits: set[str]
                             ) -> dict[tuple[str, str], Questionnaire]:
    """The checklists among ``paths`` that pass (a crosswalk validated with them may cite their items)."""
    found = {}
    for path in paths:
        if _format_of(path) != QUESTIONNAIRE_FORMAT:
            continue
        try:
            q = _load_questionnaire_file(path, policy, traits)
        except ValidationFailed:
            continue  # reported as the file's own problems
        if q is not None:
            found[(q.id, q.version)] = q
    return found


def _not_a_questionnaire(data: object) -> str:
    """Why a readable YAML file is not a checklist, in the words of someone who opened the wrong file."""
    if data is None:
        return _("ファイルが空です（チェックリストの内容が何も書かれていません）。")
    if not isinstance(data, dict):
        return (_("チェックリストのファイルではありません（ファイル全体が「キー: 値」の形ではありません。"
                  "1行目に「format: {format}」と書かれたファイルを選んでください）。"
                  ).format(format=QUESTIONNAIRE_FORMAT))
    return _("チェックリストのファイルではありません（format: {format}）。"
             ).format(format=data.get('format') or _("なし"))


def _format_of(path: Path) -> str:
    try:
        data = load_yaml_file(path).data
    except YamlProblem:
        return ""
    return str(data.get("format", "")) if isinstance(data, dict) else ""


def _atomic_copy(src: Path, dest: Path) -> None:
    write_atomic(dest, src.read_bytes())


def import_questionnaire(src: Path, shipped_dir: Path, town_dir: Path) -> Questionnaire:
    """Validate a questionnaire file against the catalog in use, then install it as the town's copy."""
    catalog = load_catalog(shipped_dir, town_dir)
    q = _load_questionnaire_file(src, catalog.policy, set(catalog.master.traits))
    if q is None:
        raise ValidationFailed([Problem(str(src), _not_a_questionnaire(load_yaml_file(src).data))])
    problems = install_problems(q, src, catalog, town_dir)
    if problems:
        raise ValidationFailed(problems)
    _atomic_copy(src, town_dir / f"{q.id}-{q.version}.yaml")
    return q


def install_problems(q: Questionnaire, src: Path, catalog: Catalog, town_dir: Path) -> list[Problem]:
    """Why a checked checklist cannot be installed: a department left without items, or a version already
    installed by the town with other content."""
    problems = empty_checklist_problems(catalog.master, q)
    existing = catalog.find(q.id, q.version)
    if existing is not None and existing.content_hash != q.content_hash and existing.source.startswith(str(town_dir)):
        problems.append(Problem(str(src), _("版 {version} は内容の違うものが既に取り込まれています。"
                                            "版番号を上げてから取り込んでください。"
                                            ).format(version=q.version), 0, "", "version"))
    return problems


def import_crosswalk(src: Path, shipped_dir: Path, town_dir: Path) -> Crosswalk:
    """Validate the town's own crosswalk against its checklist, then install it (nothing on a problem)."""
    catalog = load_catalog(shipped_dir, town_dir)
    crosswalk = crosswalk_in_context(src, {(q.id, q.version): q for q in catalog.questionnaires})
    _atomic_copy(src, town_dir / f"crosswalk-{crosswalk.questionnaire_id}-{crosswalk.version}.yaml")
    return crosswalk


def import_departments(src: Path, shipped_dir: Path, town_dir: Path) -> DepartmentMaster:
    """Validate an edited department master, check every checklist still has items, then install it."""
    catalog = load_catalog(shipped_dir, town_dir)
    master = load_departments(src)
    problems = []
    for q in catalog.questionnaires:
        for it in q.items():
            unknown = (it.rule.traits() | q.supplement_only) - set(master.traits)
            if unknown:
                problems.append(Problem(str(src), _("チェックリスト {title} の項目 {id} が使う特性"
                                                    "「{traits}」が traits にありません。"
                                                    ).format(title=q.title, id=it.id,
                                                             traits=_("、").join(sorted(unknown)))))
        problems.extend(empty_checklist_problems(master, q))
    if problems:
        raise ValidationFailed(problems)
    _atomic_copy(src, town_dir / DEPARTMENTS_FILE)
    return master


def import_mapping_or_changes(src: Path, shipped_dir: Path, town_dir: Path) -> str:
    """Install an item mapping between two versions, or the 組織改正 table, after checking it in context.

    Returns the kind installed ("mapping" or "changes"). Nothing is installed when a problem is found.
    """
    catalog = load_catalog(shipped_dir, town_dir)
    data = load_yaml_file(src).data
    fmt = data.get("format") if isinstance(data, dict) else None
    if fmt == DEPARTMENT_CHANGES_FORMAT:
        load_department_changes(src, {d.id for d in catalog.master.departments})
        _atomic_copy(src, town_dir / DEPARTMENT_CHANGES_FILE)
        return "changes"
    mapping = load_item_mapping(src)
    old = catalog.find(mapping.from_id, mapping.from_version)
    new = catalog.find(mapping.to_id, mapping.to_version)
    if old is None or new is None:
        missing = (f"{mapping.from_id} {mapping.from_version}" if old is None
                   else f"{mapping.to_id} {mapping.to_version}")
        raise ValidationFailed([Problem(str(src), _("対応表のチェックリスト（{missing}）が取り込まれていません。"
                                                    "先にチェックリストを取り込んでください。").format(missing=missing))])
    problems = check_item_mapping(mapping, old, new)
    if problems:
        raise ValidationFailed(problems)
    name = f"{mapping.from_id}_{mapping.from_version}_{mapping.to_version}.yaml"
    _atomic_copy(src, town_dir / MAPPINGS_DIR / name)
    return "mapping"
