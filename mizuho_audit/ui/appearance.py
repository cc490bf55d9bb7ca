"""The window's font (the shipped IPAexGothic at the size the user chose) and sizes that follow it.

Qt 6 scales every size in logical pixels to the screen (150 %, 200 %), so the window stays in
proportion at high DPI. The font size setting is the user's own zoom: sizes that hold text are
measured in lines and characters of the current font, or designed at the standard size and grown
with the font, and always kept within the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from ..paths import font_path

STANDARD_POINT_SIZE = 10.0  # the size the window's layouts were designed at
_BASE_PROPERTY = "mizuhoBasePointSize"
_FAMILY_PROPERTY = "mizuhoFontFamily"


def shipped_family(app: QApplication) -> str | None:
    """The shipped font's family, loaded once per application."""
    family = app.property(_FAMILY_PROPERTY)
    if isinstance(family, str) and family:
        return family
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    app.setProperty(_FAMILY_PROPERTY, families[0])
    return str(families[0])


def base_point_size(app: QApplication) -> float:
    """The standard size: the system's font size, at least 10 pt (remembered before the first change)."""
    base = app.property(_BASE_PROPERTY)
    if isinstance(base, int | float) and base > 0:
        return float(base)
    size = max(app.font().pointSizeF(), STANDARD_POINT_SIZE)
    app.setProperty(_BASE_PROPERTY, size)
    return size


def apply_font(app: QApplication, scale: float = 1.0) -> QFont:
    """Set the application font: the shipped family at ``scale`` times the standard size."""
    base = base_point_size(app)
    family = shipped_family(app)
    font = QFont(family) if family else QFont(app.font())
    font.setPointSizeF(round(base * scale, 1))
    app.setFont(font)
    return font


def font_factor(widget: QWidget) -> float:
    """How much larger than the standard size the widget's font is (1.0 at the standard size)."""
    size = widget.font().pointSizeF()
    return size / STANDARD_POINT_SIZE if size > 0 else 1.0


def lines_height(widget: QWidget, lines: float) -> int:
    """The height of a text box showing ``lines`` lines of its font (with its frame and margins)."""
    return round(widget.fontMetrics().lineSpacing() * lines) + 12


def text_width(widget: QWidget, *texts: str) -> int:
    """The width of the widest of ``texts`` in the widget's font."""
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(t) for t in texts), default=0)


def screen_size(widget: QWidget | None = None) -> QSize:
    """The available size of the widget's screen (the primary screen before it is shown)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else QSize(1366, 768)


def initial_size(widget: QWidget, width: int, height: int) -> QSize:
    """A size designed at the standard font size, grown with the font and kept within the screen."""
    factor = max(font_factor(widget), 1.0)
    wanted = QSize(round(width * factor), round(height * factor))
    available = screen_size(widget)
    limit = QSize(max(round(available.width() * 0.96), 320), max(round(available.height() * 0.92), 240))
    return wanted.boundedTo(limit)


def resize_initially(widget: QWidget, width: int, height: int) -> None:
    """Give a window or dialog its first size (see :func:`initial_size`)."""
    widget.resize(initial_size(widget, width, height))


_previous_locales: list[QLocale] = []


def use_locale(language: str) -> None:
    """Qt's own names of months and days (the calendar, dates Qt writes) in the app's language;
    :func:`restore_locale` puts back the one before."""
    _previous_locales.append(QLocale())
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan) if language == "ja"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def restore_locale() -> None:
    if _previous_locales:
        QLocale.setDefault(_previous_locales.pop())
