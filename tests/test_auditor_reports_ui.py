"""The auditor's 報告 menu: the report written, signed twice (the 年度 closes), verified on screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from mizuho_audit.services.signing import ca
from mizuho_audit.ui.auditor_window import AuditorWindow
from mizuho_audit.ui.verify_dialog import VerifyDialog
from mizuho_audit.usecases.session import Session

from .auditor_setup import build, register, trust_town_ca
from .test_window import FakeDialogs


class Scripted(FakeDialogs):
    """Dialogs answering from queues, in the order the window asks."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.files: list[str] = []
        self.saves: list[str] = []
        self.answers: list[bool] = []
        self.questions: list[str] = []
        self.dialogs: list[Any] = []

    def exec(self, dialog: Any) -> int:
        self.dialogs.append(dialog)
        return 1  # accepted as filled in by the test

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
        return self.texts.pop(0)

    def open_file(self, parent: Any, title: str, filters: str) -> str | None:
        return self.files.pop(0)

    def save_file(self, parent: Any, title: str, default: str, filters: str) -> str | None:
        return self.saves.pop(0)

    def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
        self.questions.append(text)
        return self.answers.pop(0)

    def ask_secret(self, parent: Any, title: str, label: str) -> str | None:
        return "p12-secret-1"



def _finish(w: AuditorWindow, qtbot: QtBot, worker: object) -> None:
    """A long export runs on the worker thread, the window busy: wait until it is done and the window free."""
    assert worker is not None
    assert not w.tabs.isEnabled()  # busy while it runs: nothing else touches the store
    qtbot.waitUntil(lambda: w.worker is not None and w.worker.is_done() and w.tabs.isEnabled(), timeout=120_000)

def test_report_signed_twice_closes_the_year(tmp_path: Path, mini_dir: Path, qtbot: QtBot) -> None:
    dept, aud = build(tmp_path, mini_dir, {"jumin": {"NET-001": "not_done"}, "zeimu": {}})
    ca.init_ca(tmp_path / "ca", b"ca-secret-1")
    for name, f in (("監査 一郎", "a.p12"), ("町 太郎", "b.p12"), ("企画 次郎", "c.p12")):
        ca.issue_certificate(tmp_path / "ca", b"ca-secret-1", name=name, title="課長", department="企画課",
                             out_p12=tmp_path / f, p12_passphrase=b"p12-secret-1")
    trust_town_ca(aud, tmp_path / "ca")
    for f, role in (("a.p12", "author"), ("c.p12", "reviewer"), ("b.p12", "approver")):
        register(aud, tmp_path / f, role, passphrase=b"p12-secret-1")
    dialogs = Scripted()
    w = AuditorWindow(Session(aud), dialogs, user="監査 一郎")
    qtbot.addWidget(w)
    report, one, two = tmp_path / "report.pdf", tmp_path / "r1.pdf", tmp_path / "r2.pdf"
    dialogs.texts = ["企画 次郎", "町 太郎"]
    dialogs.saves = [str(report)]
    dialogs.answers = [True]  # nothing is 受理 yet: build it as a 速報
    _finish(w, qtbot, w.reports.export_report())
    assert report.read_bytes().startswith(b"%PDF")
    assert "この報告書は「速報」になります。" in dialogs.questions[-1]
    half = tmp_path / "r-half.pdf"
    for src, cert, out, field in ((report, "a.p12", one, "作成者"), (one, "c.p12", half, "確認者"),
                                  (half, "b.p12", two, "承認者")):
        assert aud.store.closed_year(2026) is None
        dialogs.files = [str(src), str(tmp_path / cert)]
        dialogs.answers = [True]  # the next empty field, in order
        dialogs.saves = [str(out)]
        w.reports.sign_report()
        assert f"署名欄「{field}」に署名します。" in dialogs.questions[-1]
    assert aud.store.closed_year(2026) is not None, dialogs.errors  # the approver's signature closes the 年度
    dialog = VerifyDialog(two, w, w.session)
    qtbot.addWidget(dialog)
    assert [r.field_name for r in dialog.reports] == ["作成者", "確認者", "承認者"]
    assert "すべての署名（3 件）が有効です" in dialog.verdict.text()
    unsigned = VerifyDialog(report, w, w.session)
    qtbot.addWidget(unsigned)
    assert "未署名" in unsigned.verdict.text()
    w.close()
    aud.close()
    dept.close()


def test_the_summary_and_cover_are_written_in_the_window(tmp_path: Path, mini_dir: Path, qtbot: QtBot) -> None:
    """報告 → 報告書の総括・宛先・文書番号: stored with the 年度 and printed in the report."""
    import subprocess

    dept, aud = build(tmp_path, mini_dir, {"jumin": {"NET-001": "not_done"}})
    dialogs = Scripted()
    w = AuditorWindow(Session(aud), dialogs, user="監査 一郎")
    qtbot.addWidget(w)

    def fill(dialog: Any) -> int:
        dialog.summary.setPlainText("委託先の管理に課題がある。年度内の改善を求める。")
        dialog.addressee.setText("瑞穂町最高情報セキュリティ責任者　様")
        dialog.number.setText("瑞情監第12号")
        return 1

    dialogs.exec = fill  # type: ignore[method-assign]
    assert w.reports.edit_details()
    report = tmp_path / "report.pdf"
    dialogs.texts, dialogs.saves, dialogs.answers = ["", ""], [str(report)], [True]
    _finish(w, qtbot, w.reports.export_report())
    text = subprocess.run(["pdftotext", "-layout", str(report), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "委託先の管理に課題がある" in text and "瑞情監第12号" in text and "速報" in text
    assert [e.action for e in aud.store.log_entries()].count("report_details_set") == 2  # 総括, then the cover
    w.close()
    aud.close()
    dept.close()
