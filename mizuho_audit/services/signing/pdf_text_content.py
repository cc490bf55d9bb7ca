"""The page content readers of :mod:`.pdf_text`: the fast reading of pages in reportlab's form (whole-document
operations) and the general reader (a tokenizer and the text operators), which must give the same answers."""

from __future__ import annotations

import codecs
import re
import struct
from collections.abc import Iterator
from itertools import accumulate, chain, repeat
from operator import itemgetter
from typing import Any, cast

from ...i18n import _
from .pdf_text_doc import _UNMAPPED, PageTextError, Table, Wide

# --- the fast reading of pages in reportlab's form -------------------------------------------------------

# A font selection, "/Name size Tf", as reportlab writes it (the operator a token of its own).
_TF = re.compile(rb"/([A-Za-z0-9+]+) (?:\d+\.?\d*|\.\d+) Tf(?=[\x00\t\n\x0c\r ()<>\[\]{}/%]|\Z)")
# A literal string whose parentheses are all escaped, as reportlab writes them.
_STRING = re.compile(rb"\(([^()\\]*+(?:\\.[^()\\]*+)*+)\)", re.S)
# Markers this reader puts in the content: a string's place, a Tf's place, a page break.
_SLOT, _FONT_MARK, _PAGE_MARK = b"\x00", b"\x01", b"\x02"
# What may stand between strings: numbers (each character of one made "d", whitespace made spaces), font
# names, the letters of the operators reportlab draws these pages with (q Q cm w J j d m l re S f f* n rg RG BT
# ET Tf TL Td Tm T* Tj), and the markers.
_OPS = bytes.maketrans(b"\t\n\x0c\r0123456789.+-", b"    " + b"d" * 13)
_OP_BYTES = b"\x00\x01\x02 /*TLjfqQrgcmnBESlewRGJFd"
# Of the operators those letters can spell, these change how text looks and are refused.
_SPELLED = re.compile(rb"T[rcwf]")  # (and a Tf this reader did not understand)
_NOT_STATE = bytes(b for b in range(256) if b not in b"\x00\x01\x02qQ")
# Each byte of a string as its class: a backslash stays, 0-3 "o", 4-7 "h", parentheses "p", other printable
# ASCII "x", anything else "n" (the separator between strings, \x00, is "s").
_ESCAPE_CLASS = bytes(b"\\"[0] if b == 0x5C else b"o"[0] if 0x30 <= b <= 0x33 else b"h"[0] if 0x34 <= b <= 0x37
                      else b"p"[0] if b in b"()" else b"x"[0] if 0x20 <= b < 0x7F else b"s"[0] if b == 0
                      else b"n"[0] for b in range(256))


def _operators(raw_ops: bytes, strings: int, selections: int, pages: int) -> bytes | None:
    """The operators between the strings (``raw_ops``: each string's place a \\x00, each understood ``Tf`` a
    \\x01, each page break a \\x02) reduced to those markers and ``q``/``Q``, or None when they could show text
    otherwise than the quick readers read it.

    Each string is the operand of a ``Tj`` right after it (another ``Tj`` or ``TJ`` has no string or array to
    show, and there is no ``'`` or ``"``); nothing else stands between strings but numbers and the operators
    above (none that hides or draws anything else; every ``Tf`` understood); each string's font is the one the
    nearest ``Tf`` before it selected: no ``q``/``Q`` (which could restore another font) or page break stands
    between them, and no string comes before the first ``Tf``. Numbers are kept as "d"s, so that one glued to
    an operator ("8Tj") does not read as that operator. (A "q" or "Q" glued to something else, "0q", is another
    token, which viewers ignore: it can only make this reader decline, as it takes every q and Q for one.)"""
    ops = raw_ops.translate(_OPS)
    if ops.translate(None, _OP_BYTES) or ops.count(b"\x00 Tj ") != strings or _SPELLED.search(ops):
        return None
    state = ops.translate(None, _NOT_STATE)
    if (state.count(_SLOT) != strings or state.count(_FONT_MARK) != selections
            or state.count(_PAGE_MARK) != pages - 1):
        return None
    if b"q\x00" in state or b"Q\x00" in state or b"\x02\x00" in state:
        return None
    first = state.find(_SLOT)
    if first >= 0 and _FONT_MARK not in state[:first]:
        return None  # a string before the first page selects a font
    return state


def _has_marker(data: bytes) -> bool:
    """Whether ``data`` holds a byte the quick readers use as a marker (reportlab never writes them)."""
    return b"\x00" in data or b"\x01" in data or b"\x02" in data


def _fast_texts(datas: list[bytes], fonts: dict[bytes, Table]) -> list[str] | None:
    """The pages' text when their content is in the form reportlab writes, else None (read the general way).

    Whole-document operations instead of a loop over ~13,000 strings. The conditions make the result the
    one :func:`_slow_page_text` gives: every string is found whole (no unescaped parenthesis inside) and is
    the operand of a ``Tj`` right after it; nothing else stands between strings but numbers, font names and
    the operators above (none that hides or draws anything else); every ``Tf`` is understood; and each
    string's font is the one the nearest ``Tf`` before it selected: no ``q``/``Q`` (which could restore
    another font) or page break stands between them.
    """
    if any(map(_has_marker, datas)):
        return None
    fparts = _TF.split(_PAGE_MARK.join(datas))
    names = fparts[1::2]
    parts = _STRING.split(_FONT_MARK.join(fparts[0::2]))
    strings = parts[1::2]
    # Between the strings: the operators alone, two thirds of the bytes.
    state = _operators(_SLOT.join(parts[0::2]), len(strings), len(names), len(datas))
    if state is None:
        return None
    counts = list(map(len, state.translate(None, b"qQ\x02").split(_FONT_MARK)))
    joined = _SLOT.join(strings)
    # Each byte of the strings as its class (escaped backslashes taken out first, left to right as escapes
    # are read): a byte that is not printable ASCII, or an escape other than "\(", "\)", "\ddd" up to 377
    # (which could read differently here than in a viewer), lets the general reader read the pages.
    classed = joined.replace(b"\\\\", b"").translate(_ESCAPE_CLASS)
    if b"n" in classed or b"\\x" in classed or b"\\h" in classed:
        return None
    if b"\\" in joined:
        # Every parenthesis inside a string found whole follows the backslash that escapes it.
        joined = joined.replace(b"\\(", b"(").replace(b"\\)", b")")
    try:
        tables = list(map(fonts.__getitem__, names))
    except KeyError:
        return None
    per_page = list(map(len, state.translate(None, b"qQ\x01").split(_PAGE_MARK)))
    if any(isinstance(table, Wide) for table in tables):
        return _fast_wide(joined, tables, per_page)
    if b"\\" in joined:
        joined = codecs.escape_decode(joined)[0]
    pieces = joined.split(_SLOT)
    if len(pieces) != len(strings):
        return None  # a code 0 (a character missing from the font) inside a string
    narrow = cast(list[str | dict[int, str]], tables)
    per_string = chain.from_iterable(map(repeat, narrow, counts[1:]))
    decoded = list(map(itemgetter(0), map(codecs.charmap_decode, pieces, repeat("strict"), per_string)))
    texts = []
    start = 0
    for count in per_page:
        texts.append("".join(decoded[start:start + count]))
        start += count
    return texts


def _fast_wide(joined: bytes, tables: list[Table], per_page: list[int]) -> list[str] | None:
    """The pages' text when every string is in one composite font whose codes are the characters' values."""
    font = tables[0]
    if not isinstance(font, Wide) or not font.utf16 or tables.count(font) != len(tables):
        return None
    # (Two-byte codes hold zero bytes: each string is decoded on its own, and must hold whole codes.)
    pieces = list(map(itemgetter(0), map(codecs.escape_decode, joined.split(_SLOT))))
    if any(map((1).__and__, map(len, pieces))):  # an odd length
        return None
    texts = []
    start = 0
    try:
        for count in per_page:
            texts.append(b"".join(pieces[start:start + count]).decode("utf-16-be"))
            start += count
    except UnicodeDecodeError:
        return None  # a surrogate code
    if not font.covers("".join(texts), sum(map(len, pieces))):
        return None  # a code the map does not list
    return texts


_NOT_DELIMITERS = bytes(b for b in range(256) if b not in b"<>()\x00\x01\x02")
_GT_AS_LT = bytes.maketrans(b">", b"<")
_HEX_DIGITS = b"0123456789abcdefABCDEF"


def _fast_hex(datas: list[bytes], fonts: dict[bytes, Table]) -> list[str] | None:
    """The pages' text when every string is a hexadecimal string in a composite font whose every code is the
    character of its value (the app's submissions since 2026-12-05: :class:`~..submission.pdf_identity_font.
    HexText`), else None.

    The conditions of :func:`_fast_texts`, fewer steps: such a string holds only hexadecimal digits, so the
    strings are taken out first and the font selections are found among the operators alone. Every "<" opens
    a string and the next ">" closes it (no dictionary, no literal string anywhere), each string holds whole
    codes (a multiple of four digits, no whitespace) and is the operand of a ``Tj`` right after it; every font
    selected is such a font, and each page selects one before its first string (no ``q``/``Q`` between).
    """
    content = _PAGE_MARK.join(datas)
    # Angle brackets and what must not be there: parentheses, the markers (the page breaks aside).
    found = content.translate(None, _NOT_DELIMITERS)
    count = (len(found) - len(datas) + 1) // 2
    if found.translate(None, _PAGE_MARK) != b"<>" * count or found.count(_PAGE_MARK) != len(datas) - 1:
        return None
    parts = content.translate(_GT_AS_LT).split(b"<")
    hexes = parts[1::2]
    fparts = _TF.split(_SLOT.join(parts[0::2]))
    names = fparts[1::2]
    if any(not isinstance(table, Wide) or not table.full for table in map(fonts.get, set(names))):
        return None
    state = _operators(_FONT_MARK.join(fparts[0::2]), count, len(names), len(datas))
    if state is None:
        return None
    joined = b"".join(hexes)
    lengths = list(map(len, hexes))
    if joined.translate(None, _HEX_DIGITS) or any(map((3).__and__, lengths)):
        return None
    try:
        text = bytes.fromhex(joined.decode("ascii")).decode("utf-16-be")
    except UnicodeDecodeError:
        return None  # a surrogate code
    if 4 * len(text) != len(joined):
        return None  # a surrogate pair: two codes the map does not list
    # Each page's characters: four digits a character, the strings page by page.
    ends = list(accumulate(lengths))
    texts = []
    start = 0
    for last in accumulate(map(len, state.translate(None, b"qQ\x01").split(_PAGE_MARK))):
        end = ends[last - 1] // 4 if last else 0
        texts.append(text[start:end])
        start = end
    return texts


# --- the general reader -----------------------------------------------------------------------------------

_WS = b"\x00\t\n\x0c\r "
_LEX = re.compile(
    rb"(?P<ws>[\x00\t\n\x0c\r ]+)"
    rb"|(?P<comment>%[^\r\n]*)"
    rb"|(?P<str>\()"
    rb"|(?P<dict><<|>>)"
    rb"|<(?P<hex>[^>]*)>"
    rb"|(?P<open>\[)|(?P<close>\])"
    rb"|(?P<name>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)"
    rb"|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])"
    rb"|(?P<op>[^\x00\t\n\x0c\r ()<>\[\]{}/%]+)"
    rb"|(?P<bad>.)", re.S)
_STRING_PART = re.compile(rb"[()\\]")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}

# Operators that hide, clip or restyle text, or draw content this reader does not read: the page is refused.
# The others change nothing in which text is shown (text objects and positions, the graphics state, colours,
# paths: BT ET Td TD Tm T* TL cm w J j M d ri i m l c v y h re S s f F f* B B* b b* n g G rg RG k K d0 d1), and a
# token that is no PDF operator at all is ignored with its operands, as viewers do.
_REFUSED = frozenset(
    b"BDC BI BMC BX CS cs Do DP EI EMC EX gs ID MP SC sc SCN scn sh Tc Tr Ts Tw Tz W W*".split())
_KEYWORDS = frozenset((b"true", b"false", b"null"))
_SHOW = frozenset((b"Tj", b"TJ", b"'", b'"'))


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """The bytes of the literal string whose "(" is at ``start``, and the offset after its ")"."""
    out = bytearray()
    depth = 1
    pos = start + 1
    while True:
        found = _STRING_PART.search(data, pos)
        if found is None:
            raise PageTextError(_("PDFのページの内容が壊れています（文字列が閉じていません）。"))
        chunk = data[pos:found.start()]
        out += chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        char = data[found.start()]
        pos = found.end()
        if char == ord("("):
            depth += 1
            out += b"("
        elif char == ord(")"):
            depth -= 1
            if depth == 0:
                return bytes(out), pos
            out += b")"
        else:  # a backslash
            if pos >= len(data):
                raise PageTextError(_("PDFのページの内容が壊れています（文字列が閉じていません）。"))
            nxt = data[pos]
            if nxt in b"01234567":
                digits = re.match(rb"[0-7]{1,3}", data[pos:pos + 3])
                assert digits is not None
                out.append(int(digits.group(), 8) & 0xFF)
                pos += len(digits.group())
            elif nxt == ord("\r"):
                pos += 2 if data[pos + 1:pos + 2] == b"\n" else 1
            elif nxt == ord("\n"):
                pos += 1
            else:
                out += _ESCAPES.get(nxt, bytes((nxt,)))
                pos += 1


def _hex_string(digits: bytes) -> bytes:
    clean = bytes(b for b in digits if b not in _WS)
    if not re.fullmatch(rb"[0-9A-Fa-f]*", clean):
        raise PageTextError(_("PDFのページの内容が壊れています（16進の文字列）。"))
    if len(clean) % 2:
        clean += b"0"
    return bytes.fromhex(clean.decode("ascii"))


def _decode(raw: bytes, table: Table) -> str:
    if not isinstance(table, Wide):
        return codecs.charmap_decode(raw, "strict", table)[0]
    even = len(raw) & ~1
    tail = _UNMAPPED if len(raw) > even else ""  # half a code
    if table.utf16:
        try:
            text = raw[:even].decode("utf-16-be")
        except UnicodeDecodeError:
            text = None
        if text is not None and table.covers(text, even):
            return text + tail
    codes = struct.unpack(f">{even // 2}H", raw[:even])
    return "".join(table.table.get(code, _UNMAPPED) for code in codes) + tail


def _tokens(data: bytes) -> Iterator[tuple[str, Any]]:
    """(kind, value): "str" (bytes), "num", "name" (bytes without "/"), "op" (bytes), "[" and "]"."""
    pos = 0
    end = len(data)
    while pos < end:
        found = _LEX.match(data, pos)
        assert found is not None  # the last alternative matches any byte
        kind = found.lastgroup
        pos = found.end()
        if kind in ("ws", "comment"):
            continue
        if kind == "str":
            value, pos = _literal(data, found.start())
            yield "str", value
        elif kind == "hex":
            yield "str", _hex_string(found["hex"])
        elif kind == "open":
            yield "[", None
        elif kind == "close":
            yield "]", None
        elif kind == "name":
            yield "name", _NAME_ESCAPE.sub(lambda m: bytes((int(m[1], 16),)), found["name"][1:])
        elif kind == "num":
            yield "num", found["num"]
        elif kind == "op":
            yield "op", found["op"]
        else:  # dictionaries (inline images, marked content) and stray delimiters
            raise PageTextError(_("PDFのページに、このツールが作らない描画命令があります。"))


def _slow_page_text(data: bytes, fonts: dict[bytes, Table], number: int) -> str:
    """The page's text, read operator by operator (any well-formed content in the supported subset)."""
    out: list[str] = []
    operands: list[tuple[str, Any]] = []
    font: Table | None = None
    saved: list[Table | None] = []
    array: list[Any] | None = None
    broken = _("PDFのページの内容が壊れています。")
    for kind, value in _tokens(data):
        if kind == "[":
            if array is not None:
                raise PageTextError(broken)
            array = []
        elif kind == "]":
            if array is None:
                raise PageTextError(broken)
            operands.append(("array", array))
            array = None
        elif array is not None:
            array.append(value if kind == "str" else None)
        elif kind != "op" or value in _KEYWORDS:
            operands.append((kind, value))
        else:
            font = _operate(value, operands, font, saved, fonts, out, number)
            operands = []
    return "".join(out)


def _operate(op: bytes, operands: list[tuple[str, Any]], font: Table | None, saved: list[Table | None],
             fonts: dict[bytes, Table], out: list[str], number: int) -> Table | None:
    """Apply one operator; return the font selected after it."""
    if op == b"q":
        saved.append(font)
    elif op == b"Q":
        if saved:  # a Q without its q restores nothing (as viewers read it)
            font = saved.pop()
    elif op == b"Tf":
        kind, name = operands[-2] if len(operands) >= 2 else ("", None)
        if kind != "name" or name not in fonts:
            raise PageTextError(_("{page}ページに、ページにないフォントで描かれた文字があります。").format(page=number))
        font = fonts[name]
    elif op in _SHOW:
        kind, shown = operands[-1] if operands else ("", None)
        parts: list[bytes] | None = None
        if op == b"TJ" and kind == "array" and isinstance(shown, list):
            parts = [part for part in shown if isinstance(part, bytes)]
        elif op != b"TJ" and kind == "str" and isinstance(shown, bytes):
            parts = [shown]
        if parts is not None:  # (with an operand of another kind the operator shows nothing, as viewers read it)
            if font is None:
                raise PageTextError(_("{page}ページに、フォントを選ばずに描かれた文字があります。").format(page=number))
            out.extend(_decode(part, font) for part in parts)
    elif op in _REFUSED:
        raise PageTextError(_("{page}ページに、このツールが作らない描画命令（{op}）があります。"
                              ).format(page=number, op=op.decode("latin-1")))
    return font
