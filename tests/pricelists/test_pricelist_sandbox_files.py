"""The sandbox's supplier files (written independently from the seller world) load as their truth says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pl_files import raw_rows

from svodka.pipeline.demo import PRICELIST_PROFILES
from svodka.pipeline.pricelists import scan_folder
from svodka.pipeline.workspace import Workspace, init_workspace
from svodka.sandbox import World, WorldSpec
from svodka.sandbox.matching.pricelists import PriceListTruth, write_pricelists

# How a seller teaches Svodka its suppliers: a few lines each (the demo's profiles), the
# headers come from the built-in profiles, the supplier is recognised from the title block
# or the file name.
PROFILES = PRICELIST_PROFILES


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Workspace]:
    root = init_workspace(tmp_path / "ws")
    with (root / "svodka.toml").open("a", encoding="utf-8") as f:
        f.write(PROFILES)
    w = Workspace.open(root)
    try:
        yield w
    finally:
        w.close()


def _check(t: PriceListTruth, rows: list[dict]) -> None:
    """Every row of the file in raw: the rejected ones with the truth's reason, the others with its values."""
    assert len(rows) == t.rows_in_file, t.path.name
    csv = t.path.suffix == ".csv"
    where = [(None if csv else r["sheet"], r["row"]) for r in rows]
    assert len(set(where)) == len(where)
    got_rejected = sorted(
        (s or "", n, r["reason"]) for (s, n), r in zip(where, rows, strict=True) if r["rejected"]
    )
    assert got_rejected == sorted((x.sheet or "", x.row, x.reason) for x in t.rejected), t.path.name
    loaded = {w: r for w, r in zip(where, rows, strict=True) if not r["rejected"]}
    assert len(loaded) == t.expected_loaded
    for x in t.loaded:
        r = loaded[(x.sheet, x.row)]
        assert (r["article"], Decimal(r["price_value"]), Decimal(r["quantity_value"])) == (
            x.article,
            x.price,
            x.quantity,
        ), (t.path.name, x)
        if r["barcode"] and x.barcode is not None:
            assert r["barcode"] == x.barcode, (t.path.name, x)


def test_two_days_of_supplier_files_load_as_their_truth_says(home: Workspace, tmp_path: Path) -> None:
    world = World.generate(WorldSpec(seed=7, skus=150, days=10))
    drop = tmp_path / "drop"
    truths = write_pricelists(world, drop, day=1) + write_pricelists(world, drop, day=2)
    unknown = [t for t in truths if t.layout == "unknown"]
    known = [t for t in truths if t.layout != "unknown"]
    assert len(unknown) == 2 and len(known) == 10
    # the electronics supplier added a column and moved two on day 2: same profile, still loads
    assert {t.layout for t in known if t.supplier == "ЭлектроМир"} == {"elektromir_v1", "elektromir_v2"}

    result = scan_folder(home, drop)
    assert sorted(p.name for p, _ in result.refused) == sorted(t.path.name for t in unknown)
    assert all("NOT loaded" in str(e) for _, e in result.refused)
    by_file = {x.file.name: x for x in result.loaded}
    assert sorted(by_file) == sorted(t.path.name for t in known)

    payloads: dict[str, list[dict]] = {}
    for run_id, _, p in raw_rows(home):
        payloads.setdefault(run_id, []).append(json.loads(p))
    for t in known:
        load = by_file[t.path.name]
        assert load.supplier == t.supplier, t.path.name
        assert (load.rows_in_file, load.loaded, load.rejected) == (
            t.rows_in_file,
            t.expected_loaded,
            len(t.rejected),
        )
        _check(t, payloads[load.lake_run])
    # every reason code occurs somewhere, each counted in the run details
    details = [home.control.get_run(x.run).details for x in result.loaded]
    seen = {code for d in details for code in d["reasons"]}
    assert seen == {
        "no_article",
        "price_not_number",
        "price_not_positive",
        "quantity_not_number",
        "quantity_not_positive",
    }
    # nothing of the refused files anywhere; a second scan loads nothing new
    assert sum(len(v) for v in payloads.values()) == sum(t.rows_in_file for t in known)
    again = scan_folder(home, drop)
    assert (len(again.loaded), len(again.skipped), len(again.refused)) == (0, 10, 2)
