"""What the signing modules share: the error, the types, reading PDFs, certificates and CRLs.

:mod:`.signing` re-exports the public names; import them from there.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Literal, TypeAlias

# asn1crypto ships no type information; "unused-ignore" keeps this quiet if the project config ignores it.
from asn1crypto import pem  # type: ignore[import-untyped, unused-ignore]
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped, unused-ignore]
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader

from ...domain.wareki import JST
from ...errors import InputProblem
from ...i18n import _
from . import name_prep, pdf_hex

# pyHanko logs a full traceback as a warning for every signer it cannot trust; the result already
# says so in the user's words, so keep its log to errors.
logging.getLogger("pyhanko").setLevel(logging.ERROR)
pdf_hex.install()  # the signature's /Contents read at once rather than digit by digit
name_prep.install()  # certificate names prepared for comparison once, not once a file

Status = Literal["valid", "unsigned", "invalid", "untrusted"]
TrustRoot: TypeAlias = asn1_x509.Certificate | x509.Certificate | bytes
CrlSource: TypeAlias = bytes | Path  # a CRL (DER or PEM) or the path of a CRL file
Box: TypeAlias = tuple[float, float, float, float]  # x1, y1, x2, y2 in points from the page's lower left
Coverage = Literal["whole_file", "further_signatures_only", "modified"]

_JST = JST


class SigningError(InputProblem):
    """Signing, verifying or reading attachments failed; the message is for the user (in their language)."""


class _DamagedPdf(SigningError):
    """The PDF parser gave up on the file."""


# --- reading PDFs -----------------------------------------------------------------------------


def _reader(pdf: bytes) -> PdfFileReader:
    if b"%PDF-" not in pdf[:1024]:
        raise SigningError(_("PDFファイルではありません。"))
    tail = pdf[-1024:]
    if b"%%EOF" not in tail and b"startxref" not in tail:  # either alone may be a damaged byte
        raise SigningError(_("PDFファイルが途中で切れています"
                             "（コピーや送信が最後まで終わっていない可能性があります）。"))
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        _root = reader.root
    except Exception as exc:  # the parser raises many kinds of errors on damaged input
        raise _DamagedPdf(_("PDFファイルが壊れているため読み込めません。")) from exc
    if reader.encrypted:
        raise SigningError(_("暗号化されたPDFには対応していません。"))
    return reader


def _to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _read_crl_sources(crls: Sequence[CrlSource]) -> list[bytes]:
    """The bytes of each CRL; paths are read (LGPKI publishes its CRLs as files)."""
    result: list[bytes] = []
    for source in crls:
        if isinstance(source, Path):
            try:
                result.append(source.read_bytes())
            except FileNotFoundError:
                raise SigningError(_("失効リスト（CRL）のファイル {source} が見つかりません。"
                                     ).format(source=source)) from None
            except OSError:
                raise SigningError(_("失効リスト（CRL）のファイル {source} を読み込めません。"
                                     ).format(source=source)) from None
        else:
            result.append(bytes(source))
    return result


def _parse_certificates(raw: bytes) -> list[asn1_x509.Certificate]:
    """Certificates from PEM (one or many) or DER bytes; raises ValueError if none can be read."""
    try:
        if pem.detect(raw):
            certs = [asn1_x509.Certificate.load(der) for kind, _h, der in pem.unarmor(raw, multiple=True)
                     if kind == "CERTIFICATE"]
        else:
            certs = [asn1_x509.Certificate.load(raw, strict=True)]
        for c in certs:
            _parsed = c.native  # asn1crypto parses lazily: force it, so a broken file fails here
    except Exception as exc:
        raise ValueError("not a certificate") from exc
    if not certs:
        raise ValueError("no certificate")
    return certs


def load_certificates(path: Path) -> list[asn1_x509.Certificate]:
    """Certificates from a PEM file (one or many) or a DER file, e.g. the town CA's ``ca-cert.pem``."""
    try:
        raw = path.read_bytes()
    except OSError:
        raise SigningError(_("証明書ファイル {path} を読み込めません。").format(path=path)) from None
    try:
        return _parse_certificates(raw)
    except ValueError:
        raise SigningError(_("{name} は証明書ファイル（PEM / DER）として読めません。").format(name=path.name)) from None


def _as_trust_roots(certs: Sequence[TrustRoot]) -> list[asn1_x509.Certificate]:
    # pyhanko-certvalidator needs asn1crypto objects; a cryptography certificate fails deep inside.
    result: list[asn1_x509.Certificate] = []
    for cert in certs:
        if isinstance(cert, asn1_x509.Certificate):
            result.append(cert)
        elif isinstance(cert, x509.Certificate):
            result.append(_to_asn1(cert))
        else:
            try:
                result.extend(_parse_certificates(bytes(cert)))
            except ValueError:
                raise SigningError(_("信頼する証明書として読めないものがあります。")) from None
    return result


def _load_crls(crls: Sequence[bytes]) -> list[x509.CertificateRevocationList]:
    try:
        return [x509.load_pem_x509_crl(raw) if raw.lstrip().startswith(b"-----") else x509.load_der_x509_crl(raw)
                for raw in crls]
    except ValueError:
        raise SigningError(_("失効リスト（CRL）を読めません。")) from None
