"""The /sync loop, and the events of a room the bot has not handled yet (gaps filled).

Exactly-once answers rest on the order kept here: the sync token is saved only after the whole
batch was handled, so a crash replays the batch rather than losing it (the handled event ids in
`SyncState` make the replay harmless).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from nio import AsyncClient, RoomMessagesResponse, SyncError, SyncResponse, Timeline

from adapters.matrix_chat.errors import TRANSIENT, SendFailed, pause
from adapters.matrix_chat.session import Session
from adapters.matrix_chat.state import SyncState
from bot.backoff import Backoff

log = logging.getLogger(__name__)

GAP_PAGES = 5  # pages of /messages fetched to fill a timeline the server still cut off
# Handles one batch; `since` is the token it continues from, None when history must not be
# answered (the first start: the bot answers nothing said before it was running).
BatchHandler = Callable[[SyncResponse, str | None], Awaitable[None]]


class SyncLoop:
    def __init__(
        self,
        client: AsyncClient,
        session: Session,
        state: SyncState,
        backoff: Backoff,
        *,
        timeout_ms: int,
        timeline_limit: int,
    ) -> None:
        self.client = client
        self.session = session
        self.state = state
        self.backoff = backoff
        self.timeout_ms = timeout_ms
        self.filter = {
            "room": {"timeline": {"limit": timeline_limit}},
            "presence": {"not_types": ["*"]},
        }
        self.synced = asyncio.Event()  # set once the first batch has been handled

    async def run(self, handle: BatchHandler) -> None:
        """Sync forever; failures are waited out with back-off, never raised (but a token
        the homeserver refuses when there is no password to log in again)."""
        answer = self.state.token is not None  # a first start answers no old history
        first = True
        while True:
            since = self.state.token
            try:
                response = await self.client.sync(
                    timeout=0 if first else self.timeout_ms,
                    sync_filter=self.filter,
                    since=since,
                    full_state=first or None,  # else nio knows no members after a restart
                )
            except TRANSIENT as err:
                await pause(self.backoff, f"sync failed ({type(err).__name__}: {err})")
                continue
            if isinstance(response, SyncError):
                await self._on_error(response)
                continue
            try:
                await handle(response, since if answer else None)
            except (SendFailed, *TRANSIENT) as err:
                await pause(self.backoff, f"batch not finished, it will be handled again: {err}")
                continue
            self.state.advance(response.next_batch)
            if self.backoff.failures:
                log.info("matrix: homeserver reachable again; back in sync")
            self.backoff.reset()
            answer = True
            first = False
            self.synced.set()

    async def _on_error(self, error: SyncError) -> None:
        if error.status_code == "M_UNKNOWN_TOKEN":
            await self.session.renew()
            return
        await pause(
            self.backoff,
            f"sync refused ({error.status_code}: {error.message})",
            error.retry_after_ms,
        )


async def new_events(
    client: AsyncClient, room_id: str, timeline: Timeline, since: str, limit: int
) -> list[Any]:
    """The room's events of this batch, with what the server left out of a cut-off timeline
    fetched, and without what came before the bot's own join (history, not commands to it)."""
    events = list(timeline.events)
    if timeline.limited and timeline.prev_batch:
        events = await _fill_gap(client, room_id, timeline.prev_batch, since, limit) + events
    return _after_own_join(events, client.user_id)


async def _fill_gap(
    client: AsyncClient, room_id: str, prev_batch: str, since: str, limit: int
) -> list[Any]:
    """Events the server left out of a limited timeline, oldest first."""
    missed: list[Any] = []
    start = prev_batch
    for _ in range(GAP_PAGES):
        try:
            page = await client.room_messages(room_id, start=start, end=since, limit=limit)
        except TRANSIENT as err:
            raise SendFailed(f"could not fetch missed messages: {err}") from err
        if not isinstance(page, RoomMessagesResponse) or not page.chunk:
            break
        missed = list(reversed(page.chunk)) + missed
        if not page.end or page.end == start:
            break
        start = page.end
    log.info("matrix: fetched %d events the sync left out in %s", len(missed), room_id)
    return missed


def _after_own_join(events: list[Any], user_id: str) -> list[Any]:
    """The events after the bot's own join, if the batch holds it: older ones are history."""
    for index in range(len(events) - 1, -1, -1):
        if _is_own_join(getattr(events[index], "source", {}), user_id):
            return events[index + 1 :]
    return events


def _is_own_join(source: dict[str, Any], user_id: str) -> bool:
    if source.get("type") != "m.room.member" or source.get("state_key") != user_id:
        return False
    previous = source.get("unsigned", {}).get("prev_content", {}) or {}
    return (
        source.get("content", {}).get("membership") == "join"
        and previous.get("membership") != "join"
    )
