"""Supplier price lists through the warehouse: accepted rows, rejections with reasons, links, staleness."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from svodka.pipeline.demo import PRICELIST_PROFILES
from svodka.pipeline.pricelists import scan_folder
from svodka.pipeline.workspace import Workspace
from svodka.sandbox.matching.pricelists import write_pricelists

from .conftest import Env

# the sandbox suppliers' layout profiles, and one supplier with a short staleness time
PROFILES = (
    PRICELIST_PROFILES
    + """
[pricelists.suppliers."ЭлектроМир"]
stale_after_days = 0.000001
"""
)


def _load_day_one(env: Env, tmp_path: Path) -> list:
    """The workspace taught the suppliers' layouts, WB synced, day 1's price lists scanned, built."""
    with (env.root / "svodka.toml").open("a", encoding="utf-8") as f:
        f.write(PROFILES)
    env.ws.close()
    env.ws = Workspace.open(env.root)
    env.sync(env.now(), source="wb")
    truths = [t for t in write_pricelists(env.srv.world, tmp_path / "drop", day=1) if t.layout != "unknown"]
    scan_folder(env.ws, tmp_path / "drop")
    assert env.build().ok
    return truths


def test_price_lists_land_in_the_marts_as_their_truth_says(env: Env, tmp_path: Path) -> None:
    truths = _load_day_one(env, tmp_path)
    wh = env.wh

    loaded = Counter(dict(wh.rows("SELECT supplier, count() FROM ods.pricelist_rows GROUP BY supplier")))
    expected = Counter()
    for t in truths:
        expected[t.supplier] += t.expected_loaded
    assert loaded == expected
    rejected = sorted(wh.rows("SELECT supplier, row_number, reason FROM ods.pricelist_rejections"))
    assert rejected == sorted((t.supplier, r.row, r.reason) for t in truths for r in t.rejected)

    # a row naming a barcode of the seller's goods is that product; others wait for matching
    links = {
        (s, a): (p, m)
        for s, a, p, m in wh.rows(
            "SELECT supplier, article, product_id, match_method FROM dwh.fct_supplier_price"
        )
    }
    catalog = set(env.srv.world.catalog.bar_code)
    by_barcode = 0
    for t in truths:
        for row in t.loaded:
            product, method = links[(t.supplier, row.article)]
            if method == "barcode":
                by_barcode += 1
                assert product == row.barcode and product in catalog
            else:
                assert product == ""
    assert by_barcode > 0

    prices = {
        (s, p): (Decimal(price), stale)
        for s, p, price, stale in wh.rows(
            "SELECT supplier, product_id, price, stale FROM marts.mart_supplier_prices"
        )
    }
    assert {s for (s, _p) in prices} <= set(expected)
    assert {stale for (s, _p), (_price, stale) in prices.items() if s == "ЭлектроМир"} == {1}
    assert {stale for (s, _p), (_price, stale) in prices.items() if s != "ЭлектроМир"} == {0}


def test_svodka_match_links_price_list_rows_by_name_incrementally(env: Env, tmp_path: Path) -> None:
    from svodka.pipeline.matching import match_all

    truths = _load_day_one(env, tmp_path)

    first = match_all(env.ws, env.console)
    assert first.items > 0 and first.rematched == first.items
    truth = {(t.supplier, r.article): r.barcode for t in truths for r in t.loaded}
    rows = env.wh.rows("SELECT supplier, article, product_id, match_method FROM dwh.fct_supplier_price")
    by_name = [(truth[(s, a)], p) for s, a, p, m in rows if m not in ("barcode", "none", "manual")]
    assert by_name, "some rows without a barcode must be linked by name"
    wrong = [(want, got) for want, got in by_name if want != got]
    assert len(wrong) <= len(by_name) * 0.005, wrong  # automatic links are (almost) never wrong

    # nothing changed: nothing is matched again; a manual decision wins at once
    again = match_all(env.ws, env.console)
    assert again.rematched == 0 and again.by_status == first.by_status
    s, a, _p, _m = next(r for r in rows if r[3] not in ("barcode", "none", "manual"))
    env.ws.control.set_link(f"pricelist:{s}:{a}", None)
    assert env.build().ok
    assert env.wh.rows(
        "SELECT product_id, match_method FROM dwh.fct_supplier_price"
        " WHERE supplier = {s:String} AND article = {a:String}",
        {"s": s, "a": a},
    ) == [("", "manual_unlink")]
