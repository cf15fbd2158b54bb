"""A programmable Yandex Market Partner API over the scripted server, for connector tests.

It answers the methods the connector uses as the official document describes them
(``page_token``/``limit``, ``paging.nextPageToken``, the async report cycle), with tiny
hand-made rows, and holds every request against the OpenAPI document. It shares nothing
with `svodka.sandbox`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
import ym_openapi
from conftest import Reply, ScriptedServer, Seen

from svodka.sources.yandex_market import YMConnector, YMOptions

PREFIX = "/ym/api"
API_KEY = "ACMA:secret-ym-key-0123456789abcdef:deadbeef"
BUSINESS = 77
CAMPAIGNS = (1001, 1002)


def ok(result: Any) -> Reply:
    return Reply(200, {"status": "OK", "result": result})


def zipped(sheets: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in sheets.items():
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


class YMFake:
    """The Partner API methods the connector uses, under ``/ym/api``."""

    def __init__(self, server: ScriptedServer) -> None:
        self.server = server
        self.problems: list[str] = []
        self.offers = [{"offerId": f"of-{i}", "barcodes": [f"46{i:011d}"]} for i in range(1, 6)]
        self.archived = [{"offerId": "old-1", "archived": True}]
        self.orders: dict[str, list[dict[str, Any]]] = {}
        """creationDateFrom → orders of that window."""
        self.report_status = ["PENDING", "PROCESSING", "DONE"]
        self.report_sub: str | None = None
        self.report_file = zipped({"Sheet1.csv": "ORDER_ID;SKU;AMOUNT\n1;of-1;100.50\n2;of-2;-7\n"})
        self.polls = 0
        self.generated: list[tuple[str, dict[str, Any]]] = []
        p = PREFIX
        server.route("GET", f"{p}/v2/campaigns", self.handle(self._campaigns))
        server.route("POST", f"{p}/v2/businesses/{BUSINESS}/offer-mappings", self.handle(self._mappings))
        server.route("POST", f"{p}/v2/businesses/{BUSINESS}/offer-prices", self.handle(self._prices))
        server.route("POST", f"{p}/v1/businesses/{BUSINESS}/orders", self.handle(self._orders))
        for c in CAMPAIGNS:
            server.route("POST", f"{p}/v2/campaigns/{c}/offers/stocks", self.handle(self._stocks))
            server.route("POST", f"{p}/v2/campaigns/{c}/stats/orders", self.handle(self._stats))
            server.route("GET", f"{p}/v2/campaigns/{c}/returns", self.handle(self._returns))
        for kind in ("united-netting", "united-marketplace-services", "goods-realization"):
            server.route("POST", f"{p}/v2/reports/{kind}/generate", self.handle(self._generate))
        server.route("GET", f"{p}/v2/reports/info/r-1", self.handle(self._info))
        server.route("GET", f"{p}/files/r-1.zip", lambda seen: Reply(200, self.report_file))

    @property
    def hosts(self) -> dict[str, str]:
        return {"api": self.server.url + PREFIX}

    def handle(self, fn: Any) -> Any:
        def answer(seen: Seen) -> Reply:
            if seen.headers.get("api-key") != API_KEY:
                return Reply(
                    401, {"status": "ERROR", "errors": [{"code": "UNAUTHORIZED", "message": "bad key"}]}
                )
            path = seen.path.removeprefix(PREFIX)
            self.problems += [
                f"{seen.method} {path}: {p}"
                for p in ym_openapi.problems(seen.method, path, seen.query, seen.json)
            ]
            return fn(seen)

        return answer

    def paged(self, seen: Seen, rows: list[Any], key: str, *, wrap: bool = True) -> Reply:
        limit = int(seen.query.get("limit") or 100)
        start = int(seen.query.get("page_token") or 0)
        chunk = rows[start : start + limit]
        paging = {"nextPageToken": str(start + limit)} if start + limit < len(rows) else {}
        body = {key: chunk, "paging": paging}
        return ok(body) if wrap else Reply(200, body)

    def _campaigns(self, seen: Seen) -> Reply:
        rows = [
            {
                "id": c,
                "domain": f"shop{c}",
                "clientId": 5,
                "business": {"id": BUSINESS, "name": "B"},
                "placementType": "FBY",
            }
            for c in CAMPAIGNS
        ]
        return self.paged(seen, rows, "campaigns", wrap=False)

    def _mappings(self, seen: Seen) -> Reply:
        archived = bool((seen.json or {}).get("archived"))
        offers = self.archived if archived else self.offers
        rows = [{"offer": o, "mapping": {"marketSku": 100 + i}} for i, o in enumerate(offers)]
        return self.paged(seen, rows, "offerMappings")

    def _prices(self, seen: Seen) -> Reply:
        rows = [{"offerId": o["offerId"], "price": {"value": 990, "currencyId": "RUR"}} for o in self.offers]
        return self.paged(seen, rows, "offers")

    def _stocks(self, seen: Seen) -> Reply:
        offers = [{"offerId": "of-1", "stocks": [{"type": "FIT", "count": 3}]}]
        return self.paged(seen, [{"warehouseId": 300, "offers": offers}], "warehouses")

    def _orders(self, seen: Seen) -> Reply:
        rows = self.orders.get(seen.json["dates"]["creationDateFrom"], [])
        return self.paged(seen, rows, "orders", wrap=False)

    def _stats(self, seen: Seen) -> Reply:
        row = {
            "id": 9,
            "status": "DELIVERED",
            "items": [],
            "payments": [],
            "commissions": [],
            "currency": "RUR",
        }
        return self.paged(seen, [row], "orders")

    def _returns(self, seen: Seen) -> Reply:
        return self.paged(seen, [{"id": 5, "orderId": 9, "items": [], "returnType": "RETURN"}], "returns")

    def _generate(self, seen: Seen) -> Reply:
        self.generated.append((seen.path.removeprefix(PREFIX), seen.json))
        self.polls = 0
        return ok({"reportId": "r-1", "estimatedGenerationTime": 1000})

    def _info(self, seen: Seen) -> Reply:
        status = self.report_status[min(self.polls, len(self.report_status) - 1)]
        self.polls += 1
        result: dict[str, Any] = {"status": status}
        if self.report_sub:
            result["subStatus"] = self.report_sub
        if status == "DONE" and self.report_sub != "NO_DATA":
            result["file"] = self.server.url + PREFIX + "/files/r-1.zip"
        return ok(result)


@pytest.fixture(name="ym")
def ym_fixture(server: ScriptedServer) -> YMFake:
    ym_openapi.require_document()
    return YMFake(server)


@pytest.fixture(name="ym_connect")
def ym_connect_fixture(ym: YMFake) -> Iterator[Any]:
    made: list[YMConnector] = []

    def make(**options: Any) -> YMConnector:
        opts = {
            "rate_limit_scale": 0,
            "retry_backoff": 0.01,
            "max_retry_seconds": 30,
            "report_poll_interval": 0,
        }
        conn = YMConnector("shop", API_KEY, hosts=ym.hosts, options=YMOptions(**{**opts, **options}))
        made.append(conn)
        return conn

    yield make
    for c in made:
        c.close()
