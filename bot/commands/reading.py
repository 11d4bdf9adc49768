"""Handlers of the commands every member may use."""

from __future__ import annotations

from bot.commands.context import Context
from bot.commands.formatting import (
    article_citation,
    article_line,
    chunks,
    number_pages,
    quotation_block,
)
from bot.commands.spec import Args
from bot.ingest.text import plural
from bot.models import Field, Page, Quotation, Reply
from bot.nlp.sentences import split_sentences
from storage import ArticleRow, QuotationRow
from storage.fts import terms

MAX_RESULTS = 50
# Each search hit costs a highlighted snippet, the dearest part of the query: four pages' worth.
MAX_SEARCH_RESULTS = 20
SOURCES_PER_PAGE = 10


async def quote(ctx: Context, args: Args) -> Reply:
    words: str = args.get("words", "")
    speaker: str = args.get("speaker", "")
    article_id: int | None = None
    if args.get("article"):
        found = await ctx.article(args["article"])
        if isinstance(found, Reply):
            return found
        article_id = found.id
    if not terms(words):
        if words.strip():
            return Reply.error("Give some words to look for, e.g. `paper tigers`.")
        if not speaker:
            one = await ctx.store.random_quotation(speaker, article_id)
            if one is None:
                return _no_quotation(ctx, speaker)
            return Reply.result(Page(title="A quotation", quotations=(quotation_block(one),)))
    rows = await ctx.store.search_quotations(words, speaker, article_id, limit=MAX_RESULTS)
    if not rows:
        if terms(words):
            return await _passage_fallback(ctx, words, article_id)
        return _no_quotation(ctx, speaker)
    return _quotation_pages(ctx, rows, words, speaker)


def _quotation_pages(ctx: Context, rows: list[QuotationRow], words: str, speaker: str) -> Reply:
    per_page = 1 if terms(words) else ctx.settings.page_size
    what = " ".join(part for part in (words.strip(), f"by:{speaker}" if speaker else "") if part)
    title = f"Quotations: {what}" if len(rows) > 1 else "Quotation"
    pages = [
        Page(title=title, quotations=tuple(quotation_block(r) for r in group))
        for group in chunks(rows, per_page)
    ]
    return Reply.result(*number_pages(pages))


def _no_quotation(ctx: Context, speaker: str) -> Reply:
    if speaker:
        return Reply.error(
            f"No quotations by `{speaker[:60]}` in the library. "
            f"`{ctx.prefix}stats` lists the most quoted speakers.",
            title="Nothing found",
        )
    return Reply.error(
        f"The library has no quotations yet. A moderator can add articles with `{ctx.prefix}add`.",
        title="Nothing found",
    )


def best_passage(text: str, words: str) -> str | None:
    """The sentence of `text` sharing the most words (or word beginnings) with the query."""
    wanted = [w[:5] for w in terms(words)]
    best, best_score = None, 0
    for start, end in split_sentences(text):
        sentence = text[start:end]
        found = {w[:5] for w in terms(sentence)}
        score = sum(1 for w in wanted if w in found)
        if score > best_score:
            best, best_score = sentence.strip(), score
    return best


async def _passage_fallback(ctx: Context, words: str, article_id: int | None) -> Reply:
    hits: list[ArticleRow]
    if article_id is not None:
        article = await ctx.store.get_article(article_id)
        hits = [article] if article else []
    else:
        hits = [hit.article for hit in await ctx.store.search_articles(words, limit=3)]
    for article in hits:
        text = await ctx.store.article_text(article.id) or ""
        passage = best_passage(text, words)
        if passage:
            block = Quotation(
                passage, "from the article", article_citation(article), article.url or None
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


async def summary(ctx: Context, args: Args) -> Reply:
    found = await ctx.article(args["article"])
    if isinstance(found, Reply):
        return found
    length: str = args.get("length", "medium")
    text = await ctx.store.get_summary(found.id, length)
    if text is None:  # e.g. imported without summaries: compute once, then cache
        from bot.nlp.summary import summarize

        body = await ctx.store.article_text(found.id) or ""
        made = summarize(body, found.title)
        for name, value in made.items():
            await ctx.store.put_summary(found.id, name, "extractive", value)
        text = made.get(length, "")
    return Reply.result(
        Page(
            title=found.title,
            paragraphs=(text,),
            fields=_article_fields(found, with_length=False),
            link=found.url or None,
            footer=f"#{found.id} · {length} summary",
        )
    )


def _article_fields(article: ArticleRow, with_length: bool = True) -> tuple[Field, ...]:
    fields = [
        Field("Author", article.author),
        Field("Outlet", article.outlet),
        Field("Published", article.published[:10]),
    ]
    if with_length:
        fields.append(Field("Length", f"{article.word_count:,} words"))
    return tuple(f for f in fields if f.value)


async def sources(ctx: Context, args: Args) -> Reply:
    if args.get("article"):
        found = await ctx.article(args["article"])
        if isinstance(found, Reply):
            return found
        return await _cited_sources(ctx, found)
    page = int(args.get("page", 1))
    total = await ctx.store.count_articles()
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
    articles = await ctx.store.list_articles((page - 1) * SOURCES_PER_PAGE, SOURCES_PER_PAGE)
    footer = f"Page {page} of {pages} · {plural(total, 'article')}"
    if page < pages:
        footer += f" · `{ctx.prefix}sources {page + 1}` for more"
    return Reply.result(
        Page(
            title="Sources in the library",
            paragraphs=tuple(article_line(a) for a in articles),
            footer=footer,
        )
    )


async def _cited_sources(ctx: Context, article: ArticleRow) -> Reply:
    cited = await ctx.store.sources_of(article.id)
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
    quotations = await ctx.store.count_quotations(found.id)
    fields = (
        *_article_fields(found),
        Field("Quotations", str(quotations)),
        Field("Added", f"{found.added_at[:10]} by {found.added_by.split(' (')[0]}"),
    )
    short = await ctx.store.get_summary(found.id, "short")
    return Reply.result(
        Page(
            title=found.title,
            paragraphs=(short,) if short else (),
            fields=fields,
            link=found.url or None,
            footer=f"#{found.id} · {ctx.prefix}summary #{found.id} for more",
        )
    )


async def search(ctx: Context, args: Args) -> Reply:
    words: str = args["words"]
    if not terms(words):
        return Reply.error("Give some words to search for, e.g. `coup`.")
    hits = await ctx.store.search_articles(words, limit=MAX_SEARCH_RESULTS)
    if not hits:
        return Reply.error(f"No article mentions `{words.strip()[:60]}`.", title="Nothing found")
    pages = [
        Page(
            title=f"Search: {words.strip()[:100]}",
            paragraphs=tuple(f"{article_line(h.article)}\n{h.snippet}" for h in group),
        )
        for group in chunks(hits, ctx.settings.page_size)
    ]
    return Reply.result(*number_pages(pages))


async def help_(ctx: Context, args: Args) -> Reply:
    from bot.commands.parser import find_command

    commands = ctx.bot.commands
    name: str = args.get("command", "").lstrip(ctx.prefix)
    if name:
        command = find_command(name, commands)
        if command is None:
            return Reply.error(
                f"There is no command `{name[:40]}`. `{ctx.prefix}help` lists them.",
                title="Unknown command",
            )
        fields: list[Field] = [
            Field(
                arg.usage(),
                arg.help + (f" ({', '.join(arg.choices)})" if arg.choices else ""),
                inline=False,
            )
            for arg in command.args
        ]
        fields.append(Field("Example", f"{ctx.prefix}{command.example}", inline=False))
        if command.aliases:
            fields.append(Field("Also", ", ".join(command.aliases)))
        if command.role.value == "moderator":
            fields.append(Field("Who", "moderators only"))
        paragraphs: tuple[str, ...] = (command.summary,)
        if command.details:
            paragraphs += (command.details,)
        return Reply.info(command.usage(ctx.prefix), *paragraphs, fields=tuple(fields))
    lines = [
        f"{command.usage(ctx.prefix)} — {command.summary}"
        + (" (moderators)" if command.role.value == "moderator" else "")
        for command in commands
    ]
    return Reply.info(
        "articlebot commands",
        "\n".join(lines),
        f"`{ctx.prefix}help <command>` explains one command with an example.",
    )


async def next_page(ctx: Context, args: Args) -> Reply:
    page = ctx.bot.pager.next(ctx.request)
    if page is None:
        return Reply.error(
            "There is nothing more to show. Results with several pages can be continued with "
            f"`{ctx.prefix}next` right after them.",
            title="No more pages",
        )
    return Reply.result(page)
