"""Lake → raw: load the stored answers of a run into `raw.records`.

The same code serves a fresh sync and `svodka rebuild --from-lake`, so the raw layer
is always a pure function of the committed lake. Bodies go to `raw.landing` (a Null
table) in batches; ClickHouse splits their record arrays itself, which keeps Python
out of the per-record path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import orjson

from svodka.lake.store import Lake, ManifestEntry
from svodka.warehouse.client import Warehouse

LANDING_COLUMNS = [
    "source",
    "account",
    "stream",
    "run_id",
    "page_id",
    "fetched_at",
    "record_path",
    "meta",
    "body",
]
# A batch bounds memory (bodies are held until the insert) while amortising insert overhead.
BATCH_BYTES = 64 * 1024 * 1024


def _already_loaded(wh: Warehouse, entries: list[ManifestEntry]) -> set[str]:
    """Page ids among `entries` that raw already holds (the same answer fetched before)."""
    if not entries:
        return set()
    rows = wh.rows(
        "SELECT DISTINCT page_id FROM raw.records"
        " WHERE stream IN {s:Array(String)} AND page_id IN {p:Array(String)}",
        {"s": sorted({e.stream for e in entries}), "p": [e.page_id for e in entries]},
    )
    return {r[0] for r in rows}


def load_entries(
    wh: Warehouse,
    lake: Lake,
    entries: Iterable[ManifestEntry],
    progress: Callable[[ManifestEntry], None] | None = None,
) -> tuple[int, int]:
    """Insert the bodies of `entries` into raw; return (pages, records).

    An answer raw already holds (same page id) is skipped: its first fetch stays the one
    on record, so re-reading a window changes nothing downstream.
    """
    entries = list(entries)
    seen = _already_loaded(wh, entries)
    batch: list[tuple] = []
    size = pages = records = 0
    for e in entries:
        if e.page_id in seen:
            continue
        seen.add(e.page_id)
        body = lake.read(e)
        if e.status == 204 or not body.strip():
            # "No data" answers are kept in the lake as evidence but hold no records.
            pages += 1
            continue
        batch.append(
            (
                e.source,
                e.account,
                e.stream,
                e.run_id,
                e.page_id,
                e.fetched_at.replace("+00:00", ""),
                e.record_path,
                orjson.dumps(e.meta).decode(),
                body.decode("utf-8"),
            )
        )
        size += len(body)
        pages += 1
        records += e.records
        if progress:
            progress(e)
        if size >= BATCH_BYTES:
            wh.insert("raw.landing", batch, LANDING_COLUMNS)
            batch, size = [], 0
    wh.insert("raw.landing", batch, LANDING_COLUMNS)
    return pages, records


def load_run(
    wh: Warehouse, lake: Lake, run_id: str, progress: Callable[[ManifestEntry], None] | None = None
) -> tuple[int, int]:
    """Load one run into raw, all or nothing: on failure its rows are removed again."""
    if wh.scalar("SELECT count() FROM meta.loaded_runs FINAL WHERE run_id = {r:String}", {"r": run_id}):
        return 0, 0
    try:
        pages, records = load_entries(wh, lake, lake.entries(run_id), progress)
    except BaseException:
        unload_run(wh, run_id)
        raise
    wh.insert("meta.loaded_runs", [(run_id, pages, records)], ["run_id", "pages", "records"])
    return pages, records


def unload_run(wh: Warehouse, run_id: str) -> None:
    """Remove every raw record of a run (compensation for a half-done load)."""
    wh.command(
        "ALTER TABLE raw.records DELETE WHERE run_id = {r:String} SETTINGS mutations_sync = 2", {"r": run_id}
    )
