"""The remembered preparation of certificate names (services/signing/name_prep.py) answers as asn1crypto does."""

from __future__ import annotations

import pytest
from asn1crypto import x509  # type: ignore[import-untyped]

from mizuho_audit.services.signing import name_prep, signing_common  # noqa: F401 (installs it)

STRINGS = [
    "瑞穂町", "瑞穂町 企画課", "  企画課  課長 ", "ｷｶｸｶ", "ＡＢＣ　１２３", "a\tb\nc\rd", "soft\u00adhyphen",
    "zero\u200bwidth\u200d", "\ufeffbom", "e\u0301", "é", "ﬁ", "Ⅻ", "", " ", "MIZUHO-AUDIT Town CA", "\x00\x07ctrl",
    "x" * 300, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\U000e0041tag",
]


def _name(common_name: str, unit: str) -> x509.Name:
    return x509.Name.build({"common_name": common_name, "organizational_unit_name": unit,
                            "organization_name": "瑞穂町"})


def test_the_remembered_preparation_gives_asn1crypto_s_answers() -> None:
    assert x509.NameTypeAndValue._ldap_string_prep is name_prep._prepare  # the signing modules installed it
    ntv = x509.NameTypeAndValue()
    for text in STRINGS * 2:  # the second round comes from the table
        assert name_prep._prepare(ntv, text) == name_prep._ORIGINAL(ntv, text), text


def test_names_compare_and_index_as_shipped() -> None:
    pairs = [(a, b) for a in STRINGS[:8] for b in STRINGS[:8]]
    with name_prep.as_shipped():
        assert x509.NameTypeAndValue._ldap_string_prep is name_prep._ORIGINAL
        expected = [(_name(a, b).hashable, _name(a, b) == _name(b, a)) for a, b in pairs]
    assert [(_name(a, b).hashable, _name(a, b) == _name(b, a)) for a, b in pairs] == expected
    assert x509.NameTypeAndValue._ldap_string_prep is name_prep._prepare


def test_the_table_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(name_prep, "_MAX", 10)
    ntv = x509.NameTypeAndValue()
    for n in range(50):
        assert name_prep._prepare(ntv, f"部署{n}") == name_prep._ORIGINAL(ntv, f"部署{n}")
    assert len(name_prep._prepared) <= 10
