"""The app's log file: unexpected errors go there with their traceback; passphrases and answers never do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mizuho_audit.cli import run
from mizuho_audit.logs import close_logging, log_path


def test_an_unexpected_error_is_logged_and_named_on_the_command_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*_args: Any) -> Any:
        raise RuntimeError("a bug in trust_list")

    monkeypatch.setattr("mizuho_audit.usecases.administration.trust_list", broken)
    assert run(["trust", "list"]) == 4
    err = capsys.readouterr().err
    assert "予期しないエラーが起きました" in err and str(log_path()) in err
    assert "Traceback" not in err  # people get a sentence; the log gets the details
    close_logging()
    text = log_path().read_text(encoding="utf-8")
    assert "RuntimeError: a bug in trust_list" in text and "Traceback" in text


def test_the_log_never_holds_a_passphrase_or_an_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    secret, answer = "auditor-secret-42", "金庫の鍵は課長席の二段目に保管"
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", secret)
    data = tmp_path / "answers.json"
    db = tmp_path / "dept.db"
    assert run(["--db", str(db), "answers", "export", "--department", "jumin", "--year", "2026",
                "--out", str(data)]) == 0
    import json

    exported = json.loads(data.read_text(encoding="utf-8"))
    from mizuho_audit.services.workspace import Workspace

    ws = Workspace.open(db)
    item = next(iter(ws.checklist("jumin", 2026).questionnaire.items())).id
    ws.close()
    exported["answers"] = [{"item_id": item, "rating": "done", "note": answer}]
    data.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    assert run(["answers", "import", "--db", str(db), "--department", "jumin", "--year", "2026", str(data)]) == 0
    assert run(["--db", str(tmp_path / "aud.db"), "status", "--year", "2026"]) in (0, 1)  # asks the passphrase
    assert run(["--db", str(tmp_path / "aud.db"), "findings", "confirm", "--year", "2026", "999"]) in (0, 1, 3)
    capsys.readouterr()
    close_logging()
    text = log_path().read_text(encoding="utf-8")
    assert "use case findings.confirm refused" in text  # the log is written
    assert secret not in text and answer not in text


def test_the_window_shows_an_unexpected_error_with_the_logs_place(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from mizuho_audit.app import report_unexpected_errors
    from mizuho_audit.logs import setup_logging

    shown: list[tuple[str, str, str]] = []

    class Recording:
        def error(self, parent: Any, title: str, text: str, details: str = "") -> None:
            shown.append((title, text, details))

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    setup_logging()
    report_unexpected_errors(Recording())
    try:
        raise ValueError("a slot that failed")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert shown and shown[0][0] == "予期しないエラー" and str(log_path()) in shown[0][1]
    assert "ValueError: a slot that failed" in shown[0][2]
    close_logging()
    assert "a slot that failed" in log_path().read_text(encoding="utf-8")
