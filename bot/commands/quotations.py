"""`quote`: quotations by words, speaker or article; the closest passage when none matches."""

from __future__ import annotations

import difflib

from bot.commands.context import Context
from bot.commands.formatting import article_citation, chunks, number_pages, quotation_block
from bot.commands.spec import Args
from bot.library import query
from bot.models import Page, Quotation, Reply
from bot.nlp.sentences import split_sentences
from storage import ArticleRow, QuotationRow

MAX_RESULTS = 50
SPEAKERS_COMPARED = 500  # the most quoted speakers a missed name is compared with


async def quote(ctx: Context, args: Args) -> Reply:
    words: str = args.get("words", "")
    speaker: str = args.get("speaker", "")
    article: ArticleRow | None = None
    if args.get("article"):
        found = await ctx.article(args["article"])
        if isinstance(found, Reply):
            return found
        article = found
    if query(words).empty:
        if words.strip():
            return Reply.error("Give some words to look for, e.g. `paper tigers`.")
        if not speaker:
            one = await ctx.library.random_quotation(speaker, article)
            if one is None:
                return await _no_quotation(ctx, speaker, article)
            return Reply.result(
                Page(title="A quotation", quotations=(quotation_block(one, ctx.library.ref_of),))
            )
    rows = await ctx.library.quotations(words, speaker, article, limit=MAX_RESULTS)
    if not rows:
        if not query(words).empty and not speaker:
            return await _passage_fallback(ctx, words, article)
        return await _no_quotation(ctx, speaker, article, words)
    return _quotation_pages(ctx, rows, words, speaker)


def _quotation_pages(ctx: Context, rows: list[QuotationRow], words: str, speaker: str) -> Reply:
    per_page = 1 if not query(words).empty else ctx.page_size
    what = " ".join(part for part in (words.strip(), f"by:{speaker}" if speaker else "") if part)
    title = f"Quotations: {what}" if len(rows) > 1 else "Quotation"
    pages = [
        Page(title=title, quotations=tuple(quotation_block(r, ctx.library.ref_of) for r in group))
        for group in chunks(rows, per_page)
    ]
    return Reply.result(*number_pages(pages))


async def _no_quotation(
    ctx: Context, speaker: str, article: ArticleRow | None, words: str = ""
) -> Reply:
    where = f"in {ctx.library.ref(article)}" if article else "in the library"
    if speaker:
        what = f"by `{speaker[:60]}`" + (f" matching `{words.strip()[:60]}`" if words else "")
        known = similar_speakers(speaker, await ctx.library.speakers(limit=SPEAKERS_COMPARED))
        hint = (
            f" Speakers with a similar name: {', '.join(known)}."
            if known
            else f" `{ctx.prefix}quote` without `by:` shows what the library has."
        )
        return Reply.error(f"No quotations {what} {where}.{hint}", title="Nothing found")
    if article is not None:
        return Reply.error(f"No quotations {where}.", title="Nothing found")
    return Reply.error(
        f"The library has no quotations yet. A moderator can add articles with `{ctx.prefix}add`.",
        title="Nothing found",
    )


def similar_speakers(typed: str, names: list[str], limit: int = 5) -> list[str]:
    """Speakers a mistyped or partial name may mean: a word of the name close to a typed one."""
    wanted = [w.casefold() for w in typed.split() if len(w) > 1]
    scored = []
    for name in names:
        parts = [p.casefold() for p in name.split()]
        best = max(
            (difflib.SequenceMatcher(None, w, p).ratio() for w in wanted for p in parts),
            default=0.0,
        )
        if best >= 0.75:
            scored.append((-best, name))
    return [name for _, name in sorted(scored)[:limit]]


def best_passage(text: str, words: str) -> str | None:
    """The sentence of `text` sharing the most words (or word beginnings) with the query."""
    wanted = [w[:5] for w in query(words).words()]
    runs = query(words).cjk_runs()
    best, best_score = None, 0
    for start, end in split_sentences(text):
        sentence = text[start:end]
        found = {w[:5] for w in query(sentence).words()}
        score = sum(1 for w in wanted if w in found) + sum(1 for r in runs if r in sentence)
        if score > best_score:
            best, best_score = sentence.strip(), score
    return best


async def _passage_fallback(ctx: Context, words: str, article: ArticleRow | None) -> Reply:
    hits = [article] if article else [hit.article for hit in await ctx.library.search(words, 3)]
    for found in hits:
        passage = best_passage(await ctx.library.text(found), words)
        if passage:
            block = Quotation(
                passage,
                "from the article",
                article_citation(found, ctx.library.ref_of),
                found.url or None,
            )
            return Reply.result(
                Page(
                    title="No attributed quotation matches; the closest passage",
                    quotations=(block,),
                )
            )
    return Reply.error(
        f"Nothing in the library matches `{words.strip()[:60]}`.", title="Nothing found"
    )
