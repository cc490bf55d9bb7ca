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


@pytest.fixture(scope="module")
def town_ca(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A town CA (``ca/``) and 住民課長 瑞穂 太郎's certificate (``taro.p12``), for the submission tests."""
    from mizuho_audit.services.signing import ca

    d = tmp_path_factory.mktemp("ca")
    ca.init_ca(d / "ca", b"ca-passphrase")
    ca.issue_certificate(d / "ca", b"ca-passphrase", name="瑞穂 太郎", title="住民課長", department="住民課",
                         out_p12=d / "taro.p12", p12_passphrase=b"p12-passphrase")
    return d
