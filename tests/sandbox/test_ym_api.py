"""Yandex Market Partner API in the sandbox: documented shapes, auth, paging, 420, reports."""

from __future__ import annotations

import threading
from datetime import timedelta

import httpx
from sandbox_world import NOW
from ym_client import report, walk, ym_client
from ym_schemas import response_schema, validate

from svodka.sandbox import Faults

WIDE = {"dateFrom": "2025-01-01", "dateTo": "2026-12-31"}


def test_campaigns_and_identifiers(server):
    with ym_client(server) as c:
        r = c.get("/v2/campaigns")
    assert r.status_code == 200
    validate(r.json(), response_schema("v2_campaigns", "get"))
    camps = {x["placementType"]: x["id"] for x in r.json()["campaigns"]}
    assert camps == server.ym_campaign_ids
    assert {x["business"]["id"] for x in r.json()["campaigns"]} == {server.ym_business_id}
    assert server.ym_hosts == {"api": f"{server.base_url}/ym/api"}
    assert r.headers["X-RateLimit-Resource-Limit"] == "4"


def test_responses_fit_the_openapi(server):
    bid, fby, fbs = server.ym_business_id, server.ym_campaign_ids["FBY"], server.ym_campaign_ids["FBS"]
    with ym_client(server) as c:
        r = c.post(f"/v2/businesses/{bid}/offer-mappings", json={})
        validate(r.json(), response_schema("v2_businesses_businessId_offer-mappings", "post"))
        for camp in (fby, fbs):
            r = c.post(f"/v2/campaigns/{camp}/offers/stocks", json={})
            validate(r.json(), response_schema("v2_campaigns_campaignId_offers_stocks", "post"))
            r = c.post(f"/v2/campaigns/{camp}/stats/orders", json=WIDE)
            validate(r.json(), response_schema("v2_campaigns_campaignId_stats_orders", "post"))
            statuses = {o["status"] for o in r.json()["result"]["orders"]}
            assert {"DELIVERED", "CANCELLED_IN_PROCESSING"} <= statuses
        r = c.post("/v2/reports/united-netting/generate", json={"businessId": bid} | WIDE)
        validate(r.json(), response_schema("v2_reports_united-netting_generate", "post"))
        r = c.get(f"/v2/reports/info/{r.json()['result']['reportId']}")
        validate(r.json(), response_schema("v2_reports_info_reportId", "get"))


def test_offer_mappings_carry_barcodes_and_articles(server, world):
    with ym_client(server) as c:
        rows, _ = walk(c, f"/v2/businesses/{server.ym_business_id}/offer-mappings", {}, "offerMappings", 7)
    cat = world.catalog
    vendor_of = {cat.bar_code[b]: cat.card_vendor[cat.bar_card[b]] for b in range(cat.n_bars)}
    assert len(rows) == len(world.ym.offer_id)
    for row in rows:
        (code,) = row["offer"]["barcodes"]
        assert row["offer"]["offerId"].startswith(vendor_of[code])


def test_errors_use_the_envelope(server):
    with httpx.Client(base_url=server.ym_hosts["api"]) as c:
        r = c.get("/v2/campaigns")
        assert r.status_code == 401
        validate(r.json(), response_schema("v2_campaigns", "get", "401"))
        r = c.get("/v2/campaigns", headers={"Api-Key": "ACMA:wrong:key"})
        assert r.status_code == 403 and r.json()["status"] == "ERROR"
        validate(r.json(), response_schema("v2_campaigns", "get", "403"))
    with ym_client(server) as c:
        r = c.post("/v2/campaigns/1/stats/orders", json=WIDE)
        assert r.status_code == 403
        r = c.post(f"/v2/campaigns/{server.ym_campaign_ids['FBY']}/stats/orders", params={"page_token": "!!"})
        assert r.status_code == 400 and r.json()["errors"][0]["code"] == "BAD_REQUEST"


def test_paging_walks_every_order_once(server):
    camp = server.ym_campaign_ids["FBY"]
    with ym_client(server) as c:
        whole, pages = walk(c, f"/v2/campaigns/{camp}/stats/orders", WIDE, "orders", 200)
        small, many = walk(c, f"/v2/campaigns/{camp}/stats/orders", WIDE, "orders", 9)
    assert [o["id"] for o in small] == [o["id"] for o in whole]
    assert len({o["id"] for o in whole}) == len(whole) > 9
    assert many == -(-len(whole) // 9) and pages == -(-len(whole) // 200)


def test_parallel_limit_answers_420(make_server):
    srv = make_server()
    srv.ym_parallel_limit, srv.ym_hold_s = 1, 0.3
    camp = srv.ym_campaign_ids["FBS"]
    results: list[httpx.Response] = []

    def hit() -> None:
        with ym_client(srv) as c:
            results.append(c.post(f"/v2/campaigns/{camp}/offers/stocks", json={}))

    threads = [threading.Thread(target=hit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(r.status_code for r in results)
    assert codes[0] == 200 and codes[-1] == 420, codes
    refused = next(r for r in results if r.status_code == 420)
    assert refused.json()["status"] == "ERROR"
    assert refused.headers["X-RateLimit-Resource-Remaining"] == "0"
    assert refused.headers["X-RateLimit-Resource-Limit"] == "1"
    assert "X-RateLimit-Resource-Until" in refused.headers
    validate(refused.json(), response_schema("v2_campaigns_campaignId_offers_stocks", "post", "420"))


def test_report_is_polled_then_downloaded(make_server):
    srv = make_server()
    srv.ym_reports.polls_needed = 3
    body = {"businessId": srv.ym_business_id} | WIDE
    with ym_client(srv) as c:
        sheets, polls = report(c, "united-marketplace-services", body)
        assert polls == 4 and list(sheets) == ["services.csv"]
        assert sheets["services.csv"].splitlines()[0].startswith("date,order_id,")
        rid = c.post(
            "/v2/reports/goods-realization/generate", json={"campaignId": 1, "year": 2026, "month": 2}
        )
        assert rid.status_code == 400
        none = {"businessId": srv.ym_business_id, "dateFrom": "2020-01-01", "dateTo": "2020-01-31"}
        assert report(c, "united-netting", none)[0] == {}


def test_report_link_expires_after_an_hour(make_server):
    srv = make_server()
    srv.ym_reports.polls_needed = 0
    with ym_client(srv) as c:
        rid = c.post("/v2/reports/united-netting/generate", json={"businessId": srv.ym_business_id} | WIDE)
        info = c.get(f"/v2/reports/info/{rid.json()['result']['reportId']}").json()["result"]
        assert info["status"] == "DONE"
        assert httpx.get(info["file"]).status_code == 200
        srv.set_now(NOW + timedelta(minutes=61))
        assert httpx.get(info["file"]).status_code == 403


def test_faults_answer_420_and_500_in_the_envelope(make_server):
    srv = make_server(faults=Faults(seed=3, rate_429=0.3, rate_5xx=0.3))
    with ym_client(srv) as c:
        codes = [c.get("/v2/campaigns") for _ in range(30)]
    seen = {r.status_code for r in codes}
    assert seen == {200, 420, 500}
    for r in codes:
        if r.status_code != 200:
            assert r.json()["status"] == "ERROR" and "X-RateLimit-Resource-Limit" in r.headers
