"""The DISCORD_* settings: validated at start-up; `articlebot run` picks the adapter up."""

from __future__ import annotations

import dataclasses

import pytest
import simcord

from adapters.discord_chat import DiscordAdapter
from adapters.discord_chat.config import DiscordConfig
from adapters.runner import configured_adapters
from bot.config import ConfigError, Settings
from bot.core import Bot
from tests.discord.conftest import World
from tests.discord.helpers import only_embed


def with_platform(settings: Settings, **values: str) -> Settings:
    return dataclasses.replace(settings, platform={**settings.platform, **values})


def test_defaults(discord_settings: Settings) -> None:
    config = DiscordConfig.from_settings(discord_settings)
    assert config.prefix_commands and config.guild_id is None
    assert config.moderator_role == "Librarians"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DISCORD_GUILD_ID", "my-server"),
        ("DISCORD_PREFIX_COMMANDS", "maybe"),
        ("DISCORD_TOKEN", " "),
    ],
)
def test_invalid_values_name_the_variable(
    discord_settings: Settings, name: str, value: str
) -> None:
    with pytest.raises(ConfigError, match=name):
        DiscordConfig.from_settings(with_platform(discord_settings, **{name: value}))


async def test_the_runner_starts_discord_when_a_token_is_set(
    core: Bot, discord_settings: Settings
) -> None:
    [adapter] = configured_adapters(core, discord_settings)
    assert isinstance(adapter, DiscordAdapter) and adapter.name == "discord"


async def test_a_direct_message_has_no_library_but_help(env: simcord.Env, world: World) -> None:
    """Each guild has its own library; a DM belongs to none, so it reads none of them."""
    user = world.member.user
    await user.send_dm("!article #1")
    reply = only_embed(user.dm_channel.last_message)
    assert reply.title == "No library here"
    assert "River town" not in (reply.description or "")
    await user.send_dm("!help")
    assert only_embed(user.dm_channel.last_message).title == "articlebot commands"
    await user.send_dm("!stats")
    assert only_embed(user.dm_channel.last_message).title == "Not allowed"
