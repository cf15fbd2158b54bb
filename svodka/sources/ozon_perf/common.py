"""What the Ozon Performance streams share: the host, the campaign list and its paging, dates.

Performance dates are Moscow dates ("Даты в отчётах рекламного кабинета группируются по
московскому времени"); instants (``createdAt``) are RFC 3339, UTC.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from svodka.sources.http import Response
from svodka.sources.intervals import Interval
from svodka.sources.ozon_perf import contracts
from svodka.sources.paginators import PageRequest, Paginator, Record
from svodka.sources.stream import HttpStream, StreamContext
from svodka.sources.times import msk_date, parse_iso

CAMPAIGNS = "/api/client/campaign"


@dataclass(frozen=True)
class PerfContext(StreamContext):
    """Shared by the streams of one Performance connection."""

    export_lock: threading.Lock = field(default_factory=threading.Lock)
    """Held for a statistics export from request to download: one export at a time per account."""


class QueryPagePaginator(Paginator):
    """``page`` (from 1) and ``pageSize`` in the query until a short or empty page.

    The campaign list answers only ``list[]``, with no total or page count, so a page shorter
    than the size asked for is the last. A page that repeats the previous one's first record
    means the server ignores ``page``: a `PaginationError`, not an endless loop.
    """

    def __init__(self, size: int, *, key: str = "id", **kw: Any) -> None:
        super().__init__(**kw)
        self.size = size
        self.key = key
        self.page = 1
        self._first_keys: set[Any] = set()

    def first(self, request: PageRequest) -> PageRequest:
        self.page = 1
        return self._at(request)

    def update(self, status: int, data: Any, records: Sequence[Record]) -> None:
        self._count()
        self.has_more = len(records) >= self.size
        if records:
            first = records[0].get(self.key) if isinstance(records[0], Mapping) else None
            if first in self._first_keys:
                raise self._fail(
                    f"page {self.page} starts with the same record ({self.key}={first}) as an earlier "
                    "page: the API ignores the page number"
                )
            self._first_keys.add(first)

    def next_request(self, request: PageRequest) -> PageRequest:
        self.page += 1
        return self._at(request)

    def _at(self, request: PageRequest) -> PageRequest:
        return request.with_params(page=self.page, pageSize=self.size)


@dataclass(frozen=True)
class Campaign:
    """What the statistics stream needs to know of one campaign."""

    id: str
    created: date | None
    """Moscow date the campaign was created (None if unknown)."""
    ends: date | None
    """The campaign's last day (``toDate``), None when open-ended or unknown."""

    def may_have_stats(self, window: Interval) -> bool:
        """Could the campaign have figures in `window`: created by its end, not ended before it."""
        first, last = window
        return not (self.created and self.created > last) and not (self.ends and self.ends < first)

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> Campaign:
        """From one ``list[]`` item of the campaign list."""
        return cls(str(record["id"]), _instant_day(record.get("createdAt")), _day(record.get("toDate")))


class PerfStream(HttpStream):
    """Base of the Performance streams (one host, bearer token via the client's auth provider)."""

    host = "api-performance"
    ctx: PerfContext

    def campaign_pages(self) -> Iterator[tuple[Response, list[Any]]]:
        """Every page of ``GET /api/client/campaign`` with its validated ``list[]`` records."""
        pager = QueryPagePaginator(
            self.options.campaigns_page_size, max_pages=self.options.max_pages, source=self.ctx.source
        )
        return self.walk(
            PageRequest("GET", CAMPAIGNS), pager, record_path=("list",), contract=contracts.CAMPAIGNS
        )


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _instant_day(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return msk_date(parse_iso(value))
    except ValueError:
        return None
