"""The operation log (操作履歴): append-only, each entry chained to the previous one by SHA-256.

An edited, inserted or deleted entry breaks the chain at that point. A deleted tail leaves a
valid chain, so every signed submission carries the head hash at signing: if that hash is no
longer in the chain, the tail was cut.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

from ..domain.records import LogEntry, LogProblem
from ..i18n import _

GENESIS = "0" * 64






def entry_hash(prev_hash: str, seq: int, at: str, actor: str, role: str, action: str, target: str,
               details_json: str) -> str:
    payload = json.dumps([prev_hash, seq, at, actor, role, action, target, details_json], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def head(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT hash FROM operation_log ORDER BY seq DESC LIMIT 1").fetchone()
    return GENESIS if row is None else str(row[0])


def append(conn: sqlite3.Connection, *, actor: str, role: str, action: str, target: str,
           details: dict[str, Any], at: str) -> str:
    """Append one entry inside the caller's transaction; return its hash."""
    row = conn.execute("SELECT seq, hash FROM operation_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (1, GENESIS) if row is None else (int(row[0]) + 1, str(row[1]))
    details_json = json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    h = entry_hash(prev, seq, at, actor, role, action, target, details_json)
    conn.execute("INSERT INTO operation_log (seq, at, actor, role, action, target, details, prev_hash, hash) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [seq, at, actor, role, action, target, details_json, prev, h])
    return h


def entries(conn: sqlite3.Connection) -> list[LogEntry]:
    rows = conn.execute("SELECT seq, at, actor, role, action, target, details, prev_hash, hash FROM operation_log "
                        "ORDER BY seq").fetchall()
    result = []
    for r in rows:
        try:
            details = json.loads(r[6])
        except (TypeError, ValueError):
            details = {"_unreadable": str(r[6])}
        result.append(LogEntry(int(r[0]), r[1], r[2], r[3], r[4], r[5], details if isinstance(details, dict)
                               else {"_value": details}, r[7], r[8]))
    return result


def verify(conn: sqlite3.Connection, expected_hashes: list[str] | None = None) -> list[LogProblem]:
    """Check the whole chain; ``expected_hashes`` (from signed submissions) must all be in it."""
    problems: list[LogProblem] = []
    rows = conn.execute("SELECT seq, at, actor, role, action, target, details, prev_hash, hash FROM operation_log "
                        "ORDER BY seq").fetchall()
    prev = GENESIS
    expected_seq = 1
    seen: set[str] = set()
    for r in rows:
        seq = int(r[0])
        if seq != expected_seq:
            problems.append(LogProblem(seq, _("記録の番号が飛んでいます（{first} 番目から {seq} 番目の間の記録が"
                                              "削除されています）。").format(first=expected_seq, seq=seq)))
        if r[7] != prev:
            problems.append(LogProblem(seq, _("直前の記録とのつながり（ハッシュ）が合いません。"
                                              "この記録の前で記録が削除・挿入・変更されています。")))
        if entry_hash(r[7], seq, r[1], r[2], r[3], r[4], r[5], r[6]) != r[8]:
            problems.append(LogProblem(seq, _("記録の内容が変更されています（{at} {action}）。"
                                              ).format(at=r[1], action=r[4])))
        prev = str(r[8])
        seen.add(prev)
        expected_seq = seq + 1
    for h in expected_hashes or []:
        if h not in seen and h != GENESIS:
            problems.append(LogProblem(0, _("署名済みの提出ファイルが記録した操作履歴（{hash}…）が見つかりません。"
                                            "操作履歴の末尾が削除されています"
                                            "（そのファイルを書き出したデータベースでない場合も、この表示になります）。").format(hash=h[:12])))
    return problems
