"""The department's self-inspection window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..domain.assessment import progress
from ..domain.vocabulary import SETTING_LAST_DEPARTMENT, SETTING_LAST_YEAR
from ..errors import AppError
from ..usecases import answering, submission
from ..usecases.answering import Checklist
from ..usecases.session import Session
from . import labels
from .appearance import resize_initially, text_width
from .assignment_actions import AssignmentActions
from .checklist_filter import FILTERS, ChecklistFilter
from .checklist_model import ITEM_ID_ROLE, STATES, ChecklistModel, state_text
from .dialogs import Dialogs
from .flow_row import FlowRow
from .item_panel import ItemPanel
from .year_context import central_text, last_year_text, plan_text

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")

class MainWindow(QMainWindow):
    """Choose 年度 and department, then answer the checklist item by item."""

    def __init__(self, session: Session, dialogs: Dialogs | None = None, user: str = "") -> None:
        super().__init__()
        self.session = session
        self.dialogs = dialogs or Dialogs()
        if user:
            session.use_user(user)
        self.user = session.user
        self.checklist: Checklist | None = None
        self.last_year: dict[str, answering.LastYear] = {}
        self.central: answering.CentralAnswers | None = None
        self.setWindowTitle(self.tr("瑞穂町 情報セキュリティ自己点検"))
        resize_initially(self, 1280, 820)
        self.model = ChecklistModel(self)
        self.proxy = ChecklistFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._fill_choices()

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)

        top = QHBoxLayout()
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(self.tr("年度"))
        self.department_combo = QComboBox()
        self.department_combo.setAccessibleName(self.tr("部署"))
        self.department_combo.setMinimumContentsLength(18)
        self.department_combo.setPlaceholderText(self.tr("部署を選んでください"))
        year_label = QLabel(self.tr("年度(&Y):"))
        year_label.setBuddy(self.year_combo)
        dep_label = QLabel(self.tr("部署(&D):"))
        dep_label.setBuddy(self.department_combo)
        self.user_button = QPushButton("")
        self.user_button.setAccessibleName(self.tr("回答者名の変更"))
        self.user_button.clicked.connect(self.change_user)
        user_label = QLabel(self.tr("回答者:"))
        user_label.setBuddy(self.user_button)
        top.addWidget(year_label)
        top.addWidget(self.year_combo)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(dep_label)
        top.addWidget(self.department_combo, 1)
        top.addStretch(1)
        top.addWidget(user_label)
        top.addWidget(self.user_button)
        outer.addLayout(top)

        prog = QHBoxLayout()
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("全体の進み具合"))
        self.progress_bar.setFormat(self.tr("回答済み %v / %m 項目（%p%）"))
        # The status of the checklist (and a return's reason, which can be long) beside the progress bar.
        self.progress_counts = QLabel("")  # 要再確認 and 記入不足 block submission: never counted as answered
        self.progress_counts.setObjectName("progressCounts")
        self.status_label = QLabel("")
        self.status_label.setObjectName("assessmentStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        prog.addWidget(self.progress_bar, 1)
        prog.addWidget(self.progress_counts)
        prog.addWidget(self.status_label, 1)
        outer.addLayout(prog)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        filters = FlowRow()
        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName(self.tr("表示する項目"))
        for key, label in FILTERS.items():
            self.filter_combo.addItem(translate("ChecklistFilter", label), key)
        # Wide enough for the choices, up to about 30 letters: a long translation must not squeeze the search box.
        choices = [self.filter_combo.itemText(i) for i in range(self.filter_combo.count())]
        longest = text_width(self.filter_combo, *choices)
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filter_combo.setMinimumContentsLength(
            min(longest // max(self.filter_combo.fontMetrics().averageCharWidth(), 1) + 1, 30))
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("検索（質問・判断基準・条項）"))
        self.search.setAccessibleName(self.tr("検索"))
        self.search.setToolTip(self.tr("Ctrl+F で検索欄へ移動します"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(text_width(self.search, "M" * 10))
        self.search.textChanged.connect(self._search_changed)
        self.next_button = QPushButton(self.tr("次の未回答(&N)"))
        self.next_button.setToolTip(self.tr("次の未回答の項目へ移動します（Ctrl+N）"))
        self.next_button.clicked.connect(self.go_next_unanswered)
        for widget in (self.filter_combo, self.search, self.next_button):  # on two lines at a large font
            filters.add(widget, stretch=widget is self.search)
        left_layout.addWidget(filters)
        self.tree = QTreeView()
        self.tree.setAccessibleName(self.tr("チェックリスト"))
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed width: sizing to contents would measure every row on each load (slow for 300 items).
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self._fit_state_column()
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        left_layout.addWidget(self.tree)
        splitter.addWidget(left)
        self.panel = ItemPanel(self._save)
        splitter.addWidget(self.panel)
        splitter.setSizes([560, 720])  # proportions: the splitter scales them to its width
        outer.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.year_combo.currentIndexChanged.connect(lambda _i: self._open_selected())
        self.department_combo.currentIndexChanged.connect(lambda _i: self._open_selected())

        for i in range(9):  # 1 … n choose the n options of the checklist's scale
            QShortcut(QKeySequence(str(i + 1)), self).activated.connect(lambda i=i: self.panel.select_rating(i))
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.go_next_unanswered)
        QShortcut(QKeySequence("Ctrl+F"), self).activated.connect(self.search.setFocus)

        self.admin_menu = self.menuBar().addMenu(self.tr("管理(&A)"))
        act = QAction(self.tr("チェックリスト・部署マスタの取込(&I)…"), self)
        act.triggered.connect(self.import_definitions)
        self.admin_menu.addAction(act)
        from .department_actions import DepartmentActions

        self.workflow = DepartmentActions(self)
        from .backup_actions import BackupActions

        self.backup_actions = BackupActions(self, self.session, self.dialogs, self.admin_menu,
                                            reload=self._fill_choices, settle=self.panel.flush)
        from .view_menu import ViewMenu

        self.view_menu = ViewMenu(self, self.dialogs)
        from .help_menu import HelpMenu

        self.help_menu = HelpMenu(self)
        self.assignments = AssignmentActions(self)  # 管理 → 担当の割り当て, the 担当 column, 自分の担当
        self.statusBar().showMessage(self.tr("データベース: {0}").format(self.session.path))
        self._update_user_button()

    def _fill_choices(self) -> None:
        self.year_combo.blockSignals(True)
        self.department_combo.blockSignals(True)
        self.year_combo.clear()
        for y in self.session.years():
            self.year_combo.addItem(labels.fiscal_year_choice(y), y)
        self.department_combo.clear()
        for d in self.session.departments():
            self.department_combo.addItem(self.tr("{0}（{1}）").format(d.name, d.body_name), d.id)
        last_year = self.session.setting(SETTING_LAST_YEAR)
        last_dep = self.session.setting(SETTING_LAST_DEPARTMENT)
        if last_year is not None and (i := self.year_combo.findData(int(last_year))) >= 0:
            self.year_combo.setCurrentIndex(i)
        else:
            self.year_combo.setCurrentIndex(self.year_combo.count() - 1)
        if last_dep is not None and (i := self.department_combo.findData(last_dep)) >= 0:
            self.department_combo.setCurrentIndex(i)
        else:
            self.department_combo.setCurrentIndex(-1)
        self.year_combo.blockSignals(False)
        self.department_combo.blockSignals(False)
        self._open_selected()

    # -- choosing -----------------------------------------------------------------------
    def select(self, department_id: str, year: int) -> None:
        """Open a department's checklist for a 年度 (as if chosen in the two boxes)."""
        self.year_combo.blockSignals(True)
        self.year_combo.setCurrentIndex(self.year_combo.findData(year))
        self.year_combo.blockSignals(False)
        self.department_combo.blockSignals(True)
        self.department_combo.setCurrentIndex(self.department_combo.findData(department_id))
        self.department_combo.blockSignals(False)
        self._open_selected()

    def _open_selected(self, keep_item: str | None = None) -> None:
        self.panel.flush()
        self.statusBar().clearMessage()
        year = self.year_combo.currentData()
        dep = self.department_combo.currentData()
        if year is None or dep is None:
            self.checklist = None
            self.model.clear()
            self.panel.show_item(None, None, None)
            self._update_progress()
            return
        try:
            self.checklist = answering.open_checklist(self.session, str(dep), int(year))
            self.session.remember(SETTING_LAST_YEAR, str(year))
            self.session.remember(SETTING_LAST_DEPARTMENT, str(dep))
        except (KeyError, AppError) as exc:
            self.dialogs.error(self, self.tr("チェックリストを開けません"), str(exc).strip("'\""))
            self.checklist = None
            self.model.clear()
            return
        self.last_year = answering.last_year(self.session, self.checklist)
        self.central = c = answering.central_answers(self.session, self.checklist)
        self.model.load(self.checklist.questionnaire, answering.answers(self.session, self.checklist),
                        (c.unit.name, c.questionnaire, c.answers) if c else None)
        self.tree.expandAll()
        self._update_progress()
        ids = self.model.item_ids()
        if keep_item is not None and self.model.item(keep_item) is not None:
            self.select_item(keep_item)
        elif ids and not self.go_next_unanswered():
            self.select_item(ids[0])  # everything answered: show the first item, never the previous checklist's
        elif not ids:
            self.panel.show_item(None, None, None)

    # -- current item -------------------------------------------------------------------
    def current_item_id(self) -> str | None:
        idx = self.tree.currentIndex()
        return None if not idx.isValid() else self.proxy.data(idx, ITEM_ID_ROLE)

    def select_item(self, item_id: str) -> None:
        source = self.model.index_of_item(item_id)
        idx = self.proxy.mapFromSource(source)
        if not idx.isValid():  # hidden by the filter: show everything again
            self.filter_combo.setCurrentIndex(0)
            self.search.clear()
            idx = self.proxy.mapFromSource(source)
        self.tree.setCurrentIndex(idx)
        self.tree.selectionModel().select(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(idx)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = self.proxy.data(current, ITEM_ID_ROLE) if current.isValid() else None
        self.proxy.pin(item_id)  # stays listed while worked on, even when its answer leaves the filter
        if item_id is None or self.checklist is None:
            self.panel.show_item(None, None, None)
            self.workflow.on_item_shown(True)
            return
        if self.model.is_central(item_id) and self.central is not None:
            c = self.central
            self.panel.show_item(c.questionnaire.item(item_id), c.questionnaire, self.model.answer(item_id),
                                 central=central_text(c.unit.name, c.status))
            self.workflow.on_item_shown(True)
            return
        q = self.checklist.questionnaire
        read_only = self.session.read_only or answering.is_frozen(self.session, self.checklist)
        answer = self.model.answer(item_id)
        self.panel.show_item(q.item(item_id), q, answer, read_only=read_only,
                             last_year=last_year_text(q, self.last_year.get(item_id), answer, self.checklist.year))
        if self.session.read_only:  # someone else holds the database
            self.panel.status.setText(self.tr("読み取り専用で開いているため、変更できません。"))
        self.workflow.on_item_shown(read_only)

    def refresh_checklist(self) -> None:
        """Read the open checklist again (after submit, reopen, carry-over ...), keeping the item."""
        current = self.current_item_id()
        self._open_selected(keep_item=current)

    def answer_changed(self, item_id: str) -> None:
        if self.checklist is None:
            return
        answer = answering.answer(self.session, self.checklist, item_id)
        if answer is not None:
            self.model.set_answer(answer)
            if item_id == self.current_item_id():
                self.panel.set_last_year(last_year_text(self.checklist.questionnaire, self.last_year.get(item_id),
                                                        answer, self.checklist.year))
        self._update_progress()

    def go_next_unanswered(self) -> bool:
        """Move to the next unanswered item; False (and a note) when there is none."""
        ids = self.model.item_ids()
        if not ids:
            return False
        current = self.current_item_id()
        start = ids.index(current) + 1 if current in ids else 0
        for item_id in ids[start:] + ids[:start]:
            a = self.model.answer(item_id)
            if a is None or not a.rating:
                self.select_item(item_id)
                return True
        self.statusBar().showMessage(self.tr("未回答の項目はありません。"), 5000)
        return False

    def _filter_changed(self, _index: int) -> None:
        self.proxy.set_mode(str(self.filter_combo.currentData()))
        self._show_a_listed_item()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._show_a_listed_item()

    def _show_a_listed_item(self) -> None:
        """After the list changed: keep the item shown if listed, else the first listed, never a heading."""
        self.tree.expandAll()
        if self.current_item_id() is not None:
            self.proxy.pin(self.current_item_id())  # listed by the new filter: kept while worked on
            return
        first = self.proxy.index(0, 0)
        while first.isValid() and self.proxy.data(first, ITEM_ID_ROLE) is None:
            first = self.tree.indexBelow(first)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        else:  # nothing listed: the panel shows nothing (Qt says nothing when the current row goes)
            self._current_changed(QModelIndex(), QModelIndex())

    # -- saving -------------------------------------------------------------------------
    def _save(self, item_id: str, field: str, value: str) -> bool | None:
        if self.checklist is None:
            return None
        if not self.user and not self.change_user():
            return None
        try:
            changed = answering.save(self.session, self.checklist, item_id, field, value)
        except answering.AnswerRejected as exc:
            self.dialogs.error(self, self.tr("保存できません"), str(exc))
            return None
        except AppError as exc:  # the database: locked, full, read-only, damaged
            self.dialogs.error(self, self.tr("保存できません"),
                               self.tr("「{0}」を保存できませんでした。入力内容は画面に残っています。").format(
                                   labels.field(field)), details=str(exc))
            return None
        if changed:
            self.answer_changed(item_id)
        return changed

    def _update_progress(self) -> None:
        if self.checklist is None:
            self.progress_bar.setMaximum(1)
            self.progress_bar.setValue(0)
            self.progress_bar.setFormat(self.tr("年度と部署を選ぶと、チェックリストが表示されます。"))
            self.status_label.setText("")
            self.progress_counts.setText("")
            return
        self.progress_bar.setFormat(self.tr("回答済み %v / %m 項目（%p%）"))
        items = list(self.checklist.questionnaire.items())
        answers = {i: a for i in self.model.item_ids() if (a := self.model.answer(i)) is not None}
        p = progress(items, answers, self.checklist.questionnaire, self.checklist.year)
        self.progress_bar.setMaximum(max(p.total, 1))
        self.progress_bar.setValue(p.answered)
        self.progress_counts.setText(self.tr("要再確認 {0}　記入不足 {1}　未回答 {2}").format(
            p.review, p.incomplete, p.unanswered))
        line = submission.status_line(self.session, self.checklist)
        text = self.tr("状態: {0}").format(labels.assessment_status(line.status))
        if line.version is not None and line.status == "submitted":
            text += self.tr("（第{0}版、承認 {1}）").format(line.version, line.approver_name)
        if line.return_reason:
            text += self.tr("　差戻し: {0}").format(line.return_reason)
        plan = plan_text(self.checklist)
        self.status_label.setText(f"{text}\n{plan}" if plan else text)

    # -- the person answering -----------------------------------------------------------
    def _update_user_button(self) -> None:
        self.user_button.setText(self.user or self.tr("（未設定）"))

    def change_user(self) -> bool:
        name = self.dialogs.ask_text(self, self.tr("回答者の名前"),
                                     self.tr("回答者の名前を入力してください（変更の記録に残ります）:"), self.user)
        if not name:
            return False
        self.user = name
        self.session.remember_user(name)
        self._update_user_button()
        return True

    # -- administration -----------------------------------------------------------------
    def import_definitions(self) -> None:
        from ..usecases.administration import ValidationFailed, definition_message, install_definition  # not at start

        path = self.dialogs.open_file(self, self.tr("チェックリストまたは部署マスタを選ぶ"),
                                      "YAML, OSCAL (*.yaml *.yml *.json)")
        if not path:
            return
        try:
            got = install_definition(Path(path), self.session)
        except ValidationFailed as exc:
            self.dialogs.error(self, self.tr("取り込めません"), self.tr(
                "ファイルに問題が {0} 件あります。何も変更していません。").format(len(exc.problems)),
                               details="\n".join(str(p) for p in exc.problems))
            return
        except (AppError, OSError) as exc:
            self.dialogs.error(self, self.tr("取り込めません"),
                               self.tr("ファイルを読めません。何も変更していません。\n{0}").format(exc))
            return
        texts = {"departments": self.tr("部署マスタ（版 {0}、{1} 部署）を取り込みました。").format(
                     got.version, got.count),
                 "questionnaire": self.tr("チェックリスト「{0}」（版 {1}）を取り込みました。").format(
                     got.title, got.version),
                 "mapping": self.tr("項目の対応表を取り込みました。"),
                 "changes": self.tr("組織改正の対応表を取り込みました。"),
                 "themes": self.tr("{0}のテーマの割当てを取り込みました（テーマのある部署 {1}）。").format(
                     labels.fiscal_year(got.year), got.count)}
        self.dialogs.info(self, self.tr("取込"), texts.get(got.kind) or definition_message(got))
        self._fill_choices()

    # -- font size ----------------------------------------------------------------------
    def _fit_state_column(self) -> None:
        """The status column as wide as its longest text in the current font (it has a fixed width)."""
        width = text_width(self.tree, "999 / 999", *(state_text(s) for s in STATES))
        self.tree.header().resizeSection(1, width + self.tree.fontMetrics().averageCharWidth() * 6)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # 表示 → 文字の大きさ
            self._fit_state_column()

    # -- closing ------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.flush()
        super().closeEvent(event)
