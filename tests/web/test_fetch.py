"""The fetcher against a real local server, and the SSRF refusals (no network needed)."""

from __future__ import annotations

import pytest

from bot.ingest.fetch import (
    BadURL,
    ConnectFailed,
    Fetcher,
    FetchTimeout,
    NotFound,
    RefusedAddress,
    TooLarge,
    TooManyRedirects,
    UnsupportedType,
    is_public,
    parse_ip_literal,
)
from tests.web.conftest import fake_resolver, local_fetcher
from tests.web.pages import article_html
from tests.web.server import LocalServer, Route


async def test_fetches_a_page_with_a_real_user_agent(server: LocalServer) -> None:
    server.routes["/article"] = Route(article_html())
    page = await local_fetcher().fetch(server.url("/article"))
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert b"Vellmoor" in page.body
    assert server.requests[0].headers["User-Agent"].startswith("articlebot/")


async def test_follows_redirects_and_reports_the_final_url(server: LocalServer) -> None:
    server.routes["/article"] = Route(article_html())
    page = await local_fetcher().fetch(server.url("/redirect/3"))
    assert page.url == server.url("/article")
    assert len(page.redirects) == 3
    assert server.paths() == ["/redirect/3", "/redirect/2", "/redirect/1", "/article"]


async def test_more_than_five_redirects_are_refused(server: LocalServer) -> None:
    with pytest.raises(TooManyRedirects):
        await local_fetcher().fetch(server.url("/redirect/6"))
    assert len(server.requests) == 6


@pytest.mark.parametrize(
    "location",
    ["http://10.0.0.5/admin", "http://169.254.169.254/latest/meta-data/", "http://intranet.test/",
     "http://[::1]/", "http://2852039166/", "file:///etc/passwd", "gopher://127.0.0.1:70/"],
)
async def test_a_redirect_into_private_space_is_refused(
    server: LocalServer, location: str
) -> None:
    server.routes["/jump"] = Route(status=302, headers={"Location": location})
    fetcher = local_fetcher(resolver=fake_resolver({"intranet.test": ["10.20.30.40"]}))
    with pytest.raises((RefusedAddress, BadURL)):
        await fetcher.fetch(server.url("/jump"))
    assert server.paths() == ["/jump"]


@pytest.mark.parametrize(
    "answers",
    [["127.0.0.1"], ["10.1.2.3"], ["169.254.169.254"], ["::1"], ["::ffff:127.0.0.1"],
     ["0.0.0.0"], ["100.64.0.7"], ["192.168.1.1"], ["172.16.5.5"], ["224.0.0.1"],
     ["fe80::1"], ["fc00::1"], ["2002:7f00:1::1"], ["64:ff9b::a00:1"], ["240.0.0.1"],
     ["93.184.216.34", "10.0.0.1"]],
)
async def test_hosts_resolving_to_private_addresses_are_refused(answers: list[str]) -> None:
    calls: list[str] = []
    fetcher = Fetcher(resolver=fake_resolver({"news.test": answers}, calls))
    with pytest.raises(RefusedAddress) as refused:
        await fetcher.fetch("http://news.test/story")
    assert calls == ["news.test"]
    assert "private or local" in refused.value.message


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("file:///etc/passwd", BadURL),
        ("gopher://example.com/", BadURL),
        ("ftp://example.com/file.txt", BadURL),
        ("javascript:alert(1)", BadURL),
        ("not a url", BadURL),
        ("http://user:secret@example.com/", BadURL),
        ("http://example.com@127.0.0.1/", BadURL),
        ("http://2130706433/", RefusedAddress),
        ("http://0177.0.0.1/", BadURL),
        ("http://0x7f.0.0.1/", RefusedAddress),
        ("http://127.1/", RefusedAddress),
        ("http://017700000001/", RefusedAddress),
        ("http://[::1]/", RefusedAddress),
        ("http://[::ffff:7f00:1]/", RefusedAddress),
        ("http://[0:0:0:0:0:ffff:169.254.169.254]/", RefusedAddress),
        ("http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/", BadURL),
        ("http://b\u00fccher.test/", RefusedAddress),
        ("http://localhost/", RefusedAddress),
        ("http://93.184.216.34:22/", RefusedAddress),
    ],
)
async def test_hostile_urls_are_refused_before_any_connection(
    url: str, error: type[Exception]
) -> None:
    resolver = fake_resolver(
        {"xn--bcher-kva.test": ["10.0.0.8"], "localhost": ["127.0.0.1", "::1"]}
    )
    with pytest.raises(error):
        await Fetcher(resolver=resolver).fetch(url)


def test_address_classification() -> None:
    assert is_public(parse_ip_literal("93.184.216.34"))  # type: ignore[arg-type]
    assert is_public(parse_ip_literal("2606:4700::1111"))  # type: ignore[arg-type]
    assert parse_ip_literal("2130706433") == parse_ip_literal("127.0.0.1")
    assert parse_ip_literal("news.example") is None


async def test_the_connection_goes_to_the_checked_address(server: LocalServer) -> None:
    """The name is resolved once, by us; the request reaches that very address with the
    original Host header (the system resolver knows nothing of news.test)."""
    server.routes["/article"] = Route(article_html())
    calls: list[str] = []
    answers = {"news.test": ["127.0.0.1"]}
    fetcher = Fetcher(allow_hosts=("news.test",), resolver=fake_resolver(answers, calls))
    page = await fetcher.fetch(f"http://news.test:{server.port}/article")
    assert page.url == f"http://news.test:{server.port}/article"
    assert server.requests[0].headers["Host"] == f"news.test:{server.port}"
    assert calls == ["news.test"]


async def test_the_allow_list_is_needed_for_the_local_server(server: LocalServer) -> None:
    with pytest.raises(RefusedAddress):
        await Fetcher().fetch(server.url("/article"))
    assert server.requests == []


async def test_unknown_host(server: LocalServer) -> None:
    with pytest.raises(ConnectFailed):
        await Fetcher(resolver=fake_resolver({})).fetch("http://nowhere.test/")


async def test_a_slow_server_times_out(server: LocalServer) -> None:
    with pytest.raises(FetchTimeout):
        await local_fetcher(timeout=0.5).fetch(server.url("/slow"))


async def test_a_trickling_body_is_cut_by_the_total_timeout(server: LocalServer) -> None:
    with pytest.raises(FetchTimeout):
        await local_fetcher(timeout=0.6).fetch(server.url("/trickle"))


async def test_an_endless_body_is_cut_at_the_cap(server: LocalServer) -> None:
    with pytest.raises(TooLarge):
        await local_fetcher(max_bytes=300_000).fetch(server.url("/endless"))


async def test_a_declared_oversize_body_is_refused_unread(server: LocalServer) -> None:
    server.routes["/big"] = Route(b"<p>" + b"x" * 400_000)
    with pytest.raises(TooLarge):
        await local_fetcher(max_bytes=100_000).fetch(server.url("/big"))


async def test_a_compression_bomb_is_cut_at_the_cap(server: LocalServer) -> None:
    with pytest.raises(TooLarge):
        await local_fetcher(max_bytes=1_000_000).fetch(server.url("/bomb"))


async def test_gzip_bodies_are_decoded(server: LocalServer) -> None:
    import gzip

    server.routes["/z"] = Route(gzip.compress(article_html()), headers={"Content-Encoding": "gzip"})
    page = await local_fetcher().fetch(server.url("/z"))
    assert page.body == article_html()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"\x00\x01\x02" * 1000, "application/octet-stream"),
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000, "text/html"),  # an image claiming to be HTML
        (b"GIF89a" + b"\x01" * 100, "text/plain"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, ""),
    ],
)
async def test_binary_files_are_refused(
    server: LocalServer, body: bytes, content_type: str
) -> None:
    server.routes["/file"] = Route(body, content_type=content_type)
    with pytest.raises(UnsupportedType):
        await local_fetcher().fetch(server.url("/file"))


async def test_not_found(server: LocalServer) -> None:
    with pytest.raises(NotFound) as missing:
        await local_fetcher().fetch(server.url("/nothing-here"))
    assert "404" in missing.value.message


async def test_server_errors_are_reported(server: LocalServer) -> None:
    server.routes["/broken"] = Route(b"oops", status=503)
    with pytest.raises(Exception, match="503"):
        await local_fetcher().fetch(server.url("/broken"))


async def test_conditional_requests_get_not_modified(server: LocalServer) -> None:
    server.routes["/feed"] = Route(b"<rss/>", "application/rss+xml", headers={"ETag": '"v1"'})
    fetcher = local_fetcher()
    first = await fetcher.fetch(server.url("/feed"), accept={"application/rss+xml"})
    assert first.headers["etag"] == '"v1"'
    again = await fetcher.fetch(
        server.url("/feed"), accept={"application/rss+xml"}, headers={"If-None-Match": '"v1"'}
    )
    assert again.not_modified and again.body == b""
