"""Per-user preferences of the window (language, font size), kept in a small JSON file.

Qt-free: the window reads them at start and writes them when the user changes a setting. The file
lives in the user's data folder (:func:`mizuho_audit.paths.user_data_dir`), not in the database: a
preference belongs to the person at this computer, not to the department's answers. A damaged or
unknown file means the defaults; it is replaced atomically, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from .fileio import write_atomic
from .paths import ensure_private_dir, user_data_dir

FILE_NAME = "preferences.json"
LANGUAGES = ("ja", "en")
# Font sizes (小 / 標準 / 大 / 特大) as factors of the standard size, which is the system's, at least 10 pt.
FONT_SIZES: dict[str, float] = {"small": 0.9, "normal": 1.0, "large": 1.2, "xlarge": 1.45}
DEFAULT_FONT_SIZE = "normal"


@dataclass(frozen=True)
class Preferences:
    """What the user chose; ``language`` None means "not chosen" (Japanese, the default)."""

    language: str | None = None
    font_size: str = DEFAULT_FONT_SIZE

    def font_scale(self) -> float:
        return FONT_SIZES.get(self.font_size, FONT_SIZES[DEFAULT_FONT_SIZE])


def preferences_path() -> Path:
    return user_data_dir() / FILE_NAME


def _clean(data: Any) -> Preferences:
    if not isinstance(data, dict):
        return Preferences()
    language = data.get("language")
    font_size = data.get("font_size")
    return Preferences(language=language if language in LANGUAGES else None,
                       font_size=font_size if font_size in FONT_SIZES else DEFAULT_FONT_SIZE)


def load(path: Path | None = None) -> Preferences:
    """The saved preferences; the defaults when there is no file or it cannot be read."""
    path = path or preferences_path()
    try:
        return _clean(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return Preferences()


def save(prefs: Preferences, path: Path | None = None) -> Path:
    """Write the preferences atomically (a temporary file in the same folder, then a rename)."""
    path = path or preferences_path()
    if path.parent == user_data_dir():
        ensure_private_dir(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asdict(prefs), ensure_ascii=False, indent=2) + "\n"
    return write_atomic(path, text.encode("utf-8"))


def update(path: Path | None = None, **changes: Any) -> Preferences:
    """Change some preferences and save them; returns the new preferences."""
    prefs = replace(load(path), **changes)
    save(prefs, path)
    return prefs
