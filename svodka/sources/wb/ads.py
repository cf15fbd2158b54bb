"""WB advertising (advert-api, token category Promotion): campaigns, daily statistics, spend.

* ``wb_ads_campaigns`` — a snapshot: ``GET /adv/v1/promotion/count`` lists every campaign id
  (grouped by type and status, with the time of its last change), then
  ``GET /api/advert/v2/adverts?ids=…`` (≤50 ids) gives their settings; only the adverts
  answers are stored (records at ``adverts``).
* ``wb_ads_stats`` — ``GET /adv/v3/fullstats?ids=…&beginDate=…&endDate=…`` (≤50 ids, ≤31 days,
  3 requests a minute): one record per campaign with its ``days[]``.
* ``wb_ads_spend`` — ``GET /adv/v1/upd?from=…&to=…`` (≤31 days): the write-offs.

Stats and spend are read by complete Moscow days up to yesterday. State:
``{"last_day": "2026-11-24"}``; the first sync reaches `history_days` back, later ones re-read
the last `ads_reread_days` days (WB settles them late). Only the last page of a window moves
the state to the window's end; earlier pages carry the state as it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from svodka.errors import RecordError
from svodka.sources.base import Page
from svodka.sources.intervals import Interval, day_windows, days_to_read, last_day_from_state
from svodka.sources.paginators import PageRequest
from svodka.sources.times import msk_date
from svodka.sources.wb import contracts, limits
from svodka.sources.wb.common import WBStream, parse_wb_datetime

COUNT = "/adv/v1/promotion/count"
ADVERTS = "/api/advert/v2/adverts"
FULLSTATS = "/adv/v3/fullstats"
UPD = "/adv/v1/upd"

STATS_STATUSES = frozenset({7, 9, 11})
"""fullstats serves campaigns that are completed (7), active (9) or paused (11)."""
RUNNING = 9


@dataclass(frozen=True)
class Campaign:
    """One campaign as ``promotion/count`` lists it."""

    advert_id: int
    status: int
    changed: date | None
    """Moscow date of the campaign's last change (None if WB sent none we can read)."""

    def may_have_stats(self, first_day: date) -> bool:
        """Could fullstats hold figures for this campaign on or after `first_day`?

        Completing or pausing a campaign changes it, so a completed or paused campaign whose
        last change is older than the window did not run in it.
        """
        if self.status not in STATS_STATUSES:
            return False
        return self.status == RUNNING or self.changed is None or self.changed >= first_day


def batched(ids: Sequence[int], size: int) -> list[list[int]]:
    """`ids` in consecutive batches of at most `size`."""
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


def _ids(batch: Sequence[int]) -> str:
    return ",".join(map(str, batch))


class AdsStream(WBStream):
    """Base of the advertising streams: the advert-api host and the campaign list."""

    host = "advert-api"

    def campaigns(self) -> list[Campaign]:
        """Every campaign of the account, by id, from ``GET /adv/v1/promotion/count``."""
        resp = self.fetch(PageRequest("GET", COUNT))
        data = resp.data
        if not isinstance(data, Mapping) or not isinstance(data.get("adverts", []), list | None):
            raise RecordError(
                f"the campaign list is not an object with an 'adverts' array: {resp.body[:200]!r}",
                source=self.ctx.source,
                stream=self.name,
                field="adverts",
            )
        groups = data.get("adverts") or []  # null when the account has no campaigns
        contracts.ADS_COUNT.validate(groups, source=self.ctx.source, stream=self.name)
        found: dict[int, Campaign] = {}
        for group in groups:
            for item in group["advert_list"]:
                found[item["advertId"]] = Campaign(
                    item["advertId"], group["status"], _msk_day(item["changeTime"])
                )
        return [found[k] for k in sorted(found)]


class AdsCampaignsStream(AdsStream):
    """``wb_ads_campaigns``: every campaign's settings, a snapshot dated in Moscow."""

    name = "wb_ads_campaigns"
    record_path = ("adverts",)
    contract = contracts.ADS_CAMPAIGNS
    policies = (limits.ADS_COUNT, limits.ADS_ADVERTS)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """List the campaign ids, then fetch their details ≤50 ids at a time."""
        meta = {"snapshot_date": msk_date(now).isoformat()}
        ids = [c.advert_id for c in self.campaigns()]
        seen = 0
        for batch in batched(ids, self.options.ads_ids_per_request):
            resp = self.fetch(PageRequest("GET", ADVERTS, {"ids": _ids(batch)}))
            rows = self.rows(resp)
            self.check(rows, offset=seen)
            seen += len(rows)
            yield self.page(resp, len(rows), meta=meta)


class DailyAdsStream(AdsStream):
    """Base of the streams read by complete days in windows of ≤31 days."""

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Read the days not stored yet plus the re-read ones, window by window."""
        opts = self.options
        done = last_day_from_state(state, source=self.ctx.source, stream=self.name)
        span = days_to_read(
            done, msk_date(now), history_days=opts.history_days, reread_days=opts.ads_reread_days
        )
        if span is None:
            return
        for window in day_windows(span, opts.ads_window_days):
            requests = list(self.requests(window))
            meta = {"date_from": window[0].isoformat(), "date_to": window[1].isoformat()}
            seen = 0
            for i, req in enumerate(requests):
                resp = self.fetch(req)
                rows = self.rows(resp)
                self.check(rows, offset=seen)
                seen += len(rows)
                if i == len(requests) - 1:  # the window is complete once its last request is stored
                    done = max(done or window[1], window[1])
                state_now = {"last_day": done.isoformat()} if done else None
                yield self.page(resp, len(rows), state=state_now, meta=meta)

    def requests(self, window: Interval) -> Iterator[PageRequest]:
        """The requests that read one window (none: nothing to read there)."""
        raise NotImplementedError


class AdsStatsStream(DailyAdsStream):
    """``wb_ads_stats``: ``GET /adv/v3/fullstats`` for the campaigns that may have run in a window."""

    name = "wb_ads_stats"
    contract = contracts.ADS_STATS
    policies = (limits.ADS_COUNT, limits.ADS_FULLSTATS)
    _campaigns: list[Campaign] | None = None

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """List the campaigns once, then read their statistics window by window."""
        self._campaigns = None
        yield from super().read(state, now)

    def requests(self, window: Interval) -> Iterator[PageRequest]:
        """≤50 campaign ids per request; only campaigns that may have run in the window."""
        if self._campaigns is None:
            self._campaigns = self.campaigns()
        ids = [c.advert_id for c in self._campaigns if c.may_have_stats(window[0])]
        for batch in batched(ids, self.options.ads_ids_per_request):
            yield PageRequest(
                "GET",
                FULLSTATS,
                {"ids": _ids(batch), "beginDate": window[0].isoformat(), "endDate": window[1].isoformat()},
            )


class AdsSpendStream(DailyAdsStream):
    """``wb_ads_spend``: ``GET /adv/v1/upd`` — what was written off, per window."""

    name = "wb_ads_spend"
    contract = contracts.ADS_SPEND
    policies = (limits.ADS_UPD,)

    def requests(self, window: Interval) -> Iterator[PageRequest]:
        """One request per window."""
        yield PageRequest("GET", UPD, {"from": window[0].isoformat(), "to": window[1].isoformat()})


def _msk_day(value: str) -> date | None:
    try:
        return parse_wb_datetime(value).date()
    except ValueError:
        return None
