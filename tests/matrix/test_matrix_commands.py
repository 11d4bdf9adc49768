"""Reading commands through a real Synapse: joins, replies, threads, direct chats, no pings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.config import Settings
from bot.models import Reply
from tests.matrix.conftest import seed
from tests.matrix.harness import BotRunner, MatrixUser, content_of, is_membership, is_reply
from tests.support.articles import HALL_VOTE, LIGHTHOUSE, MARKET

HTML = "org.matrix.custom.html"


async def joined_room(user: MatrixUser, bot_id: str, **levels: int) -> str:
    room = await user.create_room(invite=(bot_id,), levels=levels or None)
    await user.wait_for(lambda e: is_membership(e, bot_id, "join", room))
    return room


async def ask(user: MatrixUser, room: str, bot_id: str, text: str, **content: object) -> dict:
    """Send a command and return the bot's only reply to it, checking its shape."""
    event_id = await user.send(room, text, **content)
    [reply] = await user.replies(event_id, bot_id)
    body = content_of(reply)
    assert body["msgtype"] == "m.notice"
    assert body["format"] == HTML
    assert body["m.mentions"] == {}
    return body


async def test_invite_join_then_quote_summary_sources_help(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    room = await joined_room(alice, bot_id)
    await seed(settings, room, LIGHTHOUSE, MARKET)

    quote = await ask(alice, room, bot_id, "!quote lamp that fails in a storm")
    assert "A lamp that fails in a storm is worse than no lamp at all" in quote["formatted_body"]
    assert "<blockquote>" in quote["formatted_body"]
    assert "Elin Vasquez" in quote["body"]
    assert "Jonas Ekberg" not in quote["body"]

    summary = await ask(alice, room, bot_id, "!summary lighthouse short")
    assert "lighthouse on Gull Point" in summary["body"]

    sources = await ask(alice, room, bot_id, "!sources")
    assert "Night market returns to the river quay" in sources["body"]
    assert "The old lighthouse on Gull Point gets a new keeper" in sources["body"]

    first = await ask(alice, room, bot_id, "!quote light")
    assert first["body"].endswith("(1 more — type !next)")
    second = await ask(alice, room, bot_id, "!next")
    speakers = {"Elin Vasquez", "Jonas Ekberg"}
    assert {s for s in speakers if s in first["body"]} | {
        s for s in speakers if s in second["body"]
    } == speakers

    help_ = await ask(alice, room, bot_id, "!help")
    assert "!quote" in help_["body"] and "!summary" in help_["body"]

    chatter = await alice.send(room, "just talking, no command here")
    last = await alice.send(room, "!help quote")
    await alice.replies(last, bot_id)
    assert not alice.matching(
        lambda e: (
            content_of(e).get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id")
            == chatter
        )
    )


async def test_direct_chat_is_answered(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    response = await alice.client.room_create(invite=(bot_id,), is_direct=True)
    room = response.room_id
    await alice.wait_for(lambda e: is_membership(e, bot_id, "join", room))
    reply = await ask(alice, room, bot_id, "!sources")
    assert "library" in reply["body"].lower()


async def test_command_in_a_thread_is_answered_in_the_thread(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    room = await joined_room(alice, bot_id)
    await seed(settings, room, MARKET)
    root = await alice.send(room, "Who said what about the night market?")
    relation = {
        "rel_type": "m.thread",
        "event_id": root,
        "is_falling_back": True,
        "m.in_reply_to": {"event_id": root},
    }
    event_id = await alice.send(room, "!quote fair price", **{"m.relates_to": relation})
    [reply] = await alice.replies(event_id, bot_id)
    relates = content_of(reply)["m.relates_to"]
    assert relates["rel_type"] == "m.thread"
    assert relates["event_id"] == root
    assert relates["m.in_reply_to"] == {"event_id": event_id}
    assert "We asked for a fair price" in content_of(reply)["body"]


async def test_hostile_article_is_quoted_without_markup_or_ping(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice, bob = users("alice"), users("bob")
    await alice.start()
    await bob.start()
    # The bot gets enough power to notify the room: only its rendering keeps @room harmless.
    room = await joined_room(alice, bot_id, **{bot_id: 100})
    await seed(settings, room, HALL_VOTE)
    await alice.client.room_invite(room, bob.user_id)
    await bob.join(room)

    control = await alice.send(room, "@room a real room ping, for comparison")
    await bob.wait_for(lambda e: e.get("event_id") == control)
    await _settled(bob, room)
    pings_before = bob.client.rooms[room].unread_highlights
    assert pings_before >= 1, (
        "the control @room did not notify; the check below would prove nothing"
    )

    reply = await ask(alice, room, bot_id, "!quote tell everyone to come early")
    html, body = reply["formatted_body"], reply["body"]
    assert "Sam Whitlock" in body
    assert "&lt;b&gt;early&lt;/b&gt;" in html
    assert "&lt;img" in html and "<img" not in html
    assert "&lt;a href=&#x27;https://evil.example/&#x27;&gt;" in html and "<a href" not in html
    assert "@room" not in body and "@room" not in html
    await bob.wait_for(lambda e: e.get("event_id") == reply_id(bob, bot_id))
    await _settled(bob, room)
    assert bob.client.rooms[room].unread_highlights == pings_before


def reply_id(user: MatrixUser, bot_id: str) -> str | None:
    replies = user.matching(
        lambda e: e.get("sender") == bot_id and e.get("type") == "m.room.message"
    )
    return replies[-1].get("event_id") if replies else None


async def _settled(user: MatrixUser, room: str) -> None:
    """Wait for one more sync, so the room's notification counts are current."""
    marker = await user.send(room, "(sync marker)")
    await user.wait_for(lambda e: e.get("event_id") == marker)


async def test_feed_announcements_are_posted_as_plain_notices(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    assert runner.bot is not None
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    room = await joined_room(alice, bot_id)
    assert await runner.bot.announce(f"matrix:{room}", Reply.info("New article", "@room <b>hi"))
    [posted] = await alice.wait_for(
        lambda e: e.get("sender") == bot_id and content_of(e).get("msgtype") == "m.notice"
    )
    content = content_of(posted)
    assert content["body"].startswith("New article") and "@room" not in content["body"]
    assert "&lt;b&gt;hi" in content["formatted_body"] and content["m.mentions"] == {}
    assert "m.relates_to" not in content


async def test_invites_from_strangers_are_declined(
    settings: Settings, users: Callable[..., MatrixUser]
) -> None:
    alice, mallory = users("alice"), users("mallory")
    await alice.start()
    await mallory.start()
    strict = replace(
        settings, platform={**settings.platform, "MATRIX_ALLOWED_INVITERS": alice.user_id}
    )
    runner = await BotRunner(strict).start()
    try:
        bot_id = settings.platform["MATRIX_USER_ID"]
        refused = await mallory.create_room(invite=(bot_id,))
        await mallory.wait_for(lambda e: is_membership(e, bot_id, "leave", refused))
        accepted = await alice.create_room(invite=(bot_id,))
        await alice.wait_for(lambda e: is_membership(e, bot_id, "join", accepted))
        assert not mallory.matching(lambda e: is_membership(e, bot_id, "join", refused))
    finally:
        await runner.stop()


async def test_very_long_text_is_split_into_messages_synapse_accepts(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    assert runner.bot is not None
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    room = await joined_room(alice, bot_id)
    words = [f"word{n}<&>" for n in range(12_000)]  # ~140 KB of text, more once escaped
    assert await runner.bot.announce(f"matrix:{room}", Reply.info("Long", " ".join(words)))
    await runner.bot.announce(f"matrix:{room}", Reply.info("End"))
    await alice.wait_for(lambda e: content_of(e).get("formatted_body") == "<h4>End</h4>")
    parts = alice.matching(
        lambda e: e.get("sender") == bot_id and "word" in content_of(e).get("body", "")
    )
    assert len(parts) >= 5
    title, rule, *shown = " ".join(content_of(p)["body"] for p in parts).split()
    assert (title, rule, shown) == ("Long", "====", words)


async def test_notices_are_never_answered_and_inline_code_is_code(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    room = await joined_room(alice, bot_id)
    # What another bot posts: answering it would have two bots answer each other forever.
    from_a_bot = await alice.send(room, "!help", msgtype="m.notice")
    reply = await ask(alice, room, bot_id, "!hello")
    assert "Did you mean <code>!help</code>?" in reply["formatted_body"]
    assert "`" not in reply["formatted_body"] and "`!help`" in reply["body"]
    assert not alice.matching(lambda e: is_reply(e, from_a_bot, bot_id))
    assert runner.ran("!help") == 0
    assert [(r.place, r.space) for r in runner.requests] == [(f"matrix:{room}",) * 2]
