"""A core on a temporary library, the Discord adapter around it, and simcord running its client.

The env starts the real discord.py client, whose `setup_hook` syncs the generated slash
commands exactly as a real start-up does (no `strict_sync=False`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord

from adapters.discord_chat import DiscordAdapter
from bot.config import Settings
from bot.core import Bot
from bot.library import Library
from storage import ArticleRow
from tests.support.articles import BRIDGE, COOPERATIVE, LIBRARY
from tests.support.requests import seed

MODERATOR_ROLE = "Librarians"


@pytest.fixture
def platform_extra() -> dict[str, str]:
    """More DISCORD_* values; a test overrides it with `@pytest.mark.parametrize`."""
    return {}


@pytest.fixture
def cooldown_commands() -> int:
    """Commands per user per 10 s; high, so only the cooldown tests meet it."""
    return 10_000


@pytest.fixture
def discord_settings(
    tmp_path: Path, db_url: str, platform_extra: dict[str, str], cooldown_commands: int
) -> Settings:
    return Settings(
        db=db_url,
        state_dir=tmp_path / "state",
        cooldown_commands=cooldown_commands,
        page_size=1,
        max_upload_bytes=50_000,
        platform={
            "DISCORD_TOKEN": "not-a-real-token",
            "DISCORD_MODERATOR_ROLE": MODERATOR_ROLE,
            **platform_extra,
        },
    )


@pytest.fixture
async def core(discord_settings: Settings) -> AsyncIterator[Bot]:
    bot = await Bot.open(discord_settings)
    try:
        yield bot
    finally:
        await bot.close()


@pytest.fixture
async def adapter(core: Bot, discord_settings: Settings) -> DiscordAdapter:
    return DiscordAdapter(core, discord_settings)


@pytest.fixture
async def simcord_bot(adapter: DiscordAdapter) -> discord.Client:
    """The client simcord runs (its `simcord_env` fixture starts and stops it)."""
    return adapter.client


@pytest.fixture
def env(simcord_env: simcord.Env) -> simcord.Env:
    return simcord_env


@dataclass
class World:
    """A guild with a #library channel, members, and moderators of every kind."""

    guild: simcord.GuildHandle
    channel: simcord.ChannelHandle
    member: simcord.MemberActor
    other: simcord.MemberActor
    by_role: simcord.MemberActor  # holds the configured moderator role
    by_permission: simcord.MemberActor  # a role with Manage Messages
    by_overwrite: simcord.MemberActor  # Manage Messages in #library only
    by_manage_guild: simcord.MemberActor
    library: Library  # the guild's library, as the core gives it to the guild's commands

    async def article(self, number: int) -> ArticleRow:
        [found] = await self.library.resolve(f"#{number}")
        return found


@pytest.fixture
async def world(env: simcord.Env, core: Bot) -> World:
    """The guild, with three articles in its library (#1 bridge, #2 orchard, #3 library)."""
    guild = env.create_guild("Readers")
    library = await seed(core, BRIDGE, COOPERATIVE, LIBRARY, space=f"discord:{guild.id}")
    librarians = guild.create_role(MODERATOR_ROLE)
    stewards = guild.create_role("Stewards", permissions=discord.Permissions(manage_messages=True))
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    overwritten = guild.add_member(env.create_user("olga"))
    channel = guild.create_text_channel(
        "library",
        overwrites={overwritten: discord.PermissionOverwrite(manage_messages=True)},
    )
    return World(
        guild=guild,
        channel=channel,
        member=guild.add_member(env.create_user("alice")),
        other=guild.add_member(env.create_user("bob")),
        by_role=guild.add_member(env.create_user("libby"), roles=[librarians]),
        by_permission=guild.add_member(env.create_user("stella"), roles=[stewards]),
        by_overwrite=overwritten,
        by_manage_guild=guild.add_member(env.create_user("gus"), roles=[admins]),
        library=library,
    )


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the attachments the bot downloaded, in order."""
    seen: list[str] = []
    original = discord.Attachment.read

    async def read(self: discord.Attachment, **options: Any) -> bytes:
        seen.append(self.filename)
        return await original(self, **options)

    monkeypatch.setattr(discord.Attachment, "read", read)
    return seen
