"""Every Ozon paging walk (last_id, cursor, has_next) returns every record exactly once."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import numpy as np
import pytest
from ozon_client import (
    ok,
    ozon_client,
    pull_accrual_day,
    pull_cursor,
    pull_postings,
    pull_products,
    pull_returns,
)
from sandbox_world import NOW

from svodka.sandbox import SandboxServer, World
from svodka.sandbox.clock import MSK, msk_seconds


@pytest.fixture(scope="module")
def c(server: SandboxServer):
    with ozon_client(server) as client:
        yield client


def _once(keys: list) -> None:
    dup = [k for k, n in Counter(keys).items() if n > 1]
    assert not dup, dup[:5]


def test_product_list_last_id(c, world: World):
    items, pages = pull_products(c, limit=7)
    ls = world.ozon.listing
    exists = ls.created <= msk_seconds(NOW)
    assert pages > 3
    _once([i["product_id"] for i in items])
    assert sorted(i["product_id"] for i in items) == sorted(ls.product_id[exists].tolist())
    res = ok(c.post("/v3/product/list", json={"limit": 1000, "last_id": ""}))["result"]
    after = ok(c.post("/v3/product/list", json={"limit": 1000, "last_id": res["last_id"]}))["result"]
    assert res["total"] == len(items) and after["items"] == []


@pytest.mark.parametrize("path", ["/v5/product/info/prices", "/v4/product/info/stocks"])
def test_cursor_methods(c, world: World, path: str):
    items, pages = pull_cursor(c, path, {"filter": {"visibility": "ALL"}, "limit": 5})
    assert pages > 5
    _once([i["product_id"] for i in items])
    assert len(items) == len(world.ozon.listing)


def test_fbs_stocks_has_next(c, world: World):
    rows, pages = pull_cursor(c, "/v2/product/info/stocks-by-warehouse/fbs", {"limit": 6}, key="products")
    assert pages > 3
    _once([r["sku"] for r in rows])
    assert len(rows) == len(world.ozon.listing)


@pytest.mark.parametrize(
    ("scheme", "sort_dir"), [("fbo", "ASC"), ("fbs", "ASC"), ("fbo", "DESC"), ("fbs", "DESC")]
)
def test_postings_cursor(c, world: World, scheme: str, sort_dir: str):
    since, to = "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"
    small, pages = pull_postings(c, scheme, since, to, limit=17, sort_dir=sort_dir)
    whole, _ = pull_postings(c, scheme, since, to, limit=100, sort_dir=sort_dir)
    assert pages > 3
    _once([p["posting_number"] for p in small])
    assert [p["posting_number"] for p in small] == [p["posting_number"] for p in whole]
    key = "in_process_at" if scheme == "fbs" else "created_at"
    stamps = [p[key] for p in small]
    assert stamps == sorted(stamps, reverse=sort_dir == "DESC")
    assert all(since <= s <= to for s in stamps)
    p = world.ozon.sim.postings
    fbs = p["wh"] == world.ozon.sim.n_fbo
    assert len(small) == int(((fbs if scheme == "fbs" else ~fbs) & _between(world, scheme, since, to)).sum())


def _between(world: World, scheme: str, since: str, to: str) -> np.ndarray:
    from svodka.sandbox.ozon.fmt import parse_ts, utc_us

    p = world.ozon.sim.postings
    micro = (np.arange(world.ozon.n_postings, dtype=np.int64) * 7_919 + 13) % 1_000_000
    key = utc_us(p["t_proc" if scheme == "fbs" else "t0"], micro)
    return (key >= parse_ts(since)) & (key <= parse_ts(to))


def test_returns_last_id(c, world: World):
    small, pages = pull_returns(c, limit=9)
    assert pages > 3
    _once([r["id"] for r in small])
    visible = int((world.ozon.returns.t <= msk_seconds(NOW)).sum())
    assert len(small) == visible == len(pull_returns(c)[0])
    assert [r["id"] for r in small] == sorted(r["id"] for r in small)


def test_accruals_by_day_last_id(make_server, world: World):
    srv = make_server()
    srv.ozon_accrual_page = 4
    day = (NOW.astimezone(MSK) - timedelta(days=6)).date()
    with ozon_client(srv) as client:
        small, pages = pull_accrual_day(client, day)
        srv.ozon_accrual_page = 1000
        whole, _ = pull_accrual_day(client, day)
    assert pages > 5
    _once([a["accrual_id"] for a in small])
    assert small == whole and all(a["date"] == day.isoformat() for a in small)
