"""Whatever text a page holds, every embed stays within Discord's limits (property-based)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.discord_chat.render import render_reply
from bot.models import HIGHLIGHT_END, HIGHLIGHT_START, Field, Page, Quotation, Reply, ReplyKind
from tests.discord.helpers import assert_within_limits

# Markdown, mentions, highlight markers, control and right-to-left characters, long words.
SPECIAL = ["*", "_", "`", "~", "|", ">", "#", "-", "\\", "\n", "@everyone", "<@&1>", "\u202e"]
SPECIAL += ["\u200b", HIGHLIGHT_START, HIGHLIGHT_END, ". ", "https://example.org/a_b", " "]
PIECES = st.text(st.characters(codec="utf-8"), max_size=8) | st.sampled_from(SPECIAL)
TEXT = st.lists(PIECES, max_size=30).map("".join)
LONG = st.builds(lambda t, n: t * n, TEXT, st.integers(1, 80))

PAGES = st.builds(
    Page,
    title=LONG,
    paragraphs=st.lists(LONG, max_size=4).map(tuple),
    quotations=st.lists(st.builds(Quotation, LONG, TEXT, TEXT, st.none()), max_size=3).map(tuple),
    fields=st.lists(st.builds(Field, TEXT, TEXT, st.booleans()), max_size=30).map(tuple),
    link=st.none() | st.just("https://example.org/story"),
    footer=LONG,
)


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages=st.lists(PAGES, min_size=1, max_size=3), kind=st.sampled_from(ReplyKind))
def test_every_embed_is_within_the_limits(pages: list[Page], kind: ReplyKind) -> None:
    embeds = render_reply(Reply(tuple(pages), kind))
    assert len(embeds) >= len(pages)
    for embed in embeds:
        assert_within_limits(embed)
        text = (embed.description or "") + (embed.title or "")
        assert HIGHLIGHT_START not in text and HIGHLIGHT_END not in text
