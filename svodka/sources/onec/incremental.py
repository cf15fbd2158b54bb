"""1C prices and purchase receipts: incremental by their date, re-reading the last days.

* ``onec_prices`` — ``InformationRegister_ЦеныНоменклатуры`` rows with ``Period`` in the
  window, ordered by ``Period, ВидЦены_Key, Номенклатура_Key`` (one price-setting document
  writes hundreds of rows with the same ``Period``; the extra keys keep ``$skip`` pages
  from overlapping). State ``{"period": "<latest Period read>"}``. The first sync begins
  with a baseline: ``SliceLast(Period=<window start>)``, the records in force when the window
  opens (a purchase price set a year ago and never changed is the cost of every day in the
  window); its rows have the register's own fields, ``meta.baseline`` marks the page.
* ``onec_receipts`` — ``Document_ПоступлениеТоваровУслуг`` posted and not marked for
  deletion, ``Date`` in the window, ordered by ``Date, Ref_Key``; the tabular part
  ``Товары`` comes inline with each document. State ``{"date": "<latest Date read>"}``.
* ``onec_prices_current`` — ``InformationRegister_ЦеныНоменклатуры/SliceLast(Period=…)``,
  the price of every item and price type valid at the sync's instant, one answer, a
  snapshot.

The window runs from ``history_days`` before `now` (first sync) or ``reread_days`` before the
stored cursor, to `now`: 1C users enter, correct and post documents days after their date,
and the re-read stores their newer versions (ods keeps the latest by key). Every page carries
the latest date read so far (pages are in date order), never later than `now` and never
earlier than the stored cursor. Dates are 1C's naive Moscow times, written as 1C writes them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any, ClassVar

from svodka.sources.base import Page
from svodka.sources.onec import contracts, odata
from svodka.sources.onec.common import OneCStream
from svodka.sources.paginators import PageRequest
from svodka.sources.times import msk_date


class IncrementalStream(OneCStream):
    """An entity set read by a date field from a stored cursor."""

    time_field: ClassVar[str]
    state_key: ClassVar[str]
    order_by: ClassVar[str]
    condition: ClassVar[str] = ""
    """More of ``$filter``, joined with ``and``."""

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Read the window (see the module doc) page by page."""
        end = odata.onec_time(now)
        stored = self.stored_time(state, self.state_key)
        opts = self.options
        if stored is None:
            start = end - timedelta(days=opts.history_days)
        else:
            start = min(stored - timedelta(days=opts.reread_days), end)
        f = self.time_field
        where = f"{f} ge {odata.datetime_literal(start)} and {f} le {odata.datetime_literal(end)}"
        if self.condition:
            where += f" and {self.condition}"
        meta = {"since": odata.format_onec(start), "to": odata.format_onec(end)}
        if stored is None:
            yield from self.baseline(start, meta)
        cursor = stored
        seen = 0
        for resp, rows in self.entity_pages({"$filter": where, "$orderby": self.order_by}):
            if not rows:  # the empty page that ends the walk holds nothing to store
                continue
            # A record dated after `now` (a server that ignored the filter) must not carry the
            # cursor past `now`: records entered later with earlier dates would be skipped.
            latest = min(max(self.record_time(r, f, seen + i) for i, r in enumerate(rows)), end)
            seen += len(rows)
            cursor = latest if cursor is None else max(cursor, latest)
            yield self.page(resp, len(rows), state={self.state_key: odata.format_onec(cursor)}, meta=meta)

    def baseline(self, start: datetime, meta: Mapping[str, Any]) -> Iterator[Page]:
        """Pages to store before the first window (none by default)."""
        return iter(())


class PricesStream(IncrementalStream):
    """``onec_prices``: the price history (every price type: purchase, retail, …)."""

    name = "onec_prices"
    entity = "InformationRegister_ЦеныНоменклатуры"
    contract = contracts.PRICES
    time_field = "Period"
    state_key = "period"
    order_by = "Period,ВидЦены_Key,Номенклатура_Key"

    def baseline(self, start: datetime, meta: Mapping[str, Any]) -> Iterator[Page]:
        """The records in force at `start` (``SliceLast``), so the window's first days have prices.

        No state: a sync that fails after it starts again from the baseline.
        """
        self.require(self.entity)
        path = odata.call(self.entity, "SliceLast", {"Period": odata.datetime_literal(start)})
        resp = self.fetch(PageRequest("GET", path))
        rows = self.rows(resp)
        self.check(rows)
        if rows:
            yield self.page(resp, len(rows), meta={**meta, "baseline": True})


class ReceiptsStream(IncrementalStream):
    """``onec_receipts``: purchase receipts with their lines (quantity, price, sum, VAT)."""

    name = "onec_receipts"
    entity = "Document_ПоступлениеТоваровУслуг"
    contract = contracts.RECEIPTS
    time_field = "Date"
    state_key = "date"
    order_by = "Date,Ref_Key"
    condition = "Posted eq true and DeletionMark eq false"


class CurrentPricesStream(OneCStream):
    """``onec_prices_current``: the price slice at the sync's instant (``SliceLast``)."""

    name = "onec_prices_current"
    entity = "InformationRegister_ЦеныНоменклатуры"
    contract = contracts.PRICES_CURRENT

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """One answer: every item's latest price of every price type at `now`."""
        self.require(self.entity)
        end = odata.onec_time(now)
        path = odata.call(self.entity, "SliceLast", {"Period": odata.datetime_literal(end)})
        resp = self.fetch(PageRequest("GET", path))
        rows = self.rows(resp)
        self.check(rows)
        meta = {"snapshot_date": msk_date(now).isoformat(), "period": odata.format_onec(end)}
        yield self.page(resp, len(rows), meta=meta)
