"""Event-loop lag while a bulk ingestion runs beside members' queries, in one process.

A ticker sleeps 5 ms at a time and records how late it wakes: any CPU-bound work on the event
loop (analysis, extraction, a slow synchronous call) shows up as a late tick. Meanwhile a member
keeps asking `quote` and `search`, and `articlebot ingest`'s code adds a folder of articles
(analysis in worker processes, batched writes) in the same event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import time
from pathlib import Path

from adapters.ingest_cli import ingest
from benchmarks.commands import settings_for
from benchmarks.figures import Figure, Latency
from benchmarks.queries import EndToEnd, QuerySet
from bot.core import Bot

TICK = 0.005


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


async def _run(
    db: Path, folder: Path | None, queries: QuerySet, seconds: float = 0.0
) -> tuple[list[float], list[float]]:
    """Ticker and member, beside the ingestion of `folder` (or alone for `seconds`)."""
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
        if folder is None:
            await asyncio.sleep(seconds)
        else:
            with contextlib.redirect_stdout(io.StringIO()):
                await ingest([str(folder)], settings, workers=len(os.sched_getaffinity(0)))
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        await bot.close()
    return lags, times


def measure_loop_lag(db: Path, folder: Path, size: int, queries: QuerySet) -> list[Figure]:
    began = time.perf_counter()
    lags, times = asyncio.run(_run(db, folder, queries))
    quiet_lags, quiet_times = asyncio.run(_run(db, None, queries, time.perf_counter() - began))
    lag, quiet = Latency.of(lags), Latency.of(quiet_lags)
    return [
        Figure(
            "event-loop lag during bulk ingestion (late 5 ms ticks)",
            size,
            "latency",
            lag,
            "ms",
            quiet,
            "same queries, no ingestion",
            "max stall <= 50 ms",
            lag.max <= 50,
            {"ticks": len(lags), "baseline_max_ms": quiet.max},
        ),
        Figure(
            "quote/search during bulk ingestion",
            size,
            "latency",
            Latency.of(times),
            "ms",
            Latency.of(quiet_times),
            "same queries, no ingestion",
            notes={"queries": len(times)},
        ),
    ]
