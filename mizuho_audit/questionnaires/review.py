"""The content checks of the coverage report: each kind of flaw a review of the checklist found,
made into a rule so that it cannot come back unnoticed.

Every function returns the problems as sentences for the administrator; none of them stops the
app from loading a file (that is validation's job): they make ``questionnaire report`` fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..domain.departments import DepartmentMaster
from ..domain.questionnaire import Item, Questionnaire
from ..i18n import _
from .catalog import Catalog
from .loader import Policy
from .overlap import OverlapFinder, act_kind, predicate

# A 判断基準 that asks for a test or a drill the question does not mention asks a second thing.
_DEMANDS_TEST = re.compile(r"(試験|テスト|訓練|演習)(を|で)?(し|行|実施|確)|試して|試し[、。]")
_TEST_WORDS = ("試験", "テスト", "訓練", "演習", "試")
# Tiers are kinds of terminal and system; people do not belong to one.
_TIER_PEOPLE = re.compile(r"(マイナンバー利用事務系|LGWAN接続系|インターネット接続系)の(職員|教職員|担当者|利用者)")
# 「年1回未満」「1年以上見直していない」「決めた頻度より少ない」: a 一部 that only says "less often".
_LESS_OFTEN = re.compile(r"[0-9０-９]+\s*(回|か月|ヶ月|年|週間|日)\s*(未満|以上[^、。]*ない)|頻度より少な|回数が足りな")
_ALTERNATIVES = re.compile(r"、または|、あるいは|。")
_FILE_NAME = re.compile(r"[\w./-]+\.(?:yaml|json)")


def _texts(item: Item) -> Iterable[str]:
    yield item.question
    yield item.criteria_done
    yield item.criteria_partial
    yield item.guidance
    yield "。".join(item.evidence)


def clause_problems(q: Questionnaire, policy: Policy) -> list[str]:
    """Items citing a narrow clause (遵守, 監査, 見直し, 対策基準の策定 …) must ask what that clause is about."""
    problems = []
    for it in q.items():
        wanted = policy.clause_terms.get(it.clause)
        if wanted and not any(w in it.question for w in wanted):
            problems.append(_("項目 {id}: 出典の条項 {clause}（{title}）の事柄（{words}）を質問が尋ねていません。"
                              "出典の条項を確かめてください。").format(
                id=it.id, clause=it.clause, title=policy.clauses.get(it.clause, ""), words=_("・").join(wanted)))
    return problems


def fact_problems(q: Questionnaire) -> list[str]:
    """Sentences that name a thing (eLTAX …) together with the wrong operator or owner."""
    problems = []
    for it in q.items():
        for text in _texts(it):
            for sentence in text.split("。"):
                for fact in q.review.facts:
                    wrong = [w for w in fact.wrong if w in sentence]
                    if fact.term in sentence and wrong and fact.right not in sentence:
                        problems.append(_("項目 {id}: 「{term}」について「{wrong}」と書かれています。{note}").format(
                            id=it.id, term=fact.term, wrong=wrong[0],
                            note=fact.note or _("正しくは「{right}」です。").format(right=fact.right)))
    return problems


def criteria_problems(q: Questionnaire) -> list[str]:
    """判断基準 that ask more than the question, or whose 一部 differs from 実施 only in how often."""
    problems = []
    for it in q.items():
        demand = _DEMANDS_TEST.search(it.criteria_done)
        if demand and not any(w in it.question for w in _TEST_WORDS):
            problems.append(_("項目 {id}: 判断基準が、質問にない試験や訓練（「{words}」）を求めています。"
                              "質問で尋ねることだけを基準にしてください。").format(id=it.id, words=demand.group(0)))
        for text in (it.question, it.criteria_done, it.criteria_partial):
            m = _TIER_PEOPLE.search(text)
            if m:
                problems.append(_("項目 {id}: 「{words}」: 系は端末やシステムの区分で、職員が属するものではありません"
                                  "（例: 「LGWAN接続系の端末を使う職員」）。").format(id=it.id, words=m.group(0)))
                break
        alternatives = [a for a in _ALTERNATIVES.split(it.criteria_partial) if a.strip()]
        if alternatives and all(_LESS_OFTEN.search(a) for a in alternatives):
            problems.append(_("項目 {id}: 判断基準の「一部実施」が「実施」と頻度しか違いません。一部実施には、実施の"
                              "中身のどこが欠けている状態かを書いてください。").format(id=it.id))
    return problems


_ITEM_REF = re.compile(r"\b[A-Z]{2,5}-[0-9]{3}\b")


def reference_problems(q: Questionnaire) -> list[str]:
    """An item's text that names another item (「…は TEC-019 で尋ねます」) must name one that exists."""
    ids = {it.id for it in q.items()}
    problems = []
    for it in q.items():
        for ref in sorted({r for text in _texts(it) for r in _ITEM_REF.findall(text)} - ids):
            problems.append(_("項目 {id}: 説明が、チェックリストにない項目 {ref} を挙げています。"
                              ).format(id=it.id, ref=ref))
    return problems


def required_topic_problems(q: Questionnaire, master: DepartmentMaster) -> list[str]:
    """Each topic the checklist must ask is asked, and reaches every department it is meant for."""
    problems = []
    items = list(q.items())
    for topic in q.review.required_topics:
        asking = [it for it in items if topic.asked_by(it)]
        if not asking:
            problems.append(_("必ず尋ねる事柄「{title}」を尋ねる項目がありません（質問に「{words}」を含む項目）。"
                              ).format(title=topic.title, words=_("」「").join(topic.terms)))
            continue
        for dep in master.departments:
            if topic.reach.matches(dep.traits) and not any(q.applies(it, dep.traits) for it in asking):
                problems.append(_("必ず尋ねる事柄「{title}」の項目（{ids}）が、部署「{name}」（{id}）に届きません。"
                                  ).format(title=topic.title, ids=", ".join(it.id for it in asking),
                                           name=dep.name, id=dep.id))
    return problems


def overlap_problems(q: Questionnaire, master: DepartmentMaster) -> list[str]:
    """Pairs of items that ask the same thing in other words (see ``overlap``)."""
    items = list(q.items())
    reach = {it.id: frozenset(d.id for d in master.departments if q.applies(it, d.traits)) for it in items}
    accepted = [a.items for a in q.review.accepted_overlaps]
    finder = OverlapFinder(items)
    problems = []
    for o in finder.overlaps(reach, accepted):
        words = _("、").join(o.shared_words) or "—"
        if o.rule == "same_question":
            problems.append(_("項目 {a} と {b} は、ほぼ同じ事柄を尋ねています（共通する語: {words}）。"
                              "一つにまとめるか、尋ねる事実を分けてください。"
                              ).format(a=o.first, b=o.second, words=words))
        elif o.rule == "criteria_cover":
            problems.append(_("項目 {a} と {b} の意味が重なっています: 一方の質問が他方の判断基準に含まれ、根拠資料"
                              "（「{ea}」と「{eb}」）も同じものです（共通する語: {words}）。").format(
                a=o.first, b=o.second, ea=o.evidence_pair[0], eb=o.evidence_pair[1], words=words))
        else:
            problems.append(_("項目 {a} と {b} は、同じ記録（「{ea}」と「{eb}」）で同じ事柄を確かめています"
                              "（共通する語: {words}）。").format(
                a=o.first, b=o.second, ea=o.evidence_pair[0], eb=o.evidence_pair[1], words=words))
    ids = {it.id for it in items}
    by_id = {it.id: it for it in items}
    for a in q.review.accepted_overlaps:
        pair = sorted(a.items)
        if not set(pair) <= ids:
            continue
        if finder.compare(by_id[pair[0]], by_id[pair[1]]) is None:
            problems.append(_("accepted_overlaps の {a} と {b} は、もう重なりとして報告されません。"
                              "一覧から外してください。").format(a=pair[0], b=pair[1]))
    return problems


def mapping_problems(catalog: Catalog, q: Questionnaire) -> list[str]:
    """The mapping into ``q``: changed items still ask the same act, removals say why, no silent edits."""
    problems = []
    for m in catalog.mappings:
        if (m.to_id, m.to_version) != (q.id, q.version):
            continue
        old = catalog.find(m.from_id, m.from_version)
        if old is None:
            continue
        name = Path(m.source).name
        old_items = {it.id: it for it in old.items()}
        new_items = {it.id: it for it in q.items()}
        for source, link in m.links.items():
            if link.kind == "changed" and source in old_items and len(link.targets) == 1 \
                    and link.targets[0] in new_items:
                before, after = old_items[source].question, new_items[link.targets[0]].question
                if act_kind(before) != act_kind(after):
                    problems.append(_("対応表 {file}: {id} を changed としていますが、前年度は「{a}」、"
                                      "今年度は「{b}」と尋ねる行為が違います。別の事柄なら今年度の項目に新しい ID を"
                                      "付け、前年度の項目は removed か merged にしてください。").format(
                        file=name, id=source, a=predicate(before), b=predicate(after)))
            if link.kind == "removed" and not link.covered_by and not link.to_confirm.strip():
                problems.append(_("対応表 {file}: {id} を removed とする根拠が書かれていません。今年度その事柄を尋ねる"
                                  "項目（covered_by）か、町に確認すること（to_confirm）を書いてください。").format(
                    file=name, id=source))
        for iid in sorted(set(old_items) & set(new_items) - set(m.links)):
            a, b = old_items[iid], new_items[iid]
            if (a.question, a.criteria_done, a.criteria_partial) != (b.question, b.criteria_done, b.criteria_partial):
                problems.append(_("対応表 {file}: {id} は前年度と質問または判断基準が違うのに、対応表にありません"
                                  "（changed として書いてください）。").format(file=name, id=iid))
    return problems


def to_confirm(catalog: Catalog, q: Questionnaire) -> list[str]:
    """The facts about the town that the mapping into ``q`` rests on and that the town must confirm."""
    points = []
    for m in catalog.mappings:
        if (m.to_id, m.to_version) == (q.id, q.version):
            points += [f"{link.source}: {link.to_confirm.strip()}" for link in m.links.values()
                       if link.to_confirm.strip()]
    return points


def file_reference_problems(catalog: Catalog) -> list[str]:
    """File names mentioned in a questionnaire's comments (a mapping, the schema) must exist."""
    problems = []
    for q in catalog.questionnaires:
        path = Path(q.source)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            if not line.lstrip().startswith("#"):
                continue
            for name in _FILE_NAME.findall(line):
                if not _exists(name, [path.parent, *catalog.folders]):
                    problems.append(_("{file}: 説明の中で挙げているファイル「{name}」がありません。").format(
                        file=path.name, name=name))
    return problems


def _exists(name: str, folders: Iterable[Path]) -> bool:
    short = name.removeprefix("questionnaires/")
    for folder in folders:
        for candidate in (folder / name, folder / short, folder / "mappings" / short, folder.parent / name):
            if candidate.is_file():
                return True
    return False
