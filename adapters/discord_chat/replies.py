"""Sending a rendered reply: to a slash command, to a prefix command's message, into a channel.

Every send carries `AllowedMentions.none()` (the client default is the same), so article text
with `@everyone`, `@here`, `<@id>` or `<@&role>` never pings anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord

from adapters.discord_chat.paging import PageView
from adapters.discord_chat.render import render_reply
from bot.models import Reply

NO_MENTIONS = discord.AllowedMentions.none()
ANSWERED_PRIVATELY = "Answered privately."


@dataclass
class Deferral:
    """Whether a slash command was deferred, and whether its "thinking…" is visible to all."""

    deferred: bool = False
    ephemeral: bool = False


def _pages(reply: Reply, owner_id: int) -> tuple[list[discord.Embed], PageView | None]:
    embeds = render_reply(reply)
    return embeds, PageView(embeds, owner_id) if len(embeds) > 1 else None


async def defer(interaction: discord.Interaction[Any], ephemeral: bool, state: Deferral) -> None:
    await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    state.deferred, state.ephemeral = True, ephemeral


async def answer_interaction(
    interaction: discord.Interaction[Any], reply: Reply | None, state: Deferral
) -> None:
    """Answer a slash command; private replies (errors, refusals) only the asker sees."""
    if reply is None:  # muted by the cooldown: say nothing, clear a pending "thinking…"
        if state.deferred:
            await interaction.delete_original_response()
        return
    embeds, view = _pages(reply, interaction.user.id)
    extra: dict[str, Any] = {"view": view} if view else {}
    if not state.deferred:
        await interaction.response.send_message(
            embed=embeds[0], ephemeral=reply.private, allowed_mentions=NO_MENTIONS, **extra
        )
        if view:
            view.message = await interaction.original_response()
        return
    if reply.private and not state.ephemeral:
        # A public "thinking…" cannot turn private, and the first follow-up would only edit it:
        # complete it, answer in a private follow-up, then remove the public placeholder.
        await interaction.edit_original_response(
            content=ANSWERED_PRIVATELY, allowed_mentions=NO_MENTIONS
        )
        sent = await interaction.followup.send(
            embed=embeds[0], ephemeral=True, allowed_mentions=NO_MENTIONS, wait=True, **extra
        )
        await interaction.delete_original_response()
        if view:
            view.message = sent
        return
    edited = await interaction.edit_original_response(
        embed=embeds[0], allowed_mentions=NO_MENTIONS, **extra
    )
    if view:
        view.message = edited


async def answer_message(message: discord.Message, reply: Reply) -> None:
    """Answer a prefix command in its channel, as a reply that does not ping the asker."""
    embeds, view = _pages(reply, message.author.id)
    extra: dict[str, Any] = {"view": view} if view else {}
    sent = await message.channel.send(
        embed=embeds[0],
        reference=message.to_reference(fail_if_not_exists=False),
        allowed_mentions=NO_MENTIONS,
        **extra,
    )
    if view:
        view.message = sent


async def post(channel: discord.abc.Messageable, reply: Reply) -> None:
    """Post an unsolicited reply (a feed announcement): its first screen, no buttons."""
    await channel.send(embed=render_reply(reply)[0], allowed_mentions=NO_MENTIONS)
