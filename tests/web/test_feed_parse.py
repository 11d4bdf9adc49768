"""RSS, Atom and JSON Feed read into the same entries."""

from __future__ import annotations

import json

import pytest

from bot.feeds.parse import NotAFeed, parse_feed
from tests.web.pages import article_html, rss

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour notes</title>
  <entry><id>tag:notes,2026:1</id><title>Older note</title>
    <link href="/notes/1"/><updated>2026-10-01T08:00:00Z</updated>
    <summary>The first note.</summary></entry>
  <entry><id>tag:notes,2026:2</id><title>Newer note</title>
    <link href="https://notes.example/notes/2"/><updated>2026-11-01T08:00:00Z</updated></entry>
</feed>"""


def test_rss() -> None:
    feed = parse_feed(rss("https://ledger.example", [1, 2]), "https://ledger.example/feed")
    assert feed.title == "Coastal Ledger: harbour"
    assert [e.key for e in feed.entries] == ["urn:ledger:story:2", "urn:ledger:story:1"]
    first = feed.entries[1]
    assert first.link == "https://ledger.example/story/1"
    assert first.summary == "Meeting 1 summary"
    assert first.published.startswith("2026-11-02")


def test_atom_resolves_relative_links_and_orders_newest_first() -> None:
    feed = parse_feed(ATOM, "https://notes.example/atom.xml", "application/atom+xml")
    assert feed.title == "Harbour notes"
    assert [e.title for e in feed.entries] == ["Newer note", "Older note"]
    assert feed.entries[1].link == "https://notes.example/notes/1"


def test_json_feed() -> None:
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Quay diary",
            "items": [
                {
                    "id": "7",
                    "url": "https://quay.example/7",
                    "title": "Seventh",
                    "content_html": "<p>Boats &amp; nets</p>",
                    "date_published": "2026-11-02T10:00:00Z",
                },
                {"id": "6", "url": "javascript:alert(1)", "title": "Sixth"},
                "not an item",
            ],
        }
    ).encode()
    feed = parse_feed(body, "https://quay.example/feed.json", "application/feed+json")
    assert feed.title == "Quay diary"
    assert [(e.key, e.link) for e in feed.entries] == [("7", "https://quay.example/7"), ("6", "")]
    assert feed.entries[0].summary == "Boats & nets"


def test_entries_without_id_or_link_get_a_stable_key() -> None:
    body = b'<rss version="2.0"><channel><title>T</title><item><title>Only a title</title>' \
        b"</item><item><title>Only a title</title></item></channel></rss>"
    first = parse_feed(body, "https://x.example/")
    again = parse_feed(body, "https://x.example/")
    assert len(first.entries) == 1  # the same entry twice counts once
    assert first.entries[0].key == again.entries[0].key
    assert first.entries[0].key.startswith("sha256:")


@pytest.mark.parametrize(
    "body", [article_html(), b"", b"{}", b'{"version": "1", "items": []}', b"\x00\x01garbage"]
)
def test_other_documents_are_not_feeds(body: bytes) -> None:
    with pytest.raises(NotAFeed):
        parse_feed(body, "https://x.example/")
