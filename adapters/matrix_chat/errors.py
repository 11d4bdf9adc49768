"""What can go wrong talking to the homeserver, and which of it is worth waiting out."""

from __future__ import annotations

import asyncio
import logging

import aiohttp

from bot.backoff import Backoff

log = logging.getLogger(__name__)

# The connection failed or timed out: the homeserver may well answer a moment later.
TRANSIENT = (aiohttp.ClientError, asyncio.TimeoutError, OSError)


class SendFailed(RuntimeError):
    """The batch could not be finished now (an answer, a join, a key upload); it is handled
    again once the homeserver answers."""


class RateLimited(RuntimeError):
    """The homeserver asked us to wait before trying again."""

    def __init__(self, message: str, retry_after_ms: int | None) -> None:
        super().__init__(message)
        self.retry_after_ms = retry_after_ms


def seconds(retry_after_ms: int | None) -> float | None:
    """Matrix's `retry_after_ms` in the seconds `Backoff` takes."""
    return retry_after_ms / 1000 if retry_after_ms else None


async def pause(backoff: Backoff, why: str, retry_after_ms: int | None = None) -> None:
    """Log why, then wait the back-off's next delay (at least what the server asked for)."""
    delay = backoff.next_delay(seconds(retry_after_ms))
    log.warning("matrix: %s; retrying in %.1f s", why, delay)
    await asyncio.sleep(delay)
