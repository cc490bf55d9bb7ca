"""Carry-over on the real 令和7→8 content, through the item mapping and a 組織改正 with a renamed
and a merged department."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mizuho_audit.services.answering.carryover import CarryOverError, carry_over, changes_since_last_year
from mizuho_audit.services.submission.workflow import Approver, IncompleteError, submit
from mizuho_audit.services.workspace import Workspace

from .conftest import SHIPPED

MASTER = (SHIPPED / "departments.yaml").read_text(encoding="utf-8")
JUMIN = "  - {id: jumin, name: 住民課,"
ZAISEI_LINE = "  - {id: zaisei, name: 財政課,"


def _master_2025() -> str:
    # In 令和7年度 the 住民課 was still called 市民課 (id shimin).
    assert JUMIN in MASTER
    return MASTER.replace(JUMIN, "  - {id: shimin, name: 市民課,")


def _master_2026() -> str:
    # In 令和8年度 財政課 and 管財課 were merged into 財政管財課.
    lines = MASTER.splitlines(keepends=True)
    out = []
    skip = False
    for line in lines:
        if line.startswith("  - {id: kanzai,"):
            skip = True
        if skip:
            if line.rstrip().endswith("}"):
                skip = False
            continue
        out.append(line.replace(ZAISEI_LINE, "  - {id: zaisei_kanzai, name: 財政管財課,"))
    return "".join(out)


CHANGES = """format: mizuho-audit/department-changes@1
changes:
  - {year: 2026, kind: renamed, from: shimin, to: jumin, note: 市民課を住民課に改称}
  - {year: 2026, kind: merged, from: [zaisei, kanzai], to: zaisei_kanzai, note: 財政課と管財課を統合}
"""


def _answer_all(ws: Workspace, department: str, year: int, pattern: list[str]) -> dict[str, str]:
    cl = ws.checklist(department, year)
    given = {}
    for i, it in enumerate(cl.questionnaire.items()):
        rating = pattern[i % len(pattern)]
        ws.save(cl, it.id, "rating", rating, "前年 担当", now="2025-10-01T09:00:00+09:00")
        ws.save(cl, it.id, "note", f"{department} {it.id} の根拠", "前年 担当", now="2025-10-01T09:00:00+09:00")
        if rating in ("partial", "not_done"):
            ws.save(cl, it.id, "plan_content", "改善する", "前年 担当")
            ws.save(cl, it.id, "plan_due", "2026-03-31", "前年 担当")
        if rating == "na":
            ws.save(cl, it.id, "reason", "該当業務なし", "前年 担当")
        given[it.id] = rating
    return given


@pytest.fixture
def two_years(tmp_path: Path) -> tuple[Path, Path, dict[str, dict[str, str]]]:
    town = tmp_path / "town"
    town.mkdir()
    (town / "departments.yaml").write_text(_master_2025(), encoding="utf-8")
    db = tmp_path / "dept.db"
    ws = Workspace.open(db, shipped_dir=SHIPPED, town_dir=town)
    given = {
        "shimin": _answer_all(ws, "shimin", 2025, ["done", "partial", "done", "not_done", "na"]),
        "zaisei": _answer_all(ws, "zaisei", 2025, ["done"]),
        "kanzai": _answer_all(ws, "kanzai", 2025, ["partial", "done"]),
    }
    ws.close()
    (town / "departments.yaml").write_text(_master_2026(), encoding="utf-8")
    (town / "department-changes.yaml").write_text(CHANGES, encoding="utf-8")
    return db, town, given


def test_renamed_department_carries_through_the_item_mapping(two_years: tuple[Path, Path, dict]) -> None:
    db, town, given = two_years
    ws = Workspace.open(db, shipped_dir=SHIPPED, town_dir=town)
    mapping = ws.catalog.mappings[0]
    result = carry_over(ws, "jumin", 2026, "瑞穂 花子")
    answers = ws.answers(result.checklist)
    old = given["shimin"]
    # Only this 年度's items (core and the group due) are carried; last year asked everything.
    assert 30 < result.carried <= len(result.checklist.asked) < len(old)
    # An item unchanged between the versions keeps last year's answer, marked 要再確認.
    same = next(i for i in old if i in answers and i not in mapping.links and i not in mapping.added)
    assert answers[same].rating == old[same] and answers[same].needs_review
    assert answers[same].note == f"shimin {same} の根拠"
    # A split item: each new item gets the old answer.
    split = next(link for link in mapping.links.values() if link.kind == "split" and link.source in old)
    for target in split.targets:
        if target in answers:
            assert answers[target].rating == old[split.source]
    # Removed items do not come back; items new in 令和8年度 stay unanswered.
    removed = [link.source for link in mapping.links.values() if link.kind == "removed"]
    assert not set(removed) & set(answers)
    added_here = [i for i in mapping.added if i in {it.id for it in result.checklist.questionnaire.items()}]
    assert added_here and all(i not in answers for i in added_here)
    # What changed since last year:
    rows = {r.item_id: r for r in changes_since_last_year(ws, result.checklist)}
    assert rows[added_here[0]].kind == "new"
    assert rows[same].kind == "same" and rows[same].previous_rating == old[same]
    changed = next(link for link in mapping.links.values() if link.kind == "changed" and link.targets[0] in rows)
    assert rows[changed.targets[0]].kind == "changed" and rows[changed.targets[0]].previous_question
    ws.close()


def test_merged_departments_take_the_more_cautious_answer(two_years: tuple[Path, Path, dict]) -> None:
    db, town, given = two_years
    ws = Workspace.open(db, shipped_dir=SHIPPED, town_dir=town)
    result = carry_over(ws, "zaisei_kanzai", 2026, "瑞穂 花子")
    answers = ws.answers(result.checklist)
    assert {s.department_id for s in result.sources} == {"zaisei", "kanzai"}
    item = next(i for i, r in given["kanzai"].items() if r == "partial" and i in answers
                and given["zaisei"].get(i) == "done")
    assert answers[item].rating == "partial"  # 財政課 done + 管財課 partial -> partial
    assert "【財政課" in answers[item].note and "【管財課" in answers[item].note
    ws.close()


def test_carried_answers_must_be_confirmed_before_submitting(two_years: tuple[Path, Path, dict]) -> None:
    db, town, _ = two_years
    ws = Workspace.open(db, shipped_dir=SHIPPED, town_dir=town)
    cl = carry_over(ws, "jumin", 2026, "瑞穂 花子").checklist
    answers = ws.answers(cl)
    for it in cl.questionnaire.items():
        a = answers.get(it.id)
        if a is None:
            ws.save(cl, it.id, "rating", "done", "瑞穂 花子")
    with pytest.raises(IncompleteError) as info:
        submit(ws, cl, Approver("瑞穂 太郎", "住民課長", "2026-11-20"), "瑞穂 花子")
    assert any("needs_review" in fields for _, fields in info.value.missing)
    first = next(i for i, a in ws.answers(cl).items() if a.needs_review)
    assert ws.store.confirm_answer(cl.assessment.id, first, actor="瑞穂 花子")
    assert not ws.answers(cl)[first].needs_review
    second = next(i for i, a in ws.answers(cl).items() if a.needs_review)
    ws.save(cl, second, "note", "今年度も同じ", "瑞穂 花子")  # changing an answer confirms it too
    assert not ws.answers(cl)[second].needs_review
    ws.close()


def test_nothing_to_carry(workspace: Workspace) -> None:
    with pytest.raises(CarryOverError) as info:
        carry_over(workspace, "jumin", 2026, "瑞穂 花子")
    said = str(info.value)
    # In words a department reads: the 年度 in 和暦, what to do, and no administrators' tables.
    assert "令和7年度の回答は、このデータにはありません" in said and "今年度の回答を一から入力してください" in said
    assert "2025" not in said and "対応表" not in said and "組織改正" not in said


def test_last_years_plan_dates_are_not_carried_into_the_new_year(two_years: tuple[Path, Path, dict]) -> None:
    """A plan due 2026-03-31 was last year's: the department keeps its plan and sets a date inside this 年度."""
    from mizuho_audit.domain.assessment import missing_fields

    db, town, given = two_years
    ws = Workspace.open(db, shipped_dir=SHIPPED, town_dir=town)
    result = carry_over(ws, "jumin", 2026, "瑞穂 花子")
    answers = ws.answers(result.checklist)
    partial = [i for i, r in given["shimin"].items() if r == "partial" and i in answers]
    assert partial
    for item_id in partial:
        a = answers[item_id]
        assert a.plan_content.endswith("改善する") and a.plan_due == ""  # merged items name their source
        assert "plan_due" in missing_fields(a, result.checklist.questionnaire, 2026)
    ws.close()


def test_this_years_head_approves_not_last_years(two_years: tuple[Path, Path, dict]) -> None:
    """The head who approves may differ from last year's: carry-over copies answers, never the approver, and
    the submission records the approver given now (last year's only fills the form as a suggestion)."""
    from mizuho_audit.usecases import submission
    from mizuho_audit.usecases.session import Session

    db, town, _ = two_years
    ws = Workspace.open(db, shipped_dir=SHIPPED, town_dir=town)
    s = Session(ws, "瑞穂 花子")
    last = submission.submit(s, ws.checklist("shimin", 2025), Approver("前課長 一郎", "市民課長", "2026-02-20"))
    assert submission.last_approver(s) == ("前課長 一郎", "市民課長")  # offered in the form, not imposed
    cl = carry_over(ws, "jumin", 2026, "瑞穂 花子").checklist
    assert submission.status_line(s, cl).approver_name == ""  # nothing approved this 年度 yet
    answers = ws.answers(cl)
    for it in cl.questionnaire.items():
        a = answers.get(it.id)
        if a is None or a.rating != "done":
            ws.save(cl, it.id, "rating", "done", "瑞穂 花子")
        elif a.needs_review:
            ws.store.confirm_answer(cl.assessment.id, it.id, actor="瑞穂 花子")
    record = submission.submit(s, cl, Approver("新課長 二郎", "住民課長", "2026-11-20"))
    assert (record.approver_name, record.approver_title) == ("新課長 二郎", "住民課長")
    assert json.loads(record.snapshot)["approver"]["name"] == "新課長 二郎"
    assert submission.status_line(s, cl).approver_name == "新課長 二郎"
    assert last.approver_name == "前課長 一郎"  # last year's submission keeps its own approver
    ws.close()
