"""Store operations for the trust the database holds: root certificates, their latest CRLs, and the register
of who may sign what (the auditor's). Every change is logged. Mixed into Store."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from typing import Any, Protocol

from .. import clock
from ..domain.records import SignerRecord, TrustRootRecord
from ..i18n import _
from .connection import AppDatabase, StoreError, transaction

_SIGNER_COLS = ", ".join(f.name for f in fields(SignerRecord))


class _StoreLike(Protocol):
    db: AppDatabase

    def _log(self, conn: sqlite3.Connection, actor: str, action: str, target: str, details: dict[str, Any],
             now: str | None) -> str: ...


class TrustStoreMixin:
    # -- roots ---------------------------------------------------------------------------------------------
    def trust_roots(self: _StoreLike) -> list[TrustRootRecord]:
        rows = self.db.execute("SELECT fingerprint, subject, der, added_at, added_by FROM trust_roots "
                               "ORDER BY added_at, fingerprint").fetchall()
        return [TrustRootRecord(r[0], r[1], bytes(r[2]), r[3], r[4]) for r in rows]

    def add_trust_root(self: _StoreLike, *, fingerprint: str, subject: str, der: bytes, actor: str,
                       now: str | None = None) -> bool:
        """Trust a root certificate (logged with its fingerprint); False when it was trusted already."""
        stamp = now or clock.now_iso()
        with transaction(self.db) as conn:
            if conn.execute("SELECT 1 FROM trust_roots WHERE fingerprint = ?", [fingerprint]).fetchone():
                return False
            conn.execute("INSERT INTO trust_roots (fingerprint, subject, der, added_at, added_by) "
                         "VALUES (?, ?, ?, ?, ?)", [fingerprint, subject, der, stamp, actor])
            self._log(conn, actor, "trust_root_added", f"certificate:{fingerprint[:16]}",
                      {"subject": subject, "fingerprint": fingerprint}, stamp)
        return True

    def remove_trust_root(self: _StoreLike, fingerprint: str, *, reason: str, actor: str,
                          now: str | None = None) -> None:
        stamp = now or clock.now_iso()
        with transaction(self.db) as conn:
            row = conn.execute("SELECT subject FROM trust_roots WHERE fingerprint = ?", [fingerprint]).fetchone()
            if row is None:
                raise StoreError(_("その証明書は信頼する証明書に登録されていません。"))
            conn.execute("DELETE FROM crls WHERE issuer_fingerprint = ?", [fingerprint])
            conn.execute("DELETE FROM trust_roots WHERE fingerprint = ?", [fingerprint])
            self._log(conn, actor, "trust_root_removed", f"certificate:{fingerprint[:16]}",
                      {"subject": row[0], "fingerprint": fingerprint, "reason": reason}, stamp)

    # -- CRLs ----------------------------------------------------------------------------------------------
    def crls(self: _StoreLike) -> list[bytes]:
        return [bytes(r[0]) for r in self.db.execute("SELECT der FROM crls ORDER BY issuer_fingerprint")]

    def crl_dates(self: _StoreLike) -> dict[str, tuple[str, str | None]]:
        """Issuer fingerprint -> (this update, next update) of the CRL kept for it."""
        return {r[0]: (r[1], r[2]) for r in self.db.execute(
            "SELECT issuer_fingerprint, this_update, next_update FROM crls")}

    def crl_of(self: _StoreLike, issuer_fingerprint: str) -> bytes | None:
        """The CRL (DER) kept for a trusted root, if any."""
        row = self.db.execute("SELECT der FROM crls WHERE issuer_fingerprint = ?", [issuer_fingerprint]).fetchone()
        return None if row is None else bytes(row[0])

    def put_crl(self: _StoreLike, *, issuer_fingerprint: str, der: bytes, this_update: str, next_update: str | None,
                actor: str, now: str | None = None) -> bool:
        """Keep a CRL of a trusted root in place of the one kept (logged); the caller has found it later (by
        date, then CRL number). False when it is byte for byte the one kept."""
        stamp = now or clock.now_iso()
        with transaction(self.db) as conn:
            row = conn.execute("SELECT der FROM crls WHERE issuer_fingerprint = ?", [issuer_fingerprint]).fetchone()
            if row is not None and bytes(row[0]) == der:
                return False
            conn.execute("INSERT OR REPLACE INTO crls (issuer_fingerprint, der, this_update, next_update, added_at, "
                         "added_by) VALUES (?, ?, ?, ?, ?, ?)",
                         [issuer_fingerprint, der, this_update, next_update, stamp, actor])
            self._log(conn, actor, "crl_updated", f"certificate:{issuer_fingerprint[:16]}",
                      {"this_update": this_update, "next_update": next_update}, stamp)
        return True

    # -- the signer register -------------------------------------------------------------------------------
    def signers(self: _StoreLike, *, active_only: bool = True) -> list[SignerRecord]:
        sql = f"SELECT {_SIGNER_COLS} FROM signers" + (" WHERE removed_at IS NULL" if active_only else "")
        return [SignerRecord(*r) for r in self.db.execute(sql + " ORDER BY id").fetchall()]

    def add_signer(self: _StoreLike, row: dict[str, Any], *, actor: str, now: str | None = None) -> int:
        """Register who may sign what (logged); the same certificate, role and department is registered once."""
        stamp = now or clock.now_iso()
        keys = ("fingerprint", "subject", "issuer", "holder_name", "holder_title", "match", "role", "department_id",
                "valid_from", "valid_to")
        with transaction(self.db) as conn:
            same = conn.execute(
                "SELECT id FROM signers WHERE removed_at IS NULL AND role = ? AND department_id IS ? AND "
                "((match = 'fingerprint' AND fingerprint = ?) OR (match = 'subject' AND subject = ? AND issuer = ?))",
                [row["role"], row["department_id"], row["fingerprint"], row["subject"], row["issuer"]]).fetchone()
            if same is not None:
                raise StoreError(_("この証明書は、同じ役割ですでに登録されています（番号 {id}）。"
                                   ).format(id=same[0]))
            cur = conn.execute(f"INSERT INTO signers ({', '.join(keys)}, added_at, added_by) "
                               f"VALUES ({', '.join('?' for _ in keys)}, ?, ?)",
                               [row[k] for k in keys] + [stamp, actor])
            new_id = int(cur.lastrowid or 0)
            self._log(conn, actor, "signer_added", f"signer:{new_id}",
                      {k: row[k] for k in keys if k != "subject"}, stamp)
        return new_id

    def remove_signer(self: _StoreLike, signer_id: int, *, reason: str, actor: str, now: str | None = None) -> None:
        stamp = now or clock.now_iso()
        with transaction(self.db) as conn:
            row = conn.execute("SELECT removed_at FROM signers WHERE id = ?", [signer_id]).fetchone()
            if row is None or row[0] is not None:
                raise StoreError(_("番号 {id} の署名者は登録されていません。").format(id=signer_id))
            conn.execute("UPDATE signers SET removed_at = ?, removed_by = ?, removed_reason = ? WHERE id = ?",
                         [stamp, actor, reason, signer_id])
            self._log(conn, actor, "signer_removed", f"signer:{signer_id}", {"reason": reason}, stamp)
