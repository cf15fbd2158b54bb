"""WB stock snapshots (seller-analytics-api): one snapshot per sync, dated in Moscow.

* ``wb_stocks`` — the warehouse-remains report, an asynchronous task: create
  (``GET /api/v1/warehouse_remains`` → ``data.taskId``), poll ``/tasks/{id}/status`` until
  ``done``, then ``/tasks/{id}/download`` (a top-level array, one row per barcode with
  ``warehouses[]``).
* ``wb_stocks_wb`` — ``POST /api/analytics/v1/stocks-report/wb-warehouses``, offset/limit,
  rows at ``data.items`` (per 2026-08 docs WB aggregates them into one "Склад WB" for now).

Snapshots have no cursor: state stays None; every page has ``meta={"snapshot_date": …}``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from svodka.errors import FatalSourceError, RetriableError
from svodka.sources.base import Page
from svodka.sources.http import Response
from svodka.sources.paginators import OffsetPaginator, PageRequest
from svodka.sources.times import msk_date
from svodka.sources.wb import contracts, limits
from svodka.sources.wb.common import WBStream

log = logging.getLogger(__name__)

REMAINS = "/api/v1/warehouse_remains"
PENDING = frozenset({"new", "processing"})
FAILED = frozenset({"canceled", "purged", "error", "failed"})


class WarehouseRemainsStream(WBStream):
    """``wb_stocks``: stock per barcode and warehouse from the warehouse-remains report task."""

    name = "wb_stocks"
    host = "seller-analytics-api"
    contract = contracts.STOCKS
    policies = (limits.REMAINS_CREATE, limits.REMAINS_STATUS, limits.REMAINS_DOWNLOAD)

    # One row per barcode with every attribute of it; grouping by brand/subject/article/size
    # adds columns, not rows, once rows are per barcode.
    PARAMS: Mapping[str, str] = {
        "locale": "ru",
        "groupByBrand": "true",
        "groupBySubject": "true",
        "groupBySa": "true",
        "groupByNm": "true",
        "groupByBarcode": "true",
        "groupBySize": "true",
    }

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Create the report task, wait for it, download the snapshot."""
        created = self.fetch(PageRequest("GET", REMAINS, dict(self.PARAMS)))
        task_id = _dig(created, "data", "taskId")
        if not isinstance(task_id, str) or not task_id:
            raise FatalSourceError(
                f"creating the warehouse-remains report returned no data.taskId: {created.body[:200]!r}",
                source=self.ctx.source,
            )
        self._wait(task_id)
        resp = self.fetch(PageRequest("GET", f"{REMAINS}/tasks/{task_id}/download"))
        rows = self.rows(resp)
        self.check(rows)
        yield self.page(resp, len(rows), meta={"snapshot_date": msk_date(now).isoformat()})

    def _wait(self, task_id: str) -> None:
        opts, ctx = self.options, self.ctx
        deadline = ctx.clock() + opts.report_poll_timeout
        while True:
            resp = self.fetch(PageRequest("GET", f"{REMAINS}/tasks/{task_id}/status"))
            status = _dig(resp, "data", "status")
            if status == "done":
                return
            if status in FAILED:
                raise RetriableError(
                    f"the warehouse-remains report task {task_id} ended as {status!r}",
                    source=ctx.source,
                    hint="WB dropped the report; the next run asks again.",
                )
            if status not in PENDING:
                # A status we do not know yet: keep waiting, bounded by the timeout.
                log.warning(
                    "[%s] warehouse-remains task %s has unknown status %r", ctx.source, task_id, status
                )
            if ctx.clock() >= deadline:
                raise RetriableError(
                    f"the warehouse-remains report task {task_id} is not done after "
                    f"{opts.report_poll_timeout:.0f}s (last status {status!r})",
                    source=ctx.source,
                    hint="WB is slow to build the report; the next run asks again, or raise "
                    "report_poll_timeout.",
                )
            ctx.sleep(opts.report_poll_interval)


class WBWarehousesStocksStream(WBStream):
    """``wb_stocks_wb``: current stock on WB warehouses per item size, offset/limit."""

    name = "wb_stocks_wb"
    host = "seller-analytics-api"
    path = "/api/analytics/v1/stocks-report/wb-warehouses"
    record_path = ("data", "items")
    contract = contracts.STOCKS_WB
    policies = (limits.STOCKS_WB,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Page through the whole stock list until an empty page."""
        pager = OffsetPaginator(
            self.options.stocks_wb_page_limit,
            in_body=True,
            max_pages=self.options.max_pages,
            source=self.ctx.source,
        )
        yield from self.snapshot(self.walk(PageRequest("POST", self.path, json={}), pager), now)


def _dig(resp: Response, *keys: str) -> Any:
    data: Any = resp.data
    for k in keys:
        data = data.get(k) if isinstance(data, Mapping) else None
    return data
