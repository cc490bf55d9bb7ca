"""Pages = data: the signed pages of a submission show the answers embedded in it.

The department head signs the PDF's pages; the auditor's app imports the JSON embedded in the same file. A
file whose pages show other answers than its JSON (made by rendering other answers and attaching the real
ones, or by editing the pages) must not import. :func:`pages_match` reads the text of every page back
(:func:`..signing.pdf_text.page_texts`) and compares it with the text the app draws for the embedded
snapshot (:func:`.submission_pdf.page_text_model`), with all whitespace removed (lines wrap, cells split):

- every page starts with its running header and footer (取扱注意, title and department, checklist and
  submission version, the snapshot's hash) and ends with "n / N" for the pages there are;
- between them, page after page, exactly the cover, the summary by chapter, and for every answer in the
  snapshot, in order, its item id, its rating's label, the 要再確認 mark, the question and importance, the
  note, the reason, the plan and the attachments: nothing missing, nothing changed, nothing added.

A file that differs gets one problem per item, naming what differs (the rating, the note ...), and one per
page for anything else. What it proves and what it cannot:

- It proves that the text the PDF declares on its pages is the text of the embedded answers. That text is
  read as a text extractor (copy and paste, search, a screen reader) reads it: each font's ``/ToUnicode``
  map says which character a code draws. A PDF crafted to draw other glyphs than its map declares (a forged
  map or font), to hide text (white on white, covered, clipped, outside the page, too small) or to draw words
  as shapes is not detected: that is deliberate forgery, and the signature ties it to the signer. The reader
  refuses the cheap ways to draw beyond the text it reads (annotations over the page, images and forms,
  invisible text modes, optional content, clipping: see :mod:`..signing.pdf_text`).
- The cover's line on the electronic signature is the exporter's and is read but not compared. Last year's
  findings that the department answered (items ``FU-nnn`` not in ``checklist``) were printed with the finding's
  title as the question, which the importer does not have as the department had it: their question,
  importance and headings are read but not compared; their rating, note, plan and everything else are.
- A character the font lacks is drawn as the empty glyph and reads as U+0000; the comparison expects exactly
  that for such characters (as the PDF shows them). Carry-over markers (【企画課】) are left out as the
  department's PDF left them out, by the same rule and ``department_names``.

Speed (``bench/bench_pages.py``): about 6 ms for a 28-page submission of 230 items on the machine of
2026-12-05 (reading the pages ~3.5 ms, the expected text ~1.5 ms, the comparison ~0.8 ms), half of pyHanko's
validation of its signature; a full re-render costs about 0.8 s. The pages are read the quick way because the
app draws them in one composite font as hexadecimal strings (:mod:`.pdf_identity_font`); a submission made
before that reads correctly, somewhat more slowly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ...domain.questionnaire import Chapter, Item, Questionnaire, Section
from ...i18n import _
from ..reports.pdf_fonts import FONT_NAME
from ..signing.pdf_text import PageTextError, page_texts
from ..signing.pdf_text_doc import outside_of
from ..workspace import FOLLOWUP_PREFIX
from .submission_pdf import NEEDS_REVIEW_MARK as _MARK
from .submission_pdf import ROW_LABELS, PageTextModel, page_text_model, plain_text

MAX_PROBLEMS = 30
_Piece = tuple[str | None, str, str]  # a model piece as shown: (text or None for unknown, item id, field)
_FOLLOWUPS = "\x00followups"  # the chapter of last year's findings, as this module stands in for it


def pages_match(pdf: bytes, snapshot: dict[str, Any], checklist: Questionnaire, *, snapshot_hash: str,
                department_names: Iterable[str] = (), reader: Any = None) -> list[str]:
    """Problems (in the user's language) where the pages of ``pdf`` do not show ``snapshot``; [] when they do.

    ``snapshot`` is the embedded ``mizuho-audit/submission@1`` snapshot and ``snapshot_hash`` its SHA-256
    (hex, as in the envelope, already checked against the snapshot); ``checklist`` the department's checklist
    (the questionnaire filtered to the department's traits; its scale gives the ratings' labels);
    ``department_names`` the names in the town's master (for the carry-over markers). See the module's
    docstring for what is compared. ``reader``: ``pdf`` already parsed by pyHanko (as the signature check
    parsed it), if it was.
    """
    problems = _snapshot_problems(snapshot)
    view, unknown_chapters, unknown_items = _department_view(checklist, snapshot)
    model = page_text_model(snapshot, view, snapshot_hash=snapshot_hash, department_names=department_names,
                            unknown_chapters=unknown_chapters, unknown_items=unknown_items)
    try:
        pages = page_texts(pdf, reader)
    except PageTextError as exc:
        return [*problems, _("{reason} 画面の表示が添付の回答データと同じであることを確かめられません。"
                             ).format(reason=str(exc))]
    problems += _Comparison(pages, model, snapshot, view).problems()
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS],
                    _("ほか {count} 件の不一致があります。").format(count=len(problems) - MAX_PROBLEMS)]
    return problems


# --- the snapshot as the department's PDF shows it ---------------------------------------------------------


def _snapshot_problems(snapshot: dict[str, Any]) -> list[str]:
    """Answers the pages cannot show one by one (the printout keeps one answer per item id)."""
    answers = snapshot.get("answers")
    if not isinstance(answers, list):
        return [_("添付の回答データに回答の一覧がありません。")]
    problems = []
    seen: set[str] = set()
    for number, answer in enumerate(answers, start=1):
        item_id = str(answer.get("item_id") or "").strip() if isinstance(answer, dict) else ""
        if not item_id:
            problems.append(_("添付の回答データの{number}件目の回答には項目の番号がなく、画面に表示されません。"
                              ).format(number=number))
        elif item_id in seen:
            problems.append(_("{item}: 添付の回答データに同じ項目の回答が複数あり、画面には1件しか表示されません。"
                              ).format(item=item_id))
        seen.add(item_id)
    return problems


def _department_view(checklist: Questionnaire,
                     snapshot: dict[str, Any]) -> tuple[Questionnaire, frozenset[str], frozenset[str]]:
    """``checklist`` with the follow-up items the department answered (its last chapter, as it printed it)."""
    known = {item.id for item in checklist.items()}
    followups = []
    for answer in snapshot.get("answers") or ():
        item_id = str(answer.get("item_id") or "").strip() if isinstance(answer, dict) else ""
        if item_id.startswith(FOLLOWUP_PREFIX) and item_id not in known and item_id not in followups:
            followups.append(item_id)
    if not followups:
        return checklist, frozenset(), frozenset()
    items = tuple(Item(id=item_id, question="", criteria_done="", criteria_partial="", evidence=(), clause="",
                       importance="", cia=()) for item_id in followups)
    chapter = Chapter(_FOLLOWUPS, "", "", (Section(_FOLLOWUPS, "", items),))
    return replace(checklist, chapters=(*checklist.chapters, chapter)), frozenset({_FOLLOWUPS}), frozenset(followups)


# --- the comparison ----------------------------------------------------------------------------------------


def _squeeze(text: str) -> str:
    return "".join(text.split())


@lru_cache(maxsize=1)
def _lacking() -> re.Pattern[str]:
    """A character the font has no glyph for (one expression over its ~12,000 characters, made once: ~16 ms)."""
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]

    return outside_of(pdfmetrics.getFont(FONT_NAME).face.charToGlyph)  # (the font is registered by the model)


class _Shown:
    """Text as the pages show it: whitespace removed, characters the font lacks as U+0000 (its empty glyph)."""

    def __init__(self) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.glyphs = pdfmetrics.getFont(FONT_NAME).face.charToGlyph
        self.lacking = _lacking()

    def __call__(self, text: str) -> str:
        squeezed = _squeeze(text)
        if self.lacking.search(squeezed) is None:
            return squeezed
        # reportlab draws a character the font has no glyph for as code 0, the empty glyph (U+0000).
        missing = {ord(c) for c in set(squeezed) if ord(c) not in self.glyphs}
        if missing:
            return squeezed.translate({code: "\x00" for code in missing})
        return squeezed


class _Comparison:
    def __init__(self, pages: list[str], model: PageTextModel, snapshot: dict[str, Any],
                 checklist: Questionnaire) -> None:
        self.shown = _Shown()
        self.model = model
        self.snapshot = snapshot
        self.checklist = checklist
        self.page_problems: list[str] = []
        furniture = self.shown("".join(model.furniture))
        bodies = []
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            text = _squeeze(page)
            suffix = f"{number}/{total}"
            ok = len(text) >= len(furniture) + len(suffix)
            if ok and text.startswith(furniture):
                text = text[len(furniture):]
            else:
                ok = False
            if ok and text.endswith(suffix):
                text = text[:len(text) - len(suffix)]
            else:
                ok = False
            if not ok:
                self.page_problems.append(
                    _("{page}ページの見出し・フッター・ページ番号が、添付の回答データから作られるものと一致しません"
                      "（全{total}ページ）。").format(page=number, total=total))
            bodies.append(text)
        self._use(bodies)

    def _use(self, bodies: list[str]) -> None:
        """The pages' bodies (their text between the running header and footer and the page number)."""
        self.bodies = bodies
        self.page_starts = []
        offset = 0
        for body in bodies:
            self.page_starts.append(offset)
            offset += len(body)
        self.body = "".join(bodies)

    def _without_repeated_header(self) -> bool:
        """Take out the summary table's header row where the table went on to another page and repeated it;
        whether there was one."""
        header = self.shown(plain_text(self.model.summary_header))
        totals = self.shown(plain_text(self.model.summary_totals))
        bodies = []
        begun = inside = False  # the table has begun; its totals row has not come yet
        for body in self.bodies:
            if inside and body.startswith(header):
                body = body[len(header):]
                rest = body
            elif not begun:
                found = body.find(header)
                rest = body[found + len(header):] if found >= 0 else ""
                begun = inside = found >= 0
            else:
                rest = body
            if inside and totals in rest:
                inside = False
            bodies.append(body)
        changed = bodies != self.bodies
        if changed:
            self._use(bodies)
        return changed

    # The decision: one pass over literal runs (pieces joined between the unknown texts).

    def _runs(self) -> list[str | None]:
        runs: list[str | None] = []
        pending: list[str] = []
        for markup, _item, _field in self.model.pieces:
            if markup is None:
                if pending:
                    runs.append(self.shown(plain_text("".join(pending))))
                    pending = []
                if runs and runs[-1] is None:
                    continue
                runs.append(None)
            else:
                pending.append(markup)
        if pending:
            runs.append(self.shown(plain_text("".join(pending))))
        return runs

    def problems(self) -> list[str]:
        if self.page_problems:
            return self.page_problems + self._diagnose()
        runs = self._runs()
        if _match(self.body, runs, 0) == len(self.body):
            return []
        if self._without_repeated_header() and _match(self.body, runs, 0) == len(self.body):
            return []
        return self._diagnose()

    # The diagnosis (only for a file that differs): item by item.

    def _page_of(self, position: int) -> int:
        return sum(1 for start in self.page_starts[1:] if start <= position) + 1

    def _diagnose(self) -> list[str]:
        shown = self.shown
        pieces = [(None if m is None else shown(plain_text(m)), item, field) for m, item, field in self.model.pieces]
        # The pieces before the first answer; then each answer's own pieces with the headings after them.
        blocks: list[tuple[str, list[_Piece]]] = [("", [])]
        for piece in pieces:
            if piece[1] and piece[1] != blocks[-1][0]:
                blocks.append((piece[1], []))
            blocks[-1][1].append(piece)
        problems: list[str] = []
        starts: list[int | None] = []  # where each answer's block starts: its id, then "評価:"
        position = 0
        for item, block in blocks[1:]:
            anchor = f"{block[0][0]}評価:"
            found = self.body.find(anchor, position)
            starts.append(found if found >= 0 else None)
            if found < 0:
                problems.append(_("{item}: 添付の回答データにある回答が、画面に表示されていません。").format(item=item))
            else:
                position = found + len(anchor)
        located = [start for start in starts if start is not None]
        lead_end = located[0] if located else len(self.body)
        lead = self._differs(blocks[0][1], self.body[:lead_end], 0)
        if lead:
            problems.insert(0, lead)
        for index, ((item, block), start) in enumerate(zip(blocks[1:], starts, strict=True)):
            if start is not None:
                end = next((s for s in starts[index + 1:] if s is not None), len(self.body))
                problems += self._item_problems(item, block, self.body[start:end], start)
        return problems or [_("画面の表示が、添付の回答データと一致しません。")]

    def _differs(self, pieces: Sequence[_Piece], text: str, offset: int) -> str | None:
        """None when ``text`` is what ``pieces`` show; else the page and the part where it first differs."""
        if _match(text, _as_runs(pieces), 0) == len(text):
            return None
        position = 0
        kind = "heading"
        for number, piece in enumerate(pieces):
            kind = piece[2]
            # an unknown text is taken up to the next known one, so match it together with that one
            end = _match(text, _as_runs(pieces[number:number + 2] if piece[0] is None else [piece]), position,
                         partial=True)
            if end < 0:
                break
            position = end
        names = {"cover": _("表紙"), "summary": _("章別の集計"), "year": _("前年度からの変化")}
        return _("{page}ページの{part}の表示が、添付の回答データから作られるものと一致しません。"
                 ).format(page=self._page_of(offset + position), part=names.get(kind, _("見出し")))

    def _item_problems(self, item: str, block: list[_Piece], text: str, offset: int) -> list[str]:
        """What differs in one answer's block: the rating, the 要再確認 mark, each row; then the headings after."""
        if _match(text, _as_runs(block), 0) == len(text):
            return []
        own = [piece for piece in block if piece[1]]
        after = [piece for piece in block if not piece[1]]
        (id_text, _i, _f), (rating, _i2, _f2), (review, _i3, _f3), (importance, _i4, _f4) = own[:4]
        rows = [(own[n][0], own[n + 1]) for n in range(4, len(own) - 1, 2)]  # (label, value piece)
        problems = []
        question_at = text.find(rows[0][0] or "", len(id_text or "")) if rows else len(text)
        head = text[len(id_text or ""):question_at if question_at >= 0 else len(text)]
        if not self._head_ok(head, rating or "", review or "", importance):
            rest = head
            if importance is None:
                cut = rest.rfind("重要度")
                rest = rest[:cut] if cut >= 0 else rest
            elif importance and rest.endswith(importance):
                rest = rest[:-len(importance)]
            review_shown = rest.endswith(_squeeze(f"【{_MARK}】"))
            if review_shown:
                rest = rest[:-len(_squeeze(f"【{_MARK}】"))]
            if rest != rating:
                problems.append(self._field_problem(item, "rating"))
            elif review_shown != bool(review):
                problems.append(self._field_problem(item, "review"))
            else:
                problems.append(self._field_problem(item, "importance"))
        position = question_at if question_at >= 0 else len(text)
        trailing = "".join(piece[0] or "" for piece in after)
        for number, (label, (value, _item, field)) in enumerate(rows):
            following = rows[number + 1][0] if number + 1 < len(rows) else None
            if label is None or not text.startswith(label, position):
                problems.append(self._field_problem(item, field))
                position = self._resync(text, position, following)
                continue
            position += len(label)
            if value is None:  # an unknown text: up to the next row's label
                found = text.find(following, position) if following else -1
                position = found if found >= 0 else len(text)
                continue
            end = position + len(value) if text.startswith(value, position) else -1
            if end >= 0 and following is None:
                rest = text[end:]
                if rest and not (rest.startswith(trailing) and _match(rest, _as_runs(after), 0) == len(rest)):
                    extra = self._row_at(rest)
                    problems.append(self._field_problem(item, extra or field))
                position = len(text)
            elif end >= 0 and following is not None and not text.startswith(following, end):
                extra = self._row_at(text[end:])
                problems.append(self._field_problem(item, extra or field))
                position = self._resync(text, end, following)
            elif end < 0:
                problems.append(self._field_problem(item, field))
                position = self._resync(text, position, following)
            else:
                position = end
        if not problems:
            heading = self._differs(after, text[position:], offset + position) if position < len(text) else None
            problems.append(heading or self._field_problem(item, "row"))
        return problems

    @staticmethod
    def _resync(text: str, position: int, label: str | None) -> int:
        found = text.find(label, position) if label else -1
        return found if found >= 0 else len(text)

    @staticmethod
    def _row_at(text: str) -> str | None:
        """The row whose label starts ``text`` (a row the data does not have), if any."""
        return next((field for field, label in ROW_LABELS.items() if text.startswith(label)), None)

    @staticmethod
    def _head_ok(head: str, rating: str, review: str, importance: str | None) -> bool:
        if importance is None:
            return head.startswith(rating + review) and (head == rating + review or
                                                          head[len(rating + review):].startswith("重要度"))
        return head == rating + review + importance

    def _field_problem(self, item: str, field: str) -> str:
        messages = {
            "rating": _("{item}: 画面に表示された評価が、添付の回答データ（{label}）と一致しません。"),
            "review": _("{item}: 画面の【要再確認】の表示が、添付の回答データと一致しません。"),
            "note": _("{item}: 画面に表示された実施状況・根拠が、添付の回答データと一致しません。"),
            "reason": _("{item}: 画面に表示された該当しない理由が、添付の回答データと一致しません。"),
            "plan": _("{item}: 画面に表示された改善計画が、添付の回答データと一致しません。"),
            "attachments": _("{item}: 画面に表示された添付ファイルが、添付の回答データと一致しません。"),
        }
        message = messages.get(field, _("{item}: 画面に表示された項目の内容が、添付の回答データと一致しません。"))
        return message.format(item=item, label=self._label(item))

    def _label(self, item: str) -> str:
        for answer in self.snapshot.get("answers") or ():
            if isinstance(answer, dict) and str(answer.get("item_id") or "").strip() == item:
                key = str(answer.get("rating") or "").strip()
                option = next((opt for opt in self.checklist.scale if opt.key == key), None)
                return option.label if option else (key or _("未回答"))
        return _("未回答")


def _as_runs(pieces: Iterable[_Piece]) -> list[str | None]:
    runs: list[str | None] = []
    for text, _item, _field in pieces:
        if text is None:
            if not runs or runs[-1] is not None:
                runs.append(None)
        elif runs and runs[-1] is not None:
            runs[-1] += text
        else:
            runs.append(text)
    return runs


def _match(text: str, runs: Sequence[str | None], position: int, *, partial: bool = False) -> int:
    """Where ``runs`` (literal texts; None for any text) matched from ``position`` end in ``text``, or -1.

    Each unknown text is taken as short as it can be (the first place the next literal text is found). With
    ``partial`` the match may end before the text does; else a match must reach the end (-1 otherwise,
    except that the end position is returned when the last run is an unknown text)."""
    unknown = False
    for run in runs:
        if run is None:
            unknown = True
            continue
        if unknown:
            found = text.find(run, position)
            if found < 0:
                return -1
            position = found + len(run)
            unknown = False
        elif text.startswith(run, position):
            position += len(run)
        else:
            return -1
    if unknown:
        return position if partial else len(text)
    return position if partial or position == len(text) else -1
