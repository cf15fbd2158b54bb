"""Goods flows of the seller's 1C: shipments to the marketplaces, purchases, purchase prices.

Shipments are read off the marketplace simulations, so 1C and the marketplaces tell one story:
- Wildberries: units that arrived at WB warehouses on world day d (stock change + units ordered
  that day − units restocked from refusals/returns that day) left the seller's main warehouse
  on day d − 3 (one «передача на комиссию» document per day).
- Ozon: every FBO supply left the main warehouse two days before it arrived.
Ozon FBS stock is not tracked in 1C (the seller's FBS shelf is outside this infobase).

Purchases: each supplier delivers once a week on its own weekday. On a delivery day an item is
reordered when its stock would not cover the shipments until the next delivery plus a safety
stock; the order covers 2–4 weeks of known shipments, rounded up to the item's lot. Stock in
1C therefore never goes negative. The purchase price («Закупочная») of an item starts at
30–50 % of its first WB selling price and changes at some later receipts (−6 … +12 %).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.clock import DAY_S

HISTORY_DAYS = 35  # 1C history starts this many days before the first world day
WB_TRANSIT_DAYS = 3
OZON_TRANSIT_DAYS = 2
PRICE_CHANGE_P = 0.5  # chance that a later receipt comes at a new purchase price


@dataclass
class Flows:
    """Columnar flows. Days are world day indices (0 = first world day; negative = before it)."""

    ship_day: np.ndarray  # int64, one row per (day, marketplace, item)
    ship_mp: np.ndarray  # int8: 0 = Wildberries, 1 = Ozon
    ship_item: np.ndarray  # int64
    ship_qty: np.ndarray  # int64
    rec_day: np.ndarray  # int64, one row per (delivery day, supplier, item)
    rec_supplier: np.ndarray  # int64
    rec_item: np.ndarray  # int64
    rec_qty: np.ndarray  # int64
    rec_price: np.ndarray  # int64 kopecks per unit (the purchase price on that day)
    cost_item: np.ndarray  # int64, one row per purchase-price record
    cost_day: np.ndarray  # int64 (Period = that day, 00:00)
    cost_kop: np.ndarray  # int64
    cost_receipt: np.ndarray  # int64 index into rec_* of the receipt that set it, −1 for the first


def wb_shipments(stock: np.ndarray, orders: dict[str, np.ndarray], start_day: int) -> np.ndarray:
    """(days, sizes) units that arrived at WB warehouses on each world day from the seller."""
    nd, nb = stock.shape[0] - 1, stock.shape[1]
    day = orders["t0"] // DAY_S - start_day
    placed = np.zeros((nd, nb), dtype=np.int64)
    np.add.at(placed, (day, orders["bar"]), 1)
    rs = orders["restock"]
    ok = (rs >= 0) & (rs < nd)
    back = np.zeros((nd, nb), dtype=np.int64)
    np.add.at(back, (rs[ok], orders["bar"][ok]), 1)
    arrived = (stock[1:].astype(np.int64) - stock[:-1]).sum(axis=2) + placed - back
    return np.maximum(arrived, 0)  # never negative by construction; the clamp guards rounding


def shipments(
    wb_arrived: np.ndarray, ozon_supply: dict[str, np.ndarray], ozon_bar: np.ndarray, n_days: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(day, marketplace, item, qty) rows of goods leaving the main warehouse, summed per key."""
    d, b = np.nonzero(wb_arrived)
    wb = (d - WB_TRANSIT_DAYS, np.zeros(len(d), np.int64), b, wb_arrived[d, b])
    day = np.maximum(ozon_supply["arrive"] - OZON_TRANSIT_DAYS, ozon_supply["ordered"])
    keep = day < n_days
    oz = (
        day[keep],
        np.ones(int(keep.sum()), np.int64),
        ozon_bar[ozon_supply["prod"][keep]],
        ozon_supply["qty"][keep],
    )
    cols = [np.concatenate([a, c]).astype(np.int64) for a, c in zip(wb, oz, strict=True)]
    if not len(cols[0]):
        return tuple(cols)  # type: ignore[return-value]
    order = np.lexsort((cols[2], cols[1], cols[0]))
    day, mp, item, qty = (c[order] for c in cols)
    first = np.ones(len(day), bool)
    first[1:] = (day[1:] != day[:-1]) | (mp[1:] != mp[:-1]) | (item[1:] != item[:-1])
    starts = np.nonzero(first)[0]
    return day[starts], mp[starts], item[starts], np.add.reduceat(qty, starts)


def plan_purchases(
    rng: np.random.Generator,
    n_days: int,
    start_day: int,
    supplier: np.ndarray,
    created_day: np.ndarray,
    cost0: np.ndarray,
    ship: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    monthly: np.ndarray,
) -> Flows:
    """Weekly (or, for `monthly` suppliers, four-weekly) receipts that keep every item in stock.

    `supplier`, `created_day` (world day the item appeared in 1C) and `cost0` (kopecks) are per
    item; items of `monthly` suppliers are consumables: bought in fixed lots, never shipped.
    """
    n_items = len(supplier)
    h0 = -HISTORY_DAYS
    span = n_days - h0
    need = np.zeros((span + 1, n_items), dtype=np.int64)
    np.add.at(need, (ship[0] - h0, ship[2]), ship[3])
    cum = np.concatenate([np.zeros((1, n_items), np.int64), np.cumsum(need, axis=0)])  # cum[k] = Σ need[:k]

    def window(a: int, b: np.ndarray | int, items: np.ndarray) -> np.ndarray:
        """Units shipped on days [a, b) of each item (b may differ per item)."""
        lo = min(max(a - h0, 0), span)
        hi = np.clip(np.asarray(b) - h0, 0, span)
        return cum[hi, items] - cum[lo, items]

    weekly = (cum[-1] / max(span, 1)) * 7
    safety = np.maximum(2, np.ceil(weekly)).astype(np.int64)
    lot = np.where(cost0 < 20_000, 10, np.where(cost0 < 100_000, 5, 1))
    cover = rng.integers(14, 29, n_items)
    consumable_lot = rng.integers(2, 21, n_items) * 100
    weekday = rng.integers(0, 5, int(supplier.max()) + 1)  # each supplier's delivery weekday
    price = cost0.copy()
    bought_before = np.zeros(n_items, bool)
    stock = np.zeros(n_items, dtype=np.int64)
    rec: list[tuple[int, int, int, int, int]] = []
    costs: list[tuple[int, int, int, int]] = []
    days = np.arange(h0, n_days)
    dow = (start_day + days + 3) % 7  # Monday = 0 (1970-01-01, day 0, was a Thursday)
    sup_ids = np.unique(supplier[supplier >= 0])  # −1: bought by nobody (the deleted item)
    # Day by day, so that stock (receipts in the morning, shipments in the afternoon) is exact.
    for day in days.tolist():
        for s in sup_ids.tolist():
            if dow[day - h0] != weekday[s] or (monthly[s] and (day - h0) % 28 >= 7):
                continue
            items = np.nonzero((supplier == s) & (created_day < day))[0]
            if not len(items):
                continue
            if monthly[s]:
                qty = np.where(stock[items] < consumable_lot[items], consumable_lot[items], 0)
            else:
                short = stock[items] - window(day, day + 7, items) < safety[items]
                want = window(day, day + cover[items], items)
                qty = np.where(short, want + safety[items] - stock[items], 0)
                qty = np.where(qty > 0, -(-qty // lot[items]) * lot[items], 0)
            for i, q in zip(items[qty > 0].tolist(), qty[qty > 0].tolist(), strict=True):
                if bought_before[i] and rng.random() < PRICE_CHANGE_P:
                    price[i] = max(100, round(price[i] * rng.uniform(0.94, 1.12)))
                    costs.append((i, day, int(price[i]), len(rec)))
                bought_before[i] = True
                rec.append((day, s, i, q, int(price[i])))
                stock[i] += q
        stock -= need[day - h0]
    r = np.array(rec, dtype=np.int64).reshape(-1, 5)
    c = np.array(costs, dtype=np.int64).reshape(-1, 4)
    first_day = np.maximum(created_day, h0)
    return Flows(
        ship_day=ship[0],
        ship_mp=ship[1].astype(np.int8),
        ship_item=ship[2],
        ship_qty=ship[3],
        rec_day=r[:, 0],
        rec_supplier=r[:, 1],
        rec_item=r[:, 2],
        rec_qty=r[:, 3],
        rec_price=r[:, 4],
        cost_item=np.concatenate([np.arange(n_items), c[:, 0]]),
        cost_day=np.concatenate([first_day, c[:, 1]]),
        cost_kop=np.concatenate([cost0, c[:, 2]]),
        cost_receipt=np.concatenate([np.full(n_items, -1), c[:, 3]]),
    )
