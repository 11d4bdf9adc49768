"""Plain records read from and written to the store."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleRow:
    id: int
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
    article_title: str
    article_outlet: str
    article_url: str
    article_published: str


@dataclass(frozen=True)
class SearchHit:
    article: ArticleRow
    snippet: str
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
    db_bytes: int
    top_speakers: list[tuple[str, int]]
