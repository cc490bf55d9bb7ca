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


def docs_dir() -> Path:
    """The manual and the administrator's guide (``docs/``, bundled with the app)."""
    return bundle_root() / "docs"


def font_path() -> Path:
    return resource_path("fonts", "ipaexg.ttf")


def user_data_dir() -> Path:
    """The user's data folder; ``MIZUHO_AUDIT_DATA_DIR`` overrides it (tests, portable use)."""
    override = os.environ.get("MIZUHO_AUDIT_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def user_log_dir() -> Path:
    """Where the app's log file is kept (inside the data folder when ``MIZUHO_AUDIT_DATA_DIR`` is set)."""
    override = os.environ.get("MIZUHO_AUDIT_DATA_DIR")
    if override:
        return Path(override) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def user_cache_dir() -> Path:
    """Where rebuildable caches are kept (inside the data folder when ``MIZUHO_AUDIT_DATA_DIR`` is set)."""
    override = os.environ.get("MIZUHO_AUDIT_DATA_DIR")
    if override:
        return Path(override) / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by its owner only (mode 0o700) where the OS has modes.

    The user's data folder is made private too when ``path`` lies inside it, so whichever part of the
    app creates its folder first (database, trust roots, backups), the data folder never stays
    readable by others. On Windows the folder under ``%LOCALAPPDATA%`` is already the user's alone.
    """
    data = user_data_dir()
    if _is_within(path, data) and path.resolve() != data.resolve():
        ensure_private_dir(path.parent)  # every folder from the data folder down to ``path``
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
    return path


def prepare_db_folder(db_path: Path) -> Path:
    """Make sure the database's folder exists: private when it is (in) the data folder or is new.

    A folder the user chose that already exists (e.g. a shared drive) keeps its permissions.
    """
    folder = db_path.parent
    if not folder.exists() or _is_within(folder, user_data_dir()):
        ensure_private_dir(folder)
    return folder


def backups_dir() -> Path:
    """Where automatic backups are kept (one sub-folder per database)."""
    return user_data_dir() / "backups"


def backups_beside(db_path: Path) -> Path | None:
    """The folder of the automatic backups kept next to the database (``<db folder>/<db name>-backups``),
    e.g. in the 課's shared folder; None for a database in the user's own data folder, whose backups are
    already there."""
    if _is_within(db_path.parent, user_data_dir()):
        return None
    return db_path.parent / f"{db_path.stem}-backups"


def default_db_path() -> Path:
    return user_data_dir() / "mizuho-audit.db"


def town_questionnaires_dir() -> Path:
    """Where the town's own imported questionnaires and department master live (never overwritten)."""
    return user_data_dir() / "questionnaires"
