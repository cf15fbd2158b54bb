"""Paginators: small objects, apart from the HTTP client, one per paging style.

Each has four jobs: prepare the first request (`first`), read its state from an answer
(`update`), change the next request (`next_request`) and answer "more?" (`has_more`).
Every loop is guarded: a token that repeats or goes backwards raises `PaginationError`,
and so does passing `max_pages`, so an API that stops advancing can never spin forever.

A request is a plain `PageRequest` (method, path, query params, JSON body); the paginator
returns new ones and never mutates what it was given.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from svodka.errors import PaginationError

Record = Mapping[str, Any]


@dataclass(frozen=True)
class PageRequest:
    """What to send: ``method path?params`` with an optional JSON body."""

    method: str
    path: str
    params: Mapping[str, Any] = field(default_factory=dict)
    json: Any = None

    def with_params(self, **params: Any) -> PageRequest:
        """A copy with these query parameters set."""
        return replace(self, params={**self.params, **params})

    def with_json(self, body: Any) -> PageRequest:
        """A copy with this JSON body."""
        return replace(self, json=body)


class Paginator(ABC):
    """Base: counts pages against `max_pages`; subclasses implement the protocol."""

    def __init__(self, *, max_pages: int = 10_000, source: str = "") -> None:
        self.max_pages = max_pages
        self.source = source
        self.pages = 0
        self.has_more = True

    @abstractmethod
    def first(self, request: PageRequest) -> PageRequest:
        """The first request of the loop."""

    @abstractmethod
    def update(self, status: int, data: Any, records: Sequence[Record]) -> None:
        """Read the paging state from one answer (`records` are the rows at the record path)."""

    @abstractmethod
    def next_request(self, request: PageRequest) -> PageRequest:
        """The request that fetches the page after `request`."""

    def _count(self) -> None:
        self.pages += 1
        if self.pages > self.max_pages:
            raise PaginationError(
                f"more than {self.max_pages} pages in one read; the API may not be advancing",
                source=self.source,
                hint="Raise the page cap in the connection options if the data is "
                "really that large; otherwise report the loop.",
            )

    def _fail(self, message: str) -> PaginationError:
        return PaginationError(
            message,
            source=self.source,
            hint="The API repeated or reversed its paging token; retrying will not help.",
        )


class OffsetPaginator(Paginator):
    """``offset``/``limit`` in the query (or the JSON body) until an empty page.

    `short_page_ends`: a page shorter than `limit` is the last one (only where the API
    honours `limit` exactly; saves one request on slow limits).
    """

    def __init__(
        self,
        limit: int,
        *,
        in_body: bool = False,
        short_page_ends: bool = False,
        offset_param: str = "offset",
        limit_param: str = "limit",
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        self.limit = limit
        self.in_body = in_body
        self.short_page_ends = short_page_ends
        self.offset_param = offset_param
        self.limit_param = limit_param
        self.offset = 0

    def first(self, request: PageRequest) -> PageRequest:
        self.offset = 0
        return self._at(request, 0)

    def update(self, status: int, data: Any, records: Sequence[Record]) -> None:
        self._count()
        n = len(records)
        self.has_more = n > 0 and not (self.short_page_ends and n < self.limit)

    def next_request(self, request: PageRequest) -> PageRequest:
        # WB: "offset plus limit from the previous request".
        self.offset += self.limit
        return self._at(request, self.offset)

    def _at(self, request: PageRequest, offset: int) -> PageRequest:
        values = {self.limit_param: self.limit, self.offset_param: offset}
        if self.in_body:
            return request.with_json({**(request.json or {}), **values})
        return request.with_params(**values)


class RrdIdPaginator(Paginator):
    """WB finance: body ``rrdId`` starts at 0, then the last row's ``rrdId``; HTTP 204 ends it."""

    def __init__(self, *, field_name: str = "rrdId", start: int = 0, **kw: Any) -> None:
        super().__init__(**kw)
        self.field_name = field_name
        self.rrd_id = start

    def first(self, request: PageRequest) -> PageRequest:
        return request.with_json({**(request.json or {}), self.field_name: self.rrd_id})

    def update(self, status: int, data: Any, records: Sequence[Record]) -> None:
        self._count()
        if status == 204 or not records:
            self.has_more = False
            return
        last = records[-1].get(self.field_name)
        if not isinstance(last, int) or isinstance(last, bool):
            raise self._fail(f"the last row has no integer {self.field_name!r} to continue from")
        if last <= self.rrd_id:
            raise self._fail(
                f"{self.field_name} did not advance: asked after {self.rrd_id}, the page ends at {last}"
            )
        self.rrd_id = last

    def next_request(self, request: PageRequest) -> PageRequest:
        return request.with_json({**(request.json or {}), self.field_name: self.rrd_id})


class CardsCursorPaginator(Paginator):
    """WB content: ``settings.cursor {limit, updatedAt, nmID}``; done when ``cursor.total < limit``.

    `start` resumes an incremental read from a saved ``{"updatedAt", "nmID"}`` cursor.
    """

    def __init__(self, limit: int = 100, *, start: Mapping[str, Any] | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.limit = limit
        self.cursor: dict[str, Any] | None = (
            {"updatedAt": start["updatedAt"], "nmID": start["nmID"]} if start else None
        )
        self._seen: set[tuple[Any, Any]] = set()

    def first(self, request: PageRequest) -> PageRequest:
        if self.cursor:
            self._seen.add((self.cursor["updatedAt"], self.cursor["nmID"]))
        return self._at(request)

    def update(self, status: int, data: Any, records: Sequence[Record]) -> None:
        self._count()
        cur = data.get("cursor") if isinstance(data, Mapping) else None
        total = cur.get("total") if isinstance(cur, Mapping) else None
        if not isinstance(total, int) or total < self.limit or not records:
            self.has_more = False
            if records and isinstance(cur, Mapping) and cur.get("updatedAt") is not None:
                self.cursor = {"updatedAt": cur["updatedAt"], "nmID": cur.get("nmID")}
            return
        token = (cur.get("updatedAt"), cur.get("nmID"))
        if token[0] is None or token[1] is None:
            raise self._fail("a full page came without cursor.updatedAt/nmID to continue from")
        if token in self._seen:
            raise self._fail(f"the cards cursor repeated: {token}")
        self._seen.add(token)
        self.cursor = {"updatedAt": token[0], "nmID": token[1]}

    def next_request(self, request: PageRequest) -> PageRequest:
        return self._at(request)

    def _at(self, request: PageRequest) -> PageRequest:
        body = copy.deepcopy(request.json) if request.json else {}
        settings = body.setdefault("settings", {})
        settings["cursor"] = {"limit": self.limit, **(self.cursor or {})}
        return request.with_json(body)


class DateCursorPaginator(Paginator):
    """WB statistics: ``dateFrom`` = the last row's ``lastChangeDate``; ``[]`` ends it.

    The API returns rows with ``lastChangeDate >= dateFrom``, so rows at the boundary come
    again on the next page. Rows are keyed by `key` (e.g. srid + lastChangeDate); `new`
    holds the rows of the last page that were not seen before, and a page with nothing new
    is the end. A cursor that goes backwards is a `PaginationError`.
    """

    def __init__(
        self,
        start: str,
        *,
        param: str = "dateFrom",
        cursor_field: str = "lastChangeDate",
        key: Callable[[Record], Hashable],
        order_key: Callable[[str], Any] = str,
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        self.param = param
        self.cursor_field = cursor_field
        self.key = key
        self.order_key = order_key
        self.cursor = start
        self.new: list[Record] = []
        self.new_indexes: list[int] = []
        self._boundary: set[Hashable] = set()

    def first(self, request: PageRequest) -> PageRequest:
        return request.with_params(**{self.param: self.cursor})

    def release(self) -> None:
        """Forget the last page's new rows (the boundary keys stay), so they can be freed."""
        self.new = []
        self.new_indexes = []

    def update(self, status: int, data: Any, records: Sequence[Record]) -> None:
        self._count()
        boundary, key, field_name = self._boundary, self.key, self.cursor_field
        self.new_indexes = [i for i, r in enumerate(records) if key(r) not in boundary]
        self.new = [records[i] for i in self.new_indexes]
        if not self.new:
            self.has_more = False
            return
        last = records[-1].get(field_name)
        if not isinstance(last, str):
            raise self._fail(f"the last row has no {field_name!r} to continue from")
        if self.order_key(last) < self.order_key(self.cursor):
            raise self._fail(
                f"{field_name} went backwards: asked from {self.cursor}, the page ends at {last}"
            )
        # Rows sharing the last value will come again: remember them (and only them).
        carry = boundary if last == self.cursor else set()
        carry.update(key(r) for r in records if r.get(field_name) == last)
        self._boundary = carry
        self.cursor = last

    def next_request(self, request: PageRequest) -> PageRequest:
        return request.with_params(**{self.param: self.cursor})


def _dig(data: Any, path: Sequence[str]) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, Mapping) else None
    return data


class BodyTokenPaginator(Paginator):
    """A continuation token in the JSON body of a POST (Ozon's ``cursor`` and ``last_id``).

    The first request sends `start` in `param`; the next token comes from the answer at
    `token_path` (``("cursor",)``, ``("result", "last_id")``) or, with `record_field`, from
    the last record (``returns[-1].id``). The loop ends on an empty page; otherwise on
    ``has_next == false`` when `has_next_path` is given, else on an empty token. A token that
    repeats is a `PaginationError`, and so is a page that promises more without a token.
    """

    def __init__(
        self,
        param: str,
        *,
        token_path: Sequence[str] = (),
        record_field: str | None = None,
        has_next_path: Sequence[str] | None = None,
        start: Any = "",
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        if bool(token_path) == bool(record_field):
            raise ValueError("give exactly one of token_path and record_field")
        self.param = param
        self.token_path = tuple(token_path)
        self.record_field = record_field
        self.has_next_path = tuple(has_next_path) if has_next_path else None
        self.token = start
        self._seen: set[Hashable] = set()

    def first(self, request: PageRequest) -> PageRequest:
        return self.next_request(request)

    def update(self, status: int, data: Any, records: Sequence[Record]) -> None:
        self._count()
        if not records:
            self.has_more = False
            return
        if self.record_field:
            last = records[-1]
            token = last.get(self.record_field) if isinstance(last, Mapping) else None
        else:
            token = _dig(data, self.token_path)
        if self.has_next_path is not None:
            self.has_more = _dig(data, self.has_next_path) is True
        else:
            self.has_more = token not in (None, "")
        if not self.has_more:
            return
        where = self.record_field or ".".join(self.token_path)
        if token in (None, "") or not isinstance(token, Hashable):
            raise self._fail(f"a page that promises more came without {where!r} to continue from")
        if token in self._seen or token == self.token:
            raise self._fail(f"{where} repeated: {token!r}")
        self._seen.add(token)
        self.token = token

    def next_request(self, request: PageRequest) -> PageRequest:
        return request.with_json({**(request.json or {}), self.param: self.token})


class PageNumberPaginator(Paginator):
    """``page`` (from 1) and ``page_size`` in the JSON body until the answer's page count.

    `count_path` points at the number of pages (Ozon transactions: ``result.page_count``,
    0 when there is nothing). A page count that is missing ends the loop after this page.
    """

    def __init__(
        self,
        size: int,
        *,
        count_path: Sequence[str],
        page_param: str = "page",
        size_param: str = "page_size",
        **kw: Any,
    ) -> None:
        super().__init__(**kw)
        self.size = size
        self.count_path = tuple(count_path)
        self.page_param = page_param
        self.size_param = size_param
        self.page = 1

    def first(self, request: PageRequest) -> PageRequest:
        self.page = 1
        return self._at(request)

    def update(self, status: int, data: Any, records: Sequence[Record]) -> None:
        self._count()
        count = _dig(data, self.count_path)
        if not isinstance(count, int) or isinstance(count, bool):
            count = 0
        self.has_more = bool(records) and self.page < count

    def next_request(self, request: PageRequest) -> PageRequest:
        self.page += 1
        return self._at(request)

    def _at(self, request: PageRequest) -> PageRequest:
        return request.with_json(
            {**(request.json or {}), self.page_param: self.page, self.size_param: self.size}
        )
