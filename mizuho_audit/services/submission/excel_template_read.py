"""Checking and normalising a returned answer template: its _meta sheet, the rows against the
questionnaire, and the cells (○ → 実施している, 令和9年3月31日 → 2027-03-31, the 承認 fields)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from ...domain.departments import Department
from ...domain.questionnaire import Questionnaire
from ...i18n import _
from ..workspace import FOLLOWUP_PREFIX, Workspace, with_followups
from .excel_template_format import (
    APPROVER_LABELS,
    COVER,
    HEADERS,
    ID_COL,
    QUESTION_COL,
    TEMPLATE_FORMAT,
    TemplateError,
    _canon,
    _checksum,
    _identity,
)
from .workflow import Approver

_SYMBOLS = {"○": "done", "◯": "done", "〇": "done", "△": "partial", "×": "not_done", "✕": "not_done",
            "-": "na", "ー": "na", "−": "na", "―": "na", "‐": "na", "–": "na", "—": "na", "N/A": "na"}
_WESTERN = re.compile(r"(\d{4})(?:[/.-](\d{1,2})[/.-](\d{1,2})|年(\d{1,2})月(\d{1,2})日)")
_ERA = re.compile(r"(R|H|令和|平成)(\d{1,2}|元)(?:[/.-](\d{1,2})[/.-](\d{1,2})|年(\d{1,2})月(\d{1,2})日)")
_ERA_SPAN = {"R": (2018, date(2019, 5, 1), date(9999, 12, 31)), "H": (1988, date(1989, 1, 8), date(2019, 4, 30))}


def _meta(grid: list[tuple[Any, ...]] | None, name: str) -> dict[str, Any]:
    not_template = _("{file}: 自己点検の回答用紙ではありません（管理用の _meta シートがありません）。"
                     ).format(file=name)
    if grid is None:
        raise TemplateError(not_template)
    meta = {str(r[0]): _canon(r[1]) for r in grid if len(r) >= 2 and r[0] is not None}
    if meta.get("format") != TEMPLATE_FORMAT:
        raise TemplateError(not_template)
    missing = [k for k in ("questionnaire_id", "questionnaire_version", "content_hash", "department_id",
                           "fiscal_year", "checksum") if not meta.get(k)]
    if missing or not meta["fiscal_year"].isdigit():
        raise TemplateError(_("_meta シート: 管理情報が欠けています（{fields}）。"
                              ).format(fields=', '.join(missing) or 'fiscal_year'))
    return {**meta, "fiscal_year": int(meta["fiscal_year"])}


def _known_questionnaire(ws: Workspace, meta: dict[str, Any]) -> Questionnaire:
    found = ws.catalog.find(meta["questionnaire_id"], meta["questionnaire_version"])
    if found is not None and found.content_hash == meta["content_hash"]:
        return found
    key = ws.store.questionnaire_key_by_hash(meta["content_hash"])
    if key is None:
        raise TemplateError(_("_meta シート: チェックリスト「{id}」（版 "
                              "{version}）はこのデータベースに登録されていません。"
                              ).format(id=meta['questionnaire_id'],
                                       version=meta['questionnaire_version']))
    return ws.questionnaire_for_key(key)


def _item_rows(grid: list[tuple[Any, ...]]) -> list[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of the item rows below the header; trailing empty rows dropped."""
    if not grid or tuple(_canon(v) for v in grid[0][:len(HEADERS)]) != HEADERS:
        raise TemplateError(_("回答シート 1行目: 見出しが元の様式と違います（列が追加・削除・移動されています）。"))
    rows = [(i, values) for i, values in enumerate(grid[1:], start=2)]
    while rows and all(_canon(v) == "" for v in rows[-1][1]):
        rows.pop()
    return rows


def _check_rows(ws: Workspace, q: Questionnaire, department: Department, year: int, meta: dict[str, Any],
                found: list[tuple[int, tuple[Any, ...]]]) -> None:
    """The rows must be the questionnaire's, unchanged and in order; the checksum must match."""
    read = [(_canon(v[ID_COL]), _canon(v[QUESTION_COL])) for _, v in found]
    checklist = q.checklist_for(department.traits)
    followups = ws.store.followups(department.id, year - 1)
    if followups:
        expected = [(it.id, _canon(it.question)) for it in with_followups(checklist, followups).items()]
    else:
        # Follow-up items this database does not know (e.g. the auditor's): the checksum vouches for them.
        expected = [(it.id, _canon(it.question)) for it in checklist.items()]
        expected += [r for r in read if r[0].startswith(FOLLOWUP_PREFIX)]
    redo = _("行の追加・削除・並べ替えや質問の書き換えをした回答用紙は取り込めません。"
             "新しい回答用紙に記入してください。")
    read_ids, expected_ids = {r[0] for r in read}, {e[0] for e in expected}
    for i in range(max(len(read), len(expected))):
        row_no = i + 2
        if i >= len(read):
            raise TemplateError(_("回答シート {row}行目: 項目 {item} の行がありません"
                                  "（行が削除されています）。{redo}"
                                  ).format(row=row_no, item=expected[i][0], redo=redo))
        rid, rq = read[i]
        if i >= len(expected):
            raise TemplateError(_("回答シート {row}行目: 元の様式にない行です（項目ID「{item}」）。{redo}"
                                  ).format(row=row_no, item=rid, redo=redo))
        eid, eq = expected[i]
        if not rid:
            raise TemplateError(_("回答シート {row}行目: 項目IDがありません。{redo}"
                                  ).format(row=row_no, redo=redo))
        if rid != eid:
            if rid not in expected_ids:
                why = _("項目ID「{item}」は元の様式にありません（IDが書き換えられています）").format(item=rid)
            elif eid not in read_ids:
                why = _("項目 {item} の行がありません（行が削除されています）").format(item=eid)
            else:
                why = _("項目 {item} の行の位置が元の様式と違います（並べ替えられています）").format(item=rid)
            raise TemplateError(_("回答シート {row}行目: {why}。{redo}").format(row=row_no, why=why, redo=redo))
        if rq != eq:
            raise TemplateError(_("回答シート {row}行目（項目 {item}）: 質問の文が元の様式から"
                                  "書き換えられています。{redo}").format(row=row_no, item=rid, redo=redo))
    identity = _identity(q, department.id, year)
    if _checksum(identity, read) != meta["checksum"]:
        raise TemplateError(_("_meta シート: チェックサムが一致しません（管理情報が書き換えられています）。"
                              "新しい回答用紙に記入してください。"))


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _rating(value: Any, scale: dict[str, str], where: str, problems: list[str], notes: list[str]) -> str | None:
    """The scale key of a rating cell: a label (NFKC, spaces ignored) or ○ △ × － N/A; else a problem."""
    shown = _text(value)
    if not shown:
        return None
    k = _key(shown)
    key = next((kk for kk, label in scale.items() if _key(label) == k), None)
    if key is None and _SYMBOLS.get(k) in scale:
        key = _SYMBOLS[k]
    if key is None:
        problems.append(_("{where}: 評価「{value}」は選択肢にありません"
                          "（{options} から選んでください）。"
                          ).format(where=where, value=shown, options=_("／").join(scale.values())))
        return None
    if shown != scale[key]:
        notes.append(_("{where}: 評価「{value}」を「{label}」として読みました。"
                       ).format(where=where, value=shown, label=scale[key]))
    return key


def _date(value: Any, where: str, problems: list[str], notes: list[str]) -> str:
    """An ISO date from a date cell or unambiguous text (2027/3/31, R9.3.31, 令和9年3月31日); else a problem."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    parsed = _parse_date_text(value) if isinstance(value, str) else None
    if parsed is None:
        problems.append(_("{where}「{value}」は日付として読めません（例: 2027/3/31）。"
                          ).format(where=where, value=_text(value)))
        return ""
    notes.append(_("{where}「{value}」を {parsed} として読みました。"
                   ).format(where=where, value=value.strip(), parsed=parsed))
    return parsed


def _parse_date_text(text: str) -> str | None:
    s = _key(text)
    try:
        if m := _WESTERN.fullmatch(s):
            y, mo, d = int(m[1]), int(m[2] or m[4]), int(m[3] or m[5])
            return date(y, mo, d).isoformat()
        if m := _ERA.fullmatch(s):
            offset, first, last = _ERA_SPAN[m[1][0] if m[1][0] in "RH" else {"令": "R", "平": "H"}[m[1][0]]]
            n = 1 if m[2] == "元" else int(m[2])
            found = date(offset + n, int(m[3] or m[5]), int(m[4] or m[6]))
            return found.isoformat() if first <= found <= last else None
    except ValueError:
        return None
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return _canon(value)


def _approver(grid: list[tuple[Any, ...]] | None, required: bool, problems: list[str],
              notes: list[str]) -> tuple[Approver | None, str]:
    if grid is None:
        raise TemplateError(_("「{sheet}」シートがありません。").format(sheet=COVER))
    at = {_canon(r[0]): (i, r[1] if len(r) > 1 else None) for i, r in enumerate(grid, start=1) if r}
    if any(label not in at for label in APPROVER_LABELS.values()):
        raise TemplateError(_("表紙シート: 承認欄が見つかりません（様式が変わっています）。"))
    row = {k: at[label][0] for k, label in APPROVER_LABELS.items()}
    name, title = _text(at[APPROVER_LABELS["name"]][1]), _text(at[APPROVER_LABELS["title"]][1])
    raw_date = at[APPROVER_LABELS["date"]][1]
    filled_by = _text(at[APPROVER_LABELS["filled_by"]][1])
    before = len(problems)
    approved = _date(raw_date, _("表紙シート {row}行目: 承認日").format(row=row['date']), problems, notes)
    if not required:
        del problems[before:]  # the department's own import needs no approval
        return (Approver(name, title, approved) if name and title and approved else None), filled_by
    for key, value, label in (("name", name, _("承認者の氏名")), ("title", title, _("承認者の職名")),
                              ("date", approved or _text(raw_date), _("承認日"))):
        if not value:
            problems.append(_("表紙シート {row}行目: {label}がありません。承認を受けて記入してください。"
                              ).format(row=row[key], label=label))
    return (Approver(name, title, approved) if name and title and approved else None), filled_by
