"""Communities through the core: a stranger's space reaches nothing of another's; links,
shares, settings, operators, numbers, leaving and the retention purge."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.core import Bot
from bot.models import Role
from tests.support.articles import HARBOUR, ORCHARD
from tests.support.requests import ask, checksum, library, request, seed, shown

ALICE = "matrix:!alice-room:example.org"
MALLORY = "matrix:!mallory-room:example.org"


def as_in(space: str, role: Role = Role.MODERATOR, user: str = "@mod:example.org") -> dict:
    return {"space": space, "place": space, "role": role, "user": user}


class Rooms:
    """A platform's directory as the core asks it: who moderates which room."""

    def __init__(self, moderators: dict[str, set[str]]) -> None:
        self.moderators = moderators

    async def space_of(self, target: str) -> str | None:
        space = f"matrix:{target}"
        return space if space in self.moderators else None

    async def role_in(self, space: str, user_id: str) -> Role | None:
        if space not in self.moderators:
            return None
        return Role.MODERATOR if user_id in self.moderators[space] else Role.MEMBER


async def test_whatever_a_stranger_does_in_her_own_room_leaves_another_library_alone(
    bot: Bot,
) -> None:
    alices = await seed(bot, HARBOUR, ORCHARD, space=ALICE)
    feeds_before = await alices.feeds()
    mallory = as_in(MALLORY, Role.MODERATOR, "@mallory:example.org")  # power 100 in her room
    await library(bot, MALLORY)
    before = await checksum(bot, ALICE)
    seen = [
        shown(await ask(bot, text, **mallory))
        for text in ("!sources", "!quote safety", "!quote by:Solberg", "!search harbour",
                     "!summary #1", "!article #1", "!sources #1", "!stats")
    ]  # fmt: skip
    secrets = ("The harbour bridge", "Apple growers", "Ingrid Solberg", "Lindqvist", "ferry")
    assert not any(secret in text for text in seen for secret in secrets), seen
    assert (await ask(bot, "!edit #1 title Hacked", **mallory)).is_error
    assert (await ask(bot, "!remove #1", **mallory)).is_error
    assert (await ask(bot, "!community link !alice-room:example.org", **mallory)).is_error
    assert (await ask(bot, "!community follow " + alices.community.name, **mallory)).is_error
    assert await checksum(bot, ALICE) == before  # nothing of Alice's changed
    added = shown(
        await ask(bot, "!add Mallory's own story\n" + HARBOUR.split("\n", 1)[1], **mallory)
    )
    assert "Added #1: Mallory's own story" in added  # #1 of her library
    assert [a.title for a in await alices.page(0, 10)] == [
        "Apple growers expect a record harvest in the valley",
        "The harbour bridge will close for repairs next spring",
    ]
    assert await alices.feeds() == feeds_before
    assert "Mallory" not in shown(await ask(bot, "!sources", **as_in(ALICE, Role.MEMBER)))


async def test_numbers_are_never_handed_out_twice(bot: Bot) -> None:
    await ask(bot, "!add " + HARBOUR)
    await ask(bot, "!add " + ORCHARD)
    assert not (await ask(bot, "!remove #2")).is_error
    third = shown(await ask(bot, "!add The third story\n" + ORCHARD.split("\n", 1)[1] + " More."))
    assert "Added #3: The third story" in third
    assert (await ask(bot, "!article #2")).first.title == "Unknown article"


async def test_rooms_are_linked_only_by_a_moderator_of_both(bot: Bot) -> None:
    rooms = Rooms({ALICE: {"@alice:x"}, "matrix:!annex:x": {"@alice:x"}, MALLORY: {"@m:x"}})
    bot.add_directory("matrix", rooms)
    alices = await seed(bot, HARBOUR, space=ALICE)
    # Mallory moderates her room but not Alice's: she cannot pull it into hers, nor the reverse.
    refused = await ask(
        bot, "!community link !alice-room:example.org", **as_in(MALLORY, user="@m:x")
    )
    assert refused.is_error and "moderator" in shown(refused)
    # Alice moderates both of hers: the annex now reads and writes the same library.
    linked = await ask(bot, "!community link !annex:x", **as_in(ALICE, user="@alice:x"))
    assert not linked.is_error, shown(linked)
    annex = as_in("matrix:!annex:x", Role.MEMBER, "@bob:x")
    assert "Solberg" in shown(await ask(bot, "!quote by:Solberg", **annex))
    assert not (
        await ask(bot, "!add " + ORCHARD, **as_in("matrix:!annex:x", user="@alice:x"))
    ).is_error
    assert await alices.count() == 2
    # A room with a library of its own is never merged by accident.
    await seed(bot, ORCHARD, space="matrix:!busy:x")
    rooms.moderators["matrix:!busy:x"] = {"@alice:x"}
    busy = await ask(bot, "!community link !busy:x", **as_in(ALICE, user="@alice:x"))
    assert busy.is_error and "library of its own" in shown(busy)
    # Unlinking gives the annex a new, empty library; Alice's keeps everything.
    gone = await ask(bot, "!community unlink", **as_in("matrix:!annex:x", user="@alice:x"))
    assert not gone.is_error, shown(gone)
    assert (await ask(bot, "!sources", **annex)).first.title == "The library is empty"
    assert await alices.count() == 2


async def test_an_operator_links_any_room(settings: Settings) -> None:
    bot = await Bot.open(replace(settings, operators=frozenset({"matrix:@op:x"})))
    try:
        bot.add_directory("matrix", Rooms({ALICE: set(), "matrix:!far:x": set()}))
        await seed(bot, HARBOUR, space=ALICE)
        reply = await ask(bot, "!community link !far:x", **as_in(ALICE, Role.MEMBER, "@op:x"))
        assert not reply.is_error, shown(reply)
        assert "Solberg" in shown(await ask(bot, "!quote by:Solberg", **as_in("matrix:!far:x")))
        # Operators moderate everywhere; the same user elsewhere is nobody special.
        assert not (await ask(bot, "!stats", **as_in(MALLORY, Role.MEMBER, "@op:x"))).is_error
        assert (await ask(bot, "!stats", **as_in(MALLORY, Role.MEMBER, "@else:x"))).is_error
    finally:
        await bot.close()


async def test_a_share_is_read_only_and_needs_both_moderators(bot: Bot) -> None:
    owner = await seed(bot, HARBOUR, space=ALICE)
    reader = await library(bot, MALLORY)
    mallory = as_in(MALLORY, user="@m:x")
    refused = await ask(bot, f"!community follow {owner.community.name}", **mallory)
    assert refused.is_error and "has not shared" in shown(refused)
    shared = await ask(bot, f"!community share {reader.community.name}", **as_in(ALICE))
    assert not shared.is_error, shown(shared)
    assert (await ask(bot, "!quote by:Solberg", **mallory)).is_error  # shared, not yet followed
    assert not (await ask(bot, f"!community follow {owner.community.name}", **mallory)).is_error
    found = await ask(bot, "!quote by:Solberg", **mallory)
    assert not found.is_error and f"{owner.community.name}#1" in found.first.quotations[0].citation
    name = owner.community.name
    assert "Solberg" in shown(await ask(bot, f"!summary {name}#1", **mallory))
    before = await checksum(bot, ALICE)
    edit = await ask(bot, f"!edit {name}#1 title Hacked", **mallory)
    assert edit.is_error and edit.first.title == "Not yours to change"
    assert (await ask(bot, f"!remove {name}#1", **mallory)).is_error
    assert await checksum(bot, ALICE) == before
    assert not (
        await ask(bot, f"!community unshare {reader.community.name}", **as_in(ALICE))
    ).is_error
    assert (await ask(bot, "!quote by:Solberg", **mallory)).is_error


async def test_settings_belong_to_one_community(bot: Bot) -> None:
    await seed(bot, HARBOUR, space=ALICE)
    changed = await ask(bot, "!settings prefix ?", **as_in(ALICE))
    assert not changed.is_error, shown(changed)
    assert (
        await bot.handle(request("!sources", **as_in(ALICE))) is None
    )  # `!` is not the prefix there
    assert not (await ask(bot, "?sources", **as_in(ALICE))).is_error
    assert not (await ask(bot, "!sources", **as_in(MALLORY))).is_error  # still `!` elsewhere
    assert (await ask(bot, "?settings prefix hello", **as_in(ALICE))).is_error
    assert (await ask(bot, "?settings page-size 99", **as_in(ALICE))).is_error
    assert not (await ask(bot, "?settings prefix default", **as_in(ALICE))).is_error
    assert not (await ask(bot, "!sources", **as_in(ALICE))).is_error


async def test_cooldowns_count_per_community(settings: Settings) -> None:
    bot = await Bot.open(replace(settings, cooldown_commands=2, cooldown_seconds=60))
    try:
        here = as_in(ALICE, Role.MEMBER, "@busy:x")
        replies = [await bot.handle(request("!help", **here)) for _ in range(4)]
        assert [r.first.title if r else None for r in replies][2] == "Slow down"
        elsewhere = await bot.handle(request("!help", **as_in(MALLORY, Role.MEMBER, "@busy:x")))
        assert elsewhere is not None and not elsewhere.is_error
    finally:
        await bot.close()


async def test_a_left_library_is_kept_for_the_grace_period_then_purged(bot: Bot) -> None:
    kept = await seed(bot, HARBOUR, space="discord:1")
    doomed = await seed(bot, ORCHARD, space="discord:2")
    await bot.left("discord:2")
    now = datetime.now(UTC)
    assert await bot.purge_left(now + timedelta(days=29)) == []
    assert await doomed.count() == 1  # within 30 days: kept, and back if the bot comes back
    assert await bot.purge_left(now + timedelta(days=31)) == [doomed.community.name]
    assert await doomed.count() == 0
    assert await kept.count() == 1
    again = await library(bot, "discord:2")
    assert await again.count() == 0 and again.community.id != doomed.community.id
    assert again.community.name != doomed.community.name


async def test_the_bot_coming_back_stops_the_clock(bot: Bot) -> None:
    books = await seed(bot, ORCHARD, space="discord:2")
    await bot.left("discord:2")
    await bot.joined("discord:2")
    assert await bot.purge_left(datetime.now(UTC) + timedelta(days=400)) == []
    assert await books.count() == 1


async def test_start_up_reconciles_spaces_left_while_away(bot: Bot) -> None:
    gone = await seed(bot, ORCHARD, space="discord:7")
    await seed(bot, HARBOUR, space="discord:8")
    await bot.present("discord", {"discord:8"})
    assert await bot.purge_left(datetime.now(UTC) + timedelta(days=31)) == [gone.community.name]


async def test_a_direct_message_has_no_library(bot: Bot) -> None:
    await seed(bot, HARBOUR)
    reply = await ask(bot, "!quote by:Solberg", space="", role=Role.MEMBER)
    assert reply.is_error and reply.first.title == "No library here"
    assert not (await ask(bot, "!help", space="", role=Role.MEMBER)).is_error


@pytest.mark.parametrize("text", ["!!quote by:Solberg", "!! quote by:Solberg"])
async def test_a_doubled_prefix_is_the_command(bot: Bot, text: str) -> None:
    await seed(bot, HARBOUR)
    reply = await ask(bot, text)
    assert not reply.is_error and reply.first.quotations[0].speaker == "Ingrid Solberg"


async def test_an_unknown_command_is_said_so_plainly(bot: Bot) -> None:
    reply = await ask(bot, "!frobnicate")
    assert reply.first.title == "Unknown command"
