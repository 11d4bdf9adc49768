"""The plain-text layout every text renderer shares (console, CLI, Matrix's plain body)."""

from __future__ import annotations

from bot.models import HIGHLIGHT_END, HIGHLIGHT_START, Field, Page, Quotation, Reply
from bot.render_text import render_first, render_page


def test_a_page_in_sections_separated_by_blank_lines() -> None:
    page = Page(
        title=f"Results for {HIGHLIGHT_START}lamp{HIGHLIGHT_END}",
        paragraphs=(f"A {HIGHLIGHT_START}lamp{HIGHLIGHT_END} that fails.",),
        quotations=(Quotation("Line one\n\nLine three", "Elin", "Gull Point (#1)", "https://x.org"),),
        fields=(Field("Words", "120"),),
        link="https://x.org/1",
        footer="#1",
    )
    assert render_page(page) == (
        "Results for lamp\n"
        "================\n"
        "\n"
        "A *lamp* that fails.\n"
        "\n"
        "  > Line one\n"
        "  >\n"
        "  > Line three\n"
        "    — Elin, in Gull Point (#1)\n"
        "      https://x.org\n"
        "\n"
        "Words: 120\n"
        "Link: https://x.org/1\n"
        "(#1)"
    )


def test_more_pages_are_pointed_to_once_after_the_first() -> None:
    reply = Reply.result(Page(title="One"), Page(title="Two"), Page(title="Three"))
    assert render_first(reply, "?") == "One\n===\n(2 more — type ?next)"
    assert render_first(Reply.result(Page(title="One")), "!") == "One\n==="
