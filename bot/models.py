"""The platform-neutral messages between adapters and the core: `Request` in, `Reply` out.

A `Reply` says what to show, never how: each adapter renders it within its platform's limits.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"  # around matched words in search snippets


class Role(enum.Enum):
    """Who may do what: members read, moderators curate their community's library, operators
    (configured by whoever runs the bot) may act in every community."""

    MEMBER = "member"
    MODERATOR = "moderator"
    OPERATOR = "operator"

    def allows(self, needed: Role) -> bool:
        order = (Role.MEMBER, Role.MODERATOR, Role.OPERATOR)
        return order.index(self) >= order.index(needed)


@dataclass(frozen=True)
class Attachment:
    """A file that came with a command. Adapters refuse oversized files before downloading."""

    filename: str
    data: bytes
    content_type: str = ""


@dataclass(frozen=True)
class Request:
    """One command typed by one person in one place.

    `place` identifies where to answer and what feeds subscribe, e.g. `console`,
    `discord:<channel id>`, `matrix:<room id>`. `space` names what the platform groups places
    into, which decides the community whose library is used: `discord:<guild id>`,
    `matrix:<room id>`, `console:<name>`; empty for a direct message. Adapters either pass the
    raw `text` (prefix commands) or an already structured `command` with `options` (slash
    commands).
    """

    user_id: str
    display_name: str
    role: Role
    place: str
    text: str = ""
    attachments: tuple[Attachment, ...] = ()
    command: str | None = None
    options: Mapping[str, str] = field(default_factory=dict)
    space: str = ""

    @property
    def platform(self) -> str:
        """`discord`, `matrix` or `console`: the part of `place` before its first colon."""
        return self.place.split(":", 1)[0]


class ReplyKind(enum.Enum):
    INFO = "info"
    RESULT = "result"
    ERROR = "error"


@dataclass(frozen=True)
class Quotation:
    """A quoted passage to show as a block, with who said it and where it was published."""

    text: str
    speaker: str
    citation: str
    url: str | None = None


@dataclass(frozen=True)
class Citation:
    """A sentence of the article that a summary cites as `[number]`, shown as a footnote;
    `url` leads to that sentence in the original (a text fragment link), where there is one."""

    number: int
    text: str
    url: str | None = None


@dataclass(frozen=True)
class Field:
    name: str
    value: str
    inline: bool = True


@dataclass(frozen=True)
class Page:
    """One screenful of a reply. Everything is plain text; renderers escape it."""

    title: str = ""
    paragraphs: tuple[str, ...] = ()
    quotations: tuple[Quotation, ...] = ()
    citations: tuple[Citation, ...] = ()  # footnotes of the `[n]` in the paragraphs
    fields: tuple[Field, ...] = ()
    link: str | None = None
    footer: str = ""


@dataclass(frozen=True)
class Reply:
    """What the core answers. Several pages are shown one at a time with a way to move on."""

    pages: tuple[Page, ...]
    kind: ReplyKind = ReplyKind.RESULT
    private: bool = False

    @property
    def first(self) -> Page:
        return self.pages[0]

    @property
    def is_error(self) -> bool:
        return self.kind is ReplyKind.ERROR

    @classmethod
    def error(cls, message: str, title: str = "Sorry") -> Reply:
        """A refusal or failure; shown only to the asker where the platform can."""
        return cls((Page(title=title, paragraphs=(message,)),), ReplyKind.ERROR, private=True)

    @classmethod
    def info(cls, title: str, *paragraphs: str, fields: tuple[Field, ...] = ()) -> Reply:
        return cls((Page(title=title, paragraphs=paragraphs, fields=fields),), ReplyKind.INFO)

    @classmethod
    def result(cls, *pages: Page) -> Reply:
        return cls(tuple(pages), ReplyKind.RESULT)
