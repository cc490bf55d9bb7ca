"""The auditor's window as the auditor uses it: import on the worker (with a tampered file and a
changed re-submission), drag and drop, cancel, the deadline and the missing list, and the 指摘事項."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from mizuho_audit.services.findings.findings import TOWN_WIDE
from mizuho_audit.services.intake.intake import ImportResult
from mizuho_audit.services.signing import ca
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.submission.workflow import reopen
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui import findings_editor
from mizuho_audit.ui.auditor_window import AuditorWindow, BoardModel
from mizuho_audit.ui.dialogs import TableDialog
from mizuho_audit.ui.findings_editor import FindingsModel, ManualFindingDialog
from mizuho_audit.ui.worker import Cancelled, Progress, Worker, single_thread_pool
from mizuho_audit.ui.workflow_dialogs import TableRow
from mizuho_audit.usecases import intake as intake_usecases
from mizuho_audit.usecases.session import Session

from .auditor_setup import AUDITOR_PASSPHRASE, answer, build, register, trust_town_ca
from .test_window import FakeDialogs

WAIT_MS = 30_000
CA_PASS = b"ca-pass-123"


class AuditorDialogs(FakeDialogs):
    """Answers every modal dialog of the auditor's window and remembers what it was shown."""

    def __init__(self) -> None:
        super().__init__("監査 一郎")
        self.answers: list[bool] = []
        self.questions: list[str] = []
        self.confirm_answers: list[bool] = []
        self.confirms: list[tuple[str, list[TableRow]]] = []
        self.tables: list[tuple[str, str, list[TableRow], list[int]]] = []
        self.save_path: str | None = None

    def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else False

    def save_file(self, parent: Any, title: str, default: str, filters: str) -> str | None:
        return self.save_path

    def show_table(self, parent: Any, title: str, text: str, headers: Any, rows: Any, highlighted: Any = ()) -> None:
        self.tables.append((title, text, list(rows), list(highlighted)))

    def confirm_table(self, parent: Any, title: str, text: str, headers: Any, rows: Any, ok_text: str,
                      cancel_text: str = "キャンセル") -> bool:
        self.confirms.append((text, list(rows)))
        return self.confirm_answers.pop(0) if self.confirm_answers else False


# -- the worker ----------------------------------------------------------------------------------


def test_worker_reports_progress_and_result(qtbot: QtBot) -> None:
    def job(progress: Progress) -> int:
        for i in range(3):
            progress(i, 3, f"file{i}")
        return 42

    pool = single_thread_pool()
    worker = Worker(job)
    seen: list[tuple[int, int, str]] = []
    worker.signals.progress.connect(lambda d, t, s: seen.append((d, t, s)))
    with qtbot.waitSignal(worker.signals.finished, timeout=WAIT_MS) as done:
        pool.start(worker)
    assert done.args == [42] and worker.is_done()
    assert seen == [(0, 3, "file0"), (1, 3, "file1"), (2, 3, "file2")]
    pool.waitForDone()


def test_worker_cancel_and_failure(qtbot: QtBot) -> None:
    started, gate = threading.Event(), threading.Event()

    def slow(progress: Progress) -> None:
        started.set()
        gate.wait(10)
        progress(1, 2, "")  # raises Cancelled here
        raise AssertionError("not reached")

    pool = single_thread_pool()
    worker = Worker(slow)
    with qtbot.waitSignal(worker.signals.cancelled, timeout=WAIT_MS):
        pool.start(worker)
        assert started.wait(10)
        worker.cancel()
        gate.set()
    assert worker.is_cancelled()

    def broken(progress: Progress) -> None:
        raise ValueError("ファイルが壊れています")

    failing = Worker(broken)
    with qtbot.waitSignal(failing.signals.failed, timeout=WAIT_MS) as failed:
        pool.start(failing)
    assert failed.args == ["ファイルが壊れています"]
    pool.waitForDone()
    assert issubclass(Cancelled, Exception)


# -- import --------------------------------------------------------------------------------------


@dataclass
class Desk:
    dept: Workspace
    aud: Workspace
    inbox: Path
    tmp: Path


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """A town CA and one signing certificate per approver (RSA keys take a moment: made once)."""
    d = tmp_path_factory.mktemp("pki")
    info = ca.init_ca(d / "ca", CA_PASS)
    p12 = {dep: ca.issue_certificate(d / "ca", CA_PASS, name=f"{dep} 課長", title="課長", department=dep,
                                     out_p12=d / f"{dep}.p12", p12_passphrase=None).p12_path
           for dep in ("jumin", "kosodate")}
    return info.cert_path, p12


def _tamper(src: Path, out: Path) -> Path:
    raw = bytearray(src.read_bytes())
    at = raw.find(b"stream\n", len(raw) // 2) + 30  # inside a content stream, covered by the signature
    raw[at] ^= 0x01
    out.write_bytes(bytes(raw))
    return out


@pytest.fixture
def desk(tmp_path: Path, mini_dir: Path, pki: tuple[Path, dict[str, Path]]) -> Iterator[Desk]:
    """住民課 signed PDF, 税務課 JSON (unsigned), and a signed PDF of 子育て応援課 changed after signing."""
    ca_cert, p12 = pki
    dept = Workspace.open(tmp_path / "dept.db", shipped_dir=mini_dir, town_dir=tmp_path / "town")
    inbox = tmp_path / "in"
    for dep in ("jumin", "zeimu", "kosodate"):
        answer(dept, dep, 2026, {"NET-001": "partial"} if dep != "kikaku" else {})
    export_submission(dept, dept.checklist("jumin", 2026), inbox / "jumin.pdf", actor="担当", p12=p12["jumin"])
    export_submission(dept, dept.checklist("zeimu", 2026), inbox / "zeimu.json", actor="担当")
    signed = export_submission(dept, dept.checklist("kosodate", 2026), tmp_path / "kosodate.pdf", actor="担当",
                               p12=p12["kosodate"])
    _tamper(signed, inbox / "kosodate-changed.pdf")
    aud = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                         passphrase=AUDITOR_PASSPHRASE)
    trust_town_ca(aud, ca_cert.parent)
    for dep, path in p12.items():
        register(aud, path, "submission", dep)
    yield Desk(dept, aud, inbox, tmp_path)
    aud.close()
    dept.close()


def _window(ws: Workspace, qtbot: QtBot, dialogs: AuditorDialogs | None = None) -> AuditorWindow:
    w = AuditorWindow(Session(ws), dialogs or AuditorDialogs(), user="監査 一郎")
    qtbot.addWidget(w)
    return w


def _import(w: AuditorWindow, qtbot: QtBot, paths: list[Path]) -> list[ImportResult]:
    with qtbot.waitSignal(w.import_done, timeout=WAIT_MS) as done:
        assert w.import_paths(paths) is not None
        assert not w.tabs.isEnabled() and not w.import_files_button.isEnabled()  # nothing else touches the store
    assert w.tabs.isEnabled() and not w.is_busy()
    return list(done.args[0])


def _row(w: AuditorWindow, department: str) -> int:
    return next(i for i, r in enumerate(w.model.rows) if r.department == department)


def _cell(w: AuditorWindow, department: str, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return w.model.data(w.model.index(_row(w, department), col), role)


def test_import_on_the_worker_refuses_a_tampered_pdf_and_takes_the_rest(desk: Desk, qtbot: QtBot,
                                                                        qtmodeltester: Any) -> None:
    dialogs = AuditorDialogs()
    w = _window(desk.aud, qtbot, dialogs)
    qtmodeltester.check(w.model)
    results = {r.path.name: r for r in _import(w, qtbot, [desk.inbox])}
    assert results["jumin.pdf"].outcome == "imported" and results["jumin.pdf"].signature == "valid"
    assert results["zeimu.json"].outcome == "imported" and results["zeimu.json"].signature == "unsigned"
    bad = results["kosodate-changed.pdf"]
    assert bad.outcome == "refused" and "署名の後でファイルが変更されています" in bad.message
    # The results list: every file, its outcome and the reason in Japanese; the refused one marked.
    [(title, text, rows, marked)] = dialogs.tables
    assert title == "取込の結果" and "取込 2" in text and "拒否 1" in text
    by_file = {r.cells[0]: r for r in rows}
    assert by_file["kosodate-changed.pdf"].cells[1] == "拒否"
    assert "署名の後でファイルが変更されています" in by_file["kosodate-changed.pdf"].cells[4]
    assert by_file["jumin.pdf"].cells[1:4] == ("取込", "住民課", "有効")
    assert "未署名" in by_file["zeimu.json"].cells[4]  # the warning is shown with the outcome
    assert marked == [i for i, r in enumerate(results.values()) if r.outcome == "refused"]
    # The board: submitted, signatures, and the unsigned one visibly marked.
    assert _cell(w, "jumin", 2) == "提出済" and _cell(w, "jumin", BoardModel.COL_SIGNATURE) == "有効"
    assert _cell(w, "zeimu", BoardModel.COL_SIGNATURE) == "未署名"
    assert _cell(w, "zeimu", BoardModel.COL_SIGNATURE, Qt.ItemDataRole.ForegroundRole) is not None
    assert _cell(w, "zeimu", BoardModel.COL_SIGNATURE, Qt.ItemDataRole.FontRole).bold()
    assert _cell(w, "jumin", BoardModel.COL_SIGNATURE, Qt.ItemDataRole.ForegroundRole) is None
    assert _cell(w, "kosodate", 2) == "未提出"
    score = w.model.rows[_row(w, "jumin")].score
    assert score is not None and _cell(w, "jumin", BoardModel.COL_SCORE) == f"{score:.1f}"  # one decimal
    assert "提出済 2" in w.summary.text() and "未署名 1" in w.summary.text()
    qtmodeltester.check(w.model)
    qtmodeltester.check(w.proxy)
    w.close()


def test_changed_resubmission_is_imported_only_when_confirmed(desk: Desk, qtbot: QtBot) -> None:
    dialogs = AuditorDialogs()
    w = _window(desk.aud, qtbot, dialogs)
    _import(w, qtbot, [desk.inbox / "zeimu.json"])
    cl = desk.dept.checklist("zeimu", 2026)
    reopen(desk.dept, cl, "実施状況の訂正", "承認者")
    answer(desk.dept, "zeimu", 2026, {"NET-001": "done"})
    v2 = export_submission(desk.dept, cl, desk.tmp / "v2" / "zeimu-v2.json", actor="担当")
    # Declined: nothing changes, the file is listed as 要確認.
    [declined] = _import(w, qtbot, [v2])
    assert declined.outcome == "needs_confirmation"
    text, diff = dialogs.confirms[-1]
    assert "税務課" in text and "再提出" in text
    cells = {(r.cells[0], r.cells[1]): r.cells[2:] for r in diff}
    assert cells[("NET-001", "評価")] == ("一部実施している", "実施している")
    assert dialogs.tables[-1][2][0].cells[1] == "要確認"
    assert w.model.rows[_row(w, "zeimu")].version == 1
    # Confirmed: imported as a new version (the first one stays in the history).
    dialogs.confirm_answers = [True]
    [taken] = _import(w, qtbot, [v2])
    assert taken.outcome == "imported" and taken.changes
    assert dialogs.tables[-1][2][0].cells[1] == "取込"
    assert w.model.rows[_row(w, "zeimu")].version == 2 and _cell(w, "zeimu", BoardModel.COL_VERSION) == "第2版"
    assert len(desk.aud.store.received(2026, "zeimu", current_only=False)) == 2
    w.close()


def test_drop_files_onto_the_window(desk: Desk, qtbot: QtBot) -> None:
    dialogs = AuditorDialogs()
    w = _window(desk.aud, qtbot, dialogs)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(desk.inbox / "jumin.pdf")), QUrl.fromLocalFile(str(desk.inbox))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(w.import_done, timeout=WAIT_MS) as done:
        w.dropEvent(event)
    assert event.isAccepted()
    outcomes = [(r.path.name, r.outcome) for r in done.args[0]]
    # jumin.pdf twice: dropped alone and inside the folder; the second time nothing changes.
    assert outcomes.count(("jumin.pdf", "imported")) == 1 and outcomes.count(("jumin.pdf", "duplicate")) == 1
    assert "変更なし 1" in dialogs.tables[-1][1]
    w.close()


def test_cancel_stops_between_files(desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = AuditorDialogs()
    w = _window(desk.aud, qtbot, dialogs)
    entered, gate, real = threading.Event(), threading.Event(), intake_usecases.import_files

    def held(*args: Any, **kwargs: Any) -> list[ImportResult]:
        entered.set()
        gate.wait(10)  # the first file waits until the user has pressed 取り消す
        return real(*args, **kwargs)

    monkeypatch.setattr(intake_usecases, "import_files", held)
    with qtbot.waitSignal(w.import_done, timeout=WAIT_MS) as done:
        w.import_paths([desk.inbox])
        assert w.cancel_button.isVisibleTo(w) and entered.wait(10)
        w.cancel_job()
        gate.set()
    assert len(done.args[0]) == 1  # the file being read when cancelled is finished, the others are not touched
    rows = dialogs.tables[-1][2]
    assert [r.cells[1] for r in rows].count("未処理") == 2 and "未処理 2" in dialogs.tables[-1][1]
    assert not w.cancel_button.isVisibleTo(w)
    w.close()


# -- the status board ----------------------------------------------------------------------------


def test_deadline_marks_and_missing_csv(tmp_path: Path, mini_dir: Path, qtbot: QtBot, qtmodeltester: Any) -> None:
    dept, aud = build(tmp_path, mini_dir, {"jumin": {}, "zeimu": {}})
    dialogs = AuditorDialogs()
    w = _window(aud, qtbot, dialogs)
    assert w.deadline_label.text() == "（未設定）" and _cell(w, "kaikei", BoardModel.COL_DEADLINE) == ""
    yesterday = date.today() - timedelta(days=1)
    w.deadline_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    w.apply_deadline()
    assert aud.store.get_setting("deadline:2026") == yesterday.isoformat()
    assert aud.store.log_entries()[-1].action == "deadline_set"
    # Not submitted by the deadline: 期限超過, highlighted; submitted today: after the deadline.
    assert _cell(w, "kaikei", BoardModel.COL_DEADLINE) == "期限超過"
    assert "期限超過" in _cell(w, "kaikei", BoardModel.COL_DEADLINE, Qt.ItemDataRole.ToolTipRole)
    assert _cell(w, "kaikei", 0, Qt.ItemDataRole.BackgroundRole) is not None
    assert _cell(w, "jumin", BoardModel.COL_DEADLINE) == "期限後提出"
    assert "期限後提出" in _cell(w, "jumin", BoardModel.COL_DEADLINE, Qt.ItemDataRole.ToolTipRole)
    missing = len(aud.catalog.master.departments) - 2
    assert f"うち期限超過 {missing}" in w.summary.text() and "期限後提出 2" in w.summary.text()
    assert "まで" in w.deadline_label.text()
    qtmodeltester.check(w.model)
    # 未提出の部署を書き出す: CSV for Excel
    dialogs.save_path = str(tmp_path / "未提出")
    out = w.export_missing_csv()
    assert out == tmp_path / "未提出.csv"
    with out.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == ["部署ID", "部署", "機関", "状態", "期限超過"]
    ids = {r[0]: r for r in table[1:]}
    assert len(ids) == missing and "jumin" not in ids and ids["kaikei"][1:] == ["会計課", "町長部局", "未提出", "○"]
    w.close()
    aud.close()
    dept.close()


def test_accept_from_the_board_keeps_working_when_sorted(tmp_path: Path, mini_dir: Path, qtbot: QtBot) -> None:
    dept, aud = build(tmp_path, mini_dir, {"jumin": {"NET-001": "not_done"}, "zeimu": {}})
    w = _window(aud, qtbot)
    w.table.sortByColumn(BoardModel.COL_SCORE, Qt.SortOrder.DescendingOrder)
    w.select_department("jumin")
    assert w.selected() is not None and w.selected().department == "jumin"  # type: ignore[union-attr]
    w.accept_selected()
    assert w.model.rows[_row(w, "jumin")].status == "accepted"
    top = w.proxy.index(0, 0).data()
    assert top == "税務課"  # 100 点 first
    w.close()
    aud.close()
    dept.close()


# -- 指摘事項 ------------------------------------------------------------------------------------


@pytest.fixture
def findings_desk(tmp_path: Path, mini_dir: Path) -> Iterator[Workspace]:
    dept, aud = build(tmp_path, mini_dir, {
        "jumin": {"ORG-001": "partial", "NET-001": "not_done"},
        "zeimu": {"ORG-001": "partial", "NET-001": "partial"},
        "kosodate": {"ORG-001": "partial", "ORG-002": "na"},
        "kikaku": {},
    })
    yield aud
    aud.close()
    dept.close()


def _select_finding(w: AuditorWindow, department: str, item: str) -> int:
    f = next(f for f in w.findings.model.rows if f.department_id == department and f.item_id == item)
    w.findings.select(f.id)
    assert w.findings.current_id == f.id
    return f.id


def test_findings_propose_edit_carry(findings_desk: Workspace, qtbot: QtBot, qtmodeltester: Any) -> None:
    aud = findings_desk
    dialogs = AuditorDialogs()
    w = _window(aud, qtbot, dialogs)
    fw = w.findings
    w.tabs.setCurrentWidget(fw)
    assert fw.model.rowCount() == 0 and not fw.title_edit.isEnabled()
    qtmodeltester.check(fw.model)
    fw.propose_button.click()
    assert "3 件の指摘案" in dialogs.infos[-1]
    assert fw.model.rowCount() == 3
    qtmodeltester.check(fw.model)
    qtmodeltester.check(fw.proxy)
    row = fw.model.row_of(_select_finding(w, "jumin", "NET-001"))
    assert row is not None
    cells = [fw.model.index(row, c).data() for c in range(len(FindingsModel.HEADERS))]
    assert cells[0] == "住民課" and cells[1] == "NET-001" and cells[2] == "重大" and cells[4] == "未対応"
    assert cells[5] == "" and cells[6] == "重要項目の未実施・一部" and cells[7] == "2027-03-31"
    town = next(i for i, f in enumerate(fw.model.rows) if f.department_id == TOWN_WIDE)
    assert fw.model.index(town, 0).data() == "全庁（企画課）"
    # Edit as the auditor would: grade, text, due date, confirmed; then 保存.
    fid = fw.current_id
    assert fid is not None and not fw.save_button.isEnabled()
    fw.grade_combo.setCurrentIndex(fw.grade_combo.findData("minor"))
    fw.title_edit.setText("USBメモリへの書き出し制限が一部の端末で未設定")
    fw.recommendation_edit.setPlainText("全端末の設定を確認し、記録を残すこと。")
    fw.due_edit.setDate(QDate(2027, 1, 31))
    fw.confirmed_check.setChecked(True)
    assert fw.save_button.isEnabled() and fw.is_dirty()
    fw.save_button.click()
    saved = aud.store.finding(fid)
    assert (saved.grade, saved.title, saved.due, saved.confirmed) == (
        "minor", "USBメモリへの書き出し制限が一部の端末で未設定", "2027-01-31", 1)
    assert saved.recommendation == "全端末の設定を確認し、記録を残すこと。" and saved.updated_by == "監査 一郎"
    entry = aud.store.log_entries()[-1]
    assert entry.action == "finding_updated" and entry.details["grade"] == "minor"
    assert fw.current_id == fid and fw.model.index(fw.model.row_of(fid) or 0, 2).data() == "軽微"
    assert fw.model.index(fw.model.row_of(fid) or 0, 5).data() == "○"
    # Leaving a finding with unsaved edits asks; 保存 keeps them.
    fw.text_edit.setPlainText("一部の端末でUSBメモリに書き出せる。")
    dialogs.answers = [True]
    other = next(i for i, f in enumerate(fw.model.rows) if f.id != fid)
    fw.table.selectRow(fw.proxy.mapFromSource(fw.model.index(other, 0)).row())  # as a click would
    assert fw.current_id == fw.model.rows[other].id and "変更を保存しますか" in dialogs.questions[-1]
    [shown] = fw.table.selectionModel().selectedRows()
    assert shown.data(findings_editor.ID_ROLE) == fw.current_id
    assert fw.title_edit.text() == fw.model.rows[other].title
    assert aud.store.finding(fid).text == "一部の端末でUSBメモリに書き出せる。"
    # Filters: department (own findings and town-wide ones it is responsible for) and grade.
    fw.department_filter.setCurrentIndex(fw.department_filter.findData("kikaku"))
    assert fw.proxy.rowCount() == 1 and fw.proxy.index(0, 0).data() == "全庁（企画課）"
    fw.department_filter.setCurrentIndex(0)
    fw.grade_filter.setCurrentIndex(fw.grade_filter.findData("minor"))
    assert fw.proxy.rowCount() == 2 and "表示 2 件" in fw.count_label.text()
    qtmodeltester.check(fw.proxy)
    fw.grade_filter.setCurrentIndex(0)
    # Carry the confirmed open findings into 2027.
    dialogs.answers = [True]
    fw.carry_button.click()
    [carried] = aud.store.findings(2027)
    assert carried.carried_from == fid and carried.source == "carried"
    assert "1 件の指摘事項を令和9年度へ引き継ぎました" in dialogs.infos[-1]
    assert w.year_combo.findData(2027) >= 0
    w.year_combo.setCurrentIndex(w.year_combo.findData(2027))
    assert fw.model.rowCount() == 1 and fw.model.index(0, 6).data() == "前年度から継続"
    w.close()


def test_findings_add_manual_and_delete(findings_desk: Workspace, qtbot: QtBot,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    aud = findings_desk
    dialogs = AuditorDialogs()
    w = _window(aud, qtbot, dialogs)
    fw = w.findings

    def filled(self: ManualFindingDialog) -> int:
        self.department_combo.setCurrentIndex(self.department_combo.findData(TOWN_WIDE))
        assert self.responsible_combo.isEnabled() and self.responsible_combo.currentData() == "kikaku"
        self.grade_combo.setCurrentIndex(self.grade_combo.findData("good"))
        self.title_edit.setText("研修の受講記録が全庁で整っている")
        assert not self.ok_button.isEnabled()  # 指摘内容 is required too
        self.text_edit.setPlainText("全職員の受講記録が一覧で管理されている。")
        assert self.ok_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ManualFindingDialog, "exec", filled)
    fw.add_button.click()
    fid = fw.current_id
    assert fid is not None
    f = aud.store.finding(fid)
    assert (f.department_id, f.responsible, f.grade, f.source, f.confirmed) == (TOWN_WIDE, "kikaku", "good",
                                                                                "manual", 1)
    assert fw.title_edit.text() == "研修の受講記録が全庁で整っている" and f.due == "2027-03-31"
    dialogs.answers = [False]
    fw.delete_button.click()
    assert aud.store.findings(2026) == [f]  # 「いいえ」: nothing deleted
    dialogs.answers = [True]
    fw.delete_button.click()
    assert aud.store.findings(2026) == [] and fw.current_id is None and not fw.delete_button.isEnabled()
    assert aud.store.log_entries()[-1].action == "finding_deleted"
    assert "研修の受講記録" in dialogs.questions[-1]
    w.close()


def test_table_dialog(qtbot: QtBot, qtmodeltester: Any) -> None:
    rows = [TableRow(("a.pdf", "取込", "住民課", "有効", "取り込みました。")),
            TableRow(("b.pdf", "拒否", "", "", "署名の後でファイルが変更されています。"))]
    d = TableDialog(None, "取込の結果", "2 件", ("ファイル", "結果", "部署", "署名", "内容"), rows, highlighted=[1])
    qtbot.addWidget(d)
    qtmodeltester.check(d.model)
    assert d.model.rowCount() == 2 and d.model.highlighted() == frozenset({1})
    ask = TableDialog(None, "再提出の確認", "変更 1 か所", ("項目", "欄", "変更前", "変更後"), rows[:1],
                      ok_text="取り込む")
    qtbot.addWidget(ask)
    texts = {b.text() for b in ask.findChildren(QPushButton)}
    assert {"取り込む", "キャンセル"} <= texts


def test_the_window_can_require_a_trusted_signature(desk: Desk, qtbot: QtBot) -> None:
    """The same rule as `import --require-trusted`: the unsigned JSON is refused, the signed PDF taken."""
    w = _window(desk.aud, qtbot)
    w.require_trusted.setChecked(True)
    results = {r.path.name: r for r in _import(w, qtbot, [desk.inbox / "zeimu.json", desk.inbox / "jumin.pdf"])}
    assert results["zeimu.json"].outcome == "refused" and "電子署名のないファイル" in results["zeimu.json"].message
    assert results["jumin.pdf"].outcome == "imported"
    assert [r.department_id for r in desk.aud.store.received(2026)] == ["jumin"]


def test_board_columns_fit_their_contents_after_an_import_and_keep_them_when_sorted(desk: Desk, qtbot: QtBot) -> None:
    """The columns are fitted when the rows change (not on every sort: issue 19, a city's 300 rows)."""
    w = _window(desk.aud, qtbot)
    w.show()
    _import(w, qtbot, [desk.inbox])
    view, header = w.table, w.table.horizontalHeader()
    for col in range(w.model.columnCount() - 1):  # the last one stretches
        assert header.sectionSize(col) >= view.sizeHintForColumn(col), col
    widths = [header.sectionSize(c) for c in range(w.model.columnCount())]
    view.sortByColumn(BoardModel.COL_STATUS, Qt.SortOrder.DescendingOrder)
    assert [header.sectionSize(c) for c in range(w.model.columnCount())] == widths
    assert view.model().data(view.model().index(0, 0)) != ""  # still every row shown, now sorted
