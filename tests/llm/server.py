"""A scripted OpenAI-compatible chat completions server on 127.0.0.1, started by the tests.

Each test queues the answers it wants (`Answer`: a content, an HTTP status, a delay), or answers
each request by its body (`respond`), and reads back the requests the bot sent.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

PATH = "/v1/chat/completions"


@dataclass(frozen=True)
class Answer:
    content: str = ""
    status: int = 200
    delay: float = 0.0


@dataclass
class Received:
    body: dict[str, Any]
    headers: dict[str, str]
    path: str

    @property
    def messages(self) -> list[dict[str, str]]:
        return list(self.body["messages"])


@dataclass
class ScriptedModel:
    answers: list[Answer] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    url: str = ""
    respond: Callable[[dict[str, Any]], Answer] | None = None  # instead of the queued answers
    _runner: web.AppRunner | None = None

    def say(self, *contents: str | Answer) -> None:
        self.answers.extend(a if isinstance(a, Answer) else Answer(a) for a in contents)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}/v1"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append(Received(body, dict(request.headers), request.path))
        if self.respond is not None:
            answer = self.respond(body)
        else:
            answer = self.answers.pop(0) if self.answers else Answer(status=503)
        if answer.delay:
            await asyncio.sleep(answer.delay)
        if request.path != PATH or answer.status != 200:
            return web.Response(status=404 if request.path != PATH else answer.status)
        completion = {
            "id": f"chatcmpl-{len(self.received)}",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", ""),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": answer.content},
                    "finish_reason": "stop",
                }
            ],
        }
        return web.Response(text=json.dumps(completion), content_type="application/json")
