"""Turning pasted text and uploaded files into clean article text, or a clear refusal.

What was pasted or uploaded decides the reader: an HTML page goes through the same extraction
as a page read from a link (`bot.ingest.page`), Markdown is rendered to plain text
(`bot.ingest.markdown`), and anything else is plain text with its title on the first line.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import PurePath

from bot.ingest import markdown
from bot.ingest.document import Document, IngestError, make_document, normalise
from bot.ingest.document import plural as plural  # the commands format counts with it
from bot.ingest.page import document_from_html, looks_like_html

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PASTED = "the pasted page"
_DAMAGE = re.compile("\ufffd+")
# Bytes that never appear in text files: NUL and C0 controls other than tab, LF, FF, CR.
_BINARY_BYTES = set(range(0, 9)) | {11} | set(range(14, 32))
# Well-known magic numbers, so an image renamed to .txt is refused by what it is.
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"\x7fELF": "a program",
    b"MZ": "a program",
    b"RIFF": "a media file",
    b"ID3": "an audio file",
    b"\x00\x00\x00": "a binary file",
}


def describe_binary(data: bytes) -> str | None:
    """What kind of binary file this is, or None when it may be text."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if sample and sum(b in _BINARY_BYTES for b in sample) / len(sample) > 0.01:
        return "a binary file"
    return None


def decode(data: bytes) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Text that is mostly UTF-8 with a few stray invalid bytes keeps its readable text and drops
    the bad bytes, rather than turning every accent into mojibake.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace").replace("\ufffd", "")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace").replace("\ufffd", "")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    damaged = len(_DAMAGE.findall(lenient))  # runs of bad bytes: one per damaged spot
    multibyte = sum(1 for ch in lenient if ord(ch) > 0x7F and ch != "\ufffd")
    if multibyte > damaged:  # real UTF-8 with a few damaged bytes (legacy text has almost no
        return lenient.replace("\ufffd", "")  # valid multi-byte sequences)
    return data.decode("cp1252", errors="replace").replace("\ufffd", "")


def _garbled(text: str) -> bool:
    """Whether decoded text is mostly not text: binary data behind a UTF-16 byte order mark
    decodes to private-use and unassigned code points that no real article holds."""
    sample = [ch for ch in text[:20_000] if not ch.isspace()]
    odd = sum(1 for ch in sample if unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    return bool(sample) and odd > len(sample) * 0.02


def check_size(size: int, limit: int) -> None:
    """Refuse input over the limit (callers read at most one byte past it, so no exact size)."""
    if size > limit:
        raise IngestError(f"That is too large: the limit is {limit / 1_000_000:.1f} MB.")


def from_pasted(text: str, limit: int) -> Document:
    """Pasted text: an HTML page, Markdown, or plain text with the title on the first line."""
    check_size(len(text.encode("utf-8", errors="replace")), limit)
    if looks_like_html(text):
        return document_from_html(text, PASTED)
    rendered = markdown.render(text) if markdown.looks_like_markdown(text) else None
    if rendered is not None:
        return _from_markdown(rendered, fallback_title="")
    clean = normalise(text)
    title, _, body = clean.partition("\n")
    if not body.strip():
        raise IngestError(
            "Paste the article with its title on the first line and the text below it."
        )
    return make_document(title, body)


def from_file(filename: str, data: bytes, limit: int) -> Document:
    """An uploaded .txt/.md (first line or heading is the title) or .html file."""
    check_size(len(data), limit)
    if not data.strip():
        raise IngestError(f"`{short_name(filename)}` is empty.")
    binary = describe_binary(data)
    if binary:
        raise IngestError(
            f"`{short_name(filename)}` looks like {binary}, not text. "
            "Upload a .txt, .md or .html file."
        )
    suffix = PurePath(filename.lower()).suffix
    text = decode(data)
    if _garbled(text):
        raise IngestError(
            f"`{short_name(filename)}` looks like a binary file, not text. "
            "Upload a .txt, .md or .html file."
        )
    if suffix in HTML_SUFFIXES or (not suffix and looks_like_html(text)):
        return document_from_html(text, short_name(filename))
    if suffix and suffix not in TEXT_SUFFIXES:
        raise IngestError(
            f"`{short_name(filename)}`: {suffix} files are not supported. "
            "Upload a .txt, .md or .html file."
        )
    stem = PurePath(filename).stem.replace("_", " ")
    if suffix in MARKDOWN_SUFFIXES or markdown.looks_like_markdown(text):
        return _from_markdown(markdown.render(text), fallback_title=stem)
    clean = normalise(text)
    title, _, body = clean.partition("\n")
    if not body.strip():
        body, title = title, stem
    return make_document(title, body)


def _from_markdown(rendered: markdown.Rendered, fallback_title: str) -> Document:
    """The first heading (or else the first line) is the title; links are cited sources."""
    title, body = rendered.title, rendered.text
    if not title:
        first, _, rest = normalise(body).partition("\n")
        title, body = (first, rest) if rest.strip() else (fallback_title, first)
    if not body.strip():
        raise IngestError("That Markdown holds a title but no article text below it.")
    return make_document(title, body, links=rendered.links)


def short_name(name: str) -> str:
    """A file name safe and short enough to show in a reply."""
    name = normalise(name).replace("`", "'")
    return name if len(name) <= 60 else name[:57] + "…"
