"""The fonts :mod:`.pdf_text` reads: each font's ``/ToUnicode`` map as a decoding table (one-byte codes, or two-byte
codes of a composite font with the Identity-H encoding)."""

from __future__ import annotations

import re
from typing import Any

from pyhanko.pdf_utils import generic

from ...i18n import _
from .pdf_text_doc import (
    _FONT,
    _FONT_DICT,
    _FONT_ENTRY,
    _UNMAPPED,
    IDENTITY,
    PageTextError,
    Table,
    Wide,
    _deref,
    _Doc,
    _reference,
)

# --- fonts ----------------------------------------------------------------------------------------------

_CODESPACE = re.compile(rb"begincodespacerange(.*?)endcodespacerange", re.S)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_BFRANGE_ENTRY = re.compile(
    rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f\s]*)>|\[((?:\s*<[0-9A-Fa-f\s]*>)*)\s*\])")
_REPORTLAB_BFCHAR = re.compile(rb"(?:<[0-9A-F]{2}> <[0-9A-F]{4}>\n)+")
_ALL_CODES = "".join(f"{c:02X}" for c in range(256)).encode("ascii")


def _identity_to_unicode() -> bytes:
    """The ToUnicode CMap the app's composite font carries: every two-byte code is the character of that value
    (a bfrange per first byte; the surrogates, D800-DFFF, are no characters and are left unmapped)."""
    ranges = [f"<{high:02X}00> <{high:02X}FF> <{high:02X}00>" for high in range(256) if not 0xD8 <= high <= 0xDF]
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for start in range(0, len(ranges), 100):  # at most 100 entries a block (the CMap format)
        block = ranges[start:start + 100]
        lines += [f"{len(block)} beginbfrange", *block, "endbfrange"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


IDENTITY_TO_UNICODE = _identity_to_unicode()


def _utf16(hexdigits: bytes) -> str:
    digits = re.sub(rb"\s", b"", hexdigits)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii")).decode("utf-16-be", errors="replace")


def _code_width(cmap: bytes) -> int:
    """1 or 2: the bytes of a code in the CMap's code space (mixed widths are not read)."""
    widths = {len(re.sub(rb"\s", b"", low)) // 2 for block in _CODESPACE.findall(cmap) for low in _HEX.findall(block)}
    if widths <= {1}:
        return 1
    if widths == {2}:
        return 2
    raise PageTextError(_("PDFに、このツールが読まない形式のフォント（文字コードの長さ）があります。"))


_TWO_BYTE_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>")


def _wide_table(cmap: bytes) -> Wide:
    """The decoding of a two-byte ``/ToUnicode`` CMap (bfchar and bfrange entries)."""
    if cmap == IDENTITY_TO_UNICODE:
        return IDENTITY
    blocks = _BFCHAR.findall(cmap)
    if not _BFRANGE.search(cmap):
        pairs = [pair for block in blocks for pair in _TWO_BYTE_BFCHAR.findall(block)]
        entries = sum(len(_HEX.findall(block)) for block in blocks) // 2
        sources = b"".join(src for src, _dst in pairs).upper()
        if len(pairs) == entries and sources == b"".join(dst for _src, dst in pairs).upper():
            try:
                chars = bytes.fromhex(sources.decode("ascii")).decode("utf-16-be")
            except UnicodeDecodeError:
                chars = ""  # a surrogate: the general way below
            if len(chars) == len(pairs):
                return Wide({ord(c): c for c in chars}, frozenset(chars))
    table: dict[int, str] = {}
    for block in blocks:
        values = _HEX.findall(block)
        for src, dst in zip(values[0::2], values[1::2], strict=False):
            code = int(re.sub(rb"\s", b"", src) or b"0", 16)
            if 0 <= code <= 0xFFFF:
                table[code] = _utf16(dst)
    for block in _BFRANGE.findall(cmap):
        for low, high, dst, array in _BFRANGE_ENTRY.findall(block):
            first, last = int(low, 16), int(high, 16)
            if not 0 <= first <= last <= 0xFFFF or last - first > 0xFFFF:
                continue
            if array:
                for offset, item in enumerate(_HEX.findall(array)):
                    if first + offset <= last:
                        table[first + offset] = _utf16(item)
            elif re.sub(rb"\s", b"", dst):
                base = bytearray(bytes.fromhex(re.sub(rb"\s", b"", dst).decode("ascii").ljust(4, "0")))
                for offset in range(last - first + 1):
                    value = bytearray(base)
                    value[-1] = (value[-1] + offset) & 0xFF
                    table[first + offset] = bytes(value).decode("utf-16-be", errors="replace")
    return Wide(table, None)


def _to_unicode_table(cmap: bytes) -> Table:
    """The decoding of a ``/ToUnicode`` CMap: bfchar and bfrange entries, one-byte or two-byte codes."""
    if _code_width(cmap) == 2:
        return _wide_table(cmap)
    table = [_UNMAPPED] * 256
    blocks = _BFCHAR.findall(cmap)
    if len(blocks) == 1 and not _BFRANGE.search(cmap) and _REPORTLAB_BFCHAR.fullmatch(blocks[0].strip() + b"\n"):
        # reportlab's form: one "<XX> <YYYY>" line per code, from 00 in order
        lines = blocks[0].strip().split(b"\n")
        n = len(lines)
        if n <= 256 and b"".join(line[1:3] for line in lines) == _ALL_CODES[:2 * n]:
            try:
                text = bytes.fromhex(b"".join(line[6:10] for line in lines).decode("ascii")).decode("utf-16-be")
            except UnicodeDecodeError:
                text = ""  # a surrogate half: read the general way below
            if len(text) == n:
                return text + _UNMAPPED * (256 - n)
    for block in blocks:
        values = _HEX.findall(block)
        for src, dst in zip(values[0::2], values[1::2], strict=False):
            code = int(re.sub(rb"\s", b"", src) or b"0", 16)
            if 0 <= code < 256:
                table[code] = _utf16(dst)
    for block in _BFRANGE.findall(cmap):
        for low, high, dst, array in _BFRANGE_ENTRY.findall(block):
            first, last = int(low, 16), int(high, 16)
            if not 0 <= first <= last < 256:
                continue
            if array:
                for offset, item in enumerate(_HEX.findall(array)):
                    if first + offset <= last:
                        table[first + offset] = _utf16(item)
                continue
            digits = re.sub(rb"\s", b"", dst)
            if not digits:
                continue
            base = bytes.fromhex(digits.decode("ascii") + ("0" if len(digits) % 2 else ""))
            for offset in range(last - first + 1):
                value = bytearray(base)
                value[-1] = (value[-1] + offset) & 0xFF
                table[first + offset] = bytes(value).decode("utf-16-be", errors="replace")
    if all(len(ch) == 1 for ch in table):
        return "".join(table)
    return dict(enumerate(table))


def _font_table(doc: _Doc, font_ref: Any) -> Table:
    ref = _reference(font_ref)
    key: Any = (ref.idnum, ref.generation) if ref is not None else id(font_ref)
    if key in doc.tables:
        return doc.tables[key]
    to_unicode: Any = None
    composite = False
    if ref is not None:
        found = doc._match(ref, _FONT)
        if found is not None:
            to_unicode = generic.Reference(int(found[3]), 0, doc.reader)
    if to_unicode is None:
        font = _deref(font_ref)
        if not isinstance(font, generic.DictionaryObject):
            raise PageTextError(_("PDFのフォントの情報が壊れています。"))
        subtype = font.get("/Subtype")
        composite = subtype == "/Type0"
        if composite and font.get("/Encoding") != "/Identity-H":
            raise PageTextError(_("PDFに、このツールが読まない形式のフォント（{kind}）があります。"
                                  ).format(kind=f"Type0 {str(font.get('/Encoding', '')).lstrip('/')}"))
        if subtype not in ("/TrueType", "/Type1", "/MMType1", "/Type0"):
            raise PageTextError(_("PDFに、このツールが読まない形式のフォント（{kind}）があります。"
                                  ).format(kind=str(subtype).lstrip("/")))
        if "/ToUnicode" not in font:
            raise PageTextError(_("PDFに、文字の対応表（ToUnicode）のないフォントがあります。"
                                  "ページの文字を読み取れません。"))
        to_unicode = font.raw_get("/ToUnicode")
    table = _to_unicode_table(doc.stream_data(to_unicode))
    if isinstance(table, Wide) != composite:
        raise PageTextError(_("PDFのフォントの情報が壊れています。"))
    doc.tables[key] = table
    return table


def _fonts(doc: _Doc, fonts: Any) -> dict[bytes, Table]:
    """The page's fonts by resource name (as bytes, the way the content stream names them)."""
    if fonts is None:
        return {}
    ref = _reference(fonts)
    key: Any = (ref.idnum, ref.generation) if ref is not None else id(fonts)
    if key in doc.font_dicts:
        return doc.font_dicts[key]
    entries: list[tuple[bytes, Any]] = []
    found = doc._match(ref, _FONT_DICT) if ref is not None else None
    if found is not None:
        entries = [(name, generic.Reference(int(num), 0, doc.reader))
                   for name, num in _FONT_ENTRY.findall(found[3])]
    else:
        value = _deref(fonts)
        if not isinstance(value, generic.DictionaryObject):
            raise PageTextError(_("PDFのフォントの情報が壊れています。"))
        entries = [(str(name)[1:].encode("utf-8", errors="replace"), value.raw_get(name)) for name in value]
    result = {name: _font_table(doc, font) for name, font in entries}
    doc.font_dicts[key] = result
    return result
