"""The store: durability settings, migrations, foreign keys, rollback, history."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from mizuho_audit.services.workspace import AnswerRejected, Workspace
from mizuho_audit.storage.connection import StoreError, connect, transaction
from mizuho_audit.storage.migrations import SCHEMA_VERSION, schema_version
from mizuho_audit.storage.repository import Store

from .conftest import FIXTURES


def test_every_connection_is_durable(tmp_path: Path) -> None:
    db = connect(tmp_path / "a.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrates_an_empty_database(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "new.db")
    assert schema_version(store.db) == SCHEMA_VERSION
    assert {"questionnaires", "departments", "fiscal_years", "assessments", "answers", "answer_history"} \
        <= set(store.db.table_names())
    store.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_opens_every_released_schema_with_answers_intact(tmp_path: Path, mini_dir: Path, version: int) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / f"schema_v{version}.db", path)
    ws = Workspace.open(path, shipped_dir=mini_dir, town_dir=tmp_path / "town")
    assert schema_version(ws.store.db) == SCHEMA_VERSION
    cl = ws.checklist("jumin", 2026)
    answers = ws.answers(cl)
    assert answers["ORG-001"].rating == "done" and answers["ORG-001"].note == "掲示を確認した。"
    assert answers["NET-001"].plan_due == "2027-03-31"
    assert len(ws.store.history(cl.assessment.id)) == 5
    ws.close()
    if version < SCHEMA_VERSION:
        assert list(tmp_path.glob("old.db.v*.bak")), "a copy must be kept before migrating"


def test_an_auditors_database_with_a_closed_year_is_migrated(tmp_path: Path) -> None:
    """Schema 6 records how each received file was trusted, also for the rows of a closed 年度 (whose trigger
    refuses updates); the trigger is back afterwards."""
    path = tmp_path / "old-audit.db"
    shutil.copy(FIXTURES / "schema_v5_auditor.db", path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO closed_years (fiscal_year, closed_at, closed_by) VALUES (2026, "
                 "'2026-12-20T10:00:00+09:00', '監査 一郎')")  # as the release with schema 5 closed it
    conn.commit()
    conn.close()
    store = Store.open(path, passphrase="fixture-passphrase")  # scripts/make_auditor_fixture.py
    try:
        assert schema_version(store.db) == SCHEMA_VERSION
        assert [r.trust for r in store.received(2026, current_only=False)] == ["unsigned"] * 3
        with pytest.raises(StoreError, match="この年度は締められています"):
            store.decide(store.received(2026, "somu")[0].id, "accepted", reason="", actor="監査 一郎")
    finally:
        store.close()


def test_refuses_a_database_from_a_newer_app(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="新しい版"):
        Store.open(path)


def test_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"This is not SQLite at all. " * 100)
    with pytest.raises(StoreError, match="開けません"):
        Store.open(path)
    assert path.read_bytes().startswith(b"This is not SQLite")


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "fk.db")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO answers (assessment_id, item_id, updated_at, updated_by) "
                         "VALUES (999, 'X', 'now', 'me')")
    store.close()


def test_transaction_rolls_back_on_error(workspace: Workspace) -> None:
    cl = workspace.checklist("jumin", 2026)
    workspace.save(cl, "ORG-001", "rating", "done", "山田")
    with pytest.raises(RuntimeError), transaction(workspace.store.db) as conn:
        conn.execute("UPDATE answers SET rating = 'not_done'")
        raise RuntimeError("crash mid-edit")
    assert workspace.answers(cl)["ORG-001"].rating == "done"


def test_history_keeps_one_entry_per_change(workspace: Workspace) -> None:
    cl = workspace.checklist("jumin", 2026)
    assert workspace.save(cl, "ORG-001", "rating", "partial", "山田")
    assert not workspace.save(cl, "ORG-001", "rating", "partial", "山田")  # unchanged: no entry
    assert workspace.save(cl, "ORG-001", "rating", "done", "鈴木")
    history = workspace.store.history(cl.assessment.id, "ORG-001")
    assert [(h.old_value, h.new_value, h.changed_by) for h in history] == [(None, "partial", "山田"),
                                                                             ("partial", "done", "鈴木")]
    assert workspace.store.assessment(cl.assessment.id).status == "in_progress"


def test_values_off_the_scale_are_refused(workspace: Workspace) -> None:
    cl = workspace.checklist("jumin", 2026)
    with pytest.raises(AnswerRejected, match="選択肢にありません"):
        workspace.save(cl, "ORG-001", "rating", "excellent", "山田")
    with pytest.raises(AnswerRejected, match="日付"):
        workspace.save(cl, "ORG-001", "plan_due", "来年3月", "山田")
    with pytest.raises(AnswerRejected, match="ありません"):
        workspace.save(cl, "NET-002", "rating", "done", "山田")  # system-side item, not in 住民課's list
    assert workspace.answers(cl) == {}


def test_answers_refer_to_the_exact_questionnaire_text(tmp_path: Path, mini_dir: Path) -> None:
    db = tmp_path / "w.db"
    ws = Workspace.open(db, shipped_dir=mini_dir, town_dir=tmp_path / "town")
    cl = ws.checklist("jumin", 2026)
    ws.save(cl, "ORG-001", "rating", "done", "山田")
    ws.close()
    # The shipped file changes afterwards (same version): the stored assessment keeps its own text.
    path = mini_dir / "mini-2026.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("掲示していますか", "貼り出していますか"), encoding="utf-8")
    ws = Workspace.open(db, shipped_dir=mini_dir, town_dir=tmp_path / "town")
    cl2 = ws.checklist("jumin", 2026)
    assert "掲示していますか" in cl2.questionnaire.item("ORG-001").question
    ws.close()
