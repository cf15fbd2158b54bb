"""MPStats connector: requests as documented, ag-grid paging, item sales, 202 polling, 429, records."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from conftest import FakeClock, Reply, ScriptedServer
from mpstats_fake import (
    NOW,
    PREFIX,
    TOKEN,
    MPStatsFake,
    connect,
    day_rows,
    item,
    mpstats_fixture,  # noqa: F401  (fixture)
    sync,
)

from svodka.errors import AuthError, ConfigError, RecordError, RetriableError
from svodka.sources.mpstats import MPStatsConnector, MPStatsOptions

CAT = "Женщинам/Платья"


def test_interface_and_token_never_shown(mpstats: MPStatsFake, clock: FakeClock) -> None:
    conn = connect(mpstats, clock)
    assert conn.source == "mpstats"
    assert [s.name for s in conn.streams()] == [
        "mpstats_wb_category_items",
        "mpstats_oz_category_items",
        "mpstats_wb_item_sales",
        "mpstats_oz_item_sales",
    ]
    mpstats.category("wb", CAT, [item(1, 100.0)])
    pages = list(sync(conn, {}))
    assert TOKEN not in repr(conn) and TOKEN not in repr(conn.http)
    assert all(TOKEN not in orjson.dumps(p.request).decode() for p in pages)
    with pytest.raises(AuthError, match="X-Mpstats-TOKEN"):
        MPStatsConnector("comp", " ")
    with pytest.raises(ConfigError):
        MPStatsConnector("", TOKEN)
    assert MPStatsConnector("c", TOKEN).http.hosts == {"mpstats": "https://mpstats.io/api"}
    with pytest.raises(Exception):  # noqa: B017 - pydantic refuses pages over the documented 5000 rows
        MPStatsOptions(page_rows=5001)


def test_category_requests_and_ag_grid_paging(mpstats: MPStatsFake, server: ScriptedServer, clock) -> None:
    rows = [item(i, float(i * 10)) for i in range(1, 6)]
    mpstats.category("wb", CAT, rows)
    conn = connect(mpstats, clock, page_rows=2, max_items=0)
    pages = list(conn.stream("mpstats_wb_category_items").read(None, NOW))
    seen = server.seen("POST", "/wb/get/category")
    # two windows of 5 days (history 10 days to yesterday), each paged 0-2, 2-4, 4-6 of total 5
    assert [(r.query["d1"], r.query["d2"]) for r in seen[::3]] == [
        ("2026-11-12", "2026-11-16"),
        ("2026-11-17", "2026-11-21"),
    ]
    assert [(r.json["startRow"], r.json["endRow"]) for r in seen] == [(0, 2), (2, 4), (4, 6)] * 2
    first = seen[0]
    assert first.path == PREFIX + "/wb/get/category"
    assert first.query["path"] == CAT
    assert first.headers["x-mpstats-token"] == TOKEN
    assert first.headers["content-type"] == "application/json"
    assert first.json["sortModel"] == [{"colId": "revenue", "sort": "desc"}]
    assert first.json["filterModel"] == {}
    assert [p.records for p in pages] == [2, 2, 1] * 2
    assert pages[0].record_path == ("data",)
    assert pages[0].meta == {"category": CAT, "d1": "2026-11-12", "d2": "2026-11-16"}
    assert pages[0].state["at"] == {"path": CAT, "d1": "2026-11-12", "d2": "2026-11-16", "row": 2}
    assert pages[-1].state == {"days": {CAT: "2026-11-21"}, "top": {}}
    # a later sync reads only the new day
    server.requests.clear()
    list(conn.stream("mpstats_wb_category_items").read(pages[-1].state, NOW + timedelta(days=1)))
    assert {(r.query["d1"], r.query["d2"]) for r in server.seen("POST")} == {("2026-11-22", "2026-11-22")}


def test_item_sales_for_top_items_incremental(mpstats: MPStatsFake, server: ScriptedServer, clock) -> None:
    mpstats.category("wb", CAT, [item(i, float(i)) for i in range(1, 6)])
    conn = connect(mpstats, clock, max_items=2)
    states: dict = {}
    pages = [p for p in sync(conn, states) if p.stream == "mpstats_wb_item_sales"]
    assert [p.meta["item_id"] for p in pages] == [5, 4]  # the best sellers by revenue
    sales = server.seen("GET", "/sales")
    assert [r.path for r in sales] == [PREFIX + "/wb/get/item/5/sales", PREFIX + "/wb/get/item/4/sales"]
    assert sales[0].query == {"d1": "2026-11-12", "d2": "2026-11-21"}
    assert pages[0].records == 10 and pages[0].record_path == ()
    assert states["mpstats_wb_item_sales"] == {
        "items": [5, 4],
        "days": {"5": "2026-11-21", "4": "2026-11-21"},
    }
    # next day: the category window of the new day, then one new day per item
    server.requests.clear()
    list(sync(conn, states, NOW + timedelta(days=1)))
    assert [r.query for r in server.seen("GET", "/sales")] == [{"d1": "2026-11-22", "d2": "2026-11-22"}] * 2
    # the same day again: nothing left to read, no data request at all
    server.requests.clear()
    list(sync(conn, states, NOW + timedelta(days=1, hours=1)))
    assert [r.path for r in server.requests if "/get/" in r.path] == []


def test_202_is_polled_until_ready(mpstats: MPStatsFake, server: ScriptedServer, clock: FakeClock) -> None:
    mpstats.category("wb", CAT, [item(1, 1.0)])
    ready = {"startRow": 0, "endRow": 5000, "total": 1, "data": [item(1, 1.0)]}
    server.route("POST", PREFIX + "/wb/get/category", [Reply(202, b""), Reply(202, b""), Reply(200, ready)])
    conn = connect(mpstats, clock, history_days=3, poll_interval=4.0)
    pages = list(conn.stream("mpstats_wb_category_items").read(None, NOW))
    assert [p.records for p in pages] == [1]
    assert clock.sleeps == [4.0, 4.0]
    assert len(server.seen("POST")) == 3


def test_202_past_max_polls_gives_up(mpstats: MPStatsFake, server: ScriptedServer, clock: FakeClock) -> None:
    server.route("POST", PREFIX + "/wb/get/category", Reply(202, b""))
    conn = connect(mpstats, clock, history_days=3, poll_interval=1.0, max_polls=3)
    with pytest.raises(RetriableError, match=r"still not ready \(HTTP 202\) after 3 polls"):
        list(conn.stream("mpstats_wb_category_items").read(None, NOW))
    assert len(server.seen("POST")) == 4 and clock.sleeps == [1.0] * 3


def test_429_honours_retry_after(mpstats: MPStatsFake, server: ScriptedServer, clock: FakeClock) -> None:
    mpstats.category("wb", CAT, [item(1, 1.0)])
    limited = Reply(429, {"message": "Too many requests"}, {"Retry-After": "7"})
    server.route(
        "GET", PREFIX + "/wb/get/item/1/sales", [limited, Reply(200, day_rows("2026-11-19", "2026-11-21"))]
    )
    conn = connect(mpstats, clock, history_days=3)
    pages = [p for p in sync(conn, {}) if p.stream == "mpstats_wb_item_sales"]
    assert [p.records for p in pages] == [3]
    assert len(clock.sleeps) == 1 and 7.0 <= clock.sleeps[0] < 8.0
    assert len(server.seen("GET", "/item/1/sales")) == 2


def test_record_errors_name_the_field(mpstats: MPStatsFake, clock: FakeClock) -> None:
    bad = item(2, 5.0)
    del bad["revenue"]
    mpstats.category("wb", CAT, [item(1, 1.0), bad])
    conn = connect(mpstats, clock)
    with pytest.raises(RecordError, match="revenue") as e:
        list(conn.stream("mpstats_wb_category_items").read(None, NOW))
    assert "id=2" in str(e.value)

    mpstats.category("wb", CAT, [item(1, 1.0)])
    mpstats.sales_override[1] = lambda seen: Reply(
        200, day_rows(seen.query["d1"], seen.query["d2"], price="n/a")
    )
    with pytest.raises(RecordError, match="price"):
        list(sync(connect(mpstats, clock), {}))
