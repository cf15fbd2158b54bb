"""WB catalog: product cards (content-api, incremental) and prices (discounts-prices-api, snapshot)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any, ClassVar

from svodka.errors import ConfigError
from svodka.sources.base import Page
from svodka.sources.http import StatusRule
from svodka.sources.paginators import CardsCursorPaginator, OffsetPaginator, PageRequest
from svodka.sources.wb import contracts, limits
from svodka.sources.wb.common import WBStream, error_flag_rule


class CardsStream(WBStream):
    """``wb_cards``: ``POST /content/v2/get/cards/list``, ascending by ``updatedAt``, cursor paging.

    The docs' incremental recipe: keep ascending order and start the next export from the
    saved ``cursor {updatedAt, nmID}``. State: ``{"updatedAt": "…", "nmID": 123}``.
    """

    name = "wb_cards"
    host = "content-api"
    path = "/content/v2/get/cards/list"
    record_path = ("cards",)
    contract = contracts.CARDS
    policies = (limits.CARDS,)
    status_actions: ClassVar[Mapping[int, StatusRule]] = {200: error_flag_rule}

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Yield the cards created or changed since the saved cursor."""
        start = None
        if state and state.get("updatedAt") is not None:
            if not isinstance(state.get("nmID"), int):
                raise ConfigError(
                    f"[{self.ctx.source}] stored cursor of stream {self.name} has no integer nmID: "
                    f"{dict(state)!r}",
                    hint="Reset the stream's state to re-read the cards.",
                )
            start = state
        pager = CardsCursorPaginator(
            self.options.cards_page_limit,
            start=start,
            max_pages=self.options.max_pages,
            source=self.ctx.source,
        )
        request = PageRequest(
            "POST", self.path, json={"settings": {"sort": {"ascending": True}, "filter": {"withPhoto": -1}}}
        )
        for resp, rows in self.walk(request, pager):
            if rows:
                yield self.page(resp, len(rows), state=dict(pager.cursor or {}))


class PricesStream(WBStream):
    """``wb_prices``: ``GET /api/v2/list/goods/filter``, ``limit``/``offset`` until an empty list."""

    name = "wb_prices"
    host = "discounts-prices-api"
    path = "/api/v2/list/goods/filter"
    record_path = ("data", "listGoods")
    contract = contracts.PRICES
    policies = (limits.PRICES,)
    status_actions: ClassVar[Mapping[int, StatusRule]] = {200: error_flag_rule}

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Snapshot every item's prices and discounts."""
        pager = OffsetPaginator(
            self.options.prices_page_limit, max_pages=self.options.max_pages, source=self.ctx.source
        )
        yield from self.snapshot(self.walk(PageRequest("GET", self.path), pager), now)
