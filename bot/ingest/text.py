"""Turning pasted text and uploaded files into clean article text, or a clear refusal."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MIN_WORDS = 20
MAX_WORDS = 20_000  # about four times a long read; longer texts are books, dumps or attacks
MAX_WORD_SHARE = 0.15  # "the", the commonest English word, is about 6% of prose
MAX_TITLE = 300

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_BLANK_LINES = re.compile(r"\n{2,}")
# Control (Cc but tab and line feed), surrogate (Cs) and private-use (Co) characters.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]"
)
_WORD = re.compile(r"\w+")
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


class IngestError(ValueError):
    """The input cannot become an article; the message tells the user why."""


@dataclass(frozen=True)
class Document:
    """Clean text ready for analysis, with whatever metadata came with it."""

    title: str
    text: str
    author: str = ""
    outlet: str = ""
    url: str = ""
    canonical_url: str = ""
    published: str = ""
    language: str = ""
    links: tuple[tuple[str, str], ...] = ()  # (anchor text, url) cited inside the article


def normalise(text: str) -> str:
    """NFC, one kind of space, no invisible characters, paragraphs separated by one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def content_hash(text: str) -> str:
    """The same article pasted twice, whatever its spacing or case, hashes the same."""
    canonical = " ".join(_WORD.findall(text.casefold()))
    return hashlib.sha256(canonical.encode()).hexdigest()


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
    """Pasted text: the first line is the title, the rest the article."""
    check_size(len(text.encode("utf-8", errors="replace")), limit)
    clean = normalise(text)
    title, _, body = clean.partition("\n")
    if not body.strip():
        raise IngestError(
            "Paste the article with its title on the first line and the text below it."
        )
    return _document(title, body)


def from_file(filename: str, data: bytes, limit: int) -> Document:
    """An uploaded .txt/.md (first line is the title) or .html file."""
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
    if suffix in HTML_SUFFIXES or (not suffix and text.lstrip()[:1] == "<"):
        from bot.ingest.html_file import document_from_html

        return document_from_html(text, filename)
    if suffix and suffix not in TEXT_SUFFIXES:
        raise IngestError(
            f"`{short_name(filename)}`: {suffix} files are not supported. "
            "Upload a .txt, .md or .html file."
        )
    links: tuple[tuple[str, str], ...] = ()
    if suffix in (".md", ".markdown"):
        text, links = markdown_links(text)
    clean = normalise(text)
    title, _, body = clean.partition("\n")
    if not body.strip():
        body, title = title, PurePath(filename).stem.replace("_", " ")
    return _document(title.lstrip("# ").strip(), body, links=links)


_MD_LINK = re.compile(r"(?<!!)\[([^\]\n]{1,300})\]\((https?://[^\s)]{1,2000})(?:\s+\"[^\"]*\")?\)")


def markdown_links(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`[anchor](url)` becomes its anchor in the text, and the link a cited source."""
    links = tuple((m.group(1), m.group(2)) for m in _MD_LINK.finditer(text))
    return _MD_LINK.sub(lambda m: m.group(1), text), links


def _document(
    title: str,
    body: str,
    *,
    author: str = "",
    outlet: str = "",
    published: str = "",
    language: str = "",
    links: tuple[tuple[str, str], ...] = (),
) -> Document:
    title = title.strip()[:MAX_TITLE] or "Untitled"
    body = normalise(body)
    check_body(body)
    return Document(
        title=title,
        text=body,
        author=author,
        outlet=outlet,
        published=published,
        language=language,
        links=links,
    )


def check_body(text: str) -> None:
    """Refuse text that cannot be an article: too short, too long, or one word repeated.

    Besides sparing users junk, the bounds keep search fast: highlighting a snippet costs
    time that grows with how often the searched word occurs in the article.
    """
    words = _WORD.findall(text.casefold())
    count = len(words)
    if count < MIN_WORDS:
        raise IngestError(
            f"That is too short to be an article ({plural(count, 'word')}; "
            f"at least {MIN_WORDS} are needed)."
        )
    if count > MAX_WORDS:
        raise IngestError(
            f"That is too long for an article ({count:,} words; at most {MAX_WORDS:,})."
        )
    if count >= 200:
        word, times = Counter(words).most_common(1)[0]
        if times / count > MAX_WORD_SHARE:
            raise IngestError(
                f"That does not read like an article: “{word[:30]}” makes up "
                f"{times / count:.0%} of its words."
            )


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 word`, `2 words`, `1,200 words`."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def short_name(name: str) -> str:
    """A file name safe and short enough to show in a reply."""
    name = normalise(name).replace("`", "'")
    return name if len(name) <= 60 else name[:57] + "…"
