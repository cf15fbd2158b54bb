"""WB finance (finance-api): realization report lines and report headers, by finished weeks.

Windows are finished Mon–Sun weeks (Moscow dates) before today. State is the set of
finished windows, merged: ``{"intervals": [["2026-08-03", "2026-11-15"]], "watermark":
"2026-11-15"}``; the watermark is the end of the first unbroken run. Each sync reads the
weeks of the history horizon that are not finished yet, plus the last
`finance_reread_weeks` weeks again (WB revises recent reports).

Only the *last* page of a window carries the state that marks it finished: for the
detailed report that is the HTTP 204 which ends the ``rrdId`` loop (a `Page` with an
empty body and ``records == 0``); earlier pages carry the state as it was before.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from svodka.sources.base import Page
from svodka.sources.intervals import Interval, chunk, covered, finished_weeks, from_state, merge, to_state
from svodka.sources.paginators import OffsetPaginator, PageRequest, Paginator, RrdIdPaginator
from svodka.sources.times import msk_date
from svodka.sources.wb import contracts, limits
from svodka.sources.wb.common import WBStream

DETAILED_SINCE = date(2024, 1, 29)
"""Details of sales reports are available since this date (financial-reports-and-accounting.json)."""
LIST_SINCE = date(2025, 1, 1)
"""The list of sales reports holds data since this date."""


def needed_weeks(
    done: Sequence[Interval], today: date, *, history_days: int, reread_weeks: int, since: date
) -> list[Interval]:
    """Finished weeks within the horizon that are not finished in `done`, plus the last `reread_weeks`."""
    weeks = finished_weeks(max(today - timedelta(days=history_days), since), today)
    reread = set(weeks[-reread_weeks:]) if reread_weeks else set()
    return [w for w in weeks if w in reread or not covered(done, w)]


class WeeklyReportStream(WBStream):
    """Base of the finance streams: finished weeks as windows, the state as finished intervals."""

    host = "finance-api"
    since: ClassVar[date]
    """The first day the method serves."""

    def needed(self, state: Mapping[str, Any] | None, now: datetime) -> tuple[list[Interval], list[Interval]]:
        """The finished intervals of the stored `state` and the weeks this sync reads."""
        opts = self.options
        done = from_state(state, source=self.ctx.source, stream=self.name)
        weeks = needed_weeks(
            done,
            msk_date(now),
            history_days=opts.history_days,
            reread_weeks=opts.finance_reread_weeks,
            since=self.since,
        )
        return done, weeks

    def window_pages(
        self, request: PageRequest, pager: Paginator, window: Interval, done: list[Interval]
    ) -> Generator[Page, None, list[Interval]]:
        """Page `request` to its end; only the last page marks `window` finished in the state.

        Returns the finished intervals with `window` among them.
        """
        meta = {"date_from": window[0].isoformat(), "date_to": window[1].isoformat()}
        req = pager.first(request)
        seen = 0
        while True:
            resp = self.fetch(req)
            rows = self.rows(resp)
            self.check(rows, offset=seen)
            seen += len(rows)
            pager.update(resp.status, resp.data, rows)
            finished = not pager.has_more
            if finished:
                done = merge([*done, window])
            page = self.page(resp, len(rows), state=to_state(done), meta=meta)
            # Drop the parsed answer before the next request: a page holds up to 100,000 lines.
            resp = rows = None
            yield page
            page = None
            if finished:
                return done
            req = pager.next_request(req)


class RealizationStream(WeeklyReportStream):
    """``wb_realization``: ``POST /api/finance/v1/sales-reports/detailed``, weekly, by ``rrdId``."""

    name = "wb_realization"
    path = "/api/finance/v1/sales-reports/detailed"
    contract = contracts.REALIZATION
    policies = (limits.FINANCE_DETAILED,)
    since = DETAILED_SINCE

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Read every needed window; each ends on HTTP 204, whose page marks the window finished."""
        opts = self.options
        done, weeks = self.needed(state, now)
        for first, last in chunk(weeks, opts.finance_window_weeks):
            body = {
                "dateFrom": max(first, DETAILED_SINCE).isoformat(),
                "dateTo": last.isoformat(),
                "limit": opts.finance_page_limit,
                "period": "weekly",
            }
            pager = RrdIdPaginator(max_pages=opts.max_pages, source=self.ctx.source)
            done = yield from self.window_pages(
                PageRequest("POST", self.path, json=body), pager, (first, last), done
            )


class RealizationReportsStream(WeeklyReportStream):
    """``wb_realization_reports``: ``POST /api/finance/v1/sales-reports/list`` — report headers.

    One date range (the first needed week to the last finished Sunday), ``limit``/``offset``
    until an empty answer; the last page marks the whole range finished.
    """

    name = "wb_realization_reports"
    path = "/api/finance/v1/sales-reports/list"
    contract = contracts.REALIZATION_REPORTS
    policies = (limits.FINANCE_LIST,)
    since = LIST_SINCE

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Read the report headers of every needed week in one paged range."""
        opts = self.options
        done, weeks = self.needed(state, now)
        if not weeks:
            return
        first, last = weeks[0][0], weeks[-1][1]
        body = {
            "dateFrom": max(first, LIST_SINCE).isoformat(),
            "dateTo": last.isoformat(),
            "period": "weekly",
        }
        pager = OffsetPaginator(
            opts.reports_page_limit, in_body=True, max_pages=opts.max_pages, source=self.ctx.source
        )
        yield from self.window_pages(PageRequest("POST", self.path, json=body), pager, (first, last), done)
