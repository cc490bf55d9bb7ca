"""The department window's workflow actions: submit with approval, reopen, the submission file,
notices, carry-over, evidence, the log and certificates. Composed into :class:`MainWindow`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog, QMenu

from ..errors import AppError
from ..usecases import answering, submission
from ..usecases.answering import AttachmentRecord
from . import labels
from .attachments_widget import AttachmentActions, AttachmentsWidget

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .workflow_dialogs import (
        ApprovalDialog,
        CertificateDialog,
        ChangesDialog,
        LogDialog,
        MissingItemsDialog,
        ReasonDialog,
    )

# The dialogs are loaded when first opened (with the administration code the log and certificate dialogs use), not
# at the window's start; they stay attributes of this module (department_actions.ApprovalDialog ...).
_DIALOGS = ("ApprovalDialog", "CertificateDialog", "ChangesDialog", "LogDialog", "MissingItemsDialog", "ReasonDialog")


def _load_dialogs() -> None:
    """Put the dialogs in this module's namespace; a name already there (a test's stand-in) is kept."""
    from . import workflow_dialogs

    for name in _DIALOGS:
        globals().setdefault(name, getattr(workflow_dialogs, name))


def __getattr__(name: str) -> Any:
    if name in _DIALOGS:
        _load_dialogs()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Every refusal of the core (with its message), and a file the system could not read or write.
_ERRORS: tuple[type[BaseException], ...] = (AppError, OSError)


class DepartmentActions(QObject):
    """Menus and handlers of the department's workflow, acting on the window's open checklist."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self._certificate: tuple[Path, bytes] | None = None  # chosen at 提出: the approver's, to sign with
        self.evidence = AttachmentsWidget(AttachmentActions(
            list_records=self._records, add=self._add_evidence, open_record=self._open_evidence,
            save_as=self._save_evidence, remove=self._remove_evidence,
            choose_open=lambda: window.dialogs.open_file(window, self.tr("添付するファイル"),
                                                         self.tr("すべてのファイル (*)")),
            choose_save=lambda name: window.dialogs.save_file(window, self.tr("名前を付けて保存"), name,
                                                              self.tr("すべてのファイル (*)")),
        ), window.dialogs)
        window.panel.set_evidence_widget(self.evidence)
        window.panel.confirm_requested.connect(self.confirm_carried)
        self._build_menus()

    # -- menus --------------------------------------------------------------------------
    def _action(self, menu: QMenu, text: str, handler: object, shortcut: str = "") -> QAction:
        act = QAction(text, self.w)
        if shortcut:
            act.setShortcut(shortcut)
        act.triggered.connect(handler)
        menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        bar = self.w.menuBar()
        before = self.w.admin_menu.menuAction()  # 回答 and 提出 come first, 管理 last
        answers = QMenu(self.tr("回答(&R)"), bar)
        bar.insertMenu(before, answers)
        self._action(answers, self.tr("前年度の回答を引き継ぐ(&C)…"), self.carry_over)
        self._action(answers, self.tr("前年度からの変更(&V)…"), self.show_changes)
        answers.addSeparator()
        self._action(answers, self.tr("回答を JSON に書き出す(&E)…"), self.export_json)
        self._action(answers, self.tr("回答を JSON から取り込む(&I)…"), self.import_json)
        answers.addSeparator()
        self._action(answers, self.tr("Excel 回答用紙を書き出す(&X)…"), self.export_template)
        self._action(answers, self.tr("Excel 回答用紙から取り込む(&Y)…"), self.import_template)
        submit = QMenu(self.tr("提出(&S)"), bar)
        bar.insertMenu(before, submit)
        self._action(submit, self.tr("承認を受けて提出(&S)…"), self.submit, "Ctrl+Shift+S")
        self._action(submit, self.tr("提出ファイルを書き出す（PDF・署名）(&F)…"), self.export_file)
        self._action(submit, self.tr("提出を取り消す(&R)…"), self.reopen)
        submit.addSeparator()
        self._action(submit, self.tr("監査担当からの通知（差戻し・結果通知）を取り込む(&N)…"), self.import_notice)
        admin = self.w.admin_menu
        admin.addSeparator()
        self._action(admin, self.tr("操作履歴(&L)…"), self.show_log)
        self._action(admin, self.tr("署名用の証明書(&C)…"), self.certificates)
        self._action(admin, self.tr("信頼する証明書の登録(&T)…"), self.add_trust_root)
        self._action(admin, self.tr("電子署名を確認する(&V)…"), self.verify_file)

    # -- helpers --------------------------------------------------------------------------
    def _fail(self, title: str, exc: BaseException) -> None:
        if isinstance(exc, OSError) and exc.errno is not None:  # the OS's own text is English: say it in Japanese
            from ..oserrors import os_reason

            where = self.tr("（{0}）").format(exc.filename) if exc.filename else ""
            self.w.dialogs.error(self.w, title, self.tr("{0}{1}。何も変更していません。").format(os_reason(exc), where))
            return
        self.w.dialogs.error(self.w, title, str(exc).strip("'\""))

    def _checklist_or_warn(self) -> bool:
        if self.w.checklist is None:
            self.w.dialogs.info(self.w, self.tr("部署を選んでください"), self.tr("先に年度と部署を選んでください。"))
            return False
        self.w.panel.flush()
        return True

    def on_item_shown(self, read_only: bool) -> None:
        self.evidence.refresh()
        self.evidence.set_read_only(read_only or self.w.current_item_id() is None)

    # -- submit, reopen ---------------------------------------------------------------------
    def submit(self) -> None:
        _load_dialogs()
        if not self._checklist_or_warn() or self.w.checklist is None:
            return
        s, cl = self.w.session, self.w.checklist
        missing = submission.missing_items(s, cl)
        if missing:
            dialog = MissingItemsDialog(missing, cl.questionnaire, self.w)
            dialog.exec()
            chosen = dialog.chosen_item()
            if chosen:
                self.w.select_item(chosen)
            return
        name, title = submission.last_approver(s)
        self._certificate = None
        dialog2 = ApprovalDialog(self.w, name=name, title=title, from_certificate=self._choose_certificate)
        if dialog2.exec() != QDialog.DialogCode.Accepted:
            return
        approver = dialog2.approver()
        p12, secret = self._certificate or (None, None)
        try:  # with a certificate chosen, an approver other than its holder is stopped here
            record = submission.submit(s, cl, approver, p12=p12, passphrase=secret)
        except submission.IncompleteError as exc:
            self.w.dialogs.error(self.w, self.tr("提出できません"), str(exc), submission.describe_missing(exc.missing))
            return
        except _ERRORS as exc:
            self._fail(self.tr("提出できません"), exc)
            return
        self.w.refresh_checklist()
        if self.w.dialogs.question(self.w, self.tr("提出しました"),
                                   self.tr("第{0}版として提出しました。回答は確定しました。\n"
                                           "監査担当に渡す提出ファイル（PDF）を今すぐ書き出しますか。").format(record.version)):
            self._export_file(self._certificate)
        self._certificate = None

    def _choose_certificate(self) -> tuple[str, str] | None:
        """The approver's certificate, chosen in the approval dialog: its holder fills the approver, and the
        submission is signed with it."""
        chosen = self.w.dialogs.open_file(self.w, self.tr("署名に使う証明書（PKCS#12）を選ぶ"), "PKCS#12 (*.p12 *.pfx)")
        if not chosen:
            return None
        value = self.w.dialogs.ask_secret(self.w, self.tr("証明書のパスフレーズ"),
                                          self.tr("証明書（PKCS#12）のパスフレーズ:"))
        if value is None:
            return None
        try:
            holder = submission.certificate_holder(Path(chosen), value.encode("utf-8"))
        except _ERRORS as exc:
            self._fail(self.tr("証明書を読めません"), exc)
            return None
        self._certificate = (Path(chosen), value.encode("utf-8"))
        return holder

    def reopen(self) -> None:
        _load_dialogs()
        if not self._checklist_or_warn() or self.w.checklist is None:
            return
        dialog = ReasonDialog(self.tr("提出の取消し"),
                              self.tr("提出を取り消すと、回答を直せるようになります。取り消しの理由は"
                                      "操作履歴に残り、次の提出は新しい版になります（前の版も保存されます）。"), self.w,
                              ok_text=self.tr("提出を取り消す"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            submission.reopen(self.w.session, self.w.checklist, dialog.reason())
        except _ERRORS as exc:
            self._fail(self.tr("取り消せません"), exc)
            return
        self.w.refresh_checklist()

    # -- files ----------------------------------------------------------------------------
    def export_file(self) -> None:
        self._export_file(None)

    def _export_file(self, certificate: tuple[Path, bytes] | None) -> None:
        """Write the submission file; ``certificate`` is the one chosen at 提出 (else one is asked for)."""
        if not self._checklist_or_warn() or self.w.checklist is None:
            return
        cl = self.w.checklist
        default = f"{cl.year}-{cl.department.id}-{cl.department.name}.pdf"
        out = self.w.dialogs.save_file(self.w, self.tr("提出ファイルの保存先"), default, "PDF (*.pdf);;JSON (*.json)")
        if not out:
            return
        p12, secret = certificate or (None, None)
        if certificate is None and not out.lower().endswith(".json"):
            chosen = self.w.dialogs.open_file(self.w, self.tr("署名に使う証明書（PKCS#12）を選ぶ（取消で署名なし）"),
                                              "PKCS#12 (*.p12 *.pfx)")
            if chosen:
                p12 = Path(chosen)
                value = self.w.dialogs.ask_secret(self.w, self.tr("証明書のパスフレーズ"),
                                                  self.tr("証明書（PKCS#12）のパスフレーズ:"))
                if value is None:
                    return
                secret = value.encode("utf-8")
            elif not self.w.dialogs.question(
                    self.w, self.tr("署名なしで書き出す"),
                    self.tr("電子署名なし（未署名）で書き出しますか。監査担当には未署名と表示されます。")):
                return
        try:
            submission.export_file(self.w.session, cl, Path(out), p12=p12, passphrase=secret)
        except _ERRORS as exc:
            self._fail(self.tr("書き出せません"), exc)
            return
        self.w.dialogs.info(self.w, self.tr("書き出しました"),
                            self.tr("提出ファイルを書き出しました:\n{0}").format(out))

    def import_notice(self) -> None:
        path = self.w.dialogs.open_file(self.w, self.tr("差戻し通知を選ぶ"), "PDF (*.pdf)")
        if not path:
            return
        try:
            got = submission.import_notice(self.w.session, Path(path))
        except _ERRORS as exc:
            self._fail(self.tr("取り込めません"), exc)
            return
        warnings = "\n".join(self.tr("注意: {0}").format(w) for w in got.warnings)
        if got.kind == "result":
            self.w.dialogs.info(self.w, self.tr("結果通知"),
                                self.tr("{0}年度の結果通知を取り込みました。指摘事項 {1} 件は、次年度のチェックリストに"
                                        "「前年度の指摘事項への対応」として現れます。\n{2}").format(
                                    got.fiscal_year, got.findings, warnings))
        else:
            self.w.dialogs.info(self.w, self.tr("差戻し通知"),
                                self.tr("差戻しの理由:\n{0}\n\n回答中に戻りました。修正して、改めて提出してください。\n{1}"
                                        ).format(got.reason, warnings))
        self.w.refresh_checklist()

    def export_json(self) -> None:
        if not self._checklist_or_warn() or self.w.checklist is None:
            return
        cl = self.w.checklist
        out = self.w.dialogs.save_file(self.w, self.tr("回答の書き出し"),
                                       self.tr("{0}-{1}-回答.json").format(cl.year, cl.department.id),
                                       "JSON (*.json)")
        if out:
            try:
                answering.export_answers(self.w.session, cl, Path(out))
            except _ERRORS as exc:
                self._fail(self.tr("書き出せません"), exc)

    def import_json(self) -> None:
        if not self._checklist_or_warn() or self.w.checklist is None:
            return
        path = self.w.dialogs.open_file(self.w, self.tr("回答の取込"), "JSON (*.json)")
        if not path:
            return
        try:
            n = answering.import_answers(self.w.session, self.w.checklist, Path(path))
        except _ERRORS as exc:
            self._fail(self.tr("取り込めません"), exc)
            return
        self.w.refresh_checklist()
        self.w.dialogs.info(self.w, self.tr("取り込みました"),
                            self.tr("回答を取り込みました（変更 {0} 件）。").format(n))

    def export_template(self) -> None:
        if not self._checklist_or_warn() or self.w.checklist is None:
            return
        cl = self.w.checklist
        out = self.w.dialogs.save_file(self.w, self.tr("Excel 回答用紙の保存先"),
                                       self.tr("{0}-{1}-{2}-回答用紙.xlsx").format(
                                           cl.year, cl.department.id, cl.department.name),
                                       "Excel (*.xlsx)")
        if not out:
            return
        try:
            answering.write_answer_workbook(self.w.session, cl.department.id, cl.year, Path(out))
        except _ERRORS as exc:
            self._fail(self.tr("書き出せません"), exc)
            return
        self.w.dialogs.info(self.w, self.tr("書き出しました"),
                            self.tr("Excel 回答用紙を書き出しました:\n{0}").format(out))

    def import_template(self) -> None:
        """Check the workbook first; with problems, show them and take the sound rows only when confirmed."""
        if not self._checklist_or_warn() or self.w.checklist is None:
            return
        path = self.w.dialogs.open_file(self.w, self.tr("記入済みの Excel 回答用紙"), "Excel (*.xlsx)")
        if not path:
            return
        try:
            plan = answering.check_answer_workbook(self.w.session, self.w.checklist, Path(path))
        except _ERRORS as exc:
            self._fail(self.tr("取り込めません"), exc)
            return
        report = "\n".join(plan.report_lines())
        if plan.problems and not self.w.dialogs.question(
                self.w, self.tr("Excel 回答用紙の取込"),
                self.tr("回答用紙に問題が {0} 件あります（詳細を表示で一覧できます）。"
                        "問題のない項目だけを取り込みますか。問題のある項目は、アプリで入力し直してください。").format(
                    len(plan.problems)), report):
            return
        try:
            done = answering.apply_answer_workbook(self.w.session, plan, confirmed=bool(plan.problems))
        except _ERRORS as exc:
            self._fail(self.tr("取り込めません"), exc)
            return
        self.w.refresh_checklist()
        self.w.dialogs.info(self.w, self.tr("取り込みました"), "\n".join(done.report_lines()))

    # -- carry-over -------------------------------------------------------------------------
    def carry_over(self) -> None:
        if not self._checklist_or_warn() or self.w.checklist is None:
            return
        cl = self.w.checklist
        if not self.w.dialogs.question(self.w, self.tr("前年度の回答を引き継ぐ"),
                                       self.tr("{0}の回答を、まだ回答していない項目に引き継ぎます。"
                                               "引き継いだ回答には「要再確認」の印が付き、確認するまで提出できません。"
                                               ).format(labels.fiscal_year(cl.year - 1))):
            return
        try:
            result = answering.carry_over(self.w.session, cl.department.id, cl.year)
        except answering.NothingToCarry as exc:  # not a failure: the department starts this year afresh
            self.w.dialogs.info(self.w, self.tr("引き継ぐ回答はありません"), str(exc).strip("'\""))
            return
        except _ERRORS as exc:
            self._fail(self.tr("引き継げません"), exc)
            return
        self.w.refresh_checklist()
        self.w.filter_combo.setCurrentIndex(self.w.filter_combo.findData("review"))
        self.w.dialogs.info(self.w, self.tr("引き継ぎました"),
                            self.tr("{0} 件の回答を引き継ぎました。「要再確認」の項目を一つずつ確認してください。"
                                    ).format(result.carried))

    def show_changes(self) -> None:
        _load_dialogs()
        if not self._checklist_or_warn() or self.w.checklist is None:
            return
        dialog = ChangesDialog(answering.changes_since_last_year(self.w.session, self.w.checklist),
                               self.w.checklist.questionnaire, self.w)
        dialog.exec()
        if dialog.chosen_item():
            self.w.select_item(str(dialog.chosen_item()))

    def confirm_carried(self, item_id: str) -> None:
        cl = self.w.checklist
        if cl is None:
            return
        try:
            answering.confirm_carried(self.w.session, cl, item_id)
        except _ERRORS as exc:
            self._fail(self.tr("確認できません"), exc)
            return
        self.w.answer_changed(item_id)
        self.go_next_review(item_id)

    def go_next_review(self, after: str) -> bool:
        """Select the next item still 要再確認 after ``after`` (its banner shows, so Alt+K confirms it in
        turn); with none left, show ``after`` again (never a heading with an empty panel) and say so."""
        ids = self.w.model.item_ids()
        start = ids.index(after) + 1 if after in ids else 0
        for item_id in ids[start:] + ids[:start]:
            a = self.w.model.answer(item_id)
            if a is not None and a.needs_review:
                self.w.select_item(item_id)
                return True
        if self.w.filter_combo.currentData() == "review":
            self.w.filter_combo.setCurrentIndex(0)  # nothing left to re-check: the whole list again
        if after in ids:
            self.w.select_item(after)
            self.w.panel.hide_review()  # confirmed, and still the item shown
        self.w.statusBar().showMessage(self.tr("要再確認の項目はすべて確認しました。"), 5000)
        return False

    # -- evidence ---------------------------------------------------------------------------
    def _records(self) -> list[AttachmentRecord]:
        item, cl = self.w.current_item_id(), self.w.checklist
        if item is None or cl is None:
            return []
        return answering.attachments(self.w.session, cl, item)

    def _add_evidence(self, path: Path) -> None:
        item, cl = self.w.current_item_id(), self.w.checklist
        if item is None or cl is None:
            return
        answering.attach(self.w.session, cl, item, path)

    def _open_evidence(self, record: AttachmentRecord) -> None:
        folder = Path(tempfile.mkdtemp(prefix="mizuho-audit-"))
        target = answering.save_attachment(self.w.session, record, folder / record.name)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _save_evidence(self, record: AttachmentRecord, path: Path) -> None:
        answering.save_attachment(self.w.session, record, path)

    def _remove_evidence(self, record: AttachmentRecord) -> None:
        answering.remove_attachment(self.w.session, record)

    # -- administration ---------------------------------------------------------------------
    def show_log(self) -> None:
        _load_dialogs()
        LogDialog.for_session(self.w.session, self.w.dialogs, self.w).exec()

    def certificates(self) -> None:
        _load_dialogs()
        CertificateDialog(self.w.dialogs, self.w).exec()

    def verify_file(self) -> None:
        from .verify_dialog import VerifyDialog

        path = self.w.dialogs.open_file(self.w, self.tr("確認する PDF"), "PDF (*.pdf)")
        if path:
            VerifyDialog(Path(path), self.w, self.w.session).exec()

    def add_trust_root(self) -> None:
        from .trust_actions import add_trust_root

        add_trust_root(self.w, self.w.session, self.w.dialogs)


