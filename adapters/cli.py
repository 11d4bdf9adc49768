"""The `articlebot` command line: run, ask, ingest, export, import, eval."""

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
from bot.config import ConfigError, Settings
from bot.core import Bot
from bot.ingest.text import plural
from bot.models import Attachment, Role
from bot.render_text import render_page
from storage import StoreError

EXIT_OK, EXIT_FAILED, EXIT_MISUSE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="articlebot",
        description="A chat bot serving quotes, summaries and sources from a library of articles.",
    )
    parser.add_argument("--version", action="version", version=f"articlebot {_version()}")
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub.add_parser("run", help="start every configured adapter (the console when none is)")

    ask = sub.add_parser("ask", help="run one command and print the reply")
    ask.add_argument("--db", type=Path, help="the library database (default: ARTICLEBOT_DB)")
    ask.add_argument("--as", dest="role", choices=("member", "moderator"), default="moderator")
    ask.add_argument("--attach", type=Path, action="append", default=[], metavar="FILE")
    ask.add_argument("text", help='the command, e.g. "!quote paper tigers"')

    ingest = sub.add_parser("ingest", help="add files, folders or URLs to the library")
    ingest.add_argument("--db", type=Path)
    ingest.add_argument(
        "--workers", type=int, default=None, help="analysis processes (default: one per core)"
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH")

    export = sub.add_parser("export", help="write the whole library to a JSON file")
    export.add_argument("--db", type=Path)
    export.add_argument("file", type=Path)

    imp = sub.add_parser("import", help="load a JSON export into an empty library")
    imp.add_argument("--db", type=Path)
    imp.add_argument("file", type=Path)

    ev = sub.add_parser("eval", help="measure quotations, summaries or extraction on a data set")
    ev.add_argument("kind", choices=("quotes", "summaries", "extraction"))
    ev.add_argument("--data", type=Path, required=True)
    ev.add_argument("--limit", type=_positive, metavar="N")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--predictions", type=Path)
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


def _settings(db: Path | None) -> Settings:
    settings = Settings.from_env()
    return settings if db is None else replace(settings, db_path=db)


async def _ask(args: argparse.Namespace, settings: Settings) -> int:
    role = Role.MODERATOR if args.role == "moderator" else Role.MEMBER
    try:
        request = console_request(args.text, settings.prefix, role, settings.max_upload_bytes)
    except AttachmentError as err:
        print(f"articlebot: {err}", file=sys.stderr)
        return EXIT_MISUSE
    extra = []
    for path in args.attach:
        if path.is_dir():
            print(
                f"articlebot: {path} is a folder; attach files, or add a folder with "
                "`articlebot ingest`",
                file=sys.stderr,
            )
            return EXIT_MISUSE
        if not path.is_file():
            print(f"articlebot: no such file: {path}", file=sys.stderr)
            return EXIT_MISUSE
        with path.open("rb") as handle:
            extra.append(Attachment(path.name, handle.read(settings.max_upload_bytes + 1)))
    request = replace(request, display_name="cli", attachments=(*request.attachments, *extra))
    bot = await Bot.open(settings)
    try:
        reply = await bot.handle(request)
    finally:
        await bot.close()
    if reply is None:
        print("articlebot: that is not a command", file=sys.stderr)
        return EXIT_MISUSE
    print("\n\n".join(render_page(page) for page in reply.pages))
    return EXIT_FAILED if reply.is_error else EXIT_OK


async def _export(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.db_path.is_file():
        print(f"articlebot: there is no library at {settings.db_path}", file=sys.stderr)
        return EXIT_FAILED
    bot = await Bot.open(settings)
    try:
        data = await bot.store.export_library()
    finally:
        await bot.close()
    try:
        args.file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as err:
        print(f"articlebot: cannot write {args.file}: {err.strerror or err}", file=sys.stderr)
        return EXIT_FAILED
    print(f"exported {plural(len(data['articles']), 'article')} to {args.file}")
    return EXIT_OK


async def _import(args: argparse.Namespace, settings: Settings) -> int:
    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        print(f"articlebot: cannot read {args.file}: {err}", file=sys.stderr)
        return EXIT_FAILED
    bot = await Bot.open(settings)
    try:
        count = await bot.store.import_library(data)
    except StoreError as err:
        print(f"articlebot: {err}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        await bot.close()
    print(f"imported {plural(count, 'article')} from {args.file}")
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
        print(f"articlebot: configuration error: {err}", file=sys.stderr)
        return EXIT_MISUSE
    settings.configure_logging()
    try:
        return _dispatch(args, settings)
    except StoreError as err:
        print(f"articlebot: {err}", file=sys.stderr)
        return EXIT_MISUSE


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "run":
        from adapters.runner import run

        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(run(settings))
        return EXIT_OK
    if args.action == "ask":
        return asyncio.run(_ask(args, settings))
    if args.action == "ingest":
        from adapters.ingest_cli import ingest

        return asyncio.run(ingest(args.paths, settings, args.workers))
    if args.action == "export":
        return asyncio.run(_export(args, settings))
    if args.action == "import":
        return asyncio.run(_import(args, settings))
    from bot.evaluation import run_eval

    return run_eval(args.kind, args.data, args.limit, args.json, args.predictions, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
