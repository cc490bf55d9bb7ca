"""The answer workbook filled and mangled the way hurried people do (issue 14): every problem is found in
one pass with its sheet, cell and item; damaged rows are left out and the rest is taken only when the
person confirms; nothing is half-imported."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from mizuho_audit.services.intake.trust_checks import ImportOptions
from mizuho_audit.services.submission import excel_template as xt
from mizuho_audit.services.submission.excel_template import (
    TemplateError,
    check_template,
    import_template_as_submission,
    write_template,
)
from mizuho_audit.services.submission.excel_template_checklist import (
    TemplateNeedsConfirmation,
    apply_template_to_checklist,
    check_template_for_checklist,
    import_template_into_checklist,
)
from mizuho_audit.services.workspace import Workspace

from .auditor_setup import AUDITOR_PASSPHRASE
from .test_excel_template import COMPLETE, SCALE_LABELS, YEAR, fill

MERGED = ("セルが結合されています。結合すると左上のセル以外の記入が消えるため、結合を解除して"
          "行ごと・欄ごとに記入してください。")

CONFIRMED = ImportOptions(confirm_changes=True)  # the auditor looked at the problems and confirmed


@pytest.fixture
def auditor(tmp_path: Path, mini_dir: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                        passphrase=AUDITOR_PASSPHRASE)
    yield ws
    ws.close()


@pytest.fixture
def template(workspace: Workspace, tmp_path: Path) -> Path:
    return write_template(workspace, "jumin", YEAR, tmp_path / "blank.xlsx", actor="瑞穂 花子")


def mangle(path: Path, change: Callable[[Any], Any]) -> Path:
    """Change a workbook as someone who unprotected it would (openpyxl ignores the protection)."""
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def filled(template: Path, tmp_path: Path, change: Callable[[Any], Any] | None = None,
           answers: dict[str, dict[str, Any]] | None = None) -> Path:
    path = fill(template, tmp_path / "f.xlsx", COMPLETE if answers is None else answers)
    return mangle(path, change) if change else path


def fill_rows(src: Path, dst: Path, rows: dict[int, dict[str, Any]]) -> Path:
    wb = load_workbook(src)
    for row, values in rows.items():
        for f, value in values.items():
            wb[xt.ANSWERS].cell(row=row, column=xt.COL[f] + 1).value = value
    wb.save(dst)
    return dst


def problems(ws: Workspace, path: Path) -> list[str]:
    """Every problem the department's import finds, one line each, as shown."""
    return [f"{path.name}: {p}" for p in check_template_for_checklist(ws, path).problems]


def answers_of(ws: Workspace) -> dict[str, tuple[str | None, str]]:
    cl = ws.checklist("jumin", YEAR)
    return {i: (a.rating, a.note) for i, a in ws.answers(cl).items()}


# -- structure: the rows ---------------------------------------------------------------------------------


def test_edited_question_damages_only_its_row(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path, lambda wb: wb[xt.ANSWERS].__setitem__("D3", "代行者はいますか。"))
    plan = check_template_for_checklist(workspace, path)
    assert problems(workspace, path) == ["f.xlsx: 回答!D3（項目 ORG-002）"
                                         ": 質問の文が元の様式から書き換えられています。"]
    assert plan.answers.damaged == ["ORG-002"]
    assert [r.item_id for r in plan.answers.rows] == ["ORG-001", "NET-001", "HUM-001"]
    # Without confirmation nothing is written; the message says what would be taken and what not.
    with pytest.raises(TemplateNeedsConfirmation) as info:
        apply_template_to_checklist(workspace, plan, actor="瑞穂 花子")
    assert answers_of(workspace) == {}
    assert str(info.value).splitlines() == [
        "f.xlsx: 回答用紙に問題が 1 件あります（取り込めない項目 1 件）。回答用紙を直して取り込み直すか、"
        "問題のない項目だけを取り込んでください。",
        "  回答!D3（項目 ORG-002）: 質問の文が元の様式から書き換えられています。",
        "問題のない項目だけを取り込むと: 3 項目を取り込み、回答が変わる項目は 3 件です（ORG-001、NET-001、HUM-001）。",
        "表記を読み替えた欄（3 件）:",
        "  回答!J2（項目 ORG-001）: 「○」を「実施している」と読みました。",
        "  回答!J4（項目 NET-001）: 「×」を「実施していない」と読みました。",
        "  回答!J5（項目 HUM-001）: 「対象外」を「該当しない」と読みました。",
        "取り込まない項目: 1 件（ORG-002）。",
    ]
    done = apply_template_to_checklist(workspace, plan, actor="瑞穂 花子", confirmed=True)
    assert done.imported and done.changed_items == ["ORG-001", "NET-001", "HUM-001"]
    assert set(answers_of(workspace)) == {"ORG-001", "NET-001", "HUM-001"}  # ORG-002 left for the app
    assert done.report_lines()[0] == ("f.xlsx: Excel 回答用紙を取り込みました（取り込んだ項目 3 件、"
                                      "うち回答が変わった項目 3 件）。")
    assert done.report_lines()[-2:] == [
        "取り込まなかった項目（1 件）: アプリで入力するか、その項目だけの回答用紙に記入してください（ORG-002）。",
        "  回答!D3（項目 ORG-002）: 質問の文が元の様式から書き換えられています。"]


def test_deleted_row(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path, lambda wb: wb[xt.ANSWERS].delete_rows(3))
    assert problems(workspace, path) == ["f.xlsx: 回答!C3（項目 ORG-002）"
                                         ": この項目の行がありません（削除されています）。"]
    assert import_template_into_checklist(workspace, path, actor="瑞穂 花子", confirmed=True) == 3


def test_rows_reordered(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    def swap(wb: Any) -> None:
        sheet = wb[xt.ANSWERS]
        for c in range(1, len(xt.HEADERS) + 1):
            a, b = sheet.cell(row=3, column=c), sheet.cell(row=4, column=c)
            a.value, b.value = b.value, a.value

    path = filled(template, tmp_path, swap)
    assert problems(workspace, path) == ["f.xlsx: 回答!C3（項目 NET-001）:"
                                         " 行の位置が元の様式と違います（並べ替えられています）。"]


def test_item_id_rewritten_cleared_duplicated_or_unknown(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        sheet = wb[xt.ANSWERS]
        sheet["C4"] = "NET-009"  # NET-001's question stays
        sheet["C5"] = None  # HUM-001's id is gone
        for c in range(1, len(xt.HEADERS) + 1):  # ORG-002's row copied below the table
            sheet.cell(row=7, column=c).value = sheet.cell(row=3, column=c).value
        sheet["C8"], sheet["D8"], sheet["K8"] = "ZZZ-001", "追加した質問", "追加の回答"

    path = filled(template, tmp_path, change)
    assert problems(workspace, path) == [
        "f.xlsx: 回答!C4（項目 NET-001）: 項目IDが「NET-009」に書き換えられています（質問は項目 NET-001 のものです）。",
        "f.xlsx: 回答!C5（項目 HUM-001）: 項目IDが消されています（質問は項目 HUM-001 のものです）。",
        "f.xlsx: 回答!C7（項目 ORG-002）: 同じ項目の行が二つあります（3行目と7行目）。",
        "f.xlsx: 回答!C8: 項目ID「ZZZ-001」は元の様式にありません（行が追加されたか、IDが書き換えられています）。"
        "この行は取り込まれません。",
    ]
    assert check_template_for_checklist(workspace, path).answers.damaged == ["ORG-002", "NET-001", "HUM-001"]


def test_renamed_sheet_is_read_and_reported(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        wb[xt.ANSWERS].title = "住民課 回答"
        wb["住民課 回答"]["J3"] = "済み"

    path = filled(template, tmp_path, change)
    assert problems(workspace, path) == [
        "f.xlsx: 住民課 回答 シート: シートの名前が「回答」から「住民課 回答」に変えられています。",
        "f.xlsx: '住民課 回答'!J3（項目 ORG-002）:"
        f" 評価「済み」は選択肢にありません（{SCALE_LABELS} から選んでください）。",
    ]
    assert import_template_into_checklist(workspace, path, actor="瑞穂 花子", confirmed=True) == 3


def test_a_sheet_that_is_not_the_form(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path, lambda wb: wb.create_sheet("メモ").__setitem__("B2", "課長に確認"))
    assert problems(workspace, path) == ["f.xlsx: メモ!B2: 回答用紙にないシートです。"
                                         "このシートの記入は取り込まれません。"]
    plan = check_template_for_checklist(workspace, path)
    assert plan.answers.damaged == [] and len(plan.answers.rows) == 4  # every answer can be taken, after confirming


def test_columns_added_make_the_sheet_unreadable(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path, lambda wb: wb[xt.ANSWERS].insert_cols(11))
    with pytest.raises(TemplateError) as info:
        check_template_for_checklist(workspace, path)
    assert str(info.value).splitlines()[:2] == [
        "f.xlsx: 回答!K1: 見出し「実施状況・根拠」が消されています。",
        "f.xlsx: 回答!L1: 見出しが「該当しない理由」ではなく「実施状況・根拠」になっています。"]
    assert (
        "f.xlsx: 回答 シート: 列が追加・削除・移動されているため、この回答シートは読めません。"
        "列を元に戻すか、新しい回答用紙に記入してください。") in str(info.value).splitlines()
    assert str(info.value).splitlines()[-1] == ("f.xlsx: 回答!P1: 項目の行ではないところに記入があります（「期限」）。"
                                                "この記入は取り込まれません。")


def test_missing_answer_sheet(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path, lambda wb: wb.remove(wb[xt.ANSWERS]))
    with pytest.raises(TemplateError) as info:
        check_template_for_checklist(workspace, path)
    assert str(info.value) == "f.xlsx: 「回答」シートがありません。"


# -- the cells --------------------------------------------------------------------------------------------


def test_merged_cells_lose_a_note(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path, lambda wb: wb[xt.ANSWERS].merge_cells("K3:K4"))
    assert problems(workspace, path) == [f"f.xlsx: 回答!K3:K4（項目 ORG-002・NET-001）: {MERGED}"]
    assert check_template_for_checklist(workspace, path).answers.damaged == ["ORG-002", "NET-001"]


def test_writing_outside_the_form(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        wb[xt.ANSWERS]["P1"] = "補足"
        wb[xt.ANSWERS]["P2"] = "補足: 掲示板の写真あり"
        wb[xt.ANSWERS]["K9"] = "あとで課長に確認する"

    path = filled(template, tmp_path, change)
    assert problems(workspace, path) == [
        "f.xlsx: 回答!P1: 項目の行ではないところに記入があります（「補足」）。この記入は取り込まれません。",
        "f.xlsx: 回答!P2（項目 ORG-001）: 様式の外（P列）に記入があります（「補足: 掲示板の写真あり」）。"
        "この記入は取り込まれないため、決められた欄に書いてください。",
        "f.xlsx: 回答!K9:"
        " 項目の行ではないところに記入があります（「あとで課長に確認する」）。この記入は取り込まれません。",
    ]
    assert check_template_for_checklist(workspace, path).answers.damaged == ["ORG-001"]


def test_plan_fields_swapped(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path, answers={
        **COMPLETE,
        "ORG-002": {"rating": "△", "plan_content": "庶務係長", "plan_owner": "代行者を文書で指名し、掲示板に掲示する。",
                    "plan_due": "2027/3/31"},
        "NET-001": {"rating": "×", "plan_content": "2027/3/31", "plan_owner": date(2027, 3, 31), "plan_due": "情報係"},
    })
    assert problems(workspace, path) == [
        "f.xlsx: 回答!N3（項目 ORG-002）: 担当に長い文が入っています（改善計画の内容の欄と入れ違っていませんか）。"
        "担当には係名や氏名を書いてください。",
        "f.xlsx: 回答!M4（項目 NET-001）:"
        " 改善計画の内容が日付「2027/3/31」だけです（期限の欄と入れ違っていませんか）。",
        "f.xlsx: 回答!N4（項目 NET-001）: 担当に日付「2027/3/31」が入っています（期限の欄と入れ違っていませんか）。",
        "f.xlsx: 回答!O4（項目 NET-001）: 期限「情報係」は日付として読めません（担当の欄と入れ違っていませんか）。",
    ]


def test_rating_typed_into_the_note(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path, answers={**COMPLETE, "ORG-001": {"rating": None, "note": "○"},
                                               "NET-001": {**COMPLETE["NET-001"], "note": "いいえ"}})
    assert problems(workspace, path) == [
        "f.xlsx: 回答!K2（項目 ORG-001）: 実施状況・根拠が「○」だけです。評価は「評価」の欄に入れ、"
        "ここには何をしているかを書いてください。"]  # NET-001: the same answer again in the note does no harm


def test_dates_typed_by_hand(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path, answers={
        **COMPLETE, "ORG-002": {**COMPLETE["ORG-002"], "plan_due": "令和8年9月30日"},
        "NET-001": {**COMPLETE["NET-001"], "plan_due": "９／３０"}})
    plan = check_template_for_checklist(workspace, path)
    assert problems(workspace, path) == [
        "f.xlsx: 回答!O4（項目 NET-001）: 期限「９／３０」には年がありません。"
        "年を付けて入力してください（例: 2027/3/31）。"]
    assert "回答!O3（項目 ORG-002）: 期限「令和8年9月30日」を 2026/9/30 と読みました。" in [str(n) for n in plan.notes]
    assert plan.answers.rows[1].plan_due == "2026-09-30"


def test_a_plan_due_outside_the_years_window_is_a_problem(workspace: Workspace, template: Path,
                                                         tmp_path: Path) -> None:
    """The same rule as in the window: on or after 4月1日 of the 年度 and within three years of it."""
    path = filled(template, tmp_path, answers={
        **COMPLETE, "ORG-002": {**COMPLETE["ORG-002"], "plan_due": "令和7年3月31日"},
        "NET-001": {**COMPLETE["NET-001"], "plan_due": "2031/4/1"}})
    found = problems(workspace, path)
    assert [line.split("）: ")[0] for line in found] == ["f.xlsx: 回答!O3（項目 ORG-002",
                                                        "f.xlsx: 回答!O4（項目 NET-001"]
    assert all("期限" in line for line in found)


def test_emptying_a_prefilled_answer_is_reported(workspace: Workspace, tmp_path: Path) -> None:
    cl = workspace.checklist("jumin", YEAR)
    workspace.save(cl, "ORG-001", "note", "前から書いてあった根拠", "瑞穂 花子")
    workspace.save(cl, "ORG-001", "rating", "done", "瑞穂 花子")
    blank = write_template(workspace, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="瑞穂 花子")
    path = fill(blank, tmp_path / "f.xlsx", {**COMPLETE, "ORG-001": {"note": None}})
    assert problems(workspace, path) == [
        "f.xlsx: 回答!K2（項目 ORG-001）: 書き出したときに入っていた「実施状況・根拠」が消されています"
        "（消すときは、アプリで消してください）。"]
    assert import_template_into_checklist(workspace, path, actor="瑞穂 花子", confirmed=True) == 3
    assert workspace.answers(cl)["ORG-001"].note == "前から書いてあった根拠"  # not silently emptied


def test_six_problems_in_one_pass(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        wb[xt.ANSWERS].title = "回答(記入済)"
        sheet = wb["回答(記入済)"]
        sheet["D2"] = "書き換えた質問"
        sheet["J3"] = "－"
        sheet["O4"] = "来月"
        sheet.merge_cells("K5:L5")
        sheet["Q4"] = "メモ"

    path = filled(template, tmp_path, change)
    assert problems(workspace, path) == [
        "f.xlsx: 回答(記入済) シート: シートの名前が「回答」から「回答(記入済)」に変えられています。",
        "f.xlsx: '回答(記入済)'!D2（項目 ORG-001）: 質問の文が元の様式から書き換えられています。",
        "f.xlsx: '回答(記入済)'!J3（項目 ORG-002）:"
        f" 評価「－」は選択肢にありません（{SCALE_LABELS} から選んでください）。",
        "f.xlsx: '回答(記入済)'!O4（項目 NET-001）: 期限「来月」は日付として読めません（例: 2027/3/31）。",
        "f.xlsx: '回答(記入済)'!Q4（項目 NET-001）: 様式の外（Q列）に記入があります（「メモ」）。"
        "この記入は取り込まれないため、決められた欄に書いてください。",
        f"f.xlsx: '回答(記入済)'!K5:L5（項目 HUM-001）: {MERGED}",
    ]
    before = answers_of(workspace)
    with pytest.raises(TemplateNeedsConfirmation):
        import_template_into_checklist(workspace, path, actor="瑞穂 花子")
    assert answers_of(workspace) == before  # nothing half-imported


def test_a_form_of_some_items_only(workspace: Workspace, auditor: Workspace, tmp_path: Path) -> None:
    """The damaged items go out again as a form of just those items; the department takes it in."""
    part = write_template(workspace, "jumin", YEAR, tmp_path / "part.xlsx", actor="瑞穂 花子",
                          item_ids=["NET-001", "ORG-002"])
    sheet = load_workbook(part)[xt.ANSWERS]
    assert [sheet.cell(row=r, column=3).value for r in (1, 2, 3)] == ["項目ID", "ORG-002", "NET-001"]
    assert load_workbook(part)[xt.COVER]["B6"].value == "2 項目（一部の項目だけの回答用紙）"
    path = fill_rows(part, tmp_path / "f.xlsx", {2: COMPLETE["ORG-002"], 3: {"rating": "いいえ"}})
    assert import_template_into_checklist(workspace, path, actor="瑞穂 花子") == 2
    assert {i: a.rating for i, a in workspace.answers(workspace.checklist("jumin", YEAR)).items()} == {
        "ORG-002": "partial", "NET-001": "not_done"}
    with pytest.raises(KeyError):
        write_template(workspace, "jumin", YEAR, tmp_path / "x.xlsx", actor="瑞穂 花子", item_ids=["NOPE-001"])


def test_the_check_never_writes(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path)
    plan = check_template_for_checklist(workspace, path)
    assert plan.problems == [] and plan.changes == {"ORG-001": ["rating", "note"],
                                                    "ORG-002": ["rating", "note", "plan_content", "plan_owner",
                                                                "plan_due"],
                                                    "NET-001": ["rating", "plan_content", "plan_due"],
                                                    "HUM-001": ["rating", "reason"]}
    assert answers_of(workspace) == {}
    done = apply_template_to_checklist(workspace, plan, actor="瑞穂 花子")
    assert done.changed_items == ["ORG-001", "ORG-002", "NET-001", "HUM-001"]
    entry = [e for e in workspace.store.log_entries() if e.action == "answers_imported"][-1]
    assert entry.details["items"] == 4 and entry.details["fields"] == 12 and entry.details["not_imported"] == []


# -- the auditor ------------------------------------------------------------------------------------------


def test_auditor_refuses_a_workbook_with_damaged_items_listing_everything(auditor: Workspace, tmp_path: Path) -> None:
    blank = write_template(auditor, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="監査 一郎")
    path = fill(blank, tmp_path / "f.xlsx", {**COMPLETE, "HUM-001": {"rating": "－"}})
    mangle(path, lambda wb: wb[xt.ANSWERS].__setitem__("D3", "書き換え"))
    result = import_template_as_submission(auditor, path, actor="監査 一郎")
    assert result.outcome == "refused" and auditor.store.received() == []
    assert result.message.splitlines() == [
        "f.xlsx: 取り込めません（問題 3 件）。",
        "f.xlsx: 回答!D3（項目 ORG-002）: 質問の文が元の様式から書き換えられています。",
        f"f.xlsx: 回答!J5（項目 HUM-001）: 評価「－」は選択肢にありません（{SCALE_LABELS} から選んでください）。",
        "f.xlsx: 取り込めない項目が 2 件あります（ORG-002、HUM-001）。提出にはすべての項目の回答が必要です。"
        "部署に、直した回答用紙を送り直してもらってください。",
    ]


def test_auditor_confirms_a_workbook_whose_answers_are_all_readable(auditor: Workspace, tmp_path: Path) -> None:
    blank = write_template(auditor, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="監査 一郎")
    path = fill(blank, tmp_path / "f.xlsx", COMPLETE)
    mangle(path, lambda wb: wb[xt.ANSWERS].__setitem__("K9", "課長確認済み"))
    result = import_template_as_submission(auditor, path, actor="監査 一郎")
    assert result.outcome == "needs_confirmation" and auditor.store.received() == []
    assert result.message.splitlines() == [
        "f.xlsx: 回答用紙に、取り込まれない記入などの問題が 1 件あります。確認してから取り込んでください"
        "（回答はすべて読めています）。",
        "f.xlsx: 回答!K9: 項目の行ではないところに記入があります（「課長確認済み」）。この記入は取り込まれません。",
    ]
    result = import_template_as_submission(auditor, path, actor="監査 一郎", options=CONFIRMED)
    assert result.outcome == "imported"
    assert "確認のうえ取り込みました: f.xlsx: 回答!K9: 項目の行ではないところに記入があります（「課長確認済み」）。"\
           "この記入は取り込まれません。" in result.warnings
    assert "回答!J2（項目 ORG-001）: 「○」を「実施している」と読みました。" in result.warnings
    snap = json.loads(auditor.store.received(YEAR, "jumin")[-1].snapshot)
    assert {a["item_id"]: a["rating"] for a in snap["answers"]} == {
        "ORG-001": "done", "ORG-002": "partial", "NET-001": "not_done", "HUM-001": "na"}


def test_auditor_refuses_a_form_of_some_items(auditor: Workspace, tmp_path: Path) -> None:
    part = write_template(auditor, "jumin", YEAR, tmp_path / "part.xlsx", actor="監査 一郎", item_ids=["ORG-002"])
    path = fill(fill_rows(part, tmp_path / "f.xlsx", {2: COMPLETE["ORG-002"]}), tmp_path / "f.xlsx", {})
    result = import_template_as_submission(auditor, path, actor="監査 一郎")
    assert result.outcome == "refused"
    assert result.message.splitlines()[-1] == ("f.xlsx: 一部の項目（1 項目）"
                                               "だけの回答用紙です。提出として取り込むには、"
                                               "すべての項目の回答用紙が必要です。")


def test_check_template_raises_only_when_nothing_can_be_taken(workspace: Workspace, template: Path,
                                                             tmp_path: Path) -> None:
    path = filled(template, tmp_path, lambda wb: wb[xt.ANSWERS].__setitem__("J2", "？"))
    answers = check_template(workspace, path, require_approver=False)
    assert [str(p) for p in answers.problems] == [
        f"回答!J2（項目 ORG-001）: 評価「？」は選択肢にありません（{SCALE_LABELS} から選んでください）。"]
    assert answers.problems[0].sheet == "回答" and answers.problems[0].cell == "J2"
    assert answers.problems[0].item_id == "ORG-001"


# -- follow-up items (改善報告 on last year's findings) --------------------------------------------------


def _followup(ws: Workspace) -> None:
    ws.store.add_followups([{"id": 7, "fiscal_year": YEAR - 1, "department_id": "jumin", "grade": "major",
                             "title": "USBメモリの管理", "text": "台帳がない", "recommendation": "台帳を作る"}],
                           file_sha256="f" * 64, actor="瑞穂 花子")


def test_a_followup_row_is_read_like_any_other(workspace: Workspace, tmp_path: Path) -> None:
    _followup(workspace)
    blank = write_template(workspace, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="瑞穂 花子")
    assert load_workbook(blank)[xt.ANSWERS]["C6"].value == "FU-007"
    path = fill_rows(blank, tmp_path / "f.xlsx", {6: {"rating": "一部", "note": "台帳を作成中",
                                                      "plan_content": "台帳を完成させる", "plan_due": "2027/3/31"},
                                                  2: {"rating": "はい"}})
    mangle(path, lambda wb: wb[xt.ANSWERS].__setitem__("D3", "書き換え"))
    plan = check_template_for_checklist(workspace, path)
    assert [str(p) for p in plan.problems] == ["回答!D3（項目 ORG-002）: 質問の文が元の様式から書き換えられています。"]
    assert apply_template_to_checklist(workspace, plan, actor="瑞穂 花子", confirmed=True).changed_items == [
        "ORG-001", "FU-007"]


def test_a_followup_added_after_the_form_was_written_is_not_a_deleted_row(workspace: Workspace,
                                                                         template: Path, tmp_path: Path) -> None:
    path = filled(template, tmp_path)
    _followup(workspace)  # the result notice came in after the form went out
    plan = check_template_for_checklist(workspace, path)
    assert plan.problems == [] and len(plan.answers.rows) == 4


def test_the_auditor_cannot_vouch_for_followups_of_a_changed_form(workspace: Workspace, auditor: Workspace,
                                                                 tmp_path: Path) -> None:
    _followup(workspace)
    blank = write_template(workspace, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="瑞穂 花子")
    path = fill(blank, tmp_path / "f.xlsx", COMPLETE)
    fill_rows(path, path, {6: {"rating": "はい", "note": "台帳を作った"}})
    assert import_template_as_submission(auditor, path, actor="監査 一郎", options=CONFIRMED).outcome == "imported"
    mangle(path, lambda wb: wb[xt.ANSWERS].__setitem__("K9", "メモ"))
    result = import_template_as_submission(auditor, path, actor="監査 一郎", options=CONFIRMED)
    assert result.outcome == "refused"
    assert ("f.xlsx: 回答!C6（項目 FU-007）: 前年度の指摘事項への対応の項目は、様式が変えられた回答用紙では"
            "確かめられません。") in result.message.splitlines()


def test_cells_are_named_on_the_sheet_as_renamed(auditor: Workspace, tmp_path: Path) -> None:
    blank = write_template(auditor, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="監査 一郎")
    path = fill(blank, tmp_path / "f.xlsx", {**COMPLETE, "HUM-001": {"rating": None}})
    mangle(path, lambda wb: setattr(wb[xt.ANSWERS], "title", "住民課 回答"))
    result = import_template_as_submission(auditor, path, actor="監査 一郎", options=CONFIRMED)
    assert result.outcome == "refused"
    assert result.message.splitlines()[1:] == [
        "f.xlsx: 住民課 回答 シート: シートの名前が「回答」から「住民課 回答」に変えられています。",
        "f.xlsx: '住民課 回答'!J5（項目 HUM-001）: 評価が未記入です。"]
