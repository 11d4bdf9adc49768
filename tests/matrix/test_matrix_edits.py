"""Edited commands (`m.replace`): a fixed typo is answered once; nothing is answered twice."""

from __future__ import annotations

from collections.abc import Callable

from bot.config import Settings
from tests.matrix.conftest import seed
from tests.matrix.harness import BotRunner, MatrixUser, content_of, is_membership, is_reply
from tests.support.articles import LIGHTHOUSE, MARKET


async def edit(user: MatrixUser, room: str, event_id: str, body: str) -> str:
    """Edit `event_id` to `body`, as clients do (a `* ` fallback body and the new content)."""
    return await user.send(
        room,
        f"* {body}",
        **{
            "m.new_content": {"msgtype": "m.text", "body": body},
            "m.relates_to": {"rel_type": "m.replace", "event_id": event_id},
        },
    )


async def settled(user: MatrixUser, room: str, bot_id: str) -> None:
    """Wait until the bot has handled everything `user` sent so far (its commands go in order)."""
    fence = await user.send(room, "!help")
    await user.replies(fence, bot_id)


def answers(user: MatrixUser, event_id: str, bot_id: str) -> list[str]:
    return [content_of(e)["body"] for e in user.matching(lambda e: is_reply(e, event_id, bot_id))]


async def test_an_edit_fixing_a_failed_command_is_answered_once_and_never_again(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    room = await alice.create_room(invite=(bot_id,))
    await seed(settings, room, LIGHTHOUSE, MARKET)
    await alice.wait_for(lambda e: is_membership(e, bot_id, "join", room))

    typo = await alice.send(room, "!qoute lamp that fails")
    [error] = await alice.replies(typo, bot_id)
    assert "Unknown command" in content_of(error)["body"]
    fixed = await edit(alice, room, typo, "!quote lamp that fails")
    [_, answer] = await alice.replies(typo, bot_id, count=2)  # shown under the message edited
    assert "Elin Vasquez" in content_of(answer)["body"]
    assert runner.ran("!quote lamp that fails") == 1

    again = await edit(alice, room, typo, "!quote fair price")  # it was answered: no more
    await settled(alice, room, bot_id)
    assert len(answers(alice, typo, bot_id)) == 2
    assert runner.ran("!quote fair price") == 0
    assert not answers(alice, fixed, bot_id) and not answers(alice, again, bot_id)

    # After a restart the bot still knows which commands were answered.
    await runner.stop()
    await runner.start()
    await edit(alice, room, typo, "!sources")
    await settled(alice, room, bot_id)
    assert runner.ran("!sources") == 0 and len(answers(alice, typo, bot_id)) == 2


async def test_edits_the_bot_must_not_answer(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice, mallory = users("alice"), users("mallory")
    await alice.start()
    await mallory.start()
    room = await alice.create_room(invite=(bot_id, mallory.user_id))
    await seed(settings, room, LIGHTHOUSE)
    await mallory.join(room)
    await alice.wait_for(lambda e: is_membership(e, bot_id, "join", room))

    answered = await alice.send(room, "!sources")
    await alice.replies(answered, bot_id)
    await edit(alice, room, answered, "!quote lamp")  # answered fine: an edit is not a new ask

    chatter = await alice.send(room, "the lamp that fails, who said it?")
    await edit(alice, room, chatter, "!quote lamp that fails")  # never was a command

    failed = await alice.send(room, "!summary")
    await alice.replies(failed, bot_id)  # a usage error: an edit by its author would be answered
    await edit(alice, room, failed, "oops, never mind")  # but this one is no command
    await edit(mallory, room, failed, "!summary lighthouse")  # and this one is not her message

    await settled(alice, room, bot_id)
    await settled(mallory, room, bot_id)
    assert len(answers(alice, answered, bot_id)) == 1
    assert not answers(alice, chatter, bot_id)
    assert len(answers(alice, failed, bot_id)) == 1
    assert runner.ran("!quote lamp") == runner.ran("!quote lamp that fails") == 0
    assert runner.ran("!summary lighthouse") == 0


async def test_an_edited_command_in_a_thread_is_answered_in_that_thread(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    room = await alice.create_room(invite=(bot_id,))
    await seed(settings, room, MARKET)
    await alice.wait_for(lambda e: is_membership(e, bot_id, "join", room))
    root = await alice.send(room, "Who said what about the night market?")
    thread = {"rel_type": "m.thread", "event_id": root, "is_falling_back": True}
    typo = await alice.send(
        room,
        "!qoute fair price",
        **{"m.relates_to": {**thread, "m.in_reply_to": {"event_id": root}}},
    )
    await alice.replies(typo, bot_id)
    await edit(alice, room, typo, "!quote fair price")
    [_, answer] = await alice.replies(typo, bot_id, count=2)
    assert "We asked for a fair price" in content_of(answer)["body"]
    relates = content_of(answer)["m.relates_to"]
    assert (relates["rel_type"], relates["event_id"]) == ("m.thread", root)
