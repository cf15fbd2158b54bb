"""End-to-end fixtures: a sandbox world served over real HTTP and a workspace connected to it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from svodka.config import DEFAULT_CONFIG
from svodka.pipeline.build import BuildReport
from svodka.pipeline.runs import build_all, sync_all
from svodka.pipeline.workspace import Workspace, init_workspace
from svodka.sandbox import SandboxServer, World, WorldSpec

# Small but complete: several weekly reports, returns, stock-outs, every operation type; on
# Ozon enough products without barcodes or with oddly typed articles to exercise linking,
# and enough renamed cards to exercise the product history.
SPEC = WorldSpec(
    seed=11,
    skus=40,
    days=45,
    orders_per_day=150.0,
    ozon_no_barcode_share=0.15,
    ozon_offer_id_variant_share=0.3,
    rename_share=0.15,
)

# The sandbox runs without rate limits here, and so does the client; the timeout is short
# so that the timeout fault costs little.
TEST_CONFIG = DEFAULT_CONFIG.replace("rate_limit_scale = 1.0", "rate_limit_scale = 0")
CONNECTION_OPTIONS = {"timeout": 2.0, "max_retries": 8, "retry_backoff": 0.05, "report_poll_interval": 0.01}
OZON_OPTIONS = {"timeout": 2.0, "max_retries": 8, "retry_backoff": 0.05}
OZON_PERF_OPTIONS = {**OZON_OPTIONS, "report_poll_interval": 0.01}


@pytest.fixture(scope="session")
def world() -> World:
    return World.generate(SPEC)


@pytest.fixture
def sandbox(world: World) -> Iterator[SandboxServer]:
    with SandboxServer(world, limits="off") as srv:
        yield srv


def pinned_now(world: World) -> datetime:
    """A clock for one test: now, but never past the world's last day + 1 (Moscow time).

    The world ends "yesterday" as of the session's start; a session that crosses Moscow
    midnight would otherwise sync a day the world has no stock for.
    """
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    latest = datetime.combine(world.end + timedelta(days=1), time(20, 0), tzinfo=UTC)  # 23:00 MSK
    return min(now, latest)


class Env:
    """A workspace wired to a sandbox, with quiet sync/build helpers."""

    def __init__(self, root: Path, srv: SandboxServer) -> None:
        self.root, self.srv = root, srv
        self.out = io.StringIO()
        self.console = Console(file=self.out, width=200)
        self.ws = Workspace.open(root)
        self.ws.control.add_connection(
            "wb", "main", srv.token, hosts=srv.wb_hosts, options=CONNECTION_OPTIONS, replace=True
        )
        self.ws.control.add_connection(
            "ozon",
            "main",
            srv.ozon_api_key,
            hosts={"api-seller": srv.ozon_hosts["api-seller"]},
            options={**OZON_OPTIONS, "client_id": srv.ozon_client_id},
            replace=True,
        )
        self.ws.control.add_connection(
            "ozon_perf",
            "main",
            srv.ozon_perf_client_secret,
            hosts={"api-performance": srv.ozon_hosts["api-performance"]},
            options={**OZON_PERF_OPTIONS, "client_id": srv.ozon_perf_client_id},
            replace=True,
        )

    def now(self) -> datetime:
        """A pinned clock (see pinned_now), also set on the sandbox."""
        now = pinned_now(self.srv.world)
        self.srv.set_now(now)
        return now

    def sync(self, now: datetime | None = None, source: str | None = None) -> None:
        """Sync every connection (Wildberries, Ozon, Ozon Performance), or one source."""
        sync_all(self.ws, self.console, source=source, now=now)

    def build(self) -> BuildReport:
        return build_all(self.ws, self.console)

    @property
    def wh(self):
        return self.ws.warehouse

    def checksum(self, table: str) -> tuple[int, int]:
        """Row count and an order-independent hash of every row."""
        return tuple(self.wh.rows(f"SELECT count(), groupBitXor(cityHash64(*)) FROM {table}")[0])

    def data_checksum(self, table: str) -> tuple[int, int]:
        """Like checksum, without the lineage columns (which fetch, which run)."""
        return tuple(
            self.wh.rows(
                f"SELECT count(), groupBitXor(cityHash64(* EXCEPT (fetched_at, run_id))) FROM {table}"
            )[0]
        )

    def checksums(self, tables: list[str]) -> dict[str, tuple[int, int]]:
        return {t: self.checksum(t) for t in tables}

    def close(self) -> None:
        self.ws.close()


MARTS = [
    "marts.mart_sales_daily",
    "marts.mart_stock_cover",
    "marts.mart_unit_economics",
    "marts.mart_ads",
    "marts.mart_abc",
    "marts.mart_pnl",
]
ALL_TABLES = [
    "ods.wb_orders",
    "ods.wb_sales",
    "ods.wb_realization",
    "ods.wb_stocks",
    "ods.wb_cards",
    "ods.wb_prices",
    "ods.wb_ads_stats",
    "ods.ozon_products",
    "ods.ozon_postings",
    "ods.ozon_accruals",
    "ods.ozon_stocks",
    "ods.ozon_prices",
    "ods.ozon_perf_stats",
    "dwh.fct_orders",
    "dwh.fct_sales",
    "dwh.fct_finance",
    "dwh.fct_stock_daily",
    "dwh.fct_price_daily",
    "dwh.fct_ad_daily",
    "dwh.dim_product",
    "dwh.dim_listing",
    *MARTS,
]


@pytest.fixture
def env(tmp_path: Path, sandbox: SandboxServer) -> Iterator[Env]:
    root = init_workspace(tmp_path / "ws", TEST_CONFIG)
    e = Env(root, sandbox)
    try:
        yield e
    finally:
        e.close()
