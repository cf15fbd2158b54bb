"""The Ozon connector against the sandbox's api-seller over real HTTP, held against the world.

Each stream must read everything the world holds exactly once, across first syncs, later
syncs and a sync resumed after a failure; every request must fit the official document; the
sandbox's faults (429 code 8, 5xx, truncated bodies, a revoked key, schema drift) must end
in retries or in errors that say what happened, never in lost or doubled records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import numpy as np
import orjson
import pytest
from ozon_openapi import check_request, require_document

from svodka.errors import AuthError, FatalSourceError, RecordError
from svodka.sandbox import Faults, SandboxServer, World, WorldSpec
from svodka.sandbox.clock import MSK, msk_seconds
from svodka.sources.base import Page
from svodka.sources.ozon import OzonConnector, OzonOptions
from svodka.sources.ozon.postings import FboPostingsStream

require_document()

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)  # 15:00 in Moscow, the day after the world ends
SPEC = WorldSpec(seed=23, skus=50, days=45, orders_per_day=120.0, end=date(2026, 3, 15))
SMALL_PAGES = {
    "products_page_limit": 7,
    "prices_page_limit": 9,
    "stocks_page_limit": 11,
    "stocks_fbs_page_limit": 5,
    "stocks_fbs_batch": 13,
    "stocks_fbo_batch": 17,
    "postings_page_limit": 50,
    "returns_page_limit": 40,
}


@pytest.fixture(scope="module")
def world() -> World:
    return World.generate(SPEC)


@pytest.fixture(scope="module")
def srv(world: World) -> Iterator[SandboxServer]:
    """A shared sandbox without limits or faults, clock at NOW; tests must leave it so."""
    with SandboxServer(world, limits="off", now=NOW) as s:
        yield s


@pytest.fixture
def make_server(world: World) -> Iterator[Any]:
    """Factory for a dedicated sandbox (own limits, faults, clock); stopped after the test."""
    started: list[SandboxServer] = []

    def make(**kw: Any) -> SandboxServer:
        kw.setdefault("limits", "off")
        kw.setdefault("now", NOW)
        s = SandboxServer(world, **kw).start()
        started.append(s)
        return s

    yield make
    for s in started:
        s.stop()


def connect(s: SandboxServer, api_key: str | None = None, **options: Any) -> OzonConnector:
    opts = {
        "rate_limit_scale": 0,
        "retry_backoff": 0.01,
        "max_retry_seconds": 60,
        "history_days": 60,
        **options,
    }
    return OzonConnector(
        "main",
        s.ozon_client_id,
        api_key or s.ozon_api_key,
        hosts={"api-seller": s.ozon_hosts["api-seller"]},
        options=OzonOptions(**opts),
    )


def sync(
    conn: OzonConnector, states: dict[str, Any], now: datetime, pages: list[Page] | None = None
) -> dict[str, list[Page]]:
    """Read every stream from `states` as the pipeline does; move the states; return the pages."""
    out: dict[str, list[Page]] = {}
    for stream in conn.streams():
        for page in stream.read(states.get(stream.name), now):
            out.setdefault(stream.name, []).append(page)
            if pages is not None:
                pages.append(page)
            if page.state is not None:
                states[stream.name] = page.state
    return out


def records(pages: list[Page]) -> list[dict]:
    out = []
    for p in pages:
        data: Any = orjson.loads(p.body) if p.body else None
        for key in p.record_path:
            data = data[key] if data else None
        out.extend(data or [])
    return out


class Recorder:
    """Every request the connector's HTTP client sends (observed with an httpx event hook)."""

    def __init__(self, conn: OzonConnector) -> None:
        self.sent: list[tuple[str, str, dict[str, str], Any]] = []
        conn.http._client.event_hooks["request"].append(self._hook)

    def _hook(self, request: httpx.Request) -> None:
        body = orjson.loads(request.content) if request.content else None
        headers = {k.lower(): v for k, v in request.headers.items()}
        self.sent.append((request.method, request.url.path, headers, body))


# --- the world, as the connector should see it at a clock value ------------------------------


def listed(world: World, now: datetime) -> np.ndarray:
    """Indexes of the Ozon products that exist at `now`."""
    return np.nonzero(world.ozon.listing.created <= msk_seconds(now))[0]


def postings(world: World, now: datetime, fbs: bool) -> Counter:
    o = world.ozon
    p = o.sim.postings
    is_fbs = p["wh"] == o.sim.n_fbo
    idx = np.nonzero((p["t0"] <= msk_seconds(now)) & (is_fbs if fbs else ~is_fbs))[0]
    return Counter(o.posting_numbers(idx))


def status_of(world: World, now: datetime) -> dict[str, str]:
    o = world.ozon
    idx = np.nonzero(o.sim.postings["t0"] <= msk_seconds(now))[0]
    names = ("awaiting_packaging", "awaiting_deliver", "delivering", "delivered", "cancelled")
    return dict(zip(o.posting_numbers(idx), (names[s] for s in o.status(idx, msk_seconds(now))), strict=True))


def returns(world: World, now: datetime) -> Counter:
    rt = world.ozon.returns
    return Counter(rt.return_id[rt.t <= msk_seconds(now)].tolist())


def accruals(world: World, now: datetime) -> Counter:
    a = world.ozon.accruals
    return Counter(a.acc_id[a.pub <= msk_seconds(now)].tolist())


# --- tests ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def full(srv: SandboxServer, world: World) -> tuple[dict[str, list[Page]], Recorder]:
    """One first sync of every stream at NOW with small pages, every request recorded."""
    with connect(srv, **SMALL_PAGES) as conn:
        rec = Recorder(conn)
        return sync(conn, {}, NOW), rec


def test_a_first_sync_reads_every_record_of_the_world_exactly_once(full, world):
    pages, _ = full
    o = world.ozon
    products = listed(world, NOW)
    ids = Counter(o.listing.product_id[products].tolist())
    assert Counter(r["id"] for r in records(pages["ozon_products"])) == ids
    assert Counter(r["product_id"] for r in records(pages["ozon_prices"])) == ids
    assert Counter(r["product_id"] for r in records(pages["ozon_stocks"])) == ids
    assert Counter(r["sku"] for r in records(pages["ozon_stocks_fbs"])) == Counter(
        o.listing.sku[products].tolist()
    )
    fbo = Counter((r["sku"], r["warehouse_id"]) for r in records(pages["ozon_stocks_fbo"]))
    assert fbo and max(fbo.values()) == 1
    got = records(pages["ozon_postings_fbo"])
    assert Counter(p["posting_number"] for p in got) == postings(world, NOW, fbs=False)
    got = records(pages["ozon_postings_fbs"])
    assert Counter(p["posting_number"] for p in got) == postings(world, NOW, fbs=True)
    assert Counter(r["id"] for r in records(pages["ozon_returns"])) == returns(world, NOW)
    assert Counter(r["accrual_id"] for r in records(pages["ozon_accruals"])) == accruals(world, NOW)
    days = [p.meta["date"] for p in pages["ozon_accruals"]]
    assert sorted(set(days)) == [(date(2026, 1, 15) + timedelta(days=i)).isoformat() for i in range(61)]
    before = [p for p in pages["ozon_accruals"] if p.meta["date"] < "2026-01-30"]  # the world starts 30 Jan
    assert len(before) == 15 and all(p.records == 0 for p in before)  # empty days are stored too
    assert {r["id"] for r in records(pages["ozon_accrual_types"])} >= {
        t["type_id"] for r in records(pages["ozon_accruals"]) for t in [r.get("non_item_fee") or {}] if t
    }
    months = [p.meta for p in pages["ozon_realization"]]
    assert months == [{"year": 2026, "month": 1}, {"year": 2026, "month": 2}]  # March is not due yet


def test_stock_and_money_match_the_ground_truth(full, srv, world):
    pages, _ = full
    truth = srv.ground_truth().ozon
    today = NOW.astimezone(MSK).date()
    bar_of_sku = {
        int(s): world.catalog.bar_code[int(b)]
        for s, b in zip(world.ozon.listing.sku.tolist(), world.ozon.listing.bar.tolist(), strict=True)
    }
    fbs_name = world.ozon.warehouses[-1].name
    want = {(w, b): q for (d, w, b), q in truth.stock_daily.items() if d == today}
    got = {(fbs_name, bar_of_sku[r["sku"]]): r["free_stock"] for r in records(pages["ozon_stocks_fbs"])}
    got |= {
        (r["warehouse_name"], bar_of_sku[r["sku"]]): r["available_stock_count"]
        for r in records(pages["ozon_stocks_fbo"])
    }
    assert {k: v for k, v in got.items() if v} == want
    total = sum(Decimal(r["total_amount"]["amount"]) for r in records(pages["ozon_accruals"]))
    assert total == truth.payout_total


def test_every_request_fits_the_official_document_and_carries_no_key_in_pages(full, srv):
    pages, rec = full
    assert len(rec.sent) > 50
    problems = [p for m, path, h, body in rec.sent for p in check_request(m, path, h, body)]
    assert problems == []
    assert all(
        h["client-id"] == srv.ozon_client_id and h["api-key"] == srv.ozon_api_key for *_, h, _ in rec.sent
    )
    for page in (p for ps in pages.values() for p in ps):
        assert srv.ozon_api_key not in orjson.dumps(dict(page.request)).decode()


def test_snapshot_streams_are_tagged_with_the_moscow_date(full):
    pages, _ = full
    for name in ("ozon_products", "ozon_prices", "ozon_stocks", "ozon_stocks_fbs", "ozon_stocks_fbo"):
        assert all(p.meta == {"snapshot_date": "2026-03-16"} and p.state is None for p in pages[name]), name


def test_later_syncs_add_new_records_and_reread_changed_ones(make_server, world):
    """Sync on 4 March, then at NOW: nothing lost, changed statuses stored anew."""
    early = NOW - timedelta(days=12)
    s = make_server(now=early)
    states: dict[str, Any] = {}
    with connect(s, history_days=60) as conn:
        first = sync(conn, states, early)
        s.set_now(NOW)
        second = sync(conn, states, NOW)
    both = {k: first.get(k, []) + second.get(k, []) for k in set(first) | set(second)}
    for fbs, name in ((False, "ozon_postings_fbo"), (True, "ozon_postings_fbs")):
        assert set(p["posting_number"] for p in records(both[name])) == set(postings(world, NOW, fbs))
    # Postings created inside the re-read window carry their status at NOW in the latest read.
    latest = {p["posting_number"]: p["status"] for p in records(second["ozon_postings_fbo"])}
    now_status = status_of(world, NOW)
    reread_from = early - timedelta(days=14)
    o = world.ozon
    idx = np.nonzero(o.sim.postings["t0"] >= msk_seconds(reread_from))[0]
    inside = set(o.posting_numbers(idx)) & set(latest)
    assert inside and all(latest[n] == now_status[n] for n in inside)
    early_status = status_of(world, early)
    assert any(early_status.get(n) not in (None, now_status[n]) for n in inside)  # some really changed
    # Every return and every accrual published by NOW was read (late ones by the re-read).
    assert set(r["id"] for r in records(both["ozon_returns"])) == set(returns(world, NOW))
    assert set(r["accrual_id"] for r in records(both["ozon_accruals"])) == set(accruals(world, NOW))
    assert not set(accruals(world, NOW)) <= set(r["accrual_id"] for r in records(first["ozon_accruals"]))
    # The realization of February became due (after the 5th of March) between the syncs.
    assert [p.meta for p in first["ozon_realization"]] == [{"year": 2026, "month": 1}]
    assert [p.meta for p in second["ozon_realization"]] == [{"year": 2026, "month": 2}]
    assert states["ozon_realization"] == {"year": 2026, "month": 2}
    assert states["ozon_postings_fbo"] == {"cursor": "2026-03-16T12:00:00Z"}
    assert states["ozon_accruals"] == {"date": "2026-03-16"}


def test_a_key_revoked_mid_sync_fails_clearly_and_the_next_sync_resumes(make_server, world):
    s = make_server(faults=Faults(revoke_after=40))
    states: dict[str, Any] = {}
    seen: list[Page] = []
    with connect(s, postings_page_limit=20) as conn, pytest.raises(AuthError) as e:
        sync(conn, states, NOW, seen)
    text = str(e.value)
    assert "ozon:main" in text and "Api-key is deactivated" in text
    assert "svodka connect ozon --name main --client-id … --api-key …" in text
    assert s.ozon_api_key not in text
    assert states  # some streams committed before the failure
    fresh = s.issue_ozon_key()
    s.faults = Faults()
    with connect(s, api_key=fresh, postings_page_limit=20) as conn:
        sync(conn, states, NOW, seen)
    by: dict[str, list[Page]] = {}
    for p in seen:
        by.setdefault(p.stream, []).append(p)
    for fbs, name in ((False, "ozon_postings_fbo"), (True, "ozon_postings_fbs")):
        assert set(p["posting_number"] for p in records(by[name])) == set(postings(world, NOW, fbs))
    assert set(r["accrual_id"] for r in records(by["ozon_accruals"])) == set(accruals(world, NOW))


def test_429_5xx_and_truncated_answers_are_retried_without_losing_or_doubling(make_server, world):
    s = make_server(faults=Faults(seed=3, rate_429=0.15, rate_5xx=0.15, truncate_rate=0.15))
    with connect(s, max_retries=12, postings_page_limit=30) as conn:
        pages = sync(conn, {}, NOW)
    statuses = Counter(r.status for r in s.requests)
    assert statuses[429] and statuses[500] + statuses[503] and statuses[200]
    got = records(pages["ozon_postings_fbo"]) + records(pages["ozon_postings_fbs"])
    assert Counter(p["posting_number"] for p in got) == postings(world, NOW, False) + postings(
        world, NOW, True
    )
    assert Counter(r["accrual_id"] for r in records(pages["ozon_accruals"])) == accruals(world, NOW)
    assert Counter(r["id"] for r in records(pages["ozon_products"])) == Counter(
        world.ozon.listing.product_id[listed(world, NOW)].tolist()
    )


def test_the_client_keeps_under_the_documented_50_requests_a_second(make_server):
    s = make_server(limits="real")
    with connect(s, rate_limit_scale=1.0, history_days=20, postings_page_limit=10) as conn:
        for name in ("ozon_products", "ozon_postings_fbo", "ozon_postings_fbs"):
            list(conn.stream(name).read(None, NOW))
    assert len(s.requests) > 60 and {r.status for r in s.requests} == {200}


def test_without_client_throttling_the_servers_429s_are_retried(make_server, world):
    s = make_server(limits="real")
    with connect(s, rate_limit_scale=0, history_days=60, postings_page_limit=20, max_retries=20) as conn:
        got = records(list(conn.stream("ozon_postings_fbo").read(None, NOW)))
    assert Counter(r.status for r in s.requests)[429] > 0
    assert Counter(p["posting_number"] for p in got) == postings(world, NOW, fbs=False)


def test_a_wrong_key_is_an_auth_error_that_names_the_fix(srv):
    with connect(srv, api_key="00000000-0000-0000-0000-000000000000") as conn, pytest.raises(AuthError) as e:
        list(conn.stream("ozon_accrual_types").read(None, NOW))
    text = str(e.value)
    assert "Invalid Api-Key" in text and "svodka connect ozon --name main" in text
    assert "00000000-0000-0000-0000-000000000000" not in text


class RetiredFboStream(FboPostingsStream):
    """The FBO list as Svodka called it before Ozon switched v2 off."""

    path = "/v2/posting/fbo/list"


def test_a_retired_method_is_a_fatal_error_asking_for_the_newer_version(srv):
    with connect(srv) as conn:
        stream = RetiredFboStream(conn.stream("ozon_postings_fbo").ctx)
        with pytest.raises(FatalSourceError) as e:
            list(stream.read(None, NOW))
    text = str(e.value)
    assert "410" in text and "retired" in text and "obsolete method cannot be used" in text
    assert "newer method" in text


def test_schema_drift_in_a_needed_field_names_it(make_server):
    s = make_server(faults=Faults(rename_field=("posting_number", "postingNumber")))
    with connect(s) as conn, pytest.raises(RecordError) as e:
        list(conn.stream("ozon_postings_fbs").read(None, NOW))
    err = e.value
    assert err.stream == "ozon_postings_fbs" and err.field == "posting_number"
    assert "(the record has 'postingNumber')" in str(err) and "[ozon:main]" in str(err)


def test_an_added_field_passes(make_server, world):
    s = make_server(faults=Faults(add_field={"new_field": {"x": 1}}))
    with connect(s) as conn:
        got = records(list(conn.stream("ozon_returns").read(None, NOW)))
    assert got and all(r["new_field"] == {"x": 1} for r in got)


def test_postings_windows_paging_and_states(make_server, world):
    s = make_server()
    with connect(s, history_days=50, window_days=20, postings_page_limit=25) as conn:
        rec = Recorder(conn)
        pages = list(conn.stream("ozon_postings_fbo").read(None, NOW))
    firsts = [b for _, path, _, b in rec.sent if not b.get("cursor")]
    assert [(b["filter"]["since"], b["filter"]["to"]) for b in firsts] == [
        ("2026-01-25T12:00:00Z", "2026-02-14T12:00:00Z"),
        ("2026-02-14T12:00:00Z", "2026-03-06T12:00:00Z"),
        ("2026-03-06T12:00:00Z", "2026-03-16T12:00:00Z"),
    ]
    assert all(
        b["with"] == {"analytics_data": True, "financial_data": True}
        and b["sort_dir"] == "ASC"
        and b["limit"] == 25
        for *_, b in rec.sent
    )
    assert len(rec.sent) > 3 * 2  # each window took several pages
    # Only the last page of a window carries the state, and it is the window's end.
    states = [p.state for p in pages if p.state is not None]
    assert states == [
        {"cursor": "2026-02-14T12:00:00Z"},
        {"cursor": "2026-03-06T12:00:00Z"},
        {"cursor": "2026-03-16T12:00:00Z"},
    ]
    assert sum(p.state is not None for p in pages) == 3 and pages[-1].state == states[-1]
    assert pages[0].meta == {"since": "2026-01-25T12:00:00Z", "to": "2026-02-14T12:00:00Z"}


def test_a_later_sync_starts_reread_days_before_the_cursor_and_never_moves_it_back(make_server):
    s = make_server()
    with connect(s, reread_days=14, window_days=10) as conn:
        rec = Recorder(conn)
        pages = list(conn.stream("ozon_postings_fbs").read({"cursor": "2026-03-15T00:00:00Z"}, NOW))
    windows = [(b["filter"]["since"], b["filter"]["to"]) for *_, b in rec.sent if not b.get("cursor")]
    assert windows == [
        ("2026-03-01T00:00:00Z", "2026-03-11T00:00:00Z"),
        ("2026-03-11T00:00:00Z", "2026-03-16T12:00:00Z"),
    ]
    assert [p.state for p in pages if p.state] == [
        {"cursor": "2026-03-15T00:00:00Z"},  # a re-read window ending before the cursor keeps it
        {"cursor": "2026-03-16T12:00:00Z"},
    ]


def test_returns_by_status_change_paged_by_the_last_id(make_server, world):
    s = make_server()
    with connect(s, returns_page_limit=25) as conn:
        rec = Recorder(conn)
        pages = list(conn.stream("ozon_returns").read(None, NOW))
    got = records(pages)
    assert Counter(r["id"] for r in got) == returns(world, NOW)
    sent = [b for *_, b in rec.sent]
    assert sent[0]["last_id"] == 0 and sent[0]["filter"] == {
        "visual_status_change_moment": {
            "time_from": "2026-01-15T12:00:00Z",
            "time_to": "2026-02-14T12:00:00Z",
        }
    }
    by_page = [[r["id"] for r in records([p])] for p in pages]
    continued = [b["last_id"] for b in sent[1:] if b["last_id"]]
    assert continued and set(continued) <= {ids[-1] for ids in by_page if ids}


def test_accruals_day_by_day_from_the_reread_start_with_every_day_stored(make_server, world):
    s = make_server()
    s.ozon_accrual_page = 20  # force paging inside a day
    with connect(s, accruals_reread_days=5) as conn:
        rec = Recorder(conn)
        pages = list(conn.stream("ozon_accruals").read({"date": "2026-03-13"}, NOW))
    days = sorted({p.meta["date"] for p in pages})
    assert days == [f"2026-03-{d:02d}" for d in range(9, 17)]  # 13 March − 5 + 1 … today in Moscow
    for day in days:  # every day has pages, the last of them marks it done
        mine = [p for p in pages if p.meta["date"] == day]
        assert mine[-1].state == {"date": max(day, "2026-03-13")} and all(p.state is None for p in mine[:-1])
    a = world.ozon.accruals
    published = a.pub <= msk_seconds(NOW)
    for day in days:
        n = int(np.sum(published & (a.day == (date.fromisoformat(day) - date(1970, 1, 1)).days)))
        assert sum(p.records for p in pages if p.meta["date"] == day) == n
    assert any(b["last_id"] for *_, b in rec.sent)  # paging by last_id happened


def test_a_realization_report_not_published_yet_ends_the_read_quietly(make_server):
    # The connector's clock says 6 March (February is due) but Ozon has not published it.
    s = make_server(now=datetime(2026, 3, 5, 6, 0, tzinfo=UTC))  # 09:00 in Moscow on the 5th
    with connect(s) as conn:
        rec = Recorder(conn)
        pages = list(
            conn.stream("ozon_realization").read({"year": 2026, "month": 1}, datetime(2026, 3, 6, tzinfo=UTC))
        )
    assert pages == [] and [b for *_, b in rec.sent] == [{"year": 2026, "month": 2}]
    assert [r.status for r in s.requests] == [404]


def test_products_listed_page_by_page_with_info_for_each_page(make_server, world):
    s = make_server()
    with connect(s, products_page_limit=20) as conn:
        rec = Recorder(conn)
        pages = list(conn.stream("ozon_products").read(None, NOW))
    n = len(listed(world, NOW))
    calls = [(path.rsplit("/api-seller", 1)[1], b) for _, path, _, b in rec.sent]
    lists = [(b["filter"]["visibility"], bool(b["last_id"])) for p, b in calls if p == "/v3/product/list"]
    pages_all = -(-n // 20)
    assert lists == [("ALL", False)] + [("ALL", True)] * pages_all + [("ARCHIVED", False)]
    infos = [b["product_id"] for p, b in calls if p == "/v3/product/info/list"]
    assert [len(i) for i in infos] == [p.records for p in pages] and sum(map(len, infos)) == n


def test_stock_streams_reuse_the_sync_walk_and_batch_skus_as_documented(make_server, world):
    s = make_server()
    with connect(s, stocks_fbo_batch=100, stocks_fbs_batch=1000, include_archived=False) as conn:
        rec = Recorder(conn)
        for name in ("ozon_products", "ozon_stocks_fbs", "ozon_stocks_fbo"):
            list(conn.stream(name).read(None, NOW))
        n_lists = sum(path.endswith("/v3/product/list") for _, path, _, _ in rec.sent)
        list(conn.stream("ozon_stocks_fbo").read(None, NOW + timedelta(hours=1)))  # another sync
    skus = {str(x) for x in world.ozon.listing.sku[listed(world, NOW)].tolist()}
    fbo = [b["skus"] for _, path, _, b in rec.sent if path.endswith("/v1/analytics/stocks")]
    fbs = [b["sku"] for _, path, _, b in rec.sent if path.endswith("/stocks-by-warehouse/fbs")]
    assert n_lists == 2  # one walk of the catalogue (a page and the empty end) for three streams
    assert set(fbo[0]) == skus and all(len(b) <= 100 for b in fbo)
    assert set(fbs[0]) == skus and all(len(b) <= 1000 for b in fbs)
    assert sum(path.endswith("/v3/product/list") for _, path, _, _ in rec.sent) == 4  # walked again


def test_retries_give_up_with_a_retriable_error(make_server):
    from svodka.errors import RetriableError

    s = make_server(faults=Faults(rate_429=1.0))
    with connect(s, max_retries=2) as conn, pytest.raises(RetriableError, match=r"gave up after 3 tries"):
        list(conn.stream("ozon_accrual_types").read(None, NOW))
    assert [r.status for r in s.requests] == [429, 429, 429]
