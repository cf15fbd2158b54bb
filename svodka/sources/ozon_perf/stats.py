"""``ozon_perf_stats``: daily campaign statistics through the asynchronous report flow.

One export: ``POST /api/client/statistics`` ``{"campaigns": [≤10 ids], "dateFrom", "dateTo"
(≤62 days), "groupBy": "DATE"}`` → ``{"UUID"}``; poll ``GET /api/client/statistics/{UUID}``
while its ``state`` is ``NOT_STARTED`` / ``IN_PROGRESS`` until ``OK`` (``ERROR`` fails); then
``GET /api/client/statistics/report?UUID=…`` gives a CSV (one campaign) or a ZIP of
``<campaignId>.csv`` (several). The account may run one export at a time (a second one is
refused with 429), so exports run strictly one after another.

The page body is the report file verbatim (the lake keeps it); `report.decode_report` turns
it into records. Days are complete Moscow days up to yesterday; state ``{"last_day": …}``
moves to a window's end with its last export. The first sync reaches `history_days` back,
later ones re-read the last `reread_days` days.
"""

from __future__ import annotations

import csv
import logging
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from svodka.errors import FatalSourceError, RetriableError
from svodka.sources.base import Page
from svodka.sources.http import Response
from svodka.sources.intervals import Interval, day_windows, days_to_read, last_day_from_state
from svodka.sources.ozon_perf import contracts, limits
from svodka.sources.ozon_perf.common import Campaign, PerfStream
from svodka.sources.ozon_perf.report import TruncatedReport, decode_report, report_format
from svodka.sources.paginators import PageRequest
from svodka.sources.times import msk_date

log = logging.getLogger(__name__)

STATISTICS = "/api/client/statistics"
REPORT = "/api/client/statistics/report"
PENDING = frozenset({"NOT_STARTED", "IN_PROGRESS"})


class StatsStream(PerfStream):
    """Daily statistics of every campaign that may have run, ≤10 campaigns × ≤62 days per export."""

    name = "ozon_perf_stats"
    record_path = ()
    contract = contracts.STATS
    policies = (limits.DAILY,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Export the days not stored yet plus the re-read ones, window by window."""
        opts = self.options
        done = last_day_from_state(state, source=self.ctx.source, stream=self.name)
        span = days_to_read(done, msk_date(now), history_days=opts.history_days, reread_days=opts.reread_days)
        if span is None:
            return
        campaigns = [Campaign.of(r) for _, rows in self.campaign_pages() for r in rows]
        for window in day_windows(span, opts.stats_window_days):
            ids = sorted({c.id for c in campaigns if c.may_have_stats(window)}, key=_numeric)
            batches = [
                ids[i : i + opts.campaigns_per_report] for i in range(0, len(ids), opts.campaigns_per_report)
            ]
            for i, batch in enumerate(batches):
                resp, records = self.export(batch, window)
                if i == len(batches) - 1:  # the window is complete with its last export stored
                    done = max(done or window[1], window[1])
                meta = {
                    "date_from": window[0].isoformat(),
                    "date_to": window[1].isoformat(),
                    "format": report_format(resp.body),
                    "campaigns": batch,
                }
                yield self.page(
                    resp, records, state={"last_day": done.isoformat()} if done else None, meta=meta
                )

    def export(self, campaigns: Sequence[str], window: Interval) -> tuple[Response, int]:
        """Run one export to its download; return the answer and its number of records."""
        with self.ctx.export_lock:
            created = self.fetch(
                PageRequest(
                    "POST",
                    STATISTICS,
                    json={
                        "campaigns": list(campaigns),
                        "dateFrom": window[0].isoformat(),
                        "dateTo": window[1].isoformat(),
                        "groupBy": "DATE",
                    },
                )
            )
            uuid = created.data.get("UUID") if isinstance(created.data, Mapping) else None
            if not isinstance(uuid, str) or not uuid:
                raise FatalSourceError(
                    f"POST {STATISTICS} answered without a UUID: {created.body[:200]!r}",
                    source=self.ctx.source,
                )
            self.wait(uuid)
            return self.download(uuid, campaigns, window)

    def wait(self, uuid: str) -> None:
        """Poll the report's state until ``OK``; ``ERROR`` or `report_timeout` raise."""
        opts, ctx = self.options, self.ctx
        deadline = ctx.clock() + opts.report_timeout
        while True:
            resp = self.fetch(PageRequest("GET", f"{STATISTICS}/{uuid}"))
            data = resp.data if isinstance(resp.data, Mapping) else {}
            state = data.get("state")
            if state == "OK":
                return
            if state == "ERROR":
                raise RetriableError(
                    f"Ozon could not build statistics report {uuid}: "
                    f"{data.get('error') or 'no reason given'}",
                    source=ctx.source,
                    hint="Ozon failed the export; the next run asks for it again.",
                )
            if state not in PENDING:
                # A state we do not know yet: keep waiting, bounded by the timeout.
                log.warning("[%s] statistics report %s has unknown state %r", ctx.source, uuid, state)
            if ctx.clock() >= deadline:
                raise RetriableError(
                    f"statistics report {uuid} is not ready after {opts.report_timeout:.0f}s "
                    f"(last state {state!r})",
                    source=ctx.source,
                    hint="Ozon is slow to build reports; the next run asks again, or raise report_timeout.",
                )
            ctx.sleep(opts.report_poll_interval)

    def download(self, uuid: str, campaigns: Sequence[str], window: Interval) -> tuple[Response, int]:
        """Fetch the report file and check it decodes; a corrupt file is fetched again."""
        opts, ctx = self.options, self.ctx
        problem = ""
        for _ in range(opts.max_retries + 1):
            resp = ctx.http.request("GET", self.host, REPORT, params={"UUID": uuid}, expect_json=False)
            meta = {"campaigns": list(campaigns)}
            try:
                records = decode_report(resp.body, meta, source=ctx.source)
            except (TruncatedReport, zipfile.BadZipFile, csv.Error, EOFError) as e:
                problem = f"{type(e).__name__}: {e}"
                log.warning(
                    "[%s] statistics report %s is corrupt (%s); fetching it again", ctx.source, uuid, problem
                )
                continue
            self.check(records)
            return resp, len(records)
        raise RetriableError(
            f"statistics report {uuid} for {window[0]}–{window[1]} stayed corrupt after "
            f"{opts.max_retries + 1} downloads: {problem}",
            source=ctx.source,
        )


def _numeric(campaign_id: str) -> tuple[int, str]:
    return (int(campaign_id), campaign_id) if campaign_id.isdigit() else (0, campaign_id)
