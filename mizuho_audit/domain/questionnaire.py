"""The questionnaire: chapters, sections, items, the answer scale and applicability rules."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
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
# The unit of the 情報セキュリティ事務局, which answers the items marked ``answered_by: central`` once
# for the whole town; no other unit is asked them.
CENTRAL_TRAIT = "security_office"
ANSWERED_BY = ("department", "central")
CORE = "core"  # ``rotation`` of an item asked every year
# The three-tier models of the national guideline; an item may be asked only under some of them.
NETWORK_MODELS: tuple[str, ...] = ("αモデル", "α'モデル", "βモデル", "β'モデル")
# Traits whose items take longer to answer honestly: a business system's screens and logs, contracts,
# a cloud service's or an SNS account's settings, the schools' ICT settings.
TECHNICAL_TRAITS = frozenset({"owns_system", "outsourcing", "cloud", "sns", "school_ict", "server_room"})
MINUTE_KINDS = ("office", "technical", "system")


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
    rotation: str = CORE  # "core" (every year) or a rotation group ("A", "B", "C")
    minutes: int | None = None  # minutes to answer honestly; None: the questionnaire's default for its kind
    answered_by: str = "department"  # or "central": answered once for the town by the 事務局
    models: tuple[str, ...] = ()  # network models under which it is asked; () under any

    def applies_to(self, traits: frozenset[str]) -> bool:
        """Whether a department with these traits is asked this item (in some year of the cycle)."""
        if self.respondent == "system" and SYSTEM_TRAIT not in traits:
            return False
        if self.answered_by == "central" and CENTRAL_TRAIT not in traits:
            return False
        return self.rule.matches(traits)

    @property
    def minute_kind(self) -> str:
        """Which default answering time fits: "system", "technical" or "office"."""
        if self.respondent == "system":
            return "system"
        if (self.rule.all_of | self.rule.any_of) & TECHNICAL_TRAITS:
            return "technical"
        return "office"


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
class Theme:
    """A named set of items an auditor can add, for chosen departments, to a year (e.g. マイナンバー, 委託)."""

    id: str
    title: str
    items: tuple[str, ...]
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
    network_model: str = ""  # the town's three-tier model (αモデル …); "" when the file does not say
    rotation_groups: tuple[str, ...] = ()  # e.g. ("A", "B", "C"); () when every item is asked every year
    due_group: str = ""  # the rotation group asked in this 年度
    themes: tuple[Theme, ...] = ()
    answer_minutes: dict[str, int] = field(default_factory=lambda: {"office": 3, "technical": 5, "system": 8})
    # Units with one of these traits answer only the items whose rule names one of their traits (a
    # supplement): bodies whose 事務 is done by another 課's staff, who answer the general items there.
    supplement_only: frozenset[str] = frozenset()
    # Item id -> (framework, id) references of the crosswalk (:mod:`.frameworks`); not part of the text answered.
    references: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, compare=False, repr=False)

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

    def asks(self, item: Item) -> bool:
        """Whether the item is asked at all under this questionnaire's network model."""
        return not item.models or not self.network_model or self.network_model in item.models

    def applies(self, item: Item, traits: frozenset[str]) -> bool:
        """Whether a department with these traits is asked the item in some year of the rotation."""
        if not self.asks(item) or not item.applies_to(traits):
            return False
        supplement = self.supplement_only & traits
        if supplement:
            named = item.rule.all_of | item.rule.any_of
            return bool(named & traits)
        return True

    def minutes_for(self, item: Item) -> int:
        """Minutes to answer the item honestly (its own estimate, or the default for its kind)."""
        if item.minutes is not None:
            return item.minutes
        return self.answer_minutes.get(item.minute_kind, self.answer_minutes.get("office", 3))

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)

    def due(self, item: Item, group: str | None = None, themes: Collection[str] = ()) -> bool:
        """Whether the item is asked in the year whose rotation group is ``group`` (default: this 年度's),
        with the chosen themes added. Without a rotation every item is asked every year."""
        if not self.rotation_groups or item.rotation == CORE:
            return True
        if item.rotation == (self.due_group if group is None else group):
            return True
        return any(item.id in self.theme(t).items for t in themes)

    def _keep(self, keep: Callable[[Item], bool]) -> Questionnaire:
        chapters = []
        for ch in self.chapters:
            sections = []
            for sec in ch.sections:
                items = tuple(it for it in sec.items if keep(it))
                if items:
                    sections.append(Section(sec.id, sec.title, items))
            if sections:
                chapters.append(Chapter(ch.id, ch.title, ch.clause, tuple(sections)))
        return replace(self, chapters=tuple(chapters))

    def checklist_for(self, traits: frozenset[str]) -> Questionnaire:
        """The same questionnaire keeping every item that applies to a department, whatever the year's
        rotation (the whole catalogue the department may be asked)."""
        return self._keep(lambda it: self.applies(it, traits))

    def checklist_for_year(self, traits: frozenset[str], themes: Collection[str] = ()) -> Questionnaire:
        """A department's checklist for this questionnaire's 年度: the items that apply to its traits and
        are core, in the rotation group due this year, or in one of the chosen themes. Items answered
        centrally reach only the 事務局's unit. Unknown theme ids raise KeyError."""
        for t in themes:
            self.theme(t)
        return self._keep(lambda it: self.applies(it, traits) and self.due(it, None, themes))

    def only(self, item_ids: Collection[str]) -> Questionnaire:
        """The same questionnaire keeping just these items (e.g. the ones a submission says it was asked)."""
        wanted = set(item_ids)
        return self._keep(lambda it: it.id in wanted)

    def central_for_year(self, traits: frozenset[str]) -> Questionnaire:
        """The items the 事務局 answers once for the town this 年度 that would concern a department with these
        traits (it is not asked them; it may see the 事務局's answer)."""
        if CENTRAL_TRAIT in traits:
            return self._keep(lambda it: False)
        widened = traits | {CENTRAL_TRAIT}
        return self._keep(lambda it: it.answered_by == "central" and self.applies(it, widened) and self.due(it))

    @property
    def rotates(self) -> bool:
        """Whether a 年度 asks a part of the catalogue (core + a group + themes) rather than all of it."""
        return bool(self.rotation_groups)
