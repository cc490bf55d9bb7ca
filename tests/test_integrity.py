"""The auditor's database checks itself (issue 12, part 4): an edit made with plain sqlite3, without the
passphrase, is found on open, before every export and by ``log verify``, or cannot be hidden.

Every attack below is made the way an attacker would: ``sqlite3`` on the file (dropping the app's triggers
where they are in the way), never through the app. On the code before the self-check each one went unseen:
the board, the workbook and the report used the changed rows and ``log verify`` said OK.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mizuho_audit.cli import run
from mizuho_audit.services.findings.findings import add_manual, propose
from mizuho_audit.services.intake.intake import import_submission
from mizuho_audit.services.intake.status_board import set_deadline
from mizuho_audit.services.reports.report_details import set_report_summary
from mizuho_audit.services.signing import ca
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.storage import integrity, oplog
from mizuho_audit.storage.repository import IntegrityFailure, Store
from mizuho_audit.usecases import administration as admin
from mizuho_audit.usecases import findings as findings_uc
from mizuho_audit.usecases import intake as intake_uc
from mizuho_audit.usecases import reports
from mizuho_audit.usecases.session import ReadOnlyLook, Session

from .auditor_setup import answer, register, trust_town_ca
from .conftest import FIXTURES, SHIPPED

PASS = "auditor passphrase 1"
AUDITOR = "監査 一郎"
V5_PASSPHRASE = "fixture-passphrase"  # scripts/make_auditor_fixture.py (schema 5 and 6)


# -- a genuine auditor's database, built once ------------------------------------------------------
def _qdir(root: Path) -> Path:
    q = root / "q"
    q.mkdir(parents=True, exist_ok=True)
    for f in (SHIPPED / "policy.yaml", SHIPPED / "departments.yaml", FIXTURES / "mini" / "mini-2026.yaml"):
        shutil.copy(f, q)
    return q


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``audit.db``: 住民課 signed PDF (an item 未実施), 税務課 and 総務課 JSON; 総務課 accepted; two findings;
    the deadline and the 総括 set. Also the CA (``ca/``), the department database and the files."""
    root = tmp_path_factory.mktemp("built")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MIZUHO_AUDIT_DATA_DIR", str(root / "userdata"))
        q = _qdir(root)
        ca.init_ca(root / "ca", b"ca-pass")
        ca.issue_certificate(root / "ca", b"ca-pass", name="jumin 課長", title="課長", department="住民課",
                             out_p12=root / "jumin.p12", p12_passphrase=b"p12-pass", department_id="jumin",
                             role="submission")
        dept = Workspace.open(root / "dept.db", shipped_dir=q, town_dir=root / "town")
        aud = Workspace.open(root / "audit.db", shipped_dir=q, town_dir=root / "town", role="auditor",
                             passphrase=PASS)
        ca.write_crl(root / "ca", b"ca-pass")
        trust_town_ca(aud, root / "ca", actor=AUDITOR)  # the town CA and its CRL
        register(aud, root / "jumin.p12", "submission", "jumin", passphrase=b"p12-pass", actor=AUDITOR)
        for dep, ratings, suffix in (("jumin", {"NET-001": "not_done"}, "pdf"),
                                     ("zeimu", {"ORG-001": "partial"}, "json"), ("somu", {}, "json")):
            answer(dept, dep, 2026, ratings)
            out = export_submission(dept, dept.checklist(dep, 2026), root / "sub" / f"{dep}.{suffix}", actor="担当",
                                    p12=root / "jumin.p12" if suffix == "pdf" else None,
                                    passphrase=b"p12-pass" if suffix == "pdf" else None)
            result = import_submission(aud, out, actor=AUDITOR)
            assert result.outcome == "imported", result.message
        intake_accept(aud, "somu")
        assert propose(aud, 2026, AUDITOR)
        add_manual(aud, 2026, "zeimu", grade="minor", title="手入力の指摘", text="パスワードの管理が不十分。",
                   actor=AUDITOR)
        set_deadline(aud, 2026, date(2026, 12, 18), AUDITOR)
        set_report_summary(aud, 2026, "全体として対策は定着しつつある。", actor=AUDITOR)
        assert aud.store.integrity_problems() == []
        aud.close()
        dept.close()
    return root


def intake_accept(ws: Workspace, department: str) -> None:
    from mizuho_audit.services.intake.intake import accept

    accept(ws, department, 2026, AUDITOR)


@pytest.fixture
def desk(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the genuine database, its checklists and CA; the passphrase in the environment."""
    for name in ("audit.db", "jumin.p12"):
        shutil.copy(built / name, tmp_path / name)
    shutil.copytree(built / "ca", tmp_path / "ca")
    _qdir(tmp_path)
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", PASS)
    return tmp_path


def _session(desk: Path, **kwargs: Any) -> Session:
    return Session.open(desk / "audit.db", passphrase=PASS, user=AUDITOR, shipped_dir=desk / "q",
                        town_dir=desk / "town", **kwargs)


def _sql(db: Path) -> sqlite3.Connection:
    """What the attacker has: the file and sqlite3, no passphrase."""
    return sqlite3.connect(db, isolation_level=None)


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _current(c: sqlite3.Connection, department: str) -> int:
    return int(c.execute("SELECT id FROM received_submissions WHERE department_id = ? AND superseded_by IS NULL",
                         [department]).fetchone()[0])


# -- the attacks -------------------------------------------------------------------------------------
def edit_snapshot(c: sqlite3.Connection) -> None:
    """The issue's attack: every 一部/未実施 of 住民課 set to 実施 in the stored snapshot."""
    rid = _current(c, "jumin")
    snap = json.loads(c.execute("SELECT snapshot FROM received_submissions WHERE id = ?", [rid]).fetchone()[0])
    changed = 0
    for a in snap["answers"]:
        if a["rating"] in ("partial", "not_done"):
            a["rating"], changed = "done", changed + 1
    assert changed
    c.execute("UPDATE received_submissions SET snapshot = ? WHERE id = ?", [_canonical(snap), rid])


def edit_snapshot_and_its_hash(c: sqlite3.Connection) -> None:
    """The same, with the recorded hash recomputed to match."""
    edit_snapshot(c)
    rid = _current(c, "jumin")
    snap = c.execute("SELECT snapshot FROM received_submissions WHERE id = ?", [rid]).fetchone()[0]
    c.execute("UPDATE received_submissions SET snapshot_hash = ? WHERE id = ?",
              [hashlib.sha256(snap.encode("utf-8")).hexdigest(), rid])


def accept_by_hand(c: sqlite3.Connection) -> None:
    c.execute("UPDATE received_submissions SET decision = 'accepted', decided_at = '2026-12-01T10:00:00+09:00', "
              "decided_by = ? WHERE id = ?", [AUDITOR, _current(c, "zeimu")])


def edit_a_finding(c: sqlite3.Connection) -> None:
    c.execute("UPDATE findings SET grade = 'observation', text = '問題はない。' WHERE department_id = 'jumin'")


def delete_a_finding(c: sqlite3.Connection) -> None:
    c.execute("DELETE FROM findings WHERE department_id = 'zeimu'")


def insert_a_submission(c: sqlite3.Connection) -> None:
    rid = _current(c, "somu")
    cols = [r[1] for r in c.execute("PRAGMA table_info(received_submissions)") if r[1] not in ("id", "file_sha256",
                                                                                               "department_id")]
    c.execute(f"INSERT INTO received_submissions (id, file_sha256, department_id, {', '.join(cols)}) "
              f"SELECT 99, ?, 'kaikei', {', '.join(cols)} FROM received_submissions WHERE id = ?", ["f" * 64, rid])


def cut_the_log(c: sqlite3.Connection) -> None:
    c.execute("DROP TRIGGER operation_log_no_delete")
    last = c.execute("SELECT MAX(seq) FROM operation_log").fetchone()[0]
    c.execute("DELETE FROM operation_log WHERE seq >= ?", [last - 1])


def rewrite_the_log(c: sqlite3.Connection) -> None:
    """One entry's actor changed and the whole chain recomputed: the chain alone looks sound again."""
    c.execute("DROP TRIGGER operation_log_no_update")
    rows = c.execute("SELECT seq, at, actor, role, action, target, details FROM operation_log ORDER BY seq").fetchall()
    prev = oplog.GENESIS
    for seq, at, actor, role, action, target, details in rows:
        actor = "別人" if seq == 2 else actor
        h = oplog.entry_hash(prev, seq, at, actor, role, action, target, details)
        c.execute("UPDATE operation_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?", [actor, prev, h, seq])
        prev = h
    assert oplog.verify(c) == []  # what log verify checked before: nothing to see


def replace_the_kept_file(c: sqlite3.Connection) -> None:
    c.execute("DROP TRIGGER received_files_no_update")
    c.execute("UPDATE received_files SET content = ? WHERE received_id = ?",
              [b"%PDF-1.7 another file", _current(c, "jumin")])


def copy_a_mac(c: sqlite3.Connection) -> None:
    """Finding B made equal to finding A (but for its id), and A's MAC copied onto B."""
    a, b = [r[0] for r in c.execute("SELECT id FROM findings ORDER BY id")][:2]
    cols = [r[1] for r in c.execute("PRAGMA table_info(findings)") if r[1] != "id"]
    c.execute(f"UPDATE findings SET ({', '.join(cols)}) = (SELECT {', '.join(cols)} FROM findings WHERE id = ?) "
              "WHERE id = ?", [a, b])
    mac = c.execute("SELECT mac FROM integrity_macs WHERE tbl = 'findings' AND row_key = ?", [str(a)]).fetchone()[0]
    c.execute("UPDATE integrity_macs SET mac = ? WHERE tbl = 'findings' AND row_key = ?", [mac, str(b)])


def move_the_deadline(c: sqlite3.Connection) -> None:
    c.execute("UPDATE settings SET value = '2027-03-31' WHERE key = 'deadline:2026'")


def rewrite_the_summary(c: sqlite3.Connection) -> None:
    c.execute("UPDATE report_details SET summary = '重大な問題はない。' WHERE fiscal_year = 2026")


def delete_a_submission(c: sqlite3.Connection) -> None:
    """税務課's submission gone with its kept file and its MACs: nothing of it left in the tables."""
    rid = _current(c, "zeimu")
    c.execute("DROP TRIGGER received_files_no_delete")
    c.execute("DELETE FROM received_files WHERE received_id = ?", [rid])
    c.execute("DELETE FROM integrity_macs WHERE tbl IN ('received_submissions', 'received_files') AND row_key = ?",
              [str(rid)])
    c.execute("DELETE FROM received_submissions WHERE id = ?", [rid])


def trust_another_root(c: sqlite3.Connection) -> None:
    """The attacker's own CA made a trust root, so that a forged submission would import as trusted."""
    c.execute("INSERT INTO trust_roots (fingerprint, subject, der, added_at, added_by) VALUES (?, ?, ?, ?, ?)",
              ["ab" * 32, "CN=瑞穂町 自己点検 認証局", b"0\x82 a certificate", "2026-11-01T09:00:00+09:00", AUDITOR])


def register_another_signer(c: sqlite3.Connection) -> None:
    """住民課's signer registration copied for another certificate."""
    cols = [r[1] for r in c.execute("PRAGMA table_info(signers)") if r[1] not in ("id", "fingerprint")]
    c.execute(f"INSERT INTO signers (fingerprint, {', '.join(cols)}) SELECT ?, {', '.join(cols)} FROM signers "
              "WHERE department_id = 'jumin'", ["cd" * 32])


def forget_a_signer(c: sqlite3.Connection) -> None:
    """The signer register's row deleted with its MAC (nothing of it left in the tables)."""
    [sid] = [r[0] for r in c.execute("SELECT id FROM signers")]
    c.execute("DELETE FROM integrity_macs WHERE tbl = 'signers' AND row_key = ?", [str(sid)])
    c.execute("DELETE FROM signers WHERE id = ?", [sid])


def drop_the_crl(c: sqlite3.Connection) -> None:
    """The town CA's CRL deleted with its MAC: a revoked certificate would be taken again."""
    [fp] = [r[0] for r in c.execute("SELECT issuer_fingerprint FROM crls")]
    c.execute("DELETE FROM integrity_macs WHERE tbl = 'crls' AND row_key = ?", [fp])
    c.execute("DELETE FROM crls WHERE issuer_fingerprint = ?", [fp])


def strip_the_seal(c: sqlite3.Connection) -> None:
    """Every MAC and the key's salt removed, so that the database looks as if it had never been sealed."""
    c.execute("DELETE FROM integrity_macs")
    c.execute("DELETE FROM integrity_anchor")
    c.execute("DROP TRIGGER database_info_no_delete")
    c.execute("DELETE FROM database_info WHERE key = 'integrity_kdf'")
    accept_by_hand(c)


ATTACKS: dict[str, tuple[Callable[[sqlite3.Connection], None], list[str]]] = {
    "snapshot": (edit_snapshot, ["住民課の2026年度の提出", "回答が書き換えられています"]),
    "snapshot_and_hash": (edit_snapshot_and_its_hash, ["住民課の2026年度の提出", "アプリの外で変更されています"]),
    "decision": (accept_by_hand, ["税務課の2026年度の提出", "判断が「受理」", "操作履歴では「未判断」"]),
    "finding_edit": (edit_a_finding, ["指摘事項", "住民課、2026年度", "アプリの外で変更されています"]),
    "finding_delete": (delete_a_finding, ["指摘事項", "削除されています"]),
    "insert_submission": (insert_a_submission, ["会計課の2026年度の提出", "受付番号 99", "アプリの外で追加"]),
    "log_tail": (cut_the_log, ["操作履歴の末尾の記録が削除されています"]),
    "log_rewrite": (rewrite_the_log, ["操作履歴の", "アプリの外で変更されています"]),
    "kept_file": (replace_the_kept_file, ["住民課の2026年度の提出", "取り込んだファイル", "差し替えられています"]),
    "mac_copy": (copy_a_mac, ["指摘事項", "アプリの外で変更されています"]),
    "deadline": (move_the_deadline, ["2026年度の提出期限", "2027-03-31"]),
    "summary": (rewrite_the_summary, ["2026年度の報告書の記載"]),
    "delete_submission": (delete_a_submission, ["税務課の2026年度の提出", "削除されています"]),
    "strip_seal": (strip_the_seal, ["封印の情報がありません"]),
    "trust_root": (trust_another_root, ["信頼する証明書「CN=瑞穂町 自己点検 認証局」", "アプリの外で追加"]),
    "signer_insert": (register_another_signer, ["署名者の登録", "jumin 課長", "アプリの外で追加"]),
    "signer_delete": (forget_a_signer, ["署名者の登録 1", "削除されています"]),
    "crl": (drop_the_crl, ["の失効リスト", "「なし」になっていますが、操作履歴では「"]),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_an_edit_with_sqlite3_is_found_everywhere(attack: str, desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    do, expected = ATTACKS[attack]
    db = desk / "audit.db"
    # The window is open on the database while the attacker edits the file.
    s = _session(desk)
    head = s.workspace.store.log_head()
    c = _sql(db)
    do(c)
    c.close()
    # Before every export and import: nothing is built from (or taken on the trust of) the changed database,
    # nothing is logged.
    exports: list[Callable[[], object]] = [
        lambda: intake_uc.import_files(s, [desk / "jumin.p12"]),
        lambda: reports.write_report(s, 2026, desk / "report.pdf"),
        lambda: reports.write_workbook(s, 2026, desk / "book.xlsx"),
        lambda: reports.write_result_notices(s, 2026, desk / "notices"),
        lambda: findings_uc.export_csv(s, 2026, desk / "findings.csv"),
    ]
    if attack not in ("delete_submission", "insert_submission"):
        exports.append(lambda: intake_uc.return_submission(s, "jumin", 2026, "やり直し", desk / "notice.pdf"))
    for export in exports:
        with pytest.raises(IntegrityFailure) as refused:
            export()
        for text in expected:
            assert text in str(refused.value), (attack, str(refused.value))
    assert not any((desk / f).exists() for f in ("report.pdf", "book.xlsx", "notices", "findings.csv", "notice.pdf"))
    assert s.workspace.store.log_head() == head or attack in ("log_tail", "log_rewrite")
    s.close()
    # On open: refused, with what was changed.
    with pytest.raises(IntegrityFailure) as on_open:
        _session(desk)
    for text in expected:
        assert text in str(on_open.value), (attack, str(on_open.value))
    assert "mizuho-audit log verify" in str(on_open.value)
    # log verify: every problem printed, exit 1.
    capsys.readouterr()
    assert run(["--db", str(db), "log", "verify"]) == 1
    err = capsys.readouterr().err
    for text in expected:
        assert text in err, (attack, err)
    # The command line refuses the report too (the database cannot be opened for it).
    assert run(["--db", str(db), "report", "pdf", "--year", "2026", "--out", str(desk / "r.pdf")]) == 3
    assert not (desk / "r.pdf").exists()


def test_the_issues_attack_lists_both_changes(desk: Path) -> None:
    """Snapshot edited and the decision set to 受理, as in the issue: both named, the department named."""
    c = _sql(desk / "audit.db")
    edit_snapshot(c)
    c.execute("UPDATE received_submissions SET decision = 'accepted' WHERE id = ?", [_current(c, "jumin")])
    c.close()
    with pytest.raises(IntegrityFailure) as refused:
        _session(desk)
    text = str(refused.value)
    assert "回答が書き換えられています" in text and "判断が「受理」" in text and "住民課" in text
    kinds = {p.kind for p in refused.value.problems}
    assert {"hash", "changed", "decision"} <= kinds


def test_log_verify_rereads_the_kept_files(desk: Path) -> None:
    """The thorough check: the kept PDF's signature and embedded answers agree with what was stored."""
    s = _session(desk)
    try:
        assert admin.verify_log(s) == []
        store = s.workspace.store
        [jumin] = store.received(2026, "jumin")
        raw = store.kept_file(jumin.id)
        assert raw is not None and hashlib.sha256(raw).hexdigest() == jumin.file_sha256 and raw.startswith(b"%PDF")
        assert jumin.file_kind == "pdf" and jumin.signature_status == "valid"
    finally:
        s.close()


def test_a_genuine_database_after_a_normal_year_passes_everything(tmp_path: Path, mini_dir: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Import, accept, return (and the new version), findings, report texts, every export, signing, closing and
    reopening the year, a backup and a restore: the self-check passes after each step and at the end."""
    from mizuho_audit.services.submission.notice import import_notice

    from .auditor_setup import build

    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", "auditor-pass-1")
    dept, aud = build(tmp_path, mini_dir, {"jumin": {"NET-001": "not_done"}, "zeimu": {}, "somu": {}})
    aud.close()
    s = Session.open(tmp_path / "audit.db", passphrase="auditor-pass-1", user=AUDITOR, shipped_dir=mini_dir,
                     town_dir=tmp_path / "town")
    intake_uc.accept(s, "somu", 2026)
    intake_uc.return_submission(s, "zeimu", 2026, "計画を書いてください", tmp_path / "notice.pdf")
    import_notice(dept, tmp_path / "notice.pdf", "担当")
    cl = dept.checklist("zeimu", 2026)
    dept.save(cl, "ORG-001", "note", "書き直した", "担当")
    from mizuho_audit.services.submission.workflow import Approver, submit

    submit(dept, cl, Approver("zeimu 課長", "課長", "2026-11-25"), "担当")
    v2 = export_submission(dept, dept.checklist("zeimu", 2026), tmp_path / "zeimu-v2.json", actor="担当")
    [result] = intake_uc.import_files(s, [v2], confirm_changes=True)
    assert result.outcome == "imported", result.message
    intake_uc.accept(s, "zeimu", 2026)
    ids = findings_uc.propose(s, 2026)
    assert ids
    findings_uc.update(s, ids[0], {"confirmed": 1, "text": "直した指摘。"})
    extra = add_manual(s.workspace, 2026, "somu", grade="observation", title="観察", text="記録を残すこと。",
                       actor=AUDITOR)
    findings_uc.delete(s, extra)
    intake_uc.set_deadline(s, 2026, date(2026, 12, 18))
    intake_uc.set_deadline(s, 2026, date(2026, 12, 25))
    reports.set_summary(s, 2026, "総括。")
    reports.set_cover(s, 2026, addressee="町長 様", document_number="瑞監第1号")
    assert s.workspace.store.integrity_problems() == []
    reports.write_workbook(s, 2026, tmp_path / "book.xlsx")
    # The report's three fields, signed in turn by the people printed and registered for them.
    ca.init_ca(tmp_path / "ca", b"ca-pass")
    trust_town_ca(s.workspace, tmp_path / "ca", actor=AUDITOR)
    people = {"author": "監査 一郎", "reviewer": "監査 確認", "approver": "監査 承認"}
    for role, name in people.items():
        ca.issue_certificate(tmp_path / "ca", b"ca-pass", name=name, title="課長", department="企画課",
                             out_p12=tmp_path / f"{role}.p12", p12_passphrase=None, role=role)
        register(s.workspace, tmp_path / f"{role}.p12", role, actor=AUDITOR)
    report = reports.write_report(s, 2026, tmp_path / "report.pdf", **people)
    reports.write_result_notices(s, 2026, tmp_path / "notices")
    findings_uc.export_csv(s, 2026, tmp_path / "findings.csv")
    one = reports.sign(s, report, tmp_path / "1.pdf", p12=tmp_path / "author.p12", passphrase=None).out
    two = reports.sign(s, one, tmp_path / "2.pdf", p12=tmp_path / "reviewer.p12", passphrase=None).out
    reports.sign(s, two, tmp_path / "signed.pdf", p12=tmp_path / "approver.p12", passphrase=None, close_year=2026)
    assert reports.closed_year(s, 2026) is not None
    reports.reopen_year(s, 2026, "指摘の追記")
    reports.sign(s, two, tmp_path / "signed2.pdf", p12=tmp_path / "approver.p12", passphrase=None, close_year=2026)
    assert s.workspace.store.integrity_problems() == []
    admin.backup_open(s, tmp_path / "backup.db")
    s.close()
    dept.close()
    capsys.readouterr()
    assert run(["--db", str(tmp_path / "audit.db"), "log", "verify"]) == 0
    out = capsys.readouterr().out
    assert "アプリの外での変更は見つかりませんでした" in out and "提出 4 件" in out
    # A restore appends its entry without the key: the next open seals it, and everything still passes.
    assert run(["--db", str(tmp_path / "audit.db"), "restore", "--from", str(tmp_path / "backup.db")]) == 0
    s = Session.open(tmp_path / "audit.db", passphrase="auditor-pass-1", shipped_dir=mini_dir,
                     town_dir=tmp_path / "town")
    assert s.workspace.store.log_entries()[-1].action == "database_restored"
    assert s.workspace.store.integrity_problems() == []
    s.close()
    assert run(["--db", str(tmp_path / "audit.db"), "log", "verify"]) == 0


def test_an_entry_added_after_a_restore_entry_is_not_taken(desk: Path) -> None:
    """Only the restore's own entry at the very end is sealed on open; anything else without a MAC is refused."""
    s = _session(desk)
    s.close()
    c = _sql(desk / "audit.db")
    last = c.execute("SELECT seq, hash FROM operation_log ORDER BY seq DESC LIMIT 1").fetchone()
    prev, seq = last[1], last[0]
    for action in ("database_restored", "accepted"):
        seq += 1
        h = oplog.entry_hash(prev, seq, "2026-12-01T10:00:00+09:00", "x", "auditor", action, "t", "{}")
        c.execute("INSERT INTO operation_log VALUES (?, ?, 'x', 'auditor', ?, 't', '{}', ?, ?)",
                  [seq, "2026-12-01T10:00:00+09:00", action, prev, h])
        prev = h
    c.close()
    with pytest.raises(IntegrityFailure, match="アプリの外で追加された記録"):
        _session(desk)


def test_the_report_carries_every_submission_hash_and_the_log_head(desk: Path) -> None:
    s = _session(desk)
    try:
        store = s.workspace.store
        before = store.log_head_entry()
        out = reports.write_report(s, 2026, desk / "report.pdf")
        entries = store.log_entries()
        assert entries[-1].action == "report_exported" and entries[-2].seq == before[0]
        received = store.received(2026)
        sealed_at = store.sealing()
    finally:
        s.close()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout
    assert "集計した提出と操作履歴（改ざん検出の基準値）" in text
    assert len(received) == 3
    for r in received:
        assert r.snapshot_hash in text, r.department_id
    assert before[1] in text and f"{before[0]} 番目" in text
    assert sealed_at is not None and "改ざん検出の封印" in text and "データベースの作成時" in text


@pytest.mark.parametrize("version", [5, 6])
def test_an_older_auditors_database_is_sealed_on_first_open(version: int, tmp_path: Path, mini_dir: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Schema 5 (before trust in the database) and 6 (with it: a trusted CA, its CRL, 住民課長 registered and
    住民課's signed PDF), both made by their releases (scripts/make_auditor_fixture.py)."""
    db = tmp_path / "old-audit.db"
    shutil.copy(FIXTURES / f"schema_v{version}_auditor.db", db)
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", V5_PASSPHRASE)
    capsys.readouterr()
    assert run(["--db", str(db), "log", "verify"]) == 0
    captured = capsys.readouterr()
    assert "改ざん検出の封印をしました" in captured.err and "アプリの外での変更は見つかりませんでした" in captured.out
    assert list(tmp_path.glob(f"old-audit.db.v{version}-*.bak")), "a copy is kept before migrating"
    s = Session.open(db, passphrase=V5_PASSPHRASE, shipped_dir=mini_dir, town_dir=tmp_path / "town")
    try:
        assert not s.sealed_now  # once only
        store = s.workspace.store
        sealed = [e for e in store.log_entries() if e.action == "integrity_sealed"]
        assert len(sealed) == 1 and sealed[0].details["reason"] == "migrated"
        assert sealed[0].details["baseline"]["findings"] == [f.id for f in store.findings()]
        assert store.sealing() == {"at": sealed[0].at, "reason": "migrated"}
        assert store.kept_file(1) is None  # imported before files were kept: trusted as sealed
        assert [r.decision for r in store.received(2026)] == ["accepted", "returned", None]
        if version == 6:
            assert [r.trust for r in store.received(2026)] == ["trusted", "unsigned", "unsigned"]
            assert sealed[0].details["baseline"]["signers"] == [1] and len(store.trust_roots()) == 1
        reports.write_report(s, 2026, tmp_path / "report.pdf")  # the sealed database builds a report
    finally:
        s.close()
    # From now on it is checked like any other: an edit is found.
    c = _sql(db)
    c.execute("UPDATE findings SET text = '書き換え' WHERE id = 1")
    if version == 6:
        c.execute("UPDATE signers SET department_id = 'zeimu' WHERE id = 1")
    c.close()
    with pytest.raises(IntegrityFailure, match="指摘事項 1") as refused:
        Session.open(db, passphrase=V5_PASSPHRASE, shipped_dir=mini_dir, town_dir=tmp_path / "town")
    assert version == 5 or "署名者の登録 1（jumin 課長）: アプリの外で変更されています" in str(refused.value)


def test_an_edit_made_before_sealing_is_still_found(tmp_path: Path, mini_dir: Path) -> None:
    """The issue's attack on a database of the version before: the snapshot no longer has its hash, and the
    decision is not in the log; the database is not sealed (that would make the edit look genuine)."""
    db = tmp_path / "old-audit.db"
    shutil.copy(FIXTURES / "schema_v5_auditor.db", db)
    c = _sql(db)
    snap = json.loads(c.execute("SELECT snapshot FROM received_submissions WHERE id = 2").fetchone()[0])
    for a in snap["answers"]:
        a["rating"] = "done"
    c.execute("UPDATE received_submissions SET snapshot = ?, decision = 'accepted' WHERE id = 2", [_canonical(snap)])
    c.execute("UPDATE received_submissions SET decision = 'accepted' WHERE id = 3")
    c.close()
    with pytest.raises(IntegrityFailure) as refused:
        Session.open(db, passphrase=V5_PASSPHRASE, shipped_dir=mini_dir, town_dir=tmp_path / "town")
    text = str(refused.value)
    assert "税務課の2026年度の提出" in text and "回答が書き換えられています" in text
    assert "判断が「受理」になっていますが、操作履歴では「差戻し」" in text
    assert "総務課の2026年度の提出" in text and "操作履歴では「未判断」" in text
    c = _sql(db)
    assert c.execute("SELECT COUNT(*) FROM operation_log WHERE action = 'integrity_sealed'").fetchone()[0] == 0
    assert c.execute("SELECT COUNT(*) FROM database_info WHERE key = 'integrity_kdf'").fetchone()[0] == 0
    c.close()


def test_a_damaged_database_opens_read_only_for_a_look(desk: Path) -> None:
    c = _sql(desk / "audit.db")
    accept_by_hand(c)
    c.close()
    s = _session(desk, read_only_if_damaged=True)
    try:
        assert s.read_only and any("判断が「受理」" in str(p) for p in s.damage)
        rows = {r.department: r for r in intake_uc.board(s, 2026)}
        assert rows["zeimu"].status == "accepted"  # what is in the file, shown as it is
        with pytest.raises(ReadOnlyLook, match="読み取り専用"):
            intake_uc.accept(s, "jumin", 2026)
        with pytest.raises(IntegrityFailure):
            reports.write_report(s, 2026, desk / "r.pdf")
        with pytest.raises(IntegrityFailure):
            admin.automatic_backup_open(s)
    finally:
        s.close()
    c = _sql(desk / "audit.db")
    assert c.execute("SELECT decision FROM received_submissions WHERE department_id = 'jumin'").fetchone()[0] is None
    c.close()


def test_the_window_says_so_and_offers_a_look_or_a_restore(desk: Path, qtbot: Any,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from mizuho_audit import app
    from mizuho_audit.ui import start_dialogs

    from .test_window import FakeDialogs

    class Passphrase:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pass

        def exec(self) -> int:
            return 1  # QDialog.DialogCode.Accepted

        def passphrase(self) -> str:
            return PASS

    class Choosing(FakeDialogs):
        def __init__(self, choice: int | None) -> None:
            super().__init__(AUDITOR)
            self.choice = choice
            self.shown: list[tuple[str, str, list[str], str]] = []

        def choose(self, parent: Any, title: str, text: str, choices: Any, details: str = "") -> int | None:
            self.shown.append((title, text, list(choices), details))
            return self.choice

    monkeypatch.setattr(start_dialogs, "PassphraseDialog", Passphrase)
    c = _sql(desk / "audit.db")
    accept_by_hand(c)
    c.close()
    closing = Choosing(2)
    assert app.open_session(desk / "audit.db", closing, shipped_dir=desk / "q", town_dir=desk / "town") == (None, 0)
    [(title, text, choices, details)] = closing.shown
    assert "改ざんの疑い" in title and "読み取り専用で開く" in choices and "バックアップから復元…" in choices
    assert "判断が「受理」" in details and "通常どおりには開きません" in text
    restoring = Choosing(1)
    offered: list[object] = []
    monkeypatch.setattr("mizuho_audit.ui.backup_actions.offer_restore",
                        lambda dialogs, db, exc: offered.append(exc) or False)
    assert app.open_session(desk / "audit.db", restoring, shipped_dir=desk / "q", town_dir=desk / "town") == (None, 3)
    assert offered and isinstance(offered[0], IntegrityFailure)
    looking = Choosing(0)
    opened, code = app.open_session(desk / "audit.db", looking, shipped_dir=desk / "q", town_dir=desk / "town")
    assert opened is not None and code == 0
    try:
        w = opened.window
        qtbot.addWidget(w)
        assert opened.session.read_only and w.damage_banner is not None
        assert "読み取り専用" in w.windowTitle() and "読み取り専用" in w.damage_banner.text()
        assert not w.import_files_button.isEnabled() and not w.acceptDrops()
        w.backup_actions.schedule_automatic(0)
        assert w.backup_actions.backup_on_exit() is None  # a changed database never pushes good backups out
    finally:
        opened.window.close()
        opened.close()


def test_a_departments_database_has_no_macs(workspace: Workspace) -> None:
    """No passphrase, no key: a department's database is protected by the submission's signature and hash."""
    cl = workspace.checklist("jumin", 2026)
    workspace.save(cl, "ORG-001", "rating", "done", "山田")
    assert workspace.store.integrity_problems() == []
    assert workspace.store.db.execute("SELECT COUNT(*) FROM integrity_macs").fetchone()[0] == 0
    assert workspace.store.info(integrity.KDF_INFO) is None


def _synthetic_desk(db: Path, submissions: int, items: int) -> None:
    """An auditor's database with ``submissions`` received files of ``items`` answers each (written through the
    store, as an import writes them), 5 findings each and a file of about 400 KB kept for each."""
    store = Store.open(db, role="auditor", passphrase=PASS)
    try:
        for n in range(submissions):
            answers = [{"item_id": f"ITEM-{i:03d}", "rating": ("done", "partial", "not_done", "na")[i % 4],
                        "note": "実施状況の記録。" * 6, "reason": "", "plan_content": "改善する。" * 4,
                        "plan_owner": "係長", "plan_due": "2027-03-31", "needs_review": False, "attachments": []}
                       for i in range(items)]
            snap = {"department": {"id": f"dep{n:02d}", "name": f"部署{n}"}, "fiscal_year": 2026, "answers": answers,
                    "questionnaire": {"id": "q", "version": "1", "content_hash": "c" * 64}}
            text = _canonical(snap)
            content = (f"%PDF-1.7 {n}".encode() + b"\0" * 400_000)
            record = {"department_id": f"dep{n:02d}", "fiscal_year": 2026, "questionnaire_id": "q",
                      "questionnaire_version": "1", "content_hash": "c" * 64, "submission_version": 1,
                      "snapshot": text, "snapshot_hash": hashlib.sha256(text.encode()).hexdigest(), "log_hash": "",
                      "file_name": f"dep{n:02d}.pdf", "file_sha256": hashlib.sha256(content).hexdigest(),
                      "file_kind": "pdf", "signature_status": "valid", "signer_name": "課長", "signer_title": "課長",
                      "signed_at": "2026-11-20T10:00:00+09:00", "trust": "trusted", "exception_reason": None}
            rid = store.add_received(record, actor=AUDITOR, content=content)
            store.decide(rid, "accepted", reason="", actor=AUDITOR)
            store.add_findings([{"fiscal_year": 2026, "department_id": f"dep{n:02d}", "source": "manual",
                                 "grade": "minor", "title": f"指摘 {k}", "text": "指摘の内容。" * 10,
                                 "responsible": f"dep{n:02d}"} for k in range(5)], actor=AUDITOR,
                               action="finding_added")
    finally:
        store.close()


@pytest.mark.slow
def test_the_open_check_is_fast_for_60_submissions_of_300_items(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    _synthetic_desk(db, 60, 300)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        store = Store.open(db, passphrase=PASS)
        opened = time.perf_counter() - started
        started = time.perf_counter()
        problems = store.integrity_problems()
        checked = time.perf_counter() - started
        store.close()
        assert problems == []
        timings.append((opened, checked))
    opened, checked = min(timings)
    print(f"open with the check: {opened:.3f} s, the check alone: {checked:.3f} s")
    assert checked < 1.0 and opened < 2.0


@pytest.fixture
def fresh_desk(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "a.db", role="auditor", passphrase=PASS)
    yield store
    store.close()


def test_every_write_of_the_app_is_sealed_in_its_own_transaction(fresh_desk: Store) -> None:
    """A write that fails leaves no MAC behind; one that succeeds leaves exactly the MACs of its rows."""
    store = fresh_desk
    store.set_setting("user_name", AUDITOR)
    macs = dict(store.db.execute("SELECT row_key, mac FROM integrity_macs WHERE tbl = 'settings'").fetchall())
    assert set(macs) == {"user_name"}
    with pytest.raises(RuntimeError), integrity_transaction(store):
        store.db.conn.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        raise RuntimeError("crash")
    assert store.db.execute("SELECT COUNT(*) FROM integrity_macs WHERE row_key = 'x'").fetchone()[0] == 0
    assert store.integrity_problems() == []


def integrity_transaction(store: Store) -> Any:
    from mizuho_audit.storage.connection import transaction

    return transaction(store.db)


def test_the_years_themes_are_what_the_log_says(desk: Path) -> None:
    """Which items a department is asked (the 年度's themes) cannot be changed with sqlite3 unseen: a theme
    added or removed outside the app is found against the log's theme entries."""
    s = _session(desk)
    store = s.workspace.store
    store.change_theme_assignments(2026, add={"jumin": {"outsourcing", "counter"}}, remove={}, actor=AUDITOR,
                                   action="themes_assigned")
    store.change_theme_assignments(2026, add={}, remove={"jumin": {"counter"}}, actor=AUDITOR,
                                   action="themes_removed")
    assert store.integrity_problems() == []  # assigned, then removed, through the app: as the log says
    s.close()
    c = _sql(desk / "audit.db")
    c.execute("DELETE FROM theme_assignments WHERE theme_id = 'outsourcing'")
    c.execute("INSERT INTO theme_assignments (fiscal_year, department_id, theme_id, assigned_at, assigned_by) "
              "VALUES (2026, 'zeimu', 'mynumber', '2026-11-01T09:00:00+09:00', ?)", [AUDITOR])
    c.close()
    with pytest.raises(IntegrityFailure) as on_open:
        _session(desk)
    text = str(on_open.value)
    assert "2026年度のテーマ「outsourcing」（住民課）" in text and "削除されています" in text
    assert "2026年度のテーマ「mynumber」（税務課）" in text and "アプリの外で追加" in text
