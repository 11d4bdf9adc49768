"""The Discord section of the settings, read from the raw `DISCORD_*` values and validated once."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import ConfigError, Settings


@dataclass(frozen=True)
class DiscordConfig:
    token: str
    moderator_role: str = ""  # a role name or id; empty: permissions only
    guild_id: int | None = None  # sync commands to this guild only (fast during development)
    prefix_commands: bool = True  # `!quote` in messages; needs the message-content intent

    @classmethod
    def from_settings(cls, settings: Settings) -> DiscordConfig:
        token = settings.platform.get("DISCORD_TOKEN", "").strip()
        if not token:
            raise ConfigError("DISCORD_TOKEN must be set to start the Discord adapter")
        guild = settings.platform_int("DISCORD_GUILD_ID", 0, minimum=0)
        return cls(
            token=token,
            moderator_role=settings.platform.get("DISCORD_MODERATOR_ROLE", "").strip(),
            guild_id=guild or None,
            prefix_commands=settings.platform_bool("DISCORD_PREFIX_COMMANDS", True),
        )
