"""`articlebot run`: start every configured adapter around one bot and one store."""

from __future__ import annotations

import asyncio
import logging

from bot.config import Settings
from bot.core import Bot
from bot.ports import Adapter

log = logging.getLogger(__name__)


def configured_adapters(bot: Bot, settings: Settings) -> list[Adapter]:
    """Discord when DISCORD_TOKEN is set, Matrix when MATRIX_HOMESERVER is; else the console."""
    adapters: list[Adapter] = []
    if settings.platform.get("DISCORD_TOKEN"):
        from adapters.discord_chat import DiscordAdapter

        adapters.append(DiscordAdapter(bot, settings))
    if settings.platform.get("MATRIX_HOMESERVER"):
        from adapters.matrix_chat import MatrixAdapter

        adapters.append(MatrixAdapter(bot, settings))
    if not adapters:
        from adapters.console import ConsoleAdapter

        adapters.append(ConsoleAdapter(bot))
    return adapters


async def run(settings: Settings) -> None:
    bot = await Bot.open(settings)
    adapters = configured_adapters(bot, settings)
    log.info(
        "articlebot ready: %s; library at %s", ", ".join(a.name for a in adapters), settings.db_path
    )
    tasks = [asyncio.create_task(adapter.run(), name=adapter.name) for adapter in adapters]
    background = [asyncio.create_task(coro) for coro in bot.background_jobs()]
    try:
        # The console ends the bot when its input ends; network adapters run until stopped.
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            if task.done() and task.exception():
                raise task.exception()  # type: ignore[misc]
    finally:
        for task in [*tasks, *background]:
            task.cancel()
        await asyncio.gather(*tasks, *background, return_exceptions=True)
        for adapter in adapters:
            await adapter.close()
        await bot.close()
