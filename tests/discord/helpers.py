"""Reading what the bot sent to (simulated) Discord, from the raw JSON of its REST requests."""

from __future__ import annotations

from typing import Any

import discord
import simcord

from adapters.discord_chat import render


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


def assert_within_limits(embed: discord.Embed) -> None:
    """Discord's documented limits for one embed."""
    data = embed.to_dict()
    title = data.get("title", "")
    description = data.get("description", "")
    footer = data.get("footer", {}).get("text", "")
    fields = data.get("fields", [])
    assert len(title) <= render.TITLE_MAX
    assert len(description) <= render.DESCRIPTION_MAX
    assert len(footer) <= 2048
    assert len(fields) <= render.FIELDS_MAX
    for field in fields:
        assert 0 < len(field["name"]) <= render.FIELD_NAME_MAX
        assert 0 < len(field["value"]) <= render.FIELD_VALUE_MAX
    total = len(title) + len(description) + len(footer)
    total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    assert total <= render.EMBED_TOTAL_MAX


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
