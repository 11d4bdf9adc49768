"""Citations as each platform shows them: footnotes whose numbers link to the cited sentence
in the original article (a text fragment link), rendered from the reply model alone."""

from __future__ import annotations

from adapters.discord_chat.render import render_page as discord_page
from adapters.matrix_chat.render import render_reply as matrix_reply
from bot.commands.formatting import sentence_link
from bot.models import Citation, Page, Reply, ReplyKind
from bot.render_text import render_first, render_page

URL = "https://news.example/bridge"
SENTENCE = "The Harbour Bridge will close for six weeks from 3 March, the council said."
PAGE = Page(
    title="Bridge",
    paragraphs=("The bridge will close from 3 March [1]. It costs *12* million [2].",),
    citations=(
        Citation(1, SENTENCE, sentence_link(URL, SENTENCE)),
        Citation(2, "Repairs cost 12 million <euros> @room.", None),
    ),
    footer="#1 · medium summary",
)


def test_a_text_fragment_link_names_the_start_and_end_of_the_sentence() -> None:
    link = sentence_link(URL + "#top", SENTENCE)
    assert link == (
        "https://news.example/bridge#:~:text=The%20Harbour%20Bridge%20will,"
        "March%2C%20the%20council%20said."
    )
    assert sentence_link(URL, "Short well-known one.") == (
        f"{URL}#:~:text=Short%20well%2Dknown%20one."
    )
    assert sentence_link("", SENTENCE) is None
    assert sentence_link("javascript:alert(1)", SENTENCE) is None


def test_the_console_shows_footnotes_after_the_summary() -> None:
    text = render_page(PAGE)
    assert (
        "It costs *12* million [2].\n\nCited sentences:\n"
        f"[1] {SENTENCE}\n[2] Repairs cost 12 million <euros> @room.\n\n(#1 · medium summary)"
    ) in text


def test_discord_links_each_footnote_number_to_its_sentence() -> None:
    [embed] = discord_page(PAGE, ReplyKind.RESULT)
    description = embed.description or ""
    assert f"\\[[1]({sentence_link(URL, SENTENCE)})\\] The Harbour Bridge" in description
    assert "\\[2\\] Repairs cost 12 million <euros> @room." in description  # no link: plain
    assert "It costs \\*12\\* million [2]." in description  # the summary itself is escaped


def test_matrix_links_each_footnote_number_and_keeps_the_console_body() -> None:
    [(body, html)] = matrix_reply(Reply.result(PAGE), "!")
    link = (sentence_link(URL, SENTENCE) or "").replace("&", "&amp;")
    assert f'<p><a href="{link}">[1]</a> The Harbour Bridge' in html
    assert "<p>[2] Repairs cost 12 million &lt;euros&gt; @\u2060room.</p>" in html
    assert body == render_first(Reply.result(PAGE), "!").replace("@room", "@\u2060room")
