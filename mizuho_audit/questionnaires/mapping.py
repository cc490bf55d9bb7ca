"""Mappings between versions: item ids from one questionnaire version to the next, and the
department changes of each April's 組織改正. Both are data files the town can edit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain.questionnaire import Questionnaire
from ..i18n import _
from .problems import Problem, ValidationFailed
from .yamlsafe import YamlProblem, load_yaml_file

ITEM_MAPPING_FORMAT = "mizuho-audit/item-mapping@1"
DEPARTMENT_CHANGES_FORMAT = "mizuho-audit/department-changes@1"
ITEM_KINDS = ("same", "changed", "split", "merged", "removed")
DEPARTMENT_KINDS = ("renamed", "merged", "split")


@dataclass(frozen=True)
class ItemLink:
    source: str
    targets: tuple[str, ...]
    kind: str
    note: str = ""
    # For a removed item: this year's items that now ask its subject, and/or a fact about the town that
    # the removal rests on and that the town has to confirm (never stated as settled in ``note``).
    covered_by: tuple[str, ...] = ()
    to_confirm: str = ""


@dataclass
class ItemMapping:
    """How the items of one questionnaire version continue in the next."""

    from_id: str
    from_version: str
    to_id: str
    to_version: str
    links: dict[str, ItemLink] = field(default_factory=dict)  # by source id
    added: tuple[str, ...] = ()
    source: str = ""

    def targets_of(self, item_id: str, old: Questionnaire, new: Questionnaire) -> tuple[str, ...]:
        """Where last year's item went; an unlisted id that exists in both versions stays itself."""
        if item_id in self.links:
            return self.links[item_id].targets
        new_ids = {it.id for it in new.items()}
        return (item_id,) if item_id in new_ids else ()

    def sources_of(self, item_id: str, old: Questionnaire, new: Questionnaire) -> list[tuple[str, str]]:
        """(last year's item id, kind) that feed this year's item."""
        found = [(link.source, link.kind) for link in self.links.values() if item_id in link.targets]
        if not found and item_id not in self.added and item_id not in self.links:
            old_ids = {it.id for it in old.items()}
            if item_id in old_ids:
                found.append((item_id, "same"))
        return found


@dataclass(frozen=True)
class DepartmentChange:
    year: int  # the 年度 from which the new organisation applies
    kind: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    note: str = ""


@dataclass
class DepartmentChanges:
    changes: list[DepartmentChange] = field(default_factory=list)

    def predecessors(self, department_id: str, year: int) -> list[str]:
        """The departments whose previous-year answers feed ``department_id`` in ``year``: those the
        組織改正 table names, then the department itself (a database may already hold its own answers
        under the new id, e.g. one made after the change)."""
        found: list[str] = []
        for c in self.changes:
            if c.year == year and department_id in c.targets:
                found.extend(s for s in c.sources if s not in found)
        if department_id not in found:
            found.append(department_id)
        return found


def _read(path: Path) -> dict[str, object]:
    try:
        data = load_yaml_file(path).data
    except YamlProblem as exc:
        raise ValidationFailed([Problem(str(path), exc.message, exc.line)]) from exc
    if not isinstance(data, dict):
        raise ValidationFailed([Problem(str(path), _("対応表の形式が違います。"))])
    return data


def _ids(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(value)


def load_item_mapping(path: Path) -> ItemMapping:
    data = _read(path)
    file = str(path)
    problems: list[Problem] = []
    if data.get("format") != ITEM_MAPPING_FORMAT:
        raise ValidationFailed([Problem(file, _("format は「{format}」と書いてください。"
                                                ).format(format=ITEM_MAPPING_FORMAT))])
    src, dst = data.get("from"), data.get("to")
    if not isinstance(src, dict) or not isinstance(dst, dict):
        raise ValidationFailed([Problem(file, _("from と to に、チェックリストの id と version を書いてください。"))])
    mapping = ItemMapping(str(src.get("questionnaire")), str(src.get("version")), str(dst.get("questionnaire")),
                          str(dst.get("version")), source=file)
    items = data.get("items") or []
    if not isinstance(items, list):
        raise ValidationFailed([Problem(file, _("items はリストで書いてください。"))])
    for entry in items:
        if not isinstance(entry, dict):
            problems.append(Problem(file, _("items の要素の形式が違います: {entry!r}").format(entry=entry)))
            continue
        source = str(entry.get("from", ""))
        kind = str(entry.get("kind", ""))
        try:
            targets = _ids(entry.get("to"))
        except TypeError:
            problems.append(Problem(file, _("to は項目IDのリストで書いてください。"), 0, source, "to"))
            continue
        if kind not in ITEM_KINDS:
            problems.append(Problem(file, _("kind は {kinds} のいずれかです（値: {kind!r}）。"
                                            ).format(kinds=_("・").join(ITEM_KINDS), kind=kind),
                                    0, source, "kind"))
        if source in mapping.links:
            problems.append(Problem(file, _("同じ項目が二回書かれています。"), 0, source, "from"))
        if kind == "removed" and targets:
            problems.append(Problem(file, _("removed の項目に to は書けません。"), 0, source, "to"))
        try:
            covered_by = _ids(entry.get("covered_by"))
        except TypeError:
            problems.append(Problem(file, _("covered_by は項目IDのリストで書いてください。"), 0, source, "covered_by"))
            continue
        mapping.links[source] = ItemLink(source, targets, kind, str(entry.get("note", "")), covered_by,
                                         str(entry.get("to_confirm", "") or ""))
    try:
        mapping.added = _ids(data.get("added"))
    except TypeError:
        problems.append(Problem(file, _("added は項目IDのリストで書いてください。"), 0, "", "added"))
    if problems:
        raise ValidationFailed(problems)
    return mapping


def check_item_mapping(mapping: ItemMapping, old: Questionnaire, new: Questionnaire) -> list[Problem]:
    """Every old item accounted for; every new item reached from exactly one place."""
    file = mapping.source
    old_ids = {it.id for it in old.items()}
    new_ids = {it.id for it in new.items()}
    problems = []
    for source, link in mapping.links.items():
        if source not in old_ids:
            problems.append(Problem(file, _("{version} にない項目です。"
                                            ).format(version=old.version), 0, source, "from"))
        for t in link.targets:
            if t not in new_ids:
                problems.append(Problem(file, _("{version} にない項目 {item} を指しています。"
                                                ).format(version=new.version, item=t), 0, source, "to"))
        for t in link.covered_by:
            if t not in new_ids:
                problems.append(Problem(file, _("{version} にない項目 {item} を指しています。"
                                                ).format(version=new.version, item=t), 0, source, "covered_by"))
    for a in mapping.added:
        if a not in new_ids:
            problems.append(Problem(file, _("{version} にない項目です。").format(version=new.version), 0, a, "added"))
    for old_id in sorted(old_ids - set(mapping.links) - new_ids):
        problems.append(Problem(file, _("{version} に同じIDがなく、対応表にもありません。"
                                        ).format(version=new.version), 0, old_id, "items"))
    for new_id in sorted(new_ids):
        reached = [s for s, link in mapping.links.items() if new_id in link.targets]
        same = new_id in old_ids and new_id not in mapping.links
        n = len(reached) + (1 if same else 0) + (1 if new_id in mapping.added else 0)
        kinds = {mapping.links[s].kind for s in reached}
        if n == 0:
            problems.append(Problem(file, _("前年度のどの項目から来たか（または added）が書かれていません。"), 0,
                                    new_id))
        elif n > 1 and not (kinds == {"merged"} and not same and new_id not in mapping.added):
            problems.append(Problem(file, _("複数の場所から対応づけられています（merged 以外）。"), 0, new_id))
    return problems


def load_department_changes(path: Path, known: set[str] | None = None) -> DepartmentChanges:
    if not path.is_file():
        return DepartmentChanges()
    data = _read(path)
    file = str(path)
    if data.get("format") != DEPARTMENT_CHANGES_FORMAT:
        raise ValidationFailed([Problem(file, _("format は「{format}」と書いてください。"
                                                ).format(format=DEPARTMENT_CHANGES_FORMAT))])
    problems: list[Problem] = []
    result = DepartmentChanges()
    for entry in data.get("changes") or []:  # type: ignore[attr-defined]
        if not isinstance(entry, dict):
            problems.append(Problem(file, _("changes の要素の形式が違います: {entry!r}").format(entry=entry)))
            continue
        try:
            year = int(entry.get("year", 0))
            sources, targets = _ids(entry.get("from")), _ids(entry.get("to"))
        except (TypeError, ValueError):
            problems.append(Problem(file, _("year・from・to の書き方が違います: {entry!r}").format(entry=entry)))
            continue
        kind = str(entry.get("kind", ""))
        if kind not in DEPARTMENT_KINDS or not sources or not targets:
            problems.append(Problem(file, _("kind は {kinds}、from と to は部署IDです: {entry!r}"
                                            ).format(kinds=_("・").join(DEPARTMENT_KINDS), entry=entry)))
            continue
        if known is not None:
            for t in targets:
                if t not in known:
                    problems.append(Problem(file, _("部署マスタにない部署 {department} です。"
                                                    ).format(department=t), 0, t, "to"))
        result.changes.append(DepartmentChange(year, kind, sources, targets, str(entry.get("note", ""))))
    if problems:
        raise ValidationFailed(problems)
    return result
