"""The Matrix adapter: room messages in as `Request`s, the core's replies out as notices.

Each command is answered once, also across restarts and crashes: the sync token is saved only
after its whole batch was handled (`sync.py`), each answered event id as soon as its answer is
sent (`state.py`), and answers carry transaction ids derived from the command, which the
homeserver deduplicates (`sending.py`).

An edit (`m.replace`) of a command is answered when the command got no answer or an error
(the author fixed a typo), never when it was answered, and never when the edited message was
not a command the bot saw.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Coroutine, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from nio import AsyncClient, AsyncClientConfig, MatrixRoom, MegolmEvent, SyncResponse

from adapters.matrix_chat.attachments import attachment_for
from adapters.matrix_chat.config import MatrixConfig
from adapters.matrix_chat.e2ee import (
    CANNOT_READ,
    DecryptError,
    UnreadableRooms,
    decrypted,
    housekeeping,
)
from adapters.matrix_chat.errors import TRANSIENT, SendFailed
from adapters.matrix_chat.events import command_text, edited, thread_root
from adapters.matrix_chat.invites import answer_invite
from adapters.matrix_chat.media import MediaError
from adapters.matrix_chat.permissions import Creators, role_of
from adapters.matrix_chat.sending import Sender
from adapters.matrix_chat.session import Session
from adapters.matrix_chat.state import Outcome, SyncState
from adapters.matrix_chat.sync import SyncLoop, new_events
from bot.backoff import Backoff
from bot.config import Settings
from bot.core import Bot
from bot.models import Reply, Request, Role

log = logging.getLogger(__name__)

TIMELINE_LIMIT = 100  # per room and sync: commands sent while the bot was down are not cut off
PLACE_PREFIX = "matrix:"


async def _all(jobs: Iterable[Coroutine[Any, Any, None]]) -> None:
    """Run jobs side by side, let each finish, then raise the first failure."""
    results = await asyncio.gather(*jobs, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result


def _is_command(text: str | None, prefix: str) -> bool:
    return text is not None and text.lstrip().startswith(prefix)


class MatrixAdapter:
    """Serves the bot in every Matrix room it is invited to (and allowed to join)."""

    name = "matrix"

    def __init__(
        self,
        bot: Bot,
        settings: Settings,
        *,
        sync_timeout_ms: int = 30_000,
        backoff: Backoff | None = None,
        send_attempts: int = 5,
        timeline_limit: int = TIMELINE_LIMIT,
    ) -> None:
        self.bot = bot
        self.config = MatrixConfig.from_settings(settings)
        self.max_upload_bytes = settings.max_upload_bytes
        self.timeline_limit = timeline_limit
        self.backoff = backoff or Backoff()
        state_dir = self.config.state_dir
        state_dir.mkdir(parents=True, exist_ok=True)
        self.credentials_path = state_dir / "credentials.json"
        self.sync_state = SyncState(state_dir / "sync.json")
        store_path: Path | None = None
        if self.config.e2ee:
            store_path = state_dir / "crypto"
            store_path.mkdir(exist_ok=True)
        self.client = AsyncClient(
            self.config.homeserver,
            self.config.user_id,
            store_path=str(store_path) if store_path else "",
            config=AsyncClientConfig(
                # Errors surface here, where they get back-off with jitter and a log line.
                max_limit_exceeded=0,
                max_timeouts=0,
                encryption_enabled=self.config.e2ee,
                store_sync_tokens=False,
            ),
        )
        self.session = Session(self.client, self.config, self.credentials_path, self.backoff)
        self.sync = SyncLoop(
            self.client,
            self.session,
            self.sync_state,
            self.backoff,
            timeout_ms=sync_timeout_ms,
            timeline_limit=timeline_limit,
        )
        self.sender = Sender(self.client, self.backoff, send_attempts)
        self.creators = Creators()
        self.unreadable = UnreadableRooms()
        self._reconciled = False
        bot.add_announcer(self.name, self)
        bot.add_directory(self.name, self)

    @property
    def synced(self) -> asyncio.Event:
        """Set once the first sync has been handled."""
        return self.sync.synced

    async def run(self) -> None:
        await self.session.log_in()
        await self.sync.run(self._handle_sync)

    async def close(self) -> None:
        await self.client.close()

    async def announce(self, place: str, reply: Reply) -> None:
        prefix = (await self.bot.settings_for(place)).prefix  # a room's place is its space
        await self.sender.announce(place.removeprefix(PLACE_PREFIX), reply, prefix)

    # -- the directory the core asks when rooms are linked ---------------------------------

    async def space_of(self, target: str) -> str | None:
        """`!room:server` or `#alias:server`, when the bot is in that room."""
        room_id = target.strip().removeprefix(PLACE_PREFIX)
        if room_id.startswith("#"):
            resolved = await self.client.room_resolve_alias(room_id)
            room_id = getattr(resolved, "room_id", "") or ""
        if room_id in self.client.rooms and self.config.serves(room_id):
            return f"{PLACE_PREFIX}{room_id}"
        return None

    async def role_in(self, space: str, user_id: str) -> Role | None:
        room = self.client.rooms.get(space.removeprefix(PLACE_PREFIX))
        if room is None:
            return None
        return await self._role(room, user_id)

    # -- one sync batch ---------------------------------------------------------------------

    async def _handle_sync(self, response: SyncResponse, since: str | None) -> None:
        """Answer the batch's commands; `since` is None when history must not be answered."""
        await housekeeping(self.client)
        for room_id, invite in response.rooms.invite.items():
            await answer_invite(self.client, self.config, room_id, invite.invite_state)
        for room_id in response.rooms.leave:  # kicked, banned, or left: not an outage
            await self.bot.left(f"{PLACE_PREFIX}{room_id}")
        if not self._reconciled:  # the first sync: rooms left while the bot was away
            await self.bot.present("matrix", {f"{PLACE_PREFIX}{r}" for r in self.client.rooms})
            self._reconciled = True
        per_room: dict[str, list[Any]] = {}
        for room_id, info in response.rooms.join.items():
            self.creators.note(room_id, [*info.state, *info.timeline.events])
            if since is not None:
                per_room[room_id] = await new_events(
                    self.client, room_id, info.timeline, since, self.timeline_limit
                )
        await _all(self._handle_room(room_id, events) for room_id, events in per_room.items())

    async def _handle_room(self, room_id: str, events: list[Any]) -> None:
        """Each person's commands in order; different people's side by side."""
        room = self.client.rooms.get(room_id)
        if room is None:
            return
        by_sender: dict[str, list[Any]] = defaultdict(list)
        for event in events:
            source = getattr(event, "source", {})
            sender = source.get("sender")
            if not source.get("event_id") or not sender or sender == self.client.user_id:
                continue
            by_sender[sender].append(event)
        await _all(self._handle_sender(room, queue) for queue in by_sender.values())

    async def _handle_sender(self, room: MatrixRoom, events: list[Any]) -> None:
        for event in events:
            source = event.source
            if self.sync_state.handled(source["event_id"]):
                continue
            try:
                if isinstance(event, MegolmEvent):
                    await self._on_undecryptable(room, event)
                elif source.get("type") == "m.room.message":
                    await self._on_message(room, source)
            except (SendFailed, *TRANSIENT):
                raise  # the batch is handled again once the homeserver answers
            except Exception:
                # One event we cannot handle must not stop the bot, nor come back forever.
                log.exception("matrix: could not handle %s; skipping it", source["event_id"])
                self.sync_state.mark_handled(source["event_id"], outcome=Outcome.SILENT)

    # -- one message ------------------------------------------------------------------------

    async def _on_message(self, room: MatrixRoom, source: dict[str, Any]) -> None:
        if not self.config.serves(room.room_id):
            return  # a private bot: messages from any other room are ignored
        content = source.get("content", {})
        prefix = (await self.bot.settings_for(f"{PLACE_PREFIX}{room.room_id}")).prefix
        edit = edited(content)
        if edit is None:
            await self._command(room, source["sender"], content, source["event_id"], prefix)
            return
        original_id, new_content = edit
        outcome = self.sync_state.outcome(original_id)
        if outcome not in (Outcome.ERROR, Outcome.SILENT):
            return  # answered already, or not a command the bot saw: nothing to answer
        if not _is_command(command_text(new_content), prefix):
            return
        original = await self._original(room.room_id, original_id)
        if original is None or original.get("sender") != source["sender"]:
            return  # only a message's author may edit it
        # The edit brings a new body; the thread and the replied-to file are the original's.
        relates = original.get("content", {}).get("m.relates_to")
        edited_content = {**new_content, **({"m.relates_to": relates} if relates else {})}
        await self._command(
            room,
            source["sender"],
            edited_content,
            source["event_id"],
            prefix,
            answer_to=original_id,
        )

    async def _command(
        self,
        room: MatrixRoom,
        sender: str,
        content: dict[str, Any],
        event_id: str,
        prefix: str,
        *,
        answer_to: str | None = None,
    ) -> None:
        """Run the command in `content` (sent as `event_id`) if it is one, and answer it.

        An edit's answer goes to `answer_to`, the message shown in the room (the edit itself is
        not), and the outcome is recorded for both, so the next edit knows what happened.
        """
        text = command_text(content)
        if text is None or not _is_command(text, prefix):
            return
        room_id = room.room_id
        request = Request(
            user_id=sender,
            display_name=room.user_name(sender) or sender,
            role=await self._role(room, sender),
            place=f"{PLACE_PREFIX}{room_id}",
            text=text.strip(),
            space=f"{PLACE_PREFIX}{room_id}",
        )
        reply: Reply | None
        try:
            attachment = await attachment_for(
                self.client, self.bot, room_id, request, content, self.max_upload_bytes
            )
        except MediaError as err:
            log.warning("matrix: %s", err)
            reply = Reply.error("I could not fetch that file from the homeserver; nothing added.")
        else:
            if attachment is not None:
                request = replace(request, attachments=(attachment,))
            reply = await self.bot.handle(request)
        if reply is not None:
            await self.sender.answer(
                room_id,
                answer_to or event_id,
                reply,
                thread=thread_root(content),
                prefix=prefix,
                key=event_id,
            )
        also = [answer_to] if answer_to else []
        self.sync_state.mark_handled(event_id, *also, outcome=Outcome.of(reply))

    async def _original(self, room_id: str, event_id: str) -> dict[str, Any] | None:
        """The event an edit replaces, as the homeserver has it (decrypted); None if gone."""
        response = await self.client.room_get_event(room_id, event_id)
        try:
            event = decrypted(self.client, getattr(response, "event", None), event_id)
        except DecryptError as err:
            log.warning("matrix: %s", err)
            return None
        source = getattr(event, "source", None)
        return source if isinstance(source, dict) else None

    async def _role(self, room: MatrixRoom, user_id: str) -> Role:
        level = (await self.bot.settings_for(f"{PLACE_PREFIX}{room.room_id}")).moderator_level
        return role_of(
            room,
            user_id,
            level=self.config.moderator_level if level is None else level,
            creators=self.creators.of(room.room_id),
        )

    async def _on_undecryptable(self, room: MatrixRoom, event: MegolmEvent) -> None:
        if not self.unreadable.should_warn(self.client, room.room_id, event):
            return
        reply = Reply.error(CANNOT_READ, title="Encrypted room")
        prefix = (await self.bot.settings_for(f"{PLACE_PREFIX}{room.room_id}")).prefix
        await self.sender.answer(room.room_id, event.event_id, reply, thread=None, prefix=prefix)
        self.sync_state.mark_handled(event.event_id)
