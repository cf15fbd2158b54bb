"""Clock, history purge, auth, rate limits, fault knobs, envelopes."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import orjson
import pytest
from sandbox_client import pull_statistics, warehouse_remains
from sandbox_world import NOW, client_for

from svodka.sandbox import Faults, SandboxServer, World


def _orders(c: httpx.Client, srv: SandboxServer, date_from: str = "2020-01-01") -> list[dict]:
    r = c.get(f"{srv.wb_hosts['statistics-api']}/api/v1/supplier/orders", params={"dateFrom": date_from})
    r.raise_for_status()
    return r.json()


def test_clock_override_and_late_changes(make_server):
    early = NOW - timedelta(days=12)
    srv = make_server(now=early)
    with client_for(srv) as c:
        before = {r["srid"]: r for r in _orders(c, srv)}
        assert max(r["date"] for r in before.values()) < (early + timedelta(hours=3)).strftime(
            "%Y-%m-%dT%H:%M:%S"
        )
        srv.set_now(NOW)
        later = _orders(c, srv, (early + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%S"))
    changed = [r for r in later if r["srid"] in before]
    assert changed, "orders placed before the early clock must come back once they change"
    flipped = [r for r in changed if r["isCancel"] and not before[r["srid"]]["isCancel"]]
    assert flipped and all(r["lastChangeDate"] > before[r["srid"]]["lastChangeDate"] for r in changed)
    assert all(r["cancelDate"] != "0001-01-01T00:00:00" for r in flipped)
    with pytest.raises(ValueError):
        srv.set_now(datetime(2026, 1, 1))


def test_history_is_purged_after_90_days(make_server, world: World):
    later = NOW + timedelta(days=60)
    srv = make_server(now=later)
    cutoff = (later + timedelta(hours=3) - timedelta(days=90)).strftime("%Y-%m-%dT%H:%M:%S")
    with client_for(srv) as c:
        rows, _ = pull_statistics(c, srv.wb_hosts["statistics-api"], "orders")
        old_day = c.get(
            f"{srv.wb_hosts['statistics-api']}/api/v1/supplier/orders",
            params={"dateFrom": world.start.isoformat(), "flag": 1},
        ).json()
    assert rows and min(r["date"] for r in rows) >= cutoff
    assert old_day == []
    assert len(rows) < world.n_orders


def test_tokens_raw_bearer_wrong_category_expired_revoked(make_server):
    srv = make_server()
    url = f"{srv.wb_hosts['statistics-api']}/api/v1/supplier/sales"
    params = {"dateFrom": "2026-03-15"}
    assert httpx.get(url, params=params, headers={"Authorization": srv.token}).status_code == 200
    assert httpx.get(url, params=params, headers={"Authorization": f"Bearer {srv.token}"}).status_code == 200
    content_only = srv.issue_token(["content"])
    r = httpx.get(url, params=params, headers={"Authorization": content_only})
    assert r.status_code == 401 and "scope" in r.json()["detail"]
    ping = httpx.get(f"{srv.wb_hosts['content-api']}/ping", headers={"Authorization": content_only})
    assert ping.status_code == 200 and ping.json()["Status"] == "OK"
    expired = srv.issue_token(expires=NOW - timedelta(days=1))
    assert httpx.get(url, params=params, headers={"Authorization": expired}).status_code == 401
    tampered = srv.token[:-4] + ("AAAA" if not srv.token.endswith("AAAA") else "BBBB")
    assert httpx.get(url, params=params, headers={"Authorization": tampered}).status_code == 401
    srv.revoke_token()
    r = httpx.get(url, params=params, headers={"Authorization": srv.token})
    assert r.status_code == 401 and r.json()["title"] == "unauthorized"


def test_rate_limit_headers_in_fast_mode(make_server):
    srv = make_server(limits="fast")
    url = f"{srv.wb_hosts['statistics-api']}/api/v1/supplier/orders"
    with client_for(srv) as c:
        answers = []
        while not answers or answers[-1].status_code != 429:
            answers.append(c.get(url, params={"dateFrom": "2026-03-15"}))
            assert len(answers) < 50
        limited = answers[-1]
        assert all("X-Ratelimit-Remaining" in r.headers for r in answers if r.status_code != 429)
        assert answers[0].headers["X-Ratelimit-Remaining"] == "9"  # burst 10 for orders
        assert limited.headers["X-Ratelimit-Limit"] == "10"
        retry = float(limited.headers["X-Ratelimit-Retry"])
        assert 0 < retry <= 0.1 and float(limited.headers["X-Ratelimit-Reset"]) >= retry
        assert limited.json()["title"] == "too many requests"
        time.sleep(retry + 0.02)
        assert c.get(url, params={"dateFrom": "2026-03-15"}).status_code == 200


def test_fault_429_5xx_latency_and_ping_is_spared(make_server):
    srv = make_server(faults=Faults(rate_429=1.0))
    url = f"{srv.wb_hosts['statistics-api']}/api/v1/supplier/sales"
    with client_for(srv) as c:
        r = c.get(url, params={"dateFrom": "2026-03-15"})
        assert r.status_code == 429 and "X-Ratelimit-Retry" in r.headers
        assert c.get(f"{srv.wb_hosts['statistics-api']}/ping").status_code == 200
        srv.faults = Faults(rate_5xx=1.0)
        assert {c.get(url, params={"dateFrom": "2026-03-15"}).status_code for _ in range(6)} <= {500, 503}
        srv.faults = Faults(latency_ms=150)
        t = time.monotonic()
        assert c.get(url, params={"dateFrom": "2026-03-15"}).status_code == 200
        assert time.monotonic() - t >= 0.15


def test_fault_timeout_and_truncation(make_server):
    srv = make_server(faults=Faults(timeout_rate=1.0, timeout_s=1.0))
    url = f"{srv.wb_hosts['statistics-api']}/api/v1/supplier/orders"
    with client_for(srv, timeout=0.3) as c, pytest.raises(httpx.ReadTimeout):
        c.get(url, params={"dateFrom": "2026-03-15"})
    srv.faults = Faults(truncate_rate=1.0)
    with client_for(srv) as c:
        r = c.get(url, params={"dateFrom": "2026-03-15"})
    assert r.status_code == 200
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(r.content)


def test_fault_schema_drift(make_server):
    srv = make_server(faults=Faults(add_field={"isB2b": False}, rename_field=("srid", "orderSrid")))
    with client_for(srv) as c:
        rows = _orders(c, srv, "2026-03-14")
        cards = c.post(
            f"{srv.wb_hosts['content-api']}/content/v2/get/cards/list",
            json={"settings": {"cursor": {"limit": 5}, "filter": {"withPhoto": -1}}},
        ).json()
        goods = c.get(
            f"{srv.wb_hosts['discounts-prices-api']}/api/v2/list/goods/filter", params={"limit": 5}
        ).json()
        remains = warehouse_remains(c, srv.wb_hosts["seller-analytics-api"]).json()
    assert rows and all("orderSrid" in r and "srid" not in r and r["isB2b"] is False for r in rows)
    assert all(card["isB2b"] is False for card in cards["cards"])
    assert all(g["isB2b"] is False for g in goods["data"]["listGoods"])
    assert all(r["isB2b"] is False for r in remains)


def test_fault_revoke_after(make_server):
    srv = make_server(faults=Faults(revoke_after=2))
    url = f"{srv.wb_hosts['statistics-api']}/api/v1/supplier/sales"
    with client_for(srv) as c:
        codes = [c.get(url, params={"dateFrom": "2026-03-15"}).status_code for _ in range(3)]
    assert codes == [200, 200, 401]


def test_faults_are_deterministic():
    a, b = Faults(seed=3, rate_5xx=0.5, rate_429=0.2), Faults(seed=3, rate_5xx=0.5, rate_429=0.2)
    assert [a.draw() for _ in range(20)] == [b.draw() for _ in range(20)]


def test_unknown_path_ping_and_request_log(client: httpx.Client, server: SandboxServer):
    r = client.get(f"{server.wb_hosts['statistics-api']}/api/v5/supplier/reportDetailByPeriod")
    assert r.status_code == 404 and r.json()["title"] == "path not found"
    ping = client.get(f"{server.wb_hosts['finance-api']}/ping").json()
    assert ping == {"TS": "2026-03-16T15:00:00+03:00", "Status": "OK"}
    assert server.requests[-1].path == "/wb/finance-api/ping" and server.requests[-1].status == 200
    assert server.requests[-2].status == 404


def test_reports_publish_on_monday(make_server):
    sunday = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
    srv = make_server(now=sunday)
    with client_for(srv) as c:
        heads = c.post(
            f"{srv.wb_hosts['finance-api']}/api/finance/v1/sales-reports/list",
            json={"dateFrom": "2026-03-09", "dateTo": "2026-03-15"},
        )
        assert heads.status_code == 204
        srv.set_now(NOW)
        heads = c.post(
            f"{srv.wb_hosts['finance-api']}/api/finance/v1/sales-reports/list",
            json={"dateFrom": "2026-03-09", "dateTo": "2026-03-15"},
        ).json()
    assert [h["createDate"] for h in heads] == ["2026-03-16"]


def test_warehouse_remains_not_ready_and_grouping(client: httpx.Client, server: SandboxServer):
    host = server.wb_hosts["seller-analytics-api"]
    task = client.get(f"{host}/api/v1/warehouse_remains", params={"groupByNm": "true"}).json()["data"][
        "taskId"
    ]
    assert client.get(f"{host}/api/v1/warehouse_remains/tasks/{task}/download").status_code == 400
    by_nm = warehouse_remains(client, host, groupByNm="true").json()
    assert all("volume" in r for r in by_nm)
    assert len({r["nmId"] for r in by_nm}) == len(by_nm)
    empty = client.get(f"{host}/api/v1/warehouse_remains", params={"groupByNm": ""})
    assert empty.status_code == 400 and "empty value" in empty.json()["detail"]
    bad = client.get(f"{host}/api/v1/warehouse_remains/tasks/not-a-uuid/status")
    assert bad.status_code == 400
