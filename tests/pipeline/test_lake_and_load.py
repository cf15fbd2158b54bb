import gzip
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from svodka.lake.store import Lake, new_run_id
from svodka.pipeline.load import load_run
from svodka.sources.base import Page
from svodka.warehouse.client import Warehouse


def _page(stream: str, records: list, path: tuple[str, ...] = (), **meta) -> Page:
    body = records
    for key in reversed(path):
        body = {key: body}
    return Page(
        stream=stream,
        request={"method": "GET", "url": f"http://x/{stream}", "params": {}},
        status=200,
        body=orjson.dumps(body),
        fetched_at=datetime(2026, 11, 1, 12, 0, tzinfo=UTC),
        records=len(records),
        record_path=path,
        meta=meta,
    )


def _write(lake: Lake, pages: list[Page], commit: bool = True) -> str:
    run = new_run_id()
    with lake.writer(run, "wb", "main") as w:
        for p in pages:
            w.put(p)
    if commit:
        lake.commit(run)
    return run


def test_lake_keeps_bodies_verbatim_with_a_manifest(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    page = _page("wb_orders", [{"srid": "a"}, {"srid": "b"}])
    run = _write(lake, [page])
    [entry] = list(lake.entries(run))
    assert lake.read(entry) == page.body
    assert gzip.decompress((tmp_path / entry.key).read_bytes()) == page.body
    assert (entry.source, entry.account, entry.stream, entry.records, entry.status) == (
        "wb",
        "main",
        "wb_orders",
        2,
        200,
    )
    assert "Authorization" not in orjson.dumps(entry.request).decode()


def test_uncommitted_runs_are_not_replayed(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    a = _write(lake, [_page("s", [{"x": 1}])])
    b = _write(lake, [_page("s", [{"x": 2}])], commit=False)
    assert lake.runs() == [a]
    assert lake.runs(committed_only=False) == sorted([a, b])


def test_a_tampered_lake_object_is_detected(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    run = _write(lake, [_page("s", [{"x": 1}])])
    [entry] = list(lake.entries(run))
    (tmp_path / entry.key).write_bytes(gzip.compress(b'[{"x": 2}]'))
    with pytest.raises(ValueError, match="checksum"):
        lake.read(entry)


def test_load_splits_records_and_never_duplicates(tmp_path: Path, wh: Warehouse) -> None:
    lake = Lake(tmp_path / "lake")
    p1 = _page("wb_stocks_wb", [{"nmId": 1}, {"nmId": 2}], ("data", "items"), snapshot_date="2026-11-01")
    p2 = _page("wb_orders", [{"srid": "z"}])
    run = _write(lake, [p1, p2])
    assert load_run(wh, lake, run) == (2, 3)
    assert load_run(wh, lake, run) == (0, 0)  # a loaded run is skipped
    # the same answers in another run collapse onto the same raw rows
    run2 = _write(lake, [p1])
    load_run(wh, lake, run2)
    rows = wh.rows(
        "SELECT stream, record_index, payload, meta FROM raw.records FINAL ORDER BY stream, record_index"
    )
    assert rows == [
        ("wb_orders", 1, '{"srid":"z"}', "{}"),
        ("wb_stocks_wb", 1, '{"nmId":1}', '{"snapshot_date":"2026-11-01"}'),
        ("wb_stocks_wb", 2, '{"nmId":2}', '{"snapshot_date":"2026-11-01"}'),
    ]


def test_a_failed_load_leaves_raw_as_it_was(tmp_path: Path, wh: Warehouse) -> None:
    lake = Lake(tmp_path / "lake")
    good = _page("s", [{"x": 1}] * 3)
    run = _write(lake, [good, _page("s", [{"x": 2}])])
    entries = list(lake.entries(run))
    (tmp_path / "lake" / entries[1].key).unlink()  # the second object is lost
    with pytest.raises(FileNotFoundError):
        load_run(wh, lake, run)
    assert wh.scalar("SELECT count() FROM raw.records") == 0
    assert wh.scalar("SELECT count() FROM meta.loaded_runs") == 0
