"""kill -9 during a bulk `articlebot ingest` and during a feed poll, at random points: the
database is intact, every article is whole or absent, and running again completes the work
without duplicates or a second announcement."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core import Bot
from tests.reliability import corpus
from tests.reliability.integrity import check_library, count_articles, expected
from tests.reliability.tally import TALLY, case
from tests.web.pages import rss, story_html
from tests.web.server import LocalServer, Route

ROOT = Path(__file__).parents[2]
KILLS = [pytest.param(3, id="quick"), pytest.param(40, id="slow", marks=pytest.mark.slow)]


def _env(db: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "ARTICLEBOT_DB": str(db),
        "ARTICLEBOT_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def _start(db: Path, args: list[str], out: Path, **extra: str) -> subprocess.Popen[bytes]:
    with out.open("ab") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "adapters.cli", *args],
            env=_env(db, **extra),
            cwd=db.parent,
            stdin=subprocess.PIPE,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, with any worker processes
        )


def _group_gone(pgid: int, seconds: float = 20.0) -> bool:
    """Whether every process of the group has ended (worker processes included)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def _reap(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def _kill_when(proc: subprocess.Popen[bytes], ready: object, rng: random.Random) -> bool:
    """kill -9 once `ready()` holds (plus a random few ms); False when it finished first."""
    deadline = time.monotonic() + 120
    while not ready():  # type: ignore[operator]
        if proc.poll() is not None:
            return False
        assert time.monotonic() < deadline, "the process made no progress"
        time.sleep(0.005)
    time.sleep(rng.uniform(0, 0.08))
    if proc.poll() is not None:
        return False
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return True


@pytest.mark.attack("Crash: kill -9 during bulk ingestion")
@pytest.mark.parametrize("kills", KILLS)
def test_kill_during_bulk_ingestion(tmp_path: Path, kills: int) -> None:
    files = corpus.write(tmp_path / "articles", 600 if kills <= 3 else 3000)
    step = len(files) // (kills * 2)
    complete = expected(files)
    db = tmp_path / "lib.db"
    rng = random.Random(kills)
    killed = 0
    while killed < kills:
        stored = count_articles(db)
        if stored >= len(files) - 2:
            break
        target = stored + rng.randint(1, step)
        proc = _start(db, ["ingest", str(tmp_path / "articles")], tmp_path / "ingest.log")
        try:
            with case():
                if _kill_when(proc, lambda t=target: count_articles(db) >= t, rng):
                    killed += 1
                check_library(db, complete)
                # Found here: the analysis workers outlived a killed ingest, forever.
                assert _group_gone(proc.pid), "worker processes outlived the killed ingest"
        finally:
            _reap(proc.pid)
    with case():  # and one run to the end completes the library
        result = subprocess.run(
            [sys.executable, "-m", "adapters.cli", "ingest", str(tmp_path / "articles")],
            env=_env(db), cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert check_library(db, complete) == len(files)
    TALLY.note(f"bulk ingestion: {killed} kill -9, library whole after each")
    assert killed >= min(kills, 2)


@pytest.fixture
def feed_server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.mark.attack("Crash: kill -9 during a feed poll")
@pytest.mark.parametrize("kills", [pytest.param(2, id="quick"),
                                   pytest.param(25, id="slow", marks=pytest.mark.slow)])
def test_kill_during_feed_poll(tmp_path: Path, feed_server: LocalServer, kills: int) -> None:
    numbers = list(range(1, 13 if kills <= 2 else 101))  # a feed is read to 100 entries
    base = feed_server.url("")
    feed_server.routes["/feed.xml"] = Route(rss(base, numbers), "application/rss+xml")
    for n in numbers:
        feed_server.routes[f"/story/{n}"] = Route(story_html(n))
    db = tmp_path / "lib.db"
    extra = {"ARTICLEBOT_FETCH_ALLOW_HOSTS": "127.0.0.1", "ARTICLEBOT_FETCH_TIMEOUT": "5"}
    asyncio.run(_subscribe(db, f"{base}/feed.xml"))  # every entry is new: one long round
    rng = random.Random(kills)
    out = tmp_path / "run.log"
    killed = 0

    def story_count() -> int:
        return sum(p.startswith("/story/") for p in feed_server.paths())

    for _ in range(kills):
        if _entries(db) >= len(numbers) - 5:
            break
        start = story_count()
        proc = _poller(db, out, **extra)
        with case():
            target = start + rng.randint(1, 5)
            if _kill_when(proc, lambda t=target: story_count() >= t, rng):
                killed += 1
            _check_feed_library(db)
    with case():  # a run that is left alone completes the round
        proc = _poller(db, out, **extra)
        try:
            deadline = time.monotonic() + 180
            while _entries(db) < len(numbers):
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        _check_feed_library(db)
        announced = re.findall(r"Pier meeting (\d+) in", out.read_text(errors="replace"))
        assert len(announced) == len(set(announced)), "an entry announced twice"
    TALLY.note(f"feed poll: {killed} kill -9 mid-round")


async def _subscribe(db: Path, url: str) -> None:
    bot = await Bot.open(Settings(db=str(db)))
    try:
        # Polled every second: 20 entries a round, so the slow run needs many rounds.
        await (await bot.library_named("default")).add_feed(url, "console", "Ledger", 1, "test")
    finally:
        await bot.close()


def _poller(db: Path, out: Path, **extra: str) -> subprocess.Popen[bytes]:
    with out.open("ab") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.poll_process"],
            env=_env(db, **extra), cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
        )


def _entries(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db, timeout=30)
    try:
        return int(conn.execute("SELECT count(*) FROM feed_entries").fetchone()[0])
    finally:
        conn.close()


def _check_feed_library(db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(db, timeout=30)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for (article_id,) in conn.execute("SELECT id FROM articles").fetchall():
            summaries = conn.execute(
                "SELECT count(*) FROM summaries WHERE article_id = ?", (article_id,)
            ).fetchone()[0]
            assert summaries >= 1, "an article without its summaries"
        dangling = conn.execute(
            "SELECT count(*) FROM feed_entries WHERE article_id IS NOT NULL "
            "AND article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert dangling == 0
    finally:
        conn.close()


@pytest.mark.attack("Stop: SIGTERM while the console waits for input")
def test_sigterm_stops_the_console_bot(tmp_path: Path) -> None:
    """Found here: the console's stdin read (`asyncio.to_thread`) kept the process alive after
    SIGTERM for as long as its input stayed open."""
    db = tmp_path / "lib.db"
    out = tmp_path / "run.log"
    proc = _start(db, ["run"], out)
    try:
        deadline = time.monotonic() + 60
        while "articlebot console" not in out.read_text(errors="replace"):
            assert proc.poll() is None and time.monotonic() < deadline, out.read_text()
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
