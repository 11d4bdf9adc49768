"""A bot process that only polls feeds, fast: `python -m tests.reliability.poll_process`.

The real poller, fetcher, ingestion and store of `articlebot run`, with a short tick and gap
(the real tick is 30 s) so the crash tests can kill it mid-round many times.
"""

from __future__ import annotations

import asyncio
import sys

from bot.config import Settings
from bot.core import Bot
from bot.feeds import make_poller
from bot.feeds.poller import PollerConfig
from bot.models import Reply
from bot.render_text import render_page


class Printer:
    async def announce(self, place: str, reply: Reply) -> None:
        sys.stdout.write("[announcement]\n" + render_page(reply.first) + "\n")
        sys.stdout.flush()


async def main() -> None:
    bot = await Bot.open(Settings.from_env())
    bot.add_announcer("console", Printer())
    config = PollerConfig(tick_seconds=0.05, announce_gap_seconds=0.2)
    try:
        await make_poller(bot, config=config).run()
    finally:
        await bot.close()


if __name__ == "__main__":
    asyncio.run(main())
