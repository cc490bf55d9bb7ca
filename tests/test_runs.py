"""Consecutive runs: how the integrity check lists log sequence numbers and how the pages reader builds a
character class."""

from __future__ import annotations

from mizuho_audit.domain.runs import consecutive_runs
from mizuho_audit.services.signing.pdf_text_doc import outside_of


def test_runs_are_sorted_merged_and_free_of_repeats() -> None:
    assert consecutive_runs([]) == []
    assert consecutive_runs([7, 1, 2, 3, 3, 9, 8]) == [(1, 3), (7, 9)]
    assert consecutive_runs(iter([5])) == [(5, 5)]


def test_the_character_class_finds_exactly_the_characters_outside() -> None:
    pattern = outside_of(map(ord, "あいう-]^\\"))
    assert pattern.search("いあう-]^\\") is None
    assert pattern.search("あいえ").group() == "え"
    assert outside_of([]).search("x") is not None
