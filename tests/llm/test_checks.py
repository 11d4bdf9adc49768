"""The checks on their own: what a summary must satisfy, sentence by sentence."""

from __future__ import annotations

from bot.llm.checks import Claim, check, support
from bot.llm.prompt import MAX_ARTICLE_CHARS, numbered_sentences

SENTENCES = [
    "Kilmarnock will confirm Gary Locke as manager on Friday.",
    "The 39-year-old gets a three-year deal, the club said.",
    '"I am delighted," Locke said.',
]


def reasons(answer: str, speakers: dict[str, str] | None = None) -> list[str]:
    return list(dict.fromkeys(p.reason for p in check(answer, SENTENCES, speakers).problems))


def test_a_grounded_summary_passes_in_any_citation_style() -> None:
    assert reasons("Kilmarnock will confirm Locke on Friday [1]. He is 39 [2].") == []
    assert reasons("Locke, 39, will be confirmed on Friday. [1][2]") == []
    assert reasons('Locke said he was "delighted" [3,1].') == []
    assert reasons("Here is the summary:\nLocke's deal is for three years [1, 2].") == []


def test_every_sentence_needs_a_citation_of_a_sentence_the_article_has() -> None:
    assert reasons("Locke will be confirmed. He is 39 [2].") == ["a sentence cites nothing"]
    assert reasons("Locke will be confirmed [1]. He is 39.") == ["a sentence cites nothing"]
    assert reasons("Locke will be confirmed [4].") == [
        "it cites a sentence the article does not have"
    ]
    assert reasons("Locke will be confirmed.") == [
        "a sentence cites nothing",
        "no sentence cites the article",
    ]


def test_numbers_and_names_must_be_in_the_cited_sentences() -> None:
    assert reasons("Locke is 39 [1].") == ["it has a number that the sentences it cites do not"]
    assert reasons("Locke replaces Allan Johnston [1].") == [
        "it has a name that the sentences it cites do not"
    ]
    # A name's possessive and a sentence's capitalised opener are not new names.
    assert reasons("Kilmarnock's new manager is Locke [1].") == []
    assert reasons("According to the club, Locke gets three years [2,1].") == []


def test_quotations_are_verbatim_and_credited_to_their_speaker() -> None:
    assert reasons('Locke said "I am thrilled" [3].') == [
        "it quotes words the article does not have"
    ]
    speakers = {"I am delighted,": "Gary Locke", "Mind the gap.": "Jim Mann"}
    assert reasons('Locke said: "I am delighted" [3].', speakers) == []
    # No other speaker of the article named (a pronoun the bot took for one is no name).
    assert reasons('Kilmarnock\'s manager said "I am delighted" [3,1].', speakers) == []
    assert reasons('"I am delighted," she said [3].', {**speakers, "x": "she"}) == []
    assert reasons('"I am delighted," said Mann [3].', speakers) == [
        "it credits a quotation to someone else than the article does",
        "it has a name that the sentences it cites do not",
    ]


def test_links_mentions_and_markup_are_refused() -> None:
    for answer in (
        "Locke is manager, see https://x.example [1].",
        "Locke is manager @everyone [1].",
        "Locke is **manager** <b>now</b> [1].",
    ):
        assert "it contains a link, a mention or markup" in reasons(answer)
    assert reasons("Locke swore: f**king great [1].") == []  # censored, not bold
    handle = ["Locke spoke to @Work, the magazine.", *SENTENCES[1:]]
    assert check("Locke spoke to @Work [1].", handle).passed  # the article's own @name


def test_support_is_the_share_of_words_found_in_the_citations() -> None:
    assert support(Claim("Kilmarnock will confirm Locke", (1,)), SENTENCES) == 1.0
    assert support(Claim("Locke was sacked by angry fans", (1,)), SENTENCES) < 0.5
    assert support(Claim("Locke", (9,)), SENTENCES) == 0.0


def test_the_prompt_holds_a_bounded_part_of_a_long_article() -> None:
    text = " ".join(f"Sentence number {n} of a very long article." for n in range(5000))
    sentences = numbered_sentences(text)
    assert sentences[0] == "Sentence number 0 of a very long article."
    assert sum(len(s) for s in sentences) <= MAX_ARTICLE_CHARS
