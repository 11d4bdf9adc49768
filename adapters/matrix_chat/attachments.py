"""The file a command comes with: its own upload (as the caption), or the upload it replies to.

Only files a command can use are downloaded (`Bot.wants_files`): a command that takes a file,
asked by someone allowed to run it. Members' files are never fetched.
"""

from __future__ import annotations

from typing import Any

from nio import AsyncClient

from adapters.matrix_chat.e2ee import DecryptError, decrypted
from adapters.matrix_chat.events import FileRef, replied_to
from adapters.matrix_chat.media import MediaError, download
from bot.core import Bot
from bot.models import Attachment, Request


async def attachment_for(
    client: AsyncClient,
    bot: Bot,
    room_id: str,
    request: Request,
    content: dict[str, Any],
    limit: int,
) -> Attachment | None:
    """The file to hand to the core with `request` (at most `limit + 1` bytes of it), if any.

    Raises `MediaError` when the file is there but cannot be fetched or decrypted.
    """
    if not await bot.wants_files(request):  # the core decides, for every adapter alike
        return None
    ref = FileRef.from_content(content)
    parent_id = replied_to(content)
    if ref is None and parent_id:
        ref = await _file_of(client, room_id, parent_id)
    if ref is None:
        return None
    data = await download(client, ref, limit)
    return Attachment(ref.filename, data, ref.mimetype)


async def _file_of(client: AsyncClient, room_id: str, event_id: str) -> FileRef | None:
    """The file posted as `event_id` (a command can reply to an upload)."""
    response = await client.room_get_event(room_id, event_id)
    try:
        event = decrypted(client, getattr(response, "event", None), event_id)
    except DecryptError as err:
        raise MediaError(str(err)) from err
    source = getattr(event, "source", {})
    return FileRef.from_content(source.get("content", {}))
