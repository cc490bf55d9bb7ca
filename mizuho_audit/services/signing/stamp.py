"""The visible signature stamp: its text, font and appearance, and the signing time in 和暦."""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.stamp import TextStamp, TextStampStyle

from ...domain.wareki import japanese_datetime as japanese_datetime
from ...i18n import _
from ...paths import resource_path
from .signing_common import SigningError

STAMP_FONT = ("fonts", "mizuho-stamp-gothic.ttf")
DEFAULT_STAMP_TEXT = "{field}　{name}\n{affiliation}\n署名日時　{signed_at}\n理由　{reason}"
_STAMP_MARGIN = 6


def _cert_field(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    return " ".join(str(a.value) for a in cert.subject.get_attributes_for_oid(oid)).strip()


def _stamp_template(stamp_text: str | None, field_name: str, cert: x509.Certificate, reason: str,
                    location: str) -> str:
    """The stamp's text for pyHanko's %-interpolation; only the signing time is left open."""
    org = _cert_field(cert, NameOID.ORGANIZATION_NAME)
    department = _cert_field(cert, NameOID.ORGANIZATIONAL_UNIT_NAME)
    title = _cert_field(cert, NameOID.TITLE)
    values = {
        "field": field_name, "name": _cert_field(cert, NameOID.COMMON_NAME) or "（氏名なし）", "title": title,
        "department": department, "org": org, "affiliation": " ".join(p for p in (org, department, title) if p),
        "reason": reason, "location": location,
    }
    escaped = {k: v.replace("%", "%%") for k, v in values.items()}
    try:
        text = (stamp_text or DEFAULT_STAMP_TEXT).replace("%", "%%").format(signed_at="%(wareki)s", **escaped)
    except (KeyError, IndexError, ValueError) as exc:
        raise SigningError(_("署名の表示文の書式が正しくありません（{error}）。").format(error=exc)) from None
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line.strip(" 　:：")) or "%(wareki)s"


def stamp_font_path() -> Path:
    """The font of visible stamps (IPAexGothic rescaled to 1000 units per em, renamed; see the README)."""
    return resource_path(*STAMP_FONT)


@dataclass(frozen=True)
class _JapaneseStampStyle(TextStampStyle):
    """A text stamp that writes the signing time in 和暦 and sizes its text to the field."""

    def create_stamp(self, writer: BasePdfFileWriter, box: layout.BoxConstraints,
                     text_params: dict[str, Any]) -> TextStamp:
        params = dict(text_params)
        # pyHanko fills "ts" with the signing time of the signature dictionary (ISO, see below).
        params["wareki"] = japanese_datetime(dt.datetime.fromisoformat(str(params["ts"])))
        lines = (self.stamp_text % params).splitlines() or [""]
        size = _font_size(lines, box.width if box.width_defined else 200, box.height if box.height_defined else 60)
        text_style = replace(self.text_box_style, font_size=size, leading=round(size * 1.35))
        return TextStamp(writer=writer, style=replace(self, text_box_style=text_style), box=box, text_params=params)


def _font_size(lines: Sequence[str], width: float, height: float) -> int:
    """A font size at which ``lines`` fill a ``width`` x ``height`` box (within 7..12 pt).

    pyHanko shrinks the text further if it still does not fit, so this is only a good start.
    """
    def ems(line: str) -> float:
        return sum(0.55 if ord(ch) < 0x2000 or 0xFF61 <= ord(ch) <= 0xFF9F else 1.0 for ch in line)

    inner_w, inner_h = width - 2 * _STAMP_MARGIN, height - 2 * _STAMP_MARGIN
    by_height = inner_h / (1.35 * len(lines))
    by_width = inner_w / max(1.0, max(ems(line) for line in lines))
    return max(7, min(12, int(min(by_height, by_width))))


@functools.cache
def _stamp_font_bytes() -> bytes:
    return stamp_font_path().read_bytes()


@functools.cache
def _stamp_font_factory() -> type[Any]:
    """pyHanko's factory opens the font file and never closes it (a leaked handle per signature): give the
    engine the font from memory instead. Made when a stamp is first drawn: pyHanko's OpenType support loads
    fontTools (~70 ms), which an invisible signature (a submission) and the checking of signatures never need."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    @dataclass(frozen=True)
    class _StampFont(GlyphAccumulatorFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(_stamp_font_bytes()),
                                    font_size=self.font_size, ot_script_tag=self.ot_script_tag,
                                    ot_language_tag=self.ot_language_tag, writing_direction=self.writing_direction,
                                    bcp47_lang_code=self.bcp47_lang_code, obj_stream=obj_stream)

    return _StampFont


def _stamp_style(template: str) -> _JapaneseStampStyle:
    font = _stamp_font_factory()(str(stamp_font_path()), font_size=10)
    return _JapaneseStampStyle(
        stamp_text=template,
        timestamp_format="%Y-%m-%dT%H:%M:%S%z",
        border_width=1,
        border_color=(0.6, 0.1, 0.1),
        # The text box itself gets no margins (pyHanko's default adds 10 pt each side), the stamp does.
        text_box_style=TextBoxStyle(font=font, font_size=10, box_layout_rule=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
        )),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(_STAMP_MARGIN),
        ),
    )
