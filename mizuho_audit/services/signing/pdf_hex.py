"""pyHanko's reading of PDF hex strings, made fast for the signature's ``/Contents``.

pyHanko reads a hex string one byte at a time (a Python call per hex digit). A signature's ``/Contents`` is a
hex string of several thousand digits (the CMS container with its certificates and the embedded CRL, plus
the room reserved at signing), so merely finding the signatures of a submission cost ~5.5 ms of the ~10 ms
that validating it costs; the importer reads 60 such files in a row (``bench/bench_import.py``).

:func:`read_hex_string` is the same reading done on the whole string at once. It gives exactly what pyHanko's
own function gives (the same string object, the stream left just after the ``>``) whenever the string holds
only hex digits and PDF whitespace and is closed; anything else (a comment, a stray byte, a string cut short)
is handed to pyHanko's function from the string's start, so every error and every oddity is pyHanko's.
``tests/test_pdf_hex.py`` compares the two on thousands of strings, hostile ones included.

:func:`install` puts it in place of pyHanko's (the signing modules call it on import); :func:`pyhanko_as_shipped`
undoes it for a while, for the benchmark's bare side.
"""

from __future__ import annotations

import binascii
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pyhanko.pdf_utils import generic, misc

_ORIGINAL = generic.read_hex_string_from_stream
_CHUNK = 1 << 16
_WHITESPACE: bytes = misc.PDF_WHITESPACE
_HEX: bytes = generic.HEX_DIGITS


def read_hex_string(stream: Any) -> Any:
    """The hex string at the stream's position (its ``<``), as pyHanko's ``read_hex_string_from_stream``."""
    opening = stream.tell()
    stream.read(1)  # "<"
    parts = []
    size = 256  # most hex strings are short (a file's /ID); a signature's is read in large pieces
    while True:
        chunk = stream.read(size)
        size = _CHUNK
        if not chunk:  # not closed: pyHanko's reading says how
            stream.seek(opening)
            return _ORIGINAL(stream)
        end = chunk.find(b">")
        if end >= 0:
            parts.append(chunk[:end])
            break
        parts.append(chunk)
    body = b"".join(parts)
    digits = body.translate(None, _WHITESPACE)
    if digits.translate(None, _HEX):  # a comment or a byte that is no hex digit
        stream.seek(opening)
        return _ORIGINAL(stream)
    stream.seek(opening + 1 + len(body) + 1)
    if len(digits) % 2:
        digits += b"0"
    return generic.pdf_string(binascii.unhexlify(digits))


def install() -> None:
    """Let pyHanko's parser read hex strings with :func:`read_hex_string` (once; harmless to repeat)."""
    if generic.read_hex_string_from_stream is _ORIGINAL:
        generic.read_hex_string_from_stream = read_hex_string


@contextmanager
def pyhanko_as_shipped() -> Iterator[None]:
    """pyHanko as shipped while the block runs (the benchmark's bare baseline): its own reading of hex strings,
    and asn1crypto's own preparation of certificate names (:mod:`.name_prep`)."""
    from .name_prep import as_shipped

    current = generic.read_hex_string_from_stream
    generic.read_hex_string_from_stream = _ORIGINAL
    try:
        with as_shipped():
            yield
    finally:
        generic.read_hex_string_from_stream = current
