"""The app's reading of PDF hex strings gives exactly what pyHanko's own reading gives (issue 19: the signature's
/Contents read at once), on ordinary, odd and hostile strings: the same object, the stream at the same place,
the same error."""

from __future__ import annotations

import random
from io import BytesIO

import pytest
from pyhanko.pdf_utils import generic

from mizuho_audit.services.signing import pdf_hex
from mizuho_audit.services.signing.signing_common import _reader


def _outcome(reader, data: bytes) -> tuple[object, ...]:
    stream = BytesIO(data)
    try:
        value = reader(stream)
    except Exception as exc:  # compare the error, whatever pyHanko raises
        return ("error", type(exc), str(exc))
    return ("ok", type(value), bytes(value.original_bytes) if hasattr(value, "original_bytes") else value,
            str(value), stream.tell())


def _same(data: bytes) -> None:
    assert _outcome(pdf_hex.read_hex_string, data) == _outcome(pdf_hex._ORIGINAL, data), data[:80]


@pytest.mark.parametrize("data", [
    b"<>", b"<>rest", b"<41>", b"<414>", b"<4 1\n4\r2\t4\x0c3\x00>", b"<feFF00410042> 0 R", b"<48656c6c6f>",
    b"<41%comment>\n42>", b"<41%x\n>", b"<4G>", b"<41", b"<", b"<41 42 ", b"<41)>", b"<41<42>",
    b"<" + b"ab" * 70000 + b">tail", b"<" + b"a" * 65535 + b">", b"<" + b"a" * 65536 + b">",
    b"<" + b"0" * 65536 + b"%>\n>", b"<" + b"1" * 200000,
    *(b"<" + b"c" * n + b">" for n in (254, 255, 256, 257, 65791, 65792, 65793)),  # around the pieces read
])
def test_same_as_pyhanko_on_chosen_strings(data: bytes) -> None:
    _same(data)


def test_same_as_pyhanko_on_random_strings() -> None:
    rng = random.Random(19)
    alphabet = b"0123456789abcdefABCDEF \n\r\t\x0c\x00%>xG<()"
    for _ in range(3000):
        body = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        _same(b"<" + body + rng.choice([b">", b"", b"> 1 0 R"]))


def test_the_signing_modules_install_it_and_the_benchmark_can_take_it_back() -> None:
    assert generic.read_hex_string_from_stream is pdf_hex.read_hex_string
    with pdf_hex.pyhanko_as_shipped():
        assert generic.read_hex_string_from_stream is pdf_hex._ORIGINAL
    assert generic.read_hex_string_from_stream is pdf_hex.read_hex_string


def test_a_hex_string_inside_a_pdf_reads_the_same_either_way() -> None:
    # An indirect object holding a long hex string, as a signature's /Contents is held, read by pyHanko's parser.
    contents = bytes(range(256)) * 40
    body = b"<< /Contents <" + contents.hex().encode() + b"> /Type /Sig >>"
    pdf = (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
           b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n" + body + b"\nendobj\n")
    offsets = [pdf.index(b"1 0 obj"), pdf.index(b"2 0 obj"), pdf.index(b"3 0 obj")]
    xref = b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += xref + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + \
        str(len(pdf)).encode() + b"\n%%EOF\n"
    read = _reader(pdf).get_object(generic.Reference(3, 0))["/Contents"]
    with pdf_hex.pyhanko_as_shipped():
        shipped = _reader(pdf).get_object(generic.Reference(3, 0))["/Contents"]
    assert bytes(read.original_bytes) == bytes(shipped.original_bytes) == contents
