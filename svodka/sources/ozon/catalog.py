"""Ozon catalogue snapshots: products (list → info), prices and stock summary.

* ``ozon_products`` walks ``/v3/product/list`` by ``last_id`` and, for each page, asks
  ``/v3/product/info/list`` for those ``product_id``s; the *info* answers are stored. The
  list's ``visibility=ALL`` leaves archived products out, so a second pass lists
  ``ARCHIVED`` ones (option `include_archived`).
* ``ozon_prices`` (``/v5/product/info/prices``) and ``ozon_stocks``
  (``/v4/product/info/stocks``) page by ``cursor`` until an empty cursor or page.

Snapshots have no cursor: state stays None; every page has ``meta={"snapshot_date": …}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from svodka.sources.base import Page
from svodka.sources.ozon import contracts, limits
from svodka.sources.ozon.common import OzonStream
from svodka.sources.paginators import PageRequest
from svodka.sources.times import msk_date

LIST = "/v3/product/list"
INFO = "/v3/product/info/list"


class ProductsStream(OzonStream):
    """``ozon_products``: product info of every product, listed page by page."""

    name = "ozon_products"
    path = INFO
    record_path = ("items",)
    contract = contracts.PRODUCTS
    policies = (limits.GLOBAL,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Yield one info page per list page; remember the SKUs for the stock streams."""
        meta = {"snapshot_date": msk_date(now).isoformat()}
        skus: dict[int, None] = {}
        for resp, rows in self.info_pages():
            for row in rows:
                skus.update(dict.fromkeys(_skus_of(row)))
            yield self.page(resp, len(rows), meta=meta)
        self.ctx.skus.put(now, list(skus))

    def info_pages(self) -> Iterator[tuple[Any, list[Any]]]:
        """Walk the product list (visible, then archived) and fetch the info of each page."""
        seen: set[int] = set()
        passes = ("ALL", "ARCHIVED") if self.options.include_archived else ("ALL",)
        offset = listed_offset = 0
        for visibility in passes:
            pager = self.token_pager("last_id", token_path=("result", "last_id"))
            request = PageRequest(
                "POST",
                LIST,
                json={"filter": {"visibility": visibility}, "limit": self.options.products_page_limit},
            )
            for _, listed in self.walk(request, pager, record_path=("result", "items"), contract_check=False):
                contracts.PRODUCT_LIST.validate(
                    listed, source=self.ctx.source, stream=self.name, offset=listed_offset
                )
                listed_offset += len(listed)
                # ALL excludes archived products, so the passes are disjoint; the set only
                # guards against a server that ignores the visibility filter.
                ids = [r["product_id"] for r in listed if r["product_id"] not in seen]
                seen.update(ids)
                if not ids:
                    continue
                resp = self.fetch(PageRequest("POST", INFO, json={"product_id": [str(i) for i in ids]}))
                rows = self.rows(resp)
                self.check(rows, offset=offset)
                offset += len(rows)
                yield resp, rows

    def all_skus(self, now: datetime) -> list[int]:
        """Every SKU of the account at `now`: from this sync's product walk, or a walk of its own."""
        cached = self.ctx.skus.get(now)
        if cached is not None:
            return cached
        skus: dict[int, None] = {}
        for _, rows in self.info_pages():
            for row in rows:
                skus.update(dict.fromkeys(_skus_of(row)))
        self.ctx.skus.put(now, list(skus))
        return list(skus)


def _skus_of(row: Mapping[str, Any]) -> list[int]:
    """The product's SKU and the SKUs of its sources (FBO/FBS SKUs of pre-SDS products)."""
    out = [row["sku"]] if row.get("sku") else []
    for src in row.get("sources") or ():
        sku = src.get("sku") if isinstance(src, Mapping) else None
        if isinstance(sku, int) and not isinstance(sku, bool) and sku and sku not in out:
            out.append(sku)
    return out


class PricesStream(OzonStream):
    """``ozon_prices``: ``/v5/product/info/prices`` by ``cursor``."""

    name = "ozon_prices"
    path = "/v5/product/info/prices"
    record_path = ("items",)
    contract = contracts.PRICES
    policies = (limits.GLOBAL,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Snapshot the prices, commissions and price indexes of every product."""
        request = PageRequest(
            "POST",
            self.path,
            json={"filter": {"visibility": "ALL"}, "limit": self.options.prices_page_limit},
        )
        yield from self.snapshot(self.walk(request, self.token_pager("cursor", token_path=("cursor",))), now)


class StocksStream(OzonStream):
    """``ozon_stocks``: ``/v4/product/info/stocks`` by ``cursor`` (FBS, rFBS, FBP and FBO totals)."""

    name = "ozon_stocks"
    path = "/v4/product/info/stocks"
    record_path = ("items",)
    contract = contracts.STOCKS
    policies = (limits.GLOBAL,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Snapshot the stock of every product."""
        request = PageRequest(
            "POST",
            self.path,
            json={"filter": {"visibility": "ALL"}, "limit": self.options.stocks_page_limit},
        )
        yield from self.snapshot(self.walk(request, self.token_pager("cursor", token_path=("cursor",))), now)
