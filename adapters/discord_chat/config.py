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
    allowed_guilds: frozenset[int] = frozenset()  # a private bot: only these guilds (empty: all)
    shard_count: int | None = None  # several processes: how many shards in all
    shard_ids: tuple[int, ...] = ()  # and the ones this process runs

    def allows(self, guild_id: int | None) -> bool:
        """Whether to serve a guild (direct messages: only when no guild list is set)."""
        if not self.allowed_guilds:
            return True
        return guild_id is not None and guild_id in self.allowed_guilds

    def runs_shard_of(self, guild_id: int) -> bool:
        """Whether this process's shards include the guild's (Discord's shard formula)."""
        if not self.shard_count or not self.shard_ids:
            return True
        return (guild_id >> 22) % self.shard_count in self.shard_ids

    @classmethod
    def from_settings(cls, settings: Settings) -> DiscordConfig:
        token = settings.platform.get("DISCORD_TOKEN", "").strip()
        if not token:
            raise ConfigError("DISCORD_TOKEN must be set to start the Discord adapter")
        guild = settings.platform_int("DISCORD_GUILD_ID", 0, minimum=0)
        count = settings.platform_int("DISCORD_SHARD_COUNT", 0, minimum=0)
        shard_ids = _numbers(settings, "DISCORD_SHARD_IDS")
        if shard_ids and not count:
            raise ConfigError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT (the shards in all)")
        if any(shard >= count for shard in shard_ids):
            raise ConfigError(
                f"DISCORD_SHARD_IDS must be below DISCORD_SHARD_COUNT ({count}), got {shard_ids}"
            )
        return cls(
            token=token,
            moderator_role=settings.platform.get("DISCORD_MODERATOR_ROLE", "").strip(),
            guild_id=guild or None,
            prefix_commands=settings.platform_bool("DISCORD_PREFIX_COMMANDS", True),
            allowed_guilds=frozenset(_numbers(settings, "DISCORD_ALLOWED_GUILDS")),
            shard_count=count or None,
            shard_ids=shard_ids or (tuple(range(count)) if count else ()),
        )


def _numbers(settings: Settings, name: str) -> tuple[int, ...]:
    values = settings.platform_list(name)
    if not all(value.isdecimal() for value in values):
        raise ConfigError(f"{name} must be a comma-separated list of ids, got {values}")
    return tuple(int(value) for value in values)
