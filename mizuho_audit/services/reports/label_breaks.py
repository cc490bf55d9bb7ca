"""Where a short Japanese label may break: between words, never inside one (no 「セキュリテ／ィ」).

Japanese has no spaces, and Excel, LibreOffice and reportlab break it at any character. For running text
that is how Japanese is set; for a label (a chapter's title in a header or beside a chart bar, a column's
heading) a break inside a word reads badly. The seams used here: before a run of kanji, katakana or
latin letters that follows another script, after 「・」「、」「）」 or a space, before 「（」; never before a
particle (hiragana after kanji), a small kana, 「ー」 or closing punctuation.
"""

from __future__ import annotations

from collections.abc import Callable

_BREAK_AFTER = frozenset("・、，,／/ 　）)」")
_NO_START = frozenset("ァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎー、。，．・：；？！）」』】%％")


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x3040 <= code <= 0x309F:
        return "hira"
    if 0x30A0 <= code <= 0x30FF or ch == "ー":
        return "kata"
    if 0x4E00 <= code <= 0x9FFF or ch in "々〆":
        return "kanji"
    if ch.isascii() and ch.isalnum():
        return "latin"
    return "other"


def label_chunks(text: str) -> list[str]:
    """``text`` cut at its seams (joined again, the chunks give back ``text``)."""
    chunks: list[str] = []
    for ch in text:
        if chunks:
            prev = chunks[-1][-1]
            seam = (prev in _BREAK_AFTER or ch in "（(" or
                    (_script(ch) in ("kanji", "kata", "latin") and _script(ch) != _script(prev)
                     and prev not in "（(「"))
            if seam and ch not in _NO_START:
                chunks.append(ch)
                continue
            chunks[-1] += ch
        else:
            chunks.append(ch)
    return chunks


def break_label(text: str, width: float, measure: Callable[[str], float]) -> str:
    """``text`` in lines no wider than ``width`` (as ``measure`` counts), broken only at seams; a chunk
    wider than a line on its own stays whole (the program showing it breaks it as it must)."""
    if measure(text) <= width:
        return text
    lines: list[str] = []
    for chunk in label_chunks(text):
        if lines and measure(lines[-1] + chunk.rstrip()) <= width:
            lines[-1] += chunk
        else:
            lines.append(chunk.lstrip())
    return "\n".join(line.rstrip() for line in lines)
