"""Several processes on one PostgreSQL library: two bulk ingestions at once while a bot answers
commands, and two feed pollers on one feed, each entry announced once."""

from __future__ import annotations

import asyncio
import os
import re
import sys
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core import Bot
from tests.reliability import corpus
from tests.support.postgres import cluster
from tests.support.requests import ask, library
from tests.web.pages import rss, story_html
from tests.web.server import LocalServer, Route

ROOT = Path(__file__).parents[2]
SPACE = "console:default"  # the community `articlebot ingest` writes to


@pytest.fixture
def engine() -> str:
    return "postgresql"


def _env(db: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "ARTICLEBOT_DB": db,
        "ARTICLEBOT_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


async def test_two_ingestions_at_once_store_every_article_once_beside_a_running_bot(
    tmp_path: Path, db_url: str
) -> None:
    files = corpus.write(tmp_path / "articles", 150)
    bot = await Bot.open(Settings(db=db_url, cooldown_commands=100_000))
    try:
        await library(bot, SPACE)  # the library exists before the processes start
        ingests = [
            await asyncio.create_subprocess_exec(
                sys.executable, "-m", "adapters.cli", "ingest", "--workers", "1",
                str(tmp_path / "articles"),
                env=_env(db_url), stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
            for _ in range(2)
        ]  # fmt: skip
        answered = 0
        while any(p.returncode is None for p in ingests):
            reply = await ask(bot, "!search council", space=SPACE, place="test:room")
            assert reply.first.title != "Error", reply
            answered += 1
            await asyncio.sleep(0.05)
        outputs = [(await p.communicate())[0].decode() for p in ingests]
        assert all(p.returncode == 0 for p in ingests), outputs
        added = [int(re.search(r"added (\d+)", out).group(1)) for out in outputs]  # type: ignore[union-attr]
        assert sum(added) == len(files), outputs  # each article added by one of the two
        books = await library(bot, SPACE)
        assert await books.count() == len(files)
        numbers = sorted(a.number for a in await books.page(0, 1000))
        assert len(set(numbers)) == len(files)  # no number handed out twice
        assert answered > 0
    finally:
        await bot.close()


def _announced(log: Path) -> list[str]:
    return re.findall(r"Pier meeting (\d+) in", log.read_text(errors="replace"))


async def test_two_pollers_on_one_feed_announce_each_entry_once(
    tmp_path: Path, db_url: str
) -> None:
    numbers = list(range(1, 9))
    with LocalServer() as web:
        web.routes["/feed.xml"] = Route(rss(web.url(""), numbers), "application/rss+xml")
        for n in numbers:
            web.routes[f"/story/{n}"] = Route(story_html(n))
        bot = await Bot.open(Settings(db=db_url))
        try:
            books = await library(bot, SPACE)
            feed, _ = await books.add_feed(web.url("/feed.xml"), "console", "Ledger", 1, "test")
            # As `feed add` does: the entries already there count as seen but the latest three.
            await books.skip_entries(feed, [f"urn:ledger:story:{n}" for n in numbers[:-3]])
        finally:
            await bot.close()
        env = _env(db_url, ARTICLEBOT_FETCH_ALLOW_HOSTS="127.0.0.1", ARTICLEBOT_FETCH_TIMEOUT="5")
        logs = [tmp_path / f"poller{n}.log" for n in (1, 2)]
        pollers = []
        for log in logs:
            with log.open("wb") as sink:
                pollers.append(
                    await asyncio.create_subprocess_exec(
                        sys.executable, "-m", "tests.reliability.poll_process",
                        env=env, stdout=sink, stderr=asyncio.subprocess.STDOUT, cwd=ROOT,
                    )
                )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while len(_announced(logs[0]) + _announced(logs[1])) < 3:  # the latest three
                assert time.monotonic() < deadline, [log.read_text() for log in logs]
                assert all(p.returncode is None for p in pollers)
                await asyncio.sleep(0.2)
            await asyncio.sleep(3)  # rounds go on: nothing is announced again
        finally:
            for poller in pollers:
                poller.terminate()
                await poller.wait()
        announced = _announced(logs[0]) + _announced(logs[1])
        assert sorted(announced) == ["6", "7", "8"], [log.read_text() for log in logs]


def test_the_suite_uses_a_real_server(db_url: str) -> None:
    assert db_url.startswith(f"postgresql://postgres@127.0.0.1:{cluster().port}/")
