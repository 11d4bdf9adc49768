"""The community itself: `community` (name, rooms, shares), `settings` and `stats`."""

from __future__ import annotations

from bot.commands.context import Context
from bot.commands.spec import Args
from bot.communities import SETTINGS
from bot.community_admin import AdminError
from bot.models import Field, Page, Reply

COMMUNITY_ACTIONS = ("info", "name", "link", "unlink", "share", "unshare", "follow", "unfollow")
_NEEDS_TARGET = {
    "name": "a new name, e.g. `history-club`",
    "link": "the room or server to link (a Matrix room id such as `!abc:example.org`, or a "
    "Discord server id)",
    "share": "the name of the community that may read this library",
    "unshare": "the name of the community to stop sharing with",
    "follow": "the name of the community whose library to read",
    "unfollow": "the name of the community to stop reading",
}
RESET = "default"


async def community(ctx: Context, args: Args) -> Reply:
    action: str = args.get("action") or "info"
    target = " ".join(str(args.get("target") or "").split())
    if action == "info":
        return await _info(ctx)
    if action in _NEEDS_TARGET and not target:
        return Reply.error(
            f"Give {_NEEDS_TARGET[action]}: `{ctx.prefix}community {action} <…>`.",
            title="Community",
        )
    admin = ctx.admin
    try:
        if action == "name":
            renamed = await admin.rename(target)
            return Reply.info(
                "Community renamed", f"This community is now called `{renamed.name}`."
            )
        if action == "link":
            space = await admin.link(target)
            return Reply.info(
                "Rooms linked",
                f"`{space}` now uses this community's library (`{ctx.community.name}`).",
            )
        if action == "unlink":
            fresh = await admin.unlink()
            return Reply.info(
                "Room unlinked",
                f"This room now has a library of its own, empty, called `{fresh.name}`. The "
                f"library of `{ctx.community.name}` stays with its other rooms.",
            )
        if action == "share":
            other = await admin.share(target)
            return Reply.info(
                "Library shared",
                f"`{other.name}` may now read this library (read only). Its moderators take it "
                f"up with `community follow {ctx.community.name}`.",
            )
        if action == "unshare":
            other = await admin.unshare(target)
            return Reply.info("Sharing stopped", f"`{other.name}` can no longer read this library.")
        other = await admin.follow(target, following=action == "follow")
    except AdminError as err:
        return Reply.error(str(err), title="Community")
    if action == "follow":
        return Reply.info(
            "Following",
            f"Quotations, searches and summaries here now include `{other.name}`'s library; its "
            f"articles are named like `{other.name}#1`.",
        )
    return Reply.info("No longer following", f"`{other.name}`'s library is no longer read here.")


async def _info(ctx: Context) -> Reply:
    spaces = await ctx.admin.spaces()
    given, received = await ctx.admin.shares()
    rooms = [s.space + (f" (left {s.left_at[:10]})" if s.left_at else "") for s in spaces]
    fields = [
        Field("Articles", f"{await ctx.library.count():,}"),
        Field("Rooms and servers", "\n".join(rooms) or "none", inline=False),
    ]
    if given:
        fields.append(Field("Shared with", ", ".join(s.name for s in given), inline=False))
    if received:
        fields.append(
            Field(
                "Shared with us",
                ", ".join(f"{s.name}{' (following)' if s.following else ''}" for s in received),
                inline=False,
            )
        )
    return Reply.result(
        Page(
            title=f"Community `{ctx.community.name}`",
            paragraphs=(
                "Every room and server listed here reads and writes this one library; nothing "
                "done here reaches another community's.",
            ),
            fields=tuple(fields),
            footer=f"{ctx.prefix}help community for what moderators can change",
        )
    )


async def settings(ctx: Context, args: Args) -> Reply:
    name = str(args.get("name") or "").strip().lower()
    value = " ".join(str(args.get("value") or "").split())
    current = ctx.community.settings
    if not name:
        lines = []
        for spec in SETTINGS:
            if spec.platform and spec.platform != ctx.request.platform:
                continue
            shown = current.stored.get(spec.name)
            lines.append(
                f"{spec.name}: {shown if shown is not None else '(default)'} — {spec.help}"
            )
        return Reply.info(
            "Settings of this community",
            "\n".join(lines),
            f"Change one: `{ctx.prefix}settings page-size 8`; back to the default: "
            f"`{ctx.prefix}settings page-size {RESET}`.",
        )
    if not value:
        return Reply.error(
            f"Give a value: `{ctx.prefix}settings {name[:40]} <value>` (or `{RESET}`).",
            title="Settings",
        )
    try:
        stored = await ctx.admin.set(name, None if value.lower() == RESET else value)
    except AdminError as err:
        return Reply.error(str(err), title="Settings")
    shown = stored if stored is not None else "the default"
    return Reply.info("Setting changed", f"{name} is now {shown} in this community.")


async def stats(ctx: Context, args: Args) -> Reply:
    numbers = await ctx.library.stats()
    fields = (
        Field("Articles", f"{numbers.articles:,}"),
        Field("Words", f"{numbers.words:,}"),
        Field("Quotations", f"{numbers.quotations:,}"),
        Field("Speakers", f"{numbers.speakers:,}"),
        Field("Cited sources", f"{numbers.cited_sources:,}"),
        Field("Feeds", f"{numbers.feeds:,}"),
    )
    top = ", ".join(f"{name} ({count})" for name, count in numbers.top_speakers)
    return Reply.result(
        Page(
            title="Library statistics",
            paragraphs=(f"Most quoted: {top}",) if top else (),
            fields=fields,
            footer=f"community {ctx.community.name}",
        )
    )
