"""Extractive summaries: lengths, article order, no boilerplate, headline and captions skipped."""

from __future__ import annotations

from bot.nlp.sentences import split_sentences
from bot.nlp.summary import SHORT_MAX_CHARS, summarize

ARTICLE = """Ferry service returns to the island

By Jane Smith

The island ferry will run again from Monday after the harbour board approved a new timetable.
The ferry stopped in March when its only boat failed a safety inspection.
Subscribe to our newsletter for more island news.
Islanders had to use a private water taxi that cost four times the ferry fare.
The harbour board bought a second-hand boat from a mainland operator in June.
The boat (pictured) was repainted in the island colours before its first crossing.
The new timetable has six crossings a day, two more than before the stoppage.
Fares for islanders stay the same, the board said, while visitors will pay a pound more.
Click here to read our full coverage of the ferry dispute.
Shopkeepers on the island said the stoppage had cost them most of their summer trade.
The board said the ferry would be inspected every month for the first year.
Tourism groups hope the ferry will bring day visitors back before the autumn festival.
"""


def sentence_count(text: str) -> int:
    return len(split_sentences(text))


def test_lengths() -> None:
    summary = summarize(ARTICLE)
    assert sentence_count(summary["short"]) == 1
    assert len(summary["short"]) <= SHORT_MAX_CHARS
    assert sentence_count(summary["medium"]) == 3
    assert sentence_count(summary["long"]) == 7


def test_sentences_keep_article_order() -> None:
    for text in summarize(ARTICLE).values():
        cleaned = ARTICLE.replace(" (pictured)", "")  # asides are dropped from sentences
        positions = [cleaned.index(text[s:e]) for s, e in split_sentences(text)]
        assert positions == sorted(positions)


def test_boilerplate_bylines_captions_and_headline_are_never_chosen() -> None:
    everything = " ".join(summarize(ARTICLE).values())
    for unwanted in ("Subscribe", "Click here", "Jane Smith", "pictured", "Ferry service returns"):
        assert unwanted not in everything


def test_the_lead_opens_the_medium_summary() -> None:
    assert summarize(ARTICLE)["medium"].startswith("The island ferry will run again from Monday")


def test_title_line_equal_to_the_title_is_skipped() -> None:
    text = "Ferry returns.\n\nThe ferry runs again. It left at noon. Crowds cheered on the quay."
    assert not summarize(text, title="Ferry returns")["short"].startswith("Ferry returns")


def test_a_single_overlong_sentence_is_cut_for_the_short_summary() -> None:
    text = " ".join(["The harbour board met again to discuss the ferry timetable"] * 12) + "."
    short = summarize(text)["short"]
    assert len(short) <= SHORT_MAX_CHARS
    assert short.endswith("…")


def test_empty_text_gives_empty_summaries() -> None:
    assert summarize("") == {"short": "", "medium": "", "long": ""}


def test_share_widgets_and_agency_datelines_are_removed_from_sentences() -> None:
    text = (
        "Share this withEmailFacebookTwitterCopy this linkThe council approved the new park. "
        "LONDON (AP) — Work starts next week. The park opens next year."
    )
    medium = summarize(text)["medium"]
    assert "Share this" not in medium
    assert "(AP)" not in medium
    assert medium.startswith("The council approved the new park.")


def test_a_quotation_is_chosen_only_after_the_sentence_introducing_it() -> None:
    text = (
        "The council closed the old bridge on Monday. "
        "Engineers had warned about the bridge for years. "
        "Ana Lima spoke next. "
        "“Ferries and tunnels will carry the traffic, and the ferries start in June,” she said. "
        "Shops near the bridge expect fewer customers. "
        "Ferries already cross the bay twice a day. "
        "Tunnels are planned under the bay. "
        "The ferries and the tunnels will cost the town a great deal."
    )
    medium = summarize(text)["medium"]
    assert "“Ferries" not in medium or "Ana Lima spoke next." in medium


LEAD = (
    "The ferry between Tarn and the island will run all winter for the first time. "
    "The harbour board agreed the new timetable on Monday after a long debate. "
    "Islanders had asked for a winter service for many years. "
    "The boat will cross four times a day from November to March. "
)


def test_a_sentence_repeating_the_title_is_not_chosen() -> None:
    title = "Winter ferry for Tarn island agreed"
    text = "Winter ferry for Tarn island agreed, at last.\n\n" + LEAD
    for summary in summarize(text, title).values():
        assert "agreed, at last" not in summary


def test_list_items_and_bylines_are_not_chosen() -> None:
    text = (
        "Von Maria Schneider\n\n"
        "- New tasks for the crew this winter!\n"
        "• Two more crossings on Sundays.\n\n" + LEAD
    )
    everything = " ".join(summarize(text).values())
    assert "Maria Schneider" not in everything
    assert "New tasks" not in everything and "Two more crossings" not in everything
    assert summarize(text)["short"].startswith("The ferry between Tarn")


def test_no_sentence_leaves_a_quotation_mark_dangling() -> None:
    text = (
        "The board chair spoke after the vote. “We listened to the island. "
        "The winter service starts in November.” " + LEAD
    )
    for summary in summarize(text).values():
        assert summary.count("“") == summary.count("”"), summary
        assert "We listened to the island." not in summary


def test_photo_credits_are_not_chosen() -> None:
    text = LEAD + "Foto: Karl Brenner / dpa. " + LEAD.replace("ferry", "boat")
    assert "Karl Brenner" not in " ".join(summarize(text).values())


def test_the_short_summary_is_one_sentence_in_korean() -> None:
    text = (
        "서울시는 월요일에 새 도서관을 열었다. 도서관은 오 층 건물이다. "
        "공사에는 삼 년이 걸렸다. 시민들은 도서관을 환영했다. 주차장이 부족하다는 지적도 있다."
    )
    assert summarize(text)["short"] == "서울시는 월요일에 새 도서관을 열었다."


def test_chinese_summaries_are_not_empty() -> None:
    text = (
        "北京今天开通了自动驾驶公交。这条线路全长十二公里。"
        "乘客可以扫码乘车。公交公司表示将增加线路。"
    )
    made = summarize(text, "北京开通自动驾驶公交")
    assert made["short"] == "北京今天开通了自动驾驶公交。"
    assert sentence_count(made["medium"]) == 3
