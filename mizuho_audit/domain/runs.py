"""Consecutive runs of whole numbers: the log's sequence numbers a check reports as ranges, the characters a
font covers as a regular expression's class."""

from __future__ import annotations

from collections.abc import Iterable


def consecutive_runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """``numbers`` sorted and grouped into (first, last) runs of consecutive values.

    >>> consecutive_runs([7, 1, 2, 3, 3])
    [(1, 3), (7, 7)]
    """
    runs: list[tuple[int, int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        elif not runs or number != runs[-1][1]:  # a repeated number adds nothing
            runs.append((number, number))
    return runs
