"""The layout of the Excel answer template (回答用紙) shared by writing and reading it: the sheets, the
columns, the checksum over the questions, and what a returned workbook reads as."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...domain.assessment import Answer
from ...domain.questionnaire import Questionnaire
from ...errors import InputProblem
from ...i18n import _
from .workflow import Approver, canonical_json

TEMPLATE_FORMAT = "mizuho-audit/excel-template@1"
COVER, ANSWERS, LISTS, META = "表紙", "回答", "_lists", "_meta"
RATING_NAME = "MizuhoRatingOptions"
FONT_NAME = "ＭＳ Ｐゴシック"


def unsigned_warning() -> str:
    return _("Excelの回答用紙には電子署名がありません（未署名）。チェックサムは誤って様式を書き換えたことを"
             "見つけるためのもので、意図的な改ざんは防げません。")

# (header, width, answer field or None). Only the answer columns are unlocked.
COLUMNS: tuple[tuple[str, float, str | None], ...] = (
    ("章", 11, None), ("節", 11, None), ("項目ID", 9, None), ("質問", 38, None), ("補足説明", 24, None),
    ("判断基準（実施している）", 24, None), ("判断基準（一部実施している）", 24, None), ("根拠資料の例", 15, None),
    ("重要度", 6, None), ("評価", 15, "rating"), ("実施状況・根拠", 32, "note"), ("該当しない理由", 20, "reason"),
    ("改善計画の内容", 26, "plan_content"), ("担当", 10, "plan_owner"), ("期限", 11, "plan_due"),
)
HEADERS = tuple(c[0] for c in COLUMNS)
COL = {c[2]: i for i, c in enumerate(COLUMNS) if c[2]}  # answer field -> 0-based column index
ID_COL, QUESTION_COL = HEADERS.index("項目ID"), HEADERS.index("質問")
TEXT_FIELDS = ("note", "reason", "plan_content", "plan_owner")
APPROVER_LABELS = {"name": "承認者 氏名", "title": "承認者 職名", "date": "承認日", "filled_by": "記入者 氏名"}


class TemplateError(InputProblem):
    """A workbook that cannot be used; the message (in the user's language) names the sheet and row of each problem."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        shown = self.problems[:30] + ([_("ほか {count} 件"
                                         ).format(count=len(self.problems) - 30)] if len(self.problems) > 30 else [])
        super().__init__("\n".join(shown))


@dataclass(frozen=True)
class TemplateRow:
    """One answered row of the 回答 sheet, normalised."""

    row: int
    item_id: str
    question: str
    rating: str | None = None
    note: str = ""
    reason: str = ""
    plan_content: str = ""
    plan_owner: str = ""
    plan_due: str = ""

    def answer(self) -> Answer:
        return Answer(self.item_id, self.rating, self.note, self.reason, self.plan_content, self.plan_owner,
                      self.plan_due)


@dataclass
class TemplateAnswers:
    """A returned workbook, checked and normalised."""

    path: Path
    file_sha256: str
    department_id: str
    fiscal_year: int
    questionnaire: Questionnaire  # the full questionnaire the template was made from
    rows: list[TemplateRow]
    approver: Approver | None
    filled_by: str = ""
    saved_at: str = ""  # when the workbook was last saved (its document properties), ISO
    notes: list[str] = field(default_factory=list)  # values read in a normalised form


def _identity(q: Questionnaire, department_id: str, year: int) -> dict[str, Any]:
    return {"format": TEMPLATE_FORMAT, "questionnaire_id": q.id, "questionnaire_version": q.version,
            "content_hash": q.content_hash, "department_id": department_id, "fiscal_year": year}


def _canon(text: Any) -> str:
    return "" if text is None else str(text).replace("\r\n", "\n").replace("\r", "\n").strip()


def _checksum(identity: dict[str, Any], rows: Sequence[tuple[str, str]]) -> str:
    """SHA-256 over the template's identity and the item ids and question texts, in row order."""
    data = {**identity, "fiscal_year": str(identity["fiscal_year"]),
            "rows": [[_canon(i), _canon(q)] for i, q in rows]}
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()
