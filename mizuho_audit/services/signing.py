"""PAdES signatures on reports, and files embedded in PDFs (e.g. the answers as JSON).

The order matters: attach files first, then sign. Anything added after a signature (other than
another signature) makes that signature invalid, so :func:`attach_file` refuses signed PDFs.

Signatures are PAdES B-B; with the CA's CRL at hand PAdES B-LT (the revocation info is embedded,
so the report can be verified offline years later), and with a town timestamp server B-T. Nothing
is fetched from the network except the timestamp, when a server is configured. Visible stamps
use the shipped "Mizuho Stamp Gothic" font (see ``resources/fonts/README.txt``). All errors
raise :class:`SigningError` with a message for the user; passphrases are never logged.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path
from typing import Any, Literal, TypeAlias

# asn1crypto ships no type information; "unused-ignore" keeps this quiet if the project config ignores it.
from asn1crypto import keys as asn1_keys  # type: ignore[import-untyped, unused-ignore]
from asn1crypto import pem  # type: ignore[import-untyped, unused-ignore]
from asn1crypto import pkcs12 as asn1_pkcs12  # type: ignore[import-untyped, unused-ignore]
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped, unused-ignore]
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.signers.pdf_cms import SimpleCertificateStore
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    PdfSignatureStatus,
    SignatureCoverageLevel,
    validate_pdf_signature,
)
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.stamp import TextStamp, TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import (
    InsufficientRevinfoError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
    StaleRevinfoError,
)
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy, RevocationCheckingRule

from ..i18n import _, current_language
from ..paths import resource_path

# pyHanko logs a full traceback as a warning for every signer it cannot trust; the result already
# says so in the user's words, so keep its log to errors.
logging.getLogger("pyhanko").setLevel(logging.ERROR)

Status = Literal["valid", "unsigned", "invalid", "untrusted"]
TrustRoot: TypeAlias = asn1_x509.Certificate | x509.Certificate | bytes
CrlSource: TypeAlias = bytes | Path  # a CRL (DER or PEM) or the path of a CRL file
Box: TypeAlias = tuple[float, float, float, float]  # x1, y1, x2, y2 in points from the page's lower left
Coverage = Literal["whole_file", "further_signatures_only", "modified"]

STAMP_FONT = ("fonts", "mizuho-stamp-gothic.ttf")
DEFAULT_STAMP_TEXT = "{field}　{name}\n{affiliation}\n署名日時　{signed_at}\n理由　{reason}"
_STAMP_MARGIN = 6
# Revocation info must be found for the signer's certificate (in the CRLs given; nothing is fetched);
# CA certificates further up are checked where they name a CRL that was given.
_SIGNING_REVINFO_POLICY = CertRevTrustPolicy(RevocationCheckingPolicy(
    ee_certificate_rule=RevocationCheckingRule.CRL_OR_OCSP_REQUIRED,
    intermediate_ca_cert_rule=RevocationCheckingRule.CHECK_IF_DECLARED_SOFT,
))

_MAX_NAME_TREE_DEPTH = 32
_JST = dt.timezone(dt.timedelta(hours=9), "JST")
_RANK: dict[str, int] = {"valid": 0, "untrusted": 1, "invalid": 2}


class SigningError(Exception):
    """Signing, verifying or reading attachments failed; the message is for the user (in their language)."""


class _DamagedPdf(SigningError):
    """The PDF parser gave up on the file."""


@dataclass(frozen=True)
class SignatureCheck:
    """What a user needs to know about a PDF's signature(s).

    With several signatures this describes the weakest one (the latest among equals), and
    ``signature_count`` says how many there are.
    """

    status: Status
    message: str
    signer_name: str | None = None
    signer_title: str | None = None
    signer_org: str | None = None
    signer_department: str | None = None
    signed_at: str | None = None  # ISO 8601, as the signer's computer reported it (no timestamp server)
    covers_whole_file: bool = False
    signature_count: int = 0


@dataclass(frozen=True)
class SignatureReport:
    """One signature of a PDF, checked on its own (see :func:`verify_report`)."""

    field_name: str
    signer_name: str | None
    signer_title: str | None
    signer_org: str | None
    signer_department: str | None
    signed_at: dt.datetime | None  # as the signer's computer claimed it
    timestamp_at: dt.datetime | None  # from a timestamp server (PAdES B-T), if there is a valid timestamp
    intact: bool  # the signed bytes are unchanged and the signature value matches the certificate
    covers: Coverage  # what happened to the file after this signature
    trusted: bool  # the certificate chains to one of the trusted roots
    revoked: bool
    revoked_at: dt.datetime | None
    valid_at_signing: bool  # the certificate's validity period includes the signing time
    expired_now: bool  # the certificate has expired since (normal for old reports)
    revocation_info_embedded: bool  # a CRL of the certificate's issuer is in the file (PAdES B-LT)
    summary_ja: str

    @property
    def further_signatures_only(self) -> bool:
        """Nothing but further signatures (and their revocation info) was added after this one."""
        return self.covers != "modified"

    @property
    def ok(self) -> bool:
        return (self.intact and self.trusted and self.valid_at_signing and not self.revoked
                and self.covers != "modified")


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


# Parts of a signature dictionary. A file holding them was signed once, even if a change made the
# signature unreadable: it must then count as changed, not as unsigned.
_SIGNATURE_TRACES = (b"/ByteRange", b"/Adobe.PPKLite", b"/ETSI.CAdES.detached", b"/adbe.pkcs7.detached")


def _has_signature_traces(pdf: bytes) -> bool:
    return any(trace in pdf for trace in _SIGNATURE_TRACES)


def _name_tree_leaves(node: Any, seen: set[tuple[int, int]] | None = None,
                      depth: int = 0) -> Iterator[tuple[Any, Any]]:
    """(key, value) pairs of a PDF name tree, following /Kids (bounded: files may be hostile)."""
    seen = set() if seen is None else seen
    if depth > _MAX_NAME_TREE_DEPTH:
        raise SigningError(_("PDFの添付ファイル一覧が壊れています。"))
    names = node.get("/Names")
    if names is not None:
        names = names.get_object()
        for i in range(0, len(names) - 1, 2):
            yield names[i], names[i + 1]
    kids = node.get("/Kids")
    if kids is not None:
        for ref in kids.get_object().iterate():
            if isinstance(ref, generic.IndirectObject):
                if (ref.idnum, ref.generation) in seen:
                    raise SigningError(_("PDFの添付ファイル一覧が壊れています。"))
                seen.add((ref.idnum, ref.generation))
            yield from _name_tree_leaves(ref.get_object(), seen, depth + 1)


def _embedded_file_tree(root: Any) -> Any | None:
    names = root.get("/Names")
    if names is None:
        return None
    tree = names.get_object().get("/EmbeddedFiles")
    return None if tree is None else tree.get_object()


def embedded_files(pdf: bytes) -> dict[str, bytes]:
    """All files embedded in ``pdf`` (attachment pane), by file name. Works on signed PDFs."""
    reader = _reader(pdf)
    result: dict[str, bytes] = {}
    try:
        tree = _embedded_file_tree(reader.root)
        if tree is None:
            return result
        for key, value in _name_tree_leaves(tree):
            spec = value.get_object()
            ef = spec.get("/EF")
            if ef is None:
                continue  # a reference to an external file, nothing embedded
            ef = ef.get_object()
            stream = ef.get("/UF") or ef.get("/F")
            if stream is None:
                continue
            name = str(spec.get("/UF") or spec.get("/F") or key)
            result.setdefault(name, stream.get_object().data)
    except SigningError:
        raise
    except Exception as exc:
        raise SigningError(_("PDFの添付ファイルを読み込めません（ファイルが壊れています）。")) from exc
    return result


def _name_sort_key(obj: Any) -> bytes:
    """Name trees are sorted by the bytes of their keys as written in the file."""
    if isinstance(obj, generic.ByteStringObject):
        return bytes(obj)
    text = str(obj)
    try:
        return bytes(generic.encode_pdfdocencoding(text))
    except UnicodeEncodeError:
        return b"\xfe\xff" + text.encode("utf-16-be")


def attach_file(pdf: bytes, name: str, data: bytes, description: str, mime: str = "application/json") -> bytes:
    """Embed ``data`` as an attachment called ``name`` (an incremental update of ``pdf``).

    Refuses signed PDFs (the signature would no longer be valid) and duplicate names.
    """
    if not name or "/" in name or "\\" in name:
        raise SigningError(_("添付ファイルの名前「{name}」は使えません。").format(name=name))
    reader = _reader(pdf)
    if _has_signatures(reader):
        raise SigningError(_("署名済みのPDFにはファイルを添付できません（署名が無効になります）。"
                             "先に添付してから署名してください。"))
    if name in embedded_files(pdf):
        raise SigningError(_("「{name}」という名前の添付ファイルはすでにあります。").format(name=name))
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        now = dt.datetime.now(dt.UTC)
        stream = EmbeddedFileObject.from_file_data(
            writer, data, mime_type=mime, params=EmbeddedFileParams(creation_date=now, modification_date=now),
        )
        embed_file(writer, FileSpec(file_spec_string=name, file_name=name, embedded_data=stream,
                                    description=description))
        tree = _embedded_file_tree(writer.root)
        if tree is not None and "/Names" in tree:
            # pyHanko appends; keep the tree sorted as the PDF specification requires.
            array = tree["/Names"].get_object()
            raw = [array.raw_get(i) for i in range(len(array))]  # keep the values as references
            pairs = sorted(zip(raw[0::2], raw[1::2], strict=True), key=lambda p: _name_sort_key(p[0]))
            array[:] = [x for pair in pairs for x in pair]
            writer.update_container(array)
        out = BytesIO()
        writer.write(out)
    except Exception as exc:
        raise SigningError(_("PDFにファイルを添付できませんでした（PDFの構造に対応していません）。")) from exc
    return out.getvalue()


def _has_signatures(reader: PdfFileReader) -> bool:
    try:
        return any(True for _ in enumerate_sig_fields(reader, filled_status=True))
    except Exception as exc:
        raise SigningError(_("PDFの署名欄が壊れています。")) from exc


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


def _to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _signature_fields(reader: PdfFileReader) -> dict[str, bool]:
    """Signature fields of the document: name -> whether it holds a signature."""
    try:
        return {str(name): value is not None for name, value, _ref in enumerate_sig_fields(reader)}
    except Exception as exc:
        raise SigningError(_("PDFの署名欄が壊れています。")) from exc


def _page_count(reader: PdfFileReader) -> int:
    try:
        return int(reader.root["/Pages"]["/Count"])
    except Exception as exc:
        raise SigningError(_("PDFのページ構成が壊れています。")) from exc


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
    signer = signers.SimpleSigner(
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
    style = _stamp_style(_stamp_template(stamp_text, field_name, cert, reason, location))
    timestamper = None
    if timestamp_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper  # aiohttp is only needed with a server

        timestamper = HTTPTimeStamper(timestamp_url, timeout=10)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=timestamper, stamp_style=style,
                                       new_field_spec=new_field)
        out = pdf_signer.sign_pdf(writer)
    except Exception as exc:
        known = _presign_error(exc, cert)
        if known is not None:
            raise known from exc
        if timestamper is not None and any(isinstance(e, TimestampRequestError) for e in _causes(exc)):
            raise SigningError(_("タイムスタンプサーバー（{url}）から"
                                 "タイムスタンプを取得できません。").format(url=timestamp_url)) from exc
        raise SigningError(_("PDFに署名できませんでした（PDFの構造に対応していません）。")) from exc
    return bytes(out.getvalue())


# --- the visible stamp ------------------------------------------------------------------------


_ERAS = ((dt.date(2019, 5, 1), "令和"), (dt.date(1989, 1, 8), "平成"), (dt.date(1926, 12, 25), "昭和"))


def japanese_datetime(moment: dt.datetime) -> str:
    """A moment as Japanese officials write it, in 和暦 and JST: 令和8年4月1日 9時05分."""
    local = moment.astimezone(_JST)
    rest = f"{local.month}月{local.day}日 {local.hour}時{local.minute:02d}分"
    for start, era in _ERAS:
        if local.date() >= start:
            year = local.year - start.year + 1
            return f"{era}{'元' if year == 1 else year}年{rest}"
    return f"{local.year}年{rest}"


def _cert_field(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    return " ".join(str(a.value) for a in cert.subject.get_attributes_for_oid(oid)).strip()


def _stamp_template(stamp_text: str | None, field_name: str, cert: x509.Certificate, reason: str,
                    location: str) -> str:
    """The stamp's text for pyHanko's %-interpolation; only the signing time is left open."""
    org = _cert_field(cert, NameOID.ORGANIZATION_NAME)
    department = _cert_field(cert, NameOID.ORGANIZATIONAL_UNIT_NAME)
    title = _cert_field(cert, NameOID.TITLE)
    values = {
        "field": field_name, "name": _cert_field(cert, NameOID.COMMON_NAME) or "（氏名なし）", "title": title,
        "department": department, "org": org, "affiliation": " ".join(p for p in (org, department, title) if p),
        "reason": reason, "location": location,
    }
    escaped = {k: v.replace("%", "%%") for k, v in values.items()}
    try:
        text = (stamp_text or DEFAULT_STAMP_TEXT).replace("%", "%%").format(signed_at="%(wareki)s", **escaped)
    except (KeyError, IndexError, ValueError) as exc:
        raise SigningError(_("署名の表示文の書式が正しくありません（{error}）。").format(error=exc)) from None
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line.strip(" 　:：")) or "%(wareki)s"


def stamp_font_path() -> Path:
    """The font of visible stamps (IPAexGothic rescaled to 1000 units per em, renamed; see the README)."""
    return resource_path(*STAMP_FONT)


@dataclass(frozen=True)
class _JapaneseStampStyle(TextStampStyle):
    """A text stamp that writes the signing time in 和暦 and sizes its text to the field."""

    def create_stamp(self, writer: BasePdfFileWriter, box: layout.BoxConstraints,
                     text_params: dict[str, Any]) -> TextStamp:
        params = dict(text_params)
        # pyHanko fills "ts" with the signing time of the signature dictionary (ISO, see below).
        params["wareki"] = japanese_datetime(dt.datetime.fromisoformat(str(params["ts"])))
        lines = (self.stamp_text % params).splitlines() or [""]
        size = _font_size(lines, box.width if box.width_defined else 200, box.height if box.height_defined else 60)
        text_style = replace(self.text_box_style, font_size=size, leading=round(size * 1.35))
        return TextStamp(writer=writer, style=replace(self, text_box_style=text_style), box=box, text_params=params)


def _font_size(lines: Sequence[str], width: float, height: float) -> int:
    """A font size at which ``lines`` fill a ``width`` x ``height`` box (within 7..12 pt).

    pyHanko shrinks the text further if it still does not fit, so this is only a good start.
    """
    def ems(line: str) -> float:
        return sum(0.55 if ord(ch) < 0x2000 or 0xFF61 <= ord(ch) <= 0xFF9F else 1.0 for ch in line)

    inner_w, inner_h = width - 2 * _STAMP_MARGIN, height - 2 * _STAMP_MARGIN
    by_height = inner_h / (1.35 * len(lines))
    by_width = inner_w / max(1.0, max(ems(line) for line in lines))
    return max(7, min(12, int(min(by_height, by_width))))


def _stamp_style(template: str) -> _JapaneseStampStyle:
    font = GlyphAccumulatorFactory(str(stamp_font_path()), font_size=10)
    return _JapaneseStampStyle(
        stamp_text=template,
        timestamp_format="%Y-%m-%dT%H:%M:%S%z",
        border_width=1,
        border_color=(0.6, 0.1, 0.1),
        # The text box itself gets no margins (pyHanko's default adds 10 pt each side), the stamp does.
        text_box_style=TextBoxStyle(font=font, font_size=10, box_layout_rule=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
        )),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(_STAMP_MARGIN),
        ),
    )


# --- verifying --------------------------------------------------------------------------------


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


def _subject_field(cert: asn1_x509.Certificate, field: str) -> str | None:
    value = cert.subject.native.get(field)
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return None if value is None else str(value)


def _who(check: SignatureCheck) -> str:
    parts = [p for p in (check.signer_department, check.signer_title, check.signer_name) if p]
    return " ".join(parts) or _("不明")


def _load_crls(crls: Sequence[bytes]) -> list[x509.CertificateRevocationList]:
    try:
        return [x509.load_pem_x509_crl(raw) if raw.lstrip().startswith(b"-----") else x509.load_der_x509_crl(raw)
                for raw in crls]
    except ValueError:
        raise SigningError(_("失効リスト（CRL）を読めません。")) from None


def _validate(sig: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate],
              crls: list[x509.CertificateRevocationList], moment: dt.datetime | None,
              other_certs: Sequence[asn1_x509.Certificate] = ()) -> PdfSignatureStatus:
    context = ValidationContext(
        trust_roots=roots, other_certs=list(other_certs), allow_fetching=False, moment=moment,
        crls=[c.public_bytes(serialization.Encoding.DER) for c in crls] or None,
    )
    return validate_pdf_signature(sig, signer_validation_context=context)


def _issuer_keys(cert: asn1_x509.Certificate, issuers: Sequence[asn1_x509.Certificate]) -> list[Any]:
    issuer_der = cert.issuer.dump()
    return [x509.load_der_x509_certificate(i.dump()).public_key() for i in issuers if i.subject.dump() == issuer_der]


def _crls_of_issuer(cert: asn1_x509.Certificate, crls: list[x509.CertificateRevocationList],
                    issuers: Sequence[asn1_x509.Certificate]) -> list[x509.CertificateRevocationList]:
    """The CRLs that the issuer of ``cert`` (one of ``issuers``) really signed."""
    issuer_der = cert.issuer.dump()
    keys = _issuer_keys(cert, issuers)
    return [crl for crl in crls if crl.issuer.public_bytes() == issuer_der
            and any(crl.is_signature_valid(key) for key in keys)]


def _revocation_date(cert: asn1_x509.Certificate, crls: list[x509.CertificateRevocationList],
                     issuers: Sequence[asn1_x509.Certificate]) -> dt.datetime | None:
    """When a CRL signed by the issuer of ``cert`` says it was revoked (the earliest), or None.

    pyhanko-certvalidator only consults CRLs for certificates that name a distribution point; the
    town CA's certificates name none (there is no server to fetch from), so the CRL is checked here.
    """
    dates = [entry.revocation_date_utc for crl in _crls_of_issuer(cert, crls, issuers)
             if (entry := crl.get_revoked_certificate_by_serial_number(cert.serial_number)) is not None]
    return min(dates) if dates else None


def _revoked(cert: asn1_x509.Certificate, crls: list[x509.CertificateRevocationList],
             issuers: Sequence[asn1_x509.Certificate]) -> bool:
    """Whether a CRL signed by one of ``issuers`` lists ``cert``."""
    return _revocation_date(cert, crls, issuers) is not None


def _dss_contents(reader: PdfFileReader) -> tuple[list[x509.CertificateRevocationList], list[asn1_x509.Certificate]]:
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


def _check_one(sig: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate],
               crls: list[x509.CertificateRevocationList], now: dt.datetime | None,
               other_certs: Sequence[asn1_x509.Certificate] = ()) -> SignatureCheck:
    try:
        status = _validate(sig, roots, crls, now, other_certs)
        cert = sig.signer_cert
    except SigningError:
        raise
    except Exception:  # a damaged or forged CMS blob makes the validator fail in many ways
        return SignatureCheck("invalid", _("署名データが壊れているため検証できません。"))
    signed = status.signer_reported_dt
    who = SignatureCheck(
        "valid", "",
        signer_name=_subject_field(cert, "common_name"),
        signer_title=_subject_field(cert, "title"),
        signer_org=_subject_field(cert, "organization_name"),
        signer_department=_subject_field(cert, "organizational_unit_name"),
        signed_at=signed.isoformat() if signed else None,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
    )
    verdict, message = _verdict(sig, status, cert, roots, crls, now, other_certs)
    return replace(who, status=verdict, message=message.format(who=_who(who)))


def _verdict(sig: EmbeddedPdfSignature, status: PdfSignatureStatus, cert: asn1_x509.Certificate,
             roots: list[asn1_x509.Certificate], crls: list[x509.CertificateRevocationList],
             now: dt.datetime | None, other_certs: Sequence[asn1_x509.Certificate] = ()) -> tuple[Status, str]:
    """Status and message template (``{who}`` = the signer) for one validated signature."""
    if not status.intact:
        return "invalid", _("署名の後でファイルが変更されています（署名者: {who}）。")
    if not status.valid:
        return "invalid", _("署名が正しくありません（署名者: {who}）。")
    level = status.modification_level
    # FORM_FILLING is the level of a later signature on the same file (e.g. the manager signs after
    # the department); anything beyond is a change of the signed content.
    if level is None or level > ModificationLevel.FORM_FILLING or status.docmdp_ok is False:
        return "invalid", _("署名の後でファイルが変更されています（署名者: {who}）。")
    if status.revoked or (crls and _revoked(cert, crls, [*roots, *sig.other_embedded_certs, *other_certs])):
        return "untrusted", _("署名者の証明書は失効しています（署名者: {who}）。")
    if status.trusted:
        return "valid", _("署名は有効です（署名者: {who}）。")
    signed = status.signer_reported_dt
    if cert["tbs_certificate"]["validity"]["not_after"].native > (now or dt.datetime.now(dt.UTC)):
        return "untrusted", (_("署名者の証明書が信頼されていません（署名者: {who}）。"
                               "町の認証局の証明書が登録されているか確認してください。"))
    if signed is not None and _validate(sig, roots, crls, signed, other_certs).trusted:
        # No timestamp server: the signer's clock is all we have, so judge the certificate as of then
        # (as Acrobat does by default). Otherwise every report goes "untrusted" when the card expires.
        return "valid", _("署名は有効です（署名者: {who}）。署名した時点で証明書は有効でした（現在は期限切れです）。")
    return "untrusted", _("署名者の証明書の有効期限が切れています（署名者: {who}）。")


def verify_pdf(pdf: bytes, trust_roots: Sequence[TrustRoot], *, crls: Sequence[bytes] = (),
               now: dt.datetime | None = None) -> SignatureCheck:
    """Check every signature in ``pdf`` against ``trust_roots`` (e.g. the town CA certificate).

    ``crls`` are certificate revocation lists (DER or PEM, such as the CA's ``ca.crl``); the CRLs
    embedded at signing (PAdES B-LT) are consulted as well. ``now`` overrides the validation time
    (tests); :func:`verify_report` gives the details of each signature. A file that is not a PDF,
    is cut short, or is damaged and was never signed raises :class:`SigningError`. Not for use
    inside a running asyncio loop (pyHanko's synchronous API starts its own).
    """
    changed = _("署名の後でファイルが変更されています（PDFの構造が壊れているため署名を確認できません）。")
    try:
        reader = _reader(pdf)
        sigs = reader.embedded_regular_signatures
    except _DamagedPdf:
        if _has_signature_traces(pdf):
            return SignatureCheck("invalid", changed)
        raise
    except SigningError:
        raise
    except Exception:  # e.g. a form field tree that loops
        if _has_signature_traces(pdf):
            return SignatureCheck("invalid", changed)
        raise SigningError(_damaged_form()) from None
    if not sigs:
        if _has_signature_traces(pdf):
            return SignatureCheck("invalid", changed)
        return SignatureCheck("unsigned", _("電子署名がありません（未署名）。"))
    roots = _as_trust_roots(trust_roots)
    embedded_crls, embedded_certs = _dss_contents(reader)
    revocation_lists = _load_crls(crls) + embedded_crls
    checks = [_check_one(sig, roots, revocation_lists, now, embedded_certs) for sig in sigs]
    worst = max(reversed(checks), key=lambda c: _RANK[c.status])
    if worst.status == "valid" and len(checks) > 1:
        names = _("、").join(_who(c) for c in checks)
        worst = replace(worst, message=_("{count}件の署名はすべて有効です（署名者: {names}）。"
                                         ).format(count=len(checks), names=names))
    return replace(worst, signature_count=len(checks))


# --- a report per signature -------------------------------------------------------------------


def verify_report(pdf: bytes, trust_roots: Sequence[TrustRoot], crls: Sequence[CrlSource] = (), *,
                  now: dt.datetime | None = None) -> list[SignatureReport]:
    """Check each signature of ``pdf`` on its own, in signing order (作成者, then 承認者, ...).

    ``trust_roots``: the town CA's certificate and/or LGPKI roots. ``crls``: CRLs (bytes or file
    paths); the CRLs embedded at signing (PAdES B-LT) are always consulted too, so an old report
    can be checked offline. Nothing is fetched from the network. An unsigned PDF gives ``[]``;
    a file that is not a PDF, is cut short, or is too damaged to find its signatures raises
    :class:`SigningError`. :func:`all_ok` sums the result up.
    """
    try:
        reader = _reader(pdf)
        sigs = reader.embedded_regular_signatures
    except _DamagedPdf:
        if _has_signature_traces(pdf):
            raise SigningError(_damaged_signed()) from None
        raise
    except SigningError:
        raise
    except Exception:
        raise SigningError(_damaged_signed() if _has_signature_traces(pdf) else _damaged_form()) from None
    if not sigs and _has_signature_traces(pdf):
        raise SigningError(_damaged_signed())
    roots = _as_trust_roots(trust_roots)
    given = _load_crls(_read_crl_sources(crls))
    embedded_crls, embedded_certs = _dss_contents(reader)
    moment = now or dt.datetime.now(dt.UTC)
    return [_report_one(sig, roots, given, embedded_crls, embedded_certs, moment) for sig in sigs]


def all_ok(reports: Sequence[SignatureReport]) -> bool:
    """Whether there is at least one signature and every one is intact, trusted, made while its
    certificate was valid, not revoked, and followed by nothing but further signatures."""
    return bool(reports) and all(r.ok for r in reports)


def _damaged_signed() -> str:
    return _("署名の後でファイルが変更されています（PDFの構造が壊れているため署名を確認できません）。")


def _damaged_form() -> str:
    return _("PDFファイルのフォーム欄（署名欄）の構造が壊れているため読み込めません。")


def _report_one(sig: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate],
                given: list[x509.CertificateRevocationList], embedded: list[x509.CertificateRevocationList],
                other_certs: list[asn1_x509.Certificate], now: dt.datetime) -> SignatureReport:
    field = str(sig.field_name or "")
    crls = given + embedded
    try:
        status = _validate(sig, roots, crls, now, other_certs)
        cert = sig.signer_cert
    except Exception:  # a damaged or forged CMS blob makes the validator fail in many ways
        return SignatureReport(
            field, None, None, None, None, None, None, intact=False, covers="modified", trusted=False,
            revoked=False, revoked_at=None, valid_at_signing=False, expired_now=False,
            revocation_info_embedded=False,
            summary_ja=_("{field}の署名: 無効。署名データが壊れているため確認できません。").format(field=field),
        )
    name, title = _subject_field(cert, "common_name"), _subject_field(cert, "title")
    ts = status.timestamp_validity
    timestamp_at = ts.timestamp if ts is not None and ts.intact and ts.valid else None
    claimed = status.signer_reported_dt
    signed = timestamp_at or claimed
    validity = cert["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native

    level = status.modification_level
    covers: Coverage
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        covers = "whole_file"
    elif level is not None and level <= ModificationLevel.FORM_FILLING and status.docmdp_ok is not False:
        covers = "further_signatures_only"  # FORM_FILLING: a later signature filled its field
    else:
        covers = "modified"
    issuers = [*roots, *sig.other_embedded_certs, *other_certs]
    revoked_at = _revocation_date(cert, crls, issuers)
    revoked = bool(status.revoked) or revoked_at is not None
    trusted = _chains_to_root(sig, status, roots, crls, other_certs, signed, not_before, not_after)
    report = SignatureReport(
        field_name=field, signer_name=name, signer_title=title,
        signer_org=_subject_field(cert, "organization_name"),
        signer_department=_subject_field(cert, "organizational_unit_name"),
        signed_at=claimed, timestamp_at=timestamp_at,
        intact=bool(status.intact and status.valid), covers=covers, trusted=trusted,
        revoked=revoked, revoked_at=revoked_at,
        valid_at_signing=signed is not None and not_before <= signed <= not_after,
        expired_now=not_after < now,
        revocation_info_embedded=bool(_crls_of_issuer(cert, embedded, issuers)),
        summary_ja="",
    )
    return replace(report, summary_ja=_summary_ja(report, not_before, not_after))


def _chains_to_root(sig: EmbeddedPdfSignature, status: PdfSignatureStatus, roots: list[asn1_x509.Certificate],
                    crls: list[x509.CertificateRevocationList], other_certs: list[asn1_x509.Certificate],
                    signed: dt.datetime | None, not_before: dt.datetime, not_after: dt.datetime) -> bool:
    """Whether the signer's certificate chains to a trusted root, whatever the time.

    pyHanko judges the chain at one moment: now (fails once the certificate has expired), then at
    the signing time, then in the middle of the certificate's validity period.
    """
    if status.trusted or status.revoked:  # a revoked certificate did chain to the root
        return True
    if not roots:
        return False
    for moment in (signed, not_before + (not_after - not_before) / 2):
        if moment is None:
            continue
        try:
            if _validate(sig, roots, crls, moment, other_certs).trusted:
                return True
        except Exception:
            return False
    return False


def _summary_ja(r: SignatureReport, not_before: dt.datetime, not_after: dt.datetime) -> str:
    """One or two sentences for someone who is not a PKI specialist."""
    who = " ".join(p for p in (r.field_name, r.signer_name) if p)
    if r.signer_title:
        who += _("（{title}）").format(title=r.signer_title)
    problems: list[str] = []
    if not r.intact:
        problems.append(_("署名の後でファイルが変更されています（署名された内容が書き換えられています）。"))
    elif r.covers == "modified":
        problems.append(_("署名の後でファイルが変更されています（後からの署名の追加以外の変更があります）。"))
    if r.revoked:
        if r.revoked_at:
            problems.append(_("署名者の証明書は{when}に失効しています。").format(when=_moment(r.revoked_at)))
        else:
            problems.append(_("署名者の証明書は失効しています。"))
    if r.signed_at is None and r.timestamp_at is None:
        problems.append(_("署名日時が記録されていません。"))
    elif not r.valid_at_signing:
        signed = r.timestamp_at or r.signed_at
        assert signed is not None
        problems.append(_("署名日時（{signed}）に、署名者の証明書は有効期間（{start}〜{end}）の外でした。"
                          ).format(signed=_moment(signed), start=_day(not_before), end=_day(not_after)))
    untrusted = "" if r.trusted else (_("署名者の証明書が信頼されていません。町の認証局（またはLGPKI）の証明書が"
                                        "登録されているか確認してください。"))
    verdict = _("無効") if problems else (_("確認できません") if untrusted else _("有効"))
    parts = [_("{who}の署名: {verdict}。").format(who=who, verdict=verdict), *problems, untrusted]
    if r.ok and r.expired_now:
        parts.append(_("署名した時点で証明書は有効でした（現在は期限切れです）。"))
    if r.intact and r.covers == "whole_file":
        parts.append(_("署名の後に変更はありません。"))
    elif r.intact and r.covers == "further_signatures_only":
        parts.append(_("署名の後に変更はありません（後から署名が追加されただけです）。"))
    # Japanese sentences follow each other without a space; English ones need one.
    return ("" if current_language() == "ja" else " ").join(p for p in parts if p)


def _moment(moment: dt.datetime) -> str:
    """A moment in a message: 和暦 for Japanese, ISO-like (JST) for English."""
    if current_language() == "ja":
        return japanese_datetime(moment)
    return moment.astimezone(_JST).strftime("%Y-%m-%d %H:%M JST")


def _day(moment: dt.datetime) -> str:
    if current_language() == "ja":
        return japanese_datetime(moment).split(" ")[0]
    return moment.astimezone(_JST).strftime("%Y-%m-%d")
