"""A web article from a URL: safe fetch, decoding, extraction, and the checks that it is one."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.config import Settings
from bot.ingest.fetch import HTML_TYPES, FetchedPage, Fetcher, FetchError
from bot.ingest.html import ExtractedPage, Link, decode_html, extract_article
from bot.ingest.text import MAX_TITLE, Document, IngestError, check_body, normalise

if TYPE_CHECKING:
    from bot.library import Added, Library

MIN_WORDS = 80
PAYWALL_MAX_WORDS = 400
_PAYWALL_PHRASES = (
    "subscribe to continue reading",
    "subscribe to read",
    "subscribe to keep reading",
    "to continue reading",
    "keep reading with a subscription",
    "this article is for subscribers",
    "for subscribers only",
    "subscribers only",
    "already a subscriber",
    "already subscribed",
    "you have reached your free article limit",
    "you've reached your free article limit",
    "to read the full article",
    "unlock this article",
    "sign in to continue reading",
    "log in to continue reading",
    "create a free account to continue",
)
_NOT_FREE = re.compile(r"""["']?isAccessibleForFree["']?\s*:\s*["']?false""", re.I)


class NotAnArticle(FetchError):
    message = "That page has too little text to be an article."


class PaywallStub(FetchError):
    message = (
        "That page only shows the start of a paywalled article. Paste the full text or attach "
        "it as a file instead."
    )


@dataclass(frozen=True)
class WebArticle:
    """An article read from the web, ready for the library's ingestion."""

    url: str  # the final URL, after redirects
    canonical_url: str
    text: str  # paragraphs separated by blank lines
    title: str = ""
    author: str = ""
    site_name: str = ""
    date: str = ""
    language: str = ""
    links: tuple[Link, ...] = ()

    @property
    def outlet(self) -> str:
        """The site's name, or its host name when the page gives none."""
        host = urlsplit(self.canonical_url or self.url).hostname or ""
        return self.site_name or host.removeprefix("www.")

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def to_document(self) -> Document:
        """The document the library ingests (text normalised like every other input)."""
        return Document(
            title=normalise(self.title)[:MAX_TITLE] or self.outlet or "Untitled",
            text=normalise(self.text),
            author=self.author,
            outlet=self.outlet,
            url=self.url,
            canonical_url=self.canonical_url,
            published=self.date,
            language=self.language,
            links=tuple((link.text, link.url) for link in self.links),
        )


async def fetch_article(
    url: str, settings: Settings, *, fetcher: Fetcher | None = None
) -> WebArticle:
    """Fetch `url` safely and read the article in it; raises a `FetchError` with a message."""
    fetcher = fetcher or Fetcher.from_settings(settings)
    page = await fetcher.fetch(url, accept=HTML_TYPES)
    # Off the event loop: extracting a hostile page can take the CPU for a minute.
    return await asyncio.to_thread(article_from_page, page)


async def ingest_url(
    library: Library,
    url: str,
    settings: Settings,
    actor: str,
    place: str,
    *,
    fetcher: Fetcher | None = None,
) -> tuple[Added, WebArticle]:
    """Fetch, read and store the article at `url` (or find it already stored).

    The one path for web articles: the `add` command, the feed poller and `articlebot ingest`.
    Nothing is stored unless the whole article was read.
    """
    article = await fetch_article(url, settings, fetcher=fetcher)
    added = await library.add(article.to_document(), actor, place)
    return added, article


def article_from_page(page: FetchedPage) -> WebArticle:
    """Read the article in a fetched page, refusing pages that are not (whole) articles."""
    markup = decode_html(page.body, page.charset)
    if page.content_type == "text/plain":
        extracted = _plain_text(markup, page.url)
    else:
        extracted = extract_article(markup, page.url)
    words = extracted.word_count
    if words < PAYWALL_MAX_WORDS and _looks_paywalled(extracted.text, markup, words):
        raise PaywallStub()
    if words < MIN_WORDS:
        raise NotAnArticle(
            f"That page has too little text to be an article ({words} words; I need at least "
            f"{MIN_WORDS})."
        )
    try:
        check_body(extracted.text)
    except IngestError as err:
        raise NotAnArticle(str(err)) from None
    return WebArticle(
        url=page.url,
        canonical_url=extracted.canonical_url or page.url,
        text=extracted.text,
        title=extracted.title,
        author=extracted.author,
        site_name=extracted.site_name,
        date=extracted.date,
        language=extracted.language,
        links=extracted.links,
    )


def _plain_text(text: str, url: str) -> ExtractedPage:
    """A text file: paragraphs as written; a short first line is its title."""
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    blocks = [b for b in blocks if b]
    title = ""
    if len(blocks) > 1 and len(blocks[0]) <= 200 and "\n" not in text.strip().split("\n\n")[0]:
        title = blocks.pop(0)
    return ExtractedPage(text="\n\n".join(blocks), title=title, canonical_url=url)


def _looks_paywalled(text: str, markup: str, words: int) -> bool:
    """A page marked not free, a text ending in a subscription prompt, or a mere teaser
    (under `MIN_WORDS` words) on a page that carries such a prompt somewhere."""
    if _NOT_FREE.search(markup):
        return True
    tail = text[-600:].lower()
    if any(phrase in tail for phrase in _PAYWALL_PHRASES):
        return True
    lowered = markup.lower()
    return words < MIN_WORDS and any(phrase in lowered for phrase in _PAYWALL_PHRASES)
