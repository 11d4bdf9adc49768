"""Replies rendered within Discord's limits; long text cut at sentences, never rejected."""

from __future__ import annotations

import pytest
import simcord

from adapters.discord_chat.render import cut_at_sentence, markdown, render_page, render_reply
from bot.core import Bot
from bot.library import Library
from bot.models import HIGHLIGHT_END, HIGHLIGHT_START, Field, Page, Quotation, Reply, ReplyKind
from storage import ArticleRow
from tests.discord.conftest import World
from tests.discord.helpers import (
    assert_messages_within_limits,
    assert_within_limits,
    only_embed,
)
from tests.support.articles import long_summary


def test_cut_prefers_a_sentence_end() -> None:
    text = "First sentence here. Second one is longer than the limit allows."
    head, rest = cut_at_sentence(text, 40)
    assert head == "First sentence here."
    assert rest == "Second one is longer than the limit allows."
    assert cut_at_sentence("short", 10) == ("short", "")
    head, rest = cut_at_sentence("x" * 50, 20)  # no sentence, no space: a hard cut
    assert (head, rest) == ("x" * 20, "x" * 30)


def test_markdown_escapes_then_highlights() -> None:
    assert markdown(f"a *b* {HIGHLIGHT_START}coup{HIGHLIGHT_END} _c_") == r"a \*b\* **coup** \_c\_"
    assert markdown(f"dangling {HIGHLIGHT_START}mark") == "dangling mark"


def test_code_spans_stay_code_and_the_rest_is_escaped() -> None:
    assert markdown("Type `!help *x*` for *more*") == r"Type `!help *x*` for \*more\*"
    assert markdown("an odd ` mark *here*") == r"an odd \` mark \*here\*"


def test_a_20000_character_summary_flows_over_several_embeds() -> None:
    summary = long_summary()
    assert len(summary) >= 20_000
    page = Page(
        title="T" * 400,
        paragraphs=(summary,),
        fields=tuple(Field(f"name {n}", "v" * 2000) for n in range(30)),
        link="https://example.org/story",
        footer="f" * 3000,
    )
    embeds = render_page(page, ReplyKind.RESULT)
    assert 1 < len(embeds) <= 8
    for embed in embeds:
        assert_within_limits(embed)
    texts = [e.description or "" for e in embeds]
    # Every cut is at a sentence end, marked so the reader knows the text goes on.
    for text in texts[:-1]:
        assert text.endswith("project. …")
    for text in texts[1:]:
        assert text.startswith("… Sentence number")
    assert all(e.title and e.title.endswith("(continued)") for e in embeds[1:])
    assert all("continued on the next page" in (e.footer.text or "") for e in embeds[:-1])
    assert embeds[0].url == "https://example.org/story"
    assert len(embeds[0].fields) == 2  # 1,024-character fields: two fit our 3,000 budget


def test_text_beyond_the_last_embed_is_cut_with_a_pointer() -> None:
    page = Page(title="Huge", paragraphs=(long_summary(1000),), link="https://example.org/a")
    embeds = render_page(page, ReplyKind.RESULT)
    assert len(embeds) == 8
    last = embeds[-1].description or ""
    assert last.endswith("*Shortened to fit Discord: the full text is at the link above.*")
    for embed in embeds:
        assert_within_limits(embed)


def test_quotations_are_block_quotes_with_their_speaker() -> None:
    quote = Quotation("Line one.\nLine two.", "Ada *Fenwick*", "River (#1)", "https://x.org/1")
    embed = render_reply(Reply.result(Page(title="Q", quotations=(quote,))))[0]
    assert embed.description == (
        "> Line one.\n> Line two.\n— **Ada \\*Fenwick\\***, in River (#1) · [source](https://x.org/1)"
    )


def test_a_long_quotation_keeps_its_attribution_on_the_last_part() -> None:
    quote = Quotation(long_summary(100), "Ada Fenwick", "River (#1)")
    embeds = render_reply(Reply.result(Page(title="Q", quotations=(quote,))))
    assert len(embeds) > 1
    assert "Ada Fenwick" not in (embeds[0].description or "")
    assert (embeds[-1].description or "").endswith("— **Ada Fenwick**, in River (#1)")
    assert all(line.startswith(">") for line in (embeds[0].description or "").split("\n"))


def test_an_empty_page_still_renders() -> None:
    embed = render_page(Page(), ReplyKind.INFO)[0]
    assert embed.description == "(nothing to show)"


async def test_a_20000_character_summary_reaches_discord(
    env: simcord.Env, world: World, core: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def very_long(library: Library, article: ArticleRow, length: str) -> str:
        return long_summary()

    monkeypatch.setattr(Library, "extractive_summary", very_long)
    result = await world.member.slash(world.channel, "summary", article="#1", length="long")
    assert not env.errors
    assert assert_messages_within_limits(env) >= 1
    first = only_embed(result.response)
    assert first.description and first.description.startswith("Sentence number 0 ")
    labels = [c.label for row in result.response.message.components for c in row.children]
    assert labels[0] == "Previous" and labels[-1] == "Next"
    assert labels[1].startswith("1 / ")
