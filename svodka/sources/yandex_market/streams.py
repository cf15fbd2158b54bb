"""Yandex Market JSON streams: campaigns, catalogue, prices, stock snapshots and dated facts.

Snapshots (state None, ``meta.snapshot_date``): ``ym_campaigns``, ``ym_offer_mappings``,
``ym_prices`` (business-wide), ``ym_stocks`` (per campaign). Dated streams keep
``{"date": "<last day read>"}`` and re-read `reread_days` before it on every sync, in windows
of at most `window_days` days: ``ym_orders`` (business v1 orders by creation date),
``ym_stats_orders`` (per campaign, by update date, with payments and commissions) and
``ym_returns`` (per campaign).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from svodka.sources.base import Page
from svodka.sources.intervals import last_day_from_state
from svodka.sources.paginators import PageRequest
from svodka.sources.times import msk_date
from svodka.sources.validation import DICT, INT, LIST, STR, RecordContract
from svodka.sources.yandex_market import limits
from svodka.sources.yandex_market.common import CAMPAIGNS, TokenPager, YMStream


class CampaignsStream(YMStream):
    name = "ym_campaigns"
    record_path = ("campaigns",)
    policies = (limits.CAMPAIGNS,)
    contract = CAMPAIGNS
    token_path = ("paging", "nextPageToken")

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        yield from self.snapshot(self.walk(PageRequest("GET", "/v2/campaigns"), self.pager()), now)


class OfferMappingsStream(YMStream):
    name = "ym_offer_mappings"
    record_path = ("result", "offerMappings")
    policies = (limits.OFFER_MAPPINGS,)
    contract = RecordContract({"offer": DICT}, nested={"offer": RecordContract({"offerId": STR})})

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Every offer; archived ones in a second pass (old orders and reports still name them)."""
        path = f"/v2/businesses/{self.account().business_id}/offer-mappings"
        bodies = [{}, {"archived": True}] if self.options.include_archived else [{}]
        for i, body in enumerate(bodies):
            pages = self.snapshot(self.walk(PageRequest("POST", path, json=body), self.pager()), now)
            # an empty archive adds no page: the first pass already stored the (maybe empty) snapshot
            yield from (p for p in pages if i == 0 or p.records)


class PricesStream(YMStream):
    name = "ym_prices"
    record_path = ("result", "offers")
    policies = (limits.OFFER_PRICES,)
    contract = RecordContract({"offerId": STR}, id_fields=("offerId",))

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        path = f"/v2/businesses/{self.account().business_id}/offer-prices"
        yield from self.snapshot(self.walk(PageRequest("POST", path, json={}), self.pager()), now)


class StocksStream(YMStream):
    name = "ym_stocks"
    record_path = ("result", "warehouses")
    policies = (limits.STOCKS,)
    contract = RecordContract({"warehouseId": INT, "offers": LIST}, id_fields=("warehouseId",))

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        for camp in self.account().campaigns:
            path = f"/v2/campaigns/{camp['id']}/offers/stocks"
            pages = self.walk(PageRequest("POST", path, json={}), self.pager())
            for page in self.snapshot(pages, now):
                yield replace(page, meta={**page.meta, "campaign_id": camp["id"]})


class DatedStream(YMStream):
    """Read in date windows from `reread_days` before the stored day up to today (Moscow).

    A window covers `window_days` days ``[start, end]`` and is asked as ``start … end + 1 day``
    (at most today), within Market's 30-day limit; its last page commits ``{"date": end}``."""

    per_campaign: ClassVar[bool] = True

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        today = msk_date(now)
        stored = last_day_from_state(state, source=self.ctx.source, stream=self.name, key="date")
        opts = self.options
        start = today - timedelta(days=opts.history_days) if stored is None else stored
        start = min(start - timedelta(days=opts.reread_days if stored else 0), today)
        acc = self.account()
        targets: list[Any] = [c["id"] for c in acc.campaigns] if self.per_campaign else [acc.business_id]
        while start <= today:
            end = min(start + timedelta(days=opts.window_days - 1), today)
            done = {"date": max(end, stored).isoformat() if stored else end.isoformat()}
            # Market states that the start date is included but not the end: ask up to the next
            # day (never past today), so a window boundary is read twice rather than never.
            to = min(end + timedelta(days=1), today)
            meta = {"date_from": start.isoformat(), "date_to": to.isoformat()}
            for i, target in enumerate(targets):
                pager = self.pager()
                for resp, rows in self.walk(self.request(target, start, to), pager):
                    last = i == len(targets) - 1 and not pager.has_more
                    yield self.page(resp, len(rows), state=done if last else None, meta=meta)
            start = end + timedelta(days=1)

    def request(self, target: int, start: date, end: date) -> PageRequest:
        raise NotImplementedError


class OrdersStream(DatedStream):
    """``ym_orders``: business orders (all campaigns) by creation date, with items and prices."""

    name = "ym_orders"
    record_path = ("orders",)
    token_path = ("paging", "nextPageToken")
    policies = (limits.ORDERS,)
    contract = RecordContract(
        {"orderId": INT, "campaignId": INT, "status": STR, "items": LIST}, id_fields=("orderId",)
    )
    per_campaign = False

    def pager(self) -> TokenPager:
        return TokenPager(
            self.token_path,
            min(self.options.page_limit, 50),
            max_pages=self.options.max_pages,
            source=self.ctx.source,
        )

    def request(self, target: int, start: date, end: date) -> PageRequest:
        dates = {"creationDateFrom": start.isoformat(), "creationDateTo": end.isoformat()}
        campaigns = [c["id"] for c in self.ctx.account.campaigns]
        return PageRequest(
            "POST", f"/v1/businesses/{target}/orders", json={"dates": dates, "campaignIds": campaigns}
        )


class StatsOrdersStream(DatedStream):
    """``ym_stats_orders``: per campaign, orders updated in the window, with payments and commissions."""

    name = "ym_stats_orders"
    record_path = ("result", "orders")
    policies = (limits.STATS_ORDERS,)
    contract = RecordContract(
        {"id": INT, "items": LIST, "payments": LIST, "commissions": LIST}, id_fields=("id",)
    )

    def request(self, target: int, start: date, end: date) -> PageRequest:
        body = {"updateFrom": start.isoformat(), "updateTo": end.isoformat()}
        return PageRequest("POST", f"/v2/campaigns/{target}/stats/orders", json=body)


class ReturnsStream(DatedStream):
    """``ym_returns``: per campaign, returns and unredeemed orders of the window."""

    name = "ym_returns"
    record_path = ("result", "returns")
    policies = (limits.RETURNS,)
    contract = RecordContract({"id": INT, "orderId": INT}, id_fields=("id",))

    def request(self, target: int, start: date, end: date) -> PageRequest:
        params = {"fromDate": start.isoformat(), "toDate": end.isoformat()}
        return PageRequest("GET", f"/v2/campaigns/{target}/returns", params=params)
