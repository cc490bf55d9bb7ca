"""The status board checks the kept signed files again after a change of trust root, signer or CRL (issue 18):
a signature no longer accepted says so on its row, and a signer who is not the recorded approver is marked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.signing import sign_pdf
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui.auditor_window import AuditorWindow, BoardModel
from mizuho_audit.usecases import administration, intake
from mizuho_audit.usecases.session import Session

from .auditor_setup import AUDITOR_PASSPHRASE, answer, register, trust_town_ca
from .test_auditor_window import AuditorDialogs

CA_PASS = b"town-ca-secret-1"


@pytest.fixture
def town(tmp_path: Path, mini_dir: Path) -> Iterator[tuple[Workspace, Workspace, Path, dict[str, Path]]]:
    ca.init_ca(tmp_path / "ca", CA_PASS)
    heads = {dep: ca.issue_certificate(tmp_path / "ca", CA_PASS, name=f"{dep} 課長", title="課長", department=dep,
                                       out_p12=tmp_path / f"{dep}.p12", p12_passphrase=None, department_id=dep,
                                       role="submission").p12_path
             for dep in ("jumin", "kosodate")}
    ca.write_crl(tmp_path / "ca", CA_PASS)
    dept = Workspace.open(tmp_path / "dept.db", shipped_dir=mini_dir, town_dir=tmp_path / "town")
    for dep in ("jumin", "kosodate"):
        answer(dept, dep, 2026, {})
    aud = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                         passphrase=AUDITOR_PASSPHRASE)
    trust_town_ca(aud, tmp_path / "ca")
    for dep, p12 in heads.items():
        register(aud, p12, "submission", dep)
    yield dept, aud, tmp_path, heads
    aud.close()
    dept.close()


class SignerDialogs(AuditorDialogs):
    """管理 → 署名者の登録: selects 住民課's head and presses 登録をやめる… with a reason."""

    def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
        return "人事異動"

    def exec(self, dialog: QDialog) -> int:
        model = dialog.model  # type: ignore[attr-defined]
        row = next(i for i in range(model.rowCount()) if model.data(model.index(i, 2)) == "jumin")
        dialog.view.setCurrentIndex(model.index(row, 0))  # type: ignore[attr-defined]
        assert dialog.remove()  # type: ignore[attr-defined]
        return 0


def _window(ws: Workspace, qtbot: QtBot, dialogs: AuditorDialogs | None = None) -> AuditorWindow:
    w = AuditorWindow(Session(ws), dialogs or AuditorDialogs(), user="監査 一郎")
    qtbot.addWidget(w)
    return w


def _cell(w: AuditorWindow, department: str, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    row = next(i for i, r in enumerate(w.model.rows) if r.department == department)
    return w.model.data(w.model.index(row, col), role)


def _take_jumin(dept: Workspace, w: AuditorWindow, tmp: Path, heads: dict[str, Path]) -> None:
    signed = export_submission(dept, dept.checklist("jumin", 2026), tmp / "jumin.pdf", actor="担当",
                               p12=heads["jumin"])
    got = intake.import_files(w.session, [signed])
    assert got[0].outcome == "imported" and got[0].trust == "trusted", got[0].message
    w.refresh()
    assert _cell(w, "jumin", BoardModel.COL_SIGNATURE) == "有効"


def test_a_revoked_certificate_shows_on_the_board(town: tuple[Workspace, Workspace, Path, dict[str, Path]],
                                                  qtbot: QtBot) -> None:
    dept, aud, tmp, heads = town
    w = _window(aud, qtbot)
    _take_jumin(dept, w, tmp, heads)
    serial = next(c.serial_number for c in ca.issued_certificates(tmp / "ca")
                  if "jumin 課長" in c.subject.rfc4514_string())
    ca.revoke(tmp / "ca", serial, "端末の紛失", ca_passphrase=CA_PASS)
    w.dialogs.file = str(tmp / "ca" / "ca.crl")  # type: ignore[attr-defined]
    w.add_crl()  # 管理 → 失効リスト: the board refreshes at once
    assert _cell(w, "jumin", BoardModel.COL_SIGNATURE) == "失効"
    tip = str(_cell(w, "jumin", BoardModel.COL_SIGNATURE, Qt.ItemDataRole.ToolTipRole))
    assert "失効" in tip and "取込の時点: 有効" in tip
    brush = _cell(w, "jumin", BoardModel.COL_SIGNATURE, Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == "#b00020"  # type: ignore[attr-defined]
    assert "署名が認められなくなった提出 1" in w.summary.text()
    # The decision taken at import stays; the database's self-check still passes.
    [rec] = aud.store.received(2026)
    assert rec.trust == "trusted" and rec.signature_status == "valid"
    assert aud.store.integrity_problems() == []
    assert intake.recheck_signatures(w.session, 2026)[rec.id].state == "revoked"


def test_a_signer_no_longer_registered_shows_on_the_board(
        town: tuple[Workspace, Workspace, Path, dict[str, Path]], qtbot: QtBot) -> None:
    dept, aud, tmp, heads = town
    w = _window(aud, qtbot, SignerDialogs())
    _take_jumin(dept, w, tmp, heads)
    w.edit_signers()  # 管理 → 署名者の登録 → 登録をやめる: the board refreshes when the dialog closes
    assert [s.department_id for s in administration.signer_list(w.session)] == ["kosodate"]
    assert _cell(w, "jumin", BoardModel.COL_SIGNATURE) == "署名者が登録されていない"
    tip = str(_cell(w, "jumin", BoardModel.COL_SIGNATURE, Qt.ItemDataRole.ToolTipRole))
    assert "提出の承認者として登録されていません" in tip
    # Registered again: acceptable again.
    register(aud, heads["jumin"], "submission", "jumin")
    w.refresh()
    assert _cell(w, "jumin", BoardModel.COL_SIGNATURE) == "有効"


def test_a_removed_trust_root_shows_on_the_board(town: tuple[Workspace, Workspace, Path, dict[str, Path]],
                                                 qtbot: QtBot) -> None:
    dept, aud, tmp, heads = town
    w = _window(aud, qtbot)
    _take_jumin(dept, w, tmp, heads)
    [root] = administration.trust_list(w.session)
    administration.trust_remove(w.session, root.fingerprint, "入れ替え")
    w.refresh()
    assert _cell(w, "jumin", BoardModel.COL_SIGNATURE) == "信頼されなくなった"


def test_a_signer_who_is_not_the_approver_is_marked(town: tuple[Workspace, Workspace, Path, dict[str, Path]],
                                                    qtbot: QtBot) -> None:
    """子育て応援課's submission (approver kosodate 課長) signed with 住民課長's certificate, taken by exception."""
    dept, aud, tmp, heads = town
    w = _window(aud, qtbot)
    plain = export_submission(dept, dept.checklist("kosodate", 2026), tmp / "kosodate-plain.pdf", actor="担当")
    signed = tmp / "kosodate.pdf"
    signed.write_bytes(sign_pdf(plain.read_bytes(), heads["jumin"], None, field_name="情報セキュリティ管理者",
                                reason="承認"))
    assert intake.import_files(w.session, [signed])[0].outcome == "refused"
    got = intake.import_files(w.session, [signed], exception_reason="課長不在のため代理で署名")
    assert got[0].outcome == "imported" and got[0].trust == "exception", got[0].message
    w.refresh()
    assert _cell(w, "kosodate", BoardModel.COL_SIGNATURE) == "例外"
    assert _cell(w, "kosodate", BoardModel.COL_SIGNER) == "jumin 課長 ≠ 承認者"
    tip = str(_cell(w, "kosodate", BoardModel.COL_SIGNER, Qt.ItemDataRole.ToolTipRole))
    assert "jumin 課長" in tip and "kosodate 課長" in tip
    assert _cell(w, "kosodate", BoardModel.COL_SIGNER, Qt.ItemDataRole.ForegroundRole) is not None
    row = next(r for r in w.model.rows if r.department == "kosodate")
    assert row.signer_differs and row.signature_now is None and row.as_json()["signer_differs"] is True


def test_the_files_are_read_again_only_after_a_change(town: tuple[Workspace, Workspace, Path, dict[str, Path]],
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The board is refreshed often: the kept files are read again only when the trust, CRLs, signers or files
    change; the command line's status says the same as the window."""
    from mizuho_audit.cli.main import run
    from mizuho_audit.services.intake import signature_recheck

    dept, aud, tmp, heads = town
    s = Session(aud)
    signed = export_submission(dept, dept.checklist("jumin", 2026), tmp / "jumin.pdf", actor="担当",
                               p12=heads["jumin"])
    assert intake.import_files(s, [signed])[0].outcome == "imported"
    reads: list[str] = []
    real = signature_recheck.read_submission_bytes

    def counted(*args: Any, **kwargs: Any) -> Any:
        reads.append("read")
        return real(*args, **kwargs)

    monkeypatch.setattr(signature_recheck, "read_submission_bytes", counted)
    for _ in range(3):
        assert next(r for r in intake.board(s, 2026) if r.department == "jumin").signature_now is None
    assert len(reads) == 1
    other = export_submission(dept, dept.checklist("kosodate", 2026), tmp / "kosodate.pdf", actor="担当",
                              p12=heads["kosodate"])
    assert intake.import_files(s, [other])[0].outcome == "imported"
    assert all(r.signature_now is None for r in intake.board(s, 2026))
    assert len(reads) == 2  # only the new file
    [root] = administration.trust_list(s)
    administration.trust_remove(s, root.fingerprint, "入れ替え")
    assert next(r for r in intake.board(s, 2026) if r.department == "jumin").signature_now == "no_root"
    assert len(reads) == 4
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    capsys.readouterr()
    assert run(["status", "--db", str(tmp / "audit.db"), "--year", "2026"]) == 0
    assert "信頼されなくなった（取込時: 有効）" in capsys.readouterr().out


def test_an_exception_signed_after_a_revocation_learnt_later_shows_revoked(
        town: tuple[Workspace, Workspace, Path, dict[str, Path]], qtbot: QtBot) -> None:
    """Taken by exception before the database knew of the revocation; signed after it: no exception covers that."""
    dept, aud, tmp, heads = town
    w = _window(aud, qtbot)
    serial = next(c.serial_number for c in ca.issued_certificates(tmp / "ca")
                  if "jumin 課長" in c.subject.rfc4514_string())
    ca.revoke(tmp / "ca", serial, "端末の紛失", ca_passphrase=CA_PASS)
    plain = export_submission(dept, dept.checklist("kosodate", 2026), tmp / "kosodate-plain.pdf", actor="担当")
    signed = tmp / "kosodate.pdf"
    signed.write_bytes(sign_pdf(plain.read_bytes(), heads["jumin"], None, field_name="情報セキュリティ管理者",
                                reason="承認"))
    got = intake.import_files(w.session, [signed], exception_reason="課長不在のため代理で署名")
    assert got[0].outcome == "imported" and got[0].trust == "exception", got[0].message
    w.refresh()
    assert _cell(w, "kosodate", BoardModel.COL_SIGNATURE) == "例外"
    administration.trust_crl(w.session, tmp / "ca" / "ca.crl")
    w.refresh()
    assert _cell(w, "kosodate", BoardModel.COL_SIGNATURE) == "失効"
    assert "例外としても取り込めません" in str(_cell(w, "kosodate", BoardModel.COL_SIGNATURE,
                                                  Qt.ItemDataRole.ToolTipRole))
