"""Discord: slash and prefix commands, embeds with page buttons, moderators by permission or role.

A package (never a module named `discord.py`, which would shadow the library).
"""

from adapters.discord_chat.adapter import DiscordAdapter
from adapters.discord_chat.slash import describe_commands

__all__ = ["DiscordAdapter", "describe_commands"]
