"""``ozon_perf_campaigns``: every advertising campaign of the account, a snapshot."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from svodka.sources.base import Page
from svodka.sources.ozon_perf import contracts, limits
from svodka.sources.ozon_perf.common import PerfStream


class CampaignsStream(PerfStream):
    """``GET /api/client/campaign`` (all states and types), ``page``/``pageSize``; records at ``list``."""

    name = "ozon_perf_campaigns"
    record_path = ("list",)
    contract = contracts.CAMPAIGNS
    policies = (limits.DAILY,)

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Snapshot every campaign, each page tagged with the Moscow date of `now`."""
        yield from self.snapshot(self.campaign_pages(), now)
