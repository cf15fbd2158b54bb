"""What every MPStats stream shares: the quota, 202 polling, ag-grid paging, dates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from svodka.errors import AuthError, ConfigError, RetriableError
from svodka.sources.http import Action, Response, StatusRule
from svodka.sources.mpstats.quota import Quota
from svodka.sources.paginators import PageRequest, Paginator
from svodka.sources.stream import HttpStream, StreamContext
from svodka.sources.times import msk_date

HOST = "mpstats"
"""The one host family: ``https://mpstats.io/api``."""

_LONG_WAIT = 60.0
"""A 429 asking to wait longer than this may mean the quota is spent: the quota is read again."""


@dataclass
class TopItems:
    """Competitor item ids per marketplace, highest revenue first, as the category stream left
    them at one sync instant; the item sales streams read them."""

    now: datetime | None = None
    ids: dict[str, list[int]] = field(default_factory=dict)

    def get(self, mp: str, now: datetime) -> list[int] | None:
        """The ids of `mp` put at `now`, or None."""
        return list(self.ids[mp]) if self.now == now and mp in self.ids else None

    def put(self, mp: str, now: datetime, ids: Sequence[int]) -> None:
        """Remember the ids of `mp` at `now`."""
        if self.now != now:
            self.now, self.ids = now, {}
        self.ids[mp] = list(ids)


@dataclass(frozen=True)
class MPStatsContext(StreamContext):
    """Shared by the streams of one MPStats connection."""

    quota: Quota | None = None
    top: TopItems = field(default_factory=TopItems)


class MPStatsStream(HttpStream):
    """Base: every request spends quota; a 202 is polled again after `poll_interval`."""

    host = HOST
    mp: ClassVar[str]
    """``wb`` or ``oz``: the marketplace segment of the legacy paths."""
    status_actions: ClassVar[Mapping[int, StatusRule]] = {202: Action.NO_DATA}
    ctx: MPStatsContext

    @property
    def quota(self) -> Quota:
        assert self.ctx.quota is not None
        return self.ctx.quota

    def fetch(self, req: PageRequest, status_actions: Mapping[int, StatusRule] | None = None) -> Response:
        """Send `req` within the quota, polling while the answer is 202 (accepted, not ready)."""
        opts = self.options
        for poll in range(opts.max_polls + 1):
            if poll:
                self.ctx.sleep(opts.poll_interval)
            self.quota.spend()
            try:
                resp = super().fetch(req, status_actions)
            except (AuthError, RetriableError) as e:
                self._refused(e)
                raise
            if resp.status != 202:
                return resp
        raise RetriableError(
            f"{req.method} {req.path} was still not ready (HTTP 202) after {opts.max_polls} polls "
            f"{opts.poll_interval:g}s apart",
            source=self.ctx.source,
            hint="MPStats builds this answer slowly; the next sync asks again (or raise max_polls).",
        )

    def _refused(self, error: AuthError | RetriableError) -> None:
        """A 403, or a 429 with a long wait, may mean the plan's quota is spent: say so if it is."""
        if isinstance(error, RetriableError) and (error.retry_after or 0) <= _LONG_WAIT:
            return
        self.quota.refresh()
        if self.quota.used >= self.quota.available:
            wait = getattr(error, "retry_after", None)
            if self.quota.reset is None and wait:  # the server's Retry-After says when it renews
                when = datetime.now(UTC) + timedelta(seconds=wait)
                self.quota.reset = when.strftime("%Y-%m-%d %H:%M UTC")
            raise self.quota.error() from error

    def yesterday(self, now: datetime) -> date:
        """The last day MPStats has finished (Moscow)."""
        return msk_date(now) - timedelta(days=1)

    def first_day(self, now: datetime) -> date:
        """The first day a stream without state reads."""
        return self.yesterday(now) - timedelta(days=self.options.history_days - 1)

    def stored_day(self, value: Any, what: str) -> date:
        """A day saved in the state."""
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ConfigError(
                f"[{self.ctx.source}] stored {what} of stream {self.name} is not a date: {value!r}",
                hint="Reset the stream's state to re-read its history.",
            ) from None


class AgGridPaginator(Paginator):
    """``startRow``/``endRow`` in the JSON body (at most `rows` apart) until ``total`` rows are read."""

    def __init__(self, rows: int, *, start: int = 0, **kw: Any) -> None:
        super().__init__(**kw)
        self.rows, self.row, self.total = rows, start, None

    def first(self, request: PageRequest) -> PageRequest:
        return self._at(request)

    def update(self, status: int, data: Any, records: Sequence[Any]) -> None:
        self._count()
        total = data.get("total") if isinstance(data, Mapping) else None
        if type(total) is not int:
            raise self._fail(f"a page came without an integer 'total' (got {total!r})")
        self.total = total
        self.row += len(records)
        self.has_more = bool(records) and self.row < total

    def next_request(self, request: PageRequest) -> PageRequest:
        return self._at(request)

    def _at(self, request: PageRequest) -> PageRequest:
        rows = {"startRow": self.row, "endRow": self.row + self.rows}
        return request.with_json({**(request.json or {}), **rows})
