"""The auditor's database's self-check (see :mod:`.integrity`): every sealed row's MAC, the snapshots and kept
files against their hashes, the log's chain and sealed end, and the log's replay (:mod:`.integrity_replay`)."""

from __future__ import annotations

import hashlib
import hmac
import sqlite3
from collections.abc import Callable
from typing import Any

from ..domain.runs import consecutive_runs
from ..i18n import _
from . import oplog
from .integrity import (
    CRL_KEY,
    INTEGRITY_TABLES,
    KDF_INFO,
    LOG_HEAD,
    RESTORED_ACTION,
    CheckResult,
    IntegrityProblem,
    anchor_mac,
    encode_row,
    row_mac,
    sealed_tables,
    table_exists,
    table_rows,
)
from .integrity_benchmark import compare_benchmark_packs
from .integrity_replay import compare_with_log, replay
from .integrity_words import Words

_MAX_LISTED_LOG = 5  # log entries listed one by one before a range is given


def check(conn: sqlite3.Connection, key: bytes | None) -> CheckResult:
    """Everything the database must satisfy; ``key`` None for a database not sealed yet (no MACs to check)."""
    result = CheckResult(sealed=key is not None)
    problems = result.problems
    words = Words(conn)

    def add(kind: str, table: str, row_key: object, message: str) -> None:
        problems.append(IntegrityProblem(kind, table, str(row_key), message))

    if key is not None:
        for t in INTEGRITY_TABLES:
            if not table_exists(conn, t):
                add("deleted", t, "", _("改ざん検出用の記録（{table}）がありません（削除されています）。"
                                        ).format(table=t))
        if problems:
            return result
        if conn.execute("SELECT 1 FROM database_info WHERE key = ?", [KDF_INFO]).fetchone() is None:
            add("deleted", "database_info", KDF_INFO, _("改ざん検出の封印の情報がありません（削除されています）。"))
    macs: dict[tuple[str, str], str] = {}
    if key is not None:
        macs = {(t, k): m for t, k, m in conn.execute("SELECT tbl, row_key, mac FROM integrity_macs")}
    exp = replay(conn)
    if key is None and exp.seal_seq is not None:
        add("deleted", "database_info", KDF_INFO,
            _("操作履歴の {seq} 番目で改ざん検出の封印をしていますが、封印の情報がありません（削除されています）。"
              ).format(seq=exp.seal_seq))
    seen: set[tuple[str, str]] = set()
    log_unsealed: list[int] = []
    log_changed: list[int] = []
    log_rows: dict[int, dict[str, Any]] = {}
    received_rows: dict[int, dict[str, Any]] = {}
    kept: dict[int, str] = {}  # received id -> SHA-256 of the kept file
    values: dict[str, dict[str, str]] = {"deadlines": {}, "crls": {}}  # compared with the log's replay
    present: dict[str, set[Any]] = {}
    for table, col in sealed_tables(conn):
        keys: set[Any] = set()
        present[table] = keys
        for row_key, raw in table_rows(conn, table, col):
            keys.add(row_key)
            row = encode_row(raw)  # a BLOB hashed once
            if table == "received_submissions":
                received_rows[int(row["id"])] = {k: v for k, v in row.items() if k != "snapshot"}
                words.received[int(row["id"])] = words.submission(row)
                if hashlib.sha256(str(row["snapshot"]).encode("utf-8")).hexdigest() != row["snapshot_hash"]:
                    add("hash", table, row_key, _("{what}: 保存されている回答が、記録されたハッシュ値と一致しません"
                                                  "（回答が書き換えられています）。").format(what=words.submission(row)))
            elif table == "received_files":
                kept[int(row_key)] = str(row["content"]["sha256"])
            elif table == "operation_log":
                log_rows[int(row_key)] = {"at": row["at"], "action": row["action"]}
            elif table == "settings" and str(row_key).startswith("deadline:"):
                values["deadlines"][str(row_key)] = str(row["value"])
            elif table == "crls":
                values["crls"][str(row_key)[:CRL_KEY]] = str(row["this_update"])
            if key is None:
                continue
            seen.add((table, str(row_key)))
            stored = macs.get((table, str(row_key)))
            if stored is not None and hmac.compare_digest(stored, row_mac(key, table, row_key, row, encoded=True)):
                continue
            if table == "operation_log":
                (log_unsealed if stored is None else log_changed).append(int(row_key))
            elif stored is None:
                add("inserted", table, row_key, _("{what}: アプリの外で追加された記録です（改ざん検出用の印が"
                                                  "ありません）。").format(what=words.row(table, row_key, row)))
            else:
                add("changed", table, row_key, _("{what}: アプリの外で変更されています（改ざん検出用の印と"
                                                 "一致しません）。").format(what=words.row(table, row_key, row)))
    # Kept files: the bytes imported, as recorded.
    for rid, digest in kept.items():
        rec = received_rows.get(rid)
        if rec is not None and digest != rec["file_sha256"]:
            add("file", "received_files", rid, _("{what}: 記録されたハッシュ値と一致しません（ファイルが差し替えられて"
                                                 "います）。").format(what=words.row("received_files", rid, {})))
    # The log: its chain, its MACs, its end.
    for p in oplog.verify(conn):
        add("log", "operation_log", p.seq, _("操作履歴: {problem}").format(problem=p))
    if key is not None:
        _log_macs(result, key, conn, log_rows, log_unsealed, log_changed, macs, words, add)
        for (table, row_key) in sorted(set(macs) - seen):
            if table == "operation_log":
                continue  # a cut tail or a deleted entry: the chain and the anchor say so
            add("deleted", table, row_key, _("{what}: 削除されています（改ざん検出用の印だけが残っています）。"
                                             ).format(what=words.row(table, row_key, None)))
    compare_with_log(exp, present, received_rows, kept, values, words, add, sealed=key is not None)
    if key is not None and table_exists(conn, "theme_assignments"):
        _compare_themes(conn, exp.themes, words, add)
    if key is not None:
        compare_benchmark_packs(conn, add)
    return result


def _compare_themes(conn: sqlite3.Connection, logged: set[tuple[int, str, str]], words: Words,
                    add: Callable[[str, str, object, str], None]) -> None:
    """The 年度's themes (which items each department is asked) are what the log's theme entries say."""
    there = {(int(y), str(d), str(t)) for y, d, t in conn.execute(
        "SELECT fiscal_year, department_id, theme_id FROM theme_assignments")}
    for year, dep, theme in sorted(there - logged):
        add("inserted", "theme_assignments", f"{year}/{dep}/{theme}",
            _("{year}年度のテーマ「{theme}」（{department}）: 操作履歴に記録がありません（アプリの外で追加されて"
              "います）。").format(year=year, theme=theme, department=words.department(dep)))
    for year, dep, theme in sorted(logged - there):
        add("deleted", "theme_assignments", f"{year}/{dep}/{theme}",
            _("{year}年度のテーマ「{theme}」（{department}）: 操作履歴にはありますが、データベースにありません"
              "（削除されています）。").format(year=year, theme=theme, department=words.department(dep)))


def _log_macs(result: CheckResult, key: bytes, conn: sqlite3.Connection, log_rows: dict[int, dict[str, Any]],
              unsealed: list[int], changed: list[int], macs: dict[tuple[str, str], str], words: Words,
              add: Callable[[str, str, object, str], None]) -> None:
    head = max(log_rows, default=0)
    anchor = conn.execute("SELECT value, mac FROM integrity_anchor WHERE name = ?", [LOG_HEAD]).fetchone()
    anchor_seq = 0
    if anchor is None:
        add("deleted", "integrity_anchor", LOG_HEAD,
            _("操作履歴の末尾を示す改ざん検出用の記録がありません（削除されています）。"))
    elif not hmac.compare_digest(str(anchor[1]), anchor_mac(key, LOG_HEAD, str(anchor[0]))):
        add("changed", "integrity_anchor", LOG_HEAD,
            _("操作履歴の末尾を示す改ざん検出用の記録が、アプリの外で変更されています。"))
    else:
        anchor_seq = int(str(anchor[0]).split(":", 1)[0])
    # A restore appends one entry without the key, at the end: it changes no row, and it is sealed on open.
    tail = [s for s in unsealed if s > anchor_seq]
    if anchor is not None and tail and tail == list(range(anchor_seq + 1, head + 1)) \
            and all(log_rows[s]["action"] == RESTORED_ACTION for s in tail) \
            and _log_head_value(conn, anchor_seq) == str(anchor[0]):
        result.adoptable = tail
        unsealed = [s for s in unsealed if s not in tail]
    inserted = _("アプリの外で追加された記録です（改ざん検出用の印がありません）。")
    altered = _("アプリの外で変更されています（改ざん検出用の印と一致しません）。")
    for kind, seqs, what in (("inserted", unsealed, inserted), ("changed", changed, altered)):
        if len(seqs) <= _MAX_LISTED_LOG:
            for s in seqs:
                add(kind, "operation_log", s, f"{words.row('operation_log', s, log_rows[s])}: {what}")
            continue
        for first, last in consecutive_runs(seqs):
            add(kind, "operation_log", first, _("操作履歴の {first}〜{last} 番目の記録（{count} 件）: {what}").format(
                first=first, last=last, count=last - first + 1, what=what))
    if anchor is not None and anchor_seq and head < anchor_seq:
        add("deleted", "operation_log", head + 1,
            _("操作履歴の末尾の記録が削除されています（最後の記録は {expected} 番目のはずですが、{actual} 番目"
              "までしかありません）。").format(expected=anchor_seq, actual=head))
    elif anchor is not None and anchor_seq and _log_head_value(conn, anchor_seq) != str(anchor[0]):
        add("changed", "operation_log", anchor_seq, _("操作履歴の {seq} 番目の記録が、改ざん検出用の記録と一致しません"
                                                      "（記録が置き換えられています）。").format(seq=anchor_seq))


def _log_head_value(conn: sqlite3.Connection, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM operation_log WHERE seq = ?", [seq]).fetchone()
    return None if row is None else f"{seq}:{row[0]}"
