"""The auditor's 受理 and 差戻し, and the department taking in the signed 差戻し notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from mizuho_audit.services.intake.intake import accept, import_submission
from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.signing import load_certificates
from mizuho_audit.services.submission.notice import NoticeError, import_notice, write_return_notice
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.submission.workflow import Approver, submit
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.storage.connection import StoreError

from .auditor_setup import register, trust_town_ca
from .test_workflow import _complete

PASS = "auditor passphrase"


@pytest.fixture
def setup(tmp_path: Path, mini_dir: Path) -> tuple[Workspace, Workspace, Path, list]:
    ca.init_ca(tmp_path / "ca", b"ca-passphrase")
    ca.issue_certificate(tmp_path / "ca", b"ca-passphrase", name="瑞穂 太郎", title="住民課長", department="住民課",
                         out_p12=tmp_path / "taro.p12", p12_passphrase=b"p12-passphrase")
    ca.issue_certificate(tmp_path / "ca", b"ca-passphrase", name="監査 一郎", title="監査担当", department="企画課",
                         out_p12=tmp_path / "audit.p12", p12_passphrase=b"p12-passphrase")
    dept = Workspace.open(tmp_path / "dept.db", shipped_dir=mini_dir, town_dir=tmp_path / "town")
    aud = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                         passphrase=PASS)
    trust_town_ca(aud, tmp_path / "ca")
    register(aud, tmp_path / "taro.p12", "submission", "jumin", passphrase=b"p12-passphrase")
    cl = dept.checklist("jumin", 2026)
    _complete(dept, cl)
    submit(dept, cl, Approver("瑞穂 太郎", "住民課長", "2026-11-20"), "瑞穂 花子")
    export_submission(dept, cl, tmp_path / "jumin.pdf", actor="瑞穂 花子", p12=tmp_path / "taro.p12",
                      passphrase=b"p12-passphrase")
    return dept, aud, tmp_path, load_certificates(tmp_path / "ca" / "ca-cert.pem")


def test_accept_is_final_except_for_a_logged_reopen(setup: tuple) -> None:
    _dept, aud, tmp, _roots = setup
    r = import_submission(aud, tmp / "jumin.pdf", actor="監査 一郎")
    assert r.outcome == "imported" and r.signature == "valid"
    assert import_submission(aud, tmp / "jumin.pdf", actor="監査 一郎").outcome == "duplicate"
    accept(aud, "jumin", 2026, "監査 一郎")
    [rec] = aud.store.received(2026, "jumin")
    assert rec.decision == "accepted" and rec.decided_by == "監査 一郎"
    with pytest.raises(StoreError, match="受理済み"):
        aud.store.decide(rec.id, "returned", reason="やっぱり", actor="監査 一郎")
    with pytest.raises(StoreError, match="理由"):
        aud.store.undo_acceptance(rec.id, reason="", actor="監査 一郎")
    aud.store.undo_acceptance(rec.id, reason="添付の確認漏れ", actor="監査 一郎")
    actions = [e.action for e in aud.store.log_entries()]
    assert actions[-3:] == ["submission_imported", "accepted", "acceptance_undone"]
    assert all(e.role == "auditor" for e in aud.store.log_entries())


def test_return_notice_reopens_the_department(setup: tuple) -> None:
    dept, aud, tmp, roots = setup
    import_submission(aud, tmp / "jumin.pdf", actor="監査 一郎")
    [rec] = aud.store.received(2026, "jumin")
    notice_file = write_return_notice(aud, rec, "ORG-001 の根拠資料が不足しています。", tmp / "notice.pdf",
                                      actor="監査 一郎", p12=tmp / "audit.p12", passphrase=b"p12-passphrase")
    assert aud.store.received(2026, "jumin")[0].decision == "returned"
    cl = dept.checklist("jumin", 2026)
    assert dept.store.status_of(cl.assessment.id) == "submitted"
    notice = import_notice(dept, notice_file, "瑞穂 花子", roots)
    assert notice.signature.status == "valid" and not notice.warnings
    assert dept.store.status_of(cl.assessment.id) == "in_progress"
    [n] = dept.store.notices("jumin", 2026)
    assert n["reason"] == "ORG-001 の根拠資料が不足しています。" and n["issued_by"] == "監査 一郎"
    assert dept.store.submissions(cl.assessment.id)[0].reopen_reason.startswith("差戻し: ORG-001")
    again = import_notice(dept, notice_file, "瑞穂 花子", roots)
    assert any("すでに取り込まれて" in w for w in again.warnings)


def test_tampered_notice_is_refused(setup: tuple) -> None:
    dept, aud, tmp, roots = setup
    import_submission(aud, tmp / "jumin.pdf", actor="監査 一郎")
    [rec] = aud.store.received(2026, "jumin")
    f = write_return_notice(aud, rec, "理由", tmp / "notice.pdf", actor="監査 一郎", p12=tmp / "audit.p12",
                            passphrase=b"p12-passphrase")
    raw = bytearray(f.read_bytes())
    raw[raw.index(b"/Type /Page") + 2] ^= 1
    f.write_bytes(bytes(raw))
    with pytest.raises(NoticeError):
        import_notice(dept, f, "瑞穂 花子", roots)
    cl = dept.checklist("jumin", 2026)
    assert dept.store.status_of(cl.assessment.id) == "submitted"


def test_import_refuses_untrusted_when_required_and_needs_a_department_database_role(setup: tuple,
                                                                                   mini_dir: Path) -> None:
    dept, _aud, tmp, _roots = setup
    fresh = Workspace.open(tmp / "new-audit.db", shipped_dir=mini_dir, town_dir=tmp / "town", role="auditor",
                           passphrase=PASS)
    r = import_submission(fresh, tmp / "jumin.pdf", actor="監査 一郎")  # a new auditor's database trusts no one yet
    assert r.outcome == "refused" and "trust add" in r.message and "signer add" in r.message
    assert fresh.store.received() == []
    fresh.close()
    r = import_submission(dept, tmp / "jumin.pdf", actor="瑞穂 花子")
    assert r.outcome == "refused" and "監査担当用" in r.message
