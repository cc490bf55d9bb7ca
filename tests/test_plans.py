"""改善計画: due dates tied to the 年度 (at entry and at submit), no plan on 実施 / 該当しない rows, and
carry-over markers that never reach a printout."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mizuho_audit.domain.assessment import Answer
from mizuho_audit.domain.plans import (
    is_overdue,
    plan_due_problem,
    plan_due_window,
    strip_carry_markers,
)
from mizuho_audit.services.submission.workflow import Approver, IncompleteError, check_complete, submit
from mizuho_audit.services.workspace import AnswerRejected, Checklist, Workspace

USER = "瑞穂 花子"


def _complete(ws: Workspace, cl: Checklist, due: str = "2027-03-31") -> None:
    for it in cl.questionnaire.items():
        ws.save(cl, it.id, "rating", "partial", USER)
        ws.save(cl, it.id, "plan_content", "手順を整備する", USER)
        ws.save(cl, it.id, "plan_due", due, USER)


def test_the_window_runs_from_april_first_for_three_years() -> None:
    assert plan_due_window(2026) == (date(2026, 4, 1), date(2029, 3, 31))
    for ok in ("2026-04-01", "2027-03-31", "2029-03-31", ""):
        assert plan_due_problem(ok, 2026) is None, ok
    before = plan_due_problem("2026-03-31", 2026)
    assert before is not None and "令和8年4月1日から令和11年3月31日まで" in before
    assert plan_due_problem("2029-04-01", 2026) is not None
    assert "日付として読めません" in (plan_due_problem("来年3月", 2026) or "")
    # The same date is fine for the 年度 it was planned in, whatever today is.
    assert plan_due_problem("2026-02-15", 2025) is None and plan_due_problem("2026-02-15", 2026) is not None


def test_a_due_date_outside_the_years_window_is_refused_at_entry(workspace: Workspace) -> None:
    cl = workspace.checklist("jumin", 2026)
    workspace.save(cl, "ORG-001", "rating", "partial", USER)
    for bad in ("2026-03-31", "2030-01-01"):
        with pytest.raises(AnswerRejected, match="改善計画の期限"):
            workspace.save(cl, "ORG-001", "plan_due", bad, USER)
    assert workspace.save(cl, "ORG-001", "plan_due", "2026-04-01", USER)
    assert workspace.answers(cl)["ORG-001"].plan_due == "2026-04-01"


def test_a_carried_plan_due_before_the_year_is_refused_at_submit(workspace: Workspace) -> None:
    cl = workspace.checklist("jumin", 2026)
    # Last year's plan (due 2026-02-15) carried over as it was, then confirmed without a new date.
    workspace.store.carry_answers(cl.assessment.id, [Answer("ORG-001", "partial", plan_content="台帳を整備する",
                                                              plan_due="2026-02-15")],
                                  source_assessments=[], actor=USER, details={})
    workspace.store.confirm_answer(cl.assessment.id, "ORG-001", actor=USER)
    for it in cl.questionnaire.items():
        if it.id != "ORG-001":
            workspace.save(cl, it.id, "rating", "done", USER)
    assert check_complete(workspace, cl) == [("ORG-001", ["plan_due_range"])]
    with pytest.raises(IncompleteError) as info:
        submit(workspace, cl, Approver("瑞穂 太郎", "住民課長", "2026-11-20"), USER)
    assert info.value.missing == [("ORG-001", ["plan_due_range"])]
    workspace.save(cl, "ORG-001", "plan_due", "2027-02-15", USER)
    assert check_complete(workspace, cl) == []


def test_done_and_not_applicable_rows_submit_no_plan(workspace: Workspace) -> None:
    cl = workspace.checklist("jumin", 2026)
    _complete(workspace, cl)
    # The department first planned, then found it done after all; another item turns out not to apply.
    workspace.save(cl, "ORG-001", "rating", "done", USER)
    workspace.save(cl, "ORG-002", "rating", "na", USER)
    workspace.save(cl, "ORG-002", "reason", "窓口がないため", USER)
    record = submit(workspace, cl, Approver("瑞穂 太郎", "住民課長", "2026-11-20"), USER)
    answers = {a["item_id"]: a for a in json.loads(record.snapshot)["answers"]}
    for item in ("ORG-001", "ORG-002"):
        assert (answers[item]["plan_content"], answers[item]["plan_owner"], answers[item]["plan_due"]) == ("", "", "")
    assert answers["NET-001"]["plan_content"] == "手順を整備する" and answers["NET-001"]["plan_due"] == "2027-03-31"


def test_overdue_is_strictly_after_the_due_day() -> None:
    assert is_overdue("2026-11-30", date(2026, 12, 1))
    assert not is_overdue("2026-12-01", date(2026, 12, 1))
    assert not is_overdue("", date(2026, 12, 1)) and not is_overdue("未定", date(2026, 12, 1))


def test_carry_over_markers_are_taken_out_and_other_brackets_kept() -> None:
    names = ["企画課", "秘書広報課"]
    assert strip_carry_markers("【企画課 AST-902】担当主任", names) == "担当主任"
    assert strip_carry_markers("【企画課 AST-902】担当主任\n【企画課 AST-903】担当主任", names) == "担当主任"
    assert strip_carry_markers("【秘書広報課】周知した。\n【企画課】掲示した。", names) == "周知した。\n掲示した。"
    assert strip_carry_markers("【重要】毎月確認する。", names) == "【重要】毎月確認する。"
    assert strip_carry_markers("【総務部 HUM-001】確認済み", []) == "確認済み"  # an item id marks it even unnamed
