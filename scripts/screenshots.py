"""Render the screens shown in the user manual (docs/manual.md) as PNG images, without a screen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py --out docs/images

Builds the demonstration (as ``mizuho-audit demo`` does) in a temporary folder and plays a short
story on it the way people would: a 結果通知 taken in, evidence attached, a 差戻し, a re-submission
after the deadline, findings confirmed, a report signed twice. Then it opens the real windows and
dialogs and grabs each one offscreen (dialogs are shown non-modally and grabbed, never exec'd:
nothing waits for a person). Pages of the PDFs are rendered with poppler's ``pdftoppm``.

The records get their times from a story clock and the status board's "today" is fixed, so two runs
give the same pictures. Only what a certificate signs carries the machine's real time: the signing
time in the stamps and on the verify screen (and so the report's date beside them), and the hashes
of signed files where the operation log shows them.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEAR = 2026
DEPARTMENT = "zaisei"  # 財政課: still answering in the demo, with carried answers left to re-check
SUBMITTED = "jumin"  # 住民課: submitted; re-submits a second version after the deadline
RETURNED = "zeimu"  # 税務課: its submission, not yet decided in the demo, is returned (差戻し)
ACCEPTED = ("kikaku", "hisho", "kanzai", "bosai", "zeimu")
RESPONDENT = "山田 花子"
AUDITOR = "監査 担当"  # the name the demo's auditor database records
REVIEWER = "小林 誠"
CISO = "瑞穂 太郎"
BOARD_TODAY = date(2026, 12, 21)  # "today" on the status board: three days after the demo's deadline
APPROVAL_DAY = date(2026, 12, 10)
WIDTH, HEIGHT = 1200, 780  # the main windows: the pictures stay about 1200 px wide
PDF_WIDTH = 1000
TITLE_BAR = 30
JST = timezone(timedelta(hours=9))
# What the status bar shows on a town PC (the demo's own path is a random temporary folder).
WINDOWS_DB = r"C:\Users\kansa\AppData\Local\MizuhoTown\mizuho-audit\mizuho-audit.db"
NAMES = ("start-", "dep-", "aud-", "pdf-", "verify")  # the pictures this script owns in --out


# -- time -------------------------------------------------------------------------------------------------


class StoryClock:
    """The time the app's records get while the story is played: set with :meth:`at`, a second per record.

    It replaces the storage layer's "now" functions (wherever a module holds one), so the operation
    log, the findings and the notices carry the same times on every run.
    """

    def __init__(self) -> None:
        self.moment = datetime(YEAR, 10, 5, 9, 0, tzinfo=JST)

    def at(self, day: date, clock: str = "09:00") -> None:
        hour, minute = (int(p) for p in clock.split(":"))
        self.moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=JST)

    def __call__(self) -> str:
        self.moment += timedelta(seconds=1)
        return self.moment.isoformat(timespec="seconds")

    def tick(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment

    def install(self) -> None:
        from mizuho_audit import clock

        clock._utc_now = self.tick  # the app's one clock (mizuho_audit.clock): every "now" comes from the story
        for name in ("storage.repository", "storage.findings_store", "storage.workflow_store",
                     "services.submission.submission", "services.submission.workflow", "services.submission.notice",
                     "services.findings.result_notice", "services.intake.intake", "services.findings.findings",
                     "services.intake.status_board", "services.admin.demo"):
            importlib.import_module(f"mizuho_audit.{name}")
        for module in [m for n, m in list(sys.modules.items()) if n.startswith("mizuho_audit.")]:
            for attr in ("now_iso", "_now"):
                fn = getattr(module, attr, None)
                if callable(fn) and getattr(fn, "__module__", "").startswith("mizuho_audit.storage"):
                    setattr(module, attr, self)


CLOCK = StoryClock()


def fix_board_today() -> None:
    """The status board compares the deadline with today: make 'today' the same on every run."""
    import types

    from mizuho_audit import clock
    from mizuho_audit.services.intake import status_board

    status_board.clock = types.SimpleNamespace(  # type: ignore[assignment]
        today=lambda: BOARD_TODAY, japan_date_of=clock.japan_date_of)


# -- pictures -------------------------------------------------------------------------------------------


class Camera:
    """Grabs widgets and saves them as small PNG files; a window gets a plain title bar drawn above it."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.saved: list[Path] = []

    @staticmethod
    def settle() -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop
        from PySide6.QtWidgets import QApplication

        for _ in range(6):
            QCoreApplication.sendPostedEvents()
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def take(self, widget: Any, name: str, *, overlay: Any = None, overlay_at: tuple[int, int] = (0, 0)) -> Path:
        """Save ``widget`` as ``name``.png (``overlay``: a pixmap painted on top, e.g. an open menu)."""
        from PySide6.QtGui import QColor, QPainter

        self.settle()
        pixmap = widget.grab()
        if overlay is not None:
            painter = QPainter(pixmap)
            x, y = overlay_at
            painter.fillRect(x + 3, y + 3, overlay.width(), overlay.height(), QColor(0, 0, 0, 40))  # a shadow
            painter.drawPixmap(x, y, overlay)
            painter.setPen(QColor("#8a9099"))
            painter.drawRect(x, y, overlay.width() - 1, overlay.height() - 1)
            painter.end()
        return self.save_image(_framed(pixmap, widget.window().windowTitle()).toImage(), name)

    def save_image(self, image: Any, name: str) -> Path:
        from PySide6.QtCore import QBuffer, QIODevice

        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return self.save_png(bytes(buffer.data().data()), name)

    def save_png(self, data: bytes, name: str, crop: float = 1.0) -> Path:
        path = self.out / f"{name}.png"
        path.write_bytes(_optimised(data, crop))
        self.saved.append(path)
        return path


def _framed(pixmap: Any, title: str) -> Any:
    """The window with a neutral title bar (the offscreen platform draws no decorations)."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
    from PySide6.QtWidgets import QApplication

    w, h = pixmap.width() + 2, pixmap.height() + TITLE_BAR + 1
    framed = QPixmap(w, h)
    framed.fill(QColor("#ffffff"))
    painter = QPainter(framed)
    painter.fillRect(0, 0, w, TITLE_BAR, QColor("#dfe3e8"))
    painter.drawPixmap(1, TITLE_BAR, pixmap)
    painter.setPen(QPen(QColor("#8a9099")))
    painter.drawRect(0, 0, w - 1, h - 1)
    painter.drawLine(0, TITLE_BAR - 1, w - 1, TITLE_BAR - 1)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c7cbd1"))
    for i in range(3):  # where the window's buttons would be
        painter.drawEllipse(w - 26 - 20 * i, TITLE_BAR // 2 - 6, 12, 12)
    font = QFont(QApplication.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#202124"))
    room = w - 24 - 70
    text = QFontMetrics(font).elidedText(title, Qt.TextElideMode.ElideRight, room)
    painter.drawText(QRect(12, 0, room, TITLE_BAR - 1), int(Qt.AlignmentFlag.AlignVCenter), text)
    painter.end()
    return framed


def _optimised(data: bytes, crop: float = 1.0) -> bytes:
    """The smaller of a 256-colour PNG and a full-colour one (screens are flat colours and text)."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    if crop < 1.0:
        image = image.crop((0, 0, image.width, round(image.height * crop)))
    exact = image.getcolors(maxcolors=256) is not None
    method = Image.Quantize.MEDIANCUT if exact else Image.Quantize.MAXCOVERAGE
    best = b""
    for candidate in (image.quantize(colors=256, method=method, dither=Image.Dither.NONE), image):
        out = io.BytesIO()
        candidate.save(out, "PNG", optimize=True)
        if not best or len(out.getvalue()) < len(best):
            best = out.getvalue()
    return best


def pdf_page(camera: Camera, pdf: Path, page: int, name: str, crop: float = 1.0) -> Path:
    """Page ``page`` (1-based) of ``pdf`` through poppler, PDF_WIDTH pixels wide (``crop``: the top part)."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "page"
        subprocess.run(["pdftoppm", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                        "-scale-to-x", str(PDF_WIDTH), "-scale-to-y", "-1", str(pdf), str(prefix)], check=True)
        return camera.save_png(prefix.with_suffix(".png").read_bytes(), name, crop)


def find_page(pdf: Path, text: str, start: int = 1) -> int:
    """The first page (1-based, from ``start``) whose text contains ``text``."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    for page in range(start, pages + 1):
        found = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                               check=True, capture_output=True, text=True).stdout
        if text in found:
            return page
    raise SystemExit(f"{pdf.name}: 「{text}」のページがありません。")


def menu_overlay(window: Any, title: str, highlight: str = "") -> tuple[Any, tuple[int, int]]:
    """The pixmap of the window's menu ``title`` opened, and where it hangs below the menu bar."""
    bar = window.menuBar()
    action = next(a for a in bar.actions() if a.text().replace("&", "").startswith(title))
    menu = action.menu()
    menu.ensurePolished()
    menu.adjustSize()
    if highlight:
        menu.setActiveAction(next(a for a in menu.actions() if a.text().replace("&", "").startswith(highlight)))
    rect = bar.actionGeometry(action)
    bar.setActiveAction(action)
    return menu.grab(), (rect.left(), bar.geometry().bottom() + 1)


def close_menus(window: Any) -> None:
    window.menuBar().setActiveAction(None)


def centre(window: Any) -> None:
    """Scroll the checklist so that the chosen item sits in the middle of the list."""
    from PySide6.QtWidgets import QAbstractItemView

    window.tree.scrollTo(window.tree.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter)


# -- dialogs that never wait ------------------------------------------------------------------------------


def quiet_dialogs() -> Any:
    """The app's dialog seam with every modal call replaced: tables are shown non-modally and kept."""
    from mizuho_audit.ui.dialogs import Dialogs, TableDialog

    class ShownDialogs(Dialogs):
        def __init__(self) -> None:
            self.shown: list[Any] = []
            self.messages: list[tuple[str, str]] = []

        def error(self, parent: Any, title: str, text: str, details: str = "") -> None:
            raise RuntimeError(f"{title}: {text} {details}")

        def info(self, parent: Any, title: str, text: str) -> None:
            self.messages.append((title, text))

        def question(self, parent: Any, title: str, text: str, details: str = "") -> bool:
            return False

        def ask_text(self, parent: Any, title: str, label: str, text: str = "") -> str | None:
            return text or None

        def _table(self, dialog: Any) -> None:
            dialog.resize(1000, 330)
            dialog.show()
            self.shown.append(dialog)

        def show_table(self, parent: Any, title: str, text: str, headers: Sequence[str], rows: Sequence[Any],
                       highlighted: Iterable[int] = ()) -> None:
            self._table(TableDialog(parent, title, text, headers, rows, highlighted=highlighted))

        def confirm_table(self, parent: Any, title: str, text: str, headers: Sequence[str], rows: Sequence[Any],
                          ok_text: str, cancel_text: str = "キャンセル") -> bool:
            self._table(TableDialog(parent, title, text, headers, rows, ok_text=ok_text, cancel_text=cancel_text))
            return False

    return ShownDialogs()


# -- the story played on the demo -------------------------------------------------------------------------


class Demo:
    """The demo folder, its two databases and what the story adds to it."""

    def __init__(self, folder: Path) -> None:
        from mizuho_audit.services.workspace import Workspace

        self.folder = folder
        self.ca = folder / "ca"
        self.files = folder / "files"
        self.files.mkdir(exist_ok=True)
        self.secret = b"demo-passphrase"
        # The report's three signers, registered by the demo in the auditor's database.
        self.author_p12 = folder / "certs" / "report-author.p12"
        self.reviewer_p12 = folder / "certs" / "report-reviewer.p12"
        self.ciso_p12 = folder / "certs" / "report-approver.p12"
        self.department = Workspace.open(folder / "department.db")
        self.auditor = Workspace.open(folder / "auditor.db", passphrase="demo")

    def close(self) -> None:
        self.department.close()
        self.auditor.close()

    def p12(self, department_id: str) -> Path:
        return self.folder / "certs" / f"{department_id}.p12"

    def submission(self, department_id: str) -> Path:
        return next((self.folder / "submissions").glob(f"{YEAR}-{department_id}-*.pdf"))

    def roots(self) -> list[Any]:
        """The trust roots the auditor's database holds (the demo CA, registered by the demo)."""
        from mizuho_audit.services.signing.register import root_certificates

        return root_certificates(self.auditor)


def build(folder: Path) -> Demo:
    from mizuho_audit.services.admin.demo import DEFAULT_SEED, build_demo

    build_demo(folder, YEAR, DEFAULT_SEED)  # its CA, trust root, CRL and signers are in the auditor's database
    return Demo(folder)


def last_years_result(demo: Demo) -> Path:
    """令和7年度: the auditor confirms three findings of 財政課 and sends the 結果通知; 財政課 takes it in."""
    from mizuho_audit.services.findings.findings import propose
    from mizuho_audit.services.findings.result_notice import write_result_notice
    from mizuho_audit.services.submission.notice import import_any_notice

    last, auditor = YEAR - 1, demo.auditor
    CLOCK.at(date(YEAR, 10, 6))
    propose(auditor, last, AUDITOR)
    for f in [f for f in auditor.store.findings(last) if f.department_id == DEPARTMENT][:3]:
        auditor.store.update_finding(f.id, {"confirmed": 1}, actor=AUDITOR)
    out = demo.files / f"{last}-{DEPARTMENT}-結果通知.pdf"
    write_result_notice(auditor, last, DEPARTMENT, out, actor=AUDITOR, p12=demo.author_p12, passphrase=demo.secret)
    CLOCK.at(date(YEAR, 10, 7), "10:30")
    import_any_notice(demo.department, out, RESPONDENT, demo.roots())
    return out


def planned_item(demo: Demo) -> str:
    """The first item of 財政課 answered 一部実施 with an improvement plan (and no 要再確認)."""
    cl = demo.department.checklist(DEPARTMENT, YEAR)
    answers = demo.department.answers(cl)
    return next(it.id for it in cl.questionnaire.items() if (a := answers.get(it.id)) and a.rating == "partial"
                and a.plan_content and not a.needs_review)


def attach_evidence(demo: Demo, item_id: str) -> None:
    from mizuho_audit.services.answering import evidence

    cl = demo.department.checklist(DEPARTMENT, YEAR)
    CLOCK.at(date(YEAR, 11, 18), "14:00")
    for i, (name, size) in enumerate((("課内体制表_令和8年度.pdf", 48_211), ("掲示の写真_2026-04.jpg", 212_907))):
        path = demo.files / name
        path.write_bytes(bytes((j * 37 + i) % 251 for j in range(size)))
        evidence.attach(demo.department, cl, item_id, path, RESPONDENT)


def return_one(demo: Demo) -> Path:
    """The auditor returns 税務課's submission with a signed notice; 税務課 takes it in."""
    from mizuho_audit.services.submission.notice import import_any_notice, write_return_notice

    CLOCK.at(date(YEAR, 12, 16), "11:00")
    received = demo.auditor.store.received(YEAR, RETURNED)[-1]
    out = demo.files / f"{YEAR}-{RETURNED}-差戻し通知.pdf"
    write_return_notice(demo.auditor, received, "5.3 研修の項目に、受講者の一覧を添付してください。", out,
                        actor=AUDITOR, p12=demo.author_p12, passphrase=demo.secret)
    CLOCK.at(date(YEAR, 12, 16), "14:20")
    import_any_notice(demo.department, out, RESPONDENT, demo.roots())
    return out


def resubmit(demo: Demo) -> Path:
    """住民課 takes its submission back, corrects two answers and submits again after the deadline."""
    from mizuho_audit.services.submission import workflow
    from mizuho_audit.services.submission.submission import export_submission

    ws = demo.department
    cl = ws.checklist(SUBMITTED, YEAR)
    first = workflow.latest_submission(ws, cl)
    assert first is not None
    CLOCK.at(date(YEAR, 12, 17), "09:00")
    workflow.reopen(ws, cl, "委託契約の項目の回答を直すため（課長の指示）", first.approver_name)
    for a in [a for a in ws.answers(cl).values() if a.rating == "partial"][:2]:
        ws.save(cl, a.item_id, "rating", "done", RESPONDENT)
        ws.save(cl, a.item_id, "note", "令和8年12月に手順書を改定し、課内に周知した。", RESPONDENT)
    CLOCK.at(date(YEAR, 12, 19), "16:10")
    workflow.submit(ws, cl, workflow.Approver(first.approver_name, first.approver_title, "2026-12-19"), RESPONDENT)
    out = demo.files / f"{YEAR}-{SUBMITTED}-住民課（再提出）.pdf"
    export_submission(ws, cl, out, actor=first.approver_name, p12=demo.p12(SUBMITTED), passphrase=demo.secret)
    return out


def tampered_copy(demo: Demo) -> Path:
    """A signed submission altered after signing (a few bytes changed)."""
    source = demo.submission("bosai")
    data = bytearray(source.read_bytes())
    at = data.find(b"/Producer")
    at = at if at >= 0 else len(data) // 3
    data[at + 1:at + 4] = b"XYZ"
    out = demo.files / source.name.replace(".pdf", "（改変）.pdf")
    out.write_bytes(bytes(data))
    return out


def audit_work(demo: Demo) -> None:
    """Five submissions accepted; the first findings graded and confirmed, a few already in hand."""
    from mizuho_audit.services.intake.intake import accept

    CLOCK.at(date(YEAR, 12, 20), "10:00")
    for dep in ACCEPTED:
        if demo.auditor.store.received(YEAR, dep)[-1].decision is None:  # the demo accepted most already
            accept(demo.auditor, dep, YEAR, AUDITOR)
    for i, f in enumerate(demo.auditor.store.findings(YEAR)[:40]):
        changes: dict[str, Any] = {"confirmed": 1}
        if i % 7 == 3:
            changes["status"] = "in_progress"
        demo.auditor.store.update_finding(f.id, changes, actor=AUDITOR)


def signed_report(demo: Demo) -> Path:
    """The PDF report, signed in turn by its author (作成者), the reviewer (確認者) and the CISO (承認者)."""
    from mizuho_audit.domain.vocabulary import SIGNING_REASONS
    from mizuho_audit.services.reports.audit_report import (
        APPROVER_FIELD,
        AUTHOR_FIELD,
        REVIEWER_FIELD,
        write_audit_report,
    )
    from mizuho_audit.services.signing.signing import sign_pdf

    plain = demo.files / f"{YEAR}-情報セキュリティ自己点検結果報告書.pdf"
    # Dated like its signatures, which carry the real time.
    write_audit_report(demo.auditor, YEAR, plain, actor=AUDITOR, author=AUDITOR, reviewer=REVIEWER,
                       approver=CISO, issued_on=datetime.now(JST).date())  # the town's real day, as the stamps
    pdf = plain.read_bytes()
    for field, p12 in ((AUTHOR_FIELD, demo.author_p12), (REVIEWER_FIELD, demo.reviewer_p12),
                       (APPROVER_FIELD, demo.ciso_p12)):
        pdf = sign_pdf(pdf, p12, demo.secret, field_name=field, reason=SIGNING_REASONS[field], trust_roots=demo.roots(),
                       crls=[demo.ca / "ca.crl"])
    out = demo.files / f"{YEAR}-情報セキュリティ自己点検結果報告書（署名）.pdf"
    out.write_bytes(pdf)
    return out


# -- the first start ---------------------------------------------------------------------------------------


def first_start(camera: Camera) -> None:
    from PySide6.QtWidgets import QInputDialog

    from mizuho_audit.ui.start_dialogs import PassphraseDialog, RoleDialog

    role = RoleDialog()
    role.show()
    camera.take(role, "start-role")
    passphrase = PassphraseDialog(creating=True)
    passphrase.first.setText("auditor-2026")
    passphrase.second.setText("auditor-2026")
    passphrase.resize(460, passphrase.sizeHint().height())
    passphrase.show()
    camera.take(passphrase, "start-passphrase")
    name = QInputDialog()  # what Dialogs.ask_text shows
    name.setWindowTitle("回答者の名前")
    name.setLabelText("回答者の名前を入力してください（変更の記録に残ります）:")
    name.setTextValue(RESPONDENT)
    name.resize(460, name.sizeHint().height())
    name.show()
    camera.take(name, "start-name")
    for dialog in (role, passphrase, name):
        dialog.close()


# -- the department's window -------------------------------------------------------------------------------


def department_window(camera: Camera, demo: Demo) -> None:
    from mizuho_audit.services.workspace import FOLLOWUP_PREFIX
    from mizuho_audit.ui.main_window import MainWindow

    ws = demo.department
    from mizuho_audit.usecases.session import Session

    window = MainWindow(Session(ws), quiet_dialogs(), user=RESPONDENT)
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.select(DEPARTMENT, YEAR)
    cl = window.checklist
    assert cl is not None
    answers = ws.answers(cl)
    items = [it.id for it in cl.questionnaire.items()]
    planned = planned_item(demo)
    carried = next(i for i in items if (a := answers.get(i)) and a.needs_review)

    def show(item: str, name: str, filter_key: str = "all") -> None:
        window.filter_combo.setCurrentIndex(window.filter_combo.findData(filter_key))
        window.select_item(item)
        window.panel.verticalScrollBar().setValue(0)
        centre(window)
        camera.take(window, name)

    show(planned, "dep-checklist")
    window.workflow.evidence.select_row(0)
    window.panel.verticalScrollBar().setValue(window.panel.verticalScrollBar().maximum())
    camera.take(window, "dep-plan-evidence")
    window.panel.verticalScrollBar().setValue(0)
    for name, title, highlight in (("dep-menu-answers", "回答", "前年度の回答を引き継ぐ"),
                                   ("dep-menu-submit", "提出", "承認を受けて提出"),
                                   ("dep-menu-admin", "管理", "操作履歴")):
        overlay, at = menu_overlay(window, title, highlight)
        camera.take(window, name, overlay=overlay, overlay_at=at)
        close_menus(window)
    show(planned, "dep-filter", "improve")
    show(carried, "dep-review", "review")
    show(next(i for i in items if i.startswith(FOLLOWUP_PREFIX)), "dep-followup")
    department_dialogs(camera, window)

    for department, name in ((RETURNED, "dep-returned"), (SUBMITTED, "dep-submitted")):
        window.select(department, YEAR)
        window.resize(WIDTH, HEIGHT)
        window.select_item(window.model.item_ids()[0])
        centre(window)
        camera.take(window, name)
    window.close()


def department_dialogs(camera: Camera, window: Any) -> None:
    from mizuho_audit.services.answering.carryover import changes_since_last_year
    from mizuho_audit.services.submission import workflow

    dialogs = _dialog_classes()
    ws, cl = window.session.workspace, window.checklist

    changes = dialogs["ChangesDialog"](changes_since_last_year(ws, cl), cl.questionnaire, window)
    changes.set_filter("changed")
    changes.show()
    camera.take(changes, "dep-changes")
    changes.close()

    missing = dialogs["MissingItemsDialog"](workflow.check_complete(ws, cl), cl.questionnaire, window)
    missing.show()
    camera.take(missing, "dep-missing")
    missing.close()

    approval = dialogs["ApprovalDialog"](window, name="鈴木 一郎", title="財政課長", today=APPROVAL_DAY)
    approval.show()
    camera.take(approval, "dep-approval")
    approval.close()

    log = dialogs["LogDialog"](ws.store.log_entries(), ws.store.verify_log, lambda _name: None, window)
    log.show()
    log.run_verify()
    log.view.selectRow(log.model.rowCount() - 1)
    camera.take(log, "dep-log")
    log.close()

    certificates = dialogs["CertificateDialog"](window.dialogs, window)
    certificates.tabs.setCurrentIndex(1)
    certificates.issue_ca_dir.setText(r"\\fileserver\security\ca")
    certificates.person_name.setText("鈴木 一郎")
    certificates.person_title.setText("財政課長")
    certificates.person_department.setText("財政課")
    certificates.p12_path.setText(r"C:\Users\suzuki\Documents\鈴木一郎.p12")
    certificates.resize(680, 470)
    certificates.show()
    camera.take(certificates, "dep-certificates")
    certificates.close()
    backup_chooser(camera, window)


def backup_chooser(camera: Camera, window: Any) -> None:
    """管理 → バックアップから復元: the automatic backups of the database, newest first."""
    try:
        from mizuho_audit.services.admin.backup import automatic_backup, list_backups
        from mizuho_audit.ui.backup_actions import BackupChooser
    except ImportError:  # an app without backups in the window: nothing to show
        return
    store = window.session.workspace.store
    for day, hour in ((date(YEAR, 12, 14), 17), (date(YEAR, 12, 15), 8), (date(YEAR, 12, 16), 8)):
        automatic_backup(store, keep=10, now=datetime(day.year, day.month, day.day, hour, 30))
    chooser = BackupChooser(window, store.path, list_backups(store.path),
                            "復元するバックアップを選んでください。現在のデータベースは、復元前のコピーとして"
                            "別の名前で残します。")
    chooser.show()
    camera.take(chooser, "dep-backup-restore")
    chooser.close()


def _dialog_classes() -> dict[str, Any]:
    """The workflow dialogs, wherever the ui package keeps them (they are being split into modules)."""
    names = ("ChangesDialog", "MissingItemsDialog", "ApprovalDialog", "LogDialog", "CertificateDialog")
    found: dict[str, Any] = dict.fromkeys(names)
    for module in ("workflow_dialogs", "log_dialog", "certificate_dialog"):
        try:
            m = importlib.import_module(f"mizuho_audit.ui.{module}")
        except ImportError:
            continue
        for name in names:
            found[name] = found[name] or getattr(m, name, None)
    missing = [k for k, v in found.items() if v is None]
    if missing:
        raise SystemExit(f"画面が見つかりません: {', '.join(missing)}")
    return found


# -- the auditor's window ---------------------------------------------------------------------------------


def auditor_window(camera: Camera, demo: Demo, arrivals: list[Path]) -> None:
    from mizuho_audit.services.intake.intake import import_many
    from mizuho_audit.services.intake.trust_checks import ImportOptions
    from mizuho_audit.ui.auditor_window import AuditorWindow

    ws = demo.auditor
    dialogs = quiet_dialogs()
    from mizuho_audit.usecases.session import Session

    window = AuditorWindow(Session(ws), dialogs, user=AUDITOR)
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.statusBar().showMessage(f"監査担当用データベース: {WINDOWS_DB}")

    CLOCK.at(BOARD_TODAY, "09:00")
    results = import_many(ws, arrivals, actor=AUDITOR)
    window.refresh()
    window._show_results(results, [])
    camera.take(dialogs.shown[-1], "aud-import-result")
    dialogs.shown[-1].close()
    again = next(r for r in results if r.outcome == "needs_confirmation")
    window._confirm(again)
    camera.take(dialogs.shown[-1], "aud-resubmission")
    dialogs.shown[-1].close()
    import_many(ws, [again.path], actor=AUDITOR, options=ImportOptions(confirm_changes=True))
    window.refresh()

    window.tabs.setCurrentIndex(0)
    window.select_department(SUBMITTED)
    camera.take(window, "aud-board")
    overlay, at = menu_overlay(window, "報告", "監査報告書")
    camera.take(window, "aud-menu-report", overlay=overlay, overlay_at=at)
    close_menus(window)

    window.tabs.setCurrentIndex(1)
    findings = window.findings
    major = next(f for f in findings.model.rows if f.grade == "major" and f.confirmed and f.status == "in_progress")
    findings.show_department(major.department_id)
    findings.select(major.id)
    camera.take(window, "aud-findings")

    window.tabs.setCurrentIndex(2)
    dashboard = window.dashboard
    for index, name in enumerate(("aud-heatmap", "aud-chapters", "aud-trend", "aud-failing")):
        dashboard.tabs.setCurrentIndex(index)
        if name == "aud-chapters":
            dashboard.department_combo.setCurrentIndex(dashboard.department_combo.findData(SUBMITTED))
        camera.take(window, name)
    window.close()


def verify_screen(camera: Camera, demo: Demo, report: Path) -> None:
    from mizuho_audit.ui.verify_dialog import VerifyDialog
    from mizuho_audit.usecases.session import Session

    dialog = VerifyDialog(report, None, Session(demo.auditor))
    dialog.resize(1100, 260)
    dialog.show()
    camera.take(dialog, "verify")
    dialog.close()


def pdf_pages(camera: Camera, submission: Path, returned: Path, notice: Path, report: Path) -> None:
    pdf_page(camera, submission, 1, "pdf-submission", crop=0.78)
    pdf_page(camera, returned, 1, "pdf-return-notice", crop=0.45)
    pdf_page(camera, notice, 1, "pdf-result-notice")
    pdf_page(camera, notice, find_page(notice, "指摘事項", 2), "pdf-result-notice-findings")
    pdf_page(camera, report, 1, "pdf-report-cover", crop=0.8)
    pdf_page(camera, report, 2, "pdf-report-signatures")
    pdf_page(camera, report, find_page(report, "章別の得点", 4), "pdf-report-charts")


# -- the run ---------------------------------------------------------------------------------------------

_STARTED = time.monotonic()


def step(text: str) -> None:
    print(f"[{time.monotonic() - _STARTED:5.1f}s] {text}", flush=True)


def quiet_qt() -> None:
    """Drop the offscreen platform's notes about what it cannot do (raise, grab the keyboard ...)."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if not message.startswith("This plugin does not support"):
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def run(out: Path, folder: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from mizuho_audit.app import apply_app_font

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        if old.name.startswith(NAMES):
            old.unlink()
    camera = Camera(out)
    quiet_qt()
    app = QApplication.instance() or QApplication(["mizuho-audit"])
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName("瑞穂町 情報セキュリティ自己点検")
    apply_app_font(app)
    if "IPAex" not in app.font().family():
        raise SystemExit(f"同梱のフォントを読み込めませんでした（{app.font().family()}）。")
    CLOCK.install()
    fix_board_today()

    step("デモを作成しています")
    demo = build(folder / "demo")
    try:
        step("操作の流れを再現しています")
        notice = last_years_result(demo)
        attach_evidence(demo, planned_item(demo))
        returned = return_one(demo)
        arrivals = [resubmit(demo), tampered_copy(demo), demo.submission("hisho")]
        audit_work(demo)
        step("最初の起動の画面")
        first_start(camera)
        step("部署の画面")
        department_window(camera, demo)
        step("監査担当の画面")
        auditor_window(camera, demo, arrivals)
        step("報告書と署名の確認")
        report = signed_report(demo)
        verify_screen(camera, demo, report)
    finally:
        demo.close()
    step("PDF のページ")
    pdf_pages(camera, arrivals[0], returned, notice, report)
    return camera.saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="利用者マニュアルの画面写真を作る（画面は不要）")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images", help="PNG の保存先")
    parser.add_argument("--keep", type=Path, default=None,
                        help="デモのフォルダを残す場所（調べるとき。中身は消します）")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name in ("MIZUHO_AUDIT_PASSPHRASE", "MIZUHO_AUDIT_AUDITOR_PASSPHRASE"):
        os.environ.pop(name, None)  # the demo's own passphrases, whatever the shell has
    for tool in ("pdftoppm", "pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool}（poppler-utils）が必要です。")
    # The database writes wait for the disk (synchronous=FULL): build the demo in memory when Linux offers it.
    shm = Path("/dev/shm")
    where = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="mizuho-shots-", dir=where) as tmp:
        folder = Path(tmp)
        if args.keep is not None:
            shutil.rmtree(args.keep, ignore_errors=True)
            folder = args.keep
            folder.mkdir(parents=True)
        # The trust roots and the town's questionnaires live in the data folder: use an empty one.
        os.environ["MIZUHO_AUDIT_DATA_DIR"] = str(folder / "data")
        saved = run(args.out.resolve(), folder)
    total = sum(p.stat().st_size for p in saved)
    step(f"{len(saved)} 枚（{total / 1024 / 1024:.1f} MB）: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
