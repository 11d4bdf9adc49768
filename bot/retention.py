"""Data retention: the library of a community the bot was removed from is kept for a grace
period (`ARTICLEBOT_RETENTION_DAYS`, 30 by default), then deleted with everything in it.

An outage is not a removal: only an adapter that saw the bot removed (kicked, banned, the
guild gone) or that found at start-up it is no longer in a space starts the clock, and the bot
coming back within the grace period stops it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)
PURGE_EVERY_SECONDS = 3600.0


async def retention_job(bot: Bot, every: float = PURGE_EVERY_SECONDS) -> None:
    """Purge due libraries now and then every hour, until cancelled."""
    while True:
        try:
            await bot.purge_left()
        except Exception:
            log.exception("the retention purge failed; trying again later")
        await asyncio.sleep(every)
