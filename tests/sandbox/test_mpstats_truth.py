"""MPStats sandbox: what it serves equals the ground truth; the competitors' world is realistic and
deterministic; the package stays small and self-contained."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from mpstats_client import category, mp_client
from sandbox_world import NOW, SPEC

from svodka.sandbox import World
from svodka.sandbox.mpstats import world as mp_world

PKG = Path(mp_world.__file__).parent
D1, D2 = "2026-01-01", "2026-03-20"  # wider than the world: clipped to its days


@pytest.fixture(scope="module")
def truth(world):
    return world.ground_truth(NOW).mpstats


def test_item_sales_equal_the_truth_for_every_item(server, truth):
    got = {}
    with mp_client(server) as c:
        for mp, item in truth.category:
            for r in c.get(f"/{mp}/get/item/{item}/sales", params={"d1": D1, "d2": D2}).json():
                if not r["no_data"]:
                    day = date.fromisoformat(r["data"])
                    got[(mp, item, day)] = (
                        r["final_price"],
                        r["sales"],
                        r["sales"] * r["final_price"],
                        r["balance"],
                        r["rating"],
                        r["comments"],
                    )
    assert got == truth.competitor_daily
    assert max(k[2] for k in got) == date(2026, 3, 15)  # up to yesterday (and the world's end)


def test_category_period_stats_equal_the_truth(server, truth):
    with mp_client(server) as c:
        for mp in ("wb", "oz"):
            rubricator = c.get(f"/{mp}/get/categories").json()
            leaves = {x["path"] for x in rubricator if "/" in x["path"]}
            assert leaves == {p for (m, _), p in truth.category.items() if m == mp}
            for path in sorted(leaves):
                rows = category(c, mp, path, "2026-02-10", "2026-02-20", {"startRow": 0, "endRow": 5000})[
                    "data"
                ]
                assert {r["id"] for r in rows} == {
                    i for (m, i), p in truth.category.items() if (m, p) == (mp, path)
                }
                for r in rows:
                    days = [
                        v
                        for (m, i, d), v in truth.competitor_daily.items()
                        if (m, i) == (mp, r["id"]) and date(2026, 2, 10) <= d <= date(2026, 2, 20)
                    ]
                    assert len(days) == 11 and r["category"] == path
                    assert r["sales"] == sum(v[1] for v in days) and r["revenue"] == sum(v[2] for v in days)
                    assert (r["balance"], r["rating"], r["comments"]) == (
                        days[-1][3],
                        days[-1][4],
                        days[-1][5],
                    )
                    assert r["final_price"] == days[-1][0] and r["graph"] == [v[1] for v in days]
                    assert r["days_in_stock"] == sum(v[3] > 0 for v in days)


def test_competitors_resemble_the_sellers_goods_and_own_items_appear(world, truth):
    cat, m = world.catalog, world.mpstats
    own_wb = {i for (mp, i), own in truth.own.items() if own and mp == "wb"}
    assert own_wb == {int(x) for x in cat.card_nm}
    own_oz = {i for (mp, i), own in truth.own.items() if own and mp == "oz"}
    assert own_oz == {int(x) for x in world.ozon.listing.sku}
    vendors = set(cat.card_vendor)
    similar = 0
    for k in range(len(m.mp)):
        key = (m.mp[k], int(m.item_id[k]))
        assert truth.resembles[key] in vendors
        if not m.own[k]:
            assert truth.seller[key] != mp_world.OWN_SELLER and truth.brand[key] != cat.card_brand[m.card[k]]
            title = set(cat.card_title[m.card[k]].lower().split())
            similar += len(title & set(m.name[k].lower().split())) >= len(title) // 2
    competitors = int((~m.own).sum())
    assert similar >= 0.9 * competitors and competitors >= 2 * mp_world.COMPETITORS
    stock_outs = sum(v[3] == 0 for (mp, i, _), v in truth.competitor_daily.items() if not truth.own[(mp, i)])
    assert stock_outs > 0
    assert len({truth.seller[k] for k in truth.seller if not truth.own[k]}) > 3


def test_same_seed_same_market_other_seed_other_market(truth):
    again = World.generate(SPEC).ground_truth(NOW).mpstats
    assert again.competitor_daily == truth.competitor_daily and again.resembles == truth.resembles
    other = World.generate(SPEC.__class__(**{**SPEC.__dict__, "seed": 8})).ground_truth(NOW).mpstats
    assert other.competitor_daily != truth.competitor_daily


@pytest.mark.parametrize("path", sorted(PKG.glob("*.py")), ids=lambda p: p.name)
def test_package_is_small_and_imports_only_the_sandbox(path: Path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 330
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and not (
                node.module.startswith("svodka") and not node.module.startswith("svodka.sandbox")
            )
        elif isinstance(node, ast.Import):
            assert all(not a.name.startswith("svodka") for a in node.names)
