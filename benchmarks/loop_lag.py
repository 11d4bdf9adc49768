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


async def _run(db: Path, folder: Path, queries: QuerySet) -> tuple[list[float], list[float]]:
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
        with contextlib.redirect_stdout(io.StringIO()):
            await ingest([str(folder)], settings, workers=len(os.sched_getaffinity(0)))
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        await bot.close()
    return lags, times


def measure_loop_lag(db: Path, folder: Path, size: int, queries: QuerySet) -> list[Figure]:
    lags, times = asyncio.run(_run(db, folder, queries))
    lag = Latency.of(lags)
    return [
        Figure(
            "event-loop lag during bulk ingestion",
            size,
            "latency",
            lag,
            "ms",
            target="max stall <= 50 ms",
            met=lag.max <= 50,
            notes={"ticks": len(lags), "tick_ms": TICK * 1000},
        ),
        Figure(
            "quote/search during bulk ingestion",
            size,
            "latency",
            Latency.of(times),
            "ms",
            notes={"queries": len(times)},
        ),
    ]
