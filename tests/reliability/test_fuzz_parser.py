"""Hostile text through the command parser and the argument converters: a `UsageError` with a
message, or arguments of the declared kinds within their limits — nothing else, ever."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import strategies as st

from bot.commands.catalog import COMMANDS
from bot.commands.parser import MAX_INT, Invocation, UsageError, from_options, parse, tokenize
from bot.commands.spec import Arg, ArgKind, Command
from tests.reliability.hostile import BUDGETS, command_lines, hostile_text, run_property

pytestmark = pytest.mark.attack("Hostile text: command parser and converters")


def _check_args(command: Command, args: dict[str, Any]) -> None:
    declared = {arg.name: arg for arg in command.args}
    assert set(args) <= set(declared)
    for name, value in args.items():
        arg = declared[name]
        if arg.kind is ArgKind.INT:
            assert isinstance(value, int) and 1 <= value <= MAX_INT
        elif arg.kind is ArgKind.CHOICE:
            assert value in arg.choices
        else:
            assert isinstance(value, str) and (value or not arg.required)
            assert not arg.max_length or len(value) <= arg.max_length
    for arg in command.args:
        assert not arg.required or arg.name in args


def _parse_checked(text: str) -> None:
    try:
        invocation = parse(text, COMMANDS, "!")
    except UsageError as err:
        assert str(err).strip()
        return
    if invocation is not None:
        assert isinstance(invocation, Invocation)
        _check_args(invocation.command, invocation.args)


@pytest.mark.parametrize("examples", BUDGETS)
def test_parse_never_fails_unexpectedly(examples: int) -> None:
    run_property(command_lines(), _parse_checked, examples)


def _tokens_checked(text: str) -> None:
    tokens = tokenize(text)
    for token in tokens:
        assert 0 <= token.start < token.end <= len(text)
        assert not any(ch.isspace() for ch in text[token.start : token.start + 1])
    starts = [t.start for t in tokens]
    assert starts == sorted(starts)


@pytest.mark.parametrize("examples", BUDGETS)
def test_tokenize_never_fails_and_spans_stay_inside(examples: int) -> None:
    run_property(hostile_text, _tokens_checked, examples)


_options = st.tuples(
    st.sampled_from(COMMANDS),
    st.dictionaries(
        st.one_of(st.sampled_from(sorted({a.name for c in COMMANDS for a in c.args})), st.text()),
        hostile_text,
        max_size=4,
    ),
)


def _options_checked(value: tuple[Command, dict[str, str]]) -> None:
    command, options = value
    try:
        invocation = from_options(command, options, "!")
    except UsageError as err:
        assert str(err).strip()
        return
    _check_args(command, invocation.args)


@pytest.mark.parametrize("examples", BUDGETS)
def test_slash_options_never_fail_unexpectedly(examples: int) -> None:
    run_property(_options, _options_checked, examples)


_ARGS = [(c, a) for c in COMMANDS for a in c.args]


def _convert_checked(value: tuple[tuple[Command, Arg], str]) -> None:
    (command, arg), raw = value
    try:
        invocation = from_options(command, {arg.name: raw}, "!")
    except UsageError as err:
        assert str(err).strip()
        return
    _check_args(command, {k: v for k, v in invocation.args.items() if k == arg.name})


@pytest.mark.parametrize("examples", BUDGETS)
def test_each_converter_on_hostile_values(examples: int) -> None:
    run_property(st.tuples(st.sampled_from(_ARGS), hostile_text), _convert_checked, examples)


@pytest.mark.parametrize("line", ['!summary ""', "!article “ ”", '!remove "', '!edit "" title x'])
def test_an_empty_quoted_required_argument_is_missing(line: str) -> None:
    """Found by the parse property: `!summary "` passed an empty article reference on."""
    with pytest.raises(UsageError, match="Missing"):
        parse(line, COMMANDS, "!")


@pytest.mark.parametrize("line", ["!sources ²", "!sources 3 ⁴", "!sources ½", "!summary #1 ①"])
def test_digit_like_characters_are_not_numbers(line: str) -> None:
    """Found by the slow `Bot.handle` property: `!sources ²` passed `str.isdigit` and then
    crashed `int()`, an exception out of `Bot.handle`."""
    try:
        invocation = parse(line, COMMANDS, "!")
    except UsageError:
        return
    assert invocation is not None
    _check_args(invocation.command, invocation.args)
