"""The auditor's window: import submissions, see who submitted, accept or return them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.wareki import fiscal_year_label
from ..services.intake import ImportResult, accept, import_many
from ..services.notice import write_return_notice
from ..services.signing import SigningError
from ..services.status_board import SIGNATURE_JA, STATUS_JA, BoardRow, board
from ..services.submission import SubmissionFileError
from ..services.trust import register_root, registered_roots
from ..services.workspace import Workspace
from ..storage.connection import StoreError
from .dialogs import Dialogs
from .workflow_dialogs import LogDialog, ReasonDialog

Index = QModelIndex | QPersistentModelIndex
_COLORS = {"not_started": "#6b6b6b", "submitted": "#0d47a1", "accepted": "#1b6e20", "returned": "#b00020"}


class BoardModel(QAbstractTableModel):
    HEADERS = ("部署", "機関", "状態", "版", "提出日時", "署名", "署名者", "承認者", "ファイル")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[BoardRow] = []

    def set_rows(self, rows: list[BoardRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (r.name, r.body, STATUS_JA[r.status], f"第{r.version}版" if r.version else "",
                      (r.submitted_at or "")[:16].replace("T", " "),
                      SIGNATURE_JA.get(r.signature or "", ""), r.signer or "", r.approver or "", r.file_name or "")
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QBrush(QColor(_COLORS.get(r.status, "#000000")))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5 and r.signature not in (None, "valid"):
            return QBrush(QColor("#b35c00"))
        return None


class AuditorWindow(QMainWindow):
    """監査担当: the submissions of every department for a 年度."""

    def __init__(self, workspace: Workspace, dialogs: Dialogs | None = None, user: str = "") -> None:
        super().__init__()
        self.workspace = workspace
        self.dialogs = dialogs or Dialogs()
        self.user = user or workspace.store.get_setting("user_name", "") or ""
        self.setWindowTitle("瑞穂町 情報セキュリティ自己点検 — 監査担当")
        self.resize(1280, 760)
        central = QWidget()
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("年度")
        for y in workspace.years():
            self.year_combo.addItem(f"{fiscal_year_label(y)}（{y}）", y)
        self.year_combo.setCurrentIndex(self.year_combo.count() - 1)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(QLabel("年度:"))
        top.addWidget(self.year_combo)
        self.summary = QLabel("")
        top.addWidget(self.summary, 1)
        self.import_files_button = QPushButton("提出ファイルを取り込む(&I)…")
        self.import_files_button.clicked.connect(self.import_files)
        self.import_folder_button = QPushButton("フォルダから取り込む(&F)…")
        self.import_folder_button.clicked.connect(self.import_folder)
        self.accept_button = QPushButton("受理(&A)")
        self.accept_button.clicked.connect(self.accept_selected)
        self.return_button = QPushButton("差戻し(&R)…")
        self.return_button.clicked.connect(self.return_selected)
        for b in (self.import_files_button, self.import_folder_button, self.accept_button, self.return_button):
            top.addWidget(b)
        layout.addLayout(top)
        self.model = BoardModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("提出状況")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)
        menu = self.menuBar().addMenu("管理(&A)")
        for text, handler in (("操作履歴(&L)…", self.show_log), ("信頼する証明書の登録(&T)…", self.add_trust_root)):
            act = QAction(text, self)
            act.triggered.connect(handler)
            menu.addAction(act)
        self.statusBar().showMessage(f"監査担当用データベース: {workspace.store.path}")
        self.refresh()

    def year(self) -> int:
        return int(self.year_combo.currentData())

    def refresh(self) -> None:
        rows = board(self.workspace, self.year())
        self.model.set_rows(rows)
        counts = {k: sum(r.status == k for r in rows) for k in STATUS_JA}
        self.summary.setText("　".join(f"{STATUS_JA[k]} {v}" for k, v in counts.items() if k != "in_progress"))

    def selected(self) -> BoardRow | None:
        idx = self.table.currentIndex()
        return self.model.rows[idx.row()] if idx.isValid() else None

    def change_user(self) -> bool:
        name = self.dialogs.ask_text(self, "監査担当者の名前", "監査担当者の名前を入力してください（記録に残ります）:",
                                     self.user)
        if not name:
            return False
        self.user = name
        self.workspace.store.set_setting("user_name", name)
        return True

    # -- import -----------------------------------------------------------------------------
    def import_files(self) -> None:
        files = self.dialogs.open_files(self, "提出ファイルを選ぶ", "提出ファイル (*.pdf *.json)")
        if files:
            self.import_paths([Path(f) for f in files])

    def import_folder(self) -> None:
        folder = self.dialogs.open_folder(self, "提出ファイルのフォルダを選ぶ")
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> list[ImportResult]:
        if not self.user and not self.change_user():
            return []
        roots = registered_roots()
        results = import_many(self.workspace, paths, actor=self.user, trust_roots=roots)
        final = []
        for r in results:
            if r.outcome == "needs_confirmation":
                diff = "\n".join(f"{d.item_id} {d.field}: {d.old} → {d.new}" for d in r.changes[:200])
                question = r.message + "\n取り込みますか（前の版は履歴に残ります）。"
                if self.dialogs.question(self, "再提出の確認", question, diff):
                    r = import_many(self.workspace, [r.path], actor=self.user, trust_roots=roots,
                                    confirm_changes=True)[0]
            final.append(r)
        labels = {"imported": "取込", "duplicate": "変更なし", "refused": "拒否", "needs_confirmation": "保留"}
        lines = [f"[{labels[r.outcome]}] {r.message}" + "".join(f"\n    注意: {w}" for w in r.warnings)
                 for r in final]
        self.refresh()
        self.dialogs.info(self, "取込の結果", "\n".join(lines) or "取り込むファイルがありませんでした。")
        return final

    # -- decisions --------------------------------------------------------------------------
    def accept_selected(self) -> None:
        row = self.selected()
        if row is None or row.received_id is None:
            self.dialogs.info(self, "受理", "提出済みの部署を選んでください。")
            return
        if not self.user and not self.change_user():
            return
        try:
            accept(self.workspace, row.department, self.year(), self.user)
        except (StoreError, SubmissionFileError) as exc:
            self.dialogs.error(self, "受理できません", str(exc))
        self.refresh()

    def return_selected(self) -> None:
        row = self.selected()
        if row is None or row.received_id is None:
            self.dialogs.info(self, "差戻し", "提出済みの部署を選んでください。")
            return
        if not self.user and not self.change_user():
            return
        dialog = ReasonDialog("差戻し", f"{row.name} の提出を差し戻します。理由は部署に渡す差戻し通知に書かれ、"
                              "操作履歴に残ります。", self, ok_text="差し戻す")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        out = self.dialogs.save_file(self, "差戻し通知の保存先", f"{self.year()}-{row.department}-差戻し通知.pdf",
                                     "PDF (*.pdf)")
        if not out:
            return
        p12 = self.dialogs.open_file(self, "署名に使う証明書（取消で署名なし）", "PKCS#12 (*.p12 *.pfx)")
        secret = self.dialogs.ask_secret(self, "証明書のパスフレーズ", "パスフレーズ:") if p12 else None
        received = next(r for r in self.workspace.store.received(self.year(), row.department))
        try:
            write_return_notice(self.workspace, received, dialog.reason(), Path(out), actor=self.user,
                                p12=Path(p12) if p12 else None, passphrase=secret.encode() if secret else None)
        except (StoreError, SigningError, OSError) as exc:
            self.dialogs.error(self, "差し戻せません", str(exc))
        self.refresh()

    # -- administration ----------------------------------------------------------------------
    def show_log(self) -> None:
        store = self.workspace.store
        LogDialog(store.log_entries(), store.verify_log,
                  lambda name: self.dialogs.save_file(self, "操作履歴の書き出し", name, "CSV (*.csv)"), self).exec()

    def add_trust_root(self) -> None:
        path = self.dialogs.open_file(self, "信頼する証明書", "証明書 (*.pem *.crt *.cer *.der)")
        if path:
            try:
                names = register_root(Path(path))
            except SigningError as exc:
                self.dialogs.error(self, "登録できません", str(exc))
                return
            self.dialogs.info(self, "登録しました", "\n".join(names))
