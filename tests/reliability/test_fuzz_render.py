"""Hostile text in every part of a reply, through the plain-text, Discord and Matrix renderers:
always within the platform's limits, markup escaped, nobody pinged."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st

from bot.models import HIGHLIGHT_END, HIGHLIGHT_START, Field, Page, Quotation, Reply, ReplyKind
from tests.reliability.checks import check_discord, check_matrix, check_text
from tests.reliability.hostile import budgets, fragments, hostile_text, run_property, words

pytestmark = pytest.mark.attack("Hostile text: renderers (text, Discord, Matrix)")

# Titles, names, footers and field values are metadata the core bounds (titles at 300
# characters, edited values at 500); paragraphs and quotations come from articles: any size.
little = st.one_of(
    st.lists(st.one_of(fragments, words), max_size=8).map(" ".join), st.text(max_size=20)
)
short = st.one_of(little, hostile_text.map(lambda t: t[:300]))
medium = st.one_of(little, little, little, hostile_text.map(lambda t: t[:500]))
highlighted = hostile_text.map(lambda t: t.replace("a", HIGHLIGHT_START + "a" + HIGHLIGHT_END, 3))
links = st.one_of(st.none(), little, st.just("https://example.org/a?b=<c>&d=\"e\""))

pages = st.builds(
    Page,
    title=short,
    paragraphs=st.lists(st.one_of(hostile_text, highlighted), max_size=4).map(tuple),
    quotations=st.lists(
        st.builds(Quotation, text=hostile_text, speaker=little, citation=short, url=links),
        max_size=3,
    ).map(tuple),
    fields=st.lists(
        st.builds(Field, name=little, value=medium, inline=st.booleans()),
        max_size=27,
    ).map(tuple),
    link=links,
    footer=medium,
)
replies = st.builds(
    Reply,
    pages=st.lists(pages, min_size=1, max_size=2).map(tuple),
    kind=st.sampled_from(ReplyKind),
    private=st.booleans(),
)


def _check(reply: Reply) -> None:
    check_text(reply)
    check_discord(reply)
    check_matrix(reply)


@pytest.mark.parametrize("examples", budgets(quick=40))
def test_every_renderer_on_hostile_replies(examples: int) -> None:
    """One case is one reply rendered as plain text, as Discord embeds and as Matrix HTML."""
    run_property(replies, _check, examples)
