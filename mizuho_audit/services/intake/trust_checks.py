"""What an auditor's import requires of a submission beyond its intact signature: a trusted root, a signer
registered for that department, the recorded approver being the certificate's holder, a version newer than
the one taken in, and follow-up answers only on the department's own findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cryptography import x509

from ... import clock
from ...domain.records import ReceivedSubmission
from ...domain.vocabulary import ROLE_NAMES
from ...i18n import _
from ..findings.findings import TOWN_WIDE
from ..signing.holder import approver_mismatch, holder_of
from ..signing.register import find_signer, registrations_of, revocation_of
from ..submission.submission import SubmissionFile
from ..workspace import FOLLOWUP_PREFIX, Workspace


@dataclass(frozen=True)
class ImportOptions:
    """How one import is to be made: roots and CRLs added for it, and the auditor's deliberate exception."""

    roots: tuple[Any, ...] = ()  # extra trust roots, confirmed for this import only (--trust)
    crls: tuple[bytes, ...] = ()  # extra CRLs (--crl)
    exception_reason: str = ""  # take an untrusted signature, or unsigned over signed, for these files
    refuse_unsigned: bool = False  # --require-trusted: unsigned inputs are refused too
    confirm_changes: bool = False  # a changed re-submission is taken without asking (--yes)


def _signing_day(sf: SubmissionFile) -> dt.date:
    at = clock.parse_moment(sf.signature.signed_at) if sf.signature and sf.signature.signed_at else None
    return clock.in_japan(at).date() if at else clock.today()


def trust_problems(ws: Workspace, sf: SubmissionFile, department_id: str) -> list[str]:
    """Why a signed submission cannot be taken as trusted (empty when it can)."""
    sig = sf.signature
    assert sig is not None and sig.status != "unsigned"
    problems: list[str] = []
    if not ws.store.trust_roots():
        problems.append(_("この監査担当用データベースには、信頼する証明書（町の認証局・LGPKI のルート証明書）が"
                          "まだ登録されていません。trust add --db で登録し、signer add で各部署の承認者を"
                          "登録してください。"))
    elif sig.status != "valid":
        problems.append(sig.message)
    if sig.signer_der is None:
        return problems
    cert = x509.load_der_x509_certificate(sig.signer_der)
    holder, _title = holder_of(cert)
    day = _signing_day(sf)
    if find_signer(ws, sig.signer_der, role="submission", department_id=department_id, on=day) is None:
        elsewhere = [f"{ROLE_NAMES[r.role]}{f'（{r.department_id}）' if r.department_id else ''}"
                     for r in registrations_of(ws, sig.signer_der)]
        problems.append(_("署名者「{holder}」の証明書は、{department} の提出の承認者として登録されていません"
                          "（{day} の時点）。{registered}").format(
            holder=holder, department=sf.snapshot["department"].get("name", department_id), day=day.isoformat(),
            registered=_("登録されている役割: {roles}。").format(roles="、".join(elsewhere)) if elsewhere
            else _("signer add で登録できます。")))
    approver = sf.snapshot.get("approver") or {}
    mismatch = approver_mismatch(approver.get("name"), approver.get("title"), cert)
    if mismatch is not None and mismatch[0] == "name":
        problems.append(_("記録された承認者（{approver}）は、署名した証明書の本人（{holder}）ではありません。"
                          ).format(approver=approver.get("name"), holder=mismatch[2]))
    elif mismatch is not None:
        problems.append(_("記録された承認者の職名（{recorded}）が、証明書の職名（{title}）と違います。"
                          ).format(recorded=approver.get("title"), title=mismatch[2]))
    return problems


def signed_after_revocation(ws: Workspace, sf: SubmissionFile, extra_crls: tuple[bytes, ...] = ()) -> str | None:
    """A signature made after its certificate was revoked (by the signer's own clock, or with no time at all):
    never taken, not even as an exception. One made before the revocation is refused by default but may be
    taken as an exception (a head who moved after signing)."""
    sig = sf.signature
    if sig is None or sig.signer_der is None:
        return None
    when = revocation_of(ws, x509.load_der_x509_certificate(sig.signer_der), extra_crls)
    if when is None:
        return None
    signed = clock.parse_moment(sig.signed_at) if sig.signed_at else None
    if signed is not None and signed < when:
        return None
    return _("署名者の証明書は {revoked} に失効しており、この署名はその後（{signed}）に作られています。"
             "失効した証明書の署名は、例外としても取り込めません。").format(
        revoked=clock.in_japan(when).strftime("%Y-%m-%d %H:%M"),
        signed=clock.in_japan(signed).strftime("%Y-%m-%d %H:%M") if signed else _("日時の記録なし"))


def version_problem(sf: SubmissionFile, prev: ReceivedSubmission | None) -> str | None:
    """An older version, or the same version number with other content, is refused as such."""
    if prev is None:
        return None
    version = int(sf.snapshot.get("submission_version", 1))
    if version < prev.submission_version:
        return _("第{version}版は、取り込み済みの第{current}版より古い版です。"
                 "古い版で置き換えることはできません。").format(version=version, current=prev.submission_version)
    if version == prev.submission_version and sf.snapshot_hash != prev.snapshot_hash:
        return _("取り込み済みの第{version}版と同じ版番号で、内容の違うファイルです"
                 "（同じ版が二通りあることはありません）。部署に確かめてください。").format(version=version)
    return None


def followup_problem(ws: Workspace, snap: dict[str, Any], department_id: str, year: int) -> str | None:
    """A department may report only on the findings addressed to it."""
    carried = {f.carried_from: f for f in ws.store.findings(year) if f.carried_from is not None}
    foreign = []
    for a in snap.get("answers", []):
        item_id = str(a.get("item_id"))
        if not item_id.startswith(FOLLOWUP_PREFIX):
            continue
        try:
            target = carried.get(int(item_id[len(FOLLOWUP_PREFIX):]))
        except ValueError:
            continue
        if target is None:
            continue
        own = target.department_id == department_id or (target.department_id == TOWN_WIDE
                                                         and target.responsible == department_id)
        if not own:
            foreign.append(item_id)
    if foreign:
        return _("ほかの部署に宛てた指摘事項への改善報告が含まれています（{items}）。自部署の指摘事項にだけ"
                 "回答できます。").format(items="、".join(foreign))
    return None
