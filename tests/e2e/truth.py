"""Compare the warehouse with the sandbox's ground truth, exactly."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from svodka.sandbox import FEE_TYPES

from .conftest import Env

# the mart has one column per fee type of the taxonomy the truth is keyed by
FEES = list(FEE_TYPES)


def nonzero(d: dict) -> dict:
    return {k: v for k, v in d.items() if any(x != 0 for x in (v if isinstance(v, tuple) else (v,)))}


def assert_matches_truth(env: Env, now: datetime) -> None:
    """Sales, orders, every fee type, payouts, unit economics and stock equal the truth at `now`."""
    truth = env.srv.world.ground_truth(now)
    wh = env.wh

    orders = {
        (d, p): (int(u), Decimal(a), int(c))
        for d, p, u, a, c in wh.rows(
            "SELECT date, product_id, orders_units, orders_amount, cancelled_units"
            " FROM marts.mart_sales_daily"
        )
    }
    assert nonzero(orders) == nonzero(truth.orders_daily)
    sales = {
        (d, p): (int(s), int(r), Decimal(v), Decimal(f))
        for d, p, s, r, v, f in wh.rows(
            "SELECT date, product_id, sales_units, returns_units, revenue, for_pay"
            " FROM marts.mart_sales_daily"
        )
    }
    assert nonzero(sales) == nonzero(truth.sales_daily)

    finance = {
        (d, p, f): Decimal(a)
        for d, p, f, a in wh.rows(
            "SELECT op_date, barcode, fee_type, sum(amount) FROM dwh.fct_finance"
            " GROUP BY op_date, barcode, fee_type"
        )
    }
    assert nonzero(finance) == nonzero(truth.finance)
    payouts = dict(wh.rows("SELECT report_id, sum(amount) FROM dwh.fct_finance GROUP BY report_id"))
    assert payouts == truth.payout_by_report
    assert sum(payouts.values()) == truth.payout_total

    expected: dict[tuple, Decimal] = defaultdict(Decimal)
    for (d, p, f), amount in truth.finance.items():
        expected[(d.replace(day=1), p, f)] += amount
        expected[(d.replace(day=1), p, "payout")] += amount
    got: dict[tuple, Decimal] = {}
    cols = ", ".join(f"`{f}`" for f in FEES)
    for row in wh.query(
        f"SELECT period, product_id, {cols}, payout FROM marts.mart_unit_economics"
    ).named_results():
        for f in [*FEES, "payout"]:
            got[(row["period"], row["product_id"], f)] = row[f]
    assert nonzero(got) == nonzero(dict(expected))

    snap = (now + timedelta(hours=3)).date()
    stock = {
        (d, w, p): int(q)
        for d, w, p, q in wh.rows(
            "SELECT date, warehouse, product_id, sum(quantity) FROM dwh.fct_stock_daily "
            "WHERE location_type = 'warehouse' AND date = {d:Date} "
            "GROUP BY date, warehouse, product_id HAVING sum(quantity) > 0",
            {"d": snap},
        )
    }
    assert stock == {k: v for k, v in truth.stock_daily.items() if k[0] == snap}
    cover = dict(
        wh.rows(
            "SELECT (warehouse, product_id), stock FROM marts.mart_stock_cover "
            "WHERE stock > 0 AND date = {d:Date}",
            {"d": snap},
        )
    )
    assert cover == {(w, p): q for (d, w, p), q in truth.stock_daily.items() if d == snap}
