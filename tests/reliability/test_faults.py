"""Faults: the disk fills up (a real small tmpfs where we may mount one, and SQLite's page
limit everywhere), and feed servers that hang: an error reply, nothing stored lost, the poller
carries on."""

from __future__ import annotations

import asyncio
import contextlib
import random
import shutil
import socket
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core import Bot
from bot.feeds import make_poller
from bot.feeds.poller import PollerConfig
from bot.ingest.fetch import Fetcher
from bot.models import Reply, Request
from tests.reliability import corpus
from tests.reliability.loaded import load
from tests.reliability.tally import case
from tests.support.articles import ORCHARD
from tests.support.requests import checksum, library, request
from tests.web.pages import rss, story_html
from tests.web.server import LocalServer, Route


def _mod(text: str) -> Request:
    return request(text, user="mod", place="console")


async def _disk_full_checks(bot: Bot) -> None:
    """With no room left: every write is an error reply, reads work, nothing stored is lost."""
    stored = _articles(Path(bot.settings.db))
    writes = [
        "!add " + corpus.article(1000),
        "!add " + corpus.article(1001) * 40,
        "!edit #1 title " + "A much longer title " * 20,
        "!feed add https://example.org/feed.xml",
    ]
    for text in writes:
        with case():
            reply = await bot.handle(_mod(text))
            assert reply is not None
            assert "Traceback" not in " ".join(reply.first.paragraphs)
            if text.startswith("!add"):
                assert reply.first.title == "Disk full", reply
    for text in ("!quote bridge", "!search harbour", "!summary #1 short", "!sources"):
        with case():
            reply = await bot.handle(_mod(text))
            assert reply is not None and not reply.is_error, (text, reply)
    with case():  # every article stored before is still there, whole
        assert _articles(Path(bot.settings.db)) == stored


def _articles(db: Path) -> dict[int, tuple[str, int, int]]:
    """Each article's text with its numbers of quotations and summaries; integrity checked."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute(
            "SELECT a.id, a.text, (SELECT count(*) FROM quotations q WHERE q.article_id = a.id), "
            "(SELECT count(*) FROM summaries s WHERE s.article_id = a.id) FROM articles a"
        ).fetchall()
    finally:
        conn.close()
    return {row[0]: tuple(row[1:]) for row in rows}


@pytest.mark.attack("Fault: disk full (SQLite page limit)")
async def test_page_limit_full(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    await load(bot)
    before = await checksum(bot)
    sqlite = bot.store._db  # type: ignore[attr-defined]  # the engine, to limit its pages
    pages = (await sqlite.fetchrow("PRAGMA page_count"))[0]
    await sqlite.pragma(f"PRAGMA max_page_count = {pages}")
    with case():
        reply = await bot.handle(_mod("!add " + corpus.article(7) * 30))
        assert reply is not None and reply.is_error
        assert await checksum(bot) == before
    await _disk_full_checks(bot)
    # Found here: the store's second ROLLBACK after SQLite's own hid the real error.
    assert "database or disk is full" in caplog.text
    assert "cannot rollback" not in caplog.text
    await sqlite.pragma("PRAGMA max_page_count = 1073741823")
    with case():  # room again: the bot works on
        reply = await bot.handle(_mod("!add " + corpus.article(8)))
        assert reply is not None and not reply.is_error, reply


@contextlib.contextmanager
def _tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
            check=True, capture_output=True, timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot mount a tmpfs here (not root?); the page-limit test covers this")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False, timeout=10)


def _fill(folder: Path) -> Path:
    """Take every free byte of the file system `folder` is on."""
    filler = folder / "filler"
    with contextlib.suppress(OSError), filler.open("wb", buffering=0) as handle:
        while True:
            handle.write(b"\0" * 4096)
    return filler


@pytest.mark.attack("Fault: disk full (real tmpfs)")
async def test_a_full_file_system(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", "4m") as disk:
        settings = Settings(
            db=str(disk / "lib.db"), state_dir=tmp_path / "state", cooldown_commands=10_000
        )
        bot = await Bot.open(settings)
        try:
            await load(bot)
            for n in range(5):
                await bot.handle(_mod("!add " + corpus.article(n)))
            before = await checksum(bot)
            filler = _fill(disk)
            assert shutil.disk_usage(disk).free < 8192
            with case():
                reply = await bot.handle(_mod("!add " + corpus.article(500) * 30))
                assert reply is not None and reply.is_error
                assert await checksum(bot) == before
            await _disk_full_checks(bot)
            filler.unlink()
            with case():  # space again: the bot recovers without a restart
                reply = await bot.handle(_mod("!add " + ORCHARD.replace("Apple", "Pear")))
                assert reply is not None and not reply.is_error, reply
        finally:
            await bot.close()
        with case():  # and the library opens again, whole
            bot = await Bot.open(settings)
            try:
                assert await (await library(bot)).count() >= 8
            finally:
                await bot.close()


# -- feed servers that hang ---------------------------------------------------------------------


class Silent:
    """Accepts connections and never answers (or answers headers, then nothing)."""

    def __init__(self, headers_first: bool) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.headers_first = headers_first
        self.held: list[socket.socket] = []
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            if self.headers_first:
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                                 b"Content-Length: 100000\r\n\r\n<rss>")

    def close(self) -> None:
        self.stop.set()
        self.sock.close()
        for conn in self.held:
            conn.close()


class Recorder:
    def __init__(self) -> None:
        self.posts: list[tuple[str, Reply]] = []

    async def announce(self, place: str, reply: Reply) -> None:
        self.posts.append((place, reply))


@pytest.mark.attack("Fault: a feed server that hangs")
@pytest.mark.parametrize("kind", ["silent", "headers-then-silence", "trickle"])
async def test_a_hanging_feed_times_out_and_the_poller_goes_on(
    tmp_path: Path, kind: str
) -> None:
    settings = Settings(
        db=str(tmp_path / "lib.db"), state_dir=tmp_path / "state",
        fetch_allow_hosts=("127.0.0.1",), fetch_timeout=1.0,
    )
    bot = await Bot.open(settings)
    silent = Silent(headers_first=kind == "headers-then-silence")
    with LocalServer() as web:
        base = web.url("")
        web.routes["/feed.xml"] = Route(rss(base, [1, 2]), "application/rss+xml")
        for n in (1, 2):
            web.routes[f"/story/{n}"] = Route(story_html(n))
        hanging = web.url("/trickle") if kind == "trickle" else f"http://127.0.0.1:{silent.port}/f"
        try:
            books = await library(bot)
            hang, _ = await books.add_feed(hanging, "console", "", 600, "test")
            good_feed, _ = await books.add_feed(f"{base}/feed.xml", "console", "", 600, "test")
            recorder = Recorder()
            bot.add_announcer("console", recorder)
            rounds = 0

            async def sleep(seconds: float) -> None:
                nonlocal rounds
                if seconds == PollerConfig().tick_seconds:
                    rounds += 1
                    if rounds > 3:
                        raise asyncio.CancelledError

            poller = make_poller(
                bot, Fetcher.from_settings(settings), sleep=sleep, rng=random.Random(1),
                config=PollerConfig(announce_gap_seconds=0),
            )
            with case():
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.wait_for(poller.run(), timeout=60)
                hung = await books.feed(hang.number)
                good = await books.feed(good_feed.number)
                assert hung is not None and good is not None
                assert hung.failures >= 1 and not good.failures
                assert await books.count() == 2
                assert len(recorder.posts) == 2
        finally:
            silent.close()
            await bot.close()

