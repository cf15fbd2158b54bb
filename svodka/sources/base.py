"""The contract between a source connector and the rest of Svodka.

A connector knows its API and nothing of the warehouse: it yields `Page`s, each the
verbatim body of one HTTP answer plus the cursor state that becomes true once that
page is safely stored. The pipeline writes pages to the lake, loads them into
`raw.stg_<stream>`, and only then commits the state (never the other way round).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class Page:
    """One stored unit of raw data: a verbatim response body and where it came from."""

    stream: str
    """Stream name, globally unique, e.g. ``wb_orders``; the raw table is ``raw.stg_<stream>``."""
    request: Mapping[str, Any]
    """How it was fetched, without secrets: ``{"method", "url", "params", "json"}``."""
    status: int
    body: bytes
    """The response body exactly as received (after transport decoding)."""
    fetched_at: datetime
    """UTC instant the response arrived."""
    records: int
    """Number of records the body holds (at `record_path`)."""
    record_path: tuple[str, ...] = ()
    """JSON keys leading from the body's root to the array of records; () = the body is the array."""
    state: Mapping[str, Any] | None = None
    """Stream state to commit once this page and all before it are stored; None = unchanged."""
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Extra facts a loader needs, e.g. ``{"snapshot_date": "2026-11-22"}`` for stock."""


class Stream(Protocol):
    """A named stream of one connection."""

    name: str

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """Yield pages from the stored `state` onwards, as of the instant `now` (UTC)."""
        ...


class Connector(Protocol):
    """A configured connection to one source account."""

    source: str
    connection: str

    def streams(self) -> list[Stream]:
        """All streams this connector can read, in the order they should be synced."""
        ...

    def close(self) -> None:
        """Release HTTP clients."""
        ...
