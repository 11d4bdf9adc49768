"""`help` (the commands, or one explained) and `next` (the next page of the last result)."""

from __future__ import annotations

from bot.commands.context import Context
from bot.commands.parser import find_command
from bot.commands.spec import Args
from bot.models import Field, Reply, Role

_WHO = {Role.MODERATOR: "moderators", Role.OPERATOR: "operators"}


async def help_(ctx: Context, args: Args) -> Reply:
    name: str = args.get("command", "").strip().lstrip(ctx.prefix)
    if name:
        command = find_command(name, ctx.commands)
        if command is None:
            return Reply.error(
                f"There is no command `{name[:40]}`. `{ctx.prefix}help` lists them.",
                title="Unknown command",
            )
        fields: list[Field] = [
            Field(
                arg.usage(),
                arg.help + (f" ({', '.join(arg.choices)})" if arg.choices else ""),
                inline=False,
            )
            for arg in command.args
        ]
        fields.append(Field("Example", f"{ctx.prefix}{command.example}", inline=False))
        if command.aliases:
            fields.append(Field("Also", ", ".join(command.aliases)))
        if command.role in _WHO:
            fields.append(Field("Who", f"{_WHO[command.role]} only"))
        paragraphs: tuple[str, ...] = (command.summary,)
        if command.details:
            paragraphs += (command.details,)
        return Reply.info(command.usage(ctx.prefix), *paragraphs, fields=tuple(fields))
    visible = [c for c in ctx.commands if ctx.role.allows(c.role) or c.role is Role.MODERATOR]
    lines = [
        f"{command.usage(ctx.prefix)} — {command.summary}"
        + (f" ({_WHO[command.role]})" if command.role in _WHO else "")
        for command in visible
    ]
    return Reply.info(
        "articlebot commands",
        "\n".join(lines),
        f"`{ctx.prefix}help <command>` explains one command with an example.",
    )


async def next_page(ctx: Context, args: Args) -> Reply:
    page = ctx.pager.next(ctx.request)
    if page is None:
        return Reply.error(
            "There is nothing more to show. Results with several pages can be continued with "
            f"`{ctx.prefix}next` right after them.",
            title="No more pages",
        )
    return Reply.result(page)
