"""The trust roots a town registers (its own CA, LGPKI roots), kept in the app's data folder."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from ...paths import ensure_private_dir, user_data_dir
from .signing import SigningError, load_certificates


def trust_dir() -> Path:
    return user_data_dir() / "trust"


def registered_roots(folder: Path | None = None) -> list[Any]:
    """Every certificate registered as trusted (unreadable files are skipped)."""
    d = folder or trust_dir()
    roots: list[Any] = []
    for p in sorted(d.glob("*.pem")) if d.is_dir() else []:
        try:
            roots.extend(load_certificates(p))
        except SigningError:
            continue
    return roots


def register_root(cert_file: Path, folder: Path | None = None) -> list[str]:
    """Copy a CA certificate into the trusted folder; return the subject names registered."""
    certs = load_certificates(cert_file)
    d = ensure_private_dir(folder or trust_dir())
    names = []
    for cert in certs:
        der = cert.dump()
        name = str(cert.subject.human_friendly)
        safe = re.sub(r"[^0-9A-Za-z_-]+", "_", name)[:40] or "cert"
        target = d / f"{safe}-{hashlib.sha256(der).hexdigest()[:12]}.pem"
        body = base64.encodebytes(der).decode("ascii")
        target.write_text(f"-----BEGIN CERTIFICATE-----\n{body}-----END CERTIFICATE-----\n", encoding="ascii")
        names.append(name)
    return names


def roots_from(files: list[Path], include_registered: bool = True) -> list[Any]:
    roots = registered_roots() if include_registered else []
    for f in files:
        roots.extend(load_certificates(f))
    return roots
