"""Main text, metadata and cited links of a web page (trafilatura, tuned for precision).

`favor_precision=True, include_comments=False` measured best on the extraction dev set: readers
of the library would rather miss a stray paragraph than get menus, comments and "read more"
blocks quoted back at them. One trafilatura pass with links kept gives both the text (links
flattened) and the links that sit inside the article body, which become its cited sources.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import charset_normalizer
from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from bot.ingest.markdown import BULLET
from bot.ingest.metadata import clean_author, clean_title, outlet_name, read_names
from bot.nlp.language import word_count

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LANG = re.compile(r"[a-zA-Z]{2,3}")
_LIST_ITEM = re.compile(r"^- ")
RETRY_BELOW_WORDS = 150
RETRY_MIN_WORDS = 50  # less than this from the broad pass is menus and banners, not an article


@dataclass(frozen=True)
class Link:
    """A link found inside the article body: its anchor text and absolute URL."""

    text: str
    url: str


@dataclass(frozen=True)
class ExtractedPage:
    text: str  # paragraphs separated by blank lines; empty when no article body was found
    title: str = ""
    author: str = ""
    site_name: str = ""
    date: str = ""  # ISO date (YYYY-MM-DD, or YYYY when only the year is known), or ""
    canonical_url: str = ""
    language: str = ""
    description: str = ""
    links: tuple[Link, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p for p in self.text.split("\n\n") if p)

    @property
    def word_count(self) -> int:
        return word_count(self.text)


def decode_html(body: bytes, declared: str | None = None) -> str:
    """Decode a page: BOM, valid UTF-8, the HTTP charset, the page's declaration, a guess.

    A declaration that does not decode cleanly is not trusted; text that is almost all valid
    UTF-8 keeps its readable text (stray bytes become U+FFFD) rather than turning to mojibake.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, errors="replace")
    head = body[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    # Valid UTF-8 first: legacy text with accents is almost never valid UTF-8 by accident,
    # while "charset=iso-8859-1" on UTF-8 pages is a common server default.
    candidates = ["utf-8", declared, found.group(1).decode("ascii") if found else None]
    for candidate in candidates:
        codec = _codec(candidate)
        if codec is None:
            continue
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            continue
    utf8 = body.decode("utf-8", errors="replace")
    if utf8.count("\ufffd") <= max(2, len(utf8) // 1000):
        return utf8
    guess = charset_normalizer.from_bytes(body[:200_000]).best()
    encoding = _codec(guess.encoding if guess else None) or "cp1252"
    return body.decode(encoding, errors="replace")


def _codec(label: str | None) -> str | None:
    """A Python codec for a charset label; Latin-1 labels mean windows-1252 as browsers do."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def extract_article(html: str, url: str) -> ExtractedPage:
    """The article in `html` (fetched from `url`): text, metadata and in-body links.

    When the precise pass keeps almost nothing (some layouts make it drop the whole body), a
    second pass without the precision bias is taken if it finds clearly more (and enough) text.
    """
    page = _extract(html, url, precise=True)
    if page.word_count < RETRY_BELOW_WORDS:
        broader = _extract(html, url, precise=False)
        if broader.word_count >= max(2 * page.word_count, RETRY_MIN_WORDS):
            return broader
    return page


def _extract(html: str, url: str, *, precise: bool) -> ExtractedPage:
    tree = load_html(html)
    if tree is None:
        return ExtractedPage(text="", canonical_url=url)
    language = _language(tree)
    names = read_names(tree)
    doc = bare_extraction(
        tree,
        url=url,
        favor_precision=precise,
        include_comments=False,
        include_links=True,
        with_metadata=True,
    )
    if not isinstance(doc, Document) or doc.body is None:
        return ExtractedPage(text="", canonical_url=url, language=language)
    links = _links(doc.body, url)
    etree.strip_tags(doc.body, "ref")
    text = _paragraphs(xmltotxt(doc.body, include_formatting=False))
    canonical = _canonical(doc.url, url)
    outlet = outlet_name(names, _clean(doc.sitename), canonical or url)
    return ExtractedPage(
        text=text,
        title=clean_title(_clean(doc.title), names, outlet, canonical or url),
        author=clean_author(_clean(doc.author), names, outlet, canonical or url),
        site_name=outlet,
        date=_date(_clean(doc.date)[:10], html),
        canonical_url=canonical,
        language=language,
        description=_clean(doc.description),
        links=links,
    )


def _language(tree: HtmlElement) -> str:
    """The primary language subtag the page declares (`<html lang>`, else its metadata)."""
    declared = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *tree.xpath('//meta[@property="og:locale" or @http-equiv="content-language"]/@content'),
    ]
    for lang in declared:
        match = _LANG.match(str(lang or "").strip())
        if match:
            return match.group(0).lower()
    return ""


def _links(body: etree._Element, base: str) -> tuple[Link, ...]:
    seen: dict[str, Link] = {}
    for ref in body.iter("ref"):
        target = (ref.get("target") or "").strip()
        absolute = urljoin(base, target)
        if urlsplit(absolute).scheme not in ("http", "https") or absolute in seen:
            continue
        seen[absolute] = Link(_clean("".join(ref.itertext())) or absolute, absolute)
    return tuple(seen.values())


def _paragraphs(text: str) -> str:
    """One paragraph a line; trafilatura's "- " list items become "• " items."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(_LIST_ITEM.sub(BULLET, line) for line in lines if line)


def _date(found: str, html: str) -> str:
    """The page's date; only its year when the date is a bare year's first of January that the
    page never states (trafilatura's reading of "/2026/" in a URL), rather than an invented day."""
    if found.endswith("-01-01") and found not in html and found[:4] + "0101" not in html:
        return found[:4]
    return found


def _canonical(found: str | None, url: str) -> str:
    """The page's canonical URL when it names a usable absolute http(s) one, else `url`."""
    if found:
        absolute = urljoin(url, found.strip())
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.netloc:
            return absolute
    return url


def _clean(value: str | None) -> str:
    return _SPACES.sub(" ", value or "").strip()
