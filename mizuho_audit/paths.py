"""The one place that knows where data, resources and user folders are.

Resources are resolved through :func:`resource_path`, which also works inside a
PyInstaller bundle (``sys._MEIPASS``), so the same code runs from a checkout,
an installed wheel and the Windows build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "mizuho-audit"
APP_AUTHOR = "MizuhoTown"


def bundle_root() -> Path:
    """The folder holding ``questionnaires/`` and ``resources/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return bundle_root().joinpath("resources", *parts)


def shipped_questionnaires_dir() -> Path:
    return bundle_root() / "questionnaires"


def font_path() -> Path:
    return resource_path("fonts", "ipaexg.ttf")


def user_data_dir() -> Path:
    """The user's data folder; ``MIZUHO_AUDIT_DATA_DIR`` overrides it (tests, portable use)."""
    override = os.environ.get("MIZUHO_AUDIT_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by its owner only where the OS supports modes."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
    return path


def default_db_path() -> Path:
    return user_data_dir() / "mizuho-audit.db"


def town_questionnaires_dir() -> Path:
    """Where the town's own imported questionnaires and department master live (never overwritten)."""
    return user_data_dir() / "questionnaires"
