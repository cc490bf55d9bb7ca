"""The department workflow: status transitions, freezing, the operation log, evidence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mizuho_audit.services.answering import evidence
from mizuho_audit.services.submission.workflow import (
    Approver,
    IncompleteError,
    WorkflowError,
    check_complete,
    reopen,
    submit,
)
from mizuho_audit.services.workspace import Checklist, Workspace
from mizuho_audit.storage.connection import StoreError
from mizuho_audit.storage.repository import FrozenError, PassphraseRequired, Store, WrongPassphrase

APPROVER = Approver("瑞穂 太郎", "住民課長", "2026-11-20")


def _complete(ws: Workspace, cl: Checklist) -> None:
    for i, it in enumerate(cl.questionnaire.items()):
        rating = ["done", "partial", "not_done", "na"][i % 4]
        ws.save(cl, it.id, "rating", rating, "瑞穂 花子")
        if rating == "na":
            ws.save(cl, it.id, "reason", "当課に該当する業務がないため", "瑞穂 花子")
        if rating in ("partial", "not_done"):
            ws.save(cl, it.id, "plan_content", "手順を整備する", "瑞穂 花子")
            ws.save(cl, it.id, "plan_due", f"{cl.year + 1}-03-31", "瑞穂 花子")  # within the 年度's window


def test_status_transitions(workspace: Workspace) -> None:
    cl = workspace.checklist("jumin", 2026)
    assert workspace.store.status_of(cl.assessment.id) == "not_started"
    with pytest.raises(WorkflowError, match="まだ回答"):
        submit(workspace, cl, APPROVER, "瑞穂 花子")
    workspace.save(cl, "ORG-001", "rating", "partial", "瑞穂 花子")
    assert workspace.store.status_of(cl.assessment.id) == "in_progress"
    with pytest.raises(IncompleteError) as info:
        submit(workspace, cl, APPROVER, "瑞穂 花子")
    missing = dict(info.value.missing)
    assert missing["ORG-001"] == ["plan_content", "plan_due"] and missing["ORG-002"] == ["rating"]
    _complete(workspace, cl)
    assert check_complete(workspace, cl) == []
    with pytest.raises(WorkflowError, match="承認者"):
        submit(workspace, cl, Approver("", "課長", "2026-11-20"), "瑞穂 花子")
    record = submit(workspace, cl, APPROVER, "瑞穂 花子")
    assert record.version == 1 and record.approver_name == "瑞穂 太郎" and len(record.snapshot_hash) == 64
    assert workspace.store.status_of(cl.assessment.id) == "submitted"
    with pytest.raises(WorkflowError, match="提出済み"):
        submit(workspace, cl, APPROVER, "瑞穂 花子")
    with pytest.raises(StoreError, match="理由"):
        reopen(workspace, cl, "  ", "瑞穂 太郎")
    reopen(workspace, cl, "ORG-001 の根拠を追記するため", "瑞穂 太郎")
    assert workspace.store.status_of(cl.assessment.id) == "in_progress"
    workspace.save(cl, "ORG-001", "note", "掲示を更新した", "瑞穂 花子")
    second = submit(workspace, cl, APPROVER, "瑞穂 花子")
    subs = workspace.store.submissions(cl.assessment.id)
    assert [s.version for s in subs] == [1, 2] and second.snapshot_hash != record.snapshot_hash
    assert subs[0].reopen_reason == "ORG-001 の根拠を追記するため"


def test_frozen_answers_are_refused_by_the_store_itself(workspace: Workspace) -> None:
    cl = workspace.checklist("jumin", 2026)
    _complete(workspace, cl)
    submit(workspace, cl, APPROVER, "瑞穂 花子")
    before = workspace.answers(cl)
    with pytest.raises(FrozenError):
        workspace.save(cl, "ORG-001", "rating", "done", "瑞穂 花子")
    # A direct write through the storage layer, bypassing every check in Python:
    with pytest.raises(sqlite3.IntegrityError, match="frozen"):
        workspace.store.db.execute("UPDATE answers SET rating = 'done' WHERE assessment_id = ?", [cl.assessment.id])
    with pytest.raises(sqlite3.IntegrityError, match="frozen"):
        workspace.store.db.execute("DELETE FROM answers WHERE assessment_id = ?", [cl.assessment.id])
    with pytest.raises(sqlite3.IntegrityError, match="cannot"):
        workspace.store.db.execute("UPDATE submissions SET snapshot = '{}'")
    with pytest.raises(sqlite3.IntegrityError, match="cannot"):
        workspace.store.db.execute("DELETE FROM submissions")
    assert workspace.answers(cl) == before


def test_the_snapshot_covers_every_answer_and_attachment(workspace: Workspace, tmp_path: Path) -> None:
    import json

    cl = workspace.checklist("jumin", 2026)
    _complete(workspace, cl)
    f = tmp_path / "体制表.pdf"
    f.write_bytes(b"%PDF-1.4 evidence")
    evidence.attach(workspace, cl, "ORG-001", f, "瑞穂 花子")
    record = submit(workspace, cl, APPROVER, "瑞穂 花子")
    snap = json.loads(record.snapshot)
    assert snap["department"]["id"] == "jumin" and snap["fiscal_year"] == 2026
    assert snap["questionnaire"]["content_hash"] == workspace.questionnaire_for_key(
        cl.assessment.questionnaire_key).content_hash
    assert snap["approver"] == {"name": "瑞穂 太郎", "title": "住民課長", "date": "2026-11-20"}
    assert [a["item_id"] for a in snap["answers"]] == [it.id for it in cl.questionnaire.items()]
    [att] = snap["answers"][0]["attachments"]
    assert att["name"] == "体制表.pdf" and len(att["sha256"]) == 64
    from mizuho_audit.services.submission.workflow import snapshot_hash

    assert snapshot_hash(snap) == record.snapshot_hash


def test_evidence_limits_hashes_and_odd_names(workspace: Workspace, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cl = workspace.checklist("jumin", 2026)
    odd = tmp_path / "..\\..\\evil\x07name?.xlsx"
    odd.write_bytes(b"data")
    att_id = evidence.attach(workspace, cl, "ORG-001", odd, "瑞穂 花子")
    [rec] = workspace.store.attachments(cl.assessment.id, "ORG-001")
    assert rec.id == att_id and rec.name == "evilname_.xlsx" and rec.size == 4
    import hashlib

    assert rec.sha256 == hashlib.sha256(b"data").hexdigest()
    out = evidence.save_copy(workspace, rec, tmp_path / "copy.xlsx")
    assert out.read_bytes() == b"data"
    assert evidence.sanitize_name("CON.txt") == "_CON.txt"
    assert evidence.sanitize_name("../../") == "添付ファイル"
    monkeypatch.setattr(evidence, "MAX_ATTACHMENT_BYTES", 10)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"x" * 11)
    with pytest.raises(evidence.EvidenceError, match="大きすぎます"):
        evidence.attach(workspace, cl, "ORG-001", big, "瑞穂 花子")
    assert len(workspace.store.attachments(cl.assessment.id)) == 1


def test_operation_log_detects_edit_insert_delete_and_truncation(workspace: Workspace) -> None:
    cl = workspace.checklist("jumin", 2026)
    _complete(workspace, cl)
    submit(workspace, cl, APPROVER, "瑞穂 花子")
    carried_head = workspace.store.log_head()  # what a signed submission carries
    reopen(workspace, cl, "追記のため", "瑞穂 太郎")
    workspace.store.log("瑞穂 花子", "exported", "x", {"n": 1})
    workspace.store.log("瑞穂 花子", "exported", "x", {"n": 2})
    store = workspace.store
    assert store.verify_log([carried_head]) == []
    db = store.db
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE operation_log SET actor = 'x'")
    # A tamperer who drops the guards:
    db.execute("DROP TRIGGER operation_log_no_update")
    db.execute("DROP TRIGGER operation_log_no_delete")
    entries = store.log_entries()
    n = len(entries)
    db.execute("UPDATE operation_log SET actor = '別人' WHERE seq = 3")
    problems = store.verify_log()
    assert problems and problems[0].seq == 3 and "変更" in problems[0].message
    db.execute("UPDATE operation_log SET actor = ? WHERE seq = 3", [entries[2].actor])
    assert store.verify_log() == []
    db.execute("DELETE FROM operation_log WHERE seq = 2")
    assert store.verify_log()[0].seq == 3
    e = entries[1]
    db.execute("INSERT INTO operation_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [2, e.at, e.actor, e.role, e.action, e.target, '{"forged":true}', e.prev_hash, e.hash])
    assert any(p.seq == 2 for p in store.verify_log())
    db.execute("DELETE FROM operation_log WHERE seq = 2")
    db.execute("INSERT INTO operation_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [2, e.at, e.actor, e.role, e.action, e.target, __import__("json").dumps(
                   e.details, ensure_ascii=False, sort_keys=True, separators=(",", ":")), e.prev_hash, e.hash])
    assert store.verify_log() == []
    # Cut the tail back to before the signed submission: the chain itself stays valid...
    head_seq = next(x.seq for x in entries if x.hash == carried_head)
    db.execute("DELETE FROM operation_log WHERE seq >= ?", [head_seq])
    assert store.verify_log() == []
    # ...but the hash carried by the signed submission is gone.
    [problem] = store.verify_log([carried_head])
    assert "末尾が削除" in problem.message
    assert n > head_seq


def test_role_is_fixed_and_the_auditor_database_needs_its_passphrase(tmp_path: Path) -> None:
    dept = tmp_path / "dept.db"
    Store.open(dept).close()
    with pytest.raises(StoreError, match="部署用"):
        Store.open(dept, role="auditor", passphrase="correct horse")
    aud = tmp_path / "audit.db"
    with pytest.raises(PassphraseRequired):
        Store.open(aud, role="auditor")
    Store.open(tmp_path / "audit2.db", role="auditor", passphrase="correct horse").close()
    aud = tmp_path / "audit2.db"
    with pytest.raises(PassphraseRequired):
        Store.open(aud)
    with pytest.raises(WrongPassphrase):
        Store.open(aud, passphrase="wrong horse")
    store = Store.open(aud, passphrase="correct horse")
    assert store.role == "auditor"
    stored = store.info("passphrase_hash") or ""
    assert stored.startswith("scrypt$") and "correct horse" not in stored
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE database_info SET value = 'department' WHERE key = 'role'")
    assert store.log_entries()[0].role == "auditor"
    store.close()
    raw = aud.read_bytes() + (Path(str(aud) + "-wal").read_bytes() if Path(str(aud) + "-wal").exists() else b"")
    assert b"correct horse" not in raw
