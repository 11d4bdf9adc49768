"""Slash commands generated from the core's declarations (`bot.commands.catalog.COMMANDS`).

Each declared command becomes one `app_commands.Command` whose options mirror its arguments:
names, types, choices, length limits, descriptions, autocomplete for articles and speakers, and a
`file` option when the command takes an attachment. Nothing about a command is written here.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any

import discord
from discord import app_commands

from bot.commands.parser import MAX_INT
from bot.commands.spec import Arg, ArgKind, Command
from bot.core import Bot
from bot.models import Role

log = logging.getLogger(__name__)

ATTACHMENT_OPTION = "file"
ATTACHMENT_HELP = "a .txt, .md or .html file to add"
DESCRIPTION_MAX = 100  # Discord's limit for command and option descriptions
STRING_OPTION_MAX = 6000  # Discord's limit for a string option's max_length
CHOICES_MAX = 25  # Discord's limit for autocomplete choices
CHOICE_NAME_MAX = 100
MODERATORS_NOTE = " (moderators)"

SlashHandler = Callable[[discord.Interaction[Any], Command, dict[str, Any]], Awaitable[None]]
Suggest = Callable[
    [discord.Interaction[Any], ArgKind, str], Awaitable[list[app_commands.Choice[str]]]
]
Completer = Callable[
    [discord.Interaction[Any], str], Coroutine[Any, Any, list[app_commands.Choice[str]]]
]


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _annotation(arg: Arg) -> Any:
    if arg.kind is ArgKind.INT:
        return app_commands.Range[int, 1, MAX_INT]
    if arg.kind is ArgKind.CHOICE:
        return str
    limit = min(arg.max_length or STRING_OPTION_MAX, STRING_OPTION_MAX)
    return app_commands.Range[str, 1, limit]


def _completer(kind: ArgKind, suggest: Suggest) -> Completer:
    async def complete(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await suggest(interaction, kind, current)

    return complete


def slash_command(
    command: Command, handler: SlashHandler, suggest: Suggest
) -> app_commands.Command[Any, ..., None]:
    """The slash command for one declaration; invoking it calls `handler` with the options."""

    async def callback(interaction: discord.Interaction[Any], **values: Any) -> None:
        await handler(interaction, command, values)

    keyword = inspect.Parameter.KEYWORD_ONLY
    params = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    descriptions: dict[str, str] = {}
    choices: dict[str, list[app_commands.Choice[str]]] = {}
    completers: dict[str, Completer] = {}
    for arg in command.args:
        default = inspect.Parameter.empty if arg.required else None
        params.append(
            inspect.Parameter(arg.name, keyword, annotation=_annotation(arg), default=default)
        )
        descriptions[arg.name] = _cut(arg.help, DESCRIPTION_MAX)
        if arg.kind is ArgKind.CHOICE:
            choices[arg.name] = [app_commands.Choice(name=c, value=c) for c in arg.choices]
        elif arg.kind in (ArgKind.ARTICLE, ArgKind.SPEAKER):
            completers[arg.name] = _completer(arg.kind, suggest)
    if command.takes_attachment:
        assert ATTACHMENT_OPTION not in descriptions, "an argument is named like the file option"
        params.append(
            inspect.Parameter(
                ATTACHMENT_OPTION, keyword, annotation=discord.Attachment, default=None
            )
        )
        descriptions[ATTACHMENT_OPTION] = ATTACHMENT_HELP
    # discord.py reads the options from the callback's signature, as if it were written out.
    callback.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    app_commands.describe(**descriptions)(callback)
    if choices:
        app_commands.choices(**choices)(callback)
    if completers:
        app_commands.autocomplete(**completers)(callback)
    summary = command.summary
    if command.role is Role.MODERATOR and len(summary) + len(MODERATORS_NOTE) <= DESCRIPTION_MAX:
        summary += MODERATORS_NOTE
    return app_commands.Command(
        name=command.name, description=_cut(summary, DESCRIPTION_MAX), callback=callback
    )


def slash_commands(
    commands: Sequence[Command], handler: SlashHandler, suggest: Suggest
) -> list[app_commands.Command[Any, ..., None]]:
    return [slash_command(command, handler, suggest) for command in commands]


async def suggestions(
    bot: Bot, space: str, kind: ArgKind, current: str
) -> list[app_commands.Choice[str]]:
    """Autocomplete choices from the guild's own library: articles (`#3` with the title
    shown) or speakers, at most 25."""
    typed = current.strip()[:CHOICE_NAME_MAX]
    try:
        found = await bot.suggest(space, kind, typed, CHOICES_MAX)
    except Exception:  # a suggestion list is a convenience: never fail the user's typing
        log.exception("autocomplete for %s failed", kind.value)
        return []
    return [
        app_commands.Choice(name=_cut(name, CHOICE_NAME_MAX), value=value)
        for name, value in found[:CHOICES_MAX]
        if len(value) <= CHOICE_NAME_MAX  # a longer value could not be sent back
    ]


def describe_commands(commands: Sequence[Command]) -> str:
    """The slash commands as Discord shows them: name, description, options (for the docs)."""

    async def unused_handler(*_: Any) -> None:
        return None

    async def unused_suggest(*_: Any) -> list[app_commands.Choice[str]]:
        return []

    lines: list[str] = []
    for slash in slash_commands(commands, unused_handler, unused_suggest):
        lines.append(f"/{slash.name} — {slash.description}")
        for param in slash.parameters:
            traits = [param.type.name, "required" if param.required else "optional"]
            if param.choices:
                traits.append("choices: " + "|".join(str(c.value) for c in param.choices))
            if param.autocomplete:
                traits.append("autocomplete")
            if param.type is discord.AppCommandOptionType.string and param.max_value:
                traits.append(f"max {param.max_value} chars")
            elif param.type is discord.AppCommandOptionType.integer:
                traits.append(f"{param.min_value}..{param.max_value}")
            lines.append(f"    {param.name} ({', '.join(traits)}): {param.description}")
    return "\n".join(lines)
