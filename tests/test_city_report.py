"""A city of 300 departments (issue 19): the report stays readable (the departments' own pages move to the
workbook beyond 60 departments and the report says where they are), and the checks on the way stay exact."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from mizuho_audit.services.intake.consolidation import consolidate
from mizuho_audit.services.intake.intake import import_many
from mizuho_audit.services.reports.audit_report import write_audit_report
from mizuho_audit.services.reports.audit_report_appendix import APPENDIX_DEPARTMENTS
from mizuho_audit.services.submission.envelopes import SNAPSHOT_SCHEMA, first_problem
from mizuho_audit.services.submission.submission import FILE_FORMAT
from mizuho_audit.services.submission.workflow import SNAPSHOT_FORMAT, snapshot_hash
from mizuho_audit.services.workspace import Workspace

from .test_submission_pdf import pages_text, squeeze

TRAITS = ["my_number", "lgwan", "internet", "runs_systems", "school", "assembly", "education_board"]


def city(tmp_path: Path, mini_dir: Path, count: int) -> Workspace:
    """An auditor's database with ``count`` departments' submissions imported (JSON, built directly)."""
    master = ["format: mizuho-audit/departments@1", 'version: "city"', "title: city", "traits:",
              *(f"  {t}: {t}" for t in TRAITS), "bodies:", "  - {id: city, name: 市長部局}", "departments:",
              *(f"  - {{id: c{i:03d}, name: 第{i}課, body: city, traits: [lgwan, my_number]}}"
                for i in range(1, count + 1))]
    (mini_dir / "departments.yaml").write_text("\n".join(master) + "\n", encoding="utf-8")
    ws = Workspace.open(tmp_path / "audit.db", shipped_dir=mini_dir, town_dir=tmp_path / "town", role="auditor",
                        passphrase="auditor-pass-1")
    q = ws.catalog.for_year(2026)
    assert q is not None
    inbox = tmp_path / "in"
    inbox.mkdir()
    for n, dep in enumerate(ws.catalog.master.departments):
        answers = [{"item_id": it.id, "rating": "partial" if (n + j) % 3 == 0 else "done", "note": "確認した。",
                    "reason": "", "plan_content": "手順を見直す。", "plan_owner": "係長", "plan_due": "2027-03-31",
                    "needs_review": False, "attachments": []}
                   for j, it in enumerate(q.checklist_for(dep.traits).items())]
        snap = {"format": SNAPSHOT_FORMAT, "department": {"id": dep.id, "name": dep.name, "body": "市長部局",
                                                          "division": ""},
                "fiscal_year": 2026, "questionnaire": {"id": q.id, "version": q.version,
                                                       "content_hash": q.content_hash, "title": q.title},
                "submission_version": 1, "approver": {"name": "課長", "title": "課長", "date": "2026-11-20"},
                "submitted_at": "2026-11-20T10:00:00+09:00", "submitted_by": "担当", "answers": answers}
        envelope = {"format": FILE_FORMAT, "snapshot": snap, "snapshot_hash": snapshot_hash(snap),
                    "log_hash": "0" * 64, "exported_at": "2026-11-20T10:00:00+09:00"}
        (inbox / f"{dep.id}.json").write_text(json.dumps(envelope, ensure_ascii=False), encoding="utf-8")
    results = import_many(ws, [inbox], actor="監査 一郎")
    assert [r.outcome for r in results] == ["imported"] * count, [r.message for r in results][:3]
    return ws


def test_a_300_department_report_leaves_the_departments_pages_to_the_workbook(tmp_path: Path,
                                                                               mini_dir: Path) -> None:
    ws = city(tmp_path, mini_dir, 300)
    try:
        assert len(consolidate(ws, 2026).results) == 300
        path = write_audit_report(ws, 2026, tmp_path / "city.pdf", actor="監査 一郎", author="瑞穂 太郎",
                                  reviewer="瑞穂 次郎", approver="瑞穂 花子")
    finally:
        ws.close()
    pages = [squeeze(p) for p in pages_text(path)]
    text = "".join(pages)
    # 300 departments on ~5 pages each would be well over a thousand pages; the report stays short.
    assert len(pages) < 80, len(pages)
    assert "6.1部署ごとの結果（集計ワークブック）" in text
    assert squeeze("提出した部署が 300 部署と多いため") in text
    assert "集計ワークブック" in text and "mizuho-auditexportexcel" in text
    assert "「部署別」" in text and "「改善計画」" in text and "「全回答」" in text
    # No department has pages of its own; the missing departments and the anchors follow as 6.2 and 6.3.
    assert "6.2未提出の部署" in text and "6.3集計した提出と操作履歴" in text
    assert "6.1第1課" not in text and "6.3第3課" not in text
    # The anchors still list every consolidated submission.
    assert all(f"第{i}課" in text for i in (1, 150, 300))


def test_up_to_the_limit_each_department_keeps_its_pages(tmp_path: Path, mini_dir: Path) -> None:
    ws = city(tmp_path, mini_dir, APPENDIX_DEPARTMENTS)
    try:
        path = write_audit_report(ws, 2026, tmp_path / "town.pdf", actor="監査 一郎", author="瑞穂 太郎",
                                  reviewer="瑞穂 次郎", approver="瑞穂 花子")
    finally:
        ws.close()
    text = "".join(squeeze(p) for p in pages_text(path))
    assert f"6.{APPENDIX_DEPARTMENTS}第{APPENDIX_DEPARTMENTS}課" in text
    assert "部署ごとの結果（集計ワークブック）" not in text


def _mutations(snapshot: dict[str, object]) -> list[object]:
    """The snapshot with one value at a time replaced by values of other types (and fields taken away)."""
    others: list[object] = [None, True, 1, 1.0, 2.5, "x", [], {}, ["x"], {"x": 1}]
    out: list[object] = []

    def walk(node: object, replace: object) -> None:
        if isinstance(node, dict):
            for key in list(node):
                for value in others:
                    out.append(replace({**node, key: value}))
                out.append(replace({k: v for k, v in node.items() if k != key}))
                walk(node[key], lambda new, key=key, node=node: replace({**node, key: new}))
        elif isinstance(node, list) and node:
            for value in others:
                out.append(replace([value, *node[1:]]))
            walk(node[0], lambda new, node=node: replace([new, *node[1:]]))

    walk(snapshot, lambda new: new)
    return out


def test_the_quick_envelope_check_is_never_looser_than_json_schema() -> None:
    """The import checks a submission's envelope directly before asking jsonschema (~10 ms a file): every
    variant jsonschema refuses is refused the same way, and the first problem named stays the same."""
    snapshot = {"format": SNAPSHOT_FORMAT, "department": {"id": "d1", "name": "総務課"}, "fiscal_year": 2026,
                "questionnaire": {"id": "q", "version": "1", "content_hash": "h", "title": None},
                "approver": {"name": "課長", "title": "課長", "date": "2026-11-20"}, "submission_version": 1,
                "submitted_at": "2026-11-20T10:00:00+09:00", "submitted_by": "担当",
                "answers": [{"item_id": "A-1", "rating": "done", "note": None,
                             "attachments": [{"name": "a.pdf", "sha256": "0" * 64}]}],
                "asked": {"items": ["A-1"], "themes": ["t"], "group": "g"},
                "since_last_year": {"from_year": 2025, "compared": 1, "improved": [], "declined": [
                    {"item_id": "A-1", "before": "done", "after": "partial"}]}}
    validator = jsonschema.Draft202012Validator(SNAPSHOT_SCHEMA)
    assert first_problem(SNAPSHOT_SCHEMA, snapshot) is None and validator.is_valid(snapshot)
    variants = _mutations(snapshot)
    assert len(variants) > 400
    refused = 0
    for variant in variants:
        problem = first_problem(SNAPSHOT_SCHEMA, variant)
        assert (problem is None) == validator.is_valid(variant), variant
        refused += problem is not None
    assert refused > 200


@pytest.mark.parametrize("value", [True, 2026.0, "2026"])
def test_a_count_that_is_not_an_integer_is_named(value: object) -> None:
    snapshot = {"format": SNAPSHOT_FORMAT, "department": {"id": "d1", "name": "総務課"}, "fiscal_year": value,
                "questionnaire": {"id": "q", "version": "1", "content_hash": "h"},
                "approver": {"name": "課長", "title": "課長", "date": "2026-11-20"}, "answers": []}
    expected = None if value == 2026.0 else ("wrong", "fiscal_year", None)  # JSON Schema: 2026.0 is an integer
    assert first_problem(SNAPSHOT_SCHEMA, snapshot) == expected
