"""Product renames: WB cards and Ozon product info serve the new title only after the rename."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from ozon_client import ok, ozon_client
from sandbox_client import pull_cards
from sandbox_world import NOW, SPEC, client_for

from svodka.sandbox import SandboxServer, World
from svodka.sandbox.clock import from_msk_seconds


def _at(world: World) -> tuple[int, datetime, str]:
    """The first renamed card, its rename moment (aware UTC) and its new title."""
    r = world.renames
    assert r is not None and len(r.card) >= 1
    return int(r.card[0]), from_msk_seconds(int(r.at[0])).astimezone(UTC), r.title[0]


def _served(srv: SandboxServer, world: World, card: int) -> tuple[dict, list[dict]]:
    with client_for(srv) as c:
        cards, _ = pull_cards(c, srv.wb_hosts["content-api"])
    nm = int(world.catalog.card_nm[card])
    ls = world.ozon.listing
    products = [str(int(ls.product_id[i])) for i in range(len(ls)) if world.ozon.card[i] == card]
    with ozon_client(srv) as c:
        items = (
            ok(c.post("/v3/product/info/list", json={"product_id": products}))["items"] if products else []
        )
    return next(x for x in cards if x["nmID"] == nm), items


def _utc(ts: str) -> datetime:
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


@pytest.fixture(scope="module")
def renamy() -> World:
    """A world where a third of the cards get renamed (the shared one renames two)."""
    return World.generate(replace(SPEC, rename_share=0.3))


def test_titles_change_only_after_the_rename(renamy: World):
    world = renamy
    listed = set(world.ozon.card.tolist())
    hits = [k for k, c in enumerate(world.renames.card.tolist()) if c in listed]
    assert len(world.renames.card) >= 10 and hits
    renamed_on_ozon = hits[0]
    r = world.renames
    card, at, title = (
        int(r.card[renamed_on_ozon]),
        from_msk_seconds(int(r.at[renamed_on_ozon])),
        r.title[renamed_on_ozon],
    )
    old = world.catalog.card_title[card]
    assert old != title
    srv = SandboxServer(world, limits="off", now=at - timedelta(minutes=1)).start()
    try:
        _check_rename(srv, world, card, at, old, title)
    finally:
        srv.stop()


def _check_rename(srv: SandboxServer, world: World, card: int, at: datetime, old: str, title: str) -> None:
    wb, oz = _served(srv, world, card)
    assert wb["title"] == old and _utc(wb["updatedAt"]) < at
    assert oz and all(i["name"].startswith(old + ",") and _utc(i["updated_at"]) < at for i in oz)
    srv.set_now(at + timedelta(minutes=1))
    wb, oz = _served(srv, world, card)
    assert wb["title"] == title and title in wb["description"]
    assert _utc(wb["updatedAt"]).replace(microsecond=0) == at
    assert all(i["name"].startswith(title + ",") for i in oz)
    assert all(_utc(i["updated_at"]).replace(microsecond=0) == at for i in oz)


def test_title_history_is_the_scd2_oracle(world: World):
    history = world.title_history()
    by_bar: dict[str, list] = {}
    for bar, since, title in history:
        assert since.tzinfo is not None
        by_bar.setdefault(bar, []).append((since, title))
    assert set(by_bar) == set(world.catalog.bar_code)
    renamed = set(world.renames.card.tolist())
    for b, code in enumerate(world.catalog.bar_code):
        versions = by_bar[code]
        c = int(world.catalog.bar_card[b])
        assert versions[0][1] == world.catalog.card_title[c]
        assert len(versions) == (2 if c in renamed else 1)
        if c in renamed:
            k = world.renames.card.tolist().index(c)
            assert versions[1] == (
                from_msk_seconds(int(world.renames.at[k])).astimezone(UTC),
                world.renames.title[k],
            )
    card, _, _ = _at(world)
    assert world.card_titles(int(world.renames.at[0]) - 1)[card] == world.catalog.card_title[card]


def test_no_rename_keeps_the_old_answers(make_server, world: World):
    plain = World.generate(replace(SPEC, rename_share=0.0))
    firsts: dict[str, tuple] = {}
    for bar, since, title in world.title_history():
        firsts.setdefault(bar, (bar, since, title))
    assert len(plain.renames.card) == 0 and plain.title_history() == sorted(firsts.values())
    a, b = make_server(), SandboxServer(plain, limits="off", now=NOW).start()
    try:
        with client_for(a) as ca, client_for(b) as cb:
            mine, _ = pull_cards(ca, a.wb_hosts["content-api"])
            theirs, _ = pull_cards(cb, b.wb_hosts["content-api"])
    finally:
        b.stop()
    renamed = {int(world.catalog.card_nm[c]) for c in world.renames.card.tolist()}
    assert {c["nmID"] for c in mine} == {c["nmID"] for c in theirs}
    by_nm = {c["nmID"]: c for c in theirs}
    for card in mine:
        if card["nmID"] in renamed:
            assert card["title"] != by_nm[card["nmID"]]["title"]
        else:
            assert card == by_nm[card["nmID"]]
