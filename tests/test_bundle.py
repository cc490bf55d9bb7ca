"""The self-test, in process (always) and inside the PyInstaller bundle (MIZUHO_AUDIT_TEST_BUNDLE=1).

The bundle test builds ``build.spec`` into a temporary folder (about a minute) and runs the built
programs the way an installer would: the self-test executable, then one CLI command.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from mizuho_audit.selftest import CHECKS, run_self_test

ROOT = Path(__file__).resolve().parent.parent
EXE_SUFFIX = ".exe" if os.name == "nt" else ""


def _assert_all_ok(lines: list[str]) -> None:
    for label, _check in CHECKS:
        assert any(line.startswith(f"OK  {label}:") for line in lines), f"{label}: not OK in\n" + "\n".join(lines)
    assert not [line for line in lines if line.startswith("NG")]
    assert "結果: OK" in lines[-1]


def _leftovers() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("mizuho-audit-selftest-*"))


def test_self_test_passes_in_process(qapp: QApplication, tmp_path: Path) -> None:
    lines: list[str] = []
    data_dir = os.environ["MIZUHO_AUDIT_DATA_DIR"]  # conftest: tmp_path / "userdata"
    before = _leftovers()
    assert run_self_test(out=lines.append) == 0
    _assert_all_ok(lines)
    assert len(lines) == len(CHECKS) + 2  # heading, one line per check, summary
    assert not Path(data_dir).exists()  # the user's data folder was never written
    assert os.environ["MIZUHO_AUDIT_DATA_DIR"] == data_dir
    assert _leftovers() == before  # its temporary folder is gone


def test_a_failing_check_makes_the_result_ng(qapp: QApplication, monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.setattr("mizuho_audit.paths.shipped_questionnaires_dir", lambda: tmp_path / "missing")
    lines: list[str] = []
    assert run_self_test(out=lines.append) == 1
    assert lines[1].startswith("NG  チェックリストと部署マスタの読み込み: フォルダがありません")
    assert any(line.startswith("OK  フォントとライセンス文書") for line in lines)  # independent checks still run
    assert lines[-1].startswith("結果: NG")


@pytest.mark.bundle
@pytest.mark.skipif(os.environ.get("MIZUHO_AUDIT_TEST_BUNDLE") != "1",
                    reason="builds the bundle (about a minute): set MIZUHO_AUDIT_TEST_BUNDLE=1")
def test_built_bundle_passes_its_self_test(tmp_path: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(tmp_path / "dist"),
         "--workpath", str(tmp_path / "build"), str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    bundle = tmp_path / "dist" / f"mizuho-audit-{version}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MIZUHO_AUDIT_DATA_DIR": str(tmp_path / "userdata")}

    # scripts/selftest_entry.py writes UTF-8 wherever the output goes.
    result = subprocess.run([str(bundle / f"mizuho-audit-selftest{EXE_SUFFIX}")], env=env, capture_output=True,
                            text=True, encoding="utf-8", timeout=120, check=False)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_all_ok(lines)
    assert "同梱版" in lines[0]  # it really ran frozen, with the bundle's own data

    cli = subprocess.run([str(bundle / f"mizuho-audit-cli{EXE_SUFFIX}"), "questionnaire", "validate"], env=env,
                         capture_output=True, text=True, timeout=120, check=False)  # the system's encoding
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert "問題はありません" in cli.stdout
    assert (bundle / f"mizuho-audit{EXE_SUFFIX}").is_file()

    shipped = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*")}
    for needed in ("resources/fonts/ipaexg.ttf", "resources/fonts/mizuho-stamp-gothic.ttf",
                   "resources/fonts/IPA_Font_License_Agreement_v1.0.txt", "questionnaires/departments.yaml"):
        assert any(p.endswith(needed) for p in shipped), needed
    trimmed = [p for p in shipped if any(m in p for m in ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt6VirtualKeyboard"))]
    assert not trimmed
    assert not (tmp_path / "userdata").exists()
