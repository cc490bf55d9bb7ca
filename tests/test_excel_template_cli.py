"""Issue 14 from the command line, with the shipped checklist: a workbook with two impossible ratings and
four accepted spellings reports both cells in one run and changes nothing; corrected, it imports with
the four read as intended, each reinterpretation listed on stdout — for the department's
``answers import`` and for the auditor's ``import`` alike."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from mizuho_audit.cli import run
from mizuho_audit.services.submission import excel_template as xt
from mizuho_audit.services.workspace import Workspace

SCALE_LABELS = "実施している／一部実施している／実施していない／該当しない"
YEAR = "2026"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", "audit-secret-1")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def item_rows(path: Path) -> dict[int, str]:
    sheet = load_workbook(path)[xt.ANSWERS]
    return {r: str(sheet.cell(row=r, column=xt.ID_COL + 1).value) for r in range(2, sheet.max_row + 1)}


def write_cells(path: Path, values: dict[str, Any], approver: bool = False) -> Path:
    wb = load_workbook(path)
    for cell, value in values.items():
        wb[xt.ANSWERS][cell] = value
    if approver:
        cover = wb[xt.COVER]
        for cells in cover.iter_rows(min_col=1, max_col=2):
            for key, value in (("name", "瑞穂 太郎"), ("title", "住民課長"), ("date", "令和8年11月20日")):
                if cells[0].value == xt.APPROVER_LABELS[key]:
                    cells[1].value = value
    wb.save(path)
    return path


# Rows 2-7 of the 回答 sheet: four spellings that read as intended, two that are impossible ("－", "済").
HURRIED = {"J2": "○", "J3": "はい", "J4": "２", "J5": "対象外", "J6": "－", "J7": "済"}
CORRECTED = {"J6": "実施している", "J7": "実施している"}
READ_AS = {2: ("○", "実施している", "done"), 3: ("はい", "実施している", "done"),
           4: ("２", "一部実施している", "partial"), 5: ("対象外", "該当しない", "na")}


def test_department_answers_import(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(env / "dept.db"), "--role", "department", "--user", "瑞穂 花子"]
    blank = env / "blank.xlsx"
    assert run([*db, "export", "template", "--department", "jumin", "--year", YEAR, "--out", str(blank)]) == 0
    ids = item_rows(blank)
    path = write_cells(blank, {**HURRIED, "L5": "住民課には該当する業務がない", "M4": "手順書を作る",
                               "O4": date(2027, 3, 31)})
    imp = [*db, "answers", "import", "--department", "jumin", "--year", YEAR, str(path)]
    capsys.readouterr()

    assert run(imp) == 1
    err = capsys.readouterr().err
    assert f"  回答!J6（項目 {ids[6]}）: 評価「－」は選択肢にありません（{SCALE_LABELS} から選んでください）。" in err
    assert f"  回答!J7（項目 {ids[7]}）: 評価「済」は選択肢にありません（{SCALE_LABELS} から選んでください）。" in err
    assert "回答用紙に問題が 2 件あります（取り込めない項目 2 件）。" in err
    assert "問題のない項目だけを取り込むには --yes を付けてください。" in err
    ws = Workspace.open(env / "dept.db")
    try:
        assert ws.answers(ws.checklist("jumin", 2026)) == {}  # nothing changed
    finally:
        ws.close()

    write_cells(path, CORRECTED)
    assert run(imp) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("blank.xlsx: Excel 回答用紙を取り込みました（取り込んだ項目 6 件、"
                                   "うち回答が変わった項目 6 件）。")
    assert "表記を読み替えた欄（4 件）:" in out
    for row, (typed, label, _key) in READ_AS.items():
        assert f"  回答!J{row}（項目 {ids[row]}）: 「{typed}」を「{label}」と読みました。" in out
    ws = Workspace.open(env / "dept.db")
    try:
        got = ws.answers(ws.checklist("jumin", 2026))
    finally:
        ws.close()
    assert {ids[r]: got[ids[r]].rating for r in READ_AS} == {ids[r]: key for r, (_t, _l, key) in READ_AS.items()}
    assert got[ids[6]].rating == got[ids[7]].rating == "done"


def test_department_import_with_yes_takes_the_rest(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(env / "dept.db"), "--role", "department", "--user", "瑞穂 花子"]
    blank = env / "blank.xlsx"
    assert run([*db, "export", "template", "--department", "jumin", "--year", YEAR, "--out", str(blank)]) == 0
    ids = item_rows(blank)
    path = write_cells(blank, {**HURRIED, "D3": "書き換えた質問"})
    capsys.readouterr()
    assert run([*db, "answers", "import", "--department", "jumin", "--year", YEAR, "--yes", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("blank.xlsx: Excel 回答用紙を取り込みました（取り込んだ項目 3 件、"
                                   "うち回答が変わった項目 3 件）。")
    assert (f"取り込まなかった項目（3 件）: アプリで入力するか、その項目だけの回答用紙に記入してください"
            f"（{ids[3]}、{ids[6]}、{ids[7]}）。") in out
    assert f"  回答!D3（項目 {ids[3]}）: 質問の文が元の様式から書き換えられています。" in out


def test_auditor_import(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(env / "audit.db"), "--role", "auditor", "--user", "監査 一郎"]
    blank = env / "回答_住民課.xlsx"
    assert run([*db, "export", "template", "--department", "jumin", "--year", YEAR, "--out", str(blank)]) == 0
    ids = item_rows(blank)
    everything = {f"J{r}": "実施している" for r in ids}  # a complete workbook: every other item 実施している
    path = write_cells(blank, {**everything, **HURRIED, "L5": "住民課には該当する業務がない", "M4": "手順書を作る",
                               "O4": "2027/3/31"}, approver=True)
    capsys.readouterr()

    assert run([*db, "import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "[拒否] 回答_住民課.xlsx: 取り込めません（問題 3 件）。" in out
    assert (f"回答_住民課.xlsx: 回答!J6（項目 {ids[6]}）: 評価「－」は選択肢にありません"
            f"（{SCALE_LABELS} から選んでください）。") in out
    assert (f"回答_住民課.xlsx: 回答!J7（項目 {ids[7]}）: 評価「済」は選択肢にありません"
            f"（{SCALE_LABELS} から選んでください）。") in out
    assert (f"回答_住民課.xlsx: 取り込めない項目が 2 件あります（{ids[6]}、{ids[7]}）。提出にはすべての項目の回答が"
            "必要です。部署に、直した回答用紙を送り直してもらってください。") in out
    assert "取込 0、変更なし 0、要確認 0、拒否 1" in out

    write_cells(path, CORRECTED)
    assert run([*db, "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[取込] 回答_住民課.xlsx: 住民課 の回答用紙（Excel・未署名）を取り込みました。" in out
    for row, (typed, label, _key) in READ_AS.items():
        assert f"    注意: 回答!J{row}（項目 {ids[row]}）: 「{typed}」を「{label}」と読みました。" in out
    assert "    注意: 表紙!B23: 承認日「令和8年11月20日」を 2026/11/20 と読みました。" in out
    ws = Workspace.open(env / "audit.db", passphrase="audit-secret-1")
    try:
        snap = json.loads(ws.store.received(2026, "jumin")[-1].snapshot)
    finally:
        ws.close()
    ratings = {a["item_id"]: a["rating"] for a in snap["answers"]}
    assert {ids[r]: ratings[ids[r]] for r in READ_AS} == {ids[r]: key for r, (_t, _l, key) in READ_AS.items()}
    assert snap["approver"]["date"] == "2026-11-20"
