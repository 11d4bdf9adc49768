"""A running bot in its own process: `python -m benchmarks.probe DB QUERIES.json`.

Prints one JSON line as soon as the bot is ready (it has answered its first command), then,
after answering every query of the benchmark's mix, one JSON line with its peak RSS. The parent
times the first line from the moment it started the process (interpreter, imports, opening the
store), which is the start-up a user waits for.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path


async def main(db: str, queries: dict[str, list[str]]) -> None:
    began = time.perf_counter()
    from benchmarks.libraries import COMMUNITY, settings_for
    from bot.core import Bot
    from bot.models import Request, Role
    from bot.render_text import render_first

    bot = await Bot.open(settings_for(db))

    async def ask(text: str) -> None:
        request = Request(
            "probe", "Probe", Role.MEMBER, "console", "!" + text, space=f"console:{COMMUNITY}"
        )
        reply = await bot.handle(request)
        assert reply is not None
        render_first(reply, "!")

    await ask("sources")
    print(json.dumps({"ready_in_process_s": time.perf_counter() - began}), flush=True)
    for texts in queries.values():
        for text in texts:
            await ask(text)
    await bot.close()
    print(json.dumps({"peak_rss_mb": peak_rss_mb()}), flush=True)


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Not `ru_maxrss`: Linux carries that over from
    the parent through fork and exec, so a child would report the benchmark runner's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], json.loads(Path(sys.argv[2]).read_text())))
