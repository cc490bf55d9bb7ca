"""Score packs in the auditor's database: written from the consolidated 年度 (checked against the database's
texts first), imported from other towns (checked the same way, signature checked, kept and logged), and the
comparison the dashboard and ``benchmark compare`` show."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import clock
from ...domain.benchmark import OWN_TOWN, ComparisonRow, StoredPack, compare_row
from ...errors import InputProblem
from ...fileio import write_atomic
from ...i18n import _
from ..intake.consolidation import Consolidation, consolidate
from ..workspace import Workspace
from .pack import Forbidden, build_pack, leaks, pack_bytes, read_pack
from .pack_signature import PackSignature, check_detached, sign_detached, signature_path

MAX_PACK_BYTES = 1024 * 1024
_ANSWER_TEXTS = ("note", "reason", "plan_content", "plan_owner")


def forbidden_texts(ws: Workspace) -> Forbidden:
    """The department names and ids, the answer texts and the finding texts of the database."""
    found = Forbidden()
    for d in ws.departments():
        found.names.add(d.name)
        found.ids.add(d.id)
    for rec in ws.store.received(None, current_only=False):
        try:
            snap = json.loads(rec.snapshot)
        except ValueError:
            continue
        found.add_texts(a.get(k) for a in snap.get("answers", []) if isinstance(a, dict) for k in _ANSWER_TEXTS)
        approver = snap.get("approver")
        if isinstance(approver, dict):
            found.add_texts([approver.get("name")])
    for f in ws.store.findings():
        found.add_texts([f.title, f.text, f.recommendation, f.department_report])
    public = _public_texts(ws)
    found.texts = {t for t in found.texts if not any(t in p for p in public)}
    return found


def _public_texts(ws: Workspace) -> set[str]:
    """What a pack carries by design (the questionnaires' chapter titles): a finding titled like a chapter is
    no leak."""
    return {c.title for q in ws.catalog.questionnaires for c in q.chapters}


def refuse_leaks(pack: dict[str, Any], ws: Workspace, name: str) -> None:
    problems = leaks(pack, forbidden_texts(ws))
    if problems:
        raise InputProblem(_("{name}: 得点パックにこのデータベースの部署名・回答・指摘事項が含まれています。"
                             "何も書き出し・取り込みしていません。").format(name=name)
                           + "".join("\n  - " + p for p in problems))


@dataclass(frozen=True)
class Exported:
    out: Path
    signature: Path | None
    sha256: str


def export_pack(ws: Workspace, year: int, out: Path, *, town: str = OWN_TOWN, p12: Path | None = None,
                passphrase: bytes | None = None, actor: str) -> Exported:
    """Write the 年度's pack (and its signature with ``p12``): checked first, nothing written when refused."""
    pack = build_pack(consolidate(ws, year), town=town, created_at=clock.now_iso())
    refuse_leaks(pack, ws, out.name)
    data = pack_bytes(pack)
    sig = sign_detached(data, p12, passphrase) if p12 is not None else None
    sig_path = signature_path(out) if sig is not None else None
    write_atomic(out, data)
    if sig is not None and sig_path is not None:
        write_atomic(sig_path, sig)
    else:
        signature_path(out).unlink(missing_ok=True)  # a signature left from an earlier pack would not fit
    digest = hashlib.sha256(data).hexdigest()
    ws.store.log(actor, "benchmark_exported", f"year:{year}",
                 {"file": out.name, "sha256": digest, "signed": sig is not None})
    return Exported(out, sig_path, digest)


@dataclass(frozen=True)
class Imported:
    file: Path
    town: str
    year: int
    signature: PackSignature
    outcome: str  # imported / duplicate
    other_questionnaire: bool  # made with another questionnaire: chapters compared by id, may differ


def import_pack(ws: Workspace, path: Path, *, roots: list[Any], actor: str) -> Imported:
    """Check and keep one pack (its ``.sig`` beside it checked when present)."""
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            raise InputProblem(_("{name}: 得点パックとしては大きすぎます。").format(name=path.name))
        data = path.read_bytes()
        sig_file = signature_path(path)
        signature = sig_file.read_bytes() if sig_file.exists() else None
    except OSError as exc:
        raise InputProblem(_("{name}: ファイルを読めません。").format(name=path.name)) from exc
    pack = read_pack(data, path.name)
    refuse_leaks(pack, ws, path.name)
    checked = check_detached(data, signature, roots, sig_file.name) if signature is not None \
        else PackSignature("unsigned")
    digest = hashlib.sha256(data).hexdigest()
    town, year = str(pack["town"]), int(pack["fiscal_year"])
    q_hash = str(pack["questionnaire"]["sha256"])
    own = ws.catalog.for_year(year)
    other = own is None or own.content_hash != q_hash
    if ws.store.benchmark_pack_by_sha(digest) is not None:
        return Imported(path, town, year, checked, "duplicate", other)
    ws.store.add_benchmark_pack(sha256=digest, town=town, fiscal_year=year, questionnaire_hash=q_hash, content=data,
                                signature=signature, signature_status=checked.status, signer=checked.signer,
                                file=path.name, actor=actor)
    return Imported(path, town, year, checked, "imported", other)


def latest_packs(ws: Workspace) -> dict[tuple[str, int], tuple[StoredPack, dict[str, Any]]]:
    """The latest imported pack of each town and 年度, with its content."""
    out: dict[tuple[str, int], tuple[StoredPack, dict[str, Any]]] = {}
    for p in ws.store.benchmark_packs():
        out[(p.town, p.fiscal_year)] = (p, json.loads(p.content.decode("utf-8")))
    return out


@dataclass
class Comparison:
    year: int
    town: str
    rows: list[ComparisonRow] = field(default_factory=list)
    peers: list[StoredPack] = field(default_factory=list)
    previous_source: str = ""  # "pack" (the town's own pack of last year), "database", or "" none
    differing: list[str] = field(default_factory=list)  # towns whose pack was made with another questionnaire


def _chapter_scores(pack: dict[str, Any]) -> dict[str, float | None]:
    return {str(c["id"]): c.get("score") for c in pack.get("chapters", [])}


def compare(ws: Workspace, year: int, *, town: str = OWN_TOWN, cons: Consolidation | None = None) -> Comparison:
    """Per chapter of the 年度's questionnaire (compared by chapter id): the town's score, the median of the
    other towns' packs of the 年度, the town's percentile among them, how many towns, and last year's score
    (the town's own pack of last year, else the database's last 年度)."""
    cons = cons or consolidate(ws, year)
    packs = latest_packs(ws)
    peers = [(p, c) for (t, y), (p, c) in sorted(packs.items()) if y == year and t != town]
    result = Comparison(year, town, peers=[p for p, _c in peers])
    q = cons.questionnaire or ws.catalog.for_year(year)
    own_hash = q.content_hash if q else ""
    result.differing = [p.town for p, _c in peers if p.questionnaire_hash != own_hash]
    previous: dict[str, float | None] = {}
    previous_total: float | None = None
    if (town, year - 1) in packs:
        last = packs[(town, year - 1)][1]
        previous, previous_total, result.previous_source = _chapter_scores(last), last.get("total"), "pack"
    else:
        before = consolidate(ws, year - 1)
        if before.results:
            previous = {c: t.score for c, t in before.town.chapters.items()}
            previous_total, result.previous_source = before.town.total.score, "database"
    result.rows.append(compare_row("", _("町全体"), cons.town.total.score, [c.get("total") for _p, c in peers],
                                   previous_total))
    for ch in q.chapters if q else ():
        tally = cons.town.chapters.get(ch.id)
        result.rows.append(compare_row(ch.id, ch.title, tally.score if tally else None,
                                       [_chapter_scores(c).get(ch.id) for _p, c in peers], previous.get(ch.id)))
    return result
