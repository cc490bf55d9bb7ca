"""A deterministic demonstration: every department of the master with plausible answers for two
年度, most of them submitted with their head's approval, and (optionally) a demo CA, a certificate
per department head, the signed submission files and the CA root as ``trust.pem``."""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from ... import clock
from ...domain.departments import Department
from ...domain.plans import plan_due_ok, rating_carries_plan
from ...domain.questionnaire import Item
from ...domain.vocabulary import CA_CERT_FILE, CA_CRL_FILE, SETTING_USER
from ...i18n import _
from ...storage.connection import synced_at_the_end
from ..answering.carryover import carry_over
from ..submission.workflow import Approver, check_complete, submit
from ..workspace import Checklist, Workspace
from .demo_workers import Helpers

DEMO_DATABASES = ("department.db", "auditor.db")  # in the demo folder; replaced by each run
JST = clock.JST
DEFAULT_SEED = 20260401
DEMO_PASSPHRASE = "demo-passphrase"
DEMO_AUDITOR_PASSPHRASE = "demo"

_SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
             "石川", "森", "池田", "橋本", "阿部", "清水", "内田", "村野"]
_GIVEN = ["一郎", "花子", "健", "美咲", "直樹", "由美", "誠", "智子", "浩二", "恵"]
_NA_REASONS = [
    "当課ではこの業務・設備を持たないため。",
    "該当する端末を当課では使用していないため。",
    "当課で所管する委託契約がないため。",
]
_NOTE_DONE = ["{ev}で確認した。", "{ev}を整備しており、今年度も更新済み。", "{ev}により実施を確認。"]
_NOTE_PARTIAL = ["{ev}はあるが、一部に漏れがある。", "実施しているが{ev}の記録が不十分。"]
_NOTE_NOT = ["現在は実施していない。", "手順が定まっておらず未実施。"]
_PLANS = [
    "{ev}を整備し、課内で周知する。",
    "手順を見直し、{ev}を毎月確認する運用に改める。",
    "次回の研修に合わせて対応する。",
    "情報システム担当と調整のうえ設定を変更する。",
]


# The themes the demo's auditor adds to the 年度 (a 課, a 課 with field work, a school), within the limits.
DEMO_THEMES = {"jumin": ("counter",), "zeimu": ("outsourcing",), "daiichi_sho": ("taking_out",)}
THEMES_FILE = "themes-{year}.yaml"


@dataclass
class DemoSummary:
    path: Path
    years: list[int]
    departments: int
    answers: int
    submitted: int
    in_progress: int
    not_started: int
    files: list[Path] = field(default_factory=list)
    passphrase_source: str = ""
    auditor_db: Path | None = None
    auditor_passphrase_source: str = ""
    imported: int = 0
    findings: int = 0
    themes_file: Path | None = None
    benchmark_packs: list[Path] = field(default_factory=list)  # other towns' and last year's, imported
    # What the 年度 asks (for the summary printed): the rotation group due, the themes added (department name ->
    # theme titles), the 事務局 answering the town's items, the schools (one unit each), the supplement's bodies.
    rotation_group: str = ""
    themes: dict[str, list[str]] = field(default_factory=dict)
    central: str = ""
    schools: int = 0
    supplement: list[str] = field(default_factory=list)


def head_title(dep: Department) -> str:
    """The title of a department's 情報セキュリティ管理者 (usually its head)."""
    if dep.name.endswith("学校"):
        return f"{dep.name}長（代表校）"
    if dep.name.endswith("（事務局）"):
        return dep.name.replace("（事務局）", "事務局長")
    return f"{dep.name}長"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_GIVEN)}"


def _rating(rng: random.Random, maturity: float, item: Item) -> str:
    if rng.random() < 0.05:
        return "na"
    r = rng.random()
    bonus = 0.05 if item.importance == "高" else 0.0  # departments look at the important items first
    if r < maturity + bonus:
        return "done"
    if r < maturity + bonus + (1 - maturity) * 0.6:
        return "partial"
    return "not_done"


def _plan_due(rng: random.Random, year: int) -> str:
    """A plan's due date within the 年度 (and the window of :func:`plan_due_window`): mostly by the end of
    the 年度, one in six by October or November, already past when the auditor reports in December."""
    if rng.random() < 1 / 6:
        return f"{year}-{rng.choice(['10', '11'])}-{rng.randint(10, 28)}"
    return f"{year + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"


def _answer(ws: Workspace, cl: Checklist, it: Item, rating: str, user: str, rng: random.Random,
            clock: Callable[[], str]) -> int:
    ev = it.evidence[0]
    fields: list[tuple[str, str]] = [("rating", rating)]
    if rating == "done":
        fields.append(("note", rng.choice(_NOTE_DONE).format(ev=ev)))
    elif rating == "na":
        fields.append(("reason", rng.choice(_NA_REASONS)))
    else:
        fields.append(("note", rng.choice(_NOTE_PARTIAL if rating == "partial" else _NOTE_NOT).format(ev=ev)))
        fields.append(("plan_content", rng.choice(_PLANS).format(ev=ev)))
        fields.append(("plan_owner", rng.choice(["係長", "課長補佐", "担当主任", "課長"])))
        fields.append(("plan_due", _plan_due(rng, cl.year)))
    for f, value in fields:
        ws.save(cl, it.id, f, value, user, now=clock())
    return len(fields)


def _fill(ws: Workspace, cl: Checklist, rng: random.Random, share: float, user: str,
          clock: Callable[[], str]) -> int:
    maturity = rng.uniform(0.45, 0.85)
    items = list(cl.questionnaire.items())
    answers = ws.answers(cl)
    saved = 0
    for it in items[: int(len(items) * share)]:
        a = answers.get(it.id)
        if a is not None and a.needs_review:
            if rng.random() < 0.2:  # this year the situation changed
                saved += _answer(ws, cl, it, _rating(rng, maturity + 0.1, it), user, rng, clock)
            # Confirmed as it is (a no-op when the new answer above already cleared 要再確認).
            saved += ws.store.confirm_answer(cl.assessment.id, it.id, actor=user, now=clock())
            # Last year's plan date lies before this 年度 (carry-over left it empty): the department sets a new one.
            kept = ws.answers(cl)[it.id]
            if rating_carries_plan(cl.questionnaire, kept.rating) and (
                    not kept.plan_due or not plan_due_ok(kept.plan_due, cl.year)):
                saved += ws.save(cl, it.id, "plan_due", _plan_due(rng, cl.year), user, now=clock())
        elif a is None or not a.rating:
            saved += _answer(ws, cl, it, _rating(rng, maturity, it), user, rng, clock)
    return saved


def _passphrase() -> tuple[str, str]:
    env = os.environ.get("MIZUHO_AUDIT_PASSPHRASE")
    if env:
        return env, _("環境変数 MIZUHO_AUDIT_PASSPHRASE の値")
    return DEMO_PASSPHRASE, _("デモ用の既定値「{passphrase}」").format(passphrase=DEMO_PASSPHRASE)


def build_demo(directory: Path, year: int = 2026, seed: int = DEFAULT_SEED, *, files: bool = True,
               progress: Callable[[str], None] | None = None) -> DemoSummary:
    """Build ``directory/department.db`` (replacing an earlier demo) and, with ``files``, the
    demo CA, certificates, signed submissions and ``trust.pem``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / DEMO_DATABASES[0]
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(seed)
    start = datetime(year - 1, 10, 1, 9, 0, tzinfo=JST)
    tick = [0]

    def clock() -> str:
        tick[0] += 1
        return (start + timedelta(seconds=23 * tick[0])).isoformat(timespec="seconds")

    ws = Workspace.open(path, now=start.isoformat(timespec="seconds"), role="department")
    helpers = Helpers(len(ws.departments()) + len(DEMO_REPORT_PEOPLE)) if files else None
    try:
        with synced_at_the_end(ws.store.db):
            years = [y for y in ws.catalog.years() if y <= year][-2:]
            if year not in years:
                raise KeyError(_("{year}年度のチェックリストがありません。").format(year=year))
            departments = ws.departments()
            heads = {d.id: Approver(_person(rng), head_title(d), "") for d in departments}
            summary = DemoSummary(path, years, len(departments), 0, 0, 0, 0)
            for y in years:
                tick[0] = 0
                start = datetime(y, 10, 1, 9, 0, tzinfo=JST)
                if y == year:  # the auditor's themes of the 年度 reach the departments before they answer
                    summary.themes_file = _take_in_themes(ws, directory, year, clock())
                for i, dep in enumerate(departments):
                    if progress:
                        progress(f"{y}年度 {dep.name}")
                    user = _person(rng)
                    current = y == year
                    kind = i % 7 if current else 0
                    if kind == 5:  # one department in seven has not started yet
                        ws.checklist(dep.id, y, now=clock())
                        summary.not_started += current
                        continue
                    if current and len(years) > 1:
                        cl = carry_over(ws, dep.id, y, user, now=clock()).checklist
                    else:
                        cl = ws.checklist(dep.id, y, now=clock())
                    summary.answers += _fill(ws, cl, rng, 0.45 if kind == 3 else 1.0, user, clock)
                    if kind == 3 or check_complete(ws, cl):
                        summary.in_progress += current
                        continue
                    head = heads[dep.id]
                    day = clock()[:10]  # approved the day it is submitted
                    submit(ws, cl, Approver(head.name, head.title, day), user, now=clock())
                    summary.submitted += current
                    if helpers is not None:  # its pages are rendered while the next departments answer
                        helpers.render(ws, y, dep.id, cl)
            _describe_year(ws, year, summary)
            if helpers is not None:
                _write_files(ws, directory, years, heads, summary, clock, helpers)
    finally:
        if helpers is not None:
            helpers.close()
        ws.close()
    if files:
        _build_auditor(directory, year, summary)
    return summary


def _take_in_themes(ws: Workspace, directory: Path, year: int, now: str) -> Path | None:
    """The auditor's file of the 年度's themes (as ``themes export`` writes it), taken into the departments'
    database before they answer, as each 課 does with ``questionnaire import``."""
    from ..themes import file_text, install_file

    q = ws.catalog.for_year(year)
    if q is None or not q.rotates:
        return None
    wanted = {d: t for d, t in DEMO_THEMES.items() if all(x in {th.id for th in q.themes} for x in t)}
    out = directory / THEMES_FILE.format(year=year)
    out.write_text(file_text(ws, year, wanted, issued_by=DEMO_REPORT_PEOPLE["author"][0], issued_at=now),
                   encoding="utf-8")
    install_file(ws, out, actor="デモ 管理者", now=now)
    return out


def _describe_year(ws: Workspace, year: int, summary: DemoSummary) -> None:
    """What the demo's 年度 asks, for the summary: the group due, the themes, the 事務局, schools, supplement."""
    from ...domain.questionnaire import CENTRAL_TRAIT

    q = ws.catalog.for_year(year)
    if q is None:
        return
    summary.rotation_group = q.due_group if q.rotates else ""
    titles = {t.id: t.title for t in q.themes}
    names = {d.id: d for d in ws.departments()}
    summary.themes = {names[d].name: [titles.get(t, t) for t in themes]
                      for d, themes in ws.store.theme_assignments(year).items() if d in names}
    summary.central = next((d.name for d in names.values() if CENTRAL_TRAIT in d.traits), "")
    summary.schools = sum("school" in d.traits for d in names.values())
    summary.supplement = [d.name for d in names.values() if "served_body" in d.traits]


# The people who sign the demo's audit report: 作成者 (the auditor), 確認者, 承認者 (the CISO).
DEMO_REPORT_PEOPLE = {"author": ("監査 担当", "主査", "企画課"), "reviewer": ("小林 誠", "企画課長", "企画課"),
                      "approver": ("瑞穂 太郎", "副町長", "")}

DEMO_SUMMARY = (
    "本年度の自己点検では、全庁の得点は前年度と同程度であり、規程の周知や体制の整備など組織的な対策は定着しつつある。"
    "一方で、記録媒体の持出し管理、パスワードの使い回しの防止、委託先の管理など、職員一人ひとりの日常の運用に"
    "かかる項目で「一部実施」「未実施」の回答が多い。\n\n"
    "重大な指摘事項を受けた部署は、指摘の改善期限までに改善を完了し、完了の記録を残すこと。"
    "前年度からの継続となった指摘事項は、改善計画の期限を過ぎたものがあるため、所属長が進捗を確認されたい。"
    "監査担当は、来年度の研修で持出し管理とパスワード管理を重点として取り上げる。"
)
DEMO_ADDRESSEE = "瑞穂町最高情報セキュリティ責任者　様"


def _build_auditor(directory: Path, year: int, summary: DemoSummary) -> None:
    """``auditor.db``: every submission file imported (signatures checked against the demo CA), last year's
    findings confirmed (a third of them done) and the open ones carried into this 年度, this 年度's findings
    proposed and confirmed, most submissions 受理, the deadline set, the report's 総括, 宛先 and 文書番号
    written."""
    from datetime import date

    from ..findings.findings import carry_open, propose
    from ..intake.intake import accept, import_many
    from ..intake.status_board import set_deadline
    from ..intake.trust_checks import ImportOptions
    from ..reports.report_details import set_report_cover, set_report_summary
    from ..signing.ca import signer_marks
    from ..signing.register import add_crl, add_roots, register_signer
    from ..signing.signing import certificate_of

    env = os.environ.get("MIZUHO_AUDIT_AUDITOR_PASSPHRASE")
    secret = env or DEMO_AUDITOR_PASSPHRASE
    summary.auditor_passphrase_source = (_("環境変数 MIZUHO_AUDIT_AUDITOR_PASSPHRASE の値") if env
                                         else _("デモ用の既定値「{passphrase}」"
                                                ).format(passphrase=DEMO_AUDITOR_PASSPHRASE))
    path = directory / DEMO_DATABASES[1]
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    aud = Workspace.open(path, role="auditor", passphrase=secret)
    try:
        with synced_at_the_end(aud.store.db):
            auditor = DEMO_REPORT_PEOPLE["author"][0]
            aud.store.set_setting(SETTING_USER, auditor)
            # The town's trust, as an auditor sets it up: the CA's root and CRL, then who may sign what.
            add_roots(aud, directory / "trust.pem", actor=auditor)
            add_crl(aud, directory / "ca" / CA_CRL_FILE, actor=auditor)
            passphrase = _passphrase()[0].encode("utf-8")
            for p12 in sorted((directory / "certs").glob("*.p12")):
                cert = certificate_of(p12, passphrase)
                department_id, role = signer_marks(cert)
                register_signer(aud, cert, role=role, department_id=department_id or None, actor=auditor)
            if summary.themes_file is not None:  # the themes the auditor chose for the 年度 (the file came from here)
                from ..themes import set_year

                set_year(aud, year, DEMO_THEMES, actor=auditor)
            results = import_many(aud, [directory / "submissions"], actor=auditor,
                                  options=ImportOptions(confirm_changes=True))
            summary.imported = sum(r.outcome == "imported" for r in results)
            if year - 1 in summary.years:
                for n, fid in enumerate(propose(aud, year - 1, auditor)):
                    aud.store.update_finding(fid, {"confirmed": 1, **({"status": "done"} if n % 3 == 0 else {})},
                                             actor=auditor)
                carry_open(aud, year - 1, year, auditor)
            set_deadline(aud, year, date(year, 12, 18), auditor)
            proposed = propose(aud, year, auditor)
            for fid in proposed:
                aud.store.update_finding(fid, {"confirmed": 1}, actor=auditor)
            summary.findings = len(proposed)
            for n, received in enumerate(aud.store.received(year)):
                if n % 8 != 7:  # a few still wait for the auditor's 受理
                    accept(aud, received.department_id, year, auditor)
            set_report_summary(aud, year, DEMO_SUMMARY, actor=auditor)
            set_report_cover(aud, year, addressee=DEMO_ADDRESSEE, document_number=f"瑞情監第{year - 2018}-12号",
                             actor=auditor)
            from ..benchmark.demo_packs import write_demo_packs

            summary.benchmark_packs = write_demo_packs(aud, directory, year, auditor)
            summary.auditor_db = path
    finally:
        aud.close()


def _write_files(ws: Workspace, directory: Path, years: list[int], heads: dict[str, Approver],
                 summary: DemoSummary, clock: Callable[[], str], helpers: Helpers) -> None:
    from ..signing import ca
    from ..submission.submission import export_submission

    secret, source = _passphrase()
    summary.passphrase_source = source
    for sub in ("ca", "certs", "submissions", "notices"):
        shutil.rmtree(directory / sub, ignore_errors=True)
    ca.init_ca(directory / "ca", secret.encode("utf-8"), common_name="瑞穂町 自己点検 認証局（デモ）")
    shutil.copyfile(directory / "ca" / CA_CERT_FILE, directory / "trust.pem")
    summary.files.append(directory / "trust.pem")
    (directory / "certs").mkdir()
    (directory / "submissions").mkdir()
    for role, (name, title, department) in DEMO_REPORT_PEOPLE.items():  # who signs the audit report
        ca.issue_certificate(directory / "ca", secret.encode("utf-8"), name=name, title=title,
                             department=department, out_p12=directory / "certs" / f"report-{role}.p12",
                             p12_passphrase=secret.encode("utf-8"), role=role, key=helpers.key())
    names = {d.id: d for d in ws.departments()}
    for year in years:
        for a in ws.store.assessments(year):
            if a.status != "submitted":
                continue
            dep = names[a.department_id]
            head = heads[dep.id]
            p12 = directory / "certs" / f"{dep.id}.p12"
            if not p12.exists():
                ca.issue_certificate(directory / "ca", secret.encode("utf-8"), name=head.name, title=head.title,
                                     department=dep.name, out_p12=p12, p12_passphrase=secret.encode("utf-8"),
                                     department_id=dep.id, role="submission", key=helpers.key())
            cl = ws.checklist(dep.id, year)
            out = directory / "submissions" / f"{year}-{dep.id}-{dep.name}.pdf"
            export_submission(ws, cl, out, actor=head.name, p12=p12, passphrase=secret.encode("utf-8"),
                              now=clock(), pages=helpers.pages_of(ws, year, dep.id, cl))
            summary.files.append(out)
