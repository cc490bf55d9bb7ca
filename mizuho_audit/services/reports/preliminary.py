"""速報 (preliminary report): a report built before the 年度's submission deadline has passed, or while
submissions received are not yet 受理, is marked 速報 on its cover and on every page's header.

The decision is made once, here, and handed to :func:`~.audit_report.write_audit_report`: the window asks
the auditor before building such a report; the command line does not wait for an answer, it builds the
report marked 速報 and prints :meth:`Preliminary.message`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ... import clock
from ...domain.wareki import wareki_date
from ...i18n import _
from ..intake.status_board import deadline
from ..workspace import Workspace

PRELIMINARY_MARK = "速報"


@dataclass(frozen=True)
class Preliminary:
    """Why a report built on ``on`` is a 速報; falsy when there is no reason (a final report).

    ``deadline`` is the submission deadline when it has not passed yet; ``pending`` and ``returned`` name
    the departments whose current submission awaits the auditor's 受理, or was returned (差戻し中).
    Departments that never submitted do not make a report preliminary once the deadline has passed:
    the report lists them by name.
    """

    on: date
    deadline: date | None = None
    pending: tuple[str, ...] = ()
    returned: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.deadline is not None or bool(self.pending or self.returned)

    @property
    def not_accepted(self) -> tuple[str, ...]:
        return self.pending + self.returned

    def reasons(self, *, names: bool = False) -> list[str]:
        """The reasons as the report prints them (Japanese: the town's document); with ``names``, the
        departments are named (the report names them under 1.4 instead)."""

        def who(departments: tuple[str, ...]) -> str:
            return f"{len(departments)} 部署" + (f": {'、'.join(departments)}" if names else "")

        found = []
        if self.deadline is not None:
            found.append(f"提出期限（{wareki_date(self.deadline)}）より前の集計である。")
        if self.pending:
            found.append(f"受理していない提出がある（{who(self.pending)}）。")
        if self.returned:
            found.append(f"差戻し中の提出がある（{who(self.returned)}）。")
        return found

    def message(self) -> str:
        """One line for the user, in their language (what the command line prints)."""
        if not self:
            return ""
        parts = []
        if self.deadline is not None:
            parts.append(_("提出期限（{deadline}）の前です").format(deadline=self.deadline.isoformat()))
        if self.not_accepted:
            parts.append(_("受理していない部署が {count} あります").format(count=len(self.not_accepted)))
        return _("報告書に「速報」と表示しました（{reasons}）。").format(reasons=_("、").join(parts))


def preliminary_reasons(ws: Workspace, year: int, today: date | None = None) -> Preliminary:
    """Whether a report on ``year`` built ``today`` (Japan time by default) is a 速報, and why."""
    on = today or clock.today()
    due = deadline(ws, year)
    names = {d.id: d.name for d in ws.departments()}
    order = {d.id: i for i, d in enumerate(ws.departments())}
    current = sorted(ws.store.received(year), key=lambda r: order.get(r.department_id, 10**6))
    pending = tuple(names.get(r.department_id, r.department_id) for r in current if r.decision is None)
    returned = tuple(names.get(r.department_id, r.department_id) for r in current if r.decision == "returned")
    return Preliminary(on, due if due is not None and on <= due else None, pending, returned)
