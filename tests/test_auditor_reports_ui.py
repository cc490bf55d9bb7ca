"""The auditor's 報告 menu: the report written, signed twice (the 年度 closes), verified on screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.trust import register_root
from mizuho_audit.ui.auditor_window import AuditorWindow
from mizuho_audit.ui.verify_dialog import VerifyDialog
from mizuho_audit.usecases.session import Session

from .auditor_setup import build
from .test_window import FakeDialogs


class Scripted(FakeDialogs):
    """Dialogs answering from queues, in the order the window asks."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.files: list[str] = []
        self.saves: list[str] = []
        self.answers: list[bool] = []

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
        return self.texts.pop(0)

    def open_file(self, parent: Any, title: str, filters: str) -> str | None:
        return self.files.pop(0)

    def save_file(self, parent: Any, title: str, default: str, filters: str) -> str | None:
        return self.saves.pop(0)

    def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
        return self.answers.pop(0)

    def ask_secret(self, parent: Any, title: str, label: str) -> str | None:
        return "p12-secret-1"


def test_report_signed_twice_closes_the_year(tmp_path: Path, mini_dir: Path, qtbot: QtBot) -> None:
    dept, aud = build(tmp_path, mini_dir, {"jumin": {"NET-001": "not_done"}, "zeimu": {}})
    ca.init_ca(tmp_path / "ca", b"ca-secret-1")
    for name, f in (("監査 一郎", "a.p12"), ("町 太郎", "b.p12")):
        ca.issue_certificate(tmp_path / "ca", b"ca-secret-1", name=name, title="課長", department="企画課",
                             out_p12=tmp_path / f, p12_passphrase=b"p12-secret-1")
    register_root(tmp_path / "ca" / "ca-cert.pem")
    dialogs = Scripted()
    w = AuditorWindow(Session(aud), dialogs, user="監査 一郎")
    qtbot.addWidget(w)
    report, one, two = tmp_path / "report.pdf", tmp_path / "r1.pdf", tmp_path / "r2.pdf"
    dialogs.texts = ["情報 一郎", "町 太郎"]
    dialogs.saves = [str(report)]
    w.reports.export_report()
    assert report.read_bytes().startswith(b"%PDF")
    dialogs.files = [str(report), str(tmp_path / "a.p12")]
    dialogs.answers = [True]  # the next empty field: 作成者
    dialogs.saves = [str(one)]
    w.reports.sign_report()
    assert aud.store.closed_year(2026) is None
    dialogs.files = [str(one), str(tmp_path / "b.p12")]
    dialogs.answers = [True]  # then 承認者: the 年度 closes
    dialogs.saves = [str(two)]
    w.reports.sign_report()
    assert aud.store.closed_year(2026) is not None, dialogs.errors
    dialog = VerifyDialog(two, w)
    qtbot.addWidget(dialog)
    assert [r.field_name for r in dialog.reports] == ["作成者", "承認者"]
    assert "すべての署名（2 件）が有効です" in dialog.verdict.text()
    unsigned = VerifyDialog(report, w)
    qtbot.addWidget(unsigned)
    assert "未署名" in unsigned.verdict.text()
    w.close()
    aud.close()
    dept.close()
