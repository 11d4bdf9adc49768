"""Outbound ports of the core, implemented by the adapters."""

from __future__ import annotations

from typing import Protocol

from bot.models import Reply


class Announcer(Protocol):
    """Posts an unsolicited reply (a feed announcement, a notice) into a place."""

    async def announce(self, place: str, reply: Reply) -> None: ...


class Adapter(Protocol):
    """A chat platform connection started by `articlebot run`."""

    name: str

    async def run(self) -> None:
        """Serve until cancelled or `close` is called."""

    async def close(self) -> None: ...
