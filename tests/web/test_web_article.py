"""Reading an article from a URL: metadata, cited links, encodings, and what is refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.config import Settings
from bot.ingest.fetch import FetchedPage
from bot.ingest.html import decode_html, extract_article
from bot.ingest.web import NotAnArticle, PaywallStub, article_from_page, fetch_article
from tests.web.conftest import local_fetcher
from tests.web.pages import PARAGRAPHS, article_html, paywall_html, stub_html
from tests.web.server import LocalServer, Route

SETTINGS = Settings(fetch_allow_hosts=("127.0.0.1",), fetch_timeout=5.0)


def _page(body: bytes, content_type: str = "text/html", charset: str | None = None) -> FetchedPage:
    return FetchedPage("https://news.example/story", 200, content_type, charset, body)


async def test_an_article_page_is_read_with_its_metadata(server: LocalServer) -> None:
    server.routes["/article"] = Route(article_html())
    article = await fetch_article(server.url("/redirect/2"), SETTINGS)
    assert article.url == server.url("/article")
    assert article.canonical_url == "https://news.example/2026/11/vellmoor-pier"
    assert article.title == "Vellmoor votes to rebuild its stone pier"
    assert article.author == "Ines Albrecht"
    assert article.outlet == "The Coastal Ledger"
    assert article.published == "2026-11-03"
    assert article.language == "en"
    assert "Maren Okafor" in article.text
    assert "Sport" not in article.text and "All rights reserved" not in article.text
    assert len(article.text.split("\n\n")) >= len(PARAGRAPHS)
    assert article.links == (("the council website", "https://council.example/pier-plan"),)


async def test_fetch_article_uses_the_settings_allow_list(server: LocalServer) -> None:
    server.routes["/article"] = Route(article_html())
    with pytest.raises(Exception, match="private or local"):
        await fetch_article(server.url("/article"), Settings())
    article = await fetch_article(server.url("/article"), SETTINGS, fetcher=local_fetcher())
    assert article.title


def test_a_paywall_stub_is_refused() -> None:
    with pytest.raises(PaywallStub) as refused:
        article_from_page(_page(paywall_html()))
    assert "paywall" in refused.value.message


def test_a_page_with_too_little_text_is_refused() -> None:
    with pytest.raises(NotAnArticle, match="too little text"):
        article_from_page(_page(stub_html()))


def test_plain_text_uses_its_first_line_as_title() -> None:
    text = "Pier vote\n\n" + "\n\n".join(PARAGRAPHS)
    article = article_from_page(_page(text.encode(), "text/plain"))
    assert article.title == "Pier vote"
    assert article.text.startswith("The harbour town of Vellmoor")
    assert article.outlet == "news.example"


@pytest.mark.parametrize("declared", [None, "iso-8859-1", "windows-1252"])
def test_legacy_encodings_are_read_without_mojibake(declared: str | None) -> None:
    html = article_html(paragraphs=(*PARAGRAPHS, "The caf\u00e9 owner\u2019s na\u00efve plan."))
    legacy = html.replace(b'<meta charset="utf-8">', b'<meta charset="windows-1252">')
    body = legacy.decode().encode("cp1252")
    article = article_from_page(_page(body, charset=declared))
    assert "caf\u00e9 owner\u2019s na\u00efve" in article.text
    assert "Ã" not in article.text


def test_stray_invalid_bytes_keep_the_readable_text() -> None:
    body = article_html().replace(b"Engineers estimate", b"Engineers \xff estimate")
    text = decode_html(body.replace(b'<meta charset="utf-8">', b""), None)
    assert "\u201cThe pier is the reason" in text


def test_a_wrong_declared_charset_is_not_trusted() -> None:
    body = "<p>Gr\u00fc\u00dfe aus M\u00fcnchen</p>".encode()
    assert "Gr\u00fc\u00dfe" in decode_html(body, "ascii")


def test_extraction_without_a_body_is_empty_not_an_error() -> None:
    page = extract_article("<html><body></body></html>", "https://news.example/x")
    assert page.text == "" and page.canonical_url == "https://news.example/x"


def test_only_http_links_become_cited_sources() -> None:
    extra = (
        *PARAGRAPHS,
        'Write to <a href="mailto:desk@news.example">the desk</a> or see '
        '<a href="/2026/10/harbour-fees">last month\u2019s story</a>.',
    )
    page = extract_article(article_html(paragraphs=extra).decode(), "https://news.example/a/b")
    urls = [link.url for link in page.links]
    assert "https://news.example/2026/10/harbour-fees" in urls
    assert not any(u.startswith("mailto:") for u in urls)


def test_a_canonical_url_that_is_not_http_is_ignored() -> None:
    html = article_html(canonical="javascript:alert(1)").decode()
    page = extract_article(html, "https://news.example/story")
    assert page.canonical_url == "https://news.example/story"
    assert replace(page, links=()).title


def test_site_accounts_are_not_authors_and_og_locale_gives_the_language() -> None:
    html = (
        article_html()
        .replace(b'<html lang="en-GB">', b"<html>")
        .replace(b'content="Ines Albrecht"', b'content="admin"')
        .replace(b"By Ines Albrecht, 3 November 2026", b"3 November 2026")
        .replace(b"<head>", b'<head><meta property="og:locale" content="en_IE">')
    )
    page = extract_article(html.decode(), "https://news.example/story")
    assert page.author == ""
    assert page.language == "en"


def test_a_page_of_menus_and_banners_gives_no_text() -> None:
    html = (
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
        "<a href='/shop'>Shop</a> <a href='/help'>Help</a></nav><div class='consent'>We use "
        "cookies to improve your visit. Accept all.</div><footer>Terms. Privacy.</footer>"
        "</body></html>"
    )
    text = extract_article(html, "https://shop.example/").text
    assert "cookies" not in text and len(text.split()) < 5
    with pytest.raises(NotAnArticle):
        article_from_page(_page(html.encode()))


def _head(extra: str, title: str = "Vellmoor votes to rebuild its stone pier") -> str:
    """The test article with its own <head> metadata."""
    html = article_html(title=title).decode().replace("By Ines Albrecht, ", "")
    start, end = html.index("<head>") + len("<head>"), html.index("</head>")
    return html[:start] + '<meta charset="utf-8">' + extra + html[end:]


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "<title>Pier vote | Ledger</title>"
            "<meta property='og:title' content='Pier vote | Ledger'>"
            "<meta property='og:site_name' content='Ledger'>",
            "Pier vote",
        ),
        (
            "<title>Pier vote - coastalledger.example</title>"
            "<meta property='og:title' content='Pier vote - coastalledger.example'>",
            "Pier vote",
        ),
        (
            "<title>Pier vote | Local | News | The Ledger</title>"
            "<meta property='og:site_name' content='The Ledger'>",
            "Pier vote",
        ),
        # The headline found is the site's banner: the <title> names the story.
        (
            "<title>Pier vote - The Ledger</title>"
            "<meta property='og:site_name' content='The Ledger'>"
            "<meta property='og:title' content='The Ledger'>",
            "Pier vote",
        ),
        # A dash inside a title is not a suffix.
        ("<title>Vellmoor - a town that votes</title>", "Vellmoor - a town that votes"),
    ],
)
def test_titles_lose_the_site_name_suffix(head: str, title: str) -> None:
    page = extract_article(
        _head(head, title=title.split(" | ")[0]), "https://coastalledger.example/a"
    )
    assert page.title == title


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By TOM KRISHER, AP Auto Writer", "Tom Krisher"),
        ("Jeff Foust Monday; November", "Jeff Foust"),
        ("Detroit News wire services Published", ""),
        ("Ines Albrecht News reporter", "Ines Albrecht"),
        ("Analysis by Maren Okafor; CNN Editor-at-large", "Maren Okafor"),
        ("Condé Nast; Ines Albrecht", "Ines Albrecht"),
        ("HNN Staff", ""),
        ("Rmb", ""),
        ("Текст Венера Ерофеева", "Венера Ерофеева"),
        ("Ines Albrecht The Coastal Ledger", "Ines Albrecht"),
    ],
)
def test_authors_are_names(byline: str, author: str) -> None:
    head = (
        "<title>Pier vote</title><meta property='og:site_name' content='The Coastal Ledger'>"
        "<script type='application/ld+json'>"
        '{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Condé Nast"}}'
        "</script>"
        f"<meta name='author' content='{byline}'>"
    )
    assert extract_article(_head(head), "https://ledger.example/a").author == author


@pytest.mark.parametrize(
    ("head", "outlet"),
    [
        ("<meta property='og:site_name' content='ledger'>", ""),  # a slug: the host is shown
        ("<meta property='og:site_name' content='Copyright 2014'>", ""),
        ("<meta property='og:site_name' content='Hosted'>", ""),
        ("<meta property='og:site_name' content='https://www.ledger.example'>", "ledger.example"),
        (
            "<meta property='og:site_name' content='The Ledger | Sport | Weather | Tides'>",
            "The Ledger",
        ),
        (
            "<meta property='og:site_name' content='U.S.'><script type='application/ld+json'>"
            '{"publisher": {"name": "The Coastal Ledger"}}</script>',
            "The Coastal Ledger",
        ),
        (
            "<meta name='twitter:site' content='@LedgerInt'><title>Pier vote - Ledger International"
            "</title><meta property='og:title' content='Pier vote'>",
            "Ledger International",
        ),
    ],
)
def test_outlets_are_site_names(head: str, outlet: str) -> None:
    page = extract_article(_head(head), "https://www.ledger.example/a")
    assert page.site_name == outlet
    if not outlet:
        doc = article_from_page(_page(_head(head).encode()))
        assert doc.outlet == "news.example"  # unknown: the host it came from


@pytest.mark.parametrize(
    ("people", "author"),
    [
        ('[{"@type": "Person", "name": "By INES ALBRECHT, Associated Press"}]', "Ines Albrecht"),
        ('{"@type": "Person", "name": "REUTERS"}', "Reuters"),
        # A site posing as a person: the byline trafilatura found instead.
        ('{"@type": "Person", "name": "The Coastal Ledger"}', "Maren Okafor"),
    ],
)
def test_json_ld_people_come_first_when_they_are_names(people: str, author: str) -> None:
    head = (
        "<title>Pier vote</title><meta property='og:site_name' content='The Coastal Ledger'>"
        "<meta name='author' content='Maren Okafor'>"
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "author": {people}}}'
        "</script>"
    )
    assert extract_article(_head(head), "https://ledger.example/a").author == author
