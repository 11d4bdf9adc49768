"""Downloading uploaded files with a size cap (and decrypting those from encrypted rooms)."""

from __future__ import annotations

from urllib.parse import quote

from nio import AsyncClient
from nio.crypto.attachments import decrypt_attachment

from adapters.matrix_chat.events import FileRef

CHUNK = 64 * 1024


class MediaError(RuntimeError):
    """The file could not be fetched or decrypted."""


async def download(client: AsyncClient, ref: FileRef, limit: int) -> bytes:
    """At most `limit + 1` bytes of the file: enough for the core to refuse an oversized one."""
    if ref.size is not None and ref.size > limit:
        return b"\0" * (limit + 1)
    server, _, media_id = ref.mxc.removeprefix("mxc://").partition("/")
    url = (
        f"{client.homeserver}/_matrix/client/v1/media/download/"
        f"{quote(server, safe='')}/{quote(media_id, safe='')}"
    )
    if client.client_session is None:
        raise MediaError("not connected to the homeserver yet")
    headers = {"Authorization": f"Bearer {client.access_token}"}
    data = bytearray()
    async with client.client_session.get(url, headers=headers) as response:
        if response.status != 200:
            raise MediaError(f"download of {ref.mxc} failed with HTTP {response.status}")
        async for chunk in response.content.iter_chunked(CHUNK):
            data.extend(chunk)
            if len(data) > limit:
                return bytes(data[: limit + 1])
    if ref.encryption is None:
        return bytes(data)
    try:
        return bytes(
            decrypt_attachment(
                bytes(data),
                ref.encryption["key"]["k"],
                ref.encryption["hashes"]["sha256"],
                ref.encryption["iv"],
            )
        )
    except (KeyError, TypeError, ValueError) as err:
        raise MediaError(f"could not decrypt {ref.filename}: {err}") from err
