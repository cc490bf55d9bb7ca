"""Verifying the signatures of a PDF: a summary (:func:`verify_pdf`) or a report per signature (:func:`verify_report`).

Nothing is fetched from the network; CRLs come from the caller and from the file itself (PAdES B-LT).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

# asn1crypto ships no type information; "unused-ignore" keeps this quiet if the project config ignores it.
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped, unused-ignore]
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    PdfSignatureStatus,
    SignatureCoverageLevel,
    validate_pdf_signature,
)
from pyhanko_certvalidator import ValidationContext

from ...i18n import _, current_language
from .revocation import crls_of_issuer, dss_contents, is_revoked, revocation_date
from .signing_common import (
    _JST,
    Coverage,
    CrlSource,
    SigningError,
    Status,
    TrustRoot,
    _as_trust_roots,
    _DamagedPdf,
    _load_crls,
    _read_crl_sources,
    _reader,
)
from .stamp import japanese_datetime

_RANK: dict[str, int] = {"valid": 0, "untrusted": 1, "invalid": 2}


@dataclass(frozen=True)
class SignatureCheck:
    """What a user needs to know about a PDF's signature(s). With several signatures this describes the
    weakest one (the latest among equals), and ``signature_count`` says how many there are."""

    status: Status
    message: str
    signer_name: str | None = None
    signer_title: str | None = None
    signer_org: str | None = None
    signer_department: str | None = None
    signed_at: str | None = None  # ISO 8601, as the signer's computer reported it (no timestamp server)
    covers_whole_file: bool = False
    signature_count: int = 0
    signer_der: bytes | None = None  # the signer's certificate (DER): who it is, for the signer register


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
    reason: str = ""  # the reason the signer gave (作成 / 確認 / 承認 for the report's fields)
    signer_der: bytes | None = None  # the signer's certificate (DER), for the signer register

    @property
    def further_signatures_only(self) -> bool:
        """Nothing but further signatures (and their revocation info) was added after this one."""
        return self.covers != "modified"

    @property
    def ok(self) -> bool:
        return (self.intact and self.trusted and self.valid_at_signing and not self.revoked
                and self.covers != "modified")


# Parts of a signature dictionary. A file holding them was signed once, even if a change made the
# signature unreadable: it must then count as changed, not as unsigned.
_SIGNATURE_TRACES = (b"/ByteRange", b"/Adobe.PPKLite", b"/ETSI.CAdES.detached", b"/adbe.pkcs7.detached")


def _has_signature_traces(pdf: bytes) -> bool:
    return any(trace in pdf for trace in _SIGNATURE_TRACES)


def _subject_field(cert: asn1_x509.Certificate, field: str) -> str | None:
    value = cert.subject.native.get(field)
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return None if value is None else str(value)


def _who(check: SignatureCheck) -> str:
    parts = [p for p in (check.signer_department, check.signer_title, check.signer_name) if p]
    return " ".join(parts) or _("不明")


def _validate(sig: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate],
              crls: list[x509.CertificateRevocationList], moment: dt.datetime | None,
              other_certs: Sequence[asn1_x509.Certificate] = ()) -> PdfSignatureStatus:
    context = ValidationContext(
        trust_roots=roots, other_certs=list(other_certs), allow_fetching=False, moment=moment,
        crls=[c.public_bytes(serialization.Encoding.DER) for c in crls] or None,
    )
    return validate_pdf_signature(sig, signer_validation_context=context)


def _check_one(sig: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate],
               crls: list[x509.CertificateRevocationList], now: dt.datetime | None,
               other_certs: Sequence[asn1_x509.Certificate] = ()) -> SignatureCheck:
    try:
        # The DSS repeats the certificates the signature carries: each registered once (~0.5 ms a file).
        embedded = list(sig.other_embedded_certs)  # (pyHanko works this list out again at every use)
        carried = {c.dump() for c in (sig.signer_cert, *embedded, *roots)}
        other_certs = [c for c in other_certs if c.dump() not in carried]
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
        signer_der=cert.dump(),
    )
    verdict, message = _verdict(sig, status, cert, roots, crls, now, other_certs, embedded)
    return replace(who, status=verdict, message=message.format(who=_who(who)))


def _verdict(sig: EmbeddedPdfSignature, status: PdfSignatureStatus, cert: asn1_x509.Certificate,
             roots: list[asn1_x509.Certificate], crls: list[x509.CertificateRevocationList],
             now: dt.datetime | None, other_certs: Sequence[asn1_x509.Certificate] = (),
             carried: Sequence[asn1_x509.Certificate] = ()) -> tuple[Status, str]:
    """Status and message template (``{who}`` = the signer) for one validated signature. ``other_certs``: the
    document security store's certificates; ``carried``: those the signature carries besides the signer's."""
    if not status.intact:
        return "invalid", _("署名の後でファイルが変更されています（署名者: {who}）。")
    if not status.valid:
        return "invalid", _("署名が正しくありません（署名者: {who}）。")
    level = status.modification_level
    # FORM_FILLING is the level of a later signature on the same file (e.g. the manager signs after
    # the department); anything beyond is a change of the signed content.
    if level is None or level > ModificationLevel.FORM_FILLING or status.docmdp_ok is False:
        return "invalid", _("署名の後でファイルが変更されています（署名者: {who}）。")
    if status.revoked or (crls and is_revoked(cert, crls, [*roots, *carried, *other_certs])):
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
               now: dt.datetime | None = None, reader: PdfFileReader | None = None) -> SignatureCheck:
    """Check every signature in ``pdf`` against ``trust_roots`` (e.g. the town CA certificate).

    ``crls`` are certificate revocation lists (DER or PEM, such as the CA's ``ca.crl``); the CRLs
    embedded at signing (PAdES B-LT) are consulted as well. ``now`` overrides the validation time (tests);
    ``reader`` is ``pdf`` already parsed (one parse for the signature, the attachment and the pages);
    :func:`verify_report` gives the details of each signature. A file that is not a PDF, is cut short, or is
    damaged and was never signed raises :class:`SigningError`. Not for use inside a running asyncio loop
    (pyHanko's synchronous API starts its own).
    """
    changed = _("署名の後でファイルが変更されています（PDFの構造が壊れているため署名を確認できません）。")
    try:
        reader = reader if reader is not None else _reader(pdf)
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
    embedded_crls, embedded_certs = dss_contents(reader)
    # The CA's CRL is usually both the auditor's and the one embedded at signing: each checked once.
    unique = {c.public_bytes(serialization.Encoding.DER): c for c in _load_crls(crls) + embedded_crls}
    revocation_lists = list(unique.values())
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
    embedded_crls, embedded_certs = dss_contents(reader)
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


def _reason(sig: EmbeddedPdfSignature) -> str:
    try:
        value = sig.sig_object.get("/Reason")
    except Exception:  # a damaged signature dictionary: no reason to show
        return ""
    return str(value) if value is not None else ""


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
    revoked_at = revocation_date(cert, crls, issuers)
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
        revocation_info_embedded=bool(crls_of_issuer(cert, embedded, issuers)),
        summary_ja="", reason=_reason(sig), signer_der=cert.dump(),
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
