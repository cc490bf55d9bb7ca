"""A small local certificate authority for towns without LGPKI.

The CA lives in one folder::

    ca-cert.pem    the CA certificate (give it to everyone who verifies reports)
    ca-key.pem     the CA private key, encrypted with the CA passphrase (owner-only on POSIX)
    revoked.json   the revocation ledger (serials in upper-case hex)
    ca.crl         the same list as a signed X.509 CRL (written when the passphrase is at hand)
    issued/        a copy of every certificate issued, named by serial

Signing certificates go to the holder as a PKCS#12 file with the key, the certificate and the
CA certificate. Passphrases are only passed on to ``cryptography``; they are never logged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from ...domain.vocabulary import CA_CERT_FILE, CA_CRL_FILE, CA_ISSUED_DIR, CA_KEY_FILE, CA_REVOKED_FILE
from ...errors import InputProblem
from ...fileio import write_atomic
from ...i18n import _
from . import p12_cache

CA_CERT = CA_CERT_FILE
CA_KEY = CA_KEY_FILE
REVOKED = CA_REVOKED_FILE
CRL = CA_CRL_FILE
ISSUED = CA_ISSUED_DIR

# The app's own certificate extension: which department and which role a certificate of the town CA is for
# (JSON {"department": id, "role": submission|author|reviewer|approver}). A private OID under 2.25 (a UUID).
SIGNER_EXTENSION = ObjectIdentifier("2.25.76499272108748470323540105428305459694")


def signer_marks(cert: x509.Certificate) -> tuple[str, str]:
    """(department id, role) written into a certificate by :func:`issue_certificate`; ("", "") when none."""
    try:
        ext = cert.extensions.get_extension_for_oid(SIGNER_EXTENSION).value
    except x509.ExtensionNotFound:
        return "", ""
    try:
        data = json.loads(getattr(ext, "value", b"").decode("utf-8"))
        return str(data.get("department") or ""), str(data.get("role") or "")
    except (ValueError, AttributeError):
        return "", ""


# Key purposes for signing documents. pyHanko accepts any EKU by default (it requires only the
# nonRepudiation key usage); Acrobat wants one it knows (Adobe ADT, Microsoft document signing or
# emailProtection) and NSS-based viewers (poppler) check emailProtection.
DOCUMENT_SIGNING_EKUS = (
    ObjectIdentifier("1.3.6.1.5.5.7.3.36"),  # id-kp-documentSigning (RFC 9336)
    ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"),  # Microsoft document signing
    ObjectIdentifier("1.2.840.113583.1.1.5"),  # Adobe Authentic Documents Trust
    ExtendedKeyUsageOID.EMAIL_PROTECTION,
)
_KEY_BITS = 3072


class CaError(InputProblem):
    """A certificate-authority operation failed; the message is for the user (in their language)."""


@dataclass(frozen=True)
class CaInfo:
    """The CA that was created: where its files are and how to recognise its certificate."""

    cert_path: Path
    key_path: Path
    common_name: str
    fingerprint_sha256: str  # upper-case hex, colon-separated (as Windows and Acrobat show it)
    not_after: dt.datetime


@dataclass(frozen=True)
class IssuedCert:
    """A signing certificate that was issued and written as PKCS#12."""

    serial: int
    fingerprint_sha256: str
    p12_path: Path
    not_after: dt.datetime
    cert_path: Path  # the certificate alone (PEM), in the CA's issued/ folder: what a register takes

    @property
    def serial_hex(self) -> str:
        return serial_hex(self.serial)


def serial_hex(serial: int) -> str:
    """A serial number as upper-case hex, the way certificate viewers show it."""
    return f"{serial:X}"


def fingerprint(cert: x509.Certificate) -> str:
    return ":".join(f"{b:02X}" for b in hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).digest())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _write_new(path: Path, data: bytes, private: bool = False) -> None:
    """Write a file that must not exist yet; private files are created owner-only (no window)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o600 if private else 0o644)
    except FileExistsError as exc:
        raise CaError(_("ファイル {path} はすでにあります（上書きしません）。").format(path=path)) from exc
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    if private and os.name == "posix":
        path.chmod(0o600)


def init_ca(out_dir: Path, passphrase: bytes, common_name: str = "瑞穂町 自己点検 認証局",
            organization: str = "瑞穂町", days: int = 3650) -> CaInfo:
    """Create a new CA in ``out_dir``; an existing CA there is never overwritten."""
    if not passphrase:
        raise CaError(_("認証局のパスフレーズを入力してください。"))
    cert_path, key_path = out_dir / CA_CERT, out_dir / CA_KEY
    if cert_path.exists() or key_path.exists():
        raise CaError(_("{folder} にはすでに認証局があります。上書きはしません。").format(folder=out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        out_dir.chmod(0o700)

    key = rsa.generate_private_key(public_exponent=65537, key_size=_KEY_BITS)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])
    now = _now()
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
        ), critical=True)
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.BestAvailableEncryption(passphrase))
    _write_new(key_path, key_pem, private=True)
    _write_new(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    (out_dir / ISSUED).mkdir(exist_ok=True)
    write_atomic(out_dir / REVOKED, _ledger_bytes([]))
    _write_crl(out_dir, cert, key, [])
    return CaInfo(cert_path, key_path, common_name, fingerprint(cert), cert.not_valid_after_utc)


def load_ca_certificate(ca_dir: Path) -> x509.Certificate:
    """The CA certificate of the CA in ``ca_dir``."""
    path = ca_dir / CA_CERT
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except FileNotFoundError as exc:
        raise CaError(_("{folder} に認証局がありません（{file} が見つかりません）。"
                        ).format(folder=ca_dir, file=CA_CERT)) from exc
    except ValueError as exc:
        raise CaError(_("{path} は証明書として読めません。").format(path=path)) from exc


# The CA key last read in this process, by (SHA-256 of the key file, SHA-256 of the passphrase): reading it
# decrypts and checks the RSA key (~0.1 s), and issuing a town's certificates reads it once per certificate.
_CA_KEYS: dict[tuple[bytes, bytes], object] = {}


def _load_ca(ca_dir: Path, passphrase: bytes) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    cert = load_ca_certificate(ca_dir)
    try:
        key_pem = (ca_dir / CA_KEY).read_bytes()
    except FileNotFoundError as exc:
        raise CaError(_("{folder} に認証局の秘密鍵（{file}）がありません。"
                        ).format(folder=ca_dir, file=CA_KEY)) from exc
    if not passphrase:
        raise CaError(_("認証局のパスフレーズを入力してください。"))
    cache_key = (hashlib.sha256(key_pem).digest(), hashlib.sha256(passphrase).digest())
    key = _CA_KEYS.get(cache_key)
    if key is None:
        try:
            key = serialization.load_pem_private_key(key_pem, password=passphrase)
        except (ValueError, TypeError):
            # cryptography says the same for a wrong passphrase and a damaged file; the first is far likelier.
            raise CaError(_("認証局のパスフレーズが違います（または秘密鍵のファイルが壊れています）。")) from None
        _CA_KEYS.clear()  # one CA at a time
        _CA_KEYS[cache_key] = key
    if not isinstance(key, rsa.RSAPrivateKey) or key.public_key() != cert.public_key():
        raise CaError(_("認証局の秘密鍵と証明書が対応していません。"))
    return cert, key


def new_key(bits: int = _KEY_BITS) -> rsa.RSAPrivateKey:
    """A key for a signing certificate (for :func:`issue_certificate`'s ``key``; made on another thread by the
    demo, which issues 37 certificates: cryptography lets other threads run while it makes one). ``bits``: 3072
    for real certificates; the demo's throwaway ones use 2048 (~190 ms of CPU a key against ~60 ms here)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def issue_certificate(ca_dir: Path, ca_passphrase: bytes, *, name: str, title: str, department: str,
                      out_p12: Path, p12_passphrase: bytes | None, days: int = 825, department_id: str = "",
                      role: str = "", key: rsa.RSAPrivateKey | None = None) -> IssuedCert:
    """Issue a document-signing certificate for one person and write it as PKCS#12.

    The file holds the new key, the certificate and the CA certificate. Without
    ``p12_passphrase`` the key is stored unencrypted (only for tests and demos). ``department_id`` and
    ``role`` (submission / author / reviewer / approver) are written into the certificate (the app's own
    extension), so the auditor's signer register can take them from it. ``key``: made beforehand by
    :func:`new_key` (else it is made here).
    """
    if not name.strip():
        raise CaError(_("証明書に載せる氏名を入力してください。"))
    ca_cert, ca_key = _load_ca(ca_dir, ca_passphrase)
    now = _now()
    if ca_cert.not_valid_after_utc <= now:
        raise CaError(_("認証局の証明書の有効期限が切れています。新しい認証局を作ってください。"))
    if out_p12.exists():
        raise CaError(_("ファイル {path} はすでにあります（上書きしません）。").format(path=out_p12))

    if key is None:
        key = new_key()
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _organization(ca_cert)),
    ]
    if department.strip():
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, department.strip()))
    if title.strip():
        attrs.append(x509.NameAttribute(NameOID.TITLE, title.strip()))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, name.strip()))
    # A certificate must not outlive its CA, or verifiers reject it.
    not_after = min(now + dt.timedelta(days=days), ca_cert.not_valid_after_utc)
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False,
        ), critical=True)
        .add_extension(x509.ExtendedKeyUsage(list(DOCUMENT_SIGNING_EKUS)), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
    )
    if department_id or role:
        builder = builder.add_extension(x509.UnrecognizedExtension(
            SIGNER_EXTENSION, json.dumps({"department": department_id, "role": role}).encode("utf-8")),
            critical=False)
    cert = builder.sign(ca_key, hashes.SHA256())
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(p12_passphrase) if p12_passphrase else serialization.NoEncryption()
    )
    p12 = pkcs12.serialize_key_and_certificates(name.strip().encode("utf-8"), key, cert, [ca_cert], encryption)
    p12_cache.remember(p12, p12_passphrase, (key, cert, [ca_cert]))  # signing with it needs no second check
    out_p12.parent.mkdir(parents=True, exist_ok=True)
    _write_new(out_p12, p12, private=True)
    issued = ca_dir / ISSUED
    issued.mkdir(exist_ok=True)
    cert_path = issued / f"{serial_hex(cert.serial_number)}.pem"
    _write_new(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    return IssuedCert(cert.serial_number, fingerprint(cert), out_p12, cert.not_valid_after_utc, cert_path)


def _organization(cert: x509.Certificate) -> str:
    values = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(values[0].value) if values else "瑞穂町"


def issued_certificates(ca_dir: Path) -> list[x509.Certificate]:
    """Every certificate this CA has issued (from ``issued/``), oldest first."""
    folder = ca_dir / ISSUED
    if not folder.is_dir():
        return []
    certs = [x509.load_pem_x509_certificate(p.read_bytes()) for p in folder.glob("*.pem")]
    return sorted(certs, key=lambda c: c.not_valid_before_utc)


# --- revocation -------------------------------------------------------------------------------


def _ledger_bytes(entries: list[dict[str, str]]) -> bytes:
    return (json.dumps({"revoked": entries}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def revoked_entries(ca_dir: Path) -> list[dict[str, str]]:
    """The revocation ledger: ``serial`` (hex), ``reason`` and ``revoked_at`` (ISO, UTC) per entry."""
    path = ca_dir / REVOKED
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["revoked"]
    except (ValueError, KeyError, TypeError) as exc:
        raise CaError(_("失効リスト {path} が壊れています。").format(path=path)) from exc
    if not isinstance(entries, list):
        raise CaError(_("失効リスト {path} が壊れています。").format(path=path))
    return entries


def is_revoked(ca_dir: Path, serial: int) -> bool:
    """Whether the certificate with this serial was revoked by the CA in ``ca_dir``."""
    wanted = serial_hex(serial)
    return any(str(e.get("serial", "")).upper() == wanted for e in revoked_entries(ca_dir))


def revoke(ca_dir: Path, serial: int, reason: str, *, ca_passphrase: bytes | None = None) -> None:
    """Record that a certificate is no longer to be trusted (lost card, person left, ...).

    Only certificates this CA issued can be revoked. With ``ca_passphrase`` the signed
    ``ca.crl`` is rewritten as well.
    """
    load_ca_certificate(ca_dir)
    known = {c.serial_number for c in issued_certificates(ca_dir)}
    if serial not in known:
        raise CaError(_("シリアル番号 {serial} の証明書はこの認証局が発行したものではありません。"
                        ).format(serial=serial_hex(serial)))
    entries = revoked_entries(ca_dir)
    if not is_revoked(ca_dir, serial):
        entries.append({"serial": serial_hex(serial), "reason": reason, "revoked_at": _now().isoformat()})
        write_atomic(ca_dir / REVOKED, _ledger_bytes(entries))
    if ca_passphrase is not None:
        write_crl(ca_dir, ca_passphrase)


def write_crl(ca_dir: Path, ca_passphrase: bytes, days: int = 365) -> Path:
    """Write ``ca.crl`` (DER), the ledger signed by the CA, for verifiers that take a CRL."""
    cert, key = _load_ca(ca_dir, ca_passphrase)
    return _write_crl(ca_dir, cert, key, revoked_entries(ca_dir), days)


def _next_crl_number(ca_dir: Path, now: dt.datetime) -> int:
    """Above the last CRL's number, always: two CRLs written in the same second (two revocations in a row)
    are still told apart, and a verifier keeps the later one."""
    number = int(now.timestamp())
    try:
        last = x509.load_der_x509_crl((ca_dir / CRL).read_bytes())
        number = max(number, last.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number + 1)
    except (OSError, ValueError, x509.ExtensionNotFound):
        pass  # no readable CRL yet: the time is the number
    return number


def _write_crl(ca_dir: Path, cert: x509.Certificate, key: rsa.RSAPrivateKey, entries: list[dict[str, str]],
               days: int = 365) -> Path:
    now = _now()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(cert.subject)
        .last_update(now)
        .next_update(now + dt.timedelta(days=days))
        .add_extension(x509.CRLNumber(_next_crl_number(ca_dir, now)), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
    )
    for e in entries:
        revoked_at = dt.datetime.fromisoformat(e["revoked_at"])
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(int(e["serial"], 16)).revocation_date(revoked_at).build()
        )
    crl = builder.sign(key, hashes.SHA256())
    path = ca_dir / CRL
    write_atomic(path, crl.public_bytes(serialization.Encoding.DER))
    return path
