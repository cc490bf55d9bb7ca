"""The PDF as :mod:`.pdf_text` reads it: the objects (those in reportlab's own form read straight from the bytes),
the page tree, the annotations a page may carry, and the types the readers share."""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from ...domain.runs import consecutive_runs
from ...i18n import _
from .signing_common import SigningError, _reader


@dataclass(frozen=True)
class Wide:
    """The decoding of a composite font with two-byte codes (Type0, Identity-H): code -> text. When every code
    listed stands for the character of that value (as the app's submission writes them), a string reads as
    UTF-16: :attr:`identity` holds those characters, or :attr:`full` says that every code does (the app's
    submissions since 2026-12-05: :data:`.pdf_text_fonts.IDENTITY_TO_UNICODE`)."""

    table: Mapping[int, str]
    identity: frozenset[str] | None
    full: bool = False

    @property
    def utf16(self) -> bool:
        return self.full or self.identity is not None

    def covers(self, text: str, length: int) -> bool:
        """Whether ``text``, read as UTF-16 from ``length`` bytes of codes, is what the map says they show.
        (A regular expression of the characters searches ~10 times quicker than the set, but making it costs more
        than the lookups: each file has its own subset.)"""
        if self.full:
            return 2 * len(text) == length  # no surrogate pair: one character a code
        return self.identity is not None and self.identity.issuperset(text)


class _EveryCode(Mapping[int, str]):
    """code -> the character of that value, for every two-byte code but the surrogates."""

    def __getitem__(self, code: int) -> str:
        if not 0 <= code <= 0xFFFF or 0xD800 <= code <= 0xDFFF:
            raise KeyError(code)
        return chr(code)

    def __len__(self) -> int:
        return 0x10000 - 0x800

    def __iter__(self) -> Iterator[int]:
        return (code for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF)


IDENTITY = Wide(_EveryCode(), None, full=True)


def outside_of(codes: Iterable[int]) -> re.Pattern[str]:
    """A regular expression that finds a character whose code is not one of ``codes`` (as ranges: one search is
    much quicker than a set lookup per character)."""
    members = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                      for a, b in consecutive_runs(codes))
    return re.compile(f"[^{members}]" if members else r"[\s\S]")


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

    def __init__(self, pdf: bytes, reader: PdfFileReader | None = None) -> None:
        self.raw = pdf
        self.reader: PdfFileReader = reader if reader is not None else _reader(pdf)
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
