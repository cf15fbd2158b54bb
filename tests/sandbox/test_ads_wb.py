"""WB advert-api in the sandbox: documented shapes, errors, limits, faults, and the money trail
from fullstats through the spend history to the weekly «WB Продвижение» deduction."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import httpx
import pytest
from ads_client import pull_fullstats, wb_campaign_ids
from sandbox_client import pull_finance
from sandbox_schemas import document, response_schema, schema, validate, validate_records
from sandbox_world import NOW, client_for

from svodka.sandbox import Faults, SandboxServer, World
from svodka.sandbox.ads.limits import ADS_LIMITS

D = Decimal
P25 = "wildberries-2025-12/08-promotion.yaml"  # complete field schemas
P26 = "wildberries-2026-08/promotion.json"  # current methods and limits (nested schemas cut at [MaxDepth])
COUNTERS = ("views", "clicks", "atbs", "orders", "shks", "canceled")


@pytest.fixture(scope="module")
def adv(server: SandboxServer) -> str:
    return server.wb_hosts["advert-api"]


@pytest.fixture(scope="module")
def ids(server: SandboxServer, adv: str) -> list[int]:
    with client_for(server) as c:
        return wb_campaign_ids(c, adv)


@pytest.fixture(scope="module")
def stats(server: SandboxServer, adv: str, ids: list[int], world: World) -> list[dict]:
    with client_for(server) as c:
        return pull_fullstats(c, adv, ids, world.start, NOW.date())


def _adverts_schema() -> dict:
    """GetAdverts of 2025-12 plus the 2026-08 additions: `currency` and `restrictions` (whose
    fields the 2026 copy cuts at [MaxDepth]; `can_change_nms` is the field the official generated
    SDKs carry)."""
    sch = schema(P25, ["components", "schemas", "GetAdverts"])
    item = sch["properties"]["adverts"]["items"]
    item["properties"]["currency"] = {"type": "string"}
    item["properties"]["restrictions"] = {
        "type": "object",
        "additionalProperties": False,
        "required": ["can_change_nms"],
        "properties": {"can_change_nms": {"type": "boolean"}},
    }
    new26 = set(
        document(P26)["components"]["schemas"]["GetAdverts"]["properties"]["adverts"]["items"]["required"]
    )
    item["required"] = sorted(new26)
    assert set(item["properties"]) == set(
        document(P26)["components"]["schemas"]["GetAdverts"]["properties"]["adverts"]["items"]["properties"]
    )
    return sch


def test_campaign_lists_fit_the_docs(client: httpx.Client, adv: str, ids: list[int]):
    count = client.get(f"{adv}/adv/v1/promotion/count")
    validate(count.json(), response_schema(P25, "/adv/v1/promotion/count", "get"))
    groups = count.json()["adverts"]
    assert count.json()["all"] == len(ids) == len(set(ids)) >= 6
    assert {g["status"] for g in groups} == {-1, 4, 7, 8, 9, 11}  # every documented status shows up
    assert all(g["count"] == len(g["advert_list"]) and g["type"] == 9 for g in groups)
    r = client.get(f"{adv}/api/advert/v2/adverts", params={"ids": ",".join(map(str, ids))})
    validate(r.json(), _adverts_schema())
    adverts = r.json()["adverts"]
    assert sorted(a["id"] for a in adverts) == sorted(ids)
    status = {a["advertId"]: g["status"] for g in groups for a in g["advert_list"]}
    assert all(a["status"] == status[a["id"]] for a in adverts)
    for a in adverts:
        assert a["settings"]["payment_type"] in ("cpm", "cpc") and a["bid_type"] in ("unified", "manual")
        assert (a["timestamps"]["started"] is None) == (a["status"] in (4, 8, -1))
        assert a["nm_settings"] and all(n["bids_kopecks"]["search"] > 0 for n in a["nm_settings"])
    only = client.get(f"{adv}/api/advert/v2/adverts", params={"statuses": "9,11", "payment_type": "cpm"})
    assert {(a["status"], a["settings"]["payment_type"]) for a in only.json()["adverts"]} <= {
        (9, "cpm"),
        (11, "cpm"),
    }


def test_fullstats_fit_the_docs_and_add_up_exactly(stats: list[dict]):
    item_sch = schema(P25, ["components", "schemas", "FullStatsItem"])  # boosterStats is optional
    item_sch["properties"]["currency"] = {"type": "string"}  # required since 2026-08
    item_sch["required"] = sorted(set(item_sch["required"]) | {"currency"})
    top26 = document(P26)["components"]["schemas"]["FullStatsItem"]
    assert set(item_sch["properties"]) == set(top26["properties"]) and set(top26["required"]) <= set(
        item_sch["required"]
    )
    validate_records(stats, item_sch, every=1)
    assert len(stats) >= 3
    for item in stats:
        totals = dict.fromkeys((*COUNTERS, "sum", "sum_price"), 0)
        for day in item["days"]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", day["date"])
            assert [a["appType"] for a in day["apps"]] == sorted({a["appType"] for a in day["apps"]})
            day_sum = dict.fromkeys(totals, D(0))
            for app in day["apps"]:
                app_sum = dict.fromkeys(totals, D(0))
                for nm in app["nms"]:
                    for k in app_sum:
                        app_sum[k] += D(str(nm[k]))
                for k in app_sum:
                    assert D(str(app[k])) == app_sum[k], (item["advertId"], day["date"], k)
                    day_sum[k] += app_sum[k]
            for k in day_sum:
                assert D(str(day[k])) == day_sum[k]
                totals[k] += day_sum[k]
            # WB bills whole roubles per campaign and day (updSum is an integer).
            assert D(str(day["sum"])) == D(str(day["sum"])).to_integral_value()
            if day["clicks"]:
                assert D(str(day["ctr"])) == round(D(day["clicks"] * 100) / day["views"], 2)
        for k in totals:
            assert D(str(item[k])) == totals[k]
    views = sum(i["views"] for i in stats)
    clicks = sum(i["clicks"] for i in stats)
    assert 0.01 <= clicks / views <= 0.05  # CTR 1–5 %


def test_spend_history_and_weekly_deduction_agree_to_the_kopeck(
    server: SandboxServer, adv: str, ids: list[int], stats: list[dict], world: World
):
    """Σ fullstats day sums = Σ upd write-offs = the «WB Продвижение» deduction of each report week."""
    by_day: dict[date, Decimal] = defaultdict(Decimal)
    for item in stats:
        for day in item["days"]:
            by_day[date.fromisoformat(day["date"][:10])] += D(str(day["sum"]))
    with client_for(server) as c:
        lines, _ = pull_finance(c, server.wb_hosts["finance-api"], "2024-01-29", NOW.date().isoformat())
        upd_sch = response_schema(P25, "/adv/v1/upd", "get", require_all=True)
        deduction: dict[str, Decimal] = defaultdict(Decimal)
        weeks = {}
        for ln in lines:
            weeks[ln["dateFrom"]] = ln["dateTo"]
            if ln.get("bonusTypeName", "").startswith("Оказание услуг «WB Продвижение»"):
                assert ln["sellerOperName"] == "Удержание"
                deduction[ln["dateFrom"]] += D(ln["deduction"])
        assert len(weeks) >= 6
        for week_from, week_to in sorted(weeks.items()):
            upd = c.get(f"{adv}/adv/v1/upd", params={"from": week_from, "to": week_to})
            validate_records(upd.json(), upd_sch["items"], every=1)
            written_off = sum((D(r["updSum"]) for r in upd.json()), D(0))
            d0 = date.fromisoformat(week_from)
            spent = sum((by_day[d0 + timedelta(days=i)] for i in range(7)), D(0))
            assert deduction[week_from] == written_off == spent, week_from
            assert all(r["advertId"] in ids and r["advertType"] == 9 for r in upd.json())
    assert sum(deduction.values()) > 0
    revenue = sum(v[2] for v in world.ground_truth(NOW).sales_daily.values())
    assert D("0.02") < sum(deduction.values()) / revenue < D("0.1")  # ≈ ad_share (5 %) of revenue


def test_errors_fit_the_docs(client: httpx.Client, adv: str, ids: list[int]):
    ok = {"ids": str(ids[0]), "beginDate": "2026-02-01", "endDate": "2026-03-03"}  # 31 days: allowed
    assert client.get(f"{adv}/adv/v3/fullstats", params=ok).status_code == 200
    err = schema(P26, ["components", "schemas", "FullStatsError"])
    for bad in (
        {**ok, "endDate": "2026-03-04"},  # 32 days
        {**ok, "ids": ",".join(str(i) for i in range(1, 52))},  # 51 campaigns
        {**ok, "beginDate": "01.02.2026"},
        {**ok, "endDate": "2026-01-31"},
        {k: v for k, v in ok.items() if k != "ids"},
    ):
        r = client.get(f"{adv}/adv/v3/fullstats", params=bad)
        assert r.status_code == 400, bad
        validate(r.json(), err)
    bad = client.get(f"{adv}/api/advert/v2/adverts", params={"payment_type": "cpx"})
    assert bad.status_code == 400 and bad.json()["detail"] == "invalid payment_type value"
    validate(bad.json(), schema(P26, ["components", "schemas", "response400"]))
    for params in (
        {"from": "2026-03-01", "to": "2026-04-01"},
        {"from": "2026-03-01"},
        {"from": "x", "to": "y"},
    ):
        r = client.get(f"{adv}/adv/v1/upd", params=params)
        assert r.status_code == 400 and r.headers["content-type"].startswith("text/plain") and r.text
    assert (
        client.get(f"{adv}/adv/v1/upd", params={"from": "2026-03-01", "to": "2026-03-31"}).status_code == 200
    )
    denied = httpx.get(
        f"{adv}/adv/v1/promotion/count",
        headers={"Authorization": client.headers["Authorization"][:-3] + "abc"},
    )
    assert denied.status_code == 401
    validate(
        denied.json(),
        response_schema(P26, "/adv/v1/promotion/count", "get", "401", "application/problem+json"),
    )


def test_promotion_token_category_is_required(server: SandboxServer, adv: str):
    stats_only = server.issue_token(["statistics"])
    r = httpx.get(f"{adv}/adv/v1/promotion/count", headers={"Authorization": stats_only})
    assert r.status_code == 401 and "scope" in r.json()["detail"]
    r = httpx.get(
        f"{adv}/adv/v1/promotion/count", headers={"Authorization": server.issue_token(["promotion"])}
    )
    assert r.status_code == 200


@pytest.mark.parametrize(
    ("bucket", "path"),
    [
        ("advert.promotion_count", "/adv/v1/promotion/count"),
        ("advert.adverts", "/api/advert/v2/adverts"),
        ("advert.fullstats", "/adv/v3/fullstats"),
        ("advert.upd", "/adv/v1/upd"),
    ],
)
def test_rate_limits_match_the_2026_docs(bucket: str, path: str):
    units = {"ms": 0.001, "s": 1, "min": 60, "h": 3600}
    rows = document(P26)["paths"][path]["get"]["x-wb-rate-limits"]["limits"]
    row = next(x for x in rows if x["type"] == "Personal")
    value, unit = re.fullmatch(r"(\d+)\s*(ms|s|min|h)", row["interval"]).groups()
    assert ADS_LIMITS[bucket].interval_s == pytest.approx(int(value) * units[unit])
    assert ADS_LIMITS[bucket].burst == int(row["burst"].split()[0])


def test_fullstats_limit_answers_429_with_wb_headers(make_server, ids: list[int]):
    srv = make_server(limits="real")  # 3 a minute, burst 1: the second call in a row is refused
    params = {"ids": str(ids[0]), "beginDate": "2026-03-01", "endDate": "2026-03-15"}
    with client_for(srv) as c:
        first = c.get(f"{srv.wb_hosts['advert-api']}/adv/v3/fullstats", params=params)
        second = c.get(f"{srv.wb_hosts['advert-api']}/adv/v3/fullstats", params=params)
    assert first.status_code == 200 and first.headers["X-Ratelimit-Remaining"] == "0"
    assert second.status_code == 429
    assert all(h in second.headers for h in ("X-Ratelimit-Retry", "X-Ratelimit-Reset", "X-Ratelimit-Limit"))
    assert second.headers["X-Ratelimit-Limit"] == "1" and int(second.headers["X-Ratelimit-Retry"]) <= 20
    validate(
        second.json(), response_schema(P26, "/adv/v3/fullstats", "get", "429", "application/problem+json")
    )


def test_schema_drift_reaches_every_level_of_fullstats_and_upd_rows(make_server, ids: list[int]):
    srv = make_server(faults=Faults(rename_field=("sum", "spend"), add_field={"x_new": 1}))
    host = srv.wb_hosts["advert-api"]
    with client_for(srv) as c:
        items = c.get(
            f"{host}/adv/v3/fullstats",
            params={"ids": ",".join(map(str, ids)), "beginDate": "2026-03-01", "endDate": "2026-03-15"},
        ).json()
        upd = c.get(f"{host}/adv/v1/upd", params={"from": "2026-03-01", "to": "2026-03-15"}).json()
    levels = [items, [d for i in items for d in i["days"]]]
    levels += [[a for d in levels[1] for a in d["apps"]]]
    levels += [[n for a in levels[2] for n in a["nms"]]]
    for records in levels:
        assert records and all("spend" in r and "sum" not in r and r["x_new"] == 1 for r in records)
    assert upd and all(r["x_new"] == 1 for r in upd)
