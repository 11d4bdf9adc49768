"""Every command, declared once. Parsing, help, usage errors and slash commands come from here."""

from __future__ import annotations

from bot.commands import adding, articles, community, editing, feeds, navigation, quotations
from bot.commands.spec import Arg, ArgKind, Command
from bot.communities import SETTING_NAMES
from bot.models import Role

LENGTHS = ("short", "medium", "long")


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
        navigation.help_,
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
        quotations.quote,
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
        articles.summary,
        example="summary #1 short",
        aliases=("sum",),
        details="The article's own sentences, or, where a moderator chose "
        "`settings summary-engine llm`, a summary written by the operator's language model in "
        "which every sentence cites the article's sentences (`long` lists them whole).",
    ),
    Command(
        "sources",
        "List the library, or what one article cites",
        (
            Arg("page", ArgKind.INT, "page of the list"),
            _article(required=False),
        ),
        articles.sources,
        example="sources 2",
        aliases=("library", "list"),
    ),
    Command(
        "article",
        "Show an article's card: title, author, outlet, date, link, size",
        (_article(),),
        articles.article,
        example="article #1",
        aliases=("info",),
    ),
    Command(
        "search",
        "Search the articles' text, best matches first",
        (Arg("words", ArgKind.WORDS, "words to search for", required=True, max_length=300),),
        articles.search,
        example="search coup",
        aliases=("find",),
    ),
    Command(
        "next",
        "Show the next page of the last result",
        (),
        navigation.next_page,
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
        adding.add,
        example="add https://example.org/2021/bolivia-coup",
        role=Role.MODERATOR,
        takes_attachment=True,
        slow=True,
    ),
    Command(
        "remove",
        "Remove an article and everything found in it",
        (_article(),),
        editing.remove,
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
                choices=editing.EDIT_FIELDS,
            ),
            Arg("value", ArgKind.WORDS, "the new value", required=True, max_length=500),
        ),
        editing.edit,
        example="edit #12 author Kit Klarenberg",
        role=Role.MODERATOR,
        details='An empty value clears a field: `edit #12 outlet ""`.',
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
        feeds.feed,
        example="feed add https://example.org/feed.xml",
        role=Role.MODERATOR,
        aliases=("feeds",),
        slow=True,
    ),
    Command(
        "stats",
        "Library statistics",
        (),
        community.stats,
        example="stats",
        role=Role.MODERATOR,
    ),
    Command(
        "community",
        "Show this community; rename it, link rooms to its library, share or follow libraries",
        (
            Arg(
                "action",
                ArgKind.CHOICE,
                "what to do",
                choices=community.COMMUNITY_ACTIONS,
            ),
            Arg("target", ArgKind.WORDS, "a room, a server or a community's name", max_length=300),
        ),
        community.community,
        example="community link !abc123:example.org",
        role=Role.MODERATOR,
        details="Each server or room has its own library. `link <room>` lets another room you "
        "moderate use this one's library (its own must be empty); `unlink` gives this room a "
        "new, empty library. `share <name>` lets the community called `name` read this library; "
        "its moderators then `follow` it. Nothing is shared unless both sides agree.",
    ),
    Command(
        "settings",
        "Show or change this community's settings (prefix, page size, summaries, who moderates)",
        (
            Arg("name", ArgKind.CHOICE, "the setting", choices=SETTING_NAMES),
            Arg("value", ArgKind.WORDS, "its new value, or `default`", max_length=100),
        ),
        community.settings,
        example="settings page-size 8",
        role=Role.MODERATOR,
    ),
)
