"""Ozon auth, rate limit, retired versions, errors, changes after the fact, faults, determinism."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import numpy as np
import orjson
import pytest
from ozon_client import ok, ozon_client, pull_accrual_day, pull_postings
from sandbox_world import NOW, SPEC

from svodka.sandbox import Faults, SandboxServer, World
from svodka.sandbox.clock import MSK, day_date
from svodka.sandbox.ratelimit import RateLimiter

LIST = "/v3/product/list"


def _error(r: httpx.Response, status: int, code: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code and body["details"] == []
    return body["message"]


def test_auth_errors(make_server):
    srv = make_server()
    host = srv.ozon_hosts["api-seller"]
    assert _error(httpx.post(host + LIST, json={}), 401, 16) == "Client-Id and Api-Key headers are required"
    wrong = {"Client-Id": srv.ozon_client_id, "Api-Key": "00000000-0000-0000-0000-000000000000"}
    assert "Invalid Api-Key" in _error(httpx.post(host + LIST, json={}, headers=wrong), 403, 7)
    other_client = {"Client-Id": "1", "Api-Key": srv.ozon_api_key}
    assert "Invalid Api-Key" in _error(httpx.post(host + LIST, json={}, headers=other_client), 403, 7)
    assert srv.ozon_client_id.isdigit()
    with ozon_client(srv) as c:
        assert c.post(LIST, json={}).status_code == 200
        srv.revoke_ozon_key()
        assert _error(c.post(LIST, json={}), 403, 7).startswith("Api-key is deactivated")
    with ozon_client(srv, api_key=srv.issue_ozon_key()) as c:
        assert c.post(LIST, json={}).status_code == 200
    # WB tokens are not Ozon keys and the other way round.
    assert httpx.post(host + LIST, json={}, headers={"Authorization": srv.token}).status_code == 401


def test_rate_limit_50_per_second_across_methods(make_server):
    srv = make_server(limits="real")
    srv.limiter = RateLimiter("real", clock=lambda: 1000.0)  # a frozen clock: no refill during the test
    with ozon_client(srv) as c:
        codes = [
            c.post(path, json={"limit": 1}).status_code for path in (LIST, "/v1/finance/accrual/types") * 25
        ]
        assert codes == [200] * 50
        msg = _error(c.post("/v3/posting/fbo/list", json={}), 429, 8)
        assert msg == "You have reached request rate limit per second"
    srv.limiter = RateLimiter("real", clock=lambda: 1001.0)  # a second later the bucket is full again
    with ozon_client(srv) as c:
        assert c.post(LIST, json={}).status_code == 200


def test_retired_and_unknown_paths(server: SandboxServer):
    with ozon_client(server) as c:
        for path in (
            "/v2/posting/fbo/list",
            "/v3/posting/fbs/list",
            "/v2/product/info/prices",
            "/v4/product/info/prices",
        ):
            assert _error(c.post(path, json={}), 410, 9) == "obsolete method cannot be used"
        assert _error(c.post("/v9/nothing/here", json={}), 404, 5) == "method is not allowed"
        assert _error(c.get(LIST), 405, 12) == "method is not allowed"


def test_bad_requests(server: SandboxServer):
    with ozon_client(server) as c:
        body = {"filter": {"since": "2025-01-01T00:00:00Z", "to": "2026-03-01T00:00:00Z"}, "limit": 10}
        assert _error(c.post("/v3/posting/fbo/list", json=body), 400, 3) == "PERIOD_IS_TOO_LONG"
        assert _error(c.post("/v4/posting/fbs/list", json={**body, "filter": {}}), 400, 3)
        assert _error(c.post(LIST, json={"limit": 1001}), 400, 3)
        assert _error(c.post("/v5/product/info/prices", json={"limit": 10}), 400, 3)
        assert _error(c.post("/v1/analytics/stocks", json={"skus": list(range(101))}), 400, 3)
        assert _error(
            c.post("/v1/finance/accrual/by-day", json={"date": "2021-12-31", "last_id": ""}), 400, 3
        )
        assert _error(c.post("/v1/returns/list", json={"limit": 501}), 400, 3)
        assert _error(c.post(LIST, content=b"{not json"), 400, 3)


def test_statuses_change_after_the_fact(make_server, world: World):
    early = NOW - timedelta(days=10)
    srv = make_server(now=early)
    window = (
        (early - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        early.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    with ozon_client(srv) as c:
        before = {p["posting_number"]: p for p in pull_postings(c, "fbo", *window)[0]}
        srv.set_now(NOW)
        after = {p["posting_number"]: p for p in pull_postings(c, "fbo", *window)[0]}
    assert before.keys() == after.keys()
    live = {"awaiting_packaging", "awaiting_deliver", "delivering"}
    changed = [n for n, p in before.items() if p["status"] in live]
    assert changed and all(after[n]["status"] in ("delivered", "cancelled") for n in changed)
    assert any(after[n]["status"] == "cancelled" and after[n]["cancellation"] for n in changed)


def test_accruals_arrive_late_and_change(make_server, world: World):
    a = world.ozon.accruals
    srv = make_server()
    # A date with a late accrual, read the morning after and again a week later.
    late = np.nonzero(a.pub >= (a.day + 2) * 86_400)[0]
    day = day_date(int(a.day[late[len(late) // 2]]))
    first = datetime.combine(day + timedelta(days=1), datetime.min.time(), MSK) + timedelta(hours=10)
    with ozon_client(srv) as c:
        srv.set_now(first)
        early, _ = pull_accrual_day(c, day)
        srv.set_now(first + timedelta(days=7))
        later, _ = pull_accrual_day(c, day)
    assert {x["accrual_id"] for x in early} < {x["accrual_id"] for x in later}
    fixed = int(a.fix_line[0])
    acc = int(a.line_acc[fixed])
    day = day_date(int(a.day[acc]))
    with ozon_client(srv) as c:
        srv.set_now(datetime.fromtimestamp(int(a.pub[acc]) - 3 * 3600 + 60, UTC))
        v0 = {x["accrual_id"]: x for x in pull_accrual_day(c, day)[0]}[int(a.acc_id[acc])]
        srv.set_now(datetime.fromtimestamp(int(a.fix_at[0]) - 3 * 3600 + 60, UTC))
        v1 = {x["accrual_id"]: x for x in pull_accrual_day(c, day)[0]}[int(a.acc_id[acc])]
    assert v0["total_amount"] != v1["total_amount"] and v0["date"] == v1["date"]


def test_realization_is_ready_on_the_5th(make_server):
    srv = make_server(now=datetime(2026, 3, 5, 8, 59, tzinfo=UTC))  # 11:59 Moscow time
    with ozon_client(srv) as c:
        assert _error(c.post("/v2/finance/realization", json={"year": 2026, "month": 2}), 404, 5)
        srv.set_now(datetime(2026, 3, 5, 9, 0, tzinfo=UTC))
        report = ok(c.post("/v2/finance/realization", json={"year": 2026, "month": 2}))["result"]
        assert (report["header"]["start_date"], report["header"]["stop_date"]) == ("2026-02-01", "2026-02-28")
        assert _error(c.post("/v2/finance/realization", json={"year": 2023, "month": 7}), 400, 3)


def test_faults_apply_to_ozon(make_server):
    srv = make_server(faults=Faults(add_field={"is_b2b": False}, rename_field=("posting_number", "number")))
    body = {"filter": {"since": "2026-03-01T00:00:00Z", "to": "2026-03-05T00:00:00Z"}, "limit": 5}
    with ozon_client(srv) as c:
        rows = ok(c.post("/v3/posting/fbo/list", json=body))["postings"]
        items = ok(c.post(LIST, json={"limit": 3}))["result"]["items"]
        srv.faults = Faults(rate_429=1.0)
        assert _error(c.post(LIST, json={}), 429, 8)
        srv.faults = Faults(rate_5xx=1.0)
        assert c.post(LIST, json={}).status_code in (500, 503)
        srv.faults = Faults(truncate_rate=1.0)
        r = c.post(LIST, json={})
        assert r.status_code == 200
        with pytest.raises(orjson.JSONDecodeError):
            orjson.loads(r.content)
        srv.faults = Faults(revoke_after=2)
        codes = [c.post(LIST, json={}).status_code for _ in range(3)]
    assert rows and all("number" in p and "posting_number" not in p and p["is_b2b"] is False for p in rows)
    assert all(i["is_b2b"] is False for i in items)
    assert codes == [200, 200, 403]


def test_same_seed_same_bodies(world: World, make_server):
    twin = World.generate(SPEC)
    a, b = make_server(), SandboxServer(twin, limits="off", now=NOW).start()
    try:
        bodies = []
        for srv in (a, b):
            with ozon_client(srv) as c:
                bodies.append(
                    [
                        c.post(LIST, json={"limit": 1000}).content,
                        c.post(
                            "/v3/posting/fbs/list",
                            json={
                                "filter": {"since": "2026-02-01T00:00:00Z", "to": "2026-03-16T00:00:00Z"},
                                "limit": 100,
                                "with": {"financial_data": True},
                            },
                        ).content,
                        c.post(
                            "/v1/finance/accrual/by-day", json={"date": "2026-03-10", "last_id": ""}
                        ).content,
                        c.post("/v1/returns/list", json={"limit": 500}).content,
                    ]
                )
        assert bodies[0] == bodies[1]
    finally:
        b.stop()
    assert a.ozon_client_id == b.ozon_client_id and a.ozon_api_key == b.ozon_api_key
    other = World.generate(SPEC.__class__(**{**SPEC.__dict__, "seed": 8}))
    assert other.ground_truth(NOW).ozon.payout_total != world.ground_truth(NOW).ozon.payout_total


def test_posting_filters(server: SandboxServer):
    window = {"since": "2026-02-15T00:00:00Z", "to": "2026-03-16T00:00:00Z"}
    with ozon_client(server) as c:
        fbs, _ = pull_postings(c, "fbs", window["since"], window["to"])
        cancelled, _ = pull_postings(c, "fbs", window["since"], window["to"], statuses=["cancelled"])
        assert cancelled and [p for p in fbs if p["status"] == "cancelled"] == cancelled
        some = [p["posting_number"] for p in fbs[::9]]
        by_number, _ = pull_postings(c, "fbs", window["since"], window["to"], posting_numbers=some)
        assert [p["posting_number"] for p in by_number] == some
        orders = [p["order_number"] for p in fbs[::11]]
        by_order, _ = pull_postings(c, "fbs", window["since"], window["to"], order_numbers=orders)
        assert [p["order_number"] for p in by_order] == orders
        changed = {"from": "2026-03-10T00:00:00Z", "to": "2026-03-12T00:00:00Z"}
        recent, _ = pull_postings(c, "fbs", window["since"], window["to"], last_changed_status_date=changed)
        assert recent and len(recent) < len(fbs)
        assert all(
            p["status"] != "awaiting_packaging" or p["in_process_at"] >= changed["from"] for p in recent
        )
        elsewhere, _ = pull_postings(c, "fbs", window["since"], window["to"], warehouse_ids=["1"])
        assert elsewhere == []
