"""An OpenAI-compatible chat completions client: one documented request shape, sent only to
the configured endpoint.

The body is `{model, messages, temperature: 0, stream: false}`; the answer is read from
`choices[0].message.content`. Redirects are not followed and the environment's proxies and
.netrc are ignored, so an article text goes to the configured URL and nowhere else. Every
request is bounded in time as a whole (waiting for a free slot included), and only a few run at
once: a slow endpoint delays summaries, never the bot's other commands.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from bot.config import LlmSettings

CONCURRENT_REQUESTS = 2  # requests in flight per process; more wait for a slot
MAX_ANSWER_CHARS = 20_000  # a summary is far shorter: anything longer is not one


class LlmError(Exception):
    """No usable answer; the message says why, in words fit for a reply's footer."""


Message = dict[str, str]


class ChatClient:
    def __init__(
        self,
        settings: LlmSettings,
        concurrency: int = CONCURRENT_REQUESTS,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.model = settings.model
        self._settings = settings
        self._slots = asyncio.Semaphore(concurrency)
        headers = {"Authorization": f"Bearer {settings.key}"} if settings.key else {}
        self._http = httpx.AsyncClient(
            headers=headers,
            timeout=settings.timeout,
            follow_redirects=False,
            trust_env=False,
            transport=transport,
        )

    async def complete(self, messages: list[Message]) -> str:
        """The model's answer to `messages`; LlmError when there is none in time."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "stream": False,
        }
        timeout = self._settings.timeout
        try:
            async with asyncio.timeout(timeout), self._slots:
                response = await self._http.post(self._settings.endpoint, json=body)
        except (TimeoutError, httpx.TimeoutException):
            raise LlmError(f"the language model did not answer within {timeout:g} s") from None
        except httpx.HTTPError:
            raise LlmError("the language model could not be reached") from None
        if response.status_code != httpx.codes.OK:
            raise LlmError(f"the language model answered with HTTP {response.status_code}")
        return _content(response)

    async def close(self) -> None:
        await self._http.aclose()


def _content(response: httpx.Response) -> str:
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, LookupError, TypeError):
        raise LlmError("the language model's answer was not a chat completion") from None
    if not isinstance(content, str) or not content.strip():
        raise LlmError("the language model's answer was empty")
    if len(content) > MAX_ANSWER_CHARS:
        raise LlmError("the language model's answer was far too long for a summary")
    return content
