"""The auditor window's 報告 menu: the Excel workbook, the PDF report, signing it (年度締め),
the 結果通知 of every department, and the verify screen. Composed into :class:`AuditorWindow`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from ..domain.vocabulary import APPROVER_FIELD
from ..errors import AppError
from ..usecases import reports
from . import labels
from .oscal_actions import OscalActions
from .verify_dialog import VerifyDialog
from .worker import Progress, Worker
from .workflow_dialogs import ReasonDialog

if TYPE_CHECKING:
    from .auditor_window import AuditorWindow

_ERRORS = (AppError, OSError)


class AuditorReports(QObject):
    """Menus and handlers for the outputs the town keeps."""

    def __init__(self, window: AuditorWindow) -> None:
        super().__init__(window)
        self.w = window
        menu = window.menuBar().addMenu(self.tr("報告(&R)"))
        self._add(menu, self.tr("監査結果の Excel を書き出す(&E)…"), self.export_excel)
        self.oscal = OscalActions(window, menu)
        self._add(menu, self.tr("報告書の総括・宛先・文書番号(&D)…"), self.edit_details)
        self._add(menu, self.tr("監査報告書（PDF）を書き出す(&P)…"), self.export_report)
        self._add(menu, self.tr("PDF に電子署名する(&S)…"), self.sign_report)
        self._add(menu, self.tr("電子署名を確認する(&V)…"), self.verify)
        menu.addSeparator()
        self._add(menu, self.tr("結果通知を書き出す（提出した全部署）(&N)…"), self.result_notices)
        menu.addSeparator()
        self._add(menu, self.tr("年度締めを解除する(&U)…"), self.reopen_year)

    def _add(self, menu: QMenu, text: str, handler: object) -> None:
        act = QAction(text, self.w)
        act.triggered.connect(handler)
        menu.addAction(act)

    def _fail(self, title: str, exc: BaseException) -> None:
        self.w.dialogs.error(self.w, title, str(exc))

    def _in_background(self, job: Callable[[Progress], object], text: str,
                       done: Callable[[object], str]) -> Worker:
        """A long export on the worker thread, the window showing its progress (and staying responsive);
        ``done`` gives the message shown when it has finished. A failure is shown as the import's are."""

        def finished(result: object) -> None:
            self.w._set_busy(False)
            self.w.dialogs.info(self.w, self.tr("書き出しました"), done(result))

        return self.w._start(job, text, finished)

    def export_excel(self) -> Worker | None:
        actor, year = self.w.actor(), self.w.year()
        if self.w.is_busy():
            return None
        out = self.w.dialogs.save_file(self.w, self.tr("監査結果の保存先"),
                                       self.tr("{0}-自己点検結果.xlsx").format(year), "Excel (*.xlsx)")
        if not out or not actor:
            return None
        session = self.w.session
        return self._in_background(
            lambda progress: reports.write_workbook(session, year, Path(out), progress=progress),
            self.tr("監査結果のワークブックを書き出しています"),
            lambda _r: self.tr("監査結果のワークブックを書き出しました:\n{0}").format(out))

    def edit_details(self) -> bool:
        """The 総括 and the cover's 宛先 / 文書番号 of the shown 年度 (stored with it, logged)."""
        from .report_details_dialog import ReportDetailsDialog

        actor, year = self.w.actor(), self.w.year()
        if not actor:
            return False
        try:
            now = reports.details(self.w.session, year)
        except _ERRORS as exc:
            self._fail(self.tr("開けません"), exc)
            return False
        dialog = ReportDetailsDialog(labels.fiscal_year(year), now.summary, now.addressee, now.document_number,
                                     self.w)
        if self.w.dialogs.exec(dialog) != QDialog.DialogCode.Accepted:
            return False
        summary, addressee, number = dialog.values()
        try:
            reports.set_summary(self.w.session, year, summary)
            reports.set_cover(self.w.session, year, addressee=addressee, document_number=number)
        except _ERRORS as exc:
            self._fail(self.tr("保存できません"), exc)
            return False
        return True

    def _go_ahead(self, year: int, document: str) -> bool:
        """Ask before building a 速報 or leaving out unconfirmed proposals; True to go on."""
        marked = reports.preliminary(self.w.session, year) if document == "report" else None
        if marked:
            reasons = []
            if marked.deadline is not None:
                reasons.append(self.tr("提出期限（{0}）の前です。").format(labels.long_date(marked.deadline)))
            if marked.not_accepted:
                reasons.append(self.tr("受理していない提出が {0} 部署あります（{1}）。").format(
                    len(marked.not_accepted), labels.separator().join(marked.not_accepted)))
            if not self.w.dialogs.question(self.w, self.tr("速報として作成"),
                                           self.tr("この報告書は「速報」になります。") + "\n" + "\n".join(reasons)
                                           + "\n" + self.tr("表紙と各ページに「速報」と表示して作成しますか。")):
                return False
        unconfirmed = reports.unconfirmed_findings(self.w.session, year)
        return not unconfirmed or self.w.dialogs.question(
            self.w, self.tr("確認していない指摘案"),
            self.tr("確認していない指摘案が {0} 件あります。確認済みの指摘事項だけが載ります。このまま作成しますか。"
                    ).format(unconfirmed))

    def export_report(self) -> Worker | None:
        actor, year = self.w.actor(), self.w.year()
        if self.w.is_busy() or not actor or not self._go_ahead(year, "report"):
            return None
        last_reviewer, last_approver = reports.report_people(self.w.session)
        reviewer = self.w.dialogs.ask_text(self.w, self.tr("報告書の確認者"), self.tr("確認者の氏名:"), last_reviewer)
        if reviewer is None:
            return None
        approver = self.w.dialogs.ask_text(self.w, self.tr("報告書の承認者"),
                                           self.tr("承認者の氏名（例: 最高情報セキュリティ責任者）:"), last_approver)
        if approver is None:
            return None
        out = self.w.dialogs.save_file(self.w, self.tr("監査報告書の保存先"),
                                       self.tr("{0}-情報セキュリティ自己点検結果報告書.pdf").format(year),
                                       "PDF (*.pdf)")
        if not out:
            return None
        session = self.w.session
        return self._in_background(
            lambda _progress: reports.write_report(session, year, Path(out), author=actor, reviewer=reviewer,
                                                   approver=approver),
            self.tr("監査報告書を作成しています"),
            lambda _r: self.tr("監査報告書を書き出しました:\n{0}\n"
                               "署名欄（作成者・確認者・承認者）に、この順に 報告 → PDF に電子署名する で"
                               "署名してください。").format(out))

    def sign_report(self) -> None:
        """Sign the report's next empty field (作成者, 確認者, 承認者 in order); the approver's closes the 年度."""
        actor, year = self.w.actor(), self.w.year()
        src = self.w.dialogs.open_file(self.w, self.tr("署名する PDF"), "PDF (*.pdf)")
        if not src or not actor:
            return
        try:
            field = reports.next_empty_field(Path(src).read_bytes())
        except _ERRORS as exc:
            self._fail(self.tr("署名できません"), exc)
            return
        if field is None:
            self.w.dialogs.info(self.w, self.tr("署名欄"), self.tr("この PDF の署名欄にはすべて署名があります。"))
            return
        closes = field == APPROVER_FIELD
        question = self.tr("署名欄「{0}」に署名します。").format(field)
        if closes:
            question += "\n" + self.tr("承認者の署名で、{0}は締められます（年度締め）。").format(
                labels.fiscal_year(year))
        if not self.w.dialogs.question(self.w, self.tr("署名欄"), question):
            return
        p12 = self.w.dialogs.open_file(self.w, self.tr("署名に使う証明書（PKCS#12）"), "PKCS#12 (*.p12 *.pfx)")
        if not p12:
            return
        secret = self.w.dialogs.ask_secret(self.w, self.tr("証明書のパスフレーズ"), self.tr("パスフレーズ:"))
        if secret is None:
            return
        out = self.w.dialogs.save_file(self.w, self.tr("署名した PDF の保存先"),
                                       self.tr("{0}（署名）.pdf").format(Path(src).stem), "PDF (*.pdf)")
        if not out:
            return
        try:
            done = reports.sign(self.w.session, Path(src), Path(out), p12=Path(p12), passphrase=secret.encode("utf-8"),
                                field=field, close_year=year if closes else None, year=year,
                                crls=reports.crl_beside(Path(p12)))
        except _ERRORS as exc:
            self._fail(self.tr("署名できません"), exc)
            return
        closed = "\n" + self.tr("{0}を締めました。").format(labels.fiscal_year(year)) if done.closed_year else ""
        self.w.dialogs.info(self.w, self.tr("署名しました"),
                            self.tr("署名欄「{0}」に署名しました:\n{1}").format(done.field, out) + closed)
        self.w.refresh()

    def verify(self) -> None:
        path = self.w.dialogs.open_file(self.w, self.tr("確認する PDF"), "PDF (*.pdf)")
        if path:
            VerifyDialog(Path(path), self.w, self.w.session).exec()

    def result_notices(self) -> Worker | None:
        actor, year = self.w.actor(), self.w.year()
        if self.w.is_busy() or not actor or not self._go_ahead(year, "notice"):
            return None
        folder = self.w.dialogs.open_folder(self.w, self.tr("結果通知の保存先フォルダ"))
        if not folder:
            return None
        p12 = self.w.dialogs.open_file(self.w, self.tr("署名に使う証明書（取消で署名なし）"), "PKCS#12 (*.p12 *.pfx)")
        secret = self.w.dialogs.ask_secret(self.w, self.tr("証明書のパスフレーズ"),
                                           self.tr("パスフレーズ:")) if p12 else None
        session, key = self.w.session, secret.encode("utf-8") if secret else None
        return self._in_background(
            lambda _progress: reports.write_result_notices(session, year, Path(folder),
                                                           p12=Path(p12) if p12 else None, passphrase=key),
            self.tr("結果通知を作成しています"),
            lambda paths: self.tr("結果通知 {0} 件を書き出しました:\n{1}").format(
                len(paths) if isinstance(paths, list) else 0, folder))

    def reopen_year(self) -> None:
        actor, year = self.w.actor(), self.w.year()
        if not actor:
            return
        if not reports.closed_year(self.w.session, year):
            self.w.dialogs.info(self.w, self.tr("年度締め"),
                                self.tr("{0}は締められていません。").format(labels.fiscal_year(year)))
            return
        dialog = ReasonDialog(self.tr("年度締めの解除"),
                              self.tr("年度締めを解除すると、提出の取込と指摘事項の変更ができるようになります。"
                                      "理由は操作履歴に残ります。"), self.w, ok_text=self.tr("解除する"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            reports.reopen_year(self.w.session, year, dialog.reason())
        except _ERRORS as exc:
            self._fail(self.tr("解除できません"), exc)
            return
        self.w.refresh()
