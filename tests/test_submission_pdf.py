"""The printed submission (提出版 PDF), read back with poppler's tools the way a reader would see it."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from mizuho_audit.domain.questionnaire import Chapter, Item, Questionnaire, ScaleOption, Section
from mizuho_audit.services.submission.submission_pdf import render_submission_pdf

SCALE = (
    ScaleOption("done", "実施している", 1.0),
    ScaleOption("partial", "一部実施している", 0.5, requires_plan=True),
    ScaleOption("not_done", "実施していない", 0.0, requires_plan=True),
    ScaleOption("na", "該当しない", None, requires_reason=True),
)
RATINGS = ("done", "partial", "not_done", "na")
LONG_QUESTION = (
    "情報資産の分類に従って、機密性の高い情報を庁外へ持ち出すときに、情報セキュリティ管理者の許可を"
    "得て、暗号化した記録媒体を使い、持ち出しと返却の記録を台帳に残していますか。"
)
PLAN = "令和9年3月までに持ち出し台帳の様式を改め、課内研修で全職員に周知する。"
DEPARTMENT = "住民課"
SNAPSHOT_HASH = hashlib.sha256(b"snapshot").hexdigest()
ATTACHMENT_SHA = hashlib.sha256(b"attachment").hexdigest()


def _item(item_id: str, question: str) -> Item:
    return Item(id=item_id, question=question, criteria_done="", criteria_partial="", evidence=(),
                clause="6(2)", importance="高", cia=("C",))


def make_checklist(items_per_section: int = 2) -> Questionnaire:
    """Three chapters of two sections each; every third question is long."""
    chapters = []
    for c in range(1, 4):
        sections = []
        for s in range(1, 3):
            items = tuple(
                _item(f"C{c}-{s}{n:02d}",
                      LONG_QUESTION if n % 3 == 0 else f"第{c}章{s}節の{n}番目の質問です。手順を文書で定めていますか。")
                for n in range(items_per_section)
            )
            sections.append(Section(f"{c}.{s}", f"第{c}章の{s}番目の節", items))
        chapters.append(Chapter(str(c), f"章の題名その{c}", f"6({c})", tuple(sections)))
    return Questionnaire(id="mizuho-jikotenken", version="2026.1",
                         title="令和8年度 情報セキュリティ自己点検チェックリスト", fiscal_year=2026,
                         policy_title="方針", policy_edition="令和8年3月",
                         weights={"高": 3, "中": 2, "低": 1}, scale=SCALE, chapters=tuple(chapters),
                         content_hash="c" * 64)


def make_snapshot(checklist: Questionnaire) -> dict[str, Any]:
    answers = []
    for i, item in enumerate(checklist.items()):
        rating = RATINGS[i % 4]
        needs_plan = rating in ("partial", "not_done")
        answers.append({
            "item_id": item.id, "rating": rating,
            "note": "体制表を4月の人事異動の後に更新し、庁内掲示板で全職員に周知した。" * (1 + i % 3),
            "reason": "当課では該当する情報システムを運用していないため。" if rating == "na" else "",
            "plan_content": PLAN if needs_plan else "",
            "plan_owner": "住民課 庶務係" if needs_plan else "",
            "plan_due": "2027-03-31" if needs_plan else "",
            "needs_review": i == 1,
            "attachments": [{"name": "体制表.pdf", "size": 12345, "sha256": ATTACHMENT_SHA}] if i == 0 else [],
        })
    return {
        "format": "mizuho-audit/submission@1",
        "department": {"id": "jumin", "name": DEPARTMENT, "body": "町長部局", "division": "住民部"},
        "fiscal_year": 2026,
        "questionnaire": {"id": checklist.id, "version": checklist.version, "content_hash": checklist.content_hash,
                          "title": checklist.title},
        "submission_version": 1,
        "approver": {"name": "瑞穂 太郎", "title": "住民課長", "date": "2026-11-20"},
        "submitted_at": "2026-11-20T10:00:00+09:00", "submitted_by": "瑞穂 花子",
        "answers": answers,
    }


def render(tmp_path: Path, checklist: Questionnaire, snapshot: dict[str, Any] | None = None) -> Path:
    pdf = render_submission_pdf(snapshot or make_snapshot(checklist), checklist, snapshot_hash=SNAPSHOT_HASH,
                                signature_note="電子署名: 瑞穂 太郎（住民課長）の証明書で署名")
    path = tmp_path / "submission.pdf"
    path.write_bytes(pdf)
    return path


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True, encoding="utf-8").stdout


def pages_text(path: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    return poppler("pdftotext", "-layout", str(path), "-").split("\f")[:-1]


def squeeze(text: str) -> str:
    """Wrapped lines come back with breaks and spaces in them: compare without any whitespace."""
    return re.sub(r"\s+", "", text)


def test_reader_finds_department_marking_questions_and_plan(tmp_path: Path) -> None:
    checklist = make_checklist()
    text = squeeze("".join(pages_text(render(tmp_path, checklist))))
    for expected in (DEPARTMENT, "取扱注意", "令和8年度情報セキュリティ自己点検結果", LONG_QUESTION, PLAN,
                     "実施している", "一部実施している", "実施していない", "該当しない", "要再確認",
                     "当課では該当する情報システムを運用していないため。", "令和9年3月31日",  # plan due in 和暦
                     "令和8年11月20日", "住民課長", "瑞穂太郎", SNAPSHOT_HASH, "体制表.pdf", ATTACHMENT_SHA[:12],
                     "瑞穂太郎（住民課長）の証明書で署名"):
        assert squeeze(expected) in text, expected
    for item in checklist.items():
        assert squeeze(item.question) in text, item.id
    assert ATTACHMENT_SHA[:13] not in text  # only the first 12 hex digits are printed


def test_every_page_is_marked_and_numbered(tmp_path: Path) -> None:
    pages = pages_text(render(tmp_path, make_checklist(items_per_section=5)))
    total = len(pages)
    assert total > 3  # cover, summary and items spread over more than one page
    info = poppler("pdfinfo", str(tmp_path / "submission.pdf"))
    assert re.search(rf"^Pages:\s+{total}$", info, re.MULTILINE)
    for number, page in enumerate(pages, start=1):
        assert "取扱注意" in page, number
        assert re.search(rf"\b{number}\s*/\s*{total}\b", page), number


def test_all_fonts_are_embedded(tmp_path: Path) -> None:
    path = render(tmp_path, make_checklist())
    assert b"Helvetica" not in path.read_bytes()
    rows = poppler("pdffonts", str(path)).splitlines()[2:]
    assert rows
    for row in rows:
        emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
        assert emb and emb.group(1) == "yes", row


def test_summary_counts_each_rating_by_chapter(tmp_path: Path) -> None:
    # 4 items per chapter cycle through the four ratings: one of each, two 要改善.
    pages = pages_text(render(tmp_path, make_checklist(items_per_section=2)))
    summary = next(page for page in pages if "章別の集計" in page)
    row = next(line for line in summary.splitlines() if "章の題名その1" in line)
    assert row.split()[-6:] == ["4", "1", "1", "1", "1", "2"]
    total = next(line for line in summary.splitlines() if line.strip().startswith("合計"))
    assert total.split()[-6:] == ["12", "3", "3", "3", "3", "6"]


def test_unknown_and_missing_answers_are_shown_not_dropped(tmp_path: Path) -> None:
    checklist = make_checklist()
    snapshot = make_snapshot(checklist)
    snapshot["answers"] = snapshot["answers"][1:]  # the first item is unanswered
    snapshot["answers"].append({"item_id": "OLD-001", "rating": "done", "note": "旧版の項目への回答"})
    text = squeeze("".join(pages_text(render(tmp_path, checklist, snapshot))))
    assert "未回答" in text
    assert "OLD-001" in text and "旧版の項目への回答" in text


def test_long_answer_taller_than_a_page_is_not_cut(tmp_path: Path) -> None:
    checklist = make_checklist()
    snapshot = make_snapshot(checklist)
    snapshot["answers"][0]["note"] = "とても長い根拠の説明です。" * 400 + "末尾の文。"
    text = squeeze("".join(pages_text(render(tmp_path, checklist, snapshot))))
    assert "末尾の文。" in text


def test_120_items_render_quickly() -> None:
    checklist = make_checklist(items_per_section=20)  # 3 chapters x 2 sections x 20 = 120 items
    snapshot = make_snapshot(checklist)
    render_submission_pdf(snapshot, checklist, snapshot_hash=SNAPSHOT_HASH, signature_note="")  # font loaded
    start = time.perf_counter()
    pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=SNAPSHOT_HASH,
                                signature_note="未署名（電子署名なし）")
    elapsed = time.perf_counter() - start
    assert pdf.startswith(b"%PDF-")
    assert elapsed < 5.0  # about 0.3 s here; the bound only catches a pathological slowdown


def test_the_answers_follow_the_summary_without_an_empty_page(tmp_path: Path) -> None:
    pages = [squeeze(p) for p in pages_text(render(tmp_path, make_checklist(items_per_section=5)))]
    assert "1.章別の集計" in pages[1] and "2.回答の内容" in pages[1] and "C1-100" in pages[1]
    for n, page in enumerate(pages[1:-1], start=2):  # no page ends with a heading alone at its foot
        body = page.rsplit("mizuho-jikotenken", 1)[0]
        assert not re.search(r"(第\d章章の題名その\d方針6\(\d\)|第\d章の\d番目の節)$", body), n


def test_no_plan_on_done_or_not_applicable_rows_and_no_carry_over_marker(tmp_path: Path) -> None:
    checklist = make_checklist()
    snapshot = make_snapshot(checklist)
    done = snapshot["answers"][0]
    assert done["rating"] == "done"
    done.update(plan_content="前の評価のときの計画", plan_owner="係長", plan_due="2027-01-31")  # an older snapshot
    na = snapshot["answers"][3]
    assert na["rating"] == "na"
    na.update(plan_content="該当しない行の計画", plan_due="2027-02-28")
    partial = snapshot["answers"][1]
    partial.update(note="【企画課 C1-902】体制表を更新した。", plan_owner="【企画課 C1-902】庶務係\n【住民課】庶務係")
    pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=SNAPSHOT_HASH, signature_note="",
                                department_names=["企画課", "住民課"])
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf)
    text = squeeze("".join(pages_text(path)))
    assert "前の評価のときの計画" not in text and "該当しない行の計画" not in text and "令和9年1月31日" not in text
    assert "体制表を更新した。" in text and "担当:庶務係" in text
    assert "【" not in text.replace("【要再確認】", "") and "C1-902" not in text
