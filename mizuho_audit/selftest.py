"""A self-test of an installed copy: ``mizuho-audit --self-test`` (and ``mizuho-audit-selftest`` in the bundle).

It runs the whole chain once on throwaway data — checklists, database, answers, submission, PDF,
a temporary CA, signing, verification, fonts and the window — so an installer (or the person who
unpacked the Windows folder) can tell at once whether everything the app needs was shipped.
Nothing of the user's is read or written: every file goes to a temporary folder that is removed
afterwards, and ``MIZUHO_AUDIT_DATA_DIR`` points there while the test runs in case some code path
asks for the user's folder. One line per check (in the user's language), then a summary; 0 only if all passed.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import paths
from .i18n import _

if TYPE_CHECKING:
    pass

Out = Callable[[str], object]

_APPROVER_NAME = "瑞穂 試験"
_APPROVER_TITLE = "自己点検テスト課長"
_USER = "自己点検テスト"
_SECRET = b"mizuho-audit-self-test"


class CheckFailed(Exception):
    """A check did not pass; the message says what was wrong."""


@dataclass
class _State:
    """What the checks hand on to each other."""

    tmp: Path
    catalog: Any = None
    workspace: Any = None
    checklist: Any = None
    ca_dir: Path | None = None
    p12: Path | None = None
    signed_pdf: Path | None = None
    qt_messages: list[str] = field(default_factory=list)


def _need(value: Any, what: str) -> Any:
    if value is None:
        raise CheckFailed(_("前の検査（{what}）が NG のため実行できません").format(what=what))
    return value


def _check_catalog(st: _State) -> str:
    from .questionnaires.catalog import load_catalog

    shipped = paths.shipped_questionnaires_dir()
    if not shipped.is_dir():
        raise CheckFailed(_("フォルダがありません: {folder}").format(folder=shipped))
    st.catalog = load_catalog(shipped)
    if not st.catalog.questionnaires or not st.catalog.master.departments:
        raise CheckFailed(_("チェックリストまたは部署マスタが空です"))
    items = sum(len(list(q.items())) for q in st.catalog.questionnaires)
    return (_("チェックリスト {versions} 版（計 {items} 項目）、"
              "部署 {departments} 件"
              ).format(versions=len(st.catalog.questionnaires), items=items,
                       departments=len(st.catalog.master.departments)))


def _check_store(st: _State) -> str:
    from .services.workspace import Workspace

    _need(st.catalog, _("チェックリストの読み込み"))
    st.workspace = Workspace.open(st.tmp / "t.db", shipped_dir=paths.shipped_questionnaires_dir(),
                                  town_dir=st.tmp / "town", role="department")
    return _("部署用データベースを一時フォルダに作成（{role}）").format(role=st.workspace.store.role)


def _smallest_checklist(st: _State) -> Any:
    """The department with the fewest items in the latest 年度 (the test stays quick)."""
    year = max(st.catalog.years())
    q = st.catalog.for_year(year)
    dep = min(st.catalog.master.departments, key=lambda d: len(list(q.checklist_for_year(d.traits).items())))
    return st.workspace.checklist(dep.id, year)


def _check_submit(st: _State) -> str:
    from .services.submission.workflow import Approver, check_complete, submit

    ws = _need(st.workspace, _("データベース"))
    cl = st.checklist = _smallest_checklist(st)
    scale = cl.questionnaire.scale
    plain = next(o for o in scale if not o.requires_plan and not o.requires_reason)
    with_plan = next((o for o in scale if o.requires_plan), plain)
    due = f"{cl.year + 1}-03-31"
    for n, item in enumerate(cl.questionnaire.items()):
        option = with_plan if n == 0 else plain  # one item with an improvement plan, so the PDF shows one
        ws.save(cl, item.id, "rating", option.key, _USER)
        ws.save(cl, item.id, "note", "自己点検テストの回答です。", _USER)
        if option.requires_plan:
            ws.save(cl, item.id, "plan_content", "手順を見直す。", _USER)
            ws.save(cl, item.id, "plan_due", due, _USER)
    missing = check_complete(ws, cl)
    if missing:
        raise CheckFailed(_("未完了の項目が {count} 件残っています").format(count=len(missing)))
    record = submit(ws, cl, Approver(_APPROVER_NAME, _APPROVER_TITLE, f"{cl.year}-11-20"), _USER)
    return _("{name} {year}年度 {count} 項目（版 {version}）"
             ).format(name=cl.department.name, year=cl.year, count=len(list(cl.questionnaire.items())),
                      version=record.version)


def _check_pdf(st: _State) -> str:
    from .services.signing.signing import embedded_files
    from .services.submission.submission import EMBEDDED_NAME, export_submission

    ws, cl = _need(st.workspace, _("データベース")), _need(st.checklist, _("回答と提出"))
    out = export_submission(ws, cl, st.tmp / "unsigned.pdf", actor=_USER)
    data = out.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise CheckFailed(_("PDFになっていません"))
    if EMBEDDED_NAME not in embedded_files(data):
        raise CheckFailed(_("回答データが添付されていません"))
    return _("未署名の提出PDF {count} KB（回答データ添付）").format(count=len(data) // 1024)


def _check_certificate(st: _State) -> str:
    from .services.signing import ca

    _need(st.catalog, _("チェックリストの読み込み"))
    st.ca_dir = st.tmp / "ca"
    info = ca.init_ca(st.ca_dir, _SECRET, common_name="自己点検テスト 認証局")
    issued = ca.issue_certificate(st.ca_dir, _SECRET, name=_APPROVER_NAME, title=_APPROVER_TITLE,
                                  department="自己点検テスト課", out_p12=st.tmp / "signer.p12", p12_passphrase=_SECRET)
    st.p12 = issued.p12_path
    return _("一時的な認証局と証明書（シリアル {serial}…、認証局 {fingerprint}…）"
             ).format(serial=issued.serial_hex[:8], fingerprint=info.fingerprint_sha256[:11])


def _check_sign(st: _State) -> str:
    from .services.submission.submission import export_submission

    ws, cl = _need(st.workspace, _("データベース")), _need(st.checklist, _("回答と提出"))
    p12 = _need(st.p12, _("証明書"))
    st.signed_pdf = export_submission(ws, cl, st.tmp / "signed.pdf", actor=_APPROVER_NAME, p12=p12,
                                      passphrase=_SECRET)
    return _("署名付きの提出PDF {size} KB").format(size=st.signed_pdf.stat().st_size // 1024)


def _check_verify(st: _State) -> str:
    from .services.signing.ca import CA_CERT
    from .services.signing.signing import load_certificates, verify_pdf

    pdf = _need(st.signed_pdf, _("電子署名"))
    roots = load_certificates(_need(st.ca_dir, _("証明書")) / CA_CERT)
    check = verify_pdf(pdf.read_bytes(), roots)
    if check.status != "valid":
        raise CheckFailed(f"{check.status}: {check.message}")
    tampered = bytearray(pdf.read_bytes())
    at = tampered.index(b"/Producer") if b"/Producer" in tampered else len(tampered) // 3
    tampered[at + 1] ^= 0x01  # one changed byte in the signed range must be detected
    if verify_pdf(bytes(tampered), roots).status != "invalid":
        raise CheckFailed(_("書き換えたPDFを「無効」と判定できません"))
    return _("有効（署名者 {signer}）、1バイト書き換えると無効").format(signer=check.signer_name)


def _check_fonts(st: _State) -> str:
    from .services.signing.signing import stamp_font_path

    found = []
    for label, path in ((_("画面・PDF用"), paths.font_path()), (_("署名の印影用"), stamp_font_path()),
                        (_("ライセンス"), paths.resource_path("fonts", "IPA_Font_License_Agreement_v1.0.txt"))):
        if not path.is_file() or path.stat().st_size == 0:
            raise CheckFailed(_("{label}のファイルがありません: {path}").format(label=label, path=path))
        found.append(f"{label} {path.name}")
    return _("、").join(found)


def _check_window(st: _State) -> str:
    """The window part lives in ui/ (the core of the self-test stays free of Qt)."""
    from .ui.selftest_window import check_window

    return check_window(st)


CHECKS: list[tuple[str, Callable[[_State], str]]] = [
    ("チェックリストと部署マスタの読み込み", _check_catalog),
    ("データベースの作成（一時フォルダ）", _check_store),
    ("回答の保存と提出", _check_submit),
    ("提出PDFの作成", _check_pdf),
    ("認証局と署名用証明書の作成", _check_certificate),
    ("提出PDFへの電子署名", _check_sign),
    ("電子署名の検証", _check_verify),
    ("フォントとライセンス文書", _check_fonts),
    ("画面の表示", _check_window),
]


def _check_labels() -> dict[str, str]:
    """Each check's name in the user's language (CHECKS keeps the Japanese, the source text)."""
    return {
        "チェックリストと部署マスタの読み込み": _("チェックリストと部署マスタの読み込み"),
        "データベースの作成（一時フォルダ）": _("データベースの作成（一時フォルダ）"),
        "回答の保存と提出": _("回答の保存と提出"),
        "提出PDFの作成": _("提出PDFの作成"),
        "認証局と署名用証明書の作成": _("認証局と署名用証明書の作成"),
        "提出PDFへの電子署名": _("提出PDFへの電子署名"),
        "電子署名の検証": _("電子署名の検証"),
        "フォントとライセンス文書": _("フォントとライセンス文書"),
        "画面の表示": _("画面の表示"),
    }


@contextlib.contextmanager
def _private_data_dir(folder: Path) -> Iterator[None]:
    """Point the user's data folder at ``folder`` while the test runs (explicit paths are used anyway)."""
    key = "MIZUHO_AUDIT_DATA_DIR"
    before = os.environ.get(key)
    os.environ[key] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = before


def run_self_test(out: Out = print) -> int:
    """Run every check on throwaway data and print one line each; 0 when all passed, else 1."""
    started = time.perf_counter()
    where = _("実行ファイル（同梱版）") if getattr(sys, "frozen", False) else "Python"
    out(_("瑞穂町 情報セキュリティ自己点検 自己テスト（{where}、データ: {data}）"
          ).format(where=where, data=paths.bundle_root()))
    failed = 0
    with tempfile.TemporaryDirectory(prefix="mizuho-audit-selftest-", ignore_cleanup_errors=True) as tmp_name:
        tmp = Path(tmp_name)
        st = _State(tmp)
        with _private_data_dir(tmp / "userdata"):
            try:
                labels = _check_labels()
                for label, check in CHECKS:
                    t0 = time.perf_counter()
                    try:
                        detail = check(st)
                        verdict = "OK"
                    except Exception as exc:  # every failure becomes an NG line; the next checks still run
                        detail = str(exc) if isinstance(exc, CheckFailed) else f"{type(exc).__name__}: {exc}"
                        verdict = "NG"
                        failed += 1
                    out(_("{verdict}  {label}: {detail}（{seconds:.1f} 秒）").format(
                        verdict=verdict, label=labels.get(label, label), detail=detail,
                        seconds=time.perf_counter() - t0))
            finally:
                if st.workspace is not None:
                    st.workspace.close()
    for message in st.qt_messages:
        out(_("    Qt の警告: {message}").format(message=message))
    total = len(CHECKS)
    seconds = time.perf_counter() - started
    if failed:
        out(_("結果: NG — {total} 件中 {failed} 件が失敗しました（{seconds:.1f} 秒）。"
              ).format(total=total, failed=failed, seconds=seconds))
        return 1
    out(_("結果: OK — {total} 件すべて合格しました（{seconds:.1f} 秒）。").format(total=total, seconds=seconds))
    return 0
