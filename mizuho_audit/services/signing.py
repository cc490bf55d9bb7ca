"""PAdES signatures on reports, and files embedded in PDFs (e.g. the answers as JSON).

The order matters: attach files first, then sign. Anything added after a signature (other than
another signature) makes that signature invalid, so :func:`attach_file` refuses signed PDFs.

Signatures are PAdES B-B (no timestamp server is reachable from the town's network). All errors
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
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.signers.pdf_cms import SimpleCertificateStore
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    PdfSignatureStatus,
    SignatureCoverageLevel,
    validate_pdf_signature,
)
from pyhanko_certvalidator import ValidationContext

# pyHanko logs a full traceback as a warning for every signer it cannot trust; the result already
# says so in Japanese, so keep its log to errors.
logging.getLogger("pyhanko").setLevel(logging.ERROR)

Status = Literal["valid", "unsigned", "invalid", "untrusted"]
TrustRoot: TypeAlias = asn1_x509.Certificate | x509.Certificate | bytes

_MAX_NAME_TREE_DEPTH = 32
_JST = dt.timezone(dt.timedelta(hours=9), "JST")
_RANK: dict[str, int] = {"valid": 0, "untrusted": 1, "invalid": 2}


class SigningError(Exception):
    """Signing, verifying or reading attachments failed; the message is for the user (Japanese)."""


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


# --- reading PDFs -----------------------------------------------------------------------------


def _reader(pdf: bytes) -> PdfFileReader:
    if b"%PDF-" not in pdf[:1024]:
        raise SigningError("PDFファイルではありません。")
    tail = pdf[-1024:]
    if b"%%EOF" not in tail and b"startxref" not in tail:  # either alone may be a damaged byte
        raise SigningError("PDFファイルが途中で切れています（コピーや送信が最後まで終わっていない可能性があります）。")
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        _ = reader.root
    except Exception as exc:  # the parser raises many kinds of errors on damaged input
        raise _DamagedPdf("PDFファイルが壊れているため読み込めません。") from exc
    if reader.encrypted:
        raise SigningError("暗号化されたPDFには対応していません。")
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
        raise SigningError("PDFの添付ファイル一覧が壊れています。")
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
                    raise SigningError("PDFの添付ファイル一覧が壊れています。")
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
        raise SigningError("PDFの添付ファイルを読み込めません（ファイルが壊れています）。") from exc
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
        raise SigningError(f"添付ファイルの名前「{name}」は使えません。")
    reader = _reader(pdf)
    if _has_signatures(reader):
        raise SigningError("署名済みのPDFにはファイルを添付できません（署名が無効になります）。"
                           "先に添付してから署名してください。")
    if name in embedded_files(pdf):
        raise SigningError(f"「{name}」という名前の添付ファイルはすでにあります。")
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
        raise SigningError("PDFにファイルを添付できませんでした（PDFの構造に対応していません）。") from exc
    return out.getvalue()


def _has_signatures(reader: PdfFileReader) -> bool:
    try:
        return any(True for _ in enumerate_sig_fields(reader, filled_status=True))
    except Exception as exc:
        raise SigningError("PDFの署名欄が壊れています。") from exc


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
        raise SigningError(f"証明書ファイル {p12_path} が見つかりません。") from None
    except OSError as exc:
        raise SigningError(f"証明書ファイル {p12_path} を読み込めません。") from exc
    if not _looks_like_pkcs12(raw):
        raise SigningError(f"{p12_path.name} は証明書ファイル（PKCS#12: .p12 / .pfx）ではありません。")
    try:
        key, cert, others = pkcs12.load_key_and_certificates(raw, passphrase)
    except UnsupportedAlgorithm:
        raise SigningError("この証明書ファイルの暗号方式には対応していません。") from None
    except (ValueError, TypeError):
        hint = "" if passphrase else "（パスフレーズが入力されていません）"
        raise SigningError(f"証明書のパスフレーズが違います{hint}。") from None
    if key is None or cert is None:
        raise SigningError("証明書ファイルに秘密鍵または証明書が入っていません。")
    return key, cert, list(others)


def _check_usable(cert: x509.Certificate, now: dt.datetime) -> None:
    until = cert.not_valid_after_utc.astimezone(_JST)
    if cert.not_valid_after_utc <= now:
        raise SigningError(f"証明書の有効期限が切れています（{until:%Y年%m月%d日}まで）。"
                           "新しい証明書を発行してもらってください。")
    if cert.not_valid_before_utc > now:
        raise SigningError("証明書の有効期間がまだ始まっていません。パソコンの日時を確認してください。")
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not usage.content_commitment:
        raise SigningError("この証明書は文書への署名に使えません（鍵用途に「否認防止」がありません）。")


def _to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def sign_pdf(pdf: bytes, p12_path: Path, passphrase: bytes | None, *, field_name: str, reason: str,
             location: str = "瑞穂町") -> bytes:
    """Sign ``pdf`` (PAdES B-B, invisible signature field ``field_name``) with a PKCS#12 file."""
    key, cert, others = _load_p12(p12_path, passphrase)
    _check_usable(cert, dt.datetime.now(dt.UTC))
    reader = _reader(pdf)
    try:
        taken = {name for name, _value, _ref in enumerate_sig_fields(reader, filled_status=True)}
    except Exception as exc:
        raise SigningError("PDFの署名欄が壊れています。") from exc
    if field_name in taken:
        raise SigningError(f"署名欄「{field_name}」にはすでに署名があります。別の署名欄の名前を使ってください。")

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
    )
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        out = signers.sign_pdf(writer, meta, signer=signer)
    except Exception as exc:
        raise SigningError("PDFに署名できませんでした（PDFの構造に対応していません）。") from exc
    return bytes(out.getvalue())


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
            _ = c.native  # asn1crypto parses lazily: force it, so a broken file fails here
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
        raise SigningError(f"証明書ファイル {path} を読み込めません。") from None
    try:
        return _parse_certificates(raw)
    except ValueError:
        raise SigningError(f"{path.name} は証明書ファイル（PEM / DER）として読めません。") from None


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
                raise SigningError("信頼する証明書として読めないものがあります。") from None
    return result


def _subject_field(cert: asn1_x509.Certificate, field: str) -> str | None:
    value = cert.subject.native.get(field)
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return None if value is None else str(value)


def _who(check: SignatureCheck) -> str:
    parts = [p for p in (check.signer_department, check.signer_title, check.signer_name) if p]
    return " ".join(parts) or "不明"


def _load_crls(crls: Sequence[bytes]) -> list[x509.CertificateRevocationList]:
    try:
        return [x509.load_pem_x509_crl(raw) if raw.lstrip().startswith(b"-----") else x509.load_der_x509_crl(raw)
                for raw in crls]
    except ValueError:
        raise SigningError("失効リスト（CRL）を読めません。") from None


def _validate(sig: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate],
              crls: list[x509.CertificateRevocationList], moment: dt.datetime | None) -> PdfSignatureStatus:
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, moment=moment,
        crls=[c.public_bytes(serialization.Encoding.DER) for c in crls] or None,
    )
    return validate_pdf_signature(sig, signer_validation_context=context)


def _revoked(cert: asn1_x509.Certificate, crls: list[x509.CertificateRevocationList],
             issuers: Sequence[asn1_x509.Certificate]) -> bool:
    """Whether a CRL signed by one of ``issuers`` lists ``cert``.

    pyhanko-certvalidator only consults CRLs for certificates that name a distribution point; the
    town CA's certificates name none (there is no server to fetch from), so the CRL is checked here.
    """
    issuer_der = cert.issuer.dump()
    keys = [x509.load_der_x509_certificate(i.dump()).public_key() for i in issuers if i.subject.dump() == issuer_der]
    return any(
        crl.issuer.public_bytes() == issuer_der
        and crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None
        and any(crl.is_signature_valid(key) for key in keys)  # type: ignore[arg-type]
        for crl in crls
    )


def _check_one(sig: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate],
               crls: list[x509.CertificateRevocationList], now: dt.datetime | None) -> SignatureCheck:
    try:
        status = _validate(sig, roots, crls, now)
        cert = sig.signer_cert
    except SigningError:
        raise
    except Exception:  # a damaged or forged CMS blob makes the validator fail in many ways
        return SignatureCheck("invalid", "署名データが壊れているため検証できません。")
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
    verdict, message = _verdict(sig, status, cert, roots, crls, now)
    return replace(who, status=verdict, message=message.format(who=_who(who)))


def _verdict(sig: EmbeddedPdfSignature, status: PdfSignatureStatus, cert: asn1_x509.Certificate,
             roots: list[asn1_x509.Certificate], crls: list[x509.CertificateRevocationList],
             now: dt.datetime | None) -> tuple[Status, str]:
    """Status and message template (``{who}`` = the signer) for one validated signature."""
    if not status.intact:
        return "invalid", "署名の後でファイルが変更されています（署名者: {who}）。"
    if not status.valid:
        return "invalid", "署名が正しくありません（署名者: {who}）。"
    level = status.modification_level
    # FORM_FILLING is the level of a later signature on the same file (e.g. the manager signs after
    # the department); anything beyond is a change of the signed content.
    if level is None or level > ModificationLevel.FORM_FILLING or status.docmdp_ok is False:
        return "invalid", "署名の後でファイルが変更されています（署名者: {who}）。"
    if status.revoked or (crls and _revoked(cert, crls, [*roots, *sig.other_embedded_certs])):
        return "untrusted", "署名者の証明書は失効しています（署名者: {who}）。"
    if status.trusted:
        return "valid", "署名は有効です（署名者: {who}）。"
    signed = status.signer_reported_dt
    if cert["tbs_certificate"]["validity"]["not_after"].native > (now or dt.datetime.now(dt.UTC)):
        return "untrusted", ("署名者の証明書が信頼されていません（署名者: {who}）。"
                             "町の認証局の証明書が登録されているか確認してください。")
    if signed is not None and _validate(sig, roots, crls, signed).trusted:
        # No timestamp server: the signer's clock is all we have, so judge the certificate as of then
        # (as Acrobat does by default). Otherwise every report goes "untrusted" when the card expires.
        return "valid", "署名は有効です（署名者: {who}）。署名した時点で証明書は有効でした（現在は期限切れです）。"
    return "untrusted", "署名者の証明書の有効期限が切れています（署名者: {who}）。"


def verify_pdf(pdf: bytes, trust_roots: Sequence[TrustRoot], *, crls: Sequence[bytes] = (),
               now: dt.datetime | None = None) -> SignatureCheck:
    """Check every signature in ``pdf`` against ``trust_roots`` (e.g. the town CA certificate).

    ``crls`` are certificate revocation lists (DER or PEM, such as the CA's ``ca.crl``); ``now``
    overrides the validation time (tests). A file that is not a PDF, is cut short, or is damaged
    and was never signed raises :class:`SigningError`. Not for use inside a running asyncio loop
    (pyHanko's synchronous API starts its own).
    """
    changed = "署名の後でファイルが変更されています（PDFの構造が壊れているため署名を確認できません）。"
    try:
        reader = _reader(pdf)
        sigs = reader.embedded_regular_signatures
    except _DamagedPdf:
        if _has_signature_traces(pdf):
            return SignatureCheck("invalid", changed)
        raise
    except SigningError:
        raise
    except Exception:
        return SignatureCheck("invalid", changed)
    if not sigs:
        if _has_signature_traces(pdf):
            return SignatureCheck("invalid", changed)
        return SignatureCheck("unsigned", "電子署名がありません（未署名）。")
    roots = _as_trust_roots(trust_roots)
    revocation_lists = _load_crls(crls)
    checks = [_check_one(sig, roots, revocation_lists, now) for sig in sigs]
    worst = max(reversed(checks), key=lambda c: _RANK[c.status])
    if worst.status == "valid" and len(checks) > 1:
        names = "、".join(_who(c) for c in checks)
        worst = replace(worst, message=f"{len(checks)}件の署名はすべて有効です（署名者: {names}）。")
    return replace(worst, signature_count=len(checks))
