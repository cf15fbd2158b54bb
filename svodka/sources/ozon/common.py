"""What every Ozon stream shares: context, token paging, stored cursors, windowed reads, time.

The Seller API speaks UTC ("Seller API работает по UTC"): date-times go out as RFC 3339
in UTC with ``Z``, to the second (see `format_instant`). Business dates (snapshot dates,
accrual days) are Moscow dates.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from svodka.errors import ConfigError
from svodka.sources.base import Page
from svodka.sources.intervals import last_day_from_state
from svodka.sources.paginators import BodyTokenPaginator, PageRequest, Paginator
from svodka.sources.stream import HttpStream, StreamContext
from svodka.sources.times import utc

Window = tuple[datetime, datetime]
"""``(since, to)``: aware UTC instants, both inclusive as Ozon reads them."""


@dataclass
class SkuCache:
    """The SKUs of the account as listed at one sync instant, shared by the stock streams.

    ``ozon_products`` fills it as a side effect of its walk; a stock stream synced on its
    own walks the catalogue itself. Keyed by the sync's `now`, so a new sync never reuses it.
    """

    now: datetime | None = None
    skus: list[int] = field(default_factory=list)

    def get(self, now: datetime) -> list[int] | None:
        """The SKUs listed at `now`, or None if no walk at `now` finished."""
        return list(self.skus) if self.now == now else None

    def put(self, now: datetime, skus: Sequence[int]) -> None:
        """Remember the SKUs of a finished walk at `now`."""
        self.now, self.skus = now, list(skus)


@dataclass(frozen=True)
class OzonContext(StreamContext):
    """Shared by the streams of one Ozon connection."""

    skus: SkuCache = field(default_factory=SkuCache)


class OzonStream(HttpStream):
    """Base of the Ozon streams (all on the ``api-seller`` host, all POST with a JSON body)."""

    host = "api-seller"
    ctx: OzonContext

    def token_pager(self, param: str, **kw: Any) -> BodyTokenPaginator:
        """A cursor/last_id paginator with this connection's page cap and name."""
        return BodyTokenPaginator(param, max_pages=self.options.max_pages, source=self.ctx.source, **kw)

    def stored_instant(self, state: Mapping[str, Any] | None, key: str = "cursor") -> datetime | None:
        """The instant saved under `key` in a stream state (None if there is none)."""
        value = (state or {}).get(key)
        if value is None:
            return None
        try:
            return parse_instant(value)
        except (TypeError, ValueError):
            raise ConfigError(
                f"[{self.ctx.source}] stored cursor of stream {self.name} is not a date-time: {value!r}",
                hint="Reset the stream's state to re-read its history.",
            ) from None

    def stored_date(self, state: Mapping[str, Any] | None, key: str = "date") -> date | None:
        """The date saved under `key` in a stream state (None if there is none)."""
        return last_day_from_state(state, source=self.ctx.source, stream=self.name, key=key)


class WindowedStream(OzonStream):
    """Base of the streams read in time windows from a stored cursor.

    Every window is paged to its end; its last page carries ``{"cursor": "<end of the
    window>"}``, never behind the stored one. By default the windows are `window_days` long
    from `reread_days` before the cursor, paged by ``cursor`` while ``has_next``.
    """

    path: ClassVar[str]

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Read every window up to `now`; the last page of each moves the cursor to its end."""
        end = utc(now).replace(microsecond=0)
        stored = self.stored_instant(state)
        for since, to in self.windows(stored, end):
            meta = {"since": format_instant(since), "to": format_instant(to)}
            done = {"cursor": format_instant(max(to, stored) if stored else to)}
            pager = self.pager()
            for resp, rows in self.walk(PageRequest("POST", self.path, json=self.body(since, to)), pager):
                # The walk has read the paging state of this answer: the last one ends the window.
                yield self.page(resp, len(rows), state=None if pager.has_more else done, meta=meta)

    def windows(self, stored: datetime | None, end: datetime) -> list[Window]:
        """The windows of one sync, oldest first."""
        opts = self.options
        if stored is None:
            start = end - timedelta(days=opts.history_days)
        else:
            start = min(stored - timedelta(days=opts.reread_days), end)
        return day_windows(start, end, opts.window_days)

    def body(self, since: datetime, to: datetime) -> dict[str, Any]:
        """The JSON body of the first request of a window."""
        raise NotImplementedError

    def pager(self) -> Paginator:
        """The paginator of one window."""
        return self.token_pager("cursor", token_path=("cursor",), has_next_path=("has_next",))


def format_instant(dt: datetime, *, millis: bool = False) -> str:
    """An instant as the Seller API documents it: ``2026-11-20T10:00:00Z`` (FBS list's
    ``YYYY-MM-DDThh:mm:ssZ``), or ``2026-11-20T10:00:00.000Z`` with `millis` (transactions)."""
    dt = utc(dt)
    text = dt.strftime("%Y-%m-%dT%H:%M:%S")
    return f"{text}.{dt.microsecond // 1000:03d}Z" if millis else f"{text}Z"


def parse_instant(value: str) -> datetime:
    """An RFC 3339 instant (``…Z`` or with an offset) as an aware UTC datetime."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return utc(datetime.fromisoformat(text))


def day_windows(start: datetime, end: datetime, days: int) -> list[Window]:
    """``[start, end]`` cut into consecutive windows of at most `days` days.

    Neighbours share their boundary instant: a record exactly there is read twice (raw
    keeps both, ods de-duplicates) rather than falling between two windows.
    """
    out: list[Window] = []
    step = timedelta(days=days)
    while start < end:
        to = min(start + step, end)
        out.append((start, to))
        start = to
    return out


def month_windows(start: datetime, end: datetime) -> list[Window]:
    """``[start, end]`` cut at calendar-month boundaries (UTC): no window spans two months."""
    out: list[Window] = []
    while start < end:
        first = start.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        following = (first + timedelta(days=32)).replace(day=1)
        to = min(following - timedelta(milliseconds=1), end)
        out.append((start, to))
        start = following
    return out


def chunks(values: Sequence[Any], size: int) -> Iterator[list[Any]]:
    """`values` in consecutive lists of at most `size`."""
    for i in range(0, len(values), size):
        yield list(values[i : i + size])
