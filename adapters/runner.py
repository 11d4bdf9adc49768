"""`articlebot run`: start every configured adapter around one bot and one store."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from collections.abc import Awaitable, Callable

from bot.backoff import Backoff
from bot.config import Settings
from bot.core import Bot, LibraryUnavailable
from bot.ports import Adapter

log = logging.getLogger(__name__)
OPEN_RETRY_FIRST, OPEN_RETRY_MAX = 1.0, 60.0  # seconds between attempts to reach the library


def configured_adapters(bot: Bot, settings: Settings, community: str = "default") -> list[Adapter]:
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

        adapters.append(ConsoleAdapter(bot, community=community))
    return adapters


async def open_bot(
    settings: Settings, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
) -> Bot:
    """The bot on its library; a library server that cannot be reached yet (PostgreSQL still
    starting, a network outage) is tried again with growing pauses, not given up on."""
    backoff = Backoff(OPEN_RETRY_FIRST, OPEN_RETRY_MAX)
    while True:
        try:
            return await Bot.open(settings)
        except LibraryUnavailable as err:
            delay = backoff.next_delay()
            log.warning("%s; trying again in %.0f s", err, delay)
            await sleep(delay)


async def run(settings: Settings, community: str = "default") -> None:
    """Serve until the console's input ends, an adapter fails, or SIGTERM/SIGINT arrives."""
    bot = await open_bot(settings)
    adapters = configured_adapters(bot, settings, community)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    log.info(
        "articlebot starting: %s; library at %s",
        ", ".join(a.name for a in adapters),
        bot.location,
    )
    # Everything loaded so far lives as long as the bot: keep it out of the collector's
    # full passes, which otherwise stall the event loop for tens of milliseconds.
    gc.freeze()
    tasks = [asyncio.create_task(adapter.run(), name=adapter.name) for adapter in adapters]
    background = [asyncio.create_task(coro) for coro in bot.background_jobs()]
    stopping = asyncio.create_task(stop.wait())
    try:
        done, _ = await asyncio.wait([*tasks, stopping], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not stopping and not task.cancelled() and task.exception() is not None:
                log.error("the %s adapter stopped: %r", task.get_name(), task.exception())
                raise SystemExit(1)
    finally:
        log.info("articlebot stopping")
        for task in [*tasks, *background, stopping]:
            task.cancel()
        await asyncio.gather(*tasks, *background, stopping, return_exceptions=True)
        for adapter in adapters:
            await adapter.close()
        await bot.close()
