"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "questionnaires"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MIZUHO_AUDIT_DATA_DIR", str(tmp_path / "userdata"))
    yield
    from mizuho_audit.logs import close_logging

    close_logging()


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A questionnaire folder with the shipped policy and master and the small test checklist."""
    d = tmp_path / "q"
    d.mkdir()
    shutil.copy(SHIPPED / "policy.yaml", d)
    shutil.copy(SHIPPED / "departments.yaml", d)
    shutil.copy(FIXTURES / "mini" / "mini-2026.yaml", d)
    return d


@pytest.fixture
def workspace(tmp_path: Path, mini_dir: Path) -> Iterator[object]:
    from mizuho_audit.services.workspace import Workspace

    ws = Workspace.open(tmp_path / "test.db", shipped_dir=mini_dir, town_dir=tmp_path / "town")
    yield ws
    ws.close()
