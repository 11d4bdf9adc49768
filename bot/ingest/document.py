"""The one record of an ingested document, and the rules every input meets to become one.

Pasted text, uploaded files and web pages all end here: `make_document` normalises the text,
refuses what cannot be an article, and detects the language. Metadata that is not known is left
empty (never guessed): the card then leaves the field out.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from bot.nlp.language import detect_language, words

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


class IngestError(ValueError):
    """The input cannot become an article; the message tells the user why."""


@dataclass(frozen=True)
class Document:
    """Clean text ready for analysis, with whatever metadata came with it ("" when unknown)."""

    title: str
    text: str  # paragraphs separated by one blank line
    author: str = ""
    outlet: str = ""
    url: str = ""  # where it was read from (the final URL after redirects)
    canonical_url: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) when known
    language: str = ""  # ISO 639-1 code
    links: tuple[tuple[str, str], ...] = ()  # (anchor text, url) cited inside the article


def make_document(
    title: str,
    body: str,
    *,
    author: str = "",
    outlet: str = "",
    url: str = "",
    canonical_url: str = "",
    published: str = "",
    declared_language: str = "",
    links: tuple[tuple[str, str], ...] = (),
) -> Document:
    """A document from a title and a body, or an `IngestError` saying why it is not one."""
    body = normalise(body)
    check_body(body)
    return Document(
        title=" ".join(normalise(title).split())[:MAX_TITLE] or "Untitled",
        text=body,
        author=author,
        outlet=outlet,
        url=url,
        canonical_url=canonical_url,
        published=published,
        language=detect_language(body, declared_language),
        links=links,
    )


def normalise(text: str) -> str:
    """NFC, one kind of space, no invisible characters, paragraphs separated by one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def content_hash(text: str) -> str:
    """The same article pasted twice, whatever its spacing or case, hashes the same."""
    canonical = " ".join(_WORD.findall(text.casefold()))
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_body(text: str) -> None:
    """Refuse text that cannot be an article: too short, too long, or one word repeated.

    Words are counted in every script (a character of Chinese or Japanese is a word), so the
    limits mean the same everywhere. Besides sparing users junk, the bounds keep search fast:
    highlighting a snippet costs time that grows with how often the searched word occurs.
    """
    found = words(text.casefold())
    count = len(found)
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
        word, times = Counter(found).most_common(1)[0]
        if times / count > MAX_WORD_SHARE:
            raise IngestError(
                f"That does not read like an article: “{word[:30]}” makes up "
                f"{times / count:.0%} of its words."
            )


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 word`, `2 words`, `1,200 words`."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"
