"""End-to-end encryption housekeeping, and what to do with messages the bot cannot read."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from nio import AsyncClient, MegolmEvent

from adapters.matrix_chat.errors import TRANSIENT, SendFailed

log = logging.getLogger(__name__)

WARNING_INTERVAL = 3600.0  # seconds between two "I can't read this room" notices in one room
CANNOT_READ = (
    "I can't read messages in this room: it is end-to-end encrypted and encryption is turned "
    "off for this bot. Ask its operator to set MATRIX_E2EE=on, or talk to me in a room "
    "without encryption."
)


class DecryptError(RuntimeError):
    """A fetched event could not be decrypted."""


async def housekeeping(client: AsyncClient) -> None:
    """Upload, query and claim keys, and send pending to-device messages (E2EE only)."""
    if client.olm is None:
        return
    try:
        if client.should_upload_keys:
            await client.keys_upload()
        if client.should_query_keys:
            await client.keys_query()
        if client.should_claim_keys:
            await client.keys_claim(client.get_users_for_key_claiming())
        await client.send_to_device_messages()
    except TRANSIENT as err:
        raise SendFailed(f"key exchange failed: {err}") from err


def decrypted(client: AsyncClient, event: Any, event_id: str) -> Any:
    """A fetched event, decrypted if it is encrypted and the bot has E2EE on."""
    if isinstance(event, MegolmEvent) and client.olm is not None:
        try:
            return client.decrypt_event(event)
        except Exception as err:  # nio raises several kinds for keys it lacks
            raise DecryptError(f"could not decrypt {event_id}: {err}") from err
    return event


class UnreadableRooms:
    """Decides when to tell a room that its encrypted messages cannot be read: once an hour."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._warned: dict[str, float] = {}

    def should_warn(self, client: AsyncClient, room_id: str, event: MegolmEvent) -> bool:
        if client.olm is not None:  # E2EE on, but the keys for this message never came
            log.warning("matrix: could not decrypt %s in %s", event.event_id, room_id)
            return False
        last = self._warned.get(room_id)
        now = self._clock()
        if last is not None and now - last < WARNING_INTERVAL:
            return False
        self._warned[room_id] = now
        return True
