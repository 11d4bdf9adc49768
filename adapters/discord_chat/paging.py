"""Previous/Next buttons over the embeds of one reply.

The pages and the position live in the view attached to that one message (discord.py keeps it
until the timeout), so there is no global page state to leak or to mix up between users.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

log = logging.getLogger(__name__)
PAGE_TIMEOUT = 300.0  # seconds after the last press; then the buttons are removed


class PageView(discord.ui.View):
    """Pages through `embeds`; only `owner_id` (who asked) may press the buttons."""

    def __init__(
        self, embeds: list[discord.Embed], owner_id: int, timeout: float = PAGE_TIMEOUT
    ) -> None:
        super().__init__(timeout=timeout)
        self.embeds = embeds
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.Message | discord.InteractionMessage | None = None
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.embeds) - 1
        self.position.label = f"{self.index + 1} / {len(self.embeds)}"

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the person who asked can turn these pages; run the command yourself.",
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        return False

    async def _show(self, interaction: discord.Interaction[Any], index: int) -> None:
        self.index = max(0, min(index, len(self.embeds) - 1))
        self._sync_buttons()
        await interaction.response.edit_message(
            embed=self.embeds[self.index],
            view=self,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[PageView]
    ) -> None:
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label="1 / 1", style=discord.ButtonStyle.secondary, disabled=True)
    async def position(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[PageView]
    ) -> None:
        """A label showing where the reader is; disabled, so never pressed."""

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary)
    async def next(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[PageView]
    ) -> None:
        await self._show(interaction, self.index + 1)

    async def on_timeout(self) -> None:
        """Remove the buttons so nobody presses a dead control."""
        if self.message is None:
            return
        try:
            await self.message.edit(view=None, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as err:  # deleted message, expired token: nothing to do
            log.debug("could not remove the page buttons: %s", err)
