"""Prefix commands (`!quote`) typed in a channel, parsed by the core's parser."""

from __future__ import annotations

import pytest
import simcord

from tests.discord.conftest import World
from tests.discord.helpers import only_embed


async def test_quote_by_speaker_replies_with_an_embed(env: simcord.Env, world: World) -> None:
    asked = await world.member.send(world.channel, '!quote by:"Clara Voss"')
    reply = world.channel.last_message
    assert reply is not None and reply.author.id == env.bot.user.id
    assert reply.reference is not None and reply.reference.message_id == asked.id
    embed = only_embed(reply)
    assert "Sharing the presses changed everything" in (embed.description or "")
    assert "**Clara Voss**" in (embed.description or "")
    assert not reply.components  # one page: no buttons


async def test_alias_and_help(env: simcord.Env, world: World) -> None:
    await world.member.send(world.channel, "!commands")
    embed = only_embed(world.channel.last_message)
    assert embed.title == "articlebot commands"
    assert "!quote" in (embed.description or "")


async def test_usage_error_names_the_usage(env: simcord.Env, world: World) -> None:
    await world.member.send(world.channel, "!summary")
    embed = only_embed(world.channel.last_message)
    assert embed.title == "Usage"
    assert "!summary <article>" in (embed.description or "")


async def test_unknown_command_suggests_a_close_one(env: simcord.Env, world: World) -> None:
    await world.member.send(world.channel, "!qoute bridge")
    assert "!quote" in (only_embed(world.channel.last_message).description or "")


async def test_ordinary_chat_gets_no_answer(env: simcord.Env, world: World) -> None:
    await world.member.send(world.channel, "has anyone read the bridge story?")
    await world.member.send(world.channel, "! not a command")
    assert all(m.author.id != env.bot.user.id for m in world.channel.history())


@pytest.mark.parametrize("platform_extra", [{"DISCORD_PREFIX_COMMANDS": "false"}])
async def test_prefix_commands_can_be_turned_off(env: simcord.Env, world: World) -> None:
    assert not env.bot.intents.message_content  # the privileged intent is not even requested
    await world.member.send(world.channel, "!quote bridge")
    assert all(m.author.id != env.bot.user.id for m in world.channel.history())
    result = await world.member.slash(world.channel, "quote", words="bridge")
    assert result.response is not None and result.response.embeds
