"""IPAexGothic in the submission PDF as one composite font: each character drawn by a two-byte code equal to its
Unicode value (Type0 font, Identity-H encoding, a CIDFontType2 subset of the same glyphs).

reportlab embeds a TrueType font as simple fonts of at most 256 characters each. Japanese text then switches
font every second character or so: a 35-page submission holds ~13,000 strings, each with its own font
selection, and the importer reads every page back (:mod:`.page_text`), string by string. With one composite
font, a line of a paragraph is one string and the pages read back several times quicker. The glyphs and their
widths are the font's own, so the layout and the look do not change.

Since 2026-12-05 (issue 19) the strings are hexadecimal (:class:`HexText`: four digits a character, nothing to
unescape) and the ToUnicode map says once for all codes that each is the character of its value
(:data:`..signing.pdf_text_fonts.IDENTITY_TO_UNICODE`), so the importer neither parses a map of the subset's
characters nor looks each character up in it. Submissions made before read as before.

Used only while :func:`~.submission_pdf.render_submission_pdf` builds its document (:func:`identity_font`).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.rl_accel import fp_str  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfdoc, pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.textobject import PDFTextObject  # type: ignore[import-untyped]

from ..signing.pdf_text_fonts import IDENTITY_TO_UNICODE

_LOCK = threading.Lock()
_NOTDEF = "\x00"  # what a character the font lacks is drawn as (reportlab's own rule: the empty glyph, code 0)


class _State:
    def __init__(self) -> None:
        self.used: set[str] = set()
        self.internal_name: str | None = None


class IdentityFont(TTFont):
    """A TrueType font drawn through one Type0 font with two-byte codes (Identity-H, code = Unicode)."""

    @classmethod
    def like(cls, font: TTFont) -> IdentityFont:
        """The same face (already parsed) and name as ``font``, drawn the composite way."""
        new: IdentityFont = cls.__new__(cls)
        new.__dict__.update(font.__dict__)
        new.state = WeakKeyDictionary()
        return new

    def _state(self, doc: Any) -> _State:
        state = self.state.get(doc)
        if state is None:
            state = self.state[doc] = _State()
        return state

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        """One chunk: the text as UCS-2 codes; a character the font lacks (or beyond U+FFFF) as code 0."""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        text = text.replace("\xa0", " ")  # as reportlab's simple fonts draw a no-break space
        glyphs = self.face.charToGlyph
        missing = {ord(c): _NOTDEF for c in set(text) if ord(c) not in glyphs or ord(c) > 0xFFFF}
        if missing:
            text = text.translate(missing)
        self._state(doc).used.update(text)
        return [(0, text.encode("utf-16-be"))]

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:
        state = self._state(doc)
        if state.internal_name is None:
            state.internal_name = f"F{len(doc.fontMapping) + 1}"
            doc.fontMapping[self.fontName] = "/" + state.internal_name
            doc.delayedFonts.append(self)
        return "/" + state.internal_name

    def addObjects(self, doc: Any) -> None:
        """The Type0 font, its CIDFontType2 descendant (widths, CID-to-glyph map, the subset font program)
        and the ToUnicode map, added to ``doc`` under the internal name."""
        state = self.state.pop(doc, None) or _State()
        internal = state.internal_name or self.getSubsetInternalName(0, doc)[1:]
        codes = sorted(ord(c) for c in state.used | {_NOTDEF})
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(repr(codes).encode()).digest()[:6])
        base_name = f"{tag}+{self.face.name.decode('latin-1')}"
        descriptor = self.face.addSubsetObjects(doc, base_name, [c for c in codes if c])

        # Glyph numbers as reportlab's subset numbers them: in the order of the codes, 0 for the empty glyph.
        glyphs = self.face.charToGlyph
        numbered: dict[int, int] = {0: 0}
        cid_to_gid = bytearray(2 * (codes[-1] + 1))
        for code in codes:
            if not code:
                continue
            original = glyphs.get(code, 0)
            gid = numbered.setdefault(original, len(numbered))
            cid_to_gid[2 * code:2 * code + 2] = gid.to_bytes(2, "big")

        widths: list[Any] = []
        run: list[int] = []
        for code in codes:
            if run and code != run[0] + len(run):
                widths += [run[0], pdfdoc.PDFArray([self.face.getCharWidth(c) for c in run])]
                run = []
            run.append(code)
        widths += [run[0], pdfdoc.PDFArray([self.face.getCharWidth(c) for c in run])]

        cid_font = pdfdoc.PDFDictionary({
            "Type": "/Font",
            "Subtype": "/CIDFontType2",
            "BaseFont": pdfdoc.PDFName(base_name),
            "CIDSystemInfo": pdfdoc.PDFDictionary({"Registry": pdfdoc.PDFString("Adobe"),
                                                   "Ordering": pdfdoc.PDFString("Identity"), "Supplement": 0}),
            "FontDescriptor": descriptor,
            "DW": self.face.defaultWidth,
            "W": pdfdoc.PDFArray(widths),
            "CIDToGIDMap": doc.Reference(_stream(doc, bytes(cid_to_gid)), f"cidToGid:{base_name}"),
        })
        font = pdfdoc.PDFDictionary({
            "Type": "/Font",
            "Subtype": "/Type0",
            "BaseFont": pdfdoc.PDFName(base_name),
            "Encoding": "/Identity-H",
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font, f"cidFont:{base_name}")]),
            "ToUnicode": doc.Reference(_stream(doc, IDENTITY_TO_UNICODE), f"toUnicode:{base_name}"),
        })
        doc.idToObject["BasicFonts"].dict[internal] = doc.Reference(font, internal)


def _stream(doc: Any, content: bytes) -> Any:
    stream = pdfdoc.PDFStream(content=content)
    if doc.compression:
        stream.filters = [pdfdoc.PDFZCompress]
    return stream


class HexText(PDFTextObject):
    """A text object that writes the composite font's codes as hexadecimal strings (``<30B530FC> Tj``).

    reportlab writes every string as a literal, ``(...)``, where most bytes of a two-byte code are escaped
    (``\\000A`` for "A", ``0\\265`` for "ス"): four to eight bytes a character, and the importer must undo every
    escape. A hexadecimal string is four digits a character and reads back in one step. Other fonts are
    written as reportlab writes them."""

    def _formatText(self, text: str) -> str:
        font = pdfmetrics.getFont(self._fontname)
        if not isinstance(font, IdentityFont):
            return str(super()._formatText(text))
        doc = self._canvas._doc
        out = []
        current = int(getattr(self, "_curSubset", -1))
        for subset, codes in font.splitString(text, doc):
            if subset != current:
                out.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(self._fontsize)} Tf "
                           f"{fp_str(self._leading)} TL")
                self._curSubset = current = subset
            out.append(f"<{codes.hex()}> Tj")
        return " ".join(out)


@contextmanager
def identity_font(name: str) -> Iterator[None]:
    """Within the block, the registered font ``name`` is drawn the composite way (see the module's docstring).

    reportlab looks fonts up by name as it draws: this swaps the registered object and puts it back. Another
    document built at the same time may draw some of its text the composite way too: the same glyphs, also
    correct. One submission at a time (the lock), so that the original is always what is put back.
    """
    with _LOCK:
        original = pdfmetrics.getFont(name)
        pdfmetrics._fonts[name] = IdentityFont.like(original)
        try:
            yield
        finally:
            pdfmetrics._fonts[name] = original
