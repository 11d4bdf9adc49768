"""An article in each language, pasted as a moderator would: accepted, its language detected,
its size counted sensibly, and its summaries of the length asked for (issue 14)."""

from __future__ import annotations

import re

import pytest

from bot.core import Bot
from bot.nlp.language import word_count
from bot.nlp.sentences import split_sentences
from bot.nlp.summary import SHORT_MAX_CHARS, summarize
from tests.nlp.multilingual import ARTICLES, SHORT_CHINESE
from tests.support.requests import ask, library, shown

LANGUAGES = ("de", "fr", "es", "it", "pt", "ru", "zh", "ja", "ko")
SENTENCES = {"short": 1, "medium": 3, "long": 7}


@pytest.mark.parametrize("code", LANGUAGES)
async def test_an_article_is_accepted_detected_counted_and_summarised(bot: Bot, code: str) -> None:
    title, body = ARTICLES[code]
    added = shown(await ask(bot, f"!add {title}\n{body}"))
    assert f"Added #1: {title}" in added, added
    count = re.search(r"\(([\d,]+) words", added)
    assert count is not None, added
    words = int(count.group(1).replace(",", ""))
    assert words == word_count(body)
    assert 60 <= words <= 300  # characters for Chinese and Japanese, words elsewhere
    [stored] = await (await library(bot)).resolve("#1")
    assert stored.language == code

    made = summarize(body, title)
    for length, sentences in SENTENCES.items():
        reply = await ask(bot, f"!summary #1 {length}")
        assert not reply.is_error, shown(reply)
        text = reply.first.paragraphs[0]
        assert text == made[length]  # the stored summary of that length, not another
        assert len(split_sentences(text)) == sentences, (length, text)
        assert all(text[s:e] in body for s, e in split_sentences(text))  # the article's own
    assert len((await ask(bot, "!summary #1 short")).first.paragraphs[0]) <= SHORT_MAX_CHARS


async def test_the_default_summary_is_the_medium_one(bot: Bot) -> None:
    title, body = ARTICLES["de"]
    await ask(bot, f"!add {title}\n{body}")
    default = (await ask(bot, "!summary #1")).first.paragraphs[0]
    assert default == (await ask(bot, "!summary #1 medium")).first.paragraphs[0]
    assert default == summarize(body, title)["medium"]
    assert default != summarize(body, title)["long"]


async def test_a_short_chinese_article_is_accepted(bot: Bot) -> None:
    """250 characters in four paragraphs: refused before as "8 words; at least 20"."""
    title, body = SHORT_CHINESE
    added = shown(await ask(bot, f"!add {title}\n{body}"))
    assert "Added #1" in added, added
    assert (await ask(bot, "!summary #1 short")).first.paragraphs[0].startswith("上海市图书馆")


async def test_the_card_names_the_language_and_counts_characters_where_unspaced(
    bot: Bot,
) -> None:
    for code, unit in (("zh", "characters"), ("de", "words")):
        title, body = ARTICLES[code]
        added = shown(await ask(bot, f"!add {title}\n{body}"))
        number = re.search(r"Added (#\d+)", added)
        assert number is not None, added
        fields = {
            f.name: f.value for f in (await ask(bot, f"!article {number.group(1)}")).first.fields
        }
        assert fields["Language"] == {"zh": "Chinese", "de": "German"}[code]
        assert fields["Length"] == f"{word_count(body):,} {unit}"


GERMAN_WITH_QUOTATIONS = (
    "Der Stadtrat streitet über den neuen Hafen\n"
    "Der Stadtrat von Lindau hat am Dienstag lange über die Erweiterung des Hafens gestritten. "
    "Die Opposition hält die Pläne für zu teuer und verlangt ein zweites Gutachten.\n\n"
    "„Das ist eine Politik für die nächste Generation“, sagte die Abgeordnete Maria Schneider "
    "am Dienstag in Berlin. Der Bund will einen Teil der Kosten übernehmen.\n\n"
    "„Wir prüfen jedes Angebot sehr genau“, sagte sie. Die Entscheidung fällt im Herbst."
)


async def test_a_german_article_answers_quote_by_its_speaker(bot: Bot) -> None:
    assert "Added #1" in shown(await ask(bot, "!add " + GERMAN_WITH_QUOTATIONS))
    reply = await ask(bot, "!quote by:Schneider")
    assert not reply.is_error, shown(reply)
    speakers = {block.speaker for page in reply.pages for block in page.quotations}
    assert speakers == {"Maria Schneider"}
    assert len([b for page in reply.pages for b in page.quotations]) == 2
    assert "Berlin" not in shown(await ask(bot, "!sources #1"))
