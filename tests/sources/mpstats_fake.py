"""A programmable MPStats API over the scripted server, for the connector's protocol tests.

It answers the legacy methods the connector uses as marketplace_apis.md §6 describes them
(ag-grid category lists with ``total``, daily item sales, the plan quota), with tiny
hand-made rows, and counts every data request against its quota. It shares nothing with
`svodka.sandbox`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from conftest import FakeClock, Reply, ScriptedServer, Seen

from svodka.sources.mpstats import MPStatsConnector, MPStatsOptions

PREFIX = "/mpstats/api"
TOKEN = "5f1e2d3c4b5a69788796a5b4.c3d2e1f0a1b2c3d4e5f6"
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # Moscow 2026-11-22: yesterday is the 21st


def item(i: int, revenue: float, **over: Any) -> dict[str, Any]:
    """A category item row."""
    row = {
        "id": i,
        "name": f"Платье {i}",
        "brand": f"Бренд {i % 3}",
        "seller": f"ООО Продавец {i % 2}",
        "supplier_id": 1000 + i % 2,
        "balance": 10 + i,
        "sales": 5,
        "revenue": revenue,
        "final_price": 1990,
        "rating": 4.8,
        "comments": 12,
        "category": "Женщинам/Платья",
    }
    return {**row, **over}


def day_rows(d1: str, d2: str, **over: Any) -> list[dict[str, Any]]:
    """Daily sales rows from d1 to d2."""
    out, d = [], date.fromisoformat(d1)
    while d <= date.fromisoformat(d2):
        row = {"no_data": 0, "data": d.isoformat(), "balance": 7, "sales": 2, "rating": 4.8}
        out.append(
            {**row, "price": 2490, "final_price": 1990, "is_bestseller": False, "comments": 12, **over}
        )
        d += timedelta(days=1)
    return out


class MPStatsFake:
    """Answers ``{wb,oz}/get/category``, ``{wb,oz}/get/item/{id}/sales`` and the quota."""

    def __init__(self, server: ScriptedServer) -> None:
        self.server = server
        self.available, self.use = 1000, 0
        self.items: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.sales_override: dict[int, Callable[[Seen], Reply]] = {}
        self.base_url = server.url + PREFIX + "/"
        server.route("GET", PREFIX + "/user/report_api_limit", self._limit)

    def _limit(self, seen: Seen) -> Reply:
        if seen.headers.get("x-mpstats-token") != TOKEN:
            return Reply(401, {"message": "Bad token"})
        return Reply(200, {"available": self.available, "use": self.use})

    def category(self, mp: str, path: str, rows: list[dict[str, Any]]) -> None:
        """Serve `rows` as the items of category `path` on `mp` (any window)."""
        self.items[(mp, path)] = rows
        self.server.route("POST", f"{PREFIX}/{mp}/get/category", self._category(mp))
        for r in rows:
            self.server.route("GET", f"{PREFIX}/{mp}/get/item/{r['id']}/sales", self._sales(r["id"]))

    def _spend(self, seen: Seen) -> Reply | None:
        if seen.headers.get("x-mpstats-token") != TOKEN:
            return Reply(401, {"message": "Bad token"})
        if self.use >= self.available:
            return Reply(429, {"message": "Limit exceeded"}, {"Retry-After": "86400"})
        self.use += 1
        return None

    def _category(self, mp: str) -> Callable[[Seen], Reply]:
        def answer(seen: Seen) -> Reply:
            refused = self._spend(seen)
            if refused:
                return refused
            rows = sorted(self.items[(mp, seen.query["path"])], key=lambda r: -r.get("revenue", 0))
            body = seen.json
            start, end = body["startRow"], body["endRow"]
            return Reply(200, {**body, "total": len(rows), "data": rows[start:end]})

        return answer

    def _sales(self, i: int) -> Callable[[Seen], Reply]:
        def answer(seen: Seen) -> Reply:
            refused = self._spend(seen)
            if refused:
                return refused
            if i in self.sales_override:
                return self.sales_override[i](seen)
            return Reply(200, day_rows(seen.query["d1"], seen.query["d2"]))

        return answer


@pytest.fixture(name="mpstats")
def mpstats_fixture(server: ScriptedServer) -> MPStatsFake:
    """The fake MPStats on the scripted server."""
    return MPStatsFake(server)


def connect(fake: MPStatsFake, clock: FakeClock, **options: Any) -> MPStatsConnector:
    """A connector on the fake with small windows and pages, waiting on the fake clock."""
    opts = {"wb_categories": ("Женщинам/Платья",), "history_days": 10, "window_days": 5, **options}
    return MPStatsConnector("comp", TOKEN, fake.base_url, MPStatsOptions(**opts), sleep=clock.sleep)


def sync(conn: MPStatsConnector, states: dict[str, Any], now: datetime = NOW) -> Iterator[Any]:
    """Read every stream as the pipeline does; a page's state counts once the page is yielded."""
    for stream in conn.streams():
        for page in stream.read(states.get(stream.name), now):
            if page.state is not None:
                states[stream.name] = page.state
            yield page
