"""Start-up while Discord cannot be reached: retried with growing pauses; a bad token is not."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import discord
import pytest

from adapters.discord_chat import DiscordAdapter
from bot.config import Settings
from bot.core import Bot


async def test_unreachable_discord_is_retried_then_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(db=str(tmp_path / "lib.db"), platform={"DISCORD_TOKEN": "t"})
    bot = await Bot.open(settings)
    adapter = DiscordAdapter(bot, settings)
    attempts: list[str] = []
    pauses: list[float] = []

    async def start(token: str, **_: object) -> None:
        attempts.append(token)
        if len(attempts) < 3:
            raise aiohttp.ClientConnectionError("no route to discord.com")

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)

    monkeypatch.setattr(discord.Client, "start", lambda client, token: start(token))
    adapter.sleep = sleep
    try:
        await adapter.run()
    finally:
        await adapter.close()
        await bot.close()
    assert attempts == ["t", "t", "t"]
    # The core's back-off: 2 to 4 s after the first failure, then doubling.
    assert len(pauses) == 2 and 2.0 <= pauses[0] <= 4.0 <= pauses[1] <= 8.0


async def test_a_refused_token_stops_the_adapter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(db=str(tmp_path / "lib.db"), platform={"DISCORD_TOKEN": "bad"})
    bot = await Bot.open(settings)
    adapter = DiscordAdapter(bot, settings)

    async def start(token: str, **_: object) -> None:
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(discord.Client, "start", lambda client, token: start(token))
    try:
        with pytest.raises(discord.LoginFailure):
            await adapter.run()
    finally:
        await adapter.close()
        await bot.close()
