"""truth.ads is exactly what WB advert-api and Ozon Performance serve, and it is deterministic."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from ads_client import (
    chunks,
    ozon_daily,
    perf_export,
    perf_token,
    pull_fullstats,
    report_files,
    wb_campaign_ids,
    wb_daily,
    windows,
)
from sandbox_world import NOW, SPEC, client_for

from svodka.sandbox import SandboxServer, World

ADS = Path(__file__).resolve().parents[2] / "svodka" / "sandbox" / "ads"


def served_wb(srv: SandboxServer, first: date) -> tuple[dict, dict]:
    """(daily cells, campaigns) as WB serves them at the server's clock."""
    host = srv.wb_hosts["advert-api"]
    with client_for(srv) as c:
        ids = wb_campaign_ids(c, host)
        daily = wb_daily(pull_fullstats(c, host, ids, first, srv.now().date()))
        adverts = c.get(f"{host}/api/advert/v2/adverts", params={"ids": ",".join(map(str, ids))}).json()
    camps = {("wb", str(a["id"])): (a["settings"]["name"], 9, a["status"]) for a in adverts["adverts"]}
    return daily, camps


def served_ozon(srv: SandboxServer, first: date) -> tuple[dict, dict, list[bytes]]:
    """(daily cells, campaigns, raw report bodies) as Ozon Performance serves them."""
    host = srv.ozon_hosts["api-performance"]
    token = perf_token(host, srv.ozon_perf_client_id, srv.ozon_perf_client_secret)
    daily: dict = {}
    bodies = []
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30) as c:
        listed = c.get(f"{host}/api/client/campaign").json()["list"]
        ids = [x["id"] for x in listed]
        for part in chunks(ids, 10):
            for d0, d1 in windows(first, srv.now().date(), 62):
                body = {"dateFrom": d0.isoformat(), "dateTo": d1.isoformat(), "groupBy": "DATE"}
                r = perf_export(c, host, part, body)
                bodies.append(r.content)
                daily |= ozon_daily(report_files(r, part))
    camps = {("ozon", x["id"]): (x["title"], x["advObjectType"], x["state"]) for x in listed}
    return daily, camps, bodies


def test_truth_equals_what_is_served(server: SandboxServer, world: World):
    truth = world.ground_truth(NOW).ads
    wb, wb_camps = served_wb(server, world.start - timedelta(days=40))
    oz, oz_camps, _ = served_ozon(server, world.start - timedelta(days=40))
    assert wb | oz == truth.ads_daily
    assert wb_camps | oz_camps == truth.campaigns
    assert {k[1] for k in truth.ads_daily} == {"wb", "ozon"}
    assert all(isinstance(v[2], Decimal) and v[2] >= 0 for v in truth.ads_daily.values())
    assert max(k[0] for k in truth.ads_daily) == world.end  # whole days before the clock's date


def test_ads_sku_and_nm_ids_join_the_catalog_and_the_ozon_listing(world: World):
    truth = world.ground_truth(NOW).ads
    nms = {r["nmId"] for r in world.catalog_records()}
    skus = set(world.ozon.listing.sku.tolist())
    assert {k[3] for k in truth.ads_daily if k[1] == "wb"} <= nms
    assert {k[3] for k in truth.ads_daily if k[1] == "ozon"} <= skus


def test_some_campaigns_lose_money(world: World):
    """ДРР (spend / ad revenue) varies: some campaigns pay more than any margin allows."""
    spend: dict = {}
    revenue: dict = {}
    for (_, mp, cid, _), (_, _, s, _, r) in world.ground_truth(NOW).ads.ads_daily.items():
        spend[(mp, cid)] = spend.get((mp, cid), 0) + s
        revenue[(mp, cid)] = revenue.get((mp, cid), 0) + r
    drr = {k: spend[k] / revenue[k] for k in spend if revenue[k]}
    assert any(v > Decimal("0.35") for v in drr.values())
    assert any(v < Decimal("0.25") for v in drr.values())


def test_spend_only_on_days_the_campaign_is_active(world: World):
    """A campaign spends on a day exactly when it is active (9) at 12:00 Moscow time that day."""
    for camps, stats in ((world.ads.wb, world.ads.wb_stats), (world.ads.ozon, world.ads.ozon_stats)):
        assert len(stats)
        for c, day in set(zip(stats.camp.tolist(), stats.day.tolist(), strict=True)):
            noon = day * 86_400 + 12 * 3600
            assert camps.status_at(noon)[c] == 9, (camps.market, c, day)
        spent = {int(c) for c in stats.camp[stats.cols["spend"] > 0]}
        never = {i for i, s in enumerate(camps.ev_status) if 9 not in s.tolist()}
        assert spent and not spent & never


def test_truth_follows_the_clock(make_server, world: World):
    early = NOW - timedelta(days=10)
    srv = make_server(now=early)
    truth = world.ground_truth(early).ads
    wb, camps = served_wb(srv, world.start - timedelta(days=40))
    assert wb == {k: v for k, v in truth.ads_daily.items() if k[1] == "wb"}
    assert camps == {k: v for k, v in truth.campaigns.items() if k[0] == "wb"}
    assert max(k[0] for k in wb) == (early + timedelta(hours=3)).date() - timedelta(days=1)
    later = world.ground_truth(NOW).ads
    assert len(later.ads_daily) > len(truth.ads_daily)
    assert {k: v for k, v in later.ads_daily.items() if k[0] < max(k[0] for k in wb)}.items() >= {
        k: v for k, v in truth.ads_daily.items() if k[0] < max(k[0] for k in wb)
    }.items()


def test_same_seed_same_bodies_and_truth(world: World, make_server):
    twin = World.generate(SPEC)
    a, b = make_server(), SandboxServer(twin, limits="off", now=NOW).start()
    try:
        bodies = []
        for srv in (a, b):
            host = srv.wb_hosts["advert-api"]
            with client_for(srv) as c:
                ids = ",".join(map(str, wb_campaign_ids(c, host)))
                got = [
                    c.get(f"{host}/adv/v1/promotion/count").content,
                    c.get(f"{host}/api/advert/v2/adverts", params={"ids": ids}).content,
                    c.get(
                        f"{host}/adv/v3/fullstats",
                        params={"ids": ids, "beginDate": "2026-02-15", "endDate": "2026-03-16"},
                    ).content,
                    c.get(f"{host}/adv/v1/upd", params={"from": "2026-02-15", "to": "2026-03-16"}).content,
                ]
            _, _, reports = served_ozon(srv, date(2026, 2, 1))
            bodies.append(got + reports)
        assert bodies[0] == bodies[1]
    finally:
        b.stop()
    ta, tb = world.ground_truth(NOW).ads, twin.ground_truth(NOW).ads
    assert ta.ads_daily == tb.ads_daily and ta.campaigns == tb.campaigns
    other = World.generate(SPEC.__class__(**{**SPEC.__dict__, "seed": 8}))
    assert other.ground_truth(NOW).ads.ads_daily != ta.ads_daily


def test_ad_share_zero_means_no_spend_and_no_deduction():
    spec = SPEC.__class__(**{**SPEC.__dict__, "ad_share": 0.0})
    world = World.generate(spec)
    assert sum(v[2] for v in world.ground_truth(NOW).ads.ads_daily.values()) == 0
    assert not any(k[2] == "advertising" for k in world.ground_truth(NOW).finance)


@pytest.mark.parametrize("path", sorted(ADS.glob("*.py")), ids=lambda p: p.name)
def test_ads_package_is_small_and_imports_only_the_sandbox(path: Path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 330
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, "relative import"
            names = [node.module]
        assert not [n for n in names if n.startswith("svodka") and not n.startswith("svodka.sandbox")]
