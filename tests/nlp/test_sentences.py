"""Sentence splitting: abbreviations, initials, acronyms, decimals, quotations, ellipses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.nlp.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_titles_and_months_do_not_end_sentences() -> None:
    text = "Mr. Hale met Dr. Osei on Jan. 5 at the library. They argued about maps."
    assert sentences(text) == [
        "Mr. Hale met Dr. Osei on Jan. 5 at the library.",
        "They argued about maps.",
    ]


def test_decimals_and_times_stay_inside_a_sentence() -> None:
    text = "The price rose 3.5 percent by 4 p.m. on Friday. Traders shrugged."
    assert sentences(text) == [
        "The price rose 3.5 percent by 4 p.m. on Friday.",
        "Traders shrugged.",
    ]


def test_acronym_ends_a_sentence_only_before_a_sentence_opener() -> None:
    text = "The U.S. Navy sent a ship. Later it sailed back to the U.S. The crew was tired."
    assert sentences(text) == [
        "The U.S. Navy sent a ship.",
        "Later it sailed back to the U.S.",
        "The crew was tired.",
    ]


def test_middle_initial_is_not_a_boundary() -> None:
    assert sentences("Anna K. Berg wrote the report. It was long.") == [
        "Anna K. Berg wrote the report.",
        "It was long.",
    ]


def test_quotations_keep_their_attribution() -> None:
    text = "“Is the ferry late?” she asked. “Yes.” He sighed."
    assert sentences(text) == ["“Is the ferry late?” she asked.", "“Yes.”", "He sighed."]


def test_ellipsis_ends_a_sentence_outside_quotes_but_not_inside() -> None:
    assert sentences("We waited... Nobody came.") == ["We waited...", "Nobody came."]
    quoted = "“We have the votes… I promise you it will pass,” he said. Then he left."
    assert sentences(quoted) == [
        "“We have the votes… I promise you it will pass,” he said.",
        "Then he left.",
    ]


def test_paragraph_breaks_end_sentences() -> None:
    text = "Harbour plan collapses\n\nThe vote failed on Monday."
    assert sentences(text) == ["Harbour plan collapses", "The vote failed on Monday."]


@given(st.text(alphabet=st.sampled_from(list('ab .?!“”"\nU.SMr')), max_size=80))
def test_spans_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


def test_scraped_text_without_a_space_after_the_full_stop() -> None:
    assert sentences("The club won the cup in 2002.They have not won since.") == [
        "The club won the cup in 2002.",
        "They have not won since.",
    ]
