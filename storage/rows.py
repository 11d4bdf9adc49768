"""Plain records read from and written to the store, whichever engine holds them.

`id` fields are the store's own keys, never shown to users; `number` is what a community calls an
article or a feed (`#3`, `feed 2`), counted per community and never handed out twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleRow:
    id: int
    community_id: int
    number: int
    title: str
    author: str
    outlet: str
    url: str
    published: str
    word_count: int
    content_hash: str
    added_by: str
    added_at: str
    canonical_url: str = ""
    language: str = ""


@dataclass(frozen=True)
class QuotationRow:
    id: int
    article_id: int
    text: str
    speaker: str
    start: int
    end: int
    article_community: int
    article_number: int
    article_title: str
    article_outlet: str
    article_url: str
    article_published: str


@dataclass(frozen=True)
class SearchHit:
    article: ArticleRow
    snippet: str  # with the highlight markers the caller asked for around matched words
    rank: float


@dataclass(frozen=True)
class CitedSource:
    kind: str  # link | outlet | person
    name: str
    url: str = ""


@dataclass(frozen=True)
class NewQuotation:
    text: str
    speaker: str
    start: int
    end: int
    words: int = 0  # how long it reads (characters count for unspaced scripts); 0: count here

    @property
    def length(self) -> int:
        return self.words or len(self.text.split())


@dataclass(frozen=True)
class NewArticle:
    """Everything stored for one article, written in a single transaction."""

    title: str
    text: str
    content_hash: str
    word_count: int
    author: str = ""
    outlet: str = ""
    url: str = ""
    canonical_url: str = ""
    published: str = ""
    language: str = ""
    quotations: tuple[NewQuotation, ...] = ()
    sources: tuple[CitedSource, ...] = ()
    summaries: dict[str, str] = field(default_factory=dict)  # length -> text
    summary_engine: str = "extractive"


@dataclass(frozen=True)
class FeedRow:
    id: int
    community_id: int
    number: int
    url: str
    place: str
    title: str
    interval_seconds: int
    etag: str
    last_modified: str
    failures: int
    paused_reason: str
    next_poll_at: float
    added_by: str
    added_at: str


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    place: str
    action: str
    target: str
    detail: str


@dataclass(frozen=True)
class Stats:
    articles: int
    quotations: int
    speakers: int
    words: int
    feeds: int
    cited_sources: int
    top_speakers: list[tuple[str, int]]


@dataclass(frozen=True)
class CommunityRow:
    id: int
    name: str
    created_at: str


@dataclass(frozen=True)
class SpaceRow:
    """A guild, a room or a console name, and the community whose library it uses."""

    space: str
    community_id: int
    added_at: str
    left_at: str  # when the bot was removed from it; empty while it is there


@dataclass(frozen=True)
class ShareRow:
    """`owner` lets `reader` read its library; `following` once the reader has taken it up."""

    owner_id: int
    reader_id: int
    granted_by: str
    granted_at: str
    following: bool
