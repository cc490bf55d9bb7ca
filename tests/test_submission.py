"""The submission file: readable Japanese, embedded answers, PAdES signature checked by poppler."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.signing import attach_file, embedded_files, load_certificates, sign_pdf
from mizuho_audit.services.submission.submission import (
    EMBEDDED_NAME,
    SIGNATURE_FIELD,
    SubmissionFileError,
    export_answers_json,
    export_submission,
    import_answers_json,
    read_submission,
)
from mizuho_audit.services.submission.workflow import Approver, WorkflowError, reopen, submit
from mizuho_audit.services.workspace import Checklist, Workspace

from .test_workflow import _complete

HAS_POPPLER = shutil.which("pdfsig") is not None and shutil.which("pdftotext") is not None


@pytest.fixture
def submitted(workspace: Workspace) -> Checklist:
    cl = workspace.checklist("jumin", 2026)
    _complete(workspace, cl)
    submit(workspace, cl, Approver("瑞穂 太郎", "住民課長", "2026-11-20"), "瑞穂 花子")
    return cl


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return "".join(out.stdout.split())


def _pdfsig(pdf: Path) -> str:
    return subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, check=False).stdout


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils not installed")
def test_signed_submission_reads_verifies_and_round_trips(workspace: Workspace, submitted: Checklist,
                                                          town_ca: Path, tmp_path: Path) -> None:
    out = export_submission(workspace, submitted, tmp_path / "住民課.pdf", actor="瑞穂 花子",
                            p12=town_ca / "taro.p12", passphrase=b"p12-passphrase")
    text = _text(out)
    assert "取扱注意" in text and "住民課" in text and "瑞穂太郎" in text
    first_question = next(submitted.questionnaire.items()).question
    assert "".join(first_question.split())[:20] in text
    assert "Signature is Valid" in _pdfsig(out)
    roots = load_certificates(town_ca / "ca" / "ca-cert.pem")
    sf = read_submission(out, roots)
    assert sf.signature_status == "valid" and sf.warnings == []
    answers = {a["item_id"]: a for a in sf.snapshot["answers"]}
    stored = workspace.answers(submitted)
    assert {i: a["rating"] for i, a in answers.items()} == {i: a.rating for i, a in stored.items()}
    assert answers["ORG-002"]["plan_content"] == stored["ORG-002"].plan_content
    assert sf.snapshot_hash == workspace.store.submissions(submitted.assessment.id)[-1].snapshot_hash
    assert read_submission(out).signature_status == "untrusted"  # no trust roots given

    # One flipped byte inside the signed range: poppler and the app both refuse it.
    raw = bytearray(out.read_bytes())
    pos = raw.index(b"/Type /Page") + 3
    raw[pos] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(raw))
    assert "Signature is Valid" not in _pdfsig(bad)
    with pytest.raises(SubmissionFileError, match="変更"):
        read_submission(bad, roots)


def test_unsigned_pdf_says_so_and_still_carries_the_hash(workspace: Workspace, submitted: Checklist,
                                                         tmp_path: Path) -> None:
    out = export_submission(workspace, submitted, tmp_path / "unsigned.pdf", actor="瑞穂 花子")
    sf = read_submission(out)
    assert sf.signature_status == "unsigned" and any("未署名" in w for w in sf.warnings)
    if HAS_POPPLER:
        text = _text(out)
        assert "未署名" in text and sf.snapshot_hash[:16] in text


def test_edited_embedded_answers_are_refused(workspace: Workspace, submitted: Checklist, tmp_path: Path) -> None:
    out = export_submission(workspace, submitted, tmp_path / "s.pdf", actor="瑞穂 花子")
    envelope = json.loads(embedded_files(out.read_bytes())[EMBEDDED_NAME])
    envelope["snapshot"]["answers"][1]["rating"] = "done"
    from mizuho_audit.services.submission.submission_pdf import render_submission_pdf

    forged = render_submission_pdf(envelope["snapshot"], submitted.questionnaire,
                                   snapshot_hash=envelope["snapshot_hash"], signature_note="")
    forged = attach_file(forged, EMBEDDED_NAME, json.dumps(envelope, ensure_ascii=False).encode(), "x")
    path = tmp_path / "forged.pdf"
    path.write_bytes(forged)
    with pytest.raises(SubmissionFileError, match="ハッシュ値が一致しません"):
        read_submission(path)


def test_the_app_signs_only_with_the_recorded_approvers_certificate(workspace: Workspace, submitted: Checklist,
                                                                    town_ca: Path, tmp_path: Path) -> None:
    ca.issue_certificate(town_ca / "ca", b"ca-passphrase", name="別人 次郎", title="係長", department="住民課",
                         out_p12=tmp_path / "jiro.p12", p12_passphrase=b"pw-jiro-12")
    with pytest.raises(WorkflowError, match=r"承認者の氏名（瑞穂 太郎）.*証明書の本人（別人 次郎）"):
        export_submission(workspace, submitted, tmp_path / "s.pdf", actor="瑞穂 花子", p12=tmp_path / "jiro.p12",
                          passphrase=b"pw-jiro-12")
    assert not (tmp_path / "s.pdf").exists()
    # A file signed so outside the app still says who signed and who was recorded (the import refuses it).
    unsigned = export_submission(workspace, submitted, tmp_path / "u.pdf", actor="瑞穂 花子")
    signed = tmp_path / "x.pdf"
    signed.write_bytes(sign_pdf(unsigned.read_bytes(), tmp_path / "jiro.p12", b"pw-jiro-12",
                                field_name=SIGNATURE_FIELD, reason="提出"))
    sf = read_submission(signed, load_certificates(town_ca / "ca" / "ca-cert.pem"))
    assert sf.signature_status == "valid"
    assert any("一致しません" in w and "別人 次郎" in w for w in sf.warnings)


def test_json_export_and_import(workspace: Workspace, submitted: Checklist, tmp_path: Path) -> None:
    sub_json = export_submission(workspace, submitted, tmp_path / "s.json", actor="瑞穂 花子")
    assert read_submission(sub_json).snapshot["department"]["id"] == "jumin"
    answers = export_answers_json(workspace, submitted, tmp_path / "answers.json", "瑞穂 花子")
    reopen(workspace, submitted, "やり直し", "瑞穂 太郎")
    workspace.save(submitted, "ORG-001", "rating", "not_done", "瑞穂 花子")
    assert import_answers_json(workspace, submitted, answers, "瑞穂 花子") >= 1
    assert workspace.answers(submitted)["ORG-001"].rating == "done"
    other = workspace.checklist("hisho", 2026)
    with pytest.raises(SubmissionFileError, match="別の部署"):
        import_answers_json(workspace, other, answers, "瑞穂 花子")


def test_deleted_log_tail_is_caught_by_the_signed_submission(workspace: Workspace, submitted: Checklist,
                                                             tmp_path: Path) -> None:
    out = export_submission(workspace, submitted, tmp_path / "s.pdf", actor="瑞穂 花子")
    carried = read_submission(out).log_hash
    assert workspace.store.verify_log([carried]) == []
    db = workspace.store.db
    db.execute("DROP TRIGGER operation_log_no_delete")
    seq = next(e.seq for e in workspace.store.log_entries() if e.hash == carried)
    db.execute("DELETE FROM operation_log WHERE seq >= ?", [seq])
    assert workspace.store.verify_log() == []
    assert "末尾が削除" in str(workspace.store.verify_log([carried])[0])


def test_export_needs_a_submission(workspace: Workspace, tmp_path: Path) -> None:
    from mizuho_audit.services.submission.workflow import WorkflowError

    cl = workspace.checklist("jumin", 2026)
    with pytest.raises(WorkflowError, match="提出済み"):
        export_submission(workspace, cl, tmp_path / "x.pdf", actor="瑞穂 花子")
    assert not (tmp_path / "x.pdf").exists()
