"""Moderators by permission, channel overwrite or role; moderator commands refused to members."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import simcord

from adapters.discord_chat import DiscordAdapter
from bot.commands.catalog import COMMANDS
from bot.commands.spec import ArgKind, Command
from bot.core import Bot
from bot.models import Role
from tests.discord.conftest import World
from tests.discord.helpers import only_embed
from tests.support.requests import checksum

MODERATOR_COMMANDS = [c for c in COMMANDS if c.role is Role.MODERATOR]
VALUES = {ArgKind.ARTICLE: "#1", ArgKind.WORDS: "Renamed", ArgKind.TEXT: "Pasted title\n\nbody"}


def slash_options(command: Command) -> dict[str, Any]:
    """Valid options for every argument, as a moderator would fill them in."""
    options: dict[str, Any] = {}
    for arg in command.args:
        options[arg.name] = arg.choices[0] if arg.choices else VALUES.get(arg.kind, "1")
    if command.takes_attachment:
        options["file"] = ("story.txt", b"A title\n\n" + b"Some words of a story. " * 20)
    return options


async def refusals(world: World) -> list[str]:
    return [e.target for e in await world.library.audit() if e.action == "refused"]


@pytest.mark.parametrize("command", MODERATOR_COMMANDS, ids=lambda c: c.name)
async def test_member_is_refused_every_moderator_slash_command(
    env: simcord.Env, world: World, core: Bot, command: Command
) -> None:
    before = await checksum(core)
    result = await world.member.slash(world.channel, command.name, **slash_options(command))
    assert result.ephemeral
    response = result.response or result.followups[0]
    embed = only_embed(response)
    assert embed.title == "Not allowed"
    assert f"!{command.name}" in (embed.description or "")
    assert await checksum(core) == before
    assert await refusals(world) == [command.name]


@pytest.mark.parametrize("command", MODERATOR_COMMANDS, ids=lambda c: c.name)
async def test_member_is_refused_every_moderator_prefix_command(
    env: simcord.Env, world: World, core: Bot, command: Command
) -> None:
    before = await checksum(core)
    files = (
        [("story.txt", b"A title\n\n" + b"Some words. " * 30)] if command.takes_attachment else []
    )
    await world.member.send(world.channel, f"!{command.example}", attachments=files)
    assert only_embed(world.channel.last_message).title == "Not allowed"
    assert await checksum(core) == before
    assert await refusals(world) == [command.name]


@pytest.mark.parametrize("who", ["by_role", "by_permission", "by_overwrite", "by_manage_guild"])
async def test_moderators_of_every_kind(
    env: simcord.Env, world: World, core: Bot, who: str
) -> None:
    moderator: simcord.MemberActor = getattr(world, who)
    result = await moderator.slash(world.channel, "stats")
    assert only_embed(result.response).title == "Library statistics"
    await moderator.send(world.channel, "!edit #1 outlet Lowmere Post")
    assert only_embed(world.channel.last_message).title == "Edited"
    article = await world.article(1)
    assert article.outlet == "Lowmere Post"
    assert await refusals(world) == []


async def test_an_overwrite_makes_a_moderator_only_in_that_channel(
    env: simcord.Env, world: World, core: Bot
) -> None:
    elsewhere = world.guild.create_text_channel("general")
    result = await world.by_overwrite.slash(elsewhere, "stats")
    assert result.ephemeral and only_embed(result.response).title == "Not allowed"
    assert await refusals(world) == ["stats"]


@pytest.mark.parametrize("platform_extra", [{"DISCORD_MODERATOR_ROLE": ""}])
async def test_no_role_configured_means_the_role_grants_nothing(
    env: simcord.Env, world: World
) -> None:
    result = await world.by_role.slash(world.channel, "stats")
    assert only_embed(result.response).title == "Not allowed"


async def test_the_role_may_be_given_by_id(
    env: simcord.Env, world: World, adapter: DiscordAdapter
) -> None:
    role = world.guild.create_role("Curators")
    curator = world.guild.add_member(env.create_user("cora"), roles=[role])
    adapter.config = dataclasses.replace(adapter.config, moderator_role=str(role.id))
    result = await curator.slash(world.channel, "stats")
    assert only_embed(result.response).title == "Library statistics"
