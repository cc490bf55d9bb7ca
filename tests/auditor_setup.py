"""Build a department database and an auditor's database with imported submissions (for tests)."""

from __future__ import annotations

from pathlib import Path

from mizuho_audit.services.intake.intake import import_submission
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.submission.workflow import Approver, submit
from mizuho_audit.services.workspace import Workspace

AUDITOR_PASSPHRASE = "auditor-pass-1"


def answer(ws: Workspace, department: str, year: int, ratings: dict[str, str], default: str = "done") -> None:
    cl = ws.checklist(department, year)
    for it in cl.questionnaire.items():
        r = ratings.get(it.id, default)
        ws.save(cl, it.id, "rating", r, "担当")
        if r == "na":
            ws.save(cl, it.id, "reason", "該当なし", "担当")
        if r in ("partial", "not_done"):
            ws.save(cl, it.id, "plan_content", f"{it.id} を改善する", "担当")
            ws.save(cl, it.id, "plan_due", f"{year + 1}-03-31", "担当")
    submit(ws, cl, Approver(f"{department} 課長", "課長", f"{year}-11-20"), "担当")


def build(tmp: Path, qdir: Path, answers: dict[str, dict[str, str]], year: int = 2026,
          town: Path | None = None) -> tuple[Workspace, Workspace]:
    """Departments answer (all 'done' unless given), submit and export JSON; the auditor imports them."""
    town = town or tmp / "town"
    dept = Workspace.open(tmp / "dept.db", shipped_dir=qdir, town_dir=town)
    aud = Workspace.open(tmp / "audit.db", shipped_dir=qdir, town_dir=town, role="auditor",
                         passphrase=AUDITOR_PASSPHRASE)
    for dep, ratings in answers.items():
        answer(dept, dep, year, ratings)
        out = export_submission(dept, dept.checklist(dep, year), tmp / "sub" / f"{year}-{dep}.json", actor="担当")
        result = import_submission(aud, out, actor="監査 一郎")
        assert result.outcome == "imported", result.message
    return dept, aud


def trust_town_ca(ws: Workspace, ca_dir: Path, *, actor: str = "監査 一郎") -> None:
    """The auditor's database trusts the town CA in ``ca_dir`` and keeps its CRL (as an auditor sets it up)."""
    from mizuho_audit.services.signing.register import add_crl, add_roots

    add_roots(ws, ca_dir / "ca-cert.pem", actor=actor)
    if (ca_dir / "ca.crl").exists():
        add_crl(ws, ca_dir / "ca.crl", actor=actor)


def register(ws: Workspace, p12: Path, role: str, department_id: str | None = None, *,
             passphrase: bytes | None = None, actor: str = "監査 一郎") -> int:
    """Register the holder of ``p12`` in the auditor's signer register."""
    from mizuho_audit.services.signing.register import register_signer
    from mizuho_audit.services.signing.signing import certificate_of

    return register_signer(ws, certificate_of(p12, passphrase), role=role, department_id=department_id, actor=actor)
