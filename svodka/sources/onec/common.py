"""What every 1C stream shares: the OData GET, the published names, paging and stored cursors."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import parse_qsl, unquote, urlsplit

from svodka.errors import ConfigError, FatalSourceError, RecordError
from svodka.sources.base import Page
from svodka.sources.http import Response, StatusRule
from svodka.sources.onec import odata
from svodka.sources.onec.metadata import Metadata, parse_metadata
from svodka.sources.paginators import OffsetPaginator, PageRequest
from svodka.sources.stream import HttpStream, StreamContext
from svodka.sources.times import parse_iso

HOST = "odata"
"""The one host family: ``<base_url>/odata/standard.odata``."""


@dataclass
class MetadataCache:
    """The infobase's ``$metadata``, read once per connection on first use."""

    value: Metadata | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class OneCContext(StreamContext):
    """Shared by the streams of one 1C connection."""

    metadata: MetadataCache = field(default_factory=MetadataCache)


class OneCStream(HttpStream):
    """Base of the 1C streams: GET on an entity set (or a register's virtual table), JSON."""

    host = HOST
    record_path = ("value",)
    entity: ClassVar[str]
    """The entity set (or register) the stream reads, as ``$metadata`` names it."""
    ctx: OneCContext

    # --- requests -----------------------------------------------------------------------

    def fetch(self, req: PageRequest, status_actions: Mapping[int, StatusRule] | None = None) -> Response:
        """GET `req` with ``$format=json``; the path and query are percent-encoded here, so
        Cyrillic names go out as UTF-8 and spaces as ``%20``."""
        query = odata.encode_query({"$format": "json", **req.params})
        return self.ctx.http.request(
            "GET", self.host, f"{odata.encode_path(req.path)}?{query}", status_actions=status_actions
        )

    def page(
        self,
        resp: Response,
        n: int,
        state: Mapping[str, Any] | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> Page:
        """A `Page` whose request shows the decoded path and the query options as params."""
        return replace(super().page(resp, n, state, meta), request=readable(resp.request))

    def pager(self) -> OffsetPaginator:
        """``$top``/``$skip`` paging until an empty page (1C has no page cap of its own)."""
        return OffsetPaginator(
            self.options.page_size,
            offset_param="$skip",
            limit_param="$top",
            max_pages=self.options.max_pages,
            source=self.ctx.source,
        )

    def entity_pages(self, params: Mapping[str, Any]) -> Iterator[tuple[Response, list[Any]]]:
        """Every page of the stream's entity set with these query options (``$orderby`` …)."""
        self.require(self.entity)
        yield from self.walk(PageRequest("GET", self.entity, params=dict(params)), self.pager())

    # --- what the infobase publishes ----------------------------------------------------

    def metadata(self) -> Metadata:
        """The infobase's published names (``$metadata``, fetched on first use)."""
        cache = self.ctx.metadata
        with cache.lock:
            if cache.value is None:
                resp = self.ctx.http.request("GET", self.host, "$metadata", expect_json=False)
                try:
                    cache.value = parse_metadata(resp.body)
                except ValueError as e:
                    raise FatalSourceError(
                        f"the $metadata document of the infobase cannot be read: {e}",
                        source=self.ctx.source,
                        hint="Check that the base URL is the infobase publication (…/<infobase>, without "
                        "/odata) and that the standard OData interface is switched on.",
                    ) from None
            return cache.value

    def require(self, entity: str) -> None:
        """Raise a clear error if the infobase does not publish `entity`."""
        if not self.metadata().has(entity):
            raise FatalSourceError(
                f"the infobase does not publish {entity} (stream {self.name})",
                source=self.ctx.source,
                hint="An administrator adds the object to the OData composition "
                "(УстановитьСоставСтандартногоИнтерфейсаOData, or «Настройка автоматического "
                "REST-сервиса» in the БСП-based configurations).",
            )

    # --- cursors ------------------------------------------------------------------------

    def stored_time(self, state: Mapping[str, Any] | None, key: str) -> datetime | None:
        """The 1C date-time saved under `key` in the stream state (None if there is none)."""
        value = (state or {}).get(key)
        if value is None:
            return None
        try:
            return parse_iso(str(value)).replace(tzinfo=None)
        except ValueError:
            raise ConfigError(
                f"[{self.ctx.source}] stored cursor of stream {self.name} is not a date-time: {value!r}",
                hint="Reset the stream's state to re-read its history.",
            ) from None

    def record_time(self, row: Mapping[str, Any], key: str, index: int) -> datetime:
        """The 1C date-time in field `key` of a record; a `RecordError` names it if unreadable."""
        try:
            return parse_iso(row[key]).replace(tzinfo=None)
        except (KeyError, TypeError, ValueError):
            ident = row.get("Ref_Key") or row.get("Номенклатура_Key") or f"#{index}"
            raise RecordError(
                f"not a 1C date-time: {row.get(key)!r}",
                source=self.ctx.source,
                stream=self.name,
                record=str(ident),
                field=key,
            ) from None


def readable(request: Mapping[str, Any]) -> dict[str, Any]:
    """A request as stored in a page: the URL path decoded, the query as a params dict."""
    parts = urlsplit(str(request.get("url", "")))
    url = parts._replace(path=unquote(parts.path), query="").geturl()
    params = {**dict(request.get("params") or {}), **dict(parse_qsl(parts.query, keep_blank_values=True))}
    return {**request, "url": url, "params": params}
