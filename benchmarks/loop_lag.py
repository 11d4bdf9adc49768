"""Event-loop lag of a running bot while articles are ingested beside members' queries.

A ticker sleeps 5 ms at a time and records how late it wakes: any CPU-bound work on the event
loop (analysis, extraction, a slow synchronous call, a long garbage collection) shows up as a
late tick. Meanwhile a member keeps asking `quote` and `search`, while `articlebot ingest` adds
a folder of articles from its own process; then the same ingestion code runs inside the bot's
process; then a moderator uploads HTML pages with `!add` in chat. The baseline is the same
member alone for as long.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from benchmarks.figures import Figure, Latency
from benchmarks.libraries import COMMUNITY, settings_for
from benchmarks.queries import EndToEnd, QuerySet
from bot.config import Settings
from bot.core import Bot
from bot.ingest.bulk import ingest
from bot.models import Attachment, Request, Role

TICK = 0.005
ROOT = Path(__file__).resolve().parent.parent


async def _ticker(lags: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        expected = loop.time() + TICK
        await asyncio.sleep(TICK)
        lags.append(max(0.0, loop.time() - expected))


async def _member(bot: Bot, queries: QuerySet, times: list[float], stop: asyncio.Event) -> None:
    ours = EndToEnd(bot)
    texts = [f"quote {w}" for w in queries.quote_words] + [
        f"search {w}" for w in queries.search_words
    ]
    index = 0
    while not stop.is_set():
        began = time.perf_counter()
        await ours.ask(texts[index % len(texts)])
        times.append(time.perf_counter() - began)
        index += 1
        await asyncio.sleep(0.02)


Workload = Callable[[Bot, Settings], Awaitable[None]]


async def _run(db: str, queries: QuerySet, work: Workload) -> tuple[list[float], list[float]]:
    """Ticker and member, beside `work` on the same event loop, until the work is done."""
    settings = settings_for(db)
    bot = await Bot.open(settings)
    lags: list[float] = []
    times: list[float] = []
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(_ticker(lags, stop)),
        asyncio.create_task(_member(bot, queries, times, stop)),
    ]
    try:
        await work(bot, settings)
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        await bot.close()
    return lags, times


def _bulk_ingestion(folder: Path) -> Workload:
    async def work(bot: Bot, settings: Settings) -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            library = await bot.library_named(COMMUNITY)
            await ingest(library, [str(folder)], settings, len(os.sched_getaffinity(0)))

    return work


def _chat_adds(pages: list[tuple[str, bytes]]) -> Workload:
    """A moderator uploading HTML pages with `!add`, one after another."""

    async def work(bot: Bot, settings: Settings) -> None:
        for name, data in pages:
            attachment = Attachment(name, data, "text/html")
            request = Request(
                "mod",
                "Moderator",
                Role.MODERATOR,
                "console",
                "!add",
                attachments=(attachment,),
                space=f"console:{COMMUNITY}",
            )
            await bot.handle(request)

    return work


def _ingest_process(folder: Path, db: str) -> Workload:
    """`articlebot ingest FOLDER` in its own process, as it is run beside a live bot."""

    async def work(bot: Bot, settings: Settings) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "ARTICLEBOT_DB": str(db)}
        env["ARTICLEBOT_LOG_LEVEL"] = "WARNING"
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "adapters.cli",
            "ingest",
            str(folder),
            env=env,
            cwd=ROOT,
            stdout=asyncio.subprocess.DEVNULL,
        )
        if await child.wait() != 0:
            raise RuntimeError("articlebot ingest failed")

    return work


def _quiet(seconds: float) -> Workload:
    async def work(bot: Bot, settings: Settings) -> None:
        await asyncio.sleep(seconds)

    return work


def _lag_figures(
    name: str, size: int, work: Workload, db: str, queries: QuerySet, judged: bool = True
) -> list[Figure]:
    began = time.perf_counter()
    lags, times = asyncio.run(_run(db, queries, work))
    quiet_lags, quiet_times = asyncio.run(_run(db, queries, _quiet(time.perf_counter() - began)))
    lag, quiet = Latency.of(lags), Latency.of(quiet_lags)
    return [
        Figure(
            f"event-loop lag during {name} (late 5 ms ticks)",
            size,
            "latency",
            lag,
            "ms",
            quiet,
            "same queries, no ingestion",
            "max stall <= 50 ms" if judged else "",
            lag.max <= 50 if judged else None,
            {"ticks": len(lags), "baseline_max_ms": quiet.max},
        ),
        Figure(
            f"quote/search during {name}",
            size,
            "latency",
            Latency.of(times),
            "ms",
            Latency.of(quiet_times),
            "same queries, no ingestion",
            notes={"queries": len(times)},
        ),
    ]


def measure_loop_lag(
    db: str,
    folders: tuple[Path, Path],
    pages: list[tuple[str, bytes]],
    size: int,
    queries: QuerySet,
) -> list[Figure]:
    """Three runs: `articlebot ingest` in its own process beside the bot (how it is used); the
    same ingestion inside the bot's process (its garbage collections then pause the loop);
    HTML pages uploaded with `!add` in chat."""
    own, shared = folders
    figures = _lag_figures(
        "articlebot ingest beside the bot", size, _ingest_process(own, db), db, queries
    )
    figures += _lag_figures(
        "bulk ingestion inside the bot's process",
        size,
        _bulk_ingestion(shared),
        db,
        queries,
        judged=False,
    )
    return figures + _lag_figures(
        f"!add of {len(pages)} HTML pages in chat", size, _chat_adds(pages), db, queries
    )
