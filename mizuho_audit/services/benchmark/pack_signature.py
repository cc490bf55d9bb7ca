"""A detached signature over a score pack's exact bytes (CMS / PKCS#7 SignedData, DER, beside the pack as
``FILE.sig``), made with the town's PKCS#12 certificate and checked with pyHanko against the auditor's trust
roots. Nothing is fetched."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms  # type: ignore[import-untyped, unused-ignore]
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from ...errors import InputProblem
from ...i18n import _
from ..signing.signing import _check_usable, _load_p12
from ..signing.signing_common import _to_asn1

SIGNATURE_SUFFIX = ".sig"


def signature_path(pack: Path) -> Path:
    return pack.with_name(pack.name + SIGNATURE_SUFFIX)


def sign_detached(data: bytes, p12: Path, passphrase: bytes | None) -> bytes:
    """The DER CMS signature of ``data`` (refused for an expired or unusable certificate)."""
    key, cert, others = _load_p12(p12, passphrase)
    _check_usable(cert, dt.datetime.now(dt.UTC))
    builder = pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(cert, key, hashes.SHA256())
    for other in others:
        builder = builder.add_certificate(other)
    return builder.sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature,
                                                     pkcs7.PKCS7Options.Binary])


@dataclass(frozen=True)
class PackSignature:
    """``status``: verified (intact, by a certificate the database trusts), untrusted (intact, but the issuer
    is not trusted here) or unsigned; ``signer``: the signer's name ("" unsigned)."""

    status: str
    signer: str = ""


def _signer_name(signed: cms.SignedData) -> str:
    for cert in signed["certificates"]:
        chosen = cert.chosen
        try:
            c = x509.load_der_x509_certificate(chosen.dump())
        except ValueError:
            continue
        if c.subject != c.issuer:
            names = c.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
            return str(names[0].value) if names else c.subject.rfc4514_string()
    return ""


def check_detached(data: bytes, signature: bytes, roots: list[x509.Certificate], name: str) -> PackSignature:
    """Check a pack's signature; a signature that does not fit the bytes (the pack was changed after signing,
    or the file is no signature) is refused."""
    try:
        info = cms.ContentInfo.load(signature)
        signed = info["content"]
        if info["content_type"].native != "signed_data":
            raise ValueError(info["content_type"].native)
        context = ValidationContext(trust_roots=[_to_asn1(c) for c in roots], allow_fetching=False)
        status = asyncio.run(async_validate_detached_cms(data, signed, signer_validation_context=context))
    except Exception as exc:  # asn1crypto and pyHanko raise many kinds for a file that is no signature
        raise InputProblem(_("{name}: 署名ファイルを読めません（CMS の署名ではありません）。"
                             ).format(name=name)) from exc
    if not status.intact or not status.valid:
        raise InputProblem(_("{name}: 署名が得点パックの内容と一致しません（署名の後で書き換えられています）。"
                             ).format(name=name))
    return PackSignature("verified" if status.trusted else "untrusted", _signer_name(signed))
