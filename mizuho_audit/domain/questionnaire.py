"""The questionnaire: chapters, sections, items, the answer scale and applicability rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

TIER_LABELS: dict[str, str] = {
    "my_number": "マイナンバー利用事務系",
    "lgwan": "LGWAN接続系",
    "internet": "インターネット接続系",
}
CIA_LABELS: dict[str, str] = {"C": "機密性", "I": "完全性", "A": "可用性"}
IMPORTANCE_LEVELS: tuple[str, ...] = ("高", "中", "低")


@dataclass(frozen=True)
class ScaleOption:
    """One answer on the rating scale, e.g. 実施している (score 1.0)."""

    key: str
    label: str
    score: float | None  # None: excluded from the score (該当しない)
    requires_reason: bool = False
    requires_plan: bool = False

    @property
    def excluded(self) -> bool:
        return self.score is None


@dataclass(frozen=True)
class Rule:
    """Applicability of an item over department traits."""

    all_of: frozenset[str] = frozenset()
    any_of: frozenset[str] = frozenset()
    none_of: frozenset[str] = frozenset()

    def matches(self, traits: frozenset[str]) -> bool:
        if not self.all_of <= traits:
            return False
        if self.any_of and not (self.any_of & traits):
            return False
        return not (self.none_of & traits)

    def traits(self) -> frozenset[str]:
        return self.all_of | self.any_of | self.none_of


SYSTEM_TRAIT = "runs_systems"


@dataclass(frozen=True)
class Item:
    """One checklist question, traced to its policy clause."""

    id: str
    question: str
    criteria_done: str
    criteria_partial: str
    evidence: tuple[str, ...]
    clause: str
    importance: str
    cia: tuple[str, ...]
    tiers: tuple[str, ...] = ()
    respondent: str = "all"  # "all" or "system" (only 情報システム担当)
    rule: Rule = field(default_factory=Rule)
    related: tuple[str, ...] = ()
    guidance: str = ""
    chapter_id: str = ""
    section_id: str = ""

    def applies_to(self, traits: frozenset[str]) -> bool:
        if self.respondent == "system" and SYSTEM_TRAIT not in traits:
            return False
        return self.rule.matches(traits)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    clause: str
    sections: tuple[Section, ...]

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items


@dataclass(frozen=True)
class AcceptedOverlap:
    """Two items the overlap check reports that are meant to stay separate, and why."""

    items: frozenset[str]
    reason: str


@dataclass(frozen=True)
class RequiredTopic:
    """Something the checklist must ask, found by words in an item's question.

    Each entry of ``terms`` must appear in the question; ``a|b`` accepts either word. ``reach`` says
    which departments must get such an item (every department matching the rule).
    """

    title: str
    terms: tuple[str, ...]
    reach: Rule = field(default_factory=Rule)

    def asked_by(self, item: Item) -> bool:
        return all(any(alt in item.question for alt in term.split("|")) for term in self.terms)


@dataclass(frozen=True)
class FactCheck:
    """A fact the content must get right: a sentence naming ``term`` and one of ``wrong`` must name ``right``."""

    term: str
    right: str
    wrong: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Review:
    """The questionnaire's own review rules: accepted overlaps, required topics, facts to check."""

    accepted_overlaps: tuple[AcceptedOverlap, ...] = ()
    required_topics: tuple[RequiredTopic, ...] = ()
    facts: tuple[FactCheck, ...] = ()


@dataclass(frozen=True)
class Questionnaire:
    """A versioned checklist. ``content_hash`` identifies the exact text that was answered."""

    id: str
    version: str
    title: str
    fiscal_year: int
    policy_title: str
    policy_edition: str
    weights: dict[str, float]
    scale: tuple[ScaleOption, ...]
    chapters: tuple[Chapter, ...]
    content_hash: str = ""
    source: str = ""
    # The validated file content, kept so the exact text can be stored with the answers.
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    review: Review = field(default_factory=Review, compare=False, repr=False)

    def items(self) -> Iterator[Item]:
        for chapter in self.chapters:
            yield from chapter.items()

    def item(self, item_id: str) -> Item:
        for it in self.items():
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def option(self, key: str) -> ScaleOption:
        for opt in self.scale:
            if opt.key == key:
                return opt
        raise KeyError(key)

    def checklist_for(self, traits: frozenset[str]) -> Questionnaire:
        """The same questionnaire keeping only the items that apply to a department."""
        chapters = []
        for ch in self.chapters:
            sections = []
            for sec in ch.sections:
                items = tuple(it for it in sec.items if it.applies_to(traits))
                if items:
                    sections.append(Section(sec.id, sec.title, items))
            if sections:
                chapters.append(Chapter(ch.id, ch.title, ch.clause, tuple(sections)))
        return Questionnaire(
            id=self.id, version=self.version, title=self.title, fiscal_year=self.fiscal_year,
            policy_title=self.policy_title, policy_edition=self.policy_edition,
            weights=self.weights, scale=self.scale, chapters=tuple(chapters),
            content_hash=self.content_hash, source=self.source, data=self.data, review=self.review,
        )
