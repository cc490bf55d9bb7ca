"""The 年度 of the shipped checklist end to end, for each kind of unit: the 事務局 (企画課) answering the
town's items once, a 課 seeing those answers read only, a school with a theme added, the school ICT side, a
body that answers only the supplement (監査委員). Department window, submission (signed PDF), import (with
pages = data), consolidation and the audit report; last year's answers beside this year's in the window, in
the submission PDF and in the report."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mizuho_audit.domain.questionnaire import CENTRAL_TRAIT
from mizuho_audit.services import themes
from mizuho_audit.services.answering.carryover import carry_over
from mizuho_audit.services.intake.consolidation import consolidate
from mizuho_audit.services.intake.intake import import_submission
from mizuho_audit.services.reports.audit_report import write_audit_report
from mizuho_audit.services.signing import ca
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.submission.workflow import Approver, submit
from mizuho_audit.services.workspace import Checklist, Workspace
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.usecases.session import Session

from .auditor_setup import AUDITOR_PASSPHRASE, answer, register, trust_town_ca
from .conftest import SHIPPED
from .test_submission_pdf import pages_text, squeeze
from .test_window import FakeDialogs

pytestmark = pytest.mark.slow

YEAR, LAST = 2026, 2025
AUDITOR = "監査 一郎"
CA_PASS = b"ca-pass-123"
UNITS = ("kikaku", "jumin", "daiichi_sho", "shido", "kansa")
SCHOOL_SETTINGS = {"NET-029", "NET-032", "NET-033", "NET-034", "NET-042", "EXT-030", "PHY-039"}


@dataclass
class Town:
    base: Path
    improved: str  # 住民課's item answered 一部実施 last year, 実施 this year
    declined: str  # and one answered 実施 last year, 一部実施 this year
    central: str  # an item the 事務局 answers for the town that 住民課 sees


def _dept(d: Path) -> Workspace:
    return Workspace.open(d / "dept.db", shipped_dir=SHIPPED, town_dir=d / "town")


def _aud(d: Path) -> Workspace:
    return Workspace.open(d / "audit.db", shipped_dir=SHIPPED, town_dir=d / "town", role="auditor",
                          passphrase=AUDITOR_PASSPHRASE)


def _fill(ws: Workspace, cl: Checklist, ratings: dict[str, str]) -> None:
    """Every item of the year answered (実施 unless given), carried ones confirmed."""
    current = ws.answers(cl)
    for it in cl.questionnaire.items():
        rating = ratings.get(it.id)
        a = current.get(it.id)
        if rating is None and a is not None and a.rating:
            if a.needs_review:
                ws.store.confirm_answer(cl.assessment.id, it.id, actor="担当")
            continue
        rating = rating or "done"
        ws.save(cl, it.id, "rating", rating, "担当")
        if rating == "partial":
            ws.save(cl, it.id, "plan_content", f"{it.id} を改善する", "担当")
            ws.save(cl, it.id, "plan_due", f"{cl.year + 1}-03-31", "担当")


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Town:
    """Last year: 住民課 and 瑞穂第一小学校 submitted (住民課 one item in part) and the auditor took them in.
    This year: the auditor adds 庁外への持ち出し for the school and hands the file out; the department
    database takes it in; the two units carry last year's answers over; the 事務局 answers everything."""
    base = tmp_path_factory.mktemp("town")
    ca.init_ca(base / "ca", CA_PASS)
    dept, aud = _dept(base), _aud(base)
    try:
        trust_town_ca(aud, base / "ca")
        for dep in UNITS:
            p12 = ca.issue_certificate(base / "ca", CA_PASS, name=f"{dep} 課長", title="課長", department=dep,
                                       out_p12=base / f"{dep}.p12", p12_passphrase=None).p12_path
            register(aud, p12, "submission", dep)
        this_year = {it.id for it in dept.checklist("jumin", YEAR).questionnaire.items()}
        last_year = [it.id for it in dept.checklist("jumin", LAST).questionnaire.items() if it.id in this_year]
        improved, declined = last_year[0], last_year[1]
        for dep, ratings in (("jumin", {improved: "partial"}), ("daiichi_sho", {})):
            answer(dept, dep, LAST, ratings)
            out = export_submission(dept, dept.checklist(dep, LAST), base / "sub" / f"{LAST}-{dep}.json",
                                    actor="担当")
            assert import_submission(aud, out, actor=AUDITOR).outcome == "imported"
        themes.set_year(aud, YEAR, {"daiichi_sho": ["taking_out"]}, actor=AUDITOR)
        themes.write_file(aud, YEAR, base / "themes.yaml", actor=AUDITOR, issued_at="2026-04-01T09:00:00+09:00")
        assert themes.install_file(dept, base / "themes.yaml", actor="担当").departments == 1
        for dep in ("jumin", "daiichi_sho"):
            assert carry_over(dept, dep, YEAR, "担当").carried > 0
        office = dept.checklist("kikaku", YEAR)
        _fill(dept, office, {})
        jumin = dept.checklist("jumin", YEAR)
        central = dept.central_answers(jumin)
        assert central is not None and central.unit.id == "kikaku"
        seen = next(iter(central.answers))
    finally:
        aud.close()
        dept.close()
    return Town(base, improved, declined, seen)


@pytest.fixture
def desk(town: Town, tmp_path: Path) -> Path:
    """A copy of the town's two databases for one test."""
    for name in ("dept.db", "audit.db", "ca", "town"):
        src = town.base / name
        if src.is_dir():
            shutil.copytree(src, tmp_path / name)
        elif src.exists():
            shutil.copy(src, tmp_path / name)
    for dep in UNITS:
        shutil.copy(town.base / f"{dep}.p12", tmp_path / f"{dep}.p12")
    return tmp_path


@pytest.fixture
def window(desk: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    w = MainWindow(Session(_dept(desk)), FakeDialogs())
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    yield w
    w.close()
    w.session.workspace.close()


def _chapters(w: MainWindow) -> list[str]:
    return [w.model.data(w.model.index(r, 0)) for r in range(w.model.rowCount())]


# ---- the department window ----

def test_a_department_sees_the_offices_answers_read_only_and_last_years_beside_this_years(
        window: MainWindow, town: Town, qtbot: QtBot) -> None:
    w = window
    w.select("jumin", YEAR)
    assert "今年度の項目: 毎年の項目、A 群（" in w.status_label.text()
    # The 事務局's answers: a last chapter for reference, not the department's items, not counted, not editable.
    assert "事務局が町全体として答える項目（企画課の回答・参考）" in _chapters(w)[-1]
    assert town.central not in w.model.item_ids() and w.model.is_central(town.central)
    total = len(w.model.item_ids())
    assert w.progress_bar.maximum() == total
    w.select_item(town.central)
    panel = w.panel
    assert panel.central_banner.isVisibleTo(w) and "企画課" in panel.central_banner.text()
    assert not any(b.isEnabled() for b in panel.rating_buttons) and panel.note.isReadOnly()
    assert panel.rating_buttons[0].isChecked()  # the 事務局 answered 実施している
    assert not panel.evidence_box.isVisibleTo(w)

    # A carried answer: last year's beside this year's, which then moves.
    w.select_item(town.improved)
    assert not panel.central_banner.isVisibleTo(w) and any(b.isEnabled() for b in panel.rating_buttons)
    assert panel.last_year.isVisibleTo(w)
    assert panel.last_year.text().startswith("令和7年度の回答: 一部実施している")
    qtbot.waitUntil(panel.rating_buttons[0].isVisible)  # made for this checklist's scale: shown by the loop
    qtbot.mouseClick(panel.rating_buttons[0], Qt.MouseButton.LeftButton)
    assert "今年度: 実施している（改善）" in panel.last_year.text()
    w.select_item(town.declined)
    panel.select_rating(1)
    assert "今年度: 一部実施している（低下）" in panel.last_year.text()


def test_the_school_the_office_and_the_supplement_in_the_window(window: MainWindow) -> None:
    w = window
    ws = w.session.workspace
    w.select("daiichi_sho", YEAR)
    ids = set(w.model.item_ids())
    q = ws.catalog.for_year(YEAR)
    assert q is not None
    school = ws.department("daiichi_sho")
    theme = {i for i in q.theme("taking_out").items if q.applies(q.item(i), school.traits)}
    assert theme and theme <= ids and not ids & SCHOOL_SETTINGS
    assert "テーマ「庁外への持ち出し」" in w.status_label.text()
    w.panel.select_rating(0)
    assert ws.answers(w.checklist)[w.current_item_id()].rating == "done"  # type: ignore[arg-type,index]

    w.select("shido", YEAR)  # the school ICT side answers the schools' settings
    assert SCHOOL_SETTINGS & set(w.model.item_ids())

    w.select("kikaku", YEAR)  # the 事務局: the town's items are its own, editable; no reference chapter
    office = {it.id for it in q.items() if it.answered_by == "central"}
    assert office & set(w.model.item_ids()) and not any("事務局が町全体" in c for c in _chapters(w))
    assert CENTRAL_TRAIT in ws.department("kikaku").traits

    w.select("kansa", YEAR)  # 監査委員: the short supplement
    assert 3 <= len(w.model.item_ids()) <= 10 and "ORG-018" in w.model.item_ids()


# ---- submission, import, report ----

def _submit_and_export(ws: Workspace, base: Path, dep: str, ratings: dict[str, str]) -> Path:
    cl = ws.checklist(dep, YEAR)
    _fill(ws, cl, ratings)
    submit(ws, cl, Approver(f"{dep} 課長", "課長", f"{YEAR}-11-20"), "担当")
    return export_submission(ws, ws.checklist(dep, YEAR), base / "in" / f"{YEAR}-{dep}.pdf", actor="担当",
                             p12=base / f"{dep}.p12")


def test_each_unit_from_submission_to_the_report(desk: Path, town: Town) -> None:
    dept = _dept(desk)
    try:
        files = {dep: _submit_and_export(dept, desk, dep, {town.improved: "done", town.declined: "partial"}
                                         if dep == "jumin" else {}) for dep in UNITS}
    finally:
        dept.close()
    # The submission PDF says what the 年度 asked and what moved since last year.
    jumin = squeeze("".join(pages_text(files["jumin"])))
    assert "今年度に尋ねた項目毎年の項目・A群" in jumin
    assert "前年度からの変化" in jumin and "評価が上がった項目（1件）" in jumin and "評価が下がった項目（1件）" in jumin
    moved = jumin[jumin.index("評価が上がった項目（1件）"):]
    assert moved.index(town.improved) < moved.index("評価が下がった項目") < moved.index(town.declined)
    school = squeeze("".join(pages_text(files["daiichi_sho"])))
    assert "毎年の項目・A群・テーマ「庁外への持ち出し」" in school
    assert town.central not in jumin  # the 事務局's item is not in 住民課's submission

    aud = _aud(desk)
    try:
        for dep, path in files.items():  # signed, registered, pages = data: every unit imports
            result = import_submission(aud, path, actor=AUDITOR)
            assert result.outcome == "imported", (dep, result.message)
        cons = consolidate(aud, YEAR)
        assert cons.central is not None and cons.central.department.id == "kikaku"
        assert town.central in {it.id for it in cons.central.checklist.items()}
        town_items = {it.id for it in cons.central.checklist.items()}
        for dep in UNITS:  # asked once: of the 事務局 only, and scored apart from its own items
            r = cons.result(dep)
            assert r is not None
            asked = {it.id for it in r.checklist.items()}
            assert town_items <= asked if dep == "kikaku" else not asked & town_items, dep
        assert len(list(cons.result("kansa").checklist.items())) <= 10  # type: ignore[union-attr]
        report = write_audit_report(aud, YEAR, desk / "report.pdf", actor=AUDITOR, author="監査 花子",
                                    reviewer="情報 次郎", approver="瑞穂 太郎", issued_on=date(2027, 3, 15))
    finally:
        aud.close()
    text = squeeze("".join(pages_text(report)))
    appendix = text[text.index("6付録部署別の結果", text.index("6付録部署別の結果") + 1):]

    def section(name: str) -> str:
        start = appendix.index(name)
        following = [appendix.find(n, start + len(name)) for n in ("6.", "以上")]
        return appendix[start:min(f for f in following if f > 0)]

    office = section("企画課")
    assert "町全体の事項" in office and re.search(r"情報セキュリティ事務局として町全体の\d+項目に回答", office)
    assert "一度だけ数える" in office
    residents = section("住民課")
    assert "尋ねた項目毎年の項目・A群" in residents
    assert "前年度からの変化（評価が上がった項目1件、下がった項目1件" in residents
    assert town.improved in residents and town.declined in residents
    assert "毎年の項目・A群・テーマ「庁外への持ち出し」" in section("瑞穂第一小学校")
    assert "監査委員" in appendix and "瑞穂町教育委員会" in text
