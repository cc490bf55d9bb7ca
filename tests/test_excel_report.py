"""The auditor's Excel workbook: what a reader finds in it, how it prints, and that a failure leaves no file."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from mizuho_audit.services.findings import findings
from mizuho_audit.services.intake.consolidation import consolidate
from mizuho_audit.services.intake.intake import import_submission
from mizuho_audit.services.reports.excel_report import write_audit_workbook
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.workspace import Workspace

from .auditor_setup import AUDITOR_PASSPHRASE, answer, build
from .test_submission_pdf import poppler

SHEETS = ["概要", "ヒートマップ", "部署別", "指摘事項", "改善計画", "全回答"]
TODAY = date(2026, 11, 26)
ACTOR = "監査 一郎"


@pytest.fixture
def desk(tmp_path: Path, mini_dir: Path) -> Iterator[Workspace]:
    dept, aud = build(tmp_path, mini_dir, {
        "jumin": {"ORG-001": "partial", "NET-001": "not_done"},
        "zeimu": {"ORG-001": "partial", "NET-001": "partial", "ORG-002": "na"},
        "kosodate": {"ORG-001": "partial", "ORG-002": "na", "HUM-001": "not_done"},
        "kikaku": {"NET-002": "partial"},
        "hisho": {},
    })
    assert findings.propose(aud, 2026, ACTOR)
    yield aud
    dept.close()
    aud.close()


@pytest.fixture
def book(desk: Workspace, tmp_path: Path) -> Path:
    return write_audit_workbook(desk, 2026, tmp_path / "out" / "監査結果.xlsx", actor=ACTOR, now=TODAY)


def _rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


def _find(sheet: Worksheet, text: str) -> tuple[int, int]:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(f"{text} not on {sheet.title}")


def test_summary_and_heat_map_carry_the_consolidated_scores(desk: Workspace, book: Path) -> None:
    wb = load_workbook(book)
    assert wb.sheetnames == SHEETS
    cons = consolidate(desk, 2026)
    assert cons.town.total.score is not None
    town = round(cons.town.total.score, 1)

    summary = wb["概要"]
    assert summary["A1"].value == "令和8年度 情報セキュリティ自己点検 結果"
    assert "作成日 令和8年11月26日" in summary["A2"].value
    r, c = _find(summary, "町全体の点数（100点満点・重要度で重み付け）")
    assert summary.cell(r, c + 1).value == town
    r, c = _find(summary, "未提出")
    assert summary.cell(r, c + 1).value == len(cons.missing)
    r, c = _find(summary, "該当しない")  # the rating, counted over every answer
    assert summary.cell(r, c + 1).value == 2
    assert len(summary._charts) == 1

    heat = wb["ヒートマップ"]
    rows = _rows(heat)
    assert rows[1][:2] == ("町全体", "（全提出部署）") and rows[1][-1] == town
    assert rows[0][-1] == "合計" and str(rows[0][2]).startswith("1 ")
    by_name = {row[1]: row for row in rows[2:] if row[1]}
    assert by_name["住民課"][2] == round(100 * 2 / 3, 1)  # chapter 1: (1 + 1) / 3
    assert by_name["住民課"][-1] == 50.0
    assert len(heat.conditional_formatting) == 1

    departments = [row for row in _rows(wb["部署別"]) if row[2]]  # the rows of the table (a legend follows)
    assert len(departments) - 1 == len(desk.catalog.master.departments)
    jumin = next(row for row in departments if row[1] == "住民課")
    assert jumin[2] == "提出済" and jumin[9] == 50.0
    assert any(row[2] == "未提出" for row in departments)


def test_findings_plans_and_every_answer_are_listed(desk: Workspace, book: Path) -> None:
    wb = load_workbook(book)
    found = desk.store.findings(2026)
    sheet = wb["指摘事項"]
    rows = _rows(sheet)
    assert rows[0][:3] == ("番号", "区分", "部署")
    assert len(rows) - 1 == len(found)
    assert rows[1][1] == "重大"  # the most serious first
    assert {row[2] for row in rows[1:]} >= {"住民課", "全庁"}
    due = sheet.cell(2, 8)
    assert due.value == datetime(2027, 3, 31) and "ggge" in due.number_format  # a date shown in 和暦

    answers = [a for r in desk.store.received(2026) for a in json.loads(r.snapshot)["answers"]]
    plans = [row for row in _rows(wb["改善計画"]) if row[2]]
    assert len(plans) - 1 == sum(1 for a in answers if a["plan_content"])
    assert {row[5] for row in plans[1:]} == {"一部実施している", "実施していない"}

    every = wb["全回答"]
    rows = _rows(every)
    assert rows[0] == ("部署", "章", "項目", "質問", "重要度", "評価", "点数", "実施状況・根拠／\n該当しない理由",
                       "改善計画（担当・期限）", "添付")
    assert len(rows) - 1 == len(answers)
    assert every.auto_filter.ref == f"A1:J{len(answers) + 1}"
    na = next(row for row in rows[1:] if row[5] == "該当しない")
    assert na[6] is None and na[7] == "（該当しない理由）該当なし"  # no score, with its reason
    partial = next(row for row in rows if row[0] == "住民課" and row[2] == "ORG-001")
    assert (partial[1], partial[6]) == ("1 組織体制", 50)
    assert partial[8] == "ORG-001 を改善する\n（期限: 令和9年3月31日）"


def test_every_sheet_prints_marked_and_holds_no_formula(book: Path, desk: Workspace) -> None:
    wb = load_workbook(book)
    for sheet in wb.worksheets:
        assert sheet.freeze_panes, sheet.title
        assert sheet.print_title_rows, sheet.title
        assert sheet.oddHeader.center.text == "取扱注意"
        assert "&A" in sheet.oddFooter.left.text and "&P" in sheet.oddFooter.center.text
        assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.fitToWidth == 1  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                assert not (isinstance(cell.value, str) and cell.value.startswith("=")), cell.coordinate
    assert wb["全回答"].print_title_rows == "$1:$1" and wb["全回答"].page_setup.orientation == "landscape"
    assert wb["全回答"].freeze_panes == "D2"  # the department, chapter and item stay in view
    last = desk.store.log_entries()[-1]
    assert last.action == "excel_exported" and last.actor == ACTOR and last.details["file"] == book.name


def _lo_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _word_heights(pdf: Path, sheet: str) -> list[float]:
    """Heights of the words on the printed pages of ``sheet`` (named in each page's footer), header row and
    page furniture left out: how large the table's text comes out on paper."""
    import html

    doc = poppler("pdftotext", "-bbox", str(pdf), "-")
    heights = []
    for page in doc.split("<page ")[1:]:
        words = [(float(y1), float(y2), html.unescape(text))
                 for y1, y2, text in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)]
        if not any(text == sheet for *_, text in words):
            continue
        heights += [y2 - y1 for y1, y2, _text in words if 80 < y1 < 520]
    return heights


@pytest.mark.slow
@pytest.mark.skipif(_lo_binary() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_it_to_pdf(book: Path, tmp_path: Path) -> None:
    binary = _lo_binary()
    assert binary is not None
    out = tmp_path / "pdf"
    # A profile of its own, so that a LibreOffice already running (or another test) does not interfere.
    proc = subprocess.run([binary, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(out), str(book)],
                          capture_output=True, text=True, timeout=240, check=False)
    assert proc.returncode == 0, proc.stderr
    # LibreOffice without Java says so on every run; anything else is an error.
    errors = [line for line in proc.stderr.splitlines() if line.strip() and "javaldx" not in line]
    assert errors == []
    pdf = out / f"{book.stem}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    # 全回答 prints at a size people read (10 pt text at full size is about 12 pt tall here; it was 6 pt).
    heights = sorted(_word_heights(pdf, "全回答"))
    assert heights and heights[len(heights) // 2] >= 9.0, heights[len(heights) // 2]
    # Chapter names break between words only (the old layout printed 「セキュリテ」 / 「ィ」).
    text = poppler("pdftotext", "-layout", str(pdf), "-")
    assert not re.search(r"セキュリテ\s*\n\s*ィ", text) and "セキュリティ" in text


def test_a_failure_while_saving_leaves_no_file(desk: Workspace, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "監査結果.xlsx"

    def broken_save(self: Workbook, filename: object) -> None:
        if hasattr(filename, "write"):
            filename.write(b"PK\x03\x04 half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(Workbook, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        write_audit_workbook(desk, 2026, target, actor=ACTOR, now=TODAY)
    assert not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []
    assert desk.store.log_entries()[-1].action != "excel_exported"

    monkeypatch.undo()
    write_audit_workbook(desk, 2026, target, actor=ACTOR, now=TODAY)
    before = target.read_bytes()
    monkeypatch.setattr(Workbook, "save", broken_save)
    with pytest.raises(OSError):
        write_audit_workbook(desk, 2026, target, actor=ACTOR, now=TODAY)
    assert target.read_bytes() == before  # the previous workbook is left as it was
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_cancel_from_progress_writes_nothing(desk: Workspace, tmp_path: Path) -> None:
    seen: list[str] = []

    def progress(done: int, total: int, text: str) -> None:
        seen.append(text)
        if text == "全回答":
            raise KeyboardInterrupt  # what a cancel does: an exception out of the callback

    with pytest.raises(KeyboardInterrupt):
        write_audit_workbook(desk, 2026, tmp_path / "x.xlsx", actor=ACTOR, progress=progress)
    assert not (tmp_path / "x.xlsx").exists() and seen[0] == "集計"
    done: list[tuple[int, int]] = []
    write_audit_workbook(desk, 2026, tmp_path / "x.xlsx", actor=ACTOR, progress=lambda d, t, _: done.append((d, t)))
    assert done[-1][0] == done[-1][1]


def test_followup_reports_and_text_that_looks_like_a_formula(tmp_path: Path, mini_dir: Path) -> None:
    """Last year's finding comes back as an 改善報告 answer; a note starting with "=" stays text."""
    aud = Workspace.open(tmp_path / "a.db", shipped_dir=mini_dir, town_dir=tmp_path / "t", role="auditor",
                         passphrase=AUDITOR_PASSPHRASE)
    dept = Workspace.open(tmp_path / "d.db", shipped_dir=mini_dir, town_dir=tmp_path / "t")
    fid = findings.add_manual(aud, 2025, "jumin", grade="major", title="USB 書き出し禁止の未設定",
                              text="一部の端末で書き出しが可能。", recommendation="全端末に設定する。",
                              due="2026-06-30", actor=ACTOR)
    [carried] = findings.carry_open(aud, 2025, 2026, ACTOR)
    dept.store.add_followups([findings.as_dict(f) for f in findings.for_department(aud, 2025, "jumin")],
                             file_sha256="0" * 64, actor="瑞穂 花子")
    cl = dept.checklist("jumin", 2026)
    formula_like = '=HYPERLINK("http://example.invalid","x")'
    dept.save(cl, "ORG-001", "note", formula_like, "瑞穂 花子")
    dept.save(cl, f"FU-{fid:03d}", "note", "全端末に設定し、設定記録を保管した。", "瑞穂 花子")
    answer(dept, "jumin", 2026, {f"FU-{fid:03d}": "done"})
    sub = export_submission(dept, dept.checklist("jumin", 2026), tmp_path / "j.json", actor="瑞穂 花子")
    assert import_submission(aud, sub, actor=ACTOR).outcome == "imported"

    out = write_audit_workbook(aud, 2026, tmp_path / "book.xlsx", actor=ACTOR, now=TODAY)
    wb = load_workbook(out)
    every = wb["全回答"]
    fu = next(row for row in every.iter_rows(min_row=2) if row[2].value == f"FU-{fid:03d}")
    assert fu[1].value.startswith("F 前年度の") and "USB 書き出し禁止の未設定" in fu[3].value
    assert fu[6].value is None  # 改善報告 items are not scored
    note = next(row[7] for row in every.iter_rows(min_row=2) if row[2].value == "ORG-001")
    assert note.value == formula_like and note.data_type == "s"
    title = aud.store.finding(carried).title
    report = next(row for row in wb["指摘事項"].iter_rows(min_row=2, values_only=True) if row[4] == title)
    assert report[13] == "実施している: 全端末に設定し、設定記録を保管した。" and report[12] == "前年度から継続"
    dept.close()
    aud.close()


def _fill(cell: object) -> str | None:
    fill = cell.fill  # type: ignore[attr-defined]
    return fill.fgColor.rgb[-6:] if fill is not None and fill.fill_type == "solid" else None


@pytest.fixture
def plans_desk(tmp_path: Path, mini_dir: Path) -> Iterator[Workspace]:
    """住民課 plans one item by 2026-11-01 and one by 2027-03-31; 税務課's submission is an older one whose
    done and not-applicable rows still hold plans from earlier ratings."""
    dept, aud = build(tmp_path, mini_dir, {"zeimu": {"ORG-001": "partial", "ORG-002": "na"}})
    cl = dept.checklist("jumin", 2026)
    for it in cl.questionnaire.items():
        dept.save(cl, it.id, "rating", "done", "担当")
    for item, due in (("NET-001", "2026-11-01"), ("ORG-001", "2027-03-31")):
        dept.save(cl, item, "rating", "partial", "担当")
        dept.save(cl, item, "plan_content", f"{item} を改善する", "担当")
        dept.save(cl, item, "plan_owner", "【企画課 NET-902】係長", "担当")
        dept.save(cl, item, "plan_due", due, "担当")
    from mizuho_audit.services.submission.workflow import Approver, submit

    submit(dept, cl, Approver("住民 課長", "課長", "2026-10-20"), "担当")
    out = export_submission(dept, dept.checklist("jumin", 2026), tmp_path / "sub" / "jumin.json", actor="担当")
    assert import_submission(aud, out, actor=ACTOR).outcome == "imported"
    [zeimu] = aud.store.received(2026, "zeimu")
    snap = json.loads(zeimu.snapshot)
    for a in snap["answers"]:
        if a["rating"] in ("done", "na"):
            a.update(plan_content="前の評価の計画", plan_owner="係長", plan_due="2027-01-31")
    aud.store.db.execute("UPDATE received_submissions SET snapshot = ? WHERE id = ?", [json.dumps(snap), zeimu.id])
    yield aud
    dept.close()
    aud.close()


def test_plans_mark_overdue_and_never_sit_on_done_or_not_applicable_rows(plans_desk: Workspace,
                                                                         tmp_path: Path) -> None:
    wb = load_workbook(write_audit_workbook(plans_desk, 2026, tmp_path / "b.xlsx", actor=ACTOR, now=date(2026, 12, 5)))
    sheet = wb["改善計画"]
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["計画の期限", "期限超過"]
    rows = [row for row in sheet.iter_rows(min_row=2) if row[2].value]
    assert {r[5].value for r in rows} <= {"一部実施している", "実施していない"}  # no 実施している / 該当しない row
    by_item = {(r[1].value, r[2].value): r for r in rows}
    late, later = by_item[("住民課", "NET-001")], by_item[("住民課", "ORG-001")]
    assert late[-1].value == "期限超過" and _fill(late[0]) == "FCE4D6"
    assert later[-1].value is None and _fill(later[0]) is None
    assert late[7].value == "係長"  # the carry-over marker left out
    every = [row for row in wb["全回答"].iter_rows(min_row=2, values_only=True)]
    assert all(not row[8] for row in every if row[5] in ("実施している", "該当しない"))
    assert "前の評価の計画" not in {row[8] for row in every}


def test_unsubmitted_rows_are_coloured_and_summary_counts_findings_by_grade(desk: Workspace, book: Path) -> None:
    wb = load_workbook(book)
    rows = [row for row in wb["部署別"].iter_rows(min_row=2) if row[2].value]
    assert rows and all((_fill(r[0]) == "FCE4D6") == (r[2].value == "未提出") for r in rows)
    summary = wb["概要"]
    r, c = _find(summary, "指摘事項（区分別）")
    assert [summary.cell(r, c + i).value for i in range(1, 4)] == ["確定", "案", "期限超過"]
    found = desk.store.findings(2026)
    counts = {summary.cell(r + i, c).value: summary.cell(r + i, c + 2).value for i in range(1, 5)}
    assert counts == {label: sum(1 for f in found if f.grade == g and not f.confirmed)
                      for g, label in (("major", "重大"), ("minor", "軽微"), ("observation", "観察事項"),
                                       ("good", "良好事例"))}


def test_all_answers_is_laid_out_to_print(book: Path) -> None:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    sheet = load_workbook(book)["全回答"]
    widths = [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, sheet.max_column + 1)]
    # Landscape A4 fitted to one page wide: about 150 column units at full size, so about 8 pt here.
    assert sum(widths) <= 160 and sheet.page_setup.orientation == "landscape" and sheet.freeze_panes == "D2"
    chapters = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    for label in chapters:
        assert not any(line.startswith(("ィ", "ー", "の")) for line in str(label).split("\n")), label


def test_headers_fit_their_columns_line_by_line(book: Path) -> None:
    """Every line of a table's header fits its column, so neither Excel nor LibreOffice breaks inside a word
    (「期限超／過」) or cuts it; the row is as tall as its lines."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    from mizuho_audit.services.reports.excel_styles import LINE_HEIGHT

    def units(text: str) -> float:
        wide = (len(text.encode("utf-8")) - len(text)) // 2
        return 1.9 * wide + (len(text) - wide)

    wb = load_workbook(book)
    for name in ("ヒートマップ", "部署別", "指摘事項", "改善計画", "全回答"):
        sheet = wb[name]
        header = 1
        lines = 1
        for cell in sheet[header]:
            width = sheet.column_dimensions[get_column_letter(cell.column)].width
            for line in str(cell.value).split("\n"):
                assert units(line) <= width - 0.7, (name, cell.value, width)
            lines = max(lines, str(cell.value).count("\n") + 1)
        assert sheet.row_dimensions[header].height >= lines * LINE_HEIGHT, name
