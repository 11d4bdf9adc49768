"""What a member sees of quotations: no terms or titles, long ones first, real speakers only."""

from __future__ import annotations

from bot.core import Bot
from tests.support.requests import ask, shown

FERRY = "\n\n".join(
    [
        "Ferry service returns to the island after the storm",
        "“It was the longest winter I can remember on this island,” he said on the quay.",
        (
            "The island ferry will run again from Monday, the transport board said, ending what "
            "has been described as a “winter siege” for residents."
        ),
        (
            "“We have checked every mooring and every ramp, and the boats are ready to sail,” "
            "said Marta Quist, who runs the ferry company."
        ),
        (
            "He added that the timetable was “tight” for the first week. For the crew, the return"
            " was a “relief” after weeks of waiting."
        ),
        (
            "“The shop shelves were almost empty by the end,” said Ola Brenn, a grocer on the "
            "island. “Fresh bread and milk should be back by Tuesday.”"
        ),
        (
            "In a statement, the transport board said the crossings would be free for the first "
            "weekend and that “nobody will be charged for a ticket until the harbour office "
            "reopens.”"
        ),
        (
            "Quist told the local paper’s “Island Voice” column that the crew had trained through"
            " the storm."
        ),
    ]
)


async def test_random_quote_never_leads_with_a_short_fragment_or_a_term(bot: Bot) -> None:
    assert not (await ask(bot, "!add " + FERRY)).is_error
    for _ in range(12):
        reply = await ask(bot, "!quote")
        block = reply.first.quotations[0]
        assert len(block.text.split()) >= 4, block.text
        assert "winter siege" not in block.text and "Island Voice" not in block.text


async def test_quote_by_words_lists_long_quotations_before_short_ones(bot: Bot) -> None:
    assert not (await ask(bot, "!add " + FERRY)).is_error
    words = [
        len(b.text.split()) for p in (await ask(bot, "!quote by:Quist")).pages for b in p.quotations
    ]
    assert words and words[0] >= 4
    assert words == sorted(words, key=lambda n: n < 4)


async def test_sources_list_people_never_pronouns_or_phrases(bot: Bot) -> None:
    assert not (await ask(bot, "!add " + FERRY)).is_error
    cited = shown(await ask(bot, "!sources #1"))
    assert "Marta Quist" in cited and "Ola Brenn" in cited
    people = cited.split("People quoted:", 1)[1].split("\n\n", 1)[0]
    listed = [line.lstrip("• ").strip() for line in people.splitlines() if line.strip()]
    assert listed == ["Marta Quist", "Ola Brenn", "the transport board"]
