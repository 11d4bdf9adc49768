"""The store: one interface the core depends on, SQLite (the default) and PostgreSQL behind it.

Imports neither `bot` nor `adapters`. See `storage.interface` for what the core may ask,
`storage.sql` for the queries both engines share, and `storage.sqlite` / `storage.postgres`
for what each engine does its own way.
"""

from storage.errors import Conflict, DiskFull, StoreError, StoreUnavailable
from storage.interface import LibraryStore, Store
from storage.open import Location, locate, open_store
from storage.query import SearchQuery, has_cjk, parse_query
from storage.rows import (
    ArticleRow,
    AuditEntry,
    CitedSource,
    CommunityRow,
    FeedRow,
    NewArticle,
    NewQuotation,
    QuotationRow,
    SearchHit,
    ShareRow,
    SpaceRow,
    Stats,
)
from storage.sql.records import EDITABLE_FIELDS, Scope
from storage.sql.search import CANDIDATES as MATCHES_COUNTED
from storage.sql.search import SHORT_QUOTATION

__all__ = [
    "EDITABLE_FIELDS",
    "MATCHES_COUNTED",
    "SHORT_QUOTATION",
    "ArticleRow",
    "AuditEntry",
    "CitedSource",
    "CommunityRow",
    "Conflict",
    "DiskFull",
    "FeedRow",
    "LibraryStore",
    "Location",
    "NewArticle",
    "NewQuotation",
    "QuotationRow",
    "Scope",
    "SearchHit",
    "SearchQuery",
    "ShareRow",
    "SpaceRow",
    "Stats",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "has_cjk",
    "locate",
    "open_store",
    "parse_query",
]
