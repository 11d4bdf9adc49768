"""Hostile files through `!add`: a clear refusal and the library unchanged; legacy encodings read
correctly; stray invalid bytes never turn into mojibake or a traceback."""

from __future__ import annotations

import asyncio
import os
import zlib
from pathlib import Path

import pytest

from adapters.console import console_request
from bot.core import Bot
from bot.models import Attachment, Reply, Role
from tests.reliability.checks import check_all
from tests.reliability.loaded import load
from tests.reliability.tally import case
from tests.support.requests import ask, checksum, library

pytestmark = pytest.mark.attack("Hostile files through !add")

PROSE = (
    "The committee met in the old library on Thursday evening and talked for three hours "
    "about the budget, the roof, the garden and the plans for a new reading room. "
)
BOILERPLATE_HTML = (
    "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/a'>About"
    "</a> <a href='/c'>Contact</a></nav><div class='cookie'>We use cookies. Accept all.</div>"
    "<footer>© 2026 Example Media. All rights reserved. Privacy policy. Terms of use."
    "</footer></body></html>"
)


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + os.urandom(2000)


def _nested_html(depth: int) -> bytes:
    return (b"<div>" * depth + b"<p>deep</p>" + b"</div>" * depth)[:1_900_000]


def _repeated_html(size: int) -> bytes:
    unit = b"<span><b><i><u>x</u></i></b></span>"
    return b"<html><body>" + unit * (size // len(unit)) + b"</body></html>"


HOSTILE = {
    "binary.txt": os.urandom(4000).replace(b"\x00", b"") + b"\x00" * 200,
    "image-named.txt": _png(),
    "jpeg.md": b"\xff\xd8\xff\xe0" + os.urandom(1000),
    "pdf.txt": b"%PDF-1.7\n" + os.urandom(1000),
    "zip.html": b"PK\x03\x04" + zlib.compress(b"<p>" * 100_000),
    "gzip.txt": b"\x1f\x8b" + zlib.compress(b"a" * 1_000_000),
    "elf": b"\x7fELF" + os.urandom(500),
    "empty.txt": b"",
    "blank.txt": b" \n\t\r\n   \n",
    "only-title.txt": b"A title and nothing else\n",
    "nested.html": _nested_html(150_000),
    "repeated.html": _repeated_html(100_000),
    "boilerplate.html": BOILERPLATE_HTML.encode(),
    "boilerplate.txt": b"Home | About | Contact\nSubscribe now\nCookie policy\n",
    "script-only.html": b"<html><body><script>" + b"var a=1;" * 50_000 + b"</script></body></html>",
    "utf16-junk.txt": b"\xff\xfe" + os.urandom(3000),
    "archive.docx": b"PK\x03\x04" + os.urandom(500),
    "program.exe": b"MZ" + os.urandom(500),
    "too-large.txt": (PROSE * 20_000).encode()[:2_100_000],
    "unsupported.pdfx": (PROSE * 5).encode(),
}


async def article_text(bot: Bot, number: int) -> str:
    books = await library(bot)
    [article] = await books.resolve(f"#{number}")
    return await books.text(article)


async def _add(bot: Bot, *files: Attachment, role: Role = Role.MODERATOR) -> Reply:
    reply = await ask(bot, "!add", user="mod", role=role, place="console", files=tuple(files))
    check_all(reply)
    return reply


# Markup bombs at the upload limit: a minute of extraction each, so in the slow run only.
HEAVY = {
    "nested-1.9MB.html": _nested_html(400_000),
    "repeated-1.9MB.html": _repeated_html(1_900_000),
    "tables-1.9MB.html": b"<table>" + b"<tr><td>x</td></tr>" * 100_000 + b"</table>",
}


async def test_hostile_files_are_refused_and_change_nothing(bot: Bot) -> None:
    await _refused(bot, HOSTILE)


@pytest.mark.slow
async def test_markup_bombs_at_the_size_limit_are_refused(bot: Bot) -> None:
    await _refused(bot, HEAVY)


async def _refused(bot: Bot, files: dict[str, bytes]) -> None:
    await load(bot)
    before = await checksum(bot)
    for name, data in files.items():
        with case():
            reply = await _add(bot, Attachment(name, data))
            assert reply.is_error, (name, reply)
            text = "\n".join(reply.first.paragraphs)
            assert "Not added" in text or reply.first.title == "Not added", (name, text)
            assert "Traceback" not in text and "Something went wrong" not in text, (name, text)
            assert await checksum(bot) == before, name


async def test_the_bot_answers_others_while_a_markup_bomb_is_read(bot: Bot) -> None:
    """Found here: extraction ran on the event loop, so one upload froze every chat."""
    with case():
        adding = asyncio.create_task(_add(bot, Attachment("bomb.html", _repeated_html(150_000))))
        for _ in range(5):
            await asyncio.sleep(0)
        reply = await ask(bot, "!help", user="u2", role=Role.MEMBER, place="console")
        assert not reply.is_error
        assert not adding.done()  # answered while the bomb is still being read
        assert (await adding).is_error


async def test_a_bad_file_beside_a_good_one_adds_only_the_good_one(bot: Bot) -> None:
    with case():
        good = ("Reading room\n" + PROSE * 3).encode()
        reply = await _add(bot, Attachment("x.png", _png()), Attachment("good.txt", good))
        assert not reply.is_error
        assert "Not added" in reply.first.paragraphs[0]
        assert await (await library(bot)).count() == 1


async def test_a_50_mb_file_is_refused_without_reading_it_whole(
    bot: Bot, tmp_path: Path
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB of NUL bytes
        handle.seek(0)
        handle.write(b"Huge\n" + PROSE.encode() * 10)
    await library(bot, "console:default")  # where the console's request goes
    before = await checksum(bot)
    with case():
        request = console_request(
            f"add @{path}", "!", Role.MODERATOR, bot.settings.max_upload_bytes
        )
        assert len(request.attachments[0].data) == bot.settings.max_upload_bytes + 1
        reply = await bot.handle(request)
        assert reply is not None and reply.is_error
        assert "too large" in reply.first.paragraphs[0]
        assert await checksum(bot) == before
    with case():  # the same bytes handed over whole by an adapter
        reply = await _add(bot, Attachment("huge.txt", path.read_bytes()))
        assert reply.is_error and "too large" in reply.first.paragraphs[0]
        assert await checksum(bot) == before


LEGACY = "Café society in Zürich: “Ça va?” asked the maître d’, naïvely — 50 € for crème brûlée."


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cp1252.txt", ("Legacy\n" + LEGACY + " " + PROSE).encode("cp1252")),
        (
            "latin1.txt",
            ("Legacy\n" + LEGACY.replace("“", '"').replace("”", '"').replace("’", "'")
             .replace("—", "-").replace("€", "EUR") + " " + PROSE).encode("latin-1"),
        ),
        (
            "cp1252.html",
            (
                "<html><head><meta charset='windows-1252'><title>Legacy</title></head><body>"
                f"<article><h1>Legacy</h1><p>{LEGACY}</p><p>{PROSE}</p>"
                # A page needs 80 words, however it comes; trafilatura drops repeated paragraphs.
                f"<p>{PROSE.replace('Thursday', 'Monday')}</p>"
                f"<p>{PROSE.replace('Thursday', 'Friday')}</p>"
                "</article></body></html>"
            ).encode("cp1252"),
        ),
    ],
)
async def test_legacy_encodings_are_read_correctly(bot: Bot, name: str, data: bytes) -> None:
    with case():
        reply = await _add(bot, Attachment(name, data))
        assert not reply.is_error, reply
        text = await article_text(bot, 1)
        for word in ("Café", "Zürich", "maître", "naïvely", "crème", "brûlée"):
            assert word in text, (word, text[:200])
        assert "Ã" not in text and "\ufffd" not in text


@pytest.mark.parametrize("damage", [b"\xff", b"\xc3", b"\x80\x81", b"\xed\xa0\x80", b"\xfe\xff"])
async def test_stray_invalid_bytes_keep_the_readable_text(bot: Bot, damage: bytes) -> None:
    """Mostly UTF-8 with damaged bytes: refused, or stored with its text intact, never mojibake."""
    body = ("Damaged\n" + LEGACY + " " + PROSE).encode("utf-8")
    cut = body.index(b"committee")
    data = body[:cut] + damage + body[cut:] + damage
    with case():
        reply = await _add(bot, Attachment("damaged.txt", data))
        if reply.is_error:
            assert "Something went wrong" not in reply.first.paragraphs[0]
            return
        text = await article_text(bot, 1)
        assert "Zürich" in text and "brûlée" in text and "committee" in text
        assert "Ã" not in text and "\ufffd" not in text
