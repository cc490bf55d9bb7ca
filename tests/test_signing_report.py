"""A report signed twice (作成者, then 承認者) with visible Japanese stamps, checked signature by signature.

Also: revocation info embedded at signing (PAdES B-LT), revoked and expired certificates, and the
stamp font derived from IPAexGothic.
"""

from __future__ import annotations

import datetime as dt
import re
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
from fontTools.ttLib import TTFont as FontFile  # type: ignore[import-untyped, unused-ignore]
from PIL import Image
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from pyhanko.sign.validation.dss import DocumentSecurityStore
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped, unused-ignore]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped, unused-ignore]

from mizuho_audit.services.signing import ca
from mizuho_audit.services.signing import signing as signing_module
from mizuho_audit.services.signing.signing import (
    SigningError,
    all_ok,
    japanese_datetime,
    load_certificates,
    sign_pdf,
    stamp_font_path,
    verify_pdf,
    verify_report,
)

from .conftest import ROOT

CA_PASS = b"ca-secret-2026"
PDFSIG = shutil.which("pdfsig")
PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
AUTHOR_BOX = (60, 60, 290, 150)  # x1, y1, x2, y2 in points
APPROVER_BOX = (310, 60, 540, 150)
PAGE_HEIGHT = 842  # A4 (reportlab's default page size)
JST = dt.timezone(dt.timedelta(hours=9))


def make_report() -> bytes:
    """A one-page report with two empty signature fields laid out at the bottom."""
    pdfmetrics.registerFont(TTFont("IPAexGothic", str(ROOT / "resources" / "fonts" / "ipaexg.ttf")))
    buf = BytesIO()
    c = canvas.Canvas(buf)
    c.setAuthor("Mizuho Town")  # a plain ASCII string in the first revision, easy to tamper with
    c.setFont("IPAexGothic", 14)
    c.drawString(72, 720, "情報セキュリティ自己点検 報告書（総務課）")
    c.setFont("IPAexGothic", 10)
    c.drawString(60, 160, "作成者")
    c.drawString(310, 160, "承認者")
    c.showPage()
    c.save()
    writer = IncrementalPdfFileWriter(BytesIO(buf.getvalue()))
    append_signature_field(writer, SigFieldSpec("作成者", box=AUTHOR_BOX))
    append_signature_field(writer, SigFieldSpec("承認者", box=APPROVER_BOX))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass(frozen=True)
class Signed:
    ca_dir: Path
    author_p12: Path
    approver_p12: Path
    approver_serial: int
    crl: bytes
    unsigned: bytes
    first: bytes  # signed by 作成者
    both: bytes  # then by 承認者
    seconds_per_signature: float


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    import time

    base = tmp_path_factory.mktemp("report")
    ca_dir = base / "ca"
    ca.init_ca(ca_dir, CA_PASS)
    ca.issue_certificate(ca_dir, CA_PASS, name="瑞穂 太郎", title="監査担当", department="総務課",
                         out_p12=base / "taro.p12", p12_passphrase=None)
    approver = ca.issue_certificate(ca_dir, CA_PASS, name="瑞穂 花子", title="情報セキュリティ管理者",
                                    department="総務課", out_p12=base / "hanako.p12", p12_passphrase=None)
    crl = (ca_dir / ca.CRL).read_bytes()
    unsigned = make_report()
    start = time.perf_counter()
    first = sign_pdf(unsigned, base / "taro.p12", None, field_name="作成者", reason="自己点検結果の作成",
                     visible=True, crls=[crl])
    both = sign_pdf(first, base / "hanako.p12", None, field_name="承認者", reason="自己点検結果の承認",
                    visible=True, crls=[ca_dir / ca.CRL])  # a CRL may also be given as a file
    per_signature = (time.perf_counter() - start) / 2
    return Signed(ca_dir, base / "taro.p12", base / "hanako.p12", approver.serial, crl, unsigned, first, both,
                  per_signature)


def roots(s: Signed) -> list[object]:
    return list(load_certificates(s.ca_dir / ca.CA_CERT))


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def pdfsig(pdf: bytes, tmp_path: Path) -> str:
    assert PDFSIG is not None
    path = tmp_path / "check.pdf"
    path.write_bytes(pdf)
    return subprocess.run([PDFSIG, "-nocert", str(path)], capture_output=True, text=True, check=False).stdout


def byte_ranges(pdf: bytes) -> list[tuple[int, int, int, int]]:
    found = re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    return [(int(m[1]), int(m[2]), int(m[3]), int(m[4])) for m in found]


# --- two signatures in sequence ---------------------------------------------------------------


@pytest.mark.skipif(PDFSIG is None, reason="poppler-utils (pdfsig) is not installed")
def test_poppler_sees_two_valid_signatures(signed: Signed, tmp_path: Path) -> None:
    out = pdfsig(signed.both, tmp_path)
    assert out.count("Signature Validation: Signature is Valid.") == 2, out
    assert out.index("Signature Field Name: 作成者") < out.index("Signature Field Name: 承認者")
    assert "Signer Certificate Common Name: 瑞穂 太郎" in out and "Signer Certificate Common Name: 瑞穂 花子" in out
    assert out.count("Total document signed") == 1  # the last one; the first is followed by the second


def test_report_has_one_entry_per_signature_in_order(signed: Signed) -> None:
    first, second = verify_report(signed.both, roots(signed))
    assert (first.field_name, first.signer_name, first.signer_title) == ("作成者", "瑞穂 太郎", "監査担当")
    assert (second.field_name, second.signer_name) == ("承認者", "瑞穂 花子")
    assert second.signer_title == "情報セキュリティ管理者"
    for r in (first, second):
        assert r.intact and r.trusted and r.valid_at_signing and not r.revoked and r.ok
        assert (r.signer_org, r.signer_department) == ("瑞穂町", "総務課")
        assert r.signed_at is not None and abs(r.signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(hours=1)
        assert r.timestamp_at is None  # no timestamp server here
        assert r.revocation_info_embedded
    assert first.covers == "further_signatures_only" and first.further_signatures_only
    assert second.covers == "whole_file"
    assert first.summary_ja == ("作成者 瑞穂 太郎（監査担当）の署名: 有効。"
                                "署名の後に変更はありません（後から署名が追加されただけです）。")
    assert second.summary_ja == "承認者 瑞穂 花子（情報セキュリティ管理者）の署名: 有効。署名の後に変更はありません。"
    assert all_ok([first, second])
    check = verify_pdf(signed.both, roots(signed))
    assert check.status == "valid" and check.signature_count == 2


def test_the_report_after_the_first_signature_only(signed: Signed) -> None:
    (only,) = verify_report(signed.first, roots(signed))
    assert only.field_name == "作成者" and only.covers == "whole_file" and only.ok
    assert verify_report(signed.unsigned, roots(signed)) == [] and not all_ok([])


def test_without_trusting_the_town_ca_nothing_is_ok(signed: Signed) -> None:
    reports = verify_report(signed.both, [])
    assert [r.trusted for r in reports] == [False, False] and [r.intact for r in reports] == [True, True]
    assert "確認できません" in reports[0].summary_ja and "信頼されていません" in reports[0].summary_ja
    assert not all_ok(reports)


def test_a_flipped_byte_in_the_first_revision_breaks_both(signed: Signed, tmp_path: Path) -> None:
    tampered = flip(signed.both, signed.both.index(b"Mizuho Town"))
    reports = verify_report(tampered, roots(signed))
    assert [r.intact for r in reports] == [False, False] and not all_ok(reports)
    assert all("署名の後でファイルが変更されています" in r.summary_ja and "無効" in r.summary_ja for r in reports)
    assert verify_pdf(tampered, roots(signed)).status == "invalid"
    if PDFSIG is not None:
        out = pdfsig(tampered, tmp_path)
        assert "Signature is Valid" not in out and out.count("Digest Mismatch") == 2


def test_a_flipped_byte_in_the_second_revision_breaks_only_the_second(signed: Signed, tmp_path: Path) -> None:
    first_range, second_range = byte_ranges(signed.both)
    first_end = first_range[2] + first_range[3]
    at = first_end + (second_range[1] - first_end) // 2  # inside the second revision, before its /Contents
    reports = verify_report(flip(signed.both, at), roots(signed))
    assert [r.intact for r in reports] == [True, False] and not all_ok(reports)
    if PDFSIG is not None:
        out = pdfsig(flip(signed.both, at), tmp_path)
        assert out.count("Signature is Valid") == 1 and "Digest Mismatch" in out


def test_a_change_after_the_signatures_is_reported(signed: Signed) -> None:
    from pyhanko.pdf_utils import generic

    writer = IncrementalPdfFileWriter(BytesIO(signed.both))
    writer.root["/Lang"] = generic.pdf_string("en")  # not a signature: the signed report was edited
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    reports = verify_report(out.getvalue(), roots(signed))
    assert [r.covers for r in reports] == ["modified", "modified"] and [r.intact for r in reports] == [True, True]
    assert "後からの署名の追加以外の変更があります" in reports[1].summary_ja and not all_ok(reports)


# --- revocation, expiry, long-term validation -------------------------------------------------


def test_a_revoked_signer_is_reported(signed: Signed, tmp_path: Path) -> None:
    ca_dir = tmp_path / "ca"
    shutil.copytree(signed.ca_dir, ca_dir)
    ca.revoke(ca_dir, signed.approver_serial, "退職", ca_passphrase=CA_PASS)
    new_crl = ca.write_crl(ca_dir, CA_PASS).read_bytes()
    first, second = verify_report(signed.both, roots(signed), crls=[new_crl])
    assert not first.revoked and first.ok
    assert second.revoked and second.revoked_at is not None and second.intact and not second.ok
    assert "失効しています" in second.summary_ja and second.summary_ja.startswith("承認者 瑞穂 花子")
    assert not all_ok([first, second])
    # A revoked certificate cannot sign when the current CRL is given.
    with pytest.raises(SigningError, match="失効しています"):
        sign_pdf(signed.unsigned, signed.approver_p12, None, field_name="承認者", reason="承認", crls=[new_crl])


def test_revocation_info_is_embedded_at_signing(signed: Signed) -> None:
    assert b"/DSS" in signed.both
    dss = DocumentSecurityStore.read_dss(PdfFileReader(BytesIO(signed.both)))
    embedded = [ref.get_object().data for ref in dss.crls]
    assert signed.crl in embedded
    ca_der = ca.load_ca_certificate(signed.ca_dir).public_bytes(serialization.Encoding.DER)
    assert any(c.dump() == ca_der for c in dss.load_certs())
    # Without a CRL the signature is plain PAdES B-B: no DSS.
    plain = sign_pdf(signed.unsigned, signed.author_p12, None, field_name="作成者", reason="作成")
    assert b"/DSS" not in plain
    assert not verify_report(plain, roots(signed))[0].revocation_info_embedded


def test_years_later_the_report_still_verifies_offline(signed: Signed) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=5 * 365)  # both certificates have expired
    reports = verify_report(signed.both, roots(signed), now=later)
    assert all(r.expired_now and r.valid_at_signing and r.trusted and r.revocation_info_embedded for r in reports)
    assert all_ok(reports)
    assert "署名した時点で証明書は有効でした（現在は期限切れです）" in reports[0].summary_ja


def test_a_short_lived_certificate_expired_after_signing(signed: Signed, tmp_path: Path) -> None:
    p12 = tmp_path / "short.p12"
    ca.issue_certificate(signed.ca_dir, CA_PASS, name="瑞穂 次郎", title="係長", department="総務課",
                         out_p12=p12, p12_passphrase=None, days=1)
    pdf = sign_pdf(signed.both, p12, None, field_name="確認", reason="確認", visible=True,
                   box=(60, 200, 290, 270), page=-1)
    week_later = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    *_, third = verify_report(pdf, roots(signed), now=week_later)
    assert third.field_name == "確認" and third.expired_now and third.valid_at_signing and third.ok
    assert "現在は期限切れです" in third.summary_ja
    assert all_ok(verify_report(pdf, roots(signed), now=week_later))


def test_a_signature_made_after_the_certificate_expired(signed: Signed, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Other software (or a tampered app) may sign with an expired certificate: the report says so."""
    ca_cert = ca.load_ca_certificate(signed.ca_dir)
    ca_key = serialization.load_pem_private_key((signed.ca_dir / ca.CA_KEY).read_bytes(), CA_PASS)
    assert isinstance(ca_key, rsa.RSAPrivateKey)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, "瑞穂町"),
                                 x509.NameAttribute(x509.NameOID.COMMON_NAME, "瑞穂 三郎")]))
        .issuer_name(ca_cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=400)).not_valid_after(now - dt.timedelta(days=1))
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False,
        ), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    old = tmp_path / "saburo.p12"
    old.write_bytes(pkcs12.serialize_key_and_certificates(None, key, cert, [ca_cert], serialization.NoEncryption()))
    with pytest.raises(SigningError, match="有効期限が切れています"):
        sign_pdf(signed.unsigned, old, None, field_name="作成者", reason="作成")
    monkeypatch.setattr(signing_module, "_check_usable", lambda cert, now: None)
    pdf = sign_pdf(signed.unsigned, old, None, field_name="作成者", reason="作成", visible=True)
    (report,) = verify_report(pdf, roots(signed))
    assert report.intact and report.trusted and not report.valid_at_signing and not report.ok
    assert "有効期間" in report.summary_ja and report.summary_ja.startswith("作成者 瑞穂 三郎の署名: 無効。")


# --- the visible stamps -----------------------------------------------------------------------


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils (pdftotext) is not installed")
def test_the_stamps_are_real_text(signed: Signed, tmp_path: Path) -> None:
    assert PDFTOTEXT is not None
    path = tmp_path / "both.pdf"
    path.write_bytes(signed.both)
    text = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    for expected in ("作成者　瑞穂 太郎", "承認者　瑞穂 花子", "瑞穂町 総務課 監査担当", "理由　自己点検結果の承認"):
        assert expected in text, text
    assert re.search(r"署名日時　令和\d+年\d+月\d+日 \d+時\d\d分", text), text


@pytest.mark.skipif(PDFTOPPM is None, reason="poppler-utils (pdftoppm) is not installed")
def test_the_stamps_are_drawn_inside_their_boxes(signed: Signed, tmp_path: Path) -> None:
    assert PDFTOPPM is not None
    pdf_path = tmp_path / "both.pdf"
    pdf_path.write_bytes(signed.both)
    subprocess.run([PDFTOPPM, "-png", "-r", "72", "-singlefile", str(pdf_path), str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as img:
        page = img.convert("L")

    def dark_pixels(box: tuple[int, int, int, int], inset: int) -> int:
        x1, y1, x2, y2 = box  # PDF points from the lower left = pixels at 72 dpi from the upper left
        region = page.crop((x1 + inset, PAGE_HEIGHT - y2 + inset, x2 - inset, PAGE_HEIGHT - y1 - inset))
        return sum(region.histogram()[:128])

    for box in (AUTHOR_BOX, APPROVER_BOX):
        assert dark_pixels(box, inset=3) > 300  # the text (the border is outside the inset)
    assert dark_pixels((60, 200, 540, 400), inset=0) == 0  # nothing drawn outside the stamps


def test_signing_a_new_visible_field_keeps_the_earlier_signatures(signed: Signed) -> None:
    pdf = sign_pdf(signed.both, signed.author_p12, None, field_name="再確認", reason="再確認", visible=True,
                   box=(310, 200, 540, 270), page=0)
    reports = verify_report(pdf, roots(signed))
    assert [r.field_name for r in reports] == ["作成者", "承認者", "再確認"] and all_ok(reports)
    assert [r.covers for r in reports] == ["further_signatures_only", "further_signatures_only", "whole_file"]


def test_custom_stamp_text(signed: Signed, tmp_path: Path) -> None:
    pdf = sign_pdf(signed.unsigned, signed.author_p12, None, field_name="作成者", reason="100% 確認済み",
                   stamp_text="{name}（{title}）\n{signed_at}\n{reason}")
    if PDFTOTEXT is not None:
        path = tmp_path / "custom.pdf"
        path.write_bytes(pdf)
        text = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "瑞穂 太郎（監査担当）" in text and "100% 確認済み" in text
    with pytest.raises(SigningError, match="書式"):
        sign_pdf(signed.unsigned, signed.author_p12, None, field_name="作成者", reason="r", stamp_text="{氏名}")


def test_signing_errors_are_japanese(signed: Signed, tmp_path: Path) -> None:
    with pytest.raises(SigningError, match="位置を指定してください"):
        sign_pdf(signed.unsigned, signed.author_p12, None, field_name="新しい欄", reason="r", visible=True)
    with pytest.raises(SigningError, match="3ページ目はありません"):
        sign_pdf(signed.unsigned, signed.author_p12, None, field_name="新しい欄", reason="r", visible=True,
                 box=(0, 0, 200, 60), page=2)
    with pytest.raises(SigningError, match="すでに署名があります"):
        sign_pdf(signed.both, signed.author_p12, None, field_name="承認者", reason="r")
    other = tmp_path / "other-ca"
    ca.init_ca(other, CA_PASS, common_name="他町 認証局")
    with pytest.raises(SigningError, match="当てはまる失効リスト"):
        sign_pdf(signed.unsigned, signed.author_p12, None, field_name="作成者", reason="r", crls=[other / ca.CRL])
    with pytest.raises(SigningError, match="見つかりません"):
        sign_pdf(signed.unsigned, signed.author_p12, None, field_name="作成者", reason="r",
                 crls=[tmp_path / "missing.crl"])
    with pytest.raises(SigningError, match="たどれません"):
        sign_pdf(signed.unsigned, signed.author_p12, None, field_name="作成者", reason="r", crls=[signed.crl],
                 trust_roots=load_certificates(other / ca.CA_CERT))


def test_a_stale_crl_is_refused_at_signing(signed: Signed) -> None:
    ca_cert = ca.load_ca_certificate(signed.ca_dir)
    ca_key = serialization.load_pem_private_key((signed.ca_dir / ca.CA_KEY).read_bytes(), CA_PASS)
    assert isinstance(ca_key, rsa.RSAPrivateKey)
    now = dt.datetime.now(dt.UTC)
    stale = (x509.CertificateRevocationListBuilder().issuer_name(ca_cert.subject)
             .last_update(now - dt.timedelta(days=30)).next_update(now - dt.timedelta(days=1))
             .sign(ca_key, hashes.SHA256()))
    with pytest.raises(SigningError, match="CRL）の有効期限が切れています"):
        sign_pdf(signed.unsigned, signed.author_p12, None, field_name="作成者", reason="r",
                 crls=[stale.public_bytes(serialization.Encoding.PEM)])


def test_an_unreachable_timestamp_server_is_reported(signed: Signed) -> None:
    """B-T cannot be tested here (no timestamp server); at least a dead server gives a clear error."""
    with pytest.raises(SigningError, match="タイムスタンプサーバー"):
        sign_pdf(signed.unsigned, signed.author_p12, None, field_name="作成者", reason="r",
                 timestamp_url="http://127.0.0.1:9/tsa")


def test_signing_is_fast_enough(signed: Signed) -> None:
    assert signed.seconds_per_signature < 5


# --- 和暦 and the stamp font ------------------------------------------------------------------


def test_japanese_datetime() -> None:
    assert japanese_datetime(dt.datetime(2026, 4, 1, 0, 5, tzinfo=dt.UTC)) == "令和8年4月1日 9時05分"
    assert japanese_datetime(dt.datetime(2019, 5, 1, 10, 0, tzinfo=JST)) == "令和元年5月1日 10時00分"
    assert japanese_datetime(dt.datetime(2019, 4, 30, 23, 59, tzinfo=JST)) == "平成31年4月30日 23時59分"
    assert japanese_datetime(dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC)) == "令和9年1月1日 0時30分"


def test_the_stamp_font_is_a_renamed_1000_upem_copy() -> None:
    path = stamp_font_path()
    assert path.name == "mizuho-stamp-gothic.ttf" and path.stat().st_size < 10_000_000
    font = FontFile(str(path), lazy=True)
    request_close = font.close
    assert font["head"].unitsPerEm == 1000
    names = {r.nameID: r.toUnicode() for r in font["name"].names if r.platformID == 3 and r.langID == 0x409}
    assert (names[1], names[4], names[6]) == ("Mizuho Stamp Gothic", "Mizuho Stamp Gothic", "MizuhoStampGothic-Regular")
    assert not any("IPA" in str(r.toUnicode()) for r in font["name"].names if r.nameID in (1, 3, 4, 6, 16, 17))
    assert "Information-technology Promotion Agency" in names[0]  # the copyright notice stays
    assert 0x7A42 in font.getBestCmap()  # 穂: full CJK coverage kept
    request_close()
    fonts = path.parent
    assert (fonts / "IPA_Font_License_Agreement_v1.0.txt").is_file()
    readme = (fonts / "README.txt").read_text(encoding="utf-8")
    assert "mizuho-stamp-gothic.ttf" in readme and "IPA Font License" in readme and "make_stamp_font.py" in readme
