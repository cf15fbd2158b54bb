"""The Yandex Market connector over a scripted Partner API: paging, streams, errors, 420, state."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime

import orjson
import pytest
from conftest import Reply
from ym_fake import (  # noqa: F401  (fixtures)
    API_KEY,
    BUSINESS,
    PREFIX,
    YMFake,
    ym_connect_fixture,
    ym_fixture,
)

from svodka.errors import AuthError, ConfigError, FatalSourceError
from svodka.sources.yandex_market import HOST_FAMILIES, YMConnector, YMOptions
from svodka.sources.yandex_market.common import resource_wait

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def test_interface_and_hosts() -> None:
    assert HOST_FAMILIES == ("api",)
    conn = YMConnector("shop", "key-123456")
    assert conn.source == "yandex_market"
    assert conn.http.hosts == {"api": "https://api.partner.market.yandex.ru"}
    assert [s.name for s in conn.streams()] == [
        "ym_campaigns",
        "ym_offer_mappings",
        "ym_prices",
        "ym_stocks",
        "ym_orders",
        "ym_stats_orders",
        "ym_returns",
        "ym_report_united_netting",
        "ym_report_marketplace_services",
        "ym_report_goods_realization",
    ]
    conn.close()
    with pytest.raises(ConfigError, match="unknown Yandex Market host families"):
        YMConnector("shop", "k", hosts={"partner-api": "http://x"})
    with pytest.raises(AuthError, match="no Api-Key") as e:
        YMConnector("shop", " ")
    assert "svodka connect yandex-market --name shop --api-key" in str(e.value.hint)


def test_snapshots_page_by_token_with_the_key_and_a_valid_request(ym: YMFake, ym_connect, server) -> None:
    conn = ym_connect(page_limit=2)
    pages = list(conn.stream("ym_offer_mappings").read(None, NOW))
    assert [p.records for p in pages] == [2, 2, 1, 1]  # then the archive
    assert all(p.meta["snapshot_date"] == "2026-11-22" and p.state is None for p in pages)
    assert pages[0].record_path == ("result", "offerMappings")
    assert orjson.loads(pages[0].body)["result"]["offerMappings"][0]["offer"]["offerId"] == "of-1"
    calls = server.seen("POST", "/offer-mappings")
    assert [c.query.get("page_token") for c in calls] == [None, "2", "4", None]
    assert calls[-1].json == {"archived": True}
    ym.archived = []
    assert len(list(ym_connect(page_limit=2).stream("ym_offer_mappings").read(None, NOW))) == 3
    assert all(c.query["limit"] == "2" for c in calls)
    prices = list(conn.stream("ym_prices").read(None, NOW))
    assert sum(p.records for p in prices) == 5
    stocks = list(conn.stream("ym_stocks").read(None, NOW))
    assert [p.meta["campaign_id"] for p in stocks] == [1001, 1002]
    camps = list(conn.stream("ym_campaigns").read(None, NOW))
    assert camps[0].record_path == ("campaigns",) and camps[0].records == 2
    # the secret never lands in a page, and was sent as the Api-Key header
    assert all(API_KEY not in repr(p.request) for p in pages + prices + stocks)
    assert server.requests[0].headers["api-key"] == API_KEY
    assert ym.problems == []


def test_campaign_ids_restrict_the_stores(ym: YMFake, ym_connect, server) -> None:
    list(ym_connect(campaign_ids=(1002,)).stream("ym_returns").read({"date": "2026-11-20"}, NOW))
    assert {c.path for c in server.seen("GET", "/returns")} == {f"{PREFIX}/v2/campaigns/1002/returns"}
    assert ym.problems == []


def test_orders_windows_of_30_days_state_and_reread(ym: YMFake, ym_connect, server) -> None:
    ym.orders["2026-10-23"] = [
        {"orderId": 1, "campaignId": 1001, "status": "DELIVERED", "items": [{"offerId": "of-1"}]}
    ]
    conn = ym_connect(history_days=60)
    pages = list(conn.stream("ym_orders").read(None, NOW))
    bodies = [c.json for c in server.seen("POST", "/orders")]
    windows = [(b["dates"]["creationDateFrom"], b["dates"]["creationDateTo"]) for b in bodies]
    assert windows == [
        ("2026-09-23", "2026-10-23"),
        ("2026-10-23", "2026-11-22"),
        ("2026-11-22", "2026-11-22"),
    ]
    for a, b in windows:  # the end is asked one day on (Market may exclude it), never past today
        assert (date.fromisoformat(b) - date.fromisoformat(a)).days <= 30
    assert bodies[0]["campaignIds"] == [1001, 1002]
    assert [p.state for p in pages] == [
        {"date": "2026-10-22"},
        {"date": "2026-11-21"},
        {"date": "2026-11-22"},
    ]
    assert [p.records for p in pages] == [0, 1, 0] and pages[1].record_path == ("orders",)
    server.requests.clear()
    list(conn.stream("ym_orders").read({"date": "2026-11-22"}, NOW + timedelta(days=1)))
    first = server.seen("POST", "/orders")[0].json["dates"]
    assert first["creationDateFrom"] == "2026-11-08"  # 14 days re-read
    assert ym.problems == []


def test_stats_orders_and_returns_per_campaign_commit_after_the_last_campaign(
    ym: YMFake, ym_connect, server
) -> None:
    pages = list(ym_connect().stream("ym_stats_orders").read({"date": "2026-11-20"}, NOW))
    assert [p.state for p in pages] == [None, {"date": "2026-11-22"}]
    assert server.seen("POST", "/stats/orders")[0].json == {
        "updateFrom": "2026-11-06",
        "updateTo": "2026-11-22",
    }
    assert pages[0].record_path == ("result", "orders")
    ret = list(ym_connect().stream("ym_returns").read({"date": "2026-11-20"}, NOW))
    assert [p.records for p in ret] == [1, 1]
    assert server.seen("GET", "/returns")[0].query == {
        "limit": "100",
        "fromDate": "2026-11-06",
        "toDate": "2026-11-22",
    }
    assert ym.problems == []


def test_error_envelope_is_a_clear_error(ym: YMFake, ym_connect, server) -> None:
    err = {"status": "ERROR", "errors": [{"code": "BAD_REQUEST", "message": "dateFrom is wrong"}]}
    server.route("POST", f"{PREFIX}/v2/campaigns/1001/stats/orders", Reply(400, err))
    with pytest.raises(FatalSourceError, match="dateFrom is wrong"):
        list(ym_connect().stream("ym_stats_orders").read(None, NOW))
    forbidden = {"status": "ERROR", "errors": [{"code": "FORBIDDEN", "message": "scope"}]}
    server.route("POST", f"{PREFIX}/v2/businesses/{BUSINESS}/offer-prices", Reply(403, forbidden))
    with pytest.raises(AuthError) as e:
        list(ym_connect().stream("ym_prices").read(None, NOW))
    assert "svodka connect yandex-market --name shop --api-key" in str(e.value.hint)
    assert API_KEY not in str(e.value) + str(e.value.hint)


def test_420_waits_for_the_resource_and_retries(ym: YMFake, ym_connect, server) -> None:
    limit = {
        "status": "ERROR",
        "errors": [{"code": "LIMIT_EXCEEDED", "message": "Hit rate limit of 4 parallel requests"}],
    }
    until = format_datetime(datetime.now(UTC), usegmt=True)
    headers = {
        "X-RateLimit-Resource-Until": until,
        "X-RateLimit-Resource-Limit": "100",
        "X-RateLimit-Resource-Remaining": "0",
    }
    answer = ym.handle(ym._prices)
    replies = [Reply(420, limit, headers)]
    server.route(
        "POST",
        f"{PREFIX}/v2/businesses/{BUSINESS}/offer-prices",
        lambda seen: replies.pop() if replies else answer(seen),
    )
    pages = list(ym_connect().stream("ym_prices").read(None, NOW))
    assert sum(p.records for p in pages) == 5
    assert len(server.seen("POST", "/offer-prices")) == 2


def test_resource_wait_reads_rfc822() -> None:
    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    assert resource_wait({"X-RateLimit-Resource-Until": "Sun, 22 Nov 2026 09:00:30 GMT"}, now) == 30
    assert resource_wait({"X-RateLimit-Resource-Until": "Sun, 22 Nov 2026 08:59:00 GMT"}, now) == 0
    assert resource_wait({}, now) is None
    assert resource_wait({"X-RateLimit-Resource-Until": "soon"}, now) is None
    assert resource_wait({"X-RateLimit-Resource-Until": "2026-11-22T12:00:05+03:00"}, now) == 5
    assert resource_wait({"X-RateLimit-Resource-Until": "Mon, 23 Nov 2026 09:00:00 GMT"}, now) == 3600


def test_options_are_checked() -> None:
    with pytest.raises(Exception, match="window_days"):
        YMOptions(window_days=31)


def test_documented_quotas_throttle_the_client() -> None:
    with YMConnector("shop", "key-123456") as conn:
        lim = conn.http.limiter
        assert [p.name for p in lim.matching("POST", "/v2/reports/united-netting/generate")] == [
            "ym.report.united-netting"
        ]
        assert lim.matching("POST", "/v2/reports/united-netting/generate")[0].interval == 120
        assert [p.name for p in lim.matching("GET", "/v2/reports/info/r-1")] == ["ym.reports-info"]
        assert [p.name for p in lim.matching("POST", "/v2/campaigns/5/stats/orders")] == ["ym.stats-orders"]
        assert [p.name for p in lim.matching("POST", "/v1/businesses/7/orders")] == ["ym.business-orders"]


def test_a_failed_campaign_commits_no_state_for_its_window(ym: YMFake, ym_connect, server) -> None:
    boom = {"status": "ERROR", "errors": [{"code": "INTERNAL_ERROR", "message": "try later"}]}
    server.route("POST", f"{PREFIX}/v2/campaigns/1002/stats/orders", Reply(500, boom))
    got = []
    with pytest.raises(Exception, match="try later"):
        for page in ym_connect(max_retries=1).stream("ym_stats_orders").read({"date": "2026-11-20"}, NOW):
            got.append(page)
    assert [p.state for p in got] == [None]  # campaign 1001 stored, the window not committed
