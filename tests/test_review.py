"""The content review of issue 16: the coverage report passes on the mended checklist and fails on
each kind of problem the review found, when that problem is put back into a copy of the checklist."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mizuho_audit.questionnaires.catalog import load_catalog
from mizuho_audit.questionnaires.coverage import coverage_report
from mizuho_audit.questionnaires.overlap import act_kind, register_kind, terms
from mizuho_audit.questionnaires.problems import ValidationFailed

from .conftest import FIXTURES, SHIPPED

BEFORE = FIXTURES / "review" / "items-before-review.yaml"
CHECKLIST = "jikotenken-2026.yaml"
MAPPING = Path("mappings") / "mizuho-jikotenken_2025.1_2026.1.yaml"
_ITEM_START = re.compile(r"^(          - id: |      - id: |  - id: )")


def _old_blocks() -> dict[str, list[str]]:
    """The items as they were before the review, by id, as lines of the checklist file."""
    blocks: dict[str, list[str]] = {}
    current = ""
    for line in BEFORE.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("          - id: "):
            current = line.split(":", 1)[1].strip()
            blocks[current] = []
        if current:
            blocks[current].append(line)
    return blocks


def _copy(tmp_path: Path, with_mappings: bool = False) -> Path:
    """The shipped questionnaires in a tmp folder; without the mapping (and the year it maps from) by
    default, since putting an old item back unbalances the mapping, which is not what these tests test."""
    folder = tmp_path / "questionnaires"
    shutil.copytree(SHIPPED, folder)
    if not with_mappings:
        shutil.rmtree(folder / "mappings")
        (folder / "jikotenken-2025.yaml").unlink()
    return folder


def _span(lines: list[str], item_id: str) -> tuple[int, int]:
    start = next(i for i, line in enumerate(lines) if line.rstrip() == f"          - id: {item_id}")
    end = start + 1
    while end < len(lines) and not _ITEM_START.match(lines[end]):
        end += 1
    return start, end


def _put_back(folder: Path, item_id: str, after: str = "") -> None:
    """Replace the item by its text before the review, or insert that text after ``after``."""
    path = folder / CHECKLIST
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    old = _old_blocks()[item_id]
    if any(line.rstrip() == f"          - id: {item_id}" for line in lines):
        start, end = _span(lines, item_id)
        lines[start:end] = old
    else:
        _, end = _span(lines, after)
        lines[end:end] = old
    path.write_text("".join(lines), encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _remove(folder: Path, item_id: str) -> None:
    path = folder / CHECKLIST
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start, end = _span(lines, item_id)
    del lines[start:end]
    path.write_text("".join(lines), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    report = coverage_report(load_catalog(folder), 2026)
    return report.problems


def test_the_mended_checklist_passes_the_review() -> None:
    report = coverage_report(load_catalog(SHIPPED), 2026)
    assert report.ok, report.problems
    # The accepted overlaps stay a handful, each with its reason.
    q = load_catalog(SHIPPED).for_year(2026)
    assert q is not None and 0 < len(q.review.accepted_overlaps) <= 5
    assert all(len(a.reason) > 20 for a in q.review.accepted_overlaps)


# ---- missing items ----

@pytest.mark.parametrize(("item_id", "topic"), [
    ("PHY-041", "記録媒体を使う前の許可"),
    ("AST-026", "共用のプリンタ・複合機に出した紙の回収"),
    ("AST-027", "ホームページに公開する文書に残った個人情報の確認"),
])
def test_a_missing_item_fails_the_report(tmp_path: Path, item_id: str, topic: str) -> None:
    folder = _copy(tmp_path)
    assert not _problems(folder)
    _remove(folder, item_id)
    assert any(topic in p and "尋ねる項目がありません" in p for p in _problems(folder))


def test_the_web_check_must_reach_every_department_that_publishes(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / CHECKLIST
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start, end = _span(lines, "AST-027")
    lines[start:end] = [line.replace("all_of: [publishes_web]", "all_of: [publishes_web, sns]")
                        for line in lines[start:end]]
    path.write_text("".join(lines), encoding="utf-8")
    problems = _problems(folder)
    assert any("AST-027" in p and "秘書広報課" not in p and "議会事務局" in p and "届きません" in p
               for p in problems), problems


# ---- overlapping pairs, put back as they were ----

@pytest.mark.parametrize(("pair", "put_back"), [
    (("AST-025", "PHY-032"), [("PHY-032", ""), ("AST-025", "")]),
    (("NET-013", "NET-018"), [("NET-013", "")]),
    (("NET-014", "NET-017"), [("NET-014", ""), ("NET-017", "NET-016")]),
    (("AST-015", "TEC-025"), [("AST-015", ""), ("TEC-025", "TEC-054")]),
    (("NET-008", "OPS-040"), [("NET-008", ""), ("OPS-040", "OPS-039")]),
    (("TEC-019", "EXT-016"), [("TEC-019", ""), ("EXT-016", "EXT-015"), ("EXT-017", "")]),
], ids=["desk-and-cabinet", "original-request", "file-import", "folder-rights", "my-number-list",
        "privileged-id-register"])
def test_an_overlapping_pair_fails_the_report(tmp_path: Path, pair: tuple[str, str],
                                              put_back: list[tuple[str, str]]) -> None:
    folder = _copy(tmp_path)
    for item_id, after in put_back:
        _put_back(folder, item_id, after)
    overlaps = [p for p in _problems(folder) if pair[0] in p and pair[1] in p]
    assert overlaps, _problems(folder)
    assert all("重なって" in p or "同じ事柄" in p for p in overlaps)


def test_an_accepted_overlap_needs_its_entry_and_goes_when_stale(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / CHECKLIST, "    - items: [EXT-013, EXT-014]\n", "    - items: [EXT-013, EXT-015]\n")
    problems = _problems(folder)
    assert any("EXT-013" in p and "EXT-014" in p and "重なって" in p for p in problems)
    assert any("EXT-013" in p and "EXT-015" in p and "外してください" in p for p in problems)


# ---- flawed items ----

def test_a_clause_that_does_not_fit_the_question_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _put_back(folder, "ORG-011")
    assert any("ORG-011" in p and "条項 9" in p for p in _problems(folder))


def test_a_wrong_fact_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _put_back(folder, "EXT-023")
    assert any("EXT-023" in p and "eLTAX" in p and "地方税共同機構" in p for p in _problems(folder))


def test_criteria_that_ask_more_than_the_question_fail(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _put_back(folder, "TEC-046")
    assert any("TEC-046" in p and "試験" in p for p in _problems(folder))


def test_staff_said_to_belong_to_a_tier_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _put_back(folder, "NET-013")
    assert any("NET-013" in p and "LGWAN接続系の職員" in p for p in _problems(folder))


def test_a_partial_that_only_says_less_often_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _put_back(folder, "HUM-032")
    assert any("HUM-032" in p and "頻度しか違いません" in p for p in _problems(folder))


# ---- the mapping from 令和7 ----

def test_changed_for_a_different_control_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path, with_mappings=True)
    mapping = folder / MAPPING
    text = mapping.read_text(encoding="utf-8")
    text = re.sub(r"  - \{from: TEC-024, to: \[\], kind: removed.*\n",
                  "  - {from: TEC-024, to: [TEC-054], kind: changed, note: 最低文字数の強制に改めた}\n", text)
    text = re.sub(r"  - \{from: EVL-001, to: \[EVL-002\], kind: merged.*\n",
                  "  - {from: EVL-001, to: [EVL-019], kind: changed, note: 対応の完了を尋ねる形に改めた}\n", text)
    added = text.index("added: [")
    text = text[:added] + re.sub(r"(TEC-054|EVL-019), ?", "", text[added:])
    mapping.write_text(text, encoding="utf-8")
    problems = _problems(folder)
    assert any("TEC-024" in p and "尋ねる行為が違います" in p for p in problems), problems
    assert any("EVL-001" in p and "尋ねる行為が違います" in p for p in problems), problems


def test_a_removal_resting_on_an_unconfirmed_fact_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path, with_mappings=True)
    mapping = folder / MAPPING
    text = re.sub(r"  - \{from: NET-902, .*\n",
                  "  - {from: NET-902, to: [], kind: removed, note: 令和7年度中に各課のインターネット閲覧用の共用端末を"
                  "撤去したため削除した}\n", mapping.read_text(encoding="utf-8"))
    mapping.write_text(text, encoding="utf-8")
    assert any("NET-902" in p and "to_confirm" in p for p in _problems(folder))
    report = coverage_report(load_catalog(SHIPPED), 2026)
    assert any(p.startswith("HUM-903:") for p in report.to_confirm)


def test_a_silent_edit_of_last_years_item_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path, with_mappings=True)
    _edit(folder / CHECKLIST, "question: 情報の紛失やウイルス感染の疑いに気づいたときの報告先を",
          "question: 情報の紛失やウイルス感染に気づいたときの報告先を")
    assert any("HUM-026" in p and "changed" in p for p in _problems(folder))


def test_a_header_naming_a_missing_file_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path, with_mappings=True)
    _edit(folder / "jikotenken-2025.yaml", "mappings/mizuho-jikotenken_2025.1_2026.1.yaml", "map-2025-2026.yaml")
    assert any("map-2025-2026.yaml" in p and "ありません" in p for p in _problems(folder))


# ---- validation of the review data ----

def test_review_entries_are_validated(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / CHECKLIST, "    - items: [EXT-013, EXT-014]\n", "    - items: [EXT-013, EXT-999]\n")
    _edit(folder / CHECKLIST, "reach: {all_of: [publishes_web]}}", "reach: {all_of: [publishes]}}")
    with pytest.raises(ValidationFailed) as info:
        load_catalog(folder)
    messages = [str(p) for p in info.value.problems]
    assert any("jikotenken-2026.yaml:" in m and "EXT-999" in m and "accepted_overlaps" in m for m in messages)
    assert any("publishes" in m and "reach.all_of" in m for m in messages)


def test_mapping_covered_by_must_name_this_years_items(tmp_path: Path) -> None:
    folder = _copy(tmp_path, with_mappings=True)
    _edit(folder / MAPPING, "covered_by: [AST-026]", "covered_by: [AST-926]")
    with pytest.raises(ValidationFailed) as info:
        load_catalog(folder)
    assert any("AST-904" in str(p) and "covered_by" in str(p) for p in info.value.problems)


# ---- the pieces ----

def test_terms_meet_across_wording() -> None:
    assert terms("原本の取り出し") & terms("原本取出し") >= {"原本", "〈取出〉"}
    assert "〈退庁〉" in terms("終業時に施錠") & terms("退庁するとき")
    assert "〈マイナンバー〉" in terms("特定個人情報を扱う") & terms("マイナンバー利用事務系の端末")
    assert terms("確認記録") == frozenset()  # no bigram straddles two stop words
    assert terms(terms.__doc__ or "") is not None


def test_register_kinds_and_acts() -> None:
    assert register_kind("特権ID管理台帳") == "list" and register_kind("原本取出しの申請記録") == "log"
    assert register_kind("委託契約書") == ""
    assert act_kind("パスワードの決まりを、職員に守らせていますか。") == "tell"
    assert act_kind("パスワードの最低の文字数を、システムの設定で強制していますか。") == "enforce"
    assert act_kind("情報資産管理台帳の見直しを、年1回以上行っていますか。") == "update"


def test_a_reference_to_an_item_that_is_gone_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / CHECKLIST, "HUM-022・HUM-024 でそれぞれ尋ねます", "HUM-013・HUM-024 でそれぞれ尋ねます")
    assert any("HUM-014" in p and "HUM-013" in p and "ない項目" in p for p in _problems(folder))
