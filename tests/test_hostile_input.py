"""Hostile and broken input: every file a user (or an attacker) can hand the app gets a clear Japanese
message naming the file, and the store is left exactly as it was.

Each test is one row of the table in docs/reliability.md. "Unchanged" is checked on a full SQL dump of
the database (and, for checklists, on the town's folder), before and after.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from mizuho_audit.questionnaires import yamlsafe
from mizuho_audit.questionnaires.catalog import import_departments, import_questionnaire
from mizuho_audit.questionnaires.problems import ValidationFailed
from mizuho_audit.services.answering.evidence import MAX_ATTACHMENT_BYTES, EvidenceError, attach, save_copy
from mizuho_audit.services.findings.result_notice import RESULT_FILE, write_result_notice
from mizuho_audit.services.intake.intake import import_submission
from mizuho_audit.services.intake.trust_checks import ImportOptions
from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.signing import SigningError, attach_file, embedded_files, load_certificates, sign_pdf
from mizuho_audit.services.submission import excel_template as xt
from mizuho_audit.services.submission.excel_template import TemplateError, write_template
from mizuho_audit.services.submission.excel_template_checklist import import_template_into_checklist
from mizuho_audit.services.submission.notice import (
    NOTICE_FILE,
    NOTICE_FORMAT,
    NoticeError,
    import_any_notice,
    write_return_notice,
)
from mizuho_audit.services.submission.submission import (
    EMBEDDED_NAME,
    SIGNATURE_FIELD,
    SubmissionFileError,
    export_submission,
    import_answers_json,
)
from mizuho_audit.services.submission.submission_pdf import render_submission_pdf
from mizuho_audit.services.submission.workflow import Approver, snapshot_hash, submit
from mizuho_audit.services.workspace import Workspace

from .auditor_setup import AUDITOR_PASSPHRASE, register, trust_town_ca
from .conftest import FIXTURES, SHIPPED
from .test_excel_template import COMPLETE, edit, fill, meta_cell
from .test_workflow import _complete

MINI = FIXTURES / "mini" / "mini-2026.yaml"

# -- what a clear message is ---------------------------------------------------------------------

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_PYTHON = re.compile(r"Traceback|File \"|\b\w*(Error|Exception|Warning)\b|errno|object at 0x|datetime\.|\bNone\b")
_ENGLISH_PHRASE = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}")


def clear(message: str, file_name: str) -> str:
    """Assert ``message`` names the file, is Japanese, and carries no Python or English parser text."""
    assert file_name in message, message
    assert len(_JAPANESE.findall(message)) >= 8, message
    assert not _PYTHON.search(message), message
    assert not _ENGLISH_PHRASE.search(message.replace(file_name, "")), message
    return message


def dump(ws: Workspace) -> list[str]:
    return list(ws.store.db.conn.iterdump())


def folder(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()} \
        if path.exists() else {}


# -- checklists (questionnaire YAML) and the department master ---------------------------------------


@dataclass
class Town:
    ws: Workspace
    shipped: Path
    town: Path

    def refused(self, src: Path, importer: Callable[..., Any] = import_questionnaire) -> str:
        """Import ``src`` as the town's copy: it must be refused and change neither folder nor database."""
        before, files = dump(self.ws), folder(self.town)
        with pytest.raises(ValidationFailed) as info:
            importer(src, self.shipped, self.town)
        assert dump(self.ws) == before and folder(self.town) == files
        return clear(str(info.value), src.name)


@pytest.fixture
def town(workspace: Workspace, mini_dir: Path, tmp_path: Path) -> Town:
    return Town(workspace, mini_dir, tmp_path / "town")


def _mini(tmp_path: Path, text: str | bytes, name: str = "mini-2027.yaml") -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_yaml_alias_bomb_is_refused(town: Town, tmp_path: Path) -> None:
    lines = ['lol0: "lol"'] + [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}' if i > 1 else 'lol'] * 10)}]"
                               for i in range(1, 10)]
    msg = town.refused(_mini(tmp_path, "\n".join(lines) + "\n"))
    assert "エイリアス" in msg


def test_yaml_over_the_size_limit_is_refused(town: Town, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8") + "#" * (yamlsafe.MAX_FILE_BYTES + 1) + "\n"
    msg = town.refused(_mini(tmp_path, text))
    assert "大きすぎます" in msg and f"{yamlsafe.MAX_FILE_BYTES:,}" in msg


def test_yaml_wrong_types_at_several_places_are_all_listed_with_lines(town: Town, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    for old, new in (("fiscal_year: 2026", "fiscal_year: 令和8年度"), ("高: 3", "高: 三"),
                     ("evidence: [掲示物, 体制表]", "evidence: 掲示物"), ("cia: [A]", "cia: A"),
                     ("importance: 高", "importance: [高]")):
        assert old in text
        text = text.replace(old, new, 1)
    src = _mini(tmp_path, text)
    msg = town.refused(src)
    lines = src.read_text(encoding="utf-8").splitlines()
    expected = {"fiscal_year": "令和8年度", "高": "三", "evidence": "掲示物", "cia": "cia: A", "importance": "[高]"}
    problems = msg.splitlines()
    for field, written in expected.items():
        [line] = [p for p in problems if f"「{field}」" in p]
        number = int(line.split(".yaml:")[1].split(":")[0])
        assert written in lines[number - 1], (field, line)
    assert "整数で書いてください" in msg and "リストで書いてください" in msg


def test_yaml_keys_that_are_not_text_are_reported_not_crashed(town: Town, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace("fiscal_year: 2026\n", "fiscal_year: 2026\n1: 2\nnull: 3\n")
    msg = town.refused(_mini(tmp_path, text))
    assert "知らない項目名です: 1, null" in msg


def test_yaml_list_at_the_top_level_is_refused(town: Town, tmp_path: Path) -> None:
    msg = town.refused(_mini(tmp_path, "- format: mizuho-audit/questionnaire@1\n- id: mini\n"))
    assert "チェックリストのファイルではありません" in msg and "「キー: 値」の形ではありません" in msg


@pytest.mark.parametrize("garbage", ["random", "nul"])
def test_yaml_binary_garbage_is_refused(town: Town, tmp_path: Path, garbage: str) -> None:
    data = random.Random(7).randbytes(4096) if garbage == "random" else b"format: \x00\x01\x02PNG\r\n"
    msg = town.refused(_mini(tmp_path, data))
    assert ("UTF-8ではありません" if garbage == "random" else "制御文字が含まれています") in msg


def test_yaml_empty_file_is_refused(town: Town, tmp_path: Path) -> None:
    assert "ファイルが空です" in town.refused(_mini(tmp_path, ""))


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_yaml_ten_thousand_nested_lists_are_refused_without_recursion_error(
        town: Town, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loader: str) -> None:
    if loader == "pure-python":  # a build without libyaml must be just as safe
        monkeypatch.setattr(yamlsafe, "_loader", yaml.SafeLoader)
        assert yamlsafe._loader("a: 1").__class__ is yaml.SafeLoader
    msg = town.refused(_mini(tmp_path, "title: " + "[" * 10_000 + "]" * 10_000 + "\n"))
    assert "入れ子が深すぎます" in msg


def test_yaml_single_scalar_is_refused(town: Town, tmp_path: Path) -> None:
    msg = town.refused(_mini(tmp_path, "自己点検チェックリスト\n"))
    assert "チェックリストのファイルではありません" in msg


@pytest.mark.parametrize(("text", "reason"), [
    ("fiscal_year: 2026-02-30\n", "日付または数値として読めない値"),
    ("fiscal_year: " + "9" * 5000 + "\n", "数値の桁が多すぎます"),
    ("fiscal_year: 0x" + "f" * 5000 + "\n", "数値の桁が多すぎます"),
    ("title: [推進体制\n", "「]」がありません"),
    ("a: 1\n---\nb: 2\n", "複数の文書は使えません"),
    ("a: !!python/object/apply:os.system [echo]\n", "タグ"),
], ids=["impossible-date", "huge-decimal", "huge-hex", "unclosed", "two-documents", "python-tag"])
def test_yaml_values_the_parser_cannot_take(town: Town, tmp_path: Path, text: str, reason: str) -> None:
    base = MINI.read_text(encoding="utf-8").replace("fiscal_year: 2026\n", "")
    msg = town.refused(_mini(tmp_path, base + text))
    assert reason in msg


def test_department_master_with_wrong_types_is_refused(town: Town, tmp_path: Path) -> None:
    text = (SHIPPED / "departments.yaml").read_text(encoding="utf-8")
    text = text.replace("traits: [my_number, my_number_work, lgwan, internet, owns_system, outsourcing, counter]}",
                        "traits: my_number}", 1)
    text = text.replace("{id: hisho, name: 秘書広報課", "{id: 42, name: 秘書広報課", 1)
    msg = town.refused(_mini(tmp_path, text, "departments.yaml"), import_departments)
    assert "リストで書いてください" in msg and "文字列で書いてください" in msg
    assert "traits" in msg and "「id」" in msg


# -- workbooks (the Excel 回答用紙 taken in by the auditor, or by a department) -------------------------


@pytest.fixture
def auditor(tmp_path: Path, mini_dir: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                        passphrase=AUDITOR_PASSPHRASE)
    yield ws
    ws.close()


def refused_import(ws: Workspace, path: Path, **kwargs: Any) -> str:
    """The auditor's import of ``path`` must be refused and leave the database as it was."""
    before = dump(ws)
    result = import_submission(ws, path, actor="監査 一郎", **kwargs)
    assert result.outcome == "refused", (result.outcome, result.message)
    assert dump(ws) == before
    return clear(result.message, path.name)


@pytest.fixture
def workbook(auditor: Workspace, tmp_path: Path) -> Path:
    """住民課's 回答用紙, filled in and approved: the auditor's import takes it as it is."""
    blank = write_template(auditor, "jumin", 2026, tmp_path / "blank.xlsx", actor="監査 一郎")
    return fill(blank, tmp_path / "回答_住民課.xlsx", COMPLETE)


def _rezip(src: Path, dst: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, (replace or {}).get(info.filename, zin.read(info)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def _sheet_member(path: Path, title: str) -> str:
    """The zip member holding the sheet called ``title``."""
    with zipfile.ZipFile(path) as zf:
        workbook_xml = zf.read("xl/workbook.xml").decode("utf-8")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    rid = re.search(rf'<sheet [^>]*name="{title}"[^>]*r:id="(rId\d+)"', workbook_xml) or \
        re.search(rf'<sheet [^>]*r:id="(rId\d+)"[^>]*name="{title}"', workbook_xml)
    assert rid is not None
    target = re.search(rf'Id="{rid[1]}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'Target="([^"]+)"[^>]*Id="{rid[1]}"', rels)
    assert target is not None
    return target[1].lstrip("/") if target[1].startswith("/xl/") else "xl/" + target[1]


def test_workbook_that_is_a_renamed_text_file_is_refused(auditor: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "回答_住民課.xlsx"
    path.write_text("項目ID,評価\nORG-001,実施している\n", encoding="utf-8")
    assert "Excelファイル（.xlsx）として読めません" in refused_import(auditor, path)


def test_zip_that_is_not_a_workbook_is_refused(auditor: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "回答_住民課.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "これは回答用紙ではありません")
    assert "Excelファイル（.xlsx）として読めません" in refused_import(auditor, path)


def test_workbook_with_an_external_entity_is_refused_by_defusedxml(auditor: Workspace, workbook: Path,
                                                                 tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("秘密の内容", encoding="utf-8")
    member = _sheet_member(workbook, "回答")
    with zipfile.ZipFile(workbook) as zf:
        xml = zf.read(member).decode("utf-8")
    xml = xml.replace("?>", f'?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>', 1)
    xml = re.sub(r"(<c r=\"K2\"[^>]*?)(/>|>.*?</c>)", r'\1 t="inlineStr"><is><t>&xxe;</t></is></c>', xml, count=1)
    assert "&xxe;" in xml
    path = _rezip(workbook, tmp_path / "xxe.xlsx", replace={member: xml.encode("utf-8")})
    msg = refused_import(auditor, path)
    assert "Excelファイル（.xlsx）として読めません" in msg and "秘密" not in msg


def test_workbook_declaring_a_huge_unpacked_size_is_refused_before_opening(auditor: Workspace, workbook: Path,
                                                                           tmp_path: Path) -> None:
    name = "xl/media/image1.bin"
    bomb = _rezip(workbook, tmp_path / "bomb.xlsx", add={name: b"\0" * 1000})
    raw = bytearray(bomb.read_bytes())
    entry = raw.rindex(b"PK\x01\x02")  # the central directory entry of the member written last
    assert raw[entry + 46:entry + 46 + len(name)] == name.encode()
    raw[entry + 24:entry + 28] = (4_000_000_000).to_bytes(4, "little")  # 4 GB once unpacked
    bomb.write_bytes(bytes(raw))
    assert "展開後のサイズが大きすぎます" in refused_import(auditor, bomb)


def test_workbook_with_a_highly_compressed_member_is_refused(auditor: Workspace, workbook: Path,
                                                             tmp_path: Path) -> None:
    bomb = _rezip(workbook, tmp_path / "ratio.xlsx")
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/media/zeros.bin", "w") as fh:
        chunk = b"\0" * (1 << 20)
        for _ in range(150):  # 150 MB of zeros: under the total limit, about 150 KB in the zip
            fh.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    assert "圧縮率が異常に高い" in refused_import(auditor, bomb)


def test_workbook_of_another_department_is_refused_by_the_department(workspace: Workspace, tmp_path: Path) -> None:
    other = write_template(workspace, "zeimu", 2026, tmp_path / "回答_税務課.xlsx", actor="瑞穂 花子")
    workspace.checklist("jumin", 2026)
    before = dump(workspace)
    with pytest.raises(TemplateError) as info:
        import_template_into_checklist(workspace, other, actor="瑞穂 花子", department_id="jumin")
    assert dump(workspace) == before
    msg = clear(str(info.value), other.name)
    assert "税務課（zeimu）のものです" in msg and "住民課（jumin）" in msg


def _mini_2027(folder: Path) -> Path:
    """A questionnaire folder whose checklist is for 2027 (version 2027.1) instead of 2026."""
    folder.mkdir()
    shutil.copy(SHIPPED / "policy.yaml", folder)
    shutil.copy(SHIPPED / "departments.yaml", folder)
    text = MINI.read_text(encoding="utf-8").replace("fiscal_year: 2026", "fiscal_year: 2027")
    (folder / "mini-2027.yaml").write_text(text.replace('version: "2026.1"', 'version: "2027.1"'), encoding="utf-8")
    return folder


def test_workbook_of_a_year_and_version_this_database_does_not_know_is_refused(auditor: Workspace,
                                                                               tmp_path: Path) -> None:
    other = Workspace.open(tmp_path / "other.db", shipped_dir=_mini_2027(tmp_path / "q2027"),
                           town_dir=tmp_path / "town2027")
    try:
        blank = write_template(other, "jumin", 2027, tmp_path / "blank2027.xlsx", actor="瑞穂 花子")
    finally:
        other.close()
    msg = refused_import(auditor, fill(blank, tmp_path / "回答_住民課_2027.xlsx", COMPLETE))
    assert "チェックリスト「mini」（版 2027.1）はこのデータベースに登録されていません" in msg


def test_workbook_whose_year_was_edited_is_refused(auditor: Workspace, workbook: Path) -> None:
    edit(workbook, xt.META, meta_cell(workbook, "fiscal_year"), "2027")
    msg = refused_import(auditor, workbook)
    assert "年度が合いません（回答用紙は2027年度、チェックリストは2026年度）" in msg


# -- submission files (PDF and JSON) taken in by the auditor ------------------------------------------

CA_PASS, P12_PASS = b"ca-passphrase", b"p12-passphrase"


@pytest.fixture(scope="module")
def town_ca(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("ca")
    ca.init_ca(d / "ca", CA_PASS)
    ca.issue_certificate(d / "ca", CA_PASS, name="瑞穂 太郎", title="住民課長", department="住民課",
                         out_p12=d / "taro.p12", p12_passphrase=P12_PASS)
    ca.issue_certificate(d / "ca", CA_PASS, name="監査 一郎", title="監査担当", department="企画課",
                         out_p12=d / "audit.p12", p12_passphrase=P12_PASS)
    return d


@dataclass
class Desk:
    """A department's database with 住民課 and 税務課 submitted, and the auditor's (empty) database."""

    dept: Workspace
    aud: Workspace
    tmp: Path
    ca: Path
    roots: list[Any]

    def export(self, department: str, name: str, *, signed: bool = True) -> Path:
        return export_submission(self.dept, self.dept.checklist(department, 2026), self.tmp / name, actor="瑞穂 花子",
                                 p12=self.ca / "taro.p12" if signed else None, passphrase=P12_PASS)

    def refused(self, path: Path, **options: Any) -> str:
        return refused_import(self.aud, path, options=ImportOptions(**options))

    def write(self, name: str, data: bytes) -> Path:
        (self.tmp / name).write_bytes(data)
        return self.tmp / name


@pytest.fixture
def desk(tmp_path: Path, mini_dir: Path, auditor: Workspace, town_ca: Path) -> Iterator[Desk]:
    dept = Workspace.open(tmp_path / "dept.db", shipped_dir=mini_dir, town_dir=tmp_path / "town")
    for dep, head in (("jumin", Approver("瑞穂 太郎", "住民課長", "2026-11-20")),
                      ("zeimu", Approver("税務 次郎", "税務課長", "2026-11-21"))):
        cl = dept.checklist(dep, 2026)
        _complete(dept, cl)
        submit(dept, cl, head, "瑞穂 花子")
    trust_town_ca(auditor, town_ca / "ca")  # the auditor trusts the town CA and 住民課's head signs for 住民課
    register(auditor, town_ca / "taro.p12", "submission", "jumin", passphrase=P12_PASS)
    yield Desk(dept, auditor, tmp_path, town_ca, list(load_certificates(town_ca / "ca" / "ca-cert.pem")))
    dept.close()


def _envelope(pdf: Path) -> dict[str, Any]:
    envelope: dict[str, Any] = json.loads(embedded_files(pdf.read_bytes())[EMBEDDED_NAME])
    return envelope


def _rendered(desk: Desk, envelope: dict[str, Any], design_of: str = "jumin") -> bytes:
    """An unsigned submission PDF that looks like ``design_of``'s and carries ``envelope``."""
    snap = json.loads(desk.dept.store.submissions(desk.dept.checklist(design_of, 2026).assessment.id)[-1].snapshot)
    pdf = render_submission_pdf(snap, desk.dept.checklist(design_of, 2026).questionnaire,
                                snapshot_hash=envelope["snapshot_hash"], signature_note="")
    return attach_file(pdf, EMBEDDED_NAME, json.dumps(envelope, ensure_ascii=False).encode("utf-8"), "回答")


def test_file_that_is_not_a_pdf_is_refused(desk: Desk) -> None:
    path = desk.write("住民課.pdf", "提出ファイルのつもりのテキスト\n".encode())
    assert "PDFファイルではありません" in desk.refused(path)


def test_pdf_cut_in_half_is_refused(desk: Desk) -> None:
    raw = desk.export("jumin", "jumin.pdf").read_bytes()
    assert "途中で切れています" in desk.refused(desk.write("half.pdf", raw[:len(raw) // 2]))


def test_pdf_rendered_again_without_the_signature_imports_only_as_unsigned(desk: Desk) -> None:
    signed = desk.export("jumin", "jumin.pdf")
    path = desk.write("stripped.pdf", _rendered(desk, _envelope(signed)))
    assert "電子署名のないファイル" in desk.refused(path, refuse_unsigned=True)
    result = import_submission(desk.aud, path, actor="監査 一郎")
    assert result.outcome == "imported" and result.signature == "unsigned"
    assert any("未署名" in w for w in result.warnings)
    [received] = desk.aud.store.received(2026, "jumin")
    assert received.signature_status == "unsigned" and received.signer_name is None


def test_pdf_cut_back_to_the_revision_before_the_signature_imports_only_as_unsigned(desk: Desk) -> None:
    raw = desk.export("jumin", "jumin.pdf").read_bytes()
    ends = [m.end() for m in re.finditer(rb"%%EOF\r?\n?", raw)]
    assert len(ends) >= 3  # rendered, answers attached, signed
    path = desk.write("cut.pdf", raw[:ends[-2]])
    assert "電子署名のないファイル" in desk.refused(path, refuse_unsigned=True)
    result = import_submission(desk.aud, path, actor="監査 一郎")
    assert result.outcome == "imported" and result.signature == "unsigned"
    assert any("未署名" in w for w in result.warnings)
    assert desk.aud.store.received(2026, "jumin")[-1].signature_status == "unsigned"


def test_pdf_whose_embedded_answers_were_edited_is_refused(desk: Desk) -> None:
    envelope = _envelope(desk.export("jumin", "jumin.pdf"))
    envelope["snapshot"]["answers"][1]["rating"] = "done"
    msg = desk.refused(desk.write("edited.pdf", _rendered(desk, envelope)))
    assert "ハッシュ値が一致しません" in msg


def test_answers_of_another_department_in_this_departments_pdf_are_never_stored_as_it(desk: Desk) -> None:
    zeimu = _envelope(desk.export("zeimu", "zeimu.pdf", signed=False))
    pdf = sign_pdf(_rendered(desk, zeimu, design_of="jumin"), desk.ca / "taro.p12", P12_PASS,
                   field_name=SIGNATURE_FIELD, reason="提出")
    path = desk.write("住民課.pdf", pdf)
    # The pages are 住民課's, the data 税務課's, signed by 住民課's head: the pages do not show the data (and
    # the head is neither registered for 税務課 nor its recorded approver): refused, nothing stored.
    message = desk.refused(path)
    assert "画面（ページ）に表示された回答と、添付の回答データが一致しません" in message
    assert desk.aud.store.received(2026) == []


def test_valid_file_of_a_year_without_a_checklist_here_is_refused(desk: Desk, tmp_path: Path) -> None:
    other = Workspace.open(tmp_path / "dept2027.db", shipped_dir=_mini_2027(tmp_path / "q2027"),
                           town_dir=tmp_path / "town2027")
    try:
        cl = other.checklist("jumin", 2027)
        _complete(other, cl)
        submit(other, cl, Approver("瑞穂 太郎", "住民課長", "2027-11-20"), "瑞穂 花子")
        path = export_submission(other, cl, tmp_path / "住民課_2027.pdf", actor="瑞穂 花子",
                                 p12=desk.ca / "taro.p12", passphrase=P12_PASS)
    finally:
        other.close()
    msg = desk.refused(path)
    assert "2027年度のチェックリスト" in msg and "版 2027.1" in msg and "登録されていません" in msg


def _pdf(*objects: bytes) -> bytes:
    """A minimal PDF of the given objects (numbered from 1; object 1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_PAGES = (b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")


def _finishes(job: Callable[[], Any], seconds: float = 20) -> Any:
    """Run ``job`` on a daemon thread: a hang fails the test instead of the whole run."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(("value", job()))
        except Exception as exc:
            outcome.append(("raised", exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "did not finish: a loop in the file was followed forever"
    return outcome[0]


@pytest.mark.parametrize("tree", [
    (b"<< /Kids [4 0 R] >>",),
    (b"<< /Kids [5 0 R] >>", b"<< /Kids [4 0 R] >>"),
    (b"<< /Kids [5 0 R 5 0 R] >>", b"<< /Names [(a.json) 6 0 R] >>", b"<< /Type /Filespec /F (a.json) >>"),
], ids=["itself", "two-nodes", "same-kid-twice"])
def test_pdf_whose_attachment_tree_loops_is_refused_without_hanging(desk: Desk, tree: tuple[bytes, ...]) -> None:
    raw = _pdf(b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>", *_PAGES, *tree)
    kind, value = _finishes(lambda: embedded_files(raw))
    assert kind == "raised" and isinstance(value, SigningError) and "添付ファイル" in str(value)
    path = desk.write("loop.pdf", raw)
    kind, msg = _finishes(lambda: desk.refused(path))
    assert kind == "value" and "添付ファイル一覧が壊れています" in msg


def test_pdf_whose_form_field_tree_loops_is_refused_without_hanging(desk: Desk) -> None:
    raw = _pdf(b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>", *_PAGES,
               b"<< /T (a) /Kids [5 0 R] >>", b"<< /T (b) /Parent 4 0 R /Kids [4 0 R] >>")
    path = desk.write("fields.pdf", raw)
    kind, msg = _finishes(lambda: desk.refused(path))
    assert kind == "value" and "フォーム欄（署名欄）の構造が壊れている" in msg


@pytest.mark.parametrize(("change", "what"), [
    (lambda s: s.update(department="jumin"), "department"),
    (lambda s: s.update(fiscal_year="2026"), "fiscal_year"),
    (lambda s: s["questionnaire"].update(content_hash=None), "questionnaire"),
    (lambda s: s.update(answers={"ORG-001": "done"}), "answers"),
    (lambda s: s["answers"].append("ORG-009"), "answers"),
    (lambda s: s.update(submission_version="二"), "submission_version"),
    (lambda s: s.update(approver=["瑞穂 太郎"]), "approver"),
], ids=["department-text", "year-text", "hash-null", "answers-mapping", "answer-text", "version-text",
        "approver-list"])
def test_json_with_a_valid_hash_but_wrong_types_is_refused(desk: Desk, change: Callable[[dict[str, Any]], Any],
                                                           what: str) -> None:
    envelope = json.loads(desk.export("jumin", "jumin.json").read_text(encoding="utf-8"))
    change(envelope["snapshot"])
    envelope["snapshot_hash"] = snapshot_hash(envelope["snapshot"])  # anyone can recompute a hash
    path = desk.write("forged.json", json.dumps(envelope, ensure_ascii=False).encode("utf-8"))
    msg = desk.refused(path)
    assert "回答データ" in msg and what in msg


def test_json_nested_ten_thousand_deep_is_refused(desk: Desk) -> None:
    body = '{"format": "mizuho-audit/submission-file@1", "snapshot": ' + "[" * 10_000 + "]" * 10_000 + "}"
    msg = desk.refused(desk.write("deep.json", body.encode()))
    assert "JSONとして読めません" in msg


def test_answers_json_with_a_bad_date_in_a_later_row_saves_nothing(workspace: Workspace, tmp_path: Path) -> None:
    cl = workspace.checklist("jumin", 2026)
    q = workspace.questionnaire_for_key(cl.assessment.questionnaire_key)
    rows = [{"item_id": it.id, "rating": "done", "note": "確認済み"} for it in cl.questionnaire.items()]
    rows[-1].update(rating="partial", plan_content="改善する", plan_due="来年の春")
    data = {"format": "mizuho-audit/answers@1", "department": "jumin", "fiscal_year": 2026,
            "questionnaire": {"id": q.id, "version": q.version, "content_hash": q.content_hash}, "answers": rows}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = dump(workspace)
    with pytest.raises(SubmissionFileError) as info:
        import_answers_json(workspace, cl, path, "瑞穂 花子")
    assert dump(workspace) == before
    assert "期限「来年の春」は日付として読めません" in clear(str(info.value), path.name)


@pytest.mark.parametrize("body", [
    '{"format": "mizuho-audit/answers@1", "answers": ' + "[" * 10_000 + "]" * 10_000 + "}",
    '{"format": "mizuho-audit/answers@1", "department": "jumin", "fiscal_year": 2026, "questionnaire": "mini", '
    '"answers": []}',
], ids=["deep", "questionnaire-text"])
def test_answers_json_that_is_malformed_is_refused(workspace: Workspace, tmp_path: Path, body: str) -> None:
    cl = workspace.checklist("jumin", 2026)
    path = tmp_path / "answers.json"
    path.write_text(body, encoding="utf-8")
    before = dump(workspace)
    with pytest.raises(SubmissionFileError) as info:
        import_answers_json(workspace, cl, path, "瑞穂 花子")
    assert dump(workspace) == before
    clear(str(info.value), path.name)


# -- notices taken in by a department -----------------------------------------------------------------


def _notice_pdf(name: str, data: dict[str, Any]) -> bytes:
    """An unsigned PDF carrying ``data`` as the attachment ``name`` (what a forger could make)."""
    return attach_file(_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", *_PAGES), name,
                       json.dumps(data, ensure_ascii=False).encode("utf-8"), "通知")


def refused_notice(ws: Workspace, path: Path) -> str:
    before = dump(ws)
    with pytest.raises(NoticeError) as info:
        import_any_notice(ws, path, "瑞穂 花子", [])
    assert dump(ws) == before
    return clear(str(info.value), path.name)


def test_return_notice_for_a_department_not_in_this_database_is_refused(desk: Desk, workspace: Workspace) -> None:
    for name in ("jumin.pdf", "zeimu.pdf"):
        import_submission(desk.aud, desk.export(name[:-4], name, signed=False), actor="監査 一郎")
    [received] = desk.aud.store.received(2026, "zeimu")
    notice = write_return_notice(desk.aud, received, "根拠資料が不足しています。", desk.tmp / "差戻し_税務課.pdf",
                                 actor="監査 一郎", p12=desk.ca / "audit.p12", passphrase=P12_PASS)
    workspace.checklist("jumin", 2026)  # this department's database knows 住民課 only
    msg = refused_notice(workspace, notice)
    assert "このデータベースには 税務課 の2026年度の回答がありません" in msg


@pytest.mark.parametrize("broken", [
    {"department": None}, {"department": {"id": ["jumin"]}}, {"fiscal_year": "令和8年度"},
    {"submission_version": None}, {"reason": {"text": "x"}}, {"snapshot_hash": 1},
], ids=["no-department", "department-id-list", "year-text", "version-null", "reason-mapping", "hash-number"])
def test_return_notice_with_malformed_content_is_refused(desk: Desk, broken: dict[str, Any]) -> None:
    data = {"format": NOTICE_FORMAT, "kind": "returned", "department": {"id": "jumin", "name": "住民課"},
            "fiscal_year": 2026, "submission_version": 1, "snapshot_hash": "0" * 64, "reason": "理由",
            "issued_by": "監査 一郎", "issued_at": "2026-12-01T10:00:00+09:00", **broken}
    path = desk.write("差戻し.pdf", _notice_pdf(NOTICE_FILE, data))
    assert "差戻し通知の内容が正しくありません" in refused_notice(desk.dept, path)


def test_result_notice_with_findings_for_another_department_is_refused(desk: Desk) -> None:
    import_submission(desk.aud, desk.export("jumin", "jumin.pdf", signed=False), actor="監査 一郎")
    written = write_result_notice(desk.aud, 2026, "jumin", desk.tmp / "結果_住民課.pdf", actor="監査 一郎")
    data = json.loads(embedded_files(written.read_bytes())[RESULT_FILE])
    data["findings"].append({"id": 999, "fiscal_year": 2026, "department_id": "zeimu", "grade": "major",
                             "title": "税務課の指摘", "text": "本文", "recommendation": "", "due": "",
                             "item_id": "NET-001", "responsible": "zeimu", "town_wide": False})
    path = desk.write("結果_住民課_改.pdf", _notice_pdf(RESULT_FILE, data))
    assert "別の部署または年度の指摘事項が含まれています" in refused_notice(desk.dept, path)


@pytest.mark.parametrize("kind", ["submission", "plain"])
def test_pdf_that_is_not_a_notice_is_refused(desk: Desk, kind: str) -> None:
    path = desk.export("jumin", "提出_住民課.pdf") if kind == "submission" else \
        desk.write("plain.pdf", _pdf(b"<< /Type /Catalog /Pages 2 0 R >>", *_PAGES))
    assert "差戻し通知のファイルではありません" in refused_notice(desk.dept, path)


# -- evidence attachments -----------------------------------------------------------------------------


class _Named(type(Path())):  # type: ignore[misc]
    """A path whose name no local file system allows (a NUL-free 300-character name), read from ``real``."""

    real: Path

    def stat(self, *args: Any, **kwargs: Any) -> Any:
        return self.real.stat(*args, **kwargs)

    def open(self, *args: Any, **kwargs: Any) -> Any:
        return self.real.open(*args, **kwargs)


def _source(tmp_path: Path, name: str) -> Path:
    content = tmp_path / "evidence-content.txt"
    content.write_text("体制表", encoding="utf-8")
    if "/" in name:  # a path that climbs out of its folder: create what it points at
        path = tmp_path / "a" / "b" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(content, tmp_path / Path(name).name)
        return path
    if len(name) > 200:
        named = _Named(tmp_path / name)
        named.real = content
        return named
    path = tmp_path / name
    shutil.copy(content, path)
    return path


@pytest.mark.parametrize(("name", "stored"), [
    ("../../x.txt", "x.txt"),
    ("..\\..\\x.txt", "x.txt"),
    ("C:\\Windows\\system.ini", "system.ini"),
    ("CON", "_CON"),
    ("con.txt", "_con.txt"),
    ("a\x01b\x1b[31m\x7f.txt", "ab[31m.txt"),
    ("体制表" * 100, "体制表" * 22),  # 200 bytes in UTF-8
    ("体制表" * 99 + ".pdf", ("体制表" * 22)[:65] + ".pdf"),
], ids=["dot-dot", "backslash-dot-dot", "windows-absolute", "con", "con-txt", "control-characters", "300-chars",
        "300-chars-pdf"])
def test_attachment_names_are_made_safe(workspace: Workspace, tmp_path: Path, name: str, stored: str) -> None:
    cl = workspace.checklist("jumin", 2026)
    attach(workspace, cl, "ORG-001", _source(tmp_path, name), "瑞穂 花子")
    [record] = workspace.store.attachments(cl.assessment.id, "ORG-001")
    assert record.name == stored
    out = tmp_path / "out"
    out.mkdir()
    saved = save_copy(workspace, record, out / record.name)  # as "開く" does, in a folder of its own
    assert saved.parent == out and saved.read_text(encoding="utf-8") == "体制表"


def refused_attachment(ws: Workspace, source: Path, shown: str) -> str:
    cl = ws.checklist("jumin", 2026)
    before = dump(ws)
    with pytest.raises(EvidenceError) as info:
        attach(ws, cl, "ORG-001", source, "瑞穂 花子")
    assert dump(ws) == before and ws.store.attachments(cl.assessment.id) == []
    return clear(str(info.value), shown)


def test_attachment_name_with_a_nul_character_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    msg = refused_attachment(workspace, tmp_path / "体制\x00表.txt", "体制")
    assert "使えない文字" in msg


def test_attachment_over_the_size_limit_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    big = tmp_path / "録画.mp4"
    with big.open("wb") as fh:
        fh.truncate(MAX_ATTACHMENT_BYTES + 1)  # sparse: no 20 MB written to disk
    msg = refused_attachment(workspace, big, "録画.mp4")
    assert "大きすぎます" in msg and "20 MB まで" in msg


def test_attachment_that_disappears_between_stat_and_read_is_refused(workspace: Workspace, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    source = _source(tmp_path, "体制表.pdf")

    def gone(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise FileNotFoundError(2, "No such file or directory", str(self))

    monkeypatch.setattr(type(source), "open", gone)
    msg = refused_attachment(workspace, source, "体制表.pdf")
    assert "見つかりません" in msg


def test_attachment_that_is_a_folder_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    (tmp_path / "資料フォルダ").mkdir()
    assert "フォルダー" in refused_attachment(workspace, tmp_path / "資料フォルダ", "資料フォルダ")


def test_the_envelopes_are_checked_by_their_json_schema() -> None:
    """Each kind of wrong field is named, from the schema rather than hand-written checks."""
    from mizuho_audit.services.submission.envelopes import NOTICE_SCHEMA, SNAPSHOT_SCHEMA, first_problem

    good = {"format": "mizuho-audit/submission@1", "department": {"id": "jumin", "name": "住民課"},
            "fiscal_year": 2026, "questionnaire": {"id": "q", "version": "1", "content_hash": "h"},
            "approver": {"name": "a", "title": "t", "date": "2026-11-20"},
            "answers": [{"item_id": "ORG-001", "rating": "done", "attachments": []}]}
    assert first_problem(SNAPSHOT_SCHEMA, good) is None
    assert first_problem(SNAPSHOT_SCHEMA, {**good, "fiscal_year": True}) == ("wrong", "fiscal_year", None)
    assert first_problem(SNAPSHOT_SCHEMA, {k: v for k, v in good.items() if k != "approver"}) == \
        ("missing", "approver", None)
    rows = [{"item_id": "ORG-001"}, {"item_id": "ORG-002", "note": 5}]
    assert first_problem(SNAPSHOT_SCHEMA, {**good, "answers": rows}) == ("wrong", "answers", 2)
    assert first_problem(NOTICE_SCHEMA, {"format": "mizuho-audit/notice@1", "kind": "accepted"})[0] == "missing"
