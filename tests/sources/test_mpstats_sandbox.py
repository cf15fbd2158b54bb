"""The MPStats connector against the sandbox over real HTTP, held against the world's truth."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson
import pytest

from svodka.sandbox import SandboxServer, World, WorldSpec
from svodka.sources.mpstats import MPStatsConnector, MPStatsOptions, QuotaSpent

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)  # the day after the world ends (Moscow)
SPEC = WorldSpec(seed=31, skus=30, days=20, end=date(2026, 3, 15))


@pytest.fixture(scope="module")
def world() -> World:
    return World.generate(SPEC)


@pytest.fixture(scope="module")
def truth(world: World) -> Any:
    return world.ground_truth(NOW).mpstats


def connect(srv: SandboxServer, truth: Any, **over: Any) -> MPStatsConnector:
    paths = {mp: tuple(sorted({p for (m, _), p in truth.category.items() if m == mp})) for mp in ("wb", "oz")}
    opts = {
        "wb_categories": paths["wb"],
        "oz_categories": paths["oz"],
        "history_days": 25,
        "window_days": 7,
        "page_rows": 4,
        "max_items": 10_000,
        "poll_interval": 0.0,
        **over,
    }
    return MPStatsConnector("comp", srv.mpstats_token, srv.mpstats_base_url, MPStatsOptions(**opts))


def sync(conn: MPStatsConnector, states: dict[str, Any], now: datetime, pages: list) -> Iterator[None]:
    for stream in conn.streams():
        for page in stream.read(states.get(stream.name), now):
            if page.state is not None:
                states[stream.name] = page.state
            pages.append(page)
    yield None


def served(pages: list) -> tuple[set, Counter]:
    """Items seen on category pages, and (mp, item, day) → times read with data, from sales pages."""
    items, days = set(), Counter()
    for p in pages:
        mp = p.stream.split("_")[1]
        rows = orjson.loads(p.body)
        if "category" in p.stream:
            items |= {(mp, r["id"]) for r in rows["data"]}
            continue
        for r in rows:
            if not r["no_data"]:
                key = (mp, p.meta["item_id"], date.fromisoformat(r["data"]))
                days[key] += 1
                yield_row = (r["final_price"], r["sales"], r["balance"], r["rating"], r["comments"])
                days[(key, yield_row)] += 1
    return items, days


def check_truth(truth: Any, items: set, days: Counter) -> None:
    assert items == set(truth.category)
    got = {k: v for k, v in days.items() if len(k) == 3}
    assert set(got) == set(truth.competitor_daily) and set(got.values()) == {1}
    for key, (price, sales, _rev, stock, rating, reviews) in truth.competitor_daily.items():
        assert days[(key, (price, sales, stock, rating, reviews))] == 1, key


def test_full_sync_equals_the_truth_and_resyncs_nothing(world: World, truth: Any) -> None:
    with SandboxServer(world, limits="off", now=NOW) as srv:
        conn = connect(srv, truth)
        states: dict[str, Any] = {}
        pages: list = []
        list(sync(conn, states, NOW, pages))
        check_truth(truth, *served(pages))
        used = srv.mpstats.used
        again: list = []
        list(sync(conn, states, NOW + timedelta(hours=2), again))
        assert again == [] and srv.mpstats.used == used


def category_requests(pages: list) -> Counter:
    return Counter(
        (p.stream, p.meta["category"], p.meta["d1"], p.meta["d2"], p.request["json"]["startRow"])
        for p in pages
        if "category" in p.stream
    )


@pytest.mark.parametrize("stage", ["category", "sales"])
def test_spent_quota_stops_and_the_next_day_completes(world: World, truth: Any, stage: str) -> None:
    with SandboxServer(world, limits="off", now=NOW) as srv:
        full: list = []
        list(sync(connect(srv, truth), {}, NOW, full))
        n_cat = sum(1 for p in full if "category" in p.stream)
    with SandboxServer(world, limits="off", now=NOW) as srv:
        # the connector counts every 202 poll (the sandbox answers each heavy request 202 once)
        srv.mpstats.quota = 9 if stage == "category" else 2 * n_cat + 3
        conn = connect(srv, truth)
        states: dict[str, Any] = {}
        pages: list = []
        with pytest.raises(QuotaSpent, match="MPStats quota spent"):
            list(sync(conn, states, NOW, pages))
        assert srv.mpstats.used <= srv.mpstats.quota
        stopped = len(pages)
        assert 0 < stopped < len(full)
        later = NOW + timedelta(days=1)  # a new Moscow day renews the plan's quota
        srv.mpstats.quota = 10_000
        srv.set_now(later)
        list(sync(conn, states, later, pages))
        check_truth(truth, *served(pages))
        assert set(category_requests(pages).values()) == {1}  # no category page read twice
