"""Who may sign which field of the audit report: the person printed for the field, the field's turn
(作成者, 確認者, 承認者), one certificate per field, and (on the auditor's database) the signer register."""

from __future__ import annotations

import json
from collections.abc import Sequence

from cryptography import x509
from cryptography.x509.oid import NameOID

from ... import clock
from ...domain.names import same_person
from ...domain.vocabulary import FIELD_ROLES, REPORT_FIELDS, REPORT_ROLES_FILE, ROLE_AUDITOR, ROLE_NAMES
from ...i18n import _
from ..workspace import Workspace
from .pdf_attachments import embedded_files
from .register import find_signer, fingerprint_of
from .signature_check import SignatureReport
from .signing import signature_fields


def printed_people(pdf: bytes) -> dict[str, str]:
    """Field -> the name printed for it on the approval page ({} for a PDF that is not an audit report)."""
    try:
        raw = embedded_files(pdf).get(REPORT_ROLES_FILE)
        data = json.loads(raw.decode("utf-8")) if raw else {}
    except (ValueError, UnicodeDecodeError):
        return {}
    except Exception:  # a damaged PDF: the signature checks say so
        return {}
    return {f: str(data.get(f) or "") for f in REPORT_FIELDS} if isinstance(data, dict) else {}


def _holder(cert: x509.Certificate) -> str:
    return " ".join(str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME))


def _register_problem(ws: Workspace, der: bytes, field: str, holder: str, on: clock.date) -> str | None:
    role = FIELD_ROLES[field]
    if find_signer(ws, der, role=role, department_id=None, on=on) is None:
        return _("「{holder}」は「{role}」の署名者として登録されていません（{day} の時点）。").format(
            holder=holder, role=ROLE_NAMES[role], day=on.isoformat())
    return None


def signing_problems(ws: Workspace | None, pdf: bytes, field: str, cert: x509.Certificate) -> list[str]:
    """Why ``cert`` may not sign ``field`` of this report now (empty when it may); checked before signing."""
    if field not in REPORT_FIELDS:
        return []
    problems = []
    fields = signature_fields(pdf)
    earlier = [f for f in REPORT_FIELDS[:REPORT_FIELDS.index(field)] if f in fields and not fields[f]]
    if earlier:
        problems.append(_("「{field}」の前に「{earlier}」の署名が必要です（作成者・確認者・承認者の順）。").format(
            field=field, earlier="・".join(earlier)))
    holder = _holder(cert)
    printed = printed_people(pdf).get(field, "")
    if printed and not same_person(printed, holder):
        problems.append(_("報告書の「{field}」に載っている名前（{printed}）と、証明書の本人（{holder}）が違います。"
                          ).format(field=field, printed=printed, holder=holder))
    fp = fingerprint_of(cert)
    for other, der in _signed_certificates(pdf):
        if der is not None and fingerprint_of(x509.load_der_x509_certificate(der)) == fp:
            problems.append(_("この証明書はすでに「{other}」に署名しています。一つの証明書で二つの欄には署名できません。"
                              ).format(other=other))
    if ws is not None and ws.store.role == ROLE_AUDITOR:
        from cryptography.hazmat.primitives import serialization

        problem = _register_problem(ws, cert.public_bytes(serialization.Encoding.DER), field, holder, clock.today())
        if problem:
            problems.append(problem)
    return problems


def _signed_certificates(pdf: bytes) -> list[tuple[str, bytes | None]]:
    from .signing_common import _reader

    try:
        sigs = _reader(pdf).embedded_regular_signatures
    except Exception:  # an unreadable PDF: signing refuses it with its own message
        return []
    return [(str(s.field_name or ""), s.signer_cert.dump()) for s in sigs]


def role_problems(ws: Workspace | None, pdf: bytes, reports: Sequence[SignatureReport]) -> dict[str, list[str]]:
    """For each report field signed: a signer who is not the person printed, a field signed out of turn, one
    certificate on two fields, or (on the auditor's database) a signer not registered for the field's role."""
    found: dict[str, list[str]] = {}
    people = printed_people(pdf)
    if not people:
        return found
    turn = -1
    seen: dict[str, str] = {}
    for r in reports:
        if r.field_name not in REPORT_FIELDS:
            continue
        problems = found.setdefault(r.field_name, [])
        index = REPORT_FIELDS.index(r.field_name)
        if index < turn:
            problems.append(_("「{field}」が、後の欄より後に署名されています（作成者・確認者・承認者の順）。"
                              ).format(field=r.field_name))
        turn = max(turn, index)
        holder = r.signer_name or ""
        printed = people.get(r.field_name, "")
        if printed and not same_person(printed, holder):
            problems.append(_("報告書に載っている{field}（{printed}）と、署名した人（{holder}）が違います。"
                              ).format(field=r.field_name, printed=printed, holder=holder))
        if r.signer_der is not None:
            fp = fingerprint_of(x509.load_der_x509_certificate(r.signer_der))
            if fp in seen:
                problems.append(_("「{other}」と同じ証明書で署名されています。").format(other=seen[fp]))
            seen[fp] = r.field_name
            if ws is not None and ws.store.role == ROLE_AUDITOR:
                day = clock.in_japan(r.signed_at).date() if r.signed_at else clock.today()
                problem = _register_problem(ws, r.signer_der, r.field_name, holder, day)
                if problem:
                    problems.append(problem)
    return {f: p for f, p in found.items() if p}
