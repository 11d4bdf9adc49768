"""The adapter's pure parts, without a homeserver: rendering, event reading, state, roles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nio import MatrixRoom

from adapters.matrix_chat.config import MatrixConfig
from adapters.matrix_chat.events import FileRef, command_text, thread_root
from adapters.matrix_chat.permissions import creators_of, role_of
from adapters.matrix_chat.render import MAX_CONTENT_BYTES, notice, render_reply
from adapters.matrix_chat.state import Credentials, Outcome, SyncState
from bot.config import ConfigError, Settings
from bot.models import HIGHLIGHT_END, HIGHLIGHT_START, Field, Page, Quotation, Reply, Role
from bot.render_text import render_first


def test_html_is_escaped_highlighted_and_defused() -> None:
    page = Page(
        title="<script>x</script>",
        paragraphs=(f"a {HIGHLIGHT_START}match{HIGHLIGHT_END} & @room <i>",),
        quotations=(Quotation('"@ROOM" <b>', "Ann <Lee>", "Paper", "javascript:alert(1)"),),
        fields=(Field("<k>", "<v>"),),
        link="https://example.org/?a=1&b=<2>",
    )
    [(body, html)] = render_reply(Reply.result(page), "!")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>match</b>" in html and "*match*" in body
    assert "@room" not in html.lower() and "@room" not in body.lower()
    assert "javascript:" not in html  # only http(s) links become anchors
    assert 'href="https://example.org/?a=1&amp;b=&lt;2&gt;"' in html
    assert "&lt;k&gt;" in html and "Ann &lt;Lee&gt;" in html


def test_more_pages_are_announced_and_long_pages_split_below_the_event_limit() -> None:
    long = " ".join(["paragraph <&> text"] * 800)
    pages = (Page(title="One", paragraphs=(long,) * 6), Page(title="Two"), Page(title="Three"))
    messages = render_reply(Reply.result(*pages), "!")
    assert len(messages) > 1
    for body, html in messages:
        assert len(json.dumps(notice(body, html, {"m.in_reply_to": {"event_id": "$x"}}))) < (
            MAX_CONTENT_BYTES + 2_000
        )
    assert "2 more — type !next" in messages[-1][0]
    assert sum(body.count("paragraph") for body, _ in messages) == 800 * 6


def test_commands_are_read_from_text_captions_and_replies() -> None:
    reply = {
        "msgtype": "m.text",
        "body": "> <@a:x> old\n> text\n\n!add",
        "m.relates_to": {"m.in_reply_to": {"event_id": "$f"}},
    }
    assert command_text(reply) == "!add"
    caption = {"msgtype": "m.file", "body": "!add", "filename": "a.txt", "url": "mxc://x/y"}
    assert command_text(caption) == "!add"
    assert command_text({"msgtype": "m.file", "body": "a.txt", "filename": "a.txt"}) is None
    assert command_text({"msgtype": "m.image", "body": "!add"}) is None
    ref = FileRef.from_content({**caption, "info": {"size": 12, "mimetype": "text/plain"}})
    assert ref == FileRef("mxc://x/y", "a.txt", "text/plain", 12, None)
    thread = {"m.relates_to": {"rel_type": "m.thread", "event_id": "$root"}}
    assert thread_root(thread) == "$root" and thread_root(reply) is None


def test_sync_state_survives_a_restart_and_forgets_old_ids(tmp_path: Path) -> None:
    path = tmp_path / "sync.json"
    state = SyncState(path)
    assert state.token is None
    state.mark_handled("$a")
    state.advance("s1")
    again = SyncState(path, keep=3)
    assert again.token == "s1" and again.handled("$a") and not again.handled("$b")
    for number in range(3):
        again.mark_handled(f"${number}")
    assert not again.handled("$a") and again.handled("$0") and again.handled("$2")
    assert not list(tmp_path.glob("*.tmp"))


def test_credentials_are_private(tmp_path: Path) -> None:
    path = tmp_path / "credentials.json"
    Credentials("http://hs", "@b:hs", "DEV", "secret").save(path)
    assert path.stat().st_mode & 0o077 == 0
    assert Credentials.load(path) == Credentials("http://hs", "@b:hs", "DEV", "secret")


def test_config_validation_and_inviters() -> None:
    def config(**env: str) -> MatrixConfig:
        base = {"MATRIX_HOMESERVER": "https://hs.example", "MATRIX_USER_ID": "@bot:example"}
        return MatrixConfig.from_settings(Settings(platform={**base, **env}))

    with pytest.raises(ConfigError, match="MATRIX_PASSWORD"):
        config()
    with pytest.raises(ConfigError, match="MATRIX_HOMESERVER"):
        config(MATRIX_HOMESERVER="hs.example", MATRIX_PASSWORD="p")
    open_bot = config(MATRIX_PASSWORD="p")
    assert open_bot.may_invite("@anyone:anywhere", "!r:x") and open_bot.moderator_level == 50
    strict = config(MATRIX_ACCESS_TOKEN="t", MATRIX_ALLOWED_INVITERS="@ann:a.org, :b.org")
    assert strict.may_invite("@ann:a.org", "!r:x") and strict.may_invite("@joe:b.org", "!r:x")
    assert not strict.may_invite("@joe:a.org", "!r:x")
    assert not strict.may_invite("@x:evil.b.org", "!r:x")
    private = config(MATRIX_PASSWORD="p", MATRIX_ALLOWED_ROOMS="!ours:a.org")
    assert private.serves("!ours:a.org") and not private.serves("!theirs:b.org")
    assert not private.may_invite("@ann:a.org", "!theirs:b.org")  # whoever invites it


def test_the_moderator_level_is_the_callers_and_creators_stand_above_it() -> None:
    room = MatrixRoom("!r:localhost", "@bot:localhost")
    room.power_levels.users.update({"@admin:localhost": 100, "@mod:localhost": 50})
    create = {"sender": "@founder:localhost", "content": {"room_version": "12"}}
    creators = creators_of(create)
    assert creators == {"@founder:localhost"}
    assert creators_of({"sender": "@founder:localhost", "content": {"room_version": "11"}}) == set()

    def role(user: str, level: int) -> Role:
        return role_of(room, user, level=level, creators=creators)

    assert role("@mod:localhost", 50) is Role.MODERATOR
    assert role("@mod:localhost", 51) is Role.MEMBER  # a stricter community's level
    assert role("@admin:localhost", 100) is Role.MODERATOR
    assert role("@founder:localhost", 10_000) is Role.MODERATOR  # above every level
    assert role("@nobody:localhost", 1) is Role.MEMBER
    assert role("@nobody:localhost", 0) is Role.MODERATOR  # level 0: everyone moderates


def test_the_plain_body_is_the_console_layout_with_its_more_pages_line() -> None:
    page = Page(
        title="Night market",
        paragraphs=("First paragraph.", "Second paragraph."),
        quotations=(Quotation("A fair\nprice", "Priya", "Quay (#2)", "https://x.org/2"),),
        fields=(Field("Words", "120"), Field("Added", "today")),
        link="https://x.org/2",
        footer="#2",
    )
    reply = Reply.result(page, Page(title="Two"), Page(title="Three"))
    [(body, _)] = render_reply(reply, "!")
    assert body == render_first(reply, "!")
    assert body.endswith("\n(2 more — type !next)")


def test_inline_code_is_code_and_everything_else_is_escaped() -> None:
    reply = Reply.error("Type `!quote <words>`; a `<b>` in code stays <i>text</i> & `@room`.")
    [(body, html)] = render_reply(reply, "!")
    assert "<code>!quote &lt;words&gt;</code>" in html
    assert "<code>&lt;b&gt;</code>" in html
    assert "&lt;i&gt;text&lt;/i&gt; &amp;" in html
    assert "`" not in html and "@room" not in html
    assert "`!quote <words>`" in body  # the plain body keeps the backticks
    [(_, html)] = render_reply(Reply.error("an odd ` mark, alone"), "!")
    assert "<code>" not in html and "an odd ` mark, alone" in html


def test_outcomes_survive_a_restart_and_older_state_files_still_load(tmp_path: Path) -> None:
    path = tmp_path / "sync.json"
    state = SyncState(path)
    state.mark_handled("$typo", outcome=Outcome.ERROR)
    state.mark_handled("$edit", "$typo", outcome=Outcome.ANSWERED)  # the edit fixed it
    state.mark_handled("$muted", outcome=Outcome.SILENT)
    again = SyncState(path)
    assert [again.outcome(e) for e in ("$typo", "$edit", "$muted", "$never")] == [
        Outcome.ANSWERED,
        Outcome.ANSWERED,
        Outcome.SILENT,
        None,
    ]
    path.write_text(json.dumps({"next_batch": "s9", "handled": ["$old"]}))  # before outcomes
    legacy = SyncState(path)
    assert legacy.token == "s9" and legacy.outcome("$old") is Outcome.ANSWERED
