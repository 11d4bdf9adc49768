"""Invites: join when the inviter may invite the bot, decline otherwise."""

from __future__ import annotations

import logging
from typing import Any

from nio import AsyncClient, JoinError

from adapters.matrix_chat.config import MatrixConfig
from adapters.matrix_chat.errors import TRANSIENT, SendFailed

log = logging.getLogger(__name__)


def inviter(invite_state: list[Any], user_id: str) -> str | None:
    """Who invited `user_id`, from a room's stripped invite state; None if not an invite of it.

    The invite state holds a member event for everyone in the room: only the bot's own, with
    membership `invite`, is the invite.
    """
    for event in invite_state:
        if (
            getattr(event, "state_key", None) == user_id
            and getattr(event, "membership", None) == "invite"
        ):
            return str(getattr(event, "sender", ""))
    return None


async def answer_invite(
    client: AsyncClient, config: MatrixConfig, room_id: str, invite_state: list[Any]
) -> None:
    sender = inviter(invite_state, client.user_id)
    if sender is None:
        return
    if not config.may_invite(sender, room_id):
        log.warning("matrix: declined the invite of %s to %s", sender, room_id)
        await client.room_leave(room_id)
        return
    try:
        joined = await client.join(room_id)
    except TRANSIENT as err:
        raise SendFailed(f"could not join {room_id}: {err}") from err
    if isinstance(joined, JoinError):
        log.warning("matrix: could not join %s: %s", room_id, joined.message)
    else:
        log.info("matrix: joined %s, invited by %s", room_id, sender)
