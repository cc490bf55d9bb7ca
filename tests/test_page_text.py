"""Pages = data (issue 12): the importer reads the signed pages back and compares them with the embedded answers.

The attacks are built as an attacker would build them, with the real libraries: pages rendered from other
answers with the genuine JSON attached and the whole signed with the department head's real key; a note
changed on the page only; the answer pages dropped; text drawn over a page; an annotation over the rating.
"""

from __future__ import annotations

import copy
import json
import random
import time
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from mizuho_audit.domain.questionnaire import Chapter, Item, Section
from mizuho_audit.domain.records import FollowupRecord
from mizuho_audit.services.reports.pdf_fonts import FONT_NAME, register_japanese_font
from mizuho_audit.services.signing import pdf_text, pdf_text_content, pdf_text_doc, pdf_text_fonts
from mizuho_audit.services.signing.pdf_text import PageTextError, page_texts
from mizuho_audit.services.signing.signing import attach_file, load_certificates, sign_pdf
from mizuho_audit.services.submission import submission_pdf
from mizuho_audit.services.submission.page_text import MAX_PROBLEMS, pages_match
from mizuho_audit.services.submission.submission import (
    EMBEDDED_NAME,
    SIGNATURE_FIELD,
    export_submission,
    make_envelope,
    read_submission,
)
from mizuho_audit.services.submission.submission_pdf import page_text_model, render_submission_pdf
from mizuho_audit.services.submission.workflow import Approver, submit
from mizuho_audit.services.workspace import Checklist, Workspace, with_followups

from .test_submission_pdf import make_checklist, make_snapshot
from .test_workflow import _complete

HASH = "e3" * 32
NOTE = "電子署名: 住民課長 瑞穂 太郎 の承認として、証明書で署名しています。"


@pytest.fixture
def submitted(workspace: Workspace) -> Checklist:
    cl = workspace.checklist("jumin", 2026)
    _complete(workspace, cl)
    workspace.save(cl, "ORG-001", "note", "課内の体制表を4月に更新し、全員に周知した。", "瑞穂 花子")
    submit(workspace, cl, Approver("瑞穂 太郎", "住民課長", "2026-11-20"), "瑞穂 花子")
    return cl


def _genuine(workspace: Workspace, cl: Checklist, tmp_path: Path, town_ca: Path) -> Path:
    return export_submission(workspace, cl, tmp_path / "住民課.pdf", actor="瑞穂 花子",
                             p12=town_ca / "taro.p12", passphrase=b"p12-passphrase")


def _signed(pages: bytes, envelope: dict[str, Any], town_ca: Path) -> bytes:
    """``pages`` with ``envelope`` attached, signed with the department head's real key (as the app does)."""
    payload = json.dumps(envelope, ensure_ascii=False, indent=1).encode("utf-8")
    pdf = attach_file(pages, EMBEDDED_NAME, payload, "自己点検の回答（機械読み取り用）")
    return sign_pdf(pdf, town_ca / "taro.p12", b"p12-passphrase", field_name=SIGNATURE_FIELD, reason="提出（承認）")


def _import_check(path: Path, workspace: Workspace, cl: Checklist, town_ca: Path) -> list[str]:
    """What the importer does: read and verify the file, then compare its pages with its embedded answers."""
    sf = read_submission(path, load_certificates(town_ca / "ca" / "ca-cert.pem"))
    assert sf.signature_status == "valid"  # the signature alone does not catch any of these files
    return pages_match(path.read_bytes(), sf.snapshot, cl.questionnaire, snapshot_hash=sf.snapshot_hash,
                       department_names=[d.name for d in workspace.departments()])


def _render(workspace: Workspace, cl: Checklist, snapshot: dict[str, Any], snap_hash: str) -> bytes:
    return render_submission_pdf(snapshot, cl.questionnaire, snapshot_hash=snap_hash, signature_note=NOTE,
                                 department_names=[d.name for d in workspace.departments()])


def _stored(workspace: Workspace, cl: Checklist) -> tuple[dict[str, Any], str, dict[str, Any]]:
    record = workspace.store.submissions(cl.assessment.id)[-1]
    envelope = make_envelope(record.snapshot, record.snapshot_hash, workspace.store.log_head(),
                             "2026-11-21T09:00:00+09:00")
    return json.loads(record.snapshot), record.snapshot_hash, envelope


def _edit(pdf: bytes, change: Callable[[IncrementalPdfFileWriter], None]) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    change(writer)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _page(writer: IncrementalPdfFileWriter, index: int) -> generic.DictionaryObject:
    page = writer.root["/Pages"]["/Kids"][index]
    assert isinstance(page, generic.DictionaryObject)
    return page


# --- the real file, and the attacks of issue 12 ------------------------------------------------------------


def test_a_genuine_signed_submission_shows_its_answers(workspace: Workspace, submitted: Checklist,
                                                       town_ca: Path, tmp_path: Path) -> None:
    out = _genuine(workspace, submitted, tmp_path, town_ca)
    assert _import_check(out, workspace, submitted, town_ca) == []


def test_pages_made_from_other_answers_are_refused_naming_the_items(workspace: Workspace, submitted: Checklist,
                                                                    town_ca: Path, tmp_path: Path) -> None:
    """Issue 12, case 7: the pages show every item 実施していない, the JSON says what was submitted; signed
    with the real key."""
    snapshot, snap_hash, envelope = _stored(workspace, submitted)
    forged = copy.deepcopy(snapshot)
    for answer in forged["answers"]:
        answer.update(rating="not_done", note="未実施。", reason="", plan_content="来年度に検討する。",
                      plan_owner="係長", plan_due="2027-03-31")
    # The attacker even prints the genuine snapshot's hash on the pages.
    path = tmp_path / "forged.pdf"
    path.write_bytes(_signed(_render(workspace, submitted, forged, snap_hash), envelope, town_ca))

    problems = _import_check(path, workspace, submitted, town_ca)
    rated = {a["item_id"]: a["rating"] for a in snapshot["answers"]}
    first_done = next(i for i, r in rated.items() if r == "done")
    assert f"{first_done}: 画面に表示された評価が、添付の回答データ（実施している）と一致しません。" in problems
    assert "ORG-001: 画面に表示された実施状況・根拠が、添付の回答データと一致しません。" in problems
    assert {p.split(":")[0] for p in problems if ":" in p} == set(rated)  # every item is named
    for item, rating in rated.items():
        assert (f"{item}: 画面に表示された評価が" in "\n".join(problems)) == (rating != "not_done")
    assert problems[0] == "1ページの表紙の表示が、添付の回答データから作られるものと一致しません。"  # the counts


def test_a_note_changed_on_the_page_only(workspace: Workspace, submitted: Checklist, town_ca: Path,
                                         tmp_path: Path) -> None:
    snapshot, snap_hash, envelope = _stored(workspace, submitted)
    forged = copy.deepcopy(snapshot)
    forged["answers"][0]["note"] = "課内の体制表を4月に更新した。"  # one clause left out
    path = tmp_path / "note.pdf"
    path.write_bytes(_signed(_render(workspace, submitted, forged, snap_hash), envelope, town_ca))
    assert _import_check(path, workspace, submitted, town_ca) == [
        "ORG-001: 画面に表示された実施状況・根拠が、添付の回答データと一致しません。"]


def test_a_rating_changed_on_the_page_only_names_the_data_s_rating(workspace: Workspace, submitted: Checklist,
                                                                   town_ca: Path, tmp_path: Path) -> None:
    snapshot, snap_hash, envelope = _stored(workspace, submitted)
    forged = copy.deepcopy(snapshot)
    done = next(a for a in forged["answers"] if a["rating"] == "done")
    done["rating"] = "partial"  # the page shows 一部実施している, with a plan
    done.update(plan_content="手順を整備する", plan_due="2027-03-31")
    path = tmp_path / "rating.pdf"
    path.write_bytes(_signed(_render(workspace, submitted, forged, snap_hash), envelope, town_ca))
    problems = _import_check(path, workspace, submitted, town_ca)
    assert f"{done['item_id']}: 画面に表示された評価が、添付の回答データ（実施している）と一致しません。" in problems
    assert f"{done['item_id']}: 画面に表示された改善計画が、添付の回答データと一致しません。" in problems
    assert any("1ページの表紙" in p for p in problems)  # 要改善 counted once more on the cover


def test_the_answer_pages_dropped(workspace: Workspace, submitted: Checklist, town_ca: Path,
                                  tmp_path: Path) -> None:
    snapshot, snap_hash, envelope = _stored(workspace, submitted)
    genuine = _render(workspace, submitted, snapshot, snap_hash)
    assert len(page_texts(genuine)) == 2  # the cover; the summary and the answers

    def cover_only(writer: IncrementalPdfFileWriter) -> None:
        pages = writer.root["/Pages"]
        pages["/Kids"] = generic.ArrayObject([pages.raw_get("/Kids").raw_get(0)])
        pages["/Count"] = generic.NumberObject(1)
        writer.update_container(pages)

    path = tmp_path / "short.pdf"
    path.write_bytes(_signed(_edit(genuine, cover_only), envelope, town_ca))
    problems = _import_check(path, workspace, submitted, town_ca)
    assert problems[0].startswith("1ページの見出し・フッター・ページ番号")  # "1 / 2" on a file of 1 page
    last = snapshot["answers"][-1]["item_id"]
    assert f"{last}: 添付の回答データにある回答が、画面に表示されていません。" in problems


def test_text_drawn_over_a_page_is_read_and_refused(workspace: Workspace, submitted: Checklist, town_ca: Path,
                                                     tmp_path: Path) -> None:
    """A white box over ORG-001's rating and new words in it: an added content stream, read with the rest."""
    snapshot, snap_hash, envelope = _stored(workspace, submitted)
    genuine = _render(workspace, submitted, snapshot, snap_hash)
    page_number = next(n for n, text in enumerate(page_texts(genuine)) if "ORG-001" in text)

    def overlay(writer: IncrementalPdfFileWriter) -> None:
        page = _page(writer, page_number)
        cover = writer.add_object(generic.StreamObject(
            stream_data=b"q 1 1 1 rg 140 600 200 14 re f Q BT /F1 8.5 Tf 142 603 Td (\\000N\\000O\\000T) Tj ET"))
        page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"), cover])
        writer.update_container(page)

    path = tmp_path / "overlay.pdf"
    path.write_bytes(_signed(_edit(genuine, overlay), envelope, town_ca))
    problems = _import_check(path, workspace, submitted, town_ca)
    # Drawn after the page's own content, it stands after "2 / 2": that page no longer ends as it should.
    assert problems[0] == (f"{page_number + 1}ページの見出し・フッター・ページ番号が、添付の回答データから作られるもの"
                           f"と一致しません（全{page_number + 1}ページ）。")


def test_an_annotation_over_the_page_is_refused(workspace: Workspace, submitted: Checklist, town_ca: Path,
                                                tmp_path: Path) -> None:
    snapshot, snap_hash, envelope = _stored(workspace, submitted)
    genuine = _render(workspace, submitted, snapshot, snap_hash)

    def sticker(writer: IncrementalPdfFileWriter) -> None:
        page = _page(writer, 1)
        note = writer.add_object(generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(v) for v in (140, 600, 340, 614)]),
            generic.NameObject("/Contents"): generic.TextStringObject("実施していない"),
            generic.NameObject("/DA"): generic.TextStringObject("/Helv 9 Tf 0 g"),
        }))
        page["/Annots"] = generic.ArrayObject([note])
        writer.update_container(page)

    path = tmp_path / "sticker.pdf"
    path.write_bytes(_signed(_edit(genuine, sticker), envelope, town_ca))
    problems = _import_check(path, workspace, submitted, town_ca)
    assert len(problems) == 1 and "2ページに、ページの上に表示される注釈（FreeText）があります" in problems[0]


def test_invisible_text_is_refused(workspace: Workspace, submitted: Checklist, town_ca: Path,
                                   tmp_path: Path) -> None:
    """Text in render mode 3 (invisible): a text check must not read what nobody sees."""
    snapshot, snap_hash, envelope = _stored(workspace, submitted)
    genuine = _render(workspace, submitted, snapshot, snap_hash)

    def hidden(writer: IncrementalPdfFileWriter) -> None:
        page = _page(writer, 1)
        extra = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 8 Tf 3 Tr 10 10 Td (\\000x) Tj ET"))
        page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"), extra])
        writer.update_container(page)

    path = tmp_path / "hidden.pdf"
    path.write_bytes(_signed(_edit(genuine, hidden), envelope, town_ca))
    problems = _import_check(path, workspace, submitted, town_ca)
    assert len(problems) == 1 and "2ページに、このツールが作らない描画命令（Tr）があります" in problems[0]


def test_other_departments_of_the_test_town_pass(workspace: Workspace, tmp_path: Path) -> None:
    """Two more departments of the test town, exported and checked as the importer will."""
    for dep in ("somu", "zaisei"):
        cl = workspace.checklist(dep, 2026)
        _complete(workspace, cl)
        submit(workspace, cl, Approver("瑞穂 太郎", "住民課長", "2026-11-20"), "瑞穂 花子")
        out = export_submission(workspace, cl, tmp_path / f"{dep}.pdf", actor="瑞穂 花子")  # unsigned
        sf = read_submission(out)
        assert pages_match(out.read_bytes(), sf.snapshot, cl.questionnaire, snapshot_hash=sf.snapshot_hash,
                           department_names=[d.name for d in workspace.departments()]) == []


# --- Japanese text as departments write it ---------------------------------------------------------------------

EDGE_CASES = {
    "long, wrapping over pages": "体制表を4月の人事異動の後に更新し、庁内掲示板で全職員に周知した。" * 120,
    "ampersand and angle brackets": "A&B <重要> &amp; &lt;b&gt; R&D部門と<br/>の記載",
    "full-width spaces": "　全角　スペース　区切り　",
    "line breaks": "一行目\n二行目\r\n三行目\r四行目\n\n",
    "empty": "",
    "spaces only": " 　\t ",
    "parentheses and backslashes": "括弧 (a) (b (c)) ) ( \\ 円記号 \\123 \\( \\\\ ",
    "text that looks like PDF": "/F1+0 8.5 Tf (x) Tj 3 Tr BT ET q Q 〜～−",
    "characters the font lacks": "制御\x01\x07文字、絵文字😀、ゼロ幅\u200b、BOM\ufeff",
    "half-width kana and symbols": "ｶﾀｶﾅ ＡＢＣ１２３ ①②③ ※％＆＃",
    "carry-over markers": "【企画課】引継ぎ分\n【企画課 AST-902】本文【重要】",
}


@pytest.mark.parametrize("text", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_notes_as_departments_write_them_pass_and_a_change_is_caught(text: str) -> None:
    checklist = make_checklist(2)
    snapshot = make_snapshot(checklist)
    target = snapshot["answers"][1]  # partial: note and plan
    target["note"] = text
    target["plan_owner"] = text
    snapshot["answers"][3]["reason"] = text or "対象の業務がないため。"  # 該当しない with its reason
    names = ["企画課", "住民課"]
    pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=HASH, signature_note=NOTE, department_names=names)
    assert pages_match(pdf, snapshot, checklist, snapshot_hash=HASH, department_names=names) == []

    changed = copy.deepcopy(snapshot)
    changed["answers"][1]["note"] = text + "（追記）"
    assert pages_match(pdf, changed, checklist, snapshot_hash=HASH, department_names=names) == [
        f"{target['item_id']}: 画面に表示された実施状況・根拠が、添付の回答データと一致しません。"]


def test_the_reason_of_a_not_applicable_item_is_compared() -> None:
    checklist = make_checklist(2)
    snapshot = make_snapshot(checklist)
    na = snapshot["answers"][3]
    assert na["rating"] == "na" and na["reason"]
    pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=HASH, signature_note=NOTE)
    changed = copy.deepcopy(snapshot)
    changed["answers"][3]["reason"] = "別の理由。"
    assert pages_match(pdf, changed, checklist, snapshot_hash=HASH) == [
        f"{na['item_id']}: 画面に表示された該当しない理由が、添付の回答データと一致しません。"]


def test_the_review_mark_and_attachments_are_compared() -> None:
    checklist = make_checklist(2)
    snapshot = make_snapshot(checklist)
    pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=HASH, signature_note=NOTE)
    changed = copy.deepcopy(snapshot)
    changed["answers"][1]["needs_review"] = False
    changed["answers"][0]["attachments"][0]["name"] = "別の表.pdf"
    problems = pages_match(pdf, changed, checklist, snapshot_hash=HASH)
    ids = [a["item_id"] for a in snapshot["answers"]]
    assert f"{ids[1]}: 画面の【要再確認】の表示が、添付の回答データと一致しません。" in problems
    assert f"{ids[0]}: 画面に表示された添付ファイルが、添付の回答データと一致しません。" in problems


def test_the_hash_version_and_department_on_every_page_are_compared() -> None:
    checklist = make_checklist(2)
    snapshot = make_snapshot(checklist)
    pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=HASH, signature_note=NOTE)
    problems = pages_match(pdf, snapshot, checklist, snapshot_hash="f" * 64)
    assert problems[0].startswith("1ページの見出し・フッター・ページ番号") and len(problems) > len(page_texts(pdf))
    other = copy.deepcopy(snapshot)
    other["submission_version"] = 2
    assert pages_match(pdf, other, checklist, snapshot_hash=HASH)


def test_a_duplicated_answer_in_the_data_is_a_problem() -> None:
    checklist = make_checklist(1)
    snapshot = make_snapshot(checklist)
    pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=HASH, signature_note=NOTE)
    doubled = copy.deepcopy(snapshot)
    doubled["answers"].insert(0, {**doubled["answers"][0], "rating": "not_done"})
    problems = pages_match(pdf, doubled, checklist, snapshot_hash=HASH)
    item = snapshot["answers"][0]["item_id"]
    assert f"{item}: 添付の回答データに同じ項目の回答が複数あり、画面には1件しか表示されません。" in problems


def test_followup_items_are_compared_without_the_finding_s_title() -> None:
    """Last year's findings (FU-nnn) are printed under the finding's title, which the importer does not have
    as the department had it: question and headings are read, not compared; the answer is."""
    checklist = make_checklist(1)
    followups = [FollowupRecord(id=1, finding_ref=7, fiscal_year=2025, department_id="jumin", grade="major",
                                title="USBメモリの管理", text="台帳がない", recommendation="台帳を作る",
                                due="2026-09-30", item_id="MED-001", file_sha256="", imported_at="")]
    department_checklist = with_followups(checklist, followups)
    snapshot = make_snapshot(department_checklist)
    fu = snapshot["answers"][-1]
    assert fu["item_id"] == "FU-007"
    pdf = render_submission_pdf(snapshot, department_checklist, snapshot_hash=HASH, signature_note=NOTE)
    assert pages_match(pdf, snapshot, checklist, snapshot_hash=HASH) == []
    assert pages_match(pdf, snapshot, department_checklist, snapshot_hash=HASH) == []
    changed = copy.deepcopy(snapshot)
    changed["answers"][-1]["note"] = "改善は完了していない。"
    assert pages_match(pdf, changed, checklist, snapshot_hash=HASH) == [
        "FU-007: 画面に表示された実施状況・根拠が、添付の回答データと一致しません。"]


def test_a_summary_longer_than_a_page_repeats_its_header_and_still_passes() -> None:
    def item(number: int) -> Item:
        return Item(id=f"X-{number:03d}", question="手順を定めていますか。", criteria_done="", criteria_partial="",
                    evidence=(), clause="", importance="高", cia=())

    chapters = tuple(Chapter(str(c), f"章{c}", "", (Section(f"{c}.1", "節", (item(c),)),)) for c in range(1, 61))
    checklist = replace(make_checklist(1), chapters=chapters)
    snapshot = make_snapshot(checklist)
    pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=HASH, signature_note=NOTE)
    assert "".join(page_texts(pdf)[2].split()).count("章項目数実施している") == 1  # the header again, page 3
    assert pages_match(pdf, snapshot, checklist, snapshot_hash=HASH) == []
    changed = copy.deepcopy(snapshot)
    changed["answers"][-1]["rating"] = "done"
    assert "X-060: 画面に表示された評価が、添付の回答データ（実施している）と一致しません。" in pages_match(
        pdf, changed, checklist, snapshot_hash=HASH)


def test_the_model_is_what_the_pages_show_with_an_unknown_signature_line() -> None:
    checklist = make_checklist(2)
    snapshot = make_snapshot(checklist)
    model = page_text_model(snapshot, checklist, snapshot_hash=HASH)
    assert sum(1 for markup, _item, _field in model.pieces if markup is None) == 1  # the 電子署名 line
    for note in ("未署名（電子署名なし）。", NOTE):
        pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=HASH, signature_note=note)
        assert pages_match(pdf, snapshot, checklist, snapshot_hash=HASH) == []


# --- the page reader ------------------------------------------------------------------------------------------


def _one_page(content: bytes, *, composite: bool = False) -> bytes:
    """A page whose content is ``content``, with IPAexGothic in its resources: as reportlab embeds it in
    general (simple fonts /F1+0, /F1+1 of 256 codes, ASCII as itself in /F1+0), or, ``composite``, as the
    submission does (/F1, two-byte codes that are the characters' Unicode values)."""
    if composite:
        checklist = make_checklist(1)
        pdf = render_submission_pdf(make_snapshot(checklist), checklist, snapshot_hash=HASH, signature_note=NOTE)
    else:
        register_japanese_font()
        buffer = BytesIO()
        canvas = Canvas(buffer)
        canvas.setFont(FONT_NAME, 9)
        kanji = "".join(chr(c) for c in range(0x4E00, 0x5000) if c in pdfmetrics.getFont(FONT_NAME).face.charToGlyph)
        canvas.drawString(10, 10, "ABC" + kanji[:300])  # more than one subset
        canvas.showPage()
        canvas.save()
        pdf = buffer.getvalue()

    def replace_content(writer: IncrementalPdfFileWriter) -> None:
        pages = writer.root["/Pages"]
        kids = pages.raw_get("/Kids")
        pages["/Kids"] = generic.ArrayObject([kids.raw_get(len(kids) - 1)])
        pages["/Count"] = generic.NumberObject(1)
        writer.update_container(pages)
        page = _page(writer, 0)
        page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=content))
        writer.update_container(page)

    return _edit(pdf, replace_content)


def test_the_reader_reads_text_operators_and_strings_of_every_kind() -> None:
    # ASCII codes of reportlab's first subset map to themselves.
    content = (b"BT /F1+0 9 Tf 10 700 Td (Tj) Tj [(T) -250 (J)] TJ (quote) ' 1 2 (dq) \" "
               b"<41 42> Tj (\\101\\102\\(\\)\\\\) Tj (nested (paren) ok) Tj (line\\\ncont) Tj ET")
    assert page_texts(_one_page(content)) == ["TjTJquotedqABAB()\\nested (paren) oklinecont"]


def test_the_reader_follows_the_font_through_q_and_q() -> None:
    """A font chosen inside q ... Q is gone after Q: the string after it is read in the font before q."""
    pdf = _one_page(b"BT /F1+0 9 Tf q /F1+1 9 Tf Q 10 700 Td (A) Tj ET")
    assert page_texts(pdf) == ["A"]
    with pytest.raises(PageTextError, match="フォントを選ばずに"):
        page_texts(_one_page(b"q BT /F1+0 9 Tf ET Q BT (A) Tj ET"))


@pytest.mark.parametrize(("content", "message"), [
    (b"BT /F1+0 9 Tf 3 Tr (A) Tj ET", "描画命令（Tr）"),
    (b"/Im1 Do", "描画命令（Do）"),
    (b"/OC /oc1 BDC BT /F1+0 9 Tf (A) Tj ET EMC", "描画命令（BDC）"),
    (b"0 0 100 100 re W n BT /F1+0 9 Tf (A) Tj ET", "描画命令（W）"),
    (b"BT /F1+0 9 Tf 50 Tz (A) Tj ET", "描画命令（Tz）"),
    (b"BI /W 1 /H 1 /BPC 1 /CS /G ID \x00 EI", "描画命令（BI）"),
    (b"BT /Nope 9 Tf (A) Tj ET", "ページにないフォント"),
    (b"BT /F1+0 9 Tf (A Tj ET", "文字列が閉じていません"),
    (b"<< /A 1 >> BT ET", "このツールが作らない描画命令があります"),
])
def test_the_reader_refuses_what_draws_beyond_its_text(content: bytes, message: str) -> None:
    with pytest.raises(PageTextError, match=message):
        page_texts(_one_page(content))


def test_the_reader_reads_the_submission_s_composite_font() -> None:
    # "評" (U+8A55) is on the page, so it is in the font's map.
    assert page_texts(_one_page(b"BT /F1 9 Tf (\\000A\\212U) Tj [(\\000C)] TJ ET", composite=True)) == ["A評C"]
    # Half a code, or a code the map does not list (a surrogate), reads as U+FFFD (the general way).
    assert page_texts(_one_page(b"BT /F1 9 Tf (\\000A0) Tj (\\330\\000) Tj ET", composite=True)) == [
        "A\ufffd\ufffd"]
    # The map lists every other code: U+FFFE reads as itself, a surrogate pair as two unlisted codes.
    assert page_texts(_one_page(b"BT /F1 9 Tf <fffe> Tj <D83DDE00> Tj ET", composite=True)) == ["\ufffe\ufffd\ufffd"]
    # Hexadecimal strings as the submission writes them, and in the forms only the general way reads.
    assert page_texts(_one_page(b"BT /F1 9 Tf <00418a55> Tj T* <0043> Tj ET", composite=True)) == ["A評C"]
    # (An odd digit at the end is followed by a 0, as PDF reads it.)
    assert page_texts(_one_page(b"BT /F1 9 Tf <0041 8A55> Tj [<0043>] TJ <004> Tj ET", composite=True)) == ["A評C@"]


def test_unknown_tokens_are_ignored_as_viewers_do() -> None:
    assert page_texts(_one_page(b"BT /F1+0 9 Tf (A) Tjx (B) Tj ET")) == ["B"]


def _pages_of(pdf: bytes) -> tuple[list[bytes], dict[bytes, Any], list[int]]:
    doc = pdf_text_doc._Doc(pdf)
    pages = pdf_text_doc._pages(doc)
    fonts = pdf_text_fonts._fonts(doc, pages[0].fonts)
    return [b"\n".join(doc.stream_data(part) for part in page.contents) for page in pages], fonts, [
        page.number for page in pages]


@pytest.mark.parametrize("form", ["hex", "literal"])
def test_the_fast_path_reads_genuine_pages_and_agrees_with_the_general_reader(
        monkeypatch: pytest.MonkeyPatch, form: str) -> None:
    """The submission writes hexadecimal strings (read by _fast_hex); one made before 2026-12-05 has literal
    strings (read by _fast_texts)."""
    if form == "literal":
        monkeypatch.setattr(submission_pdf._SubmissionCanvas, "beginText", Canvas.beginText)
    fast = pdf_text_content._fast_hex if form == "hex" else pdf_text_content._fast_texts
    checklist = make_checklist(4)
    snapshot = make_snapshot(checklist)
    snapshot["answers"][0]["note"] = "括弧 (a) と \\ と絵文字😀と\x01" + "長い" * 2000
    pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=HASH, signature_note=NOTE)
    assert (b"> Tj" in _pages_of(pdf)[0][0]) == (form == "hex")
    datas, fonts, numbers = _pages_of(pdf)
    slow = [pdf_text_content._slow_page_text(data, fonts, number) for data, number in zip(datas, numbers, strict=True)]
    per_page = [fast([data], fonts) for data in datas]
    assert [texts[0] if texts else None for texts in per_page] == slow  # also the page with missing glyphs (code 0)
    assert fast(datas, fonts) == slow
    clean = make_snapshot(checklist)
    genuine = render_submission_pdf(clean, checklist, snapshot_hash=HASH, signature_note=NOTE)

    def no_slow(*_args: object) -> str:
        raise AssertionError("a genuine submission went the slow way")

    monkeypatch.setattr(pdf_text, "_slow_page_text", no_slow)
    assert pages_match(genuine, clean, checklist, snapshot_hash=HASH) == []


@pytest.mark.parametrize("form", ["hex", "literal"])
def test_the_fast_paths_agree_with_the_general_reader_on_damaged_content(monkeypatch: pytest.MonkeyPatch,
                                                                         form: str) -> None:
    """Bytes of genuine pages cut, doubled, swapped or replaced by the characters that matter to a reader: each
    fast path reads what the general reader reads, or declines (None)."""
    if form == "literal":
        monkeypatch.setattr(submission_pdf._SubmissionCanvas, "beginText", Canvas.beginText)
    checklist = make_checklist(2)
    snapshot = make_snapshot(checklist)
    snapshot["answers"][0]["note"] = "括弧 (a) と \\ と (入れ子) と😀"
    datas, fonts, _numbers = _pages_of(render_submission_pdf(snapshot, checklist, snapshot_hash=HASH,
                                                              signature_note=NOTE))
    rng = random.Random(20261205)
    tokens = [b"(", b")", b"<", b">", b"\\", b" ", b"q", b"Q", b"Tf", b"Tj", b"TJ", b"Tr", b"/F1", b"/F2",
              b"0", b"A", b"\x00", b"\x02", b"\n", b"[", b"]", b"'", b"BT", b"ET", b"8"]
    agreed = declined = 0
    for _case in range(600):
        data = bytearray(datas[rng.randrange(len(datas))])
        for _edit in range(rng.randint(1, 3)):
            at = rng.randrange(len(data))
            kind = rng.randrange(4)
            if kind == 0:
                del data[at:at + rng.randint(1, 8)]
            elif kind == 1:
                data[at:at] = rng.choice(tokens)
            elif kind == 2:
                data[at:at + 1] = rng.choice(tokens)
            else:
                other = rng.randrange(len(data))
                data[at], data[other] = data[other], data[at]
        try:
            slow: str | None = pdf_text_content._slow_page_text(bytes(data), fonts, 1)
        except PageTextError:
            slow = None
        for fast in (pdf_text_content._fast_hex, pdf_text_content._fast_texts):
            texts = fast([bytes(data)], fonts)
            if texts is None:
                declined += 1
            else:
                assert texts == [slow], bytes(data)
                agreed += 1
    assert agreed > 50 and declined > 500  # both outcomes were tried (the other form's reader always declines)


def test_crafted_content_makes_the_fast_path_decline() -> None:
    fonts = {b"F1+0": "".join(chr(i) for i in range(256)), b"F1+1": "x" * 256}
    cases = [
        b"BT /F1+0 9 Tf q /F1+1 9 Tf Q (A) Tj ET",  # the font restored by Q
        b"BT /F1+0 9 Tf (A) Tjq ET",  # an unknown operator instead of Tj
        b"BT /F1+0 9 Tf (A (B) C) Tj ET",  # an unescaped parenthesis
        b"BT /F1+0 9 Tf (\\x41) Tj ET",  # an escape PDF and Python read differently
        b"BT /F1+0 9 Tf (\\477) Tj ET",  # an octal escape beyond 377
        b"BT /F1+0 9 Tf [(A)] TJ ET",
        b"BT /F1+0 9 Tf 3 Tr (A) Tj ET",
        b"BT /F1+0 9 Tf (/F1+1 9 Tf) Tj ET",  # a font change written inside a string
        b"(A) Tj",  # no font
    ]
    for content in cases:
        assert pdf_text_content._fast_texts([content], fonts) is None, content
    assert pdf_text_content._fast_texts([b"BT /F1+0 9 Tf (A\\102) Tj /F1+1 9 Tf (\\\\) Tj ET"], fonts) == ["ABx"]


def test_to_unicode_maps_in_their_other_forms() -> None:
    cmap = (b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"2 beginbfrange <41> <43> <3042> <61> <62> [<30A2> <0066 0066>] endbfrange\n"
            b"1 beginbfchar <20> <0020> endbfchar")
    table = pdf_text_fonts._to_unicode_table(cmap)
    assert isinstance(table, dict)
    assert "".join(table[c] for c in b"ABC ab") == "あぃい アff"
    wide = pdf_text_fonts._to_unicode_table(b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                                      b"2 beginbfchar <3042> <3042> <0041> <0041> endbfchar")
    assert wide == pdf_text_doc.Wide({0x3042: "あ", 0x41: "A"}, frozenset("あA"))
    ranged = pdf_text_fonts._to_unicode_table(b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                                        b"1 beginbfrange <0001> <0003> <3042> endbfrange")
    assert isinstance(ranged, pdf_text_doc.Wide) and ranged.identity is None
    assert pdf_text_content._decode(b"\x00\x01\x00\x03\x00\x09\x00", ranged) == "あい\ufffd\ufffd"
    with pytest.raises(PageTextError, match="文字コードの長さ"):
        pdf_text_fonts._to_unicode_table(b"2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange")


def test_a_decompression_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    checklist = make_checklist(2)
    pdf = render_submission_pdf(make_snapshot(checklist), checklist, snapshot_hash=HASH, signature_note=NOTE)
    monkeypatch.setattr(pdf_text_doc, "_MAX_CONTENT", 20_000)
    with pytest.raises(PageTextError, match="大きすぎます"):
        page_texts(pdf)


def test_a_damaged_file_is_a_problem_not_a_crash() -> None:
    checklist = make_checklist(1)
    snapshot = make_snapshot(checklist)
    assert pages_match(b"%PDF-1.4 nonsense %%EOF", snapshot, checklist, snapshot_hash=HASH)[0].endswith(
        "画面の表示が添付の回答データと同じであることを確かめられません。")


def test_checking_300_items_takes_milliseconds_and_a_long_list_of_problems_is_cut() -> None:
    checklist = make_checklist(50)  # 300 items
    snapshot = make_snapshot(checklist)
    pdf = render_submission_pdf(snapshot, checklist, snapshot_hash=HASH, signature_note=NOTE)
    pages_match(pdf, snapshot, checklist, snapshot_hash=HASH)  # warm: the font, the imports
    best = min(_timed(lambda: pages_match(pdf, snapshot, checklist, snapshot_hash=HASH)) for _ in range(3))
    assert best < 0.1, best  # ~10 ms on a quiet machine; generous for a loaded one
    changed = copy.deepcopy(snapshot)
    for answer in changed["answers"]:
        answer["note"] += "。"
    problems = pages_match(pdf, changed, checklist, snapshot_hash=HASH)
    assert len(problems) == MAX_PROBLEMS + 1 and problems[-1] == f"ほか {300 - MAX_PROBLEMS} 件の不一致があります。"


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def test_the_auditors_import_refuses_pages_that_differ_from_the_data(workspace: Workspace, submitted: Checklist,
                                                                     town_ca: Path, tmp_path: Path, mini_dir: Path,
                                                                     capsys: pytest.CaptureFixture[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12, case 7, end to end: the trusted, registered head signed pages showing 実施していない over data
    saying 実施している; plain `import` refuses it, offers no exception, and the auditor's database is unchanged."""
    from mizuho_audit.cli import run
    from mizuho_audit.services.intake.intake import import_submission
    from mizuho_audit.services.intake.trust_checks import ImportOptions

    from .auditor_setup import AUDITOR_PASSPHRASE, register, trust_town_ca

    snapshot, snap_hash, envelope = _stored(workspace, submitted)
    forged = copy.deepcopy(snapshot)
    for answer in forged["answers"]:
        answer.update(rating="not_done", note="未実施。", reason="", plan_content="来年度に検討する。",
                      plan_owner="係長", plan_due="2027-03-31")
    path = tmp_path / "住民課.pdf"
    path.write_bytes(_signed(_render(workspace, submitted, forged, snap_hash), envelope, town_ca))
    aud = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                         passphrase=AUDITOR_PASSPHRASE)
    trust_town_ca(aud, town_ca / "ca")
    register(aud, town_ca / "taro.p12", "submission", "jumin", passphrase=b"p12-passphrase")
    got = import_submission(aud, path, actor="監査 一郎", options=ImportOptions(exception_reason="確認済み"))
    assert got.outcome == "refused" and not got.can_be_excepted
    assert "画面（ページ）に表示された回答と、添付の回答データが一致しません" in got.message
    assert aud.store.received(2026) == [] and not aud.store.log_entries()[-1].action.startswith("submission")
    aud.close()
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    assert run(["--db", str(tmp_path / "audit.db"), "import", str(path)]) == 1
    assert "一致しません" in capsys.readouterr().out
    # The genuine file of the same submission imports in one step.
    assert run_genuine(workspace, submitted, tmp_path, town_ca) == "imported"


def run_genuine(workspace: Workspace, cl: Checklist, tmp_path: Path, town_ca: Path) -> str:
    from mizuho_audit.services.intake.intake import import_submission

    from .auditor_setup import AUDITOR_PASSPHRASE

    aud = Workspace.open(tmp_path / "audit.db", passphrase=AUDITOR_PASSPHRASE)
    try:
        return import_submission(aud, _genuine(workspace, cl, tmp_path / "genuine", town_ca), actor="監査 一郎").outcome
    finally:
        aud.close()


def test_a_submission_made_before_hexadecimal_strings_still_reads_the_quick_way(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/fixtures/submission-2026-12-04.pdf: make_checklist(4) and make_snapshot as rendered by the app of
    2026-12-04 (literal strings, a ToUnicode map listing the subset's characters)."""
    old = (Path(__file__).parent / "fixtures" / "submission-2026-12-04.pdf").read_bytes()
    datas, fonts, _numbers = _pages_of(old)
    assert b") Tj" in datas[0] and b"> Tj" not in datas[0]
    table = next(iter(fonts.values()))
    assert isinstance(table, pdf_text_doc.Wide) and table.identity is not None and not table.full

    def no_slow(*_args: object) -> str:
        raise AssertionError("an older submission went the slow way")

    monkeypatch.setattr(pdf_text, "_slow_page_text", no_slow)
    checklist = make_checklist(4)
    snapshot = make_snapshot(checklist)
    assert pages_match(old, snapshot, checklist, snapshot_hash=HASH) == []
    snapshot["answers"][0]["note"] += "（追記）"
    assert pages_match(old, snapshot, checklist, snapshot_hash=HASH) != []
