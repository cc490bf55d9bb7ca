"""改善計画 (a department's improvement plan on one item): which answers carry one, which due dates
make sense for a 年度, when a plan is overdue, and the carry-over markers that never reach a printout.

One rule for the window, the command line, submitting and the Excel route: a plan's due date falls
on or after the 年度's 4月1日 and no later than the end of the third 年度 (3月31日 three years on).
It is tied to the 年度, never to today, so a 年度's data stays valid when it is read years later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ..i18n import _
from .questionnaire import Questionnaire, ScaleOption
from .wareki import wareki_date

PLAN_FIELDS: tuple[str, ...] = ("plan_content", "plan_owner", "plan_due")
PLAN_HORIZON_YEARS = 3
OVERDUE_LABEL = "期限超過"


def plan_due_window(fiscal_year: int) -> tuple[date, date]:
    """The first and the last acceptable due date of a plan made in ``fiscal_year``."""
    return date(fiscal_year, 4, 1), date(fiscal_year + PLAN_HORIZON_YEARS, 3, 31)


def plan_due_opening(fiscal_year: int, today: date | None = None) -> date:
    """Where choosing a plan's date starts: today during the 年度, else the 年度's last day (3月31日)."""
    end = date(fiscal_year + 1, 3, 31)
    return today if today is not None and date(fiscal_year, 4, 1) <= today <= end else end


def plan_due_problem(value: str, fiscal_year: int) -> str | None:
    """Why ``value`` cannot be the due date of a plan of ``fiscal_year`` (a message for the user), or
    None when it can. An empty value is no problem here (whether a plan needs a date is asked elsewhere)."""
    text = value.strip()
    if not text:
        return None
    try:
        due = date.fromisoformat(text)
    except ValueError:
        return _("期限「{value}」は日付として読めません（例: 2027-03-31）。").format(value=text)
    first, last = plan_due_window(fiscal_year)
    if first <= due <= last:
        return None
    return _("改善計画の期限は、{first}から{last}までの日付にしてください（{year}年度の計画。指定: {value}）。"
             ).format(first=wareki_date(first), last=wareki_date(last), year=fiscal_year, value=text)


def plan_due_ok(value: str, fiscal_year: int) -> bool:
    return plan_due_problem(value, fiscal_year) is None


def carries_plan(option: ScaleOption | None) -> bool:
    """Whether an answer with this rating has an improvement plan (一部実施・未実施); 実施している and
    該当しない never do."""
    return option is not None and option.requires_plan


def rating_carries_plan(questionnaire: Questionnaire, rating: str | None) -> bool:
    if not rating:
        return False
    try:
        return carries_plan(questionnaire.option(rating))
    except KeyError:
        return False


def is_overdue(due: object, on: date) -> bool:
    """Whether a plan or finding due on ``due`` (ISO date text) has passed on the day ``on``."""
    text = "" if due is None else str(due).strip()[:10]
    try:
        return date.fromisoformat(text) < on
    except ValueError:
        return False


# -- carry-over markers ---------------------------------------------------------------------------
# Carrying answers over merged items or departments prefixes each part with where it came from:
# 【企画課 AST-902】. They help the department while it reviews; printed, they are noise.
_MARKER = re.compile(r"【([^】\n]{1,60})】")
_ITEM_ID = re.compile(r"[A-Z][A-Z0-9]*-\d+[A-Za-z0-9-]*")


def strip_carry_markers(text: str, department_names: Iterable[str] = ()) -> str:
    """``text`` without the carry-over markers 【部署名】 and 【部署名 ITEM-ID】 (other 【…】 stay), and
    without a line repeated right after itself once the markers are gone."""
    if "【" not in text:
        return text
    names = set(department_names)

    def is_marker(inner: str) -> bool:
        head, _sep, tail = inner.strip().rpartition(" ")
        if head and _ITEM_ID.fullmatch(tail):
            return True
        return inner.strip() in names

    out: list[str] = []
    for line in text.split("\n"):
        cleaned = _MARKER.sub(lambda m: "" if is_marker(m.group(1)) else m.group(0), line)
        if cleaned != line:
            cleaned = cleaned.strip()
            if out and out[-1] == cleaned:
                continue
        out.append(cleaned)
    return "\n".join(out)
