"""One import, one COMMIT (issue 19): every file still all or nothing on its own, the database sealed and
intact afterwards, and a file seen twice in the same import taken once."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from mizuho_audit.services.intake.intake import import_many
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.storage.connection import transaction

from .test_city_report import city


def reopen(tmp_path: Path, mini_dir: Path) -> Workspace:
    return Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                          passphrase="auditor-pass-1")


def test_one_import_is_one_commit_and_leaves_the_database_sealed(tmp_path: Path, mini_dir: Path) -> None:
    ws = city(tmp_path, mini_dir, 5)
    try:
        assert ws.store.integrity_problems() == []
        # The same files again, one of them twice, and a damaged one: duplicates, a refusal, nothing half-written.
        again = tmp_path / "again"
        again.mkdir()
        for f in sorted((tmp_path / "in").iterdir()):
            shutil.copy(f, again / f.name)
        (again / "broken.json").write_text("{not json", encoding="utf-8")
        results = import_many(ws, [again, again / "c001.json"], actor="監査 一郎")
        assert sorted(r.outcome for r in results) == ["duplicate"] * 6 + ["refused"]
    finally:
        ws.close()
    ws = reopen(tmp_path, mini_dir)  # opening checks the seals: the batch's rows were sealed at its COMMIT
    try:
        assert len(ws.store.received(2026)) == 5 and ws.store.integrity_problems() == []
        assert sum(1 for e in ws.store.log_entries() if e.action == "submission_imported") == 5
    finally:
        ws.close()


def test_a_step_that_fails_inside_a_batch_leaves_nothing_and_the_rest_is_kept(tmp_path: Path,
                                                                              mini_dir: Path) -> None:
    ws = city(tmp_path, mini_dir, 1)
    try:
        with ws.store.batch():
            ws.store.log("監査 一郎", "kept_before", "test:1")
            with pytest.raises(RuntimeError), transaction(ws.store.db):
                ws.store.log("監査 一郎", "half_written", "test:2")  # a savepoint inside the step's savepoint
                raise RuntimeError("the step fails")
            ws.store.log("監査 一郎", "kept_after", "test:3")
        actions = [e.action for e in ws.store.log_entries()]
        assert "kept_before" in actions and "kept_after" in actions and "half_written" not in actions
        assert ws.store.integrity_problems() == []
    finally:
        ws.close()


def test_what_was_done_before_an_error_that_leaves_the_batch_is_kept(tmp_path: Path, mini_dir: Path) -> None:
    ws = city(tmp_path, mini_dir, 1)
    try:
        with pytest.raises(KeyboardInterrupt), ws.store.batch():  # e.g. the import cancelled between two files
            ws.store.log("監査 一郎", "done_before_cancel", "test:1")
            raise KeyboardInterrupt
        assert not ws.store.db.conn.in_transaction
    finally:
        ws.close()
    ws = reopen(tmp_path, mini_dir)
    try:
        assert "done_before_cancel" in [e.action for e in ws.store.log_entries()]
        assert ws.store.integrity_problems() == []
    finally:
        ws.close()


def test_another_threads_write_does_not_join_the_batch(tmp_path: Path, mini_dir: Path) -> None:
    ws = city(tmp_path, mini_dir, 1)
    errors: list[BaseException] = []

    def other() -> None:
        try:
            ws.store.log("監査 二郎", "from_another_thread", "test:2")
        except BaseException as exc:  # what the other thread met is the point
            errors.append(exc)

    try:
        with ws.store.batch():
            ws.store.log("監査 一郎", "in_the_batch", "test:1")
            thread = threading.Thread(target=other)
            thread.start()
            thread.join()
        assert len(errors) == 1  # refused as inside any transaction, not mixed into this one
        actions = [e.action for e in ws.store.log_entries()]
        assert "in_the_batch" in actions and "from_another_thread" not in actions
    finally:
        ws.close()
