"""Column lists and row readers shared by every query, and the scope every read is bound to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from storage.rows import ArticleRow, FeedRow, QuotationRow

ARTICLE_FIELDS = (
    "id, community_id, number, title, author, outlet, url, published, word_count, "
    "content_hash, added_by, added_at, canonical_url, language"
)
ARTICLE_COLUMNS = ", ".join(f"a.{name}" for name in ARTICLE_FIELDS.split(", "))
ARTICLE_WIDTH = 14
QUOTATION_COLUMNS = (
    "q.id, q.article_id, q.text, q.speaker, q.char_start, q.char_end, "
    "a.community_id, a.number, a.title, a.outlet, a.url, a.published"
)
FEED_COLUMNS = (
    "f.id, f.community_id, f.number, f.url, f.place, f.title, f.interval_seconds, f.etag, "
    "f.last_modified, f.failures, f.paused_reason, f.next_poll_at, f.added_by, f.added_at"
)
EDITABLE_FIELDS = ("title", "author", "outlet", "url", "published")


def article_row(row: Sequence[Any]) -> ArticleRow:
    return ArticleRow(*row[:ARTICLE_WIDTH])


def quotation_row(row: Sequence[Any]) -> QuotationRow:
    return QuotationRow(*row)


def feed_row(row: Sequence[Any]) -> FeedRow:
    return FeedRow(*row)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Scope:
    """Whose data one library view may touch: it writes only `community`, and reads it and the
    communities that let it follow them (`readable`, which always holds `community`)."""

    community: int
    readable: tuple[int, ...]

    def __post_init__(self) -> None:
        if self.community not in self.readable:
            object.__setattr__(self, "readable", (self.community, *self.readable))

    @classmethod
    def own(cls, community: int) -> Scope:
        return cls(community, (community,))

    def reads(self, column: str) -> tuple[str, tuple[int, ...]]:
        """`column IN (...)` over the readable communities, with its parameters."""
        if len(self.readable) == 1:
            return f"{column} = ?", self.readable
        return f"{column} IN ({', '.join('?' * len(self.readable))})", self.readable
