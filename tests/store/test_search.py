"""Search on both engines: hostile words are words, phrases are phrases, every script is
searchable, and results come from the asking community only."""

from __future__ import annotations

import pytest

from storage import LibraryStore, NewQuotation, SearchQuery, Store
from storage.query import parse_query
from tests.store.conftest import article, library_of

NOTHING = SearchQuery(())
MARKS = ("[", "]")

HOSTILE = [
    '"',
    '""',
    '"unbalanced',
    "*",
    "NEAR(",
    "NEAR(bridge harbour, 2)",
    "AND",
    "bridge AND",
    "OR OR",
    "-bridge",
    "bridge -harbour",
    "title:bridge",
    "text:",
    ":",
    "^bridge",
    "bridge*",
    "(bridge",
    "bridge)",
    "{title}: bridge",
    "'; DROP TABLE articles; --",
    "NOT",
    "!bridge & | <->",
    "bridge:* & x",
    "\x00",
    "\u202ebridge",
    "b" * 5000,
    "日本語",
    "🚀",
    "?",
    "$1",
]


async def titles(lib: LibraryStore, words: str) -> list[str]:
    return [h.article.title for h in await lib.articles.search(parse_query(words), 10, 0, MARKS)]


@pytest.mark.parametrize("words", HOSTILE)
async def test_search_never_raises_on_hostile_words(lib: LibraryStore, words: str) -> None:
    await lib.articles.add(article(), "tester", "test")
    query = parse_query(words)
    await lib.articles.search(query, 5, 0, MARKS)
    await lib.articles.count_matches(query)
    await lib.quotations.find(query, query)
    await lib.articles.by_title(query)
    assert await lib.articles.count() == 1


async def test_operators_are_plain_words(lib: LibraryStore) -> None:
    await lib.articles.add(article("Harbour news", "The bridge and the ferry."), "t", "p")
    await lib.articles.add(article("Near the bridge", "Bridge near the quay."), "t", "p")
    # NEAR and AND are words here, not operators: only the second has "near".
    assert await titles(lib, "NEAR bridge") == ["Near the bridge"]
    # a minus is not NOT: "-ferry" asks for the ferry, it does not exclude it
    assert await titles(lib, "bridge -ferry") == ["Harbour news"]


async def test_quoted_words_are_a_phrase(lib: LibraryStore) -> None:
    await lib.articles.add(article("Plan", "They promised a deportation force at once."), "t", "p")
    await lib.articles.add(article("Other", "The force of law and forced deportation."), "t", "p")
    assert await titles(lib, '"deportation force"') == ["Plan"]
    assert sorted(await titles(lib, "deportation force")) == ["Other", "Plan"]
    assert await titles(lib, "“deportation force”") == ["Plan"]


async def test_every_word_first_then_any_word(lib: LibraryStore) -> None:
    await lib.articles.add(article("Ferry", "The ferry runs at dawn."), "t", "p")
    assert await titles(lib, "ferry zeppelin") == ["Ferry"]  # no article has both
    assert await titles(lib, '"ferry zeppelin"') == []  # a phrase is not loosened


async def test_snippets_highlight_the_matched_words(lib: LibraryStore) -> None:
    await lib.articles.add(
        article("Coup", "Soldiers surrounded the palace during the coup."), "t", "p"
    )
    [hit] = await lib.articles.search(parse_query("coup"), 5, 0, MARKS)
    assert "[coup]" in hit.snippet


@pytest.mark.parametrize(
    ("text", "probe"),
    [
        ("北京举办国际科技大会，来自三十个国家的代表参加。", "北京"),
        ("北京举办国际科技大会，来自三十个国家的代表参加。", "科技"),
        ("北京举办国际科技大会，来自三十个国家的代表参加。", "国际科技大会"),
        ("東京の桜が満開になり、多くの人が公園を訪れた。", "公園"),
        ("東京の桜が満開になり、多くの人が公園を訪れた。", "満開"),
        ("서울에서 새로운 도서관이 문을 열었다.", "서울"),
        ("Die Brücke über den Fluss wird geschlossen.", "brucke"),
    ],
)
async def test_every_script_is_searchable(lib: LibraryStore, text: str, probe: str) -> None:
    await lib.articles.add(article("Story", text), "t", "p")
    await lib.articles.add(article("Noise", "Nothing of the kind is written here."), "t", "p")
    [hit] = await lib.articles.search(parse_query(probe), 5, 0, MARKS)
    assert hit.article.title == "Story"
    if not probe.isascii():
        assert f"[{probe}]" in hit.snippet
    assert await lib.articles.count_matches(parse_query(probe)) == 1


async def test_cjk_titles_and_quotations(lib: LibraryStore) -> None:
    text = "记者报道说，“自动驾驶汽车将在明年上路”，市长表示。"
    quote = NewQuotation("自动驾驶汽车将在明年上路", "市长", 7, 19)
    await lib.articles.add(article("北京的新交通计划", text, quotations=(quote,)), "t", "p")
    assert [a.title for a in await lib.articles.by_title(parse_query("交通"))] == [
        "北京的新交通计划"
    ]
    assert await lib.articles.by_title(parse_query("市长")) == []  # in the text, not the title
    found = await lib.quotations.find(parse_query("自动驾驶"), NOTHING)
    assert [q.speaker for q in found] == ["市长"]


async def test_words_match_a_quotation_text_and_by_matches_its_speaker(lib: LibraryStore) -> None:
    quotes = (
        NewQuotation("markets on Wall Street rallied again today", "Dana Wall", 0, 10),
        NewQuotation("we will rebuild the harbour wall this year", "Mayor", 11, 20),
        NewQuotation("wall", "Someone", 21, 25),
    )
    await lib.articles.add(article(quotations=quotes), "t", "p")
    found = await lib.quotations.find(parse_query("wall"), NOTHING)
    # By text only, never by speaker; a one-word fragment comes after full quotations.
    assert [q.speaker for q in found][-1] == "Someone"
    assert set(q.speaker for q in found) == {"Dana Wall", "Mayor", "Someone"}
    by = await lib.quotations.find(NOTHING, parse_query("wall"))
    assert [q.speaker for q in by] == ["Dana Wall"]
    rebuild = await lib.quotations.find(parse_query("rebuild"), NOTHING)
    assert [q.speaker for q in rebuild] == ["Mayor"]


async def test_nothing_crosses_communities(store: Store) -> None:
    mine = await library_of(store, "test:a")
    theirs = await library_of(store, "test:b")
    quote = NewQuotation("the secret harbour plan", "Insider", 0, 10)
    row = await theirs.articles.add(
        article(
            "Secret plan", "The secret harbour plan.", quotations=(quote,), summaries={"short": "s"}
        ),
        "t",
        "p",
    )
    assert row is not None
    query = parse_query("secret harbour")
    assert await mine.articles.search(query, 5, 0, MARKS) == []
    assert await mine.articles.count_matches(query) == 0
    assert await mine.articles.by_title(query) == []
    assert await mine.quotations.find(query, NOTHING) == []
    assert await mine.quotations.find(NOTHING, parse_query("insider")) == []
    assert await mine.quotations.random(NOTHING) is None
    assert await mine.quotations.speakers() == []
    assert await mine.articles.get(1) is None
    assert await mine.articles.get(1, row.community_id) is None  # not readable from here
    assert await mine.articles.text(row) is None
    assert await mine.articles.summary(row, "short", "extractive") is None
    assert await mine.articles.sources(row) == []
    assert await mine.quotations.count(row) == 0
    assert await mine.articles.remove(row, "t", "p") is None
    assert await mine.articles.edit(row, "title", "Hacked", "t", "p") is None
    assert await mine.articles.content_hashes() == frozenset()
    still = await theirs.articles.get(1)
    assert still is not None and still.title == "Secret plan"
    assert (await mine.articles.stats()).articles == 0
