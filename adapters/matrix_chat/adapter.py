"""The Matrix adapter: a /sync loop that turns room messages into `Request`s and answers them.

Exactly-once answers, across restarts and crashes, rest on three things:
- the sync token is saved only after every command of its batch has been answered, so a crash
  replays the batch rather than losing it;
- answered event ids are saved as soon as each answer is sent, so a replay skips them;
- each answer is sent with a transaction id derived from the command's event id, so even an
  answer sent just before a crash (id not yet saved) is deduplicated by the homeserver.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Coroutine, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
from nio import (
    AsyncClient,
    AsyncClientConfig,
    JoinError,
    LoginError,
    LoginResponse,
    MatrixRoom,
    MegolmEvent,
    RoomMessagesResponse,
    RoomSendResponse,
    SyncError,
    SyncResponse,
    WhoamiResponse,
)

from adapters.matrix_chat.backoff import Backoff
from adapters.matrix_chat.config import MatrixConfig
from adapters.matrix_chat.events import FileRef, command_text, replied_to, thread_root
from adapters.matrix_chat.media import MediaError, download
from adapters.matrix_chat.render import notice, render_reply
from adapters.matrix_chat.state import Credentials, SyncState
from bot.config import Settings
from bot.core import Bot
from bot.models import Attachment, Reply, Request, Role

log = logging.getLogger(__name__)

TIMELINE_LIMIT = 100  # per room and sync: commands sent while the bot was down are not cut off
DEVICE_NAME = "articlebot"
GAP_PAGES = 5  # pages of /messages fetched to fill a timeline the server still cut off
ENCRYPTED_WARNING_INTERVAL = 3600.0
CANNOT_READ = (
    "I can't read messages in this room: it is end-to-end encrypted and encryption is turned "
    "off for this bot. Ask its operator to set MATRIX_E2EE=on, or talk to me in a room "
    "without encryption."
)
_TRANSIENT = (aiohttp.ClientError, asyncio.TimeoutError, OSError)


class SendFailed(RuntimeError):
    """An answer could not be delivered now; the batch will be handled again."""


class RateLimited(RuntimeError):
    """The homeserver asked us to wait before trying again."""

    def __init__(self, message: str, retry_after_ms: int | None) -> None:
        super().__init__(message)
        self.retry_after_ms = retry_after_ms


async def _all(jobs: Iterable[Coroutine[Any, Any, None]]) -> None:
    """Run jobs side by side, let each finish, then raise the first failure."""
    results = await asyncio.gather(*jobs, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result


def _privileged_creators(version: str) -> bool:
    """Room versions (12 on) whose creators stand above every power level."""
    return version.isdigit() and int(version) >= 12


def _is_own_join(source: dict[str, Any], user_id: str) -> bool:
    if source.get("type") != "m.room.member" or source.get("state_key") != user_id:
        return False
    previous = source.get("unsigned", {}).get("prev_content", {}) or {}
    return (
        source.get("content", {}).get("membership") == "join"
        and previous.get("membership") != "join"
    )


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
        self.prefix = settings.prefix
        self.max_upload_bytes = settings.max_upload_bytes
        self.sync_timeout_ms = sync_timeout_ms
        self.backoff = backoff or Backoff()
        self.send_attempts = send_attempts
        self.timeline_limit = timeline_limit
        self.sync_filter = {
            "room": {"timeline": {"limit": timeline_limit}},
            "presence": {"not_types": ["*"]},
        }
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
                # Errors surface here, where they get backoff with jitter and a log line.
                max_limit_exceeded=0,
                max_timeouts=0,
                encryption_enabled=self.config.e2ee,
                store_sync_tokens=False,
            ),
        )
        self.synced = asyncio.Event()  # set once the first sync has been handled
        self._creators: dict[str, frozenset[str]] = {}
        self._warned_encrypted: dict[str, float] = {}
        bot.add_announcer(self.name, self)

    # -- life cycle -------------------------------------------------------------------------

    async def run(self) -> None:
        await self._login()
        answer = self.sync_state.token is not None  # a first start answers no old history
        first = True
        while True:
            since = self.sync_state.token
            try:
                response = await self.client.sync(
                    timeout=0 if first else self.sync_timeout_ms,
                    sync_filter=self.sync_filter,
                    since=since,
                    full_state=first or None,
                )
            except _TRANSIENT as err:
                await self._pause(f"sync failed ({type(err).__name__}: {err})")
                continue
            if isinstance(response, SyncError):
                await self._on_sync_error(response)
                continue
            try:
                await self._handle_sync(response, since if answer else None)
            except (SendFailed, *_TRANSIENT) as err:
                await self._pause(f"batch not finished, it will be handled again: {err}")
                continue
            self.sync_state.advance(response.next_batch)
            if self.backoff.failures:
                log.info("homeserver reachable again; back in sync")
            self.backoff.reset()
            answer = True
            first = False
            self.synced.set()

    async def close(self) -> None:
        await self.client.close()

    async def _login(self) -> None:
        saved = Credentials.load(self.credentials_path)
        if (
            saved
            and saved.user_id == self.config.user_id
            and saved.homeserver == self.config.homeserver
            and self.config.access_token in ("", saved.access_token)
        ):
            self.client.restore_login(saved.user_id, saved.device_id, saved.access_token)
            log.info("matrix: resumed session of %s (device %s)", saved.user_id, saved.device_id)
            return
        while True:
            try:
                device_id = await self._new_session()
                break
            except _TRANSIENT as err:
                await self._pause(f"login failed ({type(err).__name__}: {err})")
            except RateLimited as err:
                await self._pause(f"login rate-limited ({err})", err.retry_after_ms)
        Credentials(
            self.config.homeserver, self.config.user_id, device_id, self.client.access_token
        ).save(self.credentials_path)
        log.info("matrix: logged in as %s (device %s)", self.config.user_id, device_id)

    async def _new_session(self) -> str:
        if self.config.access_token:
            self.client.access_token = self.config.access_token
            whoami = await self.client.whoami()
            if not isinstance(whoami, WhoamiResponse) or not whoami.device_id:
                raise RuntimeError(f"MATRIX_ACCESS_TOKEN was not accepted: {whoami}")
            self.client.restore_login(
                self.config.user_id, whoami.device_id, self.config.access_token
            )
            return whoami.device_id
        response = await self.client.login(self.config.password, device_name=DEVICE_NAME)
        if isinstance(response, LoginError) and response.status_code == "M_LIMIT_EXCEEDED":
            raise RateLimited(response.message, response.retry_after_ms)
        if not isinstance(response, LoginResponse):
            raise RuntimeError(f"Matrix login as {self.config.user_id} failed: {response}")
        return response.device_id

    async def _pause(self, why: str, retry_after_ms: int | None = None) -> None:
        delay = self.backoff.next_delay(retry_after_ms)
        log.warning("matrix: %s; retrying in %.1f s", why, delay)
        await asyncio.sleep(delay)

    async def _on_sync_error(self, error: SyncError) -> None:
        if error.status_code == "M_UNKNOWN_TOKEN":
            if not self.config.password:
                raise RuntimeError("the homeserver no longer accepts MATRIX_ACCESS_TOKEN")
            log.error("matrix: the access token was revoked; logging in again")
            self.credentials_path.unlink(missing_ok=True)
            await self._login()
            return
        await self._pause(
            f"sync refused ({error.status_code}: {error.message})", error.retry_after_ms
        )

    # -- one sync batch ---------------------------------------------------------------------

    async def _handle_sync(self, response: SyncResponse, since: str | None) -> None:
        """Answer the batch's commands; `since` is None when history must not be answered."""
        await self._crypto_housekeeping()
        for room_id, invite in response.rooms.invite.items():
            await self._on_invite(room_id, invite.invite_state)
        per_room: dict[str, list[Any]] = defaultdict(list)
        for room_id, info in response.rooms.join.items():
            self._note_creators(room_id, [*info.state, *info.timeline.events])
            if since is None:
                continue
            events = list(info.timeline.events)
            if info.timeline.limited and info.timeline.prev_batch:
                events = await self._fill_gap(room_id, info.timeline.prev_batch, since) + events
            per_room[room_id] = self._after_own_join(events)
        await _all(self._handle_room(room_id, events) for room_id, events in per_room.items())

    async def _crypto_housekeeping(self) -> None:
        """Upload, query and claim keys, and send pending to-device messages (E2EE only)."""
        if self.client.olm is None:
            return
        try:
            if self.client.should_upload_keys:
                await self.client.keys_upload()
            if self.client.should_query_keys:
                await self.client.keys_query()
            if self.client.should_claim_keys:
                await self.client.keys_claim(self.client.get_users_for_key_claiming())
            await self.client.send_to_device_messages()
        except _TRANSIENT as err:
            raise SendFailed(f"key exchange failed: {err}") from err

    def _after_own_join(self, events: list[Any]) -> list[Any]:
        """The events after the bot's own join, if the batch holds it: older ones are history."""
        for index in range(len(events) - 1, -1, -1):
            if _is_own_join(getattr(events[index], "source", {}), self.client.user_id):
                return events[index + 1 :]
        return events

    async def _fill_gap(self, room_id: str, prev_batch: str, since: str) -> list[Any]:
        """Events the server left out of a limited timeline, oldest first."""
        missed: list[Any] = []
        start = prev_batch
        for _ in range(GAP_PAGES):
            try:
                page = await self.client.room_messages(
                    room_id, start=start, end=since, limit=self.timeline_limit
                )
            except _TRANSIENT as err:
                raise SendFailed(f"could not fetch missed messages: {err}") from err
            if not isinstance(page, RoomMessagesResponse) or not page.chunk:
                break
            missed = list(reversed(page.chunk)) + missed
            if not page.end or page.end == start:
                break
            start = page.end
        log.info("matrix: fetched %d events the sync left out in %s", len(missed), room_id)
        return missed

    def _note_creators(self, room_id: str, events: Iterable[Any]) -> None:
        for event in events:
            source = getattr(event, "source", {})
            if source.get("type") != "m.room.create" or source.get("state_key") != "":
                continue
            content = source.get("content", {})
            if not _privileged_creators(str(content.get("room_version", "1"))):
                self._creators[room_id] = frozenset()
                continue
            extra = content.get("additional_creators", [])
            others = [u for u in extra if isinstance(u, str)] if isinstance(extra, list) else []
            self._creators[room_id] = frozenset([str(source.get("sender", "")), *others])

    async def _on_invite(self, room_id: str, invite_state: list[Any]) -> None:
        for event in invite_state:
            if (
                getattr(event, "state_key", None) != self.client.user_id
                or getattr(event, "membership", None) != "invite"
            ):
                continue
            inviter = getattr(event, "sender", "")
            if not self.config.may_invite(inviter):
                log.warning("matrix: declined the invite of %s to %s", inviter, room_id)
                await self.client.room_leave(room_id)
                return
            try:
                joined = await self.client.join(room_id)
            except _TRANSIENT as err:
                raise SendFailed(f"could not join {room_id}: {err}") from err
            if isinstance(joined, JoinError):
                log.warning("matrix: could not join %s: %s", room_id, joined.message)
            else:
                log.info("matrix: joined %s, invited by %s", room_id, inviter)
            return

    # -- one command ------------------------------------------------------------------------

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
            except (SendFailed, *_TRANSIENT):
                raise  # the batch is handled again once the homeserver answers
            except Exception:
                # One event we cannot handle must not stop the bot, nor come back forever.
                log.exception("matrix: could not handle %s; skipping it", source["event_id"])
                self.sync_state.mark_handled(source["event_id"])

    async def _on_message(self, room: MatrixRoom, source: dict[str, Any]) -> None:
        content = source.get("content", {})
        text = command_text(content)
        space = f"matrix:{room.room_id}"
        settings = await self.bot.settings_for(space)
        if text is None or not text.lstrip().startswith(settings.prefix):
            return
        sender = source["sender"]
        level = settings.moderator_level
        request = Request(
            user_id=sender,
            display_name=room.user_name(sender) or sender,
            role=self._role(room, sender, self.config.moderator_level if level is None else level),
            place=space,
            text=text.strip(),
            space=space,
        )
        reply: Reply | None
        try:
            attachment = await self._attachment(room.room_id, request, content)
        except MediaError as err:
            log.warning("matrix: %s", err)
            reply = Reply.error("I could not fetch that file from the homeserver; nothing added.")
        else:
            if attachment is not None:
                request = replace(request, attachments=(attachment,))
            reply = await self.bot.handle(request)
        if reply is not None:
            await self._answer(room.room_id, source["event_id"], content, reply)
        self.sync_state.mark_handled(source["event_id"])

    def _role(self, room: MatrixRoom, user_id: str, level: int) -> Role:
        if room.power_levels.get_user_level(user_id) >= level:
            return Role.MODERATOR
        if user_id in self._creators.get(room.room_id, frozenset()):
            return Role.MODERATOR
        return Role.MEMBER

    async def _attachment(
        self, room_id: str, request: Request, content: dict[str, Any]
    ) -> Attachment | None:
        """The file a moderator's command comes with: as its caption, or the file it replies to."""
        if not await self.bot.wants_files(request):
            return None  # members' files are never downloaded
        ref = FileRef.from_content(content)
        parent_id = replied_to(content)
        if ref is None and parent_id:
            ref = await self._file_of(room_id, parent_id)
        if ref is None:
            return None
        data = await download(self.client, ref, self.max_upload_bytes)
        return Attachment(ref.filename, data, ref.mimetype)

    async def _file_of(self, room_id: str, event_id: str) -> FileRef | None:
        """The file posted as `event_id` (a command can reply to an upload)."""
        response = await self.client.room_get_event(room_id, event_id)
        event = getattr(response, "event", None)
        if isinstance(event, MegolmEvent) and self.client.olm is not None:
            try:
                event = self.client.decrypt_event(event)
            except Exception as err:  # nio raises several kinds for keys it lacks
                raise MediaError(f"could not decrypt {event_id}: {err}") from err
        source = getattr(event, "source", {})
        return FileRef.from_content(source.get("content", {}))

    async def _on_undecryptable(self, room: MatrixRoom, event: MegolmEvent) -> None:
        if self.client.olm is not None:
            log.warning("matrix: could not decrypt %s in %s", event.event_id, room.room_id)
            return
        last = self._warned_encrypted.get(room.room_id)
        if last is not None and time.monotonic() - last < ENCRYPTED_WARNING_INTERVAL:
            return
        self._warned_encrypted[room.room_id] = time.monotonic()
        await self._answer(
            room.room_id, event.event_id, {}, Reply.error(CANNOT_READ, title="Encrypted room")
        )
        self.sync_state.mark_handled(event.event_id)

    # -- sending ----------------------------------------------------------------------------

    async def _answer(
        self, room_id: str, event_id: str, content: dict[str, Any], reply: Reply
    ) -> None:
        relates: dict[str, Any] = {"m.in_reply_to": {"event_id": event_id}}
        root = thread_root(content)
        if root:
            relates = {
                "rel_type": "m.thread",
                "event_id": root,
                "is_falling_back": False,
                "m.in_reply_to": {"event_id": event_id},
            }
        digest = hashlib.sha256(event_id.encode()).hexdigest()[:32]
        for index, (body, html) in enumerate(render_reply(reply, self.prefix)):
            await self._send(room_id, notice(body, html, relates), f"articlebot.{digest}.{index}")

    async def announce(self, place: str, reply: Reply) -> None:
        room_id = place.split(":", 1)[1]
        for body, html in render_reply(reply, self.prefix):
            await self._send(room_id, notice(body, html), f"articlebot.{uuid.uuid4().hex}")

    async def _send(self, room_id: str, content: dict[str, Any], tx_id: str) -> None:
        """Send with bounded retries; the same `tx_id` makes a repeated send a no-op."""
        backoff = Backoff(self.backoff.base, self.backoff.cap)
        for _attempt in range(self.send_attempts):
            try:
                response = await self.client.room_send(
                    room_id,
                    "m.room.message",
                    content,
                    tx_id=tx_id,
                    ignore_unverified_devices=True,
                )
            except _TRANSIENT as err:
                delay = backoff.next_delay()
                log.warning("matrix: send to %s failed (%s); retry in %.1f s", room_id, err, delay)
                await asyncio.sleep(delay)
                continue
            if isinstance(response, RoomSendResponse):
                return
            if response.status_code != "M_LIMIT_EXCEEDED":
                log.error("matrix: %s refused our message: %s", room_id, response.message)
                return  # permanent (no permission, room gone): retrying would not help
            delay = backoff.next_delay(response.retry_after_ms)
            log.warning("matrix: rate-limited in %s; retry in %.1f s", room_id, delay)
            await asyncio.sleep(delay)
        raise SendFailed(f"could not send to {room_id} after {self.send_attempts} attempts")
