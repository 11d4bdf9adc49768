"""From a clean document to everything stored for it: quotations, summaries, cited sources.

`analyse` is pure and CPU-bound: callers run it off the event loop.
"""

from __future__ import annotations

from bot.ingest.document import Document, content_hash
from bot.nlp.language import word_count
from bot.nlp.outlets import named_outlets
from bot.nlp.quotes import extract_quotations
from bot.nlp.summary import summarize
from storage import CitedSource, NewArticle, NewQuotation

SUMMARY_ENGINE = "extractive"


def cited_sources(doc: Document, speakers: list[str]) -> tuple[CitedSource, ...]:
    """Links inside the article, then the outlets and people it names."""
    sources: list[CitedSource] = []
    seen: set[str] = set()
    for anchor, url in doc.links:
        if url not in seen:
            seen.add(url)
            sources.append(CitedSource("link", anchor.strip()[:200] or url, url))
    for outlet in named_outlets(doc.text):
        if outlet != doc.outlet:
            sources.append(CitedSource("outlet", outlet))
    for speaker in dict.fromkeys(speakers):
        if speaker:
            sources.append(CitedSource("person", speaker))
    return tuple(sources)


def analyse(doc: Document) -> NewArticle:
    quotes = extract_quotations(doc.text, doc.language or "")
    return NewArticle(
        title=doc.title,
        text=doc.text,
        content_hash=content_hash(doc.text),
        word_count=word_count(doc.text),
        author=doc.author,
        outlet=doc.outlet,
        url=doc.url,
        canonical_url=doc.canonical_url,
        published=doc.published,
        language=doc.language,
        quotations=tuple(NewQuotation(q.text, q.speaker, q.start, q.end) for q in quotes),
        sources=cited_sources(doc, [q.speaker for q in quotes]),
        summaries=summarize(doc.text, doc.title),
        summary_engine=SUMMARY_ENGINE,
    )
