"""The Ozon listing links to the catalog as documented; the Ozon side never moves WB numbers."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sandbox_world import SPEC

from svodka.sandbox import World, WorldSpec
from svodka.sandbox.ozon import normalise_article

OZON = Path(__file__).resolve().parents[2] / "svodka" / "sandbox" / "ozon"


@pytest.fixture(scope="module")
def big() -> World:
    return World.generate(WorldSpec(seed=5, skus=800, days=12, orders_per_day=200.0))


def test_listing_shares_and_identifiers(big: World):
    cat, ls = big.catalog, big.ozon.listing
    share = len(ls) / cat.n_bars
    assert 0.68 <= share <= 0.82
    assert len(set(ls.product_id.tolist())) == len(set(ls.sku.tolist())) == len(set(ls.offer_id)) == len(ls)
    assert np.all(np.diff(ls.product_id) > 0)
    assert np.array_equal(ls.by_bar[ls.bar], np.arange(len(ls)))
    sizes = np.bincount(cat.bar_card, minlength=cat.n_cards)
    variants = 0
    for b, offer in zip(ls.bar.tolist(), ls.offer_id, strict=True):
        c = int(cat.bar_card[b])
        canonical = cat.card_vendor[c] + (f"-{cat.bar_tech[b]}" if sizes[c] > 1 else "")
        assert normalise_article(offer) == normalise_article(canonical)
        variants += offer != canonical
    assert 0.05 <= variants / len(ls) <= 0.16
    no_barcode = sum(not x for x in ls.barcode_listed)
    assert 0.02 <= no_barcode / len(ls) <= 0.09
    assert all(x in ("", cat.bar_code[b]) for x, b in zip(ls.barcode_listed, ls.bar.tolist(), strict=True))
    # Whole cards: every size of a listed card is listed.
    listed_cards = set(cat.bar_card[ls.bar].tolist())
    assert sum(int(sizes[c]) for c in listed_cards) == len(ls)


def test_normalise_article():
    assert normalise_article(" KR_00012 ") == normalise_article("kr 00012") == "kr-00012"
    assert normalise_article("CL-00003-XL") == normalise_article("cl__00003 xl") == "cl-00003-xl"


def test_ozon_and_renames_do_not_move_wb_numbers():
    base = World.generate(SPEC)
    other = World.generate(replace(SPEC, ozon_share=0.3, ozon_orders_per_day=7.0, rename_share=0.0))
    for name in base.sim.orders:
        assert np.array_equal(base.sim.orders[name], other.sim.orders[name]), name
    assert np.array_equal(base.sim.stock, other.sim.stock)
    assert np.array_equal(base.lines.amount, other.lines.amount) and np.array_equal(
        base.lines.t, other.lines.t
    )
    assert (
        base.catalog.bar_code == other.catalog.bar_code
        and base.catalog.card_title == other.catalog.card_title
    )
    assert len(other.ozon.listing) < len(base.ozon.listing)


def test_ozon_orders_per_day_scales_postings():
    spec = replace(SPEC, ozon_orders_per_day=30.0)
    world = World.generate(spec)
    per_day = world.ozon.sim.postings["qty"].sum() / spec.days
    assert 20 <= per_day <= 40
    with pytest.raises(ValueError):
        WorldSpec(ozon_share=1.5)


def test_ozon_package_imports_only_the_sandbox_and_stays_small():
    offenders, sizes = [], {}
    for path in OZON.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        sizes[path.name] = len(text.splitlines())
        for node in ast.walk(ast.parse(text)):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom) and node.level:
                offenders.append(f"{path.name}: relative import")
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.startswith("svodka") and not n.startswith("svodka.sandbox")
            ]
    assert offenders == []
    assert max(sizes.values()) <= 330, sizes
