"""The Yandex Market connector against the sandbox's Partner API over real HTTP, held against the world.

Every request must fit the official document; each stream must read what the world holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import orjson
import pytest
import ym_openapi

from svodka.errors import AuthError
from svodka.sandbox import SandboxServer, World, WorldSpec
from svodka.sandbox.clock import msk_seconds
from svodka.sources.base import Page
from svodka.sources.yandex_market import YMConnector, YMOptions, decode_report

ym_openapi.require_document()

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)  # 15:00 in Moscow, the day after the world ends
SPEC = WorldSpec(seed=23, skus=50, days=45, orders_per_day=120.0, end=date(2026, 3, 15))


@pytest.fixture(scope="module")
def world() -> World:
    return World.generate(SPEC)


@pytest.fixture(scope="module")
def srv(world: World) -> Iterator[SandboxServer]:
    with SandboxServer(world, limits="off", now=NOW) as s:
        yield s


class Recorder:
    """Every request the connector's HTTP client sends, checked against the document."""

    def __init__(self, conn: YMConnector, prefix: str) -> None:
        self.prefix = prefix
        self.problems: list[str] = []
        self.keys: set[str] = set()
        conn.http._client.event_hooks["request"].append(self._hook)

    def _hook(self, request: httpx.Request) -> None:
        path = request.url.path.removeprefix(self.prefix)
        if path.startswith("/files/"):
            return
        body = orjson.loads(request.content) if request.content else None
        query = dict(request.url.params)
        self.keys.add(request.headers.get("api-key", ""))
        self.problems += [
            f"{request.method} {path}: {p}" for p in ym_openapi.problems(request.method, path, query, body)
        ]


def connect(s: SandboxServer, api_key: str | None = None, **options: Any) -> YMConnector:
    opts = {"rate_limit_scale": 0, "retry_backoff": 0.01, "max_retry_seconds": 60, "history_days": 60}
    opts |= {"report_poll_interval": 0, **options}
    return YMConnector(
        "main", api_key or s.ym_api_key, hosts={"api": s.ym_hosts["api"]}, options=YMOptions(**opts)
    )


def read(conn: YMConnector, name: str, state: Any = None) -> list[Page]:
    return list(conn.stream(name).read(state, NOW))


def records(pages: list[Page]) -> list[dict]:
    out = []
    for p in pages:
        data: Any = orjson.loads(p.body) if p.body else None
        for key in p.record_path:
            data = data[key] if data else None
        out.extend(data or [])
    return out


def test_campaigns_catalogue_and_stock_match_the_world(srv: SandboxServer, world: World) -> None:
    ym = world.ym
    with connect(srv) as conn:
        rec = Recorder(conn, "/ym/api")
        camps = records(read(conn, "ym_campaigns"))
        assert sorted(c["id"] for c in camps) == sorted(ym.campaign_ids)
        mappings = records(read(conn, "ym_offer_mappings", None))
        assert {m["offer"]["offerId"] for m in mappings} == set(ym.offer_id)
        stock_pages = read(conn, "ym_stocks")
        assert {p.meta["snapshot_date"] for p in stock_pages} == {"2026-03-16"}
        day = ym.snapshot_day(msk_seconds(NOW))
        for camp_i, camp in enumerate(ym.campaign_ids):
            got = records([p for p in stock_pages if p.meta["campaign_id"] == camp])
            fit = sum(s["count"] for w in got for o in w["offers"] for s in o["stocks"] if s["type"] == "FIT")
            assert fit == int(ym.stock[day, :, camp_i].sum())
    assert rec.problems == []
    assert rec.keys == {srv.ym_api_key}


def test_stats_orders_hold_every_order_of_the_world(srv: SandboxServer, world: World) -> None:
    ym = world.ym
    with connect(srv, history_days=80) as conn:
        rec = Recorder(conn, "/ym/api")
        pages = read(conn, "ym_stats_orders")
    assert pages[-1].state == {"date": "2026-03-16"}
    got = {o["id"] for o in records(pages)}
    created = (ym.orders["t0"] <= msk_seconds(NOW)).nonzero()[0]
    assert got == set(ym.order_ids(created).tolist())
    assert rec.problems == []


def test_united_netting_report_sums_to_the_payouts(srv: SandboxServer, world: World) -> None:
    truth = srv.ground_truth().ym
    with connect(srv, report_months=3) as conn:
        rec = Recorder(conn, "/ym/api")
        pages = read(conn, "ym_report_united_netting")
    assert [p.meta["period"] for p in pages] == ["2026-01", "2026-02", "2026-03"]
    rows = [r for p in pages for r in decode_report(p.body, p.meta)]
    assert sum(Decimal(r["amount"]) for r in rows) == truth.payout_total
    assert sum(p.records for p in pages) == len(rows)
    assert rec.problems == []


def test_a_wrong_key_is_refused_with_the_fix(srv: SandboxServer) -> None:
    with connect(srv, api_key="ACMA:wrong:key") as conn, pytest.raises(AuthError) as e:
        read(conn, "ym_campaigns")
    assert "svodka connect yandex-market --name main --api-key" in str(e.value.hint)
    assert "ACMA:wrong:key" not in str(e.value)
