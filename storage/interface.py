"""What the core may ask of the store, whichever engine is behind it.

The core holds a `Store`; it reads and writes a community's library only through
`Store.library(scope)`, a view bound to one community (and the libraries it follows, read only),
so no query of a library can forget whose it is. Both engines implement this with the same
SQL (`storage.sql`), each with its own connections, migrations and full-text search.
"""

from __future__ import annotations

from typing import Protocol

from storage.sql.communities import Communities
from storage.sql.feeds import FeedJobs
from storage.sql.leases import Leases
from storage.sql.records import Scope
from storage.sql.store import SqlLibrary

LibraryStore = SqlLibrary


class Store(Protocol):
    engine: str  # "sqlite" or "postgresql"
    location: str  # where the library is, for messages (no password)
    communities: Communities
    feed_jobs: FeedJobs
    leases: Leases

    def library(self, scope: Scope) -> LibraryStore: ...

    async def optimize(self) -> None: ...

    async def checksum(self) -> str: ...

    async def close(self) -> None: ...
