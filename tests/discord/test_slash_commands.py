"""Slash commands: generated from the declarations, synced at start-up, answered with embeds."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import discord
import pytest
import simcord

from adapters.discord_chat import DiscordAdapter, describe_commands
from adapters.discord_chat import adapter as adapter_module
from adapters.discord_chat.render import markdown
from bot.commands.catalog import COMMANDS
from bot.commands.spec import ArgKind
from bot.core import Bot
from bot.ingest.document import make_document
from bot.ingest.text import from_pasted
from tests.discord.conftest import World
from tests.discord.helpers import only_embed, was_deferred

STRING, INTEGER, ATTACHMENT = 3, 4, 11
BRIDGE_SENTENCES = (  # the body of tests.support.articles.BRIDGE, sentence by sentence
    "The council of Lowmere met on Tuesday to decide the future of the old river crossing.",
    '"The bridge will open in spring, and @everyone in town is invited to walk across it first," '
    "said Mayor Ada Fenwick at the meeting.",
    "Residents had waited eleven years for a safe crossing.",
    '"We asked <@&123456789> and <@42> for help, and @here they answered," said Ben Okoro, who '
    "leads the residents' committee.",
    "The engineers expect the work to take six months.",
)


def synced_commands(env: simcord.Env, guild_id: int | None = None) -> list[dict[str, Any]]:
    """The command list the bot last PUT to Discord (globally, or for one guild)."""
    suffix = f"/guilds/{guild_id}/commands" if guild_id else "/commands"
    puts = [
        r
        for r in env.http_requests
        if r.method == "PUT" and r.path.endswith(suffix) and (guild_id or "/guilds/" not in r.path)
    ]
    assert puts, f"no sync to {suffix}"
    body: list[dict[str, Any]] = puts[-1].json
    return body


async def test_start_up_syncs_every_declared_command(env: simcord.Env, world: World) -> None:
    synced = {c["name"]: c for c in synced_commands(env)}
    assert set(synced) == {c.name for c in COMMANDS}
    assert set(world.member.available_commands(world.channel)) == set(synced)
    for command in COMMANDS:
        payload = synced[command.name]
        assert command.summary in payload["description"]
        assert len(payload["description"]) <= 100
        options = {o["name"]: o for o in payload.get("options", [])}
        expected = [a.name for a in command.args] + (["file"] if command.takes_attachment else [])
        assert set(options) == set(expected)
        for arg in command.args:
            option = options[arg.name]
            assert option["description"] == arg.help
            assert option.get("required", False) == arg.required
            assert option["type"] == (INTEGER if arg.kind is ArgKind.INT else STRING)
            if arg.choices:
                assert [c["value"] for c in option["choices"]] == list(arg.choices)
            assert option.get("autocomplete", False) == (
                arg.kind in (ArgKind.ARTICLE, ArgKind.SPEAKER)
            )
            if arg.kind in (ArgKind.WORDS, ArgKind.ARTICLE, ArgKind.SPEAKER) and arg.max_length:
                assert option["max_length"] == arg.max_length
        if command.takes_attachment:
            assert options["file"]["type"] == ATTACHMENT
            assert not options["file"].get("required", False)
        # Discord refuses a required option after an optional one.
        flags = [o.get("required", False) for o in payload.get("options", [])]
        assert flags == sorted(flags, reverse=True)


async def test_guild_id_syncs_to_that_guild(
    env: simcord.Env, world: World, core: Bot, discord_settings: Any
) -> None:
    """With DISCORD_GUILD_ID a (re)start registers the commands in that guild."""
    platform = {**discord_settings.platform, "DISCORD_GUILD_ID": str(world.guild.id)}
    restarted = DiscordAdapter(core, dataclasses.replace(discord_settings, platform=platform))
    await env.restart_bot(restarted.client)
    names = {c["name"] for c in synced_commands(env, world.guild.id)}
    assert names == {c.name for c in COMMANDS}
    result = await world.member.slash(world.channel, "article", article="#2")
    assert only_embed(result.response).title == "Orchard cooperative doubles its harvest"


def test_describe_commands_lists_each_command_and_option() -> None:
    listing = describe_commands(COMMANDS)
    for command in COMMANDS:
        assert f"/{command.name} — {command.summary}" in listing
        for arg in command.args:
            assert f"    {arg.name} (" in listing
    assert "file (attachment, optional)" in listing
    assert "length (string, optional, choices: short|medium|long)" in listing


async def test_summary_slash_command(env: simcord.Env, world: World) -> None:
    result = await world.member.slash(world.channel, "summary", article="#1", length="short")
    assert result.acknowledged and not result.ephemeral and not was_deferred(env)
    embed = only_embed(result.response)
    assert embed.title == "River town votes on the new bridge"
    # A short summary is one sentence of the article, whichever the core judged best.
    assert embed.description in {markdown(sentence) for sentence in BRIDGE_SENTENCES}
    assert embed.footer.text == "#1 · short summary"


async def test_search_highlights_in_bold_and_escapes_markdown(
    env: simcord.Env, world: World, core: Bot
) -> None:
    text = (
        "Markdown *stars* and __lines__ survive\n\nThe festival_of_lights poster said *free* "
        "entry and the lantern parade starts at dusk by the canal, with music and food for all "
        "the families who come along this year."
    )
    title, _, body = text.partition("\n\n")  # plain text as stored, not a Markdown paste
    await world.library.add(make_document(title, body), "setup (0)", "test")
    result = await world.member.slash(world.channel, "search", words="lantern")
    description = only_embed(result.response).description or ""
    assert "**lantern**" in description
    assert "\\*free\\*" in description and "festival\\_of\\_lights" in description


async def test_unknown_article_is_an_ephemeral_error(env: simcord.Env, world: World) -> None:
    result = await world.member.slash(world.channel, "article", article="#999")
    assert result.ephemeral
    embed = only_embed(result.response)
    assert embed.title == "Unknown article"
    assert embed.colour == discord.Colour(0xED4245)


async def test_help_on_an_unknown_command_is_ephemeral(env: simcord.Env, world: World) -> None:
    result = await world.member.slash(world.channel, "help", command="nonsense")
    assert result.ephemeral
    assert only_embed(result.response).title == "Unknown command"


@pytest.mark.parametrize(
    ("option", "typed", "expected"),
    [
        ("article", "orchard", [("#2 Orchard cooperative doubles its harvest", "#2")]),
        ("speaker", "Ben", [("Ben Okoro", "Ben Okoro")]),
    ],
)
async def test_autocomplete(
    env: simcord.Env, world: World, option: str, typed: str, expected: list[tuple[str, str]]
) -> None:
    choices = await world.member.autocomplete(world.channel, "quote", option, typed)
    assert [(c["name"], c["value"]) for c in choices] == expected


async def test_autocomplete_offers_at_most_25_short_names(
    env: simcord.Env, world: World, core: Bot
) -> None:
    for n in range(30):
        title = f"Bridge report {n} " + "with a very long headline " * 6
        body = f"Report {n} on the bridge works. " * 10
        await world.library.add(from_pasted(f"{title}\n\n{body}", 100_000), "setup (0)", "test")
    choices = await world.member.autocomplete(world.channel, "summary", "article", "bridge")
    assert len(choices) == 25
    assert all(len(c["name"]) <= 100 and c["value"].startswith("#") for c in choices)
    everything = await world.member.autocomplete(world.channel, "article", "article", "")
    assert len(everything) == 25


async def test_a_slow_answer_is_deferred_before_discord_gives_up(
    env: simcord.Env, world: World, core: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not declared slow, yet slow this time (a cold summary, a busy disk): defer in time."""
    handle = core.handle

    async def slow_handle(request: Any) -> Any:
        await asyncio.sleep(5)
        return await handle(request)

    monkeypatch.setattr(core, "handle", slow_handle)
    monkeypatch.setattr(adapter_module, "ANSWER_DEADLINE", 0.05)  # real seconds: keep it short
    result = await world.member.slash(world.channel, "article", article="#1")
    assert was_deferred(env)
    await env.advance_time(5)
    assert only_embed(result.response).title == "River town votes on the new bridge"
