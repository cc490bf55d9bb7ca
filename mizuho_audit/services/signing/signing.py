"""PAdES signatures on reports, and files embedded in PDFs (e.g. the answers as JSON).

The order matters: attach files first, then sign. Anything added after a signature (other than
another signature) makes that signature invalid, so :func:`attach_file` refuses signed PDFs.

Signatures are PAdES B-B; with the CA's CRL at hand PAdES B-LT (the revocation info is embedded,
so the report can be verified offline years later), and with a town timestamp server B-T. Nothing
is fetched from the network except the timestamp, when a server is configured. Visible stamps
use the shipped "Mizuho Stamp Gothic" font (see ``resources/fonts/README.txt``). All errors
raise :class:`SigningError` with a message for the user; passphrases are never logged.

Signing is here; attachments are in :mod:`.pdf_attachments`, verification in :mod:`.signature_check`,
the visible stamp in :mod:`.stamp` and what they share in :mod:`.signing_common`. This module
re-exports their public names: import them from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

# asn1crypto ships no type information; "unused-ignore" keeps this quiet if the project config ignores it.
from asn1crypto import keys as asn1_keys  # type: ignore[import-untyped, unused-ignore]
from asn1crypto import pkcs12 as asn1_pkcs12  # type: ignore[import-untyped, unused-ignore]
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.signers.pdf_cms import SimpleCertificateStore
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import (
    InsufficientRevinfoError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
    StaleRevinfoError,
)
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy, RevocationCheckingRule
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from ...i18n import _
from . import p12_cache

# The names below are re-exported: the rest of the app and the tests import them from here.
from .pdf_attachments import attach_file as attach_file
from .pdf_attachments import embedded_files as embedded_files
from .signature_check import SignatureCheck as SignatureCheck
from .signature_check import SignatureReport as SignatureReport
from .signature_check import all_ok as all_ok
from .signature_check import verify_pdf as verify_pdf
from .signature_check import verify_report as verify_report
from .signing_common import _JST, SigningError, _as_trust_roots, _load_crls, _read_crl_sources, _reader, _to_asn1
from .signing_common import Box as Box
from .signing_common import Coverage as Coverage
from .signing_common import CrlSource as CrlSource
from .signing_common import Status as Status
from .signing_common import TrustRoot as TrustRoot
from .signing_common import load_certificates as load_certificates
from .stamp import DEFAULT_STAMP_TEXT as DEFAULT_STAMP_TEXT
from .stamp import STAMP_FONT as STAMP_FONT
from .stamp import _cert_field, _stamp_style, _stamp_template
from .stamp import japanese_datetime as japanese_datetime
from .stamp import stamp_font_path as stamp_font_path

# Revocation info must be found for the signer's certificate (in the CRLs given; nothing is fetched);
# CA certificates further up are checked where they name a CRL that was given.
_SIGNING_REVINFO_POLICY = CertRevTrustPolicy(RevocationCheckingPolicy(
    ee_certificate_rule=RevocationCheckingRule.CRL_OR_OCSP_REQUIRED,
    intermediate_ca_cert_rule=RevocationCheckingRule.CHECK_IF_DECLARED_SOFT,
))


# --- signing ----------------------------------------------------------------------------------


def _looks_like_pkcs12(raw: bytes) -> bool:
    """Tell "not a PKCS#12 file" from "wrong passphrase" (cryptography reports both alike)."""
    try:
        pfx = asn1_pkcs12.Pfx.load(raw, strict=True)
        return bool(pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native
                    in ("data", "signed_data"))
    except Exception:
        return False


def _load_p12(p12_path: Path, passphrase: bytes | None) -> tuple[Any, x509.Certificate, list[x509.Certificate]]:
    try:
        raw = p12_path.read_bytes()
    except FileNotFoundError:
        raise SigningError(_("証明書ファイル {path} が見つかりません。").format(path=p12_path)) from None
    except OSError as exc:
        raise SigningError(_("証明書ファイル {path} を読み込めません。").format(path=p12_path)) from exc
    cached = p12_cache.lookup(raw, passphrase)
    if cached is not None:
        return cached
    loaded = _read_p12(raw, p12_path, passphrase)
    p12_cache.remember(raw, passphrase, loaded)
    return loaded


def _read_p12(raw: bytes, p12_path: Path,
              passphrase: bytes | None) -> tuple[Any, x509.Certificate, list[x509.Certificate]]:
    if not _looks_like_pkcs12(raw):
        raise SigningError(_("{name} は証明書ファイル（PKCS#12: .p12 / .pfx）ではありません。"
                             ).format(name=p12_path.name))
    try:
        key, cert, others = pkcs12.load_key_and_certificates(raw, passphrase)
    except UnsupportedAlgorithm:
        raise SigningError(_("この証明書ファイルの暗号方式には対応していません。")) from None
    except (ValueError, TypeError):
        hint = "" if passphrase else _("（パスフレーズが入力されていません）")
        raise SigningError(_("証明書のパスフレーズが違います{hint}。").format(hint=hint)) from None
    if key is None or cert is None:
        raise SigningError(_("証明書ファイルに秘密鍵または証明書が入っていません。"))
    return key, cert, list(others)


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner, signing with the key already loaded (and checked) from the PKCS#12 file.

    SimpleSigner reads its key back from DER for every signature, twice per PDF (a dry run sizes the
    signature), and cryptography checks an RSA key on every read (~85 ms for 3072 bits)."""

    def __init__(self, *, loaded_key: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._loaded_key = loaded_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        algorithm = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            mechanism = algorithm.signature_algo
        except ValueError:
            mechanism = algorithm["algorithm"].native
        key = self._loaded_key
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
            return bytes(key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)))
        if mechanism == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
            return bytes(key.sign(data, ECDSA(get_pyca_cryptography_hash(digest_algorithm))))
        return bytes(super().sign_raw(data, digest_algorithm))  # other mechanisms: pyHanko's own way


def _check_usable(cert: x509.Certificate, now: dt.datetime) -> None:
    until = cert.not_valid_after_utc.astimezone(_JST)
    if cert.not_valid_after_utc <= now:
        raise SigningError(_("証明書の有効期限が切れています（{until:%Y年%m月%d日}まで）。"
                             "新しい証明書を発行してもらってください。").format(until=until))
    if cert.not_valid_before_utc > now:
        raise SigningError(_("証明書の有効期間がまだ始まっていません。パソコンの日時を確認してください。"))
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not usage.content_commitment:
        raise SigningError(_("この証明書は文書への署名に使えません（鍵用途に「否認防止」がありません）。"))


def _signature_fields(reader: PdfFileReader) -> dict[str, bool]:
    """Signature fields of the document: name -> whether it holds a signature."""
    try:
        return {str(name): value is not None for name, value, _ref in enumerate_sig_fields(reader)}
    except Exception as exc:
        raise SigningError(_("PDFの署名欄が壊れています。")) from exc


def certificate_of(p12_path: Path, passphrase: bytes | None) -> x509.Certificate:
    """The signer's certificate in a PKCS#12 file (its holder's name, title and department)."""
    return _load_p12(p12_path, passphrase)[1]


def signature_fields(pdf: bytes) -> dict[str, bool]:
    """The signature fields of ``pdf`` in document order: name -> whether it is signed already."""
    return _signature_fields(_reader(pdf))


def _page_count(reader: PdfFileReader) -> int:
    try:
        return int(reader.root["/Pages"]["/Count"])
    except Exception as exc:
        raise SigningError(_("PDFのページ構成が壊れています。")) from exc


def _crl_der(crls: Sequence[CrlSource]) -> list[bytes]:
    return [c.public_bytes(serialization.Encoding.DER) for c in _load_crls(_read_crl_sources(crls))]


def _self_signed(certs: Sequence[x509.Certificate]) -> list[x509.Certificate]:
    return [c for c in certs if c.subject == c.issuer]


def _revinfo_context(cert: x509.Certificate, others: Sequence[x509.Certificate], trust_roots: Sequence[TrustRoot],
                     crls: list[bytes]) -> ValidationContext:
    """What the signer knows about the certificate's status, to embed it in the PDF (PAdES B-LT).

    Nothing is fetched: the CRLs come from the caller. Without explicit trust roots the
    self-signed CA certificate that came in the PKCS#12 file is used; this only decides which
    chain to document, trust is always the verifier's decision.
    """
    roots = _as_trust_roots(trust_roots) or [_to_asn1(c) for c in _self_signed(others)]
    if not roots:
        raise SigningError(_("失効情報を埋め込むには、"
                             "署名者の証明書を発行した認証局の証明書（ルート証明書）が必要です。"))
    return ValidationContext(
        trust_roots=roots, other_certs=[_to_asn1(c) for c in others if c not in _self_signed(others)],
        crls=crls, allow_fetching=False, revinfo_policy=_SIGNING_REVINFO_POLICY,
    )


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and the exceptions it was raised from (bounded)."""
    seen: list[BaseException] = []
    todo: list[BaseException] = [exc]
    while todo and len(seen) < 20:
        e = todo.pop(0)
        if any(e is s for s in seen):
            continue
        seen.append(e)
        yield e
        todo.extend(x for x in (e.__cause__, e.__context__) if x is not None)


def _presign_error(exc: BaseException, cert: x509.Certificate) -> SigningError | None:
    """A message for the user about the failures of the certificate check before signing, if it was one."""
    for e in _causes(exc):
        if isinstance(e, RevokedError):
            return SigningError(_("署名者の証明書は失効しています。この証明書では署名できません。"))
        if isinstance(e, StaleRevinfoError):
            return SigningError(_("失効リスト（CRL）の有効期限が切れています。"
                                  "認証局で新しいCRLを発行してもらってください。"))
        if isinstance(e, InsufficientRevinfoError):
            return SigningError(_("署名者の証明書に当てはまる失効リスト（CRL）がありません。"
                                  "証明書を発行した認証局のCRLを指定してください。"))
        if isinstance(e, PathBuildingError | PathValidationError):
            who = _cert_field(cert, NameOID.COMMON_NAME) or _("氏名なし")
            return SigningError(_("署名者の証明書（{who}）を、指定された認証局の証明書までたどれません。"
                                  ).format(who=who))
    return None


def sign_pdf(pdf: bytes, p12_path: Path, passphrase: bytes | None, *, field_name: str, reason: str,
             location: str = "瑞穂町", visible: bool = False, box: Box | None = None, page: int = 0,
             stamp_text: str | None = None, trust_roots: Sequence[TrustRoot] = (),
             crls: Sequence[CrlSource] = (), timestamp_url: str | None = None) -> bytes:
    """Sign ``pdf`` (PAdES) in the signature field ``field_name`` with a PKCS#12 file.

    Every signature is an incremental update: signatures already in the file stay valid.

    - An existing empty field of that name (e.g. 作成者 / 承認者 laid out by the report) is filled;
      if it has a size on the page, it shows the Japanese stamp (name, title, 署名日時 in 和暦,
      reason). Otherwise a new field is created: invisible by default, or with ``visible=True``
      a stamp at ``box`` (``(x1, y1, x2, y2)`` in points from the lower left) on page ``page``
      (0 = first; -1 = last). ``stamp_text`` replaces the stamp's text: a template with
      ``{field}``, ``{name}``, ``{title}``, ``{department}``, ``{org}``, ``{affiliation}``,
      ``{signed_at}``, ``{reason}`` and ``{location}``.
    - With ``crls`` (DER/PEM bytes such as the local CA's ``ca.crl``, or paths of CRL files such
      as LGPKI's) the certificate's revocation status is checked offline and embedded in the file
      (PAdES B-LT: a /DSS with the CRLs and certificates), so the signature can be verified
      offline years later. A revoked certificate cannot sign. ``trust_roots`` names the root of
      the chain (default: the CA certificate that came in the PKCS#12 file).
    - ``timestamp_url``: a timestamp server (RFC 3161) of the town, for PAdES B-T. This is the only
      network access; nothing else is fetched. With ``crls`` as well, the timestamp server's
      root certificate must be in ``trust_roots`` and its CRL in ``crls``.
    """
    key, cert, others = _load_p12(p12_path, passphrase)
    _check_usable(cert, dt.datetime.now(dt.UTC))
    reader = _reader(pdf)
    fields = _signature_fields(reader)
    if fields.get(field_name):
        raise SigningError(_("署名欄「{field}」にはすでに署名があります。別の署名欄の名前を使ってください。"
                             ).format(field=field_name))
    new_field: SigFieldSpec | None = None
    if field_name not in fields and visible:
        if box is None:
            raise SigningError(_("署名欄「{field}」がPDFにありません。署名を表示する位置を指定してください。"
                                 ).format(field=field_name))
        pages = _page_count(reader)
        if not -pages <= page < pages:
            raise SigningError(_("{page}ページ目はありません（PDFは{pages}ページです）。"
                                 ).format(page=page + 1 if page >= 0 else page, pages=pages))
        x1, y1, x2, y2 = (round(v) for v in box)
        if x2 - x1 < 20 or y2 - y1 < 10:
            raise SigningError(_("署名を表示する枠が小さすぎます。"))
        new_field = SigFieldSpec(field_name, on_page=page, box=(x1, y1, x2, y2))
    if (visible or field_name in fields) and not stamp_font_path().is_file():
        raise SigningError(_("署名の表示に使うフォント（{name}）が見つかりません。"
                             "アプリをインストールし直してください。").format(name=stamp_font_path().name))
    revocation = _crl_der(crls)

    registry = SimpleCertificateStore()
    registry.register_multiple([_to_asn1(c) for c in others])
    signer = _LoadedKeySigner(
        loaded_key=key,
        signing_cert=_to_asn1(cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=registry,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, location=location, subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        embed_validation_info=bool(revocation),
        validation_context=_revinfo_context(cert, others, trust_roots, revocation) if revocation else None,
        # The DSS goes into the signed revision itself: one revision per signature, and pdfsig reports
        # the last signature as covering the whole file.
        dss_settings=DSSContentSettings(placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE,
                                        include_vri=False),
    )
    # A stamp is drawn only in a field with a size (pyHanko makes a new invisible one otherwise).
    style = _stamp_style(_stamp_template(stamp_text, field_name, cert, reason, location)) \
        if visible or field_name in fields else None
    timestamper = None
    if timestamp_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper  # aiohttp is only needed with a server

        timestamper = HTTPTimeStamper(timestamp_url, timeout=10)
    # Room for the signature container (certificates, the signature, a timestamp), so that pyHanko does not
    # sign once more only to measure it; when the room is short, the measured way is taken after all.
    room = _signature_room([cert, *others], revocation, timestamped=timestamper is not None)

    def signed(reserved: int | None) -> BytesIO:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        return signers.PdfSigner(meta, signer=signer, timestamper=timestamper, stamp_style=style,
                                 new_field_spec=new_field).sign_pdf(writer, bytes_reserved=reserved)

    try:
        try:
            out = signed(room)
        except Exception:  # the same signing, measured: its own error is the one reported
            out = signed(None)
    except Exception as exc:
        known = _presign_error(exc, cert)
        if known is not None:
            raise known from exc
        if timestamper is not None and any(isinstance(e, TimestampRequestError) for e in _causes(exc)):
            raise SigningError(_("タイムスタンプサーバー（{url}）から"
                                 "タイムスタンプを取得できません。").format(url=timestamp_url)) from exc
        raise SigningError(_("PDFに署名できませんでした（PDFの構造に対応していません）。")) from exc
    return bytes(out.getvalue())


def _signature_room(certs: Sequence[x509.Certificate], crls: Sequence[bytes], *, timestamped: bool) -> int:
    """Bytes reserved for the signature container: generous, a few kilobytes of zeros in the file at most."""
    return 8192 + 2 * sum(len(c.public_bytes(serialization.Encoding.DER)) for c in certs) + sum(
        len(c) for c in crls) + (12288 if timestamped else 0)


# --- the visible stamp ------------------------------------------------------------------------
