"""A generic base for streams over `HttpClient`: fetch, pick the records, validate, make pages.

A source subclasses `HttpStream` once (its own context and status rules) and each stream
declares its host family, record path, contract and rate limits. The base knows nothing of
any marketplace; the WB connector has the same shape in `wb/common.py`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from svodka.errors import RecordError
from svodka.sources.base import Page
from svodka.sources.http import HttpClient, Response, StatusRule
from svodka.sources.paginators import PageRequest
from svodka.sources.ratelimit import RatePolicy
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


def _keys(data: Any) -> str:
    return ", ".join(sorted(map(str, data))) if isinstance(data, Mapping) else type(data).__name__
