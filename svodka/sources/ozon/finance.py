"""Ozon finance: accrual types, accruals by day, the monthly realization report, transactions.

* ``ozon_accrual_types`` — ``/v1/finance/accrual/types``: the accrual taxonomy, a snapshot.
* ``ozon_accruals`` — ``/v1/finance/accrual/by-day``, one Moscow day per loop, ``last_id``
  until an empty page or ``last_id``. Every sync reads the days from `accruals_reread_days`
  before the stored day (or `history_days` back at first) to today, since Ozon books and
  corrects accruals after the fact. Every page has ``meta={"date": …}`` and each day is
  stored even when it is empty, so the loader can replace a re-read day whole; the last
  page of a day carries ``{"date": "<that day>"}``.
* ``ozon_realization`` — ``/v2/finance/realization {year, month}``: months that ended and
  are past the 5th of the next month (when Ozon promises the report), from August 2023.
  A report that is not there yet (rpcStatus 404, or no ``result.header``) is not an error:
  the read stops and the next sync asks again. State ``{"year", "month"}`` = the last
  month loaded; ``meta={"year", "month"}``.
* ``ozon_transactions`` (legacy, option `use_transactions`) — ``/v3/finance/transaction/list``
  in calendar-month windows (the API allows at most one month), ``page``/``page_size``
  until ``page_count``; state ``{"cursor": "<end of the last finished window>"}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from svodka.errors import ConfigError
from svodka.sources.base import Page
from svodka.sources.http import Action
from svodka.sources.ozon import contracts, limits
from svodka.sources.ozon.common import OzonStream, Window, WindowedStream, format_instant, month_windows
from svodka.sources.ozon.status import not_found_is_no_data
from svodka.sources.paginators import PageNumberPaginator, PageRequest
from svodka.sources.times import msk_date

ACCRUALS_SINCE = date(2022, 1, 1)
"""The earliest accrual date the API serves."""
REALIZATION_SINCE = (2023, 8)
"""The earliest realization report the API serves (year, month)."""
REALIZATION_READY_DAY = 5
"""Ozon promises a month's realization report by the 5th of the next month."""


class AccrualTypesStream(OzonStream):
    """``ozon_accrual_types``: id, name and description of every accrual type."""

    name = "ozon_accrual_types"
    path = "/v1/finance/accrual/types"
    record_path = ("accrual_types",)
    contract = contracts.ACCRUAL_TYPES
    policies = (limits.GLOBAL,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Snapshot the accrual taxonomy (one answer)."""
        resp = self.fetch(PageRequest("POST", self.path, json={}))
        rows = self.rows(resp)
        self.check(rows)
        yield self.page(resp, len(rows), meta={"snapshot_date": msk_date(now).isoformat()})


class AccrualsStream(OzonStream):
    """``ozon_accruals``: every accrual of every day, re-reading the recent days."""

    name = "ozon_accruals"
    path = "/v1/finance/accrual/by-day"
    record_path = ("accruals",)
    contract = contracts.ACCRUALS
    policies = (limits.GLOBAL,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Read each day from the start (see the module doc) to today, Moscow dates."""
        opts = self.options
        today = msk_date(now)
        stored = self.stored_date(state)
        if stored is None:
            first = today - timedelta(days=opts.history_days)
        else:
            first = min(stored + timedelta(days=1), today) - timedelta(days=opts.accruals_reread_days)
        day = max(first, ACCRUALS_SINCE)
        while day <= today:
            meta = {"date": day.isoformat()}
            done = {"date": max(day, stored).isoformat() if stored else day.isoformat()}
            pager = self.token_pager("last_id", token_path=("last_id",))
            request = PageRequest("POST", self.path, json={"date": day.isoformat(), "last_id": ""})
            for resp, rows in self.walk(request, pager):
                yield self.page(resp, len(rows), state=None if pager.has_more else done, meta=meta)
            day += timedelta(days=1)


class RealizationStream(OzonStream):
    """``ozon_realization``: the monthly realization report, rows at ``result.rows``."""

    name = "ozon_realization"
    path = "/v2/finance/realization"
    record_path = ("result", "rows")
    contract = contracts.REALIZATION
    policies = (limits.GLOBAL,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Read the months after the stored one that should be ready; stop at one that is not."""
        for year, month in self.months(state, msk_date(now)):
            resp = self.fetch(
                PageRequest("POST", self.path, json={"year": year, "month": month}),
                status_actions={404: not_found_is_no_data},
            )
            result = resp.data.get("result") if isinstance(resp.data, Mapping) else None
            if resp.action is Action.NO_DATA or not isinstance(result, Mapping) or not result.get("header"):
                return  # not published yet: the next sync asks again
            rows = self.rows(resp)
            self.check(rows)
            mark = {"year": year, "month": month}
            yield self.page(resp, len(rows), state=mark, meta=mark)

    def months(self, state: Mapping[str, Any] | None, today: date) -> list[tuple[int, int]]:
        """``(year, month)`` of every report to ask for, oldest first."""
        last_ready = _add_months((today.year, today.month), -1 if today.day > REALIZATION_READY_DAY else -2)
        if state:
            year, month = state.get("year"), state.get("month")
            if not (isinstance(year, int) and isinstance(month, int) and 1 <= month <= 12):
                raise ConfigError(
                    f"[{self.ctx.source}] stored state of stream {self.name} is malformed: {dict(state)!r}",
                    hint="Reset the stream's state to re-read its history.",
                )
            first = _add_months((year, month), 1)
        else:
            start = today - timedelta(days=self.options.history_days)
            first = (start.year, start.month)
        month = max(first, REALIZATION_SINCE)
        out = []
        while month <= last_ready:
            out.append(month)
            month = _add_months(month, 1)
        return out


def _add_months(ym: tuple[int, int], n: int) -> tuple[int, int]:
    index = ym[0] * 12 + ym[1] - 1 + n
    return index // 12, index % 12 + 1


class TransactionsStream(WindowedStream):
    """``ozon_transactions`` (legacy): operations by calendar month, page by page."""

    name = "ozon_transactions"
    path = "/v3/finance/transaction/list"
    record_path = ("result", "operations")
    contract = contracts.TRANSACTIONS
    policies = (limits.GLOBAL,)

    def windows(self, stored: datetime | None, end: datetime) -> list[Window]:
        """Calendar months from the start (see the module doc) to `end`."""
        opts = self.options
        if stored is None:
            start = end - timedelta(days=opts.history_days)
        else:
            start = min(stored - timedelta(days=opts.accruals_reread_days), end)
        return month_windows(start, end)

    def body(self, since: datetime, to: datetime) -> dict[str, Any]:
        """All operations of the window."""
        return {
            "filter": {
                "date": {"from": format_instant(since, millis=True), "to": format_instant(to, millis=True)},
                "transaction_type": "all",
            }
        }

    def pager(self) -> PageNumberPaginator:
        """``page``/``page_size`` until ``result.page_count``."""
        return PageNumberPaginator(
            self.options.transactions_page_limit,
            count_path=("result", "page_count"),
            max_pages=self.options.max_pages,
            source=self.ctx.source,
        )
