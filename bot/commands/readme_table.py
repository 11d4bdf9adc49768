"""The README's table of chat commands, made from the declarations (a test keeps them equal)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.commands.spec import Command
from bot.models import Role

_WHO = {Role.MEMBER: "everyone", Role.MODERATOR: "moderators", Role.OPERATOR: "operators"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table(commands: Sequence[Command], prefix: str = "!") -> str:
    rows = ["| Command | What it does | Who | Example |", "|---|---|---|---|"]
    for command in commands:
        rows.append(
            f"| `{_cell(command.usage(prefix))}` | {_cell(command.summary)} "
            f"| {_WHO[command.role]} | `{_cell(prefix + command.example)}` |"
        )
    return "\n".join(rows)
