"""The workflow in the windows: submit with approval, freeze, reopen, export; the auditor's board."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from mizuho_audit.services.submission.workflow import Approver
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui import auditor_window, department_actions
from mizuho_audit.ui.auditor_window import AuditorWindow
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.usecases.session import Session

from .test_window import FakeDialogs
from .test_workflow import _complete


class FakeModal:
    """Stands in for a modal dialog: exec() returns at once with prepared values."""

    accepted = True
    chosen: str | None = None
    approver_value = Approver("瑞穂 太郎", "住民課長", "2026-11-20")
    reason_value = "根拠の追記のため"
    shown: ClassVar[list[Any]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        FakeModal.shown.append((type(self).__name__, args))

    def exec(self) -> int:
        return QDialog.DialogCode.Accepted if self.accepted else QDialog.DialogCode.Rejected

    def chosen_item(self) -> str | None:
        return self.chosen

    def approver(self) -> Approver:
        return self.approver_value

    def reason(self) -> str:
        return self.reason_value


class Dialogs2(FakeDialogs):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[bool] = []
        self.save_path: str | None = None

    def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
        return self.answers.pop(0) if self.answers else False

    def save_file(self, parent: Any, title: str, default: str, filters: str) -> str | None:
        return self.save_path


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeModal.shown = []
    for name in ("MissingItemsDialog", "ApprovalDialog", "ReasonDialog"):
        monkeypatch.setattr(department_actions, name, type(name, (FakeModal,), {}))
    monkeypatch.setattr(auditor_window, "ReasonDialog", type("ReasonDialog", (FakeModal,), {}))


def test_submit_from_the_window_freezes_and_reopen_unfreezes(workspace: Workspace, qtbot: QtBot, fakes: None,
                                                             tmp_path: Path) -> None:
    dialogs = Dialogs2()
    w = MainWindow(Session(workspace), dialogs)
    qtbot.addWidget(w)
    w.select("jumin", 2026)
    FakeModal.chosen = "NET-001"
    w.workflow.submit()  # incomplete: the missing items are listed and the user is taken there
    assert FakeModal.shown[-1][0] == "MissingItemsDialog"
    assert w.current_item_id() == "NET-001"
    assert w.checklist is not None
    _complete(workspace, w.checklist)
    w.refresh_checklist()
    w.workflow.submit()
    assert FakeModal.shown[-1][0] == "ApprovalDialog"
    assert workspace.store.status_of(w.checklist.assessment.id) == "submitted"
    assert "提出済" in w.status_label.text() and "瑞穂 太郎" in w.status_label.text()
    w.select_item("ORG-001")
    assert not w.panel.rating_buttons[0].isEnabled() and w.panel.note.isReadOnly()
    assert not w.workflow.evidence.add_button.isEnabled()
    # Export, unsigned (no certificate chosen, confirmed)
    dialogs.save_path = str(tmp_path / "out.pdf")
    dialogs.answers = [True]
    w.workflow.export_file()
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    w.workflow.reopen()
    assert workspace.store.status_of(w.checklist.assessment.id) == "in_progress"
    w.select_item("ORG-001")
    assert w.panel.rating_buttons[0].isEnabled()
    assert workspace.store.submissions(w.checklist.assessment.id)[0].reopen_reason == "根拠の追記のため"
    w.close()


def test_evidence_from_the_item_panel(workspace: Workspace, qtbot: QtBot, tmp_path: Path) -> None:
    w = MainWindow(Session(workspace), FakeDialogs())
    qtbot.addWidget(w)
    w.select("jumin", 2026)
    f = tmp_path / "点検記録.xlsx"
    f.write_bytes(b"PK\x03\x04 fake workbook")
    w.workflow._add_evidence(f)
    w.workflow.evidence.refresh()
    [rec] = w.workflow.evidence.records()
    assert rec.name == "点検記録.xlsx" and rec.item_id == w.current_item_id()
    w.select_item("ORG-002")
    assert w.workflow.evidence.records() == []
    w.close()


def test_auditor_board_import_accept_return(tmp_path: Path, mini_dir: Path, qtbot: QtBot, fakes: None,
                                            qtmodeltester: Any) -> None:
    from mizuho_audit.services.submission.submission import export_submission
    from mizuho_audit.services.submission.workflow import submit

    dept = Workspace.open(tmp_path / "dept.db", shipped_dir=mini_dir, town_dir=tmp_path / "town")
    cl = dept.checklist("jumin", 2026)
    _complete(dept, cl)
    submit(dept, cl, Approver("瑞穂 太郎", "住民課長", "2026-11-20"), "瑞穂 花子")
    export_submission(dept, cl, tmp_path / "in" / "jumin.pdf", actor="瑞穂 花子")
    aud = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                         passphrase="auditor-pass")
    dialogs = Dialogs2()
    shown: list[Any] = []
    dialogs.show_table = lambda *args, **kwargs: shown.append(args)  # type: ignore[method-assign]
    w = AuditorWindow(Session(aud), dialogs, user="監査 一郎")
    qtbot.addWidget(w)
    qtmodeltester.check(w.model)
    assert all(r.status == "not_started" for r in w.model.rows)
    with qtbot.waitSignal(w.import_done, timeout=30_000) as done:  # the import runs on a worker thread
        w.import_paths([tmp_path / "in"])
    [result] = done.args[0]
    assert result.outcome == "imported" and result.signature == "unsigned" and shown
    row = next(i for i, r in enumerate(w.model.rows) if r.department == "jumin")
    assert w.model.rows[row].status == "submitted" and w.model.rows[row].signature == "unsigned"
    assert "未署名" in w.model.data(w.model.index(row, auditor_window.BoardModel.COL_SIGNATURE))
    w.select_department("jumin")
    dialogs.save_path = str(tmp_path / "notice.pdf")
    w.return_selected()
    assert w.model.rows[row].status == "returned" and (tmp_path / "notice.pdf").exists()
    qtmodeltester.check(w.model)
    w.close()
    aud.close()
    dept.close()
