"""The commands table of the README, derived from the declarations (a test keeps them equal)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.commands.spec import Command
from bot.models import Role


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table(commands: Sequence[Command], prefix: str = "!") -> str:
    rows = ["| Command | What it does | Who | Example |", "|---|---|---|---|"]
    for command in commands:
        who = "moderators" if command.role is Role.MODERATOR else "everyone"
        rows.append(
            f"| `{_cell(command.usage(prefix))}` | {_cell(command.summary)} | {who} "
            f"| `{_cell(prefix + command.example)}` |"
        )
    return "\n".join(rows)
