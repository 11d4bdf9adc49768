"""Communities, the spaces (guilds, rooms, console names) that use their libraries, their
settings and the read-only shares between them; and the retention purge.

A space belongs to exactly one community. Linking moves a space into another community (only
while the space's own library is empty, so nothing is merged by accident); unlinking gives it a
new, empty one. A community whose every space the bot has left is purged after a grace period.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from storage.errors import Conflict, StoreError
from storage.rows import CommunityRow, ShareRow, SpaceRow
from storage.sql.database import Database, Row, Transaction, value
from storage.sql.records import now_iso

_COMMUNITY = "id, name, created_at"
_SPACE = "space, community_id, added_at, left_at"
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{1,31}$")


def _community(row: Row) -> CommunityRow:
    return CommunityRow(int(row[0]), str(row[1]), str(row[2]))


class Communities:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, community_id: int) -> CommunityRow | None:
        row = await self._db.fetchrow(
            f"SELECT {_COMMUNITY} FROM communities WHERE id = ?", community_id
        )
        return _community(row) if row else None

    async def named(self, name: str) -> CommunityRow | None:
        row = await self._db.fetchrow(
            f"SELECT {_COMMUNITY} FROM communities WHERE name = ?", name.lower()
        )
        return _community(row) if row else None

    async def all(self) -> list[CommunityRow]:
        rows = await self._db.fetch(f"SELECT {_COMMUNITY} FROM communities ORDER BY id")
        return [_community(r) for r in rows]

    async def space(self, space: str) -> SpaceRow | None:
        row = await self._db.fetchrow(f"SELECT {_SPACE} FROM spaces WHERE space = ?", space)
        return SpaceRow(*row) if row else None

    async def spaces_of(self, community_id: int) -> list[SpaceRow]:
        rows = await self._db.fetch(
            f"SELECT {_SPACE} FROM spaces WHERE community_id = ? ORDER BY added_at, space",
            community_id,
        )
        return [SpaceRow(*r) for r in rows]

    async def for_space(self, space: str, name: str = "") -> CommunityRow:
        """The community `space` uses, made (with a new, empty library) on first use.

        `name` is the wanted name of a new community (the console's `default`); a new one gets
        a random name otherwise. A space the bot had left is back.
        """
        row = await self._db.fetchrow(
            "SELECT c.id, c.name, c.created_at, s.left_at FROM spaces s "
            "JOIN communities c ON c.id = s.community_id WHERE s.space = ?",
            space,
        )
        if row is not None and not row[3]:
            return _community(row)
        async with self._db.transaction() as tx:
            existing = await tx.fetchrow("SELECT community_id FROM spaces WHERE space = ?", space)
            if existing is not None:
                await tx.execute("UPDATE spaces SET left_at = '' WHERE space = ?", space)
                community_id = int(existing[0])
            else:
                community_id = await _create(tx, name)
                added = await tx.execute(
                    "INSERT INTO spaces(space, community_id, added_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (space) DO NOTHING",
                    space,
                    community_id,
                    now_iso(),
                )
                if not added:  # another process made it meanwhile (PostgreSQL): use that one
                    await tx.execute("DELETE FROM communities WHERE id = ?", community_id)
                    community_id = int(
                        await value(tx, "SELECT community_id FROM spaces WHERE space = ?", space)
                    )
            found = await tx.fetchrow(
                f"SELECT {_COMMUNITY} FROM communities WHERE id = ?", community_id
            )
        assert found is not None
        return _community(found)

    async def create(self, name: str) -> CommunityRow:
        """A new community with no space yet (the command line's `--community NAME`)."""
        async with self._db.transaction() as tx:
            community_id = await _create(tx, name)
        found = await self.get(community_id)
        assert found is not None
        return found

    async def rename(self, community_id: int, name: str) -> CommunityRow:
        name = name.lower()
        if not NAME.match(name):
            raise StoreError("a community's name is 2 to 32 lower-case letters, digits or dashes")
        async with self._db.transaction() as tx:
            taken = await tx.fetchrow("SELECT id FROM communities WHERE name = ?", name)
            if taken and int(taken[0]) != community_id:
                raise Conflict(f"the name {name} is taken")
            await tx.execute("UPDATE communities SET name = ? WHERE id = ?", name, community_id)
        found = await self.get(community_id)
        assert found is not None
        return found

    async def move_space(self, space: str, community_id: int) -> None:
        """Let `space` use the library of `community_id`; its own must be empty (else Conflict).

        The community it leaves is deleted when no space uses it any more (it is empty).
        """
        async with self._db.transaction() as tx:
            current = await tx.fetchrow("SELECT community_id FROM spaces WHERE space = ?", space)
            if current is not None:
                old = int(current[0])
                if old == community_id:
                    return
                if await _holds_anything(tx, old):
                    raise Conflict("that room or server already has a library of its own")
                await tx.execute(
                    "UPDATE spaces SET community_id = ?, left_at = '' WHERE space = ?",
                    community_id,
                    space,
                )
                if not await value(tx, "SELECT count(*) FROM spaces WHERE community_id = ?", old):
                    await tx.execute("DELETE FROM communities WHERE id = ?", old)
            else:
                await tx.execute(
                    "INSERT INTO spaces(space, community_id, added_at) VALUES (?, ?, ?)",
                    space,
                    community_id,
                    now_iso(),
                )

    async def detach_space(self, space: str) -> CommunityRow:
        """Give `space` a new, empty community of its own (what it shared stays with the rest)."""
        async with self._db.transaction() as tx:
            community_id = await _create(tx, "")
            count = await tx.execute(
                "UPDATE spaces SET community_id = ?, left_at = '' WHERE space = ?",
                community_id,
                space,
            )
            if not count:
                await tx.execute(
                    "INSERT INTO spaces(space, community_id, added_at) VALUES (?, ?, ?)",
                    space,
                    community_id,
                    now_iso(),
                )
        found = await self.get(community_id)
        assert found is not None
        return found

    # -- leaving and retention --------------------------------------------------------------

    async def left(self, space: str, at: str) -> None:
        """The bot was removed from `space` (kicked, banned, the guild removed it) at `at`."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE spaces SET left_at = ? WHERE space = ? AND left_at = ''", at, space
            )

    async def present(
        self, platform: str, spaces: set[str], at: str, covers: Callable[[str], bool]
    ) -> None:
        """Reconcile after a start: of `platform`'s spaces that this process `covers` (its
        Discord shards), those not in `spaces` were left while the bot was away; those in it
        are back."""
        rows = await self._db.fetch(
            "SELECT space, left_at FROM spaces WHERE space LIKE ?", platform + ":%"
        )
        async with self._db.transaction() as tx:
            for space, left_at in rows:
                if not covers(space):
                    continue
                if space in spaces and left_at:
                    await tx.execute("UPDATE spaces SET left_at = '' WHERE space = ?", space)
                elif space not in spaces and not left_at:
                    await tx.execute("UPDATE spaces SET left_at = ? WHERE space = ?", at, space)

    async def purge(self, before: str) -> list[CommunityRow]:
        """Delete every community whose spaces were all left before `before`, with its whole
        library; returns what was deleted."""
        rows = await self._db.fetch(
            f"SELECT {_COMMUNITY} FROM communities c WHERE EXISTS "
            "(SELECT 1 FROM spaces s WHERE s.community_id = c.id) AND NOT EXISTS "
            "(SELECT 1 FROM spaces s WHERE s.community_id = c.id "
            "AND (s.left_at = '' OR s.left_at >= ?))",
            before,
        )
        doomed = [_community(r) for r in rows]
        for community in doomed:
            async with self._db.transaction() as tx:
                await tx.execute("DELETE FROM communities WHERE id = ?", community.id)
        return doomed

    # -- settings ---------------------------------------------------------------------------

    async def settings(self, community_id: int) -> dict[str, str]:
        rows = await self._db.fetch(
            "SELECT name, value FROM settings WHERE community_id = ? ORDER BY name", community_id
        )
        return {str(n): str(v) for n, v in rows}

    async def set_setting(self, community_id: int, name: str, setting: str | None) -> None:
        """Set a setting, or clear it back to the default with None."""
        async with self._db.transaction() as tx:
            if setting is None:
                await tx.execute(
                    "DELETE FROM settings WHERE community_id = ? AND name = ?", community_id, name
                )
            else:
                await tx.execute(
                    "INSERT INTO settings(community_id, name, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (community_id, name) DO UPDATE SET value = excluded.value",
                    community_id,
                    name,
                    setting,
                )

    # -- shares -----------------------------------------------------------------------------

    async def grant(self, owner_id: int, reader_id: int, by: str) -> None:
        """Let `reader` follow `owner`'s library (read only)."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO shares(owner_id, reader_id, granted_by, granted_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (owner_id, reader_id) DO NOTHING",
                owner_id,
                reader_id,
                by,
                now_iso(),
            )

    async def revoke(self, owner_id: int, reader_id: int) -> bool:
        async with self._db.transaction() as tx:
            count = await tx.execute(
                "DELETE FROM shares WHERE owner_id = ? AND reader_id = ?", owner_id, reader_id
            )
        return bool(count)

    async def follow(self, reader_id: int, owner_id: int, following: bool) -> bool:
        """Start or stop reading a library shared with `reader`; False when it is not shared."""
        async with self._db.transaction() as tx:
            count = await tx.execute(
                "UPDATE shares SET following = ? WHERE owner_id = ? AND reader_id = ?",
                int(following),
                owner_id,
                reader_id,
            )
        return bool(count)

    async def shares(self, community_id: int) -> list[ShareRow]:
        """Shares this community gave or was given."""
        rows = await self._db.fetch(
            "SELECT owner_id, reader_id, granted_by, granted_at, following FROM shares "
            "WHERE owner_id = ? OR reader_id = ? ORDER BY granted_at",
            community_id,
            community_id,
        )
        return [ShareRow(int(a), int(b), str(c), str(d), bool(e)) for a, b, c, d, e in rows]

    async def readable(self, community_id: int) -> tuple[int, ...]:
        """The community itself, then every community it follows."""
        rows = await self._db.fetch(
            "SELECT owner_id FROM shares WHERE reader_id = ? AND following = 1 ORDER BY owner_id",
            community_id,
        )
        return (community_id, *(int(r[0]) for r in rows))


async def _create(tx: Transaction, name: str) -> int:
    wanted = name.lower() if name else ""
    if wanted and await tx.fetchrow("SELECT 1 FROM communities WHERE name = ?", wanted):
        raise Conflict(f"the name {wanted} is taken")
    for _ in range(10):
        candidate = wanted or f"c-{secrets.token_hex(3)}"
        if not await tx.fetchrow("SELECT 1 FROM communities WHERE name = ?", candidate):
            break
    created = await value(
        tx,
        "INSERT INTO communities(name, created_at) VALUES (?, ?) RETURNING id",
        candidate,
        now_iso(),
    )
    return int(created)


async def _holds_anything(tx: Transaction, community_id: int) -> bool:
    for table in ("articles", "feeds"):
        if await tx.fetchrow(f"SELECT 1 FROM {table} WHERE community_id = ? LIMIT 1", community_id):
            return True
    return False
