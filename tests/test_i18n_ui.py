"""The window in English: every word of the app's own translated, the data left as it is; the catalogue
complete and compiled; Japanese still the default; long (stretched) texts still fit the screen."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from mizuho_audit import app as app_module
from mizuho_audit import i18n, preferences
from mizuho_audit.domain.questionnaire import Questionnaire
from mizuho_audit.services.findings import findings
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui import auditor_window, backup_actions, department_actions, dialogs, verify_dialog
from mizuho_audit.ui.auditor_window import AuditorWindow
from mizuho_audit.ui.certificate_dialog import CertificateDialog
from mizuho_audit.ui.dashboard_models import chapter_label, short_chapter_label
from mizuho_audit.ui.dialogs import Dialogs
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.ui.start_dialogs import PassphraseDialog, RoleDialog
from mizuho_audit.ui.workflow_dialogs import ApprovalDialog
from mizuho_audit.usecases.session import Session

from .auditor_setup import build

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "mizuho_audit_en.ts"
QM = TS.with_suffix(".qm")
# Hiragana, katakana, kanji, Japanese punctuation and full-width forms (（）、。「」 and the full-width space).
JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u4e00-\u9fff\uff00-\uffef]")
PEOPLE = ("瑞穂 花子", "監査 一郎", "担当", "課長")  # names and titles the tests and auditor_setup type in
SCREEN_W, SCREEN_H = 1366, 768
YEAR = 2026


# -- what the window shows --------------------------------------------------------------------------------


class RecordingDialogs(Dialogs):
    """Modal message boxes that record what they would say and answer "no" / "cancel"."""

    def __init__(self, open_path: str | None = None) -> None:
        self.said: list[tuple[str, str]] = []
        self.open_path = open_path

    def _say(self, where: str, *texts: str) -> None:
        self.said.extend((where, t) for t in texts if t)

    def error(self, parent: Any, title: str, text: str, details: str = "") -> None:
        self._say("error", title, text)

    def info(self, parent: Any, title: str, text: str) -> None:
        self._say("info", title, text)

    def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
        self._say("question", title, text, details)
        return False

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
        self._say("ask_text", title, label)
        return None

    def ask_secret(self, parent: Any, title: str, label: str) -> str | None:
        self._say("ask_secret", title, label)
        return None

    def open_file(self, parent: Any, title: str, filters: str) -> str | None:
        self._say("open_file", title, filters)
        return self.open_path

    def open_files(self, parent: Any, title: str, filters: str) -> list[str]:
        self._say("open_files", title, filters)
        return []

    def open_folder(self, parent: Any, title: str) -> str | None:
        self._say("open_folder", title)
        return None

    def save_file(self, parent: Any, title: str, default: str, filters: str) -> str | None:
        self._say("save_file", title, default, filters)
        return None


def _header_texts(model: QAbstractItemModel | None) -> list[str]:
    if model is None or isinstance(model, QAbstractListModel):  # a list has no header
        return []
    return [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    for action in menu.actions():
        yield f"{where} action", action.text()
        yield f"{where} tip", action.statusTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} > {action.text()}")


def chrome(top: QWidget, skip: Iterable[str] = ("itemQuestion",)) -> list[tuple[str, str]]:
    """Every text the app puts on ``top`` and its children (shown or not), with where it is.

    Widgets named in ``skip`` only show data (the item's question); table cells are data too, except the
    columns the tests name themselves."""
    found: list[tuple[str, str]] = [("window title", top.windowTitle())]
    skipped = set(skip)
    for w in [top, *top.findChildren(QWidget)]:
        name = f"{type(w).__name__}:{w.objectName()}"
        if w.objectName() in skipped:
            continue
        found += [(f"{name} accessible name", w.accessibleName()), (f"{name} tooltip", w.toolTip()),
                  (f"{name} status tip", w.statusTip())]
        if isinstance(w, QLabel | QAbstractButton):
            found.append((f"{name} text", w.text()))
        elif isinstance(w, QGroupBox):
            found.append((f"{name} title", w.title()))
        elif (isinstance(w, QLineEdit) and not isinstance(w.parent(), QDateEdit | QComboBox)) \
                or isinstance(w, QPlainTextEdit):
            found.append((f"{name} placeholder", w.placeholderText()))
        elif isinstance(w, QDateEdit):
            found.append((f"{name} special value", w.specialValueText()))
        elif isinstance(w, QProgressBar):
            found.append((f"{name} format", w.format()))
        elif isinstance(w, QComboBox):
            found += [(f"{name} item", w.itemText(i)) for i in range(w.count())]
            found.append((f"{name} placeholder", w.placeholderText()))
        elif isinstance(w, QTabWidget):
            found += [(f"{name} tab", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
            found += [(f"{name} header", t) for t in _header_texts(w.model())]
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            found.append(("menu", action.text()))
            if action.menu() is not None:
                found += list(_menu_texts(action.menu(), action.text()))
        found.append(("status bar", top.statusBar().currentMessage()))
    found += [(f"action {a.text()!r} tooltip", a.toolTip()) for a in top.findChildren(QAction)
              if a.toolTip() not in (a.text(), a.text().replace("&", ""))]
    return [(where, text) for where, text in found if text]


def cells(view: QAbstractItemView, columns: Iterable[int], roles: Iterable[int] = (
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)) -> list[tuple[str, str]]:
    """The texts of the app's own columns of a table (statuses, grades ...)."""
    model = view.model()
    out = []
    for row in range(model.rowCount(QModelIndex())):
        for col in columns:
            for role in roles:
                value = model.data(model.index(row, col), role)
                if isinstance(value, str) and value:
                    out.append((f"{view.accessibleName()} [{row},{col}]", value))
    return out


@dataclass
class Data:
    """The strings that are data (questionnaire, departments, people, findings): they stay Japanese."""

    strings: set[str] = field(default_factory=set)

    def add(self, *texts: str | None) -> None:
        self.strings.update(t for t in texts if t and JAPANESE.search(t))

    def add_questionnaire(self, q: Questionnaire | None) -> None:
        if q is None:
            return
        self.add(q.title, *(o.label for o in q.scale))
        for ch in q.chapters:
            self.add(ch.title, chapter_label(ch), short_chapter_label(ch), short_chapter_label(ch, 15),
                     short_chapter_label(ch, 9))
            for sec in ch.sections:
                self.add(sec.title)
                for it in sec.items:
                    self.add(it.question, it.criteria_done, it.criteria_partial, it.guidance, it.clause,
                             *it.evidence)

    def add_workspace(self, ws: Workspace) -> None:
        for year in ws.catalog.years():
            self.add_questionnaire(ws.catalog.for_year(year))
        for d in ws.catalog.master.departments:
            self.add(d.name, d.body_name, d.division, d.display_name)
        for f in ws.store.findings():
            self.add(f.title, f.text, f.recommendation, f.department_report)
        self.add(*PEOPLE)
        self.add(*i18n.LANGUAGES.values())  # 表示 → 言語 names each language in its own words

    def strip(self, text: str) -> str:
        for s in sorted(self.strings, key=len, reverse=True):
            text = text.replace(s, " ")
        return text


def untranslated(found: Iterable[tuple[str, str]], data: Data) -> list[tuple[str, str]]:
    return [(where, text) for where, text in found if JAPANESE.search(data.strip(text))]


# -- fixtures ------------------------------------------------------------------------------------------------


def _install(qapp: QApplication, language: str, stretched: bool = False) -> Iterator[None]:
    i18n.set_language(language)
    installed = app_module.install_translations(qapp, language, stretched=stretched)
    try:
        yield
    finally:
        app_module.remove_translations(qapp, installed)
        for translator in installed:
            translator.deleteLater()
        i18n.set_language(i18n.DEFAULT_LANGUAGE)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The app's and Qt's translations installed as run_gui does for ``--lang en``."""
    yield from _install(qapp, "en")


@pytest.fixture
def stretched_english(qapp: QApplication) -> Iterator[None]:
    yield from _install(qapp, "en", stretched=True)


@dataclass
class Desk:
    dept: Workspace
    aud: Workspace
    tmp: Path
    data: Data


@pytest.fixture
def desk(tmp_path: Path, mini_dir: Path) -> Iterator[Desk]:
    """住民課 and 税務課 submitted (with things to improve), the auditor's database with them and proposals."""
    dept, aud = build(tmp_path, mini_dir, {"jumin": {"NET-001": "partial", "ORG-002": "not_done"},
                                           "zeimu": {"ORG-001": "na"}})
    findings.propose(aud, YEAR, "監査 一郎")
    data = Data()
    data.add_workspace(dept)
    data.add_workspace(aud)
    yield Desk(dept, aud, tmp_path, data)
    aud.close()
    dept.close()


def department_window(desk: Desk, qtbot: QtBot, dialogs: Dialogs | None = None,
                      department: str = "kikaku") -> MainWindow:
    """The department's window on a checklist in progress, an item with a plan and evidence shown."""
    w = MainWindow(Session(desk.dept), dialogs or RecordingDialogs(), user="瑞穂 花子")
    qtbot.addWidget(w)
    w.select(department, YEAR)
    if department == "kikaku":  # in progress: the first unanswered item is shown
        assert w.current_item_id() is not None
        w.panel.select_rating(1)  # 一部実施: the plan appears
        assert w.panel.plan_box.isVisibleTo(w)
    w.show()
    return w


def auditor(desk: Desk, qtbot: QtBot, dialogs: Dialogs | None = None) -> AuditorWindow:
    w = AuditorWindow(Session(desk.aud), dialogs or RecordingDialogs(), user="監査 一郎")
    qtbot.addWidget(w)
    w.show()
    w.findings.table.selectRow(0)
    return w


def capture_exec(monkeypatch: pytest.MonkeyPatch, *classes: type[QDialog]) -> list[QDialog]:
    """Dialogs of these classes are shown non-modally and kept instead of waiting for a person."""
    shown: list[QDialog] = []

    def fake_exec(self: QDialog) -> int:
        self.show()
        shown.append(self)
        return QDialog.DialogCode.Rejected

    for cls in classes:
        monkeypatch.setattr(cls, "exec", fake_exec)
    return shown


def every_dialog(desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """Every dialog of ui/, opened the way the app opens it (its callers' texts included)."""
    pdf = export_submission(desk.dept, desk.dept.checklist("jumin", YEAR), desk.tmp / "jumin.pdf", actor="担当")
    shown = capture_exec(monkeypatch, department_actions.MissingItemsDialog, department_actions.ReasonDialog,
                         department_actions.ChangesDialog, department_actions.LogDialog,
                         department_actions.CertificateDialog, verify_dialog.VerifyDialog,
                         backup_actions.BackupChooser, dialogs.TableDialog, auditor_window.ReasonDialog)
    w = department_window(desk, qtbot, RecordingDialogs(open_path=str(pdf)))
    w.workflow.submit()  # incomplete: the missing items
    w.workflow.show_changes()
    w.workflow.show_log()
    w.workflow.certificates()
    w.workflow.verify_file()
    w.backup_actions.restore_backup()
    w.select("jumin", YEAR)
    w.workflow.reopen()  # submitted: the reason to take it back
    a = auditor(desk, qtbot)
    a.select_department("jumin")
    a.return_selected()
    a._show_results([], [desk.tmp / "skipped.pdf"])
    made: list[QDialog] = [ApprovalDialog(w, name="瑞穂 太郎", title="住民課長"), a.findings.new_finding_dialog(),
                           RoleDialog(), PassphraseDialog(creating=True), PassphraseDialog(creating=False),
                           CertificateDialog(Dialogs())]
    for d in made:
        qtbot.addWidget(d)
        d.show()
    kinds = {type(d).__name__ for d in shown + made}
    assert kinds >= {"MissingItemsDialog", "ReasonDialog", "ChangesDialog", "LogDialog", "CertificateDialog",
                     "VerifyDialog", "BackupChooser", "TableDialog", "ApprovalDialog", "ManualFindingDialog",
                     "RoleDialog", "PassphraseDialog"}, kinds
    return shown + made


# -- English -----------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_department_window_in_english_has_no_japanese_of_its_own(desk: Desk, qtbot: QtBot) -> None:
    said = RecordingDialogs()
    w = department_window(desk, qtbot, said)
    w.panel.review_box.setVisible(True)
    found = chrome(w) + cells(w.tree, [1])
    assert ("window title", "Mizuho Town Information Security Self-Inspection") in found
    assert not untranslated(found, desk.data)
    assert "Fiscal &year:" in [t for _w, t in found] and "FY2026" in w.year_combo.currentText()
    assert w.panel.rating_buttons[0].text().startswith("&1 ")  # the scale's labels stay the questionnaire's
    # What the window says in messages, through the dialogs seam.
    w.go_next_unanswered()
    w.workflow.carry_over()
    w.workflow.export_file()
    w.workflow.export_json()
    w.workflow.import_notice()
    w.workflow.add_trust_root()
    w.import_definitions()
    w.backup_actions.create_backup()
    w.view_menu.choose_language("en")
    w.change_user()
    assert len(said.said) >= 8
    assert not untranslated(said.said, desk.data)


@pytest.mark.usefixtures("english")
def test_auditor_window_in_english_every_tab(desk: Desk, qtbot: QtBot) -> None:
    said = RecordingDialogs()
    w = auditor(desk, qtbot, said)
    found = chrome(w)
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        for j in range(w.dashboard.tabs.count()):
            w.dashboard.tabs.setCurrentIndex(j)
            found += chrome(w)
    found += cells(w.table, range(2, 9)) + cells(w.findings.table, (2, 4, 5, 6))
    found += cells(w.dashboard.heat_table, [0]) + cells(w.dashboard.trend_table, [0])
    found += cells(w.dashboard.failing_table, (3, 4, 5), roles=[Qt.ItemDataRole.DisplayRole])
    charts = [w.dashboard.bar_view.chart(), w.dashboard.radar_view.chart(), w.dashboard.trend_view.chart()]
    found += [("chart title", c.title()) for c in charts]
    found += [("chart series", s.name()) for c in charts for s in c.series()]
    found.append(("summary", w.summary.text()))
    assert [w.tabs.tabText(i) for i in range(3)] == ["&1 Submissions", "&2 Findings", "&3 Analysis"]
    assert "Submitted" in w.summary.text()
    assert not untranslated(found, desk.data)
    w.accept_selected()
    w.export_missing_csv()
    w.findings.propose()
    w.findings.carry_open()
    w.reports.export_excel()
    w.reports.export_report()
    w.reports.reopen_year()
    w.add_trust_root()
    assert len(said.said) >= 6
    assert not untranslated(said.said, desk.data)


@pytest.mark.usefixtures("english")
def test_every_dialog_in_english(desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = []
    for d in every_dialog(desk, qtbot, monkeypatch):
        found = chrome(d)
        for view in d.findChildren(QAbstractItemView):
            if type(d).__name__ == "VerifyDialog":
                found += cells(view, range(2, 7))
            if type(d).__name__ == "LogDialog":
                found += cells(view, (3, 4))
            if type(d).__name__ == "ChangesDialog":
                found += cells(view, [1])
            if type(d).__name__ == "TableDialog":
                found += cells(view, (1, 4))
        problems += [(type(d).__name__, *p) for p in untranslated(found, desk.data)]
    assert not problems


def test_japanese_is_still_the_default(desk: Desk, qtbot: QtBot) -> None:
    w = department_window(desk, qtbot)
    assert w.windowTitle() == "瑞穂町 情報セキュリティ自己点検"
    assert w.admin_menu.title() == "管理(&A)"
    assert w.filter_combo.itemText(0) == "すべて"
    assert w.year_combo.currentText() == "令和8年度（2026）"
    assert w.panel.rating_box.title() == "評価（キー 1〜4 でも選べます）"
    assert [a.text() for a in w.view_menu.font_actions.values()] == ["小", "標準", "大", "特大"]
    a = auditor(desk, qtbot)
    assert a.tabs.tabText(0) == "提出状況(&1)"
    assert a.model.headerData(2, Qt.Orientation.Horizontal) == "状態"
    assert "提出済 2" in a.summary.text()


def test_english_can_be_chosen_and_is_remembered(desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MIZUHO_AUDIT_LANG", raising=False)
    said = RecordingDialogs()
    w = department_window(desk, qtbot, said)
    assert app_module.choose_language() == "ja"
    w.view_menu.language_actions["en"].trigger()
    assert preferences.load().language == "en"
    assert any("再起動" in text for _w, text in said.said)  # says when it takes effect
    assert app_module.choose_language() == "en"  # the next start
    monkeypatch.setenv("MIZUHO_AUDIT_LANG", "ja")
    assert app_module.choose_language() == "ja"  # the environment wins
    assert app_module.choose_language("en") == "en"  # and --lang wins over it


# -- the catalogue -----------------------------------------------------------------------------------------------


def _tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).parent / name)


def test_catalogue_is_complete(tmp_path: Path) -> None:
    root = ET.parse(TS).getroot()
    assert root.get("language") == "en" and root.get("sourcelanguage") == "ja"
    messages = root.findall("./context/message")
    assert len(messages) > 500
    for m in messages:
        translation = m.find("translation")
        assert translation is not None and translation.get("type") is None, m.findtext("source")
        text = "".join(translation.itertext())
        assert text.strip() or not m.findtext("source", "").strip(), m.findtext("source")
        assert not JAPANESE.search(text), text
    # Every text of the code is in the catalogue: lupdate on a copy finds nothing new.
    copy = tmp_path / "copy.ts"
    shutil.copy(TS, copy)
    sources = [str(p) for p in sorted((ROOT / "mizuho_audit" / "ui").glob("*.py"))]
    sources.append(str(ROOT / "mizuho_audit" / "app.py"))
    run = subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete"], check=True,
                         capture_output=True, text=True)
    assert "(0 new " in run.stdout, run.stdout
    assert 'type="unfinished"' not in copy.read_text(encoding="utf-8")


def test_compiled_catalogue_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run scripts/translations.py build-ui"


# -- long texts ----------------------------------------------------------------------------------------------------


def _fits(widget: QWidget) -> bool:
    hint = widget.minimumSizeHint()
    return hint.width() <= SCREEN_W and hint.height() <= SCREEN_H


def _truncated_labels(window: QWidget) -> list[str]:
    return [f"{label.objectName() or label.text()!r}: {label.width()} < {label.sizeHint().width()}"
            for label in window.findChildren(QLabel)
            if label.isVisible() and not label.wordWrap() and label.text()
            and label.width() < label.sizeHint().width()]


@pytest.mark.usefixtures("stretched_english")
def test_stretched_texts_still_fit(desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    w = department_window(desk, qtbot)
    menu = w.menuBar().actions()[0].text()
    assert menu.startswith("Answe&rs ") and len(menu) > len("Answe&rs ")  # the strings are stretched
    w.resize(SCREEN_W, SCREEN_H)
    qtbot.wait(10)
    assert _fits(w), w.minimumSizeHint()
    assert not _truncated_labels(w)
    a = auditor(desk, qtbot)
    a.resize(SCREEN_W, SCREEN_H)
    for i in range(a.tabs.count()):
        a.tabs.setCurrentIndex(i)
        qtbot.wait(10)
        assert _fits(a), (i, a.minimumSizeHint())
        assert not _truncated_labels(a), i
    too_big = [(type(d).__name__, d.minimumSizeHint()) for d in every_dialog(desk, qtbot, monkeypatch)
               if not _fits(d)]
    assert not too_big


def test_stretch_wraps_every_text_without_breaking_placeholders(qapp: QApplication) -> None:
    translators = app_module.install_translations(qapp, "ja", stretched=True)
    try:
        text = QApplication.translate("MainWindow", "データベース: {0}")
        assert text.startswith("データベース: {0} ") and len(text) > len("データベース: {0}")
        assert text.format("x.db").startswith("データベース: x.db")  # no stray brace from the stretch
    finally:
        app_module.remove_translations(qapp, translators)



@pytest.mark.usefixtures("english")
def test_the_findings_count_is_one_line_in_english(desk: Desk, qtbot: QtBot) -> None:
    w = auditor(desk, qtbot)
    w.tabs.setCurrentIndex(1)
    editor = w.findings
    label = editor.count_label
    # As many as the town's first year brought: 197 proposed, 196 not yet confirmed, several selected.
    text = (editor.tr("{0}: {1} 件").format("FY2026", 197) + editor.tr("（表示 {0} 件）").format(196)
            + editor.tr("　未確認 {0} 件").format(196) + editor.tr("　選択 {0} 件").format(150))
    assert text.isascii() and "FY2026: 197 finding(s)" in text
    label.setText(text)
    QApplication.processEvents()
    lines = label.heightForWidth(label.width()) / label.fontMetrics().lineSpacing()
    assert lines < 2, (label.width(), text)
    assert label.width() >= label.fontMetrics().horizontalAdvance(text)
