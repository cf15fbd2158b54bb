"""Real HTTP for connector tests: a scripted server on 127.0.0.1 in a thread, and a fake clock.

`ScriptedServer` answers each ``(method, path)`` from a queue of `Reply`s or a handler
function and records every request it saw (method, path, query, headers, JSON body), so
tests assert exactly what the client sent. It shares nothing with `svodka.sandbox`.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import orjson
import pytest

TOKEN = "test-token-eyJhbGciOiJFUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl"


@dataclass
class Reply:
    """One scripted answer. A non-bytes `body` is sent as JSON."""

    status: int = 200
    body: Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (to provoke client timeouts)."""
    truncate: int | None = None
    """Announce the full Content-Length but send only this many bytes, then close."""

    def payload(self) -> bytes:
        """The body as bytes."""
        return self.body if isinstance(self.body, bytes) else orjson.dumps(self.body)


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        """The JSON body, or None."""
        return orjson.loads(self.body) if self.body else None


Handler = Callable[[Seen], Reply]


class ScriptedServer:
    """A ThreadingHTTPServer on an ephemeral port answering from scripts."""

    reply = staticmethod(Reply)

    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self._routes: dict[tuple[str, str], deque[Reply] | Handler] = {}
        self._lock = threading.Lock()
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                seen = Seen(
                    self.command,
                    parts.path,
                    dict(parse_qsl(parts.query, keep_blank_values=True)),
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length),
                )
                reply = outer._answer(seen)
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.payload()
                try:
                    self.send_response(reply.status)
                    headers = {"Content-Type": "application/json", **reply.headers}
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    if reply.truncate is not None:
                        self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body if reply.truncate is None else body[: reply.truncate])
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass
                if reply.truncate is not None:
                    self.close_connection = True

            do_GET = do_POST = _serve

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def route(self, method: str, path: str, answer: Handler | Reply | list[Reply]) -> None:
        """Answer ``method path`` with a handler, or with replies in order (the last one repeats)."""
        if isinstance(answer, Reply):
            answer = [answer]
        self._routes[(method.upper(), path)] = answer if callable(answer) else deque(answer)

    def _answer(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
            script = self._routes.get((seen.method, seen.path))
            if script is None:
                return Reply(404, {"title": "path not found", "detail": f"{seen.method} {seen.path}"})
            if callable(script):
                return script(seen)
            return script.popleft() if len(script) > 1 else script[0]

    def seen(self, method: str | None = None, path: str | None = None) -> list[Seen]:
        """Requests received, optionally only those to ``method path`` (path may be a suffix)."""
        return [
            r
            for r in self.requests
            if (method is None or r.method == method) and (path is None or r.path.endswith(path))
        ]

    def close(self) -> None:
        """Stop serving."""
        self._httpd.shutdown()
        self._httpd.server_close()


class FakeClock:
    """A monotonic clock that only moves when someone sleeps on it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        """Record the wait and move time forward."""
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    """A scripted HTTP server, stopped after the test."""
    s = ScriptedServer()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def clock() -> FakeClock:
    """A fake monotonic clock with a `sleep` that advances it."""
    return FakeClock()


# --- a programmable WB: the documented protocols, over the scripted server ------------------


from wb_rows import order_row, realization_row, report_row, sale_row  # noqa: E402, F401


class WBFake:
    """Answers the WB methods the connector uses, under ``/<family>`` path prefixes."""

    def __init__(self, server: ScriptedServer) -> None:
        self.server = server
        self.cap = 3  # statistics rows per answer (WB: ~80,000)
        self.orders: list[dict[str, Any]] = []
        self.sales: list[dict[str, Any]] = []
        self.realization: list[dict[str, Any]] = []
        self.reports: list[dict[str, Any]] = []
        self.remains: list[dict[str, Any]] = []
        self.task_statuses: deque[str] = deque(["new", "processing", "done"])
        self.stocks_wb: list[dict[str, Any]] = []
        self.cards: list[dict[str, Any]] = []
        self.prices: list[dict[str, Any]] = []
        # advertising: promotion/count groups, adverts by id, fullstats days by id, upd rows
        self.ad_groups: list[dict[str, Any]] | None = None
        self.adverts: list[dict[str, Any]] = []
        self.ad_days: dict[int, list[dict[str, Any]]] = {}
        self.upd: list[dict[str, Any]] = []
        r = server.route
        r("GET", "/statistics-api/api/v1/supplier/orders", lambda s: self._statistics(s, self.orders))
        r("GET", "/statistics-api/api/v1/supplier/sales", lambda s: self._statistics(s, self.sales))
        r("POST", "/finance-api/api/finance/v1/sales-reports/detailed", self._detailed)
        r("POST", "/finance-api/api/finance/v1/sales-reports/list", self._list)
        r(
            "GET",
            "/seller-analytics-api/api/v1/warehouse_remains",
            lambda s: Reply(body={"data": {"taskId": "06e06887-9d9f-491f-b16a-bb1766fcb8d2"}}),
        )
        task = "/seller-analytics-api/api/v1/warehouse_remains/tasks/06e06887-9d9f-491f-b16a-bb1766fcb8d2"
        r("GET", f"{task}/status", self._status)
        r("GET", f"{task}/download", lambda s: Reply(body=self.remains))
        r("POST", "/seller-analytics-api/api/analytics/v1/stocks-report/wb-warehouses", self._stocks_wb)
        r("POST", "/content-api/content/v2/get/cards/list", self._cards)
        r("GET", "/discounts-prices-api/api/v2/list/goods/filter", self._prices)
        r(
            "GET",
            "/advert-api/adv/v1/promotion/count",
            lambda s: Reply(body={"adverts": self.ad_groups, "all": len(self.adverts)}),
        )
        r("GET", "/advert-api/api/advert/v2/adverts", self._adverts)
        r("GET", "/advert-api/adv/v3/fullstats", self._fullstats)
        r("GET", "/advert-api/adv/v1/upd", self._upd)

    def hosts(self) -> dict[str, str]:
        """Base URLs with a path prefix per family, as a sandbox would serve them."""
        from svodka.sources.wb import HOST_FAMILIES

        return {f: f"{self.server.url}/{f}" for f in HOST_FAMILIES}

    def _statistics(self, seen: Seen, rows: list[dict[str, Any]]) -> Reply:
        from datetime import datetime

        start = datetime.fromisoformat(seen.query["dateFrom"])
        hits = [r for r in rows if datetime.fromisoformat(r["lastChangeDate"]) >= start]
        return Reply(body=hits[: self.cap])

    def _detailed(self, seen: Seen) -> Reply:
        b = seen.json
        hits = sorted(
            (
                r
                for r in self.realization
                if b["dateFrom"] <= r["rrDate"] <= b["dateTo"] and r["rrdId"] > b.get("rrdId", 0)
            ),
            key=lambda r: r["rrdId"],
        )[: b.get("limit", 100_000)]
        return Reply(body=hits) if hits else Reply(204)

    def _list(self, seen: Seen) -> Reply:
        b = seen.json
        hits = [r for r in self.reports if b["dateFrom"] <= r["dateFrom"] and r["dateTo"] <= b["dateTo"]]
        part = hits[b.get("offset", 0) : b.get("offset", 0) + b.get("limit", 1000)]
        return Reply(body=part) if part else Reply(204)

    def _status(self, seen: Seen) -> Reply:
        status = self.task_statuses.popleft() if len(self.task_statuses) > 1 else self.task_statuses[0]
        return Reply(body={"data": {"id": "06e06887-9d9f-491f-b16a-bb1766fcb8d2", "status": status}})

    def _stocks_wb(self, seen: Seen) -> Reply:
        b = seen.json
        return Reply(body={"data": {"items": self.stocks_wb[b["offset"] : b["offset"] + b["limit"]]}})

    def _cards(self, seen: Seen) -> Reply:
        cur = seen.json["settings"]["cursor"]
        rows = sorted(self.cards, key=lambda c: (c["updatedAt"], c["nmID"]))
        if "updatedAt" in cur:
            rows = [c for c in rows if (c["updatedAt"], c["nmID"]) > (cur["updatedAt"], cur["nmID"])]
        page = rows[: cur["limit"]]
        cursor = {"total": len(page)}
        if page:
            cursor |= {"updatedAt": page[-1]["updatedAt"], "nmID": page[-1]["nmID"]}
        return Reply(body={"cards": page, "cursor": cursor})

    def _adverts(self, seen: Seen) -> Reply:
        ids = {int(i) for i in seen.query["ids"].split(",")}
        return Reply(body={"adverts": [a for a in self.adverts if a["id"] in ids]})

    def _fullstats(self, seen: Seen) -> Reply:
        q = seen.query
        out = []
        for advert_id in map(int, q["ids"].split(",")):
            days = [
                d for d in self.ad_days.get(advert_id, []) if q["beginDate"] <= d["date"][:10] <= q["endDate"]
            ]
            if days:
                out.append({"advertId": advert_id, "sum": sum(d["sum"] for d in days), "days": days})
        return Reply(body=out or None)

    def _upd(self, seen: Seen) -> Reply:
        q = seen.query
        return Reply(body=[u for u in self.upd if q["from"] <= (u["updTime"] or "")[:10] <= q["to"]])

    def _prices(self, seen: Seen) -> Reply:
        offset, limit = int(seen.query["offset"]), int(seen.query["limit"])
        return Reply(
            body={
                "data": {"listGoods": self.prices[offset : offset + limit]},
                "error": False,
                "errorText": "",
            }
        )


@pytest.fixture
def token() -> str:
    """The API token the tests configure (it must never show up in pages or errors)."""
    return TOKEN


@pytest.fixture
def wb(server: ScriptedServer) -> WBFake:
    """A programmable WB over the scripted server."""
    return WBFake(server)


@pytest.fixture
def connect(wb: WBFake) -> Iterator[Callable[..., Any]]:
    """Factory: a `WBConnector` on the fake, throttling off, fast retries; closed after the test."""
    from svodka.sources.wb import WBConnector, WBOptions

    made: list[WBConnector] = []

    def make(**options: Any) -> WBConnector:
        opts = {
            "rate_limit_scale": 0,
            "retry_backoff": 0.01,
            "report_poll_interval": 0,
            "max_retry_seconds": 30,
            **options,
        }
        c = WBConnector("main", TOKEN, hosts=wb.hosts(), options=WBOptions(**opts))
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


@pytest.fixture
def reply() -> type[Reply]:
    """The `Reply` class, to script answers."""
    return Reply
