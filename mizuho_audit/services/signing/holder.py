"""The holder of a certificate, and whether a named approver is that holder: one rule for 提出, the submission
file's export and the auditor's import (names and titles compared with spaces ignored and width folded)."""

from __future__ import annotations

from typing import Any

from cryptography.x509.oid import NameOID

from ...domain.names import same_person
from ...i18n import _


def holder_of(cert: Any) -> tuple[str, str]:
    """The certificate holder's name (common name) and title (the title attribute, "" when it has none)."""
    subject = cert.subject
    name = " ".join(str(a.value) for a in subject.get_attributes_for_oid(NameOID.COMMON_NAME))
    title = " ".join(str(a.value) for a in subject.get_attributes_for_oid(NameOID.TITLE))
    return name, title


def approver_mismatch(name: str | None, title: str | None, cert: Any) -> tuple[str, str, str] | None:
    """None when the approver is the certificate's holder; else (``name`` or ``title``, the approver's, the
    certificate's). A certificate without a title attribute leaves the title unchecked."""
    holder, holder_title = holder_of(cert)
    if not same_person(name, holder):
        return "name", name or "", holder
    if holder_title and not same_person(title, holder_title):
        return "title", title or "", holder_title
    return None


def approver_refusal(name: str | None, title: str | None, cert: Any) -> str | None:
    """Why the department may not sign as this approver with this certificate (None when it may)."""
    mismatch = approver_mismatch(name, title, cert)
    if mismatch is None:
        return None
    what, given, on_cert = mismatch
    if what == "name":
        return _("承認者の氏名（{approver}）が、署名に使う証明書の本人（{holder}）と違います。承認者本人の証明書で"
                 "署名してください（監査担当は、承認者と証明書の本人が違う提出を受け付けません）。"
                 ).format(approver=given, holder=on_cert)
    return _("承認者の職名（{recorded}）が、署名に使う証明書の職名（{title}）と違います。証明書のとおりの職名で"
             "承認してください（監査担当は、職名が違う提出を受け付けません）。").format(recorded=given, title=on_cert)
