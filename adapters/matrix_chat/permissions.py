"""Who is a moderator in a Matrix room: a power level at or above a given one, or a creator.

From room version 12 on, a room's creators (the sender of `m.room.create` and its
`additional_creators`) stand above every power level and are absent from the power levels'
`users`, where nio reports them at 0; they are tracked here from the room's create event.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from nio import MatrixRoom

from bot.models import Role


def privileged_creators(room_version: str) -> bool:
    """Room versions (12 on) whose creators stand above every power level."""
    return room_version.isdigit() and int(room_version) >= 12


def creators_of(create: dict[str, Any]) -> frozenset[str]:
    """The users a room's `m.room.create` event places above every power level (maybe none)."""
    content = create.get("content", {})
    if not privileged_creators(str(content.get("room_version", "1"))):
        return frozenset()
    extra = content.get("additional_creators", [])
    others = [u for u in extra if isinstance(u, str)] if isinstance(extra, list) else []
    return frozenset([str(create.get("sender", "")), *others])


class Creators:
    """The privileged creators of every room the bot has seen the create event of."""

    def __init__(self) -> None:
        self._by_room: dict[str, frozenset[str]] = {}

    def note(self, room_id: str, events: Iterable[Any]) -> None:
        """Look for the room's create event among `events` (state or timeline)."""
        for event in events:
            source = getattr(event, "source", {})
            if source.get("type") == "m.room.create" and source.get("state_key") == "":
                self._by_room[room_id] = creators_of(source)

    def of(self, room_id: str) -> frozenset[str]:
        return self._by_room.get(room_id, frozenset())


def role_of(
    room: MatrixRoom,
    user_id: str,
    *,
    level: int,
    creators: Collection[str] = (),
) -> Role:
    """The core's role for `user_id` in `room` (operators are the core's to recognise).

    A moderator holds power `level` or more there (the community's `moderator-level`, else
    MATRIX_MODERATOR_LEVEL), or is one of the room's privileged `creators`.
    """
    if user_id in creators:
        return Role.MODERATOR
    if room.power_levels.get_user_level(user_id) >= level:
        return Role.MODERATOR
    return Role.MEMBER
