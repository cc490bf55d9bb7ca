"""The verify screen: who signed a PDF, when, and whether it was altered — in plain words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..domain.wareki import japanese_datetime
from ..errors import AppError
from ..usecases.reports import SignatureReport, all_ok, role_problems, verify
from ..usecases.session import Session
from . import labels
from .appearance import resize_initially
from .labels import QT_TRANSLATE_NOOP
from .workflow_dialogs import RowsTableModel, TableRow, _fit_columns, _table

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

_COVERS = {"whole_file": QT_TRANSLATE_NOOP("VerifyDialog", "署名後の変更なし"),
           "further_signatures_only": QT_TRANSLATE_NOOP("VerifyDialog", "後から署名が追加されただけ"),
           "modified": QT_TRANSLATE_NOOP("VerifyDialog", "署名後に変更あり")}


def _tr(text: str) -> str:
    return translate("VerifyDialog", text)


def _yes(flag: bool, yes: str, no: str) -> str:
    return yes if flag else no


def report_rows(reports: list[SignatureReport]) -> list[TableRow]:
    rows = []
    for r in reports:
        who = " ".join(x for x in (r.signer_department, r.signer_title, r.signer_name) if x)
        when = labels.moment(r.signed_at, japanese_datetime(r.signed_at)) if r.signed_at else "—"
        covers = _tr(_COVERS[r.covers])
        intact = _yes(r.intact, translate("VerifyDialog", "改ざんなし"),
                      translate("VerifyDialog", "改ざんあり"))
        trusted = _yes(r.trusted, translate("VerifyDialog", "信頼できる"),
                       translate("VerifyDialog", "信頼されていない"))
        valid = translate("VerifyDialog", "失効") if r.revoked else _yes(
            r.valid_at_signing, translate("VerifyDialog", "署名時に有効"),
            translate("VerifyDialog", "署名時に無効"))
        rows.append(TableRow((r.field_name, who, when, intact, covers, trusted, valid, r.summary_ja),
                             key=r.field_name, tooltips=("", "", "", "", "", "", "", r.summary_ja)))
    return rows


class VerifyDialog(QDialog):
    """Every signature of one PDF, checked against the town's registered trust roots."""

    HEADERS = (QT_TRANSLATE_NOOP("VerifyDialog", "署名欄"), QT_TRANSLATE_NOOP("VerifyDialog", "署名者"),
               QT_TRANSLATE_NOOP("VerifyDialog", "署名日時"), QT_TRANSLATE_NOOP("VerifyDialog", "内容"),
               QT_TRANSLATE_NOOP("VerifyDialog", "その後"), QT_TRANSLATE_NOOP("VerifyDialog", "証明書"),
               QT_TRANSLATE_NOOP("VerifyDialog", "有効性"), QT_TRANSLATE_NOOP("VerifyDialog", "説明"))

    def __init__(self, path: Path, parent: QWidget | None = None, session: Session | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("電子署名の確認 — {0}").format(path.name))
        resize_initially(self, 1100, 360)
        layout = QVBoxLayout(self)
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        layout.addWidget(self.verdict)
        self.model = RowsTableModel([_tr(h) for h in self.HEADERS], parent=self)
        self.view = _table(self.model, self.tr("署名の一覧"))
        _fit_columns(self.view, stretch=7)
        layout.addWidget(self.view, 1)
        note = QLabel(self.tr("信頼する証明書は「管理 → 信頼する証明書の登録」で登録した町の認証局・LGPKI のものです。"
                              "確認にネットワークは使いません（ファイルに埋め込まれた失効情報を使います）。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reports: list[SignatureReport] = []
        self.roles: dict[str, list[str]] = {}
        try:
            self.reports = verify(path, session=session)
            self.roles = role_problems(path, self.reports, session)
        except (OSError, AppError) as exc:
            self.verdict.setText(self.tr("確認できません: {0}").format(exc))
            return
        self.model.set_rows(report_rows(self.reports))
        if not self.reports:
            self.verdict.setText(self.tr("このファイルには電子署名がありません（未署名）。"))
        elif self.roles:
            lines = [f"{field}: {p}" for field, problems in self.roles.items() for p in problems]
            self.verdict.setText(self.tr("署名した人が、その欄に署名してよい人ではありません:") + "\n"
                                 + "\n".join(lines))
            self.verdict.setStyleSheet("color: #b00020; font-weight: bold;")
        elif all_ok(self.reports):
            self.verdict.setText(self.tr("すべての署名（{0} 件）が有効です。署名の後でファイルは変更されていません。"
                                         ).format(len(self.reports)))
            self.verdict.setStyleSheet("color: #1b6e20; font-weight: bold;")
        else:
            self.verdict.setText(self.tr("確認が必要な署名があります。各行の説明を読んでください。"))
            self.verdict.setStyleSheet("color: #b00020; font-weight: bold;")
