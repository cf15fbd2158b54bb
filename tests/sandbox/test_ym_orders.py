"""Business orders (30-day window) and base prices of the Yandex Market sandbox."""

from __future__ import annotations

from collections import Counter

from ym_client import walk, ym_client
from ym_schemas import response_schema, validate

MARCH = {"dates": {"creationDateFrom": "2026-02-14", "creationDateTo": "2026-03-15"}}


def test_business_orders_fit_the_openapi_and_the_stats(server):
    bid = server.ym_business_id
    with ym_client(server) as c:
        r = c.post(f"/v1/businesses/{bid}/orders", json=MARCH, params={"limit": 50})
        assert r.status_code == 200
        validate(r.json(), response_schema("v1_businesses_businessId_orders", "post"))
        orders, pages = walk_top(c, f"/v1/businesses/{bid}/orders", MARCH)
        stats = []
        for camp in server.ym_campaign_ids.values():
            body = {"dateFrom": "2026-02-14", "dateTo": "2026-03-15"}
            stats += walk(c, f"/v2/campaigns/{camp}/stats/orders", body, "orders", 200)[0]
    assert pages > 1
    assert sorted(o["orderId"] for o in orders) == sorted(o["id"] for o in stats)
    assert Counter(o["status"] == "CANCELLED" for o in orders) == Counter(
        o["status"].startswith("CANCELLED") for o in stats
    )


def walk_top(c, path: str, body: dict) -> tuple[list[dict], int]:
    rows, token, pages = [], None, 0
    while True:
        r = c.post(path, json=body, params={"limit": 50} | ({"page_token": token} if token else {}))
        r.raise_for_status()
        rows += r.json()["orders"]
        pages += 1
        token = r.json().get("paging", {}).get("nextPageToken")
        if not token:
            return rows, pages


def test_business_orders_refuse_more_than_30_days(server):
    wide = {"dates": {"creationDateFrom": "2026-01-01", "creationDateTo": "2026-03-15"}}
    with ym_client(server) as c:
        r = c.post(f"/v1/businesses/{server.ym_business_id}/orders", json=wide)
    assert r.status_code == 400 and r.json()["status"] == "ERROR"
    validate(r.json(), response_schema("v1_businesses_businessId_orders", "post", "400"))


def test_offer_prices(server, world):
    with ym_client(server) as c:
        r = c.post(f"/v2/businesses/{server.ym_business_id}/offer-prices", json={})
        validate(r.json(), response_schema("v2_businesses_businessId_offer-prices", "post"))
        rows, _ = walk(c, f"/v2/businesses/{server.ym_business_id}/offer-prices", {}, "offers", 5)
    assert [x["offerId"] for x in rows] == world.ym.offer_id
    assert all(x["price"]["value"] > 0 and x["price"]["currencyId"] == "RUR" for x in rows)


def test_returns_match_the_refunds(server):
    refunds, returned = set(), []
    with ym_client(server) as c:
        for camp in server.ym_campaign_ids.values():
            r = c.get(f"/v2/campaigns/{camp}/returns")
            validate(r.json(), response_schema("v2_campaigns_campaignId_returns", "get"))
            token = None
            while True:
                page = c.get(
                    f"/v2/campaigns/{camp}/returns",
                    params={"limit": 3} | ({"page_token": token} if token else {}),
                )
                returned += page.json()["result"]["returns"]
                token = page.json()["result"]["paging"].get("nextPageToken")
                if not token:
                    break
            body = {"dateFrom": "2025-01-01", "dateTo": "2026-12-31"}
            for o in walk(c, f"/v2/campaigns/{camp}/stats/orders", body, "orders", 200)[0]:
                refunds |= {o["id"] for p in o["payments"] if p["type"] == "REFUND"}
    assert sorted(x["orderId"] for x in returned) == sorted(refunds) and refunds
