"""Sending answers and announcements: as replies (in the command's thread), retried, deduplicated.

Each answer goes out with a transaction id derived from the command's event id, so an answer
sent again after a crash (or a retry whose first attempt did arrive) is dropped by the
homeserver instead of shown twice.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import uuid
from typing import Any

from nio import AsyncClient, RoomSendResponse

from adapters.matrix_chat.errors import TRANSIENT, SendFailed, seconds
from adapters.matrix_chat.render import notice, render_reply
from bot.backoff import Backoff
from bot.models import Reply

log = logging.getLogger(__name__)


def reply_relation(event_id: str, thread: str | None) -> dict[str, Any]:
    """`m.relates_to` of an answer to `event_id`: a rich reply, inside the thread if it has one."""
    relates: dict[str, Any] = {"m.in_reply_to": {"event_id": event_id}}
    if thread:
        relates = {"rel_type": "m.thread", "event_id": thread, "is_falling_back": False, **relates}
    return relates


def transaction_prefix(event_id: str) -> str:
    """The stable transaction id prefix of the answer to `event_id`."""
    return f"articlebot.{hashlib.sha256(event_id.encode()).hexdigest()[:32]}"


class Sender:
    """Posts rendered replies, retrying transient failures and rate limits a bounded number of
    times; past that it raises `SendFailed`, so the whole batch is handled again later."""

    def __init__(self, client: AsyncClient, backoff: Backoff, attempts: int) -> None:
        self.client = client
        self.backoff = backoff
        self.attempts = attempts

    async def answer(
        self,
        room_id: str,
        event_id: str,
        reply: Reply,
        *,
        thread: str | None,
        prefix: str,
        key: str = "",
    ) -> None:
        """Answer the message `event_id` (`prefix`: the room's, for "type !next"); `key`
        (default: `event_id`) names the answer's transaction ids, so that one command is
        answered by one set of messages."""
        relates = reply_relation(event_id, thread)
        tx = transaction_prefix(key or event_id)
        for index, (body, html) in enumerate(render_reply(reply, prefix)):
            await self.send(room_id, notice(body, html, relates), f"{tx}.{index}")

    async def announce(self, room_id: str, reply: Reply, prefix: str) -> None:
        for body, html in render_reply(reply, prefix):
            await self.send(room_id, notice(body, html), f"articlebot.{uuid.uuid4().hex}")

    async def send(self, room_id: str, content: dict[str, Any], tx_id: str) -> None:
        """Send with bounded retries; the same `tx_id` makes a repeated send a no-op."""
        backoff = self.backoff.fresh()
        for _attempt in range(self.attempts):
            try:
                response = await self.client.room_send(
                    room_id,
                    "m.room.message",
                    content,
                    tx_id=tx_id,
                    ignore_unverified_devices=True,
                )
            except TRANSIENT as err:
                delay = backoff.next_delay()
                log.warning("matrix: send to %s failed (%s); retry in %.1f s", room_id, err, delay)
                await asyncio.sleep(delay)
                continue
            if isinstance(response, RoomSendResponse):
                return
            if response.status_code != "M_LIMIT_EXCEEDED":
                log.error("matrix: %s refused our message: %s", room_id, response.message)
                return  # permanent (no permission, room gone): retrying would not help
            delay = backoff.next_delay(seconds(response.retry_after_ms))
            log.warning("matrix: rate-limited in %s; retry in %.1f s", room_id, delay)
            await asyncio.sleep(delay)
        raise SendFailed(f"could not send to {room_id} after {self.attempts} attempts")
