"""Lake → raw: load the stored answers of a run into `raw.records`.

The same code serves a fresh sync and `svodka rebuild --from-lake`, so the raw layer
is always a pure function of the committed lake. ClickHouse splits the record arrays
itself, which keeps Python out of the per-record path:

- embedded warehouse (chDB): ClickHouse reads each gzip body straight from the lake
  with `file()` — no decompression, serialisation or copy in Python;
- ClickHouse server (which cannot see the lake's folder): bodies are sent in batches to
  `raw.landing`, a Null table whose materialized view splits them into `raw.records`.

Both give the same rows: record_index is the 1-based position in the page's array.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

import orjson

from svodka.lake.store import Lake, ManifestEntry
from svodka.sources.decoders import Decoder, decoder_for
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

_RECORDS_COLUMNS = "source, account, stream, run_id, page_id, record_index, fetched_at, meta, payload"
_META_PARAMS = "{source:String}, {account:String}, {stream:String}, {run_id:String}, {page_id:String}"


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


def _holds_records(lake: Lake, e: ManifestEntry) -> bool:
    # "No data" answers (204, empty body) stay in the lake as evidence but hold no records.
    return e.status != 204 and e.size > 0 and e.records > 0


def _file_insert(wh: Warehouse, lake: Lake, e: ManifestEntry) -> None:
    """Let ClickHouse read and split one gzip body from the lake (embedded engine only)."""
    path = (lake.root / e.key).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"lake object {e.key} is missing (run {e.run_id}, stream {e.stream})")
    params = {
        "source": e.source,
        "account": e.account,
        "stream": e.stream,
        "run_id": e.run_id,
        "page_id": e.page_id,
        "fetched_at": e.fetched_at.replace("+00:00", ""),
        "meta": orjson.dumps(e.meta).decode(),
        "file": str(path),
    }
    head = f"INSERT INTO raw.records ({_RECORDS_COLUMNS}) SELECT {_META_PARAMS}"
    tail = "{fetched_at:DateTime64(3, 'UTC')}, {meta:String}"
    if not e.record_path:
        # A top-level array: JSONAsString yields one row per element, in order (one file,
        # read sequentially), several times faster than splitting the string in SQL.
        sql = (
            f"{head}, toUInt32(rowNumberInAllBlocks() + 1), {tail}, payload "
            "FROM file({file:String}, 'JSONAsString', 'payload String', 'gzip') "
            "SETTINGS input_format_parallel_parsing = 0"
        )
    else:
        keys = ", ".join(f"'{k}'" for k in e.record_path if "'" not in k)
        sql = (
            f"{head}, toUInt32(r.1), {tail}, r.2 FROM "
            f"(SELECT JSONExtractArrayRaw(body, {keys}) AS arr "
            "FROM file({file:String}, 'RawBLOB', 'body String', 'gzip')) "
            "ARRAY JOIN arrayZip(arrayEnumerate(arr), arr) AS r"
        )
    wh.command(sql, params)


def _decoded_insert(wh: Warehouse, lake: Lake, e: ManifestEntry, decode: Decoder) -> None:
    """Insert the records of a non-JSON body (CSV, ZIP) as its source decodes them."""
    records = decode(lake.read(e), e.meta)
    if len(records) != e.records:
        raise ValueError(
            f"lake object {e.key}: decoded {len(records)} records, the manifest says {e.records}"
        )
    fetched_at = datetime.fromisoformat(e.fetched_at)
    meta = orjson.dumps(e.meta).decode()
    rows = [
        (e.source, e.account, e.stream, e.run_id, e.page_id, i, fetched_at, meta, orjson.dumps(r).decode())
        for i, r in enumerate(records, start=1)
    ]
    wh.insert("raw.records", rows, [c.strip() for c in _RECORDS_COLUMNS.split(",")])


def _check_count(wh: Warehouse, e: ManifestEntry) -> None:
    got = wh.scalar(
        "SELECT count() FROM raw.records"
        " WHERE stream = {s:String} AND account = {a:String} AND page_id = {p:String}",
        {"s": e.stream, "a": e.account, "p": e.page_id},
    )
    if got != e.records:
        raise ValueError(f"lake object {e.key}: {got} records loaded, the manifest says {e.records}")


def load_entries(
    wh: Warehouse,
    lake: Lake,
    entries: Iterable[ManifestEntry],
    progress: Callable[[ManifestEntry], None] | None = None,
    *,
    via_files: bool | None = None,
    verify: bool = False,
) -> tuple[int, int]:
    """Insert the bodies of `entries` into raw; return (pages, records).

    An answer raw already holds (same page id) is skipped: its first fetch stays the one
    on record, so re-reading a window changes nothing downstream. `via_files` picks the
    path (default: `file()` when the warehouse is embedded). `verify` checks every body
    against its manifest sha256 first (costs a decompression in Python; rebuilds use it).
    """
    via_files = wh.embedded if via_files is None else via_files
    entries = list(entries)
    seen = _already_loaded(wh, entries)
    batch: list[tuple] = []
    size = pages = records = 0
    for e in entries:
        if e.page_id in seen:
            continue
        seen.add(e.page_id)
        pages += 1
        if not _holds_records(lake, e):
            continue
        decode = decoder_for(e.stream)
        if decode is not None:
            _decoded_insert(wh, lake, e, decode)
            _check_count(wh, e)
        elif via_files:
            if verify:
                lake.read(e)  # raises on a checksum mismatch
            _file_insert(wh, lake, e)
            _check_count(wh, e)
        else:
            body = lake.read(e)
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
            if size >= BATCH_BYTES:
                wh.insert("raw.landing", batch, LANDING_COLUMNS)
                batch, size = [], 0
        records += e.records
        if progress:
            progress(e)
    wh.insert("raw.landing", batch, LANDING_COLUMNS)
    return pages, records


def load_run(
    wh: Warehouse,
    lake: Lake,
    run_id: str,
    progress: Callable[[ManifestEntry], None] | None = None,
    *,
    verify: bool = False,
) -> tuple[int, int]:
    """Load one run into raw, all or nothing: on failure its rows are removed again."""
    if wh.scalar("SELECT count() FROM meta.loaded_runs FINAL WHERE run_id = {r:String}", {"r": run_id}):
        return 0, 0
    try:
        pages, records = load_entries(wh, lake, lake.entries(run_id), progress, verify=verify)
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
