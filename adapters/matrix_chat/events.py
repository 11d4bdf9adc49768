"""Reading what matters out of a room event's content: the command, its thread, its file, and
whether it edits an earlier message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# `m.notice` is left out on purpose: bots post notices, and a bot that answered them would
# answer another bot's answers, which answers again, in a loop.
TEXT_TYPES = ("m.text", "m.emote")


@dataclass(frozen=True)
class FileRef:
    """An uploaded file: where to fetch it and, for encrypted rooms, how to decrypt it."""

    mxc: str
    filename: str
    mimetype: str = ""
    size: int | None = None
    encryption: dict[str, Any] | None = None

    @classmethod
    def from_content(cls, content: dict[str, Any]) -> FileRef | None:
        if content.get("msgtype") != "m.file":
            return None
        encrypted = _mapping(content, "file") or None
        mxc = (encrypted or content).get("url")
        if not isinstance(mxc, str) or not mxc.startswith("mxc://"):
            return None
        size = _mapping(content, "info").get("size")
        return cls(
            mxc,
            str(content.get("filename") or content.get("body") or "upload"),
            str(_mapping(content, "info").get("mimetype") or ""),
            size if isinstance(size, int) else None,
            encrypted,
        )


def _mapping(content: dict[str, Any], key: str) -> dict[str, Any]:
    value = content.get(key)
    return value if isinstance(value, dict) else {}


def relation(content: dict[str, Any]) -> dict[str, Any]:
    return _mapping(content, "m.relates_to")


def replied_to(content: dict[str, Any]) -> str | None:
    """The id of the event this message replies to, if any."""
    reply = relation(content).get("m.in_reply_to")
    event_id = reply.get("event_id") if isinstance(reply, dict) else None
    return event_id if isinstance(event_id, str) else None


def thread_root(content: dict[str, Any]) -> str | None:
    rel = relation(content)
    root = rel.get("event_id")
    return root if rel.get("rel_type") == "m.thread" and isinstance(root, str) else None


def edited(content: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """(id of the message edited, its new content) when this content is an edit (`m.replace`)."""
    rel = relation(content)
    original = rel.get("event_id")
    if rel.get("rel_type") != "m.replace" or not isinstance(original, str):
        return None
    return original, _mapping(content, "m.new_content")


def strip_reply_fallback(body: str) -> str:
    """The body without the quoted `> <@user> ...` lines older clients put before a reply."""
    lines = body.split("\n")
    if not lines or not lines[0].startswith(">"):
        return body
    while lines and lines[0].startswith(">"):
        lines.pop(0)
    return "\n".join(lines).lstrip("\n")


def command_text(content: dict[str, Any]) -> str | None:
    """The text a person typed: a message body, or an uploaded file's caption."""
    body = content.get("body")
    if not isinstance(body, str):
        return None
    msgtype = content.get("msgtype")
    if msgtype in TEXT_TYPES:
        return strip_reply_fallback(body) if replied_to(content) else body
    if msgtype == "m.file":
        # Since spec v1.10 a `body` differing from `filename` is a caption.
        filename = content.get("filename")
        return body if isinstance(filename, str) and filename != body else None
    return None
