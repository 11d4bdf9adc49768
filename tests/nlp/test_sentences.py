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


def test_chinese_and_japanese_sentences_end_at_their_full_stops() -> None:
    assert sentences("北京今天下雪了。交通很慢！你出门吗？最后一句") == [
        "北京今天下雪了。",
        "交通很慢！",
        "你出门吗？",
        "最后一句",
    ]


def test_a_short_attribution_after_a_closing_quote_stays_with_its_quotation() -> None:
    assert sentences("“我们会继续努力。”他说。市场随后上涨。") == [
        "“我们会继续努力。”他说。",
        "市场随后上涨。",
    ]
    assert sentences("「今年は早いです。」と担当者は述べた。来週は満開だ。") == [
        "「今年は早いです。」と担当者は述べた。",
        "来週は満開だ。",
    ]


def test_scripts_without_capitals_still_split() -> None:
    assert sentences("서울시는 새 계획을 발표했다. 시민들은 환영했다.") == [
        "서울시는 새 계획을 발표했다.",
        "시민들은 환영했다.",
    ]
    assert sentences("قال الوزير إن الخطة جاهزة. وأضاف أن التنفيذ قريب؟ نعم.") == [
        "قال الوزير إن الخطة جاهزة.",
        "وأضاف أن التنفيذ قريب؟",
        "نعم.",
    ]
    assert sentences("प्रधानमंत्री ने घोषणा की। योजना अगले साल लागू होगी।") == [
        "प्रधानमंत्री ने घोषणा की।",
        "योजना अगले साल लागू होगी।",
    ]


def test_german_ordinals_and_abbreviations_do_not_end_sentences() -> None:
    text = "Am 3. Oktober feiert die Stadt, z. B. mit einem Fest. Das war 12. Die Gäste kamen."
    assert sentences(text) == [
        "Am 3. Oktober feiert die Stadt, z. B. mit einem Fest.",
        "Das war 12.",
        "Die Gäste kamen.",
    ]


def test_a_line_going_on_in_lower_case_continues_in_any_alphabet() -> None:
    assert sentences("Он сказал, что парк\nоткроется летом. Зимой будет каток.") == [
        "Он сказал, что парк\nоткроется летом.",
        "Зимой будет каток.",
    ]
    assert sentences("Russian dialogue. — Да, — ответил он.") == [
        "Russian dialogue.",
        "— Да, — ответил он.",
    ]
