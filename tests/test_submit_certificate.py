"""提出 with the approver's certificate (issue 18): an approver who is not the certificate's holder is stopped in
the window, at 提出, with both names said, and nothing is submitted or exported; the approver can be filled from
the certificate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from mizuho_audit.services.signing import ca
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.ui.workflow_dialogs import ApprovalDialog
from mizuho_audit.usecases.session import Session

from .test_window import FakeDialogs
from .test_workflow import _complete

PASS = "p12-passphrase"


@pytest.fixture(scope="module")
def taro_p12(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("ca")
    ca.init_ca(d / "ca", b"ca-passphrase")
    ca.issue_certificate(d / "ca", b"ca-passphrase", name="瑞穂 太郎", title="住民課長", department="住民課",
                         out_p12=d / "taro.p12", p12_passphrase=PASS.encode())
    return d / "taro.p12"


class _Desk(FakeDialogs):
    def __init__(self, p12: Path, out: Path) -> None:
        super().__init__()
        self.file = str(p12)
        self.out = out
        self.saves = 0
        self.questions: list[str] = []

    def ask_secret(self, parent: Any, title: str, label: str) -> str | None:
        return PASS

    def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
        self.questions.append(title)
        return True

    def save_file(self, parent: Any, title: str, default: str, filters: str) -> str | None:
        self.saves += 1
        return str(self.out)


@pytest.fixture
def window(workspace: Workspace, taro_p12: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    w = MainWindow(Session(workspace), _Desk(taro_p12, tmp_path / "提出.pdf"))
    qtbot.addWidget(w)
    w.select("jumin", 2026)
    assert w.checklist is not None
    _complete(workspace, w.checklist)
    w.refresh_checklist()
    yield w
    w.close()


def _approve_as(monkeypatch: pytest.MonkeyPatch, name: str | None, title: str | None = None) -> list[tuple[str, str]]:
    """The approval dialog, run by hand: the certificate's holder filled in, then the name typed over."""
    filled: list[tuple[str, str]] = []

    def run(dialog: ApprovalDialog) -> int:
        assert dialog.certificate_button.isVisibleTo(dialog)
        dialog.certificate_button.click()
        filled.append((dialog.name_edit.text(), dialog.title_edit.text()))
        if name is not None:
            dialog.name_edit.setText(name)
        if title is not None:
            dialog.title_edit.setText(title)
        return ApprovalDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ApprovalDialog, "exec", run)
    return filled


def _status(w: MainWindow) -> str:
    assert w.checklist is not None
    return w.session.workspace.store.status_of(w.checklist.assessment.id)


def test_an_approver_not_the_certificates_holder_is_stopped_at_submit(window: MainWindow,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    dialogs: _Desk = w.dialogs  # type: ignore[assignment]
    filled = _approve_as(monkeypatch, "瑞穂 次郎")
    w.workflow.submit()
    assert filled == [("瑞穂 太郎", "住民課長")]  # offered from the certificate
    [(title, text, _details)] = dialogs.errors
    assert title == "提出できません"
    assert "承認者の氏名（瑞穂 次郎）" in text and "証明書の本人（瑞穂 太郎）" in text
    assert _status(w) == "in_progress" and dialogs.saves == 0 and not dialogs.out.exists()
    assert w.checklist is not None and not w.session.workspace.store.submissions(w.checklist.assessment.id)


def test_a_title_not_the_certificates_is_stopped_too(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    _approve_as(monkeypatch, None, "総務課長")
    w.workflow.submit()
    [(_title, text, _details)] = w.dialogs.errors  # type: ignore[attr-defined]
    assert "総務課長" in text and "住民課長" in text
    assert _status(w) == "in_progress"


def test_the_certificates_holder_submits_and_signs_with_it(window: MainWindow,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    dialogs: _Desk = w.dialogs  # type: ignore[assignment]
    _approve_as(monkeypatch, "瑞穂\u3000太郎")  # spaces ignored, as the auditor's import compares
    w.workflow.submit()
    assert not dialogs.errors and _status(w) == "submitted"
    assert dialogs.saves == 1 and dialogs.out.read_bytes().startswith(b"%PDF")  # signed with the chosen certificate
    from mizuho_audit.usecases import submission

    assert submission.read_file(dialogs.out).signature.status != "unsigned"  # type: ignore[union-attr]


def test_exporting_later_with_another_holders_certificate_writes_nothing(window: MainWindow,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    dialogs: _Desk = w.dialogs  # type: ignore[assignment]
    monkeypatch.setattr(ApprovalDialog, "exec", lambda dialog: (dialog.name_edit.setText("瑞穂 次郎"),
                                                                dialog.title_edit.setText("住民課長"),
                                                                ApprovalDialog.DialogCode.Accepted.value)[-1])
    dialogs.questions.clear()
    w.workflow.submit()  # no certificate chosen: submitted, then the file asked for with taro's certificate
    assert _status(w) == "submitted"
    [(title, text, _details)] = dialogs.errors
    assert title == "書き出せません" and "瑞穂 次郎" in text and "瑞穂 太郎" in text
    assert not dialogs.out.exists()
