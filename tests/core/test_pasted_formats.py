"""Pasted HTML and Markdown, and .md and .html files: the same extraction however they come,
no markup left in titles, cards, summaries or search snippets (issue 14), and one rule for
paywalled pages from a file, a paste or a link (issue 16)."""

from __future__ import annotations

import pytest

from bot.core import Bot
from bot.ingest.fetch import FetchedPage
from bot.ingest.web import PaywallStub, article_from_page
from bot.models import Attachment
from tests.support.requests import ask, library, shown

PARAGRAPHS = (
    "The town council of Marrowby voted on Thursday to turn the disused rope works by the "
    "river into a covered market with room for forty stalls.",
    "Councillor Edith Brandt said the building had stood empty for eleven years and that "
    "local growers had asked for a dry place to sell their produce in winter.",
    "The works will start in the spring and are expected to take about eighteen months, "
    "according to the council's own estimate.",
    "Traders from the open-air market on the square will be offered the first stalls, and "
    "the rents will be fixed for three years.",
    "Some residents worry about traffic on the narrow river road, and the council has "
    "promised a study of deliveries before the market opens.",
)

PAGE = (
    "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
    "<title>Rope works to become a market | The Marrowby Courier</title>"
    "<meta property='og:title' content='Rope works to become a market'>"
    "<meta property='og:site_name' content='The Marrowby Courier'>"
    "<meta name='author' content='Jonas Pike'>"
    "<link rel='canonical' href='https://courier.example/2026/rope-works-market'>"
    "</head><body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
    "<article><h1>Rope works to become a market</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "<p>The plan is on <a href='https://council.example/rope-works'>the council site</a>.</p>"
    "</article><footer>Copyright The Marrowby Courier</footer></body></html>"
)

MARKDOWN = (
    "# Rope works to become a **market**\n\n"
    f"{PARAGRAPHS[0]}\n\n"
    "![The rope works in 1930](https://img.example/rope.jpg)\n\n"
    f"{PARAGRAPHS[1]} The plan is on [the council site](https://council.example/rope-works).\n\n"
    "## What changes\n\n"
    "- Forty stalls under one roof\n"
    "- Fixed rents for *three* years\n\n"
    f"> {PARAGRAPHS[2]}\n\n"
    f"{PARAGRAPHS[3]}\n\n{PARAGRAPHS[4]}\n"
)
MARKUP = ("</", "<p", "# ", "**", "- ", "> ", "![", "](", "*three*")

TEASER = (
    "<!DOCTYPE html><html><head><title>Rope works sold | Courier</title>"
    '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}'
    "</script></head><body><article><h1>Rope works sold</h1>"
    f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]} All...</p></article></body></html>"
)


async def everything_shown(bot: Bot) -> str:
    """The card, every summary, the cited sources and a search snippet of article #1."""
    commands = (
        "!article #1",
        "!summary #1 short",
        "!summary #1 long",
        "!sources #1",
        "!search stalls",
    )
    return "\n".join([shown(await ask(bot, command)) for command in commands])


async def test_a_pasted_html_page_is_read_like_a_page(bot: Bot) -> None:
    added = shown(await ask(bot, "!add " + PAGE))
    assert "Added #1: Rope works to become a market (" in added, added
    seen = await everything_shown(bot)
    assert "</" not in seen and "<p" not in seen and "DOCTYPE" not in seen and "Home" not in seen
    assert "2026-01-01" not in seen  # no day invented from the year in the URL
    assert "Outlet: The Marrowby Courier" in seen and "Author: Jonas Pike" in seen
    assert "Link: https://courier.example/2026/rope-works-market" in seen
    assert "https://council.example/rope-works" in seen  # a cited source


@pytest.mark.parametrize("how", ["pasted", "file"])
async def test_markdown_is_rendered_to_plain_text_with_its_links_cited(bot: Bot, how: str) -> None:
    if how == "pasted":
        added = shown(await ask(bot, "!add " + MARKDOWN))
    else:
        added = shown(await ask(bot, "!add", files=(Attachment("market.md", MARKDOWN.encode()),)))
    assert "Added #1: Rope works to become a market (" in added, added
    seen = await everything_shown(bot)
    for mark in MARKUP:
        assert mark not in seen, (mark, seen)
    assert "The rope works in 1930" not in seen  # an image's alt text is a caption
    assert "Forty stalls" not in (await ask(bot, "!summary #1 long")).first.paragraphs[0]
    assert "https://council.example/rope-works" in seen
    assert "img.example" not in seen


async def test_an_uploaded_page_keeps_its_canonical_link(bot: Bot) -> None:
    await ask(bot, "!add", files=(Attachment("saved.html", PAGE.encode()),))
    card = shown(await ask(bot, "!article #1"))
    assert "Link: https://courier.example/2026/rope-works-market" in card


async def test_a_paywall_teaser_is_refused_from_a_file_a_paste_and_a_link(bot: Bot) -> None:
    as_file = await ask(bot, "!add", files=(Attachment("teaser.html", TEASER.encode()),))
    as_paste = await ask(bot, "!add " + TEASER)
    for reply in (as_file, as_paste):
        assert reply.is_error and "paywalled" in shown(reply), shown(reply)
    page = FetchedPage("https://courier.example/sold", 200, "text/html", "utf-8", TEASER.encode())
    with pytest.raises(PaywallStub):
        article_from_page(page)
    assert await (await library(bot)).count() == 0


async def test_plain_text_that_merely_starts_with_a_bracket_is_not_html(bot: Bot) -> None:
    text = "<Draft> Market plan\n" + "\n".join(PARAGRAPHS)
    assert "Added #1: <Draft> Market plan" in shown(await ask(bot, "!add " + text))
