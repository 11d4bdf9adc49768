"""A tiny Discord on 127.0.0.1: REST over HTTP and a JSON gateway over a websocket.

simcord replaces discord.py's transport; this exercises it instead (login, the gateway
handshake, JSON on the wire, `adapter.run()` and `adapter.close()`). It knows one guild, one
channel, one member and just the routes the adapter uses. discord.py reads its endpoints from
two class attributes, which `serve` points here for the duration.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import discord
import yarl
from aiohttp import WSMsgType, web

APP_ID = 900
BOT = {"id": str(APP_ID), "username": "articlebot", "discriminator": "0", "avatar": None}
BOT_USER = {**BOT, "bot": True, "verified": True, "mfa_enabled": False, "flags": 0}
GUILD_ID, CHANNEL_ID = 1000, 1001
MEMBER = {"id": "2000", "username": "alice", "discriminator": "0", "avatar": None}
TIMESTAMP = "2026-01-01T00:00:00+00:00"


def member_payload(user: dict[str, Any], permissions: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"user": user, "roles": [], "joined_at": TIMESTAMP}
    data.update(deaf=False, mute=False, flags=0, pending=False)
    if permissions is not None:
        data["permissions"] = permissions
    return data


def _json(data: Any, status: int = 200) -> web.Response:
    """discord.py only decodes a body whose content type is exactly `application/json`."""
    headers = {"Content-Type": "application/json"}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=headers)


@dataclass
class FakeDiscord:
    port: int = 0
    received: list[tuple[str, str, Any]] = field(default_factory=list)  # method, path, JSON
    sent_messages: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    resumed: asyncio.Event = field(default_factory=asyncio.Event)
    _socket: web.WebSocketResponse | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5000))
    _sequence: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    # -- gateway ---------------------------------------------------------------------------

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._socket is not None, "the bot is not connected"
        payload = {"op": 0, "t": event, "s": next(self._sequence), "d": data}
        await self._socket.send_str(json.dumps(payload))

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 45_000}}))
        async for message in socket:
            if message.type is not WSMsgType.TEXT:
                break
            op = json.loads(message.data)["op"]
            if op == 1:  # heartbeat
                await socket.send_str(json.dumps({"op": 11}))
            elif op == 2:  # identify
                await self._ready()
            elif op == 6:  # resume after a reconnect: the session goes on
                await self.dispatch("RESUMED", {})
                self.resumed.set()
        return socket

    async def ask_to_reconnect(self) -> None:
        """What Discord does before moving a session to another server (op 7 RECONNECT)."""
        assert self._socket is not None, "the bot is not connected"
        await self._socket.send_str(json.dumps({"op": 7, "d": None}))

    async def _ready(self) -> None:
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "user": BOT_USER,
                "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
                "session_id": "session",
                "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gateway",
                "application": {"id": str(APP_ID), "flags": 0},
            },
        )
        everyone = {"id": str(GUILD_ID), "name": "@everyone", "permissions": "68608"}
        everyone.update(position=0, color=0, hoist=False, managed=False, mentionable=False)
        channel = {"id": str(CHANNEL_ID), "type": 0, "name": "library", "position": 0}
        channel.update(guild_id=str(GUILD_ID), permission_overwrites=[])
        await self.dispatch(
            "GUILD_CREATE",
            {
                "id": str(GUILD_ID),
                "name": "Readers",
                "owner_id": "1",
                "roles": [everyone],
                "channels": [channel],
                "members": [member_payload(BOT), member_payload(MEMBER)],
                "member_count": 2,
                "features": [],
                "emojis": [],
                "stickers": [],
            },
        )
        self.identified.set()

    async def user_says(self, content: str) -> None:
        await self.dispatch(
            "MESSAGE_CREATE",
            {
                **self._message(content, MEMBER),
                "member": {k: v for k, v in member_payload(MEMBER).items() if k != "user"},
            },
        )

    async def user_runs(self, name: str, **options: str) -> None:
        await self.dispatch(
            "INTERACTION_CREATE",
            {
                "id": str(next(self._ids)),
                "application_id": str(APP_ID),
                "type": 2,
                "token": "interaction-token",
                "version": 1,
                "guild_id": str(GUILD_ID),
                "channel_id": str(CHANNEL_ID),
                "channel": {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID)},
                "member": member_payload(MEMBER, permissions="68608"),
                "app_permissions": "8",
                "locale": "en-US",
                "guild_locale": "en-US",
                "entitlements": [],
                "attachment_size_limit": 10_000_000,
                "authorizing_integration_owners": {"0": str(GUILD_ID)},
                "context": 0,
                "data": {
                    "id": "1",
                    "name": name,
                    "type": 1,
                    "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()],
                },
            },
        )

    # -- REST -------------------------------------------------------------------------------

    def _message(self, content: str, author: dict[str, Any], **extra: Any) -> dict[str, Any]:
        message = {
            "id": str(next(self._ids)),
            "channel_id": str(CHANNEL_ID),
            "guild_id": str(GUILD_ID),
            "author": author,
            "content": content,
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
        }
        message.update(extra)
        return message

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        body = await request.json() if request.can_read_body else None
        path = request.path.removeprefix("/api/v10")
        self.received.append((request.method, path, body))
        route = f"{request.method} {path}"
        if route == "GET /users/@me":
            return _json(BOT_USER)
        if route == "GET /oauth2/applications/@me":
            app = {"id": str(APP_ID), "name": "articlebot", "icon": None, "description": ""}
            app.update(bot_public=False, bot_require_code_grant=False, verify_key="k", flags=0)
            return _json({**app, "owner": MEMBER})
        if route == f"PUT /applications/{APP_ID}/commands":
            return _json(
                [
                    {**c, "id": str(n), "application_id": str(APP_ID), "version": "1"}
                    for n, c in enumerate(body, 1)
                ]
            )
        if route == f"POST /channels/{CHANNEL_ID}/messages":
            await self.sent_messages.put(body)
            return _json(self._message("", BOT, embeds=body.get("embeds", [])))
        if request.method == "POST" and path.endswith("/callback"):
            await self.sent_messages.put(body["data"])
            interaction = {"id": path.split("/")[2], "type": 2}
            return _json({"interaction": interaction, "resource": {"type": 4}})
        return _json({"message": f"not faked: {route}", "code": 0}, status=404)


@asynccontextmanager
async def serve() -> AsyncIterator[FakeDiscord]:
    """Run the fake on a free local port and point discord.py at it."""
    fake = FakeDiscord()
    app = web.Application()
    app.router.add_get("/gateway", fake._gateway)
    app.router.add_route("*", "/api/v10/{tail:.*}", fake._rest)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    assert runner.addresses
    fake.port = runner.addresses[0][1]
    old_base, old_gateway = (
        discord.http.Route.BASE,
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY,
    )
    discord.http.Route.BASE = f"http://127.0.0.1:{fake.port}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
        f"ws://127.0.0.1:{fake.port}/gateway"
    )
    try:
        yield fake
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway
        await runner.cleanup()
