"""Reading the cells of an answer workbook's rows and its cover: ratings by the scale's spellings, dates,
answers typed into the wrong column, the approver. Part of :class:`excel_template_read._Reader`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from ...domain.plans import plan_due_problem
from ...domain.questionnaire import Questionnaire, ScaleOption, fold_spelling
from ...domain.wareki import looks_like_yearless_date
from ...i18n import _
from .excel_template_format import (
    APPROVER_LABELS,
    COL,
    COVER,
    HEADERS,
    TEXT_FIELDS,
    SheetScan,
    TemplateMessage,
    TemplateRow,
    _canon,
    cell_name,
    field_cell,
)
from .excel_template_values import (
    _looks_like_date,
    _parse_date_text,
    _sentence,
    _short,
    _shown_date,
    _text,
    _typed,
)
from .workflow import Approver


@dataclass
class _Row:
    number: int
    values: tuple[Any, ...]  # the form's cells, A to O
    outside: dict[int, Any]  # column (from 1) -> value, right of the form
    item_id: str
    question: str

    @property
    def blank(self) -> bool:
        return not self.outside and all(_text(v) == "" for v in self.values)

    def first_cell(self) -> tuple[str, str]:
        """(address, shown value) of the row's first filled cell."""
        for c, v in [*enumerate(self.values, start=1), *sorted(self.outside.items())]:
            if _text(v):
                return cell_name(c, self.number), _text(v)
        return cell_name(1, self.number), ""


class CellReader:
    """The cell-by-cell half of the reader; the reader supplies the state below."""

    q: Questionnaire
    year: int
    table: dict[str, ScaleOption]
    sheet: str
    notes: list[TemplateMessage]
    cleared: list[TemplateMessage]
    approver: Approver | None
    filled_by: str
    require_approver: bool

    def problem(self, text: str, cell: str = "", item: str = "", *, sheet: str | None = None,
                damages: bool = True) -> None:
        raise NotImplementedError

    def _cells(self, r: _Row, prefilled: set[str]) -> TemplateRow:
        iid, n = r.item_id, r.number
        values = {f: r.values[i] for f, i in COL.items()}
        got = {f: _text(values[f]) for f in TEXT_FIELDS}
        rating = self._rating(values["rating"], iid, n)
        owner_is_date = isinstance(values["plan_owner"], date) or _looks_like_date(got["plan_owner"])
        due = self._due(values["plan_due"], owner_is_date, iid, n)
        self._misplaced(got, values, rating, iid, n)
        for c, value in sorted(r.outside.items()):
            shown = _short(_text(value))
            self.problem(_("様式の外（{column}列）に記入があります（「{value}」）。この記入は取り込まれないため、"
                           "決められた欄に書いてください。").format(column=get_column_letter(c), value=shown),
                         cell_name(c, n), iid)
        for f in sorted(prefilled, key=lambda f: COL.get(f, 99)):
            if f in COL and _text(values[f]) == "":
                self.cleared.append(TemplateMessage(
                    _("書き出したときに入っていた「{column}」が消されています（消すときは、アプリで消してください）。"
                      ).format(column=HEADERS[COL[f]]), self.sheet, field_cell(f, n), iid))
        return TemplateRow(n, iid, r.question, rating, plan_due=due, **got)

    def _rating(self, value: Any, iid: str, n: int) -> str | None:
        shown = _text(value)
        if not shown:
            return None
        opt = self.table.get(fold_spelling(shown))
        if opt is None:
            self.problem(_("評価「{value}」は選択肢にありません（{options} から選んでください）。").format(
                value=shown, options=_("／").join(o.label for o in self.q.scale)), field_cell("rating", n), iid)
            return None
        if shown != opt.label:
            self.notes.append(TemplateMessage(_("「{value}」を「{label}」と読みました。").format(
                value=shown, label=opt.label), self.sheet, field_cell("rating", n), iid))
        return opt.key

    def _due(self, value: Any, owner_is_date: bool, iid: str, n: int) -> str:
        """The due date as ISO, checked against the 年度's window (a date cell, or text people type)."""
        cell = field_cell("plan_due", n)
        iso = self._due_text(value, owner_is_date, iid, n)
        problem = plan_due_problem(iso, self.year) if iso else None
        if problem:
            self.problem(problem, cell, iid)
            return ""
        return iso

    def _due_text(self, value: Any, owner_is_date: bool, iid: str, n: int) -> str:
        cell = field_cell("plan_due", n)
        if value is None or (isinstance(value, str) and not value.strip()):
            return ""
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        shown = _text(value)
        parsed = _parse_date_text(value) if isinstance(value, str) else None
        if parsed is not None:
            if shown not in (parsed, _shown_date(parsed)):  # 2027/3/31 typed as text is no reinterpretation
                self.notes.append(TemplateMessage(_("期限「{value}」を {date} と読みました。").format(
                    value=shown, date=_shown_date(parsed)), self.sheet, cell, iid))
            return parsed
        if isinstance(value, str) and looks_like_yearless_date(value):
            self.problem(_("期限「{value}」には年がありません。年を付けて入力してください（例: 2027/3/31）。"
                           ).format(value=shown), cell, iid)
        elif owner_is_date:
            self.problem(_("期限「{value}」は日付として読めません（担当の欄と入れ違っていませんか）。"
                           ).format(value=shown), cell, iid)
        else:
            self.problem(_("期限「{value}」は日付として読めません（例: 2027/3/31）。").format(value=shown), cell, iid)
        return ""

    def _misplaced(self, got: dict[str, str], values: dict[str, Any], rating: str | None, iid: str, n: int) -> None:
        """Fields typed into the wrong column: a rating as 実施状況, a date as 担当 or 内容, 内容 as 担当."""
        note = got["note"]
        as_rating = self.table.get(fold_spelling(note)) if note else None
        if as_rating is not None and as_rating.key != rating:  # the same answer again in 実施状況 does no harm
            self.problem(_("実施状況・根拠が「{value}」だけです。評価は「評価」の欄に入れ、ここには何をしているか"
                           "を書いてください。").format(value=note), field_cell("note", n), iid)
        owner, content = got["plan_owner"], got["plan_content"]
        if isinstance(values["plan_owner"], date) or _looks_like_date(owner):
            self.problem(_("担当に日付「{value}」が入っています（期限の欄と入れ違っていませんか）。"
                           ).format(value=_typed(values["plan_owner"])), field_cell("plan_owner", n), iid)
        elif _sentence(owner) and not _sentence(content):
            self.problem(_("担当に長い文が入っています（改善計画の内容の欄と入れ違っていませんか）。"
                           "担当には係名や氏名を書いてください。"), field_cell("plan_owner", n), iid)
        if isinstance(values["plan_content"], date) or _looks_like_date(content):
            self.problem(_("改善計画の内容が日付「{value}」だけです（期限の欄と入れ違っていませんか）。"
                           ).format(value=_typed(values["plan_content"])), field_cell("plan_content", n), iid)

    # -- the cover -------------------------------------------------------------------------------

    def _cover(self, cover: SheetScan | None) -> None:
        if cover is None:
            if self.require_approver:  # the department's own import does not need the cover
                self.problem(_("「{sheet}」シートがありません。").format(sheet=COVER), sheet="", damages=False)
            return
        at = {_canon(cells.get(1)): n for n, cells in cover.cells.items() if cells.get(1) is not None}
        if any(label not in at for label in APPROVER_LABELS.values()):
            self.problem(_("承認欄が見つかりません（様式が変わっています）。"), sheet=cover.name, damages=False)
            return
        row = {k: at[label] for k, label in APPROVER_LABELS.items()}
        name, title = _text(cover.value(row["name"], 2)), _text(cover.value(row["title"], 2))
        self.filled_by = _text(cover.value(row["filled_by"], 2))
        raw_date = cover.value(row["date"], 2)
        approved = self._approval_date(raw_date, cover.name, cell_name(2, row["date"]))
        self.approver = Approver(name, title, approved) if name and title and approved else None
        if not self.require_approver:
            return
        for key, value, label in (("name", name, _("承認者の氏名")), ("title", title, _("承認者の職名")),
                                  ("date", approved or _text(raw_date), _("承認日"))):
            if not value:
                self.problem(_("{label}がありません。承認を受けて記入してください。").format(label=label),
                             cell_name(2, row[key]), sheet=cover.name, damages=False)

    def _approval_date(self, value: Any, sheet: str, cell: str) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            return ""
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        parsed = _parse_date_text(value) if isinstance(value, str) else None
        if parsed is None:
            if self.require_approver:
                self.problem(_("承認日「{value}」は日付として読めません（例: 2027/3/31）。").format(value=_text(value)),
                             cell, sheet=sheet, damages=False)
            return ""
        if self.require_approver and _text(value) not in (parsed, _shown_date(parsed)):
            self.notes.append(TemplateMessage(_("承認日「{value}」を {date} と読みました。").format(
                value=_text(value), date=_shown_date(parsed)), sheet, cell))
        return parsed
