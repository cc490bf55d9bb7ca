"""Coverage report of a questionnaire: items per chapter, clause, tier and department,
with the quality checks the checklist content must pass."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from ..domain.questionnaire import TIER_LABELS, Questionnaire
from ..domain.wareki import fiscal_year_label
from ..i18n import _
from .catalog import Catalog
from .crosswalk import framework_coverage
from .review import (
    clause_problems,
    criteria_problems,
    fact_problems,
    file_reference_problems,
    mapping_problems,
    overlap_problems,
    reference_problems,
    required_topic_problems,
    to_confirm,
)
from .weight import departments_weight, model_problems, weight_problems

NEAR_DUPLICATE_RATIO = 0.8
# Words that join two facts into one question ("…し、及び…していますか").
_DOUBLE_QUESTION_WORDS = ("及び", "並びに", "かつ", "また、", "とともに", "さらに")
_QUESTION_END = re.compile(r"(か|か？|か\?)(。|$)")


@dataclass
class CoverageReport:
    questionnaire: str
    version: str
    items: int
    chapters: dict[str, dict[str, Any]] = field(default_factory=dict)
    clauses: dict[str, int] = field(default_factory=dict)
    tiers: dict[str, int] = field(default_factory=dict)
    departments: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # Facts about the town that the mapping from last year rests on, for the town to confirm.
    to_confirm: list[str] = field(default_factory=list)
    fiscal_year: int = 0
    network_model: str = ""
    rotation: dict[str, Any] = field(default_factory=dict)  # {"groups": [...], "due": "A"}
    themes: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Per framework of the crosswalk: ids covered by at least one item, items with a reference.
    frameworks: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def asks_two_things(question: str) -> bool:
    if any(w in question for w in _DOUBLE_QUESTION_WORDS):
        return True
    return len(re.findall(r"か[。？?]", question)) > 1


def near_duplicates(q: Questionnaire, ratio: float = NEAR_DUPLICATE_RATIO) -> list[tuple[str, str, float]]:
    items = list(q.items())
    found = []
    for i, a in enumerate(items):
        matcher = difflib.SequenceMatcher(None, a.question)
        for b in items[i + 1:]:
            matcher.set_seq1(b.question)
            if matcher.real_quick_ratio() < ratio or matcher.quick_ratio() < ratio:
                continue
            r = matcher.ratio()
            if r >= ratio:
                found.append((a.id, b.id, round(r, 2)))
    return found


def coverage_report(catalog: Catalog, year: int | None = None) -> CoverageReport:
    q = catalog.for_year(year) if year is not None else (catalog.questionnaires[-1] if catalog.questionnaires
                                                         else None)
    if q is None:
        return CoverageReport("", "", 0, problems=[_("{year}年度のチェックリストがありません。").format(year=year)])
    items = list(q.items())
    report = CoverageReport(q.title, q.version, len(items), fiscal_year=q.fiscal_year, network_model=q.network_model)
    if q.rotation_groups:
        report.rotation = {"groups": list(q.rotation_groups), "due": q.due_group}
    report.themes = {t.id: {"title": t.title, "items": list(t.items)} for t in q.themes}
    report.frameworks = framework_coverage(catalog.crosswalk_for(q), q)
    for ch in q.chapters:
        ch_items = list(ch.items())
        report.chapters[ch.id] = {
            "title": ch.title, "items": len(ch_items),
            "sections": {s.id: {"title": s.title, "items": len(s.items)} for s in ch.sections},
        }
    cited = Counter(it.clause for it in items)
    for clause in catalog.policy.required_coverage:
        report.clauses[clause] = cited.get(clause, 0)
        if not cited.get(clause):
            report.problems.append(
                _("方針の条項 {clause}（{title}）を出典とする項目がありません。"
                  ).format(clause=clause, title=catalog.policy.clauses[clause]))
    for clause, n in sorted(cited.items()):
        report.clauses.setdefault(clause, n)
        if clause not in catalog.policy.clauses:
            report.problems.append(_("方針にない条項 {clause} を出典とする項目があります。").format(clause=clause))
    tiers = Counter(t for it in items for t in it.tiers)
    report.tiers = {TIER_LABELS[t]: tiers.get(t, 0) for t in TIER_LABELS}
    report.departments = departments_weight(q, catalog.master)
    for dep_id, row in report.departments.items():
        if row["items"] == 0:
            report.problems.append(_("部署「{name}」（{id}）のチェックリストが空です。"
                                     ).format(name=row["name"], id=dep_id))
    for it in items:
        if not it.criteria_done.strip() or not it.criteria_partial.strip():
            report.problems.append(_("項目 {id}: 判断基準（実施・一部実施の両方）がありません。").format(id=it.id))
        elif it.criteria_done.strip() == it.criteria_partial.strip():
            report.problems.append(_("項目 {id}: 判断基準の「実施」と「一部実施」が同じ文です。").format(id=it.id))
        if not any(e.strip() for e in it.evidence):
            report.problems.append(_("項目 {id}: 根拠資料の例がありません。").format(id=it.id))
        if asks_two_things(it.question):
            report.problems.append(_("項目 {id}: 一つの質問で二つのことを尋ねています: {question}"
                                     ).format(id=it.id, question=it.question))
    for a, b, r in near_duplicates(q):
        report.problems.append(_("項目 {first} と {second} の質問がほぼ同じです（類似度 {similarity}）。"
                               ).format(first=a, second=b, similarity=r))
    report.problems += clause_problems(q, catalog.policy)
    report.problems += fact_problems(q)
    report.problems += criteria_problems(q)
    report.problems += reference_problems(q)
    report.problems += required_topic_problems(q, catalog.master)
    report.problems += overlap_problems(q, catalog.master)
    report.problems += mapping_problems(catalog, q)
    report.problems += file_reference_problems(catalog)
    report.problems += weight_problems(q, catalog.master, catalog.for_year(q.fiscal_year - 1))
    report.problems += model_problems(q, catalog.master)
    report.problems += [str(p) for p in catalog.crosswalk_problems]
    report.to_confirm = to_confirm(catalog, q)
    return report


def render_table(report: CoverageReport) -> str:
    """The coverage tables as Markdown (for questionnaires/README.md and the terminal)."""
    lines = [_("### {questionnaire}（版 {version}）: 全 {items} 項目"
               ).format(questionnaire=report.questionnaire, version=report.version, items=report.items), "",
             _("| 章 | 項目数 |"), "|---|---:|"]
    lines += [f"| {cid} {c['title']} | {c['items']} |" for cid, c in report.chapters.items()]
    lines += ["", _("| 方針の条項 | 項目数 |"), "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in report.clauses.items()]
    lines += ["", _("| 系 | 項目数 |"), "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in report.tiers.items()]
    lines += [""]
    if any(f["items_with_reference"] for f in report.frameworks.values()):
        lines += [_("| 対応する枠組み | 項目が対応する ID | 参照のある項目 |"), "|---|---:|---:|"]
        lines += [_("| {name} | {covered} / {of} | {with_reference} / {items} |").format(
            name=f["name"], covered=f["covered"], of=f["of"], with_reference=f["items_with_reference"],
            items=f["items"]) for f in report.frameworks.values()]
        lines += [""]
    if report.network_model:
        lines += [_("町の三層の構成: {model}").format(model=report.network_model), ""]
    if report.rotation:
        lines += [_("ローテーション: {groups} の群を順に尋ねます。{year}は {due} 群です（core の項目は毎年）。").format(
            groups=_("・").join(report.rotation["groups"]), year=fiscal_year_label(report.fiscal_year),
            due=report.rotation["due"]), ""]
    lines += [_("| 部署 | 機関 | 項目数 | 今年度の項目数 | 今年度の分 | システム担当 |"),
              "|---|---|---:|---:|---:|:---:|"]
    lines += [f"| {d['name']} | {d['body']} | {d['items']} | {d['items_this_year']} | {d['minutes_this_year']} | "
              f"{'○' if d['system_side'] else ''} |" for d in report.departments.values()]
    if report.to_confirm:
        lines += ["", _("前年度からの対応表が前提にしていて、町に確認していただくこと:"), ""]
        lines += [f"- {point}" for point in report.to_confirm]
    return "\n".join(lines) + "\n"


def print_report(report: CoverageReport, as_json: bool = False) -> None:
    if as_json:
        data = asdict(report)
        data["ok"] = report.ok
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_table(report))
        if report.problems:
            print(_("問題が {count} 件あります:").format(count=len(report.problems)))
            for p in report.problems:
                print(f"- {p}")
        else:
            print(_("問題はありません。"))
