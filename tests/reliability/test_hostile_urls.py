"""Hostile links through `!add <url>`: every scheme, address form and redirect that leads off the
public web is refused before anything is sent, and the library stays as it was.

A local server on 127.0.0.1 stands in for the web; it is reachable only under the name
`web.test`, which the injected resolver maps to it and the allow-list names, so 127.0.0.1 in any
other spelling is private again.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.core import Bot
from bot.ingest import web
from bot.ingest.fetch import Fetcher
from bot.models import Reply, Role
from tests.reliability.tally import case
from tests.support.requests import ask, checksum
from tests.web.server import LocalServer, Route

pytestmark = pytest.mark.attack("Hostile URLs through !add")

WEB = "web.test"
DNS = {
    WEB: ["127.0.0.1"],
    "localhost": ["127.0.0.1", "::1"],
    "metadata.google.internal": ["169.254.169.254"],
    "intranet.test": ["10.20.30.40"],
    "mixed.test": ["93.184.216.34", "192.168.0.10"],
    "public.test": ["93.184.216.34"],
    "v6private.test": ["fd00::1"],
    "mapped.test": ["::ffff:127.0.0.1"],
    "xn--80ak6aa92e.com": ["10.0.0.7"],  # an IDN host (Cyrillic look-alike) on a private address
    "xn--bcher-kva.test": ["127.0.0.1"],
}
REFUSALS = (
    "private or local network",
    "only http:// and https://",
    "user name or password",
    "not a valid IP address",
    "usual web ports",
    "invalid link",
    "couldn't find the site",
    "Paste the article",  # `javascript:` and `data:` are not links at all: read as pasted text
)
# httpx itself rejects some Location headers (an octal address): refused as unreachable.
REDIRECT_REFUSALS = (*REFUSALS, "couldn't reach")


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture
async def web_bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Bot]:
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        if host not in DNS:
            raise OSError(f"no such host {host}")
        return DNS[host]

    original = Fetcher.from_settings.__func__  # type: ignore[attr-defined]

    def injected(cls: type[Fetcher], settings: Settings, **_: Any) -> Fetcher:
        return original(cls, settings, resolver=resolve)

    monkeypatch.setattr(Fetcher, "from_settings", classmethod(injected))
    settings = Settings(
        db=str(tmp_path / "lib.db"),
        state_dir=tmp_path / "state",
        cooldown_commands=100_000,
        fetch_allow_hosts=(WEB,),
        fetch_timeout=3.0,
        fetches_per_user=10_000,
        fetches_per_community=10_000,
    )
    bot = await Bot.open(settings)
    try:
        yield bot
    finally:
        await bot.close()


async def _add(bot: Bot, url: str) -> Reply:
    return await ask(bot, f"!add {url}", user="mod", place="console")


DIRECT = [
    "file:///etc/passwd",
    "file://localhost/etc/shadow",
    "gopher://127.0.0.1:70/_GET%20/",
    "ftp://127.0.0.1/",
    "dict://127.0.0.1:11211/stat",
    "ldap://127.0.0.1/",
    "javascript:alert(1)",
    "data:text/html,<p>hi</p>",
    "http://user:secret@{web}/article",
    "https://user@example.org/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f.0.0.1/",
    "http://0x7f000001/",
    "http://017700000001/",
    "http://127.1/",
    "http://127.0.1/",
    "http://0/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:7f00:1::]/",
    "http://[fe80::1%25eth0]/",
    "http://[fc00::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://198.18.0.1/",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://intranet.test/",
    "http://mixed.test/",
    "http://v6private.test/",
    "http://mapped.test/",
    "http://ехаmple.com/",
    "http://bücher.test/",
    "http://127。0。0。1/",
    "http://127.0.0.1:{port}/article",
    "http://public.test:22/",
    "http://999.1.1.1/",
    "http://1.2.3.4.5/",
    "http:///nohost",
    "http://[::1/",
    "http://exa mple.org/",
]


async def test_links_off_the_public_web_are_refused_before_sending(
    web_bot: Bot, server: LocalServer
) -> None:
    server.routes["/article"] = Route(b"<p>never served</p>")
    before = await checksum(web_bot)
    for template in DIRECT:
        url = template.format(web=WEB, port=server.port)
        with case():
            reply = await _add(web_bot, url)
            text = reply.first.paragraphs[0]
            assert reply.is_error, (url, reply)
            assert any(r in text for r in REFUSALS), (url, text)
            assert server.requests == [], (url, server.paths())
            assert await checksum(web_bot) == before


REDIRECTS = [
    "http://127.0.0.1:{port}/article",
    "http://2130706433:{port}/article",
    "http://0177.0.0.1:{port}/article",
    "http://[::1]:{port}/article",
    "http://[::ffff:127.0.0.1]:{port}/article",
    "http://localhost:{port}/article",
    "http://10.0.0.5/admin",
    "http://169.254.169.254/latest/meta-data/iam/",
    "http://metadata.google.internal/",
    "http://intranet.test/",
    "http://ехаmple.com/",
    "file:///etc/passwd",
    "gopher://127.0.0.1:70/",
    "http://user:pw@{web}:{port}/article",
    "//10.0.0.9/protocol-relative",
]


async def test_redirect_chains_into_private_space_are_refused(
    web_bot: Bot, server: LocalServer
) -> None:
    """Two public-looking hops, then a hop into private space: the last hop is never sent."""
    before = await checksum(web_bot)
    for index, template in enumerate(REDIRECTS):
        target = template.format(web=WEB, port=server.port)
        server.routes[f"/a{index}"] = Route(status=301, headers={"Location": f"/b{index}"})
        server.routes[f"/b{index}"] = Route(status=302, headers={"Location": target})
        server.requests.clear()
        with case():
            reply = await _add(web_bot, f"http://{WEB}:{server.port}/a{index}")
            text = reply.first.paragraphs[0]
            assert reply.is_error and any(r in text for r in REDIRECT_REFUSALS), (target, text)
            assert server.paths() == [f"/a{index}", f"/b{index}"], (target, server.paths())
            assert await checksum(web_bot) == before


async def test_a_redirect_loop_stops(web_bot: Bot, server: LocalServer) -> None:
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    with case():
        reply = await _add(web_bot, f"http://{WEB}:{server.port}/loop")
        assert reply.is_error and "redirects more than" in reply.first.paragraphs[0]
        assert len(server.requests) == 6


async def test_the_bot_answers_others_while_a_hostile_page_is_read(
    web_bot: Bot, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found here: the page was extracted on the event loop, freezing every chat meanwhile.

    The extraction is held until the other command has been answered: on the event loop, the
    hold would freeze the loop, `!help` would be answered only after the page, and the test fails.
    """
    unit = b"<span><b><i><u>x</u></i></b></span>"
    server.routes["/markup"] = Route(b"<html><body>" + unit * 4500 * 4 + b"</body></html>")
    extracting, release = threading.Event(), threading.Event()
    extract = web.article_from_page

    def held(page: Any) -> Any:
        extracting.set()
        release.wait(timeout=20)  # a failsafe: the test releases it as soon as it may
        return extract(page)

    monkeypatch.setattr(web, "article_from_page", held)
    with case():
        adding = asyncio.create_task(_add(web_bot, f"http://{WEB}:{server.port}/markup"))
        assert await asyncio.to_thread(extracting.wait, 20), "the page was never extracted"
        reply = await ask(web_bot, "!help", user="u2", role=Role.MEMBER, place="console")
        assert not reply.is_error
        assert not adding.done(), adding.result()  # answered while the page was being read
        release.set()
        assert (await adding).is_error  # and the hostile page itself is refused
