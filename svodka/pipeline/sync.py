"""Sync one connection: extract every stream to the lake, load raw, then move the cursors.

The order is the whole point (STYLE.md: never move a bookmark past what was stored):

1. every page of every stream → the lake (verbatim, with a manifest row);
2. all of the run's pages → raw, in one load that is undone if it fails;
3. the lake marks the run committed (it is now part of every replay);
4. all stream cursors move in one control-DB transaction.

If anything fails before step 4, the warehouse and the cursors are as they were and the
next sync simply starts from the old cursors again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from svodka.errors import ResumableStop
from svodka.lake.store import Lake, new_run_id
from svodka.pipeline.load import load_run
from svodka.sources.base import Connector, Page
from svodka.timeutil import utcnow
from svodka.warehouse.client import Warehouse


@dataclass
class StreamStats:
    pages: int = 0
    records: int = 0
    bytes: int = 0


@dataclass
class SyncResult:
    run_id: str
    source: str
    connection: str
    streams: dict[str, StreamStats] = field(default_factory=dict)
    states: dict[str, Any] = field(default_factory=dict)
    stopped: ResumableStop | None = None
    """Set when a stream stopped early on a spent quota: what was read is still committed."""

    @property
    def records(self) -> int:
        return sum(s.records for s in self.streams.values())


class StateStore:
    """What sync needs from the control DB: read the cursors, commit them all at once."""

    def get_states(self, connection_id: int) -> Mapping[str, Any]: ...  # pragma: no cover

    def commit_states(self, connection_id: int, states: Mapping[str, Any]) -> None: ...  # pragma: no cover


def extract(
    connector: Connector,
    lake: Lake,
    run_id: str,
    states: Mapping[str, Any],
    now: datetime,
    streams: set[str] | None = None,
    on_page: Callable[[Page], None] | None = None,
    on_stream: Callable[[str, StreamStats | None], None] | None = None,
) -> SyncResult:
    """Read the connector's streams into the lake under `run_id`; return counts and new states.

    `on_stream(name, None)` is called when a stream starts, `on_stream(name, stats)` when it
    has been read to its end.
    """
    result = SyncResult(run_id, connector.source, connector.connection)
    with lake.writer(run_id, connector.source, connector.connection) as writer:
        for stream in connector.streams():
            if streams and stream.name not in streams:
                continue
            stats = result.streams.setdefault(stream.name, StreamStats())
            if on_stream:
                on_stream(stream.name, None)
            try:
                for page in stream.read(states.get(stream.name), now):
                    writer.put(page)
                    stats.pages += 1
                    stats.records += page.records
                    stats.bytes += len(page.body)
                    if page.state is not None:
                        result.states[stream.name] = page.state
                    if on_page:
                        on_page(page)
                    del page  # the body can go before the connector fetches the next one
            except ResumableStop as stop:
                # keep what was read: the pages so far and their cursors are committed below,
                # and the later streams wait for the next sync
                result.stopped = stop
                break
            if on_stream:
                on_stream(stream.name, stats)
    return result


def sync_connection(
    connector: Connector,
    connection_id: int,
    store: StateStore,
    lake: Lake,
    wh: Warehouse,
    *,
    now: datetime | None = None,
    streams: set[str] | None = None,
    on_page: Callable[[Page], None] | None = None,
    on_load: Callable[[str], None] | None = None,
    on_stream: Callable[[str, StreamStats | None], None] | None = None,
) -> SyncResult:
    """Run the four steps above for one connection; raise on failure with nothing committed.

    A stream stopping on a spent quota (`ResumableStop`) is the one exception: what was read
    up to there is loaded and its cursors committed, then the stop is raised, so the user
    sees it and the next sync resumes.
    """
    now = now or utcnow()
    run_id = new_run_id()
    result = extract(
        connector, lake, run_id, store.get_states(connection_id), now, streams, on_page, on_stream
    )
    if on_load:
        on_load(run_id)
    load_run(wh, lake, run_id)
    lake.commit(run_id)
    store.commit_states(connection_id, result.states)
    if result.stopped is not None:
        raise result.stopped
    return result
