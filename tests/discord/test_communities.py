"""Each guild its own library, through the real discord.py client (simcord): the owner of a
second guild can neither read nor change the first's; a private bot serves only its guilds;
a guild that removes the bot starts the grace period, an outage does not."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import discord
import pytest
import simcord

from bot.core import Bot
from tests.discord.conftest import World
from tests.discord.helpers import only_embed
from tests.support.requests import checksum, library

ALLOWED_GUILD = 5_000_000_000_000_001  # the only guild of the private bot below
SECRETS = ("River town votes", "Orchard cooperative", "Night library", "@everyone in town")


def _all_text(message: discord.Message | None) -> str:
    assert message is not None
    embed = only_embed(message)
    fields = " ".join(f"{f.name} {f.value}" for f in embed.fields)
    return f"{embed.title} {embed.description} {fields} {embed.footer.text}"


@pytest.fixture
async def stranger_guild(env: simcord.Env) -> tuple[simcord.GuildHandle, simcord.MemberActor]:
    """A guild Mallory made herself: she owns it, so she has Manage Server there."""
    owner = env.create_user("mallory")
    guild = env.create_guild("Mallory's place", owner=owner)
    admins = guild.create_role("Admin", permissions=discord.Permissions(manage_guild=True))
    return guild, guild.add_member(owner, roles=[admins])


async def test_the_owner_of_another_guild_reaches_nothing_of_this_one(
    env: simcord.Env,
    world: World,
    core: Bot,
    stranger_guild: tuple[simcord.GuildHandle, simcord.MemberActor],
) -> None:
    guild, mallory = stranger_guild
    channel = guild.create_text_channel("general")
    await library(core, f"discord:{guild.id}")
    before = await checksum(core, f"discord:{world.guild.id}")
    for name, options in (
        ("sources", {}),
        ("quote", {"speaker": "Ada Fenwick"}),
        ("search", {"words": "bridge"}),
        ("summary", {"article": "#1"}),
        ("article", {"article": "#2"}),
        ("stats", {}),
    ):
        result = await mallory.slash(channel, name, **options)
        shown = _all_text(result.response or result.followups[0])
        assert not any(secret in shown for secret in SECRETS), (name, shown)
    for text in ("!remove #1", "!edit #1 title Hacked", "!sources #1", "!quote by:Fenwick"):
        await mallory.send(channel, text)
        assert not any(secret in _all_text(channel.last_message) for secret in SECRETS), text
    await mallory.slash(channel, "edit", article="#1", field="title", value="Hacked")
    await mallory.slash(channel, "remove", article="#1")
    assert await checksum(core, f"discord:{world.guild.id}") == before
    result = await mallory.slash(
        channel, "add", source="Her own story\n\n" + "Words of her own story here. " * 10
    )
    assert "Added #1: Her own story" in (
        only_embed(result.response or result.followups[0]).description or ""
    )
    assert [a.title for a in await world.library.page(0, 10)] == [
        "Night library opens for shift workers",
        "Orchard cooperative doubles its harvest",
        "River town votes on the new bridge",
    ]
    # Her guild's autocomplete offers her articles only.
    choices = await mallory.autocomplete(channel, "summary", "article", "")
    assert [c["name"] for c in choices] == ["#1 Her own story"]


@pytest.mark.parametrize("platform_extra", [{"DISCORD_ALLOWED_GUILDS": str(ALLOWED_GUILD)}])
async def test_a_private_bot_ignores_every_other_guild(env: simcord.Env, core: Bot) -> None:
    allowed = env.create_guild("Ours", id=ALLOWED_GUILD)
    ours = allowed.create_text_channel("library")
    member = allowed.add_member(env.create_user("ann"))
    other = env.create_guild("Theirs")
    theirs = other.create_text_channel("general")
    stranger = other.add_member(env.create_user("sam"), roles=[])
    await member.send(ours, "!help")
    assert only_embed(ours.last_message).title == "articlebot commands"
    await stranger.send(theirs, "!help")
    await env.settle()
    assert theirs.last_message is None or theirs.last_message.author.id == stranger.id
    result = await stranger.slash(theirs, "help")
    assert result.response is None and not result.followups  # ignored, like a prefix command
    before = await core.store.checksum()
    await stranger.send(theirs, "!sources")
    assert await core.store.checksum() == before  # not even a community made for it


async def test_a_guild_that_removes_the_bot_is_purged_after_the_grace_period(
    env: simcord.Env, world: World, core: Bot, simcord_bot: discord.Client
) -> None:
    state = simcord_bot._connection  # discord.py's own parsing of the gateway's GUILD_DELETE
    state.parse_guild_delete({"id": str(world.guild.id), "unavailable": True})  # an outage
    await env.settle()
    await asyncio.sleep(0.05)  # let any handler discord.py started run
    later = datetime.now(UTC) + timedelta(days=60)
    assert await core.purge_left(later) == []
    state.parse_guild_delete({"id": str(world.guild.id)})  # removed from the guild
    await env.settle()
    for _ in range(100):  # discord.py runs event handlers as tasks of their own
        [space] = await core.store.communities.spaces_of(world.library.community.id)
        if space.left_at:
            break
        await asyncio.sleep(0.01)
    assert await core.purge_left(datetime.now(UTC) + timedelta(days=29)) == []
    assert await world.library.count() == 3
    assert await core.purge_left(later) == [world.library.community.name]
    assert await world.library.count() == 0


async def test_a_community_prefix_applies_to_its_guild_only(
    env: simcord.Env,
    world: World,
    stranger_guild: tuple[simcord.GuildHandle, simcord.MemberActor],
) -> None:
    await world.by_manage_guild.send(world.channel, "!settings prefix ?")
    assert only_embed(world.channel.last_message).title == "Setting changed"
    await world.member.send(world.channel, "?article #1")
    assert only_embed(world.channel.last_message).title == "River town votes on the new bridge"
    guild, mallory = stranger_guild
    channel = guild.create_text_channel("general")
    await mallory.send(channel, "!sources")
    assert only_embed(channel.last_message).title == "The library is empty"
