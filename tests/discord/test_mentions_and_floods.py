"""No reply pings anyone, whatever the article says; one flooding user is slowed, alone."""

from __future__ import annotations

import discord
import pytest
import simcord

from bot.core import Bot
from bot.feeds.cards import Ingested
from bot.feeds.poller import FeedPoller
from bot.ingest.fetch import FetchedPage
from bot.ingest.text import from_pasted
from bot.models import Reply
from tests.discord.conftest import World
from tests.discord.helpers import (
    assert_messages_within_limits,
    assert_pings_nobody,
    only_embed,
    sent_payloads,
)


async def add_pinging_article(core: Bot, world: World) -> None:
    role = world.guild.create_role("Everyone-ish")
    text = (
        "Tenants win the rent dispute\n\n"
        "The tenants of Quarry Lane won their case in court on Friday after a long winter. "
        f'"Tell @everyone and @here, and tell <@&{role.id}> and <@{world.other.id}> too, '
        'we won," said Rosa Lind, who led the tenants. The landlord will not appeal the ruling.'
    )
    await world.library.add(from_pasted(text, 100_000), "setup (0)", "test")


def assert_no_mentions(message: discord.Message) -> None:
    assert not message.mention_everyone
    assert not message.mentions
    assert not message.role_mentions


async def test_quoted_mentions_ping_nobody(env: simcord.Env, world: World, core: Bot) -> None:
    await add_pinging_article(core, world)
    await world.member.send(world.channel, "!quote by:Rosa")
    reply = world.channel.last_message
    assert "@everyone" in (only_embed(reply).description or "")
    assert_no_mentions(reply)

    result = await world.member.slash(world.channel, "quote", speaker="Rosa Lind")
    assert f"<@{world.other.id}>" in (only_embed(result.response).description or "")
    assert_no_mentions(result.response.message)

    await world.member.slash(world.channel, "search", words="tenants court")
    await world.member.send(world.channel, "!search bridge")
    await world.member.click(world.channel.last_message, label="Next")
    assert assert_pings_nobody(env) >= 4  # every message, answer and page edit
    assert_messages_within_limits(env)


async def test_the_client_forbids_mentions_by_default(env: simcord.Env) -> None:
    mentions = env.bot.allowed_mentions
    assert mentions is not None
    assert mentions.to_dict() == {"parse": []}


async def test_feed_announcements_are_posted_without_pings(
    env: simcord.Env, world: World, core: Bot
) -> None:
    reply = Reply.info("New in the library", "@everyone: #4 Tenants win the rent dispute")
    assert await core.announce(f"discord:{world.channel.id}", reply)
    await env.settle()
    message = world.channel.last_message
    assert only_embed(message).title == "New in the library"
    assert_no_mentions(message)
    assert_pings_nobody(env)


FEED = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Lowmere Post</title><link>https://lowmere.example/</link>
<description>Town news</description>
<item><title>@everyone: the bridge opens</title><link>https://lowmere.example/bridge</link>
<guid>bridge-1</guid><description>Tell @here and &lt;@&amp;1&gt; about it.</description></item>
</channel></rss>"""


async def test_the_feed_poller_announces_into_the_subscribed_channel(
    env: simcord.Env, world: World, core: Bot
) -> None:
    place = f"discord:{world.channel.id}"
    await world.library.add_feed("https://lowmere.example/feed.xml", place, "", 600, "setup (0)")

    async def fetch(url: str, headers: object) -> FetchedPage:
        return FetchedPage(url, 200, "application/rss+xml", "utf-8", FEED)

    async def ingest(url: str, feed: object) -> Ingested:
        return Ingested()  # the article itself is not fetched in this test

    async def no_wait(seconds: float) -> None:
        return None

    async def prefix_of(community: int) -> str:
        return "!"

    poller = FeedPoller(
        core.store, fetch=fetch, ingest=ingest, announce=core.announce, prefix_of=prefix_of,
        sleep=no_wait,
    )
    assert await poller.poll_due() == 1
    await env.settle()
    message = world.channel.last_message
    embed = only_embed(message)
    assert embed.title == "@everyone: the bridge opens"
    assert embed.url == "https://lowmere.example/bridge"
    assert "New from Lowmere Post" in (embed.footer.text or "")
    assert_no_mentions(message)
    assert_pings_nobody(env)


@pytest.mark.parametrize("cooldown_commands", [3])
async def test_a_flood_gets_one_notice_and_others_are_unaffected(
    env: simcord.Env, world: World
) -> None:
    for _ in range(20):
        await world.member.send(world.channel, "!quote bridge")
    answers = [m for m in world.channel.history() if m.author.id == env.bot.user.id]
    titles = [only_embed(m).title for m in answers]
    assert titles.count("Slow down") == 1
    assert len(answers) == 4  # three answers, one notice, then silence

    await world.other.send(world.channel, "!quote bridge")
    assert only_embed(world.channel.last_message).title == "Quotations: bridge"
    result = await world.other.slash(world.channel, "article", article="#1")
    assert only_embed(result.response).title == "River town votes on the new bridge"


@pytest.mark.parametrize("cooldown_commands", [3])
async def test_a_slash_flood_gets_one_private_notice(env: simcord.Env, world: World) -> None:
    results = [await world.member.slash(world.channel, "article", article="#1") for _ in range(8)]
    answered = [r for r in results if r.acknowledged]
    assert len(answered) == 4
    notice = answered[-1]
    assert notice.ephemeral and only_embed(notice.response).title == "Slow down"
    assert len(sent_payloads(env)) == 4


@pytest.mark.parametrize("cooldown_commands", [3])
async def test_a_flood_of_slow_commands_leaves_no_thinking_behind(
    env: simcord.Env, world: World
) -> None:
    """Deferred first, then muted: the public "thinking…" placeholder is removed."""
    results = [await world.by_role.slash(world.channel, "feed", action="list") for _ in range(6)]
    assert [only_embed(r.response).title for r in results[:3]] == ["No feeds"] * 3
    [notice] = results[3].followups
    assert notice.ephemeral and only_embed(notice).title == "Slow down"
    for muted in results[3:]:
        assert muted.response is None  # nothing left in the channel
    assert world.channel.last_message is not None
    assert only_embed(world.channel.last_message).title == "No feeds"
