"""What every WB stream shares: the context, fetching, record extraction, Moscow time."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from svodka.errors import RecordError
from svodka.sources.base import Page
from svodka.sources.http import Action, HttpClient, Response, StatusRule
from svodka.sources.paginators import OffsetPaginator, PageRequest
from svodka.sources.ratelimit import RatePolicy
from svodka.sources.validation import RecordContract
from svodka.sources.wb.options import WBOptions
from svodka.timeutil import MSK


@dataclass(frozen=True)
class WBContext:
    """Shared by the streams of one connection."""

    source: str
    """``wb:<connection>``, the name in every message."""
    http: HttpClient
    options: WBOptions
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic


def error_flag_rule(resp: Response) -> Action:
    """Some WB methods answer ``200 {"error": true, "errorText": …}``: that is a failure."""
    data = resp.data
    if isinstance(data, Mapping) and data.get("error") is True:
        return Action.FATAL
    return Action.OK


class WBStream:
    """Base of the WB streams: declares host, record path, contract and rate limits."""

    name: str
    host: ClassVar[str]
    record_path: ClassVar[tuple[str, ...]] = ()
    contract: ClassVar[RecordContract]
    policies: ClassVar[tuple[RatePolicy, ...]] = ()
    status_actions: ClassVar[Mapping[int, StatusRule] | None] = None

    def __init__(self, ctx: WBContext) -> None:
        self.ctx = ctx
        self.options = ctx.options

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, source={self.ctx.source!r})"

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Yield pages from the stored `state` onwards, as of the instant `now` (UTC)."""
        raise NotImplementedError

    def fetch(self, req: PageRequest) -> Response:
        """Send `req` to this stream's host through the shared client."""
        return self.ctx.http.request(
            req.method,
            self.host,
            req.path,
            params=req.params,
            json=req.json,
            status_actions=self.status_actions,
        )

    def rows(self, resp: Response) -> list[Any]:
        """The records at `record_path` (an answer without body, or ``null`` there, holds none)."""
        data = resp.data
        for key in self.record_path:
            if data is None:
                break
            if not isinstance(data, Mapping) or key not in data:
                path = ".".join(self.record_path)
                raise RecordError(
                    f"the answer has no {path!r} (top-level keys: {_keys(resp.data)})",
                    source=self.ctx.source,
                    stream=self.name,
                    field=path,
                )
            data = data[key]
        if data is None:
            return []
        if not isinstance(data, list):
            raise RecordError(
                f"expected an array of records, got {type(data).__name__}",
                source=self.ctx.source,
                stream=self.name,
                field=".".join(self.record_path),
            )
        return data

    def check(self, rows: Sequence[Any], offset: int = 0) -> None:
        """Validate the rows against the stream's contract (raises `RecordError`)."""
        self.contract.validate(rows, source=self.ctx.source, stream=self.name, offset=offset)

    def page(
        self,
        resp: Response,
        n: int,
        state: Mapping[str, Any] | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> Page:
        """A `Page` of this stream from one answer holding `n` records."""
        return Page(
            stream=self.name,
            request=resp.request,
            status=resp.status,
            body=resp.body,
            fetched_at=resp.fetched_at,
            records=n,
            record_path=self.record_path,
            state=state,
            meta=dict(meta or {}),
        )

    def snapshot_pages(self, pager: OffsetPaginator, request: PageRequest, now: datetime) -> Iterator[Page]:
        """Page an offset-paged snapshot to its empty end, each page tagged with the Moscow date."""
        meta = {"snapshot_date": msk_date(now).isoformat()}
        req = pager.first(request)
        seen = 0
        while pager.has_more:
            resp = self.fetch(req)
            rows = self.rows(resp)
            self.check(rows, offset=seen)
            pager.update(resp.status, resp.data, rows)
            if rows or seen == 0:  # an empty first page is an (empty) snapshot worth storing
                yield self.page(resp, len(rows), meta=meta)
            seen += len(rows)
            req = pager.next_request(req)


def _keys(data: Any) -> str:
    return ", ".join(sorted(map(str, data))) if isinstance(data, Mapping) else type(data).__name__


def msk(now: datetime) -> datetime:
    """`now` as a naive Moscow wall-clock time (WB statistics speaks naive MSK); naive = UTC."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(MSK).replace(tzinfo=None)


def msk_date(now: datetime) -> date:
    """The Moscow business date of the instant `now`."""
    return msk(now).date()


def parse_wb_datetime(value: str) -> datetime:
    """WB's date-time as naive MSK: ``2026-11-20``, ``…T13:45:12``, ``….123456789``, ``…Z``, ``…+03:00``."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    if "." in text:  # Python takes at most 6 fraction digits; WB sends up to 9
        head, _, rest = text.partition(".")
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = f"{head}.{rest[: min(digits, 6)]:0<6}{rest[digits:]}"
    dt = datetime.fromisoformat(text)
    return dt.astimezone(MSK).replace(tzinfo=None) if dt.tzinfo else dt


def format_wb_datetime(dt: datetime) -> str:
    """A naive MSK date-time as WB's ``dateFrom`` (RFC3339 without zone, seconds)."""
    return dt.replace(microsecond=0).isoformat()
