"""Feed subscriptions: a community's own (`Feeds`), and the poller's view of all (`FeedJobs`).

A subscription is a feed URL followed in one place (a channel or room) of one community; it is
numbered per community (`feed 2`). The poller reads every due subscription, whatever its
community, and records entries per subscription, so a feed followed in two places is announced
in each, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storage.errors import StoreError
from storage.rows import FeedRow
from storage.sql.audit import write_audit
from storage.sql.database import Database, value
from storage.sql.records import FEED_COLUMNS, feed_row, now_iso

_UPDATABLE = frozenset(
    {"title", "etag", "last_modified", "failures", "paused_reason", "next_poll_at"}
)


class Feeds:
    def __init__(self, db: Database, community: int) -> None:
        self._db = db
        self._community = community

    async def add(
        self, url: str, place: str, title: str, interval: int, actor: str
    ) -> tuple[FeedRow, bool]:
        """Subscribe `place` to a feed; returns the subscription and whether it is new."""
        async with self._db.transaction() as tx:
            existing = await tx.fetchrow(
                f"SELECT {FEED_COLUMNS} FROM feeds f WHERE f.url = ? AND f.place = ? "
                "AND f.community_id = ?",
                url,
                place,
                self._community,
            )
            if existing:
                return feed_row(existing), False
            number = await value(
                tx,
                "UPDATE communities SET next_feed = next_feed + 1 WHERE id = ? "
                "RETURNING next_feed - 1",
                self._community,
            )
            feed_id = await value(
                tx,
                "INSERT INTO feeds(community_id, number, url, place, title, interval_seconds, "
                "added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                self._community,
                number,
                url,
                place,
                title,
                interval,
                actor,
                now_iso(),
            )
            await write_audit(
                tx, self._community, actor, place, "feed add", f"feed {number}", url[:300]
            )
            row = await tx.fetchrow(f"SELECT {FEED_COLUMNS} FROM feeds f WHERE f.id = ?", feed_id)
        assert row is not None
        return feed_row(row), True

    async def list(self, place: str | None = None) -> list[FeedRow]:
        """The community's subscriptions, or those of one place."""
        sql = f"SELECT {FEED_COLUMNS} FROM feeds f WHERE f.community_id = ?"
        params: list[Any] = [self._community]
        if place is not None:
            sql += " AND f.place = ?"
            params.append(place)
        return [feed_row(r) for r in await self._db.fetch(sql + " ORDER BY f.number", *params)]

    async def get(self, number: int) -> FeedRow | None:
        row = await self._db.fetchrow(
            f"SELECT {FEED_COLUMNS} FROM feeds f WHERE f.community_id = ? AND f.number = ?",
            self._community,
            number,
        )
        return feed_row(row) if row else None

    async def remove(self, feed: FeedRow, actor: str, place: str) -> bool:
        async with self._db.transaction() as tx:
            count = await tx.execute(
                "DELETE FROM feeds WHERE id = ? AND community_id = ?", feed.id, self._community
            )
            if count:
                await write_audit(
                    tx,
                    self._community,
                    actor,
                    place,
                    "feed remove",
                    f"feed {feed.number}",
                    feed.url[:300],
                )
        return bool(count)

    async def resume(self, feed: FeedRow, actor: str, place: str) -> None:
        """Poll a paused subscription again, from now."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE feeds SET failures = 0, paused_reason = '', next_poll_at = 0 "
                "WHERE id = ? AND community_id = ?",
                feed.id,
                self._community,
            )
            await write_audit(
                tx, self._community, actor, place, "feed resume", f"feed {feed.number}", feed.url
            )

    async def mark_seen(self, feed: FeedRow, keys: Sequence[str]) -> None:
        """Count entries as seen without bringing them in (those already there when added)."""
        async with self._db.transaction() as tx:
            await tx.executemany(
                "INSERT INTO feed_entries(feed_id, entry_key, article_id, seen_at, announced) "
                "VALUES (?, ?, NULL, ?, 0) ON CONFLICT (feed_id, entry_key) DO NOTHING",
                [(feed.id, key, now_iso()) for key in keys],
            )


class FeedJobs:
    """What the poller needs across communities; it never reads a library through this."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def due(self, now: float) -> list[FeedRow]:
        rows = await self._db.fetch(
            f"SELECT {FEED_COLUMNS} FROM feeds f WHERE f.paused_reason = '' "
            "AND f.next_poll_at <= ? ORDER BY f.id",
            now,
        )
        return [feed_row(r) for r in rows]

    async def update(self, feed_id: int, **values: Any) -> None:
        unknown = set(values) - _UPDATABLE
        if unknown:
            raise StoreError(f"unknown feed columns: {sorted(unknown)}")
        if not values:
            return
        assignments = ", ".join(f"{name} = ?" for name in values)
        async with self._db.transaction() as tx:
            await tx.execute(
                f"UPDATE feeds SET {assignments} WHERE id = ?", *values.values(), feed_id
            )

    async def seen(self, feed_id: int, keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        marks = ", ".join("?" * len(keys))
        rows = await self._db.fetch(
            f"SELECT entry_key FROM feed_entries WHERE feed_id = ? AND entry_key IN ({marks})",
            feed_id,
            *keys,
        )
        return {str(r[0]) for r in rows}

    async def claim(self, feed_id: int, key: str, article_id: int | None) -> bool:
        """Record an entry as seen; False when it already was (another process took it)."""
        async with self._db.transaction() as tx:
            count = await tx.execute(
                "INSERT INTO feed_entries(feed_id, entry_key, article_id, seen_at, announced) "
                "VALUES (?, ?, ?, ?, 0) ON CONFLICT (feed_id, entry_key) DO NOTHING",
                feed_id,
                key,
                article_id,
                now_iso(),
            )
        return bool(count)

    async def announced(self, feed_id: int, key: str, article_id: int | None) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE feed_entries SET announced = 1, "
                "article_id = coalesce(?, article_id) WHERE feed_id = ? AND entry_key = ?",
                article_id,
                feed_id,
                key,
            )
