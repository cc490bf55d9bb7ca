"""Signatures an auditor can defend: each attack of issue 12 built with the real libraries (pyHanko,
cryptography), refused by default, with the store unchanged; genuine files still import in one step."""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from mizuho_audit.cli import run
from mizuho_audit.services.intake.intake import import_submission
from mizuho_audit.services.intake.trust_checks import ImportOptions
from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.signing import sign_pdf
from mizuho_audit.services.submission.submission import export_submission
from mizuho_audit.services.submission.workflow import Approver, canonical_json, reopen, snapshot_hash, submit
from mizuho_audit.services.workspace import Workspace
from mizuho_audit.usecases import reports
from mizuho_audit.usecases.session import Session

from .auditor_setup import AUDITOR_PASSPHRASE, answer, register, trust_town_ca

CA_PASS = b"town-ca-secret-1"


@dataclass
class Town:
    tmp: Path
    ca: Path
    heads: dict[str, Path]  # department id -> the head's certificate (names: "<id> 課長")
    dept: Workspace
    aud: Workspace

    def export(self, department: str, out: str, p12: Path | None = None) -> Path:
        cl = self.dept.checklist(department, 2026)
        return export_submission(self.dept, cl, self.tmp / out, actor="担当", p12=p12)

    def take(self, path: Path, **options: object) -> object:
        return import_submission(self.aud, path, actor="監査 一郎", options=ImportOptions(**options))  # type: ignore[arg-type]


@pytest.fixture
def town(tmp_path: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Town:
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    ca.init_ca(tmp_path / "ca", CA_PASS, common_name="瑞穂町 自己点検 認証局")
    heads = {}
    for dep in ("jumin", "zaisei"):
        heads[dep] = ca.issue_certificate(tmp_path / "ca", CA_PASS, name=f"{dep} 課長", title="課長", department=dep,
                                          out_p12=tmp_path / f"{dep}.p12", p12_passphrase=None, department_id=dep,
                                          role="submission").p12_path
    ca.write_crl(tmp_path / "ca", CA_PASS)
    dept = Workspace.open(tmp_path / "dept.db", shipped_dir=mini_dir, town_dir=tmp_path / "town")
    for dep in ("jumin", "zaisei"):
        answer(dept, dep, 2026, {"NET-001": "not_done"})
    aud = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                         passphrase=AUDITOR_PASSPHRASE)
    trust_town_ca(aud, tmp_path / "ca")
    for dep, p12 in heads.items():
        register(aud, p12, "submission", dep)
    yield Town(tmp_path, tmp_path / "ca", heads, dept, aud)
    dept.close()
    aud.close()


def _received(t: Town) -> list[tuple[str, int, str | None]]:
    return [(r.department_id, r.submission_version, r.trust) for r in t.aud.store.received(2026)]


def test_genuine_submissions_import_in_one_step(town: Town) -> None:
    for dep in ("jumin", "zaisei"):
        got = town.take(town.export(dep, f"{dep}.pdf", town.heads[dep]))
        assert got.outcome == "imported" and got.trust == "trusted", got.message  # type: ignore[attr-defined]
    assert _received(town) == [("jumin", 1, "trusted"), ("zaisei", 1, "trusted")]


def _sign_as(pdf: Path, p12: Path, out: Path, passphrase: bytes | None = None) -> Path:
    """What an attacker with their own tools does: sign any PDF with any key."""
    out.write_bytes(sign_pdf(pdf.read_bytes(), p12, passphrase, field_name="情報セキュリティ管理者", reason="承認"))
    return out


def _with_approver(t: Town, department: str, name: str, title: str = "課長") -> None:
    """Reopen and submit again with another approver recorded (what a department that lies would do)."""
    cl = t.dept.checklist(department, 2026)
    reopen(t.dept, cl, "承認者の変更", "担当")
    submit(t.dept, cl, Approver(name, title, "2026-11-21"), "担当")


def test_another_departments_certificate_is_refused(town: Town) -> None:
    """住民課長's certificate signs 財政課's submission, whose approver was set to that name."""
    _with_approver(town, "zaisei", "jumin 課長")
    forged = town.export("zaisei", "zaisei-by-jumin.pdf", town.heads["jumin"])
    got = town.take(forged)
    assert got.outcome == "refused" and "提出の承認者として登録されていません" in got.message  # type: ignore[attr-defined]
    assert "提出の承認（jumin）" in got.message  # type: ignore[attr-defined]  # what it is registered for
    assert _received(town) == []


def _self_signed_look_alike(t: Town, name: str, title: str) -> Path:
    """A CA named like the town's CA, and a certificate it issues to a person named like the head."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "瑞穂町"),
                         x509.NameAttribute(NameOID.COMMON_NAME, "瑞穂町 自己点検 認証局")])
    now = dt.datetime.now(dt.UTC)
    root = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(key, hashes.SHA256()))
    person_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    person = (x509.CertificateBuilder()
              .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                                       x509.NameAttribute(NameOID.TITLE, title)]))
              .issuer_name(ca_name).public_key(person_key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
              .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
              .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
              .sign(key, hashes.SHA256()))
    (t.tmp / "look-alike-ca.pem").write_bytes(root.public_bytes(serialization.Encoding.PEM))
    p12 = t.tmp / "look-alike.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(b"x", person_key, person, [root],
                                                          serialization.NoEncryption()))
    return p12


def test_a_self_signed_look_alike_is_refused(town: Town) -> None:
    """A forged 財政課 submission scoring 100, signed by a look-alike with the right name."""
    cl = town.dept.checklist("zaisei", 2026)
    reopen(town.dept, cl, "偽造", "攻撃者")
    for it in cl.questionnaire.items():
        town.dept.save(cl, it.id, "rating", "done", "攻撃者")
    submit(town.dept, cl, Approver("zaisei 課長", "課長", "2026-11-21"), "攻撃者")
    forged = town.export("zaisei", "forged.pdf", _self_signed_look_alike(town, "zaisei 課長", "課長"))
    got = town.take(forged)
    assert got.outcome == "refused", got.message  # type: ignore[attr-defined]
    assert "信頼されていません" in got.message and "登録されていません" in got.message  # type: ignore[attr-defined]
    # The command line's plain import refuses it too (exit 1), and the store is unchanged.
    assert run(["--db", str(town.tmp / "audit.db"), "import", str(forged)]) == 1
    assert _received(town) == []


def test_a_new_auditor_database_says_how_to_trust(town: Town, tmp_path: Path, mini_dir: Path) -> None:
    fresh = Workspace.open(tmp_path / "fresh.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                           passphrase=AUDITOR_PASSPHRASE)
    try:
        got = import_submission(fresh, town.export("jumin", "j.pdf", town.heads["jumin"]), actor="監査")
        assert got.outcome == "refused" and "trust add --db" in got.message and "signer add" in got.message
        assert fresh.store.received(2026) == []
    finally:
        fresh.close()


def test_a_revoked_certificate_is_refused(town: Town) -> None:
    signed = town.export("zaisei", "zaisei.pdf", town.heads["zaisei"])
    revoked = [c for c in ca.issued_certificates(town.ca) if "zaisei 課長" in c.subject.rfc4514_string()]
    serial = revoked[0].serial_number
    ca.revoke(town.ca, serial, "端末の紛失", ca_passphrase=CA_PASS)
    # Before the database knows of the revocation the file imports; for one import --crl is enough ...
    got = town.take(signed, crls=((town.ca / "ca.crl").read_bytes(),))
    assert got.outcome == "refused" and "失効" in got.message  # type: ignore[attr-defined]
    # ... and once the CRL is kept in the database (trust crl), every import checks it.
    assert run(["--db", str(town.tmp / "audit.db"), "trust", "crl", str(town.ca / "ca.crl")]) == 0
    assert town.take(signed).outcome == "refused"  # type: ignore[attr-defined]
    assert run(["submission", "verify", str(signed), "--trust", str(town.ca / "ca-cert.pem"),
                "--crl", str(town.ca / "ca.crl")]) == 1
    assert _received(town) == []


def test_a_revocation_in_the_same_second_as_the_kept_crl_still_counts(town: Town,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Two CRLs issued in the same second (a CRL kept, then a revocation at once): the later one, told apart by
    its CRL number, replaces the kept one, so the revoked certificate's file is refused."""
    signed = town.export("zaisei", "zaisei.pdf", town.heads["zaisei"])
    # A second later than the CRL the town already keeps (made at the real time): a fixed date would fall behind
    # it once the clock passes that date, and the two CRLs of this test would then not be taken at all.
    moment = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(hours=1)
    monkeypatch.setattr(ca, "_now", lambda: moment)
    ca.write_crl(town.ca, CA_PASS)
    assert run(["--db", str(town.tmp / "audit.db"), "trust", "crl", str(town.ca / "ca.crl")]) == 0
    older = town.tmp / "older.crl"
    older.write_bytes((town.ca / "ca.crl").read_bytes())
    serial = next(c.serial_number for c in ca.issued_certificates(town.ca)
                  if "zaisei 課長" in c.subject.rfc4514_string())
    ca.revoke(town.ca, serial, "端末の紛失", ca_passphrase=CA_PASS)  # the same second
    assert x509.load_der_x509_crl((town.ca / "ca.crl").read_bytes()).last_update_utc == moment
    assert run(["--db", str(town.tmp / "audit.db"), "trust", "crl", str(town.ca / "ca.crl")]) == 0
    got = town.take(signed)
    assert got.outcome == "refused" and "失効" in got.message  # type: ignore[attr-defined]
    # The older CRL offered afterwards is not taken back in its place.
    assert run(["--db", str(town.tmp / "audit.db"), "trust", "crl", str(older)]) == 0
    assert town.take(signed).outcome == "refused"  # type: ignore[attr-defined]


def test_a_signature_after_the_revocation_is_never_taken(town: Town) -> None:
    before = town.export("zaisei", "before.pdf", town.heads["zaisei"])
    revoked = [c for c in ca.issued_certificates(town.ca) if "zaisei 課長" in c.subject.rfc4514_string()]
    time.sleep(1.1)  # a CRL keeps whole seconds: the revocation falls after the first signature's second
    ca.revoke(town.ca, revoked[0].serial_number, "端末の紛失", ca_passphrase=CA_PASS)
    assert run(["--db", str(town.tmp / "audit.db"), "trust", "crl", str(town.ca / "ca.crl")]) == 0
    # The stolen key signs a new file after the revocation (the department's database knows no CRL).
    after = town.export("zaisei", "after.pdf", town.heads["zaisei"])
    got = town.take(after, exception_reason="課長が異動したため")
    assert got.outcome == "refused" and not got.can_be_excepted  # type: ignore[attr-defined]
    assert "例外としても取り込めません" in got.message  # type: ignore[attr-defined]
    assert _received(town) == []
    # Signed before the revocation: refused by default, yet the auditor may take it as an exception.
    assert town.take(before).outcome == "refused"  # type: ignore[attr-defined]
    got = town.take(before, exception_reason="異動前に署名されたことを課長に確認済み")
    assert got.outcome == "imported", got.message  # type: ignore[attr-defined]
    assert _received(town) == [("zaisei", 1, "exception")]
    # The board and the status command say it was an exception, and why.
    from mizuho_audit.services.intake.status_board import board

    row = next(r for r in board(town.aud, 2026) if r.department == "zaisei")
    assert (row.signature, row.exception_reason) == ("exception", "異動前に署名されたことを課長に確認済み")


def test_the_approver_must_be_the_certificate_holder(town: Town) -> None:
    _with_approver(town, "jumin", "別人 太郎")
    # The app itself refuses to sign with someone else's certificate ...
    from mizuho_audit.services.submission.workflow import WorkflowError

    with pytest.raises(WorkflowError, match="承認者の氏名（別人 太郎）"):
        town.export("jumin", "j.pdf", town.heads["jumin"])
    # ... and a file signed with other tools is refused at the import.
    unsigned = town.export("jumin", "j-unsigned.pdf")
    got = town.take(_sign_as(unsigned, town.heads["jumin"], town.tmp / "j-signed.pdf"))
    assert got.outcome == "refused" and "記録された承認者（別人 太郎）" in got.message  # type: ignore[attr-defined]


def test_an_older_version_is_refused(town: Town) -> None:
    v1 = town.export("jumin", "v1.pdf", town.heads["jumin"])
    cl = town.dept.checklist("jumin", 2026)
    reopen(town.dept, cl, "直す", "担当")
    town.dept.save(cl, "NET-001", "rating", "done", "担当")
    submit(town.dept, cl, Approver("jumin 課長", "課長", "2026-11-22"), "担当")
    v2 = town.export("jumin", "v2.pdf", town.heads["jumin"])
    assert town.take(v1).outcome == "imported"  # type: ignore[attr-defined]
    assert town.take(v2, confirm_changes=True).outcome == "imported"  # type: ignore[attr-defined]
    assert town.take(v1).outcome == "duplicate"  # type: ignore[attr-defined]  # the very same file: nothing to do
    # A re-export of version 1 (a different file, signed anew by the real key) is refused, not a 再提出.
    got = town.take(_reexport_v1(town))
    assert got.outcome == "refused" and "古い版" in got.message  # type: ignore[attr-defined]
    assert _received(town)[-1] == ("jumin", 2, "trusted")


def _reexport_v1(t: Town) -> Path:
    """Version 1's snapshot, from the department's history, signed again by the real key."""
    from mizuho_audit.services.signing.pdf_attachments import attach_file
    from mizuho_audit.services.submission.submission import EMBEDDED_NAME, make_envelope
    from mizuho_audit.services.submission.submission_pdf import render_submission_pdf

    cl = t.dept.checklist("jumin", 2026)
    first = t.dept.store.submissions(cl.assessment.id)[0]
    envelope = make_envelope(first.snapshot, first.snapshot_hash, t.dept.store.log_head(), "2026-12-01T09:00:00+09:00")
    pdf = render_submission_pdf(json.loads(first.snapshot), cl.questionnaire, snapshot_hash=first.snapshot_hash,
                                signature_note="")
    pdf = attach_file(pdf, EMBEDDED_NAME, json.dumps(envelope, ensure_ascii=False).encode("utf-8"), "回答")
    out = t.tmp / "v1-resigned.pdf"
    out.write_bytes(sign_pdf(pdf, t.heads["jumin"], None, field_name="情報セキュリティ管理者", reason="承認"))
    return out


def test_the_same_version_with_other_content_is_refused(town: Town, tmp_path: Path, mini_dir: Path) -> None:
    assert town.take(town.export("jumin", "a.pdf", town.heads["jumin"])).outcome == "imported"  # type: ignore[attr-defined]
    other = Workspace.open(tmp_path / "other.db", shipped_dir=mini_dir, town_dir=tmp_path / "town")
    try:
        answer(other, "jumin", 2026, {"NET-001": "done"})  # version 1 again, other answers
        cl = other.checklist("jumin", 2026)
        b = export_submission(other, cl, tmp_path / "b.pdf", actor="担当", p12=town.heads["jumin"])
    finally:
        other.close()
    got = town.take(b, confirm_changes=True)
    assert got.outcome == "refused" and "同じ版番号で、内容の違うファイル" in got.message  # type: ignore[attr-defined]


def test_unsigned_never_replaces_signed_without_an_exception(town: Town) -> None:
    assert town.take(town.export("jumin", "signed.pdf", town.heads["jumin"])).outcome == "imported"  # type: ignore[attr-defined]
    cl = town.dept.checklist("jumin", 2026)
    reopen(town.dept, cl, "直す", "担当")
    town.dept.save(cl, "NET-001", "rating", "done", "担当")
    submit(town.dept, cl, Approver("jumin 課長", "課長", "2026-11-22"), "担当")
    unsigned = town.export("jumin", "v2.json")
    got = town.take(unsigned, confirm_changes=True)
    assert got.outcome == "refused" and "署名のないファイルで置き換えることはできません" in got.message  # type: ignore[attr-defined]
    got = town.take(unsigned, confirm_changes=True, exception_reason="課長に電話で確認した（12/1）")
    assert got.outcome == "imported" and got.trust == "exception"  # type: ignore[attr-defined]
    last = town.aud.store.received(2026)[-1]
    assert last.exception_reason == "課長に電話で確認した（12/1）"
    logged = town.aud.store.log_entries()[-1]
    assert logged.action == "submission_imported" and logged.details["exception_reason"] == last.exception_reason


def test_follow_ups_only_for_the_own_department(town: Town) -> None:
    """住民課's file carries an answer to a follow-up item addressed to 財政課."""
    row = {"department_id": "zaisei", "item_id": "NET-001", "grade": "major", "title": "t", "text": "x",
           "recommendation": "r", "due": "2027-03-31", "responsible": "zaisei", "confirmed": 1}
    [last_year] = town.aud.store.add_findings([{**row, "fiscal_year": 2025, "source": "manual"}], actor="監査",
                                              action="finding_added")
    town.aud.store.add_findings([{**row, "fiscal_year": 2026, "source": "carried", "carried_from": last_year}],
                                actor="監査", action="findings_carried")
    item = f"FU-{last_year:03d}"
    plain = town.export("jumin", "j.json")
    envelope = json.loads(plain.read_text(encoding="utf-8"))
    snap = envelope["snapshot"] if isinstance(envelope["snapshot"], dict) else json.loads(envelope["snapshot"])
    snap["answers"].append({"item_id": item, "rating": "done", "note": "完了した", "reason": "",
                            "plan_content": "", "plan_owner": "", "plan_due": "", "attachments": []})
    envelope["snapshot"], envelope["snapshot_hash"] = snap, snapshot_hash(snap)
    forged = town.tmp / "j-fu.json"
    forged.write_text(canonical_json(envelope), encoding="utf-8")
    got = town.take(forged)
    assert got.outcome == "refused" and "ほかの部署に宛てた指摘事項" in got.message  # type: ignore[attr-defined]
    assert item in got.message  # type: ignore[attr-defined]
    assert all(f.department_report == "" for f in town.aud.store.findings(2026))


def test_trust_add_shows_the_fingerprint_and_is_logged(town: Town, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    _self_signed_look_alike(town, "x", "y")
    db = str(town.tmp / "audit.db")
    assert run(["trust", "add", "--db", db, str(town.tmp / "look-alike-ca.pem")]) == 1  # not confirmed
    out = capsys.readouterr()
    assert "指紋（SHA-256）" in out.out and "--yes" in out.err
    before = len(town.aud.store.trust_roots())
    assert run(["trust", "add", "--db", db, "--yes", str(town.tmp / "look-alike-ca.pem")]) == 0
    assert len(town.aud.store.trust_roots()) == before + 1
    assert town.aud.store.log_entries()[-1].action == "trust_root_added"


# -- the audit report's fields ---------------------------------------------------------------------------


@pytest.fixture
def report(town: Town) -> tuple[Session, Path, dict[str, Path]]:
    people = {"author": ("監査 一郎", "主査"), "reviewer": ("小林 誠", "企画課長"), "approver": ("瑞穂 太郎", "副町長")}
    certs = {}
    for role, (name, title) in people.items():
        certs[role] = ca.issue_certificate(town.ca, CA_PASS, name=name, title=title, department="",
                                           out_p12=town.tmp / f"{role}.p12", p12_passphrase=None, role=role).p12_path
        register(town.aud, certs[role], role)
    town.take(town.export("jumin", "j.pdf", town.heads["jumin"]))
    s = Session(town.aud, "監査 一郎")
    out = town.tmp / "report.pdf"
    reports.write_report(s, 2026, out, author="監査 一郎", reviewer="小林 誠", approver="瑞穂 太郎")
    return s, out, certs


def test_report_fields_a_department_head_cannot_sign_as_author(report: tuple[Session, Path, dict[str, Path]],
                                                               town: Town) -> None:
    s, pdf, _certs = report
    with pytest.raises(Exception, match=r"登録されていません|違います"):
        reports.sign(s, pdf, town.tmp / "x.pdf", p12=town.heads["jumin"], passphrase=None)
    assert not (town.tmp / "x.pdf").exists()


def test_report_fields_in_turn_by_the_printed_people(report: tuple[Session, Path, dict[str, Path]], town: Town,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    s, pdf, certs = report
    # The approver may not sign before the author and the reviewer.
    with pytest.raises(Exception, match="前に「作成者・確認者」の署名が必要"):
        reports.sign(s, pdf, town.tmp / "early.pdf", p12=certs["approver"], passphrase=None, field="承認者")
    one = reports.sign(s, pdf, town.tmp / "1.pdf", p12=certs["author"], passphrase=None).out
    # One certificate cannot sign two fields.
    with pytest.raises(Exception, match="一つの証明書で二つの欄"):
        reports.sign(s, one, town.tmp / "twice.pdf", p12=certs["author"], passphrase=None, field="確認者")
    two = reports.sign(s, one, town.tmp / "2.pdf", p12=certs["reviewer"], passphrase=None).out
    three = reports.sign(s, two, town.tmp / "3.pdf", p12=certs["approver"], passphrase=None, close_year=2026).out
    monkeypatch.setenv("MIZUHO_AUDIT_AUDITOR_PASSPHRASE", AUDITOR_PASSPHRASE)
    capsys.readouterr()
    assert run(["verify", str(three), "--db", str(town.tmp / "audit.db")]) == 0, capsys.readouterr().out


def test_report_fields_a_wrong_signer_fails_verify(report: tuple[Session, Path, dict[str, Path]], town: Town,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Signed with other tools by someone not printed, out of turn: verify says so and exits 1."""
    _s, pdf, certs = report
    early = town.tmp / "early.pdf"
    early.write_bytes(sign_pdf(pdf.read_bytes(), certs["reviewer"], None, field_name="承認者", reason="承認"))
    assert run(["verify", str(early), "--trust", str(town.ca / "ca-cert.pem")]) == 1
    out = capsys.readouterr().out
    assert "役割の確認" in out and "瑞穂 太郎" in out and "小林 誠" in out


def test_the_same_signer_is_not_registered_twice(town: Town, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(town.tmp / "audit.db")]
    before = len(town.aud.store.signers(active_only=True))
    assert run([*db, "signer", "add", str(town.heads["jumin"]), "--as", "提出", "--department", "jumin",
                "--yes"]) == 1
    assert "すでに登録されています" in capsys.readouterr().err
    assert len(town.aud.store.signers(active_only=True)) == before
