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
  and deleted, which 年度 were closed, which deadlines and report texts were set, and which trust roots, CRLs
  and signers were added or removed, and which themes each 年度 asks of which department; every row must be
  accounted for by it, and everything it accounts for must be there.
- **Hashes.** Each stored snapshot hashes to its recorded SHA-256, and each kept file (``received_files``, the
  bytes imported) to the recorded file SHA-256.

:func:`.integrity_check.check` does all of this in one pass (the fast check, on open and before every export;
the replay is in :mod:`.integrity_replay`, the words it names rows with in :mod:`.integrity_words`). A database
created before schema 7 has no MACs: on its first open with the passphrase the same checks run without the
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
    # The trust the imports rest on (schema 6): the roots, their CRLs, the signer register.
    "trust_roots": "fingerprint",
    "crls": "issuer_fingerprint",
    "signers": "id",
    # Score packs imported for the comparison with other towns (storage/integrity_benchmark.py).
    "benchmark_packs": "id",
}
INTEGRITY_TABLES = ("integrity_macs", "integrity_anchor")
CRL_KEY = 16  # a CRL is named in the log by the first hex digits of its issuer's fingerprint


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


def anchor_mac(key: bytes, name: str, value: str) -> str:
    return row_mac(key, "integrity_anchor", name, {"value": value})


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone() is not None


def sealed_tables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(t, k) for t, k in MACED_TABLES.items() if table_exists(conn, t)]


def table_rows(conn: sqlite3.Connection, table: str, key: str,
          where: tuple[str, list[Any]] | None = None) -> Iterable[tuple[Any, dict[str, Any]]]:
    cur = conn.execute(f"SELECT * FROM {table}" + (f" WHERE {where[0]}" if where else ""), where[1] if where else [])
    names = [d[0] for d in cur.description]
    for values in cur:
        row = dict(zip(names, values, strict=True))
        yield row[key], row


def log_head(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT seq, hash FROM operation_log ORDER BY seq DESC LIMIT 1").fetchone()
    return "0:" + oplog.GENESIS if row is None else f"{int(row[0])}:{row[1]}"


def write_anchor(conn: sqlite3.Connection, key: bytes) -> None:
    value = log_head(conn)
    conn.execute("INSERT OR REPLACE INTO integrity_anchor (name, value, mac) VALUES (?, ?, ?)",
                 [LOG_HEAD, value, anchor_mac(key, LOG_HEAD, value)])


def _store_mac(conn: sqlite3.Connection, key: bytes, table: str, row_key: object, row: dict[str, Any]) -> None:
    conn.execute("INSERT OR REPLACE INTO integrity_macs (tbl, row_key, mac) VALUES (?, ?, ?)",
                 [table, str(row_key), row_mac(key, table, row_key, row)])


# -- sealing as the app writes -----------------------------------------------------------------------
def install(conn: sqlite3.Connection, key: bytes) -> Callable[[sqlite3.Connection], None]:
    """Note every row the app's connection writes to a sealed table (temporary triggers: they live only in
    this connection); return the hook that seals them before COMMIT (``AppDatabase.before_commit``)."""
    # No unique constraint and no OR IGNORE: an upsert's conflict clause would override the trigger's.
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS integrity_dirty (tbl TEXT NOT NULL, row_key NOT NULL)")
    for table, col in sealed_tables(conn):
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
        found = next(iter(table_rows(conn, table, col, (f"{col} = ?", [row_key]))), None)
        if found is None:
            conn.execute("DELETE FROM integrity_macs WHERE tbl = ? AND row_key = ?", [table, str(row_key)])
        else:
            _store_mac(conn, key, table, row_key, found[1])
    conn.execute("DELETE FROM integrity_dirty")
    if any(t == "operation_log" for t, _k in dirty):
        write_anchor(conn, key)


def seal_everything(conn: sqlite3.Connection, key: bytes) -> int:
    """MAC every row of every sealed table as it is now, and the log's end (inside the caller's transaction)."""
    conn.execute("DELETE FROM integrity_macs")
    n = 0
    for table, col in sealed_tables(conn):
        for row_key, row in table_rows(conn, table, col):
            _store_mac(conn, key, table, row_key, row)
            n += 1
    write_anchor(conn, key)
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
        "trust_roots": keys("SELECT fingerprint FROM trust_roots ORDER BY fingerprint"),
        "crls": {str(fp)[:CRL_KEY]: this_update for fp, this_update in conn.execute(
            "SELECT issuer_fingerprint, this_update FROM crls ORDER BY issuer_fingerprint")},
        "signers": keys("SELECT id FROM signers ORDER BY id"),
    }


def seal(conn: sqlite3.Connection, key: bytes, *, actor: str, role: str, at: str, reason: str) -> None:
    """Seal a database (new, or created before rows were sealed): one ``integrity_sealed`` entry with the
    replay's starting point, then every row MACed as it is. Inside the caller's transaction."""
    counts = {t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t, _c in sealed_tables(conn)}
    oplog.append(conn, actor=actor, role=role, action=SEALED_ACTION, target="database",
                 details={"reason": reason, "rows": counts, "baseline": baseline(conn)}, at=at)
    seal_everything(conn, key)


def adopt(conn: sqlite3.Connection, key: bytes, seqs: list[int]) -> None:
    """Seal the entries a restore appended without the key (they change no row; see :func:`check`)."""
    for seq, row in table_rows(conn, "operation_log", "seq", ("seq >= ?", [min(seqs)])):
        if seq in seqs:
            _store_mac(conn, key, "operation_log", seq, row)
    write_anchor(conn, key)
