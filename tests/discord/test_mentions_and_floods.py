"""No reply pings anyone, whatever the article says; one flooding user is slowed, alone."""

from __future__ import annotations

import discord
import pytest
import simcord

from bot.core import Bot
from bot.ingest.text import from_pasted
from bot.models import Reply
from tests.discord.conftest import World
from tests.discord.helpers import assert_pings_nobody, only_embed, sent_payloads


async def add_pinging_article(core: Bot, world: World) -> None:
    role = world.guild.create_role("Everyone-ish")
    text = (
        "Tenants win the rent dispute\n\n"
        "The tenants of Quarry Lane won their case in court on Friday after a long winter. "
        f'"Tell @everyone and @here, and tell <@&{role.id}> and <@{world.other.id}> too, '
        'we won," said Rosa Lind, who led the tenants. The landlord will not appeal the ruling.'
    )
    await core.library.add(from_pasted(text, 100_000), "setup (0)", "test")


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
