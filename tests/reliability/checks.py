"""What every reply must satisfy on every platform: within the limits, escaped, no mass ping."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from adapters.discord_chat import render as discord_render
from adapters.matrix_chat import render as matrix_render
from bot.models import Reply
from bot.render_text import render_first, render_page
from tests.discord.helpers import assert_within_limits

MATRIX_EVENT_MAX = 65_536
_MATRIX_TAGS = {"h4", "p", "b", "i", "br", "blockquote", "a", "code"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _MATRIX_TAGS:
            self.bad.append(tag)
        for name, value in attrs:
            safe = tag == "a" and name == "href" and (value or "").startswith(("http://", "https"))
            if not safe:
                self.bad.append(f"{tag} {name}={value!r}")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _MATRIX_TAGS:
            self.bad.append(f"/{tag}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_text(reply: Reply) -> None:
    assert isinstance(render_first(reply, "!"), str)
    for page in reply.pages:
        assert isinstance(render_page(page), str)


def check_discord(reply: Reply) -> None:
    embeds = discord_render.render_reply(reply)
    assert embeds
    for embed in embeds:
        assert_within_limits(embed)  # Discord's documented numbers, not the renderer's
        assert len(embed.url or "") <= 2048
        json.dumps(embed.to_dict())


def check_matrix(reply: Reply) -> None:
    messages = matrix_render.render_reply(reply, "!")
    assert messages
    for body, formatted in messages:
        content = matrix_render.notice(body, formatted)
        size = len(json.dumps(content, ensure_ascii=False).encode("utf-8"))
        assert size < MATRIX_EVENT_MAX, size
        assert content["m.mentions"] == {}
        assert "@room" not in body.lower()
        parser = _Tags()
        parser.feed(formatted)
        parser.close()
        assert not parser.bad, parser.bad
        assert "@room" not in "".join(parser.text).lower()


def check_all(reply: Reply) -> None:
    check_text(reply)
    check_discord(reply)
    check_matrix(reply)
