"""Loading price lists into a real workspace: control run, lake, raw, counts, idempotence."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from pl_files import BAD, GOOD, HEADER, csv_bytes, raw_rows, title_block, write_xls, write_xlsx

from svodka.config import SupplierSettings
from svodka.pipeline.pricelists import SupplierUnknown, list_loads, load_pricelist, scan_folder
from svodka.pipeline.workspace import Workspace
from svodka.sources.pricelists import UnknownLayout, decode_pricelist
from svodka.timeutil import utcnow


def _file(tmp_path: Path, name: str = "alfa.xlsx") -> Path:
    return write_xlsx(tmp_path / name, {"Прайс": [*title_block(), HEADER, *GOOD, *[r for r, _ in BAD]]})


def test_a_load_is_a_run_a_lake_run_and_raw_rows_with_every_count(ws: Workspace, tmp_path: Path) -> None:
    load = load_pricelist(ws, _file(tmp_path), "Альфа-Трейд")
    assert (load.status, load.layout, load.sheets) == ("loaded", "ru_standard", ["Прайс"])
    assert (load.rows_in_file, load.loaded, load.rejected) == (8, 3, 5)
    assert load.reasons == {reason: 1 for _, reason in BAD}

    run = ws.control.get_run(load.run)
    d = run.details
    assert (run.kind, run.status, run.rows) == ("pricelist", "succeeded", 3)
    assert (d["rows_in_file"], d["loaded"], d["rejected"], d["supplier"]) == (8, 3, 5, "Альфа-Трейд")
    expected = [(8 + i, r) for i, (_, r) in enumerate(BAD)]
    assert [(r["row"], r["reason"]) for r in d["rejected_rows"]] == expected

    # the lake holds the file verbatim, committed, with how it was read
    assert ws.lake.runs() == [load.lake_run]
    [entry] = ws.lake.entries(load.lake_run)
    assert ws.lake.read(entry) == (tmp_path / "alfa.xlsx").read_bytes()
    assert (entry.stream, entry.meta["layout"], entry.meta["sheets"][0]["header_row"]) == (
        "pricelist_rows",
        "ru_standard",
        4,
    )

    # raw: one record per row, rejected ones kept with their reason: rows in file = loaded + rejected
    rows = raw_rows(ws)
    payloads = [json.loads(p) for _, _, p in rows]
    assert len(payloads) == 8 and {r for r, _, _ in rows} == {load.lake_run}
    assert sum(not p["rejected"] for p in payloads) == 3
    assert [(p["row"], p["reason"]) for p in payloads if p["rejected"]] == expected
    first = payloads[0]
    assert (first["article"], first["price_value"], first["barcode"], first["values"]["Цена, руб."]) == (
        "AL-001",
        "1234.50",
        "4600000000017",
        "1 234,50",
    )
    # the decoder alone (as a rebuild from the lake runs it) gives exactly what raw holds
    assert decode_pricelist(ws.lake.read(entry), entry.meta) == payloads


def test_the_same_file_again_is_skipped_and_nothing_is_duplicated(ws: Workspace, tmp_path: Path) -> None:
    path = _file(tmp_path)
    first = load_pricelist(ws, path, "Альфа-Трейд")
    again = load_pricelist(ws, path, "Альфа-Трейд")
    copy = tmp_path / "copy-of-alfa.xlsx"
    copy.write_bytes(path.read_bytes())
    renamed = load_pricelist(ws, copy, "Альфа-Трейд")
    assert (again.status, again.run, renamed.status, renamed.run) == (
        "skipped",
        first.run,
        "skipped",
        first.run,
    )
    assert len(raw_rows(ws)) == 8 and len(ws.lake.runs(committed_only=False)) == 1
    assert len(ws.control.list_runs(kind="pricelist")) == 1


@pytest.mark.parametrize(
    "make",
    [
        lambda d: write_xlsx(d / "u.xlsx", {"Лист1": [["Позиция", "Стоимость"], ["Крем", 100]]}),
        lambda d: write_xlsx(d / "n.xlsx", {"Прайс": [HEADER, *GOOD]}),  # layout known, supplier not
    ],
    ids=["unknown-layout", "unknown-supplier"],
)
def test_a_refused_file_leaves_nothing_behind(ws: Workspace, tmp_path: Path, make) -> None:
    path = make(tmp_path)
    with pytest.raises((UnknownLayout, SupplierUnknown), match="NOT loaded"):
        load_pricelist(ws, path)
    assert raw_rows(ws) == []
    assert ws.lake.runs(committed_only=False) == [] and not any(ws.lake.root.rglob("*.gz"))
    assert ws.control.list_runs(kind="pricelist") == []


def test_csv_files_in_both_common_encodings_load_alike(ws: Workspace, tmp_path: Path) -> None:
    rows = [*title_block(), HEADER, *GOOD]
    (tmp_path / "a.csv").write_bytes(csv_bytes(rows, ";", "cp1251"))
    (tmp_path / "b.csv").write_bytes(csv_bytes(rows, ",", "utf-8-sig"))
    a = load_pricelist(ws, tmp_path / "a.csv", "Альфа")
    b = load_pricelist(ws, tmp_path / "b.csv", "Бета")
    assert (a.loaded, b.loaded) == (3, 3)
    by_run: dict[str, list[dict]] = {}
    for run_id, _, p in raw_rows(ws):
        by_run.setdefault(run_id, []).append(json.loads(p))
    names = [[p["name"] for p in by_run[r.lake_run]] for r in (a, b)]
    assert names[0] == names[1] == [g[1] for g in GOOD]
    metas = [next(ws.lake.entries(r.lake_run)).meta for r in (a, b)]
    assert [(m["encoding"], m["delimiter"]) for m in metas] == [("cp1251", ";"), ("utf-8-sig", ",")]


def test_linked_counts_rows_whose_barcode_or_article_names_a_listing(ws: Workspace, tmp_path: Path) -> None:
    # dwh.dim_listing as the build makes it, reduced to the columns the count reads
    ws.warehouse.command(
        "CREATE TABLE dwh.dim_listing (barcode String, vendor_code String, is_current UInt8)"
        " ENGINE = MergeTree ORDER BY barcode"
    )
    ws.warehouse.insert(
        "dwh.dim_listing",
        [("4600000000017", "X-1", 1), ("", "al 003", 1), ("4600000000024", "", 0)],
        ["barcode", "vendor_code", "is_current"],
    )
    load = load_pricelist(ws, _file(tmp_path), "Альфа-Трейд")
    # AL-001 by barcode, AL-003 by article («al 003» normalises to «al003»); AL-002's listing is old
    assert load.linked == 2 and ws.control.get_run(load.run).details["linked"] == 2


def test_scan_loads_new_files_skips_old_ones_and_reports_refusals(ws: Workspace, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    (drop / "Бета").mkdir(parents=True)
    _file(drop, "alfa.xlsx")
    (drop / "Бета" / "beta.csv").write_bytes(csv_bytes([HEADER, *GOOD], ";", "cp1251"))
    write_xlsx(drop / "unknown.xlsx", {"Лист1": [["Позиция", "Стоимость"], ["Крем", 100]]})
    (drop / "~$alfa.xlsx").write_bytes(b"lock file")
    (drop / "notes.txt").write_text("not a price list")

    first = scan_folder(ws, drop, None)
    assert [x.file.name for x in first.loaded] == ["beta.csv"]  # its folder names the supplier
    assert first.loaded[0].supplier == "Бета"
    assert sorted(p.name for p, _ in first.refused) == ["alfa.xlsx", "unknown.xlsx"]

    second = scan_folder(ws, drop, "Альфа-Трейд")
    assert [x.file.name for x in second.loaded] == ["alfa.xlsx"]
    assert [x.file.name for x in second.skipped] == ["beta.csv"]
    assert [p.name for p, _ in second.refused] == ["unknown.xlsx"]
    assert len(raw_rows(ws)) == 3 + 8


def test_list_flags_a_supplier_whose_last_load_is_too_old(ws: Workspace, tmp_path: Path) -> None:
    # supplier names compare case-insensitively: «бета» in the settings is the supplier «Бета»
    ws.settings.pricelists.suppliers["бета"] = SupplierSettings(stale_after_days=1)
    load_pricelist(ws, _file(tmp_path, "a1.xlsx"), "Альфа")
    (tmp_path / "b.csv").write_bytes(csv_bytes([HEADER, *GOOD], ";", "cp1251"))
    load_pricelist(ws, tmp_path / "b.csv", "Бета")
    write_xlsx(tmp_path / "a2.xlsx", {"Прайс": [HEADER, *GOOD[:1]]})
    load_pricelist(ws, tmp_path / "a2.xlsx", "Альфа")

    now = utcnow()
    fresh = {(x.file, x.latest, x.stale) for x in list_loads(ws, now=now)}
    assert fresh == {("a2.xlsx", True, False), ("b.csv", True, False), ("a1.xlsx", False, False)}
    # three days on: Бета (limit 1 day) is stale, Альфа (default 7 days) is not
    later = {x.file: x.stale for x in list_loads(ws, now=now + timedelta(days=3))}
    assert later == {"a2.xlsx": False, "b.csv": True, "a1.xlsx": False}
    eight = {x.file: x.stale for x in list_loads(ws, now=now + timedelta(days=8))}
    assert eight == {"a2.xlsx": True, "b.csv": True, "a1.xlsx": False}


def test_a_legacy_xls_loads_like_an_xlsx(ws: Workspace, tmp_path: Path) -> None:
    rows = [*title_block(), HEADER, *GOOD, *[r for r, _ in BAD]]
    xls = write_xls(tmp_path / "alfa.xls", {"Инфо": [["Прайс обновляется ежедневно"]], "Прайс": rows})
    xlsx = write_xlsx(tmp_path / "alfa.xlsx", {"Инфо": [["Прайс обновляется ежедневно"]], "Прайс": rows})
    a = load_pricelist(ws, xls, "Альфа-Трейд")
    b = load_pricelist(ws, xlsx, "Альфа-Трейд")
    assert (a.rows_in_file, a.loaded, a.rejected, a.sheets) == (8, 3, 5, ["Прайс"])
    assert next(ws.lake.entries(a.lake_run)).meta["format"] == "xls"
    by_run: dict[str, list[dict]] = {}
    for run_id, _, p in raw_rows(ws):
        by_run.setdefault(run_id, []).append(json.loads(p))
    # the same cells read the same from both formats (barcodes without «.0», decimal commas kept)
    assert by_run[a.lake_run] == by_run[b.lake_run]
