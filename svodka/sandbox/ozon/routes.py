"""Every api-seller method the sandbox serves, mounted under /ozon/api-seller (all POST + JSON)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from svodka.sandbox.http import Call, Reply
from svodka.sandbox.ozon import gateway

if TYPE_CHECKING:
    from svodka.sandbox.server import SandboxServer

# Versions Ozon switched off (410 "obsolete method cannot be used"): the predecessors of the
# methods served here (the docs' changelog retires them in favour of the versions above).
RETIRED = (
    "/v2/product/list",
    "/v2/product/info",
    "/v2/product/info/list",
    "/v2/product/info/prices",
    "/v4/product/info/prices",
    "/v3/product/info/stocks",
    "/v1/product/info/stocks-by-warehouse/fbs",
    "/v2/posting/fbo/list",
    "/v2/posting/fbs/list",
    "/v3/posting/fbs/list",
    "/v1/finance/realization",
    "/v2/finance/transaction/list",
    "/v2/analytics/stock_on_warehouses",
)


def _obsolete(call: Call) -> Reply:
    return gateway.rpc_status(410, 9, gateway.MSG_OBSOLETE)


def ozon_routes(srv: SandboxServer) -> list[Route]:
    """The Starlette routes of api-seller (mounted by the server under /ozon/api-seller)."""
    from svodka.sandbox.ozon import routes_finance, routes_postings, routes_products

    def route(path: str, handler, record_path: str = "", data: bool = True) -> Route:
        async def endpoint(request: Request) -> Response:
            return await gateway.serve(srv, request, handler, data, record_path)

        return Route(path, endpoint, methods=["POST"])

    table: list[tuple[str, object, str]] = [
        *routes_products.table(srv),
        *routes_postings.table(srv),
        *routes_finance.table(srv),
    ]
    routes = [route(path, handler, record_path) for path, handler, record_path in table]
    routes += [route(path, _obsolete, data=False) for path in RETIRED]
    return routes
