"""One product across marketplaces, and product history (SCD2) that facts respect."""

from __future__ import annotations

from datetime import UTC, timedelta

from svodka.sandbox.ozon import normalise_article

from .conftest import Env


def test_a_product_on_both_marketplaces_is_one_product_with_both_listings(env: Env) -> None:
    now = env.now()
    env.sync(now)
    assert env.build().ok
    world = env.srv.world
    listing = world.ozon.listing
    codes = world.catalog.bar_code
    on_ozon = {codes[b] for b in listing.bar.tolist()}
    no_barcode = {
        codes[b] for b, shown in zip(listing.bar.tolist(), listing.barcode_listed, strict=True) if not shown
    }
    assert no_barcode, "the test world must have Ozon products listed without a barcode"

    links = {}
    for mp, product, method in env.wh.rows(
        "SELECT marketplace, product_id, match_method FROM dwh.dim_listing WHERE is_current = 1"
    ):
        links.setdefault(product, {})[mp] = method
    # every catalog barcode is one product; those on Ozon have both listings
    assert set(links) == set(codes)
    for code in codes:
        expected = {"wb": "barcode"}
        if code in on_ozon:
            expected["ozon"] = "vendor_code" if code in no_barcode else "barcode"
        assert links[code] == expected, code
    assert env.wh.scalar("SELECT count() FROM dwh.dim_product WHERE is_current = 1") == len(codes)
    assert env.wh.scalar("SELECT uniqExact(product_id) FROM dwh.dim_product") == len(codes)

    # the linked Ozon article really is the WB article of that size, written differently
    ozon_rows = env.wh.rows(
        "SELECT l.vendor_code, w.vendor_code, w.tech_size FROM dwh.dim_listing AS l"
        " INNER JOIN dwh.dim_listing AS w ON w.product_id = l.product_id AND w.marketplace = 'wb'"
        " WHERE l.marketplace = 'ozon' AND l.match_method = 'vendor_code' AND l.is_current AND w.is_current"
    )
    assert ozon_rows
    for offer_id, vendor_code, size in ozon_rows:
        assert normalise_article(offer_id) in {
            normalise_article(vendor_code),
            normalise_article(f"{vendor_code}-{size}"),
        }


def test_a_renamed_product_keeps_its_history_under_the_right_version(env: Env) -> None:
    world = env.srv.world
    now = env.now()
    history: dict[str, list] = {}
    for barcode, valid_from, title in world.title_history():
        history.setdefault(barcode, []).append((valid_from, title))
    renamed = {b: v for b, v in history.items() if len(v) == 2 and v[1][0] < now - timedelta(days=3)}
    assert renamed, "the test world must rename a card well before the clock"
    barcode, [(_, old_title), (renamed_at, new_title)] = min(renamed.items(), key=lambda kv: kv[1][1][0])
    # daily syncs: one before the rename sees the old name, the next the new one (the card's
    # updatedAt then is the rename), later ones nothing new
    for clock in (renamed_at - timedelta(hours=1), renamed_at + timedelta(hours=1), now):
        env.srv.set_now(clock)
        env.sync(clock)
    assert env.build().ok

    versions = env.wh.rows(
        "SELECT title, valid_from, valid_to, is_current FROM dwh.dim_product"
        " WHERE product_id = {p:String} ORDER BY valid_from",
        {"p": barcode},
    )
    assert [(v[0], v[3]) for v in versions] == [(old_title, 0), (new_title, 1)]
    assert versions[1][1].replace(tzinfo=UTC) == renamed_at.replace(microsecond=0)
    assert versions[0][2] == versions[1][1]

    # each day's sales carry the name valid that day (Moscow dates)
    msk = timedelta(hours=3)
    titles = dict(
        env.wh.rows(
            "SELECT date, any(title) FROM marts.mart_sales_daily WHERE product_id = {p:String} GROUP BY date",
            {"p": barcode},
        )
    )
    assert titles
    rename_day = (renamed_at + msk).date()
    for day, title in titles.items():
        assert title == (old_title if day < rename_day else new_title), day
    assert any(day < rename_day for day in titles) and any(day >= rename_day for day in titles)


def test_a_manual_link_or_unlink_wins_and_survives_rebuilds(env: Env) -> None:
    now = env.now()
    env.sync(now)
    assert env.build().ok
    [(item, sku, product)] = env.wh.rows(
        "SELECT item_key, item_id, product_id FROM dwh.dim_listing"
        " WHERE marketplace = 'ozon' AND is_current AND match_method = 'barcode' ORDER BY item_key LIMIT 1"
    )
    [(other,)] = env.wh.rows(
        "SELECT product_id FROM dwh.dim_product WHERE is_current AND product_id != {p:String} LIMIT 1",
        {"p": product},
    )

    def linked() -> tuple:
        return env.wh.rows(
            "SELECT product_id, match_method FROM dwh.dim_listing WHERE item_key = {i:String} AND is_current",
            {"i": item},
        )[0]

    def orders_of(p: str) -> int:
        return env.wh.scalar(
            "SELECT count() FROM dwh.fct_orders WHERE marketplace = 'ozon' AND item_id = {s:String}"
            " AND product_id = {p:String}",
            {"s": sku, "p": p},
        )

    env.ws.control.set_link(item, other, note="a person knows better")
    assert env.build().ok
    assert linked() == (other, "manual")
    assert orders_of(other) > 0 and orders_of(product) == 0  # the facts follow the link

    env.ws.control.set_link(item, None)  # "this is not that product"
    env.build()
    assert linked() == (f"ozon:{sku}", "manual_unlink")

    env.ws.control.remove_link(item)  # back to automatic matching
    assert env.build().ok
    assert linked() == (product, "barcode")
