"""Ozon stock per warehouse for every SKU of the account: the seller's (FBS) and Ozon's (FBO).

Both methods want SKUs, so the SKUs come from this sync's product walk (``ozon_products``
runs first) or, when a stock stream is synced on its own, from a walk of its own (its errors
then name ``ozon_products``, whose methods it calls).

* ``ozon_stocks_fbs`` — ``/v2/product/info/stocks-by-warehouse/fbs``: up to 1000 SKUs per
  request, paged by ``cursor`` while ``has_next``.
* ``ozon_stocks_fbo`` — ``/v1/analytics/stocks``: up to 100 SKUs per request, no paging.
  Ozon refreshes this analytics twice a day (about 07:00 and 16:00 UTC).

Snapshots: state stays None; every page has ``meta={"snapshot_date": …}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from svodka.sources.base import Page
from svodka.sources.ozon import contracts, limits
from svodka.sources.ozon.catalog import ProductsStream
from svodka.sources.ozon.common import OzonStream, chunks
from svodka.sources.paginators import PageRequest
from svodka.sources.times import msk_date


class FbsStocksStream(OzonStream):
    """``ozon_stocks_fbs``: stock on the seller's own warehouses, per SKU and warehouse."""

    name = "ozon_stocks_fbs"
    path = "/v2/product/info/stocks-by-warehouse/fbs"
    record_path = ("products",)
    contract = contracts.STOCKS_FBS
    policies = (limits.GLOBAL,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Snapshot every SKU's FBS stock, batch by batch."""
        opts = self.options
        for batch in chunks(ProductsStream(self.ctx).all_skus(now), opts.stocks_fbs_batch):
            request = PageRequest(
                "POST", self.path, json={"sku": [str(s) for s in batch], "limit": opts.stocks_fbs_page_limit}
            )
            pager = self.token_pager("cursor", token_path=("cursor",), has_next_path=("has_next",))
            yield from self.snapshot(self.walk(request, pager), now)


class FboStocksStream(OzonStream):
    """``ozon_stocks_fbo``: stock on Ozon's warehouses per SKU, warehouse and cluster."""

    name = "ozon_stocks_fbo"
    path = "/v1/analytics/stocks"
    record_path = ("items",)
    contract = contracts.STOCKS_FBO
    policies = (limits.GLOBAL,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Snapshot every SKU's FBO stock, one request per batch of SKUs."""
        meta = {"snapshot_date": msk_date(now).isoformat()}
        seen = 0
        for batch in chunks(ProductsStream(self.ctx).all_skus(now), self.options.stocks_fbo_batch):
            resp = self.fetch(PageRequest("POST", self.path, json={"skus": [str(s) for s in batch]}))
            rows = self.rows(resp)
            self.check(rows, offset=seen)
            seen += len(rows)
            yield self.page(resp, len(rows), meta=meta)
