"""A PKCS#12 file is decrypted and checked once per process (issue 19): the cache may only save time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.signing import (
    SigningError,
    certificate_of,
    load_certificates,
    sign_pdf,
    verify_pdf,
)

from .test_signing import make_pdf


def _issue(ca_dir: Path, name: str, out: Path) -> None:
    ca.issue_certificate(ca_dir, b"ca-passphrase", name=name, title="課長", department="総務課", out_p12=out,
                         p12_passphrase=b"p12-passphrase")


def test_a_replaced_file_signs_as_its_new_holder(town_ca: Path, tmp_path: Path) -> None:
    p12 = tmp_path / "signer.p12"
    shutil.copy(town_ca / "taro.p12", p12)
    first = sign_pdf(make_pdf(), p12, b"p12-passphrase", field_name="a", reason="r")
    _issue(town_ca / "ca", "瑞穂 花子", tmp_path / "hanako.p12")
    shutil.copy(tmp_path / "hanako.p12", p12)  # the same path, another person's file
    second = sign_pdf(make_pdf(), p12, b"p12-passphrase", field_name="a", reason="r")
    roots = list(load_certificates(town_ca / "ca" / ca.CA_CERT))
    assert verify_pdf(first, roots).signer_name == "瑞穂 太郎"
    assert verify_pdf(second, roots).signer_name == "瑞穂 花子"
    assert verify_pdf(second, roots).status == "valid"


def test_a_wrong_passphrase_is_refused_after_the_file_was_used(town_ca: Path) -> None:
    assert certificate_of(town_ca / "taro.p12", b"p12-passphrase") is not None
    with pytest.raises(SigningError, match="パスフレーズが違います"):
        certificate_of(town_ca / "taro.p12", b"wrong")
    with pytest.raises(SigningError, match="パスフレーズが違います"):
        sign_pdf(make_pdf(), town_ca / "taro.p12", b"wrong", field_name="a", reason="r")


@pytest.mark.parametrize("room", [None, 64], ids=["room-reserved", "room-too-small"])
def test_a_signature_is_made_in_one_pass_and_still_when_its_room_is_short(
        town_ca: Path, monkeypatch: pytest.MonkeyPatch, room: int | None) -> None:
    """The container's room is reserved up front (pyHanko then signs once instead of twice); when the room is
    too small for the signature, the file is signed the measured way after all: valid either way."""
    from mizuho_audit.services.signing import signing

    if room is not None:
        monkeypatch.setattr(signing, "_signature_room", lambda *_a, **_k: room)
    crl = (town_ca / "ca" / "ca.crl").read_bytes()
    signed = sign_pdf(make_pdf(), town_ca / "taro.p12", b"p12-passphrase", field_name="a", reason="r", crls=[crl])
    roots = list(load_certificates(town_ca / "ca" / ca.CA_CERT))
    check = verify_pdf(signed, roots, crls=[crl])
    assert check.status == "valid" and check.signer_name == "瑞穂 太郎"
