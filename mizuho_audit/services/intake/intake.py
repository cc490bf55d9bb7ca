"""The auditor's import of submission files: every file checked, all or nothing per file,
idempotent, and a changed re-submission shown as a diff that needs the auditor's confirmation."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...domain.departments import Department
from ...domain.questionnaire import Questionnaire
from ...i18n import _
from ...storage.repository import ROLE_AUDITOR
from ..signing.register import root_certificates
from ..submission.page_text import pages_match
from ..submission.submission import SubmissionFile, SubmissionFileError, read_submission
from ..workspace import FOLLOWUP_PREFIX, Workspace, asked_in_snapshot
from .trust_checks import ImportOptions, followup_problem, signed_after_revocation, trust_problems, version_problem

DEFAULT_OPTIONS = ImportOptions()

DIFF_FIELDS = ("rating", "note", "reason", "plan_content", "plan_owner", "plan_due")


@dataclass(frozen=True)
class AnswerDiff:
    item_id: str
    field: str
    old: str
    new: str


@dataclass
class ImportResult:
    path: Path
    outcome: str  # imported | duplicate | refused | needs_confirmation
    message: str
    received_id: int | None = None
    department_id: str = ""
    fiscal_year: int = 0
    signature: str | None = None
    warnings: list[str] = field(default_factory=list)
    changes: list[AnswerDiff] = field(default_factory=list)
    trust: str = ""  # trusted | exception | unsigned
    can_be_excepted: bool = False  # refused for its signature only: the auditor may take it with a reason


def diff_snapshots(old: dict[str, Any], new: dict[str, Any]) -> list[AnswerDiff]:
    """Which answers changed between two submissions of the same department, from what to what."""
    before = {a["item_id"]: a for a in old.get("answers", [])}
    after = {a["item_id"]: a for a in new.get("answers", [])}
    diffs = []
    for item_id in list(after) + [i for i in before if i not in after]:
        a, b = before.get(item_id, {}), after.get(item_id, {})
        for f in DIFF_FIELDS:
            x, y = str(a.get(f) or ""), str(b.get(f) or "")
            if x != y:
                diffs.append(AnswerDiff(item_id, f, x, y))
        if [x["sha256"] for x in a.get("attachments", [])] != [x["sha256"] for x in b.get("attachments", [])]:
            diffs.append(AnswerDiff(item_id, "attachments", ", ".join(x["name"] for x in a.get("attachments", [])),
                                    ", ".join(x["name"] for x in b.get("attachments", []))))
    return diffs


def _questionnaire(ws: Workspace, snap: dict[str, Any]) -> Questionnaire | None:
    q = snap.get("questionnaire") or {}
    found = ws.catalog.find(str(q.get("id")), str(q.get("version")))
    if found is not None and found.content_hash == q.get("content_hash"):
        return found
    key = ws.store.questionnaire_key_by_hash(str(q.get("content_hash")))
    return None if key is None else ws.questionnaire_for_key(key)


@dataclass
class ImportBatch:
    """What stays the same across the files of one import: the departments of the master and the checklists
    by traits, read once instead of once a file (300 files would read the 300-department master 300 times)."""

    known: dict[str, Department] | None = None
    checklists: dict[tuple[str, frozenset[str], tuple[str, ...] | None], Questionnaire] = field(default_factory=dict)
    trust: tuple[list[Any], list[bytes]] | None = None  # the database's trust roots and CRLs (an import adds none)

    def trust_of(self, ws: Workspace) -> tuple[list[Any], list[bytes]]:
        if self.trust is None:
            self.trust = root_certificates(ws), ws.store.crls()
        return self.trust

    def departments(self, ws: Workspace) -> dict[str, Department]:
        if self.known is None:
            self.known = {d.id: d for d in ws.departments()}
        return self.known

    def checklist(self, q: Questionnaire, traits: frozenset[str], themes: tuple[str, ...] | None) -> Questionnaire:
        key = (q.content_hash, traits, themes)
        found = self.checklists.get(key)
        if found is None:
            found = q.checklist_for(traits) if themes is None else q.checklist_for_year(traits, themes)
            self.checklists[key] = found
        return found


def _check_content(ws: Workspace, sf: SubmissionFile, batch: ImportBatch | None = None) -> str | None:
    """None when the content fits this town's master and checklists, else the reason (in the user's language)."""
    batch = batch or ImportBatch()
    snap = sf.snapshot
    q = _questionnaire(ws, snap)
    if q is None:
        qi = snap.get("questionnaire") or {}
        return (_("{year}年度のチェックリスト「{title}」"
                  "（版 {version}）はこのデータベースに登録されていません。"
                  "その年度のチェックリストを取り込んでから、もう一度取り込んでください。"
                  ).format(year=snap.get('fiscal_year'), title=qi.get('title') or qi.get('id'),
                           version=qi.get('version')))
    dep = (snap.get("department") or {}).get("id")
    known = batch.departments(ws)
    if dep not in known:
        return _("部署 {department} は部署マスタにありません。").format(department=dep)
    if snap.get("fiscal_year") != q.fiscal_year:
        return (_("年度が合いません（提出は{year}年度、チェックリストは{expected}年度）。"
                  ).format(year=snap.get('fiscal_year'), expected=q.fiscal_year))
    recorded = asked_in_snapshot(snap)
    if recorded is None:  # submitted before the rotation (or a checklist asking everything): as always
        checklist = batch.checklist(q, known[dep].traits, None)
    else:
        unknown = [t for t in recorded[1] if t not in {t.id for t in q.themes}]
        if unknown:
            return _("テーマ「{themes}」はこのチェックリストにありません。").format(themes=_("、").join(unknown))
        checklist = batch.checklist(q, known[dep].traits, tuple(recorded[1]))
        if set(recorded[0]) != {it.id for it in checklist.items()}:
            return _("提出が尋ねられたとする項目が、この部署の{year}年度のチェックリスト（毎年の項目・今年度の群・"
                     "テーマ）と一致しません。部署マスタかチェックリストの版が、部署と監査担当で違う可能性があります。"
                     ).format(year=q.fiscal_year)
    ids = {it.id for it in checklist.items()}
    keys = {o.key for o in q.scale}
    # Follow-up items (改善報告 on last year's findings) come on top of the questionnaire's items.
    got = [a.get("item_id") for a in snap.get("answers", []) if not str(a.get("item_id")).startswith(FOLLOWUP_PREFIX)]
    if set(got) != ids or len(got) != len(ids):
        return _("回答の項目が、この部署のチェックリストと一致しません。")
    bad = [a["item_id"] for a in snap["answers"] if a.get("rating") not in keys]
    if bad:
        return _("評価が選択肢にない項目があります: {names}").format(names=', '.join(bad[:5]))
    if sf.kind == "pdf":
        # The head signs the pages; the auditor takes the embedded data: they must say the same.
        differences = pages_match(sf.content, snap, checklist, snapshot_hash=sf.snapshot_hash,
                                  department_names=[d.name for d in known.values()], reader=sf.reader)
        if differences:
            return _("画面（ページ）に表示された回答と、添付の回答データが一致しません。"
                     "見た目と中身が違うファイルは取り込めません（例外にもできません）。") + "".join(
                "\n  - " + d for d in differences)
    return None


def import_submission(ws: Workspace, path: Path, *, actor: str, options: ImportOptions = DEFAULT_OPTIONS,
                      batch: ImportBatch | None = None) -> ImportResult:
    """Import one file; a refused file changes nothing and says why. ``batch``: shared by the files of one
    import (:func:`import_many`)."""
    if path.suffix.lower() == ".xlsx":
        from ..submission.excel_template import import_template_as_submission

        return import_template_as_submission(ws, path, actor=actor, options=options)
    if ws.store.role != ROLE_AUDITOR:
        return ImportResult(path, "refused", _("監査担当用のデータベースで取り込んでください。"))
    try:
        roots, crls = (batch or ImportBatch()).trust_of(ws)
        sf = read_submission(path, [*roots, *options.roots], [*crls, *options.crls])
    except SubmissionFileError as exc:
        return ImportResult(path, "refused", str(exc))
    return import_checked(ws, sf, path, actor=actor, options=options, batch=batch)


def import_checked(ws: Workspace, sf: SubmissionFile, path: Path, *, actor: str,
                   options: ImportOptions = DEFAULT_OPTIONS, label: str | None = None,
                   batch: ImportBatch | None = None) -> ImportResult:
    """Store a submission whose file was read and checked: content, 年度締め, trust and signer, version,
    follow-ups, duplicates, changes. A signed file needs a trusted root and a signer registered for its
    department, unless the auditor makes an exception for it with a reason; an unsigned input is taken as
    such, never over a signed submission without that exception."""
    if ws.store.role != ROLE_AUDITOR:
        return ImportResult(path, "refused", _("監査担当用のデータベースで取り込んでください。"))
    snap = sf.snapshot
    dep, year = str(snap["department"]["id"]), int(snap["fiscal_year"])

    def result(outcome: str, message: str, received_id: int | None = None,
               changes: list[AnswerDiff] | None = None, excepted: bool = False) -> ImportResult:
        return ImportResult(path, outcome, message, received_id, dep, year, sf.signature_status, list(sf.warnings),
                            changes or [], trust, excepted)

    trust = "unsigned" if sf.signature_status == "unsigned" else "trusted"
    if ws.store.closed_year(year):
        return result("refused", _("{file}: {year}年度は締められています（報告書に承認者が署名済み）。"
                                   "取り込むには、理由を付けて年度締めを解除してください。"
                                   ).format(file=path.name, year=year))
    problem = _check_content(ws, sf, batch) or followup_problem(ws, snap, dep, year)
    if problem:
        return result("refused", f"{path.name}: {problem}")
    if ws.store.received_by_file(sf.file_sha256) is not None:
        return result("duplicate", _("{file}: 同じファイルはすでに取り込まれています。").format(file=path.name))
    current = ws.store.received(year, dep)
    prev = current[-1] if current else None
    problem = version_problem(sf, prev)
    if problem:
        return result("refused", f"{path.name}: {problem}")
    exception = options.exception_reason.strip()
    if trust == "unsigned":
        if options.refuse_unsigned:
            return result("refused", _("{file}: 電子署名のないファイルです。信頼できる署名のあるファイルだけを取り込む"
                                       "指定のため、取り込みません。").format(file=path.name))
        if prev is not None and prev.trust in ("trusted", "exception") and not exception:
            return result("refused", _("{file}: 署名付きで取り込み済みの提出（第{version}版）を、署名のないファイルで"
                                       "置き換えることはできません。どうしても必要なときは、理由を付けて例外として"
                                       "取り込んでください。").format(file=path.name, version=prev.submission_version),
                          excepted=True)
        if exception:
            trust = "exception"
    else:
        problem = signed_after_revocation(ws, sf, options.crls)
        if problem:
            return result("refused", f"{path.name}: {problem}")
        problems = trust_problems(ws, sf, dep)
        if problems and not exception:
            return result("refused", _("{file}: 信頼できる登録済みの署名ではないため取り込みません。"
                                       ).format(file=path.name)
                          + "".join("\n  - " + p for p in problems)
                          + "\n" + _("確かめたうえで取り込む必要があるときは、理由を付けて例外として取り込めます"
                                      "（--allow-untrusted --reason）。"), excepted=True)
        if problems:
            trust = "exception"
            sf.warnings.extend(problems)
    missed = _themes_not_answered(ws, snap, dep, year)
    if missed:
        sf.warnings.append(missed)
    changes: list[AnswerDiff] = []
    if prev is not None:
        old = json.loads(prev.snapshot)
        changes = diff_snapshots(old, snap)
        if prev.snapshot_hash == sf.snapshot_hash or (not changes and old.get("approver") == snap.get("approver")):
            return result("duplicate", _("{file}: 同じ内容の提出はすでに取り込まれています。"
                                         ).format(file=path.name), prev.id)
        if not options.confirm_changes:
            return result("needs_confirmation", _("{file}: {department} は再提出です"
                                                  "（変更 {count} 件）。内容を確認してから取り込んでください。"
                                                  ).format(file=path.name, department=snap['department']['name'],
                                                           count=len(changes)),
                          changes=changes)
    content = _kept_bytes(path, sf.file_sha256)
    if content is None:
        return result("refused", _("{file}: 取込の途中でファイルが変わったか、読めなくなりました。"
                                   "ファイルを確かめて、もう一度取り込んでください。").format(file=path.name))
    sig = sf.signature
    record = {
        "department_id": dep, "fiscal_year": year, "questionnaire_id": snap["questionnaire"]["id"],
        "questionnaire_version": snap["questionnaire"]["version"],
        "content_hash": snap["questionnaire"]["content_hash"],
        "submission_version": int(snap.get("submission_version", 1)),
        "snapshot": sf.snapshot_json or json.dumps(snap, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        "snapshot_hash": sf.snapshot_hash, "log_hash": sf.log_hash, "file_name": path.name,
        "file_sha256": sf.file_sha256, "file_kind": sf.kind, "signature_status": sf.signature_status,
        "signer_name": sig.signer_name if sig else None, "signer_title": sig.signer_title if sig else None,
        "signed_at": sig.signed_at if sig else None, "trust": trust,
        "exception_reason": exception if trust == "exception" else None,
    }
    received_id = ws.store.add_received(record, actor=actor, content=content)
    _record_followup_reports(ws, snap, year, actor)
    taken = _("{file}: {department} の{label}を取り込みました。").format(
        file=path.name, department=snap['department']['name'], label=label or _("提出"))
    if trust == "exception":
        taken += _("（例外として取込。理由: {reason}）").format(reason=exception)
    return result("imported", taken, received_id, changes)


def _themes_not_answered(ws: Workspace, snap: dict[str, Any], dep: str, year: int) -> str | None:
    """The themes this auditor added for the department that its submission was not asked (it has not taken
    in the theme file, or took in an older one): said at import, for the auditor to decide (e.g. 差戻し)."""
    q = _questionnaire(ws, snap)
    if q is None or not q.rotates:
        return None
    recorded = asked_in_snapshot(snap)
    asked = set(recorded[1]) if recorded is not None else set()
    titles = {t.id: t.title for t in q.themes}
    missing = [titles.get(t, t) for t in ws.store.theme_assignments(year).get(dep, ()) if t not in asked]
    if not missing:
        return None
    return _("この部署に加えたテーマ「{themes}」の項目が、提出では尋ねられていません（部署がテーマの割当ての"
             "ファイルを取り込んでいない可能性があります）。").format(themes=_("、").join(missing))


def _kept_bytes(path: Path, file_sha256: str) -> bytes | None:
    """The file's bytes to keep with the submission: exactly those that were checked (same SHA-256)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return raw if hashlib.sha256(raw).hexdigest() == file_sha256 else None


def _record_followup_reports(ws: Workspace, snap: dict[str, Any], year: int, actor: str) -> None:
    """The department's 改善報告 on last year's findings goes onto the findings carried into this year."""
    reports = {a["item_id"]: a for a in snap.get("answers", []) if str(a.get("item_id")).startswith(FOLLOWUP_PREFIX)}
    if not reports:
        return
    carried = {f.carried_from: f for f in ws.store.findings(year) if f.carried_from is not None}
    for item_id, a in reports.items():
        try:
            ref = int(item_id[len(FOLLOWUP_PREFIX):])
        except ValueError:
            continue
        target = carried.get(ref)
        if target is None:
            continue
        ws.store.update_finding(target.id, {"department_report": str(a.get("note") or ""),
                                            "reported_status": str(a.get("rating") or "")}, actor=actor)


def submission_files(paths: Iterable[Path]) -> list[Path]:
    """Files given directly, and the .pdf / .json files inside given folders."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(x for x in p.iterdir()
                                if x.suffix.lower() in (".pdf", ".json", ".xlsx") and x.is_file()))
        else:
            found.append(p)
    return found


def import_many(ws: Workspace, paths: Iterable[Path], *, actor: str, options: ImportOptions = DEFAULT_OPTIONS,
                progress: Callable[[int, int, Path], None] | None = None) -> list[ImportResult]:
    files = submission_files(paths)
    results = []
    batch = ImportBatch()
    with ws.store.batch():  # one COMMIT (one fsync, the rows sealed once) for the whole import
        for i, f in enumerate(files):
            if progress:
                progress(i, len(files), f)
            results.append(import_submission(ws, f, actor=actor, options=options, batch=batch))
    if progress:
        progress(len(files), len(files), Path())
    return results


def accept(ws: Workspace, department_id: str, year: int, actor: str) -> None:
    current = ws.store.received(year, department_id)
    if not current:
        raise SubmissionFileError(_("{department} の{year}年度の提出は取り込まれていません。"
                                    ).format(department=department_id, year=year))
    ws.store.decide(current[-1].id, "accepted", reason="", actor=actor)
