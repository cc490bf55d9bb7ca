"""The workflow dialogs, driven with small in-memory data as a user would."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from mizuho_audit import clock
from mizuho_audit.domain.questionnaire import Chapter, Item, Questionnaire, ScaleOption, Section
from mizuho_audit.domain.records import AttachmentRecord, LogEntry, LogProblem
from mizuho_audit.services.answering.carryover import ItemChange
from mizuho_audit.services.answering.evidence import EvidenceError
from mizuho_audit.ui.dialogs import Dialogs
from mizuho_audit.ui.workflow_dialogs import (
    KEY_ROLE,
    ApprovalDialog,
    AttachmentActions,
    AttachmentsWidget,
    CertificateDialog,
    ChangesDialog,
    LogDialog,
    MissingItemsDialog,
    ReasonDialog,
    describe_details,
    format_size,
)


class FakeDialogs(Dialogs):
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.questions: list[str] = []
        self.answer = True
        self.folder: str | None = None
        self.save_path: str | None = None

    def error(self, parent: Any, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text))

    def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
        self.questions.append(text)
        return self.answer

    def open_folder(self, parent: Any, title: str) -> str | None:
        return self.folder

    def save_file(self, parent: Any, title: str, default: str, filters: str) -> str | None:
        return self.save_path


def _item(item_id: str, question: str) -> Item:
    return Item(item_id, question, "基準", "一部", ("規程",), "6(1)", "中", ("C",))


@pytest.fixture
def questionnaire() -> Questionnaire:
    scale = (
        ScaleOption("done", "実施している", 1.0),
        ScaleOption("partial", "一部実施している", 0.5, requires_plan=True),
        ScaleOption("not_done", "実施していない", 0.0, requires_plan=True),
        ScaleOption("na", "該当しない", None, requires_reason=True),
    )
    items = (_item("ORG-001", "管理者を掲示していますか。"), _item("ORG-002", "体制表は最新ですか。"),
             _item("NET-001", "無線LANは暗号化していますか。"))
    chapter = Chapter("1", "組織体制", "6(1)", (Section("1.1", "推進体制", items),))
    return Questionnaire("mini", "2026.1", "小さなチェックリスト", 2026, "方針", "1", {}, scale, (chapter,))


def _show(qtbot: QtBot, widget: Any) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)


def _double_click_row(qtbot: QtBot, view: QTableView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    # Qt 6's QTest sends only the double-click event; a view acts on it only after a press on the same row,
    # which a real double click starts with.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _texts(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


# -- ApprovalDialog ----------------------------------------------------------------------------------


def test_approval_needs_name_and_title(qtbot: QtBot) -> None:
    dlg = ApprovalDialog(today=date(2026, 11, 20))
    qtbot.addWidget(dlg)
    assert not dlg.ok_button.isEnabled()
    dlg.name_edit.setText("瑞穂 太郎")
    assert not dlg.ok_button.isEnabled()
    dlg.title_edit.setText("   ")
    assert not dlg.ok_button.isEnabled()  # blanks are not a title
    dlg.title_edit.setText(" 住民課長 ")
    assert dlg.ok_button.isEnabled()
    assert dlg.date_edit.calendarPopup()
    assert dlg.wareki.text() == "（令和8年11月20日）"
    assert dlg.name_edit.accessibleName() == "承認者の氏名"
    assert dlg.date_edit.accessibleName() == "承認日"
    approver = dlg.approver()
    assert (approver.name, approver.title, approver.date) == ("瑞穂 太郎", "住民課長", "2026-11-20")
    approver.validate()


def test_approval_date_defaults_to_today_and_can_change(qtbot: QtBot) -> None:
    """Today is the town's day (Japan), whatever the machine's time zone."""
    dlg = ApprovalDialog(name="瑞穂 太郎", title="住民課長")
    qtbot.addWidget(dlg)
    assert dlg.ok_button.isEnabled()
    assert dlg.approver().date == clock.today().isoformat()
    dlg.date_edit.setDate(dlg.date_edit.date().addDays(-3))
    assert dlg.approver().date == date.fromordinal(clock.today().toordinal() - 3).isoformat()
    dlg.date_edit.setDate(dlg.date_edit.date().addDays(10))
    assert dlg.approver().date == clock.today().isoformat()  # not in the future


# -- MissingItemsDialog ------------------------------------------------------------------------------


def test_missing_items_list_what_is_missing(qtbot: QtBot, qtmodeltester: Any, questionnaire: Questionnaire) -> None:
    missing = [("ORG-002", ["rating"]), ("NET-001", ["plan_content", "plan_due"]), ("OLD-9", ["needs_review"])]
    dlg = MissingItemsDialog(missing, questionnaire)
    _show(qtbot, dlg)
    qtmodeltester.check(dlg.model)
    assert _texts(dlg.view, 0) == ["ORG-002", "NET-001", "OLD-9"]
    assert _texts(dlg.view, 1) == ["体制表は最新ですか。", "無線LANは暗号化していますか。", ""]
    assert _texts(dlg.view, 2) == ["評価", "改善計画の内容、改善計画の期限", "前年度からの引継ぎの確認（要再確認）"]
    assert dlg.chosen_item() is None
    _double_click_row(qtbot, dlg.view, 1)
    assert dlg.chosen_item() == "NET-001"
    assert dlg.result() == QDialog.DialogCode.Accepted


def test_missing_items_go_button(qtbot: QtBot, questionnaire: Questionnaire) -> None:
    dlg = MissingItemsDialog([("ORG-002", ["rating"]), ("NET-001", ["reason"])], questionnaire)
    _show(qtbot, dlg)
    dlg.view.setCurrentIndex(dlg.model.index(1, 2))
    assert dlg.go_button.isEnabled()
    qtbot.mouseClick(dlg.go_button, Qt.MouseButton.LeftButton)
    assert dlg.chosen_item() == "NET-001"


# -- ReasonDialog ------------------------------------------------------------------------------------


def test_reason_is_required(qtbot: QtBot) -> None:
    dlg = ReasonDialog("提出の取消し", "取り消すと、回答を変更できるようになります。", ok_text="取り消す")
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "提出の取消し"
    assert dlg.ok_button.text() == "取り消す"
    assert not dlg.ok_button.isEnabled()
    dlg.reason_edit.setPlainText(" \n ")
    assert not dlg.ok_button.isEnabled()
    dlg.reason_edit.setPlainText("  評価の誤りを直すため  \n")
    assert dlg.ok_button.isEnabled()
    assert dlg.reason() == "評価の誤りを直すため"
    assert dlg.reason_edit.accessibleName() == "理由"


# -- ChangesDialog -----------------------------------------------------------------------------------


@pytest.fixture
def changes() -> list[ItemChange]:
    return [
        ItemChange("ORG-001", "same", ("ORG-001",), "管理者を掲示していますか。", "done", "done", False),
        ItemChange("ORG-002", "changed", ("ORG-002",), "体制表はありますか。", "partial", "partial", True,
                   "「最新」を求めるように変更"),
        ItemChange("NET-001", "new", (), "", None, None, False),
    ]


def test_changes_show_labels(qtbot: QtBot, qtmodeltester: Any, questionnaire: Questionnaire,
                             changes: list[ItemChange]) -> None:
    dlg = ChangesDialog(changes, questionnaire)
    _show(qtbot, dlg)
    qtmodeltester.check(dlg.model)
    qtmodeltester.check(dlg.proxy)
    row = [dlg.proxy.index(1, c).data() for c in range(7)]
    assert row == ["ORG-002", "文言・基準を変更", "ORG-002", "一部実施している", "一部実施している", "○",
                   "「最新」を求めるように変更"]
    assert _texts(dlg.view, 1) == ["変更なし", "文言・基準を変更", "新規"]
    assert [dlg.proxy.index(2, c).data() for c in (2, 3, 4, 5)] == ["—", "—", "—", ""]
    assert dlg.proxy.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "体制表は最新ですか。"
    assert dlg.proxy.index(1, 2).data(Qt.ItemDataRole.ToolTipRole) == "体制表はありますか。"
    assert dlg.count_label.text() == "3 項目中 3 項目を表示"


def test_changes_filter(qtbot: QtBot, questionnaire: Questionnaire, changes: list[ItemChange]) -> None:
    dlg = ChangesDialog(changes, questionnaire)
    _show(qtbot, dlg)
    dlg.set_filter("changed")
    assert dlg.filter_combo.currentText() == "変更・新規のみ"
    assert _texts(dlg.view, 0) == ["ORG-002", "NET-001"]
    dlg.filter_combo.setCurrentIndex(dlg.filter_combo.findData("review"))
    assert _texts(dlg.view, 0) == ["ORG-002"]
    assert dlg.count_label.text() == "3 項目中 1 項目を表示"
    dlg.set_filter("all")
    assert len(_texts(dlg.view, 0)) == 3


def test_changes_double_click_chooses_the_item_through_the_filter(qtbot: QtBot, questionnaire: Questionnaire,
                                                                  changes: list[ItemChange]) -> None:
    dlg = ChangesDialog(changes, questionnaire)
    _show(qtbot, dlg)
    dlg.set_filter("changed")
    _double_click_row(qtbot, dlg.view, 1)
    assert dlg.chosen_item() == "NET-001"  # row 1 of the filtered list, not of the full one


# -- LogDialog ---------------------------------------------------------------------------------------


def _entry(seq: int, action: str, details: dict[str, Any], actor: str = "瑞穂 花子", role: str = "department",
           target: str = "assessment:1") -> LogEntry:
    return LogEntry(seq, f"2026-11-{seq:02d}T10:15:00+09:00", actor, role, action, target, details,
                    f"{seq - 1:064d}", f"{seq:064d}")


@pytest.fixture
def entries() -> list[LogEntry]:
    return [
        _entry(1, "database_created", {"schema": 2}, actor="(アプリ)"),
        _entry(2, "submitted", {"version": 1, "snapshot_hash": "ab" * 32, "approver": "瑞穂 太郎"}),
        _entry(3, "returned", {"reason": "=HYPERLINK(\"x\")"}, actor="監査 一郎", role="auditor"),
        _entry(4, "mystery_action", {}),
    ]


def test_log_shows_entries_in_japanese(qtbot: QtBot, qtmodeltester: Any, entries: list[LogEntry]) -> None:
    dlg = LogDialog(entries, lambda: [], lambda _name: None)
    _show(qtbot, dlg)
    qtmodeltester.check(dlg.model)
    assert _texts(dlg.view, 0) == ["1", "2", "3", "4"]
    assert _texts(dlg.view, 1)[1] == "2026-11-02 10:15:00"
    assert _texts(dlg.view, 3) == ["部署", "部署", "監査担当", "部署"]
    assert _texts(dlg.view, 4) == ["作成", "提出", "差戻し", "mystery_action"]
    assert _texts(dlg.view, 6)[1] == "版: 1　ハッシュ: abababababab…　承認者: 瑞穂 太郎"
    dlg.view.setCurrentIndex(dlg.model.index(1, 3))  # the whole entry, hash unshortened, below the table
    assert dlg.detail.toPlainText() == ("2 番目　2026-11-02 10:15:00　瑞穂 花子（部署）　提出　assessment:1\n"
                                        f"版: 1\nハッシュ: {'ab' * 32}\n承認者: 瑞穂 太郎")


def test_log_verify_without_problems(qtbot: QtBot, entries: list[LogEntry]) -> None:
    dlg = LogDialog(entries, lambda: [], lambda _name: None)
    _show(qtbot, dlg)
    qtbot.mouseClick(dlg.verify_button, Qt.MouseButton.LeftButton)
    assert dlg.result_label.text() == "改ざんは見つかりませんでした（4件）。"
    assert not dlg.model.highlighted()


def test_log_verify_shows_and_highlights_problems(qtbot: QtBot, entries: list[LogEntry]) -> None:
    problems = [LogProblem(3, "記録の内容が変更されています。"), LogProblem(0, "操作履歴の末尾が削除されています。")]
    dlg = LogDialog(entries, lambda: problems, lambda _name: None)
    _show(qtbot, dlg)
    qtbot.mouseClick(dlg.verify_button, Qt.MouseButton.LeftButton)
    text = dlg.result_label.text()
    assert "問題が 2 件" in text
    assert "3 番目: 記録の内容が変更されています。" in text
    assert "操作履歴の末尾が削除されています。" in text
    assert dlg.model.highlighted() == {2}
    assert dlg.model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert dlg.model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_log_verify_failure_is_reported(qtbot: QtBot, entries: list[LogEntry]) -> None:
    def broken() -> list[LogProblem]:
        raise OSError("disk I/O error")

    dlg = LogDialog(entries, broken, lambda _name: None)
    qtbot.addWidget(dlg)
    dlg.run_verify()
    assert "検証できませんでした" in dlg.result_label.text()


def test_log_csv_export_for_excel(qtbot: QtBot, tmp_path: Path, entries: list[LogEntry]) -> None:
    asked: list[str] = []

    def choose(default: str) -> str:
        asked.append(default)
        return str(tmp_path / "log")

    dlg = LogDialog(entries, lambda: [], choose)
    _show(qtbot, dlg)
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert asked[0].startswith("操作履歴_") and asked[0].endswith(".csv")
    out = tmp_path / "log.csv"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.split("\r\n")[0] == "番号,日時,操作者,役割,操作,操作コード,対象,内容,直前のハッシュ,ハッシュ"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 5
    assert rows[2][:6] == ["2", "2026-11-02T10:15:00+09:00", "瑞穂 花子", "部署", "提出", "submitted"]
    assert json.loads(rows[2][7])["snapshot_hash"] == "ab" * 32  # the CSV keeps full details and hashes
    assert rows[3][2:5] == ["監査 一郎", "監査担当", "差戻し"]
    assert rows[4][4] == "mystery_action"
    assert rows[4][9] == "4".zfill(64)
    assert str(out) in dlg.result_label.text()
    assert not list(tmp_path.glob("*.part"))


def test_log_csv_export_cancelled_and_failing(qtbot: QtBot, tmp_path: Path, entries: list[LogEntry]) -> None:
    dlg = LogDialog(entries, lambda: [], lambda _name: None)
    qtbot.addWidget(dlg)
    assert dlg.export_csv() is None
    assert dlg.result_label.text() == ""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")  # a folder that cannot be made
    dlg = LogDialog(entries, lambda: [], lambda _name: str(tmp_path / "a-file" / "log.csv"))
    qtbot.addWidget(dlg)
    assert dlg.export_csv() is None
    assert "書き出せませんでした" in dlg.result_label.text()


def test_csv_cells_that_look_like_formulas_are_defused(tmp_path: Path) -> None:
    from mizuho_audit.usecases.administration import write_log_csv

    out = tmp_path / "x.csv"
    write_log_csv([_entry(1, "submitted", {"reason": "+SUM(A1)"}, actor="=cmd|' /C calc'!A0")], out)
    text = out.read_text(encoding="utf-8-sig")
    assert ",'=cmd|' /C calc'!A0," in text
    assert '"{""reason"": ""+SUM(A1)""}"' in text  # details as JSON (starts with "{", not a formula)


def test_details_and_sizes_are_short() -> None:
    assert describe_details({"name": "規程.pdf", "size": 2048, "sha256": "f" * 64, "notice": None}) == \
        "ファイル: 規程.pdf　サイズ: 2.0 KB　SHA-256: ffffffffffff…"
    assert format_size(0) == "0 KB"
    assert format_size(512) == "0.5 KB"
    assert format_size(3 * 1024 * 1024 + 1) == "3.0 MB"


# -- AttachmentsWidget -------------------------------------------------------------------------------


class FakeEvidence:
    """The store side of the evidence list, in memory."""

    def __init__(self) -> None:
        self.records: list[AttachmentRecord] = [
            AttachmentRecord(1, 1, "ORG-001", "体制表.pdf", 250_000, "0123456789abcdef" * 4, "瑞穂 花子",
                             "2026-11-01T09:00:00+09:00"),
        ]
        self.opened: list[str] = []
        self.saved: list[tuple[str, Path]] = []
        self.chosen_open: str | None = None
        self.chosen_save: str | None = None
        self.fail_add: str | None = None

    def add(self, path: Path) -> None:
        if self.fail_add:
            raise EvidenceError(self.fail_add)
        self.records.append(AttachmentRecord(len(self.records) + 1, 1, "ORG-001", path.name, 5 * 1024 * 1024,
                                             "f" * 64, "瑞穂 花子", "2026-11-02T09:00:00+09:00"))

    def remove(self, record: AttachmentRecord) -> None:
        self.records = [r for r in self.records if r.id != record.id]

    def actions(self) -> AttachmentActions:
        return AttachmentActions(
            list_records=lambda: list(self.records), add=self.add,
            open_record=lambda r: self.opened.append(r.name),
            save_as=lambda r, p: self.saved.append((r.name, p)), remove=self.remove,
            choose_open=lambda: self.chosen_open, choose_save=lambda _name: self.chosen_save)


def test_attachments_list_and_add(qtbot: QtBot, qtmodeltester: Any, tmp_path: Path) -> None:
    ev, dialogs = FakeEvidence(), FakeDialogs()
    w = AttachmentsWidget(ev.actions(), dialogs)
    _show(qtbot, w)
    qtmodeltester.check(w.model)
    assert [w.model.index(0, c).data() for c in range(5)] == ["体制表.pdf", "244.1 KB", "瑞穂 花子",
                                                              "2026-11-01 09:00:00", "0123456789ab"]
    assert not w.open_button.isEnabled() and not w.remove_button.isEnabled()
    qtbot.mouseClick(w.add_button, Qt.MouseButton.LeftButton)  # the file chooser was cancelled
    assert len(ev.records) == 1
    ev.chosen_open = str(tmp_path / "規程.docx")
    qtbot.mouseClick(w.add_button, Qt.MouseButton.LeftButton)
    assert w.model.rowCount() == 2
    assert w.model.index(1, 1).data() == "5.0 MB"
    assert w.selected() == ev.records[1]  # the new file is selected
    assert dialogs.errors == []


def test_attachment_errors_go_to_the_dialogs(qtbot: QtBot, tmp_path: Path) -> None:
    ev, dialogs = FakeEvidence(), FakeDialogs()
    w = AttachmentsWidget(ev.actions(), dialogs)
    qtbot.addWidget(w)
    ev.chosen_open, ev.fail_add = str(tmp_path / "big.iso"), "ファイルが大きすぎます（25.0 MB）。"
    w.add()
    assert dialogs.errors == [("添付できません", "ファイルが大きすぎます（25.0 MB）。")]
    assert w.model.rowCount() == 1


def test_attachment_open_save_remove(qtbot: QtBot, tmp_path: Path) -> None:
    ev, dialogs = FakeEvidence(), FakeDialogs()
    w = AttachmentsWidget(ev.actions(), dialogs)
    _show(qtbot, w)
    _double_click_row(qtbot, w.view, 0)
    assert ev.opened == ["体制表.pdf"]
    assert w.save_button.isEnabled()
    ev.chosen_save = str(tmp_path / "copy.pdf")
    qtbot.mouseClick(w.save_button, Qt.MouseButton.LeftButton)
    assert ev.saved == [("体制表.pdf", tmp_path / "copy.pdf")]
    dialogs.answer = False
    qtbot.mouseClick(w.remove_button, Qt.MouseButton.LeftButton)
    assert len(ev.records) == 1 and "体制表.pdf" in dialogs.questions[0]
    dialogs.answer = True
    qtbot.mouseClick(w.remove_button, Qt.MouseButton.LeftButton)
    assert ev.records == [] and w.model.rowCount() == 0
    assert not w.remove_button.isEnabled()


def test_attachments_read_only_after_submission(qtbot: QtBot, tmp_path: Path) -> None:
    ev, dialogs = FakeEvidence(), FakeDialogs()
    w = AttachmentsWidget(ev.actions(), dialogs)
    _show(qtbot, w)
    w.set_read_only(True)
    w.select_row(0)
    assert not w.add_button.isEnabled() and not w.remove_button.isEnabled()
    assert w.open_button.isEnabled() and w.save_button.isEnabled()
    ev.chosen_open = str(tmp_path / "x.pdf")
    w.add()
    w.remove_selected()
    assert len(ev.records) == 1 and dialogs.questions == []
    w.set_read_only(False)
    assert w.add_button.isEnabled() and w.remove_button.isEnabled()


# -- CertificateDialog -------------------------------------------------------------------------------


def test_certificate_dialog_hides_passphrases(qtbot: QtBot) -> None:
    dlg = CertificateDialog(FakeDialogs())
    qtbot.addWidget(dlg)
    for edit in (dlg.ca_pass, dlg.ca_pass2, dlg.issue_ca_pass, dlg.p12_pass, dlg.p12_pass2):
        assert edit.echoMode() == QLineEdit.EchoMode.Password
    assert [dlg.tabs.tabText(i) for i in range(2)] == ["認証局の作成", "証明書の発行"]


def test_certificate_dialog_refuses_bad_passphrases(qtbot: QtBot, tmp_path: Path) -> None:
    dialogs = FakeDialogs()
    dlg = CertificateDialog(dialogs)
    qtbot.addWidget(dlg)
    dialogs.folder = str(tmp_path / "ca")
    dlg._browse_folder(dlg.ca_dir_edit)
    assert dlg.ca_dir_edit.text() == str(tmp_path / "ca")
    dlg.ca_pass.setText("short")
    dlg.ca_pass2.setText("short")
    assert dlg.create_ca() is None
    assert "8 文字以上" in dlg.ca_status.text()
    dlg.ca_pass.setText("correct horse")
    dlg.ca_pass2.setText("correct horsE")
    assert dlg.create_ca() is None
    assert "一致しません" in dlg.ca_status.text()
    assert not (tmp_path / "ca").exists()


def test_certificate_dialog_creates_ca_and_issues_p12(qtbot: QtBot, tmp_path: Path) -> None:
    dialogs = FakeDialogs()
    dlg = CertificateDialog(dialogs)
    qtbot.addWidget(dlg)
    dlg.ca_dir_edit.setText(str(tmp_path / "ca"))
    dlg.ca_pass.setText("ca-passphrase")
    dlg.ca_pass2.setText("ca-passphrase")
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "ca" / "ca-cert.pem").exists() and (tmp_path / "ca" / "ca-key.pem").exists()
    assert "認証局を作成しました" in dlg.ca_status.text()
    assert dlg.ca_pass.text() == "" and dlg.ca_pass2.text() == ""  # not kept on screen
    assert dlg.issue_ca_dir.text() == str(tmp_path / "ca")  # ready for the second tab

    dlg.tabs.setCurrentIndex(1)
    dlg.person_name.setText("瑞穂 太郎")
    dlg.person_title.setText("住民課長")
    dlg.person_department.setText("住民課")
    dialogs.save_path = str(tmp_path / "out" / "taro")
    dlg._browse_p12()
    dlg.p12_pass.setText("p12-passphrase")
    dlg.p12_pass2.setText("p12-passphrase")
    dlg.issue_ca_pass.setText("wrong passphrase")
    assert dlg.issue() is None
    assert "パスフレーズが違います" in dlg.issue_status.text()
    dlg.issue_ca_pass.setText("ca-passphrase")
    qtbot.mouseClick(dlg.issue_button, Qt.MouseButton.LeftButton)
    p12 = tmp_path / "out" / "taro.p12"
    assert p12.exists(), dlg.issue_status.text()
    assert "証明書を発行しました" in dlg.issue_status.text()
    loaded = pkcs12.load_pkcs12(p12.read_bytes(), b"p12-passphrase")
    assert loaded.cert is not None
    assert "瑞穂 太郎" in loaded.cert.certificate.subject.rfc4514_string()
    assert dlg.p12_pass.text() == "" and dlg.issue_ca_pass.text() == ""


def test_certificate_issue_needs_fields_and_matching_passphrases(qtbot: QtBot, tmp_path: Path) -> None:
    dlg = CertificateDialog(FakeDialogs())
    qtbot.addWidget(dlg)
    assert dlg.issue() is None
    assert dlg.issue_status.text() == "認証局のフォルダー、認証局のパスフレーズ、氏名、保存先を入力してください。"
    dlg.issue_ca_dir.setText(str(tmp_path / "ca"))
    dlg.issue_ca_pass.setText("whatever1")
    dlg.person_name.setText("瑞穂 太郎")
    dlg.p12_path.setText(str(tmp_path / "t.p12"))
    dlg.p12_pass.setText("p12-passphrase")
    dlg.p12_pass2.setText("p12-passphrasf")
    assert dlg.issue() is None
    assert "一致しません" in dlg.issue_status.text()
    assert not (tmp_path / "t.p12").exists()


def test_key_role_carries_the_item_id(qtbot: QtBot, questionnaire: Questionnaire) -> None:
    dlg = MissingItemsDialog([("ORG-001", ["rating"])], questionnaire)
    qtbot.addWidget(dlg)
    assert dlg.model.index(0, 1).data(KEY_ROLE) == "ORG-001"
    assert dlg.view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert not dlg.model.index(0, 0).parent().isValid()
    assert dlg.model.rowCount(dlg.model.index(0, 0)) == 0
    assert dlg.model.data(QModelIndex()) is None
