"""Who is a moderator on Discord: Manage Guild or Manage Messages in that channel, or a role."""

from __future__ import annotations

import discord

from bot.models import Role


def has_moderator_role(member: discord.Member, role_setting: str) -> bool:
    """Whether the member holds the configured role, named by its id or (case-blind) its name."""
    if not role_setting:
        return False
    wanted = role_setting.casefold()
    return any(
        str(role.id) == role_setting or role.name.casefold() == wanted for role in member.roles
    )


def role_of(
    user: discord.Member | discord.User, permissions: discord.Permissions, role_setting: str
) -> Role:
    """The core's role for someone whose permissions in the channel are `permissions`.

    Outside a guild (direct messages) everyone is a member.
    """
    if not isinstance(user, discord.Member):
        return Role.MEMBER
    if permissions.manage_guild or permissions.manage_messages:
        return Role.MODERATOR
    if has_moderator_role(user, role_setting):
        return Role.MODERATOR
    return Role.MEMBER
