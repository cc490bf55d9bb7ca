"""The app's own words in two languages: Japanese (the source text) and English.

The Qt-free core and the command line translate through gettext (``_``); the window translates
through Qt's own system (``tr`` with a ``.qm`` file, loaded in :mod:`mizuho_audit.app`). The
questionnaire content and the reports stay Japanese: they are the town's documents.

``MIZUHO_AUDIT_STRETCH=1`` makes every translated string longer, to check that layouts hold.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

from .paths import resource_path

DOMAIN = "mizuho_audit"
LANGUAGES = {"ja": "日本語", "en": "English"}
DEFAULT_LANGUAGE = "ja"

_state: dict[str, object] = {"lang": DEFAULT_LANGUAGE, "translation": gettext.NullTranslations()}


def catalog_path(lang: str) -> Path:
    return resource_path("i18n", lang, f"{DOMAIN}.mo")


def qt_catalog_path(lang: str) -> Path:
    return resource_path("i18n", f"{DOMAIN}_{lang}.qm")


def set_language(lang: str | None) -> str:
    """Use ``lang`` (``ja`` or ``en``; anything else means Japanese); return the language in use."""
    chosen = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    translation: gettext.NullTranslations = gettext.NullTranslations()
    if chosen != DEFAULT_LANGUAGE:
        path = catalog_path(chosen)
        if path.is_file():
            with path.open("rb") as fh:
                translation = gettext.GNUTranslations(fh)
    _state["lang"] = chosen
    _state["translation"] = translation
    return chosen


def current_language() -> str:
    return str(_state["lang"])


def stretched() -> bool:
    return os.environ.get("MIZUHO_AUDIT_STRETCH") == "1"


def stretch(text: str) -> str:
    """A longer version of ``text`` (for layout checks): each word doubled in length.

    The added half has no braces, so a message's ``{placeholders}`` still format.
    """
    extra = text[: max(len(text) // 2, 1)].replace("{", "").replace("}", "")
    return text + " " + extra if text else text


def _(message: str) -> str:
    """Translate one message of the core or the command line."""
    translation = _state["translation"]
    assert isinstance(translation, gettext.NullTranslations)
    text = translation.gettext(message)
    return stretch(text) if stretched() else text


def language_from_environment(cli_lang: str | None = None) -> str | None:
    """``--lang`` wins, then ``MIZUHO_AUDIT_LANG``; None means "ask the settings"."""
    return cli_lang or os.environ.get("MIZUHO_AUDIT_LANG") or None
