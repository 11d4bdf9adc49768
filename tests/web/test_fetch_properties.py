"""Whatever a user pastes as a link, the fetcher answers with a `FetchError`, never a crash,
and never connects anywhere it did not check (the transport here refuses every connection)."""

from __future__ import annotations

import asyncio

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest.fetch import Fetcher, FetchError, is_public, parse_ip_literal
from tests.web.conftest import fake_resolver

PIECES = st.sampled_from(
    ["http://", "https://", "file://", "gopher://", "//", "user:pw@", "@", "[", "]", "::1",
     "::ffff:127.0.0.1", "127.0.0.1", "0177.0.0.1", "2130706433", "0x7f.1", "localhost",
     "b\u00fccher.test", "\uff11\uff12\uff17.\uff10.\uff10.\uff11", ":80", ":99999", "%00",
     "/path?q=1#frag", "\u202e", "\x00", " ", ".", "news.test", "%2e%2e/", "\\"]
)
URLS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=8).map("".join))


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("no network in tests", request=request)


FETCHER = Fetcher(
    resolver=fake_resolver({"news.test": ["10.9.8.7"], "localhost": ["127.0.0.1"]}),
    transport=httpx.MockTransport(_refuse),
)


@settings(max_examples=300, deadline=None)
@given(URLS)
def test_any_link_gives_a_fetch_error_with_a_message(url: str) -> None:
    try:
        asyncio.run(FETCHER.fetch(url))
    except FetchError as err:
        assert err.message and "\n" not in err.message
    else:
        raise AssertionError(f"{url!r} was fetched")


@settings(max_examples=300)
@given(st.ip_addresses())
def test_private_ranges_are_never_public(address: object) -> None:
    parsed = parse_ip_literal(str(address))
    assert parsed is not None
    if is_public(parsed):
        assert parsed.is_global and not parsed.is_private and not parsed.is_multicast
        mapped = getattr(parsed, "ipv4_mapped", None)
        assert mapped is None or is_public(mapped)
