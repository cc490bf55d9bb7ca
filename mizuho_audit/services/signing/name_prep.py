"""asn1crypto's comparison form of certificate names, remembered across files.

pyHanko finds, indexes and compares certificates by their names (issuer and subject) in asn1crypto's prepared
form: RFC 4518 string preparation of every attribute, a series of regular expressions and a Unicode
normalisation in pure Python. asn1crypto keeps the result on each parsed attribute, but every file's
certificates are parsed anew (the signer's certificate inside the signature and again in the DSS, the town CA's
in both and in the trust store), so an import of 60 submissions prepared the same hundred or so strings again
and again: ~1.3 ms of the ~20 ms each file costs (``bench/bench_import.py``).

The preparation is a function of the string alone (it reads nothing else), so :func:`install` puts a version in
place that remembers its results, in a bounded table. :func:`as_shipped` undoes it for a while, for the
benchmark's bare side. ``tests/test_name_prep.py`` holds the two to the same answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from asn1crypto import x509  # type: ignore[import-untyped]

_ORIGINAL = x509.NameTypeAndValue._ldap_string_prep
_MAX = 4096  # prepared strings kept (a town has a few hundred names); the table starts afresh beyond
_prepared: dict[str, str] = {}


def _prepare(self: Any, string: str) -> str:
    """``NameTypeAndValue._ldap_string_prep``, remembered by its argument."""
    found = _prepared.get(string)
    if found is None:
        found = _ORIGINAL(self, string)
        if len(_prepared) >= _MAX:
            _prepared.clear()
        _prepared[string] = found
    return found


def install() -> None:
    """Let asn1crypto remember prepared names (once; harmless to repeat)."""
    x509.NameTypeAndValue._ldap_string_prep = _prepare


@contextmanager
def as_shipped() -> Iterator[None]:
    """asn1crypto's own preparation, every time, while the block runs (the benchmark's bare baseline)."""
    current = x509.NameTypeAndValue._ldap_string_prep
    x509.NameTypeAndValue._ldap_string_prep = _ORIGINAL
    try:
        yield
    finally:
        x509.NameTypeAndValue._ldap_string_prep = current
