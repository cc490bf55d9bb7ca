"""Items that ask the same thing in other words: overlap of meaning, not of wording.

No Japanese tokenizer is available, so an item's content is reduced to *terms*: kanji runs cut
into character bigrams (so that 特権ID管理台帳 and 特権IDの貸与台帳 share 特権・ID・台帳), katakana
and Latin words whole, single kanji nouns (鍵, 机), and a few concept tokens that make different
words for the same thing meet (名簿・台帳・一覧; 退庁・終業; マイナンバー・特定個人情報 …). Terms are
weighted by how rare they are in the questionnaire (IDF), so 委託 or 職員 count for little and
原本 or 特権 for much.

Two items are reported when they can reach the same department and

- their questions ask nearly the same thing (``same_question``), or
- one item's question is contained in the other's question and 判断基準, and an evidence record
  of one names the same thing as an evidence record of the other (``criteria_cover``), or
- both keep the same kind of register (名簿・台帳・一覧, or a log of events) naming the same thing, and
  their subjects overlap
  (``same_register``): the same record checked twice.

A pair that is meant to stay (two sides of one control, say) is listed in the questionnaire's
``review.accepted_overlaps`` with its reason.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..domain.questionnaire import Item

_KANJI = "\u3400-\u9fff々〆"
_KATA = "\u30a1-\u30fa\u30fc"
_RUN = re.compile(f"[{_KANJI}{_KATA}A-Za-z0-9]+")
_PIECE = re.compile(f"[{_KANJI}]+|[{_KATA}]+|[A-Za-z]+")
# Okurigana between two kanji (取り出し, 引き出し, 見回り): dropped, so 取出し and 取り出し meet.
_OKURIGANA = re.compile(f"([{_KANJI}])[りきけしちえみびじ](?=[{_KANJI}])")
_CONCEPT = re.compile("〈[^〉]+〉")

# Different words for one thing in this domain (longest variants first within the alternation).
CONCEPTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("〈マイナンバー〉", ("マイナンバー利用事務系", "マイナンバー", "個人番号", "特定個人情報")),
    ("〈使える人〉", ("事務取扱担当者", "取扱担当者", "使える職員", "使える人", "扱う職員", "担当する職員",
                   "利用者", "使用者")),
    ("〈一覧〉", ("一覧表", "名簿", "台帳", "一覧", "リスト", "管理簿")),
    ("〈退庁〉", ("退庁", "終業")),
    ("〈取出〉", ("取り出", "取出")),
    ("〈引出〉", ("引き出し", "引出し", "引出")),
    ("〈持出〉", ("持ち出", "持出")),
    ("〈媒体〉", ("USB メモリ", "USBメモリ", "外付けディスク", "外部記録媒体", "電磁的記録媒体", "記録媒体", "媒体")),
    ("〈共有フォルダ〉", ("共有フォルダ", "ファイルサーバ")),
    ("〈特権ID〉", ("管理者権限のID", "管理者用のID", "特権ID", "管理者権限")),
    ("〈複合機〉", ("複合機", "プリンタ")),
)
_VARIANT = {variant: token for token, variants in CONCEPTS for variant in variants}
# A concept token already in the text is kept as it is (so normalising twice changes nothing).
_VARIANTS = re.compile("〈[^〉]*〉|" + "|".join(re.escape(v) for v in sorted(_VARIANT, key=len, reverse=True)))

# Words every item uses: they say nothing about what an item asks.
_STOP_KANJI = set("課町者等例日年回月内外時後前中全各別他又及並旨上下間数分点度件人名的化性用可不無以未部書"
                  "決定使見得行置伝知守扱含載付求確残受")
_STOP = frozenset({
    "情報", "職員", "管理", "確認", "記録", "実施", "手順", "業務", "部署", "課内", "以上", "一部", "全て", "場合",
    "該当", "回答", "項目", "必要", "文書", "周知", "決め", "定め", "確か", "行っ", "使っ", "セキュリティ", "状態",
    "方法", "内容", "対象", "担当", "当者", "年度", "今年", "以内", "未満", "理者",
})
_STOP_SPLIT = re.compile("|".join(sorted((w for w in _STOP if len(w) > 1), key=len, reverse=True)))
# In an evidence entry these name what was done with a record, or its form, not what it records:
# 「承認の記録」 and 「設定点検の記録」 are not the same register just because both are 記録.
_RECORD_WORDS = frozenset({"承認", "照合", "説明", "申請", "点検", "見直", "報告", "提出", "変更", "作業", "更新",
                           "結果", "周知", "利用", "許可", "設定", "画面", "資料", "写し"})
_RECORD_CUT = re.compile("|".join(sorted(_RECORD_WORDS, key=len, reverse=True)))
_LIST = re.compile(r"(名簿|台帳|一覧|一覧表|管理簿|リスト)[）)]*$")
_LOG = re.compile(r"(記録|記録簿|出簿|請簿|利用簿|ログ)[）)]*$")

SAME_QUESTION = 0.6        # weighted overlap of the two questions' terms …
SAME_QUESTION_COVER = 0.9  # … with one question almost wholly inside the other item
CRITERIA_COVER = 0.8       # share of one question's weight found in the other's question and 判断基準 …
CRITERIA_EVIDENCE = 0.5    # … and the closest pair of evidence entries (one a register or log) this alike
REGISTER_SUBJECT = 0.45    # subject overlap when both keep the same kind of register …
SAME_REGISTER = 0.5        # … whose names overlap this much: one record
MIN_QUESTION_TERMS = 3     # a question with fewer content terms is too thin to be "contained" in another


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return _VARIANTS.sub(lambda m: _VARIANT.get(m.group(0), m.group(0)), text)


def terms(text: str) -> frozenset[str]:
    """The content terms of a text (see the module docstring)."""
    text = _OKURIGANA.sub(r"\1", _OKURIGANA.sub(r"\1", _normal(text)))
    found = set(_CONCEPT.findall(text))
    for run in _RUN.findall(_CONCEPT.sub(" ", text)):
        for piece in _PIECE.findall(run):
            if "\u3400" <= piece[0] <= "\u9fff" or piece[0] in "々〆":
                # Stop words cut a compound, so no bigram straddles one (確認記録 gives nothing, not 認記).
                for part in _STOP_SPLIT.split(piece):
                    if len(part) == 1:
                        if part not in _STOP_KANJI:
                            found.add(part)
                    else:
                        found.update(part[i:i + 2] for i in range(len(part) - 1))
            elif len(piece) >= 2:
                found.add(piece.upper() if piece.isascii() else piece)
    return frozenset(found - _STOP)


def words(text: str, wanted: Iterable[str]) -> list[str]:
    """The words of ``text`` that carry any of the ``wanted`` terms, for messages people read."""
    wanted = set(wanted)
    out: list[str] = []
    for run in _RUN.findall(unicodedata.normalize("NFKC", text)):
        if terms(run) & wanted and run not in out:
            out.append(run)
    return out


def register_kind(evidence: str) -> str:
    """"list" for a register of things or people (名簿, 台帳, 一覧), "log" for a record of events (…の記録,
    ログ, 持出簿), "" for a document (規程, 計画, 契約書, 設定画面)."""
    text = unicodedata.normalize("NFKC", evidence).strip()
    return "list" if _LIST.search(text) else "log" if _LOG.search(text) else ""


@dataclass(frozen=True)
class Overlap:
    """Two items found to ask the same thing, why, and what they share."""

    first: str
    second: str
    rule: str  # "same_question", "criteria_cover" or "same_register"
    subject: float
    evidence: float
    shared_words: tuple[str, ...]
    evidence_pair: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class _Profile:
    question: frozenset[str]
    text: frozenset[str]  # question and 判断基準
    evidence: tuple[frozenset[str], ...]
    evidence_specific: tuple[frozenset[str], ...]


def _specific(evidence: str) -> frozenset[str]:
    """The terms of an evidence entry that say what it records (the record words cut out first)."""
    return terms(_RECORD_CUT.sub(" ", _normal(evidence)))


def _profile(item: Item) -> _Profile:
    return _Profile(terms(item.question),
                    terms("。".join((item.question, item.criteria_done, item.criteria_partial))),
                    tuple(terms(e) for e in item.evidence), tuple(_specific(e) for e in item.evidence))


class OverlapFinder:
    """Scores every pair of a questionnaire's items; weights come from the questionnaire itself."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.items = list(items)
        self.profiles = {it.id: _profile(it) for it in self.items}
        df: Counter[str] = Counter()
        for p in self.profiles.values():
            df.update(p.text.union(*p.evidence))
        n = max(len(self.items), 1)
        self._weight = {t: math.log(n / c) for t, c in df.items()}

    def weight(self, term: str) -> float:
        return self._weight.get(term, 0.0)

    def _mass(self, ts: Iterable[str]) -> float:
        return sum(self.weight(t) for t in ts)

    def _cover(self, part: frozenset[str], whole: frozenset[str]) -> float:
        if len(part) < MIN_QUESTION_TERMS:
            return 0.0
        total = self._mass(part)
        return self._mass(part & whole) / total if total else 0.0

    def _jaccard(self, a: frozenset[str], b: frozenset[str]) -> float:
        union = self._mass(a | b)
        return self._mass(a & b) / union if union else 0.0

    def _closest_evidence(self, a: Item, b: Item, registers_only: bool) -> tuple[float, tuple[str, str]]:
        pa, pb = self.profiles[a.id], self.profiles[b.id]
        best, pair = 0.0, ("", "")
        for ea, ta in zip(a.evidence, pa.evidence_specific, strict=True):
            for eb, tb in zip(b.evidence, pb.evidence_specific, strict=True):
                if registers_only and not (register_kind(ea) and register_kind(ea) == register_kind(eb)):
                    continue
                score = self._jaccard(ta, tb)
                if score > best:
                    best, pair = score, (ea, eb)
        return best, pair

    def compare(self, a: Item, b: Item) -> Overlap | None:
        pa, pb = self.profiles[a.id], self.profiles[b.id]
        subject = max(self._cover(pa.question, pb.text), self._cover(pb.question, pa.text))
        if subject < min(SAME_QUESTION_COVER, CRITERIA_COVER, REGISTER_SUBJECT):
            return None

        def shown(shared: frozenset[str]) -> tuple[str, ...]:
            return tuple(words(a.question + "。" + b.question, shared)[:6])

        shared = (pa.question & pb.text) | (pb.question & pa.text)
        same_q = self._jaccard(pa.question, pb.question)
        if same_q >= SAME_QUESTION and subject >= SAME_QUESTION_COVER:
            return Overlap(a.id, b.id, "same_question", subject, same_q, shown(shared))
        ev, pair = self._closest_evidence(a, b, registers_only=False)
        # A shared document (the contract, the plan) is checked clause by clause by several items;
        # a shared register or log is the same record asked twice.
        if subject >= CRITERIA_COVER and ev >= CRITERIA_EVIDENCE and any(register_kind(e) for e in pair):
            return Overlap(a.id, b.id, "criteria_cover", subject, ev, shown(shared), pair)
        reg, rpair = self._closest_evidence(a, b, registers_only=True)
        if subject >= REGISTER_SUBJECT and reg >= SAME_REGISTER:
            return Overlap(a.id, b.id, "same_register", subject, reg, shown(shared), rpair)
        return None

    def overlaps(self, reach: Mapping[str, frozenset[str]] | None = None,
                 accepted: Iterable[frozenset[str]] = ()) -> list[Overlap]:
        """Every overlapping pair that some department would answer both of, minus the accepted ones.

        ``reach`` maps an item id to the departments it applies to; without it every pair is compared.
        """
        skip = set(accepted)
        found = []
        for i, a in enumerate(self.items):
            for b in self.items[i + 1:]:
                if frozenset((a.id, b.id)) in skip:
                    continue
                if reach is not None and not (reach.get(a.id, frozenset()) & reach.get(b.id, frozenset())):
                    continue
                o = self.compare(a, b)
                if o is not None:
                    found.append(o)
        return found


_LAST_WORD = re.compile(f"[{_KANJI}{_KATA}A-Za-z0-9]+[ぁ-ゖ]*$")


def predicate(question: str) -> str:
    """The act a question asks about (確かめ, 更新し, 無効にし …), for comparing two versions of an item."""
    text = unicodedata.normalize("NFKC", question).strip().rstrip("。?？")
    text = re.sub(r"(ていますか|でいますか|ますか|か)$", "", text)
    m = _LAST_WORD.search(text)
    word = m.group(0) if m else text[-4:]
    if re.search(r"(行っ|行い|実施し)$", word):
        # 「見直しを、年1回以上行っていますか」: the act is the noun before を.
        before = text.rsplit("を", 1)[0]
        m = re.search(f"[{_KANJI}{_KATA}A-Za-z0-9]+[ぁ-ゖ]?$", before)
        word = m.group(0) if m else word
    return word


# Acts that are one kind of control; two versions of an item whose acts fall in different kinds ask
# different things (2025 asked that staff be told a rule; 2026 asks that the system enforce it).
ACT_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("check", ("確かめ", "確認", "点検", "照らし合わせ", "照合", "試験", "診断", "見回", "調べ", "監視")),
    ("keep_record", ("把握", "載っ", "載せ", "記載", "記録", "管理", "登録", "一覧")),
    ("update", ("更新", "見直", "改め", "改定", "反映")),
    ("tell", ("周知", "伝え", "知らせ", "守らせ", "説明", "注意")),
    ("enforce", ("強制", "設定", "制限", "禁止")),
    ("finish", ("終え", "完了", "済ませ")),
    ("delete", ("消去", "削除", "廃棄", "無効")),
)


def act_kind(question: str) -> str:
    p = predicate(question)
    for kind, stems in ACT_KINDS:
        if any(p.startswith(s) or s in p for s in stems):
            return kind
    return p
