"""The shape of a command declaration.

A command is declared once (see `catalog.py`); text parsing, usage lines, help pages and the
Discord slash commands are all derived from that declaration.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.models import Reply, Role

if TYPE_CHECKING:
    from bot.commands.context import Context


class ArgKind(enum.Enum):
    WORDS = "words"  # free words, the rest of the line (search terms)
    TEXT = "text"  # raw text, the rest of the message with its line breaks (pasted article)
    ARTICLE = "article"  # `#id` or words of a title
    CHOICE = "choice"  # one of `choices`
    INT = "int"  # a whole number
    SPEAKER = "speaker"  # a speaker's name, given as a `by:` filter


@dataclass(frozen=True)
class Arg:
    """One argument. `flag` makes it a `flag:value` filter in text (`by:Mao`)."""

    name: str
    kind: ArgKind
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()
    flag: str | None = None
    max_length: int = 2000

    @property
    def greedy(self) -> bool:
        """Whether it takes several words of the line rather than one token."""
        return self.flag is None and self.kind in (ArgKind.WORDS, ArgKind.TEXT, ArgKind.ARTICLE)

    def usage(self) -> str:
        if self.flag:
            inner = f"{self.flag}:{self.name}"
        elif self.kind is ArgKind.CHOICE:
            inner = "|".join(self.choices)
        else:
            inner = self.name
        return f"<{inner}>" if self.required else f"[{inner}]"


Args = Mapping[str, Any]
Handler = Callable[["Context", Args], Awaitable[Reply]]


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    args: tuple[Arg, ...]
    handler: Handler
    example: str
    role: Role = Role.MEMBER
    aliases: tuple[str, ...] = ()
    details: str = ""
    takes_attachment: bool = False
    slow: bool = False  # may take seconds (network): slash commands defer first
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", (self.name, *self.aliases))

    def usage(self, prefix: str) -> str:
        parts = [f"{prefix}{self.name}", *(arg.usage() for arg in self.args)]
        if self.takes_attachment:
            parts.append("(+ attached file)")
        return " ".join(parts)
