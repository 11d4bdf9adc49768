"""The audit log: who did what, where, in which community (moderator actions and refusals)."""

from __future__ import annotations

from storage.rows import AuditEntry
from storage.sql.database import Database, Transaction
from storage.sql.records import now_iso


async def write_audit(
    tx: Transaction,
    community: int,
    actor: str,
    place: str,
    action: str,
    target: str = "",
    detail: str = "",
) -> None:
    """Record an action inside the transaction that makes it."""
    await tx.execute(
        "INSERT INTO audit_log(community_id, at, actor, place, action, target, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        community,
        now_iso(),
        actor,
        place,
        action,
        target,
        detail,
    )


class Audit:
    def __init__(self, db: Database, community: int) -> None:
        self._db = db
        self._community = community

    async def log(
        self, actor: str, place: str, action: str, target: str = "", detail: str = ""
    ) -> None:
        """Record an action (or a refused attempt) on its own."""
        async with self._db.transaction() as tx:
            await write_audit(tx, self._community, actor, place, action, target, detail)

    async def entries(self, limit: int = 100) -> list[AuditEntry]:
        rows = await self._db.fetch(
            "SELECT id, at, actor, place, action, target, detail FROM audit_log "
            "WHERE community_id = ? ORDER BY id DESC LIMIT ?",
            self._community,
            limit,
        )
        return [AuditEntry(*r) for r in rows]
