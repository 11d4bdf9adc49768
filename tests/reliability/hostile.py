"""Hostile text for property-based tests, and a runner with a quick and a slow budget.

The text mixes arbitrary Unicode (control, format, private-use, right-to-left), the syntax
of everything the bot talks to (FTS5, SQL, Markdown, HTML, chat mentions), unbalanced quotes,
and commands of up to 100 KB.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands.catalog import COMMANDS
from tests.reliability.conftest import QUICK_EXAMPLES, SLOW_EXAMPLES
from tests.reliability.tally import case


# The two budgets of every property: a bounded run in the main suite, 10,000 in the slow run.
def budgets(quick: int = QUICK_EXAMPLES) -> list[Any]:
    return [
        pytest.param(quick, id="quick"),
        pytest.param(SLOW_EXAMPLES, id="slow", marks=pytest.mark.slow),
    ]


BUDGETS = budgets()

FRAGMENTS = (
    # FTS5 syntax
    '"', '""', "*", "^", "-", "+", ":", "(", ")", "{", "}", "NEAR(", "NEAR/2", "AND", "OR",
    "NOT", "{title}:", "title:", "text:", "speaker:", "rank", "bm25(", "'", "''",
    # SQL fragments
    "'; DROP TABLE articles;--", '" OR 1=1 --', "%", "_", "\\", "/*", "*/", "; VACUUM;",
    "UNION SELECT", "x' AND sqlite_version()='",
    # quotes, balanced or not
    "“", "”", "„", "«", "»", "‘", "’", "`", "```", '"two words',
    # Markdown and HTML
    "**", "__", "~~", "||", "> ", "# ", "[x](javascript:alert(1))", "<script>alert(1)</script>",
    "<b>", "</p>", "&amp;", "&#0;", "<a href=\"http://10.0.0.1/\">", "<img src=x onerror=1>",
    # mentions
    "@everyone", "@here", "@room", "<@123456789012345678>", "<@&123456789012345678>",
    "<#123>", "@channel",
    # invisible, control and direction characters
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u202d", "\u2066",
    "\u200f", "\u061c", "\x00", "\x07", "\x1b[31m", "\r", "\r\n", "\n", "\t", "\x0b", "\x0c",
    "\x85", "\u2028", "\u2029", "\ud7ff", "\ue000", "\U0010fffd", "\ufffd", "\ufffe",
    # other scripts, combining marks, emoji
    "عربي", "עברית", "中文", "Ğüç", "e\u0301", "👍🏽", "👨‍👩‍👧", "İ", "ß", "ǅ", "Ⅻ", "²",
    # bot syntax
    "!", "!!", "by:", "in:", "by:\"", "in:#", "#", "#1", "#0", "#-1", "#999999999999", "0",
    "1", "999999", "1000001", "-5", "short", "medium", "long", "add", "list", "remove",
    "title", "author", "url", "date", "http://127.0.0.1/", "https://example.org/a",
    "file:///etc/passwd", "www.example.org", "@path",
)

fragments = st.sampled_from(FRAGMENTS)
any_text = st.text(max_size=200)  # every Unicode code point except surrogates
words = st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True)


@st.composite
def _mixed(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(fragments, any_text, words), max_size=24))
    sep = draw(st.sampled_from((" ", "", "\n", "  ")))
    return sep.join(parts)


@st.composite
def _huge(draw: st.DrawFn) -> str:
    """A command of about 100 KB made of one repeated hostile piece."""
    piece = draw(st.one_of(fragments, _mixed())) or "x"
    size = draw(st.integers(min_value=10_000, max_value=100_000))
    return (piece + " ") * (size // (len(piece) + 1) + 1)


hostile_text = st.one_of(_mixed(), _mixed(), _mixed(), any_text, _huge())
command_names = st.sampled_from([n for c in COMMANDS for n in c.names] + ["nope", "QUOTE", ""])


@st.composite
def command_lines(draw: st.DrawFn) -> str:
    """Mostly a known command with hostile arguments; sometimes anything at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(hostile_text)
    prefix = draw(st.sampled_from(("!", "!", "!", " !", "\u200b!", "")))
    return f"{prefix}{draw(command_names)} {draw(hostile_text)}"


def run_property(strategy: st.SearchStrategy[Any], check: Callable[[Any], None], n: int) -> None:
    """Check `check` on `n` examples of `strategy`, counting each as a case of the attack."""

    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        derandomize=n > QUICK_EXAMPLES,  # the slow run is reproducible
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def prop(value: Any) -> None:
        with case():
            check(value)

    prop()
