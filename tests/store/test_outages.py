"""The library server going away: at start-up the bot waits for it with growing pauses; in the
middle of a command the member gets an error reply, and the next command works again."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from pathlib import Path

import asyncpg

from adapters import runner
from bot.config import Settings
from bot.core import Bot
from tests.support.articles import HARBOUR
from tests.support.postgres import cluster
from tests.support.requests import ask, shown


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _forward(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, port: int) -> None:
    """Carry one connection through to the real server on `port`."""
    upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", port)

    async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError):
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        sink.close()

    await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))


async def test_open_bot_retries_until_the_server_answers(tmp_path: Path) -> None:
    real = cluster()
    database = real.new_database().rpartition("/")[2]
    port = _free_port()  # nothing listens here until the "server" comes up
    url = f"postgresql://postgres@127.0.0.1:{port}/{database}"
    waiting = Settings(db=url, state_dir=tmp_path / "state")
    pauses: list[float] = []
    servers: list[asyncio.Server] = []

    async def pause(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 3:  # the server comes up after three failed attempts
            servers.append(
                await asyncio.start_server(
                    lambda r, w: _forward(r, w, real.port), "127.0.0.1", port
                )
            )
        await asyncio.sleep(0)

    bot = await asyncio.wait_for(runner.open_bot(waiting, sleep=pause), timeout=60)
    try:
        assert len(pauses) == 3
        assert pauses[0] < pauses[2] <= runner.OPEN_RETRY_MAX  # growing, and capped
        assert "Added #1" in shown(await ask(bot, "!add " + HARBOUR))
    finally:
        await bot.close()
        for server in servers:
            server.close()


async def test_a_connection_lost_mid_command_is_an_error_reply_then_it_recovers(
    tmp_path: Path,
) -> None:
    url = cluster().new_database()
    bot = await Bot.open(Settings(db=url, state_dir=tmp_path / "state", cooldown_commands=10_000))
    try:
        assert "Added #1" in shown(await ask(bot, "!add " + HARBOUR))
        admin = await asyncpg.connect(cluster().url())
        try:  # the server drops every connection of the bot's pool, as a restart would
            await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = $1 AND pid <> pg_backend_pid()",
                url.rpartition("/")[2],
            )
        finally:
            await admin.close()
        replies = [await ask(bot, "!quote safety") for _ in range(3)]
        assert all(r is not None for r in replies)
        assert "Safety comes first" in shown(replies[-1])  # the pool has reconnected
        for reply in replies:  # an error says what happened, never "something went wrong"
            assert not reply.is_error or reply.first.title == "Library unavailable", shown(reply)
    finally:
        await bot.close()
