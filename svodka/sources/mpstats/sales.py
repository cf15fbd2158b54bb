"""``mpstats_{wb,oz}_item_sales``: daily rows of the best-selling competitor items.

``GET {mp}/get/item/{id}/sales?d1=…&d2=…`` answers an array of days ``{data, balance, sales,
rating, price, final_price, comments, …}``. The items are those the category stream of the
same sync left (top `max_items` by revenue), else the ones this stream read last time.
State: ``{"items": [ids], "days": {"<id>": "<last day read>"}}``, carried by every page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from svodka.sources.base import Page
from svodka.sources.mpstats.common import MPStatsStream
from svodka.sources.mpstats.contracts import ITEM_SALES
from svodka.sources.paginators import PageRequest


class ItemSalesStream(MPStatsStream):
    """One request per item from the day after its last read day up to yesterday."""

    record_path = ()
    contract = ITEM_SALES

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        state = state or {}
        days = {str(k): v for k, v in (state.get("days") or {}).items()}
        ids = self.ctx.top.get(self.mp, now)
        if ids is None:
            ids = [int(i) for i in state.get("items") or []]
        ids = ids[: self.options.max_items]
        end = self.yesterday(now)
        todo = []
        for item in ids:
            last = days.get(str(item))
            start = (
                self.first_day(now)
                if last is None
                else self.stored_day(last, f"day of item {item}") + timedelta(days=1)
            )
            if start <= end:
                todo.append((item, start))
        if not todo:
            return
        self.quota.begin(now)
        for item, start in todo:
            d1, d2 = start.isoformat(), end.isoformat()
            req = PageRequest("GET", f"{self.mp}/get/item/{item}/sales", params={"d1": d1, "d2": d2})
            resp = self.fetch(req)
            rows = self.rows(resp)
            self.check(rows)
            days[str(item)] = d2
            new = {"items": list(ids), "days": dict(days)}
            yield self.page(resp, len(rows), state=new, meta={"item_id": item, "d1": d1, "d2": d2})


class WbItemSalesStream(ItemSalesStream):
    name = "mpstats_wb_item_sales"
    mp = "wb"


class OzItemSalesStream(ItemSalesStream):
    name = "mpstats_oz_item_sales"
    mp = "oz"
