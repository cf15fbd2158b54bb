"""MPStats sandbox: auth, 202, 429 with Retry-After, the quota and its reset, paging (real HTTP)."""

from __future__ import annotations

from datetime import timedelta

from mpstats_client import category, mp_client
from sandbox_world import NOW

D1, D2 = "2026-02-01", "2026-03-15"


def _path(srv, mp: str = "wb") -> str:
    m = srv.world.mpstats
    return next(p for p, x in zip(m.path, m.mp, strict=True) if x == mp)


def test_token_in_header_or_query_and_401_otherwise(server):
    with mp_client(server, "nope") as c:
        r = c.get("/wb/get/categories")
        assert r.status_code == 401 and r.json()["message"]
        assert c.get("/user/report_api_limit").status_code == 401
    with mp_client(server, "") as c:
        assert c.get("/wb/get/categories").status_code == 401
        ok = c.get("/wb/get/categories", params={"auth-token": server.mpstats_token})
        assert ok.status_code == 200
    rubricator = ok.json()
    assert {"url", "name", "path"} <= set(rubricator[0])
    assert _path(server) in {x["path"] for x in rubricator}


def test_heavy_request_answers_202_a_configured_number_of_times(make_server):
    srv = make_server()
    srv.mpstats.accepted_polls = 3
    params = {"path": _path(srv), "d1": D1, "d2": D2}
    with mp_client(srv) as c:
        codes = [c.post("/wb/get/category", params=params, json={}).status_code for _ in range(4)]
        assert codes == [202, 202, 202, 200]
        assert c.get("/user/report_api_limit").json()["use"] == 1  # 202s spend nothing
        other = c.post("/wb/get/category", params={**params, "d1": "2026-03-01"}, json={})
        assert other.status_code == 202  # another period is another report


def test_throttling_429_with_retry_after_and_message(make_server):
    srv = make_server()
    srv.mpstats.throttle(2, retry_after=7)
    with mp_client(srv) as c:
        for _ in range(2):
            r = c.get(f"/wb/get/item/{int(srv.world.mpstats.item_id[0])}/sales", params={"d1": D1, "d2": D2})
            assert r.status_code == 429 and r.headers["Retry-After"] == "7" and r.json()["message"]
        assert c.get("/wb/get/categories").status_code == 200
        assert c.get("/user/report_api_limit").json() == {"available": 2500, "use": 1}


def test_quota_spent_then_reset_at_moscow_midnight(make_server):
    srv = make_server()
    srv.mpstats.quota = 3
    with mp_client(srv) as c:
        assert [c.get("/oz/get/categories").status_code for _ in range(3)] == [200] * 3
        r = c.get("/oz/get/categories")
        assert r.status_code == 429 and "лимит" in r.json()["message"]
        # NOW is 15:00 Moscow time: nine hours to the reset
        assert int(r.headers["Retry-After"]) == 9 * 3600
        assert c.get("/user/report_api_limit").json() == {"available": 3, "use": 3}
        srv.set_now(NOW + timedelta(hours=8, minutes=59))
        assert c.get("/oz/get/categories").status_code == 429
        srv.set_now(NOW + timedelta(hours=9))
        assert c.get("/user/report_api_limit").json() == {"available": 3, "use": 0}
        assert c.get("/oz/get/categories").status_code == 200


def test_paging_filter_and_sort_follow_the_ag_grid_model(server):
    path = server.world.mpstats.path[0].split("/")[0]  # a parent: its subcategories' items too
    with mp_client(server) as c:
        full = category(c, "wb", path, D1, D2, {"startRow": 0, "endRow": 5000})
        assert full["total"] == len(full["data"]) > 4
        assert full["data"] == sorted(full["data"], key=lambda r: -r["revenue"])
        pages = []
        for start in range(0, full["total"], 3):
            page = category(c, "wb", path, D1, D2, {"startRow": start, "endRow": start + 3})
            assert page["total"] == full["total"] and page["startRow"] == start
            pages += page["data"]
        assert [r["id"] for r in pages] == [r["id"] for r in full["data"]]
        cut = sorted(r["sales"] for r in full["data"])[len(full["data"]) // 2]
        body = {
            "startRow": 0,
            "endRow": 100,
            "filterModel": {"sales": {"filterType": "number", "type": "greaterThan", "filter": cut}},
            "sortModel": [{"colId": "final_price", "sort": "asc"}],
        }
        got = category(c, "wb", path, D1, D2, body)
        assert got["filterModel"] == body["filterModel"] and got["sortModel"] == body["sortModel"]
        assert {r["id"] for r in got["data"]} == {r["id"] for r in full["data"] if r["sales"] > cut}
        assert [r["final_price"] for r in got["data"]] == sorted(r["final_price"] for r in got["data"])
        assert category(c, "wb", "Нет такой/категории", D1, D2)["total"] == 0
        bad = c.post("/wb/get/category", params={"path": path, "d1": "01.02.2026", "d2": D2}, json={})
        assert bad.status_code == 400 and bad.json()["message"]


def test_item_sales_rows_cover_the_period_with_no_data_outside_the_world(server):
    m = server.world.mpstats
    i = int(next(k for k in range(len(m.mp)) if m.mp[k] == "oz" and not m.own[k]))
    with mp_client(server) as c:
        rows = c.get(f"/oz/get/item/{int(m.item_id[i])}/sales", params={"d1": "2026-01-30", "d2": D2}).json()
    assert [r["data"] for r in rows[:2]] == ["2026-01-30", "2026-01-31"] and rows[-1]["data"] == D2
    world_start = server.world.start.isoformat()
    assert all(r["no_data"] == (r["data"] < world_start) for r in rows)
    keys = {
        "no_data",
        "data",
        "balance",
        "sales",
        "rating",
        "price",
        "final_price",
        "is_bestseller",
        "comments",
    }
    assert all(set(r) == keys for r in rows)
