"""The Japanese font and paragraph styles shared by every PDF the app writes.

reportlab only embeds fonts it is given as TrueType outlines, so the shipped IPAexGothic
(:func:`mizuho_audit.paths.font_path`) is registered once and used for *all* text, including the
canvas' initial font: otherwise the page preamble still names a non-embedded Helvetica and
``pdffonts`` reports ``emb no``. Bold and italic map to the same face (IPAexGothic has neither).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.platypus import TableStyle  # type: ignore[import-untyped]

from ...i18n import _
from ...paths import font_path

FONT_NAME = "IPAexGothic"

_lock = threading.Lock()


def register_japanese_font() -> str:
    """Register IPAexGothic with reportlab (idempotent, thread-safe) and return its font name.

    Also makes it the canvas and graphics base font, so pages and charts reference no other font.
    """
    with _lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            path = font_path()
            if not path.is_file():
                raise FileNotFoundError(_("PDF 用のフォントが見つかりません: {path}").format(path=path))
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path)))
            pdfmetrics.registerFontFamily(
                FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME,
            )
        # Set every time: another caller may have changed these process-wide settings.
        rl_config.canvas_basefontname = FONT_NAME
        rl_config.defaultGraphicsFontName = FONT_NAME
    return FONT_NAME


def make_style(name: str, size: float = 9.5, *, leading: float | None = None, **kwargs: object) -> ParagraphStyle:
    """A paragraph style in the Japanese font with CJK line breaking.

    ``fontName`` is always given explicitly: reportlab's own defaults were bound to Helvetica
    when ``reportlab.lib.styles`` was first imported.
    """
    register_japanese_font()
    base: dict[str, object] = {
        "fontName": FONT_NAME,
        "bulletFontName": FONT_NAME,
        "fontSize": size,
        "leading": leading if leading is not None else round(size * 1.45, 1),
        "wordWrap": "CJK",
        "textColor": colors.black,
    }
    base.update(kwargs)
    return ParagraphStyle(name, **base)


@dataclass(frozen=True)
class JapaneseStyles:
    """A small stylesheet for A4 reports in Japanese."""

    title: ParagraphStyle
    display: ParagraphStyle
    subtitle: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    heading3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    cell_number: ParagraphStyle
    label: ParagraphStyle


@cache
def japanese_styles() -> JapaneseStyles:
    """The shared stylesheet (built once; styles are treated as read-only)."""
    grey = colors.HexColor("#555555")
    return JapaneseStyles(
        title=make_style("ja-title", 20, leading=28, alignment=1, spaceAfter=6),
        display=make_style("ja-display", 22, leading=30, alignment=1, spaceAfter=4),
        subtitle=make_style("ja-subtitle", 13, leading=19, alignment=1, textColor=grey),
        heading1=make_style("ja-h1", 14, leading=20, spaceBefore=6, spaceAfter=6, keepWithNext=1),
        heading2=make_style("ja-h2", 11.5, leading=16, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        heading3=make_style("ja-h3", 10, leading=14, spaceBefore=6, spaceAfter=3, keepWithNext=1,
                            textColor=colors.HexColor("#1f3a5f")),
        body=make_style("ja-body", 9.5),
        small=make_style("ja-small", 8, textColor=grey),
        cell=make_style("ja-cell", 8.5, leading=12),
        cell_header=make_style("ja-cell-header", 8, leading=11, alignment=1),
        cell_number=make_style("ja-cell-number", 8.5, leading=12, alignment=2),
        label=make_style("ja-label", 8, leading=11.5, textColor=colors.HexColor("#333333")),
    )


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose cells use the Japanese font.

    A table sets its cell font even when every cell is a Paragraph; without this the PDF names
    reportlab's default Helvetica, which is not embedded.
    """
    register_japanese_font()
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_NAME), *commands])


def markup(text: str) -> str:
    """Plain user text as Paragraph markup: ``<``, ``&`` escaped, line breaks kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(escape(line) for line in lines)
