"""Themed sets (テーマ) the auditor adds to a 年度 for chosen departments: on the command line as the README
documents it, and in the auditor's window; a department takes the auditor's file in (command line and
window) and then answers the theme's items. Refusals change nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mizuho_audit.cli import run
from mizuho_audit.questionnaires.catalog import load_catalog
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.ui.auditor_window import AuditorWindow
from mizuho_audit.ui.main_window import MainWindow
from mizuho_audit.ui.themes_dialog import ThemesDialog
from mizuho_audit.usecases.session import Session

from .auditor_setup import AUDITOR_PASSPHRASE
from .conftest import SHIPPED
from .test_auditor_window import AuditorDialogs
from .test_window import FakeDialogs

YEAR = 2026


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    return tmp_path


def _asked(db: Path, department: str) -> tuple[set[str], tuple[str, ...]]:
    ws = Workspace.open(db)
    try:
        cl = ws.checklist(department, YEAR)
        return {it.id for it in cl.questionnaire.items()}, cl.themes
    finally:
        ws.close()


def _theme_items(department: str, theme: str) -> set[str]:
    """The theme's items that apply to the department (what the theme adds at most)."""
    catalog = load_catalog(SHIPPED)
    q = catalog.for_year(YEAR)
    assert q is not None
    traits = catalog.master.get(department).traits
    return {i for i in q.theme(theme).items if q.applies(q.item(i), traits)}


def test_themes_on_the_command_line(env: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(env)
    aud = ["--db", str(env / "audit.db"), "--role", "auditor", "--user", "監査 一郎"]
    dept = ["--db", str(env / "dept.db"), "--user", "瑞穂 花子"]
    plain, _none = _asked(env / "dept.db", "zeimu")
    assert run([*aud, "themes", "assign", "--year", "2026", "--theme", "outsourcing",
                "--department", "zeimu", "daiichi_sho"]) == 0
    out = capsys.readouterr().out
    assert "テーマを加えました（2 件）" in out and "税務課（zeimu）: 業務委託" in out

    # Over the year's limits (66 items, 180 minutes): refused, nothing changed.
    assert run([*aud, "themes", "assign", "--year", "2026", "--theme", "outsourcing", "cloud",
                "--department", "korei"]) == 1
    err = capsys.readouterr().err
    assert "高齢者福祉課" in err and "上限（66 項目・180 分）を超えます" in err and "何も変更していません" in err
    assert run([*aud, "themes", "assign", "--year", "2026", "--theme", "no_such", "--department", "zeimu"]) == 1
    assert "no_such" in capsys.readouterr().err
    assert run([*aud, "themes", "list", "--year", "2026"]) == 0
    listed = capsys.readouterr().out
    assert "2026年度: 毎年の項目と A 群" in listed and "高齢者福祉課" not in listed
    assert run([*aud, "themes", "remove", "--year", "2026", "--theme", "outsourcing",
                "--department", "daiichi_sho"]) == 0
    assert "テーマを外しました（1 件）" in capsys.readouterr().out

    # The department's database: not the auditor's to decide; it takes the auditor's file in.
    assert run([*dept, "themes", "assign", "--year", "2026", "--theme", "cloud", "--department", "zeimu"]) != 0
    assert "監査担当用のデータベース" in capsys.readouterr().err
    assert run([*aud, "themes", "export", "--year", "2026", "--out", "themes-2026.yaml"]) == 0
    assert "themes-2026.yaml" in capsys.readouterr().out
    assert run([*dept, "questionnaire", "import", "themes-2026.yaml"]) == 0
    assert "2026年度のテーマの割当てを取り込みました（テーマのある部署 1、変更 1 件）" in capsys.readouterr().out
    ids, chosen = _asked(env / "dept.db", "zeimu")
    assert chosen == ("outsourcing",) and ids - plain and ids - plain <= _theme_items("zeimu", "outsourcing")
    assert _asked(env / "dept.db", "daiichi_sho")[1] == ()

    # A file for a unit over the limits is refused as a whole by the department's database too.
    bad = env / "bad.yaml"
    bad.write_text((env / "themes-2026.yaml").read_text(encoding="utf-8").replace(
        "zeimu: [outsourcing]", "zeimu: [outsourcing]\n  korei: [outsourcing, cloud]"), encoding="utf-8")
    assert run([*dept, "questionnaire", "import", str(bad)]) == 1
    assert "高齢者福祉課" in capsys.readouterr().err
    assert _asked(env / "dept.db", "korei")[1] == ()


@pytest.fixture
def auditor(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "audit.db", role="auditor", passphrase=AUDITOR_PASSPHRASE)
    yield ws
    ws.close()


def _column(dialog: ThemesDialog, theme: str) -> int:
    return dialog.model.FIRST_THEME + [t.id for t in dialog.model.plan.themes].index(theme)


def _row(dialog: ThemesDialog, department: str) -> int:
    return [d.id for d in dialog.model.plan.departments].index(department)


def _tick(dialog: ThemesDialog, department: str, theme: str, on: bool = True) -> None:
    index = dialog.model.index(_row(dialog, department), _column(dialog, theme))
    assert dialog.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
    assert dialog.model.setData(index, state, Qt.ItemDataRole.CheckStateRole)


def test_themes_in_the_auditors_window_reach_the_departments_window(auditor: Workspace, tmp_path: Path,
                                                                     qtbot: QtBot, qtmodeltester: Any) -> None:
    dialogs = AuditorDialogs()
    opened: list[ThemesDialog] = []
    dialogs.exec = lambda dialog: opened.append(dialog) or 0  # type: ignore[method-assign]
    w = AuditorWindow(Session(auditor), dialogs, user="監査 一郎")
    qtbot.addWidget(w)
    w.year_combo.setCurrentIndex(w.year_combo.findData(YEAR))
    next(a for a in w.findChildren(QAction) if "年度のテーマ" in a.text()).trigger()  # 管理 → 年度のテーマ
    dialog = opened[0]
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert "令和8年度は毎年の項目と A 群を尋ねます" in dialog.findChildren(QLabel)[0].text()
    # Ticking shows the department's load at once; a unit over the limits shows red and cannot be saved.
    row = _row(dialog, "jumin")
    before = int(dialog.model.data(dialog.model.index(row, 1)))
    _tick(dialog, "jumin", "counter")
    assert int(dialog.model.data(dialog.model.index(row, 1))) > before and not dialog.model.over("jumin")
    _tick(dialog, "korei", "outsourcing")
    _tick(dialog, "korei", "cloud")
    korei = dialog.model.index(_row(dialog, "korei"), 1)
    assert dialog.model.over("korei") and dialog.model.data(korei, Qt.ItemDataRole.ForegroundRole) is not None
    assert not dialog.save()
    assert "高齢者福祉課" in dialogs.errors[-1][1] and auditor.store.theme_assignments(YEAR) == {}
    _tick(dialog, "korei", "outsourcing", on=False)
    assert not dialog.model.over("korei")
    assert dialog.save() and auditor.store.theme_assignments(YEAR) == {"jumin": ("counter",), "korei": ("cloud",)}
    assert auditor.store.log_entries()[-1].action == "themes_assigned"
    # The departments' file, written from the dialog.
    dialogs.save_path = str(tmp_path / "themes-2026.yaml")
    dialog.export()
    assert (tmp_path / "themes-2026.yaml").exists() and "themes-2026.yaml" in dialogs.infos[-1]
    w.close()

    # A 課 takes the file in from its window (管理 → チェックリスト・部署マスタの取込) and answers the theme too.
    dept = Workspace.open(tmp_path / "dept.db")
    d_dialogs = FakeDialogs()
    d_dialogs.file = str(tmp_path / "themes-2026.yaml")
    mw = MainWindow(Session(dept), d_dialogs)
    qtbot.addWidget(mw)
    mw.select("jumin", YEAR)
    before_ids = set(mw.model.item_ids())
    mw.import_definitions()
    assert d_dialogs.errors == [] and "テーマの割当てを取り込みました（テーマのある部署 2）" in d_dialogs.infos[-1]
    mw.select("jumin", YEAR)
    added = set(mw.model.item_ids()) - before_ids
    assert added and "テーマ「窓口での個人情報の取扱い」" in mw.status_label.text()
    mw.close()
    dept.close()
