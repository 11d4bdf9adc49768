"""A web article from a URL: safe fetch, decoding, extraction, and the checks that it is one."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.ingest.document import Document, IngestError
from bot.ingest.fetch import HTML_TYPES, FetchedPage, Fetcher, FetchError
from bot.ingest.html import ExtractedPage, decode_html, extract_article
from bot.ingest.page import Paywalled, document_from_page

if TYPE_CHECKING:
    from bot.library import Added, Library


class NotAnArticle(FetchError):
    message = "That page has too little text to be an article."


class PaywallStub(FetchError):
    message = (
        "That page only shows the start of a paywalled article. Paste the full text or attach "
        "it as a text file instead."
    )


async def fetch_article(
    url: str, settings: Settings, *, fetcher: Fetcher | None = None
) -> Document:
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
) -> tuple[Added, Document]:
    """Fetch, read and store the article at `url` (or find it already stored).

    The one path for web articles: the `add` command, the feed poller and `articlebot ingest`.
    Nothing is stored unless the whole article was read.
    """
    article = await fetch_article(url, settings, fetcher=fetcher)
    added = await library.add(article, actor, place)
    return added, article


def article_from_page(page: FetchedPage) -> Document:
    """Read the article in a fetched page, refusing pages that are not (whole) articles by the
    same rule as uploaded pages (`document_from_page`)."""
    markup = decode_html(page.body, page.charset)
    if page.content_type == "text/plain":
        extracted = _plain_text(markup, page.url)
    else:
        extracted = extract_article(markup, page.url)
    try:
        return document_from_page(extracted, markup, url=page.url)
    except Paywalled:
        raise PaywallStub() from None
    except IngestError as err:
        raise NotAnArticle(str(err)) from None


def _plain_text(text: str, url: str) -> ExtractedPage:
    """A text file: paragraphs as written; a short first line is its title."""
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    blocks = [b for b in blocks if b]
    title = ""
    if len(blocks) > 1 and len(blocks[0]) <= 200 and "\n" not in text.strip().split("\n\n")[0]:
        title = blocks.pop(0)
    return ExtractedPage(text="\n\n".join(blocks), title=title, canonical_url=url)
