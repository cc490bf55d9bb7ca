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

Where viewers read differently from the letter of the format, this reader reads as they do: a token that is
no operator is ignored with its operands, a ``Q`` without its ``q`` restores nothing, and a text operator whose
operand is no string (or no array, for ``TJ``) shows nothing.

Speed: the submission PDFs are large (a 28-page submission holds ~0.38 MB of page content in ~3,000 strings;
~0.7 MB in ~13,000 strings before the composite font), and the check must cost a fraction of signature
validation. Objects in the exact form reportlab writes them are read straight from the bytes at the offset the
cross-reference table gives (anything else goes through pyHanko's parser), and pages in the app's form are read
by a few whole-document operations that give the same result as the general reader (:func:`_slow_page_text`)
or decline, in which case the general reader reads the pages: :func:`_fast_hex` for hexadecimal strings in a
font whose every code is its character (the app's submissions since 2026-12-05), :func:`_fast_texts` for
literal strings (those before). ``tests/test_page_text.py`` holds both to the general reader's answers, on
genuine pages and on pages damaged thousands of ways.
"""

from __future__ import annotations

from pyhanko.pdf_utils.reader import PdfFileReader

from ...i18n import _
from .pdf_text_content import _fast_hex, _fast_texts, _slow_page_text
from .pdf_text_doc import PageTextError, Table, _Doc, _pages
from .pdf_text_fonts import _fonts
from .signing_common import SigningError

__all__ = ["PageTextError", "page_texts"]


# --- the pages' text ------------------------------------------------------------------------------------


def page_texts(pdf: bytes, reader: PdfFileReader | None = None) -> list[str]:
    """The text each page of ``pdf`` shows (see the module's docstring), page by page, in drawing order.

    The strings are joined as they are drawn, without separators: a line break or the gap between two cells
    adds nothing, so compare with whitespace removed. Raises :class:`PageTextError` (also for a damaged
    file). ``reader``: ``pdf`` already parsed by pyHanko, if it was (the importer parses a file once).
    """
    try:
        doc = _Doc(pdf, reader)
    except SigningError as exc:  # not a PDF, cut short, damaged
        raise PageTextError(str(exc)) from exc
    try:
        pages = _pages(doc)
        fonts = [_fonts(doc, page.fonts) for page in pages]
        datas = [b"\n".join(doc.stream_data(part) for part in page.contents) for page in pages]
        texts = _fast(datas, fonts[0]) if pages and all(f is fonts[0] for f in fonts) else None
        if texts is None:  # page by page, the general way where the fast one declines
            texts = []
            for page, data, font_map in zip(pages, datas, fonts, strict=True):
                fast = _fast([data], font_map)
                texts.append(fast[0] if fast is not None else _slow_page_text(data, font_map, page.number))
    except SigningError:
        raise
    except Exception as exc:  # pyHanko and the decoders raise many kinds of errors on damaged input
        raise PageTextError(_("PDFのページの内容を読み取れません（ファイルが壊れています）。")) from exc
    return texts


def _fast(datas: list[bytes], fonts: dict[bytes, Table]) -> list[str] | None:
    """The pages' text read the quick way (hexadecimal strings, then literal ones), or None."""
    texts = _fast_hex(datas, fonts)
    return texts if texts is not None else _fast_texts(datas, fonts)
