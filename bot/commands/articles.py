"""Reading the library: `summary`, `sources`, `article` and `search`."""

from __future__ import annotations

from bot.commands.context import Context
from bot.commands.formatting import article_line, chunks, number_pages, sentence_link
from bot.commands.spec import Args
from bot.ingest.text import plural
from bot.library import Summary, query
from bot.models import Citation, Field, Page, Reply
from bot.nlp.language import language_name, length_unit
from storage import MATCHES_COUNTED, ArticleRow

# Each search hit costs a highlighted snippet, the dearest part of the query: four pages' worth.
MAX_SEARCH_RESULTS = 20
SOURCES_PER_PAGE = 10
DEFAULT_LENGTH = "medium"
FULL_CITATIONS = "long"  # the length whose footnotes give the cited sentences whole
CITATION_PREVIEW = 80  # characters of a cited sentence shown under shorter summaries


async def summary(ctx: Context, args: Args) -> Reply:
    found = await ctx.article(args["article"])
    if isinstance(found, Reply):
        return found
    length: str = args.get("length") or DEFAULT_LENGTH
    made = await ctx.library.summary(found, length)
    return Reply.result(
        Page(
            title=found.title,
            paragraphs=(made.text,) if made.text else ("This article is too short to summarise.",),
            citations=_citations(made, found.url, whole=length == FULL_CITATIONS),
            fields=_article_fields(found, with_length=False),
            link=found.url or None,
            footer=_summary_footer(ctx, made, found, length),
        )
    )


def _citations(made: Summary, url: str, whole: bool) -> tuple[Citation, ...]:
    return tuple(
        Citation(
            number,
            sentence if whole or len(sentence) <= CITATION_PREVIEW else _preview(sentence),
            sentence_link(url, sentence),
        )
        for number, sentence in sorted(made.cited.items())
    )


def _preview(sentence: str) -> str:
    return sentence[: CITATION_PREVIEW - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _summary_footer(ctx: Context, made: Summary, article: ArticleRow, length: str) -> str:
    ref = ctx.library.ref(article)
    if made.written:
        footer = f"{ref} · {length} summary by a language model, checked against the article"
        if length != FULL_CITATIONS:
            footer += f" · {ctx.prefix}summary {ref} long shows whole sentences"
        return footer
    footer = f"{ref} · {length} summary"
    if made.note:
        footer += f" · the article's own sentences: no written summary, as {made.note}"
    return footer


def _article_fields(article: ArticleRow, with_length: bool = True) -> tuple[Field, ...]:
    fields = [
        Field("Author", article.author),
        Field("Outlet", article.outlet),
        Field("Published", article.published[:10]),
        Field("Language", language_name(article.language) if article.language else ""),
    ]
    if with_length:
        fields.append(Field("Length", plural(article.word_count, length_unit(article.language))))
    return tuple(f for f in fields if f.value)


async def sources(ctx: Context, args: Args) -> Reply:
    if args.get("article"):
        found = await ctx.article(args["article"])
        if isinstance(found, Reply):
            return found
        return await _cited_sources(ctx, found)
    page = int(args.get("page", 1))
    total = await ctx.library.count()
    if total == 0:
        return Reply.info(
            "The library is empty",
            f"A moderator can add articles with `{ctx.prefix}add`.",
        )
    pages = max(1, -(-total // SOURCES_PER_PAGE))
    if page > pages:
        return Reply.error(
            f"There {'is' if pages == 1 else 'are'} only {plural(pages, 'page')} of sources.",
            title="No such page",
        )
    articles = await ctx.library.page((page - 1) * SOURCES_PER_PAGE, SOURCES_PER_PAGE)
    footer = f"Page {page} of {pages} · {plural(total, 'article')}"
    if page < pages:
        footer += f" · `{ctx.prefix}sources {page + 1}` for more"
    followed = [name for cid, name in ctx.community.names.items() if cid != ctx.community.id]
    if followed:
        footer += f" · also reading: {', '.join(followed)}"
    return Reply.result(
        Page(
            title="Sources in the library",
            paragraphs=tuple(article_line(a, ctx.library.ref_of) for a in articles),
            footer=footer,
        )
    )


async def _cited_sources(ctx: Context, article: ArticleRow) -> Reply:
    cited = await ctx.library.sources(article)
    if not cited:
        return Reply.info(f"Sources cited in: {article.title}", "This article cites no sources.")
    groups = {"link": "Links", "outlet": "Outlets named", "person": "People quoted"}
    lines: list[str] = []
    for kind, heading in groups.items():
        items = [s for s in cited if s.kind == kind]
        if items:
            lines.append(f"{heading}:")
            lines.extend(
                f"• {s.name} <{s.url}>" if s.url and s.url != s.name else f"• {s.name}"
                for s in items
            )
    pages = [
        Page(title=f"Sources cited in: {article.title}", paragraphs=("\n".join(group),))
        for group in chunks(lines, 20)
    ]
    return Reply.result(*number_pages(pages))


async def article(ctx: Context, args: Args) -> Reply:
    found = await ctx.article(args["article"])
    if isinstance(found, Reply):
        return found
    quotations = await ctx.library.quotation_count(found)
    fields = (
        *_article_fields(found),
        Field("Quotations", str(quotations)),
        Field("Added", f"{found.added_at[:10]} by {found.added_by.split(' (')[0]}"),
    )
    short = await ctx.library.extractive_summary(found, "short")
    ref = ctx.library.ref(found)
    return Reply.result(
        Page(
            title=found.title,
            paragraphs=(short,) if short else (),
            fields=fields,
            link=found.url or None,
            footer=f"{ref} · {ctx.prefix}summary {ref} for more",
        )
    )


async def search(ctx: Context, args: Args) -> Reply:
    words: str = args["words"]
    if query(words).empty:
        return Reply.error("Give some words to search for, e.g. `coup`.")
    hits = await ctx.library.search(words, MAX_SEARCH_RESULTS)
    if not hits:
        return Reply.error(f"No article mentions `{words.strip()[:60]}`.", title="Nothing found")
    shown = words.strip()[:100]
    footer = ""
    if len(hits) == MAX_SEARCH_RESULTS:
        matching = await ctx.library.count_matches(words)
        if matching > len(hits):
            many = (
                f"more than {MATCHES_COUNTED:,}" if matching >= MATCHES_COUNTED else f"{matching:,}"
            )
            footer = (
                f"The {len(hits)} best of {many} matching articles; add words "
                '(or "a phrase") to narrow the search'
            )
    pages = [
        Page(
            title=f"Search: {shown}",
            paragraphs=tuple(
                f"{article_line(h.article, ctx.library.ref_of)}\n{h.snippet}" for h in group
            ),
            footer=footer,
        )
        for group in chunks(hits, ctx.page_size)
    ]
    return Reply.result(*number_pages(pages))
