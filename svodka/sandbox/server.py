"""The sandbox HTTP server: every WB host family under /wb/<family> on one local port."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from svodka.sandbox import mpstats, routes_analytics, routes_catalog, routes_finance, routes_statistics
from svodka.sandbox.ads import routes as ads_routes
from svodka.sandbox.auth import FAMILY_CATEGORY, TokenAuthority
from svodka.sandbox.clock import MSK, day_date
from svodka.sandbox.faults import Faults
from svodka.sandbox.http import Call, Reply, RequestRecord, not_found, problem, serve
from svodka.sandbox.onec import routes as onec
from svodka.sandbox.ozon.gateway import MSG_NO_METHOD, OzonKeys, rpc_status
from svodka.sandbox.ozon.routes import ozon_routes
from svodka.sandbox.ratelimit import RateLimiter
from svodka.sandbox.spec import WorldSpec
from svodka.sandbox.truth import GroundTruth
from svodka.sandbox.world import World
from svodka.sandbox.yandex import ym_routes

FAMILIES = tuple(FAMILY_CATEGORY)


class SandboxServer(mpstats.MpstatsServer):
    """A faithful local Wildberries API over one world, served by uvicorn in a background thread.

    `limits`: "real" (documented), "fast" (documented shapes, times divided by 600) or "off".
    `now`: a fixed clock (aware datetime) or None for real time; change it with `set_now`.
    `stats_row_cap` / `finance_row_cap`: page caps of supplier/orders|sales (80,000 on WB) and of
    sales-reports/detailed (100,000); lower them in tests to force paging. `task_polls`: how many
    status polls of a warehouse_remains task answer "new"/"processing" before "done".
    """

    def __init__(
        self,
        world: World,
        host: str = "127.0.0.1",
        port: int = 0,
        limits: str = "fast",
        faults: Faults | None = None,
        now: datetime | None = None,
        *,
        stats_row_cap: int = 80_000,
        finance_row_cap: int = 100_000,
        task_polls: int = 2,
    ) -> None:
        self.world = world
        self.host = host
        self.port = port
        self.limiter = RateLimiter(limits)
        self.faults = faults or Faults()
        self.stats_row_cap = stats_row_cap
        self.finance_row_cap = finance_row_cap
        self.task_polls = task_polls
        self._now: datetime | None = None
        self.set_now(now)
        self.requests: list[RequestRecord] = []
        self.auth = TokenAuthority(world.spec.seed)
        # Valid for 180 days (as WB tokens) from the later of today and the day after the world.
        after_world = datetime.combine(day_date(world.start_day + world.spec.days), datetime.min.time(), MSK)
        self._token_exp = int((max(datetime.now(UTC), after_world) + timedelta(days=180)).timestamp())
        self.token = self.auth.issue(None, self._token_exp)
        # Ozon Seller: Client-Id (numeric string) + Api-Key (UUID) of the same seller.
        self.ozon_keys = OzonKeys(world.spec.seed)
        self.ozon_client_id = self.ozon_keys.client_id
        self.ozon_api_key = self.ozon_keys.api_key
        self.ozon_accrual_page = 1_000  # accruals per /v1/finance/accrual/by-day page; lower it in tests
        # Ozon Performance service account; its tokens expire by the sandbox clock (ads/perf_http).
        self.ozon_perf_client_id, self.ozon_perf_client_secret = ads_routes.perf_credentials(world.spec.seed)
        self.ozon_perf_token_ttl = 1800.0  # real token lifetime, s (expires_in stays 1800)
        self.ozon_perf_token_max_requests: int | None = None  # or expire after this many requests
        self.onec_user, self.onec_password = onec.credentials(world.spec.seed)  # 1C OData, HTTP Basic
        self.app = build_app(self)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    # -- clock and tokens ---------------------------------------------------------------
    def now(self) -> datetime:
        """The sandbox clock (aware)."""
        return self._now or datetime.now(UTC)

    def set_now(self, now: datetime | None) -> None:
        """Fix the clock (timezone-aware datetime), or None to follow real time again."""
        if now is not None and now.tzinfo is None:
            raise ValueError("set_now needs a timezone-aware datetime")
        self._now = now

    def issue_token(self, categories: Iterable[str] | None = None, expires: datetime | None = None) -> str:
        """Another token of the same seller, e.g. with fewer categories or an earlier expiry."""
        exp = int(expires.timestamp()) if expires else self._token_exp
        return self.auth.issue(categories, exp)

    def revoke_token(self, token: str | None = None) -> None:
        """Refuse the token (default: `self.token`) from now on with 401."""
        self.auth.revoke(token or self.token)

    def revoke_ozon_key(self, key: str | None = None) -> None:
        """Deactivate an Ozon Api-Key (default: `self.ozon_api_key`): 403, code 7 from now on."""
        self.ozon_keys.deactivate(key or self.ozon_api_key)

    def issue_ozon_key(self) -> str:
        """Another active Api-Key of the same Client-Id (e.g. after revoking the first)."""
        return self.ozon_keys.issue()

    def ground_truth(self) -> GroundTruth:
        """The world's ground truth at the sandbox clock."""
        return self.world.ground_truth(self.now())

    # -- lifecycle ----------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """http://host:port of the running server."""
        return f"http://{self.host}:{self.port}"

    @property
    def wb_hosts(self) -> dict[str, str]:
        """Base URL of every WB host family, e.g. {"statistics-api": "http://…/wb/statistics-api"}."""
        return {f: f"{self.base_url}/wb/{f}" for f in FAMILIES}

    @property
    def ozon_hosts(self) -> dict[str, str]:
        """Base URLs of the Ozon hosts: {"api-seller": "http://…/ozon/api-seller", "api-performance": …}."""
        return {h: f"{self.base_url}/ozon/{h}" for h in ("api-seller", "api-performance")}

    @property
    def onec_base_url(self) -> str:
        """The 1C publication: "http://127.0.0.1:PORT/onec/trade" (+ /odata/standard.odata/…)."""
        return f"{self.base_url}/onec/{onec.INFOBASE}"

    def start(self) -> SandboxServer:
        """Start serving in a daemon thread; returns when the port is listening."""
        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            log_level="warning",
            lifespan="off",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="svodka-sandbox", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"sandbox server did not start on {self.host}:{self.port}")
            time.sleep(0.01)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        """Stop the server and wait for its thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = self._thread = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def build_app(srv: SandboxServer) -> Starlette:
    """The Starlette app: one Mount per host family."""

    def route(
        family: str,
        path: str,
        bucket: str,
        handler: Callable[[Call], Reply],
        method: str = "GET",
        record_path: str = "",
        data: bool = True,
    ) -> Route:
        async def endpoint(request: Request) -> Response:
            return await serve(srv, request, family, bucket, handler, data, record_path)

        return Route(path, endpoint, methods=[method])

    def ping(call: Call) -> Reply:
        return Reply.json({"TS": call.now.astimezone(MSK).isoformat(timespec="seconds"), "Status": "OK"})

    st = routes_statistics.make_handlers(srv)
    fin = routes_finance.make_handlers(srv)
    an = routes_analytics.make_handlers(srv)
    ct = routes_catalog.make_handlers(srv)
    extra: dict[str, list[Route]] = {
        "statistics-api": [
            route("statistics-api", "/api/v1/supplier/orders", "statistics.orders", st["orders"]),
            route("statistics-api", "/api/v1/supplier/sales", "statistics.sales", st["sales"]),
        ],
        "finance-api": [
            route(
                "finance-api",
                "/api/finance/v1/sales-reports/detailed",
                "finance.sales_reports_detailed",
                fin["detailed"],
                "POST",
            ),
            route(
                "finance-api",
                "/api/finance/v1/sales-reports/detailed/{reportId}",
                "finance.sales_reports_detailed_id",
                fin["detailed_by_id"],
                "POST",
            ),
            route(
                "finance-api",
                "/api/finance/v1/sales-reports/list",
                "finance.sales_reports_list",
                fin["list"],
                "POST",
            ),
        ],
        "seller-analytics-api": [
            route(
                "seller-analytics-api",
                "/api/v1/warehouse_remains",
                "analytics.warehouse_remains",
                an["create"],
                record_path="data",
            ),
            route(
                "seller-analytics-api",
                "/api/v1/warehouse_remains/tasks/{task_id}/status",
                "analytics.warehouse_remains_status",
                an["status"],
                record_path="data",
            ),
            route(
                "seller-analytics-api",
                "/api/v1/warehouse_remains/tasks/{task_id}/download",
                "analytics.warehouse_remains_download",
                an["download"],
            ),
            route(
                "seller-analytics-api",
                "/api/analytics/v1/stocks-report/wb-warehouses",
                "analytics.stocks_wb_warehouses",
                an["wb_warehouses"],
                "POST",
                record_path="data.items",
            ),
        ],
        "content-api": [
            route(
                "content-api",
                "/content/v2/get/cards/list",
                "content",
                ct["cards_list"],
                "POST",
                record_path="cards",
            ),
        ],
        "discounts-prices-api": [
            route(
                "discounts-prices-api",
                "/api/v2/list/goods/filter",
                "prices",
                ct["goods_filter"],
                record_path="data.listGoods",
            ),
        ],
    }
    extra["advert-api"] = ads_routes.wb_routes(srv, route)
    mounts = [
        Mount(
            f"/wb/{family}", routes=[route(family, "/ping", "ping", ping, data=False), *extra.get(family, [])]
        )
        for family in FAMILIES
    ]

    mounts += [Mount("/ozon/api-seller", routes=ozon_routes(srv)), Mount("/ym/api", routes=ym_routes(srv))]
    mounts.append(Mount("/ozon/api-performance", routes=ads_routes.perf_routes(srv)))
    mounts += [Mount("/onec", routes=onec.onec_routes(srv)), mpstats.mpstats_mount(srv)]

    async def missing(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        now = srv.now()
        reply = (
            not_found(now)
            if status == 404
            else problem(status, "method not allowed", "Please consult the API documentation", now)
        )
        if request.url.path.startswith("/ozon/"):  # Ozon answers unknown methods in its own envelope
            reply = rpc_status(status, 5 if status == 404 else 12, MSG_NO_METHOD)
        srv.requests.append(RequestRecord(request.method, request.url.path, request.url.query, reply.status))
        return Response(reply.body, reply.status, media_type=reply.content_type)

    return Starlette(routes=mounts, exception_handlers={404: missing, 405: missing})


def run(spec: WorldSpec, host: str = "127.0.0.1", port: int = 8765, limits: str = "fast") -> None:
    """Generate the world and serve it until interrupted (the `svodka sandbox` command)."""
    print(f"Generating the seller world (seed {spec.seed}, {spec.skus} SKUs, {spec.days} days)…", flush=True)
    world = World.generate(spec)
    srv = SandboxServer(world, host=host, port=port, limits=limits).start()
    print(f"Sandbox Wildberries API on {srv.base_url} (limits: {limits}), days {world.start} … {world.end}")
    for family, url in srv.wb_hosts.items():
        print(f"  {family:22s} {url}")
    print(f"Token (Authorization header):\n{srv.token}", flush=True)
    for name, url in srv.ozon_hosts.items():
        print(f"  ozon {name:17s} {url}")
    print(f"Ozon Client-Id: {srv.ozon_client_id}  Api-Key: {srv.ozon_api_key}", flush=True)
    print(f"Ozon Performance client_id: {srv.ozon_perf_client_id}  secret: {srv.ozon_perf_client_secret}")
    print(f"1C OData: {srv.onec_base_url}/odata/standard.odata/  user: {srv.onec_user}  {srv.onec_password}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        srv.stop()


__all__ = ["FAMILIES", "SandboxServer", "run"]
