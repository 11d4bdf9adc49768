"""The `articlebot` command line: run, ask, ingest, export, import, link, communities, eval.

Every command that reads or writes a library acts on one community, named with `--community`
(default: `default`, the console's). Exit codes: 0 done, 1 failed (an error reply, a failed
file), 2 misuse (a bad option, no such library, not a command).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from dotenv import load_dotenv

from adapters.console import AttachmentError, console_request
from adapters.progress import progress_reporter
from bot.commands.catalog import COMMANDS
from bot.commands.parser import UsageError, parse
from bot.config import ConfigError, Settings
from bot.core import Bot, LibraryError
from bot.ingest.text import plural
from bot.models import Attachment, Role
from bot.render_text import render_page

EXIT_OK, EXIT_FAILED, EXIT_MISUSE = 0, 1, 2
DEFAULT_COMMUNITY = "default"
# Commands that may make a new library; any other on a missing one is a typo'd path.
CREATES = frozenset({"add"})
NEEDS_NO_LIBRARY = frozenset({"help"})


def _with_library(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", help="the library: a SQLite path or a postgresql:// URL (default: ARTICLEBOT_DB)"
    )
    parser.add_argument(
        "--community",
        default=DEFAULT_COMMUNITY,
        help=f"the community whose library to use (default: {DEFAULT_COMMUNITY})",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="articlebot",
        description="A chat bot serving quotes, summaries and sources from a library of articles.",
    )
    parser.add_argument("--version", action="version", version=f"articlebot {_version()}")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    run = sub.add_parser("run", help="start every configured adapter (the console when none is)")
    run.add_argument(
        "--community",
        default=DEFAULT_COMMUNITY,
        help="the console's community (default: default)",
    )

    ask = sub.add_parser("ask", help="run one command and print the reply")
    _with_library(ask)
    ask.add_argument(
        "--as",
        dest="role",
        choices=("member", "moderator", "operator"),
        default="operator",
        help="whose command it is (default: operator, as the one who runs the bot)",
    )
    ask.add_argument("--attach", type=Path, action="append", default=[], metavar="FILE")
    ask.add_argument("text", help='the command, e.g. "!quote paper tigers" (the ! is optional)')

    ingest = sub.add_parser("ingest", help="add files, folders or URLs to a library")
    _with_library(ingest)
    ingest.add_argument(
        "--workers", type=int, default=None, help="analysis processes (default: one per core)"
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH")

    export = sub.add_parser("export", help="write a community's library to a JSON file")
    _with_library(export)
    export.add_argument("file", type=Path)

    imp = sub.add_parser("import", help="load a JSON export into a community's empty library")
    _with_library(imp)
    imp.add_argument("file", type=Path)

    link = sub.add_parser(
        "link", help="let a Discord server or Matrix room use a community's library"
    )
    _with_library(link)
    link.add_argument("space", help="discord:<server id> or matrix:<room id>")

    communities = sub.add_parser("communities", help="list the communities and their rooms")
    communities.add_argument("--db")

    check = sub.add_parser("check", help="exit 0 when the library can be opened (health checks)")
    check.add_argument("--db")

    ev = sub.add_parser("eval", help="measure quotations, summaries or extraction on a data set")
    ev.add_argument("kind", choices=("quotes", "summaries", "extraction"))
    ev.add_argument("--data", type=Path, required=True)
    ev.add_argument("--limit", type=_positive, metavar="N")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--predictions", type=Path)
    ev.add_argument(
        "--engine",
        choices=("extractive", "llm"),
        default="extractive",
        help="summaries: the extractive ones, or the language model's (ARTICLEBOT_LLM_*)",
    )
    ev.add_argument(
        "--half", choices=("a", "b"), help="only one stable half of the items (hash of the id)"
    )
    ev.add_argument(
        "--sample",
        type=_positive,
        default=0,
        metavar="N",
        help="quotes: also print N random served quotations with their context, to judge by hand",
    )
    ev.add_argument("--seed", type=int, default=0, help="random seed of --sample")
    return parser


def _version() -> str:
    try:
        return metadata.version("articlebot")
    except metadata.PackageNotFoundError:
        return "(not installed)"


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, got {text!r}")
    return int(text)


def _settings(db: str | None) -> Settings:
    settings = Settings.from_env()
    return settings if db is None else replace(settings, db=db)


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"articlebot: {message}", file=sys.stderr)
    return code


def _command_name(text: str, prefix: str) -> str:
    """The command a line names, to know what library it needs; UsageError when it names
    none (nothing, a lone prefix, an unknown word): one rule for all that is not a command."""
    line = text.strip()
    line = line if line.startswith(prefix) else prefix + line
    try:
        invocation = parse(line, COMMANDS, prefix)
    except UsageError as err:
        if err.command is None:
            raise
        return err.command.name
    if invocation is None:
        raise UsageError(
            f"`{text.strip()[:40]}` is not a command; `articlebot ask help` lists them."
        )
    return invocation.command.name


async def _ask(args: argparse.Namespace, settings: Settings) -> int:
    role = Role(args.role)
    try:
        name = _command_name(args.text, settings.prefix)
    except UsageError as err:
        return _fail(str(err), EXIT_MISUSE)
    try:
        request = console_request(
            args.text, settings.prefix, role, settings.max_upload_bytes, args.community
        )
    except AttachmentError as err:
        return _fail(str(err), EXIT_MISUSE)
    extra = []
    for path in args.attach:
        if path.is_dir():
            return _fail(
                f"{path} is a folder; attach files, or add a folder with `articlebot ingest`",
                EXIT_MISUSE,
            )
        if not path.is_file():
            return _fail(f"no such file: {path}", EXIT_MISUSE)
        with path.open("rb") as handle:
            extra.append(Attachment(path.name, handle.read(settings.max_upload_bytes + 1)))
    request = replace(request, display_name="cli", attachments=(*request.attachments, *extra))
    if name in NEEDS_NO_LIBRARY:
        settings = replace(settings, db=":memory:")
    bot = await Bot.open(settings, create=name in CREATES or name in NEEDS_NO_LIBRARY)
    try:
        reply = await bot.handle(request)
    finally:
        await bot.close()
    if reply is None:  # a flood the cooldown mutes: not for the command line's one user
        return _fail("no answer", EXIT_FAILED)
    print("\n\n".join(render_page(page) for page in reply.pages))
    return EXIT_FAILED if reply.is_error else EXIT_OK


async def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.ingest.bulk import ingest

    bot = await Bot.open(settings)
    try:
        library = await bot.library_named(args.community)
        with progress_reporter("ingesting") as progress:
            tally = await ingest(library, args.paths, settings, args.workers, progress)
        await bot.after_bulk_load(tally.added)
    finally:
        await bot.close()
    print(f"added {tally.added}, duplicates {tally.duplicates}, failed {len(tally.failed)}")
    for name, reason in tally.failed:
        print(f"  failed: {name}: {reason}")
    return EXIT_FAILED if tally.failed else EXIT_OK


async def _export(args: argparse.Namespace, settings: Settings) -> int:
    bot = await Bot.open(settings, create=False)
    try:
        community = await bot.community_named(args.community)
        if community is None:
            return _fail(f"there is no community {args.community!r} in {bot.location}")
        data = await (await bot.library_named(args.community)).export()
    finally:
        await bot.close()
    try:
        args.file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as err:
        return _fail(f"cannot write {args.file}: {err.strerror or err}")
    articles = data.get("articles", [])
    count = len(articles) if isinstance(articles, list) else 0
    print(f"exported {plural(count, 'article')} of {args.community} to {args.file}")
    return EXIT_OK


async def _import(args: argparse.Namespace, settings: Settings) -> int:
    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return _fail(f"cannot read {args.file}: {err}")
    bot = await Bot.open(settings)
    try:
        count = await (await bot.library_named(args.community)).import_(data)
    except LibraryError as err:
        return _fail(str(err))
    finally:
        await bot.close()
    print(f"imported {plural(count, 'article')} from {args.file} into {args.community}")
    return EXIT_OK


async def _link(args: argparse.Namespace, settings: Settings) -> int:
    bot = await Bot.open(settings, create=False)
    try:
        await bot.link_space(args.space, args.community)
    except LibraryError as err:
        return _fail(str(err))
    finally:
        await bot.close()
    print(f"{args.space} now uses the library of {args.community}")
    return EXIT_OK


async def _check(settings: Settings) -> int:
    bot = await Bot.open(settings, create=False)
    try:
        print(f"ok: {bot.location}")
    finally:
        await bot.close()
    return EXIT_OK


async def _communities(settings: Settings) -> int:
    bot = await Bot.open(settings, create=False)
    try:
        for line in await bot.describe_communities():
            print(line)
    finally:
        await bot.close()
    return EXIT_OK


def _quiet_by_default(args: argparse.Namespace, settings: Settings) -> Settings:
    """One-shot commands and the console keep the terminal for answers: only warnings are
    logged there unless ARTICLEBOT_LOG_LEVEL asks for more."""
    if "ARTICLEBOT_LOG_LEVEL" in os.environ:
        return settings
    network = any(settings.platform.get(k) for k in ("DISCORD_TOKEN", "MATRIX_HOMESERVER"))
    if args.action == "run" and network:
        return settings
    return replace(settings, log_level="WARNING")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    load_dotenv()
    try:
        settings = _quiet_by_default(args, _settings(getattr(args, "db", None)))
    except ConfigError as err:
        return _fail(f"configuration error: {err}", EXIT_MISUSE)
    settings.configure_logging()
    try:
        return _dispatch(args, settings)
    except LibraryError as err:
        return _fail(str(err), EXIT_MISUSE)


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "run":
        from adapters.runner import run

        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(run(settings, args.community))
        return EXIT_OK
    if args.action == "eval":
        from bot.evaluation import run_eval

        return run_eval(
            args.kind,
            args.data,
            args.limit,
            args.json,
            args.predictions,
            sys.stdout,
            engine=args.engine,
            llm=settings.llm,
            half=args.half,
            sample=args.sample,
            seed=args.seed,
        )
    actions = {
        "ask": _ask,
        "ingest": _ingest,
        "export": _export,
        "import": _import,
        "link": _link,
    }
    if args.action == "communities":
        return asyncio.run(_communities(settings))
    if args.action == "check":
        return asyncio.run(_check(settings))
    return asyncio.run(actions[args.action](args, settings))


if __name__ == "__main__":
    sys.exit(main())
