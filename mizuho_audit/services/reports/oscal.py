"""OSCAL exports: the checklist of a 年度 as a catalog, and the 年度's consolidated results as
assessment-results (one result per department: an observation per answered item, a finding per item
judged — satisfied or not — and per confirmed 指摘事項, each targeting the item's statement).

The documents are written in Japanese, like every document the app issues; UUIDs are uuid5 of stable
names (the 年度, the department, the submission's version, the item), so exporting again gives the same ids.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from ... import clock
from ...domain.questionnaire import Questionnaire
from ...errors import InputProblem
from ...fileio import write_atomic
from ...i18n import _
from ...questionnaires.oscal_catalog import catalog_document, metadata, prop, stable_uuid
from ..intake.consolidation import DepartmentResult, consolidate
from ..workspace import Workspace


def write_json(out: Path, document: dict[str, Any]) -> Path:
    write_atomic(out, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return out


def write_catalog(q: Questionnaire, out: Path, modified: datetime | None = None) -> Path:
    return write_json(out, catalog_document(q, modified or clock.now()))


def _moment(stamp: str | None, fallback: datetime) -> str:
    """A stored stamp as an OSCAL date-time (with its zone; Japan time when it has none)."""
    if stamp:
        try:
            return clock.in_japan(datetime.fromisoformat(stamp)).isoformat(timespec="seconds")
        except ValueError:
            pass
    return fallback.isoformat(timespec="seconds")


def _answers(r: DepartmentResult) -> dict[str, dict[str, Any]]:
    return {str(a["item_id"]): a for a in r.snapshot.get("answers", []) if isinstance(a, dict)}


def _result(r: DepartmentResult, year: int, modified: datetime, confirmed: list[Any]) -> dict[str, Any]:
    q, dep, rec = r.checklist, r.department, r.received
    collected = _moment(rec.received_at, modified)
    answers = _answers(r)
    base = ("result", year, dep.id, rec.submission_version)
    observations: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    for it in q.items():
        rating = r.ratings.get(it.id)
        if not rating:
            continue
        option = q.option(rating)
        answer = answers.get(it.id, {})
        obs_uuid = stable_uuid(*base, "observation", it.id)
        texts = [f"評価: {option.label}"] + [f"{label}: {answer[key]}" for key, label in (
            ("note", "実施状況・根拠"), ("reason", "該当しない理由"), ("plan_content", "改善計画"),
            ("plan_due", "改善計画の期限")) if answer.get(key)]
        observations.append({
            "uuid": obs_uuid, "title": f"{it.id} {option.label}", "description": "\n\n".join(texts),
            "props": [prop("item-id", it.id), prop("rating", rating)],
            "methods": ["EXAMINE"], "types": ["control-objective"], "collected": collected,
        })
        if option.score is None:
            continue  # 該当しない: observed, but nothing to judge
        findings.append({
            "uuid": stable_uuid(*base, "finding", it.id), "title": f"{it.id} {it.question}",
            "description": f"{dep.name}の回答: {option.label}",
            "props": [prop("item-id", it.id), prop("rating", rating)],
            "target": {"type": "statement-id", "target-id": f"{it.id}_smt",
                       "status": {"state": "not-satisfied" if q.fails(rating) else "satisfied"}},
            "related-observations": [{"observation-uuid": obs_uuid}],
        })
    for f in confirmed:
        findings.append({
            "uuid": stable_uuid(*base, "audit-finding", f.id), "title": f"指摘事項: {f.title}",
            "description": f.text or f.title,
            "props": [prop("item-id", f.item_id), prop("grade", f.grade), prop("status", f.status)],
            "target": {"type": "statement-id", "target-id": f"{f.item_id}_smt",
                       "status": {"state": "not-satisfied"}},
        })
    total = r.scores.total.score
    props = [prop("department-id", dep.id), prop("submission-version", rec.submission_version)]
    if total is not None:
        props.append(prop("score", f"{total * 100:.1f}"))
    result: dict[str, Any] = {
        "uuid": stable_uuid(*base), "title": f"{dep.name}の自己点検（{year}年度）",
        "description": f"{dep.name}が提出した自己点検の回答（第{rec.submission_version}版、"
                       f"{q.title} 版 {q.version}）。",
        "start": collected, "props": props,
        "reviewed-controls": {"control-selections": [
            {"include-controls": [{"control-id": it.id} for it in q.items()]}]},
    }
    if observations:
        result["observations"] = observations
    if findings:
        result["findings"] = findings
    return result


def results_document(ws: Workspace, year: int, modified: datetime | None = None) -> dict[str, Any]:
    """The 年度's consolidated results as OSCAL assessment-results (a dict to write as JSON)."""
    when = modified or clock.now()
    cons = consolidate(ws, year)
    q = cons.questionnaire
    if q is None or not cons.results:
        raise InputProblem(_("{year}年度に取り込んだ提出がありません。何も書き出していません。").format(year=year))
    confirmed = [f for f in ws.store.findings(year) if f.confirmed]
    results = [_result(r, year, when, [f for f in confirmed if f.department_id == r.department.id])
               for r in cons.results]
    catalog_uuid = catalog_document(q, when)["catalog"]["uuid"]
    return {"assessment-results": {
        "uuid": stable_uuid("assessment-results", year, q.id, q.version),
        "metadata": metadata(f"{year}年度 情報セキュリティ自己点検の結果", q.version, when,
                             [prop("fiscal-year", year), prop("questionnaire-id", q.id)]),
        "import-ap": {"href": f"urn:uuid:{catalog_uuid}",
                      "remarks": "評価計画はありません。対象の統制は、この uuid のカタログ"
                                 "（mizuho-audit export oscal catalog）の項目です。"},
        "results": results,
    }}


def write_results(ws: Workspace, year: int, out: Path, actor: str) -> tuple[Path, int]:
    """Write the results (atomically), log ``oscal_exported``; returns the file and the departments."""
    document = results_document(ws, year)
    write_json(out, document)
    count = len(document["assessment-results"]["results"])
    ws.store.log(actor, "oscal_exported", f"year:{year}", {"file": out.name, "departments": count})
    return out, count
