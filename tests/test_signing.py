"""Signed reports: the town CA, PAdES signatures, attachments, and what verification tells the user."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import subprocess
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing.signing import (
    SigningError,
    attach_file,
    embedded_files,
    load_certificates,
    sign_pdf,
    verify_pdf,
)

from .conftest import ROOT

CA_PASS = b"ca-secret-2026"
P12_PASS = b"taro-secret"
ANSWERS = {"部署": "総務課", "年度": 2026, "回答": [{"項目": "HUM-001", "評価": "はい", "備考": "研修を実施（４月）"}]}
PAYLOAD = json.dumps(ANSWERS, ensure_ascii=False, indent=1).encode("utf-8")
PDFSIG = shutil.which("pdfsig")


def make_pdf() -> bytes:
    """A one-page report with Japanese text in an embedded font."""
    pdfmetrics.registerFont(TTFont("IPAexGothic", str(ROOT / "resources" / "fonts" / "ipaexg.ttf")))
    buf = BytesIO()
    c = canvas.Canvas(buf)
    c.setAuthor("Mizuho Town")  # a plain ASCII string in the signed bytes, easy to tamper with
    c.setFont("IPAexGothic", 14)
    c.drawString(72, 720, "情報セキュリティ自己点検 報告書（総務課）")
    c.showPage()
    c.save()
    return buf.getvalue()


@dataclass(frozen=True)
class Town:
    ca_dir: Path
    p12: Path
    serial: int
    unsigned: bytes
    signed: bytes


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Town:
    base = tmp_path_factory.mktemp("town")
    ca.init_ca(base / "ca", CA_PASS)
    issued = ca.issue_certificate(base / "ca", CA_PASS, name="瑞穂 太郎", title="課長", department="総務課",
                                  out_p12=base / "taro.p12", p12_passphrase=P12_PASS)
    unsigned = attach_file(make_pdf(), "回答.json", PAYLOAD, "自己点検の回答（JSON）")
    signed = sign_pdf(unsigned, base / "taro.p12", P12_PASS, field_name="課長署名", reason="自己点検結果の承認")
    return Town(base / "ca", base / "taro.p12", issued.serial, unsigned, signed)


def roots(town: Town) -> list[object]:
    return list(load_certificates(town.ca_dir / ca.CA_CERT))


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def signed_ranges(pdf: bytes) -> list[range]:
    """The two byte ranges the (single) signature covers, read from /ByteRange."""
    start = pdf.rindex(b"/ByteRange")
    numbers = pdf[pdf.index(b"[", start) + 1:pdf.index(b"]", start)].split()
    a, b, c, d = (int(n) for n in numbers)
    return [range(a, a + b), range(c, c + d)]


# --- the certificate authority ----------------------------------------------------------------


def test_ca_key_is_encrypted_private_and_never_overwritten(town: Town) -> None:
    key_pem = (town.ca_dir / ca.CA_KEY).read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in key_pem and CA_PASS not in key_pem
    if os.name == "posix":
        assert (town.ca_dir / ca.CA_KEY).stat().st_mode & 0o777 == 0o600
    assert json.loads((town.ca_dir / ca.REVOKED).read_text(encoding="utf-8")) == {"revoked": []}
    before = key_pem
    with pytest.raises(ca.CaError, match="すでに認証局"):
        ca.init_ca(town.ca_dir, b"another passphrase")
    assert (town.ca_dir / ca.CA_KEY).read_bytes() == before


def test_issued_certificate_is_for_document_signing(town: Town) -> None:
    key, cert, extra = pkcs12.load_key_and_certificates(town.p12.read_bytes(), P12_PASS)
    assert cert is not None and cert.serial_number == town.serial
    assert isinstance(key, rsa.RSAPrivateKey) and key.key_size == 3072  # a real certificate (the demo's: 2048)
    subject = {a.oid: a.value for a in cert.subject}
    assert subject[x509.NameOID.COMMON_NAME] == "瑞穂 太郎"
    assert subject[x509.NameOID.TITLE] == "課長"
    assert subject[x509.NameOID.ORGANIZATIONAL_UNIT_NAME] == "総務課"
    assert subject[x509.NameOID.ORGANIZATION_NAME] == "瑞穂町"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    ekus = set(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
    assert x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36") in ekus  # documentSigning
    assert x509.ExtendedKeyUsageOID.EMAIL_PROTECTION in ekus  # what poppler/NSS insists on
    assert [c.subject for c in extra] == [ca.load_ca_certificate(town.ca_dir).subject]  # CA cert travels along


def test_wrong_ca_passphrase_is_refused_in_japanese(town: Town, tmp_path: Path) -> None:
    with pytest.raises(ca.CaError, match="パスフレーズが違います"):
        ca.issue_certificate(town.ca_dir, b"wrong", name="瑞穂 花子", title="係長", department="総務課",
                             out_p12=tmp_path / "hanako.p12", p12_passphrase=b"x")
    assert not (tmp_path / "hanako.p12").exists()


def test_revocation_is_recorded_and_reported(town: Town, tmp_path: Path) -> None:
    ca_dir = tmp_path / "ca"
    shutil.copytree(town.ca_dir, ca_dir)  # keep the shared CA unrevoked for the other tests
    assert not ca.is_revoked(ca_dir, town.serial)
    ca.revoke(ca_dir, town.serial, "ICカード紛失", ca_passphrase=CA_PASS)
    assert ca.is_revoked(ca_dir, town.serial)
    ledger = json.loads((ca_dir / ca.REVOKED).read_text(encoding="utf-8"))["revoked"]
    assert [(e["serial"], e["reason"]) for e in ledger] == [(ca.serial_hex(town.serial), "ICカード紛失")]
    crl = x509.load_der_x509_crl((ca_dir / ca.CRL).read_bytes())
    assert crl.get_revoked_certificate_by_serial_number(town.serial) is not None
    assert crl.is_signature_valid(ca.load_ca_certificate(ca_dir).public_key())  # type: ignore[arg-type]

    check = verify_pdf(town.signed, roots(town), crls=[(ca_dir / ca.CRL).read_bytes()])
    assert check.status == "untrusted" and "失効" in check.message
    assert verify_pdf(town.signed, roots(town), crls=[(town.ca_dir / ca.CRL).read_bytes()]).status == "valid"
    with pytest.raises(ca.CaError, match="この認証局が発行したものではありません"):
        ca.revoke(ca_dir, 12345, "誤り")


# --- signing and verifying --------------------------------------------------------------------


def test_attachment_survives_signing_byte_for_byte(town: Town) -> None:
    assert embedded_files(town.signed) == {"回答.json": PAYLOAD}
    assert json.loads(embedded_files(town.signed)["回答.json"]) == ANSWERS


def test_several_attachments_are_kept_apart() -> None:
    pdf = attach_file(make_pdf(), "回答.json", PAYLOAD, "回答")
    pdf = attach_file(pdf, "evidence.csv", "項目,証跡\nHUM-001,研修名簿\n".encode(), "証跡", mime="text/csv")
    assert embedded_files(pdf) == {"回答.json": PAYLOAD, "evidence.csv": "項目,証跡\nHUM-001,研修名簿\n".encode()}
    with pytest.raises(SigningError, match="すでにあります"):
        attach_file(pdf, "回答.json", b"{}", "重複")


def test_signed_report_with_town_ca_is_valid(town: Town) -> None:
    check = verify_pdf(town.signed, roots(town))
    assert check.status == "valid"
    assert (check.signer_name, check.signer_title, check.signer_org) == ("瑞穂 太郎", "課長", "瑞穂町")
    assert check.covers_whole_file and check.signature_count == 1
    assert check.message.startswith("署名は有効です") and "瑞穂 太郎" in check.message
    assert check.signed_at is not None
    signed_at = dt.datetime.fromisoformat(check.signed_at)
    assert abs(signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(hours=1)


def test_without_trusting_the_town_ca_the_signer_is_untrusted(town: Town) -> None:
    check = verify_pdf(town.signed, [])
    assert check.status == "untrusted"
    assert "信頼されていません" in check.message and check.signer_name == "瑞穂 太郎"


def test_unsigned_pdf_says_so(town: Town) -> None:
    check = verify_pdf(town.unsigned, roots(town))
    assert check.status == "unsigned" and check.message.startswith("電子署名がありません")


def test_one_changed_byte_in_the_report_breaks_the_signature(town: Town) -> None:
    tampered = flip(town.signed, town.signed.index(b"Mizuho Town"))
    check = verify_pdf(tampered, roots(town))
    assert check.status == "invalid"
    assert "署名の後でファイルが変更されています" in check.message


def test_no_changed_byte_anywhere_in_the_signed_ranges_passes(town: Town) -> None:
    """Flip bytes all over the signed ranges (including the xref and signature dictionary)."""
    rng = random.Random(2026)
    first, second = signed_ranges(town.signed)
    positions = rng.sample(first, 120) + rng.sample(second, min(80, len(second)))
    outcomes: dict[int, str] = {}
    for at in positions:
        try:
            outcomes[at] = verify_pdf(flip(town.signed, at), roots(town)).status
        except SigningError:
            outcomes[at] = "error"
    assert {at: s for at, s in outcomes.items() if s != "invalid"} == {}


def test_changes_after_signing_other_than_signatures_invalidate(town: Town) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(town.signed))
    writer.root["/Lang"] = generic.pdf_string("en")  # a harmless-looking edit, but not a signature
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    check = verify_pdf(out.getvalue(), roots(town))
    assert check.status == "invalid" and not check.covers_whole_file

    with pytest.raises(SigningError, match="署名済み"):
        attach_file(town.signed, "後から.json", b"{}", "後から追加")


def test_a_second_signature_keeps_the_first_valid(town: Town) -> None:
    twice = sign_pdf(town.signed, town.p12, P12_PASS, field_name="再確認", reason="確認")
    check = verify_pdf(twice, roots(town))
    assert check.status == "valid" and check.signature_count == 2 and "2件の署名" in check.message
    with pytest.raises(SigningError, match="すでに署名があります"):
        sign_pdf(town.signed, town.p12, P12_PASS, field_name="課長署名", reason="二重")


def test_signature_stays_valid_after_the_certificate_expires(town: Town) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3 * 365)
    check = verify_pdf(town.signed, roots(town), now=later)
    assert check.status == "valid" and "期限切れ" in check.message


@pytest.mark.skipif(PDFSIG is None, reason="poppler-utils (pdfsig) is not installed")
def test_poppler_agrees(town: Town, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(town.signed)
    bad.write_bytes(flip(town.signed, town.signed.index(b"Mizuho Town")))
    out_good = subprocess.run([str(PDFSIG), "-nocert", str(good)], capture_output=True, text=True, check=False).stdout
    out_bad = subprocess.run([str(PDFSIG), "-nocert", str(bad)], capture_output=True, text=True, check=False).stdout
    assert "Signature Validation: Signature is Valid." in out_good
    assert "Signature Field Name: 課長署名" in out_good and "Total document signed" in out_good
    assert "Signature is Valid" not in out_bad and "Digest Mismatch" in out_bad


# --- what goes wrong, in Japanese -------------------------------------------------------------


def test_wrong_p12_passphrase(town: Town) -> None:
    with pytest.raises(SigningError, match="パスフレーズが違います"):
        sign_pdf(town.unsigned, town.p12, b"wrong", field_name="x", reason="r")
    with pytest.raises(SigningError, match="入力されていません"):
        sign_pdf(town.unsigned, town.p12, None, field_name="x", reason="r")


def test_not_a_p12(town: Town, tmp_path: Path) -> None:
    fake = tmp_path / "cert.p12"
    fake.write_bytes((town.ca_dir / ca.CA_CERT).read_bytes())
    with pytest.raises(SigningError, match="PKCS#12"):
        sign_pdf(town.unsigned, fake, P12_PASS, field_name="x", reason="r")
    with pytest.raises(SigningError, match="見つかりません"):
        sign_pdf(town.unsigned, tmp_path / "missing.p12", P12_PASS, field_name="x", reason="r")


def test_expired_certificate_cannot_sign(town: Town, tmp_path: Path) -> None:
    ca_cert = ca.load_ca_certificate(town.ca_dir)
    ca_key = serialization.load_pem_private_key((town.ca_dir / ca.CA_KEY).read_bytes(), CA_PASS)
    assert isinstance(ca_key, rsa.RSAPrivateKey)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "瑞穂 次郎")]))
        .issuer_name(ca_cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=400)).not_valid_after(now - dt.timedelta(days=1))
        .sign(ca_key, hashes.SHA256())
    )
    old = tmp_path / "jiro.p12"
    old.write_bytes(pkcs12.serialize_key_and_certificates(None, key, cert, None, serialization.NoEncryption()))
    with pytest.raises(SigningError, match="有効期限が切れています"):
        sign_pdf(town.unsigned, old, None, field_name="x", reason="r")


def test_non_pdf_and_truncated_files_are_refused(town: Town) -> None:
    with pytest.raises(SigningError, match="PDFファイルではありません"):
        verify_pdf("自己点検.xlsx の中身".encode(), roots(town))
    with pytest.raises(SigningError, match="PDFファイルではありません"):
        embedded_files(b"")
    with pytest.raises(SigningError, match="途中で切れています"):
        verify_pdf(town.signed[: len(town.signed) // 2], roots(town))
    with pytest.raises(SigningError):
        sign_pdf(b"PK\x03\x04 not a pdf", town.p12, P12_PASS, field_name="x", reason="r")


def test_certificates_load_from_pem_and_der(town: Town, tmp_path: Path) -> None:
    pem_bytes = (town.ca_dir / ca.CA_CERT).read_bytes()
    der = tmp_path / "ca.cer"
    der.write_bytes(x509.load_pem_x509_certificate(pem_bytes).public_bytes(serialization.Encoding.DER))
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(pem_bytes + pem_bytes)
    assert len(load_certificates(der)) == 1 and len(load_certificates(bundle)) == 2
    assert load_certificates(der)[0].sha256 == load_certificates(town.ca_dir / ca.CA_CERT)[0].sha256
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"not a certificate")
    with pytest.raises(SigningError, match="証明書ファイル"):
        load_certificates(junk)
    # Trust roots may also be given as cryptography objects or PEM/DER bytes.
    as_crypto = x509.load_pem_x509_certificate(pem_bytes)
    for given in (as_crypto, pem_bytes, der.read_bytes()):
        assert verify_pdf(town.signed, [given]).status == "valid"
    with pytest.raises(SigningError, match="信頼する証明書"):
        verify_pdf(town.signed, [b"garbage"])
