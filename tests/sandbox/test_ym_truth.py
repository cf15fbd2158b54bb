"""The Yandex Market ground truth equals what the API serves; the world is deterministic and
leaves the Wildberries and Ozon numbers alone."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sandbox_world import SPEC
from ym_client import report, walk, ym_client

from svodka.sandbox import World
from svodka.sandbox.truth import FEE_TYPES
from svodka.sandbox.yandex.world import FEE_OF_COMMISSION

WIDE = {"dateFrom": "2025-01-01", "dateTo": "2026-12-31"}


def _barcodes(c, srv) -> dict[str, str]:
    rows, _ = walk(c, f"/v2/businesses/{srv.ym_business_id}/offer-mappings", {}, "offerMappings", 100)
    return {r["offer"]["offerId"]: r["offer"]["barcodes"][0] for r in rows}


def test_orders_daily_from_stats_orders(server):
    truth = server.ground_truth().ym
    got: dict = defaultdict(lambda: [0, Decimal(0), 0])
    with ym_client(server) as c:
        bar = _barcodes(c, server)
        for camp in server.ym_campaign_ids.values():
            orders, _ = walk(c, f"/v2/campaigns/{camp}/stats/orders", WIDE, "orders", 200)
            for o in orders:
                (item,) = o["items"]
                cell = got[(date.fromisoformat(o["creationDate"]), bar[item["shopSku"]])]
                cell[0] += item["count"]
                cell[1] += Decimal(str(item["prices"][0]["total"])).quantize(Decimal("0.01"))
                cell[2] += item["count"] if o["status"].startswith("CANCELLED") else 0
    assert {k: tuple(v) for k, v in got.items()} == truth.orders_daily


def test_finance_from_the_united_netting_report(server):
    truth = server.ground_truth().ym
    fee = FEE_OF_COMMISSION | {"SALE": "sale", "RETURN": "return"}
    assert set(fee.values()) <= set(FEE_TYPES)
    got: dict = defaultdict(Decimal)
    with ym_client(server) as c:
        bar = _barcodes(c, server)
        sheets, _ = report(c, "united-netting", {"businessId": server.ym_business_id} | WIDE)
    for row in csv.DictReader(io.StringIO(sheets["netting.csv"])):
        got[(date.fromisoformat(row["date"]), bar[row["shop_sku"]], fee[row["type"]])] += Decimal(
            row["amount"]
        )
    assert dict(got) == truth.finance
    assert sum(got.values()) == truth.payout_total
    assert {k[2] for k in got} >= {
        "sale",
        "return",
        "commission",
        "acquiring",
        "logistics",
        "return_logistics",
    }


def test_reports_split_the_netting(server):
    bid = server.ym_business_id
    with ym_client(server) as c:
        net = report(c, "united-netting", {"businessId": bid} | WIDE)[0]["netting.csv"].splitlines()[1:]
        fees = report(c, "united-marketplace-services", {"businessId": bid} | WIDE)[0]["services.csv"]
        goods = []
        for camp in server.ym_campaign_ids.values():
            for month in (1, 2, 3):
                body = {"campaignId": camp, "year": 2026, "month": month}
                goods += report(c, "goods-realization", body)[0].get("realization.csv", "h").splitlines()[1:]
    assert sorted(net) == sorted(fees.splitlines()[1:] + goods)


def test_sales_daily_matches_payments(server):
    truth = server.ground_truth().ym
    got: dict = defaultdict(lambda: [0, 0, Decimal(0)])
    with ym_client(server) as c:
        bar = _barcodes(c, server)
        for camp in server.ym_campaign_ids.values():
            for o in walk(c, f"/v2/campaigns/{camp}/stats/orders", WIDE, "orders", 200)[0]:
                (item,) = o["items"]
                for p in o["payments"]:
                    cell = got[(date.fromisoformat(p["date"]), bar[item["shopSku"]])]
                    sign = 1 if p["type"] == "PAYMENT" else -1
                    cell[0 if sign > 0 else 1] += item["count"]
                    cell[2] += sign * Decimal(str(p["total"])).quantize(Decimal("0.01"))
    assert {k: tuple(v) for k, v in got.items()} == {k: v[:3] for k, v in truth.sales_daily.items()}


def test_stock_from_offers_stocks(server):
    truth = server.ground_truth().ym
    today = server.now().date()
    want = {(k[1], k[2]): v for k, v in truth.stock_daily.items() if k[0] == today}
    got = {}
    with ym_client(server) as c:
        bar = _barcodes(c, server)
        for place, camp in server.ym_campaign_ids.items():
            rows, _ = walk(c, f"/v2/campaigns/{camp}/offers/stocks", {}, "warehouses", 200)
            name = "Софьино" if place == "FBY" else "Склад продавца"
            for wh in rows:
                for offer in wh["offers"]:
                    fit = next(s["count"] for s in offer["stocks"] if s["type"] == "FIT")
                    if fit > 0:
                        got[(name, bar[offer["offerId"]])] = fit
    assert got == want and got


def test_world_is_deterministic_and_keeps_other_marketplaces(world):
    again = World.generate(SPEC)
    assert again.ym.offer_id == world.ym.offer_id
    for k, v in world.ym.orders.items():
        assert (again.ym.orders[k] == v).all()
    assert (again.ym.stock == world.ym.stock).all()
    assert set(world.ym.offer_id) and (world.ym.stock >= 0).all()
    codes = set(world.catalog.bar_code)
    assert {world.catalog.bar_code[b] for b in world.ym.bar} <= codes
