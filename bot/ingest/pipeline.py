"""From a clean document to everything stored for it: quotations, summaries, cited sources.

`analyse` is pure and CPU-bound: callers run it off the event loop.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.communities import EXTRACTIVE
from bot.ingest.document import Document, content_hash
from bot.nlp.foreign_quotes import LANGUAGES, extract_foreign_quotations
from bot.nlp.language import detect_language, is_unspaced, word_count
from bot.nlp.outlets import named_outlets
from bot.nlp.quotes import Quote, extract_quotations
from bot.nlp.summary import summarize
from storage import CitedSource, NewArticle, NewQuotation


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


_LANGUAGE_SAMPLE = 1000
_ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|that|is|was|said|with|for)\b")
_ENGLISH_MIN_WORDS = 2


def quotations(text: str, language: str = "") -> list[Quote]:
    """The article's quotations, found by the conventions of its language (`language` is its
    ISO code when known, else it is told from the text)."""
    language = language_of(text, language)
    if language in LANGUAGES:
        return extract_foreign_quotations(text, language)
    found = extract_quotations(text)
    if language in ("en", ""):
        return found
    # English speech verbs and names say nothing about a Welsh or a Korean sentence: the
    # quotations are kept, their speakers left unknown rather than guessed ("— Y").
    return [replace(q, speaker="") for q in found]


def language_of(text: str, declared: str) -> str:
    """The declared language, else "en" for text full of English function words (cheap: most
    articles), else what the detector says (about a millisecond, and loading its model once)."""
    if declared:
        return declared.lower()[:2]
    sample = text[:_LANGUAGE_SAMPLE]
    english = len(_ENGLISH_WORDS.findall(sample))
    if (
        not is_unspaced(sample)
        and english >= _ENGLISH_MIN_WORDS
        and english * 20 >= len(sample.split())
    ):
        return "en"  # at least one word in twenty is an English function word
    return detect_language(sample)


def analyse(doc: Document) -> NewArticle:
    quotes = quotations(doc.text, doc.language)
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
        summary_engine=EXTRACTIVE,
    )
