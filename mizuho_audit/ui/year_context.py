"""What the department window says about the 年度 around an item: what this year asks (core, the group due,
the themes added), last year's answer beside this year's, and the 事務局's answer to an item it answers for
the whole town."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..domain.assessment import Answer
from ..domain.questionnaire import Questionnaire
from ..usecases.answering import Checklist, LastYear
from . import labels

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")
NOTE_SHOWN = 80  # characters of last year's note shown beside this year's answer


def _rating(q: Questionnaire, key: str | None) -> str:
    if not key:
        return translate("YearContext", "未回答")
    try:
        return q.option(key).label
    except KeyError:
        return key


def plan_text(cl: Checklist) -> str:
    """What this 年度 asks the department ("" when the checklist asks every item every year)."""
    if not cl.rotation_group:
        return ""
    parts = [translate("YearContext", "毎年の項目"), translate("YearContext", "{0} 群").format(cl.rotation_group)]
    titles = {t.id: t.title for t in cl.questionnaire.themes}
    if cl.themes:
        chosen = labels.separator().join(titles.get(t, t) for t in cl.themes)
        parts.append(translate("YearContext", "テーマ「{0}」").format(chosen))
    return translate("YearContext", "今年度の項目: {0}（{1} 項目）").format(labels.separator().join(parts),
                                                                     len(cl.asked))


def last_year_text(q: Questionnaire, last: LastYear | None, current: Answer | None, year: int) -> str:
    """Last year's answer beside this year's ("" when there is none)."""
    if last is None or not last.answer.rating:
        return ""
    before = last.answer
    text = translate("YearContext", "{0}の回答: {1}").format(labels.fiscal_year(year - 1),
                                                           _rating(q, before.rating))
    if last.item_id != (current.item_id if current else last.item_id):
        text += translate("YearContext", "（項目 {0}）").format(last.item_id)
    if before.note.strip():
        note = before.note.strip().replace("\n", " ")
        shown = note if len(note) <= NOTE_SHOWN else note[:NOTE_SHOWN] + "…"
        text += translate("YearContext", "　実施状況: {0}").format(shown)
    now = current.rating if current else None
    if now and now != before.rating:
        value = q.option(now).score if now in {o.key for o in q.scale} else None
        moved = ""
        if value is not None and last.rated.value is not None and value != last.rated.value:
            moved = (translate("YearContext", "（改善）") if value > last.rated.value
                     else translate("YearContext", "（低下）"))
        text += "\n" + translate("YearContext", "今年度: {0}{1}").format(_rating(q, now), moved)
    return text


def central_text(unit: str, status: str) -> str:
    """The banner over an item the 事務局 answers for the town."""
    return translate("YearContext", "この項目は情報セキュリティ事務局（{0}）が町全体として一度だけ答えます。"
                                    "この部署は答えません。下は事務局の回答です（{1}。参考・変更できません）。"
                     ).format(unit, labels.assessment_status(status))
