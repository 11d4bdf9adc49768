"""Decoding, normalising and refusing uploaded text."""

from __future__ import annotations

import pytest

from bot.ingest.document import IngestError, content_hash, normalise
from bot.ingest.text import decode, describe_binary, from_file, from_pasted

BODY = "The ferry to the island runs every hour in summer and twice a day in winter. " * 3


def test_normalise_spaces_paragraphs_and_invisible_characters() -> None:
    raw = "A\u00a0year\u200b later\r\n\r\n\r\n  the  council\tmet. \u2003\nAgain."
    assert normalise(raw) == "A year later\n\nthe council met.\nAgain."


def test_content_hash_ignores_spacing_and_case() -> None:
    assert content_hash("The  Bridge\n\nCloses.") == content_hash("the bridge closes")
    assert content_hash("the bridge closes") != content_hash("the bridge opens")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8", "utf-8-sig", "utf-16"])
def test_legacy_and_unicode_encodings_read_correctly(encoding: str) -> None:
    text = "Café owners in Malmö said “yes” – twice. " + BODY
    if encoding == "latin-1":
        text = text.replace("“", '"').replace("”", '"').replace("–", "-")
    doc = from_file("story.txt", ("Title\n" + text).encode(encoding), 1_000_000)
    assert doc.text.startswith(text.split(" – ")[0].split(' "')[0][:20])
    assert "Café" in doc.text and "Malmö" in doc.text


def test_stray_invalid_bytes_keep_the_readable_text() -> None:
    text = ("Señora Núñez said the café in Malmö is open. " * 5).encode() + b"\xff\xfe\x80"
    decoded = decode(text)
    assert "Señora Núñez" in decoded and "Malmö" in decoded
    assert "\ufffd" not in decoded and "Ã" not in decoded


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG image"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04" + bytes(40), "ZIP"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_files_are_named(data: bytes, what: str) -> None:
    assert what in (describe_binary(data) or "")
    with pytest.raises(IngestError, match=what):
        from_file("innocent.txt", data, 1_000_000)


def test_refusals() -> None:
    with pytest.raises(IngestError, match="empty"):
        from_file("a.txt", b"  \n ", 1000)
    with pytest.raises(IngestError, match="too large"):
        from_file("a.txt", b"x" * 2001, 2000)
    with pytest.raises(IngestError, match="too short"):
        from_pasted("Title\nTwo words", 1000)
    with pytest.raises(IngestError, match="title on the first line"):
        from_pasted("Only a title", 1000)
    with pytest.raises(IngestError, match="not supported"):
        from_file("data.csv", b"a,b,c\n" * 50, 10_000)


def test_markdown_title_and_file_without_title_line() -> None:
    doc = from_file("notes.md", f"# Island ferry\n\n{BODY}".encode(), 10_000)
    assert doc.title == "Island ferry"
    doc = from_file("island_ferry.txt", BODY.encode(), 10_000)
    assert doc.title == "island ferry"


def test_texts_that_cannot_be_articles_are_refused() -> None:
    with pytest.raises(IngestError, match="too long for an article"):
        from_pasted("Title\n" + "The quay was busy again today. " * 5000, 10_000_000)
    with pytest.raises(IngestError, match="does not read like an article"):
        from_pasted("Title\n" + "word " * 5000, 10_000_000)
    doc = from_pasted("Title\n" + BODY * 20, 10_000_000)  # ordinary prose is fine
    assert doc.text.startswith("The ferry")


def test_counts_are_pluralised() -> None:
    with pytest.raises(IngestError, match=r"\(1 word;"):
        from_pasted("Title\nHello", 1000)


def test_links_in_uploaded_files_become_cited_sources() -> None:
    markdown = f"# Ferry news\n\n{BODY} See [the timetable](https://example.org/ferry) now."
    doc = from_file("ferry.md", markdown.encode(), 100_000)
    assert doc.links == (("the timetable", "https://example.org/ferry"),)
    assert "See the timetable now." in doc.text and "](" not in doc.text
    html = (
        "<html><head><title>Ferry news</title></head><body><article><h1>Ferry news</h1>"
        f"<p>{BODY}</p><p>{BODY} The <a href='https://example.org/timetable'>timetable</a> "
        "changes in May.</p></article></body></html>"
    )
    doc = from_file("ferry.html", html.encode(), 100_000)
    assert ("timetable", "https://example.org/timetable") in doc.links


def test_markdown_is_rendered_by_its_structure() -> None:
    from bot.ingest.markdown import looks_like_markdown, render

    text = (
        "# The **new** pier\n\nThe town voted [yes](https://town.example/vote) again. "
        "![A photo](p.jpg)\n\n## Next steps\n\n1. Surveys\n2. Tenders\n\n> Quoted text.\n\n"
        "| Year | Cost |\n|---|---|\n| 2027 | 4m |\n\n```\nraw code\n```\n"
    )
    rendered = render(text)
    assert rendered.title == "The new pier"
    assert rendered.text.split("\n\n") == [
        "The town voted yes again.",
        "Next steps",
        "• Surveys",
        "• Tenders",
        "Quoted text.",
        "Year · Cost",
        "2027 · 4m",
        "raw code",
    ]
    assert rendered.links == (("yes", "https://town.example/vote"),)
    assert looks_like_markdown(text)


def test_prose_is_not_taken_for_markdown() -> None:
    from bot.ingest.markdown import looks_like_markdown

    assert not looks_like_markdown("Title\nThe vote - a close one - passed.\n- said the clerk.")
    assert not looks_like_markdown("Mail me at <https://town.example> or call.")
    assert not looks_like_markdown(BODY)


def test_a_txt_file_written_in_markdown_is_rendered_too() -> None:
    doc = from_file("ferry.txt", f"# Ferry news\n\n**{BODY.strip()}**".encode(), 100_000)
    assert doc.title == "Ferry news" and "**" not in doc.text


def test_pasted_html_goes_through_page_extraction() -> None:
    html = f"<!doctype html><html><head><title>Ferry news</title></head><body><p>{BODY * 2}</p>"
    doc = from_pasted(html, 100_000)
    assert doc.title == "Ferry news" and "<" not in doc.text and doc.language == "en"


def test_a_short_page_is_refused_however_it_arrives() -> None:
    html = (
        "<html><head><title>Gallery</title></head><body><p>Ten pictures of the coast and the "
        "harbour on a stormy day in the middle of the winter season.</p></body></html>"
    )
    for attempt in (
        lambda: from_pasted(html, 100_000),
        lambda: from_file("g.html", html.encode(), 100_000),
    ):
        with pytest.raises(IngestError, match="too little text"):
            attempt()
