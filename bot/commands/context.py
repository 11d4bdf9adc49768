"""What a command handler gets to work with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.library import Library
from bot.models import Reply, Request
from storage import ArticleRow, Store

if TYPE_CHECKING:
    from bot.core import Bot


@dataclass(frozen=True)
class Context:
    request: Request
    bot: Bot

    @property
    def store(self) -> Store:
        return self.bot.store

    @property
    def library(self) -> Library:
        return self.bot.library

    @property
    def settings(self) -> Settings:
        return self.bot.settings

    @property
    def prefix(self) -> str:
        return self.bot.settings.prefix

    @property
    def actor(self) -> str:
        """Who acts, as written in the audit log: `name (user id)`."""
        return f"{self.request.display_name} ({self.request.user_id})"

    async def article(self, ref: str) -> ArticleRow | Reply:
        """The one article `ref` names, or an error reply (unknown, or the candidates)."""
        found = await self.library.resolve(ref)
        if len(found) == 1:
            return found[0]
        shown = ref if len(ref) <= 60 else ref[:57] + "…"
        if not found:
            return Reply.error(
                f"No article matches `{shown}`. Use `{self.prefix}sources` to list the library "
                f"or `{self.prefix}search {shown}` to search the texts.",
                title="Unknown article",
            )
        lines = "\n".join(f"#{a.id} {a.title}" for a in found)
        return Reply.error(
            f"`{shown}` could mean several articles; name one by its number:\n{lines}",
            title="Which article?",
        )
