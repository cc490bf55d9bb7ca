"""Who in the 課 answers what (schema 9): the 情報セキュリティ責任者 assigns chapters and items, each person's
progress, the handover on 人事異動 as one logged step, and the ``assign`` commands run as written."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mizuho_audit.cli import run
from mizuho_audit.errors import InputProblem, RoleRefused, StoreProblem
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.storage.migrations import SCHEMA_VERSION, schema_version
from mizuho_audit.usecases import answering, assignments
from mizuho_audit.usecases.session import Session

from .conftest import FIXTURES

HEAD = "瑞穂 一郎"  # the 課's 情報セキュリティ責任者


@pytest.fixture
def session(workspace: Workspace) -> Iterator[Session]:
    yield Session(workspace, HEAD)


def _actions(s: Session) -> list[str]:
    return [e.action for e in s.workspace.store.log_entries()]


def test_schema_8_database_is_migrated_with_its_answers(tmp_path: Path, mini_dir: Path) -> None:
    path = tmp_path / "v8.db"
    shutil.copy(FIXTURES / "schema_v8.db", path)
    ws = Workspace.open(path, shipped_dir=mini_dir, town_dir=tmp_path / "town")
    try:
        assert schema_version(ws.store.db) == SCHEMA_VERSION >= 9
        s = Session(ws, HEAD)
        cl = answering.open_checklist(s, "jumin", 2026)
        assert assignments.overview(s, cl).assignments == []
        assert assignments.assign(s, cl, "佐藤", chapters=["1"]) == 1
        assert assignments.overview(s, cl).items == {"ORG-001": "佐藤", "ORG-002": "佐藤"}
        assert ws.answers(cl)["ORG-001"].rating == "done"  # the fixture's answers are intact
        assert s.workspace.store.verify_log() == []
    finally:
        ws.close()
    assert list(tmp_path.glob("v8.db.v8-*.bak")), "a copy is kept before migrating"


def test_a_chapter_covers_its_items_and_an_item_overrides_it(session: Session) -> None:
    s = session
    cl = answering.open_checklist(s, "jumin", 2026)
    assert assignments.assign(s, cl, "佐藤", chapters=["1", "3"]) == 2
    assert assignments.assign(s, cl, " 鈴木 ", items=["ORG-002"]) == 1
    answering.save(s, cl, "ORG-001", "rating", "done")
    o = assignments.overview(s, cl)
    assert o.items == {"ORG-001": "佐藤", "ORG-002": "鈴木", "NET-001": "佐藤"}
    assert o.chapters == {"1": "佐藤", "3": "佐藤"}
    assert [(p.name, p.answered, p.total) for p in o.people] == [("佐藤", 1, 2), ("鈴木", 0, 1)]
    assert o.unassigned == ["HUM-001"]
    assert o.mine("佐藤") == ["ORG-001", "NET-001"] and o.mine("鈴木") == ["ORG-002"]
    # The log says who assigned what to whom, and as what.
    entry = [e for e in s.workspace.store.log_entries() if e.action == "assignments_set"][-1]
    assert entry.actor == HEAD and entry.details["title"] == "情報セキュリティ責任者"
    assert entry.details["assignee"] == "鈴木" and entry.details["targets"] == ["item:ORG-002"]
    # Assigning what is already theirs changes nothing and logs nothing.
    before = len(_actions(s))
    assert assignments.assign(s, cl, "佐藤", chapters=["1"]) == 0
    assert len(_actions(s)) == before
    # Taking the chapter back: its items are nobody's, except the one assigned on its own.
    assert assignments.remove(s, cl, chapters=["1"]) == 1
    assert assignments.overview(s, cl).items == {"ORG-002": "鈴木", "NET-001": "佐藤"}
    assert _actions(s)[-1] == "assignments_removed"


def test_handover_moves_everything_of_one_person_in_one_logged_step(session: Session) -> None:
    s = session
    cl = answering.open_checklist(s, "jumin", 2026)
    assignments.assign(s, cl, "佐藤 花子", chapters=["1", "3"])
    assignments.assign(s, cl, "佐藤 花子", items=["HUM-001"])
    assignments.assign(s, cl, "鈴木", items=["ORG-002"])
    before = len(_actions(s))
    # 人事異動: the name as typed (a full-width space) is the same person.
    assert assignments.hand_over(s, cl, "佐藤　花子", "田中", "人事異動", title="総務課長") == 3
    entries = s.workspace.store.log_entries()[before:]
    assert [e.action for e in entries] == ["assignments_handed_over"]  # one entry, however many rows
    assert entries[0].actor == HEAD
    assert {k: entries[0].details[k] for k in ("from", "to", "count", "reason", "title")} == {
        "from": "佐藤 花子", "to": "田中", "count": 3, "reason": "人事異動", "title": "総務課長"}
    o = assignments.overview(s, cl)
    assert o.items == {"ORG-001": "田中", "ORG-002": "鈴木", "NET-001": "田中", "HUM-001": "田中"}
    assert [p.name for p in o.people] == ["田中", "鈴木"]
    assert s.workspace.store.verify_log() == []


def test_a_handover_that_fails_half_way_changes_nothing(session: Session) -> None:
    s = session
    cl = answering.open_checklist(s, "jumin", 2026)
    assignments.assign(s, cl, "佐藤", chapters=["1", "3"])
    before = (assignments.overview(s, cl).items, len(_actions(s)))
    # The second row's write fails (as a full disk or a lost network drive would fail it).
    s.workspace.store.db.execute(
        "CREATE TEMP TRIGGER fail_second BEFORE UPDATE ON assignments WHEN OLD.target_id = '3' "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    with pytest.raises(StoreProblem):
        assignments.hand_over(s, cl, "佐藤", "田中", "人事異動")
    assert (assignments.overview(s, cl).items, len(_actions(s))) == before


@pytest.mark.parametrize(("call", "message"), [
    (lambda s, cl: assignments.assign(s, cl, "佐藤", chapters=["9"]), "ない章・項目です: 9"),
    (lambda s, cl: assignments.assign(s, cl, "佐藤", items=["XXX-999"]), "ない章・項目です: XXX-999"),
    (lambda s, cl: assignments.assign(s, cl, "  "), "担当者の氏名がありません"),
    (lambda s, cl: assignments.assign(s, cl, "佐藤"), "章または項目を指定してください"),
    (lambda s, cl: assignments.assign(s, cl, "佐藤", chapters=["1"], title=" "), "職名がありません"),
    (lambda s, cl: assignments.remove(s, cl, items=["HUM-001"]), "割り当てられていません"),
    (lambda s, cl: assignments.hand_over(s, cl, "佐藤", "佐藤", "人事異動"), "同じです"),
    (lambda s, cl: assignments.hand_over(s, cl, "佐藤", "田中", " "), "理由"),
    (lambda s, cl: assignments.hand_over(s, cl, "山田", "田中", "人事異動"), "山田 さんに割り当てられた"),
])
def test_refusals_change_nothing(session: Session, call: object, message: str) -> None:
    s = session
    cl = answering.open_checklist(s, "jumin", 2026)
    assignments.assign(s, cl, "佐藤", chapters=["1"])
    before = (assignments.overview(s, cl).items, len(_actions(s)))
    with pytest.raises(InputProblem, match=message):
        call(s, cl)  # type: ignore[operator]
    assert (assignments.overview(s, cl).items, len(_actions(s))) == before


def test_only_a_named_person_assigns(workspace: Workspace) -> None:
    s = Session(workspace)  # no --user, no name remembered
    cl = answering.open_checklist(s, "jumin", 2026)
    with pytest.raises(InputProblem, match="--user"):
        assignments.assign(s, cl, "佐藤", chapters=["1"])
    assert assignments.overview(s, cl).assignments == []


# -- the command line, as written in README and docs/admin.md ------------------------------------------
def _cli(db: Path, *argv: str) -> int:
    return run(["--db", str(db), *argv])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A 課's database (住民課) with its 2026 checklist (the shipped one) started."""
    path = tmp_path / "住民課.db"
    ws = Workspace.open(path)
    ws.checklist("jumin", 2026)
    ws.close()
    return path


def _chapter_items(db: Path) -> dict[str, list[str]]:
    ws = Workspace.open(db)
    try:
        return {ch.id: [it.id for it in ch.items()] for ch in ws.checklist("jumin", 2026).questionnaire.chapters}
    finally:
        ws.close()


def test_commands_assign_list_handover_remove(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chapters = _chapter_items(db)
    sato = chapters["1"] + chapters["3"]
    other = chapters["2"][0]
    user = ["--user", HEAD]
    assert _cli(db, *user, "assign", "add", "--year", "2026", "--to", "佐藤 花子", "--chapter", "1", "3") == 0
    assert "佐藤 花子 さんに割り当てました（変更 2 件）" in capsys.readouterr().out
    # Global options after the subcommand too.
    assert run(["assign", "add", "--year", "2026", "--to", "鈴木 次郎", "--item", other, "--db", str(db), *user]) == 0
    capsys.readouterr()
    assert _cli(db, "assign", "list", "--year", "2026", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["department"] == "jumin"
    assert listed["items"] == {**{i: "佐藤 花子" for i in sato}, other: "鈴木 次郎"}
    assert [(p["name"], p["answered"], p["total"]) for p in listed["people"]] == [
        ("佐藤 花子", 0, len(sato)), ("鈴木 次郎", 0, 1)]
    assert {a["assigned_by"] for a in listed["assignments"]} == {HEAD}
    assert _cli(db, *user, "assign", "handover", "--year", "2026", "--from", "佐藤 花子", "--to", "田中 三郎",
                "--reason", "人事異動") == 0
    assert "佐藤 花子 さんの担当 2 件を 田中 三郎 さんに引き継ぎました（理由: 人事異動）" in capsys.readouterr().out
    assert _cli(db, "assign", "list", "--year", "2026") == 0
    out = capsys.readouterr().out
    assert f"田中 三郎: 回答済み 0 / {len(sato)} 項目" in out and "佐藤" not in out
    assert _cli(db, *user, "assign", "remove", "--year", "2026", "--item", other) == 0
    assert "取り消しました（1 件）" in capsys.readouterr().out
    ws = Workspace.open(db)
    try:
        actions = [e.action for e in ws.store.log_entries()]
        assert actions.count("assignments_handed_over") == 1 and actions[-1] == "assignments_removed"
    finally:
        ws.close()


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["--user", HEAD, "assign", "add", "--year", "2026", "--to", "佐藤", "--chapter", "99"], 1, "ない章・項目です: 99"),
    (["assign", "add", "--year", "2026", "--to", "佐藤", "--chapter", "1"], 1, "--user"),
    (["--user", HEAD, "assign", "add", "--year", "2027", "--to", "佐藤", "--chapter", "1"], 1, "2027年度"),
    (["--user", HEAD, "assign", "handover", "--year", "2026", "--from", "佐藤", "--to", "田中", "--reason", "異動"],
     1, "佐藤 さんに割り当てられた"),
    (["--user", HEAD, "assign", "add", "--year", "2026", "--chapter", "1"], 2, "--to"),
    (["--user", HEAD, "assign", "handover", "--year", "2026", "--from", "佐藤", "--to", "田中"], 2, "--reason"),
])
def test_command_refusals(db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int,
                          message: str) -> None:
    if code == 2:
        with pytest.raises(SystemExit) as info:
            _cli(db, *argv)
        assert info.value.code == 2
    else:
        assert _cli(db, *argv) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_assignments_belong_to_a_departments_database(tmp_path: Path) -> None:
    from .auditor_setup import AUDITOR_PASSPHRASE

    ws = Workspace.open(tmp_path / "audit.db", role="auditor", passphrase=AUDITOR_PASSPHRASE)
    try:
        with pytest.raises(RoleRefused):
            assignments.department_for(Session(ws, HEAD), 2026, None)
    finally:
        ws.close()


def test_an_assignment_changed_outside_the_app_is_found_by_log_verify(db: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Every change is logged with its entry, so ``log verify`` finds an assignment edited with another tool."""
    import sqlite3

    user = ["--user", HEAD]
    assert _cli(db, *user, "assign", "add", "--year", "2026", "--to", "佐藤", "--chapter", "1", "2") == 0
    assert _cli(db, *user, "assign", "handover", "--year", "2026", "--from", "佐藤", "--to", "田中",
                "--reason", "人事異動") == 0
    assert _cli(db, *user, "assign", "remove", "--year", "2026", "--chapter", "2") == 0
    assert _cli(db, "log", "verify") == 0  # what the log says is what is there
    capsys.readouterr()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE assignments SET assignee = '山田' WHERE target_id = '1'")
    conn.execute("INSERT INTO assignments VALUES (2026, 'jumin', 'chapter', '3', '山田', 'x', '', 'now')")
    conn.commit()
    conn.close()
    assert _cli(db, "log", "verify") == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert "chapter:1 の担当: 操作履歴では「田中」、データベースでは「山田」" in text
    assert "chapter:3 の担当: 操作履歴では「なし」、データベースでは「山田」" in text
