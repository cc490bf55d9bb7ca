"""The house rules hold, and the import-linter contracts that state them would catch a break."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_contracts_are_kept() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("ui/main_window.py", "from ..storage.repository import Store", "never touch the store"),
    ("cli/intake.py", "from ..services.intake import intake as _direct", "never touch the store"),
    ("usecases/findings.py", "from PySide6 import QtCore", "No Qt below the window"),
    ("services/findings/findings.py", "import sqlite3", "No SQL outside storage"),
    ("storage/repository.py", "from ..services import workspace as _up", "Layers"),
])
def test_a_broken_rule_is_caught(tmp_path: Path, module: str, line: str, contract: str) -> None:
    shutil.copytree(ROOT / "mizuho_audit", tmp_path / "mizuho_audit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "mizuho_audit" / module
    text = target.read_text(encoding="utf-8")
    # After the module docstring and the __future__ import, like any other import.
    text = re.sub(r"(from __future__ import annotations\n)", r"\1" + line + "\n", text, count=1)
    target.write_text(text, encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and contract in result.stdout.replace("\n", " ")


def test_front_ends_name_no_store() -> None:
    """No attribute path into the store from the window or the command line (what import rules cannot see)."""
    found = []
    for path in [*(ROOT / "mizuho_audit" / "ui").rglob("*.py"), *(ROOT / "mizuho_audit" / "cli").rglob("*.py"),
                 ROOT / "mizuho_audit" / "app.py"]:
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"\.store\b|\.conn\b|\.workspace\.", text):
                found.append(f"{path.relative_to(ROOT)}:{n}: {text.strip()}")
    assert found == []


def test_every_logged_action_has_its_name_in_the_exported_log_and_the_window() -> None:
    """An action written to the operation log without a name would reach the auditor's exported log and the
    log window as a raw code (``signer_added``); the two tables of names list the same actions."""
    from mizuho_audit.domain.vocabulary import LOG_ACTIONS
    from mizuho_audit.ui.log_dialog import ACTION_LABELS

    call = re.compile(r"\blog\(\s*[^,()]+,\s*\"([a-z_]+)\"|_log\(\s*[^,()]+,\s*[^,()]+,\s*\"([a-z_]+)\"")
    sources = [path.read_text() for path in (ROOT / "mizuho_audit").rglob("*.py")]
    logged = {m.group(1) or m.group(2) for text in sources for m in call.finditer(text)}
    assert len(logged) > 25  # the pattern still finds the calls
    assert sorted(logged - set(LOG_ACTIONS)) == []
    assert set(ACTION_LABELS) == set(LOG_ACTIONS)
