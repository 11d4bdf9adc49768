"""A web page, however it came (a link, an uploaded .html file, a paste), becomes a document
by one rule: the same extraction, the same metadata, the same refusals of stubs and paywalls."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bot.ingest.document import Document, IngestError, make_document
from bot.ingest.html import ExtractedPage, extract_article

MIN_WORDS = 80  # fewer words on a page are menus, banners or a teaser, not an article
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
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|article|main|section|div|p|h[1-6]|meta|title)[\s>/]",
    re.I | re.S,
)


class TooLittleText(IngestError):
    """The page holds too little text to be an article."""


class Paywalled(IngestError):
    """The page shows only the start of an article kept behind a paywall."""


def looks_like_html(text: str) -> bool:
    """Whether `text` is an HTML page or fragment (it opens with a tag such as <html> or <p>)."""
    return _HTML_START.match(text[:4096]) is not None


def document_from_html(html: str, name: str) -> Document:
    """An uploaded or pasted page (`name` says which, for messages); its canonical URL, when it
    names one, is kept as the article's link."""
    return document_from_page(extract_article(html, ""), html, name=name)


def document_from_page(
    page: ExtractedPage, markup: str, url: str = "", name: str = ""
) -> Document:
    """The document in an extracted page, or a refusal: no text, a paywall teaser, a stub."""
    words = page.word_count
    if words < PAYWALL_MAX_WORDS and looks_paywalled(page.text, markup, words):
        raise Paywalled(
            "That page only shows the start of a paywalled article. Paste the full text "
            "instead."
        )
    if words < MIN_WORDS:
        raise TooLittleText(
            f"That page has too little text to be an article ({words} words; I need at least "
            f"{MIN_WORDS})."
        )
    canonical = page.canonical_url or url
    host = urlsplit(canonical or url).hostname or ""
    return make_document(
        page.title or page.site_name or host.removeprefix("www.") or name,
        page.text,
        author=page.author,
        outlet=page.site_name or host.removeprefix("www."),
        url=url or canonical,
        canonical_url=canonical,
        published=page.date,
        declared_language=page.language,
        links=tuple((link.text, link.url) for link in page.links),
    )


def looks_paywalled(text: str, markup: str, words: int) -> bool:
    """A page marked not free, a text ending in a subscription prompt, or a mere teaser
    (under `MIN_WORDS` words) on a page that carries such a prompt somewhere."""
    if _NOT_FREE.search(markup):
        return True
    tail = text[-600:].lower()
    if any(phrase in tail for phrase in _PAYWALL_PHRASES):
        return True
    lowered = markup.lower()
    return words < MIN_WORDS and any(phrase in lowered for phrase in _PAYWALL_PHRASES)
