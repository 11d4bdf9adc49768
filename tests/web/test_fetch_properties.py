"""Whatever a user pastes as a link, the fetcher answers with a `FetchError`, never a crash,
and never connects anywhere it did not check (the transport here refuses every connection)."""

from __future__ import annotations

import asyncio
import ipaddress

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


# Ranges that are never the public web, from the IANA special-purpose address registries
# (RFC 6890 and successors), written out here so the test does not restate `is_public`.
NEVER_PUBLIC_V4 = [
    "0.0.0.0/8",  # "this network"
    "10.0.0.0/8",  # private
    "100.64.0.0/10",  # carrier-grade NAT
    "127.0.0.0/8",  # loopback
    "169.254.0.0/16",  # link-local (cloud metadata at 169.254.169.254)
    "172.16.0.0/12",  # private
    "192.0.0.0/29",  # IPv4 service continuity
    "192.0.2.0/24",  # documentation
    "192.168.0.0/16",  # private
    "198.18.0.0/15",  # benchmarking
    "198.51.100.0/24",  # documentation
    "203.0.113.0/24",  # documentation
    "224.0.0.0/4",  # multicast
    "240.0.0.0/4",  # reserved, and the broadcast address
]
NEVER_PUBLIC_V6 = [
    "::/128",  # unspecified
    "::1/128",  # loopback
    "100::/64",  # discard
    "2001:db8::/32",  # documentation
    "fc00::/7",  # unique local
    "fe80::/10",  # link-local
    "ff00::/8",  # multicast
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001::200e"]


def _inside(network: str) -> st.SearchStrategy[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    net = ipaddress.ip_network(network)
    return st.integers(0, net.num_addresses - 1).map(lambda n: net[n])


NEVER_PUBLIC = st.one_of(*(_inside(n) for n in NEVER_PUBLIC_V4 + NEVER_PUBLIC_V6))
PRIVATE_V4 = st.one_of(*(_inside(n) for n in NEVER_PUBLIC_V4))


def _wrapped(v4: ipaddress.IPv4Address) -> list[ipaddress.IPv6Address]:
    """The IPv6 forms that carry an IPv4 address: mapped, 6to4, NAT64 and Teredo."""
    value = int(v4)
    return [
        ipaddress.IPv6Address(f"::ffff:{v4}"),
        ipaddress.IPv6Address((0x2002 << 112) | (value << 80) | 1),
        ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | value),
        ipaddress.IPv6Address((0x20010000 << 96) | (value ^ 0xFFFFFFFF)),  # client address
    ]


@settings(max_examples=300)
@given(NEVER_PUBLIC)
def test_special_purpose_addresses_are_never_public(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> None:
    parsed = parse_ip_literal(str(address))
    assert parsed == address and not is_public(parsed)


@settings(max_examples=300)
@given(PRIVATE_V4)
def test_a_private_ipv4_address_wrapped_in_ipv6_is_never_public(
    address: ipaddress.IPv4Address,
) -> None:
    for wrapped in _wrapped(address):
        assert not is_public(wrapped), wrapped


def test_ordinary_public_addresses_are_public() -> None:
    for text in PUBLIC:
        parsed = parse_ip_literal(text)
        assert parsed is not None and is_public(parsed), text
