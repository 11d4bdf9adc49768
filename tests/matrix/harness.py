"""Test drivers: real matrix-nio user clients, and the bot run in-process against Synapse."""

from __future__ import annotations

import asyncio
import io
import json
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nio import (
    AsyncClient,
    AsyncClientConfig,
    Event,
    RoomCreateResponse,
    RoomSendResponse,
    UploadResponse,
)

from adapters.matrix_chat import MatrixAdapter
from bot.backoff import Backoff
from bot.config import Settings
from bot.core import Bot
from bot.models import Reply, Request
from tests.matrix.synapse_server import Account, SynapseServer

_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
Source = dict[str, Any]


class MatrixUser:
    """A person in the test: a nio client syncing in the background, recording every event."""

    def __init__(self, server: SynapseServer, account: Account, store: Path | None = None):
        self.server = server
        self.account = account
        self.user_id = account.user_id
        if store is not None:
            store.mkdir(parents=True, exist_ok=True)
        self.client = AsyncClient(
            server.url,
            account.user_id,
            store_path=str(store) if store else "",
            config=AsyncClientConfig(
                max_limit_exceeded=0, max_timeouts=2, encryption_enabled=store is not None
            ),
        )
        self.client.restore_login(account.user_id, account.device_id, account.access_token)
        self.events: list[Source] = []
        self.decrypted: set[str] = set()
        self._changed = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None
        self.client.add_event_callback(self._record, Event)

    async def _record(self, room: Any, event: Event) -> None:
        source = dict(event.source)
        source.setdefault("room_id", room.room_id)
        if getattr(event, "decrypted", False):
            self.decrypted.add(source.get("event_id", ""))
        async with self._changed:
            self.events.append(source)
            self._changed.notify_all()

    async def start(self) -> None:
        """Start syncing (again, after the homeserver was away and the last sync loop gave up)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self._task = asyncio.create_task(self.client.sync_forever(timeout=30_000))
        await asyncio.wait_for(self.client.synced.wait(), 30)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self.client.close()

    async def wait_for(
        self, predicate: Callable[[Source], bool], count: int = 1, timeout: float = 15.0
    ) -> list[Source]:
        """The first `count` recorded events matching `predicate`; fails after `timeout`."""

        async def enough() -> list[Source]:
            async with self._changed:
                while len(found := [e for e in self.events if predicate(e)]) < count:
                    await self._changed.wait()
                return found[:count]

        try:
            return await asyncio.wait_for(enough(), timeout)
        except TimeoutError:
            seen = [e for e in self.events if predicate(e)]
            raise AssertionError(f"{self.user_id} saw {len(seen)} of {count} events") from None

    def matching(self, predicate: Callable[[Source], bool]) -> list[Source]:
        return [e for e in self.events if predicate(e)]

    # -- rooms and messages -----------------------------------------------------------------

    async def create_room(
        self,
        invite: tuple[str, ...] = (),
        encrypted: bool = False,
        levels: dict[str, int] | None = None,
    ) -> str:
        state = []
        if encrypted:
            state.append(
                {
                    "type": "m.room.encryption",
                    "state_key": "",
                    "content": {"algorithm": "m.megolm.v1.aes-sha2"},
                }
            )
        response = await self.client.room_create(
            invite=invite,
            initial_state=state,
            power_level_override={"users": levels} if levels else None,
        )
        assert isinstance(response, RoomCreateResponse), response
        return response.room_id

    async def join(self, room_id: str) -> None:
        await self.client.join(room_id)
        await self.wait_for(lambda e: is_membership(e, self.user_id, "join", room_id))

    async def send(self, room_id: str, body: str, **content: Any) -> str:
        response = await self.client.room_send(
            room_id,
            "m.room.message",
            {"msgtype": "m.text", "body": body, **content},
            ignore_unverified_devices=True,
        )
        assert isinstance(response, RoomSendResponse), response
        return response.event_id

    async def send_file(
        self,
        room_id: str,
        filename: str,
        data: bytes,
        caption: str = "",
        encrypt: bool = False,
        **content: Any,
    ) -> str:
        """Upload `data` and post it as m.file (encrypted as clients do in encrypted rooms)."""
        upload, keys = await self.client.upload(
            io.BytesIO(data),
            content_type="text/plain",
            filename=filename,
            filesize=len(data),
            encrypt=encrypt,
        )
        assert isinstance(upload, UploadResponse), upload
        where = (
            {"file": {**keys, "url": upload.content_uri}} if keys else {"url": upload.content_uri}
        )
        message = {
            "msgtype": "m.file",
            "body": caption or filename,
            "filename": filename,
            "info": {"size": len(data), "mimetype": "text/plain"},
            **where,
            **content,
        }
        response = await self.client.room_send(
            room_id, "m.room.message", message, ignore_unverified_devices=True
        )
        assert isinstance(response, RoomSendResponse), response
        return response.event_id

    async def replies(
        self, event_id: str, sender: str, count: int = 1, timeout: float = 15.0
    ) -> list[Source]:
        return await self.wait_for(lambda e: is_reply(e, event_id, sender), count, timeout)

    def raw_event(self, room_id: str, event_id: str) -> Source:
        """The event as the homeserver stores it (encrypted stays encrypted)."""
        quote = urllib.parse.quote
        path = f"/_matrix/client/v3/rooms/{quote(room_id)}/event/{quote(event_id)}"
        request = urllib.request.Request(
            self.server.url + path,
            headers={"Authorization": f"Bearer {self.account.access_token}"},
        )
        with _NO_PROXY.open(request, timeout=10) as response:
            result: Source = json.loads(response.read())
            return result


def content_of(event: Source) -> Source:
    content = event.get("content")
    return content if isinstance(content, dict) else {}


def is_membership(event: Source, user_id: str, membership: str, room_id: str) -> bool:
    return (
        event.get("type") == "m.room.member"
        and event.get("state_key") == user_id
        and event.get("room_id") == room_id
        and content_of(event).get("membership") == membership
    )


def is_reply(event: Source, event_id: str, sender: str) -> bool:
    relates = content_of(event).get("m.relates_to") or {}
    reply = relates.get("m.in_reply_to") or {} if isinstance(relates, dict) else {}
    return event.get("sender") == sender and reply.get("event_id") == event_id


class BotRunner:
    """The articlebot core and Matrix adapter, running in this event loop until stopped.

    `requests` records every request the adapter handed to the core, in order: how often a
    command ran, which replies alone cannot show (the homeserver drops a repeated answer).
    """

    def __init__(self, settings: Settings, **options: Any) -> None:
        self.settings = settings
        self.options = {"backoff": Backoff(base=0.1, cap=1.0), **options}
        self.bot: Bot | None = None
        self.adapter: MatrixAdapter | None = None
        self.requests: list[Request] = []
        self._task: asyncio.Task[None] | None = None

    def ran(self, text: str) -> int:
        """How many times the core was asked to run `text`."""
        return sum(request.text == text for request in self.requests)

    async def start(self, timeout: float = 30.0) -> BotRunner:
        self.bot = await Bot.open(self.settings)
        handle = self.bot.handle

        async def counted(request: Request) -> Reply | None:
            self.requests.append(request)
            return await handle(request)

        self.bot.handle = counted  # type: ignore[method-assign]
        self.adapter = MatrixAdapter(self.bot, self.settings, **self.options)
        self._task = asyncio.create_task(self.adapter.run())
        synced = asyncio.create_task(self.adapter.synced.wait())
        done, _ = await asyncio.wait(
            {synced, self._task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if self._task in done:
            self._task.result()  # raises what stopped it
        assert synced in done, "the bot did not finish its first sync"
        return self

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self.adapter is not None:
            await self.adapter.close()
        if self.bot is not None:
            await self.bot.close()
        self._task, self.adapter, self.bot = None, None, None


def bot_settings(
    server: SynapseServer, account: Account, directory: Path, **platform: str
) -> Settings:
    return Settings(
        db=str(directory / "library.db"),
        state_dir=directory / "state",
        cooldown_commands=10_000,
        platform={
            "MATRIX_HOMESERVER": server.url,
            "MATRIX_USER_ID": account.user_id,
            "MATRIX_PASSWORD": account.password,
            **platform,
        },
    )


async def eventually(check: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)
