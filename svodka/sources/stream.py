"""A generic base for streams over `HttpClient`: fetch, pick the records, validate, make pages.

A source subclasses `HttpStream` once (its own context and status rules) and each stream
declares its host family, record path, contract and rate limits. The base knows nothing of
any marketplace beyond Moscow snapshot dates; the WB, Ozon and Ozon Performance streams
build on it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from svodka.errors import RecordError
from svodka.sources.base import Page
from svodka.sources.http import HttpClient, Response, StatusRule
from svodka.sources.paginators import PageRequest, Paginator
from svodka.sources.ratelimit import RatePolicy
from svodka.sources.times import msk_date
from svodka.sources.validation import RecordContract


@dataclass(frozen=True)
class StreamContext:
    """Shared by the streams of one connection."""

    source: str
    """``<source>:<connection>``, the name in every message."""
    http: HttpClient
    options: Any
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic


class HttpStream:
    """Base of a stream: declares host, record path, contract and rate limits."""

    name: str
    host: ClassVar[str]
    record_path: ClassVar[tuple[str, ...]] = ()
    contract: ClassVar[RecordContract]
    policies: ClassVar[tuple[RatePolicy, ...]] = ()
    status_actions: ClassVar[Mapping[int, StatusRule] | None] = None

    def __init__(self, ctx: StreamContext) -> None:
        self.ctx = ctx
        self.options = ctx.options

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, source={self.ctx.source!r})"

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Yield pages from the stored `state` onwards, as of the instant `now` (UTC)."""
        raise NotImplementedError

    def fetch(self, req: PageRequest, status_actions: Mapping[int, StatusRule] | None = None) -> Response:
        """Send `req` to this stream's host; `status_actions` override the stream's own rows."""
        rules = {**(self.status_actions or {}), **(status_actions or {})}
        return self.ctx.http.request(
            req.method, self.host, req.path, params=req.params, json=req.json, status_actions=rules or None
        )

    def rows(self, resp: Response, record_path: Sequence[str] | None = None) -> list[Any]:
        """The records at `record_path` (default: the stream's); no body or ``null`` holds none."""
        path = tuple(self.record_path if record_path is None else record_path)
        data = resp.data
        for key in path:
            if data is None:
                break
            if not isinstance(data, Mapping) or key not in data:
                raise RecordError(
                    f"the answer has no {'.'.join(path)!r} (top-level keys: {_keys(resp.data)})",
                    source=self.ctx.source,
                    stream=self.name,
                    field=".".join(path),
                )
            data = data[key]
        if data is None:
            return []
        if not isinstance(data, list):
            raise RecordError(
                f"expected an array of records, got {type(data).__name__}",
                source=self.ctx.source,
                stream=self.name,
                field=".".join(path),
            )
        return data

    def check(self, rows: Sequence[Any], offset: int = 0, contract: RecordContract | None = None) -> None:
        """Validate the rows against `contract`, by default the stream's (raises `RecordError`)."""
        contract = self.contract if contract is None else contract
        contract.validate(rows, source=self.ctx.source, stream=self.name, offset=offset)

    def walk(
        self,
        request: PageRequest,
        pager: Paginator,
        *,
        record_path: Sequence[str] | None = None,
        contract: RecordContract | None = None,
        contract_check: bool = True,
    ) -> Iterator[tuple[Response, list[Any]]]:
        """Page `request` to its end: each answer with its records, validated against
        `contract` (default: the stream's) unless `contract_check` is off."""
        req = pager.first(request)
        seen = 0
        while pager.has_more:
            resp = self.fetch(req)
            rows = self.rows(resp, record_path)
            if contract_check:
                self.check(rows, offset=seen, contract=contract)
            seen += len(rows)
            pager.update(resp.status, resp.data, rows)
            yield resp, rows
            req = pager.next_request(req)

    def snapshot(self, pages: Iterable[tuple[Response, list[Any]]], now: datetime) -> Iterator[Page]:
        """The walked `pages` of a snapshot, each tagged with the Moscow date of `now`."""
        meta = {"snapshot_date": msk_date(now).isoformat()}
        for i, (resp, rows) in enumerate(pages):
            if rows or i == 0:  # an empty first page is an (empty) snapshot worth storing
                yield self.page(resp, len(rows), meta=meta)

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


def _keys(data: Any) -> str:
    return ", ".join(sorted(map(str, data))) if isinstance(data, Mapping) else type(data).__name__
