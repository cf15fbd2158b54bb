"""WB statistics: orders and sales by the ``lastChangeDate`` cursor (statistics-api).

Protocol (reports.json, ``flag=0``): rows with ``lastChangeDate >= dateFrom``, up to ~80,000
per answer; the next ``dateFrom`` is the last row's ``lastChangeDate`` verbatim; ``[]``
means done. Rows at the boundary therefore come twice: the paginator drops them from the
"new" count and a page with nothing new ends the read (its body is not stored again).

State: ``{"cursor": "<lastChangeDate of the last row stored>"}`` (naive Moscow time, as WB
sends it), never later than the sync's `now`. The next sync starts `reread_hours` earlier
to pick up rows WB changes late (payment confirmations, returns).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from svodka.errors import ConfigError, RecordError
from svodka.sources.base import Page
from svodka.sources.paginators import DateCursorPaginator, PageRequest, Record
from svodka.sources.wb import contracts, limits
from svodka.sources.wb.common import WBStream, format_wb_datetime, msk, parse_wb_datetime


class StatisticsStream(WBStream):
    """Base of the statistics streams; subclasses set the path, contract, key and limit."""

    host = "statistics-api"
    path: str
    key: Callable[[Record], Hashable]

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Yield the pages changed since the stored cursor (minus the re-read window)."""
        now_msk = msk(now)
        start = self._start(state, now_msk)
        pager = DateCursorPaginator(
            format_wb_datetime(start),
            key=self.key,
            order_key=self._moment,
            max_pages=self.options.max_pages,
            source=self.ctx.source,
        )
        # dateFrom first as in the docs; the paginator fills it in.
        req = pager.first(PageRequest("GET", self.path, {"dateFrom": None, "flag": 0}))
        seen = 0
        while pager.has_more:
            resp = self.fetch(req)
            rows = self.rows(resp)
            self.check(rows, offset=seen)
            seen += len(rows)
            pager.update(resp.status, resp.data, rows)
            if not pager.new:
                return  # [] or only rows already stored on the previous page: done
            cursor = pager.cursor
            if parse_wb_datetime(cursor) > now_msk:  # never move the bookmark past the sync's start
                cursor = format_wb_datetime(now_msk)
            page = self.page(resp, len(rows), state={"cursor": cursor})
            # Drop the parsed answer before the next request: a page holds up to 80,000 rows.
            resp = rows = None
            pager.release()
            yield page
            page = None
            req = pager.next_request(req)

    def _moment(self, value: str) -> datetime:
        try:
            return parse_wb_datetime(value)
        except ValueError:
            raise RecordError(
                f"lastChangeDate {value!r} is not a date-time",
                source=self.ctx.source,
                stream=self.name,
                field="lastChangeDate",
            ) from None

    def _start(self, state: Mapping[str, Any] | None, now_msk: datetime) -> datetime:
        cursor = (state or {}).get("cursor")
        if not cursor:
            return now_msk - timedelta(days=self.options.history_days)
        try:
            stored = parse_wb_datetime(cursor)
        except (TypeError, ValueError):
            raise ConfigError(
                f"[{self.ctx.source}] stored cursor of stream {self.name} is not a date-time: {cursor!r}",
                hint="Reset the stream's state to re-read its history.",
            ) from None
        return min(stored - timedelta(hours=self.options.reread_hours), now_msk)


class OrdersStream(StatisticsStream):
    """``wb_orders``: ``GET /api/v1/supplier/orders`` — every order line, preliminary."""

    name = "wb_orders"
    path = "/api/v1/supplier/orders"
    contract = contracts.ORDERS
    policies = (limits.ORDERS,)

    @staticmethod
    def key(row: Record) -> Hashable:
        """Boundary identity of an order row: one order line as of one change."""
        return (row.get("srid"), row.get("lastChangeDate"))


class SalesStream(StatisticsStream):
    """``wb_sales``: ``GET /api/v1/supplier/sales`` — sales (``S…``) and returns (``R…``)."""

    name = "wb_sales"
    path = "/api/v1/supplier/sales"
    contract = contracts.SALES
    policies = (limits.SALES,)

    @staticmethod
    def key(row: Record) -> Hashable:
        """A return shares its sale's srid, so the sale/return id is part of the identity."""
        return (row.get("srid"), row.get("saleID"), row.get("lastChangeDate"))
