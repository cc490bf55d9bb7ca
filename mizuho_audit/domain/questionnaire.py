"""The questionnaire: chapters, sections, items, the answer scale and applicability rules."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
    # Other spellings read as this answer in the Excel answer workbook (e.g. 1, ○, はい); the town's data.
    aliases: tuple[str, ...] = ()

    @property
    def excluded(self) -> bool:
        return self.score is None

    @property
    def fails(self) -> bool:
        """A rating that needs an improvement plan counts as failing (一部 / 未実施 in the town's scale)."""
        return self.requires_plan

    @property
    def worst(self) -> bool:
        """The bottom of the scale (score 0: 未実施): a failing 高 item there is a 重大 finding."""
        return self.score == 0

    def spellings(self) -> tuple[str, ...]:
        """Everything that reads as this answer: the label, the key and the aliases."""
        return (self.label, self.key, *self.aliases)


def fold_spelling(text: str) -> str:
    """A typed answer as it is compared with the scale's spellings.

    Surrounding spaces (half- and full-width), tabs and line breaks are dropped, full-width letters,
    digits and signs count as their half-width forms (１ = 1) and letters ignore case. Nothing else is
    changed: ① is not 1 and ◯ is not ○.
    """
    stripped = text.strip()
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in stripped).lower()


def spelling_table(scale: Iterable[ScaleOption]) -> dict[str, ScaleOption]:
    """Folded spelling -> the option it reads as; a spelling claimed by two options is left out (the
    loader refuses such a scale, see :func:`spelling_clashes`)."""
    table: dict[str, ScaleOption] = {}
    clashes: set[str] = set()
    for opt in scale:
        for spelling in opt.spellings():
            k = fold_spelling(spelling)
            if k in table and table[k].key != opt.key:
                clashes.add(k)
            table.setdefault(k, opt)
    for k in clashes:
        del table[k]
    table.pop("", None)
    return table


def spelling_clashes(scale: Iterable[ScaleOption]) -> list[tuple[str, ScaleOption, ScaleOption]]:
    """(spelling, first option, second option) for every spelling that reads as two different answers."""
    seen: dict[str, ScaleOption] = {}
    found = []
    for opt in scale:
        for spelling in dict.fromkeys(fold_spelling(s) for s in opt.spellings()):
            other = seen.get(spelling)
            if other is not None and other.key != opt.key:
                found.append((spelling, other, opt))
            seen.setdefault(spelling, opt)
    return found


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

    def fails(self, key: str | None) -> bool:
        """Whether a rating counts as failing on this checklist's scale (unknown or empty: no)."""
        return any(opt.key == key and opt.fails for opt in self.scale)

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
            content_hash=self.content_hash, source=self.source, data=self.data,
        )
