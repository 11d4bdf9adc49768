"""Language detection, language names and word counts in every script."""

from __future__ import annotations

import pytest

from bot.nlp.language import detect_language, is_unspaced, language_name, terms, word_count
from tests.nlp.multilingual import ARTICLES, SHORT_CHINESE


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_each_article_is_detected_in_its_language(code: str) -> None:
    _, body = ARTICLES[code]
    assert detect_language(body) == code


def test_too_little_text_is_unknown_unless_the_source_declares_it() -> None:
    assert detect_language("Gut.") == ""
    assert detect_language("Gut.", declared="de-AT") == "de"
    assert detect_language("Gut.", declared="x-klingon") == ""


def test_a_confident_detection_beats_a_wrong_declaration() -> None:
    _, body = ARTICLES["fr"]
    assert detect_language(body, declared="en") == "fr"


def test_language_names_for_the_card() -> None:
    assert language_name("de") == "German"
    assert language_name("zh") == "Chinese"
    assert language_name("ja") == "Japanese"
    assert language_name("") == ""
    assert language_name("qq") == ""


def test_unspaced_scripts_count_characters_as_words() -> None:
    assert word_count("北京市今天宣布。") == 7  # punctuation is not a word
    assert word_count("東京の桜が咲いた") == 8
    assert word_count("서울시는 새 도서관을 열었다") == 4  # Korean is written with spaces
    assert word_count("Der Hafen, 2024 gebaut.") == 4
    assert word_count("Apple 发布了 iPhone") == 5


def test_the_short_chinese_article_of_issue_14_has_an_articles_worth_of_words() -> None:
    _, body = SHORT_CHINESE
    assert 240 <= len(body) <= 260
    assert word_count(body) > 200


def test_terms_pair_unspaced_characters() -> None:
    assert terms("自动驾驶 in Beijing") == ["自动", "动驾", "驾驶", "in", "Beijing"]
    assert is_unspaced("自动驾驶汽车") and not is_unspaced("Beijing 北")
