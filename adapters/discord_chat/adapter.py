"""The Discord adapter: Discord events in, core requests out, core replies rendered back.

It knows Discord (permissions, interactions, files); the core knows nothing of Discord.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
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
from bot.commands.parser import find_command
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


class ArticleClient(discord.Client):
    """The discord.py client: syncs the generated commands at start-up, hands messages over."""

    def __init__(self, adapter: DiscordAdapter, intents: discord.Intents) -> None:
        super().__init__(intents=intents, allowed_mentions=NO_MENTIONS)
        self.adapter = adapter
        self.tree: app_commands.CommandTree[ArticleClient] = app_commands.CommandTree(self)

    async def setup_hook(self) -> None:
        await self.adapter.sync_commands()

    async def on_message(self, message: discord.Message) -> None:
        await self.adapter.on_message(message)


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

    def _new_client(self) -> ArticleClient:
        intents = discord.Intents.default()
        intents.message_content = self.config.prefix_commands
        client = ArticleClient(self, intents)
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
        """Register the slash commands with Discord: in one guild if configured, else globally."""
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

    # -- inbound ----------------------------------------------------------------------------

    def _role(self, user: discord.Member | discord.User, permissions: discord.Permissions) -> Role:
        return role_of(user, permissions, self.config.moderator_role)

    @staticmethod
    def _files_wanted(command: Command | None, role: Role) -> bool:
        """Whether to look at attached files at all.

        Files of a command that does not take them, or of a member running a moderator command
        (which the core refuses and logs), are never downloaded.
        """
        if command is None or not command.takes_attachment:
            return False
        return command.role is Role.MEMBER or role is Role.MODERATOR

    def _too_large(self, files: Sequence[discord.Attachment]) -> Reply | None:
        """A refusal when a file is over the size limit, decided before downloading anything."""
        limit = self.settings.max_upload_bytes
        big = [f for f in files if f.size > limit]
        if not big:
            return None
        names = ", ".join(f"`{f.filename[:60]}` ({f.size / 1_000_000:.1f} MB)" for f in big)
        return Reply.error(
            f"Too large: {names}. Files may be at most {limit / 1_000_000:.1f} MB.",
            title="Not added",
        )

    @staticmethod
    async def _download(files: Sequence[discord.Attachment]) -> tuple[Attachment, ...]:
        return tuple([Attachment(f.filename, await f.read(), f.content_type or "") for f in files])

    def _command_in(self, text: str) -> Command | None:
        """The command a prefix message names, to know whether its files are wanted."""
        body = text.strip().removeprefix(self.settings.prefix).split(maxsplit=1)
        return find_command(body[0], self.bot.commands) if body else None

    async def on_message(self, message: discord.Message) -> None:
        if not self.config.prefix_commands or message.author.bot or message.webhook_id:
            return
        text = message.content
        if not text.lstrip().startswith(self.settings.prefix):
            return
        author = message.author
        channel = message.channel
        permissions = (
            channel.permissions_for(author)
            if isinstance(author, discord.Member)
            and isinstance(channel, discord.abc.GuildChannel | discord.Thread)
            else discord.Permissions.none()
        )
        role = self._role(author, permissions)
        attachments: tuple[Attachment, ...] = ()
        if message.attachments and self._files_wanted(self._command_in(text), role):
            refusal = self._too_large(message.attachments)
            if refusal:
                await answer_message(message, refusal)
                return
            attachments = await self._download(message.attachments)
        request = Request(
            user_id=str(author.id),
            display_name=author.display_name,
            role=role,
            place=place_of(channel.id),
            text=text,
            attachments=attachments,
        )
        reply = await self.bot.handle(request)
        if reply is not None:
            await answer_message(message, reply)

    async def on_slash(
        self, interaction: discord.Interaction[Any], command: Command, values: dict[str, Any]
    ) -> None:
        """Run one generated slash command: options in, the core's reply out."""
        role = self._role(interaction.user, interaction.permissions)
        upload = values.pop(ATTACHMENT_OPTION, None)
        files: list[discord.Attachment] = []
        if isinstance(upload, discord.Attachment) and self._files_wanted(command, role):
            files.append(upload)
        state = Deferral()
        refusal = self._too_large(files)
        if refusal:
            await answer_interaction(interaction, refusal, state)
            return
        if command.slow or files:  # network work ahead; a refusal for a member will be private
            private = command.role is Role.MODERATOR and role is not Role.MODERATOR
            await defer(interaction, private, state)
        request = Request(
            user_id=str(interaction.user.id),
            display_name=interaction.user.display_name,
            role=role,
            place=place_of(interaction.channel_id or 0),
            command=command.name,
            options={name: str(value) for name, value in values.items() if value is not None},
            attachments=await self._download(files),
        )
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

    async def suggest(self, kind: ArgKind, current: str) -> list[app_commands.Choice[str]]:
        return await suggestions(self.bot.store, kind, current)
