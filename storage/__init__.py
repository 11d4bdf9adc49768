"""The SQLite store shared by every adapter. Imports neither `bot` nor `adapters`."""

from storage.rows import (
    ArticleRow,
    AuditEntry,
    CitedSource,
    FeedRow,
    NewArticle,
    NewQuotation,
    QuotationRow,
    SearchHit,
    Stats,
)
from storage.store import EDITABLE_FIELDS, HIGHLIGHT_END, HIGHLIGHT_START, Store, StoreError

__all__ = [
    "EDITABLE_FIELDS",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "ArticleRow",
    "AuditEntry",
    "CitedSource",
    "FeedRow",
    "NewArticle",
    "NewQuotation",
    "QuotationRow",
    "SearchHit",
    "Stats",
    "Store",
    "StoreError",
]
