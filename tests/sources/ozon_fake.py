"""A programmable Ozon Seller API over the scripted server, for protocol-edge tests.

It answers the methods the connector uses as the official document describes them (cursor,
last_id, has_next, page_count), with tiny hand-made rows, so a test can script exactly
the situation it needs (a repeated cursor, a 410, a missing field). It shares nothing with
`svodka.sandbox`; the sandbox tests cover the same streams against a whole seller world.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from conftest import Reply, ScriptedServer, Seen

PREFIX = "/ozon/api-seller"
CLIENT_ID = "123456"
API_KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


def product(pid: int, *, archived: bool = False) -> dict[str, Any]:
    """A /v3/product/info/list item."""
    return {
        "id": pid,
        "offer_id": f"of-{pid}",
        "sku": pid * 10,
        "name": f"Товар {pid}",
        "barcodes": [f"46{pid:011d}"],
        "price": "1299.99",
        "old_price": "1499.00",
        "min_price": "1000.00",
        "currency_code": "RUB",
        "is_archived": archived,
        "created_at": "2026-01-15T10:30:00Z",
        "sources": [{"sku": pid * 10, "source": "SDS"}],
    }


def posting(number: str, created: str, **extra: Any) -> dict[str, Any]:
    """A posting as /v3/posting/fbo/list and /v4/posting/fbs/list return it."""
    return {
        "posting_number": number,
        "order_id": 1,
        "order_number": number.rsplit("-", 1)[0],
        "status": "delivered",
        "created_at": created,
        "in_process_at": created,
        "products": [
            {
                "sku": 10,
                "offer_id": "of-1",
                "name": "Товар",
                "quantity": 1,
                "price": {"amount": "990.00", "currency": "RUB"},
            }
        ],
        "financial_data": {
            "products": [
                {
                    "product_id": 10,
                    "price": 990.0,
                    "old_price": 1200.0,
                    "payout": 800.5,
                    "commission": {"amount": 189.5, "currency": "RUB", "percent": 19},
                }
            ]
        },
        **extra,
    }


def return_row(rid: int, moment: str) -> dict[str, Any]:
    """A /v1/returns/list item whose status changed at `moment`."""
    return {
        "id": rid,
        "type": "ClientReturn",
        "schema": "FBO",
        "posting_number": f"{rid}-0001-1",
        "product": {"sku": 10, "offer_id": "of-1", "quantity": 1, "price": {"price": 990.0}},
        "visual": {"status": {"id": 1, "sys_name": "ReturnedToOzon"}, "change_moment": moment},
    }


def accrual(aid: int, day: str) -> dict[str, Any]:
    """A /v1/finance/accrual/by-day item."""
    return {
        "accrual_id": aid,
        "date": day,
        "accrued_category": "POSTING",
        "unit_number": f"{aid}-0001-1",
        "total_amount": {"amount": "-12.50", "currency": "RUB"},
    }


def realization_row(n: int) -> dict[str, Any]:
    """A /v2/finance/realization row."""
    return {
        "rowNumber": n,
        "item": {"sku": 10, "offer_id": "of-1", "name": "Товар", "barcode": "4600000000017"},
        "seller_price_per_instance": 990.0,
        "delivery_commission": {"quantity": 1, "amount": 990.0, "total": 800.5},
        "return_commission": None,
    }


def operation(oid: int, when: str) -> dict[str, Any]:
    """A /v3/finance/transaction/list operation."""
    return {
        "operation_id": oid,
        "operation_type": "OperationAgentDeliveredToCustomer",
        "operation_date": when,
        "type": "orders",
        "amount": 800.5,
        "posting": {"posting_number": f"{oid}-0001-1", "delivery_schema": "FBO"},
        "items": [{"sku": 10, "name": "Товар"}],
        "services": [],
    }


def t(value: str) -> datetime:
    """An Ozon date-time (``…Z``, an offset, or naive ``YYYY-MM-DD HH:MM:SS`` in UTC) as aware UTC."""
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


class OzonFake:
    """Answers the Seller API methods the connector uses, under ``/ozon/api-seller``."""

    def __init__(self, server: ScriptedServer) -> None:
        self.server = server
        self.products: list[dict[str, Any]] = []
        self.prices: list[dict[str, Any]] = []
        self.stocks: list[dict[str, Any]] = []
        self.fbs_stocks: list[dict[str, Any]] = []
        self.fbo_stocks: list[dict[str, Any]] = []
        self.postings_fbo: list[dict[str, Any]] = []
        self.postings_fbs: list[dict[str, Any]] = []
        self.returns: list[dict[str, Any]] = []
        self.accrual_types: list[dict[str, Any]] = [{"id": 1, "name": "Продажа", "description": "x"}]
        self.accruals: list[dict[str, Any]] = []
        self.realization: dict[tuple[int, int], list[dict[str, Any]]] = {}
        self.operations: list[dict[str, Any]] = []
        r = self.route
        r("/v3/product/list", self._list)
        r("/v3/product/info/list", self._info)
        r("/v5/product/info/prices", lambda s: self._cursor(s, self.prices, "items"))
        r("/v4/product/info/stocks", lambda s: self._cursor(s, self.stocks, "items"))
        r("/v2/product/info/stocks-by-warehouse/fbs", self._fbs_stocks)
        r("/v1/analytics/stocks", self._fbo_stocks)
        r("/v3/posting/fbo/list", lambda s: self._postings(s, self.postings_fbo, "created_at"))
        r("/v4/posting/fbs/list", lambda s: self._postings(s, self.postings_fbs, "in_process_at"))
        r("/v1/returns/list", self._returns)
        r("/v1/finance/accrual/types", lambda s: Reply(body={"accrual_types": self.accrual_types}))
        r("/v1/finance/accrual/by-day", self._accruals)
        r("/v2/finance/realization", self._realization)
        r("/v3/finance/transaction/list", self._operations)

    def route(self, path: str, answer: Any) -> None:
        """Answer ``POST <path>`` (a Seller API path, without the prefix)."""
        self.server.route("POST", PREFIX + path, answer)

    def handler(self, path: str) -> Any:
        """The handler answering ``POST <path>`` now (to wrap it in a test)."""
        return self.server._routes[("POST", PREFIX + path)]

    def hosts(self) -> dict[str, str]:
        """The ``api-seller`` base URL with a path prefix, as a sandbox would serve it."""
        return {"api-seller": f"{self.server.url}{PREFIX}"}

    def seen(self, path: str) -> list[Seen]:
        """Requests received for one Seller API path."""
        return self.server.seen("POST", PREFIX + path)

    # --- handlers ---------------------------------------------------------------------------

    def _list(self, seen: Seen) -> Reply:
        b = seen.json
        archived = b["filter"]["visibility"] == "ARCHIVED"
        rows = sorted((p for p in self.products if p["is_archived"] == archived), key=lambda p: p["id"])
        after = int(b["last_id"]) if b.get("last_id") else 0
        page = [p for p in rows if p["id"] > after][: b["limit"]]
        items = [{"product_id": p["id"], "offer_id": p["offer_id"], "archived": archived} for p in page]
        last = str(page[-1]["id"]) if page else ""
        return Reply(body={"result": {"items": items, "total": len(rows), "last_id": last}})

    def _info(self, seen: Seen) -> Reply:
        ids = {int(i) for i in seen.json.get("product_id", [])}
        return Reply(body={"items": [p for p in self.products if p["id"] in ids]})

    def _cursor(self, seen: Seen, rows: list[dict[str, Any]], key: str) -> Reply:
        b = seen.json
        start = int(b["cursor"]) if b.get("cursor") else 0
        page = rows[start : start + b["limit"]]
        cursor = str(start + len(page)) if start + len(page) < len(rows) else ""
        return Reply(body={key: page, "cursor": cursor, "total": len(rows)})

    def _fbs_stocks(self, seen: Seen) -> Reply:
        b = seen.json
        skus = {int(s) for s in b["sku"]}
        rows = [r for r in self.fbs_stocks if r["sku"] in skus]
        start = int(b["cursor"]) if b.get("cursor") else 0
        page = rows[start : start + b["limit"]]
        more = start + len(page) < len(rows)
        return Reply(
            body={"products": page, "cursor": str(start + len(page)) if more else "", "has_next": more}
        )

    def _fbo_stocks(self, seen: Seen) -> Reply:
        skus = {int(s) for s in seen.json["skus"]}
        return Reply(body={"items": [r for r in self.fbo_stocks if r["sku"] in skus]})

    def _postings(self, seen: Seen, rows: list[dict[str, Any]], field: str) -> Reply:
        b = seen.json
        f = b["filter"]
        hits = sorted(
            (p for p in rows if t(f["since"]) <= t(p[field]) <= t(f["to"])),
            key=lambda p: (t(p[field]), p["posting_number"]),
        )
        start = int(b["cursor"]) if b.get("cursor") else 0
        page = hits[start : start + b["limit"]]
        more = start + len(page) < len(hits)
        return Reply(
            body={"postings": page, "cursor": str(start + len(page)) if more else "", "has_next": more}
        )

    def _returns(self, seen: Seen) -> Reply:
        b = seen.json
        w = b["filter"]["visual_status_change_moment"]
        hits = sorted(
            (
                r
                for r in self.returns
                if t(w["time_from"]) <= t(r["visual"]["change_moment"]) <= t(w["time_to"])
            ),
            key=lambda r: r["id"],
        )
        page = [r for r in hits if r["id"] > b.get("last_id", 0)][: b["limit"]]
        more = bool(page) and page[-1]["id"] < hits[-1]["id"]
        return Reply(body={"returns": page, "has_next": more})

    def _accruals(self, seen: Seen) -> Reply:
        b = seen.json
        rows = sorted((a for a in self.accruals if a["date"] == b["date"]), key=lambda a: a["accrual_id"])
        after = int(b["last_id"]) if b.get("last_id") else 0
        page = [a for a in rows if a["accrual_id"] > after][:2]  # Ozon's page size is its own
        return Reply(body={"accruals": page, "last_id": str(page[-1]["accrual_id"]) if page else ""})

    def _realization(self, seen: Seen) -> Reply:
        b = seen.json
        rows = self.realization.get((b["year"], b["month"]))
        if rows is None:
            return Reply(404, {"code": 5, "message": "report not found", "details": []})
        header = {"number": f"R-{b['year']}-{b['month']}", "start_date": "", "stop_date": ""}
        return Reply(body={"result": {"header": header, "rows": rows}})

    def _operations(self, seen: Seen) -> Reply:
        b = seen.json
        d = b["filter"]["date"]
        hits = [o for o in self.operations if t(d["from"]) <= t(o["operation_date"]) <= t(d["to"])]
        size = b["page_size"]
        pages = (len(hits) + size - 1) // size
        page = hits[(b["page"] - 1) * size : b["page"] * size]
        return Reply(body={"result": {"operations": page, "page_count": pages, "row_count": len(hits)}})


@pytest.fixture(name="ozon")
def ozon_fixture(server: ScriptedServer) -> OzonFake:
    """A programmable Ozon Seller API over the scripted server."""
    return OzonFake(server)


@pytest.fixture(name="ozon_connect")
def ozon_connect_fixture(ozon: OzonFake) -> Iterator[Callable[..., Any]]:
    """Factory: an `OzonConnector` on the fake, throttling off, fast retries; closed after the test."""
    from svodka.sources.ozon import OzonConnector, OzonOptions

    made: list[OzonConnector] = []

    def make(**options: Any) -> OzonConnector:
        opts = {"rate_limit_scale": 0, "retry_backoff": 0.01, "max_retry_seconds": 30, **options}
        c = OzonConnector("main", CLIENT_ID, API_KEY, hosts=ozon.hosts(), options=OzonOptions(**opts))
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()
