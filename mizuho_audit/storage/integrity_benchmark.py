"""The self-check of the imported score packs (other towns' scores for the dashboard's comparison): each
kept file hashes to its recorded SHA-256, and the packs are exactly those the log's ``benchmark_imported``
entries name (every import is logged by the one writer, storage/benchmark_store.py, from the table's first
row on, so the log alone says what must be there). Their rows are MACed like the other sealed tables."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable

from ..i18n import _
from .integrity import table_exists

IMPORTED_ACTION = "benchmark_imported"


def compare_benchmark_packs(conn: sqlite3.Connection, add: Callable[[str, str, object, str], None]) -> None:
    if not table_exists(conn, "benchmark_packs"):
        return
    logged: dict[str, str] = {}
    for details_json, in conn.execute("SELECT details FROM operation_log WHERE action = ?", [IMPORTED_ACTION]):
        try:
            details = json.loads(details_json)
        except (TypeError, ValueError):
            continue
        if isinstance(details, dict) and details.get("sha256"):
            logged[str(details["sha256"])] = str(details.get("file", ""))
    there: dict[str, int] = {}
    for pid, sha, town, year, content in conn.execute(
            "SELECT id, sha256, town, fiscal_year, content FROM benchmark_packs ORDER BY id"):
        what = _("{town}の{year}年度の得点パック（番号 {id}）").format(town=town, year=year, id=pid)
        there[str(sha)] = int(pid)
        if hashlib.sha256(bytes(content)).hexdigest() != sha:
            add("file", "benchmark_packs", pid, _("{what}: 記録されたハッシュ値と一致しません（ファイルが差し替えられて"
                                                  "います）。").format(what=what))
        if str(sha) not in logged:
            add("inserted", "benchmark_packs", pid, _("{what}: 操作履歴に取込の記録がありません（アプリの外で"
                                                      "追加されています）。").format(what=what))
    for sha, file in sorted(logged.items()):
        if sha not in there:
            add("deleted", "benchmark_packs", sha[:16], _("得点パック（{file}）: 操作履歴では取り込まれていますが、"
                                                         "データベースにありません（削除されています）。").format(file=file))
