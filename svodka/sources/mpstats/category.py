"""``mpstats_{wb,oz}_category_items``: the items of the configured categories, window by window.

``POST {mp}/get/category?path=…&d1=…&d2=…`` with the ag-grid body ``{startRow, endRow,
filterModel, sortModel}``; the answer echoes the model with ``total`` and ``data[]`` (one
item with its stats over the window). State::

    {"days": {"<path>": "<last day read>"},
     "at": {"path", "d1", "d2", "row"},          # a window stopped mid-way (quota), or absent
     "top": {"<item id>": <revenue>}}            # the `max_items` best sellers seen, for item sales

Every page carries the state, so a sync stopped by the quota resumes at the next row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from svodka.sources.base import Page
from svodka.sources.mpstats.common import AgGridPaginator, MPStatsStream
from svodka.sources.mpstats.contracts import CATEGORY_ITEMS
from svodka.sources.paginators import PageRequest


class CategoryItemsStream(MPStatsStream):
    """Items of each configured category with their stats over windows of `window_days`."""

    record_path = ("data",)
    contract = CATEGORY_ITEMS

    def categories(self) -> tuple[str, ...]:
        return self.options.wb_categories if self.mp == "wb" else self.options.oz_categories

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Read every category's windows up to yesterday; each page carries the whole state."""
        state = state or {}
        days = {str(k): v for k, v in (state.get("days") or {}).items()}
        top = {str(k): float(v) for k, v in (state.get("top") or {}).items()}
        at = state.get("at") if isinstance(state.get("at"), Mapping) else None
        if at is not None and at.get("path") not in self.categories():
            at = None  # a category no longer configured
        end = self.yesterday(now)
        self.quota.begin(now)
        for path in self.categories():
            resume = at if at is not None and at.get("path") == path else None
            for d1, d2, row in self.windows(path, days.get(path), resume, end):
                pager = self.pager(row)
                req = PageRequest("POST", f"{self.mp}/get/category", params=self.params(path, d1, d2))
                for resp, rows in self.walk(req.with_json(self.body()), pager):
                    for r in rows:
                        top[str(r["id"])] = float(r["revenue"] or 0)
                    top = dict(sorted(top.items(), key=lambda kv: -kv[1])[: self.options.max_items])
                    meta = {"category": path, "d1": d1.isoformat(), "d2": d2.isoformat()}
                    # A window stopped mid-way stays in the state until it is read to its end,
                    # whatever other categories are read before it.
                    if pager.has_more:
                        at = {"path": path, "d1": meta["d1"], "d2": meta["d2"], "row": pager.row}
                    else:
                        days[path] = d2.isoformat()
                        at = None if at is not None and at.get("path") == path else at
                    new = {"days": dict(days), "top": dict(top), **({"at": dict(at)} if at else {})}
                    yield self.page(resp, len(rows), state=new, meta=meta)
        self.ctx.top.put(self.mp, now, [int(k) for k in top])

    def windows(
        self, path: str, stored: Any, resume: Mapping[str, Any] | None, end: date
    ) -> list[tuple[date, date, int]]:
        """``(d1, d2, first row)`` of the windows still to read for `path`, oldest first."""
        out: list[tuple[date, date, int]] = []
        if stored is None:
            start = self.first_day_for(end)
        else:
            start = self.stored_day(stored, f"day of category {path!r}") + timedelta(days=1)
        if resume is not None:
            d1 = self.stored_day(resume.get("d1"), "window start")
            d2 = self.stored_day(resume.get("d2"), "window end")
            out.append((d1, d2, int(resume.get("row") or 0)))
            start = d2 + timedelta(days=1)
        step = timedelta(days=self.options.window_days - 1)
        while start <= end:
            d2 = min(start + step, end)
            out.append((start, d2, 0))
            start = d2 + timedelta(days=1)
        return out

    def pager(self, row: int) -> AgGridPaginator:
        """Paging of one window from `row` on."""
        opts = self.options
        return AgGridPaginator(opts.page_rows, start=row, max_pages=opts.max_pages, source=self.ctx.source)

    def first_day_for(self, end: date) -> date:
        return end - timedelta(days=self.options.history_days - 1)

    def params(self, path: str, d1: date, d2: date) -> dict[str, Any]:
        return {"path": path, "d1": d1.isoformat(), "d2": d2.isoformat()}

    def body(self) -> dict[str, Any]:
        """The ag-grid model: no filter, the best sellers first (paging fills start/end rows)."""
        return {"filterModel": {}, "sortModel": [{"colId": "revenue", "sort": "desc"}]}


class WbCategoryItemsStream(CategoryItemsStream):
    name = "mpstats_wb_category_items"
    mp = "wb"


class OzCategoryItemsStream(CategoryItemsStream):
    name = "mpstats_oz_category_items"
    mp = "oz"
