"""Checking and normalising a returned answer template, in one pass.

The workbook's identity (the hidden _meta sheet) must be right, or nothing is read. Then every row of
the 回答 sheet is matched with the form's items by its 項目ID and question: rows edited, moved,
duplicated or deleted are *damaged* and reported; the unchanged rows are read cell by cell (ratings by
the questionnaire's spellings, dates, fields in the wrong column, merged cells, writing outside the
form). Every problem carries its sheet, its cell (A1) and its item, and all are collected before
anything is decided: the caller takes the accepted rows only when there is no problem, or when the
person confirms.
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

from openpyxl.utils import range_boundaries  # type: ignore[import-untyped]

from ...domain.departments import Department
from ...domain.questionnaire import Questionnaire, spelling_table
from ...i18n import _
from ..workspace import FOLLOWUP_PREFIX, Workspace, with_followups
from .excel_template_cells import CellReader, _Row
from .excel_template_format import (
    ANSWERS,
    APPROVER_LABELS,
    COL,
    COLUMNS,
    COVER,
    HEADERS,
    ID_COL,
    LISTS,
    META,
    QUESTION_COL,
    TEMPLATE_FORMAT,
    Book,
    SheetScan,
    TemplateAnswers,
    TemplateError,
    TemplateMessage,
    TemplateRow,
    _canon,
    _checksum,
    _identity,
    cell_name,
)
from .excel_template_values import (
    _short,
    _text,
)
from .workflow import Approver

WIDTH = len(COLUMNS)
ANSWER_COLUMNS = range(min(COL.values()) + 1, max(COL.values()) + 2)  # 1-based columns of the answer fields
PREFILLED = "prefilled:"  # _meta key prefix: the answer fields written into the form, per item


# -- identity ----------------------------------------------------------------------------------------


def _meta(sheet: SheetScan | None, name: str) -> dict[str, Any]:
    not_template = _("{file}: 自己点検の回答用紙ではありません（管理用の _meta シートがありません）。"
                     ).format(file=name)
    if sheet is None:
        raise TemplateError(not_template)
    meta = {str(row[1]): _canon(row.get(2)) for row in sheet.cells.values() if row.get(1) is not None}
    if meta.get("format") != TEMPLATE_FORMAT:
        raise TemplateError(not_template)
    missing = [k for k in ("questionnaire_id", "questionnaire_version", "content_hash", "department_id",
                           "fiscal_year", "checksum") if not meta.get(k)]
    if missing or not meta["fiscal_year"].isdigit():
        raise TemplateError(TemplateMessage(_("管理情報が欠けています（{fields}）。"
                                              ).format(fields=', '.join(missing) or 'fiscal_year'), META))
    return {**meta, "fiscal_year": int(meta["fiscal_year"])}


def _known_questionnaire(ws: Workspace, meta: dict[str, Any]) -> Questionnaire:
    found = ws.catalog.find(meta["questionnaire_id"], meta["questionnaire_version"])
    if found is not None and found.content_hash == meta["content_hash"]:
        return found
    key = ws.store.questionnaire_key_by_hash(meta["content_hash"])
    if key is None:
        raise TemplateError(TemplateMessage(_("チェックリスト「{id}」（版 {version}）はこのデータベースに"
                                              "登録されていません。").format(id=meta['questionnaire_id'],
                                                                    version=meta['questionnaire_version']),
                                            META))
    return ws.questionnaire_for_key(key)


def check_book(ws: Workspace, book: Book, path: Path, file_sha256: str, department_id: str | None,
               require_approver: bool) -> TemplateAnswers:
    """Everything about a workbook that was read; raise :class:`TemplateError` when nothing can be taken."""
    meta = _meta(book.sheets.get(META), path.name)
    q = _known_questionnaire(ws, meta)
    dep = meta["department_id"]
    known = {d.id: d for d in ws.departments()}
    if dep not in known:
        raise TemplateError(TemplateMessage(_("部署 {department} は部署マスタにありません。").format(department=dep),
                                            COVER, "B3"))
    if department_id is not None and dep != department_id:
        target = known[department_id].name if department_id in known else department_id
        raise TemplateError(TemplateMessage(_("この回答用紙は {department}（{id}）のものです。取り込み先は "
                                              "{target}（{target_id}）です。").format(
                                                  department=known[dep].name, id=dep, target=target,
                                                  target_id=department_id), COVER, "B3"))
    year = meta["fiscal_year"]
    if year != q.fiscal_year:
        raise TemplateError(TemplateMessage(_("年度が合いません（回答用紙は{year}年度、チェックリストは"
                                              "{expected}年度）。").format(year=year, expected=q.fiscal_year),
                                            META))
    reader = _Reader(ws, book, q, known[dep], year, meta, require_approver)
    reader.read()
    notes = [n for n in reader.notes if n.item_id not in reader.damaged]  # rows not taken are not read either
    return TemplateAnswers(path, file_sha256, dep, year, q, reader.accepted(), reader.approver, reader.filled_by,
                           book.saved_at, _sorted(book, notes), _sorted(book, reader.problems),
                           [i for i in reader.item_ids if i in reader.damaged], reader.item_ids,
                           _sorted(book, reader.cleared), reader.some_items_only, reader.sheet, reader.themes)


def _sorted(book: Book, messages: list[TemplateMessage]) -> list[TemplateMessage]:
    """In the order of the sheets, then rows, then columns; messages about the file first."""
    order = {name: i for i, name in enumerate(book.sheets)}
    return sorted(messages, key=lambda m: (bool(m.sheet), order.get(m.sheet, len(order)), m.position()))


# -- the rows ----------------------------------------------------------------------------------------




class _Reader(CellReader):
    """One pass over a workbook whose identity is known: every problem, every reinterpretation."""

    def __init__(self, ws: Workspace, book: Book, q: Questionnaire, department: Department, year: int,
                 meta: dict[str, Any], require_approver: bool) -> None:
        self.ws, self.book, self.q, self.department, self.year = ws, book, q, department, year
        self.meta, self.require_approver = meta, require_approver
        self.problems: list[TemplateMessage] = []
        self.notes: list[TemplateMessage] = []
        self.cleared: list[TemplateMessage] = []
        self.damaged: set[str] = set()
        self.item_ids: list[str] = []
        self.rows: dict[str, TemplateRow] = {}
        self.approver: Approver | None = None
        self.filled_by = ""
        self.some_items_only = bool(meta.get("items"))
        # The themes the form was made with (a form of the year's checklist); None: a form of every item.
        known = {t.id for t in q.themes}
        self.themes: tuple[str, ...] | None = (tuple(t for t in str(meta["themes"]).split() if t in known)
                                               if "themes" in meta else None)
        self.table = spelling_table(q.scale)
        self.sheet = ANSWERS

    def accepted(self) -> list[TemplateRow]:
        return [self.rows[i] for i in self.item_ids if i in self.rows and i not in self.damaged]

    def problem(self, text: str, cell: str = "", item: str = "", *, sheet: str | None = None,
                damages: bool = True) -> None:
        self.problems.append(TemplateMessage(text, self.sheet if sheet is None else sheet, cell, item))
        if damages and item:
            self.damaged.update(item.split("・"))

    def read(self) -> None:
        answers = self._find_sheet(ANSWERS, _is_answer_sheet)
        cover = self._find_sheet(COVER, _is_cover)
        self._other_sheets({s.name for s in (answers, cover) if s is not None})
        fatal: list[TemplateMessage] = []
        if answers is None:
            fatal.append(TemplateMessage(_("「{sheet}」シートがありません。").format(sheet=ANSWERS)))
        else:
            self.sheet = answers.name
            fatal += self._headers(answers)
        self._cover(cover)
        if fatal:
            raise TemplateError([*fatal, *self.problems])
        assert answers is not None
        self._answer_rows(answers)

    # -- sheets ----------------------------------------------------------------------------------

    def _find_sheet(self, name: str, looks_right: Any) -> SheetScan | None:
        if name in self.book.sheets:
            return self.book.sheets[name]
        found = [s for s in self.book.sheets.values() if s.name not in (ANSWERS, COVER, LISTS, META) and looks_right(s)]
        if len(found) != 1:
            return None
        self.problem(_("シートの名前が「{name}」から「{renamed}」に変えられています。").format(
            name=name, renamed=found[0].name), sheet=found[0].name, damages=False)
        return found[0]

    def _other_sheets(self, used: set[str]) -> None:
        for scan in self.book.sheets.values():
            if scan.name in used or scan.name in (ANSWERS, COVER, LISTS, META) or not scan.cells:
                continue
            self.problem(_("回答用紙にないシートです。このシートの記入は取り込まれません。"), scan.first_cell(),
                         sheet=scan.name, damages=False)

    def _headers(self, sheet: SheetScan) -> list[TemplateMessage]:
        found = sheet.values(1, WIDTH)
        wrong = []
        for c, (expected, value) in enumerate(zip(HEADERS, found, strict=True), start=1):
            shown = _text(value)
            if shown == expected:
                continue
            text = _("見出し「{expected}」が消されています。").format(expected=expected) if not shown else \
                _("見出しが「{expected}」ではなく「{found}」になっています。").format(expected=expected, found=shown)
            wrong.append(TemplateMessage(text, sheet.name, cell_name(c, 1)))
        for c, value in sorted(sheet.cells.get(1, {}).items()):
            if c > WIDTH:  # a heading added right of the form
                self.problem(_("項目の行ではないところに記入があります（「{value}」）。この記入は取り込まれません。"
                               ).format(value=_short(_text(value))), cell_name(c, 1), damages=False)
        if wrong:
            wrong.append(TemplateMessage(_("列が追加・削除・移動されているため、この回答シートは読めません。"
                                           "列を元に戻すか、新しい回答用紙に記入してください。"), sheet.name))
            wrong += [TemplateMessage(_merged_text(), sheet.name, ref) for ref in sheet.merged
                      if range_boundaries(ref)[1] == 1]
        return wrong

    # -- rows ------------------------------------------------------------------------------------

    def _expected(self, read: list[_Row]) -> tuple[list[tuple[str, str]], bool]:
        """(id, question) of the form's items in order, and whether follow-up rows are vouched for by the
        checksum only (this database does not know them)."""
        themes = self.themes
        if themes is None:  # a form of a checklist that asks everything (or made before the rotation)
            checklist = self.q.checklist_for(self.department.traits)
        else:
            checklist = self.q.checklist_for_year(self.department.traits, themes)
        followups = self.ws.store.followups(self.department.id, self.year - 1)
        if followups:
            expected = [(it.id, _canon(it.question)) for it in with_followups(checklist, followups).items()]
        else:
            expected = [(it.id, _canon(it.question)) for it in checklist.items()]
            seen: set[str] = set()
            for r in read:
                if r.item_id.startswith(FOLLOWUP_PREFIX) and r.item_id not in seen:
                    seen.add(r.item_id)
                    expected.append((r.item_id, r.question))
        wanted = self.meta.get("items", "").split()
        if wanted:
            keep = set(wanted)
            expected = [e for e in expected if e[0] in keep]
        return expected, not followups and any(e[0].startswith(FOLLOWUP_PREFIX) for e in expected)

    def _answer_rows(self, sheet: SheetScan) -> None:
        read = []
        for n in range(2, sheet.max_row + 1):
            values = sheet.values(n, WIDTH)
            outside = {c: v for c, v in sheet.cells.get(n, {}).items() if c > WIDTH}
            row = _Row(n, values, outside, _canon(values[ID_COL]), _canon(values[QUESTION_COL]))
            if not row.blank:
                read.append(row)
        identity = _identity(self.q, self.department.id, self.year)
        untouched = _checksum(identity, [(r.item_id, r.question) for r in read]) == self.meta["checksum"]
        if untouched:
            # The rows are exactly those written (the checksum vouches for them): an item the form was made
            # without (a follow-up added since, say) is not a deleted row.
            expected, unverified_followups = list(dict.fromkeys((r.item_id, r.question) for r in read)), False
        else:
            expected, unverified_followups = self._expected(read)
        self.item_ids = [e[0] for e in expected]
        if not untouched and _checksum(identity, expected) != self.meta["checksum"]:
            raise TemplateError([TemplateMessage(_("チェックサムが一致しません（管理情報が書き換えられています）。"
                                                   "新しい回答用紙に記入してください。"), META), *self.problems])
        rows = self._match(read, expected)
        if unverified_followups and not untouched:
            for iid in self.item_ids:
                if iid.startswith(FOLLOWUP_PREFIX) and iid in rows:
                    self.problem(_("前年度の指摘事項への対応の項目は、様式が変えられた回答用紙では確かめられません。"),
                                 cell_name(ID_COL + 1, rows[iid].number), iid)
        self._merged(sheet, rows)
        prefilled = {k[len(PREFILLED):]: set(v.split()) for k, v in self.meta.items() if k.startswith(PREFILLED)}
        for iid in self.item_ids:
            if iid in rows:
                self.rows[iid] = self._cells(rows[iid], prefilled.get(iid, set()))

    def _match(self, read: list[_Row], expected: list[tuple[str, str]]) -> dict[str, _Row]:
        """The row of each item of the form; every row that is not one, or not where it should be, reported."""
        order = {iid: i for i, (iid, _q) in enumerate(expected)}
        question_of = dict(expected)
        rows: dict[str, _Row] = {}
        rest: list[_Row] = []
        id_cell = ID_COL + 1
        for r in read:
            if r.item_id not in order:
                rest.append(r)
            elif r.item_id in rows:
                self.problem(_("同じ項目の行が二つあります（{first}行目と{row}行目）。").format(
                    first=rows[r.item_id].number, row=r.number), cell_name(id_cell, r.number), r.item_id)
            else:
                rows[r.item_id] = r
                if r.question != question_of[r.item_id]:
                    self.problem(_("質問の文が元の様式から書き換えられています。"),
                                 cell_name(QUESTION_COL + 1, r.number), r.item_id)
        by_question: dict[str, str] = {}
        for iid, question in expected:
            if iid not in rows and question:
                by_question[question] = "" if question in by_question else iid
        placed: set[str] = set()
        for r in rest:
            guess = by_question.get(r.question) if r.question else None
            where = cell_name(id_cell, r.number)
            if guess and guess not in placed:
                placed.add(guess)
                if r.item_id:
                    self.problem(_("項目IDが「{found}」に書き換えられています（質問は項目 {item} のものです）。"
                                   ).format(found=r.item_id, item=guess), where, guess)
                else:
                    self.problem(_("項目IDが消されています（質問は項目 {item} のものです）。").format(item=guess),
                                 where, guess)
            elif r.item_id:
                self.problem(_("項目ID「{found}」は元の様式にありません（行が追加されたか、IDが書き換えられて"
                               "います）。この行は取り込まれません。").format(found=r.item_id), where, damages=False)
            else:
                cell, value = r.first_cell()
                self.problem(_("項目の行ではないところに記入があります（「{value}」）。この記入は取り込まれません。"
                               ).format(value=_short(value)), cell, damages=False)
        in_order = _longest_in_order([order[i] for i in rows])
        for iid, r in rows.items():
            if order[iid] not in in_order:
                self.problem(_("行の位置が元の様式と違います（並べ替えられています）。"),
                             cell_name(id_cell, r.number), iid)
        previous = 1
        for iid, _question in expected:
            if iid in rows:
                previous = rows[iid].number
            elif iid not in placed:
                self.problem(_("この項目の行がありません（削除されています）。"), cell_name(id_cell, previous + 1), iid)
        return rows

    def _merged(self, sheet: SheetScan, rows: dict[str, _Row]) -> None:
        at = {r.number: iid for iid, r in rows.items()}
        answer_cols = set(ANSWER_COLUMNS)
        for ref in sheet.merged:
            c1, r1, c2, r2 = range_boundaries(ref)
            if r2 < 2:
                continue  # in the heading row: reported with the headings
            items = [at[n] for n in range(max(r1, 2), r2 + 1) if n in at]
            touches_answers = bool(answer_cols & set(range(c1, c2 + 1)))
            self.problem(_merged_text(), ref, "・".join(items), damages=touches_answers)

    # -- cells -----------------------------------------------------------------------------------


def _is_answer_sheet(sheet: SheetScan) -> bool:
    return tuple(_text(v) for v in sheet.values(1, WIDTH)) == HEADERS


def _is_cover(sheet: SheetScan) -> bool:
    labels = {_canon(cells.get(1)) for cells in sheet.cells.values()}
    return all(label in labels for label in APPROVER_LABELS.values())


def _merged_text() -> str:
    return _("セルが結合されています。結合すると左上のセル以外の記入が消えるため、結合を解除して"
             "行ごと・欄ごとに記入してください。")


def _longest_in_order(seq: list[int]) -> set[int]:
    """The values of a longest increasing subsequence (rows that kept their order)."""
    tails: list[int] = []  # index into seq of the smallest tail of each length
    tail_values: list[int] = []
    prev = [-1] * len(seq)
    for i, v in enumerate(seq):
        k = bisect.bisect_left(tail_values, v)
        prev[i] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(i)
            tail_values.append(v)
        else:
            tails[k], tail_values[k] = i, v
    found: set[int] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        found.add(seq[i])
        i = prev[i]
    return found
