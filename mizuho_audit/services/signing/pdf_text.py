"""The text the pages of a PDF show, read back the way a text extractor reads it (for the check that the
signed pages of a submission show its embedded answers: :mod:`..submission.page_text`).

Each page's content stream is read in drawing order; every string a text operator shows (``Tj``, ``TJ``,
``'``, ``"``) is decoded through the ``/ToUnicode`` map of the font selected for it (``Tf``, saved and
restored with the graphics state by ``q``/``Q``). Fonts read: simple fonts with one-byte codes (reportlab
embeds a TrueType font as subsets of up to 256 characters) and composite fonts with two-byte codes and the
Identity-H encoding (as the submission PDF embeds IPAexGothic: :mod:`..submission.pdf_identity_font`). A code
the map does not list reads as U+FFFD; a character that was missing from the font when the page was made
(reportlab then draws the empty glyph, code 0) reads as whatever the map says, U+0000 for reportlab.

What the pages show beyond their text is refused rather than read, so that no text can be drawn where this
reader does not look: annotations that can appear on the page (only an invisible signature field is
allowed), form XObjects and images (``Do``, inline images), marked content (which may be optional content),
text render modes (``Tr``: e.g. invisible text), character, word and horizontal scaling and rise (``Tc``,
``Tw``, ``Tz``, ``Ts``), clipping, shadings, patterns and extended graphics states. Each refusal raises
:class:`PageTextError` with a message for the user.

Speed: the submission PDFs are large (a 35-page submission holds ~0.5 MB of page content in ~3,000
strings; ~0.7 MB in ~13,000 strings before the composite font), and the check must cost a fraction of
signature validation. Objects in the exact form reportlab writes them are read straight from the bytes at the
offset the cross-reference table gives (anything else goes through pyHanko's parser), and pages in
reportlab's form are read by a few whole-document operations (:func:`_fast_texts`) that give the same result
as the general reader (:func:`_slow_page_text`) or decline, in which case the general reader reads the pages.
``tests/test_page_text.py`` holds both to the same answers.
"""

from __future__ import annotations

import base64
import codecs
import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, repeat
from operator import itemgetter
from typing import Any, TypeAlias, cast

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from ...i18n import _
from .signing_common import SigningError, _reader


@dataclass(frozen=True)
class Wide:
    """The decoding of a composite font with two-byte codes (Type0, Identity-H): code -> text, and, when every
    code listed stands for the character of that value (as the app's submission writes them), those
    characters (then a string reads as UTF-16)."""

    table: dict[int, str]
    identity: frozenset[str] | None


# A font's decoding: one-byte codes as a 256-character str (one character per code, the fast case) or a dict
# (codes that map to several characters); two-byte codes as a Wide.
Table: TypeAlias = str | dict[int, str] | Wide

_MAX_PAGES = 5000
_MAX_TREE_DEPTH = 32
_MAX_CONTENT = 64 * 1024 * 1024  # bytes of decoded page content in all, a bound for hostile files
_UNMAPPED = "\ufffd"


class PageTextError(SigningError):
    """The pages' text cannot be read (or the pages draw in ways this reader refuses); the message says why."""


# --- objects in reportlab's own form, read directly ------------------------------------------------

_OBJ = rb"(\d+) (\d+) obj\n<<\n"
_PAGE = re.compile(
    _OBJ + rb"/Contents (\d+) 0 R /MediaBox \[ [\d. ]+ \] /Parent \d+ 0 R /Resources <<\n"
    rb"/Font (\d+) 0 R /ProcSet \[ /PDF /Text /ImageB /ImageC /ImageI \]\n>> /Rotate 0 /Trans <<\n\n>> \n"
    rb"  /Type /Page\n>>\nendobj\b")
_PAGES = re.compile(_OBJ + rb"/Count \d+ /Kids \[ ((?:\d+ 0 R\s+)*)\] /Type /Pages\n>>\nendobj\b")
_KID = re.compile(rb"(\d+) 0 R")
_STREAM = re.compile(_OBJ + rb"/Filter \[ (/ASCII85Decode )?/FlateDecode \] /Length (\d+)\n>>\nstream\r?\n")
_FONT = re.compile(
    _OBJ + rb"/BaseFont /[A-Z]{6}\+[A-Za-z0-9-]+ /FirstChar 0 /FontDescriptor \d+ 0 R /LastChar \d+ "
    rb"/Name /[A-Za-z0-9+]+ /Subtype /TrueType \n  /ToUnicode (\d+) 0 R /Type /Font /Widths \[[\d.\s]+\]\n>>\n"
    rb"endobj\b")
_FONT_DICT = re.compile(_OBJ + rb"((?:/[A-Za-z0-9+]+ \d+ 0 R\s*)+)>>\nendobj\b")
_FONT_ENTRY = re.compile(rb"/([A-Za-z0-9+]+) (\d+) 0 R")
_END_STREAM = re.compile(rb"\r?\n?endstream\b")


@dataclass
class _Page:
    number: int  # 1-based
    contents: list[Any]  # references or stream objects
    fonts: Any  # the font resources: a reference, a dictionary or None


class _Doc:
    """One PDF: pyHanko's reader for its structure, plus direct reads of reportlab's own objects."""

    def __init__(self, pdf: bytes) -> None:
        self.raw = pdf
        self.reader: PdfFileReader = _reader(pdf)
        self.direct = not self.reader.encrypted
        self.tables: dict[Any, Table] = {}
        self.font_dicts: dict[Any, dict[bytes, Table]] = {}
        self.room = _MAX_CONTENT  # bytes of decoded content still allowed

    def _match(self, ref: generic.Reference, pattern: re.Pattern[bytes]) -> re.Match[bytes] | None:
        """``pattern`` matched at the object's offset (the latest revision's), or None."""
        if not self.direct:
            return None
        try:
            marker = self.reader.xrefs[ref]
        except Exception:  # any trouble: pyHanko reads it (and says what is wrong)
            return None
        if not isinstance(marker, int) or isinstance(marker, bool):
            return None
        found = pattern.match(self.raw, marker)
        if found is None or int(found[1]) != ref.idnum or int(found[2]) != ref.generation:
            return None
        return found

    def _inflate(self, body: bytes) -> bytes:
        """zlib data decompressed, within what is left of the document's bound (a file may be hostile)."""
        inflater = zlib.decompressobj()
        data = inflater.decompress(body, self.room + 1)
        if len(data) > self.room:
            raise PageTextError(_("PDFのページの内容が大きすぎます。"))
        self.room -= len(data)
        return data

    def stream_data(self, obj: Any) -> bytes:
        """The decoded data of a stream given as a reference (or an already read stream object)."""
        ref = _reference(obj)
        if ref is not None:
            found = self._match(ref, _STREAM)
            if found is not None:
                start, length = found.end(), int(found[4])
                body = self.raw[start:start + length]
                if len(body) == length and _END_STREAM.match(self.raw, start + length):
                    try:
                        if found[3]:
                            body = base64.a85decode(body, adobe=body.rstrip().endswith(b"~>"))
                        return self._inflate(body)
                    except (ValueError, zlib.error):
                        pass  # pyHanko's decoders decide (and name the damage)
        stream = _deref(obj)
        if not isinstance(stream, generic.StreamObject):
            raise PageTextError(_("PDFのページの内容を読み取れません（ファイルが壊れています）。"))
        data: bytes = stream.data
        if len(data) > self.room:
            raise PageTextError(_("PDFのページの内容が大きすぎます。"))
        self.room -= len(data)
        return data


def _deref(obj: Any) -> Any:
    """The object an indirect reference points to (any other object as it is)."""
    return obj.get_object() if isinstance(obj, (generic.IndirectObject, generic.Reference)) else obj


def _reference(obj: Any) -> generic.Reference | None:
    if isinstance(obj, generic.IndirectObject):
        return obj.reference
    if isinstance(obj, generic.Reference):
        return obj
    return None


# --- the page tree ----------------------------------------------------------------------------------


def _pages(doc: _Doc) -> list[_Page]:
    root = doc.reader.root
    tree = root.get("/Pages")
    if tree is None:
        raise PageTextError(_("PDFにページがありません。"))
    pages: list[_Page] = []
    seen: set[tuple[int, int]] = set()

    def walk(node_ref: Any, inherited: Any, depth: int) -> None:
        if depth > _MAX_TREE_DEPTH or len(pages) > _MAX_PAGES:
            raise PageTextError(_("PDFのページの構成が壊れています。"))
        ref = _reference(node_ref)
        if ref is not None:
            key = (ref.idnum, ref.generation)
            if key in seen:
                raise PageTextError(_("PDFのページの構成が壊れています。"))
            seen.add(key)
            found = doc._match(ref, _PAGE)
            if found is not None:
                pages.append(_Page(len(pages) + 1, [generic.Reference(int(found[3]), 0, doc.reader)],
                                   generic.Reference(int(found[4]), 0, doc.reader)))
                return
            found = doc._match(ref, _PAGES)
            if found is not None:
                for kid in _KID.findall(found[3]):
                    walk(generic.Reference(int(kid), 0, doc.reader), inherited, depth + 1)
                return
        node = _deref(node_ref)
        if not isinstance(node, generic.DictionaryObject):
            raise PageTextError(_("PDFのページの構成が壊れています。"))
        resources = node.raw_get("/Resources") if "/Resources" in node else inherited
        kind = node.get("/Type")
        kids = node.get("/Kids")
        if kind == "/Pages" or (kind is None and kids is not None):
            if not isinstance(kids, generic.ArrayObject):
                raise PageTextError(_("PDFのページの構成が壊れています。"))
            for kid in kids.iterate() if hasattr(kids, "iterate") else kids:
                walk(kid, resources, depth + 1)
            return
        number = len(pages) + 1
        _check_annotations(node, number)
        res = _deref(resources)
        if res is not None and not isinstance(res, generic.DictionaryObject):
            raise PageTextError(_("PDFのページの構成が壊れています。"))
        fonts = res.raw_get("/Font") if res is not None and "/Font" in res else None
        contents = node.raw_get("/Contents") if "/Contents" in node else None
        parts: list[Any]
        if contents is None:
            parts = []
        else:
            value = _deref(contents)
            parts = list(value.raw_get(i) for i in range(len(value))) if isinstance(value, generic.ArrayObject) \
                else [contents]
        pages.append(_Page(number, parts, fonts))

    try:
        walk(root.raw_get("/Pages"), None, 0)
    except PageTextError:
        raise
    except Exception as exc:  # pyHanko raises many kinds of errors on damaged input
        raise PageTextError(_("PDFのページの構成が壊れています。")) from exc
    return pages


def _check_annotations(page: generic.DictionaryObject, number: int) -> None:
    """Annotations draw over the page: only an invisible signature field (no area) is allowed."""
    annots = page.get("/Annots")
    if annots is None:
        return
    if not isinstance(annots, generic.ArrayObject):
        raise PageTextError(_("PDFのページの構成が壊れています。"))
    for item in annots:
        annot = _deref(item)
        subtype = str(annot.get("/Subtype", "")) if isinstance(annot, generic.DictionaryObject) else ""
        rect = annot.get("/Rect") if isinstance(annot, generic.DictionaryObject) else None
        empty = False
        if isinstance(rect, generic.ArrayObject) and len(rect) == 4:
            try:
                x1, y1, x2, y2 = (float(v) for v in rect)
                empty = x1 == x2 or y1 == y2
            except (TypeError, ValueError):
                empty = False
        if subtype != "/Widget" or not empty:
            raise PageTextError(_("{page}ページに、ページの上に表示される注釈（{kind}）があります。"
                                  "このツールが作る提出ファイルにはないものです。"
                                  ).format(page=number, kind=subtype.lstrip("/") or "?"))


# --- fonts ----------------------------------------------------------------------------------------------

_CODESPACE = re.compile(rb"begincodespacerange(.*?)endcodespacerange", re.S)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_BFRANGE_ENTRY = re.compile(
    rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f\s]*)>|\[((?:\s*<[0-9A-Fa-f\s]*>)*)\s*\])")
_REPORTLAB_BFCHAR = re.compile(rb"(?:<[0-9A-F]{2}> <[0-9A-F]{4}>\n)+")
_ALL_CODES = "".join(f"{c:02X}" for c in range(256)).encode("ascii")


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


# --- the fast reading of pages in reportlab's form -------------------------------------------------------

# A font selection, "/Name size Tf", as reportlab writes it (the operator a token of its own).
_TF = re.compile(rb"/([A-Za-z0-9+]+) [\d.]+ Tf(?=[\x00\t\n\x0c\r ()<>\[\]{}/%]|\Z)")
# A literal string whose parentheses are all escaped, as reportlab writes them.
_STRING = re.compile(rb"\(([^()\\]*+(?:\\.[^()\\]*+)*+)\)", re.S)
# Markers this reader puts in the content: a string's place, a Tf's place, a page break.
_SLOT, _FONT_MARK, _PAGE_MARK = b"\x00", b"\x01", b"\x02"
# What may stand between strings: numbers (dropped before this check, with whitespace made spaces), font
# names, the letters of the operators reportlab draws these pages with (q Q cm w J j d m l re S f f* n rg RG BT
# ET Tf TL Td Tm T* Tj), and the markers.
_NUMBERS = b"0123456789.-+"
_SPACES = bytes.maketrans(b"\n\r\t", b"   ")
_OP_BYTES = b"\x00\x01\x02 /*TLjfqQrgcmnBESlewRGJFd"
# Of the operators those letters can spell, these change how text looks and are refused.
_SPELLED = (b"Tr", b"Tc", b"Tw")
_NOT_SMALL = bytes(b for b in range(256) if b not in b"\x00\x01\x02qQTrcwf ")
# Each byte of a string as its class: a backslash stays, 0-3 "o", 4-7 "h", parentheses "p", other printable
# ASCII "x", anything else "n" (the separator between strings, \x00, is "s").
_ESCAPE_CLASS = bytes(b"\\"[0] if b == 0x5C else b"o"[0] if 0x30 <= b <= 0x33 else b"h"[0] if 0x34 <= b <= 0x37
                      else b"p"[0] if b in b"()" else b"x"[0] if 0x20 <= b < 0x7F else b"s"[0] if b == 0
                      else b"n"[0] for b in range(256))


def _fast_texts(datas: list[bytes], fonts: dict[bytes, Table]) -> list[str] | None:
    """The pages' text when their content is in the form reportlab writes, else None (read the general way).

    Whole-document operations instead of a loop over ~13,000 strings. The conditions make the result the
    one :func:`_slow_page_text` gives: every string is found whole (no unescaped parenthesis inside) and is
    the operand of a ``Tj`` right after it; nothing else stands between strings but numbers, font names and
    the operators above (none that hides or draws anything else); every ``Tf`` is understood; and each
    string's font is the one the nearest ``Tf`` before it selected: no ``q``/``Q`` (which could restore
    another font) or page break stands between them.
    """
    fparts = _TF.split(_PAGE_MARK.join(datas))
    names = fparts[1::2]
    parts = _STRING.split(_FONT_MARK.join(fparts[0::2]))
    strings = parts[1::2]
    # Between the strings: the operators alone (numbers dropped, any whitespace a space), a third of the bytes.
    ops = _SLOT.join(parts[0::2]).translate(_SPACES, _NUMBERS)
    if ops.translate(None, _OP_BYTES) or ops.count(b"\x00 Tj ") != len(strings):
        return None
    # The letters that matter here: string and Tf places, page breaks, q/Q, and what Tr, Tc, Tw, Tf spell.
    small = ops.translate(None, _NOT_SMALL)
    if b"Tf" in small or any(op in small for op in _SPELLED):
        return None
    state = small.translate(None, b"Trcwf ")
    if (state.count(_SLOT) != len(strings) or state.count(_FONT_MARK) != len(names)
            or state.count(_PAGE_MARK) != len(datas) - 1):
        return None
    if b"q\x00" in state or b"Q\x00" in state or b"\x02\x00" in state:
        return None
    counts = list(map(len, state.translate(None, b"qQ\x02").split(_FONT_MARK)))
    if counts[0]:
        return None  # a string before the first page selects a font
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


def _odd(number: int) -> bool:
    return number % 2 == 1


def _fast_wide(joined: bytes, tables: list[Table], per_page: list[int]) -> list[str] | None:
    """The pages' text when every string is in one composite font whose codes are the characters' values."""
    font = tables[0]
    if not isinstance(font, Wide) or font.identity is None or any(table is not font for table in tables):
        return None
    # (Two-byte codes hold zero bytes: each string is decoded on its own, and must hold whole codes.)
    pieces = list(map(itemgetter(0), map(codecs.escape_decode, joined.split(_SLOT))))
    if any(map(_odd, map(len, pieces))):
        return None
    texts = []
    start = 0
    try:
        for count in per_page:
            texts.append(b"".join(pieces[start:start + count]).decode("utf-16-be"))
            start += count
    except UnicodeDecodeError:
        return None  # a surrogate code
    if not font.identity.issuperset("".join(texts)):
        return None  # a code the map does not list
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
    if table.identity is not None:
        try:
            text = raw[:even].decode("utf-16-be")
        except UnicodeDecodeError:
            text = None
        if text is not None and table.identity.issuperset(text):
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
        if not saved:
            raise PageTextError(_("PDFのページの内容が壊れています。"))
        font = saved.pop()
    elif op == b"Tf":
        kind, name = operands[-2] if len(operands) >= 2 else ("", None)
        if kind != "name" or name not in fonts:
            raise PageTextError(_("{page}ページに、ページにないフォントで描かれた文字があります。").format(page=number))
        font = fonts[name]
    elif op in _SHOW:
        if font is None:
            raise PageTextError(_("{page}ページに、フォントを選ばずに描かれた文字があります。").format(page=number))
        kind, shown = operands[-1] if operands else ("", None)
        if op == b"TJ" and kind == "array" and isinstance(shown, list):
            out.extend(_decode(part, font) for part in shown if isinstance(part, bytes))
        elif op != b"TJ" and kind == "str" and isinstance(shown, bytes):
            out.append(_decode(shown, font))
        else:
            raise PageTextError(_("PDFのページの内容が壊れています。"))
    elif op in _REFUSED:
        raise PageTextError(_("{page}ページに、このツールが作らない描画命令（{op}）があります。"
                              ).format(page=number, op=op.decode("latin-1")))
    return font


# --- the pages' text ------------------------------------------------------------------------------------


def page_texts(pdf: bytes) -> list[str]:
    """The text each page of ``pdf`` shows (see the module's docstring), page by page, in drawing order.

    The strings are joined as they are drawn, without separators: a line break or the gap between two cells
    adds nothing, so compare with whitespace removed. Raises :class:`PageTextError` (also for a damaged
    file).
    """
    try:
        doc = _Doc(pdf)
    except SigningError as exc:  # not a PDF, cut short, damaged
        raise PageTextError(str(exc)) from exc
    try:
        pages = _pages(doc)
        fonts = [_fonts(doc, page.fonts) for page in pages]
        datas = [b"\n".join(doc.stream_data(part) for part in page.contents) for page in pages]
        texts = _fast_texts(datas, fonts[0]) if pages and all(f is fonts[0] for f in fonts) else None
        if texts is None:  # page by page, the general way where the fast one declines
            texts = []
            for page, data, font_map in zip(pages, datas, fonts, strict=True):
                fast = _fast_texts([data], font_map)
                texts.append(fast[0] if fast is not None else _slow_page_text(data, font_map, page.number))
    except SigningError:
        raise
    except Exception as exc:  # pyHanko and the decoders raise many kinds of errors on damaged input
        raise PageTextError(_("PDFのページの内容を読み取れません（ファイルが壊れています）。")) from exc
    return texts
