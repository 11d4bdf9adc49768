"""Changing a community itself: its name, its rooms, what it shares and follows, its settings.

Each operation checks its own authority here, not in the handler: linking a room needs a
moderator of both rooms (asked of the platform through its `Directory`) or an operator; a share
is given by the owner's moderators and taken up by the reader's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.communities import Communities, Community, SettingError, setting
from bot.library import Library
from bot.models import Request, Role
from bot.ports import Directory
from storage import CommunityRow, Conflict, SpaceRow, Store, StoreError


class AdminError(ValueError):
    """A refused change; the message says why and what to do."""


@dataclass(frozen=True)
class Share:
    name: str  # the other community
    following: bool


class CommunityAdmin:
    def __init__(
        self,
        store: Store,
        communities: Communities,
        directories: Mapping[str, Directory],
        community: Community,
        library: Library,
        request: Request,
        role: Role,
    ) -> None:
        self._store = store
        self._communities = communities
        self._directories = directories
        self.community = community
        self._library = library
        self._request = request
        self._role = role

    @property
    def _actor(self) -> str:
        return f"{self._request.display_name} ({self._request.user_id})"

    async def _audit(self, action: str, target: str, detail: str = "") -> None:
        await self._library.log(self._actor, self._request.place, action, target, detail)

    async def spaces(self) -> list[SpaceRow]:
        return await self._store.communities.spaces_of(self.community.id)

    async def shares(self) -> tuple[list[Share], list[Share]]:
        """(communities this one lets read it, communities that let this one read them)."""
        given: list[Share] = []
        received: list[Share] = []
        for row in await self._store.communities.shares(self.community.id):
            mine = row.owner_id == self.community.id
            other = await self._store.communities.get(row.reader_id if mine else row.owner_id)
            if other is None:
                continue
            (given if mine else received).append(Share(other.name, row.following))
        return given, received

    async def rename(self, name: str) -> CommunityRow:
        try:
            renamed = await self._store.communities.rename(self.community.id, name)
        except Conflict:
            raise AdminError(f"Another community is already called `{name}`.") from None
        except StoreError as err:
            raise AdminError(f"{str(err).capitalize()}.") from None
        await self._audit("community name", renamed.name, f"was {self.community.name}")
        self._communities.forget()
        return renamed

    async def link(self, target: str) -> str:
        """Let the room or server `target` use this community's library; returns its space."""
        directory = self._directories.get(self._request.platform)
        if directory is None:
            raise AdminError("Rooms are linked on Discord and Matrix, not here.")
        space = await directory.space_of(target)
        if space is None:
            raise AdminError(
                f"I am not in `{target[:80]}`. Invite me there first, then link it from here."
            )
        if space == self._request.space:
            raise AdminError("This room already uses this library.")
        if not self._role.allows(Role.OPERATOR):
            there = await directory.role_in(space, self._request.user_id)
            if there is None or not there.allows(Role.MODERATOR):
                raise AdminError(
                    f"You must be a moderator of `{target[:80]}` too to link it to this library."
                )
        try:
            await self._store.communities.move_space(space, self.community.id)
        except Conflict:
            raise AdminError(
                f"`{target[:80]}` already has a library of its own. Remove its articles and "
                "feeds there first (or export them with the command line), then link it."
            ) from None
        await self._audit("community link", space)
        self._communities.forget()
        return space

    async def unlink(self) -> CommunityRow:
        """Give the request's room a new, empty library of its own."""
        spaces = await self.spaces()
        if len([s for s in spaces if not s.left_at]) <= 1:
            raise AdminError(
                "This is the only room using this library: there is nothing to unlink."
            )
        await self._audit("community unlink", self._request.space)
        row = await self._store.communities.detach_space(self._request.space)
        self._communities.forget()
        return row

    async def _other(self, name: str) -> CommunityRow:
        other = await self._store.communities.named(name.strip().lower())
        if other is None:
            raise AdminError(
                f"There is no community called `{name[:40]}`. Its moderators can see its name "
                "with the `community` command."
            )
        if other.id == self.community.id:
            raise AdminError("That is this community.")
        return other

    async def share(self, name: str) -> CommunityRow:
        other = await self._other(name)
        await self._store.communities.grant(self.community.id, other.id, self._actor)
        await self._audit("community share", other.name)
        return other

    async def unshare(self, name: str) -> CommunityRow:
        other = await self._other(name)
        if not await self._store.communities.revoke(self.community.id, other.id):
            raise AdminError(f"This library is not shared with `{other.name}`.")
        await self._audit("community unshare", other.name)
        self._communities.forget()
        return other

    async def follow(self, name: str, following: bool = True) -> CommunityRow:
        other = await self._other(name)
        if not await self._store.communities.follow(self.community.id, other.id, following):
            raise AdminError(
                f"`{other.name}` has not shared its library with `{self.community.name}`. One of "
                f"its moderators can, with `community share {self.community.name}` there."
            )
        await self._audit("community follow" if following else "community unfollow", other.name)
        self._communities.forget()
        return other

    async def set(self, name: str, value: str | None) -> str | None:
        """Set a setting (None: back to the default); returns the value stored."""
        spec = setting(name)
        if spec is None:
            raise AdminError(f"There is no setting `{name[:40]}`.")
        stored = None
        if value is not None:
            try:
                stored = spec.parse(value.strip())
            except SettingError as err:
                raise AdminError(f"`{name}`: {err}.") from None
        await self._store.communities.set_setting(self.community.id, name, stored)
        await self._audit("settings", name, stored if stored is not None else "(default)")
        self._communities.forget()
        return stored
