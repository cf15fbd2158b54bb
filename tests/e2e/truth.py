"""Compare the warehouse with the sandbox's ground truth, exactly: per marketplace and in total."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from svodka.sandbox import FEE_TYPES

from .conftest import Env

# the mart has one column per fee type of the taxonomy the truth is keyed by
FEES = list(FEE_TYPES)


def nonzero(d: dict) -> dict:
    return {k: v for k, v in d.items() if any(x != 0 for x in (v if isinstance(v, tuple) else (v,)))}


def added(*dicts: dict) -> dict:
    """Element-wise sum of dicts of numbers or tuples of numbers."""
    out: dict[Any, Any] = {}
    for d in dicts:
        for k, v in d.items():
            if k not in out:
                out[k] = v
            elif isinstance(v, tuple):
                out[k] = tuple(a + b for a, b in zip(out[k], v, strict=True))
            else:
                out[k] += v
    return out


def _sales_marts(env: Env, table: str, marketplace: str) -> tuple[dict, dict]:
    rows = env.wh.rows(
        "SELECT date, product_id, orders_units, orders_amount, cancelled_units, sales_units, returns_units,"
        f" revenue, for_pay FROM {table} WHERE marketplace = {{m:String}}",
        {"m": marketplace},
    )
    orders = {(d, p): (int(u), Decimal(a), int(c)) for d, p, u, a, c, *_ in rows}
    sales = {(d, p): (int(s), int(r), Decimal(v), Decimal(f)) for d, p, *_, s, r, v, f in rows}
    return orders, sales


def _finance(env: Env, marketplace: str) -> dict:
    return {
        (d, p, f): Decimal(a)
        for d, p, f, a in env.wh.rows(
            "SELECT op_date, barcode, fee_type, sum(amount) FROM dwh.fct_finance"
            " WHERE marketplace = {m:String} GROUP BY op_date, barcode, fee_type",
            {"m": marketplace},
        )
    }


def _unit_economics(env: Env, table: str, marketplace: str) -> dict:
    got: dict[tuple, Decimal] = {}
    cols = ", ".join(f"`{f}`" for f in FEES)
    for row in env.wh.query(
        f"SELECT period, product_id, {cols}, payout FROM {table} WHERE marketplace = {{m:String}}",
        {"m": marketplace},
    ).named_results():
        for f in [*FEES, "payout"]:
            got[(row["period"], row["product_id"], f)] = row[f]
    return got


def _monthly(finance: dict) -> dict:
    expected: dict[tuple, Decimal] = defaultdict(Decimal)
    for (d, p, f), amount in finance.items():
        expected[(d.replace(day=1), p, f)] += amount
        expected[(d.replace(day=1), p, "payout")] += amount
    return dict(expected)


def _stock(env: Env, marketplace: str, snap) -> dict:
    return {
        (d, w, p): int(q)
        for d, w, p, q in env.wh.rows(
            "SELECT date, warehouse, product_id, sum(quantity) FROM dwh.fct_stock_daily "
            "WHERE marketplace = {m:String} AND location_type = 'warehouse' AND date = {d:Date} "
            "GROUP BY date, warehouse, product_id HAVING sum(quantity) > 0",
            {"m": marketplace, "d": snap},
        )
    }


def assert_matches_truth(env: Env, now: datetime) -> None:
    """Orders, sales, every fee type, payouts, unit economics, stock, prices and ads equal the
    truth at `now`, for Wildberries, for Ozon, and added up across both."""
    truth = env.srv.world.ground_truth(now)
    wb, oz = truth, truth.ozon
    wh = env.wh
    snap = (now + timedelta(hours=3)).date()

    for mp, t in (("wb", wb), ("ozon", oz)):
        orders, sales = _sales_marts(env, "marts.mart_sales_daily", mp)
        assert nonzero(orders) == nonzero(t.orders_daily), mp
        assert nonzero(sales) == nonzero(t.sales_daily), mp
        assert nonzero(_finance(env, mp)) == nonzero(t.finance), mp
        assert nonzero(_unit_economics(env, "marts.mart_unit_economics", mp)) == nonzero(
            _monthly(t.finance)
        ), mp
        assert _stock(env, mp, snap) == {k: v for k, v in t.stock_daily.items() if k[0] == snap}, mp
        cover = dict(
            wh.rows(
                "SELECT (warehouse, product_id), stock FROM marts.mart_stock_cover "
                "WHERE marketplace = {m:String} AND stock > 0 AND date = {d:Date}",
                {"m": mp, "d": snap},
            )
        )
        assert cover == {(w, p): q for (d, w, p), q in t.stock_daily.items() if d == snap}, mp

    payouts = dict(
        wh.rows(
            "SELECT report_id, sum(amount) FROM dwh.fct_finance WHERE marketplace = 'wb' GROUP BY report_id"
        )
    )
    assert payouts == wb.payout_by_report
    assert sum(payouts.values()) == wb.payout_total
    assert wh.scalar("SELECT sum(amount) FROM dwh.fct_finance WHERE marketplace = 'ozon'") == oz.payout_total

    # Ozon prices of the snapshot day: (old price, price) per product
    prices = {
        p: (Decimal(a), Decimal(b))
        for p, a, b in wh.rows(
            "SELECT product_id, list_price, price FROM dwh.fct_price_daily "
            "WHERE marketplace = 'ozon' AND date = {d:Date}",
            {"d": snap},
        )
    }
    assert prices == {k: (Decimal(a), Decimal(b)) for k, (a, b) in oz.prices_on(snap).items()}

    # both marketplaces added up
    orders, sales = _sales_marts(env, "marts.mart_sales_daily_total", "all")
    assert nonzero(orders) == nonzero(added(wb.orders_daily, oz.orders_daily))
    assert nonzero(sales) == nonzero(added(wb.sales_daily, oz.sales_daily))
    total_monthly = added(_monthly(wb.finance), _monthly(oz.finance))
    assert nonzero(_unit_economics(env, "marts.mart_unit_economics_total", "all")) == nonzero(total_monthly)

    # advertising, per campaign, item and day, on both marketplaces
    ads = {
        (d, m, c, int(i)): (int(v), int(k), Decimal(s), int(o), Decimal(r))
        for d, m, c, i, v, k, s, o, r in wh.rows(
            "SELECT date, marketplace, campaign_id, item_id, views, clicks, spend, orders, ad_revenue"
            " FROM marts.mart_ads"
        )
    }
    assert nonzero(ads) == nonzero(truth.ads.ads_daily)

    # P&L: every fee type per marketplace and month, ad spend from the ad platforms
    pnl = {}
    for row in wh.query("SELECT * FROM marts.mart_pnl").named_results():
        for f in [*FEES, "payout", "ad_spend"]:
            pnl[(row["marketplace"], row["period"], f)] = row[f]
    expected: dict[tuple, Decimal] = defaultdict(Decimal)
    for mp, t in (("wb", wb), ("ozon", oz)):
        for (d, _p, f), amount in t.finance.items():
            expected[(mp, d.replace(day=1), f)] += amount
            expected[(mp, d.replace(day=1), "payout")] += amount
    for (d, mp, _c, _i), (*_, spend, _o, _r) in truth.ads.ads_daily.items():
        expected[(mp, d.replace(day=1), "ad_spend")] += spend
    assert nonzero(pnl) == nonzero(dict(expected))
