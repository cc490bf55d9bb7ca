"""The signatures of a 年度's received submissions checked again, against the trust roots, CRLs and signer
register the auditor's database holds now (they change after the import: a root removed, a certificate
revoked, a head's registration ended).

Each kept signed file is read again with the import's own checks (:func:`read_submission_bytes`,
:func:`trust_problems`, :func:`signed_after_revocation`); nothing is stored and the decision taken at import
stays as it was. The result is kept in memory for as long as the database's trust and the files are the same.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from ...domain.names import same_person
from ...domain.records import ReceivedSubmission
from ...i18n import _
from ..signing.register import find_signer, revocation_of, root_certificates
from ..submission.submission import SubmissionFileError, read_submission_bytes
from ..workspace import Workspace
from .trust_checks import _signing_day, signed_after_revocation, trust_problems

# state: valid | no_root (no trusted root leads to it any more) | revoked | not_registered | not_approver
#        | unreadable (the kept file is missing or no longer reads)
ACCEPTABLE = "valid"


@dataclass(frozen=True)
class SignatureRecheck:
    received_id: int
    state: str
    reasons: tuple[str, ...] = ()  # why it is no longer acceptable (in the user's language)
    # Signed after its certificate's revocation: not acceptable even as an exception (the import refuses it)
    beyond_exception: bool = False


# (the database's trust, received id, file SHA-256) -> its state: a new import reads only the new file again
_CACHE: dict[tuple[str, int, str], SignatureRecheck] = {}
_CACHE_SIZE = 4096


def _trust_key(ws: Workspace) -> str:
    """What the answer depends on besides the file: the roots, CRLs and signer register."""
    h = hashlib.sha256()
    for r in ws.store.trust_roots():
        h.update(b"root" + r.der)
    for crl in ws.store.crls():
        h.update(b"crl" + crl)
    for s in ws.store.signers():
        h.update(repr(s).encode())
    return h.hexdigest()


def _signed(rec: ReceivedSubmission) -> bool:
    return rec.file_kind == "pdf" and rec.signature_status not in (None, "unsigned")


def recheck_signatures(ws: Workspace, year: int) -> dict[int, SignatureRecheck]:
    """Received id -> the current state of its signature, for every current signed submission of the 年度."""
    trust = _trust_key(ws)
    known: tuple[list[x509.Certificate], list[bytes]] | None = None  # read once, when a file is to be checked
    result = {}
    for rec in (r for r in ws.store.received(year) if _signed(r)):
        key = (trust, rec.id, rec.file_sha256)
        if key not in _CACHE:
            if known is None:
                known = root_certificates(ws), ws.store.crls()
            if len(_CACHE) >= _CACHE_SIZE:
                _CACHE.clear()
            _CACHE[key] = _recheck(ws, rec, *known)
        result[rec.id] = _CACHE[key]
    return result


def _recheck(ws: Workspace, rec: ReceivedSubmission, roots: list[x509.Certificate],
             crls: list[bytes]) -> SignatureRecheck:
    raw = ws.store.kept_file(rec.id)
    if raw is None or hashlib.sha256(raw).hexdigest() != rec.file_sha256:
        return SignatureRecheck(rec.id, "unreadable", (_("取り込んだファイルが保存されていないため、"
                                                         "署名を確かめ直せません。"),))
    try:
        sf = read_submission_bytes(raw, Path(rec.file_name or f"{rec.id}.pdf"), list(roots), list(crls))
    except SubmissionFileError as exc:
        return SignatureRecheck(rec.id, "unreadable", (str(exc),))
    sig = sf.signature
    if sig is None or sig.signer_der is None:
        return SignatureRecheck(rec.id, "unreadable", (sig.message if sig else _("電子署名がありません（未署名）。"),))
    cert = x509.load_der_x509_certificate(sig.signer_der)
    after = signed_after_revocation(ws, sf)
    problems = [after] if after else []
    problems += [p for p in trust_problems(ws, sf, rec.department_id) if p not in problems]
    if not problems:
        return SignatureRecheck(rec.id, ACCEPTABLE)
    if after or revocation_of(ws, cert) is not None:
        state = "revoked"
    elif not roots or sig.status != "valid":
        state = "no_root"
    elif find_signer(ws, sig.signer_der, role="submission", department_id=rec.department_id,
                     on=_signing_day(sf)) is None:
        state = "not_registered"
    else:
        state = "not_approver"
    return SignatureRecheck(rec.id, state, tuple(problems), beyond_exception=bool(after))


def signer_differs(signer: str | None, approver_name: str | None) -> bool:
    """The certificate's holder is not the recorded approver (possible only for a file taken by exception)."""
    return bool(signer) and not same_person(approver_name, signer)
