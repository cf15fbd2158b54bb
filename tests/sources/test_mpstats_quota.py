"""MPStats quota: read before a sync, never overspent, a spent quota stops clearly and resumes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import FakeClock, Reply, ScriptedServer
from mpstats_fake import (
    NOW,
    PREFIX,
    MPStatsFake,
    connect,
    item,
    mpstats_fixture,  # noqa: F401  (fixture)
    sync,
)

from svodka.errors import SourceError
from svodka.sources.mpstats import QuotaSpent

CAT = "Женщинам/Платья"


def data_requests(server: ScriptedServer) -> list[tuple[str, str, int | None]]:
    return [
        (r.path.removeprefix(PREFIX), r.query.get("d1", ""), (r.json or {}).get("startRow"))
        for r in server.requests
        if "/get/" in r.path
    ]


def test_spent_plan_quota_stops_clearly_and_resumes(
    mpstats: MPStatsFake, server: ScriptedServer, clock: FakeClock
) -> None:
    mpstats.category("wb", CAT, [item(i, float(i)) for i in range(1, 6)])
    mpstats.available, mpstats.use = 10, 5  # 5 requests left; the sync needs 6 + 2
    conn = connect(mpstats, clock, page_rows=2, max_items=2)
    states: dict = {}
    with pytest.raises(QuotaSpent, match=r"MPStats quota spent: 10 of 10 used; resumes after") as e:
        list(sync(conn, states))
    assert isinstance(e.value, SourceError) and "next sync continues" in (e.value.hint or "")
    assert server.requests[0].path == PREFIX + "/user/report_api_limit"  # read before any data
    first = data_requests(server)
    assert len(first) == 5 and mpstats.use == 10  # never past the quota: the server refused nothing
    assert states["mpstats_wb_category_items"]["at"]["row"] == 4

    mpstats.use = 0  # the plan's quota renews
    server.requests.clear()
    pages = list(sync(conn, states, NOW + timedelta(hours=1)))
    second = data_requests(server)
    assert second[0] == ("/wb/get/category", "2026-11-17", 4)  # resumes at the next row of the stopped window
    assert not set(first) & set(second)  # nothing read twice
    assert [p.meta.get("item_id") for p in pages if p.stream == "mpstats_wb_item_sales"] == [5, 4]
    assert states["mpstats_wb_category_items"] == {"days": {CAT: "2026-11-21"}, "top": {"5": 5.0, "4": 4.0}}


def test_per_sync_cap_and_resume_of_item_sales(
    mpstats: MPStatsFake, server: ScriptedServer, clock: FakeClock
) -> None:
    mpstats.category("wb", CAT, [item(i, float(i)) for i in range(1, 6)])
    conn = connect(mpstats, clock, max_items=3, max_requests_per_sync=3)
    states: dict = {}
    with pytest.raises(QuotaSpent, match=r"request cap reached: 3 of max_requests_per_sync=3"):
        list(sync(conn, states))
    assert len(data_requests(server)) == 3  # 2 category windows + item 5
    assert states["mpstats_wb_item_sales"]["days"] == {"5": "2026-11-21"}

    server.requests.clear()
    pages = list(sync(conn, states, NOW + timedelta(hours=1)))
    assert [r[0] for r in data_requests(server)] == ["/wb/get/item/4/sales", "/wb/get/item/3/sales"]
    assert [p.meta["item_id"] for p in pages] == [4, 3]
    assert set(states["mpstats_wb_item_sales"]["days"]) == {"5", "4", "3"}


def test_quota_spent_elsewhere_is_named_not_retried_for_a_day(
    mpstats: MPStatsFake, server: ScriptedServer, clock: FakeClock
) -> None:
    mpstats.category("wb", CAT, [item(1, 1.0), item(2, 2.0)])

    def spent(seen) -> Reply:  # another client used up the plan meanwhile
        mpstats.use = mpstats.available
        return Reply(429, {"message": "Limit exceeded"}, {"Retry-After": "86400"})

    mpstats.sales_override[2] = spent
    states: dict = {}
    with pytest.raises(
        QuotaSpent, match=r"quota spent: 1000 of 1000 used; resumes after 20\d\d-\d\d-\d\d \d\d:\d\d UTC"
    ):
        list(sync(connect(mpstats, clock), states))
    assert all(s < 100 for s in clock.sleeps)
    assert "mpstats_wb_item_sales" not in states


def test_quota_answer_must_be_counts(mpstats: MPStatsFake, server: ScriptedServer, clock: FakeClock) -> None:
    mpstats.category("wb", CAT, [item(1, 1.0)])
    server.route("GET", PREFIX + "/user/report_api_limit", Reply(200, {"available": "lots"}))
    with pytest.raises(SourceError, match="report_api_limit"):
        list(sync(connect(mpstats, clock), {}))


def test_a_stopped_window_survives_syncs_that_stop_before_it(
    mpstats: MPStatsFake, server: ScriptedServer, clock: FakeClock
) -> None:
    mpstats.category("wb", "A", [item(1, 1.0)])
    mpstats.category("wb", "B", [item(i, float(i)) for i in range(2, 7)])
    conn = connect(mpstats, clock, wb_categories=("A", "B"), history_days=5, page_rows=2, max_items=0)
    states: dict = {}
    mpstats.available = 2
    with pytest.raises(QuotaSpent):
        list(sync(conn, states))
    at = {"path": "B", "d1": "2026-11-17", "d2": "2026-11-21", "row": 2}
    assert states["mpstats_wb_category_items"]["at"] == at
    mpstats.available, mpstats.use = 1, 0  # the next day: A's new day is read, then the quota ends
    with pytest.raises(QuotaSpent):
        list(sync(conn, states, NOW + timedelta(days=1)))
    assert states["mpstats_wb_category_items"]["at"] == at
    mpstats.available, mpstats.use = 100, 0
    server.requests.clear()
    list(sync(conn, states, NOW + timedelta(days=1, hours=1)))
    assert [(r.query["path"], r.query["d1"], r.json["startRow"]) for r in server.seen("POST")] == [
        ("B", "2026-11-17", 2),
        ("B", "2026-11-17", 4),
        ("B", "2026-11-22", 0),
        ("B", "2026-11-22", 2),
        ("B", "2026-11-22", 4),
    ]
    assert "at" not in states["mpstats_wb_category_items"]
