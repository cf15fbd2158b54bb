"""Ozon day by day: demand meets FBO and FBS stock, postings live their lifecycle, supplies refill.

One posting holds one product (quantity 1, sometimes 2). Outcomes reuse the WB lifecycle codes:
cancelled before shipment, shipped but not bought out (refused at handover or not collected →
status `cancelled`), delivered, delivered and later returned by the buyer. Stock is free stock
(available for sale): a unit leaves it when ordered and comes back 3–10 days after a refusal or
a return (a cancellation before shipment: at the end of that day).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svodka.sandbox import lifecycle
from svodka.sandbox.catalog import Catalog
from svodka.sandbox.clock import DAY_S
from svodka.sandbox.columns import ColumnBuffer
from svodka.sandbox.data import HOUR_WEIGHTS
from svodka.sandbox.demand import _demand_multiplier, _split
from svodka.sandbox.ozon import data as D
from svodka.sandbox.ozon.listing import Listing
from svodka.sandbox.ozon.pricing import OzonPrices
from svodka.sandbox.spec import WorldSpec

CANCEL, REFUSED, BOUGHT, RETURNED = lifecycle.CANCEL, lifecycle.REFUSED, lifecycle.BOUGHT, lifecycle.RETURNED
NEVER = lifecycle.NEVER

# One row per posting. Times are Moscow seconds; money is kopecks per unit.
POSTING_DTYPES: dict[str, type] = {
    "t0": np.int64,  # created_at
    "t_proc": np.int64,  # in_process_at
    "t_pack": np.int64,  # packed: awaiting_packaging → awaiting_deliver
    "t_ship": np.int64,  # shipped: → delivering
    "t_end": np.int64,  # delivered, or cancelled (before shipment, refused, not collected)
    "t_ret": np.int64,  # returned by the buyer after delivery, NEVER otherwise
    "prod": np.int32,  # index into the listing
    "wh": np.int8,  # FBO warehouse index, or n_fbo for the seller's FBS warehouse
    "qty": np.int8,
    "old": np.int32,  # old_price (crossed out), kopecks
    "price": np.int32,  # seller's price after the seller's discount, kopecks
    "comm10": np.int16,  # sales commission, tenths of a percent
    "comm": np.int32,  # sales commission per unit
    "acq": np.int32,  # acquiring per unit
    "log": np.int32,  # direct-flow logistics per unit (the reverse trip costs the same)
    "mile": np.int32,  # last mile per unit
    "outcome": np.int8,
    "restock": np.int32,  # world day the units come back to free stock, -1 never
    "city": np.int8,
    "dlv": np.int8,  # delivery type
    "pay": np.int8,  # payment type
    "cdisc": np.int8,  # discount paid by Ozon, % (buyer price = price × (100 − cdisc))
    "reason": np.int8,  # cancel reason / return reason variant
}
_HOUR_P = np.array(HOUR_WEIGHTS) / sum(HOUR_WEIGHTS)


@dataclass
class OzonSim:
    """What the Ozon day loop produces."""

    postings: dict[str, np.ndarray]  # POSTING_DTYPES, sorted by t0
    stock: np.ndarray  # (days + 1, products, n_fbo + 1) free stock at 00:00; last column = FBS
    supply: dict[str, np.ndarray]  # one row per (FBO supply, product): sid, wh, prod, qty, ordered, arrive
    acceptance: dict[str, np.ndarray]  # one row per FBO supply: sid, wh, arrive, cost (kopecks)
    storage: dict[str, np.ndarray]  # one row per (product, day) with FBO placement: prod, day, cost
    n_fbo: int


def _rate(
    spec: WorldSpec, cat: Catalog, listing: Listing, prices: OzonPrices, mult: np.ndarray, rng
) -> np.ndarray:
    """Units a day per product at multiplier 1, scaled so the world averages `ozon_rate` units."""
    card = cat.bar_card[listing.bar]
    pop = rng.lognormal(0.0, 1.1, len(listing))
    charged = prices.price_kop(card, 0) / 100.0
    median = np.array([cat.categories[cat.card_cat[c]].price_median for c in card.tolist()])
    pop /= np.clip(charged / median, 0.2, 20.0) ** 0.7
    pop *= np.array(
        [
            {"electronics": 0.3, "clothing": 0.7, "shoes": 0.6}.get(cat.categories[cat.card_cat[c]].code, 1.0)
            for c in card.tolist()
        ]
    )
    rate = pop * cat.bar_share[listing.bar]
    expected = (rate[:, None] * mult).sum() / spec.days
    return rate * spec.ozon_rate * 1.05 / max(expected, 1e-9)


def simulate_ozon(
    spec: WorldSpec,
    cat: Catalog,
    listing: Listing,
    prices: OzonPrices,
    rng: np.random.Generator,
    start_day: int,
) -> OzonSim:
    """Run the Ozon side day by day; see the module docstring."""
    n, nd = len(listing), spec.days
    whs = D.FBO_WAREHOUSES[: min(spec.warehouses, len(D.FBO_WAREHOUSES))]
    nw = len(whs)
    card = cat.bar_card[listing.bar]
    vol = cat.card_volume[card]
    first_day = np.maximum(cat.card_launch_day[card], listing.created // DAY_S + 1 - start_day)
    days = np.arange(nd)
    mult = _demand_multiplier(spec, cat, prices.as_pricebook(), start_day)[card] * (
        days[None, :] >= first_day[:, None]
    )
    rate = _rate(spec, cat, listing, prices, mult, rng)
    fbs = spec.ozon_fbs_share
    wh_w = np.array([w.weight for w in whs])
    wh_w /= wh_w.sum()
    keys = np.log(wh_w)[None, :] + rng.gumbel(size=(n, nw))
    k = rng.integers(min(2, nw), min(4, nw) + 1, n)
    home = np.argsort(np.argsort(-keys, axis=1), axis=1) < k[:, None]
    home_share = home * wh_w[None, :]
    home_share /= home_share.sum(axis=1, keepdims=True)
    ctx = _Context(spec, cat, listing, prices, whs, card, vol, start_day)

    stock = np.zeros((n, nw + 1), dtype=np.int64)
    old = first_day <= 0
    stock[:, :nw] = _split(
        np.where(old, np.ceil(rate * (1 - fbs) * rng.uniform(20, 60, n)), 0).astype(np.int64), home_share
    )
    stock[:, nw] = np.where(old, np.ceil(rate * fbs * rng.uniform(10, 30, n)), 0).astype(np.int64)
    snap = np.zeros((nd + 1, n, nw + 1), dtype=np.int32)
    snap[0] = stock
    arrivals = np.zeros((nd + 1, n, nw + 1), dtype=np.int32)
    pending = np.full(n, -1, dtype=np.int64)  # arrival day of the FBO supply on its way
    fbs_pending = np.full(n, -1, dtype=np.int64)
    stop = np.where(rng.random(n) < spec.discontinued_share, rng.integers(0, nd + 1, n), nd + 1)
    reorder, target = rng.uniform(10, 20, n), rng.uniform(30, 60, n)
    supply_rows: list[tuple[int, int, int, int, int, int]] = []
    acceptance: list[tuple[int, int, int, int]] = []
    next_sid = 2_000_000_000 + int(rng.integers(0, 50_000_000))

    def supply_fbo(day: int, prods: np.ndarray, qty: np.ndarray, lead: np.ndarray) -> None:
        nonlocal next_sid
        parts = _split(qty, home_share[prods])
        for arrive in np.unique(day + lead).tolist():
            sel = (day + lead) == arrive
            for w in range(nw):
                q = parts[sel, w]
                p = prods[sel][q > 0]
                q = q[q > 0]
                if not len(p):
                    continue
                sid = next_sid
                next_sid += int(rng.integers(1, 500))
                if arrive <= nd:
                    arrivals[arrive, p, w] += q
                supply_rows.extend(
                    (sid, w, int(pi), int(qi), day, arrive) for pi, qi in zip(p, q, strict=True)
                )
                cost = round(
                    float((q * vol[p]).sum()) * D.ACCEPTANCE_KOP_PER_L * float(rng.choice([0.0, 1.0, 1.5]))
                )
                acceptance.append((sid, w, arrive, cost))
        pending[prods] = day + lead

    new = np.nonzero(first_day > 0)[0]
    if len(new):
        first = np.ceil(rate[new] * (1 - fbs) * rng.uniform(20, 40, len(new))).astype(np.int64) + 2
        supply_fbo(0, new, first, np.maximum(first_day[new] - 1, 0))
        arrivals[np.minimum(first_day[new], nd), new, nw] += (
            np.ceil(rate[new] * fbs * 20).astype(np.int64) + 1
        )

    buf = ColumnBuffer(POSTING_DTYPES, int(spec.ozon_rate * nd * 1.1) + 1000)
    st_prod, st_day, st_cost = [], [], []
    unit_storage = vol * D.STORAGE_KOP_PER_L_DAY
    r = spec.dispersion
    for d in range(nd):
        lam = rate * mult[:, d]
        want = rng.negative_binomial(r, r / (r + np.maximum(lam, 1e-12)))
        want_fbs = rng.binomial(want, fbs)
        take = np.zeros_like(stock)
        take[:, nw] = np.minimum(want_fbs, stock[:, nw])
        have = stock[:, :nw].sum(axis=1)
        n_fbo = np.minimum(want - want_fbs, have)
        idx = np.nonzero(n_fbo)[0]
        if len(idx):
            take[idx, :nw] = np.minimum(
                _split(n_fbo[idx], stock[idx, :nw] / have[idx, None]), stock[idx, :nw]
            )
        stock -= take
        p, w = np.nonzero(take)
        if len(p):
            cnt = take[p, w]
            doubles = rng.binomial(cnt // 2, 0.08)
            singles = cnt - 2 * doubles
            prod = np.concatenate([np.repeat(p, singles), np.repeat(p, doubles)])
            wh = np.concatenate([np.repeat(w, singles), np.repeat(w, doubles)])
            qty = np.concatenate([np.ones(int(singles.sum()), np.int64), np.full(int(doubles.sum()), 2)])
            rows = ctx.postings(rng, d, prod, wh, qty)
            buf.append(rows)
            back = rows["restock"] >= 0
            np.add.at(
                arrivals,
                (np.minimum(rows["restock"][back], nd), rows["prod"][back], rows["wh"][back]),
                rows["qty"][back],
            )
        stock += arrivals[d]
        snap[d + 1] = stock
        cost = np.rint(stock[:, :nw].sum(axis=1) * unit_storage).astype(np.int64)
        has = np.nonzero(cost > 0)[0]
        st_prod.append(has)
        st_day.append(np.full(len(has), d))
        st_cost.append(cost[has])
        cover = stock[:, :nw].sum(axis=1) < reorder * rate * (1 - fbs)
        need = np.nonzero(cover & (pending < d) & (first_day <= d) & (stop > d))[0]
        if len(need):
            qty = np.maximum(np.ceil(target[need] * rate[need] * (1 - fbs)) - stock[need, :nw].sum(axis=1), 3)
            supply_fbo(d, need, qty.astype(np.int64), rng.integers(5, 13, len(need)))
        low = (stock[:, nw] < 5 * rate * fbs) & (fbs_pending < d) & (first_day <= d) & (stop > d)
        low = np.nonzero(low)[0]
        if len(low):  # the seller restocks the own warehouse in 1–3 days
            lead = rng.integers(1, 4, len(low))
            arrivals[np.minimum(d + lead, nd), low, nw] += np.ceil(rate[low] * fbs * 20).astype(np.int64) + 1
            fbs_pending[low] = d + lead

    sup = np.array(supply_rows, dtype=np.int64).reshape(-1, 6)
    acc = np.array(acceptance, dtype=np.int64).reshape(-1, 4)
    return OzonSim(
        postings=buf.finish(),
        stock=snap,
        supply={k: sup[:, i] for i, k in enumerate(("sid", "wh", "prod", "qty", "ordered", "arrive"))},
        acceptance={k: acc[:, i] for i, k in enumerate(("sid", "wh", "arrive", "cost"))},
        storage={
            "prod": np.concatenate(st_prod).astype(np.int32),
            "day": np.concatenate(st_day).astype(np.int32),
            "cost": np.concatenate(st_cost),
        },
        n_fbo=nw,
    )


class _Context:
    """Per-product facts for making postings, prepared once."""

    def __init__(
        self, spec, cat: Catalog, listing: Listing, prices: OzonPrices, whs, card, vol, start_day: int
    ):
        self.spec, self.prices, self.card, self.start_day = spec, prices, card, start_day
        codes = [cat.categories[cat.card_cat[c]].code for c in card.tolist()]
        self.comm10 = np.array([D.COMMISSION_PCT10[c] for c in codes], dtype=np.int64)
        self.buyout = cat.card_buyout[card]
        self.ret = (
            np.array([cat.categories[cat.card_cat[c]].return_rate for c in card.tolist()])
            * spec.return_rate_scale
        )
        base = D.LOGISTICS_KOP_FIRST_L + D.LOGISTICS_KOP_EXTRA_L * np.maximum(vol - 1.0, 0.0)
        coef = np.array([w.logistics_coef for w in whs] + [1.0])
        self.log = np.rint(base[:, None] * coef[None, :]).astype(np.int64)  # (products, warehouses + FBS)
        self.fbs_col = len(whs)

    def postings(
        self, rng, d: int, prod: np.ndarray, wh: np.ndarray, qty: np.ndarray
    ) -> dict[str, np.ndarray]:
        """Postings of world day `d` for the given (product, warehouse, quantity), sorted by time."""
        m = len(prod)
        t0 = (self.start_day + d) * DAY_S + rng.choice(24, m, p=_HOUR_P).astype(np.int64) * 3600
        t0 += rng.integers(0, 3600, m)
        o = np.argsort(t0, kind="stable")
        t0, prod, wh, qty = t0[o], prod[o], wh[o], qty[o]
        card = self.card[prod]
        price = self.prices.price_kop(card, d)
        t_proc = t0 + rng.integers(5, 120, m)
        t_pack = t_proc + rng.integers(3600, 10 * 3600, m)
        t_ship = t_pack + rng.integers(2 * 3600, 24 * 3600, m)
        u = rng.random((m, 3))
        delivered = u[:, 0] >= self.spec.cancel_rate
        bought = delivered & (u[:, 1] < self.buyout[prod])
        returned = bought & (u[:, 2] < self.ret[prod])
        outcome = np.where(returned, RETURNED, np.where(bought, BOUGHT, np.where(delivered, REFUSED, CANCEL)))
        t_cancel = t_proc + ((t_ship - t_proc) * rng.uniform(0.05, 0.95, m)).astype(np.int64)
        t_deliv = t_ship + rng.integers(DAY_S, 5 * DAY_S, m)
        t_refuse = t_ship + rng.integers(2 * DAY_S, 9 * DAY_S, m)
        t_end = np.where(outcome == CANCEL, t_cancel, np.where(outcome == REFUSED, t_refuse, t_deliv))
        t_ret = np.where(returned, t_deliv + rng.integers(DAY_S, 14 * DAY_S, m), NEVER)
        back = rng.integers(3, 11, m)
        end_day = t_end // DAY_S - self.start_day
        ret_day = np.where(returned, t_ret // DAY_S - self.start_day, 0)
        restock = np.select(
            [outcome == CANCEL, outcome == REFUSED, outcome == RETURNED],
            [end_day, end_day + back, ret_day + back],
            -1,
        )
        fbs = wh == self.fbs_col
        comm10 = self.comm10[prod] + np.where(fbs, D.FBS_EXTRA_PCT10, 0)
        acq10 = np.array(D.ACQUIRING_PCT10)[rng.integers(0, len(D.ACQUIRING_PCT10), m)]
        mile = np.clip((price * D.LAST_MILE_PCT10 + 500) // 1000, D.LAST_MILE_MIN_KOP, D.LAST_MILE_MAX_KOP)
        return {
            "t0": t0,
            "t_proc": t_proc,
            "t_pack": t_pack,
            "t_ship": t_ship,
            "t_end": t_end,
            "t_ret": t_ret,
            "prod": prod,
            "wh": wh,
            "qty": qty,
            "old": self.prices.old_rub[card, d].astype(np.int64) * 100,
            "price": price,
            "comm10": comm10,
            "comm": (price * comm10 + 500) // 1000,
            "acq": (price * acq10 + 500) // 1000,
            "log": self.log[prod, wh],
            "mile": mile,
            "outcome": outcome,
            "restock": restock,
            "city": rng.integers(0, len(D.CITIES), m),
            "dlv": rng.choice(len(D.DELIVERY_TYPES), m, p=[0.75, 0.2, 0.05]),
            "pay": rng.integers(0, len(D.PAYMENT_TYPES), m),
            "cdisc": rng.integers(0, 11, m),
            "reason": rng.integers(0, 12, m),
        }
