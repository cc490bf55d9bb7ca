"""The trust a database holds, and the auditor's register of who may sign what.

- Trust roots (the town CA, LGPKI roots) and the latest CRL of each live in the database, each change logged.
- The signer register says which certificate may sign for which department's submission, or which field of
  the audit report, and when. A certificate is matched by its fingerprint, or (an LGPKI certificate renewed
  under the same name by the same issuer) by subject and issuer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ...domain.records import SignerRecord
from ...domain.vocabulary import ROLE_NAMES, SIGNER_ROLES
from ...domain.wareki import JST
from ...errors import InputProblem
from ...i18n import _
from ..workspace import Workspace
from .ca import signer_marks


class TrustError(InputProblem):
    """A certificate, CRL or registration that cannot be used; the message says why."""


@dataclass(frozen=True)
class CertificateSummary:
    """A certificate in the words a person confirms it by: 名前, 組織, 有効期間, 指紋."""

    name: str
    organization: str
    title: str
    issuer_name: str
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint: str  # SHA-256 of the DER, upper-case hex
    is_ca: bool
    subject: str  # RFC 4514, for the register
    issuer: str
    department_id: str  # the app's marks (the town CA's certificates), "" otherwise
    role: str

    def lines(self) -> list[str]:
        """名前, 組織, 有効期間, 指紋 — one line each, in the user's language."""
        fp = self.fingerprint
        grouped = " ".join(fp[i:i + 4] for i in range(0, len(fp), 4))
        return [
            _("名前: {name}").format(name=self.name + (f"（{self.title}）" if self.title else "")),
            _("組織: {org}").format(org=self.organization or "—"),
            _("発行者: {issuer}").format(issuer=self.issuer_name or "—"),
            _("有効期間: {start} から {end} まで").format(start=self.not_before.astimezone(JST).date().isoformat(),
                                                     end=self.not_after.astimezone(JST).date().isoformat()),
            _("指紋（SHA-256）: {fingerprint}").format(fingerprint=grouped),
        ]


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    return " ".join(str(a.value) for a in name.get_attributes_for_oid(oid)).strip()


def fingerprint_of(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest().upper()


def summarize(cert: x509.Certificate) -> CertificateSummary:
    try:
        is_ca = bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        is_ca = cert.issuer == cert.subject
    department_id, role = signer_marks(cert)
    org = " ".join(p for p in (_attr(cert.subject, NameOID.ORGANIZATION_NAME),
                               _attr(cert.subject, NameOID.ORGANIZATIONAL_UNIT_NAME)) if p)
    return CertificateSummary(
        name=_attr(cert.subject, NameOID.COMMON_NAME), organization=org, title=_attr(cert.subject, NameOID.TITLE),
        issuer_name=_attr(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string(),
        not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc, fingerprint=fingerprint_of(cert),
        is_ca=is_ca, subject=cert.subject.rfc4514_string(), issuer=cert.issuer.rfc4514_string(),
        department_id=department_id, role=role)


def _pdf_signer(raw: bytes, name: str) -> list[x509.Certificate]:
    """The certificate of the (first) signature of a signed PDF: register the person who signed a file."""
    from .signing_common import _reader

    try:
        sigs = _reader(raw).embedded_regular_signatures
    except InputProblem:
        raise
    except Exception as exc:  # a damaged PDF
        raise TrustError(_("{name}: PDF として読めません。").format(name=name)) from exc
    if not sigs:
        raise TrustError(_("{name}: 電子署名がありません。").format(name=name))
    return [x509.load_der_x509_certificate(sigs[0].signer_cert.dump())]


def read_certificates(path: Path, passphrase: bytes | None = None) -> list[x509.Certificate]:
    """Certificates from a file: PEM (one or many), DER (.cer/.crt), a PKCS#12 (.p12/.pfx: the holder's
    certificate; ``passphrase``), or a signed PDF (the signer's certificate)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TrustError(_("{name}: ファイルを読めません。").format(name=path.name)) from exc
    if raw.startswith(b"%PDF"):
        return _pdf_signer(raw, path.name)
    if b"-----BEGIN CERTIFICATE-----" in raw:
        try:
            return list(x509.load_pem_x509_certificates(raw))
        except ValueError as exc:
            raise TrustError(_("{name}: 証明書（PEM）として読めません。").format(name=path.name)) from exc
    try:
        return [x509.load_der_x509_certificate(raw)]
    except ValueError:
        pass
    try:
        _key, cert, _others = pkcs12.load_key_and_certificates(raw, passphrase)
    except (ValueError, TypeError) as exc:
        raise TrustError(_("{name}: 証明書ファイル（PEM / DER / PKCS#12）として読めません"
                           "（PKCS#12 ならパスフレーズを確かめてください）。").format(name=path.name)) from exc
    if cert is None:
        raise TrustError(_("{name}: 証明書が入っていません。").format(name=path.name))
    return [cert]


# -- trust roots -----------------------------------------------------------------------------------------
def root_candidates(path: Path) -> list[tuple[x509.Certificate, CertificateSummary]]:
    """The CA certificates in a file, to be shown and confirmed before they are trusted."""
    found = [(c, summarize(c)) for c in read_certificates(path)]
    not_ca = [s.name for _c, s in found if not s.is_ca]
    if not_ca:
        raise TrustError(_("{name}: 認証局の証明書ではありません（{who}）。信頼する証明書には、町の認証局や LGPKI の"
                           "ルート証明書を登録します。").format(name=path.name, who="、".join(not_ca)))
    return found


def add_roots(ws: Workspace, path: Path, *, actor: str) -> list[CertificateSummary]:
    """Trust the CA certificates in ``path`` (logged with their fingerprints); those trusted already are skipped."""
    added = []
    for cert, summary in root_candidates(path):
        if ws.store.add_trust_root(fingerprint=summary.fingerprint, subject=summary.subject,
                                   der=cert.public_bytes(serialization.Encoding.DER), actor=actor):
            added.append(summary)
    return added


def root_certificates(ws: Workspace) -> list[x509.Certificate]:
    return [x509.load_der_x509_certificate(r.der) for r in ws.store.trust_roots()]


def trusted_summaries(ws: Workspace) -> list[CertificateSummary]:
    return [summarize(c) for c in root_certificates(ws)]


def remove_root(ws: Workspace, fingerprint: str, *, reason: str, actor: str) -> CertificateSummary:
    """Stop trusting a root (by its fingerprint, or the first 8 or more hex digits of it)."""
    wanted = fingerprint.replace(" ", "").replace(":", "").upper()
    matches = [c for c in root_certificates(ws) if len(wanted) >= 8 and fingerprint_of(c).startswith(wanted)]
    if len(matches) != 1:
        raise TrustError(_("指紋「{fingerprint}」の信頼する証明書が見つかりません（8 文字以上で指定してください）。"
                           ).format(fingerprint=fingerprint))
    summary = summarize(matches[0])
    ws.store.remove_trust_root(summary.fingerprint, reason=reason, actor=actor)
    return summary


def _issuing_root(ws: Workspace, issuer: x509.Name, verify: Any) -> x509.Certificate | None:
    for root in root_certificates(ws):
        if root.subject == issuer:
            try:
                verify(root)
            except Exception:
                continue
            return root
    return None


# -- CRLs ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CrlSummary:
    issuer: str
    this_update: dt.datetime
    next_update: dt.datetime | None
    revoked: int
    stored: bool  # False: the database kept a newer one


def _load_crl(raw: bytes, name: str) -> x509.CertificateRevocationList:
    try:
        if b"-----BEGIN X509 CRL-----" in raw:
            return x509.load_pem_x509_crl(raw)
        return x509.load_der_x509_crl(raw)
    except ValueError as exc:
        raise TrustError(_("{name}: 失効リスト（CRL）として読めません。").format(name=name)) from exc


def add_crl(ws: Workspace, path: Path, *, actor: str) -> CrlSummary:
    """Keep the CRL of a trusted root (its signature checked) when it is newer than the one kept."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TrustError(_("{name}: ファイルを読めません。").format(name=path.name)) from exc
    crl = _load_crl(raw, path.name)
    root = _issuing_root(ws, crl.issuer, lambda r: _check_crl_signature(crl, r))
    if root is None:
        raise TrustError(_("{name}: この失効リストを発行した認証局は、信頼する証明書に登録されていません"
                           "（または署名が正しくありません）。").format(name=path.name))
    this_update = crl.last_update_utc
    next_update = crl.next_update_utc
    issuer = fingerprint_of(root)
    kept = ws.store.crl_of(issuer)
    stored = (kept is None or _later(crl, x509.load_der_x509_crl(kept))) and ws.store.put_crl(
        issuer_fingerprint=issuer, der=crl.public_bytes(serialization.Encoding.DER),
        this_update=this_update.isoformat(), next_update=next_update.isoformat() if next_update else None,
        actor=actor)
    return CrlSummary(summarize(root).name, this_update, next_update, len(list(crl)), stored)


def _crl_number(crl: x509.CertificateRevocationList) -> int:
    try:
        return int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)
    except x509.ExtensionNotFound:
        return -1


def _later(new: x509.CertificateRevocationList, kept: x509.CertificateRevocationList) -> bool:
    """Whether ``new`` was issued after ``kept``: a later date, or on the same date (to the second) a higher
    CRL number. A CRL issued in the same second as the kept one still brings its revocations in."""
    if new.last_update_utc != kept.last_update_utc:
        return new.last_update_utc > kept.last_update_utc
    return _crl_number(new) > _crl_number(kept)


def _check_crl_signature(crl: x509.CertificateRevocationList, root: x509.Certificate) -> None:
    public_key: Any = root.public_key()
    if not crl.is_signature_valid(public_key):
        raise ValueError("signature")


def stored_crls(ws: Workspace) -> list[bytes]:
    return ws.store.crls()


def revocation_of(ws: Workspace, cert: x509.Certificate, extra: Sequence[bytes] = ()) -> dt.datetime | None:
    """When the certificate was revoked, by the CRLs kept (and ``extra``); None when it is not revoked."""
    for raw in [*stored_crls(ws), *extra]:
        try:
            crl = _load_crl(raw, "crl")
        except TrustError:
            continue
        if crl.issuer != cert.issuer:
            continue
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None:
            return entry.revocation_date_utc
    return None


# -- the signer register -----------------------------------------------------------------------------------
def _issued_by_trusted_root(ws: Workspace, cert: x509.Certificate) -> bool:
    def verify(root: x509.Certificate) -> None:
        cert.verify_directly_issued_by(root)

    return _issuing_root(ws, cert.issuer, verify) is not None


def register_signer(ws: Workspace, cert: x509.Certificate, *, role: str, department_id: str | None, actor: str,
                    valid_from: dt.date | None = None, valid_to: dt.date | None = None,
                    match: str = "fingerprint") -> int:
    """Register ``cert`` as allowed to sign in ``role`` (for ``department_id``'s submissions), logged.

    The certificate must be issued by a trusted root; the marks the town CA wrote into it (department, role)
    must agree; the dates default to the certificate's validity."""
    if role not in SIGNER_ROLES:
        raise TrustError(_("役割「{role}」は 提出・作成・確認・承認 のどれかです。").format(role=role))
    if role == "submission":
        known = {d.id for d in ws.departments()}
        if not department_id or department_id not in known:
            raise TrustError(_("部署「{department}」は部署マスタにありません。").format(department=department_id or ""))
    else:
        department_id = None
    if match not in ("fingerprint", "subject"):
        raise TrustError(_("照合の方法は fingerprint（指紋）か subject（名前と発行者）です。"))
    summary = summarize(cert)
    if summary.is_ca:
        raise TrustError(_("認証局の証明書は署名者として登録できません（本人の証明書を指定してください）。"))
    if not _issued_by_trusted_root(ws, cert):
        raise TrustError(_("「{name}」の証明書は、信頼する証明書（町の認証局・LGPKI）が発行したものではありません。"
                           "先に trust add で発行元の認証局を登録してください。").format(name=summary.name))
    if summary.role and summary.role != role:
        raise TrustError(_("この証明書は「{marked}」用に発行されています（登録しようとした役割: {role}）。"
                           ).format(marked=ROLE_NAMES.get(summary.role, summary.role), role=ROLE_NAMES[role]))
    if summary.department_id and department_id and summary.department_id != department_id:
        raise TrustError(_("この証明書は部署「{marked}」用に発行されています（登録しようとした部署: {department}）。"
                           ).format(marked=summary.department_id, department=department_id))
    start = valid_from or summary.not_before.astimezone(JST).date()
    end = valid_to or summary.not_after.astimezone(JST).date()
    if end < start:
        raise TrustError(_("登録の期間が正しくありません（{start} から {end}）。").format(start=start, end=end))
    for other in ws.store.signers(active_only=True):
        if (other.role == role and other.department_id == department_id and other.fingerprint == summary.fingerprint
                and other.valid_from <= end.isoformat() and start.isoformat() <= other.valid_to):
            raise TrustError(_("この証明書は同じ役割ですでに登録されています（番号 {id}、{start} から {end}）。"
                               "期間を変えるときは、signer remove で外してから登録し直してください。").format(
                id=other.id, start=other.valid_from, end=other.valid_to))
    return ws.store.add_signer({
        "fingerprint": summary.fingerprint, "subject": summary.subject, "issuer": summary.issuer,
        "holder_name": summary.name, "holder_title": summary.title, "match": match, "role": role,
        "department_id": department_id, "valid_from": start.isoformat(), "valid_to": end.isoformat()}, actor=actor)


def find_signer(ws: Workspace, cert_der: bytes, *, role: str, department_id: str | None,
                on: dt.date) -> SignerRecord | None:
    """The registration that allows this certificate to sign in ``role`` (for the department) on ``on``."""
    cert = x509.load_der_x509_certificate(cert_der)
    fp, subject, issuer = fingerprint_of(cert), cert.subject.rfc4514_string(), cert.issuer.rfc4514_string()
    day = on.isoformat()
    for s in ws.store.signers():
        if s.role != role or (role == "submission" and s.department_id != department_id):
            continue
        same = s.fingerprint == fp if s.match == "fingerprint" else (s.subject == subject and s.issuer == issuer)
        if same and s.valid_from <= day <= s.valid_to:
            return s
    return None


def registrations_of(ws: Workspace, cert_der: bytes) -> list[SignerRecord]:
    """Every active registration of a certificate (to say what it may sign instead)."""
    cert = x509.load_der_x509_certificate(cert_der)
    fp, subject, issuer = fingerprint_of(cert), cert.subject.rfc4514_string(), cert.issuer.rfc4514_string()
    return [s for s in ws.store.signers()
            if (s.fingerprint == fp if s.match == "fingerprint" else (s.subject == subject and s.issuer == issuer))]
