"""Golden fixtures (tests/fixtures/golden, made once by scripts/make_golden_fixtures.py): the formats the
app exchanges with the outside world must not drift. A change of format or hash fails here; it is never
recomputed by the code under test. If a change is deliberate, the files are remade and the change is said
in the commit (old files in the hands of departments and auditors must still be read)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from mizuho_audit.services.signing.signing import load_certificates, verify_report
from mizuho_audit.services.submission.submission import read_submission
from mizuho_audit.services.submission.workflow import canonical_json, snapshot_hash
from mizuho_audit.services.workspace import Workspace

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
PDF = GOLDEN / "submission-2026-jumin.pdf"
HASH = (GOLDEN / "submission-2026-jumin.sha256").read_text(encoding="ascii").strip()
SNAPSHOT = (GOLDEN / "submission-2026-jumin.snapshot.json").read_text(encoding="utf-8").strip()


def _make(tmp: Path) -> Workspace:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_golden", GOLDEN.parent.parent.parent / "scripts" /
                                                  "make_golden_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ws = Workspace.open(tmp / "dept.db", shipped_dir=GOLDEN / "questionnaires", town_dir=tmp / "town",
                        now=module.SUBMITTED_AT)
    module.fill(ws)
    return ws


def test_the_golden_submission_still_reads_and_verifies() -> None:
    roots = list(load_certificates(GOLDEN / "ca-cert.pem"))
    sf = read_submission(PDF, roots)
    assert sf.signature_status == "valid" and sf.signature is not None
    assert sf.signature.signer_name == "瑞穂 一郎" and sf.signature.signer_title == "住民課長"
    assert sf.snapshot_hash == HASH
    assert canonical_json(sf.snapshot) == SNAPSHOT
    [report] = verify_report(PDF.read_bytes(), roots)
    assert report.ok and report.signed_at == dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC)


def test_the_snapshot_hash_of_the_golden_answers_is_unchanged() -> None:
    """The hash is taken over the canonical JSON as it always was (the hash function and its input)."""
    assert snapshot_hash(json.loads(SNAPSHOT)) == HASH


def test_the_same_answers_submitted_today_give_the_same_snapshot(tmp_path: Path) -> None:
    """What a department submits is byte for byte what it was: the same answers, the same hash."""
    ws = _make(tmp_path)
    try:
        [record] = ws.store.submissions(ws.checklist("jumin", 2026).assessment.id)
        assert record.snapshot_hash == HASH
        assert canonical_json(json.loads(record.snapshot)) == SNAPSHOT
    finally:
        ws.close()


def test_a_golden_file_changed_by_one_byte_is_refused(tmp_path: Path) -> None:
    raw = bytearray(PDF.read_bytes())
    at = raw.find(b"stream\n", len(raw) // 3) + 40
    raw[at] ^= 0x01
    bad = tmp_path / "changed.pdf"
    bad.write_bytes(bytes(raw))
    from mizuho_audit.services.submission.submission import SubmissionFileError

    with pytest.raises(SubmissionFileError):
        read_submission(bad, list(load_certificates(GOLDEN / "ca-cert.pem")))


def test_the_golden_answer_workbook_filled_by_hand_still_imports(tmp_path: Path) -> None:
    """A workbook handed out before an update of the app is read the same way after it."""
    from mizuho_audit.services.submission.excel_template_checklist import (
        apply_template_to_checklist,
        check_template_for_checklist,
    )

    book = tmp_path / "filled.xlsx"
    shutil.copy(GOLDEN / "answer-workbook-2026-jumin.xlsx", book)
    ws = Workspace.open(tmp_path / "fresh.db", shipped_dir=GOLDEN / "questionnaires", town_dir=tmp_path / "town")
    try:
        plan = check_template_for_checklist(ws, book, department_id="jumin")
        assert plan.problems == []
        apply_template_to_checklist(ws, plan, actor="住民 花子")
        answers = ws.answers(ws.checklist("jumin", 2026))
        expected = {a["item_id"]: a for a in json.loads(SNAPSHOT)["answers"]}
        assert set(answers) == set(expected)
        for item_id, a in answers.items():
            want = expected[item_id]
            assert (a.rating, a.note, a.reason, a.plan_content, a.plan_owner, a.plan_due) == (
                want["rating"], want["note"], want["reason"], want["plan_content"], want["plan_owner"],
                want["plan_due"]), item_id
    finally:
        ws.close()
