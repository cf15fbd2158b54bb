"""Day-by-day simulation: demand meets stock, supplies refill it, storage accrues.

Columnar throughout: one day is a handful of numpy operations over all sizes and warehouses,
so a year of 10,000 orders a day stays within seconds and a few hundred megabytes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox import lifecycle
from svodka.sandbox.catalog import Catalog, PriceBook
from svodka.sandbox.clock import day_date
from svodka.sandbox.columns import ColumnBuffer
from svodka.sandbox.data import MONTH_SEASON, WAREHOUSES, WEEKDAY
from svodka.sandbox.spec import WorldSpec

ACCEPTANCE_KOP_PER_L = 170  # 1.70 ₽ per litre × warehouse coefficient (economics §1.4)
STORAGE_KOP_FIRST_L = 25.0  # ₽0.25 per unit-day for the first litre, before the coefficient
STORAGE_KOP_EXTRA_L = 8.0  # ₽0.08 per further litre


@dataclass
class Simulation:
    """Everything the day loop produces."""

    orders: dict[str, np.ndarray]  # lifecycle.ORDER_COLUMNS, sorted by order time
    stock: np.ndarray  # (days + 1, sizes, warehouses): stock at 00:00 of each day
    supply_gi: np.ndarray  # one row per supply (incomeID) that reaches a warehouse in the world
    supply_wh: np.ndarray
    supply_day: np.ndarray  # world day of arrival
    supply_cost: np.ndarray  # paid acceptance, kopecks (0 = free acceptance)
    storage_bar: np.ndarray  # one row per (size, week): weekly paid storage
    storage_day: np.ndarray  # world day of the last accrued day of that week
    storage_cost: np.ndarray  # kopecks


def _demand_multiplier(spec: WorldSpec, cat: Catalog, prices: PriceBook, start_day: int) -> np.ndarray:
    """(cards, days) multiplier: month, weekday, category events, promotions, launches."""
    days = np.arange(spec.days)
    dates = [day_date(start_day + d) for d in days]
    month = np.array([MONTH_SEASON[d.month - 1] for d in dates])
    weekday = np.array([WEEKDAY[d.weekday()] for d in dates])
    common = month * weekday
    # Black Friday week lifts everything (economics §6: +38%).
    bf = np.array([d.month == 11 and 20 <= d.day <= 30 and d.weekday() in (3, 4, 5, 6) for d in dates])
    common = common * np.where(bf, 1.38, 1.0)
    per_cat = np.ones((len(cat.categories), spec.days))
    doy = np.array([d.timetuple().tm_yday for d in dates])
    for ci, c in enumerate(cat.categories):
        if c.code == "cosmetics":  # the week before 8 March
            per_cat[ci] *= np.array([1.4 if d.month == 3 and 1 <= d.day <= 7 else 1.0 for d in dates])
        if c.code in ("clothing", "shoes"):  # spring and autumn peaks
            per_cat[ci] *= 1.0 + 0.4 * np.sin(2 * np.pi * (doy - 60) / 182.5)
    mult = common[None, :] * per_cat[cat.card_cat] * prices.lift
    launched = days[None, :] >= cat.card_launch_day[:, None]
    return (mult * launched).astype(np.float32)


def _split(total: np.ndarray, share: np.ndarray) -> np.ndarray:
    """Split integer totals over columns by row shares, exactly (largest remainders)."""
    frac = total[:, None] * share
    base = np.floor(frac).astype(np.int64)
    rem = total - base.sum(axis=1)
    order = np.argsort(-(frac - base), axis=1, kind="stable")
    ranks = np.empty_like(order)
    ranks[np.arange(len(total))[:, None], order] = np.arange(share.shape[1])
    return base + (ranks < rem[:, None])


def simulate(
    spec: WorldSpec, cat: Catalog, prices: PriceBook, rng: np.random.Generator, start_day: int
) -> Simulation:
    """Run the world day by day; see the module docstring."""
    nb, nw, nd = cat.n_bars, spec.warehouses, spec.days
    whs = WAREHOUSES[:nw]
    wh_w = np.array([w.weight for w in whs])
    wh_w /= wh_w.sum()
    # Each size lives in 2–4 "home" warehouses (top-k of weighted Gumbel keys).
    keys = np.log(wh_w)[None, :] + rng.gumbel(size=(nb, nw))
    k = rng.integers(min(2, nw), min(4, nw) + 1, nb)
    ranks = np.argsort(np.argsort(-keys, axis=1), axis=1)
    home = ranks < k[:, None]
    home_share = home * wh_w[None, :]
    home_share /= home_share.sum(axis=1, keepdims=True)

    mult = _demand_multiplier(spec, cat, prices, start_day)
    pop = rng.lognormal(0.0, 1.1, cat.n_cards)  # ~20% of cards bring ~80% of revenue
    # Dearer goods sell fewer units: demand ∝ (price / category median)^-0.7, so the average check
    # stays near the marketplace's (economics §6: ~1,300–1,900 ₽) despite a long price tail.
    charged = prices.price_rub[:, 0] * (100 - prices.discount[:, 0].astype(float)) / 100
    median = np.array([cat.categories[c].price_median for c in cat.card_cat])
    pop /= np.clip(charged / median, 0.2, 20.0) ** 0.7
    # Electronics and fashion sell fewer units per card than consumables.
    pop *= np.array(
        [
            {"electronics": 0.3, "clothing": 0.7, "shoes": 0.6}.get(cat.categories[c].code, 1.0)
            for c in cat.card_cat
        ]
    )
    rate = pop[cat.bar_card] * cat.bar_share
    expected = (rate[:, None] * mult[cat.bar_card]).sum() / nd
    rate *= spec.orders_per_day * 1.05 / max(expected, 1e-9)  # +5%: stock-outs lose some demand

    ctx = lifecycle.DayContext(
        bar_card=cat.bar_card,
        card_spp_lo=np.array([cat.categories[c].spp[0] for c in cat.card_cat]),
        card_spp_hi=np.array([cat.categories[c].spp[1] for c in cat.card_cat]),
        card_comm10=np.array([cat.categories[c].commission_pct10 for c in cat.card_cat], dtype=np.int64),
        card_buyout=cat.card_buyout,
        card_return=np.array([cat.categories[c].return_rate * spec.return_rate_scale for c in cat.card_cat]),
        card_logistics_rub=lifecycle.box_tariff_rub(cat.card_volume),
        wh_delivery_coef=np.array([w.delivery_coef for w in whs]),
        cancel_rate=spec.cancel_rate,
        start_day=start_day,
    )
    vol = cat.card_volume[cat.bar_card]
    unit_cost = (STORAGE_KOP_FIRST_L + STORAGE_KOP_EXTRA_L * np.maximum(vol - 1.0, 0.0))[:, None] * np.array(
        [w.storage_coef for w in whs]
    )[None, :]

    arrivals = np.zeros((nd, nb, nw), dtype=np.int32)
    stock_snap = np.zeros((nd + 1, nb, nw), dtype=np.int32)
    last_income = np.full((nb, nw), 0, dtype=np.int64)
    reorder_days = rng.uniform(10, 20, nb)
    target_days = rng.uniform(30, 60, nb)
    launch = cat.card_launch_day[cat.bar_card]
    stop_day = np.where(rng.random(nb) < spec.discontinued_share, rng.integers(0, nd + 1, nb), nd + 1)
    pending_until = np.full(nb, -1, dtype=np.int64)
    next_gi = 20_000_000 + int(rng.integers(0, 1_000_000))
    supplies: list[tuple[int, int, int, int]] = []  # gi, wh, arrival day, cost
    arriving_gi: dict[int, list[tuple[np.ndarray, np.ndarray, int]]] = {}

    def order_supply(day: int, bars: np.ndarray, qty: np.ndarray, lead: np.ndarray) -> None:
        nonlocal next_gi
        parts = _split(qty, home_share[bars])
        for arrive in np.unique(day + lead):
            sel = (day + lead) == arrive
            for w in range(nw):
                q = parts[sel, w]
                b = bars[sel][q > 0]
                q = q[q > 0]
                if not len(b):
                    continue
                gi = next_gi
                next_gi += int(rng.integers(1, 40))
                coef = rng.choice(4, p=[0.4, 0.3, 0.2, 0.1])
                cost = round(float((q * vol[b]).sum()) * ACCEPTANCE_KOP_PER_L * coef)
                if 0 <= arrive < nd:
                    arrivals[arrive, b, w] += q.astype(np.int32)
                    arriving_gi.setdefault(int(arrive), []).append((b, np.full(len(b), w), gi))
                    supplies.append((gi, w, int(arrive), cost))
        pending_until[bars] = day + lead

    # Opening stock: 20–60 days of cover, from supplies made before the world starts.
    opening = np.where(launch == 0, np.ceil(rate * rng.uniform(20, 60, nb)), 0).astype(np.int64)
    stock = _split(opening, home_share)
    pre_gi = rng.integers(10_000_000, 19_000_000, (nb, nw))
    last_income[:] = np.where(stock > 0, pre_gi, 0)
    stock_snap[0] = stock
    new = np.nonzero(launch > 0)[0]
    if len(new):
        first = np.ceil(rate[new] * rng.uniform(20, 40, len(new))).astype(np.int64) + 3
        order_supply(0, new, first, launch[new] - 1)

    buf = ColumnBuffer(lifecycle.ORDER_DTYPES, int(spec.orders_per_day * nd * 1.15) + 1000)
    st_bar, st_day, st_cost = [], [], []
    week_acc = np.zeros(nb)
    r = spec.dispersion
    for d in range(nd):
        lam = rate * mult[cat.bar_card, d]
        want = rng.negative_binomial(r, r / (r + np.maximum(lam, 1e-12)))
        have = stock.sum(axis=1)
        n = np.minimum(want, have)
        idx = np.nonzero(n)[0]
        if len(idx):
            # Float shares can round one unit past a warehouse's stock: never sell what is not there.
            alloc = np.minimum(_split(n[idx], stock[idx] / have[idx, None]), stock[idx])
            stock[idx] -= alloc
            bi, wi = np.nonzero(alloc)
            cnt = alloc[bi, wi]
            bars = np.repeat(idx[bi], cnt)
            whi = np.repeat(wi, cnt)
            card = cat.bar_card[bars]
            day_orders = lifecycle.make_orders(
                ctx,
                rng,
                d,
                bars,
                whi,
                prices.price_rub[card, d],
                prices.discount[card, d],
                last_income[bars, whi],
            )
            buf.append(day_orders)
            rs = day_orders["restock"]
            ok = (rs >= 0) & (rs < nd)
            np.add.at(arrivals, (rs[ok], day_orders["bar"][ok], day_orders["wh"][ok]), 1)
        stock += arrivals[d]
        for b, w, gi in arriving_gi.pop(d, []):
            last_income[b, w] = gi
        stock_snap[d + 1] = stock
        week_acc += (stock * unit_cost).sum(axis=1)
        if day_date(start_day + d).weekday() == 6 or d == nd - 1:
            kop = np.rint(week_acc).astype(np.int64)
            has = np.nonzero(kop > 0)[0]
            st_bar.append(has)
            st_day.append(np.full(len(has), d))
            st_cost.append(kop[has])
            week_acc[:] = 0
        # Reorder when cover (stock, nothing on the way) drops below the size's reorder point.
        cover_need = (stock.sum(axis=1) < reorder_days * rate) & (pending_until < d)
        need = np.nonzero(cover_need & (launch <= d) & (stop_day > d))[0]
        if len(need):
            qty = np.maximum(np.ceil(target_days[need] * rate[need]) - stock[need].sum(axis=1), 3)
            order_supply(d, need, qty.astype(np.int64), rng.integers(4, 13, len(need)))

    orders = buf.finish()
    sup = np.array(supplies, dtype=np.int64).reshape(-1, 4)
    return Simulation(
        orders=orders,
        stock=stock_snap,
        supply_gi=sup[:, 0],
        supply_wh=sup[:, 1],
        supply_day=sup[:, 2],
        supply_cost=sup[:, 3],
        storage_bar=np.concatenate(st_bar) if st_bar else np.zeros(0, np.int64),
        storage_day=np.concatenate(st_day) if st_day else np.zeros(0, np.int64),
        storage_cost=np.concatenate(st_cost) if st_cost else np.zeros(0, np.int64),
    )
