"""The self-check's replay of the operation log: what the log says must be in the auditor's database (each
submission imported and its last decision; after the sealing, the findings, the closed 年度, the report texts
and the deadlines), compared with what is there (see :mod:`.integrity_check`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _
from .integrity import CRL_KEY, SEALED_ACTION
from .integrity_words import DECISION_WORDS, Words


def _year_of(target: str) -> int | None:
    try:
        return int(target.split(":", 1)[1]) if target.startswith("year:") else None
    except ValueError:
        return None


def _id_of(target: str, prefix: str) -> int | None:
    try:
        return int(target.split(":", 1)[1]) if target.startswith(prefix + ":") else None
    except ValueError:
        return None


@dataclass
class Expected:
    """What the operation log says must be in the database."""

    imported: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # file sha -> (seq, target, file)
    decisions: dict[int, str | None] = field(default_factory=dict)
    seal_seq: int | None = None
    findings: set[int] | None = None  # None: not known (the database is not sealed yet)
    closed: set[int] | None = None
    report_details: set[int] | None = None
    deadlines: dict[str, str] | None = None
    # None also when the sealing entry has no baseline for them (a database sealed before they were sealed).
    trust_roots: set[str] | None = None
    crls: dict[str, str] | None = None  # the issuer fingerprint's first CRL_KEY digits -> this update
    signers: set[int] | None = None
    # The themes of each 年度 (schema 8), as (year, department, theme): every change is logged by the one writer
    # (storage/theme_store.py) from the table's first row on, so the log alone says what must be there.
    themes: set[tuple[int, str, str]] = field(default_factory=set)


THEME_ACTIONS = ("themes_assigned", "themes_removed", "themes_installed")


def _replay_themes(exp: Expected, year: int | None, details: dict[str, Any]) -> None:
    if year is None:
        return
    for text in details.get("removed") or []:
        dep, _sep, theme = str(text).partition(":")
        exp.themes.discard((year, dep, theme))
    for text in details.get("added") or []:
        dep, _sep, theme = str(text).partition(":")
        exp.themes.add((year, dep, theme))


def replay(conn: sqlite3.Connection) -> Expected:
    exp = Expected()
    for seq, action, target, details_json in conn.execute(
            "SELECT seq, action, target, details FROM operation_log ORDER BY seq"):
        try:
            details = json.loads(details_json)
        except (TypeError, ValueError):
            details = {}
        if not isinstance(details, dict):
            details = {}
        if action == "submission_imported" and details.get("file_sha256"):
            exp.imported[str(details["file_sha256"])] = (int(seq), str(target), str(details.get("file", "")))
        elif action in ("accepted", "returned", "acceptance_undone") and isinstance(details.get("received"), int):
            exp.decisions[details["received"]] = None if action == "acceptance_undone" else action
        elif action in THEME_ACTIONS:
            _replay_themes(exp, _year_of(str(target)), details)
        if action == SEALED_ACTION and exp.seal_seq is None:
            exp.seal_seq = int(seq)
            base = details.get("baseline") or {}
            exp.findings = {int(x) for x in base.get("findings", [])}
            exp.closed = {int(x) for x in base.get("closed_years", [])}
            exp.report_details = {int(x) for x in base.get("report_details", [])}
            exp.deadlines = {str(k): str(v) for k, v in (base.get("deadlines") or {}).items()}
            if "trust_roots" in base:
                exp.trust_roots = {str(x) for x in base["trust_roots"]}
                exp.crls = {str(k): str(v) for k, v in (base.get("crls") or {}).items()}
                exp.signers = {int(x) for x in base.get("signers", [])}
            continue
        if exp.seal_seq is None:
            continue
        assert exp.findings is not None and exp.closed is not None and exp.report_details is not None
        assert exp.deadlines is not None
        year = _year_of(str(target))
        if isinstance(details.get("finding_ids"), list):
            exp.findings |= {int(x) for x in details["finding_ids"]}
        if action == "finding_deleted" and (fid := _id_of(str(target), "finding")) is not None:
            exp.findings.discard(fid)
        elif action == "year_closed" and year is not None:
            exp.closed.add(year)
        elif action == "year_reopened" and year is not None:
            exp.closed.discard(year)
        elif action == "report_details_set" and year is not None:
            exp.report_details.add(year)
        elif action == "deadline_set" and year is not None and details.get("deadline"):
            exp.deadlines[f"deadline:{year}"] = str(details["deadline"])
        else:
            _replay_trust(exp, str(action), str(target), details)
    return exp


def _replay_trust(exp: Expected, action: str, target: str, details: dict[str, Any]) -> None:
    """The trust roots, CRLs and signers an entry adds or removes (storage/trust_store.py)."""
    if exp.trust_roots is None or exp.crls is None or exp.signers is None:
        return
    fingerprint = str(details.get("fingerprint") or "")
    if action == "trust_root_added" and fingerprint:
        exp.trust_roots.add(fingerprint)
    elif action == "trust_root_removed" and fingerprint:
        exp.trust_roots.discard(fingerprint)
        exp.crls.pop(fingerprint[:CRL_KEY], None)  # removed with its root
    elif action == "crl_updated" and target.startswith("certificate:") and details.get("this_update"):
        exp.crls[target.removeprefix("certificate:")[:CRL_KEY]] = str(details["this_update"])
    elif action == "signer_added" and (sid := _id_of(target, "signer")) is not None:
        exp.signers.add(sid)


def compare_with_log(exp: Expected, present: dict[str, set[Any]], received: dict[int, dict[str, Any]],
                      kept: dict[int, str], values: dict[str, dict[str, str]], words: Words,
                      add: Callable[[str, str, object, str], None], *, sealed: bool) -> None:
    """Every row the log accounts for, and nothing else. ``values``: the deadlines (``settings`` key -> date) and
    the CRLs (issuer fingerprint's first digits -> this update) found."""
    by_file = {str(r["file_sha256"]): rid for rid, r in received.items()}
    for rid, r in received.items():
        what = words.received[rid]
        imported = exp.imported.get(str(r["file_sha256"]))
        if imported is None:
            add("inserted", "received_submissions", rid, _("{what}: 操作履歴に取込の記録がありません（アプリの外で"
                                                           "追加されています）。").format(what=what))
        elif sealed and exp.seal_seq is not None and imported[0] > exp.seal_seq and rid not in kept:
            add("deleted", "received_files", rid,
                _("{what}: 取り込んだファイルが保存されていません（削除されています）。").format(what=what))
        expected = exp.decisions.get(rid)
        if r.get("decision") != expected:
            add("decision", "received_submissions", rid, _("{what}: 判断が「{actual}」になっていますが、操作履歴では"
                                                           "「{expected}」です（アプリの外で変更されています）。").format(
                what=what, actual=DECISION_WORDS.get(r.get("decision"), str(r.get("decision"))),
                expected=DECISION_WORDS.get(expected, str(expected))))
    for sha, (seq, target, file) in exp.imported.items():
        if sha not in by_file:
            dep, _sep, year = target.removeprefix("department:").partition("/")
            add("deleted", "received_submissions", sha,
                _("{department}の{year}年度の提出（{file}）: 操作履歴の {seq} 番目で取り込まれていますが、"
                  "データベースにありません（削除されています）。").format(department=words.department(dep), year=year,
                                                                     file=file, seq=seq))
    if not sealed or exp.seal_seq is None:
        return
    assert exp.findings is not None and exp.closed is not None and exp.report_details is not None
    assert exp.deadlines is not None
    checks: list[tuple[str, set[Any], set[Any]]] = [
        ("findings", exp.findings, present.get("findings", set())),
        ("closed_years", exp.closed, present.get("closed_years", set())),
        ("report_details", exp.report_details, present.get("report_details", set())),
    ]
    if exp.trust_roots is not None and exp.signers is not None:
        checks += [("trust_roots", exp.trust_roots, present.get("trust_roots", set())),
                   ("signers", exp.signers, present.get("signers", set()))]
    for table, wanted, there in checks:
        for k in sorted(there - wanted):
            add("inserted", table, k, _("{what}: 操作履歴に記録がありません（アプリの外で追加されています）。").format(
                what=words.row(table, k, None)))
        for k in sorted(wanted - there):
            add("deleted", table, k, _("{what}: 操作履歴にはありますが、データベースにありません（削除されています）。"
                                       ).format(what=words.row(table, k, None)))
    dated = [("settings", values.get("deadlines", {}), exp.deadlines)]
    if exp.crls is not None:
        dated.append(("crls", values.get("crls", {}), exp.crls))
    for table, found, logged_values in dated:
        for k in sorted(set(found) | set(logged_values)):
            actual, logged = found.get(k), logged_values.get(k)
            if actual != logged:
                add("changed", table, k, _("{what}: 「{actual}」になっていますが、操作履歴では「{expected}」です"
                                           "（アプリの外で変更されています）。").format(
                    what=words.row(table, k, None), actual=actual or _("なし"), expected=logged or _("なし")))
