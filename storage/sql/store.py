"""The store over either engine: scoped library views, communities, the poller's jobs."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from storage.sql.articles import Articles
from storage.sql.audit import Audit
from storage.sql.communities import Communities
from storage.sql.database import Database
from storage.sql.feeds import FeedJobs, Feeds
from storage.sql.leases import Leases
from storage.sql.llm_usage import LlmUsage
from storage.sql.quotations import Quotations
from storage.sql.records import Scope
from storage.sql.search import Search
from storage.sql.transfer import export_community, import_community


class SqlLibrary:
    """One community's library, as its scope allows: the only way to its data."""

    def __init__(self, db: Database, search: Search, scope: Scope) -> None:
        self.scope = scope
        self.articles = Articles(db, search, scope)
        self.quotations = Quotations(db, search, scope)
        self.feeds = Feeds(db, scope.community)
        self.audit = Audit(db, scope.community)
        self.llm_usage = LlmUsage(db, scope.community)
        self._db = db

    async def export(self) -> dict[str, Any]:
        return await export_community(self._db, self.scope.community)

    async def import_(self, data: Any) -> int:
        return await import_community(self._db, self.scope.community, data)


class SqlStore:
    def __init__(self, db: Database, search: Search, location: str) -> None:
        self.engine = db.engine
        self.location = location  # a path or a URL without its password, for messages
        self.communities = Communities(db)
        self.feed_jobs = FeedJobs(db)
        self.leases = Leases(db)
        self._db = db
        self._search = search

    def library(self, scope: Scope) -> SqlLibrary:
        return SqlLibrary(self._db, self._search, scope)

    async def optimize(self) -> None:
        await self._search.optimize(self._db)

    async def close(self) -> None:
        await self._db.close()

    async def checksum(self) -> str:
        """A digest of every stored row (for tests that prove nothing changed)."""
        digest = hashlib.sha256()
        for table, order in (
            ("communities", "id"),
            ("spaces", "space"),
            ("settings", "community_id, name"),
            ("shares", "owner_id, reader_id"),
            ("articles", "id"),
            ("quotations", "id"),
            ("summaries", "article_id, length, engine"),
            ("cited_sources", "id"),
            ("feeds", "id"),
            ("feed_entries", "feed_id, entry_key"),
            ("llm_usage", "community_id, day"),
        ):
            for row in await self._db.fetch(f"SELECT * FROM {table} ORDER BY {order}"):
                digest.update(json.dumps(list(row), default=str).encode())
        return digest.hexdigest()
