"""The validated catalog is cached between starts (issue 19), and the window starts without the heavy libraries.

The cache may only save time: a changed file is read and validated again, a broken file is refused exactly
as without the cache, and a damaged cache file is ignored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mizuho_audit.questionnaires.catalog_cache import cache_file, load_catalog_cached
from mizuho_audit.questionnaires.problems import ValidationFailed

from .conftest import ROOT


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _question(catalog: object, item_id: str) -> str:
    [q] = catalog.questionnaires  # type: ignore[attr-defined]
    return next(it.question for it in q.items() if it.id == item_id)


def _first_item(folder: Path) -> tuple[str, str]:
    """(id, question) of the mini checklist's first item, as written in the file."""
    lines = (folder / "mini-2026.yaml").read_text(encoding="utf-8").splitlines()
    item_id = next(line.split(":", 1)[1].strip() for line in lines if line.strip().startswith("- id: ORG-"))
    question = next(line.split(":", 1)[1].strip() for line in lines if line.strip().startswith("question:"))
    return item_id, question


def test_second_load_comes_from_the_cache_and_equals_the_validated_catalog(mini_dir: Path, tmp_path: Path) -> None:
    town = tmp_path / "town"
    first = load_catalog_cached(mini_dir, town)
    assert cache_file(mini_dir, town).is_file()
    second = load_catalog_cached(mini_dir, town)
    assert second == first and second is not first


def test_a_changed_file_is_read_again(mini_dir: Path, tmp_path: Path) -> None:
    town = tmp_path / "town"
    item_id, question = _first_item(mini_dir)
    assert _question(load_catalog_cached(mini_dir, town), item_id) == question
    _edit(mini_dir / "mini-2026.yaml", question, "変更した質問文ですか。")
    assert _question(load_catalog_cached(mini_dir, town), item_id) == "変更した質問文ですか。"


def test_a_town_copy_added_later_is_seen(mini_dir: Path, tmp_path: Path) -> None:
    town = tmp_path / "town"
    item_id, question = _first_item(mini_dir)
    load_catalog_cached(mini_dir, town)
    town.mkdir()
    (town / "mini-2026.yaml").write_text((mini_dir / "mini-2026.yaml").read_text(encoding="utf-8").replace(
        question, "町の版の質問文ですか。", 1), encoding="utf-8")
    assert _question(load_catalog_cached(mini_dir, town), item_id) == "町の版の質問文ですか。"


def test_a_file_broken_after_caching_is_still_refused(mini_dir: Path, tmp_path: Path) -> None:
    town = tmp_path / "town"
    load_catalog_cached(mini_dir, town)
    _edit(mini_dir / "mini-2026.yaml", "importance: 低", "importance: 最高")
    with pytest.raises(ValidationFailed) as info:
        load_catalog_cached(mini_dir, town)
    assert any("最高" in str(p) or "importance" in str(p) for p in info.value.problems)
    with pytest.raises(ValidationFailed):  # and again: a failing catalog is never cached
        load_catalog_cached(mini_dir, town)


@pytest.mark.parametrize("damage", [b"", b"not a cache at all", "truncate"])
def test_a_damaged_cache_is_ignored_and_replaced(mini_dir: Path, tmp_path: Path, damage: bytes | str) -> None:
    town = tmp_path / "town"
    good = load_catalog_cached(mini_dir, town)
    path = cache_file(mini_dir, town)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage == "truncate" else damage)  # type: ignore[operator]
    assert load_catalog_cached(mini_dir, town) == good
    assert path.read_bytes() == data  # rewritten whole


def _run(code: str, data_dir: Path) -> dict[str, bool]:
    env = dict(os.environ, MIZUHO_AUDIT_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


HEAVY = ("reportlab", "pyhanko", "aiohttp", "openpyxl", "cryptography", "matplotlib", "jsonschema", "yaml")


def test_the_window_modules_do_not_import_the_heavy_libraries(tmp_path: Path) -> None:
    """What ``mizuho-audit`` needs to start the window (its command line parsed, then the window's modules); the
    PDF, signing and Excel code is imported when an action runs."""
    code = ("import json, sys\n"
            "from mizuho_audit.cli.parser import build_parser\n"
            "build_parser().parse_args([])\n"
            "import mizuho_audit.app, mizuho_audit.ui.main_window, mizuho_audit.ui.department_actions\n"
            f"print(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))")
    assert _run(code, tmp_path / "data") == dict.fromkeys(HEAVY, False)


def test_a_second_start_reads_no_questionnaire_file(tmp_path: Path) -> None:
    """With the cache warm, opening the workspace parses no YAML and validates no schema."""
    code = ("import json, sys\nfrom pathlib import Path\nfrom mizuho_audit.services.workspace import Workspace\n"
            f"Workspace.open(Path({str(tmp_path / 'w.db')!r})).close()\n"
            "print(json.dumps({m: m in sys.modules for m in ('yaml', 'jsonschema')}))")
    assert _run(code, tmp_path / "data") == {"yaml": True, "jsonschema": True}  # the first start validates
    assert _run(code, tmp_path / "data") == {"yaml": False, "jsonschema": False}


@pytest.mark.parametrize("argv", [["--role", "bogus"], ["--db"], ["--lang", "xx"]])
def test_a_mistake_in_the_windows_options_is_answered_by_the_whole_parser(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """``mizuho-audit [--db P] ...`` reads its options without building every command (a quicker start); a
    mistake in them still gets the usual usage message and exit code 2, and no window."""
    from mizuho_audit.cli.main import run

    with pytest.raises(SystemExit) as info:
        run(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "mizuho-audit" in err and argv[0] in err
