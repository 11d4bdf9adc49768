"""Feeds end to end: `feed add`, the poller ingesting and announcing, restarts, failures."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core import Bot
from bot.feeds import make_poller
from bot.feeds.cards import Ingested
from bot.feeds.poller import FeedPoller, PollerConfig
from bot.ingest.fetch import FetchedPage
from bot.models import Reply, ReplyKind, Role
from tests.support.requests import ask, library
from tests.web.conftest import local_fetcher
from tests.web.pages import rss, story_html
from tests.web.server import LocalServer, Route

PLACE = "console"


class Recorder:
    """An adapter's announcer that keeps what it was asked to post."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, Reply]] = []

    async def announce(self, place: str, reply: Reply) -> None:
        self.posts.append((place, reply))

    def titles(self) -> list[str]:
        return [reply.first.title for _, reply in self.posts]


class Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def web_settings(tmp_path: Path) -> Settings:
    return Settings(
        db=str(tmp_path / "library.db"),
        state_dir=tmp_path / "state",
        fetch_allow_hosts=("127.0.0.1",),
        fetch_timeout=5.0,
        cooldown_commands=1000,
        feed_interval_seconds=600,
    )


@pytest.fixture
async def web_bot(web_settings: Settings) -> AsyncIterator[Bot]:
    bot = await Bot.open(web_settings)
    try:
        yield bot
    finally:
        await bot.close()


def poller(bot: Bot, clock: Clock, recorder: Recorder, **config: int) -> FeedPoller:
    bot.add_announcer(PLACE, recorder)
    return make_poller(
        bot,
        clock=clock,
        sleep=clock.sleep,
        rng=random.Random(7),
        config=PollerConfig(**config),
    )


async def command(bot: Bot, text: str, place: str = PLACE) -> Reply:
    return await ask(bot, text, place=place)


def serve_feed(server: LocalServer, numbers: list[int], etag: str = "") -> None:
    for n in numbers:
        server.routes[f"/story/{n}"] = Route(story_html(n))
    headers = {"ETag": etag} if etag else {}
    server.routes["/feed.xml"] = Route(
        rss(server.url(""), numbers), "application/rss+xml", headers=headers
    )


async def test_new_entries_are_ingested_and_announced_once_across_a_restart(
    server: LocalServer, web_settings: Settings
) -> None:
    serve_feed(server, [1, 2, 3, 4, 5], etag='"v1"')
    clock, recorder = Clock(), Recorder()
    bot = await Bot.open(web_settings)
    try:
        added = await command(bot, f"!feed add {server.url('/feed.xml')}")
        assert added.first.title == "Feed added", added
        feeds = poller(bot, clock, recorder)

        assert await feeds.poll_due() == 1
        # Only the latest three entries of an existing feed are brought in, oldest first.
        assert recorder.titles() == [
            "Pier meeting 3 in Dunmere", "Pier meeting 4 in Eskholt",
            "Pier meeting 5 in Farrow End",
        ]
        card = recorder.posts[0][1].first
        assert card.link == server.url("/story/3")
        assert card.fields[0].value == "The Coastal Ledger"
        assert card.paragraphs and "in the library as #" in card.footer
        assert await (await library(bot)).count() == 3

        clock.now += 601 * 1.1
        assert await feeds.poll_due() == 1  # polled again: 304 Not Modified
        assert server.requests[-1].headers.get("If-None-Match") == '"v1"'
        assert len(recorder.posts) == 3

        serve_feed(server, [1, 2, 3, 4, 5, 6], etag='"v2"')
        clock.now += 601 * 1.1
        await feeds.poll_due()
        assert recorder.titles()[3:] == ["Pier meeting 6 in Ardley"]
    finally:
        await bot.close()

    # A restart: a new bot on the same library, a new poller, the feed changed again.
    bot = await Bot.open(web_settings)
    try:
        serve_feed(server, [2, 3, 4, 5, 6, 7], etag='"v3"')
        clock.now += 601 * 1.1
        await poller(bot, clock, recorder).poll_due()
        assert recorder.titles()[4:] == ["Pier meeting 7 in Brisk Hollow"]
        assert await (await library(bot)).count() == 5
    finally:
        await bot.close()


async def test_a_burst_of_entries_is_paced(server: LocalServer, web_bot: Bot) -> None:
    serve_feed(server, [1])
    await command(web_bot, f"!feed add {server.url('/feed.xml')}")
    clock, recorder = Clock(), Recorder()
    feeds = poller(web_bot, clock, recorder, cards_per_round=3)
    await feeds.poll_due()
    serve_feed(server, list(range(1, 22)))
    clock.now += 10_000
    await feeds.poll_due()
    burst = recorder.posts[1:]
    assert len(burst) == 4  # three cards and one digest instead of twenty
    assert burst[0][1].first.title == "17 more new from Coastal Ledger: harbour"
    assert [r.first.title.split(" in ")[0] for _, r in burst[1:]] == [
        "Pier meeting 19", "Pier meeting 20", "Pier meeting 21"
    ]
    assert clock.slept == [3.0] * 5
    assert await (await library(web_bot)).count() == 21


async def test_a_failing_feed_backs_off_then_pauses_with_a_message(
    server: LocalServer, web_bot: Bot
) -> None:
    serve_feed(server, [1])
    await command(web_bot, f"!feed add {server.url('/feed.xml')}")
    server.routes["/feed.xml"] = Route(b"down", status=503)
    clock, recorder = Clock(), Recorder()
    feeds = poller(web_bot, clock, recorder, max_failures=4)
    waits = []
    for _ in range(4):
        before = clock.now
        assert await feeds.poll_due() == 1
        feed = (await (await library(web_bot)).feeds(PLACE))[0]
        waits.append(feed.next_poll_at - before)
        clock.now = max(clock.now, feed.next_poll_at) + 1
    assert waits[0] < waits[1] < waits[2]  # exponential backoff (with jitter)
    assert feed.paused_reason == "The site answered with an error (503)."
    assert [(p, r.kind) for p, r in recorder.posts] == [(PLACE, ReplyKind.ERROR)]
    assert "stopped checking" in recorder.posts[0][1].first.paragraphs[0]

    fetched = len(server.requests)
    clock.now += 100_000
    assert await feeds.poll_due() == 0  # paused: not fetched any more
    assert len(server.requests) == fetched
    listing = await command(web_bot, "!feed list")
    assert "paused: The site answered with an error (503)." in listing.first.paragraphs[0]

    serve_feed(server, [1])
    resumed = await command(web_bot, f"!feed add {server.url('/feed.xml')}")
    assert resumed.first.title == "Feed resumed"
    assert await feeds.poll_due() == 1
    assert (await (await library(web_bot)).feeds(PLACE))[0].failures == 0


async def test_two_places_share_one_fetch_and_one_article(
    server: LocalServer, web_bot: Bot
) -> None:
    serve_feed(server, [1])
    await command(web_bot, f"!feed add {server.url('/feed.xml')}")
    await command(web_bot, f"!feed add {server.url('/feed.xml')}", place="matrix:!room")
    clock, recorder = Clock(), Recorder()
    feeds = poller(web_bot, clock, recorder)
    web_bot.add_announcer("matrix", recorder)
    await feeds.poll_due()
    assert sorted(place for place, _ in recorder.posts) == ["console", "matrix:!room"]
    assert server.paths().count("/feed.xml") == 3  # two `feed add` checks, one poll
    assert server.paths().count("/story/1") == 1
    assert await (await library(web_bot)).count() == 1


async def test_an_unreadable_entry_is_still_announced_from_the_feed(
    server: LocalServer, web_bot: Bot
) -> None:
    serve_feed(server, [1])
    del server.routes["/story/1"]  # 404
    await command(web_bot, f"!feed add {server.url('/feed.xml')}")
    clock, recorder = Clock(), Recorder()
    await poller(web_bot, clock, recorder).poll_due()
    card = recorder.posts[0][1].first
    assert card.title == "Pier meeting 1"
    assert card.paragraphs == ("Meeting 1 summary",)
    assert "library" not in card.footer
    assert await (await library(web_bot)).count() == 0


async def test_feed_commands(server: LocalServer, web_bot: Bot) -> None:
    server.routes["/page"] = Route(
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        b"</head><body>Home</body></html>"
    )
    serve_feed(server, [1])
    added = await command(web_bot, f"!feed add {server.url('/page')}")  # discovered
    assert added.first.title == "Feed added"
    again = await command(web_bot, f"!feed add {server.url('/feed.xml')}")
    assert again.first.title == "Already subscribed"
    listing = await command(web_bot, "!feed list")
    assert server.url("/feed.xml") in listing.first.paragraphs[0]
    other = await command(web_bot, "!feed remove 1", place="discord:42")
    assert other.is_error  # a feed of another place
    removed = await command(web_bot, "!feed remove #1")
    assert removed.first.title == "Feed removed"
    assert (await command(web_bot, "!feed list")).first.title == "No feeds"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/story/9", "doesn't exist"),
        ("/bin", "application/octet-stream"),
        ("/page", "names no RSS"),
    ],
)
async def test_feed_add_refusals(
    server: LocalServer, web_bot: Bot, path: str, message: str
) -> None:
    server.routes["/bin"] = Route(b"\x00" * 10, "application/octet-stream")
    server.routes["/page"] = Route(b"<html><body>No feed here</body></html>")
    reply = await command(web_bot, f"!feed add {server.url(path)}")
    assert reply.is_error and message in reply.first.paragraphs[0]
    assert await (await library(web_bot)).feeds() == []


async def test_feed_add_refuses_private_addresses(web_bot: Bot) -> None:
    reply = await command(web_bot, "!feed add http://169.254.169.254/latest/feed")
    assert reply.is_error and "private or local" in reply.first.paragraphs[0]


async def test_members_cannot_manage_feeds(web_bot: Bot) -> None:
    reply = await ask(
        web_bot, "!feed add https://x.example/f", user="u2", role=Role.MEMBER, place=PLACE
    )
    assert reply.is_error
    assert await (await library(web_bot)).feeds() == []


async def test_a_hanging_feed_server_counts_as_a_failure(
    server: LocalServer, web_bot: Bot
) -> None:
    serve_feed(server, [1])
    await command(web_bot, f"!feed add {server.url('/feed.xml')}")
    server.routes["/feed.xml"] = Route(status=302, headers={"Location": "/slow"})
    clock, recorder = Clock(), Recorder()
    web_bot.add_announcer(PLACE, recorder)
    feeds = make_poller(web_bot, local_fetcher(timeout=0.3), clock=clock, sleep=clock.sleep)
    await feeds.poll_due()
    feed = (await (await library(web_bot)).feeds(PLACE))[0]
    assert feed.failures == 1 and feed.next_poll_at > clock.now
    assert recorder.posts == []


async def test_the_poller_loop_survives_errors_until_cancelled(web_bot: Bot) -> None:
    await (await library(web_bot)).add_feed("https://feeds.example/a.xml", PLACE, "", 60, "test")
    fetched: list[str] = []

    async def broken_fetch(url: str, headers: Mapping[str, str]) -> FetchedPage:
        fetched.append(url)
        raise RuntimeError("parser exploded")

    async def never(url: str, feed: object) -> Ingested:
        raise AssertionError("nothing to ingest")

    clock = Clock()
    ticks = 0

    async def sleep(seconds: float) -> None:
        nonlocal ticks
        ticks += 1
        clock.now += 10_000
        if ticks == 3:
            raise asyncio.CancelledError

    async def prefix(community: int) -> str:
        return "!"

    feeds = FeedPoller(
        web_bot.store, fetch=broken_fetch, ingest=never, announce=Recorder().announce,
        prefix_of=prefix, clock=clock, sleep=sleep,
    )
    with pytest.raises(asyncio.CancelledError):
        await feeds.run()
    assert len(fetched) == 2  # a tick, a round, a tick, a round, cancelled in the third tick
    assert (await (await library(web_bot)).feeds())[0].failures == 2
