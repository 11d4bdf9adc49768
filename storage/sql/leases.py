"""Leases: a job that must run in one process at a time (the feed poller) holds one.

A lease is a row naming its holder and when it expires. Taking it succeeds when it is free,
expired, or already ours (renewal); a process that dies simply stops renewing, and the next one
takes over once the lease has expired.
"""

from __future__ import annotations

from storage.sql.database import Database


class Leases:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def take(self, name: str, holder: str, now: float, seconds: float) -> bool:
        """Take or renew the lease `name` for `seconds`; False while someone else holds it."""
        async with self._db.transaction() as tx:
            row = await tx.fetchrow(
                "INSERT INTO leases(name, holder, expires_at) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
                "expires_at = excluded.expires_at "
                "WHERE leases.holder = excluded.holder OR leases.expires_at < ? "
                "RETURNING holder",
                name,
                holder,
                now + seconds,
                now,
            )
        return row is not None

    async def release(self, name: str, holder: str) -> None:
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM leases WHERE name = ? AND holder = ?", name, holder)
