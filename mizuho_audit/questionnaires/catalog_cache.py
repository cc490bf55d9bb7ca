"""The validated catalog, cached between starts.

Reading and validating the questionnaires (YAML, JSON Schema, every cross-check) takes most of a cold
start. A catalog that passed :func:`load_catalog` is kept as a pickle in the user's cache folder, keyed
by the SHA-256 of every file ``load_catalog`` can read (their names and bytes, in both folders), the
app's version and the Python version, and, when the app runs from source, the size and modification
time of the code that validates. Any change of a file gives another key: the catalog is then validated
again from the files, so a broken file is refused exactly as without the cache. A cache file that is
unreadable, truncated or from another key is ignored and replaced. Only a catalog that passed is cached.

The cache folder is private to the user (mode 0o700), like the data folder: a pickle is trusted as the
user's own file.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sys
from pathlib import Path

from .. import __version__
from ..fileio import write_atomic
from ..paths import ensure_private_dir, user_cache_dir
from .catalog import MAPPINGS_DIR, Catalog, load_catalog

log = logging.getLogger(__name__)

_MAGIC = b"mizuho-audit/catalog-cache@1\n"
_CODE_DIRS = ("questionnaires", "domain")  # the code that validates and builds the catalog


def _source_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    files = list(folder.glob("*.yaml"))
    mappings = folder / MAPPINGS_DIR
    if mappings.is_dir():
        files += mappings.glob("*.yaml")
    return sorted(files)


def _code_fingerprint() -> list[str]:
    """Size and mtime of the validating code when it runs from source (a frozen build has its version)."""
    package = Path(__file__).resolve().parent.parent
    out = []
    for name in _CODE_DIRS:
        for path in sorted((package / name).glob("*.py")):
            st = path.stat()
            out.append(f"{name}/{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return out


def cache_key(shipped_dir: Path, town_dir: Path | None) -> str:
    """SHA-256 over everything the catalog is built from."""
    h = hashlib.sha256()
    for part in (__version__, sys.version, *_code_fingerprint()):
        h.update(part.encode("utf-8") + b"\0")
    for folder in (shipped_dir, town_dir):
        if folder is None:
            continue
        h.update(b"folder\0" + str(folder.resolve()).encode("utf-8") + b"\0")
        for path in _source_files(folder):
            h.update(str(path.relative_to(folder)).encode("utf-8") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def cache_file(shipped_dir: Path, town_dir: Path | None) -> Path:
    """One cache file per pair of folders (a test's or a second data folder keeps its own)."""
    where = f"{shipped_dir.resolve()}|{town_dir.resolve() if town_dir is not None else ''}"
    return user_cache_dir() / f"catalog-{hashlib.sha256(where.encode('utf-8')).hexdigest()[:16]}.pickle"


def _read(path: Path, key: str) -> Catalog | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = _MAGIC + key.encode("ascii") + b"\n"
    if not data.startswith(head):
        return None  # missing, stale (another key) or not ours
    try:
        catalog = pickle.loads(data[len(head):])  # the user's own private cache file
    except Exception:  # truncated or corrupt: rebuilt below
        log.warning("catalog cache %s unreadable; validating the files again", path)
        return None
    return catalog if isinstance(catalog, Catalog) else None


def _write(path: Path, key: str, catalog: Catalog) -> None:
    try:
        ensure_private_dir(path.parent)
        write_atomic(path, _MAGIC + key.encode("ascii") + b"\n"
                     + pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError) as exc:  # a cache that cannot be written only costs time
        log.warning("catalog cache %s not written: %s", path, exc)


def load_catalog_cached(shipped_dir: Path, town_dir: Path | None = None) -> Catalog:
    """:func:`load_catalog`, from the cache when no file has changed since it last passed validation.

    Raises ValidationFailed exactly as :func:`load_catalog` does (a failing catalog is never cached)."""
    key = cache_key(shipped_dir, town_dir)
    path = cache_file(shipped_dir, town_dir)
    cached = _read(path, key)
    if cached is not None:
        return cached
    catalog = load_catalog(shipped_dir, town_dir)
    _write(path, key, catalog)
    return catalog
