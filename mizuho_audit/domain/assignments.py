"""Who in the 課 answers what: chapters and items of a 年度's checklist assigned to members of staff.

A chapter's assignment covers its items; an item's own assignment overrides its chapter's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .names import same_person
from .questionnaire import Questionnaire

CHAPTER, ITEM = "chapter", "item"
SCOPES = (CHAPTER, ITEM)
DEFAULT_TITLE = "情報セキュリティ責任者"  # who assigns, as the issue names the 課's role
MAX_NAME = 60


@dataclass(frozen=True)
class Assignment:
    """One chapter or item of a department's 年度 given to one person, by whom and when."""

    fiscal_year: int
    department_id: str
    scope: str  # "chapter" | "item"
    target_id: str  # the chapter's or the item's id
    assignee: str
    assigned_by: str
    assigned_by_title: str
    assigned_at: str

    @property
    def key(self) -> str:
        """``chapter:1`` / ``item:ORG-001``, as the operation log names it."""
        return f"{self.scope}:{self.target_id}"


def item_assignees(assignments: Iterable[Assignment], questionnaire: Questionnaire) -> dict[str, str]:
    """Item id -> the person who answers it (its own assignment, else its chapter's); unassigned items absent."""
    chapters = {a.target_id: a.assignee for a in assignments if a.scope == CHAPTER}
    items = {a.target_id: a.assignee for a in assignments if a.scope == ITEM}
    found: dict[str, str] = {}
    for ch in questionnaire.chapters:
        for it in ch.items():
            name = items.get(it.id) or chapters.get(ch.id)
            if name:
                found[it.id] = name
    return found


def chapter_assignees(assignments: Iterable[Assignment]) -> dict[str, str]:
    """Chapter id -> the person it is assigned to (chapters assigned as a whole only)."""
    return {a.target_id: a.assignee for a in assignments if a.scope == CHAPTER}


def items_of(name: str, assignees: dict[str, str]) -> list[str]:
    """The items ``name`` answers (names compared as :func:`same_person` does), in the checklist's order."""
    return [item for item, who in assignees.items() if same_person(who, name)]
