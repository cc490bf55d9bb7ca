"""Every command the README's table and docs/admin.md write down is run here as written, its placeholders
filled from the demo. A command added to or changed in the documentation without a run here fails
``test_every_documented_command_is_run``; a command that stops working as documented fails its run."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mizuho_audit.cli import run
from mizuho_audit.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ADMIN = (ROOT / "docs" / "admin.md").read_text(encoding="utf-8")
KEY, AUDITOR = "demo-passphrase", "demo"

pytestmark = pytest.mark.slow


def documented() -> set[str]:
    """The command forms written in the README's table and in docs/admin.md."""
    forms: set[str] = set()
    for line in README.splitlines():
        if line.startswith("| `mizuho-audit"):
            for span in re.findall(r"`([^`]+)`", line.split(" | ")[0]):
                forms.add(span if span.startswith("mizuho-audit") else "mizuho-audit " + span)
    for block in re.findall(r"```sh\n(.*?)```", ADMIN, re.S):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if "mizuho-audit" in command:
                forms.add(command)
    for span in re.findall(r"`((?:MIZUHO_AUDIT_\w+=\S+ )?mizuho-audit(?:-cli(?:\.exe)?)? [^`]+)`", ADMIN):
        forms.add(span)
    # The command list of docs/admin.md (9.2) writes its forms without the program's name, as the README does.
    commands = ADMIN.split("### 9.2", 1)[1].split("\n### ", 1)[0]
    for line in commands.splitlines():
        if line.startswith("| `"):
            for span in re.findall(r"`([^`]+)`", line.split(" | ")[0]):
                forms.add(span if span.startswith("mizuho-audit") else "mizuho-audit " + span)
    return forms


def _literal_parts(form: str) -> tuple[list[str], list[str]]:
    """The subcommand words and the options written outside [...]: what a run must use as written."""
    text = re.sub(r"\[[^\]]*\]", " ", form.replace("\\|", "|"))
    words = shlex.split(text.replace("\\", "/"), posix=True)
    while words and ("=" in words[0] or not words[0].startswith("mizuho-audit")):
        words.pop(0)  # MIZUHO_AUDIT_PASSPHRASE=… before the command
    words = words[1:]
    if words[:1] == ["--db"]:
        words = words[2:]  # a global option before the subcommand
    commands = []
    for w in words:
        if w.startswith("-") or not re.fullmatch(r"[a-z][a-z-]*(\|[a-z-]+)*", w):
            break
        commands.append(w)
    options = [w.split("|")[0] for w in words if w.startswith("--")]
    return commands, options


@dataclass
class Demo:
    dir: Path
    work: Path

    @property
    def dept(self) -> str:
        return str(self.dir / "department.db")

    @property
    def aud(self) -> str:
        return str(self.dir / "auditor.db")

    def cert(self, name: str) -> str:
        return str(self.dir / "certs" / f"{name}.p12")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    base = tmp_path_factory.mktemp("documented")
    mp = pytest.MonkeyPatch()
    mp.setenv("MIZUHO_AUDIT_DATA_DIR", str(base / "userdata"))
    mp.delenv("MIZUHO_AUDIT_PASSPHRASE", raising=False)
    mp.delenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", raising=False)
    assert run(["demo", "--dir", str(base / "demo")]) == 0  # as written in the README (the demo's defaults)
    (base / "work").mkdir()
    yield Demo(base / "demo", base / "work")
    mp.undo()


def _state(d: Demo) -> dict[str, str]:
    """Departments of the demo to run the department's commands on (their state is the demo's)."""
    ws = Workspace.open(Path(d.dept))
    try:
        started = {a.department_id: a for a in ws.store.assessments(2026)}
        last_year = {a.department_id for a in ws.store.assessments(2025)}
        fresh = next(dep.id for dep in ws.departments() if dep.id in last_year and (
            dep.id not in started or ws.store.status_of(started[dep.id].id) == "not_started"))
        answering = next(a.department_id for a in started.values()
                         if ws.store.status_of(a.id) == "in_progress")
    finally:
        ws.close()
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    _key, cert, _others = pkcs12.load_key_and_certificates(Path(d.cert("jumin")).read_bytes(), KEY.encode())
    assert cert is not None
    head = str(cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)
    title = str(cert.subject.get_attributes_for_oid(NameOID.TITLE)[0].value)
    from mizuho_audit.storage.repository import Store

    aud = Store.open(Path(d.aud), passphrase=AUDITOR)
    try:
        waiting = next(r.department_id for r in aud.received(2026) if r.decision is None and r.department_id != "jumin")
        taken = {r.department_id for r in aud.received(2026)}
        signers = {r.department_id: r.id for r in aud.signers(active_only=True) if r.role == "submission"}
    finally:
        aud.close()
    # A department not yet submitted, whose head's registration the auditor removes (異動) before its file
    # arrives: the file is refused, then taken as a documented exception with a reason.
    late = next(dep for dep in sorted(signers) if dep not in taken and dep not in (fresh, answering))
    _key, late_cert, _others = pkcs12.load_key_and_certificates(Path(d.cert(late)).read_bytes(), KEY.encode())
    assert late_cert is not None
    return {"fresh": fresh, "answering": answering, "head": head, "title": title, "waiting": waiting,
            "late": late, "late_signer": str(signers[late]),
            "late_head": str(late_cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value),
            "late_title": str(late_cert.subject.get_attributes_for_oid(NameOID.TITLE)[0].value)}


def _answer_everything(d: Demo, department: str) -> None:
    """The late department answers every item (as its clerks would in the window) before it submits."""
    ws = Workspace.open(Path(d.dept))
    try:
        cl = ws.checklist(department, 2026)
        for item in cl.questionnaire.items():
            ws.save(cl, item.id, "rating", "done", "担当")
        for item_id, a in ws.answers(cl).items():
            if a.needs_review:  # carried from last year: looked at and confirmed
                ws.store.confirm_answer(cl.assessment.id, item_id, actor="担当")
    finally:
        ws.close()


def _an_item(d: Demo, department: str) -> str:
    """An item the department answers in 2026 (to assign it on its own)."""
    ws = Workspace.open(Path(d.dept))
    try:
        return next(ws.checklist(department, 2026).questionnaire.items()).id
    finally:
        ws.close()


def _oscal_catalog_for_2027(out: Path) -> str:
    """The 2026 checklist as an OSCAL catalog, made the town's 2027.2 (its version and 年度 changed, as 4.9 says)."""
    from datetime import datetime

    from mizuho_audit.questionnaires.catalog import load_catalog
    from mizuho_audit.questionnaires.oscal_catalog import catalog_document

    q = load_catalog(ROOT / "questionnaires").for_year(2026)
    assert q is not None
    doc = catalog_document(q, datetime(2027, 1, 15, 9, 0).astimezone())
    doc["catalog"]["metadata"]["version"] = "2027.2"
    for prop in doc["catalog"]["metadata"]["props"]:
        if prop["name"] == "fiscal-year":
            prop["value"] = "2027"
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(out)


def steps(d: Demo) -> list[tuple[str, list[str], int]]:
    """(documented form, the command run for it, the exit code it must give), in the order of real work."""
    w, s, ca2 = d.work, _state(d), d.work / "ca2"
    q2027 = w / "jikotenken-2027.yaml"
    text = (ROOT / "questionnaires" / "jikotenken-2026.yaml").read_text(encoding="utf-8")
    q2027.write_text(text.replace('version: "2026.1"', 'version: "2027.1"').replace("fiscal_year: 2026",
                                                                                    "fiscal_year: 2027"),
                     encoding="utf-8")
    mapping = w / "mizuho-jikotenken_2026.1_2027.1.yaml"
    mapping.write_text("format: mizuho-audit/item-mapping@1\nfrom: {questionnaire: mizuho-jikotenken, "
                       'version: "2026.1"}\nto: {questionnaire: mizuho-jikotenken, version: "2027.1"}\nitems: []\n',
                       encoding="utf-8")
    shutil.copy(ROOT / "questionnaires" / "department-changes.yaml", w / "department-changes.yaml")
    shutil.copy(d.dept, w / "copy.db")
    summary = w / "総括.txt"
    summary.write_text("委託先の管理に課題がある。", encoding="utf-8")
    dept, aud, yr = ["--db", d.dept], ["--db", d.aud], ["--year", "2026"]
    jumin = ["--department", "jumin", *yr]
    late, late_file = ["--department", s["late"], *yr], str(w / "zaisei.pdf")
    _answer_everything(d, s["late"])
    trust, crl, town_ca = str(d.dir / "trust.pem"), str(d.dir / "ca" / "ca.crl"), str(d.dir / "ca")
    signed = str(w / "報告書-署名済.pdf")
    issue = ("ca issue --ca DIR --name N --title T --out FILE.p12 [--department-id ID --as 提出\\|作成\\|確認\\|承認] "
             "[--register DB]")
    sub, report = str(w / "jumin.pdf"), str(w / "報告書.pdf")
    crosswalk = str(shutil.copy(ROOT / "questionnaires" / "crosswalk-2026.yaml", w / "crosswalk-2026.yaml"))
    oscal_2027 = _oscal_catalog_for_2027(w / "jikotenken-2027.json")
    readme = "mizuho-audit "
    assign = "assign add --year Y --to NAME --chapter ID...\\|--item ID... [--department ID] [--title T]"
    sh = "mizuho-audit --db 住民課.db --user \"瑞穂 一郎\" "  # docs/admin.md 2.2 (a 課's own database)
    head, ans = ["--user", "瑞穂 一郎"], ["--department", s["answering"], *yr]
    item = _an_item(d, s["answering"])
    admin92 = "mizuho-audit "  # the command list of docs/admin.md (9.2), where it differs from the README's
    return [
        ("mizuho-audit questionnaire validate [FILE...]", ["questionnaire", "validate"], 0),
        ("mizuho-audit questionnaire validate questionnaires/jikotenken-2027.yaml",
         ["questionnaire", "validate", str(q2027)], 0),
        ("mizuho-audit questionnaire validate", ["questionnaire", "validate"], 0),
        ("mizuho-audit questionnaire report [--json] [--year Y]", ["questionnaire", "report", "--year", "2026"], 0),
        ("mizuho-audit questionnaire report [--year 2027] [--json]", ["questionnaire", "report", "--json"], 0),
        ("mizuho-audit questionnaire import FILE", ["questionnaire", "import", str(q2027)], 0),
        ("mizuho-audit questionnaire import ファイル", ["questionnaire", "import", str(q2027)], 0),
        ("mizuho-audit questionnaire import mizuho-jikotenken_2026.1_2027.1.yaml",
         ["questionnaire", "import", str(mapping)], 0),
        ("mizuho-audit questionnaire import department-changes.yaml",
         ["questionnaire", "import", str(w / "department-changes.yaml")], 0),
        # The 年度's themes: the auditor adds one and takes it away again, lists them, writes the departments' file;
        # the departments' database takes it in (the demo's themes: nothing a department answers changes).
        (readme + "themes list --year Y", [*aud, "themes", "list", *yr], 0),
        ("mizuho-audit --db D:\\audit\\audit.db themes list --year 2026", [*aud, "themes", "list", *yr], 0),
        (readme + "themes assign\\|remove --year Y --theme T... --department ID...",
         [*aud, "themes", "assign", *yr, "--theme", "cloud", "--department", "somu"], 0),
        ("mizuho-audit --db D:\\audit\\audit.db themes assign --year 2026 --theme outsourcing --department somu",
         [*aud, "themes", "assign", *yr, "--theme", "outsourcing", "--department", "somu"], 0),
        ("mizuho-audit --db D:\\audit\\audit.db themes remove --year 2026 --theme outsourcing --department somu",
         [*aud, "themes", "remove", *yr, "--theme", "outsourcing", "--department", "somu"], 0),
        (readme + "themes assign\\|remove --year Y --theme T... --department ID...",
         [*aud, "themes", "remove", *yr, "--theme", "cloud", "--department", "somu"], 0),
        (readme + "themes export --year Y --out FILE.yaml",
         [*aud, "themes", "export", *yr, "--out", str(w / "themes.yaml")], 0),
        ("mizuho-audit --db D:\\audit\\audit.db themes export --year 2026 --out themes-2026.yaml",
         [*aud, "themes", "export", *yr, "--out", str(w / "themes-2026.yaml")], 0),
        ("mizuho-audit questionnaire import themes-2026.yaml",
         [*dept, "questionnaire", "import", str(w / "themes-2026.yaml")], 0),
        (readme + "carry-over --department ID --year Y",
         [*dept, "carry-over", "--department", s["fresh"], *yr], 0),
        # Who in the 課 answers what: the 情報セキュリティ責任者 assigns, lists, hands over on 人事異動, removes.
        (readme + assign, [*dept, *head, "assign", "add", *ans, "--to", "佐藤 花子", "--chapter", "1", "2"], 0),
        (sh + "assign add --year 2026 --to \"佐藤 花子\" --chapter 1 2",
         [*dept, *head, "assign", "add", *ans, "--to", "佐藤 花子", "--chapter", "1", "2"], 0),
        (sh + "assign add --year 2026 --to \"鈴木 次郎\" --item ORG-010",
         [*dept, *head, "assign", "add", *ans, "--to", "鈴木 次郎", "--item", item], 0),
        (readme + "assign list --year Y [--json]", [*dept, "assign", "list", *ans], 0),
        ("mizuho-audit --db 住民課.db assign list --year 2026 --json", [*dept, "assign", "list", *ans, "--json"], 0),
        (sh + "assign handover --year 2026 --from \"佐藤 花子\" --to \"田中 三郎\" --reason 人事異動",
         [*dept, *head, "assign", "handover", *ans, "--from", "佐藤 花子", "--to", "田中 三郎", "--reason", "人事異動"],
         0),
        (readme + "assign handover --year Y --from A --to B --reason R",  # nothing of 佐藤's is left: refused
         [*dept, *head, "assign", "handover", *ans, "--from", "佐藤 花子", "--to", "田中 三郎", "--reason", "人事異動"],
         1),
        (sh + "assign remove --year 2026 --item ORG-010", [*dept, *head, "assign", "remove", *ans, "--item", item], 0),
        (readme + "assign remove --year Y --chapter ID...\\|--item ID...",
         [*dept, *head, "assign", "remove", *ans, "--chapter", "1"], 0),
        (admin92 + "assign add --year Y --to NAME --chapter ID...\\|--item ID... [--department ID] [--title T]",
         [*dept, *head, "assign", "add", *ans, "--to", "田中 三郎", "--chapter", "3", "--item", item,
          "--title", "課長"], 0),
        (admin92 + "assign remove --year Y --chapter ID...\\|--item ID...",
         [*dept, *head, "assign", "remove", *ans, "--chapter", "3", "--item", item], 0),
        (admin92 + "assign list --year Y [--json]", [*dept, "assign", "list", *ans], 0),
        (admin92 + "assign handover --year Y --from A --to B --reason R",
         [*dept, *head, "assign", "handover", *ans, "--from", "田中 三郎", "--to", "佐藤 花子", "--reason", "人事異動"],
         0),
        (readme + "answers export\\|import --department ID --year Y ... [--yes]",
         [*dept, "answers", "export", "--department", s["answering"], *yr, "--out", str(w / "a.json")], 0),
        (readme + "answers export\\|import --department ID --year Y ... [--yes]",
         [*dept, "answers", "import", "--department", s["answering"], *yr, str(w / "a.json")], 0),
        (readme + "reopen --department ID --year Y --reason R", [*dept, "reopen", *jumin, "--reason", "記入の訂正"], 0),
        (readme + "submit --department ID --year Y --approver-name N --approver-title T [--approved-on D]",
         [*dept, "submit", *jumin, "--approver-name", s["head"], "--approver-title", s["title"],
          "--approved-on", "2026-11-30"], 0),
        (readme + "submission export --department ID --year Y --out FILE.pdf [--p12 FILE] [--crl FILE]",
         [*dept, "submission", "export", *jumin, "--out", sub, "--p12", d.cert("jumin"), "--crl", crl], 0),
        (readme + "submission verify FILE [--trust CERT] [--crl FILE] [--db AUDITOR_DB]",
         ["submission", "verify", sub, "--trust", trust, "--crl", crl, *aud], 0),
        (admin92 + "submission verify FILE [--trust CERT] [--crl FILE]",
         ["submission", "verify", sub, "--trust", trust, "--crl", crl], 0),
        (readme + "import [--trust CERT] [--crl FILE] [--require-trusted] [--allow-untrusted --reason R] [--yes] "
         "FILE\\|DIR...", [*aud, "import", "--trust", trust, "--crl", crl, "--require-trusted", "--yes", sub], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db import \\\\fileserver\\jikotenken\\2026",
         [*aud, "import", str(d.dir / "submissions")], 0),
        # The late department submits after its head's registration was removed (異動): refused, then taken
        # as an exception with a reason.
        (readme + "submit --department ID --year Y --approver-name N --approver-title T [--approved-on D]",
         [*dept, "submit", *late, "--approver-name", s["late_head"], "--approver-title", s["late_title"]], 0),
        (readme + "submission export --department ID --year Y --out FILE.pdf [--p12 FILE] [--crl FILE]",
         [*dept, "submission", "export", *late, "--out", late_file, "--p12", d.cert(s["late"])], 0),
        ("mizuho-audit --db D:\\audit\\audit.db signer remove --id 7 --reason 異動",
         [*aud, "signer", "remove", "--id", s["late_signer"], "--reason", "異動"], 0),
        (readme + "import [--trust CERT] [--crl FILE] [--require-trusted] [--allow-untrusted --reason R] [--yes] "
         "FILE\\|DIR...", [*aud, "import", late_file], 1),
        ("mizuho-audit --db D:\\audit\\audit.db import \\\\fileserver\\jikotenken\\2026\\zaisei.pdf "
         "--allow-untrusted --reason \"課長の証明書の更新が提出に間に合わなかったため。4月1日に確認済み\"",
         [*aud, "import", late_file, "--allow-untrusted", "--reason",
          "課長の証明書の更新が提出に間に合わなかったため。4月1日に確認済み"], 0),
        (readme + "accept --department ID --year Y", [*aud, "accept", *jumin], 0),
        (readme + "return --department ID --year Y --reason R --out NOTICE.pdf [--p12 FILE]",
         [*aud, "return", "--department", s["waiting"], *yr, "--reason", "記入漏れ", "--out", str(w / "notice.pdf"),
          "--p12", d.cert("kikaku")], 0),
        (readme + "notice import FILE", [*dept, "notice", "import", str(w / "notice.pdf")], 0),
        (readme + "ca init --out DIR", ["ca", "init", "--out", str(ca2)], 0),
        (admin92 + "ca init\\|issue\\|revoke ...", ["ca", "init", "--out", str(w / "ca4")], 0),
        ("MIZUHO_AUDIT_PASSPHRASE=（認証局の鍵のパスフレーズ） mizuho-audit ca init --out D:\\ca "
         "[--name \"瑞穂町 自己点検 認証局\"]",
         ["ca", "init", "--out", str(w / "ca3"), "--name", "瑞穂町 自己点検 認証局"], 0),
        (readme + issue, ["ca", "issue", "--ca", str(ca2), "--name", "試験 太郎", "--title", "係長",
                          "--out", str(w / "t.p12")], 0),
        (readme + "ca revoke --ca DIR --serial HEX --reason R [--db DB]",
         ["ca", "revoke", "--ca", str(ca2), "--serial", "@serial:t.p12", "--reason", "端末の紛失"], 0),
        # The town's CA (the demo's, trusted by the auditor's database): certificates with department and role.
        (readme + issue, ["ca", "issue", "--ca", town_ca, "--name", "試験 花子", "--title", "係長",
                          "--department-id", "zaisei", "--as", "提出", "--out", str(w / "t2.p12")], 0),
        (readme + issue, ["ca", "issue", "--ca", town_ca, "--name", "監査 次郎", "--title", "主事", "--as", "作成",
                          "--out", str(w / "監査担当.p12")], 0),
        ("mizuho-audit ca issue --ca D:\\ca --name \"鈴木 一郎\" --title 財政課長 --department 財政課 "
         "--department-id zaisei --as 提出 --out 鈴木一郎.p12 --register D:\\audit\\audit.db",
         ["ca", "issue", "--ca", town_ca, "--name", "鈴木 一郎", "--title", "財政課長", "--department", "財政課",
          "--department-id", "zaisei", "--as", "提出", "--out", str(w / "鈴木一郎.p12"), "--register", d.aud], 0),
        ("MIZUHO_AUDIT_PASSPHRASE=（認証局のパスフレーズ） mizuho-audit --db D:\\audit\\audit.db ca revoke --ca D:\\ca "
         "--serial 3F2A… --reason 端末の紛失",
         [*aud, "ca", "revoke", "--ca", town_ca, "--serial", "@serial:鈴木一郎.p12", "--reason", "端末の紛失"], 0),
        ("MIZUHO_AUDIT_PASSPHRASE=（認証局のパスフレーズ） mizuho-audit --db D:\\audit\\audit.db ca revoke --ca D:\\ca "
         "--serial （失効済みのシリアル） --reason CRL更新",
         [*aud, "ca", "revoke", "--ca", town_ca, "--serial", "@serial:鈴木一郎.p12", "--reason", "CRL更新"], 0),
        (readme + "trust add --db DB CERT [--yes]",
         ["trust", "add", "--db", d.aud, str(ca2 / "ca-cert.pem"), "--yes"], 0),
        ("mizuho-audit trust add --db D:\\audit\\audit.db ca-cert.pem",
         ["trust", "add", "--db", d.aud, str(d.dir / "ca" / "ca-cert.pem")], 0),  # trusted already: nothing asked
        (readme + "trust list", [*aud, "trust", "list"], 0),
        (readme + "trust remove --fingerprint FP --reason R",
         [*aud, "trust", "remove", "--fingerprint", "@fp:ca2/ca-cert.pem", "--reason", "試験用の登録"], 0),
        (readme + "trust crl FILE", [*aud, "trust", "crl", crl], 0),
        ("mizuho-audit --db D:\\audit\\audit.db trust crl ca.crl", [*aud, "trust", "crl", crl], 0),
        (readme + "signer add CERT --as 提出\\|作成\\|確認\\|承認 [--department ID] [--from D] [--to D] [--yes]",
         [*aud, "signer", "add", str(w / "監査担当.p12"), "--as", "作成", "--yes"], 0),
        (readme + "signer list", [*aud, "signer", "list"], 0),
        (admin92 + "signer list [--all]", [*aud, "signer", "list", "--all"], 0),
        ("mizuho-audit --db D:\\audit\\audit.db signer list", [*aud, "signer", "list"], 0),
        (readme + "signer remove --id N --reason R", [*aud, "signer", "remove", "--id", "@signer:last",
                                                      "--reason", "登録の誤り"], 0),
        ("mizuho-audit --db D:\\audit\\audit.db signer add 監査担当.pem --as 作成 --yes",
         [*aud, "signer", "add", "@pem:監査担当.p12", "--as", "作成", "--yes"], 0),
        ("mizuho-audit --db D:\\audit\\audit.db signer add D:\\ca\\issued\\3F2A….pem --as 提出 --department zaisei "
         "--from 2026-04-01 --yes",
         [*aud, "signer", "add", "@issued:t2.p12", "--as", "提出", "--department", "zaisei", "--from", "2026-04-01",
          "--yes"], 0),
        (admin92 + "signer add CERT --as 提出\\|作成\\|確認\\|承認 [--department ID] [--from D] [--to D] "
         "[--match subject] [--yes]",
         # The same certificate in the same role again (now by subject): refused, it is registered above.
         [*aud, "signer", "add", "@issued:t2.p12", "--as", "提出", "--department", "zaisei", "--match", "subject",
          "--yes"], 1),
        (readme + "log verify [--submission FILE...]", [*dept, "log", "verify", "--submission", sub], 0),
        ("mizuho-audit log verify", [*dept, "log", "verify"], 0),
        (readme + "log export --out FILE.csv", [*aud, "log", "export", "--out", str(w / "log.csv")], 0),
        (readme + "deadline --year Y --date D", [*aud, "deadline", *yr, "--date", "2026-12-18"], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db deadline --year 2026 --date 2026-12-18",
         [*aud, "deadline", *yr, "--date", "2026-12-18"], 0),
        (readme + "status --year Y [--json] [--missing-csv FILE]",
         [*aud, "status", *yr, "--json", "--missing-csv", str(w / "missing.csv")], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db status --year 2026 "
         "--missing-csv 未提出.csv",
         [*aud, "status", *yr, "--missing-csv", str(w / "未提出.csv")], 0),
        (readme + "findings propose\\|list\\|carry --year Y", [*aud, "findings", "propose", *yr], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db findings propose --year 2026",
         [*aud, "findings", "propose", *yr], 0),
        (readme + "findings propose\\|list\\|carry --year Y", [*aud, "findings", "list", *yr], 0),
        (admin92 + "findings propose\\|list\\|export\\|confirm\\|carry --year Y ...",
         [*aud, "findings", "list", *yr], 0),
        (readme + "findings confirm --year Y --all\\|ID...", [*aud, "findings", "confirm", *yr, "--all"], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db findings confirm --year 2026 --all",
         [*aud, "findings", "confirm", *yr, "--all"], 0),
        (readme + "findings export --year Y --out FILE.csv",
         [*aud, "findings", "export", *yr, "--out", str(w / "findings.csv")], 0),
        (readme + "notice result --year Y [--department ID] --out DIR [--p12 FILE]",
         [*aud, "notice", "result", *yr, "--department", "jumin", "--out", str(w / "jumin-result.pdf"),
          "--p12", d.cert("kikaku")], 0),
        (admin92 + "notice result --year Y [--department ID] --out DIR\\|FILE [--p12 FILE]",
         [*aud, "notice", "result", *yr, "--department", "jumin", "--out", str(w / "jumin-result-2.pdf"),
          "--p12", d.cert("kikaku")], 0),
        (admin92 + "notice import FILE [--trust CERT]",
         [*dept, "notice", "import", str(w / "jumin-result-2.pdf"), "--trust", trust], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db notice result --year 2026 --out 結果通知 "
         "--p12 監査担当.p12",
         [*aud, "notice", "result", *yr, "--out", str(w / "結果通知"), "--p12", d.cert("kikaku")], 0),
        (readme + "export excel --year Y --out FILE.xlsx",
         [*aud, "export", "excel", *yr, "--out", str(w / "r.xlsx")], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db export excel --year 2026 --out 2026-自己点検結果.xlsx",
         [*aud, "export", "excel", *yr, "--out", str(w / "2026-自己点検結果.xlsx")], 0),
        (readme + "export template --department ID --year Y --out FILE.xlsx",
         [*dept, "export", "template", "--department", s["answering"], *yr, "--out", str(w / "t.xlsx")], 0),
        (readme + "report summary --year Y --from FILE", [*aud, "report", "summary", *yr, "--from", str(summary)], 0),
        (readme + "report cover --year Y --addressee A --number N",
         [*aud, "report", "cover", *yr, "--addressee", "瑞穂町最高情報セキュリティ責任者　様",
          "--number", "瑞情監第12号"], 0),
        (readme + "report pdf --year Y --out FILE.pdf [--author N] [--reviewer N] [--approver N]",
         [*aud, "report", "pdf", *yr, "--out", str(w / "r.pdf"), "--author", "監査 担当"], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db report pdf --year 2026 --out 報告書.pdf --author \"監査 担当\" "
         "--reviewer \"小林 誠\" --approver \"瑞穂 太郎\"",
         [*aud, "report", "pdf", *yr, "--out", report, "--author", "監査 担当", "--reviewer", "小林 誠",
          "--approver", "瑞穂 太郎"], 0),
        (readme + "sign FILE.pdf --p12 FILE --out OUT.pdf [--field 作成者\\|確認者\\|承認者] [--ca DIR] [--crl FILE] "
         "[--db AUDITOR_DB] [--close-year Y]",
         ["sign", str(w / "r.pdf"), "--p12", d.cert("report-author"), "--out", str(w / "r-1.pdf"), "--ca", town_ca,
          *aud], 0),
        (admin92 + "sign FILE.pdf --p12 FILE [--field 作成者\\|確認者\\|承認者] --out OUT.pdf [--ca DIR] [--crl FILE] "
         "[--timestamp-url URL] [--close-year Y]",
         ["sign", str(w / "r-1.pdf"), "--p12", d.cert("report-reviewer"), "--out", str(w / "r-2.pdf"), "--crl", crl,
          *aud], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db sign 報告書.pdf --p12 監査担当.p12 --field 作成者 --ca D:\\ca "
         "--out 報告書-作成者署名.pdf",
         [*aud, "sign", report, "--p12", d.cert("report-author"), "--field", "作成者", "--ca", town_ca,
          "--out", str(w / "報告書-作成者署名.pdf")], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db sign 報告書-作成者署名.pdf --p12 企画課長.p12 --field 確認者 "
         "--ca D:\\ca --out 報告書-確認者署名.pdf",
         [*aud, "sign", str(w / "報告書-作成者署名.pdf"), "--p12", d.cert("report-reviewer"), "--field", "確認者",
          "--ca", town_ca, "--out", str(w / "報告書-確認者署名.pdf")], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db sign 報告書-確認者署名.pdf --p12 副町長.p12 --field 承認者 "
         "--ca D:\\ca --out 報告書-署名済.pdf --close-year 2026",
         [*aud, "sign", str(w / "報告書-確認者署名.pdf"), "--p12", d.cert("report-approver"), "--field", "承認者",
          "--ca", town_ca, "--out", signed, "--close-year", "2026"], 0),
        (readme + "verify FILE.pdf [--trust CERT] [--crl FILE] [--db AUDITOR_DB]",
         ["verify", signed, "--trust", trust, "--crl", crl, *aud], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db verify 報告書-署名済.pdf", [*aud, "verify", signed], 0),
        # Without --db, a check uses the default database: one that trusts the town CA.
        (readme + "trust add --db DB CERT [--yes]", ["trust", "add", "--db", "@default-db", trust, "--yes"], 0),
        (admin92 + "trust add CERT [--yes]", [*aud, "trust", "add", trust, "--yes"], 0),  # trusted already
        (admin92 + "verify FILE.pdf [--trust CERT] [--crl FILE]",
         ["verify", signed, "--trust", trust, "--crl", crl], 0),
        ("mizuho-audit verify 報告書.pdf --crl ca.crl", ["verify", signed, "--crl", crl], 0),
        ("mizuho-audit-cli --db D:\\audit\\audit.db findings carry --year 2026", [*aud, "findings", "carry", *yr], 0),
        (readme + "findings propose\\|list\\|carry --year Y", [*aud, "findings", "carry", *yr], 0),
        (readme + "backup --out FILE", ["--db", str(w / "copy.db"), "backup", "--out", str(w / "b.db")], 0),
        ("mizuho-audit [--db ファイル] backup --out 保存先.db",
         ["--db", str(w / "copy.db"), "backup", "--out", str(w / "保存先.db")], 0),
        (readme + "restore --from FILE [--force-role-change]",
         ["--db", str(w / "copy.db"), "restore", "--from", str(w / "b.db")], 0),
        ("mizuho-audit [--db ファイル] restore --from バックアップ.db",
         ["--db", str(w / "copy.db"), "restore", "--from", str(w / "保存先.db")], 0),
        # Crosswalks and OSCAL (4.9): the town's crosswalk, the catalog out and (as a new version) back in, the results.
        ("mizuho-audit questionnaire validate crosswalk-2026.yaml", ["questionnaire", "validate", crosswalk], 0),
        ("mizuho-audit questionnaire import crosswalk-2026.yaml", ["questionnaire", "import", crosswalk], 0),
        (readme + "export oscal catalog --year Y --out FILE.json",
         ["export", "oscal", "catalog", *yr, "--out", str(w / "catalog.json")], 0),
        ("mizuho-audit export oscal catalog --year 2026 --out jikotenken-2026.json",
         ["export", "oscal", "catalog", *yr, "--out", str(w / "jikotenken-2026.json")], 0),
        ("mizuho-audit questionnaire validate jikotenken-2027.json", ["questionnaire", "validate", oscal_2027], 0),
        ("mizuho-audit questionnaire import jikotenken-2027.json", ["questionnaire", "import", oscal_2027], 0),
        (readme + "export oscal results --db AUDITOR_DB --year Y --out FILE.json",
         ["export", "oscal", "results", *aud, *yr, "--out", str(w / "results.json")], 0),
        ("mizuho-audit export oscal results --db D:\\audit\\audit.db --year 2026 --out 2026-自己点検結果.json",
         ["export", "oscal", "results", *aud, *yr, "--out", str(w / "2026-自己点検結果.json")], 0),
        # Exchange with others: the checklist for CISO Assistant, the 年度's score pack (signed) and last year's,
        # another town's pack taken in with them, and the comparison.
        (readme + "export library --year Y --out FILE.yaml", ["export", "library", *yr, "--out", str(w / "lib.yaml")],
         0),
        ("MIZUHO_AUDIT_PASSPHRASE=（証明書のパスフレーズ） mizuho-audit export benchmark --db AUDITOR_DB --year Y "
         "--out FILE [--p12 CERT]",
         [*aud, "export", "benchmark", *yr, "--out", str(w / "pack.json"), "--p12", d.cert("kikaku")], 0),
        (readme + "export benchmark --db AUDITOR_DB --year Y --out FILE [--p12 CERT]",
         [*aud, "export", "benchmark", "--year", "2025", "--out", str(w / "pack-2025.json")], 0),
        (readme + "benchmark import --db AUDITOR_DB FILE...",
         [*aud, "benchmark", "import", str(w / "pack-2025.json"), "@town:pack.json"], 0),
        (readme + "benchmark compare --db AUDITOR_DB --year Y [--json]",
         [*aud, "benchmark", "compare", *yr, "--json"], 0),
        ("mizuho-audit-cli.exe --help", ["--help"], 0),
    ]


WINDOW = "mizuho-audit [--db PATH]"
DEMO = "mizuho-audit demo --dir DIR [--year 2026] [--seed N] [--screenshot]"


def _certificate(p12: Path) -> Any:
    from cryptography.hazmat.primitives.serialization import pkcs12

    _key, cert, _others = pkcs12.load_key_and_certificates(p12.read_bytes(), KEY.encode())
    assert cert is not None
    return cert


def _resolve(d: Demo, arg: str) -> str:
    """What a person reads off the screen or the CA's folder at that moment: a serial, a fingerprint, the
    issued certificate's file, a registration number, the default database."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    from mizuho_audit.paths import default_db_path
    from mizuho_audit.storage.repository import Store

    kind, _sep, name = arg.partition(":")
    if kind == "@serial":
        return format(_certificate(d.work / name).serial_number, "X")
    if kind == "@fp":
        cert = x509.load_pem_x509_certificate((d.work / name).read_bytes())
        return cert.fingerprint(hashes.SHA256()).hex()[:16]
    if kind == "@issued":
        serial = _certificate(d.work / name).serial_number
        return str(next(f for f in (d.dir / "ca" / "issued").glob("*.pem") if int(f.stem, 16) == serial))
    if kind == "@pem":
        pem = (d.work / name).with_suffix(".pem")
        pem.write_bytes(_certificate(d.work / name).public_bytes(serialization.Encoding.PEM))
        return str(pem)
    if kind == "@signer":
        store = Store.open(Path(d.aud), passphrase=AUDITOR)
        try:
            return str(max(r.id for r in store.signers(active_only=True)))
        finally:
            store.close()
    if kind == "@default-db":
        return str(default_db_path())
    if kind == "@town":  # another town's pack of the 年度, as it arrives (unsigned): the demo's, other scores
        import json

        pack = json.loads((d.work / name).read_text(encoding="utf-8"))
        pack["town"] = "比較町"
        for group in pack["chapters"]:
            group["score"] = None if group["score"] is None else round(group["score"] * 0.9, 1)
        other = d.work / "比較町.json"
        other.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
        return str(other)
    return arg


def test_every_documented_command_is_run(demo: Demo, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    planned = steps(demo)
    assert documented() == {form for form, _argv, _code in planned} | {WINDOW, DEMO}
    monkeypatch.setenv("MIZUHO_AUDIT_PASSPHRASE", KEY)
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR)
    for form, argv, expected in planned:
        commands, options = _literal_parts(form)
        assert all(any(alt in argv for alt in word.split("|")) for word in commands), (form, commands)
        assert all(o in argv for o in options), (form, options)
        argv = [_resolve(demo, a) for a in argv]
        if argv == ["--help"]:
            with pytest.raises(SystemExit) as info:
                run(argv)
            code: Any = info.value.code
        else:
            code = run(argv)
        out = capsys.readouterr()
        assert code == expected, f"{form}\n{argv}\n{out.out}\n{out.err}"
    from mizuho_audit.storage.repository import Store

    store = Store.open(Path(demo.aud), passphrase=AUDITOR)
    try:
        late = [r for r in store.received(2026) if r.trust == "exception"]
        reasons = [r.exception_reason for r in late]
        assert reasons == ["課長の証明書の更新が提出に間に合わなかったため。4月1日に確認済み"]
        assert store.closed_year(2026) is not None  # closed by the approver's signature, as documented
        packs = [(p.town, p.fiscal_year) for p in store.benchmark_packs()]  # the demo's, then the ones run here
        assert packs[-2:] == [("瑞穂町", 2025), ("比較町", 2026)] and ("デモ東町", 2026) in packs[:-2]
    finally:
        store.close()


def test_the_window_starts_as_documented(demo: Demo, qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mizuho-audit [--db PATH]`: the window on the demo's department database, shown, then closed."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr("mizuho_audit.ui.dialogs.Dialogs.ask_text", lambda *_a, **_k: "試験 利用者")
    # pytest-qt keeps its own Qt message handler (replacing it here crashes PySide6 in a later test).
    monkeypatch.setattr("mizuho_audit.app.quiet_harmless_qt_messages", lambda: None)
    shown: list[str] = []

    def look_then_leave(_app: Any) -> int:
        """The event loop for a second and a half, then back as if the user had closed the window. (Ending
        a real loop with quit() would leave later tests' windows unable to become active.)"""
        QTest.qWait(1500)
        shown.extend(w.windowTitle() for w in qapp.topLevelWidgets() if w.isVisible() and w.windowTitle())
        return 0

    monkeypatch.setattr(QApplication, "exec", look_then_leave)
    font = qapp.font()
    try:
        assert run(["--db", demo.dept]) == 0
    finally:
        qapp.setFont(font)  # the window's font size preference is the app's font: later tests keep theirs
    assert not [w for w in qapp.topLevelWidgets() if w.isVisible()]  # nothing left open behind
    assert any("自己点検" in title for title in shown)
