"""Floods and load: a user spamming is slowed with one notice while others carry on; a thousand
concurrent commands from fifty users are all answered while a bulk ingestion writes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.cooldown import Cooldown
from bot.core import Bot
from bot.models import Reply, Request, Role
from tests.reliability import corpus
from tests.reliability.loaded import load
from tests.reliability.tally import TALLY, case
from tests.support.requests import library, request

ROOT = Path(__file__).parents[2]
ARTICLES = 6000


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


SPACE = "console:default"  # the community `articlebot ingest` writes to by default


def _ask(user: str, text: str, role: Role = Role.MEMBER) -> Request:
    return request(text, user=user, name=user, role=role, place="discord:1", space=SPACE)


def _is_notice(reply: Reply | None) -> bool:
    return reply is not None and reply.first.title == "Slow down"


@pytest.mark.attack("Flood: one user, 100 commands in 10 s")
async def test_a_flooding_user_gets_one_notice_and_others_are_unaffected(
    tmp_path: Path,
) -> None:
    settings = Settings(db=str(tmp_path / "lib.db"), state_dir=tmp_path / "state")
    bot = await Bot.open(settings)
    try:
        await load(bot, SPACE)
        clock = Clock()
        bot.cooldown = Cooldown(settings.cooldown_commands, settings.cooldown_seconds, clock)
        spam: list[Reply | None] = []
        others: list[Reply | None] = []
        for burst in range(2):  # a second burst after a pause gets its own single notice
            spam.clear()
            for i in range(100):
                with case():
                    spam.append(await bot.handle(_ask("spammer", "!quote bridge")))
                    clock.now += 0.1
                if i % 10 == 0:
                    with case():
                        reply = await bot.handle(_ask(f"bystander{i}", "!quote bridge"))
                        others.append(reply)
                        assert reply is not None and not reply.is_error
                if i % 20 == 0:  # a regular user, within the limit, all along
                    with case():
                        reply = await bot.handle(_ask("regular", "!sources"))
                        others.append(reply)
                        assert reply is not None and not reply.is_error
            answered = [r for r in spam if r is not None and not _is_notice(r)]
            notices = [r for r in spam if _is_notice(r)]
            assert len(answered) == settings.cooldown_commands
            assert len(notices) == 1, burst
            assert spam.count(None) == 100 - settings.cooldown_commands - 1
            clock.now += settings.cooldown_seconds
        assert not any(_is_notice(r) for r in others)
    finally:
        await bot.close()


def _command(rng: random.Random, user: int) -> Request:
    member = [
        "!quote bridge", "!quote by:Solberg", "!quote", "!search harbour repairs",
        "!search council", "!summary #1 short", "!summary #2 long", "!sources", "!sources 2",
        "!article #1", "!article harbour", "!help", "!next", "!remove #1",
    ]
    if user % 10 == 0 and rng.random() < 0.3:  # moderators write while the ingestion writes
        text = rng.choice(["!edit #1 author Ingrid Solberg", "!stats", "!edit #2 outlet Valley"])
        return _ask(f"u{user}", text, Role.MODERATOR)
    return _ask(f"u{user}", rng.choice(member))


@pytest.mark.attack("Load: 1,000 concurrent commands, 50 users, bulk ingestion running")
async def test_a_thousand_concurrent_commands_during_bulk_ingestion(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    db = tmp_path / "lib.db"
    settings = Settings(db=str(db), state_dir=tmp_path / "state", cooldown_commands=1000)
    bot = await Bot.open(settings)
    corpus.write(tmp_path / "articles", ARTICLES)
    env = {**os.environ, "ARTICLEBOT_DB": str(db), "PYTHONPATH": str(ROOT),
           "ARTICLEBOT_LOG_LEVEL": "WARNING"}
    ingest = None
    try:
        await load(bot, SPACE)
        books = await library(bot, SPACE)
        ingest = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "adapters.cli", "ingest", str(tmp_path / "articles"),
            env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        while await books.count() < 10:  # the ingestion is writing
            await asyncio.sleep(0.02)
        rng = random.Random(50)
        requests = [_command(rng, i % 50) for i in range(1000)]

        async def timed(request: Request) -> tuple[float, Reply | None]:
            start = time.perf_counter()
            reply = await bot.handle(request)
            return time.perf_counter() - start, reply

        results = await asyncio.gather(*(timed(r) for r in requests))
        still_ingesting = ingest.returncode is None
        if still_ingesting:  # it has served its purpose; no need to wait for 6,000 articles
            with contextlib.suppress(ProcessLookupError):
                os.killpg(ingest.pid, signal.SIGKILL)
        output, _ = await ingest.communicate()
        assert still_ingesting or ingest.returncode == 0, output.decode()
        assert b"locked" not in output, output.decode()  # nor in the ingestion beside us
        for request, (_, reply) in zip(requests, results, strict=True):
            with case():
                assert reply is not None, request.text
                text = " ".join(reply.first.paragraphs)
                assert "went wrong" not in text and "locked" not in text, (request.text, text)
        assert "database is locked" not in caplog.text
        assert await books.count() > 3
        latencies = sorted(seconds for seconds, _ in results)
        p50, p99 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99)]
        TALLY.note(
            f"1,000 concurrent commands, 50 users, ingestion of {ARTICLES:,} articles running "
            f"{'throughout' if still_ingesting else 'at the start'}: all answered; "
            f"p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
        )
    finally:
        if ingest is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(ingest.pid, signal.SIGKILL)
            await ingest.wait()
        await bot.close()
