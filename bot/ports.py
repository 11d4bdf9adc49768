"""Outbound ports of the core, implemented by the adapters."""

from __future__ import annotations

from typing import Protocol

from bot.models import Reply, Role


class Announcer(Protocol):
    """Posts an unsolicited reply (a feed announcement, a notice) into a place."""

    async def announce(self, place: str, reply: Reply) -> None: ...


class Adapter(Protocol):
    """A chat platform connection started by `articlebot run`."""

    name: str

    async def run(self) -> None:
        """Serve until cancelled or `close` is called."""

    async def close(self) -> None: ...


class Directory(Protocol):
    """What a platform knows of its spaces (guilds, rooms), asked when rooms are linked."""

    async def space_of(self, target: str) -> str | None:
        """The space a user names (`!room:server`, `#alias:server`, a guild id); None when the
        bot is not there."""

    async def role_in(self, space: str, user_id: str) -> Role | None:
        """The user's role in `space` by that platform's rules; None when unknown."""
