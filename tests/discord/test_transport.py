"""`adapter.run()` over a real transport: HTTP and a websocket gateway on 127.0.0.1."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from adapters.discord_chat import DiscordAdapter
from bot.config import Settings
from bot.core import Bot
from tests.discord.fake_discord import APP_ID, GUILD_ID, FakeDiscord, serve
from tests.support.articles import BRIDGE, COOPERATIVE, LIBRARY
from tests.support.requests import seed

TIMEOUT = 10


@pytest.fixture(autouse=True)
async def guild_library(core: Bot) -> None:
    """The fake guild's library: #1 bridge, #2 orchard, #3 night library."""
    await seed(core, BRIDGE, COOPERATIVE, LIBRARY, space=f"discord:{GUILD_ID}")


async def next_sent(fake: FakeDiscord) -> dict[str, Any]:
    return await asyncio.wait_for(fake.sent_messages.get(), TIMEOUT)


async def test_runs_syncs_answers_and_closes(core: Bot, discord_settings: Settings) -> None:
    async with serve() as fake:
        adapter = DiscordAdapter(core, discord_settings)
        running = asyncio.create_task(adapter.run())
        try:
            await asyncio.wait_for(fake.identified.wait(), TIMEOUT)
            puts = [body for method, path, body in fake.received if method == "PUT"]
            assert [c["name"] for c in puts[0]] == [c.name for c in core.commands]
            assert ("GET", "/oauth2/applications/@me", None) in fake.received

            await fake.user_says('!quote by:"Ada Fenwick"')
            body = await next_sent(fake)
            assert body["allowed_mentions"] == {"parse": []}
            assert "@everyone in town" in body["embeds"][0]["description"]
            assert body["message_reference"]["fail_if_not_exists"] is False

            await fake.user_runs("article", article="#2")
            body = await next_sent(fake)
            assert body["embeds"][0]["title"] == "Orchard cooperative doubles its harvest"
            assert body["allowed_mentions"] == {"parse": []}

            await fake.user_runs("stats")  # a member: refused, privately
            body = await next_sent(fake)
            assert body["embeds"][0]["title"] == "Not allowed"
            assert body["flags"] == 64  # ephemeral
        finally:
            await adapter.close()
            await asyncio.wait_for(running, TIMEOUT)
        assert adapter.client.is_closed()
        assert adapter.client.application_id == APP_ID


async def test_resumes_after_discord_asks_it_to_reconnect(
    core: Bot, discord_settings: Settings
) -> None:
    async with serve() as fake:
        adapter = DiscordAdapter(core, discord_settings)
        running = asyncio.create_task(adapter.run())
        try:
            await asyncio.wait_for(fake.identified.wait(), TIMEOUT)
            await fake.ask_to_reconnect()
            await asyncio.wait_for(fake.resumed.wait(), TIMEOUT)
            await fake.user_says("!article #3")
            body = await next_sent(fake)
            assert body["embeds"][0]["title"] == "Night library opens for shift workers"
        finally:
            await adapter.close()
            await asyncio.wait_for(running, TIMEOUT)
