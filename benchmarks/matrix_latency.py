"""Round trip of a command through a real Synapse: articlebot beside a minimal echo client.

    ARTICLEBOT_SYNAPSE_PYTHON=.synapse-venv/bin/python python -m benchmarks.matrix_latency

A user client sends a command and waits until the answer comes back through its own /sync.
The same user, in the same run, pings a minimal nio echo client in another room: the difference
is what articlebot adds (parsing, the library lookup, rendering, state saving) over the cost of
Synapse and matrix-nio themselves. Measurements alternate between the two so both see the same
machine load. Prints median and p95 (nearest rank) and writes benchmarks/results/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from nio import AsyncClient, MatrixRoom, RoomMessageText

from tests.matrix.conftest import seed
from tests.matrix.harness import BotRunner, MatrixUser, bot_settings, is_membership
from tests.matrix.synapse_server import Account, SynapseServer
from tests.support.articles import LIGHTHOUSE, MARKET

COMMAND = "!quote lamp that fails in a storm"
RESULTS = Path(__file__).resolve().parent / "results" / "matrix_latency.json"


class EchoClient:
    """The least a Matrix bot can do: answer every text message with a notice replying to it."""

    def __init__(self, server: SynapseServer, account: Account) -> None:
        self.client = AsyncClient(server.url, account.user_id)
        self.client.restore_login(account.user_id, account.device_id, account.access_token)
        self.client.add_event_callback(self._echo, RoomMessageText)
        self._task: asyncio.Task[None] | None = None

    async def _echo(self, room: MatrixRoom, event: RoomMessageText) -> None:
        if event.sender == self.client.user_id:
            return
        await self.client.room_send(
            room.room_id,
            "m.room.message",
            {
                "msgtype": "m.notice",
                "body": event.body,
                "m.relates_to": {"m.in_reply_to": {"event_id": event.event_id}},
            },
        )

    async def start(self, room_id: str) -> None:
        await self.client.sync(timeout=0)  # what came before is not echoed
        await self.client.join(room_id)
        self._task = asyncio.create_task(self.client.sync_forever(timeout=30_000))

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self.client.close()


async def round_trip(user: MatrixUser, room: str, responder: str, text: str) -> float:
    start = time.perf_counter()
    event_id = await user.send(room, text)
    await user.replies(event_id, responder, timeout=30)
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "min_ms": round(min(values), 1),
        "max_ms": round(max(values), 1),
    }


async def measure(directory: Path, count: int, warmup: int) -> dict[str, Any]:
    server = SynapseServer(directory / "synapse")
    server.start()
    users: list[MatrixUser] = []
    runner: BotRunner | None = None
    echo: EchoClient | None = None
    try:
        bot_account, echo_account = server.register("articlebot"), server.register("echo")
        settings = bot_settings(server, bot_account, directory / "bot")
        await seed(settings, LIGHTHOUSE, MARKET)
        runner = await BotRunner(settings).start()
        user = MatrixUser(server, server.register("reader"))
        users.append(user)
        await user.start()
        bot_room = await user.create_room(invite=(bot_account.user_id,))
        await user.wait_for(lambda e: is_membership(e, bot_account.user_id, "join", bot_room))
        echo_room = await user.create_room(invite=(echo_account.user_id,))
        echo = EchoClient(server, echo_account)
        await echo.start(echo_room)
        await user.wait_for(lambda e: is_membership(e, echo_account.user_id, "join", echo_room))

        timings: dict[str, list[float]] = {"articlebot": [], "echo": []}
        for index in range(warmup + count):
            bot_ms = await round_trip(user, bot_room, bot_account.user_id, COMMAND)
            echo_ms = await round_trip(user, echo_room, echo_account.user_id, COMMAND)
            if index >= warmup:
                timings["articlebot"].append(bot_ms)
                timings["echo"].append(echo_ms)
    finally:
        if echo is not None:
            await echo.close()
        for user in users:
            await user.close()
        if runner is not None:
            await runner.stop()
        server.stop()
    bot, plain = summary(timings["articlebot"]), summary(timings["echo"])
    return {
        "command": COMMAND,
        "commands": count,
        "articlebot": bot,
        "echo": plain,
        "median_overhead_ms": round(bot["median_ms"] - plain["median_ms"], 1),
        "median_ratio": round(bot["median_ms"] / plain["median_ms"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commands", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="matrix-latency-") as directory:
        result = asyncio.run(measure(Path(directory), args.commands, args.warmup))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"Round trip of `{COMMAND}` through Synapse, {args.commands} commands:")
    for name in ("articlebot", "echo"):
        figures = result[name]
        print(
            f"  {name:<10} median {figures['median_ms']:7.1f} ms   p95 {figures['p95_ms']:7.1f} ms"
        )
    print(
        f"  articlebot adds {result['median_overhead_ms']} ms at the median "
        f"({result['median_ratio']}x the echo client)"
    )


if __name__ == "__main__":
    main()
