"""The Yandex Market side of the world: listing, prices, orders, commissions and stock.

Whole cards are listed (about half of them); one offer per catalog barcode with the seller's
`offerId` = the WB vendorCode (+ "-<size>" for multi-size cards) and a `marketSku`. Two
campaigns: FBY (index 0, the Market's warehouse) and FBS (index 1, the seller's warehouse).
Every order holds one item. Outcomes: delivered, cancelled in processing, or delivered and
then returned by the buyer. Amounts are integer kopecks; times are Moscow seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox.catalog import Catalog, PriceBook
from svodka.sandbox.clock import DAY_S
from svodka.sandbox.spec import WorldSpec

DELIVERED, CANCELLED, RETURNED = 0, 1, 2
PLACEMENTS = ("FBY", "FBS")
WAREHOUSES = ((145, "Софьино"), (0, "Склад продавца"))  # FBS warehouse id is derived from the seed
# Commission types of stats/orders (OrdersStatsCommissionType) the world emits → FEE_TYPES.
FEE_OF_COMMISSION = {
    "FEE": "commission",
    "PAYMENT_TRANSFER": "acquiring",
    "DELIVERY_TO_CUSTOMER": "logistics",
    "FULFILLMENT": "logistics",
    "SORTING": "logistics",
    "RETURN_PROCESSING": "return_logistics",
}
SHARE = 0.5


@dataclass(repr=False)
class YmWorld:
    """Everything Yandex Market knows about the seller (columnar, one row per offer / order)."""

    seed: int
    start_day: int
    days: int
    bar: np.ndarray  # int32 catalog barcode index per offer
    offer_id: list[str]
    market_sku: np.ndarray  # int64
    price: np.ndarray  # (offers, days) int64 kopecks, the buyer's price per unit
    orders: dict[str, np.ndarray]  # offer, camp, count, t0, t_end, t_ret, outcome, fees
    stock: np.ndarray  # (days + 1, offers, campaigns) units at 00:00 of each day
    fees: dict[str, np.ndarray]  # commission type → (orders,) kopecks (positive = charged)

    def __repr__(self) -> str:
        return f"YmWorld({len(self.bar)} offers, {len(self.orders['t0'])} orders)"

    @property
    def business_id(self) -> int:
        return 7_000_000 + self.seed % 1_000_000

    @property
    def campaign_ids(self) -> tuple[int, int]:
        """(FBY campaign, FBS campaign)."""
        return (20_000_000 + self.seed % 1_000_000 * 2, 20_000_001 + self.seed % 1_000_000 * 2)

    def warehouse(self, camp: int) -> tuple[int, str]:
        wid, name = WAREHOUSES[camp]
        return (wid or 50_000 + self.seed % 10_000, name)

    def order_ids(self, idx: np.ndarray) -> np.ndarray:
        return 40_000_000_000 + np.asarray(idx, dtype=np.int64) * 7 + self.seed % 7

    def status(self, idx: np.ndarray, now_s: int) -> list[str]:
        """OrdersStatsStatusType of each (created) order at `now_s`."""
        o = self.orders
        out = []
        for i in np.asarray(idx).tolist():
            if now_s < o["t_end"][i]:
                out.append("PROCESSING" if now_s < o["t0"][i] + DAY_S else "DELIVERY")
            elif o["outcome"][i] == CANCELLED:
                out.append("CANCELLED_IN_PROCESSING")
            elif o["outcome"][i] == RETURNED and now_s >= o["t_ret"][i]:
                out.append("RETURNED")
            else:
                out.append("DELIVERED")
        return out

    def snapshot_day(self, now_s: int) -> int | None:
        d = now_s // DAY_S - self.start_day
        return None if d < 0 else min(d, self.days)


def build_ym(
    spec: WorldSpec, cat: Catalog, prices: PriceBook, rng: np.random.Generator, start_day: int
) -> YmWorld:
    """Generate the Yandex Market side from its own random stream."""
    on_card = rng.random(cat.n_cards) < SHARE
    on_card[0] = True
    bars = np.nonzero(on_card[cat.bar_card])[0].astype(np.int32)
    cards = cat.bar_card[bars]
    n, days = len(bars), spec.days
    sizes = np.bincount(cat.bar_card, minlength=cat.n_cards)
    offer_id = [
        f"{cat.card_vendor[c]}-{cat.bar_tech[b]}" if sizes[c] > 1 else cat.card_vendor[c]
        for b, c in zip(bars.tolist(), cards.tolist(), strict=True)
    ]
    market_sku = 100_000_000_000 + rng.choice(900_000_000, n, replace=False).astype(np.int64)
    factor = rng.integers(100, 112, n)  # YM price = WB price after discount × 1.00–1.11, whole roubles
    pwd = prices.price_rub[cards].astype(np.int64) * (100 - prices.discount[cards].astype(np.int64))
    price = (pwd * factor[:, None] // 10_000) * 100

    lam = rng.uniform(0.05, 0.4, n)
    per_day = rng.poisson(np.broadcast_to(lam, (days, n)))
    d_idx, off = np.nonzero(per_day)
    reps = per_day[d_idx, off]
    d_idx, off = np.repeat(d_idx, reps), np.repeat(off, reps)
    m = len(off)
    t0 = (start_day + d_idx) * DAY_S + rng.integers(0, DAY_S, m)
    order = np.lexsort((off, t0))
    d_idx, off, t0 = d_idx[order], off[order], t0[order]
    u = rng.random(m)
    outcome = np.where(u < 0.8, DELIVERED, np.where(u < 0.92, CANCELLED, RETURNED)).astype(np.int8)
    camp = (rng.random(m) < 0.4).astype(np.int8)  # 60% FBY
    count = np.where(rng.random(m) < 0.85, 1, 2).astype(np.int64)
    t_end = np.where(
        outcome == CANCELLED, t0 + rng.integers(3600, 12 * 3600, m), t0 + rng.integers(2, 6, m) * DAY_S
    )
    t_ret = np.where(outcome == RETURNED, t_end + rng.integers(3, 11, m) * DAY_S, 0)
    amount = price[off, d_idx] * count
    live = outcome != CANCELLED
    fees = {
        "FEE": np.where(live, amount * 7 // 100, 0),
        "PAYMENT_TRANSFER": np.where(live, amount * 15 // 1000, 0),
        "DELIVERY_TO_CUSTOMER": np.where(live, 6_000 * count, 0),
        "FULFILLMENT": np.where(live & (camp == 0), 3_500 * count, 0),
        "SORTING": np.where(live & (camp == 1), 2_000, 0),
        "RETURN_PROCESSING": np.where(outcome == RETURNED, 5_000 * count, 0),
    }
    orders = {"offer": off, "camp": camp, "count": count, "t0": t0, "t_end": t_end, "t_ret": t_ret}
    orders |= {"outcome": outcome, "amount": amount, "day": d_idx}

    # Stock at 00:00 of every day: units leave at creation, come back when cancelled or returned.
    stock = np.zeros((days + 1, n, 2), dtype=np.int64)
    ev_t = np.concatenate([t0, np.where(outcome == CANCELLED, t_end, t_ret)])
    ev_q = np.concatenate([-count, np.where(outcome == DELIVERED, 0, count)])
    ev_o, ev_c = np.concatenate([off, off]), np.concatenate([camp, camp])
    ev_d = np.clip((ev_t + DAY_S - 1) // DAY_S - start_day, 0, days + 1)  # first snapshot after the event
    ev_d = np.where(ev_t % DAY_S == 0, ev_t // DAY_S - start_day, ev_d)
    keep = (ev_t > 0) & (ev_d <= days)
    np.add.at(stock, (ev_d[keep], ev_o[keep], ev_c[keep]), ev_q[keep])
    stock = np.cumsum(stock, axis=0)
    stock += (-stock.min(axis=0)) + rng.integers(0, 30, (n, 2))
    return YmWorld(spec.seed, start_day, days, bars, offer_id, market_sku, price, orders, stock, fees)


def finance_lines(ym: YmWorld) -> dict[str, np.ndarray]:
    """Every money movement: t (Moscow s), order, kind ("SALE", "RETURN" or a commission type),
    amount (kopecks, signed for the seller: sales +, refunds and services −), sorted by (t, order)."""
    o = ym.orders
    sold = o["outcome"] != CANCELLED
    ret = o["outcome"] == RETURNED
    parts = [
        (np.nonzero(sold)[0], o["t_end"], "SALE", o["amount"]),
        (np.nonzero(ret)[0], o["t_ret"], "RETURN", -o["amount"]),
    ]
    for kind, fee in ym.fees.items():
        t = o["t_ret"] if kind == "RETURN_PROCESSING" else o["t_end"]
        parts.append((np.nonzero(fee)[0], t, kind, -fee))
    idx = np.concatenate([p[0] for p in parts])
    out = {
        "t": np.concatenate([p[1][p[0]] for p in parts]),
        "order": idx,
        "kind": np.concatenate([np.full(len(p[0]), p[2], dtype=object) for p in parts]),
        "amount": np.concatenate([p[3][p[0]] for p in parts]),
    }
    order = np.lexsort((idx, out["t"]))
    return {k: v[order] for k, v in out.items()}
