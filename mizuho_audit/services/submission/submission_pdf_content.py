"""What the pages of a submission PDF say (:mod:`.submission_pdf`): the snapshot read, and every text of the
cover, the summary, the item blocks and the headings as paragraph markup, shared by the layout and by
:func:`.submission_pdf_model.page_text_model`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeAlias

from ...domain.plans import carries_plan, strip_carry_markers
from ...domain.questionnaire import Item, Questionnaire, ScaleOption
from ...domain.wareki import fiscal_year_label
from ..reports.pdf_fonts import JapaneseStyles, japanese_styles, markup
from ..reports.pdf_layout import (
    HEADER_TEXT_W,
    fit,
    wareki_of_iso_date,
    wareki_of_iso_datetime,
)
from .submission_pdf_year import asked_text

NEEDS_REVIEW_MARK = "要再確認"
IMPROVEMENT_LABEL = "要改善"


# ---------------------------------------------------------------------------------------------
# Reading the snapshot


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _markup(text: str) -> str:
    """:func:`markup`, quicker for the common text that needs no escaping (the importer builds it per item)."""
    if "&" in text or "<" in text or ">" in text or "\n" in text or "\r" in text:
        return markup(text)
    return text


def _file_size(size: Any) -> str:
    try:
        n = int(size)
    except (TypeError, ValueError):
        return ""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _needs_improvement(option: ScaleOption) -> bool:
    """Ratings that call for an improvement plan (一部実施・未実施)."""
    return option.requires_plan or (option.score is not None and option.score < 1.0)


@dataclass(frozen=True)
class _Context:
    snapshot: dict[str, Any]
    checklist: Questionnaire
    answers: dict[str, dict[str, Any]]
    snapshot_hash: str
    signature_note: str
    department_names: tuple[str, ...] = ()

    @property
    def styles(self) -> JapaneseStyles:
        return japanese_styles()

    def text(self, answer: dict[str, Any], key: str) -> str:
        """A field of an answer as printed: without the carry-over markers (【企画課 AST-902】)."""
        value = answer.get(key)
        if value is None:
            return ""
        text = str(value).strip()
        return strip_carry_markers(text, self.department_names).strip() if "【" in text else text

    def part(self, key: str) -> dict[str, Any]:
        """A nested object of the snapshot ({} when absent or malformed)."""
        value = self.snapshot.get(key)
        return value if isinstance(value, dict) else {}

    @property
    def department(self) -> dict[str, Any]:
        return self.part("department")

    @property
    def fiscal_year_label(self) -> str:
        year = self.snapshot.get("fiscal_year", self.checklist.fiscal_year)
        try:
            return fiscal_year_label(int(year))
        except (TypeError, ValueError):
            return _text(year)

    @property
    def report_title(self) -> str:
        return f"{self.fiscal_year_label} 情報セキュリティ自己点検 結果"

    def option(self, key: str) -> ScaleOption | None:
        for opt in self.checklist.scale:
            if opt.key == key:
                return opt
        return None


def _answers_by_item(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for answer in snapshot.get("answers") or ():
        if isinstance(answer, dict) and _text(answer.get("item_id")):
            found[_text(answer["item_id"])] = answer
    return found


# ---------------------------------------------------------------------------------------------
# The page furniture


def _page_furniture(ctx: _Context) -> tuple[str, str, str]:
    """The running header and the footer's two texts (plain text, drawn on every page)."""
    dept_name = _text(ctx.department.get("name"))
    header_left = fit(ctx.report_title + (f"　{dept_name}" if dept_name else ""), 8, HEADER_TEXT_W)
    version = _text(ctx.snapshot.get("submission_version"))
    footer_left = f"{ctx.checklist.id} 版 {ctx.checklist.version}" + (f"　提出版 {version}" if version else "")
    footer_right = f"回答データ SHA-256 {ctx.snapshot_hash[:16]}…" if ctx.snapshot_hash else ""
    return header_left, footer_left, footer_right


# ---------------------------------------------------------------------------------------------
# Cover page


SIGNATURE_LABEL = "電子署名"


@dataclass(frozen=True)
class _CoverContent:
    """The cover's texts as markup (kv rows: a plain label and a markup value)."""

    title: str
    display: str
    subtitle: str
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (heading markup, rows)
    closing: str


def _cover_content(ctx: _Context) -> _CoverContent:
    dept = ctx.department
    snap = ctx.snapshot
    questionnaire = ctx.part("questionnaire")
    approver = ctx.part("approver")
    org = "　".join(p for p in (_text(dept.get("body")), _text(dept.get("division"))) if p)
    q_title = _text(questionnaire.get("title")) or ctx.checklist.title
    q_version = _text(questionnaire.get("version")) or ctx.checklist.version
    q_hash = _text(questionnaire.get("content_hash")) or ctx.checklist.content_hash

    items = list(ctx.checklist.items())
    improvement = review = 0
    for item in items:
        answer = ctx.answers.get(item.id, {})
        option = ctx.option(_text(answer.get("rating")))
        improvement += bool(option and _needs_improvement(option))
        review += bool(answer.get("needs_review"))

    return _CoverContent(
        title=_markup(ctx.report_title),
        display=_markup(_text(dept.get("name")) or _text(dept.get("id"))),
        subtitle=_markup(org),
        sections=(
            ("提出の内容", (
                ("部署", _markup("　".join(p for p in (org, _text(dept.get("name"))) if p))),
                ("チェックリスト", _markup(f"{q_title}（版 {q_version}）")),
                ("チェックリストの内容ハッシュ", _markup(q_hash or "—")),
                ("提出版", _markup(f"第{_text(snap.get('submission_version')) or '—'}版")),
                ("提出者", _markup(_text(snap.get("submitted_by")) or "—")),
                ("提出日時", _markup(wareki_of_iso_datetime(snap.get("submitted_at")) or "—")),
                ("項目数", _markup(f"{len(items)} 項目（{IMPROVEMENT_LABEL} {improvement} 項目、"
                                 f"{NEEDS_REVIEW_MARK} {review} 項目）")),
                *((("今年度に尋ねた項目", markup(asked)),) if (asked := asked_text(snap, ctx.checklist)) else ()),
            )),
            ("承認（情報セキュリティ管理者）", (
                ("職", _markup(_text(approver.get("title")) or "—")),
                ("氏名", _markup(_text(approver.get("name")) or "—")),
                ("承認日", _markup(wareki_of_iso_date(approver.get("date")) or "—")),
            )),
            ("回答データの確認", (
                ("回答データの SHA-256", _markup(ctx.snapshot_hash or "—")),
                (SIGNATURE_LABEL, _markup(ctx.signature_note or "—")),
            )),
        ),
        closing=("本書は、上記の SHA-256 を持つ回答データ（JSON）から作成しました。提出パッケージの回答データの"
                 "ハッシュ値と照合すると、本書が同じ回答を表していることを確かめられます。"),
    )


# ---------------------------------------------------------------------------------------------
# Summary by chapter


def _chapter_heading(chapter_id: str, title: str) -> str:
    return f"第{chapter_id}章 {title}" if chapter_id.isdigit() else f"{chapter_id} {title}".strip()


@dataclass(frozen=True)
class _SummaryContent:
    """The summary table's texts (markup): the header row, a row per chapter, the totals; the note below."""

    headers: tuple[str, ...]  # after the first column's "章"
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (chapter markup, numbers)
    totals: tuple[int, ...]
    note: str
    unanswered_column: bool


def _summary_content(ctx: _Context) -> _SummaryContent:
    scale = ctx.checklist.scale
    place: dict[str, int] = {}
    for i, opt in enumerate(scale):
        place.setdefault(opt.key, i)  # (the first option of a key, as the scale is read everywhere)
    unanswered_any = False
    rows: list[list[int]] = []
    for chapter in ctx.checklist.chapters:
        counts = [0] * len(scale)
        improvement = unanswered = total = 0
        for item in chapter.items():
            total += 1
            index = place.get(_text(ctx.answers.get(item.id, {}).get("rating")))
            if index is None:
                unanswered += 1
                continue
            counts[index] += 1
            improvement += _needs_improvement(scale[index])
        unanswered_any = unanswered_any or unanswered > 0
        rows.append([total, *counts, improvement, unanswered])

    headers = ["項目数", *(opt.label for opt in scale), IMPROVEMENT_LABEL]
    if unanswered_any:
        headers.append("未回答")
    totals = [sum(col) for col in zip(*rows, strict=True)] if rows else [0] * (len(scale) + 3)

    def shown(values: list[int]) -> tuple[int, ...]:
        return tuple(values if unanswered_any else values[:-1])

    improvement_labels = "・".join(f"「{opt.label}」" for opt in scale if _needs_improvement(opt))
    return _SummaryContent(
        headers=tuple(_markup(h) for h in headers),
        rows=tuple((_markup(_chapter_heading(chapter.id, chapter.title)), shown(values))
                   for chapter, values in zip(ctx.checklist.chapters, rows, strict=True)),
        totals=shown(totals),
        note=_markup(f"{IMPROVEMENT_LABEL}: 評価が{improvement_labels}の項目（改善計画の対象）。"
                    "該当しない項目は点数の計算から除きます。"),
        unanswered_column=unanswered_any,
    )


# ---------------------------------------------------------------------------------------------
# Every item


def _rating_markup(option: ScaleOption | None, key: str) -> str:
    if option is None:
        if not key:
            return '<font color="#c62828">未回答</font>'
        return _markup(key)
    if option.score is None:
        color = "#555555"
    elif option.score >= 1.0:
        color = "#1b7f3b"
    elif option.score > 0:
        color = "#a35f00"
    else:
        color = "#c62828"
    return f'<font color="{color}">■ {_markup(option.label)}</font>'


def _plan_markup(ctx: _Context, answer: dict[str, Any]) -> str:
    parts = []
    content = ctx.text(answer, "plan_content")
    if content:
        parts.append("内容: " + _markup(content))
    extra = []
    owner = ctx.text(answer, "plan_owner")
    if owner:
        extra.append("担当: " + _markup(owner))
    if _text(answer.get("plan_due")):
        extra.append("期限: " + _markup(wareki_of_iso_date(answer.get("plan_due"))))
    if extra:
        parts.append("　".join(extra))
    return "<br/>".join(parts)


def _attachments_markup(attachments: Iterable[Any]) -> str:
    lines = []
    for att in attachments:
        if not isinstance(att, dict):
            continue
        sha = _text(att.get("sha256"))[:12]
        details = [d for d in (_file_size(att.get("size")), f"SHA-256 {sha}" if sha else "") if d]
        suffix = f'<font color="#555555">（{_markup("、".join(details))}）</font>' if details else ""
        lines.append("・" + _markup(_text(att.get("name")) or "（名前なし）") + suffix)
    return "<br/>".join(lines)


# The labels of an item block's rows (what each row shows).
ROW_LABELS = {"question": "質問", "note": "実施状況・根拠", "reason": "該当しない理由", "plan": "改善計画",
              "attachments": "添付"}


@dataclass(slots=True)  # (not frozen: the importer makes one per answer, and a frozen one is slower to make)
class _ItemContent:
    """One item block's texts (markup): the id cell, the head cell's parts and the rows below."""

    item_id: str  # markup
    rating: str  # "評価: ■ 実施している"
    review: str  # the 要再確認 mark or ""
    importance: str  # the 重要度 mark or ""
    rows: tuple[tuple[str, str], ...]  # (field, value markup); labels in ROW_LABELS
    needs_review: bool

    @property
    def head(self) -> str:
        return self.rating + self.review + self.importance


def _item_content(ctx: _Context, item_id: str, item: Item | None, answer: dict[str, Any]) -> _ItemContent:
    key = _text(answer.get("rating"))
    option = ctx.option(key)
    review = bool(answer.get("needs_review"))
    rows: list[tuple[str, str]] = [
        ("question", _markup(item.question) if item else '<font color="#555555">（チェックリストにない項目）</font>'),
        ("note", _markup(ctx.text(answer, "note")) or '<font color="#777777">（記入なし）</font>'),
    ]
    reason = ctx.text(answer, "reason")
    if reason:
        rows.append(("reason", _markup(reason)))
    # 実施している / 該当しない carry no plan (an older snapshot may still hold one from an earlier rating).
    plan = _plan_markup(ctx, answer) if carries_plan(option) or (option is None and key) else ""
    if plan:
        rows.append(("plan", plan))
    attachments = answer.get("attachments")
    if isinstance(attachments, list) and attachments:
        rows.append(("attachments", _attachments_markup(attachments)))
    return _ItemContent(
        item_id=f"<b>{_markup(item_id)}</b>",
        rating="評価: " + _rating_markup(option, key),
        review=f'　<font color="#c62828">【{NEEDS_REVIEW_MARK}】</font>' if review else "",
        importance=(f'　<font color="#555555">重要度 {_markup(item.importance)}</font>'
                    if item is not None and item.importance else ""),
        rows=tuple(rows),
        needs_review=review,
    )


# The answers part as a sequence of events: ("heading", level, markup, chapter id), ("item", id, item, answer),
# ("section_end",), ("chapter_end",). _items lays them out; page_text_model reads their texts.
_Event: TypeAlias = tuple[Any, ...]


def _answer_events(ctx: _Context) -> Iterator[_Event]:
    if ctx.checklist.chapters:
        yield "heading", 1, "2. 回答の内容", ""
    for chapter in ctx.checklist.chapters:
        clause = f'<font size="8" color="#555555">　方針 {_markup(chapter.clause)}</font>' if chapter.clause else ""
        yield "heading", 2, _markup(_chapter_heading(chapter.id, chapter.title)) + clause, chapter.id
        for section in chapter.sections:
            yield "heading", 3, _markup(f"{section.id} {section.title}".strip()), chapter.id
            for item in section.items:
                yield "item", item.id, item, ctx.answers.get(item.id, {})
            yield ("section_end",)
        yield ("chapter_end",)
    known = {item.id for item in ctx.checklist.items()}
    strays = [item_id for item_id in ctx.answers if item_id not in known]
    if strays:
        # Never drop answers silently: the signed snapshot holds them, so the printout shows them.
        yield "heading", 2, STRAY_HEADING, ""
        for item_id in strays:
            yield "item", item_id, None, ctx.answers[item_id]
        yield ("section_end",)


STRAY_HEADING = "チェックリストにない回答"


def _context(snapshot: dict[str, Any], checklist: Questionnaire, snapshot_hash: str, signature_note: str,
             department_names: Iterable[str]) -> _Context:
    own = _text((snapshot.get("department") or {}).get("name")) if isinstance(snapshot.get("department"), dict) else ""
    return _Context(snapshot=snapshot, checklist=checklist, answers=_answers_by_item(snapshot),
                    snapshot_hash=snapshot_hash, signature_note=signature_note,
                    department_names=(*department_names, *([own] if own else [])))
