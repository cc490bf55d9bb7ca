"""The auditor's database checks itself: an edit made with another SQLite tool is found.

Anyone who can read the file can change it (docs/security.md); what this module makes sure is that such a
change is either found or cannot be hidden.

- **A key only the passphrase holder has.** When an auditor's database is opened with its passphrase, an
  integrity key is derived from it with scrypt and a salt of its own (``database_info.integrity_kdf``; the
  passphrase's verification hash uses another salt, so the key is not in the file). The key stays in memory.
- **One MAC per row** (HMAC-SHA256 over the table, the row's key and every non-NULL column; a BLOB by its
  SHA-256) of every table in :data:`MACED_TABLES`, kept in ``integrity_macs``. Rows are sealed by the store's
  own connection in the same transaction that writes them: temporary triggers (they exist only in the app's
  connection) note each row written, and :func:`flush` MACs them just before COMMIT.
- **The log's end** is an anchor (``integrity_anchor``, MACed): a cut tail no longer reaches it.
- **Replay.** The operation log says which submissions were imported and decided, which findings were added
  and deleted, which 年度 were closed, and which deadlines and report texts were set; every row must be
  accounted for by it, and everything it accounts for must be there.
- **Hashes.** Each stored snapshot hashes to its recorded SHA-256, and each kept file (``received_files``, the
  bytes imported) to the recorded file SHA-256.

:func:`check` does all of this in one pass (the fast check, on open and before every export). A database
created before schema 6 has no MACs: on its first open with the passphrase the same checks run without the
MACs (hashes, the log's chain, imports and decisions against the log) and, when they pass, every row is sealed
as it is (:func:`seal`, logged as ``integrity_sealed``). Rows sealed then are trusted as they were.

A table added to :data:`MACED_TABLES` later is covered from then on (its rows are sealed when the migration
that adds it has run, see ``Store.open``). A column added to a sealed table changes no existing MAC only if it
is NULL in the existing rows; ``Store.open`` re-seals every row after a migration, once the rows have been
checked under the schema before it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _
from . import oplog
from .passphrase import SCRYPT_MAXMEM, SCRYPT_N, SCRYPT_P, SCRYPT_R

MAC_FORMAT = "mizuho-audit/row-mac@1"
KDF_INFO = "integrity_kdf"  # database_info key: "scrypt$N$r$p$salt" (no digest: the key is never stored)
SEALED_ACTION = "integrity_sealed"
RESTORED_ACTION = "database_restored"
LOG_HEAD = "log_head"
SINCE_VERSION = 7  # the schema that brought the tables below

# The tables an auditor's decision rests on, each with the column that names a row.
MACED_TABLES: dict[str, str] = {
    "received_submissions": "id",
    "received_files": "received_id",
    "findings": "id",
    "report_details": "fiscal_year",
    "closed_years": "fiscal_year",
    "settings": "key",
    "questionnaires": "key",
    "operation_log": "seq",
}
_INTEGRITY_TABLES = ("integrity_macs", "integrity_anchor")
_DECISION_WORDS = {"accepted": "受理", "returned": "差戻し", None: "未判断"}
_MAX_LISTED_LOG = 5  # log entries listed one by one before a range is given


@dataclass(frozen=True)
class IntegrityProblem:
    """One thing found changed: ``kind`` (changed, inserted, deleted, hash, file, log, decision, ...), the
    table and row it concerns, and the message for the auditor."""

    kind: str
    table: str
    row_key: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class CheckResult:
    problems: list[IntegrityProblem] = field(default_factory=list)
    # Entries a restore appended without the key (``database_restored`` at the end of the log): sealed on open.
    adoptable: list[int] = field(default_factory=list)
    sealed: bool = False  # the database has been sealed (MACs were checked)


# -- the key -----------------------------------------------------------------------------------------
def new_kdf() -> str:
    salt = base64.b64encode(os.urandom(16)).decode()
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt}"


def derive_key(passphrase: str, kdf: str) -> bytes:
    scheme, n, r, p, salt_b64 = kdf.split("$")
    if scheme != "scrypt":
        raise ValueError(scheme)
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=base64.b64decode(salt_b64), n=int(n), r=int(r),
                          p=int(p), maxmem=SCRYPT_MAXMEM, dklen=32)


# -- MACs --------------------------------------------------------------------------------------------
def _encoded(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"sha256": hashlib.sha256(bytes(value)).hexdigest()}
    return value


def encode_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row as its MAC covers it: NULL columns left out (a column added later, NULL in the rows sealed before,
    changes no MAC), a BLOB by its SHA-256."""
    return {k: _encoded(v) for k, v in row.items() if v is not None}


def row_mac(key: bytes, table: str, row_key: object, row: dict[str, Any], *, encoded: bool = False) -> str:
    """The MAC of one row: its table and key are inside, so a MAC copied to another row does not fit."""
    payload = json.dumps([MAC_FORMAT, table, str(row_key), row if encoded else encode_row(row)],
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _anchor_mac(key: bytes, name: str, value: str) -> str:
    return row_mac(key, "integrity_anchor", name, {"value": value})


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone() is not None


def _tables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(t, k) for t, k in MACED_TABLES.items() if _table_exists(conn, t)]


def _rows(conn: sqlite3.Connection, table: str, key: str,
          where: tuple[str, list[Any]] | None = None) -> Iterable[tuple[Any, dict[str, Any]]]:
    cur = conn.execute(f"SELECT * FROM {table}" + (f" WHERE {where[0]}" if where else ""), where[1] if where else [])
    names = [d[0] for d in cur.description]
    for values in cur:
        row = dict(zip(names, values, strict=True))
        yield row[key], row


def _log_head(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT seq, hash FROM operation_log ORDER BY seq DESC LIMIT 1").fetchone()
    return "0:" + oplog.GENESIS if row is None else f"{int(row[0])}:{row[1]}"


def _write_anchor(conn: sqlite3.Connection, key: bytes) -> None:
    value = _log_head(conn)
    conn.execute("INSERT OR REPLACE INTO integrity_anchor (name, value, mac) VALUES (?, ?, ?)",
                 [LOG_HEAD, value, _anchor_mac(key, LOG_HEAD, value)])


def _store_mac(conn: sqlite3.Connection, key: bytes, table: str, row_key: object, row: dict[str, Any]) -> None:
    conn.execute("INSERT OR REPLACE INTO integrity_macs (tbl, row_key, mac) VALUES (?, ?, ?)",
                 [table, str(row_key), row_mac(key, table, row_key, row)])


# -- sealing as the app writes -----------------------------------------------------------------------
def install(conn: sqlite3.Connection, key: bytes) -> Callable[[sqlite3.Connection], None]:
    """Note every row the app's connection writes to a sealed table (temporary triggers: they live only in
    this connection); return the hook that seals them before COMMIT (``AppDatabase.before_commit``)."""
    # No unique constraint and no OR IGNORE: an upsert's conflict clause would override the trigger's.
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS integrity_dirty (tbl TEXT NOT NULL, row_key NOT NULL)")
    for table, col in _tables(conn):
        for event, refs in (("INSERT", ("NEW",)), ("UPDATE", ("NEW", "OLD")), ("DELETE", ("OLD",))):
            body = " ".join(f"INSERT INTO integrity_dirty (tbl, row_key) SELECT '{table}', {r}.{col} WHERE NOT EXISTS "
                            f"(SELECT 1 FROM integrity_dirty WHERE tbl = '{table}' AND row_key = {r}.{col});"
                            for r in refs)
            conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS integrity_{table}_{event.lower()} AFTER {event} "
                         f"ON main.{table} BEGIN {body} END")

    def hook(c: sqlite3.Connection) -> None:
        flush(c, key)

    return hook


def flush(conn: sqlite3.Connection, key: bytes) -> None:
    """MAC the rows written in this transaction (remove the MACs of rows deleted); move the log's anchor."""
    dirty = conn.execute("SELECT DISTINCT tbl, row_key FROM integrity_dirty").fetchall()
    if not dirty:
        return
    for table, row_key in dirty:
        col = MACED_TABLES[table]
        found = next(iter(_rows(conn, table, col, (f"{col} = ?", [row_key]))), None)
        if found is None:
            conn.execute("DELETE FROM integrity_macs WHERE tbl = ? AND row_key = ?", [table, str(row_key)])
        else:
            _store_mac(conn, key, table, row_key, found[1])
    conn.execute("DELETE FROM integrity_dirty")
    if any(t == "operation_log" for t, _k in dirty):
        _write_anchor(conn, key)


def seal_everything(conn: sqlite3.Connection, key: bytes) -> int:
    """MAC every row of every sealed table as it is now, and the log's end (inside the caller's transaction)."""
    conn.execute("DELETE FROM integrity_macs")
    n = 0
    for table, col in _tables(conn):
        for row_key, row in _rows(conn, table, col):
            _store_mac(conn, key, table, row_key, row)
            n += 1
    _write_anchor(conn, key)
    if _table_exists_temp(conn):
        conn.execute("DELETE FROM integrity_dirty")
    return n


def _table_exists_temp(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = 'integrity_dirty'"
                        ).fetchone() is not None


def baseline(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the log's replay starts from at sealing: the rows whose additions earlier entries do not name."""
    def keys(sql: str) -> list[Any]:
        return [r[0] for r in conn.execute(sql)]

    return {
        "findings": keys("SELECT id FROM findings ORDER BY id"),
        "closed_years": keys("SELECT fiscal_year FROM closed_years ORDER BY fiscal_year"),
        "report_details": keys("SELECT fiscal_year FROM report_details ORDER BY fiscal_year"),
        "deadlines": dict(conn.execute("SELECT key, value FROM settings WHERE key LIKE 'deadline:%' ORDER BY key")
                          .fetchall()),
    }


def seal(conn: sqlite3.Connection, key: bytes, *, actor: str, role: str, at: str, reason: str) -> None:
    """Seal a database (new, or created before rows were sealed): one ``integrity_sealed`` entry with the
    replay's starting point, then every row MACed as it is. Inside the caller's transaction."""
    counts = {t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t, _c in _tables(conn)}
    oplog.append(conn, actor=actor, role=role, action=SEALED_ACTION, target="database",
                 details={"reason": reason, "rows": counts, "baseline": baseline(conn)}, at=at)
    seal_everything(conn, key)


def adopt(conn: sqlite3.Connection, key: bytes, seqs: list[int]) -> None:
    """Seal the entries a restore appended without the key (they change no row; see :func:`check`)."""
    for seq, row in _rows(conn, "operation_log", "seq", ("seq >= ?", [min(seqs)])):
        if seq in seqs:
            _store_mac(conn, key, "operation_log", seq, row)
    _write_anchor(conn, key)


# -- the check -----------------------------------------------------------------------------------------
class _Words:
    """How the check names what it found: the department, the submission, the finding, the entry."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.names = dict(conn.execute("SELECT id, name FROM departments").fetchall())
        self.names["*"] = "全庁"
        self.received: dict[int, str] = {}

    def department(self, dep: object) -> str:
        return str(self.names.get(dep, dep))

    def submission(self, row: dict[str, Any]) -> str:
        return _("{department}の{year}年度の提出（第{version}版、受付番号 {id}、{file}）").format(
            department=self.department(row.get("department_id")), year=row.get("fiscal_year"),
            version=row.get("submission_version"), id=row.get("id"), file=row.get("file_name"))

    def row(self, table: str, row_key: object, row: dict[str, Any] | None) -> str:
        r = row or {}
        if table == "received_submissions":
            return self.submission(r) if row else _("受付番号 {id} の提出").format(id=row_key)
        if table == "received_files":
            return _("{submission}の取り込んだファイル").format(
                submission=self.received.get(int(str(row_key)), _("受付番号 {id} の提出").format(id=row_key)))
        if table == "findings":
            if not row:
                return _("指摘事項 {id}").format(id=row_key)
            return _("指摘事項 {id}（{department}、{year}年度「{title}」）").format(
                id=row_key, department=self.department(r.get("department_id")), year=r.get("fiscal_year"),
                title=r.get("title"))
        if table == "report_details":
            return _("{year}年度の報告書の記載（総括・宛先・文書番号）").format(year=row_key)
        if table == "closed_years":
            return _("{year}年度の年度締め").format(year=row_key)
        if table == "settings":
            if str(row_key).startswith("deadline:"):
                return _("{year}年度の提出期限").format(year=str(row_key).split(":", 1)[1])
            return _("設定「{key}」").format(key=row_key)
        if table == "questionnaires":
            if not row:
                return _("チェックリスト（番号 {key}）").format(key=row_key)
            return _("チェックリスト「{title}」（版 {version}）").format(title=r.get("title"), version=r.get("version"))
        if table == "operation_log":
            if not row:
                return _("操作履歴の {seq} 番目の記録").format(seq=row_key)
            return _("操作履歴の {seq} 番目の記録（{at} {action}）").format(seq=row_key, at=r.get("at"),
                                                                 action=r.get("action"))
        return f"{table} {row_key}"


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
class _Expected:
    """What the operation log says must be in the database."""

    imported: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # file sha -> (seq, target, file)
    decisions: dict[int, str | None] = field(default_factory=dict)
    seal_seq: int | None = None
    findings: set[int] | None = None  # None: not known (the database is not sealed yet)
    closed: set[int] | None = None
    report_details: set[int] | None = None
    deadlines: dict[str, str] | None = None


def _replay(conn: sqlite3.Connection) -> _Expected:
    exp = _Expected()
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
        if action == SEALED_ACTION and exp.seal_seq is None:
            exp.seal_seq = int(seq)
            base = details.get("baseline") or {}
            exp.findings = {int(x) for x in base.get("findings", [])}
            exp.closed = {int(x) for x in base.get("closed_years", [])}
            exp.report_details = {int(x) for x in base.get("report_details", [])}
            exp.deadlines = {str(k): str(v) for k, v in (base.get("deadlines") or {}).items()}
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
    return exp


def _ranges(seqs: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s in sorted(seqs):
        if out and s == out[-1][1] + 1:
            out[-1] = (out[-1][0], s)
        else:
            out.append((s, s))
    return out


def check(conn: sqlite3.Connection, key: bytes | None) -> CheckResult:
    """Everything the database must satisfy; ``key`` None for a database not sealed yet (no MACs to check)."""
    result = CheckResult(sealed=key is not None)
    problems = result.problems
    words = _Words(conn)

    def add(kind: str, table: str, row_key: object, message: str) -> None:
        problems.append(IntegrityProblem(kind, table, str(row_key), message))

    if key is not None:
        for t in _INTEGRITY_TABLES:
            if not _table_exists(conn, t):
                add("deleted", t, "", _("改ざん検出用の記録（{table}）がありません（削除されています）。"
                                        ).format(table=t))
        if problems:
            return result
        if conn.execute("SELECT 1 FROM database_info WHERE key = ?", [KDF_INFO]).fetchone() is None:
            add("deleted", "database_info", KDF_INFO, _("改ざん検出の封印の情報がありません（削除されています）。"))
    macs: dict[tuple[str, str], str] = {}
    if key is not None:
        macs = {(t, k): m for t, k, m in conn.execute("SELECT tbl, row_key, mac FROM integrity_macs")}
    exp = _replay(conn)
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
    deadlines: dict[str, str] = {}  # the deadline settings
    present: dict[str, set[Any]] = {}
    for table, col in _tables(conn):
        keys: set[Any] = set()
        present[table] = keys
        for row_key, raw in _rows(conn, table, col):
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
                deadlines[str(row_key)] = str(row["value"])
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
    _compare_with_log(exp, present, received_rows, kept, deadlines, words, add, sealed=key is not None)
    return result


def _log_macs(result: CheckResult, key: bytes, conn: sqlite3.Connection, log_rows: dict[int, dict[str, Any]],
              unsealed: list[int], changed: list[int], macs: dict[tuple[str, str], str], words: _Words,
              add: Callable[[str, str, object, str], None]) -> None:
    head = max(log_rows, default=0)
    anchor = conn.execute("SELECT value, mac FROM integrity_anchor WHERE name = ?", [LOG_HEAD]).fetchone()
    anchor_seq = 0
    if anchor is None:
        add("deleted", "integrity_anchor", LOG_HEAD,
            _("操作履歴の末尾を示す改ざん検出用の記録がありません（削除されています）。"))
    elif not hmac.compare_digest(str(anchor[1]), _anchor_mac(key, LOG_HEAD, str(anchor[0]))):
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
        for first, last in _ranges(seqs):
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


def _compare_with_log(exp: _Expected, present: dict[str, set[Any]], received: dict[int, dict[str, Any]],
                      kept: dict[int, str], deadlines: dict[str, str], words: _Words,
                      add: Callable[[str, str, object, str], None], *, sealed: bool) -> None:
    """Every row the log accounts for, and nothing else."""
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
                what=what, actual=_DECISION_WORDS.get(r.get("decision"), str(r.get("decision"))),
                expected=_DECISION_WORDS.get(expected, str(expected))))
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
    for table, wanted, there in checks:
        for k in sorted(there - wanted):
            add("inserted", table, k, _("{what}: 操作履歴に記録がありません（アプリの外で追加されています）。").format(
                what=words.row(table, k, None)))
        for k in sorted(wanted - there):
            add("deleted", table, k, _("{what}: 操作履歴にはありますが、データベースにありません（削除されています）。"
                                       ).format(what=words.row(table, k, None)))
    for k in sorted(set(deadlines) | set(exp.deadlines)):
        actual, logged = deadlines.get(k), exp.deadlines.get(k)
        if actual != logged:
            add("changed", "settings", k, _("{what}: 「{actual}」になっていますが、操作履歴では「{expected}」です"
                                            "（アプリの外で変更されています）。").format(
                what=words.row("settings", k, None), actual=actual or _("なし"), expected=logged or _("なし")))
