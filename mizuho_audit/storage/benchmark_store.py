"""Store operations for the score packs imported for the comparison with other towns (the auditor's). Every
import is logged (``benchmark_imported``); the rows never change. Mixed into Store."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any, Protocol

from .. import clock
from .connection import AppDatabase, transaction
from .integrity_benchmark import IMPORTED_ACTION

if TYPE_CHECKING:  # the comparison with other towns is loaded when used, not at the window's start
    from ..domain.benchmark import StoredPack

_COLS = ("id, sha256, town, fiscal_year, questionnaire_hash, content, signature_status, signer, imported_at, "
         "imported_by")


class _StoreLike(Protocol):
    db: AppDatabase

    def _log(self, conn: sqlite3.Connection, actor: str, action: str, target: str, details: dict[str, Any],
             now: str | None) -> str: ...


def _record(r: tuple[Any, ...]) -> StoredPack:
    from ..domain.benchmark import StoredPack

    return StoredPack(int(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4]), bytes(r[5]), str(r[6]), str(r[7]),
                      str(r[8]), str(r[9]))


class BenchmarkStoreMixin:
    def benchmark_packs(self: _StoreLike) -> list[StoredPack]:
        """Every imported pack, in the order imported."""
        return [_record(r) for r in self.db.execute(f"SELECT {_COLS} FROM benchmark_packs ORDER BY id")]

    def benchmark_pack_by_sha(self: _StoreLike, sha256: str) -> StoredPack | None:
        row = self.db.execute(f"SELECT {_COLS} FROM benchmark_packs WHERE sha256 = ?", [sha256]).fetchone()
        return None if row is None else _record(row)

    def add_benchmark_pack(self: _StoreLike, *, sha256: str, town: str, fiscal_year: int, questionnaire_hash: str,
                           content: bytes, signature: bytes | None, signature_status: str, signer: str,
                           file: str, actor: str, details: dict[str, Any] | None = None,
                           now: str | None = None) -> int:
        """Keep one pack (the caller checked it), logged with its SHA-256; its id."""
        stamp = now or clock.now_iso()
        with transaction(self.db) as conn:
            cur = conn.execute(
                "INSERT INTO benchmark_packs (sha256, town, fiscal_year, questionnaire_hash, content, signature, "
                "signature_status, signer, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [sha256, town, fiscal_year, questionnaire_hash, content, signature, signature_status, signer, stamp,
                 actor])
            pid = int(cur.lastrowid or 0)
            self._log(conn, actor, IMPORTED_ACTION, f"year:{fiscal_year}",
                      {"file": file, "sha256": sha256, "town": town, "signature": signature_status,
                       **({"signer": signer} if signer else {}), **(details or {})}, stamp)
        return pid
