"""Which roots and CRLs a check uses: the database's own (see :mod:`.register`), and files given for one
command. The per-user trust folder of earlier versions is not read: a root is trusted only once its
fingerprint was confirmed into a database (``trust add --db``), where the change is logged."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509

from ..workspace import Workspace
from .register import read_certificates, root_certificates


def roots_for(ws: Workspace | None, files: list[Path] | tuple[Path, ...] = ()) -> list[x509.Certificate]:
    """The database's trust roots (when one is open) and the certificates in ``files``."""
    roots = root_certificates(ws) if ws is not None else []
    for f in files:
        roots.extend(read_certificates(f))
    return roots


def crls_for(ws: Workspace | None, files: list[Path] | tuple[Path, ...] = ()) -> list[bytes]:
    """The database's kept CRLs and the CRL files given."""
    found = ws.store.crls() if ws is not None else []
    for f in files:
        found.append(f.read_bytes())
    return found
