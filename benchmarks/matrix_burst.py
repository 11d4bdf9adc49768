"""A burst of commands through a Synapse that keeps its default message rate limit, answered
before and after the bot is exempted through Synapse's admin API (as the Matrix README tells
operators to do).

    ARTICLEBOT_SYNAPSE_PYTHON=.synapse-venv/bin/python python -m benchmarks.matrix_burst

The sender is exempted from the start, so only the bot's answers meet the limit. Prints the
seconds from the first command sent to the last answer seen, for each burst.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bot.backoff import Backoff
from tests.matrix.conftest import seed
from tests.matrix.harness import BotRunner, MatrixUser, bot_settings, is_membership
from tests.matrix.synapse_server import SynapseServer
from tests.support.articles import LIGHTHOUSE, MARKET

COMMANDS = ("!help", "!sources", "!quote lamp", "!quote fair price", "!summary market short")


async def burst(user: MatrixUser, room: str, bot_id: str, count: int) -> float:
    """Seconds from sending `count` commands at once to the last of their answers."""
    start = time.perf_counter()
    sent = [await user.send(room, COMMANDS[n % len(COMMANDS)]) for n in range(count)]
    for event_id in sent:
        await user.replies(event_id, bot_id, timeout=600)
    return time.perf_counter() - start


async def measure(directory: Path, count: int) -> tuple[float, float]:
    server = SynapseServer(directory / "synapse", message_limit=True)
    server.start()
    user: MatrixUser | None = None
    runner: BotRunner | None = None
    try:
        admin = server.register("admin", admin=True)
        bot_account, reader = server.register("articlebot"), server.register("reader")
        server.exempt_from_rate_limits(admin, reader.user_id)
        settings = bot_settings(server, bot_account, directory / "bot")
        await seed(settings, LIGHTHOUSE, MARKET)
        runner = await BotRunner(settings, backoff=Backoff()).start()  # the deployed back-off
        user = MatrixUser(server, reader)
        await user.start()
        room = await user.create_room(invite=(bot_account.user_id,))
        await user.wait_for(lambda e: is_membership(e, bot_account.user_id, "join", room))
        limited = await burst(user, room, bot_account.user_id, count)
        server.exempt_from_rate_limits(admin, bot_account.user_id)
        exempt = await burst(user, room, bot_account.user_id, count)
    finally:
        if user is not None:
            await user.close()
        if runner is not None:
            await runner.stop()
        server.stop()
    return limited, exempt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commands", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="matrix-burst-") as directory:
        limited, exempt = asyncio.run(measure(Path(directory), args.commands))
    print(f"A burst of {args.commands} commands, Synapse's default message rate limit:")
    print(f"  bot rate-limited  {limited:6.1f} s to the last answer")
    print(f"  bot exempted      {exempt:6.1f} s to the last answer")


if __name__ == "__main__":
    main()
