"""The Excel answer template (回答用紙): written protected, read back checked and normalised, imported."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from mizuho_audit.services.intake.trust_checks import ImportOptions
from mizuho_audit.services.submission import excel_template as xt
from mizuho_audit.services.submission.excel_template import (
    TemplateError,
    import_template_as_submission,
    read_template,
    template_to_submission,
    write_template,
)
from mizuho_audit.services.submission.excel_template_checklist import import_template_into_checklist
from mizuho_audit.services.submission.submission import read_submission
from mizuho_audit.services.submission.workflow import Approver, check_complete, snapshot_hash, submit
from mizuho_audit.services.workspace import Workspace

from .auditor_setup import AUDITOR_PASSPHRASE

YEAR = 2026
APPROVER = ("瑞穂 太郎", "住民課長", date(2026, 11, 20))
# jumin's items in the mini checklist, one per row from row 2.
ROWS = {"ORG-001": 2, "ORG-002": 3, "NET-001": 4, "HUM-001": 5}
COMPLETE: dict[str, dict[str, Any]] = {
    "ORG-001": {"rating": "○", "note": "体制表を掲示板に掲示している"},
    "ORG-002": {"rating": "△", "note": "口頭で決めている", "plan_content": "代行者を文書で指名する",
                "plan_owner": "庶務係長", "plan_due": "R9.3.31"},
    "NET-001": {"rating": "×", "plan_content": "全端末でUSBの書き出しを禁止する", "plan_due": "2027/3/31"},
    "HUM-001": {"rating": "対象外", "reason": "研修は来月実施の予定のため"},
}
SCALE_LABELS = "実施している／一部実施している／実施していない／該当しない"

CONFIRMED = ImportOptions(confirm_changes=True)  # the auditor looked at the problems and confirmed


@pytest.fixture
def auditor(tmp_path: Path, mini_dir: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                        passphrase=AUDITOR_PASSPHRASE)
    yield ws
    ws.close()


def fill(src: Path, dst: Path, answers: dict[str, dict[str, Any]],
         approver: tuple[Any, Any, Any] | None = APPROVER) -> Path:
    """Fill a template as a department would (openpyxl ignores the sheet protection, like a careless user)."""
    wb = load_workbook(src)
    sheet = wb[xt.ANSWERS]
    for item_id, values in answers.items():
        row = ROWS[item_id]
        assert sheet.cell(row=row, column=xt.ID_COL + 1).value == item_id
        for f, value in values.items():
            sheet.cell(row=row, column=xt.COL[f] + 1).value = value
    if approver is not None:
        cover = wb[xt.COVER]
        for cells in cover.iter_rows(min_col=1, max_col=2):
            for key, value in zip(("name", "title", "date"), approver, strict=True):
                if cells[0].value == xt.APPROVER_LABELS[key]:
                    cells[1].value = value
    wb.save(dst)
    return dst


def edit(path: Path, sheet_name: str, cell: str, value: Any) -> Path:
    wb = load_workbook(path)
    wb[sheet_name][cell] = value
    wb.save(path)
    return path


def meta_cell(path: Path, key: str) -> str:
    wb = load_workbook(path)
    for row in wb[xt.META].iter_rows():
        if row[0].value == key:
            return str(row[1].coordinate)
    raise KeyError(key)


@pytest.fixture
def template(workspace: Workspace, tmp_path: Path) -> Path:
    return write_template(workspace, "jumin", YEAR, tmp_path / "回答用紙_住民課.xlsx", actor="瑞穂 花子")


def test_template_is_protected_with_lists_dates_and_print_setup(workspace: Workspace, template: Path) -> None:
    wb = load_workbook(template)
    assert wb.sheetnames == [xt.COVER, xt.ANSWERS, xt.LISTS, xt.META]
    assert wb[xt.LISTS].sheet_state == wb[xt.META].sheet_state == "veryHidden"
    assert wb.security.lockStructure
    sheet = wb[xt.ANSWERS]
    assert [c.value for c in sheet[1]] == list(xt.HEADERS)
    assert sheet.protection.sheet and not sheet.protection.password
    item = workspace.checklist("jumin", YEAR).questionnaire.item("ORG-001")
    row = {h: sheet.cell(row=2, column=i + 1) for i, h in enumerate(xt.HEADERS)}
    assert row["質問"].value == item.question and row["判断基準（実施している）"].value == item.criteria_done
    assert row["判断基準（一部実施している）"].value == item.criteria_partial
    assert row["質問"].protection.locked and not row["評価"].protection.locked and not row["期限"].protection.locked
    # The rating list comes from a range on the hidden sheet, never an inline list; no text over 255 characters.
    dvs = sheet.data_validations.dataValidation
    rating = next(dv for dv in dvs if dv.type == "list")
    assert rating.formula1 == xt.RATING_NAME and not rating.formula1.startswith('"')
    assert [wb[xt.LISTS].cell(row=i, column=1).value for i in range(1, 5)] == \
        ["実施している", "一部実施している", "実施していない", "該当しない"]
    assert any(dv.type == "date" and "O2:O5" in str(dv.sqref) for dv in dvs)
    assert all(len(dv.prompt or "") <= 255 and len(dv.formula1 or "") <= 255 for dv in dvs)
    assert sheet.freeze_panes == "D2"
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4)
    assert "取扱注意" in sheet.oddHeader.center.text and "取扱注意" in wb[xt.COVER].oddHeader.center.text
    meta = {r[0].value: r[1].value for r in wb[xt.META].iter_rows()}
    assert meta["department_id"] == "jumin" and meta["fiscal_year"] == "2026" and len(meta["checksum"]) == 64
    cover_text = " ".join(str(c.value) for r in wb[xt.COVER].iter_rows() for c in r if c.value)
    assert "承認者 氏名" in cover_text and "該当しない理由" in cover_text


# The town's spellings (issue 14): exactly these, the labels and the keys; spaces and line breaks around ignored.
ACCEPTED = {
    "done": ["1", "１", "○", "はい", "実施", "実施している", "done"],
    "partial": ["2", "２", "△", "一部", "一部実施している", "partial"],
    "not_done": ["3", "３", "×", "いいえ", "未実施", "実施していない", "not_done"],
    "na": ["4", "４", "該当なし", "対象外", "該当しない", "na"],
}


@pytest.mark.parametrize(("typed", "key"), [(t, k) for k, spellings in ACCEPTED.items() for t in spellings] + [
    ("  実施している ", "done"), ("　はい　", "done"), ("\n×\n", "not_done"), (2, "partial"), (4.0, "na"),
    ("ＤＯＮＥ", "done"),
])
def test_every_accepted_spelling_is_read_and_listed(workspace: Workspace, template: Path, tmp_path: Path,
                                                    typed: Any, key: str) -> None:
    answers = read_template(workspace, fill(template, tmp_path / "f.xlsx", {"ORG-001": {"rating": typed}}))
    assert answers.rows[0].item_id == "ORG-001" and answers.rows[0].rating == key
    label = workspace.catalog.find("mini", "2026.1").option(key).label  # type: ignore[union-attr]
    shown = str(typed).strip() if not isinstance(typed, float) else "4"
    expected = [] if shown == label else [f"回答!J2（項目 ORG-001）: 「{shown}」を「{label}」と読みました。"]
    assert [str(n) for n in answers.notes] == expected


@pytest.mark.parametrize("typed", ["－", "-", "ー", "―", "N/A", "ｎ／ａ", "済", "◯", "〇", "①", "5", "実施して いる",
                                   "はい、実施", "ｼﾞｯｼ", "YES"])
def test_anything_else_is_a_problem_never_a_guess(workspace: Workspace, template: Path, tmp_path: Path,
                                                  typed: str) -> None:
    msg = _refused(workspace, fill(template, tmp_path / "f.xlsx", {"ORG-001": {"rating": typed}}))
    assert msg == ("f.xlsx: 回答!J2（項目 ORG-001）:"
                   f" 評価「{typed}」は選択肢にありません（{SCALE_LABELS} から選んでください）。")


def test_the_spellings_are_the_questionnaires_data(mini_dir: Path, tmp_path: Path) -> None:
    """A town that adds a spelling to its scale gets it in both imports; the checklist's hash does not change."""
    from mizuho_audit.questionnaires.catalog import load_catalog

    before = load_catalog(mini_dir).questionnaires[0]
    path = mini_dir / "mini-2026.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"○", "はい", "実施"]', '"○", "はい", "実施", "〇"]', 1), encoding="utf-8")
    after = load_catalog(mini_dir).questionnaires[0]
    assert after.option("done").aliases[-1] == "〇" and after.content_hash == before.content_hash
    ws = Workspace.open(tmp_path / "t.db", shipped_dir=mini_dir, town_dir=tmp_path / "town")
    try:
        blank = write_template(ws, "jumin", YEAR, tmp_path / "blank.xlsx", actor="瑞穂 花子")
        answers = read_template(ws, fill(blank, tmp_path / "f.xlsx", {"ORG-001": {"rating": "〇"}}))
    finally:
        ws.close()
    assert answers.rows[0].rating == "done"
    assert [str(n) for n in answers.notes] == ["回答!J2（項目 ORG-001）: 「〇」を「実施している」と読みました。"]


def test_a_spelling_on_two_options_is_refused_by_the_loader(mini_dir: Path) -> None:
    from mizuho_audit.questionnaires.catalog import load_catalog
    from mizuho_audit.questionnaires.problems import ValidationFailed

    path = mini_dir / "mini-2026.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"４", "該当なし"', '"４", "はい", "該当なし"', 1), encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        load_catalog(mini_dir)
    [problem] = [str(p) for p in info.value.problems]
    assert "書き方「はい」が評価「実施している」と「該当しない」の両方に付いています" in problem
    assert "mini-2026.yaml:" in problem and "aliases" in problem


@pytest.mark.parametrize("typed", ["2027/3/31", "2027-03-31", "R9.3.31", "令和9年3月31日", "２０２７／３／３１",
                                   date(2027, 3, 31), datetime(2027, 3, 31)])
def test_dates_are_normalised(workspace: Workspace, template: Path, tmp_path: Path, typed: Any) -> None:
    path = fill(template, tmp_path / "f.xlsx", {"ORG-002": {"rating": "△", "plan_due": typed}})
    row = read_template(workspace, path).rows[1]
    assert row.item_id == "ORG-002" and row.plan_due == "2027-03-31"


@pytest.mark.parametrize(("text", "iso"), [("令和元年5月1日", "2019-05-01"), ("H31.4.30", "2019-04-30"),
                                           ("r9/3/31", "2027-03-31"), ("2027年3月31日", "2027-03-31"),
                                           ("R1.4.30", None), ("27/3/31", None), ("2027/2/30", None),
                                           ("来年3月", None), ("3/31", None)])
def test_only_unambiguous_date_text_is_read(text: str, iso: str | None) -> None:
    assert xt._parse_date_text(text) == iso


def test_messy_workbook_reads_back_normalised(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    answers = read_template(workspace, fill(template, tmp_path / "f.xlsx", COMPLETE))
    got = {r.item_id: r for r in answers.rows}
    assert {i: r.rating for i, r in got.items()} == {"ORG-001": "done", "ORG-002": "partial", "NET-001": "not_done",
                                                     "HUM-001": "na"}
    assert got["ORG-002"].plan_due == got["NET-001"].plan_due == "2027-03-31"
    assert got["ORG-002"].plan_owner == "庶務係長" and got["HUM-001"].reason == "研修は来月実施の予定のため"
    assert answers.approver == Approver("瑞穂 太郎", "住民課長", "2026-11-20")
    assert [str(n) for n in answers.notes] == [
        "回答!J2（項目 ORG-001）: 「○」を「実施している」と読みました。",
        "回答!J3（項目 ORG-002）: 「△」を「一部実施している」と読みました。",
        "回答!O3（項目 ORG-002）: 期限「R9.3.31」を 2027/3/31 と読みました。",
        "回答!J4（項目 NET-001）: 「×」を「実施していない」と読みました。",
        "回答!J5（項目 HUM-001）: 「対象外」を「該当しない」と読みました。",
    ]
    assert answers.problems == [] and answers.damaged == []


def _refused(workspace: Workspace, path: Path, *, department_id: str | None = None) -> str:
    with pytest.raises(TemplateError) as info:
        read_template(workspace, path, department_id=department_id)
    return str(info.value)


def test_value_off_the_scale_and_bad_dates_are_all_listed_at_once(workspace: Workspace, template: Path,
                                                                   tmp_path: Path) -> None:
    path = fill(template, tmp_path / "f.xlsx", {**COMPLETE, "ORG-002": {"rating": "よくできている"},
                                                "NET-001": {"plan_due": "2027/13/1"},
                                                "HUM-001": {"rating": "対象外", "plan_due": "来年の3月ごろ"}})
    assert _refused(workspace, path).splitlines() == [
        "f.xlsx: 回答!J3（項目 ORG-002）:"
        f" 評価「よくできている」は選択肢にありません（{SCALE_LABELS} から選んでください）。",
        "f.xlsx: 回答!O4（項目 NET-001）: 期限「2027/13/1」は日付として読めません（例: 2027/3/31）。",
        "f.xlsx: 回答!O5（項目 HUM-001）: 期限「来年の3月ごろ」は日付として読めません（例: 2027/3/31）。",
    ]


def test_edited_checksum_is_refused(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = fill(template, tmp_path / "f.xlsx", COMPLETE)
    edit(path, xt.META, meta_cell(path, "checksum"), "0" * 64)
    assert "_meta シート: チェックサムが一致しません" in _refused(workspace, path)


def test_unknown_questionnaire_version_is_refused(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = fill(template, tmp_path / "f.xlsx", COMPLETE)
    edit(path, xt.META, meta_cell(path, "content_hash"), "f" * 64)
    assert "_meta シート: チェックリスト「mini」（版 2026.1）はこのデータベースに登録されていません" in \
        _refused(workspace, path)


def test_wrong_department_is_refused(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    msg = _refused(workspace, fill(template, tmp_path / "f.xlsx", COMPLETE), department_id="zeimu")
    assert msg == "f.xlsx: 表紙!B3: この回答用紙は 住民課（jumin）のものです。取り込み先は 税務課（zeimu）です。"


def test_missing_approver_is_refused(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    msg = _refused(workspace, fill(template, tmp_path / "f.xlsx", COMPLETE, approver=("瑞穂 太郎", None, "先週")))
    assert msg.splitlines() == ["f.xlsx: 表紙!B22: 承認者の職名がありません。承認を受けて記入してください。",
                                "f.xlsx: 表紙!B23: 承認日「先週」は日付として読めません（例: 2027/3/31）。"]


def test_text_file_renamed_xlsx_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "回答.xlsx"
    path.write_text("評価,実施している\n", encoding="utf-8")
    assert "回答.xlsx: Excelファイル（.xlsx）として読めません" in _refused(workspace, path)


def test_other_workbook_is_not_the_template(workspace: Workspace, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active["A1"] = "評価"
    wb.save(tmp_path / "other.xlsx")
    assert "自己点検の回答用紙ではありません（管理用の _meta シートがありません）" in \
        _refused(workspace, tmp_path / "other.xlsx")


def test_zip_bomb_member_is_refused_before_opening(workspace: Workspace, template: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/media/image1.bin", b"\0" * 1000)
    raw = bytearray(bomb.read_bytes())
    entry = raw.rindex(b"PK\x01\x02")  # the central directory entry of the member written last
    assert raw[entry + 46:entry + 46 + len("xl/media/image1.bin")] == b"xl/media/image1.bin"
    raw[entry + 24:entry + 28] = (4_000_000_000).to_bytes(4, "little")  # declares 4 GB once unpacked
    bomb.write_bytes(bytes(raw))
    opened: list[object] = []
    monkeypatch.setattr(xt, "load_workbook", lambda *a, **k: opened.append(a))
    assert "bomb.xlsx: 展開後のサイズが大きすぎます" in _refused(workspace, bomb)
    assert opened == []


def test_file_over_the_size_limit_is_refused(workspace: Workspace, template: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xt, "MAX_FILE_BYTES", 1000)
    assert f"{template.name}: ファイルが大きすぎます" in _refused(workspace, template)


def test_round_trip_into_the_auditors_database(auditor: Workspace, tmp_path: Path) -> None:
    blank = write_template(auditor, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="監査 一郎")
    assert auditor.store.assessments() == []  # the auditor's database gets no department checklist
    path = fill(blank, tmp_path / "回答_住民課.xlsx", COMPLETE)
    result = import_template_as_submission(auditor, path, actor="監査 一郎")
    assert result.outcome == "imported", result.message
    assert result.signature == "unsigned" and any("改ざんは防げません" in w for w in result.warnings)
    received = auditor.store.received(YEAR, "jumin")[-1]
    assert (received.file_kind, received.signature_status, received.submission_version) == ("xlsx", "unsigned", 1)
    snap = json.loads(received.snapshot)
    assert snapshot_hash(snap) == received.snapshot_hash
    assert {a["item_id"]: a["rating"] for a in snap["answers"]} == {
        "ORG-001": "done", "ORG-002": "partial", "NET-001": "not_done", "HUM-001": "na"}
    assert snap["approver"] == {"name": "瑞穂 太郎", "title": "住民課長", "date": "2026-11-20"}

    assert import_template_as_submission(auditor, path, actor="監査 一郎").outcome == "duplicate"
    resaved = tmp_path / "再保存.xlsx"
    load_workbook(path).save(resaved)  # other bytes, same content
    assert import_template_as_submission(auditor, resaved, actor="監査 一郎").outcome == "duplicate"

    changed = fill(path, tmp_path / "再提出.xlsx", {"ORG-001": {"rating": "△", "plan_content": "掲示を更新する",
                                                                "plan_due": "令和9年3月31日"}})
    again = import_template_as_submission(auditor, changed, actor="監査 一郎")
    assert again.outcome == "needs_confirmation"
    assert {(c.item_id, c.field, c.new) for c in again.changes} >= {("ORG-001", "rating", "partial")}
    again = import_template_as_submission(auditor, changed, actor="監査 一郎", options=CONFIRMED)
    assert again.outcome == "imported" and auditor.store.received(YEAR, "jumin")[-1].submission_version == 2


def test_envelope_reads_like_an_unsigned_json_submission(auditor: Workspace, tmp_path: Path) -> None:
    blank = write_template(auditor, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="監査 一郎")
    path = fill(blank, tmp_path / "f.xlsx", COMPLETE)
    envelope = template_to_submission(auditor, read_template(auditor, path), path)
    out = tmp_path / "f.json"
    out.write_text(json.dumps(envelope, ensure_ascii=False), encoding="utf-8")
    sf = read_submission(out)
    assert sf.signature_status == "unsigned" and sf.snapshot["department"]["id"] == "jumin"


def test_incomplete_workbook_is_refused_by_the_auditor(auditor: Workspace, workspace: Workspace,
                                                       tmp_path: Path) -> None:
    blank = write_template(auditor, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="監査 一郎")
    path = fill(blank, tmp_path / "f.xlsx", {**COMPLETE, "ORG-002": {"rating": "△"}, "HUM-001": {"rating": None}})
    result = import_template_as_submission(auditor, path, actor="監査 一郎")
    assert result.outcome == "refused"
    assert result.message.splitlines() == ["f.xlsx: 取り込めません（問題 2 件）。",
                                           "f.xlsx: 回答!M3（項目 ORG-002）"
                                           ": 改善計画の内容・改善計画の期限が未記入です。",
                                           "f.xlsx: 回答!J5（項目 HUM-001）: 評価が未記入です。"]
    assert auditor.store.received() == []
    assert import_template_as_submission(workspace, path, actor="x").outcome == "refused"  # not an auditor's db


def test_round_trip_into_the_departments_checklist(workspace: Workspace, tmp_path: Path) -> None:
    cl = workspace.checklist("jumin", YEAR)
    workspace.save(cl, "ORG-001", "note", "前から書いてあった根拠", "瑞穂 花子")
    blank = write_template(workspace, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="瑞穂 花子")
    assert load_workbook(blank)[xt.ANSWERS]["K2"].value == "前から書いてあった根拠"  # current answers filled in
    path = fill(blank, tmp_path / "f.xlsx", {k: v for k, v in COMPLETE.items() if k != "ORG-001"} |
                {"ORG-001": {"rating": "実施している"}}, approver=None)
    changed = import_template_into_checklist(workspace, path, actor="瑞穂 花子")
    assert changed == 4  # items, not the 11 fields
    answers = workspace.answers(cl)
    assert answers["ORG-001"].note == "前から書いてあった根拠" and answers["ORG-002"].plan_due == "2027-03-31"
    assert answers["HUM-001"].rating == "na" and check_complete(workspace, cl) == []
    assert import_template_into_checklist(workspace, path, actor="瑞穂 花子") == 0  # nothing new
    with pytest.raises(TemplateError, match="取り込み先は 税務課"):
        import_template_into_checklist(workspace, path, actor="瑞穂 花子", department_id="zeimu")
    submit(workspace, cl, Approver("瑞穂 太郎", "住民課長", "2026-11-20"), "瑞穂 花子")
    with pytest.raises(TemplateError, match="提出済みのため取り込めません"):
        import_template_into_checklist(workspace, path, actor="瑞穂 花子")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler not installed")
def test_libreoffice_prints_the_template(workspace: Workspace, template: Path, tmp_path: Path) -> None:
    path = fill(template, tmp_path / "filled.xlsx", COMPLETE)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "filled.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert "取扱注意" in flat and "回答用紙" in flat and "瑞穂太郎" in flat and "ORG-002" in flat


def test_text_that_looks_like_a_formula_stays_text(workspace: Workspace, tmp_path: Path) -> None:
    cl = workspace.checklist("jumin", YEAR)
    workspace.save(cl, "ORG-001", "note", '=HYPERLINK("http://example.invalid","根拠")', "瑞穂 花子")
    path = write_template(workspace, "jumin", YEAR, tmp_path / "jumin.xlsx", actor="瑞穂 花子")
    cell = load_workbook(path)[xt.ANSWERS]["K2"]
    assert cell.data_type == "s"
    assert read_template(workspace, path, require_approver=False).rows[0].note.startswith("=HYPERLINK(")
