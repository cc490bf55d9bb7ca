"""Revocation as the signature check reads it: the CRLs a certificate's issuer really signed, whether and when they
list it, and the CRLs and certificates a signed PDF carries in its document security store (PAdES B-LT)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.dss import DocumentSecurityStore


def issuer_keys(cert: asn1_x509.Certificate, issuers: Sequence[asn1_x509.Certificate]) -> list[Any]:
    issuer_der = cert.issuer.dump()
    return [x509.load_der_x509_certificate(i.dump()).public_key() for i in issuers if i.subject.dump() == issuer_der]


def crls_of_issuer(cert: asn1_x509.Certificate, crls: list[x509.CertificateRevocationList],
                    issuers: Sequence[asn1_x509.Certificate]) -> list[x509.CertificateRevocationList]:
    """The CRLs that the issuer of ``cert`` (one of ``issuers``) really signed."""
    issuer_der = cert.issuer.dump()
    keys = issuer_keys(cert, issuers)
    return [crl for crl in crls if crl.issuer.public_bytes() == issuer_der
            and any(crl.is_signature_valid(key) for key in keys)]


def revocation_date(cert: asn1_x509.Certificate, crls: list[x509.CertificateRevocationList],
                     issuers: Sequence[asn1_x509.Certificate]) -> dt.datetime | None:
    """When a CRL signed by the issuer of ``cert`` says it was revoked (the earliest), or None.

    pyhanko-certvalidator only consults CRLs for certificates that name a distribution point; the
    town CA's certificates name none (there is no server to fetch from), so the CRL is checked here.
    """
    dates = [entry.revocation_date_utc for crl in crls_of_issuer(cert, crls, issuers)
             if (entry := crl.get_revoked_certificate_by_serial_number(cert.serial_number)) is not None]
    return min(dates) if dates else None


def is_revoked(cert: asn1_x509.Certificate, crls: list[x509.CertificateRevocationList],
             issuers: Sequence[asn1_x509.Certificate]) -> bool:
    """Whether a CRL signed by one of ``issuers`` lists ``cert``."""
    return revocation_date(cert, crls, issuers) is not None


def dss_contents(reader: PdfFileReader) -> tuple[list[x509.CertificateRevocationList], list[asn1_x509.Certificate]]:
    """The CRLs and certificates in the document security store (/DSS, PAdES B-LT), if there is one."""
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception:  # NoDSSFoundError, or a damaged DSS: then there is no usable revocation info
        return [], []
    crls: list[x509.CertificateRevocationList] = []
    for ref in dss.crls:
        try:
            crls.append(x509.load_der_x509_crl(ref.get_object().data))
        except Exception:
            continue
    try:
        certs = list(dss.load_certs())
    except Exception:
        certs = []
    return crls, certs
