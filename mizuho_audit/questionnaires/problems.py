"""Validation problems, each naming the file, the line, the item and the field, in Japanese."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    line: int = 0
    item: str = ""
    field: str = ""

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = []
        if self.item:
            what.append(f"項目 {self.item}")
        if self.field:
            what.append(f"「{self.field}」")
        subject = " の ".join(what)
        return f"{where}: {subject + ': ' if subject else ''}{self.message}"


class ValidationFailed(Exception):
    """A data file (or a set of them) did not pass validation."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
