"""Who in the 課 answers what: the 情報セキュリティ責任者 assigns chapters or items of the 年度's checklist to staff,
each sees their own first, and on 人事異動 hands everything of one person over to another in one logged step.

The person assigning is the session's user (``--user``, the name given in the window) with their title (by
default 情報セキュリティ責任者); both are in every log entry. Nothing is changed when a step is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.assessment import progress
from ..domain.assignments import (
    CHAPTER,
    DEFAULT_TITLE,
    ITEM,
    MAX_NAME,
    Assignment,
    chapter_assignees,
    item_assignees,
    items_of,
)
from ..domain.names import same_person
from ..errors import InputProblem
from ..i18n import _
from ..services.workspace import Checklist
from .session import Session, use_case

__all__ = ["CHAPTER", "DEFAULT_TITLE", "ITEM", "Assignment", "Overview", "Person"]


@dataclass(frozen=True)
class Person:
    """One member of staff and how far their items are answered (回答済 as the progress bar counts it)."""

    name: str
    answered: int
    total: int
    items: tuple[str, ...]


@dataclass(frozen=True)
class Overview:
    """The department's assignments in the 年度, who answers each item, and each person's progress."""

    assignments: list[Assignment]
    items: dict[str, str]  # item id -> the person who answers it
    chapters: dict[str, str]  # chapter id -> the person it is assigned to as a whole
    people: list[Person]
    unassigned: list[str]  # items nobody answers yet, in the checklist's order

    def mine(self, name: str) -> list[str]:
        """The items ``name`` answers, in the checklist's order."""
        return items_of(name, self.items) if name else []


def _assigner(s: Session, title: str) -> str:
    s.require_department()
    if not s.user.strip():
        raise InputProblem(_("割り当てをする人（情報セキュリティ責任者）の氏名がありません。--user で氏名を指定して"
                             "ください（画面では回答者の名前）。何も変更していません。"))
    if not title.strip():
        raise InputProblem(_("割り当てをする人の職名がありません。何も変更していません。"))
    return title.strip()


def _name(name: str, what: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise InputProblem(_("{what}の氏名がありません。何も変更していません。").format(what=what))
    if len(clean) > MAX_NAME:
        raise InputProblem(_("{what}の氏名が長すぎます（{limit} 文字まで）。何も変更していません。").format(
            what=what, limit=MAX_NAME))
    return clean


def _targets(cl: Checklist, chapters: Iterable[str], items: Iterable[str]) -> list[tuple[str, str]]:
    q = cl.questionnaire
    known_chapters = [ch.id for ch in q.chapters]
    known_items = {it.id for it in q.items()}
    targets = [(CHAPTER, str(c)) for c in chapters] + [(ITEM, str(i)) for i in items]
    if not targets:
        raise InputProblem(_("割り当てる章または項目を指定してください。何も変更していません。"))
    unknown = [t for scope, t in targets if t not in (known_chapters if scope == CHAPTER else known_items)]
    if unknown:
        raise InputProblem(_("この年度のチェックリストにない章・項目です: {ids}（章: {chapters}）。"
                             "何も変更していません。").format(ids=_("、").join(unknown),
                                                             chapters=_("、").join(known_chapters)))
    return targets


@use_case
def department_for(s: Session, year: int, department_id: str | None) -> str:
    """The department given, else the one whose checklist this database holds for the 年度 (a 課's database
    holds its own); refused when there is none or more than one."""
    if department_id:
        s.department(department_id)  # KeyError for an unknown id
        return department_id
    s.require_department()
    found = sorted({a.department_id for a in s.workspace.store.assessments(year)})
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputProblem(_("このデータベースには{year}年度のチェックリストがありません。--department で部署IDを"
                             "指定してください。").format(year=year))
    raise InputProblem(_("このデータベースには{year}年度の部署が複数あります（{ids}）。--department で部署IDを指定して"
                         "ください。").format(year=year, ids=_("、").join(found)))


@use_case
def overview(s: Session, cl: Checklist) -> Overview:
    rows = s.workspace.store.assignments(cl.year, cl.department.id)
    q = cl.questionnaire
    items = item_assignees(rows, q)
    answers = s.workspace.answers(cl)
    people: list[Person] = []
    for name in dict.fromkeys(items.values()):
        mine = items_of(name, items)
        p = progress([q.item(i) for i in mine], answers, q, cl.year)
        people.append(Person(name, p.answered, p.total, tuple(mine)))
    people.sort(key=lambda p: p.name)
    unassigned = [it.id for it in q.items() if it.id not in items]
    return Overview(rows, items, chapter_assignees(rows), people, unassigned)


@use_case
def assign(s: Session, cl: Checklist, to: str, *, chapters: Iterable[str] = (), items: Iterable[str] = (),
           title: str = DEFAULT_TITLE) -> int:
    """Give chapters (with their items) or items to ``to``; an item's own assignment overrides its chapter's.
    One log entry names the assigner, their title, the person and what was given; the number of changes."""
    title = _assigner(s, title)
    name = _name(to, _("担当者"))
    targets = _targets(cl, chapters, items)
    return s.workspace.store.assign(cl.year, cl.department.id, targets, name, actor=s.actor, title=title)


@use_case
def remove(s: Session, cl: Checklist, *, chapters: Iterable[str] = (), items: Iterable[str] = (),
           title: str = DEFAULT_TITLE) -> int:
    """Take the assignment off chapters or items (an item then follows its chapter again); the number removed.
    Refused when none of them was assigned."""
    title = _assigner(s, title)
    targets = _targets(cl, chapters, items)
    removed = s.workspace.store.unassign(cl.year, cl.department.id, targets, actor=s.actor, title=title)
    if not removed:
        raise InputProblem(_("指定した章・項目には担当者が割り当てられていません。何も変更していません。"))
    return removed


@use_case
def hand_over(s: Session, cl: Checklist, from_name: str, to: str, reason: str,
              title: str = DEFAULT_TITLE) -> int:
    """人事異動: everything assigned to ``from_name`` in the department's 年度 goes to ``to``, in one transaction
    and one log entry (both names, the count, the reason); the number handed over."""
    title = _assigner(s, title)
    old = _name(from_name, _("引き継ぐ人"))
    new = _name(to, _("引き継ぐ先の人"))
    if not reason.strip():
        raise InputProblem(_("引継ぎの理由を入力してください（例: 人事異動）。何も変更していません。"))
    if same_person(old, new):
        raise InputProblem(_("引き継ぐ人と引き継ぐ先が同じです。何も変更していません。"))
    keys = [a.key for a in s.workspace.store.assignments(cl.year, cl.department.id) if same_person(a.assignee, old)]
    if not keys:
        raise InputProblem(_("{name} さんに割り当てられた章・項目はありません。何も変更していません。"
                             ).format(name=old))
    return s.workspace.store.hand_over(cl.year, cl.department.id, keys, new, from_name=old, reason=reason.strip(),
                                      actor=s.actor, title=title)
