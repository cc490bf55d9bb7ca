"""PKCS#12 files already loaded in this process, so that each is decrypted and checked once.

Loading one costs ~0.1 s: cryptography checks the RSA key (3072 bits) every time it reads one. An export checks
the holder's certificate and then signs, and the demo issues and signs with ~30 certificates. Entries are keyed
by the SHA-256 of the file's bytes and of the passphrase: a changed file, or another passphrase, is loaded (and
checked) again; only files that loaded are kept, and the keys no longer than the process, which held them
anyway while it signed. A certificate issued by this process is remembered as issued (its key was just made,
there is nothing to check).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

Loaded = tuple[Any, Any, list[Any]]  # private key, certificate, other certificates (cryptography objects)

_CACHE: OrderedDict[tuple[bytes, bytes], Loaded] = OrderedDict()
_SIZE = 64  # a town's department heads and report signers
_LOCK = threading.Lock()


def _key(raw: bytes, passphrase: bytes | None) -> tuple[bytes, bytes]:
    return hashlib.sha256(raw).digest(), hashlib.sha256(passphrase or b"").digest()


def lookup(raw: bytes, passphrase: bytes | None) -> Loaded | None:
    with _LOCK:
        key = _key(raw, passphrase)
        if key not in _CACHE:
            return None
        _CACHE.move_to_end(key)
        private, cert, others = _CACHE[key]
        return private, cert, list(others)


def remember(raw: bytes, passphrase: bytes | None, loaded: Loaded) -> None:
    with _LOCK:
        _CACHE[_key(raw, passphrase)] = (loaded[0], loaded[1], list(loaded[2]))
        while len(_CACHE) > _SIZE:
            _CACHE.popitem(last=False)
