"""The Discord adapter: Discord events in, core requests out, core replies rendered back.

It knows Discord (permissions, interactions, files); the core knows nothing of Discord.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import aiohttp
import discord
from discord import app_commands

from adapters.discord_chat.config import DiscordConfig
from adapters.discord_chat.permissions import role_of
from adapters.discord_chat.replies import (
    NO_MENTIONS,
    Deferral,
    answer_interaction,
    answer_message,
    defer,
    post,
)
from adapters.discord_chat.slash import ATTACHMENT_OPTION, slash_commands, suggestions
from bot.backoff import Backoff
from bot.commands.spec import ArgKind, Command
from bot.config import Settings
from bot.core import Bot
from bot.models import Attachment, Reply, Request, Role

log = logging.getLogger(__name__)
PLACE_PREFIX = "discord:"
# A slash command must be answered within 3 s; past this, "thinking…" is shown first.
ANSWER_DEADLINE = 2.0
# Pauses between attempts to reach Discord: 2 to 4 s at first, doubling, at most 5 minutes.
RECONNECT_BASE, RECONNECT_CAP = 4.0, 300.0
# A text bot has no use for voice; without this, discord.py warns that PyNaCl is missing.
discord.VoiceClient.warn_nacl = False


def place_of(channel_id: int) -> str:
    return f"{PLACE_PREFIX}{channel_id}"


def space_of(guild_id: int | None) -> str:
    """The community key of a guild; a direct message (no guild) has none."""
    return f"{PLACE_PREFIX}{guild_id}" if guild_id else ""


class _Events:
    """What the client hands to the adapter: start-up, messages, guilds joined and left."""

    adapter: DiscordAdapter

    async def setup_hook(self) -> None:
        await self.adapter.sync_commands()

    async def on_message(self, message: discord.Message) -> None:
        await self.adapter.on_message(message)

    async def on_ready(self) -> None:
        await self.adapter.on_ready()

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.adapter.bot.joined(space_of(guild.id))

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        # Removed (kicked, banned, the guild deleted), never merely unavailable: an outage
        # fires on_guild_unavailable instead, and the library's grace period does not start.
        await self.adapter.bot.left(space_of(guild.id))


class ArticleClient(_Events, discord.Client):
    """The discord.py client: syncs the generated commands at start-up, hands events over."""

    def __init__(self, adapter: DiscordAdapter, intents: discord.Intents) -> None:
        super().__init__(intents=intents, allowed_mentions=NO_MENTIONS)
        self.adapter = adapter
        self.tree: app_commands.CommandTree[Any] = app_commands.CommandTree(self)


class ShardedArticleClient(_Events, discord.AutoShardedClient):
    """The same client running some of the bot's shards (DISCORD_SHARD_IDS of _COUNT)."""

    def __init__(self, adapter: DiscordAdapter, intents: discord.Intents) -> None:
        config = adapter.config
        super().__init__(
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            shard_count=config.shard_count,
            shard_ids=list(config.shard_ids),
        )
        self.adapter = adapter
        self.tree: app_commands.CommandTree[Any] = app_commands.CommandTree(self)


class DiscordAdapter:
    """Started by `articlebot run` when DISCORD_TOKEN is set."""

    name = "discord"

    def __init__(self, bot: Bot, settings: Settings) -> None:
        self.bot = bot
        self.settings = settings
        self.sleep = asyncio.sleep  # replaced in tests
        self.config = DiscordConfig.from_settings(settings)
        self.client = self._new_client()
        bot.add_announcer("discord", self)
        bot.add_directory("discord", self)

    def _new_client(self) -> ArticleClient | ShardedArticleClient:
        intents = discord.Intents.default()
        intents.message_content = self.config.prefix_commands
        kind = ShardedArticleClient if self.config.shard_count else ArticleClient
        client = kind(self, intents)
        for command in slash_commands(self.bot.commands, self.on_slash, self.suggest):
            client.tree.add_command(command)
        return client

    async def run(self) -> None:
        """Connect and serve; while Discord cannot be reached, retry with growing pauses.

        A refused token is not retried: it will not become valid by waiting.
        """
        backoff = Backoff(RECONNECT_BASE, RECONNECT_CAP)
        while True:
            try:
                await self.client.start(self.config.token)
                return
            except discord.LoginFailure:
                log.error("Discord refused DISCORD_TOKEN; check the bot token")
                raise
            except (OSError, aiohttp.ClientError, discord.GatewayNotFound) as err:
                pause = backoff.next_delay()
                log.warning("cannot reach Discord (%s); trying again in %.0f s", err, pause)
            await self.client.close()
            self.client = self._new_client()  # a closed client cannot start again
            await self.sleep(pause)

    async def close(self) -> None:
        await self.client.close()

    async def sync_commands(self) -> None:
        """Register the slash commands with Discord: in one guild if configured, else globally.

        With shards in several processes, the process running shard 0 registers them."""
        if self.config.shard_ids and 0 not in self.config.shard_ids:
            return
        if self.config.guild_id:
            guild = discord.Object(id=self.config.guild_id)
            self.client.tree.copy_global_to(guild=guild)
            synced = await self.client.tree.sync(guild=guild)
        else:
            synced = await self.client.tree.sync()
        log.info("synced %d slash commands", len(synced))

    # -- outbound ---------------------------------------------------------------------------

    async def announce(self, place: str, reply: Reply) -> None:
        """Post a feed announcement into `discord:<channel id>`."""
        try:
            channel_id = int(place.removeprefix(PLACE_PREFIX))
        except ValueError:
            raise ValueError(f"not a Discord place: {place!r}") from None
        channel = self.client.get_channel(channel_id) or await self.client.fetch_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            raise ValueError(f"{place} is not a channel the bot can post in")
        await post(channel, reply)

    async def on_ready(self) -> None:
        """Reconcile: a guild of this process's shards the bot is no longer in was left while
        it was away (an unavailable guild is still in `guilds`: an outage is not a removal)."""
        present = {space_of(guild.id) for guild in self.client.guilds}
        await self.bot.present("discord", present, covers=self._covers)

    def _covers(self, space: str) -> bool:
        guild = space.removeprefix(PLACE_PREFIX)
        return guild.isdecimal() and self.config.runs_shard_of(int(guild))

    # -- the directory the core asks when rooms are linked ---------------------------------

    async def space_of(self, target: str) -> str | None:
        text = target.strip().removeprefix(PLACE_PREFIX)
        if not text.isdecimal():
            return None
        guild = self.client.get_guild(int(text))
        return space_of(guild.id) if guild is not None and self.config.allows(guild.id) else None

    async def role_in(self, space: str, user_id: str) -> Role | None:
        guild = self.client.get_guild(int(space.removeprefix(PLACE_PREFIX)))
        if guild is None or not user_id.isdecimal():
            return None
        member = guild.get_member(int(user_id))
        if member is None:
            try:
                member = await guild.fetch_member(int(user_id))
            except discord.HTTPException:
                return None
        settings = await self.bot.settings_for(space)
        return role_of(
            member, member.guild_permissions, self._moderator_role(settings.moderator_role)
        )

    # -- inbound ----------------------------------------------------------------------------

    def _moderator_role(self, community_role: str) -> str:
        return community_role or self.config.moderator_role

    async def _request_context(self, guild_id: int | None) -> tuple[str, str, str] | None:
        """(space, prefix, moderator role) for a guild, or None when it is not served."""
        if not self.config.allows(guild_id):
            return None
        space = space_of(guild_id)
        settings = await self.bot.settings_for(space)
        return space, settings.prefix, self._moderator_role(settings.moderator_role)

    @staticmethod
    async def _download(files: Sequence[discord.Attachment]) -> tuple[Attachment, ...]:
        return tuple([Attachment(f.filename, await f.read(), f.content_type or "") for f in files])

    async def on_message(self, message: discord.Message) -> None:
        if not self.config.prefix_commands or message.author.bot or message.webhook_id:
            return
        served = await self._request_context(message.guild.id if message.guild else None)
        if served is None:
            return
        space, prefix, moderator_role = served
        text = message.content
        if not text.lstrip().startswith(prefix):
            return
        author = message.author
        channel = message.channel
        permissions = (
            channel.permissions_for(author)
            if isinstance(author, discord.Member)
            and isinstance(channel, discord.abc.GuildChannel | discord.Thread)
            else discord.Permissions.none()
        )
        request = Request(
            user_id=str(author.id),
            display_name=author.display_name,
            role=role_of(author, permissions, moderator_role),
            place=place_of(channel.id),
            text=text,
            space=space,
        )
        if message.attachments and await self.bot.wants_files(request):
            refusal = self.bot.upload_refusal([(f.filename, f.size) for f in message.attachments])
            if refusal:
                await answer_message(message, refusal)
                return
            request = replace(request, attachments=await self._download(message.attachments))
        reply = await self.bot.handle(request)
        if reply is not None:
            await answer_message(message, reply)

    async def on_slash(
        self, interaction: discord.Interaction[Any], command: Command, values: dict[str, Any]
    ) -> None:
        """Run one generated slash command: options in, the core's reply out."""
        served = await self._request_context(interaction.guild_id)
        if served is None:
            log.info("ignored /%s from guild %s (not allowed)", command.name, interaction.guild_id)
            return
        space, _, moderator_role = served
        upload = values.pop(ATTACHMENT_OPTION, None)
        request = Request(
            user_id=str(interaction.user.id),
            display_name=interaction.user.display_name,
            role=role_of(interaction.user, interaction.permissions, moderator_role),
            place=place_of(interaction.channel_id or 0),
            command=command.name,
            options={name: str(value) for name, value in values.items() if value is not None},
            space=space,
        )
        files: list[discord.Attachment] = []
        if isinstance(upload, discord.Attachment) and await self.bot.wants_files(request):
            files.append(upload)
        state = Deferral()
        refusal = self.bot.upload_refusal([(f.filename, f.size) for f in files])
        if refusal:
            await answer_interaction(interaction, refusal, state)
            return
        if command.slow or files:  # network work ahead; a refusal for a member will be private
            private = not self.bot.role_of(request).allows(command.role)
            await defer(interaction, private, state)
        request = replace(request, attachments=await self._download(files))
        reply = await self._handle_in_time(interaction, request, state)
        await answer_interaction(interaction, reply, state)

    async def _handle_in_time(
        self, interaction: discord.Interaction[Any], request: Request, state: Deferral
    ) -> Reply | None:
        """The core's reply; defers first when it takes long, so Discord keeps waiting."""
        task = asyncio.ensure_future(self.bot.handle(request))
        if not state.deferred:
            done, _ = await asyncio.wait({task}, timeout=ANSWER_DEADLINE)
            if not done:
                await defer(interaction, False, state)
        return await task

    async def suggest(
        self, interaction: discord.Interaction[Any], kind: ArgKind, current: str
    ) -> list[app_commands.Choice[str]]:
        if not self.config.allows(interaction.guild_id):
            return []
        return await suggestions(self.bot, space_of(interaction.guild_id), kind, current)
