"""Every command, declared once. Parsing, help, usage errors and slash commands come from here."""

from __future__ import annotations

from bot.commands import curation, reading
from bot.commands.context import Context
from bot.commands.spec import Arg, ArgKind, Args, Command
from bot.models import Reply, Role

LENGTHS = ("short", "medium", "long")


async def _feed(ctx: Context, args: Args) -> Reply:
    from bot.commands.feed_handlers import feed

    return await feed(ctx, args)


def _article(required: bool = True, flag: str | None = None) -> Arg:
    return Arg(
        "article",
        ArgKind.ARTICLE,
        "the article: #id or words of its title",
        required=required,
        flag=flag,
        max_length=300,
    )


COMMANDS: tuple[Command, ...] = (
    Command(
        "help",
        "List the commands, or explain one",
        (Arg("command", ArgKind.WORDS, "the command to explain", max_length=40),),
        reading.help_,
        example="help quote",
        aliases=("commands",),
    ),
    Command(
        "quote",
        "Find a quotation by words, speaker or article (no words: a random one)",
        (
            Arg("words", ArgKind.WORDS, "words from the quotation", max_length=300),
            Arg("speaker", ArgKind.SPEAKER, "who said it", flag="by", max_length=100),
            _article(required=False, flag="in"),
        ),
        reading.quote,
        example="quote paper tigers by:Mao",
        aliases=("q",),
        details="Filters: `by:Name` for a speaker, `in:#id` (or `in:word`) for one article. "
        'Use quotes for names with spaces: by:"Kit Klarenberg".',
    ),
    Command(
        "summary",
        "Summarise an article (short, medium or long)",
        (
            _article(),
            Arg("length", ArgKind.CHOICE, "how long", choices=LENGTHS),
        ),
        reading.summary,
        example="summary #1 short",
        aliases=("sum",),
    ),
    Command(
        "sources",
        "List the library, or what one article cites",
        (
            Arg("page", ArgKind.INT, "page of the list"),
            _article(required=False),
        ),
        reading.sources,
        example="sources 2",
        aliases=("library", "list"),
    ),
    Command(
        "article",
        "Show an article's card: title, author, outlet, date, link, size",
        (_article(),),
        reading.article,
        example="article #1",
        aliases=("info",),
    ),
    Command(
        "search",
        "Search the articles' text, best matches first",
        (Arg("words", ArgKind.WORDS, "words to search for", required=True, max_length=300),),
        reading.search,
        example="search coup",
        aliases=("find",),
    ),
    Command(
        "next",
        "Show the next page of the last result",
        (),
        reading.next_page,
        example="next",
        aliases=("more",),
    ),
    Command(
        "add",
        "Add an article: attach a file, paste text (title first), HTML or Markdown, or give a link",
        (
            Arg(
                "source",
                ArgKind.TEXT,
                "a link, or the pasted article (console: `add` alone, the text, then a line "
                "holding `.`)",
                max_length=0,
            ),
        ),
        curation.add,
        example="add https://example.org/2021/bolivia-coup",
        role=Role.MODERATOR,
        takes_attachment=True,
        slow=True,
    ),
    Command(
        "remove",
        "Remove an article and everything found in it",
        (_article(),),
        curation.remove,
        example="remove #12",
        role=Role.MODERATOR,
        aliases=("delete",),
    ),
    Command(
        "edit",
        "Correct an article's title, author, outlet, url or date",
        (
            _article(),
            Arg(
                "field",
                ArgKind.CHOICE,
                "what to change",
                required=True,
                choices=curation.EDIT_FIELDS,
            ),
            Arg("value", ArgKind.WORDS, "the new value", required=True, max_length=500),
        ),
        curation.edit,
        example="edit #12 author Kit Klarenberg",
        role=Role.MODERATOR,
    ),
    Command(
        "feed",
        "Subscribe this channel or room to a feed, list its feeds, or remove one",
        (
            Arg(
                "action",
                ArgKind.CHOICE,
                "what to do",
                required=True,
                choices=("add", "list", "remove"),
            ),
            Arg(
                "target", ArgKind.WORDS, "the feed's URL (add) or number (remove)", max_length=2000
            ),
        ),
        _feed,
        example="feed add https://example.org/feed.xml",
        role=Role.MODERATOR,
        aliases=("feeds",),
        slow=True,
    ),
    Command(
        "stats",
        "Library statistics",
        (),
        curation.stats,
        example="stats",
        role=Role.MODERATOR,
    ),
)
