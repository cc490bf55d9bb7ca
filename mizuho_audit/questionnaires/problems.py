"""Validation problems, each naming the file, the line, the item and the field, in the user's language."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputProblem
from ..i18n import _


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
            what.append(_("項目 {item}").format(item=self.item))
        if self.field:
            what.append(_("「{field}」").format(field=self.field))
        subject = _(" の ").join(what)
        return f"{where}: {subject + ': ' if subject else ''}{self.message}"


class ValidationFailed(InputProblem):
    """A data file (or a set of them) did not pass validation."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
