"""Reading what the bot sent to (simulated) Discord, from the raw JSON of its REST requests."""

from __future__ import annotations

from typing import Any

import discord
import simcord


def sent_payloads(env: simcord.Env) -> list[dict[str, Any]]:
    """Every message body the bot sent or edited: channel messages, interaction answers, edits."""
    payloads = []
    for entry in env.http_requests:
        body = entry.json
        if entry.method not in ("POST", "PATCH") or not isinstance(body, dict):
            continue
        if "/callback" in entry.path:
            body = body.get("data") or {}
        if "embeds" in body or "content" in body or "components" in body:
            payloads.append(body)
    return payloads


def assert_pings_nobody(env: simcord.Env) -> int:
    """Each message body the bot sent forbids every mention; returns how many were checked."""
    payloads = sent_payloads(env)
    assert payloads, "the bot sent nothing"
    for body in payloads:
        assert body.get("allowed_mentions") == {"parse": []}, body
    return len(payloads)


# Discord's documented limits (developer docs, "Embed Limits" and "Create Message"), written out
# here rather than read from the renderer, so a renderer constant that drifts fails the tests.
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_NAME_MAX = 256
EMBED_CHARACTERS_MAX = 6000  # all of the above together, in one embed and in one message
EMBEDS_PER_MESSAGE_MAX = 10
CONTENT_MAX = 2000


def _characters(embed: dict[str, Any]) -> int:
    fields = embed.get("fields", [])
    return (
        len(embed.get("title", ""))
        + len(embed.get("description", ""))
        + len(embed.get("footer", {}).get("text", ""))
        + len(embed.get("author", {}).get("name", ""))
        + sum(len(f["name"]) + len(f["value"]) for f in fields)
    )


def assert_within_limits(embed: discord.Embed) -> None:
    """Discord's documented limits for one embed."""
    data = embed.to_dict()
    assert len(data.get("title", "")) <= TITLE_MAX
    assert len(data.get("description", "")) <= DESCRIPTION_MAX
    assert len(data.get("footer", {}).get("text", "")) <= FOOTER_MAX
    assert len(data.get("author", {}).get("name", "")) <= AUTHOR_NAME_MAX
    fields = data.get("fields", [])
    assert len(fields) <= FIELDS_MAX
    for field in fields:
        assert 0 < len(field["name"]) <= FIELD_NAME_MAX
        assert 0 < len(field["value"]) <= FIELD_VALUE_MAX
    assert _characters(dict(data)) <= EMBED_CHARACTERS_MAX


def assert_messages_within_limits(env: simcord.Env) -> int:
    """Every message body the bot sent keeps Discord's per-message limits; returns how many."""
    payloads = sent_payloads(env)
    assert payloads, "the bot sent nothing"
    for body in payloads:
        embeds = body.get("embeds") or []
        assert len(body.get("content") or "") <= CONTENT_MAX
        assert len(embeds) <= EMBEDS_PER_MESSAGE_MAX
        assert sum(_characters(e) for e in embeds) <= EMBED_CHARACTERS_MAX
    return len(payloads)


def only_embed(message: Any) -> discord.Embed:
    assert message is not None, "no reply"
    assert len(message.embeds) == 1, message.embeds
    embed: discord.Embed = message.embeds[0]
    assert_within_limits(embed)
    return embed


def was_deferred(env: simcord.Env) -> bool:
    """Whether the bot's first answer to the latest interaction was "thinking…" (type 5)."""
    callbacks = [r for r in env.http_requests if r.method == "POST" and "/callback" in r.path]
    assert callbacks, "no interaction was answered"
    latest = callbacks[-1].path
    first = next(r for r in callbacks if r.path == latest)
    kind: int = first.json["type"]
    return kind == 5
