"""Turns a typed line (or a slash command's options) into an `Invocation`, driven by declarations.

The tokenizer never raises: unbalanced quotes simply run to the end of the line.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.commands.spec import Arg, ArgKind, Command

_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "”": "”"}
_FLAG = re.compile(r"^([A-Za-z]+):(.*)$", re.DOTALL)
_ARTICLE_ID = re.compile(r"^#\d+$")
MAX_INT = 1_000_000


class UsageError(ValueError):
    """The line is not a valid use of a command; the message says how to use it."""

    def __init__(self, message: str, command: Command | None = None) -> None:
        super().__init__(message)
        self.command = command


@dataclass(frozen=True)
class Token:
    value: str  # without surrounding quotes
    start: int
    end: int
    quoted: bool


@dataclass(frozen=True)
class Invocation:
    command: Command
    args: dict[str, Any]


def clean_line(text: str) -> str:
    """Drop control and invisible format characters (keeping line breaks and tabs)."""
    return "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )


def tokenize(text: str) -> list[Token]:
    """Split on white space; a quote mark at a token's start groups words up to its partner."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        if text[i] in _QUOTES:
            close = _QUOTES[text[i]]
            j = text.find(close, i + 1)
            if j == -1:
                j = n
            tokens.append(Token(text[i + 1 : j].strip(), start, min(j + 1, n), True))
            i = j + 1
            continue
        while i < n and not text[i].isspace():
            # `by:"two words"` — a quote right after a flag's colon groups too.
            if text[i] in _QUOTES and i > start and text[i - 1] == ":":
                close = _QUOTES[text[i]]
                j = text.find(close, i + 1)
                j = n if j == -1 else j
                value = text[start:i] + text[i + 1 : j].strip()
                tokens.append(Token(value, start, min(j + 1, n), True))
                i = j + 1
                break
            i += 1
        else:
            tokens.append(Token(text[start:i], start, i, False))
    return tokens


def find_command(name: str, commands: Sequence[Command]) -> Command | None:
    lowered = name.lower()
    for command in commands:
        if lowered in command.names:
            return command
    return None


def _unknown(name: str, commands: Sequence[Command], prefix: str) -> UsageError:
    names = [n for c in commands for n in c.names]
    close = difflib.get_close_matches(name.lower(), names, n=1)
    hint = f" Did you mean `{prefix}{close[0]}`?" if close else ""
    shown = name if len(name) <= 40 else name[:40] + "…"
    return UsageError(f"Unknown command `{shown}`.{hint} Type `{prefix}help` for the list.")


def parse(text: str, commands: Sequence[Command], prefix: str) -> Invocation | None:
    """Parse a message. Returns None when it is not addressed to the bot (no prefix)."""
    text = clean_line(text).strip()
    if not text.startswith(prefix):
        return None
    body = text[len(prefix) :]
    while body.startswith(prefix):  # `!!quote`: a doubled prefix is still the command
        body = body[len(prefix) :].lstrip()
    if not body or body[0].isspace():
        return None
    match = re.match(r"\S+", body)
    assert match is not None
    name = match.group(0)
    command = find_command(name, commands)
    if command is None:
        raise _unknown(name, commands, prefix)
    return Invocation(command, parse_args(command, body[match.end() :], prefix))


def _convert(command: Command, arg: Arg, value: str, prefix: str) -> Any:
    value = value.strip()
    if not value and arg.required:  # `!summary ""` names no article
        raise _missing(command, arg, prefix)
    limit = arg.max_length
    if limit and len(value) > limit:
        raise UsageError(
            f"`{arg.name}` is too long ({len(value):,} characters, at most {limit:,}).", command
        )
    if arg.kind is ArgKind.INT:
        if not value.isdecimal() or not 1 <= int(value) <= MAX_INT:
            raise UsageError(f"`{arg.name}` must be a number from 1 to {MAX_INT:,}.", command)
        return int(value)
    if arg.kind is ArgKind.CHOICE:
        lowered = value.lower()
        if lowered not in arg.choices:
            raise UsageError(
                f"`{arg.name}` must be one of {', '.join(arg.choices)}.\n"
                f"Usage: {command.usage(prefix)}",
                command,
            )
        return lowered
    if arg.kind is ArgKind.ARTICLE:
        value = value.strip()
    return value


def _missing(command: Command, arg: Arg, prefix: str) -> UsageError:
    return UsageError(
        f"Missing {arg.usage()}: {arg.help}.\nUsage: {command.usage(prefix)}\n"
        f"Example: {prefix}{command.example}",
        command,
    )


def _span_text(body: str, tokens: Sequence[Token], kind: ArgKind) -> str:
    if kind is ArgKind.TEXT:
        return body[tokens[0].start : tokens[-1].end]
    return " ".join(body[t.start : t.end] if kind is ArgKind.WORDS else t.value for t in tokens)


def parse_args(command: Command, body: str, prefix: str) -> dict[str, Any]:
    """Assign the words after the command name to the declared arguments."""
    flags = {arg.flag: arg for arg in command.args if arg.flag}
    args: dict[str, Any] = {}
    positional: list[Token] = []
    tokens = tokenize(body)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        match = _FLAG.match(token.value) if flags else None
        if match and match.group(1).lower() in flags:
            arg = flags[match.group(1).lower()]
            value = match.group(2)
            if not value and i + 1 < len(tokens):  # `by: Mao`
                i += 1
                value = tokens[i].value
            if not value:
                example = "#1" if arg.kind is ArgKind.ARTICLE else "Mao"
                raise UsageError(
                    f"`{arg.flag}:` needs a value, e.g. `{arg.flag}:{example}`.", command
                )
            args[arg.name] = _convert(command, arg, value, prefix)
        else:
            positional.append(token)
        i += 1

    slots = [arg for arg in command.args if not arg.flag]
    rest = positional
    for index, arg in enumerate(slots):
        following = slots[index + 1 :]
        if arg.kind is ArgKind.INT and not arg.required:
            if rest and rest[0].value.isdecimal() and not rest[0].quoted:
                args[arg.name] = _convert(command, arg, rest[0].value, prefix)
                rest = rest[1:]
            continue
        if not arg.greedy:
            if rest:
                args[arg.name] = _convert(command, arg, rest[0].value, prefix)
                rest = rest[1:]
            elif arg.required:
                raise _missing(command, arg, prefix)
            continue
        take = len(rest)
        if arg.kind is ArgKind.ARTICLE and rest and _ARTICLE_ID.match(rest[0].value):
            take = 1  # `#12` is a whole reference: what follows belongs to the next arguments
        elif following and following[0].kind is ArgKind.CHOICE:
            choice = following[0]
            if choice.required:  # the first word that is a choice ends this argument
                take = next(
                    (k for k, t in enumerate(rest) if k and t.value.lower() in choice.choices),
                    len(rest),
                )
            elif len(rest) > 1 and rest[-1].value.lower() in choice.choices:
                take = len(rest) - 1
        elif following and following[0].required:
            take = max(len(rest) - 1, 1) if rest else 0
        if take:
            args[arg.name] = _convert(command, arg, _span_text(body, rest[:take], arg.kind), prefix)
        elif arg.required:
            raise _missing(command, arg, prefix)
        rest = rest[take:]
    if rest:
        extra = " ".join(t.value for t in rest)[:60]
        raise UsageError(
            f"Unexpected `{extra}`.\nUsage: {command.usage(prefix)}\n"
            f"Example: {prefix}{command.example}",
            command,
        )
    return args


def from_options(command: Command, options: Mapping[str, str], prefix: str) -> Invocation:
    """Convert structured options (slash commands) with the same converters as text."""
    args: dict[str, Any] = {}
    known = {arg.name: arg for arg in command.args}
    for name, raw in options.items():
        arg = known.get(name)
        if arg is None:
            raise UsageError(f"Unknown option `{name}`.", command)
        if raw is None or str(raw).strip() == "":
            continue
        args[name] = _convert(command, arg, clean_line(str(raw)), prefix)
    for arg in command.args:
        if arg.required and arg.name not in args:
            raise _missing(command, arg, prefix)
    return Invocation(command, args)
