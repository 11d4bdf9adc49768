"""Communities on both engines: spaces, links, shares, settings, leaving and the purge."""

from __future__ import annotations

import pytest

from storage import Conflict, Scope, Store, StoreError
from storage.query import parse_query
from tests.store.conftest import article, library_of

MARKS = ("[", "]")


async def test_each_space_gets_its_own_community(store: Store) -> None:
    a = await store.communities.for_space("matrix:!a:x")
    b = await store.communities.for_space("matrix:!b:x")
    assert a.id != b.id and a.name != b.name
    assert (await store.communities.for_space("matrix:!a:x")).id == a.id
    named = await store.communities.for_space("console:default", "default")
    assert named.name == "default"
    with pytest.raises(Conflict):
        await store.communities.create("default")


async def test_linking_moves_an_empty_space_and_refuses_one_with_a_library(store: Store) -> None:
    a = await store.communities.for_space("matrix:!a:x")
    b = await store.communities.for_space("matrix:!b:x")
    await store.communities.move_space("matrix:!b:x", a.id)
    assert (await store.communities.for_space("matrix:!b:x")).id == a.id
    assert await store.communities.get(b.id) is None  # the empty community it left is gone
    c = await store.communities.for_space("matrix:!c:x")
    own = store.library(Scope.own(c.id))
    await own.articles.add(article(), "t", "p")
    with pytest.raises(Conflict):
        await store.communities.move_space("matrix:!c:x", a.id)
    assert (await store.communities.for_space("matrix:!c:x")).id == c.id
    fresh = await store.communities.detach_space("matrix:!b:x")
    assert fresh.id not in (a.id, c.id)
    assert [s.space for s in await store.communities.spaces_of(a.id)] == ["matrix:!a:x"]


async def test_a_share_is_read_only_and_needs_both_sides(store: Store) -> None:
    owner = await store.communities.for_space("test:owner")
    reader = await store.communities.for_space("test:reader")
    owned = store.library(Scope.own(owner.id))
    row = await owned.articles.add(article("Shared story", "The shared harbour text."), "t", "p")
    assert row is not None
    assert await store.communities.readable(reader.id) == (reader.id,)
    assert not await store.communities.follow(reader.id, owner.id, True)  # not granted yet
    await store.communities.grant(owner.id, reader.id, "mod")
    assert await store.communities.readable(reader.id) == (reader.id,)  # granted, not taken up
    assert await store.communities.follow(reader.id, owner.id, True)
    readable = await store.communities.readable(reader.id)
    assert readable == (reader.id, owner.id)
    view = store.library(Scope(reader.id, readable))
    [hit] = await view.articles.search(parse_query("harbour"), 5, 0, MARKS)
    assert hit.article.community_id == owner.id
    assert await view.articles.get(row.number, owner.id) is not None
    # Read only: the reader cannot change the owner's article.
    assert await view.articles.remove(row, "t", "p") is None
    assert await view.articles.edit(row, "title", "Hacked", "t", "p") is None
    assert await view.articles.count() == 0  # its own library is still empty
    assert await store.communities.revoke(owner.id, reader.id)
    assert await store.communities.readable(reader.id) == (reader.id,)


async def test_settings_per_community(store: Store) -> None:
    a = await store.communities.for_space("test:a")
    b = await store.communities.for_space("test:b")
    await store.communities.set_setting(a.id, "prefix", "?")
    await store.communities.set_setting(a.id, "prefix", "$")
    assert await store.communities.settings(a.id) == {"prefix": "$"}
    assert await store.communities.settings(b.id) == {}
    await store.communities.set_setting(a.id, "prefix", None)
    assert await store.communities.settings(a.id) == {}


async def test_rename_checks_the_name(store: Store) -> None:
    a = await store.communities.for_space("test:a")
    await store.communities.for_space("console:taken", "taken")
    assert (await store.communities.rename(a.id, "History-Club")).name == "history-club"
    with pytest.raises(Conflict):
        await store.communities.rename(a.id, "taken")
    with pytest.raises(StoreError):
        await store.communities.rename(a.id, "no spaces allowed")


async def test_left_spaces_are_purged_after_the_grace_period_only(store: Store) -> None:
    gone = await library_of(store, "discord:1")
    await gone.articles.add(article(), "t", "p")
    kept = await library_of(store, "discord:2")
    await kept.articles.add(article(), "t", "p")
    linked = await store.communities.for_space("discord:3")
    await store.communities.move_space("discord:4", linked.id)
    await store.communities.left("discord:1", "2026-01-01T00:00:00+00:00")
    await store.communities.left("discord:3", "2026-01-01T00:00:00+00:00")  # discord:4 stays
    assert await store.communities.purge("2025-12-31T00:00:00+00:00") == []  # within grace
    purged = await store.communities.purge("2026-02-01T00:00:00+00:00")
    assert [c.id for c in purged] == [gone.scope.community]
    assert await store.communities.get(gone.scope.community) is None
    assert await gone.articles.count() == 0
    assert await kept.articles.count() == 1
    assert await store.communities.get(linked.id) is not None
    # Coming back to a purged space starts a new, empty library.
    again = await library_of(store, "discord:1")
    assert await again.articles.count() == 0


async def test_coming_back_within_the_grace_period_keeps_the_library(store: Store) -> None:
    lib = await library_of(store, "discord:1")
    await lib.articles.add(article(), "t", "p")
    await store.communities.left("discord:1", "2026-01-01T00:00:00+00:00")
    back = await store.communities.for_space("discord:1")
    assert back.id == lib.scope.community
    assert await store.communities.purge("2027-01-01T00:00:00+00:00") == []


async def test_reconciling_marks_absent_spaces_of_one_platform_only(store: Store) -> None:
    for space in ("discord:1", "discord:2", "matrix:!r:x"):
        await store.communities.for_space(space)
    await store.communities.present(
        "discord", {"discord:1"}, "2026-01-01T00:00:00+00:00", covers=lambda s: True
    )
    left = {s.space: s.left_at for c in await store.communities.all()
            for s in await store.communities.spaces_of(c.id)}  # fmt: skip
    assert left == {"discord:1": "", "discord:2": "2026-01-01T00:00:00+00:00", "matrix:!r:x": ""}
    # A process that does not run a space's shard leaves it alone.
    await store.communities.present(
        "discord", set(), "2026-02-01T00:00:00+00:00", covers=lambda s: s == "discord:2"
    )
    assert (await store.communities.space("discord:1")).left_at == ""  # type: ignore[union-attr]


async def test_a_lease_is_held_by_one_holder_until_it_expires(store: Store) -> None:
    assert await store.leases.take("job", "one", now=100.0, seconds=30)
    assert not await store.leases.take("job", "two", now=110.0, seconds=30)
    assert await store.leases.take("job", "one", now=120.0, seconds=30)  # renewed to 150
    assert not await store.leases.take("job", "two", now=149.0, seconds=30)
    assert await store.leases.take("job", "two", now=151.0, seconds=30)  # "one" died
    await store.leases.release("job", "two")
    assert await store.leases.take("job", "one", now=152.0, seconds=30)
