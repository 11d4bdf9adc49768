"""The text parser and the structured-options converter, driven by the declarations."""

from __future__ import annotations

import pytest

from bot.commands.catalog import COMMANDS
from bot.commands.parser import UsageError, from_options, parse, tokenize
from bot.commands.spec import Command


def run(text: str) -> tuple[str, dict[str, object]]:
    invocation = parse(text, COMMANDS, "!")
    assert invocation is not None
    return invocation.command.name, invocation.args


def by_name(name: str) -> Command:
    return next(c for c in COMMANDS if c.name == name)


def test_not_a_command_without_prefix() -> None:
    assert parse("quote paper tigers", COMMANDS, "!") is None
    assert parse("! quote", COMMANDS, "!") is None
    assert parse("", COMMANDS, "!") is None


def test_quote_words_and_filters() -> None:
    assert run("!quote paper tigers by:Mao") == (
        "quote",
        {"words": "paper tigers", "speaker": "Mao"},
    )
    assert run('!quote by:"Kit Klarenberg" in:#3') == (
        "quote",
        {"speaker": "Kit Klarenberg", "article": "#3"},
    )
    assert run("!quote by: Mao")[1] == {"speaker": "Mao"}
    assert run("!QUOTE harbour")[1] == {"words": "harbour"}


def test_alias_and_case() -> None:
    assert run("!q bridge")[0] == "quote"
    assert run("!Sum #2 short") == ("summary", {"article": "#2", "length": "short"})


def test_summary_title_words_with_trailing_length() -> None:
    assert run("!summary harbour bridge long") == (
        "summary",
        {"article": "harbour bridge", "length": "long"},
    )
    # a title word that is also a length stays in the title when it is the only word
    assert run("!summary long")[1] == {"article": "long"}


def test_sources_page_or_article() -> None:
    assert run("!sources") == ("sources", {})
    assert run("!sources 2") == ("sources", {"page": 2})
    assert run("!sources #2") == ("sources", {"article": "#2"})
    assert run("!sources harbour bridge") == ("sources", {"article": "harbour bridge"})


def test_edit_splits_article_field_and_value() -> None:
    assert run("!edit harbour bridge author Ingrid Solberg") == (
        "edit",
        {"article": "harbour bridge", "field": "author", "value": "Ingrid Solberg"},
    )
    assert run("!edit #4 title The title of it")[1]["value"] == "The title of it"


def test_add_keeps_pasted_lines() -> None:
    name, args = run("!add My title\n\nFirst paragraph.\n\nSecond one.")
    assert name == "add"
    assert args["source"] == "My title\n\nFirst paragraph.\n\nSecond one."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!summary", "Missing <article>"),
        ("!stats now please", "Unexpected `now please`"),
        ("!edit #1 colour blue", "`field` must be one of title, author, outlet, url, date"),
        ("!edit harbour colour blue", "Missing <title|author|outlet|url|date>"),
        ("!summary #1 huge", "`length` must be one of short, medium, long"),
        ("!sources #1 2", "Unexpected `2`"),
        ("!quote in:", "e.g. `in:#1`"),
        ("!sources 0", "must be a number from 1"),
        ("!search", "Missing <words>"),
        ("!qoute paper", "Did you mean `!quote`?"),
        ("!nonsense", "Unknown command `nonsense`"),
        ("!quote by:", "needs a value"),
        ("!feed subscribe x", "must be one of add, list, remove"),
    ],
)
def test_usage_errors_say_what_is_wrong(text: str, expected: str) -> None:
    with pytest.raises(UsageError) as err:
        parse(text, COMMANDS, "!")
    assert expected in str(err.value)


def test_usage_error_shows_usage_and_example() -> None:
    with pytest.raises(UsageError) as err:
        parse("!summary", COMMANDS, "!")
    assert "Usage: !summary <article> [short|medium|long]" in str(err.value)
    assert "Example: !summary #1 short" in str(err.value)


def test_too_long_argument_is_refused() -> None:
    with pytest.raises(UsageError, match="too long"):
        parse("!search " + "word " * 200, COMMANDS, "!")


def test_tokenizer_survives_unbalanced_quotes_and_controls() -> None:
    assert [t.value for t in tokenize('"paper tigers')] == ["paper tigers"]
    assert [t.value for t in tokenize("“curly” words")] == ["curly", "words"]
    _, args = run("!quote \u200bpaper\u202e tigers\x00")
    assert args == {"words": "paper tigers"}


def test_other_prefix() -> None:
    invocation = parse("?quote x", COMMANDS, "?")
    assert invocation is not None and invocation.command.name == "quote"
    assert parse("!quote x", COMMANDS, "?") is None


def test_structured_options_use_the_same_converters() -> None:
    invocation = from_options(by_name("summary"), {"article": "#2", "length": "LONG"}, "!")
    assert invocation.args == {"article": "#2", "length": "long"}
    with pytest.raises(UsageError, match="must be one of"):
        from_options(by_name("summary"), {"article": "#2", "length": "huge"}, "!")
    with pytest.raises(UsageError, match="Missing"):
        from_options(by_name("summary"), {}, "!")
    with pytest.raises(UsageError, match="Unknown option"):
        from_options(by_name("summary"), {"article": "#1", "colour": "x"}, "!")


def test_every_declaration_is_complete() -> None:
    names = [n for c in COMMANDS for n in c.names]
    assert len(names) == len(set(names)), "a name or alias is declared twice"
    for command in COMMANDS:
        assert command.summary and command.example
        assert parse("!" + command.example, COMMANDS, "!") is not None
        for arg in command.args:
            assert arg.help
