"""What a command handler gets to work with: the request, its community's library, and the few
services commands need. Never the store and never the `Bot`: a handler can only reach the
library of the community the request came from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.communities import Community
from bot.community_admin import CommunityAdmin
from bot.config import Settings
from bot.fetch_gate import FetchGate
from bot.library import Library
from bot.models import Reply, Request, Role
from bot.pager import Pager
from storage import ArticleRow

if TYPE_CHECKING:
    from bot.commands.spec import Command


@dataclass(frozen=True)
class Context:
    request: Request
    role: Role  # the request's role after operators are recognised
    library: Library
    community: Community
    settings: Settings  # the bot's configuration (the community's own: `community.settings`)
    commands: Sequence[Command]
    pager: Pager
    admin: CommunityAdmin
    fetch_gate: FetchGate

    @property
    def prefix(self) -> str:
        return self.community.settings.prefix

    @property
    def page_size(self) -> int:
        return self.community.settings.page_size

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
        lines = "\n".join(f"{self.library.ref(a)} {a.title}" for a in found)
        return Reply.error(
            f"`{shown}` could mean several articles; name one by its number:\n{lines}",
            title="Which article?",
        )

    async def own_article(self, ref: str) -> ArticleRow | Reply:
        """Like `article`, but only an article of this community's own library (to change it)."""
        found = await self.article(ref)
        if isinstance(found, Reply) or self.library.owns(found):
            return found
        return Reply.error(
            f"{self.library.ref(found)} belongs to a library this community follows; only that "
            "community's moderators can change it.",
            title="Not yours to change",
        )
