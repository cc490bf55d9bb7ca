"""The core and the command line in English (``--lang en``) and in Japanese (the default, the source text)."""

from __future__ import annotations

import importlib.util
import json
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from mizuho_audit import i18n
from mizuho_audit.cli import run
from mizuho_audit.i18n import _
from mizuho_audit.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
# Hiragana, katakana, CJK ideographs, Japanese punctuation and full-width forms.
JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture(autouse=True)
def _back_to_japanese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts and ends in the default language, whatever it switched to."""
    monkeypatch.delenv("MIZUHO_AUDIT_LANG", raising=False)
    monkeypatch.delenv("MIZUHO_AUDIT_STRETCH", raising=False)
    i18n.set_language(None)
    yield
    i18n.set_language(None)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", "audit-secret-1")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _japanese_in(text: str, *data: str) -> list[str]:
    """The lines of ``text`` with Japanese left once the given data (names, file names) is taken out."""
    found = []
    for line in text.splitlines():
        rest = line
        for d in data:
            rest = rest.replace(d, "")
        if JAPANESE.search(rest):
            found.append(line)
    return found


def _translations_script() -> ModuleType:
    pytest.importorskip("polib")
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the catalogue ------------------------------------------------------------------------------


def test_the_english_catalogue_is_complete_and_current(capsys: pytest.CaptureFixture[str]) -> None:
    script = _translations_script()
    assert script.check() == 0, capsys.readouterr().out  # every message has English; the .mo is built from the .po
    import polib

    po = polib.pofile(str(script.PO))
    assert len([e for e in po if not e.obsolete]) == len(script.core_messages())


def test_every_translation_keeps_the_placeholders() -> None:
    script = _translations_script()
    import polib

    def fields(text: str) -> list[tuple[str, str | None]]:
        return sorted((name, conversion) for _lit, name, _spec, conversion in string.Formatter().parse(text)
                      if name is not None)

    for entry in polib.pofile(str(script.PO)):
        if "「{」" in entry.msgid:  # braces meant literally: the message is never formatted
            continue
        assert fields(entry.msgstr) == fields(entry.msgid), entry.msgid


def test_importing_the_translations_does_not_import_qt() -> None:
    code = ("import sys, mizuho_audit.i18n, mizuho_audit.cli; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


# -- choosing the language ----------------------------------------------------------------------


def test_lang_option_then_environment_then_japanese(env: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    broken = env / "broken.yaml"
    broken.write_text("format: mizuho-audit/questionnaire@1\nid: x\n  bad: [\n", encoding="utf-8")
    assert run(["questionnaire", "validate", str(broken)]) == 1
    assert "YAMLとして読めません" in capsys.readouterr().err
    monkeypatch.setenv("MIZUHO_AUDIT_LANG", "en")
    assert run(["questionnaire", "validate", str(broken)]) == 1
    assert "Cannot read it as YAML" in capsys.readouterr().err
    assert run(["--lang", "ja", "questionnaire", "validate", str(broken)]) == 1  # --lang wins
    assert "YAMLとして読めません" in capsys.readouterr().err
    monkeypatch.setenv("MIZUHO_AUDIT_LANG", "fr")  # not offered: Japanese
    assert run(["questionnaire", "validate", str(broken)]) == 1
    assert "YAMLとして読めません" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        run(["--lang", "fr", "questionnaire", "validate", str(broken)])
    assert info.value.code == 2


def test_lang_is_a_global_option_and_other_values_do_not_confuse_it(env: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    broken = env / "broken.yaml"
    broken.write_text("a: [\n", encoding="utf-8")
    assert run(["--db", str(env / "x.db"), "--lang", "en", "--user", "tester", "questionnaire", "validate",
                str(broken)]) == 1
    assert "Cannot read it as YAML" in capsys.readouterr().err
    # A global option means the same after the subcommand (the language is read before the parser is built).
    assert run(["questionnaire", "validate", "--lang", "en", str(broken)]) == 1
    assert "Cannot read it as YAML" in capsys.readouterr().err


# -- the same runs in both languages ------------------------------------------------------------


def test_validate_a_broken_checklist(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = env / "壊れたチェックリスト.yaml"
    broken.write_text("format: mizuho-audit/questionnaire@1\nid: x\nversion: 1\n  title: [\n", encoding="utf-8")
    assert run(["--lang", "en", "questionnaire", "validate", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "Cannot read it as YAML" in err and "1 problem(s) found." in err
    assert _japanese_in(err, str(broken)) == []
    assert run(["questionnaire", "validate", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "YAMLとして読めません" in err and "問題が 1 件あります。" in err


def test_validate_a_checklist_with_schema_problems(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / "questionnaires" / "jikotenken-2026.yaml").read_text(encoding="utf-8")
    edited = env / "q.yaml"
    edited.write_text(text.replace('version: "2026.1"', 'version: "2026.1"\nunknown_key: 1', 1), encoding="utf-8")
    assert run(["--lang", "en", "questionnaire", "validate", str(edited)]) == 1
    err = capsys.readouterr().err
    assert "Unknown key: unknown_key (check the spelling)." in err
    assert _japanese_in(err) == []
    assert run(["questionnaire", "validate", str(edited)]) == 1
    assert "知らない項目名です: unknown_key（綴りを確認してください）。" in capsys.readouterr().err


def _department_db(path: Path) -> None:
    """A department's database with two items answered: the checklist is incomplete."""
    ws = Workspace.open(path, role="department")
    cl = ws.checklist("jumin", 2026)
    first, second = list(cl.questionnaire.items())[:2]
    ws.save(cl, first.id, "rating", "done", "tester")
    ws.save(cl, second.id, "rating", "partial", "tester")
    ws.close()


def test_submit_an_incomplete_checklist(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _department_db(env / "dept.db")
    submit = ["--db", str(env / "dept.db"), "submit", "--department", "jumin", "--year", "2026",
              "--approver-name", "瑞穂 太郎", "--approver-title", "住民課長"]
    assert run(["--lang", "en", *submit]) == 1
    err = capsys.readouterr().err
    assert re.search(r"Error: \d+ item\(s\) are incomplete\.", err)
    assert "improvement plan, due date of the plan" in err  # the 一部実施 answer lacks its plan
    assert _japanese_in(err) == []
    assert run(submit) == 1
    err = capsys.readouterr().err
    assert re.search(r"エラー: 未完了の項目が \d+ 件あります。", err)
    assert "改善計画の内容、改善計画の期限" in err


def test_a_refused_import(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = env / "提出.json"
    bogus.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    auditor = ["--db", str(env / "audit.db"), "--role", "auditor", "import", str(bogus)]
    assert run(["--lang", "en", *auditor]) == 1
    out = capsys.readouterr().out
    assert "[refused] 提出.json: this is not a self-inspection submission file." in out
    assert "0 imported, 0 unchanged, 0 to confirm, 1 refused" in out
    assert _japanese_in(out, bogus.name) == []
    assert run(auditor) == 1
    out = capsys.readouterr().out
    assert "[拒否] 提出.json: 自己点検の提出ファイルではありません。" in out
    assert "取込 0、変更なし 0、要確認 0、拒否 1" in out


def test_an_auditors_command_on_a_departments_database(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _department_db(env / "dept.db")
    assert run(["--lang", "en", "--db", str(env / "dept.db"), "status", "--year", "2026"]) == 1
    err = capsys.readouterr().err
    assert "works only on an auditor's database" in err and _japanese_in(err) == []


def test_status_board_in_english_keeps_department_names(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--lang", "en", "--db", str(env / "audit.db"), "--role", "auditor", "status", "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "住民課\tnot submitted" in out  # the department's name is data; its status is a message
    assert out.splitlines()[-1].startswith("not submitted ")
    assert run(["--db", str(env / "audit.db"), "status", "--year", "2026"]) == 0
    assert "住民課\t未提出" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--help"], ["questionnaire", "--help"], ["submit", "--help"],
                                  ["backup", "--help"], ["findings", "--help"]])
def test_help_in_english(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(["--lang", "en", *argv])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: mizuho-audit") and _japanese_in(out) == []
    with pytest.raises(SystemExit):
        run(argv)
    assert JAPANESE.search(capsys.readouterr().out)


def test_help_says_documents_stay_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["--lang", "en", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "Mizuho Town information-security self-inspection and audit tool" in out
    assert "Documents written are always in Japanese" in out


def test_documents_stay_japanese_in_english(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _department_db(env / "dept.db")
    assert run(["--lang", "en", "--db", str(env / "dept.db"), "log", "export", "--out", str(env / "log.csv")]) == 0
    assert capsys.readouterr().out.startswith("Operation log written to:")
    header = (env / "log.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "番号,日時,操作者,役割,操作,操作コード,対象,内容,直前のハッシュ,ハッシュ"  # one writer for both


# -- the core on its own ------------------------------------------------------------------------


def test_an_exception_raised_in_english_is_english(tmp_path: Path) -> None:
    from mizuho_audit.services.submission.workflow import Approver, WorkflowError
    from mizuho_audit.storage.connection import StoreError
    from mizuho_audit.storage.repository import Store

    i18n.set_language("en")
    with pytest.raises(WorkflowError) as info:
        Approver("", "", "2026-11-20").validate()
    assert str(info.value) == "Enter the approver's name and title."
    (tmp_path / "folder.db").mkdir()
    with pytest.raises(StoreError) as store_info:
        Store.open(tmp_path / "folder.db")
    assert str(store_info.value).startswith("A folder cannot be opened as a database:")
    i18n.set_language("ja")
    with pytest.raises(WorkflowError) as info:
        Approver("", "", "2026-11-20").validate()
    assert str(info.value) == "承認者の氏名と職名を入力してください。"


def test_os_reasons_follow_the_language() -> None:
    from mizuho_audit.oserrors import os_reason

    missing = FileNotFoundError(2, "No such file or directory", "x.json")
    assert os_reason(missing).startswith("ファイルが見つかりません")
    i18n.set_language("en")
    assert os_reason(missing) == "the file was not found; it may have been moved or deleted"


def test_placeholders_are_filled_in_both_languages() -> None:
    from mizuho_audit.services.submission.workflow import describe_missing

    missing = [("ORG-001", ["rating"]), ("ORG-002", ["plan_content", "plan_due", "needs_review"])]
    assert describe_missing(missing, limit=1) == "ORG-001: 評価\nほか 1 件"
    i18n.set_language("en")
    assert describe_missing(missing) == ("ORG-001: rating\nORG-002: improvement plan, due date of the plan, "
                                         "confirmation of the answer carried over (needs review)")
    assert describe_missing(missing, limit=1) == "ORG-001: rating\nand 1 more"


def test_stretch_makes_every_message_longer(monkeypatch: pytest.MonkeyPatch, env: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("ja", "en"):
        i18n.set_language(lang)
        plain = _("パスフレーズが違います。")
        monkeypatch.setenv("MIZUHO_AUDIT_STRETCH", "1")
        stretched = _("パスフレーズが違います。")
        monkeypatch.delenv("MIZUHO_AUDIT_STRETCH")
        assert len(stretched) > len(plain) and stretched.startswith(plain)
    bogus = env / "bogus.json"
    bogus.write_text("{}", encoding="utf-8")
    auditor = ["--lang", "en", "--db", str(env / "audit.db"), "--role", "auditor", "import", str(bogus)]
    assert run(auditor) == 1
    plain_out = capsys.readouterr().out
    monkeypatch.setenv("MIZUHO_AUDIT_STRETCH", "1")
    assert run(auditor) == 1
    stretched_out = capsys.readouterr().out
    assert len(stretched_out) > len(plain_out)
    assert "this is not a self-inspection submission file." in stretched_out
